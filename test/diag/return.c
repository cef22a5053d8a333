// `return` in the body of a parallel loop is refused.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

int find(const int *a, int n, int key)
{
#pragma mploop for
    for (int i = 0; i < n; i++)
        if (a[i] == key)
            return i;
// CHECK: return.c:[[@LINE-1]]:13: error: 'return' is not allowed in the body of a parallel loop
// CHECK: return.c:8:5: note: in the loop over 'i' annotated with '#pragma mploop for'
    return -1;
}
