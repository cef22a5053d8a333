// Where the rewriter cannot decide independence the loop is accepted as
// the user asked; -Wmploop-unverified (off by default) says why and
// suggests MPLOOP_CHECK=verify: two pointers that may point to the same
// memory, a subscript that is not affine, an array passed to a call, a
// condition around the accesses.  A proven anti-dependence is no warning:
// -Rmploop says the loop runs in snapshot mode.
//
// RUN: %mploop %s -o %t.c 2>&1 | count 0
// RUN: %mploop -Wmploop-unverified %s -o %t.c 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: %mploop -Rmploop %s -o %t.c 2>&1 | FileCheck %s --check-prefix=ANTI

void use(double *p, int i);

void f(double *a, double *b, int *idx, int n)
{
#pragma mploop for
    for (int i = 0; i < n; i++)
        a[i] = b[i] + 1;
// CHECK: dep_unverified.c:[[@LINE-2]]:5: warning: the rewriter cannot verify that the iterations are independent: 'a' and 'b' may point to the same memory (declare the pointers restrict if they never do); run with MPLOOP_CHECK=verify to compare the loop with a sequential run [-Wmploop-unverified]
#pragma mploop for
    for (int i = 0; i < n; i++)
        a[idx[i]] += 1;
// CHECK: dep_unverified.c:[[@LINE-2]]:5: warning: the rewriter cannot verify that the iterations are independent: two iterations may write the same element through 'a[idx[i]]' (a subscript is not an affine function of the loop variables); run with MPLOOP_CHECK=verify {{.*}} [-Wmploop-unverified]
// CHECK: dep_unverified.c:[[@LINE-2]]:9: note: 'a[idx[i]]' is written here
#pragma mploop for
    for (int i = 0; i < n; i++)
        use(a, i);
// CHECK: dep_unverified.c:[[@LINE-2]]:5: warning: {{.*}}: pointer 'a' is passed to a call of 'use'; run with MPLOOP_CHECK=verify {{.*}} [-Wmploop-unverified]
// CHECK: dep_unverified.c:[[@LINE-2]]:13: note: 'a' is passed here
#pragma mploop for
    for (int i = 0; i < n - 1; i++)
        if (a[i] > 0)
            a[i + 1] = 0;
// CHECK: dep_unverified.c:[[@LINE-3]]:5: warning: {{.*}}: two iterations may reach the same element through 'a[i + 1]' (written) and 'a[i]' (read): a condition may skip the accesses; run with MPLOOP_CHECK=verify {{.*}} [-Wmploop-unverified]
#pragma mploop for
    for (int i = 0; i < n - 1; i++)
        a[i] = a[i + 1];
// ANTI: dep_unverified.c:[[@LINE-2]]:5: remark: anti-dependence: iteration i reads a[i + 1] (line [[@LINE-1]]), which iteration i + 1 overwrites as a[i] (line [[@LINE-1]]); the loop runs in snapshot mode [-Rmploop]
}
