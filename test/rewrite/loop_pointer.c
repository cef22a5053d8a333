// Pointer loop variables: the trip count uses the element distance, the
// iteration value is lb + k * step elements, the site is flagged as a pointer
// loop, and an outer-declared pointer gets its sequential final value.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

struct rec { int key; double val; };

void f(struct rec *recs, int n, char *buf, char *end)
{
#pragma mploop for
    for (struct rec *r = recs; r < recs + n; r++) r->val = r->key;
    // CHECK: static const mploop_site __mploop_site_1 = { "{{.*}}loop_pointer.c", [[@LINE-1]], 5, "r", MPLOOP_SITE_VAR_POINTER };
    // CHECK-NEXT: mploop_loop __mploop_L_1;
    // CHECK-NEXT: struct rec * __mploop_lb_1 = (recs);
    // CHECK-NEXT: __typeof__((recs + n) + 0) __mploop_ub_1 = (recs + n);
    // CHECK-NEXT: mploop_i64 __mploop_st_1 = 1;
    // CHECK: __mploop_p_1.status = mploop_trip_count((mploop_wide)0, (mploop_wide)(__mploop_ub_1 - __mploop_lb_1),
    // CHECK-NEXT: (mploop_wide)__mploop_st_1, MPLOOP_LT, (__mploop_lb_1 < __mploop_ub_1), &__mploop_n_1);
    // CHECK: __mploop_p_1.lb = 0;
    // CHECK: __attribute__((__unused__)) struct rec * r = __mploop_lb_1 + (__PTRDIFF_TYPE__)(__mploop_k_1 * (mploop_u64)__mploop_st_1);

    char *p;
#pragma mploop for
    for (p = end - 1; p >= buf; p -= 2) *p = 0;
    // CHECK: static const mploop_site __mploop_site_2 = { "{{.*}}loop_pointer.c", [[@LINE-1]], 5, "p", MPLOOP_SITE_VAR_POINTER };
    // CHECK: __typeof__(p) __mploop_lb_2 = (end - 1);
    // CHECK-NEXT: __typeof__((buf) + 0) __mploop_ub_2 = (buf);
    // CHECK-NEXT: mploop_i64 __mploop_st_2 = -(2);
    // CHECK: MPLOOP_GE, (__mploop_lb_2 >= __mploop_ub_2), &__mploop_n_2);
    // CHECK: p = __mploop_lb_2 + (__PTRDIFF_TYPE__)(__mploop_k_2 * (mploop_u64)__mploop_st_2);
    // CHECK: if (mploop_join(&__mploop_L_2) == 0) {
    // CHECK-NEXT: p = __mploop_lb_2 + (__PTRDIFF_TYPE__)(__mploop_n_2 * (mploop_u64)__mploop_st_2);
    // CHECK-NEXT: }
    (void)p;
}
