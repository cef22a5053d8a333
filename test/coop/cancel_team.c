// A cancelled loop leaves the persistent team intact: its workers stop
// cleanly, ship what they wrote and park, and the next loops resume the same
// team (no new fork), run every iteration, and start with the cancel reset.
//
// REQUIRES: team-parks
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_VERBOSE=3 MPLOOP_TIMEOUT=60 %t > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=OUT < %t.out
// RUN: grep ": team: " %t.err | FileCheck %s
// OUT: round 0: cancelled=1 full=1 cancelled after=0
// OUT: round 1: cancelled=1 full=1 cancelled after=0
// OUT: round 2: cancelled=1 full=1 cancelled after=0
// CHECK: team: forked 2 workers (first loop on workers)
// CHECK-NOT: forked
// CHECK-COUNT-5: team: resumed 2 parked workers
// CHECK-NOT: forked

#include <mploop.h>
#include <stdio.h>

#define N 100000

static int a[N];

int main(void)
{
    for (int round = 0; round < 3; round++) {
#pragma mploop for schedule(runtime)
        for (int i = 0; i < N; i++) {
            a[i] = round + 1;
            if (i == N / 3)
                mploop_cancel();
        }
        int cancelled = mploop_cancelled() && a[N / 3] == round + 1;
#pragma mploop for schedule(static)
        for (int i = 0; i < N; i++)
            a[i] = -i;
        int full = 1;
        for (int i = 0; i < N; i++)
            full &= a[i] == -i;
        printf("round %d: cancelled=%d full=%d cancelled after=%d\n", round, cancelled, full,
               mploop_cancelled());
    }
    return 0;
}
