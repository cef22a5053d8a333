// An input that does not compile: clang's own errors are printed and mploop
// fails, even when the pragma itself is fine.
//
// RUN: not %mploop %s 2>&1 | FileCheck %s

void f(int *a, int n)
{
#pragma mploop for
    for (int i = 0; i < n; i++)
        a[i] = undeclared_thing;
// CHECK: clang_error.c:[[@LINE-1]]:16: error: use of undeclared identifier 'undeclared_thing'
}
