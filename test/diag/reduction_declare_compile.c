// A combiner or an initializer of a declared reduction that does not
// compile: the generated code puts them behind `#line` directives, so the
// compiler's error points at the pragma's line and at the column of the
// mistake (the initializer's error comes first: it is in the participant's
// code, the combiner in the parent's after the join).
//
// RUN: %mploop %s -o %t.c
// RUN: not %cc -fsyntax-only -I%S/../../include %t.c 2>&1 | FileCheck %s

struct acc { long sum; int n; };

#pragma mploop declare reduction(acc_add : struct acc : omp_out.sum += omp_in.total)
// CHECK-DAG: reduction_declare_compile.c:[[@LINE-1]]:78: error: {{.*}}total
#pragma mploop declare reduction(acc_n : struct acc : omp_out.n += omp_in.n) \
    initializer(omp_priv = { 0, undeclared_zero })
// CHECK-DAG: reduction_declare_compile.c:[[@LINE-1]]:33: error: {{.*}}undeclared_zero

long f(const long *a, int n)
{
    struct acc s = { 0, 0 }, t = { 0, 0 };
#pragma mploop for reduction(acc_add: s) reduction(acc_n: t)
    for (int i = 0; i < n; i++) {
        s.sum += a[i];
        t.n++;
    }
    return s.sum + t.n;
}
