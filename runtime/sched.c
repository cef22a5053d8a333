/*
 * sched.c - chunk arithmetic for the static, dynamic and guided schedules.
 *
 * Why this file exists: the question "which iterations does this worker run
 * next" has an exact answer that depends only on numbers (trip count, number
 * of workers, chunk size, how far the loop got).  Keeping that answer here,
 * pure and free of processes, shared memory and globals, lets it be tested
 * exhaustively (test/unit/sched_test.c) while loop.c deals with the atomics
 * and the processes.  Every computation is done so that it cannot overflow,
 * even for trip counts near UINT64_MAX.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "internal.h"

/* Static schedule: chunk number `round` of worker w among n workers.
 * Without a chunk size the trip count is cut into n contiguous blocks whose
 * sizes differ by at most one (the first trip % n blocks are the longer
 * ones), and each worker has exactly one round.  With a chunk size, chunks
 * of `chunk` iterations are dealt round-robin: chunk b = round * n + w covers
 * [b * chunk, min((b + 1) * chunk, trip)).  Runs in any process; pure.
 * Returns 1 and sets [*lo, *hi) when that chunk exists and is not empty,
 * else 0 (also for n == 0 or w >= n). */
int mploop__sched_static(uint64_t trip, unsigned n, unsigned w, uint64_t chunk,
                         uint64_t round, uint64_t *lo, uint64_t *hi)
{
    if (n == 0 || w >= n)
        return 0;
    if (chunk == 0) {
        if (round != 0)
            return 0;
        uint64_t q = trip / n, r = trip % n;
        uint64_t begin = (uint64_t)w * q + (w < r ? w : r);
        uint64_t len = q + (w < r ? 1 : 0);
        if (len == 0)
            return 0;
        *lo = begin;
        *hi = begin + len;
        return 1;
    }
    /* b * chunk may exceed 64 bits: compute in 128 bits. */
    unsigned __int128 b = (unsigned __int128)round * n + w;
    unsigned __int128 begin = b * chunk;
    if (begin >= trip)
        return 0;
    unsigned __int128 end = begin + chunk;
    if (end > trip)
        end = trip;
    *lo = (uint64_t)begin;
    *hi = (uint64_t)end;
    return 1;
}

/* Dynamic and guided schedules: how many iterations the next claim takes
 * when `next` of the trip iterations were already handed out among n
 * workers.  Dynamic takes the chunk size (1 without one); guided takes the
 * remaining count divided by n, rounded up, but never less than the chunk
 * size (1 without one), so its chunks shrink as the loop advances.  Both
 * stop at the end of the loop: the result never exceeds trip - next.  A
 * static schedule given here is treated as dynamic.  Runs in any process;
 * pure.  Returns 0 when no iteration is left. */
uint64_t mploop__sched_take(const struct mploop__sched *s, uint64_t trip,
                            unsigned n, uint64_t next)
{
    if (next >= trip)
        return 0;
    uint64_t left = trip - next;
    uint64_t least = s->chunk ? s->chunk : 1;
    uint64_t take = least;
    if (s->kind == MPLOOP_SCHED_GUIDED || s->kind == MPLOOP_SCHED_AUTO) {
        uint64_t nn = n ? n : 1;
        uint64_t share = left / nn + (left % nn != 0);
        if (share > take)
            take = share;
    }
    return take < left ? take : left;
}

/* The auto schedule: how many of the first iterations are split in n
 * contiguous blocks, one per worker, before the rest is claimed in
 * shrinking chunks (as guided).  Half the loop, when every worker gets at
 * least one iteration of it; 0 (all claimed) for loops too short. */
uint64_t mploop__sched_auto_split(uint64_t trip, unsigned n)
{
    if (n < 2 || trip / 2 < n)
        return 0;
    return trip / 2;
}

/* Any process, pure: is c a space or a tab? */
static int sched_is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Any process, pure: does the word [s, s + len) spell `name` (lower
 * case), ignoring the case of s? */
static int sched_word_is(const char *s, size_t len, const char *name)
{
    size_t i;
    for (i = 0; i < len && name[i]; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != name[i])
            return 0;
    }
    return i == len && name[i] == '\0';
}

/* Parse a schedule as MPLOOP_SCHEDULE spells it: a kind (static, dynamic,
 * guided or auto, in any case), optionally followed by a comma and a
 * positive decimal chunk size that fits in a long; blanks may surround
 * both.  Stores the enum mploop_schedule kind in *kind and the chunk in
 * *chunk (0 when none is given).  Runs in any process; pure.  Returns 0, or
 * -EINVAL (leaving *kind and *chunk alone) for anything else, including
 * "runtime", an empty chunk, a zero chunk and trailing text. */
int mploop__sched_parse(const char *text, int *kind, long *chunk)
{
    static const struct {
        const char *name;
        int kind;
    } kinds[] = {
        {"static", MPLOOP_SCHED_STATIC},
        {"dynamic", MPLOOP_SCHED_DYNAMIC},
        {"guided", MPLOOP_SCHED_GUIDED},
        {"auto", MPLOOP_SCHED_AUTO},
    };
    if (!text)
        return -EINVAL;
    const char *s = text;
    while (sched_is_blank(*s))
        s++;
    const char *word = s;
    while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
        s++;
    size_t len = (size_t)(s - word);
    int k = -1;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (sched_word_is(word, len, kinds[i].name))
            k = kinds[i].kind;
    if (k < 0)
        return -EINVAL;
    while (sched_is_blank(*s))
        s++;
    long c = 0;
    if (*s == ',') {
        s++;
        while (sched_is_blank(*s))
            s++;
        if (*s < '0' || *s > '9')
            return -EINVAL;
        while (*s >= '0' && *s <= '9') {
            int d = *s - '0';
            if (c > (LONG_MAX - d) / 10)
                return -EINVAL;
            c = c * 10 + d;
            s++;
        }
        if (c == 0)
            return -EINVAL;
        while (sched_is_blank(*s))
            s++;
    }
    if (*s != '\0')
        return -EINVAL;
    *kind = k;
    *chunk = c;
    return 0;
}
