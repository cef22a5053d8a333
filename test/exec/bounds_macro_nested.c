// Bounds, initial values and steps that one macro use produces entirely
// through another, function-like macro, as PolyBench/C writes its loop
// bounds (`#define _PB_N POLYBENCH_LOOP_BOUND(N, n)`, which expands to the
// constant N): libclang gives such an expression an empty extent, and the
// rewriter takes the whole macro use as its text.  Before, the bound came out
// empty and the rewritten file did not compile.  The same macros on the left
// of the test (`PB_N > i`, `PICK(0, 20) < i`) are bounds too.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3

#include <stdio.h>

#define N 300
#define LOOP_BOUND(x, y) x
#define PB_N LOOP_BOUND(N, n)
#define PB_HALF LOOP_BOUND(N / 2, n / 2)
#define PICK(a, b) b
#define START PICK(0, 5)
#define STEP PICK(9, 3)

static long path[N];

int main(void)
{
    int n = N, i;
    // W: mploop: {{.*}}bounds_macro_nested.c:[[@LINE+2]]: 300 iterations on [[N]] workers, schedule auto
#pragma mploop for
    for (i = 0; i < PB_N; i++)
        path[i] = (long)i * i;
    // W: mploop: {{.*}}bounds_macro_nested.c:[[@LINE+2]]: 49 iterations on [[N]] workers, schedule auto
#pragma mploop for
    for (i = START; i < PB_HALF; i += STEP)
        path[i] += 7;
    // W: mploop: {{.*}}bounds_macro_nested.c:[[@LINE+2]]: 300 iterations on [[N]] workers, schedule auto
#pragma mploop for
    for (i = PB_N - 1; i >= LOOP_BOUND(0, n); i--)
        path[i] -= i;
    // W: mploop: {{.*}}bounds_macro_nested.c:[[@LINE+2]]: 300 iterations on [[N]] workers, schedule auto
#pragma mploop for
    for (i = 0; PB_N > i; i++)
        path[i] += 2 * i;
    // W: mploop: {{.*}}bounds_macro_nested.c:[[@LINE+2]]: 279 iterations on [[N]] workers, schedule auto
#pragma mploop for
    for (i = PB_N - 1; PICK(0, 20) < i; i--)
        path[i] ^= 5;
    long s = 0;
    for (i = 0; i < n; i++)
        s += path[i] * (i + 1);
    printf("checksum %ld\n", s);
    return 0;
}
