// The loop of docs/generated-code.md: every part of the generated code, in
// order, for a loop with a reduction, lastprivate, private, a schedule with a
// chunk, num_workers and if.
//
// RUN: %mploop %s -- -std=gnu11 | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

int sum_rows(const int *a, int n, int w)
{
    int sum = 0, x = 0, t;
#pragma mploop for reduction(+:sum) lastprivate(x) private(t) schedule(dynamic, 4) num_workers(w) if(n > 100)
for (int i = 0; i < n; i++) {
    t = a[i]; x = t; sum += t;
}
    return sum + x;
}

// CHECK:      #define MPLOOP__MODULE_FLAGS MPLOOP_MODULE_LOOPS
// CHECK-NEXT: #include <mploop/abi.h>
// CHECK-NEXT: #line 1 "{{.*}}basic.c"
// CHECK-NEXT: // The loop of docs/generated-code.md
// CHECK-LABEL: __attribute__((__noinline__)) int sum_rows(const int *a, int n, int w)
// CHECK-NEXT: {
// CHECK-NEXT:     int sum = 0, x = 0, t;
// CHECK-EMPTY:
// CHECK-NEXT: { /* mploop: loop at {{.*}}basic.c:12 */
// CHECK-NEXT: static const mploop_site __mploop_site_1 = { "{{.*}}basic.c", 12, 1, "i", MPLOOP_SITE_VAR_SIGNED };
// CHECK-NEXT: mploop_loop __mploop_L_1;
// CHECK-NEXT: int __mploop_lb_1 = (0);
// CHECK-NEXT: __typeof__((n) + 0) __mploop_ub_1 = (n);
// CHECK-NEXT: mploop_i64 __mploop_st_1 = 1;
// CHECK-NEXT: mploop_u64 __mploop_n_1;
// CHECK-NEXT: mploop_params __mploop_p_1 = {0};
// CHECK-NEXT: __mploop_p_1.abi = 3; __mploop_p_1.size = sizeof __mploop_p_1;
// CHECK-NEXT: __mploop_p_1.status = mploop_trip_count((mploop_wide)__mploop_lb_1, (mploop_wide)__mploop_ub_1,
// CHECK-NEXT:         (mploop_wide)__mploop_st_1, MPLOOP_LT, ((__typeof__(__mploop_lb_1 + __mploop_ub_1))__mploop_lb_1 < (__typeof__(__mploop_lb_1 + __mploop_ub_1))__mploop_ub_1), &__mploop_n_1);
// CHECK-NEXT: __mploop_p_1.trip = __mploop_n_1;
// CHECK-NEXT: __mploop_p_1.lb = (mploop_i64)__mploop_lb_1;
// CHECK-NEXT: __mploop_p_1.step = __mploop_st_1;
// CHECK-NEXT: __mploop_p_1.schedule = MPLOOP_SCHED_DYNAMIC;
// CHECK-NEXT: _Static_assert(MPLOOP_IS_INTEGER({{.*}}
// CHECK-NEXT: __mploop_p_1.has_chunk = 1; __mploop_p_1.chunk = (long)(4);
// CHECK-NEXT: _Static_assert(MPLOOP_IS_INTEGER({{.*}}
// CHECK-NEXT: __mploop_p_1.has_workers = 1; __mploop_p_1.workers = (long)(w);
// CHECK-NEXT: __mploop_p_1.cond = ((n > 100)) != 0;
// CHECK-NEXT: __mploop_p_1.result_bytes = sizeof(sum);
// CHECK-NEXT: __mploop_p_1.last_bytes = sizeof(x);
// CHECK-NEXT: mploop_begin(&__mploop_L_1, &__mploop_site_1, &__mploop_p_1);
// CHECK-NEXT: mploop_frame(&__mploop_L_1, __builtin_frame_address(0));
// CHECK-NEXT: if (mploop_start(&__mploop_L_1)) {
// CHECK-NEXT: __typeof__(sum) __mploop_s0_1; __builtin_memcpy(&__mploop_s0_1, &sum, sizeof(sum));
// CHECK-NEXT: __typeof__(x) __mploop_s1_1; __builtin_memcpy(&__mploop_s1_1, &x, sizeof(x));
// CHECK-NEXT: __typeof__(t) __mploop_s2_1; __builtin_memcpy(&__mploop_s2_1, &t, sizeof(t));
// CHECK-NEXT: sum = 0;
// CHECK-NEXT: mploop_u64 __mploop_lo_1, __mploop_hi_1, __mploop_k_1;
// CHECK-NEXT: while (mploop_next(&__mploop_L_1, &__mploop_lo_1, &__mploop_hi_1)) {
// CHECK-NEXT: for (__mploop_k_1 = __mploop_lo_1; __mploop_k_1 < __mploop_hi_1; __mploop_k_1++) {
// CHECK-NEXT: if (mploop_at(&__mploop_L_1, __mploop_k_1)) break;
// CHECK-NEXT: __attribute__((__unused__)) int i = (int)((mploop_u64)__mploop_lb_1 + __mploop_k_1 * (mploop_u64)__mploop_st_1);
// CHECK-NEXT: #line 12 "{{.*}}basic.c"
// CHECK-NEXT: {{^                              {$}}
// CHECK-NEXT: {{^    t = a\[i\]; x = t; sum \+= t;$}}
// CHECK-NEXT: {{^}$}}
// CHECK-NEXT: {{^}$}}
// CHECK-NEXT: if (__mploop_k_1 == __mploop_n_1) {
// CHECK-NEXT: __builtin_memcpy((char *)mploop_last(&__mploop_L_1) + 0, &x, sizeof(x));
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: __builtin_memcpy((char *)mploop_partial(&__mploop_L_1) + 0, &sum, sizeof(sum));
// CHECK-NEXT: __builtin_memcpy(&sum, &__mploop_s0_1, sizeof(sum));
// CHECK-NEXT: __builtin_memcpy(&x, &__mploop_s1_1, sizeof(x));
// CHECK-NEXT: __builtin_memcpy(&t, &__mploop_s2_1, sizeof(t));
// CHECK-NEXT: mploop_end(&__mploop_L_1);
// CHECK-NEXT: }
// CHECK-NEXT: if (mploop_join(&__mploop_L_1) == 0) {
// CHECK-NEXT: unsigned __mploop_w_1;
// CHECK-NEXT: for (__mploop_w_1 = 0; __mploop_w_1 < mploop_parts(&__mploop_L_1); __mploop_w_1++) {
// CHECK-NEXT: __typeof__(sum) __mploop_r0_1;
// CHECK-NEXT: __builtin_memcpy(&__mploop_r0_1, (const char *)mploop_part(&__mploop_L_1, __mploop_w_1) + 0, sizeof(sum));
// CHECK-NEXT: sum = (__typeof__(sum))(sum + __mploop_r0_1);
// CHECK-NEXT: }
// CHECK-NEXT: if (mploop_last_ran(&__mploop_L_1)) {
// CHECK-NEXT: __builtin_memcpy(&x, (char *)mploop_last(&__mploop_L_1) + 0, sizeof(x));
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: mploop_done(&__mploop_L_1);
// CHECK-NEXT: }
// CHECK-NEXT: #line 15 "{{.*}}basic.c"
// CHECK-NEXT: {{^    return sum \+ x;$}}
// CHECK-NEXT: }
