/*
 * env.c - the MPLOOP_* environment variables, one table for all of them.
 *
 * Why this file exists: the environment is the user's run-time control
 * panel (worker count, schedule of schedule(runtime) loops, verbose lines,
 * error policy, dirty-page tracker, large-block heap), and a typo there must
 * not be silently ignored.  Every variable is a row of env_vars below: its
 * name, its parser and accepted values, its default, and the words of the
 * report when its value is malformed.  One policy covers them all: a bad
 * value is reported once,
 *
 *   mploop: error: [FILE:LINE: ]MPLOOP_X=value is not ...; <what to set>
 *
 * and the program ends with EXIT_FAILURE.  Most variables are read at the
 * first loop (naming it) and kept in the runtime's state section, so
 * workers inherit them and never read the environment again.  Two are read
 * where they are first needed, by accessors: MPLOOP_TRACKER at the first
 * forked loop (track.c), MPLOOP_LARGE_MIN and MPLOOP_HUGE_DIR at the first
 * large allocation (large.c), which may come before main and names no loop.
 *
 *   MPLOOP_WORKERS    positive number of workers (default: the CPUs this
 *                     process may run on)
 *   MPLOOP_SCHEDULE   schedule of schedule(runtime) loops, e.g. "dynamic,4"
 *   MPLOOP_VERBOSE    0 (default), 1: one line per loop started outside a
 *                     worker, 2: also loops nested in workers
 *   MPLOOP_ON_ERROR   exit (default), return or serial: what a failed loop
 *                     does after its report
 *   MPLOOP_GRACE_MS   milliseconds the other workers get to stop after a
 *                     failure before they are killed (default 1000)
 *   MPLOOP_CHECK      1: every loop in snapshot mode, same-value overlaps
 *                     warned; verify: also run sequentially and compared
 *                     (workers forked for every loop)
 *   MPLOOP_STATS      1: a line per forked loop at the join
 *   MPLOOP_TIMEOUT    seconds (decimals allowed) after which a loop that has
 *                     not finished is a failure; unset: no limit
 *   MPLOOP_ADAPT      1 (default): a loop site runs in-process while forking
 *                     costs more than it saves (adapt.c); 0: never
 *   MPLOOP_TEAM       persist (default): workers park between loops and run
 *                     the next one; fork: fresh workers for every loop
 *   MPLOOP_REPORT     1: a table of every loop's figures on stderr at exit,
 *                     2: also each worker's, a file name ending in .json
 *                     or .csv: the same written there (measure.c)
 *   MPLOOP_PROGRESS   auto (default): a progress line for loops running
 *                     longer than 2 s, 1: for every forked loop, 0: none;
 *                     only ever on a terminal (progress.c)
 *   MPLOOP_TRACKER    uffd, pagemap or mprotect; unset: the best available
 *   MPLOOP_LARGE_MIN  smallest allocation the shared heap serves (64K by
 *                     default; k, M, G suffixes), or off
 *   MPLOOP_HUGE_DIR   a directory on a huge-page tmpfs for the shared
 *                     heap's file; unset: a memfd
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "spin.h"

static struct mploop__env env_values MPLOOP__STATE;
static int env_read MPLOOP__STATE;
/* Held while the first loop reads the environment (threads may start
 * their first loops at once; mploop__spin_lock_pid). */
static volatile int env_lock MPLOOP__STATE;

/* The variables read by accessors, and whether they were read. */
static const char *env_tracker MPLOOP__STATE;
static int env_tracker_read MPLOOP__STATE;
static size_t env_large_min MPLOOP__STATE;
static int env_large_min_read MPLOOP__STATE;
static char env_huge_dir[PATH_MAX] MPLOOP__STATE;
static int env_huge_dir_read MPLOOP__STATE;
/* MPLOOP_REPORT's file, made absolute when read (the program may change
 * its working directory before it exits). */
static char env_report_file[PATH_MAX] MPLOOP__STATE;

/* One variable. */
struct env_var {
    const char *name;
    /* Both: store the value text means (text NULL: the variable is unset,
     * store the default) at v->to.  Returns 0, or -EINVAL for a malformed
     * value (then nothing is stored). */
    int (*parse)(const struct env_var *v, const char *text);
    void *to;                     /* where the value goes (its type is the parser's) */
    unsigned long lo, hi;         /* numbers and sizes: the accepted range */
    unsigned long def;            /* numbers, choices and sizes: the default */
    const char *const *words;     /* choices and names: the accepted words */
    const char *is_not;           /* the report: `NAME=value is not <is_not>; <help>` */
    const char *help;
    int lazy;                     /* read by its accessor at its first use, not at the
                                   * first loop */
};

/* Both: parse a decimal number in [lo, hi] with nothing around it.
 * Returns 0 and stores it, or -EINVAL. */
static int env_decimal(const char *text, unsigned long lo, unsigned long hi, unsigned long *out)
{
    unsigned long v = 0;
    const char *s = text;
    if (*s < '0' || *s > '9')
        return -EINVAL;
    while (*s >= '0' && *s <= '9') {
        unsigned d = (unsigned)(*s - '0');
        if (d > hi || v > (hi - d) / 10)
            return -EINVAL;
        v = v * 10 + d;
        s++;
    }
    if (*s != '\0' || v < lo)
        return -EINVAL;
    *out = v;
    return 0;
}

/* Both: a decimal number in [v->lo, v->hi] into an unsigned. */
static int env_number(const struct env_var *v, const char *text)
{
    unsigned long n = v->def;
    if (text && env_decimal(text, v->lo, v->hi, &n) != 0)
        return -EINVAL;
    *(unsigned *)v->to = (unsigned)n;
    return 0;
}

/* Both: the index of text in the NULL-terminated words, or -1. */
static int env_word(const char *const *words, const char *text)
{
    for (int i = 0; words[i]; i++)
        if (strcmp(text, words[i]) == 0)
            return i;
    return -1;
}

/* Both: one of v->words, stored as its index into an int. */
static int env_choice(const struct env_var *v, const char *text)
{
    int i = text ? env_word(v->words, text) : (int)v->def;
    if (i < 0)
        return -EINVAL;
    *(int *)v->to = i;
    return 0;
}

/* Both: one of v->words, stored as that word (NULL when unset). */
static int env_name(const struct env_var *v, const char *text)
{
    int i = text ? env_word(v->words, text) : 0;
    if (i < 0)
        return -EINVAL;
    *(const char **)v->to = text ? v->words[i] : NULL;
    return 0;
}

/* Both: a schedule as sched.c parses it, into the schedule fields of the
 * environment. */
static int env_schedule(const struct env_var *v, const char *text)
{
    struct mploop__env *e = v->to;
    int kind = MPLOOP_SCHED_STATIC;
    long chunk = 0;
    if (text && mploop__sched_parse(text, &kind, &chunk) != 0)
        return -EINVAL;
    e->has_schedule = text != NULL;
    e->sched_kind = kind;
    e->sched_chunk = chunk;
    return 0;
}

/* Both: seconds with optional decimals ("2", "0.25", "1.5"), at most one
 * day, into nanoseconds (a uint64_t; 0 when unset). */
static int env_seconds(const struct env_var *v, const char *text)
{
    const uint64_t day = 86400;
    uint64_t whole = 0, frac = 0, scale = 1000000000;
    const char *s = text;
    int digits = 0;
    if (!text) {
        *(uint64_t *)v->to = 0;
        return 0;
    }
    while (*s >= '0' && *s <= '9') {
        whole = whole * 10 + (uint64_t)(*s++ - '0');
        digits++;
        if (whole > day)
            return -EINVAL;
    }
    if (*s == '.') {
        s++;
        while (*s >= '0' && *s <= '9') {
            scale /= 10;
            frac += (uint64_t)(*s++ - '0') * scale;
            digits++;
        }
    }
    if (!digits || *s != '\0')
        return -EINVAL;
    uint64_t ns = whole * 1000000000 + frac;
    if (ns == 0 || ns > day * 1000000000)
        return -EINVAL;
    *(uint64_t *)v->to = ns;
    return 0;
}

/* Both: a size in bytes with an optional k, M or G suffix (powers of
 * 1024), in [v->lo, v->hi] before the suffix is applied and at least a
 * page after, or "off" (0), into a size_t. */
static int env_size(const struct env_var *v, const char *text)
{
    size_t *out = v->to;
    if (!text) {
        *out = v->def;
        return 0;
    }
    if (strcmp(text, "off") == 0) {
        *out = 0;
        return 0;
    }
    char *end;
    errno = 0;
    unsigned long long n = strtoull(text, &end, 10);
    unsigned shift = 0;
    if (*end == 'k' || *end == 'K')
        shift = 10, end++;
    else if (*end == 'm' || *end == 'M')
        shift = 20, end++;
    else if (*end == 'g' || *end == 'G')
        shift = 30, end++;
    if (errno || end == text || *end || *text == '-' || n < v->lo || n > v->hi >> shift)
        return -EINVAL;
    size_t bytes = (size_t)(n << shift);
    *out = bytes < MPLOOP__PAGE ? MPLOOP__PAGE : bytes;
    return 0;
}

/* Both: an absolute path to a directory that can hold the shared heap's
 * file (mploop__memfd_dir_check), copied into a char[PATH_MAX] (empty when
 * unset). */
static int env_dir(const struct env_var *v, const char *text)
{
    char *out = v->to;
    if (!text) {
        out[0] = '\0';
        return 0;
    }
    size_t n = strlen(text);
    if (text[0] != '/' || n >= PATH_MAX || mploop__memfd_dir_check(text) != 0)
        return -EINVAL;
    memcpy(out, text, n + 1);
    return 0;
}

/* Both: nonzero when text ends with suffix. */
static int env_ends_with(const char *text, const char *suffix)
{
    size_t n = strlen(text), k = strlen(suffix);
    return n > k && strcmp(text + n - k, suffix) == 0;
}

/* Both: MPLOOP_REPORT: 0, 1 or 2, or a file name ending in .json or .csv
 * (made absolute from the working directory), into the environment's
 * report fields. */
static int env_report(const struct env_var *v, const char *text)
{
    struct mploop__env *e = v->to;
    unsigned long level = MPLOOP__REPORT_OFF;
    e->report_file = NULL;
    if (!text || env_decimal(text, 0, 2, &level) == 0) {
        e->report = (unsigned)level;
        return 0;
    }
    int json = env_ends_with(text, ".json");
    if (!json && !env_ends_with(text, ".csv"))
        return -EINVAL;
    size_t len = 0;
    if (text[0] != '/') {
        if (!getcwd(env_report_file, sizeof env_report_file - 1))
            return -EINVAL;
        len = strlen(env_report_file);
        env_report_file[len++] = '/';
    }
    if (len + strlen(text) >= sizeof env_report_file)
        return -EINVAL;
    strcpy(env_report_file + len, text);
    e->report = json ? MPLOOP__REPORT_JSON : MPLOOP__REPORT_CSV;
    e->report_file = env_report_file;
    return 0;
}

/* MPLOOP_ON_ERROR's words, in the order of enum mploop__on_error. */
static const char *const on_error_words[] = {"exit", "return", "serial", NULL};
/* MPLOOP_TRACKER's words: the names of mem.c's trackers, every one of
 * which mem.c must know (test/mem/tracker.c selects each). */
static const char *const tracker_words[] = {"uffd", "pagemap", "mprotect", NULL};
/* MPLOOP_CHECK's words, in the order of enum mploop__check. */
static const char *const check_words[] = {"0", "1", "verify", NULL};
/* MPLOOP_TEAM's words, in the order of enum mploop__team_mode. */
static const char *const team_words[] = {"persist", "fork", NULL};
static const char *const output_words[] = {"ordered", "live", NULL};
/* MPLOOP_PROGRESS's words, in the order of enum mploop__progress_mode. */
static const char *const progress_words[] = {"0", "1", "auto", NULL};

/* The variables; those read at the first loop are read in this order. */
enum {
    ENV_WORKERS, ENV_SCHEDULE, ENV_VERBOSE, ENV_ON_ERROR, ENV_GRACE_MS, ENV_CHECK, ENV_STATS,
    ENV_TIMEOUT, ENV_ADAPT, ENV_TEAM, ENV_OUTPUT, ENV_REPORT, ENV_PROGRESS, ENV_TRACKER,
    ENV_LARGE_MIN, ENV_HUGE_DIR, ENV_COUNT
};
static const struct env_var env_vars[ENV_COUNT] = {
    [ENV_WORKERS] = {
        "MPLOOP_WORKERS", env_number, &env_values.workers, .lo = 1, .hi = 1000000,
        .is_not = "a positive number of workers",
        .help = "set it to a number such as 4, or unset it to use every CPU",
    },
    [ENV_SCHEDULE] = {
        "MPLOOP_SCHEDULE", env_schedule, &env_values,
        .is_not = "a schedule",
        .help = "use static, dynamic, guided or auto, optionally with a positive chunk size "
                "as in \"dynamic,4\"",
    },
    [ENV_VERBOSE] = {
        "MPLOOP_VERBOSE", env_number, &env_values.verbose, .lo = 0, .hi = 3,
        .is_not = "a verbosity level",
        .help = "use 0, 1 (a line per loop), 2 (also loops nested in workers) or 3 (also "
                "whether the workers were resumed or forked, and why)",
    },
    [ENV_ON_ERROR] = {
        "MPLOOP_ON_ERROR", env_choice, &env_values.on_error, .words = on_error_words,
        .def = MPLOOP__ON_ERROR_EXIT,
        .is_not = "an error policy",
        .help = "use exit (end the program, the default), return (continue after the failed "
                "loop) or serial (run the failed loop again in-process)",
    },
    [ENV_GRACE_MS] = {
        "MPLOOP_GRACE_MS", env_number, &env_values.grace_ms, .lo = 0, .hi = 3600000,
        .def = 1000,
        .is_not = "a number of milliseconds",
        .help = "use a number from 0 to 3600000, such as 1000",
    },
    [ENV_CHECK] = {
        "MPLOOP_CHECK", env_choice, &env_values.check, .words = check_words,
        .def = MPLOOP__CHECK_OFF,
        .is_not = "0, 1 or verify",
        .help = "use 1 to run every loop in snapshot mode (races on large blocks detected, "
                "failed loops rolled back), verify to also compare every loop with a "
                "sequential run of it (slow), 0 for the default",
    },
    [ENV_STATS] = {
        "MPLOOP_STATS", env_number, &env_values.stats, .lo = 0, .hi = 1,
        .is_not = "0 or 1",
        .help = "use 1 for a line per forked loop with the time spent waiting and merging, "
                "0 for none",
    },
    [ENV_TIMEOUT] = {
        "MPLOOP_TIMEOUT", env_seconds, &env_values.timeout_ns,
        .is_not = "a number of seconds",
        .help = "use a positive number of seconds up to 86400, decimals allowed, such as 2.5",
    },
    [ENV_ADAPT] = {
        "MPLOOP_ADAPT", env_number, &env_values.adapt, .lo = 0, .hi = 1, .def = 1,
        .is_not = "0 or 1",
        .help = "use 1 (the default) to run a loop in-process when forking would cost more "
                "than it saves, 0 to run every loop on workers",
    },
    [ENV_TEAM] = {
        "MPLOOP_TEAM", env_choice, &env_values.team, .words = team_words,
        .def = MPLOOP__TEAM_PERSIST,
        .is_not = "a team mode",
        .help = "use persist (workers park after a loop and run the next one, the default) "
                "or fork (fresh workers for every loop)",
    },
    [ENV_OUTPUT] = {
        "MPLOOP_OUTPUT", env_choice, &env_values.output, .words = output_words,
        .def = MPLOOP__OUTPUT_ORDERED,
        .is_not = "an output mode",
        .help = "use ordered (what workers write appears in iteration order, the default) "
                "or live (each chunk's output as soon as the chunk ends)",
    },
    [ENV_REPORT] = {
        "MPLOOP_REPORT", env_report, &env_values,
        .is_not = "0, 1, 2 or a file name ending in .json or .csv",
        .help = "use 1 for a table of every loop's figures on standard error at exit, 2 to add "
                "each worker's, or a file name such as loops.json or loops.csv to write them "
                "there",
    },
    [ENV_PROGRESS] = {
        "MPLOOP_PROGRESS", env_choice, &env_values.progress, .words = progress_words,
        .def = MPLOOP__PROGRESS_AUTO,
        .is_not = "0, 1 or auto",
        .help = "use auto (the default) for a progress line on a terminal for loops running "
                "longer than 2 seconds, 1 for every loop on workers, 0 for none",
    },
    [ENV_TRACKER] = {
        "MPLOOP_TRACKER", env_name, &env_tracker, .words = tracker_words, .lazy = 1,
        .is_not = "a dirty-page tracker",
        .help = "use uffd, pagemap or mprotect, or unset it to use the best one available",
    },
    [ENV_LARGE_MIN] = {
        "MPLOOP_LARGE_MIN", env_size, &env_large_min, .lo = 1, .hi = 1ul << 40,
        .def = 64ul << 10, .lazy = 1,
        .is_not = "a size in bytes",
        .help = "use a size such as 65536 or 1M (k, M and G multiply by 1024), off to leave "
                "large blocks to the C library, or unset it for 64K",
    },
    [ENV_HUGE_DIR] = {
        "MPLOOP_HUGE_DIR", env_dir, env_huge_dir, .lazy = 1,
        .is_not = "a writable tmpfs directory with free space",
        .help = "mount a tmpfs with huge pages (mount -t tmpfs -o huge=always none DIR; "
                "hugetlbfs is not supported) and set it to DIR's absolute path, or unset it "
                "to keep the shared heap in a memfd",
    },
};

/* Both: the value of an environment variable, NULL when unset or empty. */
static const char *env_text(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

/* Both: read variable v.  A malformed value stores the default and sets
 * *done (when given) before it is reported, naming the loop at site (none
 * when NULL), and ends the program: whatever runs during exit (atexit
 * handlers, stdio flushes that allocate) then finds the variable read and
 * never reads it again. */
static void env_read_var(const struct env_var *v, const mploop_site *site, int *done)
{
    const char *text = env_text(v->name);
    int bad = v->parse(v, text) != 0;
    if (bad)
        v->parse(v, NULL);
    if (done)
        __atomic_store_n(done, 1, __ATOMIC_RELEASE);
    if (bad) {
        mploop__error(site, "%s=%s is not %s; %s", v->name, text, v->is_not, v->help);
        exit(EXIT_FAILURE);
    }
}

/* Both (in practice the parent: workers inherit what it read): the
 * environment, read and checked at the first call, naming the loop at site
 * in a report. */
const struct mploop__env *mploop__env_get(const mploop_site *site)
{
    if (!__atomic_load_n(&env_read, __ATOMIC_ACQUIRE)) {
        mploop__spin_lock_pid(&env_lock);
        if (!env_read) {
            env_values.cpus = mploop__os_cpus();
            for (unsigned i = 0; i < ENV_COUNT; i++)
                if (!env_vars[i].lazy)
                    env_read_var(&env_vars[i], site, NULL);
            /* The sequential run of MPLOOP_CHECK=verify is forked from the
             * parent as the loop starts, like fresh workers: simplest where
             * the workers are forked too. */
            if (env_values.check == MPLOOP__CHECK_VERIFY)
                env_values.team = MPLOOP__TEAM_FORK;
            __atomic_store_n(&env_read, 1, __ATOMIC_RELEASE);
        }
        mploop__spin_unlock(&env_lock);
    }
    return &env_values;
}

/* Both (the parent at its first forked loop): MPLOOP_TRACKER, one of the
 * tracker names, or NULL when unset; read at the first call, naming the
 * loop at site in a report. */
const char *mploop__env_tracker(const mploop_site *site)
{
    if (!__atomic_load_n(&env_tracker_read, __ATOMIC_ACQUIRE))
        env_read_var(&env_vars[ENV_TRACKER], site, &env_tracker_read);
    return env_tracker;
}

/* Both (the parent at its first allocation of a page or more, maybe before
 * main): MPLOOP_LARGE_MIN in bytes, 0 for off.  Takes no lock and the
 * report names no loop. */
size_t mploop__env_large_min(void)
{
    if (!__atomic_load_n(&env_large_min_read, __ATOMIC_ACQUIRE))
        env_read_var(&env_vars[ENV_LARGE_MIN], NULL, &env_large_min_read);
    return env_large_min;
}

/* Both (the parent at its first allocation of a page or more, maybe before
 * main): MPLOOP_HUGE_DIR, NULL when unset.  Takes no lock and the report
 * names no loop. */
const char *mploop__env_huge_dir(void)
{
    if (!__atomic_load_n(&env_huge_dir_read, __ATOMIC_ACQUIRE))
        env_read_var(&env_vars[ENV_HUGE_DIR], NULL, &env_huge_dir_read);
    return env_huge_dir[0] ? env_huge_dir : NULL;
}
