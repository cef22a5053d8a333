/*
 * report.c - every line the runtime writes on stderr.
 *
 * Why this file exists: reports are the runtime's user interface, so their
 * wording lives in one place.  They are also written at the most delicate
 * moment, in the parent between fork and merge, when the parent must not
 * touch memory the merge compares against: no malloc, no stdio.  So each
 * line is formatted with snprintf into a buffer on the stack and written
 * with one write(2), which also keeps lines from different processes whole.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* Size of one report line; longer lines are cut (with their newline kept). */
#define REPORT_LINE 1024

/* Both: append a formatted piece to buf (holding *len bytes of size
 * REPORT_LINE), cutting at the end of the buffer. */
static void report_vappend(char *buf, size_t *len, const char *fmt, va_list ap)
{
    if (*len >= REPORT_LINE - 1)
        return;
    int n = vsnprintf(buf + *len, REPORT_LINE - 1 - *len, fmt, ap);
    if (n < 0)
        return;
    *len += (size_t)n;
    if (*len > REPORT_LINE - 2)
        *len = REPORT_LINE - 2;
}

/* Both: printf-style report_vappend. */
static void report_append(char *buf, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void report_append(char *buf, size_t *len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_vappend(buf, len, fmt, ap);
    va_end(ap);
}

/* Both: end the line with a newline and write it to stderr at once. */
static void report_flush(char *buf, size_t len)
{
    buf[len++] = '\n';
    mploop__os_write_all(2, buf, len);
}

/* Both: `mploop: KIND: FILE:LINE: ` (`mploop: KIND: ` when site is NULL)
 * followed by the message. */
static void report_vline(const char *kind, const mploop_site *site, const char *fmt,
                         va_list ap)
{
    char buf[REPORT_LINE];
    size_t len = 0;
    report_append(buf, &len, "mploop: %s: ", kind);
    if (site)
        report_append(buf, &len, "%s:%u: ", site->file, site->line);
    report_vappend(buf, &len, fmt, ap);
    report_flush(buf, len);
}

/* Both: an error line naming the loop at site (none when NULL). */
void mploop__error(const mploop_site *site, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_vline("error", site, fmt, ap);
    va_end(ap);
}

/* Both: a warning line naming the loop at site. */
void mploop__warning(const mploop_site *site, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_vline("warning", site, fmt, ap);
    va_end(ap);
}

/* Both: a note line that adds detail to the error before it. */
void mploop__note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_vline("note", NULL, fmt, ap);
    va_end(ap);
}

/* Both: see internal.h. */
void mploop__text_put(char *buf, size_t n, size_t *len, const char *fmt, ...)
{
    if (*len + 1 >= n)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf + *len, n - *len, fmt, ap);
    va_end(ap);
    if (k > 0)
        *len = *len + (size_t)k < n ? *len + (size_t)k : n - 1;
}

/* Both: `mploop: FILE:LINE: TRIP iterations on N workers, schedule KIND`
 * with `,CHUNK` after the kind when the schedule has a chunk size;
 * `... pipeline on N workers` for a pipeline. */
void mploop__verbose_forked(const mploop_site *site, uint64_t trip, unsigned n,
                            const struct mploop__sched *s)
{
    static const char *const kinds[] = {"static", "dynamic", "guided", "auto"};
    const char *kind = s->kind >= 0 && s->kind <= 3 ? kinds[s->kind] : "static";
    char buf[REPORT_LINE];
    size_t len = 0;
    if (site->flags & MPLOOP_SITE_PIPELINE) {
        report_append(buf, &len, "mploop: %s:%u: pipeline on %u workers", site->file,
                      site->line, n);
        report_flush(buf, len);
        return;
    }
    report_append(buf, &len, "mploop: %s:%u: %" PRIu64 " iterations on %u workers, schedule %s",
                  site->file, site->line, trip, n, kind);
    if (s->chunk)
        report_append(buf, &len, ",%" PRIu64, s->chunk);
    report_flush(buf, len);
}

/* Parent: `mploop: FILE:LINE: team: resumed N parked workers`, or
 * `... team: forked N workers (why the parked team could not run it)`,
 * ending `; they will not park (reason)` when err says they cannot. */
void mploop__verbose_team(const mploop_site *site, unsigned n, const char *why, int err,
                          const char *tracker)
{
    char buf[REPORT_LINE];
    size_t len = 0;
    if (!why) {
        report_append(buf, &len, "mploop: %s:%u: team: resumed %u parked workers", site->file,
                      site->line, n);
    } else {
        report_append(buf, &len, "mploop: %s:%u: team: forked %u workers (%s)", site->file,
                      site->line, n, why);
        if (err == -EOPNOTSUPP)
            report_append(buf, &len, "; they will not park: the %s tracker cannot list the "
                          "parent's writes (uffd can)", tracker ? tracker : "chosen");
        else if (err == -EBUSY)
            report_append(buf, &len, "; they will not park: the program has more than one "
                          "thread");
        else if (err)
            report_append(buf, &len, "; they will not park (%s)", mploop__os_errno_text(err));
    }
    report_flush(buf, len);
}

/* Parent: `mploop: FILE:LINE: joined N workers (MODE mode): P pages shipped,
 * B bytes merged, wait W ms, merge M ms`. */
void mploop__verbose_joined(const mploop_site *site, unsigned n, int snapshot, uint64_t pages,
                            uint64_t changed, uint64_t wait_ns, uint64_t merge_ns)
{
    char buf[REPORT_LINE];
    size_t len = 0;
    report_append(buf, &len, "mploop: %s:%u: joined %u workers (%s mode): %" PRIu64 " pages "
                  "shipped, %" PRIu64 " bytes merged, wait %" PRIu64 ".%03u ms, merge %"
                  PRIu64 ".%03u ms", site->file, site->line, n, snapshot ? "snapshot" : "direct",
                  pages, changed, wait_ns / 1000000, (unsigned)(wait_ns / 1000 % 1000),
                  merge_ns / 1000000, (unsigned)(merge_ns / 1000 % 1000));
    report_flush(buf, len);
}

/* Parent: `mploop: FILE:LINE: threads: waited W ms for a loop of another
 * thread` when the loop waited wait_ns for the loop lock (threads.c), or,
 * with waited 0, `... threads: runs in-process beside a loop of another
 * thread`. */
void mploop__verbose_threads(const mploop_site *site, int waited, uint64_t wait_ns)
{
    char buf[REPORT_LINE];
    size_t len = 0;
    if (waited)
        report_append(buf, &len, "mploop: %s:%u: threads: waited %" PRIu64 ".%03u ms for a loop "
                      "of another thread (one loop runs on workers at a time)", site->file,
                      site->line, wait_ns / 1000000, (unsigned)(wait_ns / 1000 % 1000));
    else
        report_append(buf, &len, "mploop: %s:%u: threads: runs in-process beside a loop of "
                      "another thread", site->file, site->line);
    report_flush(buf, len);
}

/* Both: `mploop: FILE:LINE: TRIP iterations in-process (REASON)`, or
 * `... pipeline in-process (REASON)`. */
void mploop__verbose_inprocess(const mploop_site *site, uint64_t trip, const char *reason)
{
    char buf[REPORT_LINE];
    size_t len = 0;
    if (site->flags & MPLOOP_SITE_PIPELINE)
        report_append(buf, &len, "mploop: %s:%u: pipeline in-process (%s)", site->file,
                      site->line, reason);
    else
        report_append(buf, &len, "mploop: %s:%u: %" PRIu64 " iterations in-process (%s)",
                      site->file, site->line, trip, reason);
    report_flush(buf, len);
}

/* Both: append `LEAD VAR = VALUE` (LEAD is " at iteration" or
 * "iteration") for iteration index k of a loop whose variable starts at lb
 * and moves by step: signed or unsigned as the site says; `LEAD K` (the
 * index) for pointer and collapsed loops; ` before its first iteration`
 * when k is UINT64_MAX. */
static void report_iteration_as(char *buf, size_t *len, const mploop_site *site, int64_t lb,
                                int64_t step, uint64_t k, const char *lead)
{
    if (k == UINT64_MAX) {
        report_append(buf, len, " before its first iteration");
        return;
    }
    if (site->flags & MPLOOP_SITE_PIPELINE) {
        /* A pipeline's step: item * stages + stage; lb holds the stages'
         * kinds, two bits each (pipeline.c). */
        static const char *const kinds[] = { "serial in order", "serial", "parallel", "?" };
        uint64_t n = step > 0 ? (uint64_t)step : 1, stage = k % n;
        const char *how = strcmp(lead, " at iteration") == 0 ? " in " : lead[0] == ' ' ? " " : "";
        report_append(buf, len, "%sstage %" PRIu64 " (%s), item %" PRIu64, how, stage,
                      kinds[((uint64_t)lb >> (2 * stage)) & 3], k / n);
        return;
    }
    uint64_t v = (uint64_t)lb + k * (uint64_t)step;
    if (site->flags & (MPLOOP_SITE_VAR_POINTER | MPLOOP_SITE_COLLAPSED))
        report_append(buf, len, "%s %" PRIu64, lead, k);
    else if (site->flags & MPLOOP_SITE_VAR_SIGNED)
        report_append(buf, len, "%s %s = %" PRId64, lead, site->var, (int64_t)v);
    else
        report_append(buf, len, "%s %s = %" PRIu64, lead, site->var, v);
}

/* Both: report_iteration_as with the lead " at iteration". */
static void report_iteration(char *buf, size_t *len, const mploop_site *site, int64_t lb,
                             int64_t step, uint64_t k)
{
    report_iteration_as(buf, len, site, lb, step, k, " at iteration");
}

/* Parent: `mploop: FILE:LINE: iteration VAR = V called exit(STATUS); ...`
 * (MPLOOP_VERBOSE): the body ended the program in a worker. */
void mploop__verbose_program_exit(const mploop_site *site, int64_t lb, int64_t step,
                                  uint64_t k, int status)
{
    char buf[REPORT_LINE];
    size_t len = 0;
    report_append(buf, &len, "mploop: %s:%u:", site->file, site->line);
    report_iteration_as(buf, &len, site, lb, step, k, " iteration");
    report_append(buf, &len, " called exit(%d); the program ends with that status, as the "
                  "sequential loop would have", status);
    report_flush(buf, len);
}

/* The array of the enclosing function describe.c last found an address
 * in (mploop__report_local_array). */
static struct {
    uintptr_t addr;
    char name[256];
} report_array MPLOOP__STATE;

/* Parent: see internal.h. */
void mploop__report_local_array(uintptr_t addr, const char *name, size_t len)
{
    report_array.addr = addr;
    snprintf(report_array.name, sizeof report_array.name, "%.*s", (int)len, name);
}

/* Both: what happens next under `policy`, as the end of a note. */
static const char *report_next(int policy)
{
    switch (policy) {
    case MPLOOP__ON_ERROR_RETURN:
        return "the program continues after the loop with memory as before it "
               "(MPLOOP_ON_ERROR=return)";
    case MPLOOP__ON_ERROR_SERIAL:
        return "the loop runs again in-process (MPLOOP_ON_ERROR=serial)";
    default:
        return NULL;
    }
}

/* Parent: the report of a failed loop, e.g.
 *   mploop: error: prog.c:12: worker 1 (pid 4242) killed by SIGSEGV
 *   (Segmentation fault) at iteration i = 37
 *   mploop: error: prog.c:12: iteration i = 7 failed: bad row 7
 * followed by a note on what the failure means and what happens next, and,
 * with `others`, how many more workers failed.  A loop stopped by a signal
 * to the parent is not reported: the process ends by that signal. */
void mploop__report_failure(const mploop_site *site, int64_t lb, int64_t step,
                            const struct mploop__failure *f, unsigned others, int policy)
{
    const struct mploop__fail_info *fi = mploop__fail_info(f->kind);
    char buf[REPORT_LINE];
    char text[MPLOOP__MSG_MAX + 64];
    size_t len = 0;
    const char *next = report_next(policy);
    int has_worker = f->worker != UINT32_MAX;
    if (fi->shape == MPLOOP__SHAPE_NONE)
        return;
    mploop__failure_text(f, text, sizeof text);
    report_append(buf, &len, "mploop: error: %s:%u: ", site->file, site->line);
    switch (fi->shape) {
    case MPLOOP__SHAPE_ITERATION:
        if (f->iter == UINT64_MAX)
            report_append(buf, &len, "loop failed: %s", text);
        else {
            report_iteration_as(buf, &len, site, lb, step, f->iter, "iteration");
            report_append(buf, &len, " failed: %s", text);
        }
        break;
    case MPLOOP__SHAPE_PLAIN:
        report_append(buf, &len, "%s", text);
        if (fi->iteration)
            report_iteration(buf, &len, site, lb, step, f->iter);
        break;
    case MPLOOP__SHAPE_LOOP:
        report_append(buf, &len, "loop %s", text);
        if (has_worker) {
            report_append(buf, &len, "; worker %u (pid %d) was still running", f->worker,
                          (int)f->pid);
            if (f->iter != UINT64_MAX && fi->iteration)
                report_append(buf, &len, ",");
            if (fi->iteration)
                report_iteration(buf, &len, site, lb, step, f->iter);
        }
        break;
    default: /* MPLOOP__SHAPE_WORKER */
        report_append(buf, &len, "worker %u (pid %d) %s", f->worker, (int)f->pid, text);
        if (fi->iteration)
            report_iteration(buf, &len, site, lb, step, f->iter);
        break;
    }
    report_flush(buf, len);
    /* Details beyond the report line, one note each. */
    if (fi->args == MPLOOP__ARGS_DETAILS)
        for (const char *d = strchr(f->msg, '\n'); d; d = strchr(d + 1, '\n'))
            mploop__note("%.*s", (int)strcspn(d + 1, "\n"), d + 1);

    /* The note: what the failure means, then what happens next.  A race on
     * an array of the enclosing function is most often scratch space that
     * every iteration fills: say how to make it per iteration (a reduction
     * cannot hold an array). */
    char lead[REPORT_LINE];
    const char *what = fi->note;
    if ((site->flags & MPLOOP_SITE_PIPELINE) && fi->pipe_note)
        what = fi->pipe_note;
    if (what && fi->note_names_worker) {
        snprintf(lead, sizeof lead, what, f->worker, (int)f->pid);
        what = has_worker ? lead : NULL;
    } else if (f->kind == MPLOOP__FAIL_RACE && !(site->flags & MPLOOP_SITE_PIPELINE) &&
               report_array.name[0] &&
               report_array.addr == f->addr) {
        snprintf(lead, sizeof lead, "iterations of a parallel loop must not write the same "
                 "memory; if '%s' is scratch space that each iteration fills before using it, "
                 "add 'private(%s)' to the pragma or declare it inside the loop body, else make "
                 "the writes disjoint", report_array.name, report_array.name);
        what = lead;
    }
    if (what && !fi->note_next_apart)
        mploop__note("%s; %s%s", what, next ? next : fi->stops,
                     fi->note_tail ? fi->note_tail : "");
    else {
        if (what)
            mploop__note("%s", what);
        if (next)
            mploop__note("%s", next);
    }
    if (others)
        mploop__note("and %u other worker%s failed", others, others == 1 ? "" : "s");
}
