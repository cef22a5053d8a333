// Clause syntax: unknown clauses, missing parentheses and arguments, bad
// schedule kinds, a chunk for auto/runtime, reduction operators.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

void f(int *a, int n)
{
#pragma mploop for nowait
// CHECK: clause_syntax.c:[[@LINE-1]]:20: error: unknown clause 'nowait' in '#pragma mploop for'
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for copyin(a)
// CHECK: clause_syntax.c:[[@LINE-1]]:20: error: unknown clause 'copyin' in '#pragma mploop for'
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for private
// CHECK: clause_syntax.c:[[@LINE-1]]:27: error: expected '(' after 'private'
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for num_workers(4
// CHECK: clause_syntax.c:[[@LINE-1]]:31: error: missing ')' after clause arguments
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for if()
// CHECK: clause_syntax.c:[[@LINE-1]]:20: error: expected an expression in 'if' clause
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for schedule(fastest)
// CHECK: clause_syntax.c:[[@LINE-1]]:29: error: expected 'static', 'dynamic', 'guided', 'auto' or 'runtime' in 'schedule' clause
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for schedule(runtime, 4)
// CHECK: clause_syntax.c:[[@LINE-1]]:36: error: 'schedule(runtime)' takes no chunk size
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for schedule(dynamic,)
// CHECK: clause_syntax.c:[[@LINE-1]]:36: error: expected a chunk size after ','
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for reduction(/:n)
// CHECK: clause_syntax.c:[[@LINE-1]]:30: error: expected one of + - * & | ^ && || min max, or the name of a declared reduction, as the reduction operator
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for reduction(n)
// CHECK: clause_syntax.c:[[@LINE-1]]:20: error: expected 'operator:' in 'reduction' clause
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for private(a[0])
// CHECK: clause_syntax.c:[[@LINE-1]]:29: error: expected ',' or ')' in 'private' clause
    for (int i = 0; i < n; i++) a[i] = 0;
}
