// A pragma continued over several lines with backslash-newlines: clauses on
// every line are read, the continuation lines are blanked but kept, and the
// body stays on its original line.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

long f(const long *a, long n)
{
    long total = 0;
#pragma mploop for \
        reduction(+:total) \
        schedule(dynamic, \
                 16)
    // a comment between the pragma and the loop
    for (long i = 0; i < n; i++)
        total += a[i];
    return total;
}
// CHECK: long total = 0;
// CHECK-EMPTY:
// CHECK-EMPTY:
// CHECK-EMPTY:
// CHECK-EMPTY:
// CHECK-NEXT: // a comment between the pragma and the loop
// CHECK-NEXT: { /* mploop: loop at {{.*}}pragma_continuation.c:16 */
// CHECK: __mploop_p_1.schedule = MPLOOP_SCHED_DYNAMIC;
// CHECK-NEXT: _Static_assert(MPLOOP_IS_INTEGER({{.*}}
// CHECK-NEXT: __mploop_p_1.has_chunk = 1; __mploop_p_1.chunk = (long)(16);
// CHECK: __mploop_p_1.result_bytes = sizeof(total);
// CHECK: #line 16 "{{.*}}pragma_continuation.c"
// CHECK-NEXT: {{^ +$}}
// CHECK-NEXT: total += a[i];
// CHECK: #line 18 "{{.*}}pragma_continuation.c"
// CHECK-NEXT: return total;
