// num_workers(expr): the clause sets the worker count of its loop whatever
// MPLOOP_WORKERS says; the expression is evaluated in the parent before the
// loop.  num_workers(1) runs the loop in-process.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=NW --implicit-check-not=mploop: < %t.log.1
// RUN: FileCheck %s --check-prefix=NW --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=NW --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=NW --implicit-check-not=mploop: < %t.log.4

#include <stdio.h>

static int workers_for(int n)
{
    return n / 100;
}

static void show(const char *what, const int *a, int n, long sum)
{
    unsigned long h = 0;
    for (int k = 0; k < n; k++)
        h = h * 131 + (unsigned)a[k];
    printf("%s: sum=%ld hash=%lu\n", what, sum, h);
}

int main(void)
{
    enum { n = 300 };
    int a[n] = { 0 };
    int w = 3;
    long sum = 0;

    // NW: mploop: {{.*}}clause_num_workers.c:[[@LINE+2]]: 300 iterations on 2 workers, schedule auto
#pragma mploop for num_workers(2) reduction(+: sum)
    for (int i = 0; i < n; i++) {
        a[i] = i * 7;
        sum += i;
    }
    show("two", a, n, sum);

    sum = 0;
    // NW: mploop: {{.*}}clause_num_workers.c:[[@LINE+2]]: 300 iterations on 3 workers, schedule auto
#pragma mploop for num_workers(w) reduction(+: sum)
    for (int i = 0; i < n; i++) {
        a[i] += i;
        sum += a[i];
    }
    show("w", a, n, sum);

    sum = 0;
    // NW: mploop: {{.*}}clause_num_workers.c:[[@LINE+2]]: 300 iterations on 4 workers, schedule dynamic,10
#pragma mploop for num_workers(w + 1) schedule(dynamic, 10) reduction(+: sum)
    for (int i = 0; i < n; i++) {
        a[i] -= 3;
        sum += a[i] % 11;
    }
    show("w+1", a, n, sum);

    sum = 0;
    // NW: mploop: {{.*}}clause_num_workers.c:[[@LINE+2]]: 300 iterations on 3 workers, schedule auto
#pragma mploop for reduction(+: sum) num_workers(workers_for(n))
    for (int i = 0; i < n; i++) {
        a[i] *= 2;
        sum += a[i];
    }
    show("call", a, n, sum);

    sum = 0;
    // NW: mploop: {{.*}}clause_num_workers.c:[[@LINE+2]]: 300 iterations in-process (one worker)
#pragma mploop for num_workers(1) reduction(+: sum)
    for (int i = 0; i < n; i++) {
        a[i] += 1;
        sum += a[i];
    }
    show("one", a, n, sum);
    return 0;
}
