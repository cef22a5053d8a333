// A large heap block (the shared heap) read at a neighbour's subscript in a
// snapshot-mode loop (each worker remaps the heap privately and the merge
// diffs it), alternating with direct-mode loops over the same block: a
// parked worker maps the heap shared again before it parks, so the direct
// loops write it in place, and the snapshot loops read the values of
// before the loop.  The same with every loop in snapshot mode.
//
// RUN: %exec-check %s %t
// RUN: env MPLOOP_CHECK=1 MPLOOP_TEST_WORKERS="2 3" %exec-check %s %t.check
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_VERBOSE=3 %t.par 2>&1 >/dev/null | grep ": team: " | FileCheck %s
// CHECK: team: forked 2 workers (first loop on workers)
// CHECK-NOT: forked
// CHECK: team: resumed 2 parked workers

#include <stdio.h>
#include <stdlib.h>

#define N (1 << 16)

int main(void)
{
    double *a = malloc(N * sizeof *a);
    for (int i = 0; i < N; i++)
        a[i] = i % 97;
    for (int round = 0; round < 20; round++) {
#pragma mploop for snapshot
        for (int i = 0; i < N - 1; i++)
            a[i] = a[i + 1] * 0.5 + round;
#pragma mploop for
        for (int i = 0; i < N; i++)
            a[i] = a[i] + 1.0 / (1 + i % 13);
    }
    double s = 0;
    for (int i = 0; i < N; i++)
        s += a[i] * (i % 11);
    printf("%.6f\n", s);
    free(a);
    return 0;
}
