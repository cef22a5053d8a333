// A scalar of an enclosing scope incremented or added to in the body is
// refused, and the diagnostic names the reduction to add.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

int count_hits(const int *a, int n)
{
    int count = 0;
    long sum = 0;
    double weight = 0;
#pragma mploop for
    for (int i = 0; i < n; i++) {
        count++;
// CHECK: modified_add.c:[[@LINE-1]]:9: error: variable 'count' declared outside the parallel loop is modified in its body without a clause; add 'reduction(+:count)' to the pragma
// CHECK-NEXT: {{^        count\+\+;$}}
// CHECK-NEXT: {{^        \^$}}
// CHECK-NEXT: modified_add.c:12:5: note: in the loop over 'i' annotated with '#pragma mploop for'
        ++count;
// CHECK: modified_add.c:[[@LINE-1]]:9: error: variable 'count' {{.*}}; add 'reduction(+:count)' to the pragma
        sum += a[i];
// CHECK: modified_add.c:[[@LINE-1]]:9: error: variable 'sum' {{.*}}; add 'reduction(+:sum)' to the pragma
        if (a[i] > 0) weight += 0.5;
// CHECK: modified_add.c:[[@LINE-1]]:23: error: variable 'weight' {{.*}}; add 'reduction(+:weight)' to the pragma
    }
    return count + (int)sum + (int)weight;
}
