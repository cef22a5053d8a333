// A plain assignment to a scalar of an enclosing scope suggests private or
// lastprivate; pointers count as scalars too.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

int f(int *a, int n)
{
    int last = 0;
    int *where = 0;
#pragma mploop for
    for (int i = 0; i < n; i++) {
        last = a[i] * 2;
// CHECK: modified_assign.c:[[@LINE-1]]:9: error: variable 'last' declared outside the parallel loop is modified in its body without a clause; add 'private(last)' if every iteration sets it before using it, or 'lastprivate(last)' to keep the last iteration's value
        (where) = &a[i];
// CHECK: modified_assign.c:[[@LINE-1]]:9: error: variable 'where' {{.*}}; add 'private(where)' if every iteration sets it before using it, or 'lastprivate(where)' to keep the last iteration's value
        a[i] = last;
    }
    return last + (where != 0);
}
