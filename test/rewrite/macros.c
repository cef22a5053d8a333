// Macros in the bounds, the step, the clauses and the body: the texts are
// copied as written (the compiler expands them in the output), and macros
// naming locals keep working because the body stays in place.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

#define N 64
#define LAST(n) ((n) - 1)
#define STEP 2
#define ADD_ROW(i) (total += row[i] * scale)
#define CHUNK(n) ((n) / 8 + 1)

long f(const long *row, long scale)
{
    long total = 0;
#pragma mploop for reduction(+:total) schedule(dynamic, CHUNK(N))
    for (int i = LAST(N); i >= 0; i -= STEP)
        ADD_ROW(i);
    return total;
}
// CHECK: int __mploop_lb_1 = (LAST(N));
// CHECK-NEXT: __typeof__((0) + 0) __mploop_ub_1 = (0);
// CHECK-NEXT: mploop_i64 __mploop_st_1 = -(STEP);
// CHECK: __mploop_p_1.has_chunk = 1; __mploop_p_1.chunk = (long)(CHUNK(N));
// CHECK: #line 18 "{{.*}}macros.c"
// CHECK-NEXT: {{^ +$}}
// CHECK-NEXT: ADD_ROW(i);
