// A scalar declared outside the loop whose value, left by the earlier
// iterations, the body uses other than to update the variable itself (as an
// index, in an expression, passed to a call) makes the loop not parallel as
// written: a reduction would give each worker only its own partial value.
// The diagnostic says so, once per variable, suggests no clause, and points
// at the use when it is elsewhere.  Variables that are only updated (real
// reductions) keep their reduction suggestions.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: --implicit-check-not=note: %s

void record(int v);

int f(const int *a, int *log, int *out, int n)
{
    int next = 0, count = 0, prev = 0, maybe = 0, passed = 0, sum = 0, hi = 0;
    int *p = out;
#pragma mploop for
    for (int i = 0; i < n; i++) {
        if (a[i] > 0)
            log[next++] = i;
// CHECK: modified_carried.c:[[@LINE-1]]:17: error: variable 'next' declared outside the parallel loop is modified in its body without a clause; its value in one iteration depends on the earlier iterations, so the loop is not parallel as written; compute the value from the loop variable 'i' instead
// CHECK-NEXT: {{^            log\[next\+\+\] = i;$}}
// CHECK-NEXT: {{^                \^$}}
// CHECK-NEXT: modified_carried.c:18:5: note: in the loop over 'i' annotated with '#pragma mploop for'
        count++;
// CHECK: modified_carried.c:[[@LINE-1]]:9: error: variable 'count' {{.*}}; its value in one iteration depends on the earlier iterations, so the loop is not parallel as written
// CHECK-NEXT: {{^        count\+\+;$}}
// CHECK-NEXT: {{^        \^$}}
// CHECK-NEXT: modified_carried.c:[[@LINE+2]]:25: note: the value of 'count' is used here
// CHECK: modified_carried.c:18:5: note: in the loop over 'i'
        out[i] = a[i] * count;
        out[i] -= prev;
        prev = a[i];
// CHECK: modified_carried.c:[[@LINE-1]]:9: error: variable 'prev' {{.*}}; its value in one iteration depends on the earlier iterations
// CHECK: modified_carried.c:[[@LINE-3]]:19: note: the value of 'prev' is used here
// CHECK: note: in the loop over 'i'
        if (a[i] < 0)
            maybe = i;
// CHECK: modified_carried.c:[[@LINE-1]]:13: error: variable 'maybe' {{.*}}; its value in one iteration depends on the earlier iterations
// CHECK: modified_carried.c:[[@LINE+2]]:19: note: the value of 'maybe' is used here
// CHECK: note: in the loop over 'i'
        out[i] += maybe;
        passed += 2;
// CHECK: modified_carried.c:[[@LINE-1]]:9: error: variable 'passed' {{.*}}; its value in one iteration depends on the earlier iterations
// CHECK: modified_carried.c:[[@LINE+2]]:16: note: the value of 'passed' is used here
// CHECK: note: in the loop over 'i'
        record(passed);
        *p++ = a[i];
// CHECK: modified_carried.c:[[@LINE-1]]:10: error: variable 'p' {{.*}}; its value in one iteration depends on the earlier iterations
// CHECK: note: in the loop over 'i'
        sum += a[i];
// CHECK: modified_carried.c:[[@LINE-1]]:9: error: variable 'sum' {{.*}} without a clause; add 'reduction(+:sum)' to the pragma
// CHECK: note: in the loop over 'i'
        if (a[i] > hi)
            hi = a[i];
// CHECK: modified_carried.c:[[@LINE-1]]:13: error: variable 'hi' {{.*}} without a clause; add 'reduction(max:hi)' to the pragma
// CHECK: note: in the loop over 'i'
    }
    return next + count + prev + maybe + passed + sum + hi;
}
