// Under a tight descriptor limit (prlimit --nofile, `ulimit -n`) a loop
// never kills the program: with room for a persistent team it forms one,
// with less it forks workers for the loop alone, and with too little for a
// worker's own descriptors it runs in-process with a warning naming the
// limit.  Every limit from 8 to 40 gives the sequential answer.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: for n in $(seq 8 40); do env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 prlimit --nofile=$n %t 2>/dev/null; echo "status $?"; done | sort | uniq -c | FileCheck %s --check-prefix=ALL
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 prlimit --nofile=9 %t 2>&1 | FileCheck %s --check-prefix=TIGHT
// ALL: {{^ *}}33 status 0
// ALL-NEXT: {{^ *}}33 sum 499500 a[999] 1998
// TIGHT-COUNT-3: mploop: warning: {{.*}}fd_limit.c:{{[0-9]+}}: {{[0-9]+}} free descriptors of the 9 the process may open (RLIMIT_NOFILE, ulimit -n), and a worker needs 4; raise the limit to run loops on workers; running the loop in-process
// TIGHT-NEXT: sum 499500 a[999] 1998

#include <stdio.h>

int main(void)
{
    static long a[1000];
    long sum = 0;
    for (int round = 0; round < 3; round++) {
#pragma mploop for reduction(+: sum)
        for (int i = 0; i < 1000; i++) {
            a[i] = 2 * i;
            sum += round == 0 ? i : 0;
        }
    }
    printf("sum %ld a[999] %ld\n", sum, a[999]);
    return 0;
}
