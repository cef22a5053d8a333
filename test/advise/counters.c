// Updates that read their own value are no reductions, whatever operator
// writes them: `s += s + a[i]` and `s = s + s * 2` double s, so the loop is
// blocked (the advisor suggested reduction(+:s) for them).  A counter whose
// incremented value is read (`out[next++] = v`) is carried, and the verdict
// says how shared() and an atomic capture hand its values out instead; a
// counter only incremented stays a reduction.
//
// RUN: %mploop --suggest %s > %t.out
// RUN: FileCheck %s --match-full-lines --implicit-check-not={{.}} < %t.out

long doubled(const int *a, int n)
{
    long s = 0;
// CHECK: {{.*}}counters.c:[[@LINE+1]]:5: blocked: 's' is updated from its own value by an operation no reduction combines: each value depends on the earlier iterations
    for (int i = 0; i < n; i++)
        s += s + a[i];
    return s;
}

long tripled(int n)
{
    long s = 1;
// CHECK: {{.*}}counters.c:[[@LINE+1]]:5: blocked: 's' is updated from its own value by an operation no reduction combines: each value depends on the earlier iterations
    for (int i = 0; i < n; i++)
        s = s + s * 2;
    return s;
}

long horner(const int *a, int n)
{
    long s = 0;
// CHECK: {{.*}}counters.c:[[@LINE+1]]:5: blocked: 's' is updated from its own value by an operation no reduction combines: each value depends on the earlier iterations
    for (int i = 0; i < n; i++)
        s = s * 2 + a[i];
    return s;
}

int compact(int *restrict out, const int *restrict a, int n)
{
    int next = 0;
// CHECK: {{.*}}counters.c:[[@LINE+1]]:5: blocked: 'next' carries a value from one iteration to the next: the value the earlier iterations left in it is used at line [[@LINE+1]]; to hand its values out across workers instead (in another order than the sequential loop's), add shared(next) and take each one with '#pragma mploop atomic capture' (v = next++;)
    for (int i = 0; i < n; i++) out[next++] = a[i];
    return next;
}

int counted(const int *a, int n)
{
    int count = 0;
// CHECK: {{.*}}counters.c:[[@LINE+1]]:5: parallel: #pragma mploop for reduction(+:count)
    for (int i = 0; i < n; i++)
        if (a[i] > 0)
            count++;
    return count;
}
