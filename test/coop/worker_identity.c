// mploop_worker_num and mploop_num_workers: in a loop on W forked workers
// each worker has its own number in 0..W-1 (under schedule(static) worker w
// runs the w-th block) and every worker counts W; in-process loops (one
// worker, if(0), a loop nested in a body) and code outside loop bodies see
// number 0 of 1 worker.  After a nested loop, the body sees its own loop's
// numbers again.  A nested loop cancelled by its body stops there and
// leaves the loop around it running: mploop_cancelled() in the outer body
// answers for the outer loop once the nested one has ended.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: for team in fork persist; do for w in 1 2 3 4 8; do \
// RUN:   env MPLOOP_TEAM=$team MPLOOP_WORKERS=$w MPLOOP_ADAPT=0 %t $w || echo "FAILED team=$team workers=$w"; \
// RUN: done; done > %t.out 2>&1
// A loop forked on one worker (MPLOOP_ON_ERROR=return does that) is
// worker 0 of 1 as well.
// RUN: env MPLOOP_ON_ERROR=return MPLOOP_WORKERS=1 MPLOOP_VERBOSE=1 %t 1 >> %t.out 2>&1
// RUN: FileCheck %s --implicit-check-not=FAILED < %t.out
// RUN: grep -c "^all ok$" %t.out | FileCheck %s --check-prefix=COUNT
// CHECK: outside: worker 0 of 1
// CHECK: static: worker w runs block w of W
// CHECK: dynamic: every worker counts W, numbers in range
// CHECK: if(0): worker 0 of 1
// CHECK: nested: inner loops are worker 0 of 1 and stop at their cancel, the outer loop ran whole
// CHECK: outside: worker 0 of 1, cancelled=0
// CHECK: all ok
// CHECK: worker_identity.c:[[@LINE+28]]: 840 iterations on 1 workers, schedule static
// COUNT: 11

#include <mploop.h>
#include <stdio.h>
#include <stdlib.h>

#define N 840

static int who[N], nw[N], inner_who[N], inner_nw[N], inner_ran[N], after_who[N],
    outer_cancelled[N];
static int bad;

static void check(int ok, const char *what)
{
    if (!ok) {
        printf("FAILED: %s\n", what);
        bad = 1;
    }
}

int main(int argc, char **argv)
{
    int W = argc > 1 ? atoi(argv[1]) : 1;
    printf("outside: worker %d of %d\n", mploop_worker_num(), mploop_num_workers());
    check(mploop_worker_num() == 0 && mploop_num_workers() == 1, "outside a loop");

#pragma mploop for schedule(static)
    for (int i = 0; i < N; i++) {
        who[i] = mploop_worker_num();
        nw[i] = mploop_num_workers();
    }
    int ok = 1;
    for (int i = 0; i < N; i++)
        ok &= who[i] == i / (N / W) && nw[i] == W;
    check(ok, "static: the worker numbers are not the blocks' or the count is not W");
    printf("static: worker w runs block w of W\n");

#pragma mploop for schedule(dynamic, 7)
    for (int i = 0; i < N; i++) {
        who[i] = mploop_worker_num();
        nw[i] = mploop_num_workers();
    }
    ok = 1;
    for (int i = 0; i < N; i++)
        ok &= who[i] >= 0 && who[i] < W && nw[i] == W;
    check(ok, "dynamic: a worker number is out of range or the count is not W");
    printf("dynamic: every worker counts W, numbers in range\n");

#pragma mploop for if(0)
    for (int i = 0; i < N; i++) {
        who[i] = mploop_worker_num();
        nw[i] = mploop_num_workers();
    }
    ok = 1;
    for (int i = 0; i < N; i++)
        ok &= who[i] == 0 && nw[i] == 1;
    check(ok, "if(0): not worker 0 of 1");
    printf("if(0): worker 0 of 1\n");

#pragma mploop for schedule(static)
    for (int i = 0; i < N; i++) {
        int seen_who = 0, seen_nw = 1, count = 0;
        int ran_inner[10] = { 0 };
#pragma mploop for reduction(|: seen_who) reduction(&: seen_nw)
        for (int j = 0; j < 10; j++) {
            ran_inner[j] = 1;
            seen_who |= mploop_worker_num();
            seen_nw &= mploop_num_workers() == 1;
            if (j == 2)
                mploop_cancel();
        }
        for (int j = 0; j < 10; j++)
            count += ran_inner[j];
        inner_who[i] = seen_who;
        inner_nw[i] = seen_nw;
        inner_ran[i] = count == 3 && ran_inner[2];
        after_who[i] = mploop_worker_num();
        outer_cancelled[i] = mploop_cancelled();
    }
    ok = 1;
    for (int i = 0; i < N; i++)
        ok &= inner_who[i] == 0 && inner_nw[i] == 1 && inner_ran[i] &&
              after_who[i] == i / (N / W) && outer_cancelled[i] == 0;
    check(ok, "nested: inner loops are not worker 0 of 1, did not stop at their cancel, or the "
              "outer loop's view changed");
    printf("nested: inner loops are worker 0 of 1 and stop at their cancel, the outer loop ran "
           "whole\n");

    printf("outside: worker %d of %d, cancelled=%d\n", mploop_worker_num(),
           mploop_num_workers(), mploop_cancelled());
    if (bad)
        return 1;
    printf("all ok\n");
    return 0;
}
