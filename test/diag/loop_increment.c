// The increment must be one of the canonical forms on the loop variable,
// with an integer step that does not use the loop variable.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

void f(int *a, int n, int s, double ds)
{
    int j = 0;
#pragma mploop for
    for (int i = 0; i < n;) a[i++] = 0;
// CHECK: loop_increment.c:[[@LINE-1]]:27: error: loop increment must be 'v++', '++v', 'v--', '--v', 'v += s', 'v -= s', 'v = v + s', 'v = s + v' or 'v = v - s' with the loop variable 'i'
#pragma mploop for
    for (int i = 1; i < n; i *= 2) a[i] = 0;
// CHECK: loop_increment.c:[[@LINE-1]]:28: error: loop increment must be {{.*}} with the loop variable 'i'
#pragma mploop for
    for (int i = 0; i < n; j++) a[i] = 0;
// CHECK: loop_increment.c:[[@LINE-1]]:28: error: loop increment must be {{.*}} with the loop variable 'i'
#pragma mploop for
    for (int i = 0; i < n; i = s - i) a[i] = 0;
// CHECK: loop_increment.c:[[@LINE-1]]:28: error: loop increment must be {{.*}} with the loop variable 'i'
#pragma mploop for
    for (int i = 0; i < n; i++, j++) a[i] = 0;
// CHECK: loop_increment.c:[[@LINE-1]]:28: error: loop increment must be {{.*}} with the loop variable 'i'
#pragma mploop for
    for (int i = 0; i < n; i += ds) a[i] = 0;
// CHECK: loop_increment.c:[[@LINE-1]]:33: error: the step of the loop over 'i' must have integer type (it has type 'double')
#pragma mploop for
    for (int i = 1; i < n; i += i) a[i] = 0;
// CHECK: loop_increment.c:[[@LINE-1]]:33: error: the step of the loop must not use the loop variable 'i'
    a[0] = j;
}
