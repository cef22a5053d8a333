// Reductions over _Bool (and a typedef of it) give code that compiles
// without warnings under -Wall -Wextra with gcc and clang: the identity of
// `&` is 1 rather than ~(_Bool)0 (-Wbool-operation), and `*` is combined
// with && (the same value; `*` in a boolean context is -Wint-in-bool-context).
// Other types keep the general forms.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Wextra -Werror -I%S/../../include %t.c

typedef _Bool flag;

int f(const int *a, int n)
{
    _Bool all = 1, prod = 1, any = 0;
    flag fall = 1;
    unsigned mask = ~0u;
    int iprod = 1;
#pragma mploop for reduction(&: all, fall, mask) reduction(*: prod, iprod) reduction(|: any)
    for (int i = 0; i < n; i++) {
        all &= a[i] > 0;
        fall &= a[i] != 3;
        mask &= (unsigned)a[i];
        if (a[i] == 0)
            prod = 0;
        iprod *= a[i];
        any |= a[i] < 0;
    }
    return all + fall + prod + any + (int)mask + iprod;
}

// CHECK:      {{^}}all = 1;
// CHECK-NEXT: fall = 1;
// CHECK-NEXT: mask = (__typeof__(mask))~(__typeof__(mask))0;
// CHECK-NEXT: prod = 1;
// CHECK-NEXT: iprod = 1;
// CHECK-NEXT: any = 0;
// CHECK:      all = all & __mploop_r0_1;
// CHECK:      fall = fall & __mploop_r1_1;
// CHECK:      mask = (__typeof__(mask))(mask & __mploop_r2_1);
// CHECK:      prod = prod && __mploop_r3_1;
// CHECK:      iprod = (__typeof__(iprod))(iprod * __mploop_r4_1);
// CHECK:      any = any | __mploop_r5_1;
