// collapse(n): the argument is an integer constant >= 1, the n loops are
// perfectly nested (the inner loop is the only statement of the outer body)
// and rectangular (inner bounds and steps do not use outer variables).
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

void f(int *a, int n, int m)
{
#pragma mploop for collapse(0)
// CHECK: collapse.c:[[@LINE-1]]:29: error: argument of 'collapse' must be an integer constant of at least 1
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for collapse(m)
// CHECK: collapse.c:[[@LINE-1]]:29: error: argument of 'collapse' must be an integer constant of at least 1
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for collapse(2)
    for (int i = 0; i < n; i++) {
// CHECK: collapse.c:[[@LINE-1]]:33: error: 'collapse(2)' needs 2 perfectly nested loops: the body of the loop over 'i' must be a for loop and nothing else
// CHECK: collapse.c:[[@LINE-3]]:29: note: collapse requested here
        a[i] = 0;
        for (int j = 0; j < m; j++) a[i * m + j] = 1;
    }
#pragma mploop for collapse(3)
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++)
            a[i * m + j] = 1;
// CHECK: collapse.c:[[@LINE-1]]:13: error: 'collapse(3)' needs 3 perfectly nested loops: the body of the loop over 'j' must be a for loop and nothing else
#pragma mploop for collapse(2)
    for (int i = 0; i < n; i++)
        for (int j = i; j < m; j++)
// CHECK: collapse.c:[[@LINE-1]]:22: error: 'collapse' needs rectangular loops: the bounds and step of the loop over 'j' must not use the outer loop variable 'i'
            a[j] = 1;
#pragma mploop for collapse(2)
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j += i + 1)
// CHECK: collapse.c:[[@LINE-1]]:37: error: 'collapse' needs rectangular loops
            a[j] = 1;
#pragma mploop for collapse(2)
    for (int i = 0; i < n; i++)
#pragma mploop for
// CHECK: collapse.c:[[@LINE-1]]:1: error: 'collapse' needs perfectly nested loops: nothing may come before the inner loop
        for (int j = 0; j < m; j++)
            a[j] = i;
#pragma mploop for collapse(2)
    for (int i = 0; i < n; i++) { /* comments are fine */
// CHECK: collapse.c:[[@LINE-1]]:33: error: 'collapse(2)' needs 2 perfectly nested loops
        ; for (int j = 0; j < m; j++)
// CHECK: note: collapse requested here
            a[j] = i;
    }
}
