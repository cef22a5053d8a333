// -Rmploop remarks never change the exit status: with a refused loop the
// rewrite fails with or without them (the loops checked before it still get
// their remark), and --help lists the option.
//
// RUN: not %mploop %s -o %t.c 2> %t.plain
// RUN: not %mploop -Rmploop %s -o %t.c 2> %t.remarks
// RUN: test ! -e %t.c
// RUN: FileCheck %s --check-prefix=PLAIN --implicit-check-not=remark: < %t.plain
// RUN: FileCheck %s --check-prefix=REMARK < %t.remarks
// RUN: %mploop --help | FileCheck %s --check-prefix=HELP
// RUN: not %mploop -Rother %s 2>&1 | FileCheck %s --check-prefix=OTHER

void f(int *a, int n)
{
#pragma mploop for
    for (int i = 0; i < n - 1; i++) a[i] = a[i + 1];
    // REMARK: remark_status.c:[[@LINE-1]]:5: remark: anti-dependence: iteration i reads a[i + 1] (line [[@LINE-1]]), which iteration i + 1 overwrites as a[i] (line [[@LINE-1]]); the loop runs in snapshot mode [-Rmploop]
    int s = 0;
#pragma mploop for
    for (int i = 0; i < n; i++) s += a[i];
    // PLAIN: remark_status.c:[[@LINE-1]]:33: error: variable 's' declared outside the parallel loop is modified in its body without a clause
    // REMARK: remark_status.c:[[@LINE-2]]:33: error: variable 's' declared outside the parallel loop is modified in its body without a clause
    (void)s;
}

// HELP: -Rmploop       remark which write mode (direct or snapshot) each loop
// OTHER: mploop: error: unknown option '-Rother' (compiler flags go after '--')
