// A parked worker is pinned to one CPU while it waits (so that woken
// workers spread over the CPUs), and its affinity is the parent's again
// before the body runs: every iteration of every loop sees the CPU set a
// fork would have given it, also after the parent narrowed its own set
// between two loops (which forks a fresh team).
//
// RUN: %exec-check %s %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_VERBOSE=3 %t.par 2>&1 >/dev/null | grep ": team: " | FileCheck %s
// CHECK: team: forked 2 workers (first loop on workers)
// CHECK-NEXT: team: resumed 2 parked workers
// CHECK-NEXT: team: resumed 2 parked workers
// CHECK-NEXT: team: forked 2 workers (resource limits, working directory, credentials, umask or CPU affinity changed)
// CHECK-NEXT: team: resumed 2 parked workers

#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>

int main(void)
{
    static int seen[5][64];
    cpu_set_t all;
    sched_getaffinity(0, sizeof all, &all);
    for (int round = 0; round < 5; round++) {
        if (round == 3 && CPU_COUNT(&all) > 1) {
            /* Narrow the parent to its first CPU. */
            cpu_set_t one;
            CPU_ZERO(&one);
            for (int c = 0; c < CPU_SETSIZE; c++)
                if (CPU_ISSET(c, &all)) {
                    CPU_SET(c, &one);
                    break;
                }
            sched_setaffinity(0, sizeof one, &one);
        }
#pragma mploop for
        for (int i = 0; i < 64; i++) {
            cpu_set_t mine;
            sched_getaffinity(0, sizeof mine, &mine);
            seen[round][i] = CPU_COUNT(&mine);
        }
    }
    for (int round = 0; round < 5; round++) {
        int lo = seen[round][0], hi = seen[round][0];
        for (int i = 0; i < 64; i++) {
            lo = seen[round][i] < lo ? seen[round][i] : lo;
            hi = seen[round][i] > hi ? seen[round][i] : hi;
        }
        printf("round %d: CPUs seen by the body %d..%d\n", round, lo, hi);
    }
    return 0;
}
