// '#pragma mploop for' must be followed by a for statement; comments, blank
// lines and the directives that leave the pragma in effect (test/exec/
// pragma_directives.c) may come between, anything else is an error at the
// token that follows: a directive that opens a conditional or includes a
// file too.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

void f(int *a, int n)
{
#pragma mploop for
    // a comment is fine

    /* so is this one */
    for (int i = 0; i < n; i++) a[i] = 0;

#pragma mploop for
    int x = 0;
// CHECK: pragma_not_for.c:[[@LINE-1]]:5: error: '#pragma mploop for' must be followed by a for loop
#pragma mploop for
    while (x < n) x++;
// CHECK: pragma_not_for.c:[[@LINE-1]]:5: error: '#pragma mploop for' must be followed by a for loop
#pragma mploop for
#pragma mploop for
// CHECK: pragma_not_for.c:[[@LINE-1]]:1: error: '#pragma mploop for' must be followed by a for loop
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for
    { for (int i = 0; i < n; i++) a[i] = 0; }
// CHECK: pragma_not_for.c:[[@LINE-1]]:5: error: '#pragma mploop for' must be followed by a for loop
#pragma mploop for
#if 1
// CHECK: pragma_not_for.c:[[@LINE-1]]:1: error: '#pragma mploop for' must be followed by a for loop
    for (int i = 0; i < n; i++) a[i] = 0;
#endif
}
#pragma mploop for
// CHECK: pragma_not_for.c:[[@LINE-1]]:1: error: '#pragma mploop for' must be followed by a for loop
