// The pipeline API's checks, and pipelines in unusual places:
// - mploop_pipeline_stage returns EINVAL for an unknown kind, a NULL
//   function, a parallel first stage and a 33rd stage; run returns EINVAL
//   for a pipeline without stages; NULL is fine for destroy;
// - create(0) picks the tokens; one stage alone works (it makes items and
//   nothing else sees them); items of size 0 pass no buffer;
// - a pipeline runs again after a run, and a pipeline run inside a loop
//   body runs in-process there, giving the same results;
// - payloads too big for an item travel in mploop_shared_alloc blocks that
//   the first stage allocates, a parallel stage fills and the last one
//   checks and frees, in any worker.
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=2 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=1 %t | FileCheck %s
//
// CHECK: run without stages: EINVAL
// CHECK-NEXT: stage: kind 7 EINVAL, NULL fn EINVAL, parallel first EINVAL, 33rd EINVAL
// CHECK-NEXT: alone: 0, made 10
// CHECK-NEXT: empty items: 0, 10 items, out NULL and in NULL: yes
// CHECK-NEXT: again: 0, 0, sums 45 45
// CHECK-NEXT: in loop bodies: 0 1 4 9 16 25 36 49
// CHECK-NEXT: shared payloads: 0, 64 blocks of 1 MB, filled and freed: yes

#include <errno.h>
#include <mploop.h>
#include <stdio.h>
#include <string.h>

static long made, limit = 10, sum, nulls;

static const char *err(int e)
{
    return e == EINVAL ? "EINVAL" : e == 0 ? "0" : strerror(e);
}

static int make(const void *in, void *out, void *ctx)
{
    (void)in;
    (void)ctx;
    if (made == limit)
        return MPLOOP_STOP;
    if (out)
        *(long *)out = made;
    made++;
    return 0;
}

static int add(const void *in, void *out, void *ctx)
{
    (void)out;
    (void)ctx;
    sum += *(const long *)in;
    return 0;
}

static int none_parallel(const void *in, void *out, void *ctx)
{
    (void)ctx;
    if (in || out)
        mploop_fail("buffers for items of size 0");
    return 0;
}

static int none(const void *in, void *out, void *ctx)
{
    (void)ctx;
    nulls += in == NULL && out == NULL;
    return 0;
}

/* Sum of the squares below n, through a pipeline (run in-process when
 * called from a loop body). */
static int sq_make(const void *in, void *out, void *ctx)
{
    (void)in;
    long *st = ctx; /* st[0]: next, st[1]: limit */
    if (st[0] == st[1])
        return MPLOOP_STOP;
    *(long *)out = st[0]++;
    return 0;
}
static int sq_square(const void *in, void *out, void *ctx)
{
    (void)ctx;
    long n = *(const long *)in;
    *(long *)out = n * n;
    return 0;
}
static int sq_last(const void *in, void *out, void *ctx)
{
    (void)out;
    *(long *)ctx = *(const long *)in;
    return 0;
}
static long square_by_pipeline(long n)
{
    long st[2] = { 0, n + 1 }, last = -1;
    mploop_pipeline *pl = mploop_pipeline_create(2);
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, sq_make, st, sizeof(long));
    mploop_pipeline_stage(pl, MPLOOP_STAGE_PARALLEL, sq_square, NULL, sizeof(long));
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, sq_last, &last, 0);
    if (mploop_pipeline_run(pl, 0) != 0)
        last = -2;
    mploop_pipeline_destroy(pl);
    return last;
}

/* Payloads of 1 MB in shared memory, the item carrying the pointer. */
#define BLOCK (1 << 20)
static long blocks, blocks_ok;
static int big_make(const void *in, void *out, void *ctx)
{
    (void)in;
    (void)ctx;
    if (blocks == 64)
        return MPLOOP_STOP;
    unsigned char *p = mploop_shared_alloc(BLOCK);
    if (!p)
        mploop_fail("no shared memory");
    p[0] = (unsigned char)blocks++;
    *(unsigned char **)out = p;
    return 0;
}
static int big_fill(const void *in, void *out, void *ctx)
{
    (void)ctx;
    unsigned char *p = *(unsigned char *const *)in;
    memset(p + 1, p[0], BLOCK - 1);
    *(unsigned char **)out = p;
    return 0;
}
static int big_check(const void *in, void *out, void *ctx)
{
    (void)out;
    (void)ctx;
    unsigned char *p = *(unsigned char *const *)in;
    blocks_ok += p[BLOCK - 1] == p[0] && p[BLOCK / 2] == p[0];
    mploop_shared_free(p);
    return 0;
}

int main(void)
{
    mploop_pipeline *pl = mploop_pipeline_create(0);
    int a = mploop_pipeline_stage(pl, 7, make, NULL, 8);
    int b = mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL, NULL, NULL, 8);
    int c = mploop_pipeline_stage(pl, MPLOOP_STAGE_PARALLEL, make, NULL, 8);
    printf("run without stages: %s\n", err(mploop_pipeline_run(pl, 0)));
    mploop_pipeline *big = mploop_pipeline_create(2);
    for (int i = 0; i < 32; i++)
        mploop_pipeline_stage(big, i ? MPLOOP_STAGE_PARALLEL : MPLOOP_STAGE_SERIAL, make, NULL, 8);
    int d = mploop_pipeline_stage(big, MPLOOP_STAGE_PARALLEL, make, NULL, 8);
    printf("stage: kind 7 %s, NULL fn %s, parallel first %s, 33rd %s\n", err(a), err(b), err(c),
           err(d));
    mploop_pipeline_destroy(big);
    mploop_pipeline_destroy(NULL);

    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL, make, NULL, 0);
    int rc = mploop_pipeline_run(pl, 0);
    printf("alone: %d, made %ld\n", rc, made);
    mploop_pipeline_destroy(pl);

    made = 0;
    pl = mploop_pipeline_create(3);
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, make, NULL, 0);
    mploop_pipeline_stage(pl, MPLOOP_STAGE_PARALLEL, none_parallel, NULL, 0);
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL, none, NULL, 0);
    rc = mploop_pipeline_run(pl, 0);
    printf("empty items: %d, %ld items, out NULL and in NULL: %s\n", rc, made,
           nulls == 10 ? "yes" : "NO");
    mploop_pipeline_destroy(pl);

    pl = mploop_pipeline_create(4);
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, make, NULL, sizeof(long));
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL, add, NULL, 0);
    made = 0;
    int r1 = mploop_pipeline_run(pl, 0);
    long s1 = sum;
    made = sum = 0;
    int r2 = mploop_pipeline_run(pl, 0);
    printf("again: %d, %d, sums %ld %ld\n", r1, r2, s1, sum);
    mploop_pipeline_destroy(pl);

    long squares[8];
#pragma mploop for
    for (int i = 0; i < 8; i++)
        squares[i] = square_by_pipeline(i);
    printf("in loop bodies:");
    for (int i = 0; i < 8; i++)
        printf(" %ld", squares[i]);
    printf("\n");

    pl = mploop_pipeline_create(4);
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, big_make, NULL, sizeof(void *));
    mploop_pipeline_stage(pl, MPLOOP_STAGE_PARALLEL, big_fill, NULL, sizeof(void *));
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL, big_check, NULL, 0);
    rc = mploop_pipeline_run(pl, 0);
    printf("shared payloads: %d, %ld blocks of 1 MB, filled and freed: %s\n", rc, blocks,
           blocks_ok == 64 ? "yes" : "NO");
    mploop_pipeline_destroy(pl);
    return 0;
}
