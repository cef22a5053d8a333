// A counter incremented in a called function (the rewriter cannot see it,
// so no reduction clause is asked for) loses updates on workers: each
// worker starts from the snapshot's 0 and writes the same final count, 500
// with two workers, and same-value writes merge cleanly, so without a
// check the program prints 500 and exits 0.  MPLOOP_CHECK=verify compares
// with the sequential run (1000) and fails the loop naming the counter and
// both values.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_CHECK=verify not %t > %t.out 2> %t.err
// RUN: FileCheck %s < %t.err
// RUN: count 0 < %t.out
// With a reduction clause instead, the loop passes under verify.
// RUN: env MPLOOP_WORKERS=2 MPLOOP_CHECK=verify %t reduction 2>&1 | FileCheck %s --check-prefix=FIXED --implicit-check-not=mploop:
// FIXED: counter 1000

#include <stdio.h>
#include <string.h>

long counter;

static void count_one(void)
{
    counter++;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "reduction") == 0) {
        long c = 0;
#pragma mploop for schedule(static) reduction(+:c)
        for (int i = 0; i < 1000; i++)
            c++;
        counter = c;
    } else {
        // CHECK: mploop: error: {{.*}}verify_lost_update.c:[[@LINE+3]]: result differs from a sequential run of the loop (MPLOOP_CHECK=verify): 2 bytes differ, first at 0x{{[0-9a-f]+}}, global 'counter' (byte 0 of 8): parallel f4 01 00 00, sequential e8 03 00 00{{$}}
        // CHECK-NEXT: mploop: note: the iterations of this loop are not independent: {{.*}} a counter or sum updated in a called function, {{.*}}; the program stops
#pragma mploop for schedule(static)
        for (int i = 0; i < 1000; i++)
            count_one();
    }
    printf("counter %ld\n", counter);
    return 0;
}
