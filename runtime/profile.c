/*
 * profile.c - the loop profiler: time, entries and iterations of every for
 * statement of the files rewritten with `mploop --profile`, written at
 * exit to mploop.profile (docs/profiling.md).
 *
 * Why this file exists: before annotating a loop one wants to know which
 * loops the run spends its time in.  The rewriter wraps every for
 * statement in a block holding a static site (mploop_prof_site, in the
 * program's data) and a frame on the stack whose cleanup calls
 * mploop_prof_exit on every way out of the loop (break, return, goto);
 * the frame counts the iterations in a register.  An iteration costs one
 * increment.  A timed entry costs two reads of the monotonic clock (about
 * 50 ns each on the project machine) and four atomic additions: an inner
 * loop of a few hundred short iterations entered millions of times would
 * pay that many times over (bench/profile-overhead measured +170% on
 * jacobi's inner loop at 256 columns with every entry timed).  So each
 * site times its first PROFILE_ALWAYS entries, then one in PROFILE_EVERY
 * at random (a random choice, so that a period in the program's work
 * cannot line up with the sampling), and the writer scales the time of
 * the timed entries up to all of them; entries and iterations are always
 * exact.  Even a call per entry was too much for an inner loop of a few
 * iterations entered millions of times (examples/imgproc.c took three
 * times as long): a loop nested in a profiled loop of the same function
 * keeps its counts in locals of the outermost one's block (abi.h,
 * mploop_prof_inner), which are added here once per outer entry; one of
 * its entries in about PROFILE_INNER_EVERY is timed.
 *
 * Only the program's process records: a worker running an annotated
 * loop's body (and the loops it calls) records nothing, since its writes
 * to the sites, which lie in the program's data, would be merged back into
 * the parent; the time of those loops is in the annotated loop's own.  The
 * sites entered form a list (a site lists the loops around it too, so
 * that a loop's parent chain is always in the profile), written at exit by the
 * process that ran the first profiled constructor, never by a worker or a
 * process the program forked.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "spin.h"

/* The format's version, on the profile's first line. */
#define PROFILE_VERSION 1
/* Entries of a site always timed, and one in how many timed after them
 * (a power of two). */
#define PROFILE_ALWAYS 64
#define PROFILE_EVERY 16
/* An inner loop's timed entries: one in about how many, on average. */
#define PROFILE_INNER_EVERY 512
/* Sites a profile holds at most (those first entered). */
#define PROFILE_SITES 8192

/* The profiler's state; workers never write it. */
static struct {
    int begun;                     /* mploop_prof_begin ran */
    pid_t owner;                   /* the process that writes the profile */
    uint64_t start_ns;             /* the first profiled constructor */
    mploop_prof_site *head;        /* the sites entered (atomic) */
    char path[PATH_MAX];           /* where the profile goes */
    uint32_t random;               /* the sampling's generator */
    uint64_t clock_ns;             /* the least time between two clock reads */
} pf MPLOOP__STATE;

static void profile_at_exit(void);

/* Parent: see mploop/abi.h.  The path is made absolute now: the program
 * may change its working directory before it exits. */
void mploop_prof_begin(void)
{
    if (__atomic_exchange_n(&pf.begun, 1, __ATOMIC_ACQ_REL) || mploop__team_in_worker())
        return;
    pf.clock_ns = UINT64_MAX;
    for (int i = 0; i < 16; i++) {
        uint64_t a = mploop__os_now_ns(), b = mploop__os_now_ns();
        pf.clock_ns = b - a < pf.clock_ns ? b - a : pf.clock_ns;
    }
    pf.start_ns = mploop__os_now_ns();
    pf.owner = mploop__os_pid();
    const char *name = getenv("MPLOOP_PROFILE");
    if (!name || !*name)
        name = "mploop.profile";
    size_t len = 0;
    if (name[0] != '/' && getcwd(pf.path, sizeof pf.path - 1)) {
        len = strlen(pf.path);
        pf.path[len++] = '/';
    }
    if (len + strlen(name) >= sizeof pf.path)
        len = 0; /* too long to make absolute: relative to where we exit */
    strcpy(pf.path + len, name);
    if (atexit(profile_at_exit) != 0)
        mploop__warning(NULL, "cannot register the writing of the loop profile at exit; "
                        "no profile will be written");
}

/* Parent: put s, and before it the sites around it, on the list of sites
 * entered, once each. */
static void profile_list(mploop_prof_site *s)
{
    for (; s; s = s->parent) {
        if (__atomic_exchange_n(&s->listed, 1, __ATOMIC_ACQ_REL))
            return;
        mploop_prof_site *head = __atomic_load_n(&pf.head, __ATOMIC_ACQUIRE);
        do
            s->next = head;
        while (!__atomic_compare_exchange_n(&pf.head, &head, s, 1, __ATOMIC_ACQ_REL,
                                            __ATOMIC_ACQUIRE));
    }
}

/* Both: see mploop/abi.h. */
mploop_u64 mploop_prof_enter(mploop_prof_site *s)
{
    if (mploop__team_in_worker())
        return 0;
    if (!__atomic_load_n(&s->listed, __ATOMIC_RELAXED))
        profile_list(s);
    if (__atomic_load_n(&s->entries, __ATOMIC_RELAXED) >= PROFILE_ALWAYS) {
        /* a linear congruential step; threads racing on it only draw alike */
        uint32_t r = __atomic_load_n(&pf.random, __ATOMIC_RELAXED) * 1664525u + 1013904223u;
        __atomic_store_n(&pf.random, r, __ATOMIC_RELAXED);
        if ((r >> 16) % PROFILE_EVERY != 0)
            return 1;
    }
    uint64_t now = mploop__os_now_ns();
    return now > 1 ? now : 2;
}

/* Both: see mploop/abi.h. */
void mploop_prof_exit(mploop_prof_site *s, mploop_u64 start, mploop_u64 iterations)
{
    if (!start || mploop__team_in_worker())
        return;
    if (start > 1) {
        uint64_t now = mploop__os_now_ns();
        __atomic_fetch_add(&s->ns, now > start ? now - start : 0, __ATOMIC_RELAXED);
        __atomic_fetch_add(&s->timed, 1, __ATOMIC_RELAXED);
    }
    __atomic_fetch_add(&s->entries, 1, __ATOMIC_RELAXED);
    __atomic_fetch_add(&s->iterations, iterations, __ATOMIC_RELAXED);
}

/* Both: see mploop/abi.h.  The first PROFILE_ALWAYS entries of a site are
 * timed, then one in about PROFILE_INNER_EVERY, the gap drawn at random. */
mploop_prof_sample mploop_prof_inner_sample(mploop_prof_site *s, mploop_u64 timed)
{
    mploop_prof_sample t = { 0, LONG_MAX };
    if (mploop__team_in_worker())
        return t;
    t.start = mploop__os_now_ns();
    t.start = t.start ? t.start : 1;
    if (timed + __atomic_load_n(&s->timed, __ATOMIC_RELAXED) + 1 < PROFILE_ALWAYS) {
        t.next = 1;
    } else {
        uint32_t r = __atomic_load_n(&pf.random, __ATOMIC_RELAXED) * 1664525u + 1013904223u;
        __atomic_store_n(&pf.random, r, __ATOMIC_RELAXED);
        t.next = 1 + (long)((r >> 8) % (2 * PROFILE_INNER_EVERY));
    }
    return t;
}

/* Both: see mploop/abi.h.  Less the cost of reading the clock, measured by
 * mploop_prof_begin: an inner loop's entry may take only a few
 * nanoseconds. */
mploop_u64 mploop_prof_inner_elapsed(mploop_u64 start)
{
    uint64_t now = mploop__os_now_ns();
    return now > start + pf.clock_ns ? now - start - pf.clock_ns : 0;
}

/* Both: see mploop/abi.h.  A worker records nothing. */
void mploop_prof_inner_add(mploop_prof_site *s, mploop_u64 entries, mploop_u64 iterations,
                           mploop_u64 ns, mploop_u64 timed, long countdown)
{
    if (mploop__team_in_worker())
        return;
    if (!__atomic_load_n(&s->listed, __ATOMIC_RELAXED))
        profile_list(s);
    __atomic_store_n(&s->countdown, countdown, __ATOMIC_RELAXED);
    __atomic_fetch_add(&s->ns, ns, __ATOMIC_RELAXED);
    __atomic_fetch_add(&s->timed, timed, __ATOMIC_RELAXED);
    __atomic_fetch_add(&s->entries, entries, __ATOMIC_RELAXED);
    __atomic_fetch_add(&s->iterations, iterations, __ATOMIC_RELAXED);
}

/* Parent: s with tabs, newlines and backslashes escaped (\t \n \\), the
 * fields of a profile line being separated by tabs. */
static void profile_put_field(struct mploop__writer *w, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '\t')
            mploop__writer_put(w, "\\t");
        else if (*s == '\n')
            mploop__writer_put(w, "\\n");
        else if (*s == '\\')
            mploop__writer_put(w, "\\\\");
        else
            mploop__writer_put(w, "%c", *s);
    }
}

/* Parent: the number of site s among the n sites v (newest first) as
 * written (the oldest is 1); 0 for none. */
static unsigned profile_id(mploop_prof_site *const *v, unsigned n, const mploop_prof_site *s)
{
    for (unsigned i = 0; s && i < n; i++)
        if (v[i] == s)
            return n - i;
    return 0;
}

/* Parent: the time of every entry of site s: that of its timed entries,
 * scaled up to all of them when it was sampled. */
static double profile_raw_ns(const mploop_prof_site *s)
{
    uint64_t entries = __atomic_load_n(&s->entries, __ATOMIC_RELAXED);
    uint64_t timed = __atomic_load_n(&s->timed, __ATOMIC_RELAXED);
    double ns = (double)__atomic_load_n(&s->ns, __ATOMIC_RELAXED);
    return timed && timed < entries ? ns * (double)entries / (double)timed : ns;
}

/* Parent: the inclusive time of site s as written: its own, at most that
 * of each loop around it (a scaled-up sample may exceed the time of the
 * loop that holds it, which cannot be). */
static double profile_ns(const mploop_prof_site *s)
{
    double ns = profile_raw_ns(s);
    for (const mploop_prof_site *p = s->parent; p; p = p->parent) {
        double up = profile_raw_ns(p);
        ns = up < ns && __atomic_load_n(&p->entries, __ATOMIC_RELAXED) ? up : ns;
    }
    return ns;
}

/* Parent: the profile into w: the header, the run's time, one line per
 * site in the order they were first entered (parents first). */
static void profile_write(struct mploop__writer *w, uint64_t total)
{
    static mploop_prof_site *v[PROFILE_SITES] MPLOOP__STATE;
    unsigned n = 0;
    for (mploop_prof_site *x = __atomic_load_n(&pf.head, __ATOMIC_ACQUIRE); x; x = x->next)
        v[n < PROFILE_SITES ? n++ : PROFILE_SITES - 1] = x;
    mploop__writer_put(w, "mploop-profile\t%d\n", PROFILE_VERSION);
    mploop__writer_put(w, "program\t");
    profile_put_field(w, program_invocation_name);
    mploop__writer_put(w, "\ntotal_ns\t%llu\n", (unsigned long long)total);
    mploop__writer_put(w, "# loop\tid\tparent\tfile\tline\tcolumn\tfunction\tentries\titerations"
                       "\tinclusive_ns\n");
    for (unsigned i = n, id = 1; i-- > 0; id++) {
        const mploop_prof_site *s = v[i];
        mploop__writer_put(w, "loop\t%u\t%u\t", id, profile_id(v, n, s->parent));
        profile_put_field(w, s->file);
        mploop__writer_put(w, "\t%u\t%u\t", s->line, s->column);
        profile_put_field(w, s->function);
        mploop__writer_put(w, "\t%llu\t%llu\t%.0f\n",
                           (unsigned long long)__atomic_load_n(&s->entries, __ATOMIC_RELAXED),
                           (unsigned long long)__atomic_load_n(&s->iterations, __ATOMIC_RELAXED),
                           profile_ns(s));
    }
}

/* Parent, at exit (an atexit handler: it runs after `return` from main and
 * after exit(), also from a loop body): write the profile.  A worker and a
 * process the program forked write none.  A file that cannot be written is
 * reported; the exit status stays the program's. */
static void profile_at_exit(void)
{
    if (mploop__team_in_worker() || mploop__os_pid() != pf.owner)
        return;
    uint64_t now = mploop__os_now_ns();
    struct mploop__writer w;
    int err = mploop__writer_open(&w, pf.path);
    if (!err) {
        profile_write(&w, now > pf.start_ns ? now - pf.start_ns : 0);
        err = mploop__writer_close(&w);
    }
    if (err)
        mploop__error(NULL, "cannot write the loop profile to %s: %s; set MPLOOP_PROFILE to a "
                      "file in a writable directory", pf.path, mploop__os_errno_text(err));
}
