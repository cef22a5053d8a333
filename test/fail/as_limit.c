// Under an address-space limit (prlimit --as, `ulimit -v`) the workers'
// arenas are sized from the limit, so loops still run on workers with a few
// hundred MiB; under a limit too small for them the loop runs in-process
// with a warning that names the limit and what to do.  Both give the
// sequential answer.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_VERBOSE=1 prlimit --as=400000000 %t 2>&1 | FileCheck %s --check-prefix=ROOM
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_VERBOSE=1 prlimit --as=100000000 %t 2>&1 | FileCheck %s --check-prefix=TIGHT
// ROOM: mploop: {{.*}}as_limit.c:[[@LINE+13]]: 1000 iterations on 2 workers, schedule auto
// ROOM-NEXT: sum 499500 a[999] 1998
// TIGHT: mploop: warning: {{.*}}as_limit.c:[[@LINE+11]]: cannot prepare memory for the workers (Cannot allocate memory): the address-space limit (RLIMIT_AS, ulimit -v) is 95 MiB; raise or remove it to run loops on workers; running the loop in-process
// TIGHT-NEXT: mploop: {{.*}}as_limit.c:[[@LINE+10]]: 1000 iterations in-process (fork failed)
// TIGHT-NEXT: sum 499500 a[999] 1998

#include <stdio.h>

int main(void)
{
    static long a[1000];
    long sum = 0;
#pragma mploop for reduction(+: sum)
    for (int i = 0; i < 1000; i++) {
        a[i] = 2 * i;
        sum += i;
    }
    printf("sum %ld a[999] %ld\n", sum, a[999]);
    return 0;
}
