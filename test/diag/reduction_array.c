// Array and array-section reductions the rewriter refuses: a section whose
// length or lower bound is not an integer, a section of a variable that is
// neither a pointer nor an array, an array of unknown size without a
// section, elements that are not arithmetic, const elements, a bitwise
// operator over floating elements, a pointer without a section, and a use
// of the array written by a macro (the rewriter cannot point it at the
// private copy).  The syntax errors: reduction_section_syntax.c.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

struct pt { int x, y; };
extern int unknown[];
#define BUMP(i) hist[i]++

void f(int *p, int n, double len)
{
    int hist[16] = { 0 }, s = 0;
    struct pt pts[4];
    const int ro[4] = { 0 };
    double d[4] = { 0 };
#pragma mploop for reduction(+: p[0:len])
// CHECK: reduction_array.c:[[@LINE-1]]:34: error: the length of the array section of 'p' must be an integer, not 'len' of type 'double'
    for (int i = 0; i < n; i++) p[i]++;
#pragma mploop for reduction(+: p[1.5:n])
// CHECK: reduction_array.c:[[@LINE-1]]:34: error: the lower bound of the array section of 'p' must be an integer, not '1.5' of type 'double'
    for (int i = 0; i < n; i++) p[i]++;
#pragma mploop for reduction(+: s[0:4])
// CHECK: reduction_array.c:[[@LINE-1]]:34: error: array section on 's', which is neither a pointer nor an array (it has type 'int')
    for (int i = 0; i < n; i++) s++;
#pragma mploop for reduction(+: unknown)
// CHECK: reduction_array.c:[[@LINE-1]]:33: error: reduction array 'unknown' has unknown size ('int[]'): name the elements to reduce with a section, 'unknown[lower-bound:length]'
    for (int i = 0; i < n; i++) unknown[i % 4]++;
#pragma mploop for reduction(+: pts) reduction(max: ro) reduction(|: d)
// CHECK: reduction_array.c:[[@LINE-1]]:33: error: reduction over 'pts' needs an arithmetic element type (it is 'struct pt')
// CHECK: reduction_array.c:[[@LINE-2]]:53: error: reduction over 'ro', whose elements are const
// CHECK: reduction_array.c:[[@LINE-3]]:70: error: bitwise reduction over 'd' of floating type 'double'
    for (int i = 0; i < n; i++) pts[i % 4].x++;
#pragma mploop for reduction(+: p)
// CHECK: reduction_array.c:[[@LINE-1]]:33: error: reduction variable 'p' must have an arithmetic type (it has type 'int *')
// CHECK: reduction_array.c:[[@LINE-2]]:33: note: to reduce the elements it points to, give a section: 'p[lower-bound:length]'
    for (int i = 0; i < n; i++) p[i]++;
#pragma mploop for reduction(+: hist)
    for (int i = 0; i < n; i++) BUMP(i % 16);
// CHECK: reduction_array.c:[[@LINE-1]]:33: error: reduction array 'hist' is named by a macro here; mploop cannot redirect this use to the private copy: write the name in the loop body
}
