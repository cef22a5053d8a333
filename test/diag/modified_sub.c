// Decrements and `-=` suggest a `-` reduction.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

int f(const int *a, int n)
{
    int left = n;
    unsigned budget = 100;
#pragma mploop for
    for (int i = 0; i < n; i++) {
        left--;
// CHECK: modified_sub.c:[[@LINE-1]]:9: error: variable 'left' declared outside the parallel loop is modified in its body without a clause; add 'reduction(-:left)' to the pragma
        --left;
// CHECK: modified_sub.c:[[@LINE-1]]:9: error: variable 'left' {{.*}}; add 'reduction(-:left)' to the pragma
        budget -= (unsigned)a[i];
// CHECK: modified_sub.c:[[@LINE-1]]:9: error: variable 'budget' {{.*}}; add 'reduction(-:budget)' to the pragma
    }
    return left + (int)budget;
}
