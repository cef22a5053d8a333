// An array of the enclosing function, declared before the loop, that every
// iteration writes at the same elements before reading it is scratch space
// the workers' writes would race on: a warning (-Wmploop-scratch) suggests
// 'private' or a declaration in the body, with a note showing where the
// clause goes (after the last clause; inside the string of a _Pragma).  Not
// warned: arrays named in a clause, written at elements that follow the
// iteration (directly or through a variable computed from the loop
// variable), read before they are written (a table), never read in the body,
// or passed to a function the rewriter cannot see into.  The file is still
// rewritten.
//
// RUN: %mploop %s -o %t.c 2>&1 | FileCheck --implicit-check-not=warning: --implicit-check-not=note: %s
// RUN: %cc -fsyntax-only -I%S/../../include %t.c

#include <stdio.h>
#include <string.h>

void fill(double *t, int n);

void f(double *out, int n, int m)
{
    double tmp[8], table[8], hist[8], by_row[8], given[8], mine[8], shifted[16];
    char label[32];
    double vla[m];
    for (int k = 0; k < 8; k++)
        table[k] = k;
#pragma mploop for schedule(static) /* a comment */
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < 8; k++)
            tmp[k] = i * 8 + k;
// CHECK: scratch.c:[[@LINE-1]]:13: warning: array 'tmp' declared outside the parallel loop is written by every iteration at the same elements before it is read: the workers' writes race; if it is scratch space of one iteration, add 'private(tmp)' to the pragma or declare it inside the loop body [-Wmploop-scratch]
// CHECK-NEXT: {{^            tmp\[k\] = i \* 8 \+ k;$}}
// CHECK-NEXT: {{^            \^$}}
// CHECK-NEXT: scratch.c:27:36: note: add 'private(tmp)' to the pragma
// CHECK-NEXT: {{^#pragma mploop for schedule\(static\) /\* a comment \*/$}}
// CHECK-NEXT: {{^                                   \^$}}
// CHECK-NEXT: {{^                                    private\(tmp\)$}}
        double s = 0;
        for (int k = 0; k < 8; k++)
            s += tmp[k] * table[k];
        hist[i % 8] = s;
        by_row[i % 8] = s;
        s += by_row[0];
        int base = i * 2;
        shifted[base % 16] = s;
        s += shifted[1];
        fill(given, 8);
        s += given[0];
        memset(vla, 0, sizeof vla);
// CHECK: scratch.c:[[@LINE-1]]:16: warning: array 'vla' {{.*}}; if it is scratch space of one iteration, add 'private(vla)' to the pragma or declare it inside the loop body [-Wmploop-scratch]
// CHECK: scratch.c:27:36: note: add 'private(vla)' to the pragma
        s += vla[0];
        snprintf(label, sizeof label, "%d", i);
// CHECK: scratch.c:[[@LINE-1]]:18: warning: array 'label' {{.*}} add 'private(label)' {{.*}} [-Wmploop-scratch]
// CHECK: scratch.c:27:36: note: add 'private(label)' to the pragma
        s += label[0];
        out[i] = s;
    }
#pragma mploop for private(mine)
    for (int i = 0; i < n; i++) {
        mine[0] = i;
        out[i] = mine[0];
    }
    _Pragma("mploop for") for (int i = 0; i < n; i++) {
        mine[1] = i;
// CHECK: scratch.c:[[@LINE-1]]:9: warning: array 'mine' {{.*}} [-Wmploop-scratch]
// CHECK: scratch.c:[[@LINE-3]]:24: note: add 'private(mine)' to the pragma
// CHECK-NEXT: {{^    _Pragma\("mploop for"\) for}}
// CHECK-NEXT: {{^                       \^$}}
// CHECK-NEXT: {{^                        private\(mine\)$}}
        out[i] = mine[1] + 1;
    }
    out[0] = hist[0] + by_row[1] + shifted[0];
}
