/*
 * progress.c - the progress line of a long loop (MPLOOP_PROGRESS).
 *
 * Why this file exists: a loop that runs for minutes on workers says
 * nothing until it ends.  While the parent waits for the workers it wakes
 * up periodically anyway (to replay their output); at those wake-ups it
 * can read how many iterations the workers finished (each bumps a counter
 * in its slot once per chunk) and draw one line on standard error:
 *
 *   mploop: prog.c:12: 1200000/5000000 iterations (24%), 398.2k/s, ETA 0:09
 *
 * redrawn in place (carriage return, erase line) at most ten times a
 * second, and erased when the wait ends, before anything else the runtime
 * or the workers' replayed output writes there.  Only on a terminal: a
 * log file or a pipe never gets it.  By default (auto) a loop gets it once
 * it has run MPLOOP__PROGRESS_AFTER_NS; MPLOOP_PROGRESS=1 draws it at once,
 * 0 never.  One loop at a time is on workers (threads.c), so one line.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "internal.h"

/* Erase the line the cursor is on, from its start. */
#define PROGRESS_ERASE "\r\033[K"

/* The line of the loop being waited for. */
static struct {
    int active;             /* the loop may draw */
    int shown;              /* the line is on the terminal */
    const mploop_site *site;
    uint64_t trip;
    uint64_t started_ns;    /* when the loop started */
    uint64_t after_ns;      /* when the line may first be drawn */
    uint64_t drawn_ns;      /* when it was last drawn */
    unsigned columns;       /* the terminal's width, 0 when unknown */
} pg MPLOOP__STATE;

/* Parent: see internal.h.  isatty costs one system call per forked loop;
 * the terminal's width is asked only when the line may be drawn. */
int mploop__progress_begin(const mploop_site *site, uint64_t trip, uint64_t started_ns,
                           int mode)
{
    pg.active = 0;
    if (mode == MPLOOP__PROGRESS_OFF || !isatty(2))
        return 0;
    pg.active = 1;
    pg.shown = 0;
    pg.site = site;
    pg.trip = trip;
    pg.started_ns = started_ns;
    pg.after_ns = started_ns + (mode == MPLOOP__PROGRESS_AUTO ? MPLOOP__PROGRESS_AFTER_NS
                                                             : MPLOOP__PROGRESS_TICK_NS);
    pg.drawn_ns = 0;
    struct winsize ws;
    pg.columns = ioctl(2, TIOCGWINSZ, &ws) == 0 ? ws.ws_col : 0;
    return 1;
}

/* Parent: a rate in iterations per second with a k, M or G suffix. */
static void progress_rate(double rate, char *buf, size_t n)
{
    if (rate >= 1e9)
        snprintf(buf, n, "%.1fG", rate / 1e9);
    else if (rate >= 1e6)
        snprintf(buf, n, "%.1fM", rate / 1e6);
    else if (rate >= 1e3)
        snprintf(buf, n, "%.1fk", rate / 1e3);
    else
        snprintf(buf, n, "%.1f", rate);
}

/* Parent: see internal.h. */
void mploop__progress_tick(uint64_t done)
{
    if (!pg.active)
        return;
    uint64_t now = mploop__os_now_ns();
    if (now < pg.after_ns || (pg.drawn_ns && now - pg.drawn_ns < MPLOOP__PROGRESS_TICK_NS))
        return;
    pg.drawn_ns = now;
    double secs = (double)(now - pg.started_ns) / 1e9;
    double rate = secs > 0 ? (double)done / secs : 0;
    char line[512], r[32];
    size_t len = 0;
    progress_rate(rate, r, sizeof r);
    mploop__text_put(line, sizeof line, &len, PROGRESS_ERASE "mploop: %s:%u: %" PRIu64 "/%" PRIu64
                     " iterations (%u%%), %s/s", pg.site->file, pg.site->line, done, pg.trip,
                     (unsigned)(pg.trip ? done * 100.0 / (double)pg.trip : 0), r);
    if (rate > 0 && done < pg.trip) {
        uint64_t eta = (uint64_t)((double)(pg.trip - done) / rate + 0.5);
        if (eta >= 3600)
            mploop__text_put(line, sizeof line, &len, ", ETA %" PRIu64 ":%02u:%02u", eta / 3600,
                             (unsigned)(eta / 60 % 60), (unsigned)(eta % 60));
        else
            mploop__text_put(line, sizeof line, &len, ", ETA %u:%02u", (unsigned)(eta / 60),
                             (unsigned)(eta % 60));
    }
    /* A line wider than the terminal would wrap, and the carriage return
     * would erase only its last row: cut it. */
    size_t most = sizeof PROGRESS_ERASE - 1 + (pg.columns > 1 ? pg.columns - 1 : len);
    mploop__os_write_all(2, line, len < most ? len : most);
    pg.shown = 1;
}

/* Both: see internal.h.  A worker never drew the line. */
void mploop__progress_clear(void)
{
    if (!pg.shown || mploop__team_in_worker())
        return;
    pg.shown = 0;
    mploop__os_write_all(2, PROGRESS_ERASE, sizeof PROGRESS_ERASE - 1);
}

/* Parent: see internal.h. */
void mploop__progress_end(void)
{
    mploop__progress_clear();
    pg.active = 0;
}
