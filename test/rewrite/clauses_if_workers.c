// num_workers(e) and if(e): copied verbatim, in parentheses, into the
// loop's parameters; without them has_workers stays 0 and cond is 1.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

#define BIG(n) ((n) > 1000)

void f(double *a, int n, int w)
{
    // CHECK: loop at {{.*}}clauses_if_workers.c:[[@LINE+2]]
#pragma mploop for num_workers(w + 1) if(BIG(n))
    for (int i = 0; i < n; i++) a[i] *= 2;
    // CHECK: __mploop_p_1.schedule = MPLOOP_SCHED_DEFAULT;
    // CHECK-NEXT: _Static_assert(MPLOOP_IS_INTEGER({{.*}}
    // CHECK-NEXT: __mploop_p_1.has_workers = 1; __mploop_p_1.workers = (long)(w + 1);
    // CHECK-NEXT: __mploop_p_1.cond = ((BIG(n))) != 0;

    // CHECK: loop at {{.*}}clauses_if_workers.c:[[@LINE+2]]
#pragma mploop for if(0), num_workers(2)
    for (int i = 0; i < n; i++) a[i] *= 2;
    // CHECK: _Static_assert(MPLOOP_IS_INTEGER({{.*}}
    // CHECK: __mploop_p_2.has_workers = 1; __mploop_p_2.workers = (long)(2);
    // CHECK-NEXT: __mploop_p_2.cond = ((0)) != 0;

    // CHECK: loop at {{.*}}clauses_if_workers.c:[[@LINE+2]]
#pragma mploop for
    for (int i = 0; i < n; i++) a[i] *= 2;
    // CHECK-NOT: has_workers
    // CHECK: __mploop_p_3.cond = 1;
}
