// collapse(2): both headers are replaced, the trip count is the product of
// the two counts, iteration k is decomposed with the inner loop varying
// fastest, the closing brace of the outer body goes away, and outer-declared
// variables get their final values.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

void f(double *m, int rows, int cols)
{
    int j;
#pragma mploop for collapse(2) schedule(static)
    for (int i = 0; i < rows; i++) {
        /* perfectly nested: only comments around the inner loop */
        for (j = cols - 1; j >= 0; j -= 2)
            m[i * cols + j] = i + j;
    }
    (void)j;
}
// CHECK: static const mploop_site __mploop_site_1 = { "{{.*}}collapse2.c", 13, 5, "i", MPLOOP_SITE_VAR_SIGNED | MPLOOP_SITE_COLLAPSED };
// CHECK-NEXT: mploop_loop __mploop_L_1;
// CHECK-NEXT: int __mploop_lb_1 = (0);
// CHECK-NEXT: __typeof__((rows) + 0) __mploop_ub_1 = (rows);
// CHECK-NEXT: mploop_i64 __mploop_st_1 = 1;
// CHECK-NEXT: __typeof__(j) __mploop_lb2_1 = (cols - 1);
// CHECK-NEXT: __typeof__((0) + 0) __mploop_ub2_1 = (0);
// CHECK-NEXT: mploop_i64 __mploop_st2_1 = -(2);
// CHECK-NEXT: mploop_u64 __mploop_n_1 = 1, __mploop_c1_1 = 0, __mploop_c2_1 = 0;
// CHECK-NEXT: mploop_params __mploop_p_1 = {0};
// CHECK-NEXT: __mploop_p_1.abi = 3; __mploop_p_1.size = sizeof __mploop_p_1;
// CHECK-NEXT: __mploop_p_1.status = mploop_trip_count((mploop_wide)__mploop_lb_1, (mploop_wide)__mploop_ub_1,
// CHECK-NEXT: MPLOOP_LT, {{.*}}, &__mploop_c1_1);
// CHECK-NEXT: __mploop_p_1.status = mploop_trip_mul(&__mploop_n_1, __mploop_c1_1, __mploop_p_1.status);
// CHECK-NEXT: if (__mploop_p_1.status == MPLOOP_TRIP_OK && __mploop_n_1 != 0) {
// CHECK-NEXT: __mploop_p_1.status = mploop_trip_count((mploop_wide)__mploop_lb2_1, (mploop_wide)__mploop_ub2_1,
// CHECK-NEXT: MPLOOP_GE, {{.*}}, &__mploop_c2_1);
// CHECK-NEXT: __mploop_p_1.status = mploop_trip_mul(&__mploop_n_1, __mploop_c2_1, __mploop_p_1.status);
// CHECK-NEXT: }
// CHECK-NEXT: __mploop_p_1.trip = __mploop_n_1;
// CHECK: if (mploop_start(&__mploop_L_1)) {
// CHECK-NEXT: __typeof__(j) __mploop_s0_1; __builtin_memcpy(&__mploop_s0_1, &j, sizeof(j));
// CHECK: if (mploop_at(&__mploop_L_1, __mploop_k_1)) break;
// CHECK-NEXT: mploop_u64 __mploop_q_1 = __mploop_k_1;
// CHECK-NEXT: j = (__typeof__(j))((mploop_u64)__mploop_lb2_1 + (__mploop_q_1 % __mploop_c2_1) * (mploop_u64)__mploop_st2_1);
// CHECK-NEXT: __mploop_q_1 /= __mploop_c2_1;
// CHECK-NEXT: __attribute__((__unused__)) int i = (int)((mploop_u64)__mploop_lb_1 + __mploop_q_1 * (mploop_u64)__mploop_st_1);
// CHECK-NEXT: #line 15 "{{.*}}collapse2.c"
// CHECK-NEXT: {{^                                           $}}
// CHECK-NEXT: {{^            m\[i \* cols \+ j\] = i \+ j;$}}
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK: if (mploop_join(&__mploop_L_1) == 0) {
// CHECK-NEXT: if (__mploop_c1_1 != 0)
// CHECK-NEXT: j = (__typeof__(j))((mploop_u64)__mploop_lb2_1 + __mploop_c2_1 * (mploop_u64)__mploop_st2_1);
// CHECK-NEXT: }
// CHECK-NEXT: mploop_done(&__mploop_L_1);
// CHECK-NEXT: }
// CHECK-NEXT: #line 18 "{{.*}}collapse2.c"
// CHECK-NEXT: (void)j;
