// A loop variable declared outside the loop (`v = lb`): saved and restored
// in each participant like a private variable, assigned in the chunk loop,
// left out of mploop_local, and given its sequential final value after a
// successful join.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

long g_i;

int f(int *a, int n)
{
    int i, before = 1;
#pragma mploop for
    for (i = 2; i <= n; i += 3)
        a[i] = before;
    // CHECK: __typeof__(i) __mploop_lb_1 = (2);
    // CHECK: mploop_frame(&__mploop_L_1, __builtin_frame_address(0));
    // CHECK-NEXT: if (mploop_start(&__mploop_L_1)) {
    // CHECK-NEXT: __typeof__(i) __mploop_s0_1; __builtin_memcpy(&__mploop_s0_1, &i, sizeof(i));
    // CHECK: i = (__typeof__(i))((mploop_u64)__mploop_lb_1 + __mploop_k_1 * (mploop_u64)__mploop_st_1);
    // CHECK-NEXT: #line [[@LINE-7]] "{{.*}}loop_outer_var.c"
    // CHECK: __builtin_memcpy(&i, &__mploop_s0_1, sizeof(i));
    // CHECK-NEXT: mploop_end(&__mploop_L_1);
    // CHECK-NEXT: }
    // CHECK-NEXT: if (mploop_join(&__mploop_L_1) == 0) {
    // CHECK-NEXT: i = (__typeof__(i))((mploop_u64)__mploop_lb_1 + __mploop_n_1 * (mploop_u64)__mploop_st_1);
    // CHECK-NEXT: }

#pragma mploop for
    for (g_i = n; g_i > 0; g_i--)
        a[g_i] = 0;
    // CHECK: __typeof__(g_i) __mploop_lb_2 = (n);
    // CHECK: g_i = (__typeof__(g_i))((mploop_u64)__mploop_lb_2 + __mploop_k_2 * (mploop_u64)__mploop_st_2);
    // CHECK: g_i = (__typeof__(g_i))((mploop_u64)__mploop_lb_2 + __mploop_n_2 * (mploop_u64)__mploop_st_2);
    return i;
}
