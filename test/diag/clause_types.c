// The values of num_workers and of a schedule's chunk must have an integer
// type: a string or a floating value does not compile, with a message that
// names the loop and the clause (a compile-time check in the generated code,
// MPLOOP_IS_INTEGER of mploop/abi.h); integer expressions of every width,
// enums and characters compile.
//
// RUN: %mploop %s -o %t.c
// RUN: not %cc -fsyntax-only -I%S/../../include %t.c 2>&1 | FileCheck --implicit-check-not=error: %s
// RUN: %mploop %s -o %t.good.c -- -DGOOD
// RUN: %cc -fsyntax-only -Wall -Wno-unknown-pragmas -Werror -I%S/../../include %t.good.c

enum width { TWO = 2 };

void f(int *a, int n, long long big, unsigned char c, enum width e)
{
#ifndef GOOD
#pragma mploop for num_workers("two")
    for (int i = 0; i < n; i++) a[i] = 0;
// CHECK: error: static assertion failed: "mploop: {{.*}}clause_types.c:17: num_workers must be an integer expression, not \"two\""
#pragma mploop for schedule(dynamic, 1.5)
    for (int i = 0; i < n; i++) a[i] = 0;
// CHECK: error: static assertion failed: "mploop: {{.*}}clause_types.c:20: the chunk size of schedule must be an integer expression, not 1.5"
#endif
#pragma mploop for num_workers(big) schedule(guided, c)
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for num_workers(e) schedule(static, TWO + 'a' - 'a')
    for (int i = 0; i < n; i++) a[i] = 0;
}
