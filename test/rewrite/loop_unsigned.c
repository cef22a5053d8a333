// Unsigned and narrow loop variables, typedef'd types, enumerations, a
// negative step on an unsigned variable: the site is not flagged signed, the variable keeps its
// declared type, and the iteration value is computed in uint64_t and
// converted back.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

#include <stddef.h>

enum color { RED, GREEN, BLUE, NCOLORS };

void f(int *a, size_t n)
{
#pragma mploop for
    for (size_t i = 0; i < n; i++) a[i] = 0;
    // CHECK: static const mploop_site __mploop_site_1 = { "{{.*}}loop_unsigned.c", [[@LINE-1]], 5, "i", 0 };
    // CHECK: size_t __mploop_lb_1 = (0);
    // CHECK: __attribute__((__unused__)) size_t i = (size_t)((mploop_u64)__mploop_lb_1 + __mploop_k_1 * (mploop_u64)__mploop_st_1);
#pragma mploop for
    for (unsigned char c = 200; c > 10; c -= 3) a[c] = 0;
    // CHECK: static const mploop_site __mploop_site_2 = { "{{.*}}loop_unsigned.c", [[@LINE-1]], 5, "c", 0 };
    // CHECK: unsigned char __mploop_lb_2 = (200);
    // CHECK: mploop_i64 __mploop_st_2 = -(3);
    // CHECK: MPLOOP_GT,
    // CHECK: __attribute__((__unused__)) unsigned char c = (unsigned char)((mploop_u64)__mploop_lb_2 + __mploop_k_2 * (mploop_u64)__mploop_st_2);
#pragma mploop for
    for (long long v = -5; v < 5; v++) a[v + 5] = 0;
    // CHECK: static const mploop_site __mploop_site_3 = { "{{.*}}loop_unsigned.c", [[@LINE-1]], 5, "v", MPLOOP_SITE_VAR_SIGNED };
    // CHECK: long long __mploop_lb_3 = (-5);
#pragma mploop for
    for (unsigned long long u = ~0ull; u > ~0ull - 4; u--) a[~0ull - u] = 0;
    // CHECK: static const mploop_site __mploop_site_4 = { "{{.*}}loop_unsigned.c", [[@LINE-1]], 5, "u", 0 };
    // CHECK: unsigned long long __mploop_lb_4 = (~0ull);
#pragma mploop for
    for (enum color c = RED; c < NCOLORS; c++) a[c] = 0;
    // CHECK: static const mploop_site __mploop_site_5 = { "{{.*}}loop_unsigned.c", [[@LINE-1]], 5, "c", 0 };
    // CHECK: enum color __mploop_lb_5 = (RED);
    // CHECK: __attribute__((__unused__)) enum color c = (enum color)((mploop_u64)__mploop_lb_5 + __mploop_k_5 * (mploop_u64)__mploop_st_5);
}
