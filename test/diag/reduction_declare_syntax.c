// The syntax of `#pragma mploop declare reduction(name : type : combiner)
// [initializer(expr)]`, and of a declared reduction's name in a clause.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

#pragma mploop declare
// CHECK: reduction_declare_syntax.c:[[@LINE-1]]:23: error: expected 'reduction' after '#pragma mploop declare'
#pragma mploop declare reduction
// CHECK: reduction_declare_syntax.c:[[@LINE-1]]:33: error: expected '(' after 'declare reduction'
#pragma mploop declare reduction(+ : int : omp_out += omp_in)
// CHECK: reduction_declare_syntax.c:[[@LINE-1]]:34: error: expected an identifier as the name of the declared reduction
#pragma mploop declare reduction(max : int : omp_out += omp_in)
// CHECK: reduction_declare_syntax.c:[[@LINE-1]]:34: error: 'max' is a built-in reduction and cannot be declared
#pragma mploop declare reduction(r1 int : omp_out += omp_in)
// CHECK: reduction_declare_syntax.c:[[@LINE-1]]:37: error: expected ':' after the name of the reduction
#pragma mploop declare reduction(r2 : int)
// CHECK: reduction_declare_syntax.c:[[@LINE-1]]:42: error: expected 'type : combiner' after the name of the reduction
#pragma mploop declare reduction(r3 : int : )
// CHECK: reduction_declare_syntax.c:[[@LINE-1]]:45: error: expected a combiner after ':'
#pragma mploop declare reduction(r4 : int : omp_out += omp_in
// CHECK: reduction_declare_syntax.c:[[@LINE-1]]:33: error: missing ')' after '(' in '#pragma mploop declare reduction'
#pragma mploop declare reduction(r5 : int : omp_out += omp_in) init(omp_priv = 0)
// CHECK: reduction_declare_syntax.c:[[@LINE-1]]:64: error: expected 'initializer' or the end of '#pragma mploop declare reduction'
#pragma mploop declare reduction(r6 : int : omp_out += omp_in) initializer()
// CHECK: reduction_declare_syntax.c:[[@LINE-1]]:76: error: expected an expression in 'initializer'
#pragma mploop declare reduction(r7 : int : omp_out += omp_in) initializer(omp_priv = 0) x
// CHECK: reduction_declare_syntax.c:[[@LINE-1]]:90: error: unexpected text after 'initializer(...)'

void f(int n, int *a)
{
    int s = 0;
#pragma mploop for reduction(r1 r2: s)
// CHECK: reduction_declare_syntax.c:[[@LINE-1]]:30: error: expected one of + - * & | ^ && || min max, or the name of a declared reduction, as the reduction operator
    for (int i = 0; i < n; i++) a[i] = 0;
    (void)s;
}
