// -o writes the output file; on any error no output file is left behind,
// not even one from an earlier run, and the exit status is non-zero.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %mploop %s -o %t/out.c
// RUN: FileCheck %s < %t/out.c
// RUN: not %mploop %s -o %t/out.c -- -DBREAK_IT 2> %t.err
// RUN: test ! -e %t/out.c
// RUN: FileCheck --check-prefix=ERR %s < %t.err
// RUN: not %mploop %s -o %t/out.c -- -DNOT_C 2> %t.err2
// RUN: test ! -e %t/out.c
// RUN: FileCheck --check-prefix=CLANG %s < %t.err2
// RUN: ls -A %t | count 0

void f(int *a, int n)
{
    int count = 0;
#pragma mploop for
    for (int i = 0; i < n; i++) {
        a[i] = 0;
#ifdef BREAK_IT
        count++;
#endif
#ifdef NOT_C
        this is not C;
#endif
    }
    (void)count;
}
// CHECK: { /* mploop: loop at {{.*}}cli_output.c:19 */
// ERR: cli_output.c:22:9: error: variable 'count' declared outside the parallel loop
// CLANG: cli_output.c:25:9: error: use of undeclared identifier 'this'
// No temporary file stays behind either (the directory is empty).
