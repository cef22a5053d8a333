// A worker that disappears without the parent seeing how it ended (here the
// program ignores SIGCHLD, so the kernel reaps its children itself): the
// loop fails with a report instead of hanging, naming the worker and the
// iteration it was running; workers that finished still count as finished,
// so a loop without failures completes normally under SIGCHLD ignored.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 %t ok | FileCheck %s --check-prefix=OK
// RUN: env MPLOOP_WORKERS=2 python3 %S/Inputs/alone.py --timeout 20 -- %t crash 2>&1 | FileCheck %s --check-prefix=LOST
//
// OK: after the loop: 45
// LOST: mploop: error: {{.*}}lost.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) ended unseen (another part of the program reaped it) at iteration i = 6{{$}}
// LOST-NEXT: mploop: note: do not wait() for arbitrary children, or ignore SIGCHLD, while a parallel loop runs; the program stops
// LOST-NOT: after the loop
// LOST: status=1
// LOST-NEXT: none-left

#include <signal.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    int crash = argc > 1 && !strcmp(argv[1], "crash");
    long sum = 0;
    signal(SIGCHLD, SIG_IGN);
#pragma mploop for reduction(+: sum)
    for (int i = 0; i < 10; i++) {
        if (crash && i == 6)
            raise(SIGSEGV);
        sum += i;
    }
    printf("after the loop: %ld\n", sum);
    return 0;
}
