// Clause variables must be variables visible at the loop; reductions need
// arithmetic types, bitwise reductions integer types; const and register
// variables cannot be saved and restored; the loop variable cannot be a
// reduction variable.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

struct pair { int a, b; };
void g(void);

void f(int *a, int n)
{
    double d = 0;
    struct pair pr = { 0, 0 };
    const int limit = 10;
    register int r = 0;
    struct pair arr[4];
    {
        int hidden = 0;
        (void)hidden;
    }
#pragma mploop for private(missing) lastprivate(hidden) firstprivate(g)
// CHECK: clause_variables.c:[[@LINE-1]]:28: error: use of undeclared identifier 'missing' in 'private' clause
// CHECK: clause_variables.c:[[@LINE-2]]:49: error: use of undeclared identifier 'hidden' in 'lastprivate' clause
// CHECK: clause_variables.c:[[@LINE-3]]:70: error: use of undeclared identifier 'g' in 'firstprivate' clause
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for reduction(+:pr) reduction(max:arr) reduction(+:a)
// CHECK: clause_variables.c:[[@LINE-1]]:32: error: reduction variable 'pr' must have an arithmetic type (it has type 'struct pair')
// CHECK: clause_variables.c:[[@LINE-2]]:50: error: reduction over 'arr' needs an arithmetic element type (it is 'struct pair')
// CHECK: clause_variables.c:[[@LINE-3]]:67: error: reduction variable 'a' must have an arithmetic type (it has type 'int *')
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for reduction(^:d) reduction(|:d2)
// CHECK: clause_variables.c:[[@LINE-1]]:32: error: bitwise reduction on 'd' of floating type 'double'
// CHECK: clause_variables.c:[[@LINE-2]]:47: error: use of undeclared identifier 'd2' in 'reduction' clause
    for (int i = 0; i < n; i++) a[i] = 0;
    int k;
#pragma mploop for private(limit) private(r) reduction(+:k)
// CHECK: clause_variables.c:[[@LINE-1]]:28: error: variable 'limit' is const and cannot appear in a 'private' clause
// CHECK: clause_variables.c:[[@LINE-2]]:43: error: variable 'r' is declared 'register' and cannot appear in a 'private' clause
// CHECK: clause_variables.c:[[@LINE-3]]:58: error: loop variable 'k' cannot appear in a 'reduction' clause
    for (k = 0; k < n; k++) a[k] = limit + r;
#pragma mploop for private(declared_later)
// CHECK: clause_variables.c:[[@LINE-1]]:28: error: use of undeclared identifier 'declared_later' in 'private' clause
    for (k = 0; k < n; k++) a[k] = 0;
    a[0] = (int)d + pr.a + arr[0].a;
}

int declared_later;
