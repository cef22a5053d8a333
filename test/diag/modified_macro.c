// Modifications hidden in macros are still refused: whether an expression
// modifies a variable is read from the AST, not from the text.  The
// suggested clause comes from the operator in the macro's definition when it
// has only one kind of update.  A variable set before it is updated (SET then
// DEC) is private: one error, at the first modification.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

#define INC(c) c++
#define SET(v, x) ((v) = (x))
#define BUMP count += 2
#define DEC(c) ((c)--)
#define MIX(v, x) ((v) ^= (x), (v) += (x))

int f(const int *a, int n)
{
    int count = 0, seen = 0, left = n;
#pragma mploop for
    for (int i = 0; i < n; i++) {
        INC(count);
// CHECK: modified_macro.c:[[@LINE-1]]:9: error: variable 'count' {{.*}}; add 'reduction(+:count)' to the pragma
        SET(seen, a[i]);
// CHECK: modified_macro.c:[[@LINE-1]]:9: error: variable 'seen' {{.*}}; add 'private(seen)' if every iteration sets it before using it, or 'lastprivate(seen)' to keep the last iteration's value
        BUMP;
// CHECK: modified_macro.c:[[@LINE-1]]:9: error: variable 'count' {{.*}}; add 'reduction(+:count)' to the pragma
        DEC(seen);
        DEC(left);
// CHECK: modified_macro.c:[[@LINE-1]]:9: error: variable 'left' {{.*}}; add 'reduction(-:left)' to the pragma
        MIX(count, 3);
// One error for each of the two updates the macro makes:
// CHECK: modified_macro.c:[[@LINE-2]]:9: error: variable 'count' {{.*}}; add a 'reduction' clause with the operator that combines the updates, e.g. 'reduction(+:count)'
// CHECK: modified_macro.c:[[@LINE-3]]:9: error: variable 'count' {{.*}}; add a 'reduction' clause with the operator that combines the updates, e.g. 'reduction(+:count)'
    }
    return count + seen + left;
}
