// Verdicts from the loop analysis over array subscripts: a proven
// loop-carried flow or output dependence blocks the loop, named as the
// rewriter names it; anti-dependences only leave it parallel in snapshot
// mode; a dependence carried only by an inner loop does not block the
// outer one; calls, non-affine subscripts and pointers that may overlap
// leave it unknown, the last with the advice to add restrict or use
// --assume-no-alias, which takes different pointers not to overlap.
//
// RUN: %mploop --suggest %s > %t.out
// RUN: FileCheck %s --match-full-lines --implicit-check-not={{.}} < %t.out
// RUN: %mploop --suggest --assume-no-alias %s > %t.noalias
// RUN: FileCheck %s --check-prefix=NOALIAS < %t.noalias

void touch(double *p);

void kernels(double *a, double *b, double *restrict c, double *restrict d, const int *idx,
             double m[][100], int n)
{
// CHECK: {{.*}}deps.c:[[@LINE+1]]:5: blocked: loop-carried flow dependence: iteration i writes a[i + 1] (line [[@LINE+2]]), which iteration i + 1 reads as a[i] (line [[@LINE+2]])
    for (int i = 0; i < n - 1; i++)
        a[i + 1] = a[i] * 0.5;
// CHECK: {{.*}}deps.c:[[@LINE+1]]:5: parallel: #pragma mploop for (runs in snapshot mode: anti-dependence: iteration i reads c[i + 1] (line [[@LINE+2]]), which iteration i + 1 overwrites as c[i] (line [[@LINE+2]]))
    for (int i = 0; i < n - 1; i++)
        c[i] = c[i + 1] + 1;
// CHECK: {{.*}}deps.c:[[@LINE+1]]:5: blocked: loop-carried output dependence: iteration i writes d[2 * i + 2] (line [[@LINE+3]]), which iteration i + 1 writes again as d[2 * i] (line [[@LINE+2]])
    for (int i = 0; i < n; i++) {
        d[2 * i] = i;
        d[2 * i + 2] = -i;
    }
// CHECK: {{.*}}deps.c:[[@LINE+1]]:5: parallel: #pragma mploop for
    for (int i = 0; i < n; i++)
// CHECK: {{.*}}deps.c:[[@LINE+1]]:9: blocked: loop-carried flow dependence: iteration j writes m[i][j] (line [[@LINE+2]]), which iteration j + 1 reads as m[i][j - 1] (line [[@LINE+2]])
        for (int j = 1; j < 100; j++)
            m[i][j] = m[i][j - 1] + 1;
// CHECK: {{.*}}deps.c:[[@LINE+1]]:5: unknown: 'a' and 'b' may point to the same memory (declare the pointers restrict if they never do); or run with --assume-no-alias
    for (int i = 0; i < n; i++)
        a[i] = b[i] * 2;
// NOALIAS: deps.c:[[@LINE-2]]:5: parallel: #pragma mploop for
// CHECK: {{.*}}deps.c:[[@LINE+1]]:5: parallel: #pragma mploop for
    for (int i = 0; i < n; i++)
        c[i] = d[i] * 2;
// CHECK: {{.*}}deps.c:[[@LINE+1]]:5: unknown: pointer 'c' is passed to a call of 'touch'
    for (int i = 0; i < n; i++)
        touch(&c[i]);
// CHECK: {{.*}}deps.c:[[@LINE+1]]:5: unknown: two iterations may write the same element through 'c[idx[i]]' (a subscript is not an affine function of the loop variables)
    for (int i = 0; i < n; i++)
        c[idx[i]] = i;
}
