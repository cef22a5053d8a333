// A body that opens a descriptor and leaves it open: in a fresh fork the
// next loop's worker would not have it, so the worker that holds it does
// not park (it exits) and the next loop forks a fresh team.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_VERBOSE=3 %t 2>&1 >/dev/null | grep ": team: " | FileCheck %s
// CHECK: team: forked 2 workers (first loop on workers)
// CHECK-NEXT: team: resumed 2 parked workers
// CHECK-NEXT: team: forked 2 workers (a loop body left a descriptor open in a worker)
// CHECK-NEXT: team: resumed 2 parked workers

#include <fcntl.h>
#include <stdio.h>

int main(void)
{
    static int fd[2];
#pragma mploop for
    for (int i = 0; i < 2; i++)
        fd[i] = 0;
#pragma mploop for
    for (int i = 0; i < 2; i++)
        fd[i] = open("/dev/null", O_RDONLY);
#pragma mploop for
    for (int i = 0; i < 2; i++)
        fd[i] = 1;
#pragma mploop for
    for (int i = 0; i < 2; i++)
        fd[i] = 2;
    printf("%d %d\n", fd[0], fd[1]);
    return 0;
}
