// schedule, num_workers, if and collapse may appear once; a variable may
// appear in one data clause only (firstprivate with lastprivate excepted).
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

void f(int *a, int n)
{
    int x = 0, y = 0;
#pragma mploop for schedule(static) schedule(dynamic)
// CHECK: clause_duplicate.c:[[@LINE-1]]:37: error: '#pragma mploop for' cannot have more than one 'schedule' clause
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for num_workers(2) if(n) num_workers(3) if(1)
// CHECK: clause_duplicate.c:[[@LINE-1]]:41: error: '#pragma mploop for' cannot have more than one 'num_workers' clause
// CHECK: clause_duplicate.c:[[@LINE-2]]:56: error: '#pragma mploop for' cannot have more than one 'if' clause
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for collapse(1) collapse(1)
// CHECK: clause_duplicate.c:[[@LINE-1]]:32: error: '#pragma mploop for' cannot have more than one 'collapse' clause
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for private(x) reduction(+:x)
// CHECK: clause_duplicate.c:[[@LINE-1]]:43: error: variable 'x' appears in both a 'private' and a 'reduction' clause
    for (int i = 0; i < n; i++) x += a[i];
#pragma mploop for lastprivate(y, y)
// CHECK: clause_duplicate.c:[[@LINE-1]]:35: error: variable 'y' appears more than once in 'lastprivate' clauses
    for (int i = 0; i < n; i++) y = a[i];
#pragma mploop for firstprivate(y) lastprivate(y)
    for (int i = 0; i < n; i++) y = a[i];
    a[0] = x + y;
}
