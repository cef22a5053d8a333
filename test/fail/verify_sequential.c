// Under MPLOOP_CHECK=verify the sequential run can fail where the workers
// did not: here a[i] grows by one per iteration only when the iterations
// run in order (each worker starts its share from the snapshot's zeros),
// and the body fails once a[i] passes 60, which only the sequential run
// reaches.  The loop fails with a report naming the sequential run, how it
// ended (mploop_fail exits, a crash is a signal) and its iteration;
// nothing is merged.  What the sequential run prints goes to /dev/null: the
// body's output appears once, from the workers.
//
// RUN: %mploop-cc -I%mploop-build/include -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_CHECK=verify not %t fail > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=FAIL < %t.err
// RUN: FileCheck %s --check-prefix=OUT < %t.out
// RUN: env MPLOOP_WORKERS=2 MPLOOP_CHECK=verify not %t crash 2>&1 | FileCheck %s --check-prefix=CRASH
// OUT-COUNT-2: at 10
// OUT-NOT: at 10

#include <mploop.h>
#include <stdio.h>
#include <string.h>

int a[101];
static volatile int one = 1; /* hides the dependence from the rewriter's tests */

int main(int argc, char **argv)
{
    int crash = argc > 1 && strcmp(argv[1], "crash") == 0;
    // FAIL: mploop: error: {{.*}}verify_sequential.c:[[@LINE+4]]: sequential run of the loop (MPLOOP_CHECK=verify) exited with status 1 at iteration i = 61{{$}}
    // FAIL-NEXT: mploop: note: the workers ran the loop without failing, but running its iterations in order failed: {{.*}}; nothing the workers wrote was merged; the program stops
    // CRASH: mploop: error: {{.*}}verify_sequential.c:[[@LINE+2]]: sequential run of the loop (MPLOOP_CHECK=verify) killed by SIGSEGV (Segmentation fault) at iteration i = 61{{$}}
#pragma mploop for schedule(static)
    for (int i = 0; i < 100; i++) {
        a[i + one] = a[i] + 1;
        if (a[i] == 10)
            printf("at 10\n");
        if (a[i] > 60) {
            if (crash)
                *(volatile int *)0 = 1;
            mploop_fail("a[%d] is %d", i, a[i]);
        }
    }
    printf("a[100] = %d\n", a[100]);
    return 0;
}
