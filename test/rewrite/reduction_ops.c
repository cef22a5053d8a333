// Every reduction operator: the identity each participant starts from and
// the combine in the parent (docs/generated-code.md, Reductions).
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

typedef long long wide;

void f(const int *a, int n)
{
    int add = 0, sub = 0, band = -1, bor = 0, bxor = 0, land = 1, lor = 0;
    unsigned char mul = 1;
    double mn = 1e300, mx = -1e300;
    wide w = 0;
    _Bool flag = 0;
#pragma mploop for reduction(+:add) reduction(-:sub) reduction(*:mul) reduction(&:band) reduction(|:bor) reduction(^:bxor) reduction(&&:land) reduction(||:lor) reduction(min:mn) reduction(max:mx, w) reduction(|:flag)
    for (int i = 0; i < n; i++) {
        add += a[i]; sub -= a[i]; mul *= 3; band &= a[i]; bor |= a[i]; bxor ^= a[i];
        land = land && a[i]; lor = lor || a[i];
        if (a[i] < mn) mn = a[i];
        if (a[i] > mx) mx = a[i];
        if (a[i] > w) w = a[i];
        flag |= a[i] == 3;
    }
}
// CHECK-LABEL: mploop_params __mploop_p_1
// CHECK: __mploop_p_1.result_bytes = sizeof(add) + sizeof(sub) + sizeof(mul) + sizeof(band) + sizeof(bor) + sizeof(bxor) + sizeof(land) + sizeof(lor) + sizeof(mn) + sizeof(mx) + sizeof(w) + sizeof(flag);
// CHECK-NEXT: __mploop_p_1.last_bytes = 0;
// CHECK-LABEL: if (mploop_start(&__mploop_L_1)) {
// CHECK-COUNT-12: __builtin_memcpy(&__mploop_s{{[0-9]+}}_1,
// CHECK-NEXT: add = 0;
// CHECK-NEXT: sub = 0;
// CHECK-NEXT: mul = 1;
// CHECK-NEXT: band = (__typeof__(band))~(__typeof__(band))0;
// CHECK-NEXT: bor = 0;
// CHECK-NEXT: bxor = 0;
// CHECK-NEXT: land = 1;
// CHECK-NEXT: lor = 0;
// CHECK-NEXT: flag = 0;
// CHECK-NEXT: mploop_u64 __mploop_lo_1, __mploop_hi_1, __mploop_k_1;
// CHECK: __builtin_memcpy((char *)mploop_partial(&__mploop_L_1) + 0, &add, sizeof(add));
// CHECK-NEXT: __builtin_memcpy((char *)mploop_partial(&__mploop_L_1) + sizeof(add), &sub, sizeof(sub));
// CHECK-NEXT: __builtin_memcpy((char *)mploop_partial(&__mploop_L_1) + sizeof(add) + sizeof(sub), &mul, sizeof(mul));
// CHECK: __builtin_memcpy((char *)mploop_partial(&__mploop_L_1) + sizeof(add) + sizeof(sub) + sizeof(mul) + sizeof(band) + sizeof(bor) + sizeof(bxor) + sizeof(land) + sizeof(lor) + sizeof(mn) + sizeof(mx) + sizeof(w), &flag, sizeof(flag));
// CHECK-LABEL: if (mploop_join(&__mploop_L_1) == 0) {
// CHECK: add = (__typeof__(add))(add + __mploop_r0_1);
// CHECK: sub = (__typeof__(sub))(sub + __mploop_r1_1);
// CHECK: mul = (__typeof__(mul))(mul * __mploop_r2_1);
// CHECK: band = (__typeof__(band))(band & __mploop_r3_1);
// CHECK: bor = (__typeof__(bor))(bor | __mploop_r4_1);
// CHECK: bxor = (__typeof__(bxor))(bxor ^ __mploop_r5_1);
// CHECK: land = (__typeof__(land))(land != 0 && __mploop_r6_1 != 0);
// CHECK: lor = (__typeof__(lor))(lor != 0 || __mploop_r7_1 != 0);
// CHECK: mn = __mploop_r8_1 < mn ? __mploop_r8_1 : mn;
// CHECK: mx = __mploop_r9_1 > mx ? __mploop_r9_1 : mx;
// CHECK: __builtin_memcpy(&__mploop_r10_1, (const char *)mploop_part(&__mploop_L_1, __mploop_w_1) + sizeof(add) + sizeof(sub) + sizeof(mul) + sizeof(band) + sizeof(bor) + sizeof(bxor) + sizeof(land) + sizeof(lor) + sizeof(mn) + sizeof(mx), sizeof(w));
// CHECK-NEXT: w = __mploop_r10_1 > w ? __mploop_r10_1 : w;
// CHECK: flag = flag | __mploop_r11_1;
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: mploop_done(&__mploop_L_1);
