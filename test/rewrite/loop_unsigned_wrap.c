// An unsigned loop variable with a != test gets its trip count from
// mploop_trip_count_mod, modulo 2^width of the variable, so that a loop
// reaching its bound by wrapping around (any number of times) has the trip
// count C gives it; whether the bound is a value of the variable's type is
// passed along (a bound it can never equal makes the loop endless).  A step of unsigned type is converted to a signed 64-bit step
// explicitly: subtracted, it is negated as a 64-bit number (-(3u) would be
// 4294967293), and no conversion warning reaches -Wconversion builds.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Wextra -Wconversion -Werror -I%S/../../include %t.c

void f(int *a, unsigned stride, unsigned long long big, int n)
{
    unsigned char c;
#pragma mploop for
    for (c = 250; c != 4; c++) a[c] = 0;
    // CHECK: __mploop_p_1.status = mploop_trip_count_mod((mploop_wide)__mploop_lb_1, (mploop_wide)__mploop_ub_1,
    // CHECK-NEXT: (mploop_wide)__mploop_st_1, (int)(sizeof(__typeof__(c)) * 8), (__typeof__(__mploop_lb_1 + __mploop_ub_1))(__typeof__(c))__mploop_ub_1 == (__typeof__(__mploop_lb_1 + __mploop_ub_1))__mploop_ub_1,
    // CHECK-NEXT: ((__typeof__(__mploop_lb_1 + __mploop_ub_1))__mploop_lb_1 != (__typeof__(__mploop_lb_1 + __mploop_ub_1))__mploop_ub_1), &__mploop_n_1);
#pragma mploop for
    for (unsigned u = 10; u != -1; u--) a[u] = 0;
    // CHECK: __mploop_p_2.status = mploop_trip_count_mod((mploop_wide)__mploop_lb_2, (mploop_wide)__mploop_ub_2,
    // CHECK-NEXT: (mploop_wide)__mploop_st_2, (int)(sizeof(unsigned int) * 8), (__typeof__(__mploop_lb_2 + __mploop_ub_2))(unsigned int)__mploop_ub_2 == (__typeof__(__mploop_lb_2 + __mploop_ub_2))__mploop_ub_2,
#pragma mploop for
    for (int i = 0; i != n; i++) a[i] = 0;
    // signed variables keep the plain bound
    // CHECK: mploop_trip_count((mploop_wide)__mploop_lb_3, (mploop_wide)__mploop_ub_3,
#pragma mploop for
    for (int i = n; i > 0; i -= stride) a[i] = 0;
    // CHECK: mploop_i64 __mploop_st_4 = (mploop_i64)-(mploop_u64)(stride);
#pragma mploop for
    for (long i = n; i > 0; i = i - stride) a[i] = 0;
    // CHECK: mploop_i64 __mploop_st_5 = (mploop_i64)-(mploop_u64)(stride);
#pragma mploop for
    for (unsigned long long i = big; i > 0; i -= big) a[i % 2] = 0;
    // CHECK: mploop_i64 __mploop_st_6 = (mploop_i64)-(mploop_u64)(big);
#pragma mploop for
    for (int i = n; i > 0; i -= 2) a[i] = 0;
    // CHECK: mploop_i64 __mploop_st_7 = -(2);
#pragma mploop for
    for (unsigned long long i = 0; i < big; i += big / 4) a[i % 2] = 0;
    // CHECK: mploop_i64 __mploop_st_8 = (mploop_i64)(big / 4);
}
