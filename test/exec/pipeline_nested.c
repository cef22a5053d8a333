// A pipeline in a function called from the body of an annotated loop runs
// in-process in the worker (every item through every stage in turn, in
// order); called from main it runs on workers.  Both give what the
// sequential build gives: the stages' output in order and the rows the
// pipeline writes.
//
// RUN: env MPLOOP_TEST_WORKERS="1 2 4" %exec-check %s %t
// RUN: FileCheck %s < %t.expected
// In the workers the pipeline runs in-process, once per row:
// RUN: env MPLOOP_WORKERS=3 MPLOOP_VERBOSE=2 %t.par > %t.v2.out 2> %t.v2.log
// RUN: cmp %t.expected %t.v2.out
// RUN: grep 'in-process (nested)' %t.v2.log | FileCheck %s --check-prefix=NESTED --implicit-check-not=mploop:
//
// CHECK: row 0: 48 291
// CHECK-NEXT: row 0: 0 sum 12222
// CHECK-NEXT: rows 21 0 0 0 0 0
// CHECK-NEXT: total 3681776

#include <stdio.h>

static long table[8][64];

static __attribute__((noinline)) long fill_row(int r, int len, int verbose)
{
    long sum = 0;
    // NESTED-COUNT-7: mploop: {{.*}}pipeline_nested.c:[[@LINE+2]]: {{.*}}in-process (nested)
#pragma mploop pipeline
    for (int c = 0; c < len; c++) {
        long v = (long)r * 1000 + c * 3;
#pragma mploop stage parallel
        v = v * 2 + (c % 5);
        table[r][c] = v;
#pragma mploop stage serial
        sum += v;
        if (verbose && c % 16 == 0)
            printf("row %d: %d %ld\n", r, c, v);
    }
    if (verbose)
        printf("row %d: %d sum %ld\n", r, 0, sum);
    return sum;
}

int main(void)
{
    long total = fill_row(0, 64, 1);
    long sums[8] = { 0 };

#pragma mploop for schedule(dynamic)
    for (int r = 1; r < 8; r++)
        sums[r] = fill_row(r, 64, 0);

    printf("rows %ld %ld %ld %ld %ld %ld\n", table[0][3], table[1][0] - 2000, table[7][5] - 14030,
           sums[2] - sums[1] - 128000, sums[0], table[0][0]);
    for (int r = 1; r < 8; r++)
        total += sums[r];
    printf("total %ld\n", total);
    for (int r = 0; r < 8; r++)
        for (int c = 0; c < 64; c += 9)
            printf("%ld%c", table[r][c], c + 9 < 64 ? ' ' : '\n');
    return 0;
}
