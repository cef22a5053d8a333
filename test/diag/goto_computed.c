// A computed goto in the body is refused, wherever its target is.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

void f(int *a, int n)
{
#pragma mploop for
    for (int i = 0; i < n; i++) {
        void *where = a[i] ? &&one : &&two;
        goto *where;
// CHECK: goto_computed.c:[[@LINE-1]]:9: error: computed 'goto' is not allowed in the body of a parallel loop
    one:
        a[i] = 1;
    two:
        a[i]++;
    }
}
