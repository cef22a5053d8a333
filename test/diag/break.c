// `break` that would leave the parallel loop is refused, with the source
// line, a caret, and a note naming the loop; `break` out of an inner loop or
// a switch in the body is fine.
//
// RUN: not %mploop %s 2>&1 | FileCheck --strict-whitespace --implicit-check-not=error: %s

void f(int *a, int n)
{
#pragma mploop for
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < 3; k++)
            if (a[k]) break;
        while (n) break;
        do { break; } while (0);
        switch (a[i]) { case 1: break; default: break; }
        if (a[i] < 0) break;
// CHECK: break.c:[[@LINE-1]]:23: error: 'break' would leave the parallel loop; iterations run in separate processes and cannot stop the others
// CHECK-NEXT: {{^        if \(a\[i\] < 0\) break;$}}
// CHECK-NEXT: {{^                      \^$}}
// CHECK-NEXT: break.c:10:5: note: in the loop over 'i' annotated with '#pragma mploop for'
// CHECK-NEXT: {{^    for \(int i = 0; i < n; i\+\+\) {$}}
// CHECK-NEXT: {{^    \^$}}
    }
}
