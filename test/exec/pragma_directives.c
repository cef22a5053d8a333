// Preprocessor directives that leave the pragma in effect may stand between
// '#pragma mploop for' and its loop: the common way to carry both an OpenMP
// and an mploop pragma (`#ifdef USE_OMP / #pragma omp ... / #else /
// #pragma mploop for ... / #endif`), the same with mploop first and the
// OpenMP branch skipped, `#define` and `#undef`.  Each loop is rewritten
// (the verbose lines) and the program prints what the sequential one does;
// built with -DUSE_OMP and no OpenMP, the loops of the skipped branch run
// sequentially.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W --implicit-check-not=mploop: < %t.log.2
// RUN: %exec-check %s %t.omp -DUSE_OMP
// RUN: FileCheck %s --check-prefix=OMP --implicit-check-not=mploop: < %t.omp.log.2
// W: mploop: {{.*}}pragma_directives.c:[[@LINE+16]]: 1000 iterations on 2 workers
// W: mploop: {{.*}}pragma_directives.c:[[@LINE+24]]: 1000 iterations on 2 workers
// W: mploop: {{.*}}pragma_directives.c:[[@LINE+29]]: 1000 iterations on 2 workers
// OMP: mploop: {{.*}}pragma_directives.c:[[@LINE+28]]: 1000 iterations on 2 workers

#include <stdio.h>

int main(void)
{
    static long a[1000];
    long s = 0;
#ifdef USE_OMP
#pragma omp parallel for reduction(+:s)
#else
#pragma mploop for reduction(+:s)
#endif
    for (int i = 0; i < 1000; i++) {
        a[i] = i;
        s += i;
    }
#ifndef USE_OMP
#pragma mploop for
#else
#pragma omp parallel for
#endif
    for (int i = 0; i < 1000; i++)
        a[i] *= 2;
#pragma mploop for
#define SCALE 3
#undef SCALE
#define SCALE 5
    for (int i = 0; i < 1000; i++)
        a[i] += SCALE;
    printf("%ld %ld %ld\n", s, a[0], a[999]);
    return 0;
}
