// `goto` to a label outside the body is refused; a goto that stays inside
// the body is fine.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

void f(int *a, int n)
{
#pragma mploop for
    for (int i = 0; i < n; i++) {
        if (a[i] == 1)
            goto next;
        if (a[i] < 0)
            goto out;
// CHECK: goto.c:[[@LINE-1]]:13: error: 'goto out' jumps out of the body of a parallel loop
// CHECK: goto.c:9:5: note: in the loop over 'i' annotated with '#pragma mploop for'
        a[i] = 2;
    next:
        a[i]++;
    }
out:
    return;
}
