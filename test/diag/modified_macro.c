// Modifications hidden in macros are still refused: whether an expression
// modifies a variable is read from the AST, not from the text.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

#define INC(c) c++
#define SET(v, x) ((v) = (x))
#define BUMP count += 2

int f(const int *a, int n)
{
    int count = 0, seen = 0;
#pragma mploop for
    for (int i = 0; i < n; i++) {
        INC(count);
// CHECK: modified_macro.c:[[@LINE-1]]:9: error: variable 'count' {{.*}}; add 'reduction(+:count)' to the pragma
        SET(seen, a[i]);
// CHECK: modified_macro.c:[[@LINE-1]]:9: error: variable 'seen' {{.*}}; add 'private(seen)' if every iteration sets it before using it, or 'lastprivate(seen)' to keep the last iteration's value
        BUMP;
// CHECK: modified_macro.c:[[@LINE-1]]:9: error: variable 'count' {{.*}}; add a 'reduction' clause with the operator that combines the updates, e.g. 'reduction(+:count)'
    }
    return count + seen;
}
