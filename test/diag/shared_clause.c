// The shared(list) clause takes variables of the enclosing scope that can
// be copied into shared memory and back: refused are an unknown name, a
// variable also in another data clause, a variable-length array (its size
// is not known when the rewriter allocates), a register variable (it has no
// address) and the loop variable (each iteration has its own value).  A
// name of a shared variable that a macro's definition spells cannot be
// redirected to the shared copy: refused (as a macro argument it can).
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

void f(int *a, int n)
{
    int count = 0, vla[n], i;
    register int r = 0;
#pragma mploop for shared(missing)
// CHECK-DAG: shared_clause.c:[[@LINE-1]]:27: error: use of undeclared identifier 'missing' in 'shared' clause
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for shared(count) private(count)
// CHECK-DAG: shared_clause.c:[[@LINE-1]]:42: error: variable 'count' appears in both a 'shared' and a 'private' clause
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for reduction(+:count) shared(count)
// CHECK-DAG: shared_clause.c:[[@LINE-1]]:46: error: variable 'count' appears in both a 'reduction' and a 'shared' clause
    for (int i = 0; i < n; i++) count += a[i];
#pragma mploop for shared(vla)
// CHECK-DAG: shared_clause.c:[[@LINE-1]]:27: error: variable-length array 'vla' cannot appear in a 'shared' clause; allocate it with mploop_shared_alloc instead
    for (int i = 0; i < n; i++) vla[i] = 0;
#pragma mploop for shared(r)
// CHECK-DAG: shared_clause.c:[[@LINE-1]]:27: error: variable 'r' is declared 'register' and cannot appear in a 'shared' clause
    for (int i = 0; i < n; i++) a[i] = r;
#pragma mploop for shared(i)
// CHECK-DAG: shared_clause.c:[[@LINE-1]]:27: error: loop variable 'i' cannot appear in a 'shared' clause
    for (i = 0; i < n; i++) a[i] = 0;
#pragma mploop for shared()
// CHECK-DAG: shared_clause.c:[[@LINE-1]]:20: error: expected a variable name in 'shared' clause
    for (int i = 0; i < n; i++) a[i] = 0;
}

#define BUMP() (hits++)
#define INC(c) ((c)++)

long g(int n)
{
    long hits = 0;
#pragma mploop for shared(hits)
    for (int i = 0; i < n; i++) {
#pragma mploop critical
        BUMP();
// CHECK-DAG: shared_clause.c:[[@LINE-1]]:9: error: shared variable 'hits' is named inside a macro's definition here; only names written in the loop body can be redirected to its shared copy: pass it to the macro as an argument
#pragma mploop critical
        INC(hits);
    }
    return hits;
}
