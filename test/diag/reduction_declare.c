// Declared reductions the rewriter refuses: a name no declaration before
// the loop gives (one declared in another block does not count), a
// variable or array whose type is not the declared one, a second
// declaration of a name in the same scope (an inner block may hide it).
// The syntax errors: reduction_declare_syntax.c.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

struct pt { int x, y; };
typedef struct pt point;

#pragma mploop declare reduction(ptsum : struct pt : omp_out.x += omp_in.x, omp_out.y += omp_in.y)
#pragma mploop declare reduction(ptsum : point : omp_out.x += omp_in.x)
// CHECK: reduction_declare.c:[[@LINE-1]]:34: error: redeclaration of reduction 'ptsum'
// CHECK: reduction_declare.c:[[@LINE-3]]:34: note: previous declaration is here

void f(int n, long *p)
{
    struct pt s = { 0, 0 };
    long l = 0;
    double d[4] = { 0 };
    {
#pragma mploop declare reduction(lsum : long : omp_out += omp_in)
#pragma mploop declare reduction(ptsum : point : omp_out.y += omp_in.y)
    }
#pragma mploop for reduction(lsum: l)
// CHECK: reduction_declare.c:[[@LINE-1]]:30: error: unknown reduction 'lsum': declare it before the loop with '#pragma mploop declare reduction(lsum : type : combiner)'
    for (int i = 0; i < n; i++) l += i;
#pragma mploop for reduction(later: l)
// CHECK: reduction_declare.c:[[@LINE-1]]:30: error: unknown reduction 'later': declare it before the loop with '#pragma mploop declare reduction(later : type : combiner)'
    for (int i = 0; i < n; i++) l += i;
#pragma mploop declare reduction(later : long : omp_out += omp_in)
#pragma mploop for reduction(ptsum: l) reduction(ptsum: d) reduction(later: p[0:n])
// CHECK: reduction_declare.c:[[@LINE-1]]:37: error: reduction 'ptsum' is declared for type 'struct pt', not for 'long' ('l')
// CHECK: reduction_declare.c:12:34: note: reduction 'ptsum' is declared here
// CHECK: reduction_declare.c:[[@LINE-3]]:57: error: reduction 'ptsum' is declared for type 'struct pt', not for 'double' ('d')
    for (int i = 0; i < n; i++) { l += i; d[i % 4] += 1; p[i] += 1; }
#pragma mploop for reduction(ptsum: s)
    for (int i = 0; i < n; i++) s.x += i;
}
