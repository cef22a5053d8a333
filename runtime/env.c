/*
 * env.c - the MPLOOP_* environment variables, read once.
 *
 * Why this file exists: the environment is the user's run-time control
 * panel (worker count, schedule of schedule(runtime) loops, verbose lines),
 * and a typo there must not be silently ignored: a bad value is reported
 * once, naming the variable and what it accepts, and the program stops.
 * The values are read at the first loop and kept in the runtime's state
 * section, so workers inherit them and never read the environment again.
 *
 *   MPLOOP_WORKERS   positive number of workers (default: the CPUs this
 *                    process may run on)
 *   MPLOOP_SCHEDULE  schedule of schedule(runtime) loops, e.g. "dynamic,4"
 *   MPLOOP_VERBOSE   0 (default), 1: one line per loop started outside a
 *                    worker, 2: also loops nested in workers
 */
#include <errno.h>
#include <stdlib.h>

#include "internal.h"

static struct mploop__env env_values MPLOOP__STATE;
static int env_read MPLOOP__STATE;

/* Both: parse a decimal number in [lo, hi] with nothing around it.
 * Returns 0 and stores it, or -EINVAL. */
static int env_number(const char *text, unsigned long lo, unsigned long hi, unsigned long *out)
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

/* Both: the value of an environment variable, NULL when unset or empty. */
static const char *env_text(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

/* Both: read and check every variable, reporting the first bad one
 * (naming the loop at site) and ending the program. */
static void env_load(const mploop_site *site)
{
    const char *v;
    unsigned long n;

    env_values.cpus = mploop__os_cpus();

    if ((v = env_text("MPLOOP_WORKERS"))) {
        if (env_number(v, 1, 1000000, &n) != 0) {
            mploop__error(site, "MPLOOP_WORKERS=%s is not a positive number of workers; "
                          "set it to a number such as 4, or unset it to use every CPU", v);
            exit(EXIT_FAILURE);
        }
        env_values.workers = (unsigned)n;
    }

    if ((v = env_text("MPLOOP_SCHEDULE"))) {
        int kind;
        long chunk;
        if (mploop__sched_parse(v, &kind, &chunk) != 0) {
            mploop__error(site, "MPLOOP_SCHEDULE=%s is not a schedule; use static, dynamic, "
                          "guided or auto, optionally with a positive chunk size as in "
                          "\"dynamic,4\"", v);
            exit(EXIT_FAILURE);
        }
        env_values.has_schedule = 1;
        env_values.sched_kind = kind;
        env_values.sched_chunk = chunk;
    }

    if ((v = env_text("MPLOOP_VERBOSE"))) {
        if (env_number(v, 0, 2, &n) != 0) {
            mploop__error(site, "MPLOOP_VERBOSE=%s is not a verbosity level; use 0, 1 (a line "
                          "per loop) or 2 (also loops nested in workers)", v);
            exit(EXIT_FAILURE);
        }
        env_values.verbose = (int)n;
    }
}

/* Both (in practice the parent: workers inherit what it read): the
 * environment, read and checked at the first call. */
const struct mploop__env *mploop__env_get(const mploop_site *site)
{
    if (!env_read) {
        env_load(site);
        env_read = 1;
    }
    return &env_values;
}
