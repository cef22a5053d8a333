// A loop-carried flow or output dependence that the dependence tests prove
// is an error at the loop, naming both accesses as written, the kind and the
// distance (a vector for collapse, "a later iteration" when it is not a
// constant), with a note on each access (range-underlined).  A dependence
// carried by an inner loop of the body blocks the annotated loop only when
// it crosses its iterations.
//
// RUN: not %mploop %s -o %t.c 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.c

#define N 64
double g[N], h[N][N];

void f(double *a, double *c, int n)
{
#pragma mploop for
    for (int i = 0; i < n - 1; i++)
        a[i + 1] = a[i] * 2;
// CHECK: dep_flow.c:[[@LINE-2]]:5: error: loop-carried flow dependence: iteration i writes a[i + 1] (line [[@LINE-1]]), which iteration i + 1 reads as a[i] (line [[@LINE-1]])
// CHECK-NEXT: {{^    for \(int i = 0; i < n - 1; i\+\+\)$}}
// CHECK-NEXT: {{^    \^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~$}}
// CHECK-NEXT: dep_flow.c:[[@LINE-4]]:9: note: 'a[i + 1]' is written here by iteration i
// CHECK-NEXT: {{^        a\[i \+ 1\] = a\[i\] \* 2;$}}
// CHECK-NEXT: {{^        \^~~~~~~~$}}
// CHECK-NEXT: dep_flow.c:[[@LINE-7]]:20: note: 'a[i]' is read here by iteration i + 1
// CHECK-NEXT: {{^        a\[i \+ 1\] = a\[i\] \* 2;$}}
// CHECK-NEXT: {{^                   \^~~~$}}

    // distance 3, a global array, the read written before the write
#pragma mploop for
    for (int i = 3; i < N; i++) {
        double t = g[i - 3];
        g[i] = t + 1;
    }
// CHECK: dep_flow.c:[[@LINE-4]]:5: error: loop-carried flow dependence: iteration i writes g[i] (line [[@LINE-2]]), which iteration i + 3 reads as g[i - 3] (line [[@LINE-3]])
// CHECK: dep_flow.c:[[@LINE-3]]:9: note: 'g[i]' is written here by iteration i
// CHECK: dep_flow.c:[[@LINE-5]]:20: note: 'g[i - 3]' is read here by iteration i + 3

    // a decreasing loop: the next iteration is i - 1
#pragma mploop for
    for (int i = n - 1; i > 0; i--)
        a[i - 1] = a[i] + 1;
// CHECK: dep_flow.c:[[@LINE-2]]:5: error: loop-carried flow dependence: iteration i writes a[i - 1] (line [[@LINE-1]]), which iteration i - 1 reads as a[i] (line [[@LINE-1]])

    // collapse: the distance is a vector over the collapsed levels
#pragma mploop for collapse(2)
    for (int i = 1; i < N; i++)
        for (int j = 0; j < N - 1; j++)
            h[i][j] = h[i - 1][j + 1] + 1;
// CHECK: dep_flow.c:[[@LINE-3]]:5: error: loop-carried flow dependence: iteration (i, j) writes h[i][j] (line [[@LINE-1]]), which iteration (i + 1, j - 1) reads as h[i - 1][j + 1] (line [[@LINE-1]])
// CHECK: note: 'h[i][j]' is written here by iteration (i, j)
// CHECK: note: 'h[i - 1][j + 1]' is read here by iteration (i + 1, j - 1)

    // a flattened 2-D array: a[i*n + j] against the previous row
#pragma mploop for
    for (int i = 1; i < n; i++)
        for (int j = 0; j < n; j++)
            a[i * n + j] = a[(i - 1) * n + j];
// CHECK: dep_flow.c:[[@LINE-3]]:5: error: loop-carried flow dependence: iteration i writes a[i * n + j] (line [[@LINE-1]]), which iteration i + 1 reads as a[(i - 1) * n + j] (line [[@LINE-1]])

    // an element every iteration updates from its own value: the later
    // iteration reads what the earlier one wrote (flow, named before output)
#pragma mploop for
    for (int i = 0; i < n; i++)
        c[0] += a[i];
// CHECK: dep_flow.c:[[@LINE-2]]:5: error: loop-carried flow dependence: iteration i writes c[0] (line [[@LINE-1]]), which a later iteration reads as c[0] (line [[@LINE-1]])
// CHECK: dep_flow.c:[[@LINE-2]]:9: note: 'c[0]' is written here by iteration i
// CHECK: dep_flow.c:[[@LINE-3]]:9: note: 'c[0]' is read here by a later iteration
}

void out(double *a, double *c, int n)
{
    // output: one element written by every iteration (no constant distance)
#pragma mploop for
    for (int i = 0; i < n; i++)
        a[0] = a[i + 1];
// CHECK: dep_flow.c:[[@LINE-2]]:5: error: loop-carried output dependence: iteration i writes a[0] (line [[@LINE-1]]), which a later iteration writes again
// CHECK: dep_flow.c:[[@LINE-2]]:9: note: 'a[0]' is written here by iteration i
// CHECK: dep_flow.c:[[@LINE-3]]:9: note: 'a[0]' is written here by a later iteration

    // output between two writes
#pragma mploop for
    for (int i = 0; i < n; i++) {
        a[2 * i] = 1;
        a[2 * i + 2] = 2;
    }
// CHECK: dep_flow.c:[[@LINE-4]]:5: error: loop-carried output dependence: iteration i writes a[2 * i + 2] (line [[@LINE-2]]), which iteration i + 1 writes again as a[2 * i] (line [[@LINE-3]])

    // carried by the inner loop only across the outer iterations: every i
    // writes every c[j]
#pragma mploop for
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            c[j] = c[j] + a[i];
// CHECK: dep_flow.c:[[@LINE-3]]:5: error: loop-carried output dependence: iteration i writes c[j] (line [[@LINE-1]]), which a later iteration writes again
}
