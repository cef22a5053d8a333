// The code generated for reductions over narrow and floating types converts
// its results back to the variable's type, as the body's own `x op= e`
// does, so that a file whose own code is clean under -Wconversion
// -Wsign-conversion -Werror still compiles after the rewrite.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Wextra -Wconversion -Wsign-conversion -Werror -I%S/../../include %t.c
// RUN: clang -fsyntax-only -Wall -Wextra -Wconversion -Wsign-conversion -Werror -I%S/../../include %t.c

float f(const unsigned char *a, int n)
{
    unsigned char sum = 0, all = 0xff;
    short prod = 1;
    float any = 0, every = 1;
#pragma mploop for reduction(+: sum) reduction(&: all) reduction(*: prod) reduction(||: any) reduction(&&: every)
    for (int i = 0; i < n; i++) {
        sum = (unsigned char)(sum + a[i]);
        all = (unsigned char)(all & a[i]);
        prod = (short)(prod * 3);
        any = (float)(any != 0 || a[i] > 3);
        every = (float)(every != 0 && a[i] < 200);
    }
    // CHECK: all = (__typeof__(all))~(__typeof__(all))0;
    // CHECK: sum = (__typeof__(sum))(sum + __mploop_r0_1);
    // CHECK: all = (__typeof__(all))(all & __mploop_r1_1);
    // CHECK: prod = (__typeof__(prod))(prod * __mploop_r2_1);
    // CHECK: any = (__typeof__(any))(any != 0 || __mploop_r3_1 != 0);
    // CHECK: every = (__typeof__(every))(every != 0 && __mploop_r4_1 != 0);
    return (float)(sum + all + prod) + any + every;
}
