// A plain assignment that updates a scalar from its own value is a
// reduction, not a value each iteration sets: the diagnostic names the
// reduction (`x = x op e`, `x = e op x` for commutative op, `x = x - e`,
// the conditional forms of min and max, and an assignment guarded by an
// `if` that compares the variable, as in `if (a[i] > m) m = a[i];`) instead
// of private/lastprivate, which would give a wrong result.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

int f(const int *a, int n)
{
    int prod = 1, flags = 0, hi = 0, lo = 100, sub = 0, odd = 0, last = 0;
    int top = 0, bottom = 0, seen = 0;
    double best = 0, s = 0;
    _Bool all = 1;
#pragma mploop for
    for (int i = 0; i < n; i++) {
        prod = prod * a[i];
// CHECK: modified_assign_update.c:[[@LINE-1]]:9: error: variable 'prod' {{.*}} without a clause; add 'reduction(*:prod)' to the pragma
        flags = a[i] | flags;
// CHECK: modified_assign_update.c:[[@LINE-1]]:9: error: variable 'flags' {{.*}}; add 'reduction(|:flags)' to the pragma
        best = best > a[i] ? best : a[i];
// CHECK: modified_assign_update.c:[[@LINE-1]]:9: error: variable 'best' {{.*}}; add 'reduction(max:best)' to the pragma
        hi = a[i] > hi ? a[i] : hi;
// CHECK: modified_assign_update.c:[[@LINE-1]]:9: error: variable 'hi' {{.*}}; add 'reduction(max:hi)' to the pragma
        lo = (lo < a[i]) ? lo : a[i];
// CHECK: modified_assign_update.c:[[@LINE-1]]:9: error: variable 'lo' {{.*}}; add 'reduction(min:lo)' to the pragma
        sub = sub - a[i];
// CHECK: modified_assign_update.c:[[@LINE-1]]:9: error: variable 'sub' {{.*}}; add 'reduction(-:sub)' to the pragma
        s = (s + a[i] / 2.0);
// CHECK: modified_assign_update.c:[[@LINE-1]]:9: error: variable 's' {{.*}}; add 'reduction(+:s)' to the pragma
        all = all && a[i];
// CHECK: modified_assign_update.c:[[@LINE-1]]:9: error: variable 'all' {{.*}}; add 'reduction(&&:all)' to the pragma
        odd = a[i] - odd;
// CHECK: modified_assign_update.c:[[@LINE-1]]:9: error: variable 'odd' {{.*}} without a clause; it is updated from its own value: add a 'reduction' clause with the operator that combines the updates, e.g. 'reduction(+:odd)'
        last = a[i] * 2;
// CHECK: modified_assign_update.c:[[@LINE-1]]:9: error: variable 'last' {{.*}}; add 'private(last)' if every iteration sets it before using it, or 'lastprivate(last)' to keep the last iteration's value
        if (a[i] > top)
            top = a[i];
// CHECK: modified_assign_update.c:[[@LINE-1]]:13: error: variable 'top' {{.*}}; add 'reduction(max:top)' to the pragma
        if (bottom >= a[i]) {
            bottom = a[i];
// CHECK: modified_assign_update.c:[[@LINE-1]]:13: error: variable 'bottom' {{.*}}; add 'reduction(min:bottom)' to the pragma
        }
        if (a[i] > 5)
            seen = i;
// CHECK: modified_assign_update.c:[[@LINE-1]]:13: error: variable 'seen' {{.*}}; add 'private(seen)' if every iteration sets it before using it, or 'lastprivate(seen)' to keep the last iteration's value
    }
    return prod + flags + (int)best + hi + lo + sub + (int)s + all + odd + last + top + bottom +
           seen;
}
