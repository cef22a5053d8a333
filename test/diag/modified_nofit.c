// Updates no reduction can combine (`/=`, `%=`, shifts, pointer
// arithmetic) are refused with the advice to keep the variable local.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

void f(int *a, int n)
{
    int scale = 1000, bits = 1;
    int *p = a;
#pragma mploop for
    for (int i = 0; i < n; i++) {
        scale /= 2;
// CHECK: modified_nofit.c:[[@LINE-1]]:9: error: variable 'scale' declared outside the parallel loop is modified in its body without a clause; no clause fits '/=': declare it inside the loop body instead
        bits <<= 1;
// CHECK: modified_nofit.c:[[@LINE-1]]:9: error: variable 'bits' {{.*}}; no clause fits '<<=': declare it inside the loop body instead
        p++;
// CHECK: modified_nofit.c:[[@LINE-1]]:9: error: variable 'p' {{.*}}; no clause fits '++': declare it inside the loop body instead
    }
}
