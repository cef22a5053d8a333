// shared(list): before mploop_begin each variable is copied into a block
// of shared memory (__mploop_sh<I>_N, I its place among the clause
// variables), or the loop runs in-process on the variable itself when
// there is none; every name of it in the body, nested blocks included, is
// redirected to (*__mploop_sh<I>_N), which keeps its type (arrays, struct
// members, sizeof), also inside a macro's argument; a participant that runs every iteration starts from
// the values before the loop; after a successful join the values are
// copied back, and the blocks are freed in any case.  Participants do not
// save and restore shared variables.  The output compiles without warnings.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Wextra -Werror -I%S/../../include %t.c

#define TWICE(x) ((x) * 2)

struct acc { long n; double sum; };
double scale;

void f(const double *a, int n, long param)
{
    struct acc st = { 0, 0 };
    int hist[4] = { 0 };
    long t;
#pragma mploop for private(t) shared(st, hist, scale, param)
    for (int i = 0; i < n; i++) {
        t = (long)a[i] & 3;
        {
            hist[t] += (int)sizeof hist / (int)sizeof hist[0];
        }
        st.n++;
        st.sum += a[i] * scale + (double)TWICE(param);
    }
}
// CHECK: __mploop_p_1.last_bytes = 0;
// CHECK-NEXT: __typeof__(st) *__mploop_sh1_1 = (__typeof__(st) *)mploop_shared_alloc(sizeof(st));
// CHECK-NEXT: if (__mploop_sh1_1) __builtin_memcpy(__mploop_sh1_1, &st, sizeof(st));
// CHECK-NEXT: else { __mploop_sh1_1 = &st; __mploop_p_1.cond = 0; }
// CHECK-NEXT: __typeof__(hist) *__mploop_sh2_1 = (__typeof__(hist) *)mploop_shared_alloc(sizeof(hist));
// CHECK-NEXT: if (__mploop_sh2_1) __builtin_memcpy(__mploop_sh2_1, &hist, sizeof(hist));
// CHECK-NEXT: else { __mploop_sh2_1 = &hist; __mploop_p_1.cond = 0; }
// CHECK-NEXT: __typeof__(scale) *__mploop_sh3_1 = (__typeof__(scale) *)mploop_shared_alloc(sizeof(scale));
// CHECK:      else { __mploop_sh4_1 = &param; __mploop_p_1.cond = 0; }
// CHECK-NEXT: mploop_begin(&__mploop_L_1, &__mploop_site_1, &__mploop_p_1);
// CHECK:      if (mploop_start(&__mploop_L_1)) {
// CHECK-NEXT: __typeof__(t) __mploop_s0_1; __builtin_memcpy(&__mploop_s0_1, &t, sizeof(t));
// CHECK-NEXT: mploop_u64 __mploop_lo_1, __mploop_hi_1, __mploop_k_1;
// CHECK-NEXT: while (mploop_next(&__mploop_L_1, &__mploop_lo_1, &__mploop_hi_1)) {
// CHECK-NEXT: if (__mploop_lo_1 == 0 && __mploop_hi_1 == __mploop_n_1 && __mploop_sh1_1 != &st) __builtin_memcpy(__mploop_sh1_1, &st, sizeof(st));
// CHECK-NEXT: if (__mploop_lo_1 == 0 && __mploop_hi_1 == __mploop_n_1 && __mploop_sh2_1 != &hist) __builtin_memcpy(__mploop_sh2_1, &hist, sizeof(hist));
// CHECK:      {{^            \(\*__mploop_sh2_1\)\[t\] \+= \(int\)sizeof \(\*__mploop_sh2_1\) / \(int\)sizeof \(\*__mploop_sh2_1\)\[0\];$}}
// CHECK:      {{^        \(\*__mploop_sh1_1\).n\+\+;$}}
// CHECK-NEXT: {{^        \(\*__mploop_sh1_1\).sum \+= a\[i\] \* \(\*__mploop_sh3_1\) \+ \(double\)TWICE\(\(\*__mploop_sh4_1\)\);$}}
// CHECK:      __builtin_memcpy(&t, &__mploop_s0_1, sizeof(t));
// CHECK-NEXT: mploop_end(&__mploop_L_1);
// CHECK-NEXT: }
// CHECK-NEXT: if (mploop_join(&__mploop_L_1) == 0) {
// CHECK-NEXT: if (__mploop_sh1_1 != &st) __builtin_memcpy(&st, __mploop_sh1_1, sizeof(st));
// CHECK-NEXT: if (__mploop_sh2_1 != &hist) __builtin_memcpy(&hist, __mploop_sh2_1, sizeof(hist));
// CHECK-NEXT: if (__mploop_sh3_1 != &scale) __builtin_memcpy(&scale, __mploop_sh3_1, sizeof(scale));
// CHECK-NEXT: if (__mploop_sh4_1 != &param) __builtin_memcpy(&param, __mploop_sh4_1, sizeof(param));
// CHECK-NEXT: }
// CHECK-NEXT: if (__mploop_sh1_1 != &st) mploop_shared_free(__mploop_sh1_1);
// CHECK-NEXT: if (__mploop_sh2_1 != &hist) mploop_shared_free(__mploop_sh2_1);
// CHECK-NEXT: if (__mploop_sh3_1 != &scale) mploop_shared_free(__mploop_sh3_1);
// CHECK-NEXT: if (__mploop_sh4_1 != &param) mploop_shared_free(__mploop_sh4_1);
// CHECK-NEXT: mploop_done(&__mploop_L_1);
