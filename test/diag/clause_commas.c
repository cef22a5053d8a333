// Commas may separate clauses, as in OpenMP, and nothing else: a comma
// before the first clause, two in a row, or one at the end is an error.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

void f(int *a, int n)
{
#pragma mploop for ,,,
// CHECK: clause_commas.c:[[@LINE-1]]:20: error: expected a clause before ',' in '#pragma mploop for'
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for schedule(static),, num_workers(2)
// CHECK: clause_commas.c:[[@LINE-1]]:37: error: expected a clause before ',' in '#pragma mploop for'
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for schedule(static),
// CHECK: clause_commas.c:[[@LINE-1]]:36: error: expected a clause after ',' in '#pragma mploop for'
    for (int i = 0; i < n; i++) a[i] = 0;
#pragma mploop for schedule(static), num_workers(2),if(n > 1)
    for (int i = 0; i < n; i++) a[i] = 0;
}
