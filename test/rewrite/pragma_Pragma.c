// `_Pragma("mploop for ...")` written directly is a pragma like any other:
// the operator is blanked, escaped quotes in clause expressions are
// destringized, and the loop may follow on the same line.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

int f(const char *s, int n)
{
    int hits = 0;
    _Pragma("mploop for reduction(+:hits) if(s[0] != \"x\"[0])") for (int i = 0; i < n; i++) hits += s[i] == 'a';
    _Pragma("mploop for schedule(guided) reduction(+:hits)")
    for (int i = 0; i < n; i++)
        hits += s[i] == 'b';
    return hits;
}
// CHECK-LABEL: int hits = 0;
// CHECK-NEXT: {{^     { /\* mploop: loop at .*pragma_Pragma.c:11 \*/$}}
// CHECK: __mploop_p_1.cond = ((s[0] != "x"[0])) != 0;
// CHECK: #line 11 "{{.*}}pragma_Pragma.c"
// CHECK-NEXT: hits += s[i] == 'a';
// CHECK: #line 12 "{{.*}}pragma_Pragma.c"
// CHECK-NEXT: {{^ +$}}
// CHECK-NEXT: { /* mploop: loop at {{.*}}pragma_Pragma.c:13 */
// CHECK: __mploop_p_2.schedule = MPLOOP_SCHED_GUIDED;
// CHECK: #line 13 "{{.*}}pragma_Pragma.c"
// CHECK-NEXT: {{^ +$}}
// CHECK-NEXT: hits += s[i] == 'b';
