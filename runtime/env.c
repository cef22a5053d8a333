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
 *   MPLOOP_ON_ERROR  exit (default), return or serial: what a failed loop
 *                    does after its report
 *   MPLOOP_GRACE_MS  milliseconds the other workers get to stop after a
 *                    failure before they are killed (default 1000)
 *   MPLOOP_TIMEOUT   seconds (decimals allowed) after which a loop that has
 *                    not finished is a failure; unset: no limit
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

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

/* Both: parse seconds with optional decimals ("2", "0.25", "1.5"), at
 * most one day, into nanoseconds.  Returns 0 or -EINVAL. */
int mploop__env_seconds(const char *text, uint64_t *ns)
{
    const uint64_t day = 86400;
    uint64_t whole = 0, frac = 0, scale = 1000000000;
    const char *s = text;
    int digits = 0;
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
    uint64_t v = whole * 1000000000 + frac;
    if (v == 0 || v > day * 1000000000)
        return -EINVAL;
    *ns = v;
    return 0;
}

/* Both: the value of an environment variable, NULL when unset or empty. */
static const char *env_text(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

/* Both: the value of the on/off variable `name`, 0 when unset; any value
 * but 0 and 1 is reported (with `use`, what to set) and ends the program. */
static int env_switch(const mploop_site *site, const char *name, const char *use)
{
    const char *v = env_text(name);
    unsigned long n = 0;
    if (v && env_number(v, 0, 1, &n) != 0) {
        mploop__error(site, "%s=%s is not 0 or 1; %s", name, v, use);
        exit(EXIT_FAILURE);
    }
    return (int)n;
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

    if ((v = env_text("MPLOOP_ON_ERROR"))) {
        if (!strcmp(v, "exit"))
            env_values.on_error = MPLOOP__ON_ERROR_EXIT;
        else if (!strcmp(v, "return"))
            env_values.on_error = MPLOOP__ON_ERROR_RETURN;
        else if (!strcmp(v, "serial"))
            env_values.on_error = MPLOOP__ON_ERROR_SERIAL;
        else {
            mploop__error(site, "MPLOOP_ON_ERROR=%s is not an error policy; use exit (end the "
                          "program, the default), return (continue after the failed loop) "
                          "or serial (run the failed loop again in-process)", v);
            exit(EXIT_FAILURE);
        }
    }

    env_values.grace_ms = 1000;
    if ((v = env_text("MPLOOP_GRACE_MS"))) {
        if (env_number(v, 0, 3600000, &n) != 0) {
            mploop__error(site, "MPLOOP_GRACE_MS=%s is not a number of milliseconds; use a "
                          "number from 0 to 3600000, such as 1000", v);
            exit(EXIT_FAILURE);
        }
        env_values.grace_ms = (unsigned)n;
    }

    env_values.check = env_switch(site, "MPLOOP_CHECK", "use 1 to run every loop in snapshot "
                                  "mode (races on large blocks detected, failed loops rolled "
                                  "back), 0 for the default");
    env_values.stats = env_switch(site, "MPLOOP_STATS", "use 1 for a line per forked loop with "
                                  "the time spent waiting and merging, 0 for none");

    if ((v = env_text("MPLOOP_TIMEOUT"))) {
        if (mploop__env_seconds(v, &env_values.timeout_ns) != 0) {
            mploop__error(site, "MPLOOP_TIMEOUT=%s is not a number of seconds; use a positive "
                          "number of seconds up to 86400, decimals allowed, such as 2.5", v);
            exit(EXIT_FAILURE);
        }
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
