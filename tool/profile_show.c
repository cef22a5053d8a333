/*
 * profile_show.c - reading mploop.profile, and `mploop profile show`.
 *
 * The profile (runtime/profile.c writes it, docs/profiling.md describes
 * it) is text: a versioned first line, the program, the run's time, then
 * one tab-separated line per loop.  `mploop profile show` ranks the loops
 * by their share of the run time and says what running each one on W
 * workers would give the whole run by Amdahl's law, 1 / ((1 - p) + p / W);
 * `mploop --suggest --profile` (advise_out.c) adds the same figures to its
 * verdicts.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rewriter.h"

/* The version of the format this reader knows. */
#define PROF_VERSION 1

/* Field s (NUL-terminated) with the writer's escapes \t \n \\ undone, in
 * place. */
static char *unescape(char *s)
{
    char *o = s;
    for (char *i = s; *i; i++) {
        if (*i == '\\' && (i[1] == 't' || i[1] == 'n' || i[1] == '\\')) {
            i++;
            *o++ = *i == 't' ? '\t' : *i == 'n' ? '\n' : '\\';
        } else {
            *o++ = *i;
        }
    }
    *o = 0;
    return s;
}

/* Split line s at its tabs into at most max fields; returns their count. */
static unsigned split(char *s, char **f, unsigned max)
{
    unsigned n = 0;
    while (n < max) {
        f[n++] = s;
        char *t = strchr(s, '\t');
        if (!t)
            break;
        *t = 0;
        s = t + 1;
    }
    return n;
}

/* Whether s is a whole unsigned decimal number; stores it in *v. */
static int number(const char *s, unsigned long long *v)
{
    char *end;
    if (!*s || *s == '-' || *s == '+')
        return 0;
    errno = 0;
    *v = strtoull(s, &end, 10);
    return !*end && errno == 0;
}

/* Read the profile at path (see rewriter.h). */
int rw_prof_read(const char *path, struct rw_prof *p)
{
    memset(p, 0, sizeof *p);
    size_t len;
    char *buf = rw_read_file(path, &len);
    if (!buf) {
        rw_diag_global("error", NULL, "cannot read the profile %s: %s", path, strerror(errno));
        return -1;
    }
    unsigned lineno = 0, cap = 0;
    int have_total = 0;
    const char *bad = NULL;
    for (char *s = buf, *next; s && *s && !bad; s = next) {
        next = strchr(s, '\n');
        if (next)
            *next++ = 0;
        lineno++;
        char *f[10];
        unsigned nf = split(s, f, 10);
        unsigned long long v[6];
        if (lineno == 1) {
            if (nf != 2 || strcmp(f[0], "mploop-profile") || !number(f[1], v))
                bad = "its first line is not 'mploop-profile<TAB>VERSION'";
            else if (v[0] != PROF_VERSION)
                bad = "it is of another version of the format; write it again with this "
                      "version of mploop";
        } else if (!strcmp(f[0], "program") && nf == 2) {
            free(p->program);
            p->program = rw_xstrdup(unescape(f[1]));
        } else if (!strcmp(f[0], "total_ns") && nf == 2 && number(f[1], v)) {
            p->total_ns = v[0];
            have_total = 1;
        } else if (!strcmp(f[0], "loop")) {
            if (nf != 10 || !number(f[1], &v[0]) || !number(f[2], &v[1]) ||
                !number(f[4], &v[2]) || !number(f[5], &v[3]) || !number(f[7], &v[4]) ||
                !number(f[8], &v[5])) {
                bad = "a loop line does not have the 10 fields of the format";
                break;
            }
            unsigned long long ns;
            if (!number(f[9], &ns) || v[1] >= v[0]) {
                bad = "a loop line does not have the 10 fields of the format";
                break;
            }
            if (p->n == cap) {
                cap = cap ? 2 * cap : 32;
                p->v = rw_xrealloc(p->v, cap * sizeof *p->v);
            }
            struct rw_prof_loop *l = &p->v[p->n++];
            l->id = (unsigned)v[0];
            l->parent = (unsigned)v[1];
            l->file = rw_xstrdup(unescape(f[3]));
            l->line = (unsigned)v[2];
            l->col = (unsigned)v[3];
            l->func = rw_xstrdup(unescape(f[6]));
            l->entries = v[4];
            l->iterations = v[5];
            l->ns = ns;
        } else if (f[0][0] != '#' && f[0][0] != 0) {
            bad = "a line starts with an unknown word";
        }
    }
    if (!bad && !have_total)
        bad = lineno ? "it has no 'total_ns' line" : "it is empty";
    free(buf);
    if (bad) {
        rw_diag_global("error", NULL, "%s is not a profile mploop can read (line %u): %s", path,
                       lineno, bad);
        return -1;
    }
    return 0;
}

/* The loop of p whose id is id, or NULL. */
static const struct rw_prof_loop *by_id(const struct rw_prof *p, unsigned id)
{
    for (unsigned i = 0; id && i < p->n; i++)
        if (p->v[i].id == id)
            return &p->v[i];
    return NULL;
}

/* The part of path after its last slash. */
static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* The loop of p at file:line:col (see rewriter.h). */
const struct rw_prof_loop *rw_prof_find(const struct rw_prof *p, const char *file,
                                        unsigned line, unsigned col)
{
    const struct rw_prof_loop *same_base = NULL;
    for (unsigned i = 0; i < p->n; i++) {
        const struct rw_prof_loop *l = &p->v[i];
        if (l->line != line || l->col != col)
            continue;
        if (!strcmp(l->file, file))
            return l;
        if (!strcmp(base_name(l->file), base_name(file)))
            same_base = l;
    }
    return same_base;
}

/* The share of the run time of loop l of p (see rewriter.h). */
double rw_prof_share(const struct rw_prof *p, const struct rw_prof_loop *l)
{
    if (!p->total_ns || !l)
        return 0;
    double s = (double)l->ns / (double)p->total_ns;
    return s > 1 ? 1 : s;
}

/* Amdahl's law (see rewriter.h). */
double rw_amdahl(double share, unsigned workers)
{
    if (workers == 0)
        workers = 1;
    return 1 / ((1 - share) + share / workers);
}

/* Duration ns as text with a unit suited to its size, into buf. */
static const char *duration(char *buf, size_t n, double ns)
{
    if (ns >= 1e9)
        snprintf(buf, n, "%.3f s", ns / 1e9);
    else if (ns >= 1e6)
        snprintf(buf, n, "%.3f ms", ns / 1e6);
    else if (ns >= 1e3)
        snprintf(buf, n, "%.3f us", ns / 1e3);
    else
        snprintf(buf, n, "%.0f ns", ns);
    return buf;
}

/* The profile whose loops are ranked, for qsort. */
static const struct rw_prof *ranked;

/* Order of the loops of `ranked` (indices): inclusive time, most first;
 * then file, line and column. */
static int by_time(const void *pa, const void *pb)
{
    const struct rw_prof_loop *a = &ranked->v[*(const unsigned *)pa];
    const struct rw_prof_loop *b = &ranked->v[*(const unsigned *)pb];
    if (a->ns != b->ns)
        return a->ns > b->ns ? -1 : 1;
    int c = strcmp(a->file, b->file);
    if (c)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return (a->col > b->col) - (a->col < b->col);
}

/* Print the ranking of the loops of p for w workers to f. */
static void show(FILE *f, const char *path, const struct rw_prof *p, unsigned w)
{
    unsigned *order = rw_xmalloc((p->n + 1) * sizeof *order);
    for (unsigned i = 0; i < p->n; i++)
        order[i] = i;
    ranked = p;
    qsort(order, p->n, sizeof *order, by_time);
    char t[32];
    fprintf(f, "profile %s of %s: run time %s, %u loop%s; speed-up: the whole run's, with the loop "
            "on %u worker%s\n", path, p->program ? p->program : "(unknown)",
            duration(t, sizeof t, (double)p->total_ns), p->n, p->n == 1 ? "" : "s", w,
            w == 1 ? "" : "s");
    fprintf(f, "%4s %7s %8s %12s %10s %12s %12s  %s\n", "rank", "share", "speed-up", "time",
            "entries", "iterations", "per entry", "loop (function) [inside]");
    for (unsigned r = 0; r < p->n; r++) {
        const struct rw_prof_loop *l = &p->v[order[r]];
        double share = rw_prof_share(p, l);
        char per[32];
        fprintf(f, "%4u %6.1f%% %8.2f %12s %10llu %12llu %12s  %s:%u:%u (%s)", r + 1,
                100 * share, rw_amdahl(share, w), duration(t, sizeof t, (double)l->ns),
                l->entries, l->iterations,
                l->entries ? duration(per, sizeof per, (double)l->ns / (double)l->entries) : "-",
                l->file, l->line, l->col, l->func);
        for (const struct rw_prof_loop *q = by_id(p, l->parent); q; q = by_id(p, q->parent))
            fprintf(f, " [in %s:%u]", q->file, q->line);
        fputc('\n', f);
    }
    free(order);
}

/* Parse `--workers N` at argv[*i] (value in argv[*i + 1] or after `=`)
 * into *w (see rewriter.h). */
int rw_workers_option(int argc, char **argv, int *i, unsigned *w)
{
    const char *a = argv[*i], *v;
    if (!strncmp(a, "--workers=", 10))
        v = a + 10;
    else if (!strcmp(a, "--workers") && *i + 1 < argc)
        v = argv[++*i];
    else if (!strcmp(a, "--workers")) {
        fprintf(stderr, "mploop: error: missing argument after '--workers'\n");
        return -1;
    } else
        return 0;
    unsigned long long n;
    if (!number(v, &n) || n == 0 || n > 4096) {
        fprintf(stderr, "mploop: error: invalid value '%s' in '--workers' (expected a number "
                "of workers, 1 to 4096)\n", v);
        return -1;
    }
    *w = (unsigned)n;
    return 1;
}

/* `mploop profile show [--workers N] [FILE]` (see rewriter.h). */
int rw_profile_main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "show") != 0) {
        fprintf(stderr, "mploop: error: expected 'mploop profile show [--workers N] "
                "[mploop.profile]'\n");
        return 2;
    }
    const char *path = NULL;
    unsigned w = 0;
    for (int i = 2; i < argc; i++) {
        int r = rw_workers_option(argc, argv, &i, &w);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "mploop: error: unknown option '%s' of 'mploop profile show'\n",
                    argv[i]);
            return 2;
        }
        if (path) {
            fprintf(stderr, "mploop: error: more than one profile ('%s' and '%s')\n", path,
                    argv[i]);
            return 2;
        }
        path = argv[i];
    }
    struct rw_prof p;
    if (rw_prof_read(path ? path : "mploop.profile", &p))
        return 1;
    show(stdout, path ? path : "mploop.profile", &p, w ? w : rw_cpu_count());
    if (fflush(stdout) != 0) {
        rw_diag_global("error", NULL, "cannot write the output: %s", strerror(errno));
        return 1;
    }
    return 0;
}
