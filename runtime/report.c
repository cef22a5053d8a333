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

/* Both: `mploop: KIND: FILE:LINE: ` followed by the message. */
static void report_vline(const char *kind, const mploop_site *site, const char *fmt,
                         va_list ap)
{
    char buf[REPORT_LINE];
    size_t len = 0;
    report_append(buf, &len, "mploop: %s: %s:%u: ", kind, site->file, site->line);
    report_vappend(buf, &len, fmt, ap);
    report_flush(buf, len);
}

/* Both: an error line naming the loop at site. */
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
    char buf[REPORT_LINE];
    size_t len = 0;
    va_list ap;
    va_start(ap, fmt);
    report_append(buf, &len, "mploop: note: ");
    report_vappend(buf, &len, fmt, ap);
    va_end(ap);
    report_flush(buf, len);
}

/* Both: `mploop: FILE:LINE: TRIP iterations on N workers, schedule KIND`
 * with `,CHUNK` after the kind when the schedule has a chunk size. */
void mploop__verbose_forked(const mploop_site *site, uint64_t trip, unsigned n,
                            const struct mploop__sched *s)
{
    static const char *const kinds[] = {"static", "dynamic", "guided"};
    const char *kind = s->kind >= 0 && s->kind <= 2 ? kinds[s->kind] : "static";
    char buf[REPORT_LINE];
    size_t len = 0;
    report_append(buf, &len, "mploop: %s:%u: %" PRIu64 " iterations on %u workers, schedule %s",
                  site->file, site->line, trip, n, kind);
    if (s->chunk)
        report_append(buf, &len, ",%" PRIu64, s->chunk);
    report_flush(buf, len);
}

/* Both: `mploop: FILE:LINE: TRIP iterations in-process (REASON)`. */
void mploop__verbose_inprocess(const mploop_site *site, uint64_t trip, const char *reason)
{
    char buf[REPORT_LINE];
    size_t len = 0;
    report_append(buf, &len, "mploop: %s:%u: %" PRIu64 " iterations in-process (%s)", site->file,
                  site->line, trip, reason);
    report_flush(buf, len);
}

/* Both: append ` at iteration VAR = VALUE` for iteration index k of a loop
 * whose variable starts at lb and moves by step: signed or unsigned as the
 * site says; ` at iteration K` (the index) for pointer and collapsed loops. */
static void report_iteration(char *buf, size_t *len, const mploop_site *site, int64_t lb,
                             int64_t step, uint64_t k)
{
    if (k == UINT64_MAX) {
        report_append(buf, len, " before its first iteration");
        return;
    }
    uint64_t v = (uint64_t)lb + k * (uint64_t)step;
    if (site->flags & (MPLOOP_SITE_VAR_POINTER | MPLOOP_SITE_COLLAPSED))
        report_append(buf, len, " at iteration %" PRIu64, k);
    else if (site->flags & MPLOOP_SITE_VAR_SIGNED)
        report_append(buf, len, " at iteration %s = %" PRId64, site->var, (int64_t)v);
    else
        report_append(buf, len, " at iteration %s = %" PRIu64, site->var, v);
}

/* Parent: the report of a failed worker, e.g.
 *   mploop: error: prog.c:12: worker 1 (pid 4242) killed by SIGSEGV
 *   (Segmentation fault) at iteration i = 37
 * followed by a note on what the failure means and, with `others`, how
 * many more workers failed. */
void mploop__report_failure(const mploop_site *site, int64_t lb, int64_t step,
                            const struct mploop__failure *f, unsigned others)
{
    char buf[REPORT_LINE];
    size_t len = 0;
    char name[32];
    report_append(buf, &len, "mploop: error: %s:%u: worker %u (pid %d) ", site->file,
                  site->line, f->worker, (int)f->pid);
    switch (f->kind) {
    case MPLOOP__FAIL_SIGNAL:
        report_append(buf, &len, "killed by %s (%s)",
                      mploop__os_signal_name(f->code, name, sizeof name),
                      mploop__os_signal_text(f->code));
        break;
    case MPLOOP__FAIL_EXIT:
        if (f->code == 0)
            report_append(buf, &len, "exited with status 0 before the end of the loop");
        else
            report_append(buf, &len, "exited with status %d", f->code);
        break;
    case MPLOOP__FAIL_LOST:
        report_append(buf, &len, "ended unseen (another part of the program reaped it)");
        break;
    case MPLOOP__FAIL_BEGIN:
        report_append(buf, &len, "could not start tracking its writes: %s",
                      mploop__os_errno_text(f->code));
        break;
    default:
        report_append(buf, &len, "could not send its writes to the parent: %s",
                      mploop__os_errno_text(f->code));
        break;
    }
    if (f->kind == MPLOOP__FAIL_SIGNAL || f->kind == MPLOOP__FAIL_EXIT ||
        f->kind == MPLOOP__FAIL_LOST)
        report_iteration(buf, &len, site, lb, step, f->iter);
    report_flush(buf, len);

    switch (f->kind) {
    case MPLOOP__FAIL_SIGNAL:
        mploop__note("the loop body crashed in that iteration; the program ends by the same "
                     "signal (set MPLOOP_WORKERS=1 to run loops in-process, e.g. under a "
                     "debugger)");
        break;
    case MPLOOP__FAIL_EXIT:
        mploop__note("the loop body ended its process in that iteration; the program stops "
                     "(set MPLOOP_WORKERS=1 to run loops in-process, e.g. under a debugger)");
        break;
    case MPLOOP__FAIL_LOST:
        mploop__note("do not wait() for arbitrary children, or ignore SIGCHLD, while a "
                     "parallel loop runs");
        break;
    default:
        mploop__note("the runtime could not merge the loop; set MPLOOP_WORKERS=1 to run "
                     "loops in-process");
        break;
    }
    if (others)
        mploop__note("%u other worker%s failed as well", others, others == 1 ? "" : "s");
}
