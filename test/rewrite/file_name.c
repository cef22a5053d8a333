// The file name in `#line` and in the loop's site is the input path as given
// on the command line, with backslashes and quotes escaped.
//
// RUN: rm -rf %t && mkdir -p %t && cp %s '%t/we"ird\name.c'
// RUN: cd %t && %mploop 'we"ird\name.c' | FileCheck %s
// RUN: cd %t && %mploop 'we"ird\name.c' -o out.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include out.c

void f(int *a, int n)
{
#pragma mploop for
    for (int i = 0; i < n; i++) a[i] = 0;
}
// CHECK: #line 1 "we\"ird\\name.c"
// CHECK: static const mploop_site __mploop_site_1 = { "we\"ird\\name.c", 11, 5, "i", MPLOOP_SITE_VAR_SIGNED };
// CHECK: #line 11 "we\"ird\\name.c"
// CHECK: #line 12 "we\"ird\\name.c"
