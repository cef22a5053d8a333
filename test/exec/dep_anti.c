// A proven anti-dependence (a[i] = a[i + 1] + ...) is accepted and the
// loop runs in snapshot mode, giving the sequential answer with the array
// on the heap (a large block, in the shared heap), as a global and as a
// local of the enclosing function (merged by snapshot in either mode); a dependence carried only by an inner
// loop (b[i][j] from b[i][j - 1]) does not keep the outer loop from
// running in parallel.
//
// RUN: env MPLOOP_TEST_WORKERS="2 3" %exec-check %s %t
// RUN: %mploop -Rmploop %s -o %t.c 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// CHECK: dep_anti.c:[[#@LINE+23]]:5: remark: anti-dependence: iteration i reads heap[i + 1]{{.*}}; the loop runs in snapshot mode [-Rmploop]
// CHECK: dep_anti.c:[[#@LINE+25]]:5: remark: anti-dependence: iteration i reads glob[i + 1]{{.*}}; the loop runs in snapshot mode [-Rmploop]
// CHECK: dep_anti.c:[[#@LINE+27]]:5: remark: loop runs in direct mode: it writes no heap block, global or static array [-Rmploop]
// CHECK: dep_anti.c:[[#@LINE+29]]:5: remark: loop runs in direct mode

#include <stdio.h>
#include <stdlib.h>

#define N (1 << 20)
#define G 4096

int glob[G];
double grid[64][64];

int main(void)
{
    int *heap = malloc(N * sizeof *heap);
    int loc[G];
    for (int i = 0; i < N; i++)
        heap[i] = i % 1000;
    for (int i = 0; i < G; i++)
        glob[i] = loc[i] = i % 77;
#pragma mploop for schedule(static)
    for (int i = 0; i < N - 1; i++)
        heap[i] = heap[i + 1] + 1;
#pragma mploop for schedule(dynamic, 100)
    for (int i = 0; i < G - 1; i++)
        glob[i] = glob[i + 1] * 3 % 1000;
#pragma mploop for
    for (int i = 0; i < G - 2; i++)
        loc[i] = loc[i + 2] + loc[i];
#pragma mploop for
    for (int i = 0; i < 64; i++)
        for (int j = 1; j < 64; j++)
            grid[i][j] = grid[i][j - 1] + i + j;
    long s = 0;
    for (int i = 0; i < N; i++)
        s += heap[i];
    for (int i = 0; i < G; i++)
        s += glob[i] * 7 + loc[i] * 13;
    printf("%ld %d %d %d %g\n", s, heap[0], glob[0], loc[0], grid[63][63]);
    free(heap);
    return 0;
}
