/*
 * adapt.c - per loop site, whether running on workers pays.
 *
 * Why this file exists: a forked loop pays a fixed price (preparing memory,
 * forking, a worker's first touch of each page, reaping, merging) before
 * its workers save anything, and a loop whose body is cheap never earns it
 * back: a time-stepping program with one small loop per step can run many
 * times slower than its sequential build.  The sequential build is the
 * floor mploop promises not to fall below, so each loop site learns, from
 * its own executions, what a forked run costs and what its body costs, and
 * runs the next execution in-process when that is predicted to be faster.
 *
 * The model, per site (T: time of an execution of `trip` iterations):
 *   forked      T = F + trip * c / n     (F fixed, n workers)
 *   in-process  T = trip * c
 * c, the body's cost per iteration, is measured by in-process executions
 * (wall time / trip) and, until there is one, estimated from the workers'
 * busy time.  That estimate can be far too high: a new process pays for the
 * first touch of every page (microseconds each here), which the parent,
 * whose page tables are warm, does not, so a memory-bound loop looks costly
 * on workers and cheap in-process.  So a site whose forked execution took
 * at most ADAPT_EXPLORE_NS runs its next execution in-process once, to
 * measure c (at worst that one execution runs at sequential speed).
 * F is measured by forked executions: wall time minus the busy time of the
 * average worker.  Both are smoothed over executions.  A site runs
 * in-process when trip * c < F + trip * c / n, i.e. the loop would not gain
 * on workers; the trip count of each execution enters, so a triangular nest
 * whose inner loop shrinks forks while it is long and stops when it is not.
 * F can only be measured by forking, and the first forked execution pays
 * one-time costs (choosing the tracker, mapping the arenas, and above all
 * forming the persistent team, whose later executions only wake it): an
 * execution that formed a team is "cold"; its F stands only until a warm
 * one is measured, and a site whose only forked execution was cold forks
 * once more to measure a warm one (a site whose team is formed afresh at
 * every execution, its layout changing, keeps cold figures: they are its
 * real price).  A site that went in-process forks once more when its
 * in-process executions since the last forked one took ADAPT_PROBE times
 * that one's wall time, which keeps the price of measuring under
 * 1/ADAPT_PROBE of the loop's time.
 *
 * Only the parent decides; the table lives in the runtime's state section,
 * a fixed number of sites (a site that finds no free entry always forks).
 * MPLOOP_ADAPT=0 turns it off; loops under MPLOOP_ON_ERROR=return (which
 * need a worker to contain a failure) and MPLOOP_CHECK=1 (which checks
 * every loop) never adapt: loop.c asks only when adapting is allowed.
 */
#include <stdint.h>

#include "internal.h"
#include "spin.h"

/* Sites the table holds (a power of two). */
#define ADAPT_SITES 512
/* A site that runs in-process forks again once its in-process time since
 * the last forked execution is this many times that execution's time. */
#define ADAPT_PROBE 50
/* A forked execution at most this long is followed by one in-process
 * execution that measures the body's cost, when it is not known. */
#define ADAPT_EXPLORE_NS 100000000ull

/* What is known about one loop site.  Times in nanoseconds, per-iteration
 * costs in picoseconds per iteration (fixed point: ns * 1000). */
struct adapt_site {
    const mploop_site *site;   /* NULL: free entry */
    uint64_t fixed_ns;         /* F, smoothed; 0 until a forked run */
    uint64_t iter_ps;          /* c, smoothed; 0 until known */
    int iter_measured;         /* c comes from an in-process run */
    uint64_t fork_wall_ns;     /* wall time of the last forked execution */
    uint64_t inproc_ns;        /* in-process time since then */
    int warm;                  /* fixed_ns comes from a warm execution */
    unsigned cold;             /* cold executions in a row, the last one included */
};

static struct adapt_site adapt_table[ADAPT_SITES] MPLOOP__STATE;

/* Lock over the table (mploop__spin_lock_pid): loops of several threads
 * read and update it (one of them on workers, others in-process). */
static volatile int adapt_lock MPLOOP__STATE;

/* Parent: the entry of site, created when missing; NULL when the table is
 * full. */
static struct adapt_site *adapt_find(const mploop_site *site)
{
    uintptr_t h = (uintptr_t)site;
    h ^= h >> 17;
    h *= 0x9e3779b97f4a7c15ull;
    for (unsigned i = 0; i < ADAPT_SITES; i++) {
        struct adapt_site *a = &adapt_table[(h + i) & (ADAPT_SITES - 1)];
        if (a->site == site)
            return a;
        if (!a->site) {
            a->site = site;
            return a;
        }
    }
    return NULL;
}

/* Parent: new smoothed value from old and a measurement (old 0: none). */
static uint64_t adapt_smooth(uint64_t old, uint64_t now)
{
    return old ? (old + now) / 2 : now;
}

/* Parent, under the lock: see mploop__adapt_inprocess. */
static int adapt_decide(const mploop_site *site, uint64_t trip, unsigned n)
{
    struct adapt_site *a = adapt_find(site);
    if (!a || !a->fixed_ns || !a->iter_ps || n < 2)
        return 0;
    if (!a->iter_measured && a->fork_wall_ns <= ADAPT_EXPLORE_NS)
        return 1;   /* measure the body in-process once */
    if (!a->warm && a->cold == 1)
        return 0;   /* measure a warm fork price once */
    /* Predicted times, in picoseconds (trip * c fits: trips beyond 2^40
     * with nanosecond bodies are not cheap loops, and saturate). */
    uint64_t seq = trip > UINT64_MAX / a->iter_ps ? UINT64_MAX : trip * a->iter_ps;
    uint64_t fixed = a->fixed_ns > UINT64_MAX / 1000 ? UINT64_MAX : a->fixed_ns * 1000;
    uint64_t par = seq / n;
    par = fixed > UINT64_MAX - par ? UINT64_MAX : fixed + par;
    if (seq >= par)
        return 0;
    /* Time to measure the fork price again? */
    return a->inproc_ns / ADAPT_PROBE < a->fork_wall_ns;
}

/* Parent, under the lock: see mploop__adapt_forked. */
static void adapt_record_forked(const mploop_site *site, uint64_t trip, unsigned n,
                                uint64_t wall_ns, uint64_t busy_ns, int cold)
{
    struct adapt_site *a = adapt_find(site);
    if (!a || trip == 0 || n == 0)
        return;
    if (busy_ns > wall_ns * n)
        busy_ns = wall_ns * n;   /* clocks of different processes: keep it sane */
    uint64_t per_worker = busy_ns / n;
    a->cold = cold ? a->cold + 1 : 0;
    if (!cold && !a->warm) {
        a->fixed_ns = wall_ns - per_worker;   /* the first warm figure replaces cold ones */
        a->warm = 1;
    } else if (!cold || !a->warm || a->cold > 1) {
        a->fixed_ns = adapt_smooth(a->fixed_ns, wall_ns - per_worker);
    }
    if (!a->iter_measured) {
        uint64_t ps = busy_ns >= UINT64_MAX / 1000 ? UINT64_MAX / trip : busy_ns * 1000 / trip;
        a->iter_ps = adapt_smooth(a->iter_ps, ps ? ps : 1);
    }
    a->fork_wall_ns = wall_ns ? wall_ns : 1;
    a->inproc_ns = 0;
}

/* Parent, under the lock: see mploop__adapt_inprocessed. */
static void adapt_record_inprocess(const mploop_site *site, uint64_t trip, uint64_t wall_ns)
{
    struct adapt_site *a = adapt_find(site);
    if (!a || trip == 0)
        return;
    uint64_t ps = wall_ns >= UINT64_MAX / 1000 ? UINT64_MAX / trip : wall_ns * 1000 / trip;
    if (!a->iter_measured)
        a->iter_ps = 0;   /* the workers' estimate gives way to the real thing */
    a->iter_ps = adapt_smooth(a->iter_ps, ps ? ps : 1);
    a->iter_measured = 1;
    a->inproc_ns = a->inproc_ns > UINT64_MAX - wall_ns ? UINT64_MAX : a->inproc_ns + wall_ns;
}

/* Parent: see internal.h. */
int mploop__adapt_inprocess(const mploop_site *site, uint64_t trip, unsigned n)
{
    mploop__spin_lock_pid(&adapt_lock);
    int r = adapt_decide(site, trip, n);
    mploop__spin_unlock(&adapt_lock);
    return r;
}

/* Parent: see internal.h. */
void mploop__adapt_forked(const mploop_site *site, uint64_t trip, unsigned n, uint64_t wall_ns,
                          uint64_t busy_ns, int cold)
{
    mploop__spin_lock_pid(&adapt_lock);
    adapt_record_forked(site, trip, n, wall_ns, busy_ns, cold);
    mploop__spin_unlock(&adapt_lock);
}

/* Parent: see internal.h. */
void mploop__adapt_inprocessed(const mploop_site *site, uint64_t trip, uint64_t wall_ns)
{
    mploop__spin_lock_pid(&adapt_lock);
    adapt_record_inprocess(site, trip, wall_ns);
    mploop__spin_unlock(&adapt_lock);
}
