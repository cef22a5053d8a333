/*
 * sched_test.c - exhaustive test of the chunk arithmetic in runtime/sched.c.
 *
 * For every trip count 0..200, worker count 1..9 and chunk size 0..7, and
 * for a set of huge values near UINT64_MAX, checks that every schedule hands
 * out every iteration exactly once, that static blocks are contiguous and
 * balanced, that dynamic chunks have the chunk size but for the last one,
 * and that guided chunks never grow and respect the minimum.  Then checks
 * the parser of MPLOOP_SCHEDULE.  Prints one line per failure and ends with
 * a non-zero status if any check failed.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "internal.h"


#define MAXTRIP 200
static unsigned char seen[MAXTRIP];

/* Static schedule over small trip counts: coverage, shape of the chunks. */
static void test_static_small(uint64_t trip, unsigned n, uint64_t chunk)
{
    memset(seen, 0, sizeof seen);
    uint64_t prev_hi = 0;
    for (unsigned w = 0; w < n; w++) {
        uint64_t lo, hi, last_lo = 0;
        uint64_t round;
        for (round = 0;; round++) {
            if (!mploop__sched_static(trip, n, w, chunk, round, &lo, &hi))
                break;
            CHECK(lo < hi && hi <= trip, "trip %lu n %u w %u chunk %lu round %lu: [%lu,%lu)",
                  trip, n, w, chunk, round, lo, hi);
            if (!(lo < hi && hi <= trip))
                return;
            for (uint64_t k = lo; k < hi; k++)
                seen[k]++;
            if (chunk == 0) {
                /* One contiguous block per worker, in worker order, sizes
                 * q + 1 for the first trip % n workers and q after. */
                uint64_t q = trip / n, r = trip % n;
                CHECK(round == 0, "trip %lu n %u w %u: second static round", trip, n, w);
                CHECK(lo == prev_hi, "trip %lu n %u w %u: block starts at %lu, not %lu",
                      trip, n, w, lo, prev_hi);
                CHECK(hi - lo == q + (w < r), "trip %lu n %u w %u: block of %lu",
                      trip, n, w, hi - lo);
                prev_hi = hi;
            } else {
                /* Round-robin chunks of `chunk`, only the one at the end
                 * shorter, increasing with the round. */
                CHECK(lo == (round * n + w) * chunk, "trip %lu n %u w %u chunk %lu round %lu: lo %lu",
                      trip, n, w, chunk, round, lo);
                CHECK(hi - lo == chunk || hi == trip, "trip %lu n %u w %u chunk %lu: short chunk",
                      trip, n, w, chunk);
                CHECK(round == 0 || lo > last_lo, "chunks go backwards");
                last_lo = lo;
            }
            if (round > MAXTRIP + 1)
                break;
        }
        /* Once a round is empty, every later round is empty too. */
        CHECK(!mploop__sched_static(trip, n, w, chunk, round + 1, &lo, &hi),
              "trip %lu n %u w %u chunk %lu: chunk after the end", trip, n, w, chunk);
        CHECK(!mploop__sched_static(trip, n, w, chunk, UINT64_MAX, &lo, &hi),
              "trip %lu n %u w %u chunk %lu: round UINT64_MAX", trip, n, w, chunk);
    }
    if (chunk == 0)
        CHECK(prev_hi == trip, "trip %lu n %u: blocks end at %lu", trip, n, prev_hi);
    for (uint64_t k = 0; k < trip; k++)
        CHECK(seen[k] == 1, "static trip %lu n %u chunk %lu: iteration %lu run %u times",
              trip, n, chunk, k, seen[k]);
    /* Worker indices out of range have nothing. */
    uint64_t lo, hi;
    CHECK(!mploop__sched_static(trip, n, n, chunk, 0, &lo, &hi), "worker n has work");
    CHECK(!mploop__sched_static(trip, 0, 0, chunk, 0, &lo, &hi), "zero workers have work");
}

/* Dynamic and guided schedules, claims made one after the other: coverage
 * and chunk sizes.  Works for any trip count (huge ones included) because
 * it checks the ranges arithmetically and marks `seen` only for small ones. */
static void test_take(int kind, uint64_t trip, unsigned n, uint64_t chunk)
{
    struct mploop__sched s = {kind, chunk};
    uint64_t least = chunk ? chunk : 1;
    uint64_t next = 0, prev = UINT64_MAX, claims = 0;
    if (trip <= MAXTRIP)
        memset(seen, 0, sizeof seen);
    for (;;) {
        uint64_t take = mploop__sched_take(&s, trip, n, next);
        if (take == 0)
            break;
        claims++;
        CHECK(take <= trip - next, "kind %d trip %lu n %u chunk %lu: claim past the end",
              kind, trip, n, chunk);
        if (take > trip - next)
            return;
        uint64_t left = trip - next;
        if (kind == MPLOOP_SCHED_DYNAMIC) {
            CHECK(take == least || take == left, "dynamic trip %lu chunk %lu: chunk of %lu",
                  trip, chunk, take);
        } else {
            uint64_t share = left / n + (left % n != 0);
            CHECK(take <= prev, "guided trip %lu n %u chunk %lu: chunk grows %lu -> %lu",
                  trip, n, chunk, prev, take);
            CHECK(take >= least || take == left, "guided trip %lu chunk %lu: chunk %lu below minimum",
                  trip, chunk, take);
            CHECK(take == (share > least ? share : least) || take == left,
                  "guided trip %lu n %u chunk %lu next %lu: chunk %lu", trip, n, chunk, next, take);
        }
        if (trip <= MAXTRIP)
            for (uint64_t k = next; k < next + take; k++)
                seen[k]++;
        prev = take;
        next += take;
        if (claims > 100000) {
            CHECK(0, "kind %d trip %lu n %u chunk %lu: too many claims", kind, trip, n, chunk);
            return;
        }
    }
    CHECK(next == trip, "kind %d trip %lu n %u chunk %lu: claims end at %lu", kind, trip, n,
          chunk, next);
    if (trip <= MAXTRIP)
        for (uint64_t k = 0; k < trip; k++)
            CHECK(seen[k] == 1, "kind %d trip %lu n %u chunk %lu: iteration %lu run %u times",
                  kind, trip, n, chunk, k, seen[k]);
    CHECK(mploop__sched_take(&s, trip, n, trip) == 0, "claim at the end");
    CHECK(mploop__sched_take(&s, trip, n, UINT64_MAX) == 0, "claim past the end");
}

/* The auto schedule: the static blocks of the first part (one per worker,
 * contiguous, balanced) and the claims of the rest, made as guided ones,
 * run every iteration exactly once; the first part is half the loop when
 * every worker gets some of it, else empty. */
static void test_auto(uint64_t trip, unsigned n, uint64_t chunk)
{
    uint64_t split = mploop__sched_auto_split(trip, n);
    CHECK(split <= trip, "auto trip %lu n %u: split %lu past the end", trip, n, split);
    CHECK(split == 0 || (n >= 2 && split == trip / 2 && split >= n),
          "auto trip %lu n %u: split %lu", trip, n, split);
    memset(seen, 0, sizeof seen);
    for (unsigned w = 0; w < n; w++) {
        uint64_t lo, hi;
        if (mploop__sched_static(split, n, w, 0, 0, &lo, &hi)) {
            CHECK(hi - lo >= split / n && hi - lo <= split / n + 1,
                  "auto trip %lu n %u: block of worker %u unbalanced", trip, n, w);
            for (uint64_t k = lo; k < hi; k++)
                seen[k]++;
        }
    }
    struct mploop__sched s = {MPLOOP_SCHED_AUTO, chunk};
    uint64_t next = split, prev = UINT64_MAX, take;
    while ((take = mploop__sched_take(&s, trip, n, next)) != 0) {
        CHECK(take <= trip - next && take <= prev, "auto trip %lu n %u chunk %lu: claim %lu",
              trip, n, chunk, take);
        if (take > trip - next)
            return;
        for (uint64_t k = next; k < next + take; k++)
            seen[k]++;
        prev = take;
        next += take;
    }
    for (uint64_t k = 0; k < trip; k++)
        CHECK(seen[k] == 1, "auto trip %lu n %u chunk %lu: iteration %lu run %u times", trip, n,
              chunk, k, seen[k]);
}

/* Static schedule over a huge trip count: the blocks tile [0, trip) with
 * balanced sizes, and round-robin chunks end exactly at trip. */
static void test_static_huge(uint64_t trip, unsigned n, uint64_t chunk)
{
    uint64_t lo, hi;
    if (chunk == 0) {
        uint64_t prev_hi = 0;
        for (unsigned w = 0; w < n; w++) {
            int got = mploop__sched_static(trip, n, w, 0, 0, &lo, &hi);
            CHECK(got, "huge trip %lu n %u w %u: no block", trip, n, w);
            if (!got)
                return;
            CHECK(lo == prev_hi, "huge trip %lu n %u w %u: gap", trip, n, w);
            CHECK(hi - lo == trip / n + (w < trip % n), "huge trip %lu n %u w %u: size", trip, n, w);
            prev_hi = hi;
        }
        CHECK(prev_hi == trip, "huge trip %lu n %u: blocks end at %lu", trip, n, prev_hi);
        return;
    }
    /* The chunk holding the last iteration, and nothing after it. */
    uint64_t b = (trip - 1) / chunk;
    uint64_t round = b / n;
    unsigned w = (unsigned)(b % n);
    int got = mploop__sched_static(trip, n, w, chunk, round, &lo, &hi);
    CHECK(got && hi == trip && lo == b * chunk, "huge trip %lu n %u chunk %lu: last chunk", trip,
          n, chunk);
    for (unsigned v = 0; v < n; v++) {
        CHECK(!mploop__sched_static(trip, n, v, chunk, round + 1, &lo, &hi),
              "huge trip %lu n %u chunk %lu: chunk after the last", trip, n, chunk);
        CHECK(!mploop__sched_static(trip, n, v, chunk, UINT64_MAX, &lo, &hi),
              "huge trip %lu n %u chunk %lu: round UINT64_MAX", trip, n, chunk);
        if (mploop__sched_static(trip, n, v, chunk, 0, &lo, &hi))
            CHECK(lo == v * chunk && (hi - lo == chunk || hi == trip),
                  "huge trip %lu n %u chunk %lu: first chunk of %u", trip, n, chunk, v);
    }
}

/* The MPLOOP_SCHEDULE parser. */
static void test_parse(void)
{
    static const struct {
        const char *text;
        int ok, kind;
        long chunk;
    } cases[] = {
        {"static", 1, MPLOOP_SCHED_STATIC, 0},
        {"dynamic", 1, MPLOOP_SCHED_DYNAMIC, 0},
        {"guided", 1, MPLOOP_SCHED_GUIDED, 0},
        {"auto", 1, MPLOOP_SCHED_AUTO, 0},
        {"dynamic,4", 1, MPLOOP_SCHED_DYNAMIC, 4},
        {"static, 16", 1, MPLOOP_SCHED_STATIC, 16},
        {"  guided , 3 ", 1, MPLOOP_SCHED_GUIDED, 3},
        {"DYNAMIC,2", 1, MPLOOP_SCHED_DYNAMIC, 2},
        {"Static", 1, MPLOOP_SCHED_STATIC, 0},
        {"\tauto", 1, MPLOOP_SCHED_AUTO, 0},
        {"dynamic,9223372036854775807", 1, MPLOOP_SCHED_DYNAMIC, 9223372036854775807L},
        {"dynamic,9223372036854775808", 0, 0, 0},
        {"", 0, 0, 0},
        {" ", 0, 0, 0},
        {"runtime", 0, 0, 0},
        {"dyn", 0, 0, 0},
        {"dynamics", 0, 0, 0},
        {"dynamic,", 0, 0, 0},
        {"dynamic,0", 0, 0, 0},
        {"dynamic,-1", 0, 0, 0},
        {"dynamic,+1", 0, 0, 0},
        {"dynamic,4x", 0, 0, 0},
        {"dynamic,4,5", 0, 0, 0},
        {"dynamic 4", 0, 0, 0},
        {",4", 0, 0, 0},
        {"monotonic:dynamic", 0, 0, 0},
        {"static;", 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int kind = -7;
        long chunk = -7;
        int rc = mploop__sched_parse(cases[i].text, &kind, &chunk);
        if (cases[i].ok) {
            CHECK(rc == 0 && kind == cases[i].kind && chunk == cases[i].chunk,
                  "parse \"%s\": rc %d kind %d chunk %ld", cases[i].text, rc, kind, chunk);
        } else {
            CHECK(rc == -EINVAL && kind == -7 && chunk == -7,
                  "parse \"%s\" accepted: rc %d kind %d chunk %ld", cases[i].text, rc, kind,
                  chunk);
        }
    }
    int kind;
    long chunk;
    CHECK(mploop__sched_parse(NULL, &kind, &chunk) == -EINVAL, "parse NULL");
}

int main(void)
{
    for (uint64_t trip = 0; trip <= MAXTRIP; trip++)
        for (unsigned n = 1; n <= 9; n++)
            for (uint64_t chunk = 0; chunk <= 7; chunk++) {
                test_static_small(trip, n, chunk);
                test_take(MPLOOP_SCHED_DYNAMIC, trip, n, chunk);
                test_take(MPLOOP_SCHED_GUIDED, trip, n, chunk);
                test_auto(trip, n, chunk);
            }

    static const uint64_t huge_trips[] = {UINT64_MAX, UINT64_MAX - 1, UINT64_MAX - 7,
                                          UINT64_MAX / 2 + 1, (uint64_t)1 << 63};
    static const uint64_t huge_chunks[] = {0, 1, 3, 7, 1000003, UINT64_MAX / 3,
                                           UINT64_MAX / 2, UINT64_MAX - 1, UINT64_MAX};
    for (size_t t = 0; t < sizeof huge_trips / sizeof huge_trips[0]; t++)
        for (unsigned n = 1; n <= 9; n++)
            for (size_t c = 0; c < sizeof huge_chunks / sizeof huge_chunks[0]; c++) {
                uint64_t trip = huge_trips[t], chunk = huge_chunks[c];
                test_static_huge(trip, n, chunk);
                /* Dynamic with a small chunk would take 2^64 claims: only
                 * the large chunks are walked in full. */
                if (chunk >= UINT64_MAX / 3)
                    test_take(MPLOOP_SCHED_DYNAMIC, trip, n, chunk);
                test_take(MPLOOP_SCHED_GUIDED, trip, n, chunk);
            }
    /* Dynamic near the end of a huge loop. */
    struct mploop__sched dyn = {MPLOOP_SCHED_DYNAMIC, 4};
    CHECK(mploop__sched_take(&dyn, UINT64_MAX, 3, UINT64_MAX - 5) == 4, "dynamic near the end");
    CHECK(mploop__sched_take(&dyn, UINT64_MAX, 3, UINT64_MAX - 3) == 3, "dynamic at the end");
    CHECK(mploop__sched_take(&dyn, UINT64_MAX, 3, UINT64_MAX) == 0, "dynamic past the end");

    test_parse();

    if (failures) {
        fprintf(stderr, "sched_test: %lu of %lu checks failed\n", failures, checks);
        return 1;
    }
    printf("sched_test: all %lu checks passed\n", checks);
    return 0;
}
