// The syntax of array sections in reduction clauses: one section of the
// first dimension, `[lower-bound:length]` or `[:length]` (from 0), the
// length given; a variable reduced
// with a section is still one variable, refused in a second clause.
// A conditional expression's ':' is not the section's.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

void f(int *p, int n, int lo)
{
    int hist[16] = { 0 };
#pragma mploop for reduction(+: hist) private(hist)
// CHECK: reduction_section_syntax.c:[[@LINE-1]]:47: error: variable 'hist' appears in both a 'reduction' and a 'private' clause
    for (int i = 0; i < n; i++) hist[i % 16]++;
#pragma mploop for reduction(+: p[0:n]) lastprivate(p)
// CHECK: reduction_section_syntax.c:[[@LINE-1]]:53: error: variable 'p' appears in both a 'reduction' and a 'lastprivate' clause
    for (int i = 0; i < n; i++) p[i]++;
#pragma mploop for reduction(+: hist[0:4][0:2])
// CHECK: reduction_section_syntax.c:[[@LINE-1]]:42: error: multi-dimensional array sections are not supported in a 'reduction' clause: give one section of the first dimension
    for (int i = 0; i < n; i++) hist[i % 4]++;
#pragma mploop for reduction(+: hist[lo:])
// CHECK: reduction_section_syntax.c:[[@LINE-1]]:41: error: expected a length after ':' in the array section
    for (int i = 0; i < n; i++) hist[i % 4]++;
#pragma mploop for reduction(+: hist[:4])
// (the lower bound left out is 0, as in OpenMP: no error)
    for (int i = 0; i < n; i++) hist[i % 4]++;
#pragma mploop for reduction(+: hist[lo])
// CHECK: reduction_section_syntax.c:[[@LINE-1]]:40: error: expected 'lower-bound:length' in the array section of a 'reduction' clause
    for (int i = 0; i < n; i++) hist[i % 4]++;
#pragma mploop for reduction(+: hist[0:4)
// CHECK: reduction_section_syntax.c:[[@LINE-1]]:37: error: expected ']' after the array section
    for (int i = 0; i < n; i++) hist[i % 4]++;
#pragma mploop for private(hist[0:4])
// CHECK: reduction_section_syntax.c:[[@LINE-1]]:32: error: expected ',' or ')' in 'private' clause
    for (int i = 0; i < n; i++) hist[i % 4] = 0;
#pragma mploop for reduction(+: hist[n > 2 ? 1 : 0:4])
    for (int i = 0; i < n; i++) hist[i % 4 + 1]++;
}
