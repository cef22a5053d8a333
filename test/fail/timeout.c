// MPLOOP_TIMEOUT: a loop stuck in one iteration (sleeping far longer than
// the timeout) becomes a reported failure of kind timeout, naming a worker
// that was still running and its iteration; the workers are killed, none
// is left, and the program stops with status 1, or continues under
// MPLOOP_ON_ERROR=return with the error available.  A malformed value is
// refused.
//
// RUN: %mploop-cc -I%mploop-build/include -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_TIMEOUT=0.5 python3 %S/Inputs/alone.py --timeout 20 -- %t 2>&1 | FileCheck %s --check-prefix=EXIT
// RUN: env MPLOOP_WORKERS=3 MPLOOP_TIMEOUT=0.3 MPLOOP_ON_ERROR=return python3 %S/Inputs/alone.py --timeout 20 -- %t 2>&1 | FileCheck %s --check-prefix=RET
// RUN: env MPLOOP_TIMEOUT=soon not %t 2>&1 | FileCheck %s --check-prefix=BAD
//
// EXIT: mploop: error: {{.*}}timeout.c:{{[0-9]+}}: loop did not finish within MPLOOP_TIMEOUT (500 ms); worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) was still running, at iteration i = 5{{$}}
// EXIT-NEXT: mploop: note: the workers were killed
// EXIT-NOT: after the loop
// EXIT: status=1
// EXIT-NEXT: none-left
// RET: mploop: error: {{.*}}timeout.c:{{[0-9]+}}: loop did not finish within MPLOOP_TIMEOUT (300 ms)
// RET: after the loop: error kind 4, done[0] = 0
// RET: status=0
// RET-NEXT: none-left
// BAD: MPLOOP_TIMEOUT=soon is not a number of seconds

#include <mploop.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    static int done[10];
#pragma mploop for schedule(dynamic, 1)
    for (int i = 0; i < 10; i++) {
        if (i == 5)
            sleep(100);
        done[i] = 1;
    }
    const mploop_error *e = mploop_last_error();
    printf("after the loop: error kind %d, done[0] = %d\n", e ? e->kind : 0, done[0]);
    return 0;
}
