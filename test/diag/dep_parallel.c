// Loops that are parallel as written get no dependence error and run in
// direct mode (no anti-dependence on shared memory): the identity, an
// update in place, a recurrence carried only by an inner loop (b[i][j]
// from b[i][j - 1]), a flattened 2-D array (a[i*n + j]), even and odd
// elements, the two halves of an array, stencils reading other arrays, a
// triangular nest, and restrict pointers.
//
// RUN: %mploop -Rmploop -Wmploop-unverified %s -o %t.c 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning: --implicit-check-not="snapshot mode"

#define N 64
double b[N][N], g[2 * N], out[N][N], in[N][N];

void f(double *restrict a, const double *restrict x, int n, int m)
{
#pragma mploop for
    for (int i = 0; i < n; i++)
        a[i] = x[i];
// CHECK: dep_parallel.c:[[@LINE-2]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < n; i++)
        a[i] = a[i] + 1;
// CHECK: dep_parallel.c:[[@LINE-2]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < N; i++)
        for (int j = 1; j < N; j++)
            b[i][j] = b[i][j - 1] + 1;
// CHECK: dep_parallel.c:[[@LINE-3]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++)
            a[i * m + j] = a[i * m + j] * x[j];
// CHECK: dep_parallel.c:[[@LINE-3]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < n; i++) {
        a[2 * i] = 0;
        a[2 * i + 1] = a[2 * i + 1] * 2;
    }
// CHECK: dep_parallel.c:[[@LINE-4]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < N; i++)
        g[i] = g[i + N];
// CHECK: dep_parallel.c:[[@LINE-2]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < n; i++)
        a[i] = a[i + n];
// CHECK: dep_parallel.c:[[@LINE-2]]:5: remark: loop runs in direct mode
#pragma mploop for collapse(2)
    for (int i = 1; i < N - 1; i++)
        for (int j = 1; j < N - 1; j++)
            out[i][j] = (in[i - 1][j] + in[i + 1][j] + in[i][j - 1] + in[i][j + 1]) / 4;
// CHECK: dep_parallel.c:[[@LINE-3]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < N; i++)
        for (int j = 0; j < i; j++)
            b[i][j] = b[i][j] * in[j][i];
// CHECK: dep_parallel.c:[[@LINE-3]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < N; i += 2)
        g[i] = g[i + 1];
// CHECK: dep_parallel.c:[[@LINE-2]]:5: remark: loop runs in direct mode
}
