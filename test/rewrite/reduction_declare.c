// The code generated for declared reductions (docs/generated-code.md,
// "Declared reductions"): the declaring pragma is blanked; the initializer
// runs in each participant with omp_orig the original value and declares
// omp_priv (`omp_priv = ...`) or sets a zeroed one (any other form); no
// initializer zeroes the private value; the parent combines with omp_out
// and omp_in.  Both sit behind `#line` directives that point at the pragma.
// The output compiles cleanly under -Wall -Wextra.  (The loop is the
// file's fourth pragma: generated names number the pragmas.)
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Wextra -Werror -I%S/../../include %t.c

struct ml { int v, i; };
typedef struct { float re, im; } cf;
void start(cf *priv, const cf *orig);

#pragma mploop declare reduction(lowest : struct ml : omp_out = omp_in.v < omp_out.v ? omp_in : omp_out) initializer(omp_priv = { 1000, -1 })
#pragma mploop declare reduction(cadd : cf : omp_out.re += omp_in.re, omp_out.im += omp_in.im)
#pragma mploop declare reduction(cstart : cf : omp_out.re += omp_in.re) initializer(start(&omp_priv, &omp_orig))
// CHECK:      #line 1 "{{.*}}reduction_declare.c"
// CHECK-NOT:  {{^#pragma mploop declare}}

int f(const int *a, int n, cf *out)
{
    struct ml m = { 1000, -1 };
    cf z = { 0, 0 }, zs[2] = { { 0, 0 }, { 0, 0 } };
#pragma mploop for reduction(lowest: m) reduction(cadd: zs) reduction(cstart: z)
    for (int i = 0; i < n; i++) {
        if (a[i] < m.v) { m.v = a[i]; m.i = i; }
        zs[i % 2].re += 1;
        z.re += (float)a[i];
    }
    *out = z;
    return m.i + (int)zs[0].re;
}
// CHECK-LABEL: if (mploop_start(&__mploop_L_1)) {
// CHECK:      {
// CHECK-NEXT: __attribute__((__unused__)) __typeof__(m) omp_orig = m;
// CHECK-NEXT: __typeof__(m)
// CHECK-NEXT: #line 17 "{{.*}}reduction_declare.c"
// CHECK-NEXT: {{ +}}omp_priv = { 1000, -1 };
// CHECK-NEXT: m = omp_priv;
// CHECK-NEXT: }
// CHECK-NEXT: __typeof__((zs)[0]) *__mploop_a1_1 = (__typeof__((zs)[0]) *)(void *)((char *)mploop_partial(&__mploop_L_1) + (sizeof(m) + 15) / 16 * 16);
// CHECK-NEXT: __builtin_memset(__mploop_a1_1, 0, sizeof(zs));
// CHECK:      {
// CHECK-NEXT: __attribute__((__unused__)) __typeof__(z) omp_orig = z;
// CHECK-NEXT: __typeof__(z) omp_priv;
// CHECK-NEXT: __builtin_memset(&omp_priv, 0, sizeof omp_priv);
// CHECK-NEXT: #line 19 "{{.*}}reduction_declare.c"
// CHECK-NEXT: {{ +}}start(&omp_priv, &omp_orig);
// CHECK-NEXT: z = omp_priv;
// CHECK-NEXT: }
// CHECK:      mploop_join(&__mploop_L_1) == 0
// CHECK:      __builtin_memcpy(&__mploop_r0_1, (const char *)mploop_part(&__mploop_L_1, __mploop_w_1) + 0, sizeof(m));
// CHECK-NEXT: {
// CHECK-NEXT: __typeof__(m) omp_out = m, omp_in = __mploop_r0_1;
// CHECK-NEXT: #line 17 "{{.*}}reduction_declare.c"
// CHECK-NEXT: {{ +}}omp_out = omp_in.v < omp_out.v ? omp_in : omp_out;
// CHECK-NEXT: m = omp_out;
// CHECK-NEXT: (void)omp_in;
// CHECK-NEXT: }
// CHECK:      for (__mploop_j1_1 = 0; __mploop_j1_1 < (sizeof(zs) / sizeof((zs)[0])); __mploop_j1_1++)
// CHECK-NEXT:     {
// CHECK-NEXT: __typeof__(__mploop_d1_1[__mploop_j1_1]) omp_out = __mploop_d1_1[__mploop_j1_1], omp_in = __mploop_e1_1[__mploop_j1_1];
// CHECK-NEXT: #line 18 "{{.*}}reduction_declare.c"
// CHECK-NEXT: {{ +}}omp_out.re += omp_in.re, omp_out.im += omp_in.im;
// CHECK-NEXT: __mploop_d1_1[__mploop_j1_1] = omp_out;
