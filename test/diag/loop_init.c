// The loop init must be `v = lb` or `T v = lb` with one declarator.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

void f(int *a, int n)
{
    int i, j;
#pragma mploop for
    for (; i < n; i++) a[i] = 0;
// CHECK: loop_init.c:[[@LINE-1]]:10: error: loop init must have the form 'v = lb' or 'T v = lb'
#pragma mploop for
    for (i = 0, j = 0; i < n; i++) a[i] = j;
// CHECK: loop_init.c:[[@LINE-1]]:10: error: loop init must have the form 'v = lb' or 'T v = lb'
#pragma mploop for
    for (int x = 0, y = 1; x < n; x++) a[x] = y;
// CHECK: loop_init.c:[[@LINE-1]]:10: error: loop init must declare exactly one variable ('T v = lb')
#pragma mploop for
    for (int x; x < n; x++) a[x] = 0;
// CHECK: loop_init.c:[[@LINE-1]]:10: error: loop variable must be initialized in the loop init ('T v = lb')
#pragma mploop for
    for (i += 1; i < n; i++) a[i] = 0;
// CHECK: loop_init.c:[[@LINE-1]]:10: error: loop init must have the form 'v = lb' or 'T v = lb'
#pragma mploop for
    for (a[0] = 0; a[0] < n; a[0]++) a[1] = 0;
// CHECK: loop_init.c:[[@LINE-1]]:10: error: loop init must have the form 'v = lb' or 'T v = lb'
}
