// The bounds of an array section that the rewriter cannot type (an
// expression, not a name or a literal) are checked when the output
// compiles: a floating or pointer value fails with a message naming the
// loop and the bound (MPLOOP_IS_INTEGER of mploop/abi.h); integers of every
// width, enums and characters compile.
//
// RUN: %mploop %s -o %t.c
// RUN: not %cc -fsyntax-only -I%S/../../include %t.c 2>&1 | FileCheck --implicit-check-not=error: %s
// RUN: %mploop %s -o %t.good.c -- -DGOOD
// RUN: %cc -fsyntax-only -Wall -Wno-unknown-pragmas -Werror -I%S/../../include %t.good.c

enum width { TWO = 2 };

void f(long *p, int n, double scale, unsigned char c, enum width e, long long big)
{
#ifndef GOOD
#pragma mploop for reduction(+: p[0:n * scale])
    for (int i = 0; i < n; i++) p[i]++;
// CHECK: error: static assertion failed: "mploop: {{.*}}reduction_section_types.c:17: the length of the section of p must be an integer expression, not n * scale"
#pragma mploop for reduction(+: p[p + 1:n])
    for (int i = 0; i < n; i++) p[i]++;
// CHECK: error: static assertion failed: "mploop: {{.*}}reduction_section_types.c:20: the lower bound of the section of p must be an integer expression, not p + 1"
#endif
#pragma mploop for reduction(max: p[c + 0:big / 2])
    for (int i = 0; i < n; i++) p[i] = i;
#pragma mploop for reduction(*: p[e - TWO:'a' - 'a' + n])
    for (int i = 0; i < n; i++) p[i] *= 2;
}
