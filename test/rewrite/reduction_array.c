// The code generated for array and array-section reductions
// (docs/generated-code.md, "Array reductions"): every partial slot is
// rounded up to 16 bytes, each participant's private copy lives in its slot
// (set to the identity: memset for 0, a loop for 1 and ~0, the array's own
// values for min and max), the body's references name the copy, nothing is
// saved or restored, and the parent combines the copies element by element.
// The output is clean under -Wall -Wextra -Wconversion -Wsign-conversion.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Wextra -Wconversion -Wsign-conversion -Werror -I%S/../../include %t.c
// RUN: clang -fsyntax-only -Wall -Wextra -Wconversion -Wsign-conversion -Werror -I%S/../../include %t.c

unsigned char counts[256];

void f(const unsigned char *a, int n, float *w, long lo, int len)
{
    int sum = 0;
    double mx[2][3] = { { 0 } };
    _Bool seen[8] = { 0 };
#pragma mploop for reduction(+: sum, counts) reduction(max: mx) reduction(&: seen) reduction(*: w[lo:len])
    for (int i = 0; i < n; i++) {
        sum += a[i];
        counts[a[i]]++;
        if (a[i] > mx[i % 2][i % 3])
            mx[i % 2][i % 3] = a[i];
        seen[a[i] % 8] &= a[i] > 3;
        w[lo + i % len] *= 2.0f;
    }
    (void)sum;
}
// CHECK-LABEL: mploop_params __mploop_p_1
// CHECK: _Static_assert(MPLOOP_IS_INTEGER(lo), "mploop: {{.*}}reduction_array.c:20: the lower bound of the section of w must be an integer expression, not lo");
// CHECK-NEXT: mploop_i64 __mploop_ro4_1 = (mploop_i64)(lo);
// CHECK-NEXT: _Static_assert(MPLOOP_IS_INTEGER(len), "mploop: {{.*}}reduction_array.c:20: the length of the section of w must be an integer expression, not len");
// CHECK-NEXT: mploop_i64 __mploop_rl4_1 = (mploop_i64)(len);
// CHECK-NEXT: mploop_u64 __mploop_rn4_1 = __mploop_rl4_1 > 0 ? (mploop_u64)__mploop_rl4_1 : 0;
// CHECK-NEXT: __mploop_p_1.result_bytes = (sizeof(sum) + 15) / 16 * 16 + (sizeof(counts) + 15) / 16 * 16 + (sizeof(mx) + 15) / 16 * 16 + (sizeof(seen) + 15) / 16 * 16 + (__mploop_rn4_1 * sizeof((w)[0]) + 15) / 16 * 16;
// CHECK-LABEL: if (mploop_start(&__mploop_L_1)) {
// CHECK-NEXT: __typeof__(sum) __mploop_s0_1; __builtin_memcpy(&__mploop_s0_1, &sum, sizeof(sum));
// CHECK-NEXT: sum = 0;
// CHECK-NEXT: __typeof__((counts)[0]) *__mploop_a1_1 = (__typeof__((counts)[0]) *)(void *)((char *)mploop_partial(&__mploop_L_1) + (sizeof(sum) + 15) / 16 * 16);
// CHECK-NEXT: __builtin_memset(__mploop_a1_1, 0, sizeof(counts));
// CHECK-NEXT: __attribute__((__unused__)) __typeof__(counts) *__mploop_v1_1 = (__typeof__(counts) *)(void *)__mploop_a1_1;
// CHECK-NEXT: __typeof__((mx)[0][0]) *__mploop_a2_1 = (__typeof__((mx)[0][0]) *)(void *)((char *)mploop_partial(&__mploop_L_1) + (sizeof(sum) + 15) / 16 * 16 + (sizeof(counts) + 15) / 16 * 16);
// CHECK-NEXT: __builtin_memcpy(__mploop_a2_1, (__typeof__((mx)[0][0]) *)&(mx), sizeof(mx));
// CHECK-NEXT: __attribute__((__unused__)) __typeof__(mx) *__mploop_v2_1 = (__typeof__(mx) *)(void *)__mploop_a2_1;
// CHECK-NEXT: __typeof__((seen)[0]) *__mploop_a3_1 = (__typeof__((seen)[0]) *)(void *)((char *)mploop_partial(&__mploop_L_1) + (sizeof(sum) + 15) / 16 * 16 + (sizeof(counts) + 15) / 16 * 16 + (sizeof(mx) + 15) / 16 * 16);
// CHECK-NEXT: mploop_u64 __mploop_j3_1;
// CHECK-NEXT: for (__mploop_j3_1 = 0; __mploop_j3_1 < (sizeof(seen) / sizeof((seen)[0])); __mploop_j3_1++)
// CHECK-NEXT:     __mploop_a3_1[__mploop_j3_1] = 1;
// CHECK-NEXT: __attribute__((__unused__)) __typeof__(seen) *__mploop_v3_1 = (__typeof__(seen) *)(void *)__mploop_a3_1;
// CHECK-NEXT: __typeof__((w)[0]) *__mploop_a4_1 = (__typeof__((w)[0]) *)(void *)((char *)mploop_partial(&__mploop_L_1) + (sizeof(sum) + 15) / 16 * 16 + (sizeof(counts) + 15) / 16 * 16 + (sizeof(mx) + 15) / 16 * 16 + (sizeof(seen) + 15) / 16 * 16);
// CHECK-NEXT: mploop_u64 __mploop_j4_1;
// CHECK-NEXT: for (__mploop_j4_1 = 0; __mploop_j4_1 < __mploop_rn4_1; __mploop_j4_1++)
// CHECK-NEXT:     __mploop_a4_1[__mploop_j4_1] = 1;
// CHECK-NEXT: __attribute__((__unused__)) __typeof__((w)[0]) *__mploop_v4_1 = __mploop_a4_1 - __mploop_ro4_1;
// CHECK-NEXT: mploop_u64 __mploop_lo_1, __mploop_hi_1, __mploop_k_1;
// CHECK:      #line 21
// CHECK-NEXT: {{^ +}}{
// CHECK-NEXT:         sum += a[i];
// CHECK-NEXT:         (*__mploop_v1_1)[a[i]]++;
// CHECK-NEXT:         if (a[i] > (*__mploop_v2_1)[i % 2][i % 3])
// CHECK-NEXT:             (*__mploop_v2_1)[i % 2][i % 3] = a[i];
// CHECK-NEXT:         (*__mploop_v3_1)[a[i] % 8] &= a[i] > 3;
// CHECK-NEXT:         __mploop_v4_1[lo + i % len] *= 2.0f;
// CHECK-NEXT:     }
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: __builtin_memcpy((char *)mploop_partial(&__mploop_L_1) + 0, &sum, sizeof(sum));
// CHECK-NEXT: __builtin_memcpy(&sum, &__mploop_s0_1, sizeof(sum));
// CHECK-NEXT: mploop_end(&__mploop_L_1);
// CHECK:      for (__mploop_w_1 = 0; __mploop_w_1 < mploop_parts(&__mploop_L_1); __mploop_w_1++) {
// CHECK-NEXT: __typeof__(sum) __mploop_r0_1;
// CHECK-NEXT: __builtin_memcpy(&__mploop_r0_1, (const char *)mploop_part(&__mploop_L_1, __mploop_w_1) + 0, sizeof(sum));
// CHECK-NEXT: sum = (__typeof__(sum))(sum + __mploop_r0_1);
// CHECK-NEXT: {
// CHECK-NEXT: __typeof__((counts)[0]) *__mploop_d1_1 = (__typeof__((counts)[0]) *)&(counts);
// CHECK-NEXT: const __typeof__((counts)[0]) *__mploop_e1_1 = (const __typeof__((counts)[0]) *)(const void *)((const char *)mploop_part(&__mploop_L_1, __mploop_w_1) + (sizeof(sum) + 15) / 16 * 16);
// CHECK-NEXT: mploop_u64 __mploop_j1_1;
// CHECK-NEXT: for (__mploop_j1_1 = 0; __mploop_j1_1 < (sizeof(counts) / sizeof((counts)[0])); __mploop_j1_1++)
// CHECK-NEXT:     __mploop_d1_1[__mploop_j1_1] = (__typeof__(__mploop_d1_1[__mploop_j1_1]))(__mploop_d1_1[__mploop_j1_1] + __mploop_e1_1[__mploop_j1_1]);
// CHECK-NEXT: }
// CHECK-NEXT: {
// CHECK-NEXT: __typeof__((mx)[0][0]) *__mploop_d2_1 = (__typeof__((mx)[0][0]) *)&(mx);
// CHECK:          __mploop_d2_1[__mploop_j2_1] = __mploop_e2_1[__mploop_j2_1] > __mploop_d2_1[__mploop_j2_1] ? __mploop_e2_1[__mploop_j2_1] : __mploop_d2_1[__mploop_j2_1];
// CHECK:          __mploop_d3_1[__mploop_j3_1] = __mploop_d3_1[__mploop_j3_1] & __mploop_e3_1[__mploop_j3_1];
// CHECK:      __typeof__((w)[0]) *__mploop_d4_1 = &(w)[__mploop_ro4_1];
// CHECK:      for (__mploop_j4_1 = 0; __mploop_j4_1 < __mploop_rn4_1; __mploop_j4_1++)
// CHECK-NEXT:     __mploop_d4_1[__mploop_j4_1] = (__typeof__(__mploop_d4_1[__mploop_j4_1]))(__mploop_d4_1[__mploop_j4_1] * __mploop_e4_1[__mploop_j4_1]);
