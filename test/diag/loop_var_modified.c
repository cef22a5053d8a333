// The loop variable may be read and have its address taken in the body, but
// not be modified there: iterations are computed before the loop starts.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

void use(int *p);

void f(int *a, int n)
{
    int j;
#pragma mploop for
    for (int i = 0; i < n; i++) {
        use(&i);
        a[i] = i + 1;
        if (a[i] > 3)
            i++;
// CHECK: loop_var_modified.c:[[@LINE-1]]:13: error: loop variable 'i' is modified in the body; the iterations of a parallel loop are fixed before it starts
// CHECK: loop_var_modified.c:12:5: note: in the loop over 'i' annotated with '#pragma mploop for'
    }
#pragma mploop for collapse(2)
    for (int i = 0; i < n; i++)
        for (j = 0; j < n; j++)
            a[j] = j = i;
// CHECK: loop_var_modified.c:[[@LINE-1]]:20: error: loop variable 'j' is modified in the body
}
