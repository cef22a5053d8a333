// A dependence that only some schedules expose: every iteration adds
// a[64], which iteration 64 changes.  In the sequential program iterations
// after 64 see the new value; with schedule(dynamic, 64) only the worker
// that ran the chunk holding 64 sees it, so the sum depends on which worker
// claims which chunk (and differs from run to run) without any race.
// Under MPLOOP_CHECK=verify the loop fails as soon as another worker runs
// a later chunk, which the work in each iteration makes certain in
// practice; the program retries under MPLOOP_ON_ERROR=return and stops at
// the first failure (memory is as before the failed loop).
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_CHECK=verify MPLOOP_ON_ERROR=return %t > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=OUT < %t.out
// RUN: FileCheck %s --check-prefix=ERR < %t.err
// OUT: detected: kind verify 1, memory as before: 1

#include <mploop.h>
#include <stdio.h>
#include <stdlib.h>

#define N 4096

static volatile int zero; /* hides the dependence from the rewriter's tests */
int main(void)
{
    long *a = malloc(N * sizeof *a);
    for (int run = 0; run < 20; run++) {
        for (int i = 0; i < N; i++)
            a[i] = i;
        // ERR: mploop: error: {{.*}}verify_dynamic.c:[[@LINE+2]]: result differs from a sequential run of the loop (MPLOOP_CHECK=verify): {{[1-9][0-9]*}} bytes differ, first at 0x{{[0-9a-f]+}}, heap block 0x{{[0-9a-f]+}} ({{[0-9]+}} bytes), byte {{[0-9]+}}: parallel {{[0-9a-f ]+}}, sequential {{[0-9a-f ]+}}{{$}}
#pragma mploop for schedule(dynamic, 64)
        for (int i = 0; i < N; i++) {
            volatile double work = 0;
            for (int k = 0; k < 1000; k++)
                work += k;
            a[i] = a[i] + a[64 + zero];
        }
        const mploop_error *e = mploop_last_error();
        if (e) {
            int same = 1;
            for (int i = 0; i < N; i++)
                same &= a[i] == i;
            printf("detected: kind verify %d, memory as before: %d\n",
                   e->kind == MPLOOP_ERROR_VERIFY, same);
            return 0;
        }
    }
    printf("not detected in 20 runs\n");
    return 0;
}
