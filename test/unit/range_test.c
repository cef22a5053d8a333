/*
 * range_test.c - randomized test of the range arithmetic in runtime/range.c
 * against a byte-map oracle.
 *
 * Range lists over a small address space (0..U) are drawn at random: empty,
 * overlapping, touching and duplicate ranges included.  Every result is
 * compared with the set of addresses it should cover (one byte per address)
 * and checked for the shape its contract promises: sorted, disjoint, not
 * touching, no empty range.  The page-run collector is checked against the
 * runs a page map implies.  Prints one line per failure and ends with a
 * non-zero status if any check failed.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "internal.h"


/* Size of the address space the lists live in (addresses start at 1000
 * so that 0, which the run collector reserves, never occurs). */
#define U 96
#define BASE 1000u
#define MAXN 24

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static unsigned draw(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* A random list of n ranges inside [BASE, BASE + U). */
static void random_list(struct mploop__range *r, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        unsigned a = draw(U), len = draw(4) == 0 ? 0 : draw(U - a + 1);
        r[i] = (struct mploop__range){ BASE + a, len };
    }
}

/* The byte map of r[0..n). */
static void cover(const struct mploop__range *r, unsigned n, unsigned char *map)
{
    memset(map, 0, U);
    for (unsigned i = 0; i < n; i++)
        for (uintptr_t a = r[i].addr; a < r[i].addr + r[i].size; a++)
            map[a - BASE] = 1;
}

/* r[0..n) is sorted, disjoint, not touching and has no empty range. */
static int canonical(const struct mploop__range *r, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        if (r[i].size == 0)
            return 0;
        if (i && r[i - 1].addr + r[i - 1].size >= r[i].addr)
            return 0;
    }
    return 1;
}

static void test_sort(void)
{
    struct mploop__range r[MAXN], c[MAXN];
    for (unsigned round = 0; round < 20000; round++) {
        unsigned n = draw(MAXN + 1);
        random_list(r, n);
        memcpy(c, r, sizeof r);
        mploop__range_sort(r, n);
        for (unsigned i = 1; i < n; i++)
            CHECK(r[i - 1].addr < r[i].addr ||
                      (r[i - 1].addr == r[i].addr && r[i - 1].size <= r[i].size),
                  "round %u: entry %u out of order", round, i);
        /* The same multiset: every input entry is found in the output. */
        for (unsigned i = 0; i < n; i++) {
            unsigned same_in = 0, same_out = 0;
            for (unsigned j = 0; j < n; j++) {
                same_in += c[j].addr == c[i].addr && c[j].size == c[i].size;
                same_out += r[j].addr == c[i].addr && r[j].size == c[i].size;
            }
            CHECK(same_in == same_out, "round %u: entry %u lost or duplicated", round, i);
        }
    }
}

static void test_normalize(void)
{
    struct mploop__range r[MAXN];
    unsigned char want[U], got[U];
    for (unsigned round = 0; round < 20000; round++) {
        unsigned n = draw(MAXN + 1);
        random_list(r, n);
        cover(r, n, want);
        unsigned m = mploop__range_normalize(r, n);
        CHECK(m <= n, "round %u: %u ranges out of %u", round, m, n);
        cover(r, m, got);
        CHECK(memcmp(want, got, U) == 0, "round %u: covers other addresses", round);
        CHECK(canonical(r, m), "round %u: result not canonical", round);
    }
}

static void test_subtract(void)
{
    struct mploop__range t[MAXN], e[MAXN], out[2 * MAXN];
    unsigned char mt[U], me[U], got[U];
    for (unsigned round = 0; round < 20000; round++) {
        unsigned nt = draw(MAXN + 1), ne = draw(MAXN + 1);
        random_list(t, nt);
        random_list(e, ne);
        nt = mploop__range_normalize(t, nt);
        ne = mploop__range_normalize(e, ne);
        cover(t, nt, mt);
        cover(e, ne, me);
        unsigned n = mploop__range_subtract(t, nt, e, ne, out);
        CHECK(n <= nt + ne, "round %u: %u ranges for %u + %u", round, n, nt, ne);
        cover(out, n, got);
        for (unsigned a = 0; a < U; a++)
            CHECK(got[a] == (mt[a] && !me[a]), "round %u: address %u is %s", round, BASE + a,
                  got[a] ? "kept" : "lost");
        for (unsigned i = 0; i < n; i++) {
            CHECK(out[i].size > 0, "round %u: empty range %u", round, i);
            CHECK(!i || out[i - 1].addr + out[i - 1].size <= out[i].addr,
                  "round %u: ranges %u and %u overlap or are out of order", round, i - 1, i);
        }
    }
}

static void test_search(void)
{
    struct mploop__range r[MAXN];
    for (unsigned round = 0; round < 5000; round++) {
        unsigned n = draw(MAXN + 1);
        random_list(r, n);
        n = mploop__range_normalize(r, n);
        for (uintptr_t a = BASE - 2; a < BASE + U + 2; a++) {
            unsigned want = n;
            for (unsigned i = 0; i < n; i++)
                if (r[i].addr + r[i].size > a) {
                    want = i;
                    break;
                }
            unsigned got = mploop__range_first_ending_after(r, n, a);
            CHECK(got == want, "round %u: first ending after %lu is %u, not %u", round,
                  (unsigned long)a, got, want);
            for (uintptr_t len = 1; len < 6; len++) {
                int hit = 0;
                for (unsigned i = 0; i < n; i++)
                    hit |= r[i].addr < a + len && a < r[i].addr + r[i].size;
                CHECK(mploop__range_overlaps(r, n, a, len) == hit,
                      "round %u: overlap of [%lu, +%lu)", round, (unsigned long)a,
                      (unsigned long)len);
            }
        }
    }
}

/* The run collector: emitted runs, recorded in order. */
struct runs_seen {
    uintptr_t start[U], end[U];
    unsigned n;
    int stop_after;   /* emit returns 7 after this many runs, -1: never */
};

static int runs_emit(void *ctx, uintptr_t start, uintptr_t end)
{
    struct runs_seen *s = ctx;
    s->start[s->n] = start;
    s->end[s->n] = end;
    s->n++;
    return s->stop_after >= 0 && (int)s->n >= s->stop_after ? 7 : 0;
}

static void test_runs(void)
{
    const uintptr_t P = MPLOOP__PAGE, first = 0x10000;
    for (unsigned round = 0; round < 5000; round++) {
        unsigned npages = draw(40);
        unsigned char written[40];
        for (unsigned i = 0; i < npages; i++)
            written[i] = (unsigned char)(draw(3) == 0);
        struct runs_seen s = { .n = 0, .stop_after = round % 5 == 0 ? 1 : -1 };
        struct mploop__runs r = { runs_emit, &s, 0 };
        int rc = 0;
        for (unsigned i = 0; i < npages && !rc; i++)
            rc = mploop__runs_page(&r, first + i * P, written[i]);
        if (!rc)
            rc = mploop__runs_end(&r, first + npages * P);
        /* The oracle: maximal runs of written pages. */
        unsigned k = 0;
        int stopped = 0;
        for (unsigned i = 0; i < npages && !stopped;) {
            if (!written[i]) {
                i++;
                continue;
            }
            unsigned j = i;
            while (j < npages && written[j])
                j++;
            CHECK(k < s.n && s.start[k] == first + i * P && s.end[k] == first + j * P,
                  "round %u: run %u should be pages %u..%u", round, k, i, j);
            k++;
            if (s.stop_after >= 0 && (int)k >= s.stop_after)
                stopped = 1;
            i = j;
        }
        CHECK(s.n == k, "round %u: %u runs emitted, %u expected", round, s.n, k);
        CHECK(rc == (stopped ? 7 : 0), "round %u: returned %d", round, rc);
    }
}

int main(void)
{
    test_sort();
    test_normalize();
    test_subtract();
    test_search();
    test_runs();
    if (failures) {
        printf("range_test: %lu of %lu checks failed\n", failures, checks);
        return 1;
    }
    printf("range_test: all %lu checks passed\n", checks);
    return 0;
}
