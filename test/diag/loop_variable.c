// The loop variable must be an integer of at most 64 bits or a pointer to
// an object type, and not a register variable declared outside.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

void f(int *a, int n, void *raw)
{
    register int r;
    _Bool b;
#pragma mploop for
    for (double x = 0; x < n; x++) a[0] = 0;
// CHECK: loop_variable.c:[[@LINE-1]]:10: error: loop variable 'x' must have an integer type of at most 64 bits or a pointer type (it has type 'double')
#pragma mploop for
    for (__int128 w = 0; w < n; w++) a[0] = 0;
// CHECK: loop_variable.c:[[@LINE-1]]:10: error: loop variable 'w' must have an integer type of at most 64 bits or a pointer type (it has type '__int128')
#pragma mploop for
    for (b = 0; b < 1; b++) a[0] = 0;
// CHECK: loop_variable.c:[[@LINE-1]]:10: error: loop variable 'b' must have an integer type of at most 64 bits or a pointer type (it has type '_Bool')
#pragma mploop for
    for (void *p = raw; p < raw; p++) a[0] = 0;
// CHECK: loop_variable.c:[[@LINE-1]]:10: error: loop variable 'p' must point to an object type to step through memory (it has type 'void *')
#pragma mploop for
    for (r = 0; r < n; r++) a[r] = 0;
// CHECK: loop_variable.c:[[@LINE-1]]:10: error: loop variable 'r' must not be declared 'register'
}
