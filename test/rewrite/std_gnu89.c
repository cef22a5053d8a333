// Code in C89 style (K&R definitions, declarations at the top of blocks,
// `for (i = 0; ...)`) rewritten with -std=gnu89: the generated code declares
// no variable in a for init, so the output compiles in gnu89 mode, where
// `for (T v = ...)` is an error.
//
// RUN: %mploop %s -- -std=gnu89 | FileCheck %s
// RUN: %mploop %s -o %t.c -- -std=gnu89 && %cc -std=gnu89 -fsyntax-only -Wall -Werror -I%S/../../include %t.c
// RUN: %cc -std=gnu89 -fsyntax-only -Wall -Werror -Wno-unknown-pragmas %s

long scale(a, n, k)
    int *a;
    int n, k;
{
    int i, j;
    long s = 0;
#pragma mploop for reduction(+:s)
    for (i = 0; i < n; i++) {
        a[i] *= k;
        s += a[i];
    }
#pragma mploop for collapse(2) reduction(+:s)
    for (i = 0; i < n; i++)
        for (j = 0; j < k; j++)
            s += a[i] + j;
    return s;
}

// CHECK-NOT: for ({{[a-z_ ]+}} __mploop
// CHECK: mploop_u64 __mploop_lo_1, __mploop_hi_1, __mploop_k_1;
// CHECK: for (__mploop_k_1 = __mploop_lo_1; __mploop_k_1 < __mploop_hi_1; __mploop_k_1++) {
// CHECK: unsigned __mploop_w_1;
// CHECK-NEXT: for (__mploop_w_1 = 0;
// CHECK: mploop_u64 __mploop_lo_2, __mploop_hi_2, __mploop_k_2;
// CHECK: for (__mploop_k_2 = __mploop_lo_2;
// CHECK: unsigned __mploop_w_2;
// CHECK-NEXT: for (__mploop_w_2 = 0;
// CHECK-NOT: for ({{[a-z_ ]+}} __mploop
