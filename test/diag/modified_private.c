// A scalar declared outside the loop that every iteration assigns before it
// reads it is private, whatever else the body does with it afterwards: the
// diagnostic suggests only 'private' (or declaring it in the body), once per
// variable, at its first modification, and never a reduction for the
// updates that follow the assignment (`for (j = 0; ...; j++)`, `w = ...;
// w -= ...;`).  Paths are followed: both branches of an `if`, every `case`
// of a `switch` with a `default`, a `while` after its counter is set.  When
// the code after the loop may read the value (it is read there before it is
// assigned on some path, or the variable is global or static), 'lastprivate'
// is named too.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

int total;

double lu_row(double a[16][16], double *x, int *b, int n)
{
    int j, k, t, v, q, kept = 0, maybe = 0;
    double w;
#pragma mploop for
    for (int i = 0; i < n; i++) {
        for (j = 0; j < n; j++)
// CHECK: modified_private.c:[[@LINE-1]]:14: error: variable 'j' declared outside the parallel loop is modified in its body without a clause; no iteration reads a value an earlier iteration left in it: add 'private(j)' to the pragma or declare it inside the loop body
// CHECK-NEXT: {{^        for \(j = 0; j < n; j\+\+\)$}}
// CHECK-NEXT: {{^             \^$}}
// CHECK-NEXT: modified_private.c:21:5: note: in the loop over 'i' annotated with '#pragma mploop for'
            x[i] += a[i][j];
        w = a[i][i];
// CHECK: modified_private.c:[[@LINE-1]]:9: error: variable 'w' {{.*}} without a clause; no iteration reads a value an earlier iteration left in it: add 'private(w)' to the pragma or declare it inside the loop body
        for (int m = 0; m < i; m++)
            w -= a[i][m] * x[m];
        x[i] = w / a[i][i];
        k = 0;
// CHECK: modified_private.c:[[@LINE-1]]:9: error: variable 'k' {{.*}}; no iteration reads a value an earlier iteration left in it: add 'private(k)'
        while (k < n) {
            b[k] += i;
            k++;
        }
        if (i % 2)
            t = 1;
// CHECK: modified_private.c:[[@LINE-1]]:13: error: variable 't' {{.*}}; no iteration reads a value an earlier iteration left in it: add 'private(t)'
        else
            t = 2;
        b[i] = t;
        switch (i % 3) {
        case 0: v = 1; break;
// CHECK: modified_private.c:[[@LINE-1]]:17: error: variable 'v' {{.*}}; no iteration reads a value an earlier iteration left in it: add 'private(v)'
        case 1: v = 2; break;
        default: v = 3;
        }
        b[i] += v;
        q = i;
// CHECK: modified_private.c:[[@LINE-1]]:9: error: variable 'q' {{.*}}; no iteration reads a value an earlier iteration left in it: add 'private(q)'
        q *= 2;
        b[i] += q;
        kept = i * 2;
// CHECK: modified_private.c:[[@LINE-1]]:9: error: variable 'kept' {{.*}}; add 'private(kept)' if every iteration sets it before using it, or 'lastprivate(kept)' to keep the last iteration's value
        kept += b[i];
        total = b[i];
// CHECK: modified_private.c:[[@LINE-1]]:9: error: variable 'total' {{.*}}; add 'private(total)' if every iteration sets it before using it, or 'lastprivate(total)' to keep the last iteration's value
        total--;
        maybe = b[i];
// CHECK: modified_private.c:[[@LINE-1]]:9: error: variable 'maybe' {{.*}}; add 'private(maybe)' if every iteration sets it before using it, or 'lastprivate(maybe)' to keep the last iteration's value
        b[i] = maybe * 2;
    }
    /* j and w are set again before they are read: their values after the
     * loop do not matter */
    for (j = 0; j < n; j++)
        x[j] = 0;
    w = 0;
    if (n > 3)
        maybe = 0;
    return w + kept + maybe;
}
