// A signal handler installed between two loops: the second loop's body
// raises the signal, and the handler runs in the worker as it would in a
// fresh fork (it records the signal, which the iteration reads).  A parked team has
// the old disposition (default: the signal would kill the worker), so the
// loop forks a fresh team; the next loop resumes it.
//
// RUN: %exec-check %s %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_VERBOSE=3 %t.par 2>&1 >/dev/null | grep ": team: " | FileCheck %s
// CHECK: team: forked 2 workers (first loop on workers)
// CHECK-NEXT: team: forked 2 workers (a signal disposition changed)
// CHECK-NEXT: team: resumed 2 parked workers

#include <signal.h>
#include <stdio.h>
#include <string.h>

static volatile sig_atomic_t last;

static void on_usr1(int sig)
{
    last = sig;
}

int main(void)
{
    static int seen[64];
#pragma mploop for
    for (int i = 0; i < 64; i++)
        seen[i] = -1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
#pragma mploop for
    for (int i = 0; i < 64; i++) {
        raise(SIGUSR1);
        seen[i] = last;
    }
#pragma mploop for
    for (int i = 0; i < 64; i++)
        seen[i] += i;
    long sum = 0;
    for (int i = 0; i < 64; i++)
        sum += seen[i];
    printf("sum %ld (SIGUSR1 = %d)\n", sum, SIGUSR1);
    return 0;
}
