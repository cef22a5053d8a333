// private, firstprivate and lastprivate: each variable is saved at the start
// of a participant and restored at its end (clause order), lastprivate
// values are packed in the mploop_last area by the chunk that runs the last
// iteration and copied back after the join.  firstprivate together with
// lastprivate on one variable is accepted, as in OpenMP.  Clause variables
// are not handed to mploop_local.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

struct point { int x, y; };
double g_last;

void f(int *a, int n)
{
    int tmp, first = 5, last = 0, both = 1;
    struct point pt;
    char name[16];
#pragma mploop for private(tmp, pt) firstprivate(first) lastprivate(last, g_last) firstprivate(both) lastprivate(both) private(name)
    for (int i = 0; i < n; i++) {
        tmp = a[i] + first; pt.x = tmp; name[0] = 'a';
        last = tmp + pt.x + name[0]; g_last = last; both = i;
    }
}
// CHECK: __mploop_p_1.result_bytes = 0;
// CHECK-NEXT: __mploop_p_1.last_bytes = sizeof(last) + sizeof(g_last) + sizeof(both);
// CHECK: mploop_frame(&__mploop_L_1, __builtin_frame_address(0));
// CHECK-NEXT: if (mploop_start(&__mploop_L_1)) {
// CHECK-NEXT: __typeof__(tmp) __mploop_s0_1; __builtin_memcpy(&__mploop_s0_1, &tmp, sizeof(tmp));
// CHECK-NEXT: __typeof__(pt) __mploop_s1_1; __builtin_memcpy(&__mploop_s1_1, &pt, sizeof(pt));
// CHECK-NEXT: __typeof__(first) __mploop_s2_1; __builtin_memcpy(&__mploop_s2_1, &first, sizeof(first));
// CHECK-NEXT: __typeof__(last) __mploop_s3_1; __builtin_memcpy(&__mploop_s3_1, &last, sizeof(last));
// CHECK-NEXT: __typeof__(g_last) __mploop_s4_1; __builtin_memcpy(&__mploop_s4_1, &g_last, sizeof(g_last));
// CHECK-NEXT: __typeof__(both) __mploop_s5_1; __builtin_memcpy(&__mploop_s5_1, &both, sizeof(both));
// CHECK-NEXT: __typeof__(name) __mploop_s6_1; __builtin_memcpy(&__mploop_s6_1, &name, sizeof(name));
// CHECK-NEXT: mploop_u64 __mploop_lo_1, __mploop_hi_1, __mploop_k_1;
// CHECK: if (__mploop_k_1 == __mploop_n_1) {
// CHECK-NEXT: __builtin_memcpy((char *)mploop_last(&__mploop_L_1) + 0, &last, sizeof(last));
// CHECK-NEXT: __builtin_memcpy((char *)mploop_last(&__mploop_L_1) + sizeof(last), &g_last, sizeof(g_last));
// CHECK-NEXT: __builtin_memcpy((char *)mploop_last(&__mploop_L_1) + sizeof(last) + sizeof(g_last), &both, sizeof(both));
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: __builtin_memcpy(&tmp, &__mploop_s0_1, sizeof(tmp));
// CHECK-NEXT: __builtin_memcpy(&pt, &__mploop_s1_1, sizeof(pt));
// CHECK-NEXT: __builtin_memcpy(&first, &__mploop_s2_1, sizeof(first));
// CHECK-NEXT: __builtin_memcpy(&last, &__mploop_s3_1, sizeof(last));
// CHECK-NEXT: __builtin_memcpy(&g_last, &__mploop_s4_1, sizeof(g_last));
// CHECK-NEXT: __builtin_memcpy(&both, &__mploop_s5_1, sizeof(both));
// CHECK-NEXT: __builtin_memcpy(&name, &__mploop_s6_1, sizeof(name));
// CHECK-NEXT: mploop_end(&__mploop_L_1);
// CHECK-NEXT: }
// CHECK-NEXT: if (mploop_join(&__mploop_L_1) == 0) {
// CHECK-NEXT: if (mploop_last_ran(&__mploop_L_1)) {
// CHECK-NEXT: __builtin_memcpy(&last, (char *)mploop_last(&__mploop_L_1) + 0, sizeof(last));
// CHECK-NEXT: __builtin_memcpy(&g_last, (char *)mploop_last(&__mploop_L_1) + sizeof(last), sizeof(g_last));
// CHECK-NEXT: __builtin_memcpy(&both, (char *)mploop_last(&__mploop_L_1) + sizeof(last) + sizeof(g_last), sizeof(both));
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: mploop_done(&__mploop_L_1);

// An array parameter is a pointer: its size is taken as sizeof(__typeof__(p))
// so that the compiler does not warn about sizeof on an array parameter.
void g(int cur[], int n)
{
#pragma mploop for lastprivate(cur)
    for (int i = 0; i < n; i++)
        cur = &cur[1];
    (void)cur;
}
// CHECK-LABEL: __mploop_p_2.last_bytes = sizeof(__typeof__(cur));
// CHECK: __typeof__(cur) __mploop_s0_2; __builtin_memcpy(&__mploop_s0_2, &cur, sizeof(__typeof__(cur)));
// CHECK: __builtin_memcpy((char *)mploop_last(&__mploop_L_2) + 0, &cur, sizeof(__typeof__(cur)));
// CHECK: __builtin_memcpy(&cur, &__mploop_s0_2, sizeof(__typeof__(cur)));
// CHECK: __builtin_memcpy(&cur, (char *)mploop_last(&__mploop_L_2) + 0, sizeof(__typeof__(cur)));

// Volatile variables: their addresses are cast to void * for memcpy, which
// would otherwise warn about discarding the qualifier.
int h(const int *a, int n)
{
    volatile int s = 0, last = 0;
    volatile int i;
#pragma mploop for reduction(+:s) lastprivate(last)
    for (i = 0; i < n; i++) { s += a[i]; last = a[i]; }
    return s + last + i;
}
// CHECK-LABEL: mploop_loop __mploop_L_3;
// CHECK: __typeof__(s) __mploop_s0_3; __builtin_memcpy((void *)&__mploop_s0_3, (void *)&s, sizeof(s));
// CHECK-NEXT: __typeof__(last) __mploop_s1_3; __builtin_memcpy((void *)&__mploop_s1_3, (void *)&last, sizeof(last));
// CHECK-NEXT: __typeof__(i) __mploop_s2_3; __builtin_memcpy((void *)&__mploop_s2_3, (void *)&i, sizeof(i));
// CHECK: __builtin_memcpy((char *)mploop_last(&__mploop_L_3) + 0, (void *)&last, sizeof(last));
// CHECK: __builtin_memcpy((char *)mploop_partial(&__mploop_L_3) + 0, (void *)&s, sizeof(s));
// CHECK-NEXT: __builtin_memcpy((void *)&s, (void *)&__mploop_s0_3, sizeof(s));
// CHECK: __builtin_memcpy((void *)&__mploop_r0_3, (const char *)mploop_part(&__mploop_L_3, __mploop_w_3) + 0, sizeof(s));
// CHECK: __builtin_memcpy((void *)&last, (char *)mploop_last(&__mploop_L_3) + 0, sizeof(last));
