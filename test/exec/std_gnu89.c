// A program in C89 style (K&R definitions, declarations first in each
// block, `for (i = 0; ...)` loops) built with -std=gnu89: mploop-cc's output
// must compile in that mode and give the sequential result.
//
// RUN: %exec-check %s %t -std=gnu89
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3

#include <stdio.h>

static long square(x)
    long x;
{
    return x * x;
}

int main()
{
    static long a[1000];
    int i, j;
    long s = 0, m = 0;

    // W: mploop: {{.*}}std_gnu89.c:[[@LINE+2]]: 1000 iterations on [[N]] workers
#pragma mploop for reduction(+:s) schedule(dynamic, 7)
    for (i = 0; i < 1000; i++) {
        a[i] = square(i) % 977;
        s += a[i];
    }
    // W: mploop: {{.*}}std_gnu89.c:[[@LINE+2]]: 200 iterations on [[N]] workers
#pragma mploop for collapse(2) reduction(max:m)
    for (i = 0; i < 20; i++)
        for (j = 9; j >= 0; j--)
            if (a[i * 10 + j] + j > m)
                m = a[i * 10 + j] + j;
    printf("s=%ld m=%ld i=%d j=%d a[999]=%ld\n", s, m, i, j, a[999]);
    return 0;
}
