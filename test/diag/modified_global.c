// Globals, static locals and parameters are scalars of enclosing scopes too.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

long calls;
static int flag;

void f(int *a, int n, int total)
{
    static int runs;
#pragma mploop for
    for (int i = 0; i < n; i++) {
        calls++;
// CHECK: modified_global.c:[[@LINE-1]]:9: error: variable 'calls' {{.*}}; add 'reduction(+:calls)' to the pragma
        flag = 1;
// CHECK: modified_global.c:[[@LINE-1]]:9: error: variable 'flag' {{.*}}; add 'private(flag)'
        runs += 1;
// CHECK: modified_global.c:[[@LINE-1]]:9: error: variable 'runs' {{.*}}; add 'reduction(+:runs)' to the pragma
        total += a[i];
// CHECK: modified_global.c:[[@LINE-1]]:9: error: variable 'total' {{.*}}; add 'reduction(+:total)' to the pragma
    }
    a[0] = total;
}
