// `direct` takes no arguments, may appear once, and not with `snapshot`.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: --implicit-check-not=note: %s

void f(int *a, int n)
{
#pragma mploop for direct(1)
// CHECK: clause_direct.c:[[@LINE-1]]:26: error: 'direct' clause takes no arguments
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for direct schedule(static) direct
// CHECK: clause_direct.c:[[@LINE-1]]:44: error: '#pragma mploop for' cannot have more than one 'direct' clause
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for snapshot, direct
// CHECK: clause_direct.c:[[@LINE-1]]:30: error: 'direct' and 'snapshot' clauses cannot both appear on a loop
// CHECK: clause_direct.c:[[@LINE-2]]:20: note: the 'snapshot' clause is here
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for direct snapshot
// CHECK: clause_direct.c:[[@LINE-1]]:27: error: 'snapshot' and 'direct' clauses cannot both appear on a loop
// CHECK: clause_direct.c:[[@LINE-2]]:20: note: the 'direct' clause is here
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for direct
    for (int i = 0; i < n - 1; i++) a[i] = a[i + 1];
}
