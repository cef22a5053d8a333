// A pipeline of the four stage kinds under random per-item costs:
// - the serial in-order stages (the first, which makes the items, and the
//   last) see the items in input order: the last one checks each item is
//   the one after the last it saw, and fails the pipeline if not;
// - the serial (unordered) stage and the parallel one see every item that
//   reaches them exactly once; dropped items reach no later stage;
// - what the stages print comes out in the sequential program's order
//   (item by item, stage by stage), to a file and to a pipe;
// - what the serial stages write to the program's memory (a total, a
//   count, the first stage's cursor) is merged; the parallel stage writes
//   disjoint elements of a global array, merged too;
// - the same with 1 to 4 workers, in-process, and under every variant.
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=1 %t > %t.expected
// RUN: FileCheck %s < %t.expected
// RUN: env MPLOOP_WORKERS=2 %t > %t.2 && cmp %t.expected %t.2
// RUN: env MPLOOP_WORKERS=3 %t > %t.3 && cmp %t.expected %t.3
// RUN: env MPLOOP_WORKERS=4 %t | cat > %t.4 && cmp %t.expected %t.4
// RUN: env MPLOOP_WORKERS=3 MPLOOP_TEAM=fork %t > %t.f && cmp %t.expected %t.f
// RUN: env MPLOOP_WORKERS=3 MPLOOP_TRACKER=mprotect %t > %t.m && cmp %t.expected %t.m
// RUN: env MPLOOP_WORKERS=3 MPLOOP_TRACKER=pagemap %t > %t.p && cmp %t.expected %t.p
// RUN: env MPLOOP_WORKERS=3 MPLOOP_ON_ERROR=return %t > %t.r && cmp %t.expected %t.r
// RUN: env MPLOOP_WORKERS=3 MPLOOP_CHECK=1 %t > %t.c 2> %t.err && cmp %t.expected %t.c
// RUN: not grep . %t.err
//
// CHECK: read 0
// CHECK-NEXT: square 0
// CHECK-NEXT: write 0 = 0
// CHECK-NEXT: read 1
// CHECK-NEXT: square 1
// CHECK-NEXT: write 1 = 1
// CHECK: read 4
// CHECK-NEXT: square 4
// CHECK-NEXT: read 5
// CHECK: rc 0: made 300, written 240, total 7128040, unordered 240 each once, squares ok

#include <mploop.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N 300

struct item {
    long n;
    long sq;
    char tag[40];
};

static long cursor;          /* the first stage's */
static long expect_next;     /* the last stage's */
static long written, total;
static unsigned char seen[N]; /* the unordered stage's */
static long squares[N];      /* the parallel stage's, one element per item */

static void nap(long n)
{
    /* A cost that differs from item to item (and between runs). */
    struct timespec ts = { 0, (long)((n * 2654435761u + (unsigned)rand()) % 3000000) };
    nanosleep(&ts, NULL);
}

static int make(const void *in, void *out, void *ctx)
{
    (void)in;
    (void)ctx;
    if (cursor == N)
        return MPLOOP_STOP;
    struct item *it = out;
    memset(it, 0, sizeof *it);
    it->n = cursor++;
    printf("read %ld\n", it->n);
    return 0;
}

static int square(const void *in, void *out, void *ctx)
{
    (void)ctx;
    const struct item *a = in;
    struct item *b = out;
    *b = *a;
    nap(a->n);
    b->sq = a->n * a->n;
    squares[a->n] = b->sq;
    snprintf(b->tag, sizeof b->tag, "%ld", b->sq);
    printf("square %ld\n", a->n);
    return a->n % 5 == 4 ? MPLOOP_DROP : 0;
}

static int unordered(const void *in, void *out, void *ctx)
{
    (void)ctx;
    const struct item *a = in;
    memcpy(out, a, sizeof *a);
    nap(a->n / 2);
    seen[a->n]++;
    return 0;
}

static int write_out(const void *in, void *out, void *ctx)
{
    (void)out;
    (void)ctx;
    const struct item *a = in;
    if (a->n < expect_next)
        mploop_fail("item %ld after item %ld", a->n, expect_next - 1);
    while (expect_next % 5 == 4 && expect_next < a->n)
        expect_next++; /* dropped */
    if (a->n != expect_next)
        mploop_fail("item %ld when item %ld was due", a->n, expect_next);
    expect_next = a->n + 1;
    printf("write %ld = %s\n", a->n, a->tag);
    written++;
    total += a->sq;
    return 0;
}

int main(void)
{
    srand((unsigned)time(NULL));
    mploop_pipeline *pl = mploop_pipeline_create(6);
    if (!pl || mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, make, NULL, sizeof(struct item)) ||
        mploop_pipeline_stage(pl, MPLOOP_STAGE_PARALLEL, square, NULL, sizeof(struct item)) ||
        mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL, unordered, NULL, sizeof(struct item)) ||
        mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, write_out, NULL, 0))
        return 2;
    int rc = mploop_pipeline_run(pl, 0);
    int once = 1, sq = 1;
    long reached = 0;
    for (long i = 0; i < N; i++) {
        if (i % 5 != 4) {
            once &= seen[i] == 1;
            reached++;
        } else {
            once &= seen[i] == 0;
        }
        sq &= squares[i] == i * i;
    }
    printf("rc %d: made %ld, written %ld, total %ld, unordered %ld %s, squares %s\n", rc, cursor,
           written, total, reached, once ? "each once" : "NOT each once", sq ? "ok" : "WRONG");
    mploop_pipeline_destroy(pl);
    return 0;
}
