/*
 * advise_out.c - the verdicts of `mploop --suggest`, as text or JSON.
 *
 * Text: one line per for statement, in source order, located as the
 * compiler locates a diagnostic:
 *
 *   file.c:12:5: parallel: #pragma mploop for reduction(+:sum) private(t)
 *   file.c:14:9: parallel (inside the loop at line 12): #pragma mploop for
 *   file.c:20:5: blocked: loop-carried flow dependence: iteration i writes ...
 *   file.c:30:5: unknown: b is passed to a call to f
 *
 * JSON: one document, {"version": 1, "file": ..., "loops": [...]}, whose
 * schema docs/advisor.md describes.
 *
 * With a profile (--profile FILE), the loops are listed by their share of
 * the profiled run's time, most first, those the profile has no samples of
 * last in source order, and each verdict gets its share and the speed-up
 * of the whole run with that loop on the workers (Amdahl's law).
 */
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

static const char *const verdict_names[] = { "parallel", "blocked", "unknown" };
static const char *const dep_kinds[] = { "flow", "anti", "output" };

/* The note in parentheses after a parallel verdict that says why the loop
 * is not one --apply annotates (heap; NULL when it is). */
static char *why_not_chosen(const struct rw_advice *v, unsigned i)
{
    const struct rw_advice *a = &v[i];
    if (a->verdict != RW_ADV_PARALLEL || a->chosen)
        return NULL;
    if (a->annotated)
        return rw_xstrdup("annotated already");
    if (a->in_annotated >= 0)
        return rw_xasprintf("inside the annotated loop at line %u", v[a->in_annotated].line);
    if (a->holds_annotated >= 0)
        return rw_xasprintf("holds the annotated loop at line %u", v[a->holds_annotated].line);
    for (int j = a->parent; j >= 0; j = v[j].parent)
        if (v[j].chosen)
            return rw_xasprintf("inside the loop at line %u", v[j].line);
    if (a->small)
        return rw_xasprintf("not worth a process: %llu iterations, no loop or call inside",
                            a->trips);
    return NULL;
}

/* Print one access of a dependence as a JSON object. */
static void json_access(FILE *f, const struct rw_src *src, const char *text, size_t off,
                        const char *iteration)
{
    unsigned line, col;
    rw_linecol(src, off, &line, &col);
    fputs("{\"text\": ", f);
    rw_json_string(f, text);
    fprintf(f, ", \"line\": %u, \"column\": %u, \"iteration\": \"%s\"}", line, col, iteration);
}

/* Print the dependence of a as a JSON object (or null). */
static void json_dep(FILE *f, const struct rw_src *src, const struct rw_advice *a)
{
    if (!a->has_dep) {
        fputs("null", f);
        return;
    }
    const struct rw_dep *d = &a->dep;
    fputs("{\"kind\": ", f);
    rw_json_string(f, d->kind >= 0 && d->kind <= 2 ? dep_kinds[d->kind] : "unknown");
    fputs(", \"description\": ", f);
    rw_json_string(f, a->dep_text);
    fputs(", \"accesses\": [", f);
    json_access(f, src, d->first_text, d->first_off, "earlier");
    fputs(", ", f);
    json_access(f, src, d->second_text, d->second_off, "later");
    fputs("], \"distance\": ", f);
    if (d->dist_known) {
        fputc('[', f);
        for (unsigned k = 0; k < a->dep_levels; k++)
            fprintf(f, "%s%ld", k ? ", " : "", d->dist[k]);
        fputc(']', f);
    } else {
        fputs("null", f);
    }
    fputc('}', f);
}

/* The order the loops are printed in: source order, or with a profile by
 * share (see the top of the file); order[k] is the k-th loop's index. */
static unsigned *print_order(const struct rw_src *src, const struct rw_advise_opts *o,
                             const struct rw_advice *v, unsigned n)
{
    unsigned *order = rw_xmalloc((n + 1) * sizeof *order);
    unsigned long long *ns = rw_xmalloc((n + 1) * sizeof *ns);
    for (unsigned i = 0; i < n; i++) {
        const struct rw_prof_loop *l =
            o->prof ? rw_prof_find(o->prof, src->path, v[i].line, v[i].col) : NULL;
        /* a loop never entered ranks with those without samples */
        ns[i] = l && l->entries ? l->ns + 1 : 0;
        order[i] = i;
    }
    for (unsigned i = 1; i < n; i++) /* insertion sort: stable */
        for (unsigned j = i; j > 0 && ns[order[j]] > ns[order[j - 1]]; j--) {
            unsigned x = order[j];
            order[j] = order[j - 1];
            order[j - 1] = x;
        }
    free(ns);
    return order;
}

/* The profile's figures of loop a as JSON (an object, or null without
 * samples). */
static void json_profile(FILE *f, const struct rw_src *src, const struct rw_advise_opts *o,
                         const struct rw_advice *a)
{
    const struct rw_prof_loop *l = rw_prof_find(o->prof, src->path, a->line, a->col);
    if (!l || !l->entries) {
        fputs("null", f);
        return;
    }
    double share = rw_prof_share(o->prof, l);
    fprintf(f, "{\"entries\": %llu, \"iterations\": %llu, \"time_s\": %.9f, "
            "\"share\": %.6f, \"speedup\": %.4f}", l->entries, l->iterations,
            (double)l->ns / 1e9, share, rw_amdahl(share, o->workers));
}

/* The profile's figures of loop a for its text line (heap). */
static char *text_profile(const struct rw_src *src, const struct rw_advise_opts *o,
                          const struct rw_advice *a)
{
    const struct rw_prof_loop *l = rw_prof_find(o->prof, src->path, a->line, a->col);
    if (!l || !l->entries)
        return rw_xstrdup(" [profile: no samples]");
    double share = rw_prof_share(o->prof, l);
    return rw_xasprintf(" [profile: %.1f%% of the run time, speed-up %.2f on %u worker%s]",
                        100 * share, rw_amdahl(share, o->workers), o->workers,
                        o->workers == 1 ? "" : "s");
}

/* Print the JSON document of the verdicts. */
static void print_json(FILE *f, const struct rw_src *src, const struct rw_advise_opts *o,
                       const struct rw_advice *v, unsigned n)
{
    fputs("{\n  \"version\": 1,\n  \"file\": ", f);
    rw_json_string(f, src->path);
    fprintf(f, ",\n  \"assume_no_alias\": %s,\n", o->assume_no_alias ? "true" : "false");
    if (o->prof) {
        fputs("  \"profile\": {\"file\": ", f);
        rw_json_string(f, o->prof_path);
        fprintf(f, ", \"run_time_s\": %.9f, \"workers\": %u},\n",
                (double)o->prof->total_ns / 1e9, o->workers);
    }
    fputs("  \"loops\": [", f);
    unsigned *order = print_order(src, o, v, n);
    for (unsigned k = 0; k < n; k++) {
        unsigned i = order[k];
        const struct rw_advice *a = &v[i];
        fputs(k ? ",\n    {" : "\n    {", f);
        fputs("\"file\": ", f);
        rw_json_string(f, src->path);
        fprintf(f, ", \"line\": %u, \"column\": %u, \"depth\": %u, \"parent_line\": ", a->line,
                a->col, a->depth);
        if (a->parent >= 0)
            fprintf(f, "%u", v[a->parent].line);
        else
            fputs("null", f);
        fprintf(f, ", \"annotated\": %s, \"verdict\": \"%s\", \"pragma\": ",
                a->annotated ? "true" : "false", verdict_names[a->verdict]);
        char *pragma = a->verdict == RW_ADV_PARALLEL
                           ? rw_xasprintf("#pragma mploop for%s", a->clauses ? a->clauses : "")
                           : NULL;
        rw_json_string(f, pragma);
        free(pragma);
        fputs(", \"reason\": ", f);
        rw_json_string(f, a->reason);
        if (a->reason) {
            unsigned line, col;
            rw_linecol(src, a->reason_off, &line, &col);
            fprintf(f, ", \"reason_line\": %u, \"reason_column\": %u", line, col);
        } else {
            fputs(", \"reason_line\": null, \"reason_column\": null", f);
        }
        fprintf(f, ", \"alias_only\": %s, \"snapshot\": %s, \"not_worth_it\": %s, "
                "\"trip_count\": ", a->alias_only ? "true" : "false",
                a->snapshot ? "true" : "false", a->small ? "true" : "false");
        if (a->small)
            fprintf(f, "%llu", a->trips);
        else
            fputs("null", f);
        fputs(", \"note\": ", f);
        char *note = why_not_chosen(v, i);
        rw_json_string(f, note);
        free(note);
        fputs(", \"dependence\": ", f);
        json_dep(f, src, a);
        fprintf(f, ", \"chosen_for_apply\": %s", a->chosen ? "true" : "false");
        if (o->prof) {
            fputs(", \"profile\": ", f);
            json_profile(f, src, o, a);
        }
        fputc('}', f);
    }
    free(order);
    fputs(n ? "\n  ]\n}\n" : "]\n}\n", f);
}

/* Print the verdicts (see rewriter.h). */
void rw_advise_print(FILE *f, const struct rw_src *src, const struct rw_advise_opts *o,
                     const struct rw_advice *v, unsigned n)
{
    if (o->json) {
        print_json(f, src, o, v, n);
        return;
    }
    unsigned *order = print_order(src, o, v, n);
    for (unsigned k = 0; k < n; k++) {
        unsigned i = order[k];
        const struct rw_advice *a = &v[i];
        char *prof = o->prof ? text_profile(src, o, a) : rw_xstrdup("");
        fprintf(f, "%s:%u:%u: %s", src->path, a->line, a->col, verdict_names[a->verdict]);
        if (a->verdict != RW_ADV_PARALLEL) {
            fprintf(f, ": %s%s\n", a->reason ? a->reason : "", prof);
            free(prof);
            continue;
        }
        char *note = why_not_chosen(v, i);
        if (note)
            fprintf(f, " (%s)", note);
        free(note);
        fprintf(f, ": #pragma mploop for%s", a->clauses ? a->clauses : "");
        if (a->snapshot)
            fprintf(f, " (runs in snapshot mode: anti-dependence: %s)", a->snapshot_why);
        fprintf(f, "%s\n", prof);
        free(prof);
    }
    free(order);
}
