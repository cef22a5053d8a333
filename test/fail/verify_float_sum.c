// A floating-point sum without a reduction clause.  The rewriter refuses
// `total += x` on a variable declared outside the loop (it names the
// reduction clause), but not an update through a pointer in a called
// function.  On two workers with equal shares each worker adds its 500
// terms to the snapshot's 0 and both write the same value, half the
// sequential sum: no race, a wrong answer.  MPLOOP_CHECK=verify fails the
// loop, naming 'total' and the bytes each run left.  With three workers the
// shares differ, the workers write different values, and the race is
// reported as a race (under verify too: it is found first).  The same sum
// with a reduction clause passes under verify although its partial sums
// are combined in another order than the sequential loop adds them.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_CHECK=verify not %t 2>&1 | FileCheck %s
// RUN: env MPLOOP_WORKERS=3 MPLOOP_CHECK=verify not %t 2>&1 | FileCheck %s --check-prefix=RACE
// RUN: env MPLOOP_WORKERS=3 MPLOOP_CHECK=verify %t reduction 2>&1 | FileCheck %s --check-prefix=FIXED --implicit-check-not=mploop:
// FIXED: total 100.000000

#include <stdio.h>
#include <string.h>

double total;

static void accumulate(double *sum, double x)
{
    *sum += x;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "reduction") == 0) {
        double s = 0;
#pragma mploop for schedule(static) reduction(+:s)
        for (int i = 0; i < 1000; i++)
            s += 0.1;
        total = s;
    } else {
        // CHECK: mploop: error: {{.*}}verify_float_sum.c:[[@LINE+4]]: result differs from a sequential run of the loop (MPLOOP_CHECK=verify): {{[1-9]}} bytes differ, first at 0x{{[0-9a-f]+}}, global 'total' (byte {{[0-7]}} of 8): parallel {{[0-9a-f][0-9a-f] [0-9a-f][0-9a-f] [0-9a-f][0-9a-f] [0-9a-f][0-9a-f] [0-9a-f][0-9a-f] [0-9a-f][0-9a-f] [0-9a-f][0-9a-f] [0-9a-f][0-9a-f]}}, sequential {{[0-9a-f][0-9a-f] [0-9a-f][0-9a-f] [0-9a-f][0-9a-f] [0-9a-f][0-9a-f] [0-9a-f][0-9a-f] [0-9a-f][0-9a-f] [0-9a-f][0-9a-f] [0-9a-f][0-9a-f]$}}
        // CHECK-NEXT: mploop: note: the iterations of this loop are not independent: {{.*}} a sum whose rounding depends on the order); {{.*}}; the program stops
        // RACE: mploop: error: {{.*}}verify_float_sum.c:[[@LINE+2]]: data race: workers wrote different values to address 0x{{[0-9a-f]+}}, global 'total' (byte {{[0-7]}} of 8)
#pragma mploop for schedule(static)
        for (int i = 0; i < 1000; i++)
            accumulate(&total, 0.1);
    }
    printf("total %f\n", total);
    return 0;
}
