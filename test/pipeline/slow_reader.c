// The workers' output waiting to be written out is bounded: when the
// program's output goes to a pipe whose reader is slow (it sleeps 4 s
// before reading), the sequential program would block in write once the
// pipe is full; the pipeline's first stage stops making items once 16 MiB
// of output wait, instead of holding the whole output (128 MiB here) in
// memory.  In the first 1.5 s, while the reader sleeps, no more than 16 MiB
// / 64 KiB + the tokens (256 + 8) items can be made; then everything
// arrives, in order.
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=2 %t 2> %t.err | (sleep 4; wc -c) > %t.bytes
// RUN: FileCheck %s --check-prefix=MADE < %t.err
// RUN: FileCheck %s --check-prefix=BYTES < %t.bytes
// RUN: env MPLOOP_WORKERS=3 MPLOOP_TEAM=fork %t 2> %t.err3 | (sleep 4; md5sum) > %t.sum3
// RUN: FileCheck %s --check-prefix=MADE < %t.err3
// RUN: env MPLOOP_WORKERS=1 %t 2> /dev/null | md5sum > %t.sum1
// RUN: cmp %t.sum1 %t.sum3
//
// MADE: items made in the first 1.5 s at most 280: yes
// BYTES: 134217728

#include <mploop.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define ITEMS 2048
#define BYTES 65536

static int n;
static char buf[BYTES];
static double start;
static long *early; /* shared: items made in the first 1.5 s */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int make(const void *in, void *out, void *ctx)
{
    (void)in;
    (void)ctx;
    if (n == ITEMS)
        return MPLOOP_STOP;
    *(int *)out = n++;
    if (now() - start < 1.5)
        __atomic_add_fetch(early, 1, __ATOMIC_RELAXED);
    return 0;
}

static int middle(const void *in, void *out, void *ctx)
{
    (void)ctx;
    *(int *)out = *(const int *)in;
    return 0;
}

static int put(const void *in, void *out, void *ctx)
{
    (void)out;
    (void)ctx;
    memset(buf, 'a' + *(const int *)in % 26, sizeof buf);
    fwrite(buf, 1, sizeof buf, stdout);
    return 0;
}

int main(void)
{
    start = now();
    early = mploop_shared_alloc(sizeof *early);
    mploop_pipeline *pl = mploop_pipeline_create(8);
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, make, NULL, sizeof(int));
    mploop_pipeline_stage(pl, MPLOOP_STAGE_PARALLEL, middle, NULL, sizeof(int));
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, put, NULL, 0);
    int rc = mploop_pipeline_run(pl, 0);
    fprintf(stderr, "rc %d: items made in the first 1.5 s at most 280: %s (%ld)\n", rc,
            *early <= 280 ? "yes" : "NO", *early);
    mploop_pipeline_destroy(pl);
    return 0;
}
