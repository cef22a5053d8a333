/*
 * verify.c - checking a loop's answer: MPLOOP_CHECK=1.
 *
 * Why this file exists: the merge promises the sequential program's memory
 * only for loops whose iterations are independent, and it can only see
 * part of what breaks that promise: two workers writing different values
 * to one byte (a race).  An update every worker makes from the same
 * starting value (a counter incremented in a called function: each worker
 * writes the same final count) merges cleanly and leaves a wrong answer
 * without a report.  MPLOOP_CHECK=1 warns, after a successful merge, about
 * bytes that several workers changed to the same value (the lost update
 * above, or a harmless flag every iteration sets).
 */
#define _GNU_SOURCE
#include "internal.h"

/* Parent: see internal.h. */
void mploop__verify_overlaps(const mploop_site *site, const struct mploop__env *env,
                             const struct mploop__mem *m)
{
    uintptr_t first;
    uint64_t bytes = mploop__mem_overlaps(m, &first);
    if (env->check != MPLOOP__CHECK_ON || !bytes)
        return;
    char what[256];
    int known = mploop__mem_describe(first, what, sizeof what) > 0;
    mploop__warning(site, "workers wrote the same value to the same memory: %llu byte%s, first "
                    "at %#lx%s%s", (unsigned long long)bytes, bytes == 1 ? "" : "s",
                    (unsigned long)first, known ? ", " : "", known ? what : "");
    mploop__note("it was merged once, as if one iteration had written it: if every iteration "
                 "updates it (a counter or a sum, say in a called function), the updates of "
                 "all workers but one are lost: use a reduction clause; a value every "
                 "iteration stores (a flag) is harmless");
}
