// A scalar declared in the loop's body and set once, at its declaration,
// from an affine expression stands for that expression in subscripts: a
// loop indexed through it is decided like one indexed directly (parallel,
// or a dependence with its distance).  Not when it is written again, when
// its type is narrower than its value's (unsigned char k = i wraps), or
// for a narrowing cast in the subscript itself.
//
// RUN: not %mploop -Rmploop -Wmploop-unverified %s -o %t.c 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: not %mploop %s -o %t.c 2>&1 | FileCheck %s --check-prefix=ERR

void f(double *restrict a, const double *restrict b, int n, int m)
{
#pragma mploop for
    for (int i = 0; i < n; i++) {
        int k = i + 1;
        a[k] = a[k] * 2 + b[i];
    }
// CHECK: dep_locals.c:[[@LINE-4]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < n; i++) {
        const int lo = 2 * i, hi = lo + 1;
        a[lo] = b[i];
        a[hi] = -b[i];
    }
// CHECK: dep_locals.c:[[@LINE-5]]:5: remark: loop runs in direct mode: the dependence tests show that no iteration touches an element another one writes
#pragma mploop for
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) {
            long at = (long)i * m + j;
            a[at] = b[at] + 1;
        }
// CHECK: dep_locals.c:[[@LINE-5]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < n; i++) {
        int next = i + 1;
        a[next] = a[i] + 1;
    }
// ERR: dep_locals.c:[[@LINE-4]]:5: error: loop-carried flow dependence: iteration i writes a[next] (line [[@LINE-2]]), which iteration i + 1 reads as a[i] (line [[@LINE-2]])
// CHECK: dep_locals.c:[[@LINE-5]]:5: error: loop-carried flow dependence
#pragma mploop for
    for (int i = 0; i < n; i++) {
        int k = i;
        k += m;
        a[k] = b[i];
    }
// CHECK: dep_locals.c:[[@LINE-5]]:5: warning: {{.*}}: two iterations may write the same element through 'a[k]' (a subscript is not an affine function of the loop variables)
// CHECK: dep_locals.c:[[@LINE-6]]:5: remark: loop runs in snapshot mode
#pragma mploop for
    for (int i = 0; i < n; i++) {
        unsigned char k = i;
        a[k] = b[i];
    }
// CHECK: dep_locals.c:[[@LINE-4]]:5: warning: {{.*}}: two iterations may write the same element through 'a[k]' (a variable of the body holds its value in a narrower type)
// CHECK: dep_locals.c:[[@LINE-5]]:5: remark: loop runs in snapshot mode
#pragma mploop for
    for (int i = 0; i < n; i++)
        a[(unsigned char)i] = b[i];
// CHECK: dep_locals.c:[[@LINE-2]]:5: warning: {{.*}}: two iterations may write the same element through 'a[(unsigned char)i]' (a subscript converts a value to a narrower type)
// CHECK: dep_locals.c:[[@LINE-3]]:5: remark: loop runs in snapshot mode
}
