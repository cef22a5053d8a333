// The loop test: < <= > >= != with the variable on either side, normalized
// with the variable on the left (`ub > v` is MPLOOP_LT); `first` applies the
// same comparison to the first value in the common type, as C does.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

void f(int *a, int n)
{
#pragma mploop for
    for (int i = 0; i < n; i++) a[i] = 0;
    // CHECK: MPLOOP_LT, ((__typeof__(__mploop_lb_1 + __mploop_ub_1))__mploop_lb_1 < (__typeof__(__mploop_lb_1 + __mploop_ub_1))__mploop_ub_1), &__mploop_n_1);
#pragma mploop for
    for (int i = 0; i <= n; i++) a[i] = 0;
    // CHECK: MPLOOP_LE, ((__typeof__(__mploop_lb_2 + __mploop_ub_2))__mploop_lb_2 <= (__typeof__(__mploop_lb_2 + __mploop_ub_2))__mploop_ub_2), &__mploop_n_2);
#pragma mploop for
    for (int i = n; i > 0; i--) a[i] = 0;
    // CHECK: MPLOOP_GT, ((__typeof__(__mploop_lb_3 + __mploop_ub_3))__mploop_lb_3 > (__typeof__(__mploop_lb_3 + __mploop_ub_3))__mploop_ub_3), &__mploop_n_3);
#pragma mploop for
    for (int i = n; i >= 0; i--) a[i] = 0;
    // CHECK: MPLOOP_GE, ((__typeof__(__mploop_lb_4 + __mploop_ub_4))__mploop_lb_4 >= (__typeof__(__mploop_lb_4 + __mploop_ub_4))__mploop_ub_4), &__mploop_n_4);
#pragma mploop for
    for (int i = 0; i != n; i += 2) a[i] = 0;
    // CHECK: MPLOOP_NE, ((__typeof__(__mploop_lb_5 + __mploop_ub_5))__mploop_lb_5 != (__typeof__(__mploop_lb_5 + __mploop_ub_5))__mploop_ub_5), &__mploop_n_5);
#pragma mploop for
    for (int i = 0; n > i; i++) a[i] = 0;
    // CHECK: __typeof__((n) + 0) __mploop_ub_6 = (n);
    // CHECK: MPLOOP_LT, ((__typeof__(__mploop_lb_6 + __mploop_ub_6))__mploop_lb_6 < (__typeof__(__mploop_lb_6 + __mploop_ub_6))__mploop_ub_6), &__mploop_n_6);
#pragma mploop for
    for (int i = 0; n - 1 >= i; i++) a[i] = 0;
    // CHECK: __typeof__((n - 1) + 0) __mploop_ub_7 = (n - 1);
    // CHECK: MPLOOP_LE,
#pragma mploop for
    for (int i = n; 0 < i; i--) a[i] = 0;
    // CHECK: MPLOOP_GT,
#pragma mploop for
    for (int i = n; 0 <= i; i--) a[i] = 0;
    // CHECK: MPLOOP_GE,
#pragma mploop for
    for (int i = n; 0 != i; i--) a[i] = 0;
    // CHECK: MPLOOP_NE,
}
