// An annotated loop inside the body of an annotated loop: the outer loop runs
// on workers, and each worker runs the inner loop in-process ("nested"),
// once per outer iteration.  An annotated loop after the nest runs on workers
// again.
//
// RUN: %exec-check %s %t
// RUN: grep -v 'in-process (nested)' %t.log.2 | FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop:
// RUN: grep -v 'in-process (nested)' %t.log.3 | FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop:
//
// MPLOOP_VERBOSE=2 also reports the loops that workers run nested:
// RUN: env MPLOOP_WORKERS=2 MPLOOP_VERBOSE=2 %t.par > %t.v2.out 2> %t.v2.log
// RUN: cmp %t.expected %t.v2.out
// RUN: grep -v 'in-process (nested)' %t.v2.log | FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop:
// RUN: grep 'in-process (nested)' %t.v2.log | count 12
// RUN: grep 'in-process (nested)' %t.v2.log | sort -u | FileCheck %s --check-prefix=INNER --implicit-check-not=mploop:

#include <stdio.h>

int main(void)
{
    int rows = 12, cols = 50;
    static int grid[12][50];
    long total = 0;

    // W: mploop: {{.*}}nested_annotated.c:[[@LINE+2]]: 12 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(+: total)
    for (int r = 0; r < rows; r++) {
        long row_sum = 0;
        // INNER: mploop: {{.*}}nested_annotated.c:[[@LINE+2]]: 50 iterations in-process (nested)
#pragma mploop for reduction(+: row_sum)
        for (int c = 0; c < cols; c++) {
            grid[r][c] = r * 100 + c;
            row_sum += c;
        }
        total += row_sum * (r + 1);
    }

    long check = 0;
    // W: mploop: {{.*}}nested_annotated.c:[[@LINE+2]]: 600 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(+: check)
    for (int k = 0; k < rows * cols; k++)
        check += grid[k / cols][k % cols] % 7;

    unsigned long h = 0;
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++)
            h = h * 31 + (unsigned)grid[r][c];
    printf("total=%ld check=%ld hash=%lu\n", total, check, h);
    return 0;
}
