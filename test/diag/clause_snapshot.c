// `snapshot` takes no arguments and may appear once.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

void f(int *a, int n)
{
#pragma mploop for snapshot(1)
// CHECK: clause_snapshot.c:[[@LINE-1]]:28: error: 'snapshot' clause takes no arguments
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for snapshot schedule(static) snapshot
// CHECK: clause_snapshot.c:[[@LINE-1]]:46: error: '#pragma mploop for' cannot have more than one 'snapshot' clause
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for snapshot
    for (int i = 0; i < n; i++) a[i] = 0;
}
