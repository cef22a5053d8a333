// Every increment form of the canonical loop and the signed step it gives:
// v++ ++v v-- --v v += s v -= s v = v + s v = s + v v = v - s.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

void f(int *a, int n, int s)
{
#pragma mploop for
    for (int i = 0; i < n; i++) a[i] = 0;
    // CHECK: mploop_i64 __mploop_st_1 = 1;
#pragma mploop for
    for (int i = 0; i < n; ++i) a[i] = 0;
    // CHECK: mploop_i64 __mploop_st_2 = 1;
#pragma mploop for
    for (int i = n; i > 0; i--) a[i] = 0;
    // CHECK: mploop_i64 __mploop_st_3 = -1;
#pragma mploop for
    for (int i = n; i > 0; --i) a[i] = 0;
    // CHECK: mploop_i64 __mploop_st_4 = -1;
#pragma mploop for
    for (int i = 0; i < n; i += s + 1) a[i] = 0;
    // CHECK: mploop_i64 __mploop_st_5 = (s + 1);
#pragma mploop for
    for (int i = n; i > 0; i -= s) a[i] = 0;
    // CHECK: mploop_i64 __mploop_st_6 = -(s);
#pragma mploop for
    for (int i = 0; i < n; i = i + 2 * s) a[i] = 0;
    // CHECK: mploop_i64 __mploop_st_7 = (2 * s);
#pragma mploop for
    for (int i = 0; i < n; i = 3 + i) a[i] = 0;
    // CHECK: mploop_i64 __mploop_st_8 = (3);
#pragma mploop for
    for (int i = n; i >= 0; i = i - (s)) a[i] = 0;
    // CHECK: mploop_i64 __mploop_st_9 = -((s));
}
