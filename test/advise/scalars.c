// mploop --suggest gives every for statement of the file a verdict, in
// source order, nested loops and annotated ones included: the clauses the
// scalars need (each reduction operator, private, lastprivate, scratch
// arrays), blocked for a scalar carried from one iteration to the next or
// updated in a way no reduction combines, unknown with the rewriter's own
// reason for a loop it would refuse.  The exit status is 0.
//
// RUN: %mploop --suggest %s -- -I%S > %t.out
// RUN: FileCheck %s --match-full-lines --implicit-check-not={{.}} < %t.out

#include <math.h>

double g_last;

double reductions(const double *a, const int *b, int n)
{
    double sum = 0, prod = 1, hi = -1e300, lo = 1e300, dif = 0, lhi = -1e300;
    int any = 0, all = 1, mask = -1, bits = 0, x = 0, count = 0;
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:5: parallel: #pragma mploop for reduction(+:sum, count, dif) reduction(*:prod) reduction(max:hi, lhi) reduction(min:lo) reduction(||:any) reduction(&&:all) reduction(&:mask) reduction(|:bits) reduction(^:x)
    for (int i = 0; i < n; i++) {
        sum += a[i];
        count++;
        dif -= a[i];
        dif = dif + 1;
        prod = prod * a[i];
        hi = hi > a[i] ? hi : a[i];
        if (a[i] < lo)
            lo = a[i];
        lhi = fmax(lhi, a[i]);
        lo = fmin(a[i], lo);
        any = any || b[i] > 3;
        all = all && b[i] > 0;
        mask &= b[i];
        bits |= b[i];
        x ^= b[i];
    }
    return sum + prod + hi + lo + dif + lhi + any + all + mask + bits + x + count;
}

void privates(double *restrict out, const double *restrict a, int n, int m)
{
    double t, w, keep;
    int j;
    double tmp[8];
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:5: parallel: #pragma mploop for private(t, j, tmp) lastprivate(keep)
    for (int i = 0; i < n; i++) {
        t = a[i] * 2;
        for (j = 0; j < 8; j++)
// CHECK: {{.*}}scalars.c:[[@LINE-1]]:9: parallel (inside the loop at line [[@LINE-3]]): #pragma mploop for
            tmp[j] = t + j;
        keep = tmp[0] + tmp[7];
        out[i] = keep;
    }
    out[0] += keep;
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:5: parallel: #pragma mploop for lastprivate(g_last)
    for (int i = 0; i < n; i++) {
        g_last = a[i];
        out[i] = g_last * 2;
    }
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:5: unknown: 'w' is set by some iterations only and its value may be read after the loop: lastprivate would keep the last iteration's value, not the sequential one
    for (int i = 0; i < n; i++) {
        if (a[i] > 0)
            w = a[i];
        out[i] = a[i];
    }
    out[1] = w;
}

void counters(double (*restrict a)[50][50], double (*restrict b)[50][50], int steps)
{
    int t, i, j, k;
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:5: blocked: loop-carried {{flow|output}} dependence: {{.+}}
    for (t = 0; t < steps; t++) {
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:9: parallel: #pragma mploop for private(j, k)
        for (i = 1; i < 49; i++)
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:13: parallel (inside the loop at line [[@LINE-1]]): #pragma mploop for private(k)
            for (j = 1; j < 49; j++)
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:17: parallel (inside the loop at line [[@LINE-3]]): #pragma mploop for
                for (k = 1; k < 49; k++)
                    b[i][j][k] = a[i - 1][j][k] + a[i + 1][j][k];
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:9: parallel: #pragma mploop for private(j, k)
        for (i = 1; i < 49; i++)
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:13: parallel (inside the loop at line [[@LINE-1]]): #pragma mploop for private(k)
            for (j = 1; j < 49; j++)
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:17: parallel (inside the loop at line [[@LINE-3]]): #pragma mploop for
                for (k = 1; k < 49; k++)
                    a[i][j][k] = b[i][j - 1][k] + b[i][j][k + 1];
    }
}

void blocked(double *restrict out, const double *restrict a, int n)
{
    double prev = 0, y = 1, z = 0;
    int next = 0;
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:5: blocked: 'prev' carries a value from one iteration to the next: the value the earlier iterations left in it is used at line [[@LINE+2]]
    for (int i = 0; i < n; i++) {
        out[i] = a[i] - prev;
        prev = a[i];
    }
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:5: blocked: 'next' carries a value from one iteration to the next: the value the earlier iterations left in it is used at line [[@LINE+3]]; to hand its values out across workers instead (in another order than the sequential loop's), add shared(next) and take each one with '#pragma mploop atomic capture' (v = next++;)
    for (int i = 0; i < n; i++)
        if (a[i] > 0)
            out[next++] = a[i];
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:5: blocked: 'y' is updated from its own value by an operation no reduction combines: each value depends on the earlier iterations
    for (int i = 0; i < n; i++)
        y = y / 2 + a[i];
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:5: blocked: 'z' is updated with different operators: no one reduction combines its updates, and each depends on the earlier ones
    for (int i = 0; i < n; i++) {
        z += a[i];
        z *= 0.5;
    }
    out[0] = y + z;
}

int refused(double *restrict out, const double *restrict a, int n)
{
    int k = 0;
    double s = 0;
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:5: unknown: loop init must have the form 'v = lb' or 'T v = lb'
    for (; k < n; k++)
        out[k] = a[k];
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:5: unknown: loop test must compare the loop variable 'i' with <, <=, >, >= or !=
    for (int i = 0; a[i] > 0; i++)
        out[i] = 1;
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:5: unknown: 'break' would leave the parallel loop; iterations run in separate processes and cannot stop the others
    for (int i = 0; i < n; i++) {
        if (a[i] < 0)
            break;
        out[i] = a[i];
    }
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:5: unknown: 'return' is not allowed in the body of a parallel loop
    for (int i = 0; i < n; i++)
        if (a[i] < 0)
            return i;
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:5: unknown: the address of 's' is taken in the body: what is done with it through the pointer cannot be followed
    for (int i = 0; i < n; i++) {
        double *p = &s;
        out[i] = *p;
    }
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:5: unknown: loop variable 'i' is modified in the body; the iterations of a parallel loop are fixed before it starts
    for (int i = 0; i < n; i++)
        out[i++] = 0;
    return (int)s;
}

void small_and_annotated(double *out, double (*m)[8], int n)
{
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:5: parallel (not worth a process: 8 iterations, no loop or call inside): #pragma mploop for
    for (int i = 0; i < 8; i++)
        out[i] = 0;
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:5: parallel: #pragma mploop for
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++)
// CHECK: {{.*}}scalars.c:[[@LINE-1]]:9: parallel (inside the loop at line [[@LINE-2]]): #pragma mploop for
            m[i][j] = i + j;
#pragma mploop for schedule(static)
// CHECK: {{.*}}scalars.c:[[@LINE+1]]:5: parallel (annotated already): #pragma mploop for
    for (int i = 0; i < n; i++)
        for (int j = 0; j < 8; j++)
// CHECK: {{.*}}scalars.c:[[@LINE-1]]:9: parallel (inside the annotated loop at line [[@LINE-2]]): #pragma mploop for
            m[i][j] = i * j;
}
