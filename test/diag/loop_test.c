// The loop test must compare the loop variable with <, <=, >, >= or != on
// either side; bounds must be integers (pointers for pointer loops) and
// must not use the loop variable.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

#define LESS(a, b) ((a) < (b))

void f(int *a, int n, double limit, int *end)
{
#pragma mploop for
    for (int i = 0; ; i++) a[i] = 0;
// CHECK: loop_test.c:[[@LINE-1]]:21: error: loop test must compare the loop variable 'i' with <, <=, >, >= or !=
#pragma mploop for
    for (int i = 0; i == n; i++) a[i] = 0;
// CHECK: loop_test.c:[[@LINE-1]]:21: error: loop test must compare the loop variable 'i' with <, <=, >, >= or !=
#pragma mploop for
    for (int i = 0; i * 2 < n; i++) a[i] = 0;
// CHECK: loop_test.c:[[@LINE-1]]:21: error: loop test must compare the loop variable 'i' with <, <=, >, >= or !=
#pragma mploop for
    for (int i = 0; n; i++) a[i] = 0;
// CHECK: loop_test.c:[[@LINE-1]]:21: error: loop test must compare the loop variable 'i' with <, <=, >, >= or !=
#pragma mploop for
    for (int i = 0; LESS(i, n); i++) a[i] = 0;
// CHECK: loop_test.c:[[@LINE-1]]:21: error: loop test must compare the loop variable 'i' with <, <=, >, >= or !=
#pragma mploop for
    for (int i = 0; i < limit; i++) a[i] = 0;
// CHECK: loop_test.c:[[@LINE-1]]:25: error: the bound of the loop over 'i' must have integer type (it has type 'double')
#pragma mploop for
    for (int i = 0; i < n - i; i++) a[i] = 0;
// CHECK: loop_test.c:[[@LINE-1]]:29: error: the bound of the loop must not use the loop variable 'i'
#pragma mploop for
    for (int *p = a; p < n; p++) *p = 0;
// CHECK: loop_test.c:[[@LINE-1]]:26: error: the bound of the loop over 'p' must have pointer type (it has type 'int')
#pragma mploop for
    for (int i = 0.5; i < n; i++) a[i] = 0;
// CHECK: loop_test.c:[[@LINE-1]]:18: error: the initial value of the loop over 'i' must have integer type (it has type 'double')
#pragma mploop for
    for (int *p = a; p < end; p++) *p = 0;
}
