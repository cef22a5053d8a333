// mploop_cancel in a stage ends the input: the first stage makes no item
// after the call, the items made before it go through every stage, and
// the pipeline succeeds.  The last (in-order) stage sees items 0, 1, ...
// without a gap, at least up to the cancelling item and at most the
// tokens beyond it (in-process: exactly up to it); mploop_cancelled() says
// the run was cancelled; a pipeline run again afterwards runs whole.
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=1 %t | FileCheck %s --check-prefixes=CHECK,HERE
// RUN: env MPLOOP_WORKERS=2 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=3 MPLOOP_TEAM=fork %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=3 MPLOOP_CHECK=1 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=2 MPLOOP_VERBOSE=1 %t 2>&1 >/dev/null | FileCheck %s --check-prefix=VERBOSE
// RUN: env MPLOOP_WORKERS=1 MPLOOP_VERBOSE=1 %t 2>&1 >/dev/null | FileCheck %s --check-prefix=VERBOSE1
//
// CHECK: run 0: cancelled 1, written 0..{{[0-9]+}} without gaps: yes, from 41 to 45 items: yes
// HERE-SAME: (41)
// CHECK-NEXT: again 0: cancelled 0, written 0..199 without gaps: yes
// VERBOSE: mploop: {{.*}}cancel.c:[[#LINE:]]: pipeline on 2 workers
// VERBOSE-NEXT: mploop: {{.*}}cancel.c:[[#LINE]]: pipeline on 2 workers
// VERBOSE1: mploop: {{.*}}cancel.c:{{[0-9]+}}: pipeline in-process (one worker)

#include <mploop.h>
#include <stdio.h>
#include <unistd.h>

#define N 200
#define TOKENS 4

static long made, written, gaps, cancel_at = 40;

static int make(const void *in, void *out, void *ctx)
{
    (void)in;
    (void)ctx;
    if (made == N)
        return MPLOOP_STOP;
    *(long *)out = made++;
    return 0;
}

static int work(const void *in, void *out, void *ctx)
{
    (void)ctx;
    long n = *(const long *)in;
    *(long *)out = n;
    usleep(500);
    if (n == cancel_at)
        mploop_cancel();
    return 0;
}

static int write_out(const void *in, void *out, void *ctx)
{
    (void)out;
    (void)ctx;
    long n = *(const long *)in;
    if (n != written)
        gaps++;
    written = n + 1;
    return 0;
}

int main(void)
{
    mploop_pipeline *pl = mploop_pipeline_create(TOKENS);
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, make, NULL, sizeof(long));
    mploop_pipeline_stage(pl, MPLOOP_STAGE_PARALLEL, work, NULL, sizeof(long));
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, write_out, NULL, 0);
    int rc = mploop_pipeline_run(pl, 0);
    printf("run %d: cancelled %d, written 0..%ld without gaps: %s, from 41 to %d items: %s (%ld)\n",
           rc, mploop_cancelled() != 0, written - 1, gaps ? "NO" : "yes", 41 + TOKENS,
           written >= 41 && written <= 41 + TOKENS ? "yes" : "NO", written);
    made = written = gaps = 0;
    cancel_at = -1;
    rc = mploop_pipeline_run(pl, 0);
    printf("again %d: cancelled %d, written 0..%ld without gaps: %s\n", rc,
           mploop_cancelled() != 0, written - 1, gaps ? "NO" : "yes");
    mploop_pipeline_destroy(pl);
    return 0;
}
