// schedule(dynamic) without a chunk and with a chunk given as a constant and
// as an expression: workers take chunks from a shared counter as they go, so
// iterations of very different cost still give the sequential result.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: FileCheck %s --check-prefix=ONE --implicit-check-not=mploop: < %t.log.1

#include <stdio.h>

static int work(int i)
{
    unsigned x = (unsigned)i;
    for (int k = 0; k < (i % 97) * 20; k++)
        x = (x * 1103515245u + 12345u) & 0x7fffffffu;
    return (int)(x % 1000);
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
    enum { n = 2000 };
    static int a[n];
    long sum = 0;

    // W: mploop: {{.*}}schedule_dynamic.c:[[@LINE+3]]: 2000 iterations on [[N]] workers, schedule dynamic{{(,1)?$}}
    // ONE: mploop: {{.*}}schedule_dynamic.c:[[@LINE+2]]: 2000 iterations in-process (one worker)
#pragma mploop for schedule(dynamic) reduction(+: sum)
    for (int i = 0; i < n; i++) {
        a[i] = work(i);
        sum += a[i];
    }
    show("dynamic", a, n, sum);

    sum = 0;
    // W: mploop: {{.*}}schedule_dynamic.c:[[@LINE+3]]: 2000 iterations on [[N]] workers, schedule dynamic,4{{$}}
    // ONE: mploop: {{.*}}schedule_dynamic.c:[[@LINE+2]]: 2000 iterations in-process (one worker)
#pragma mploop for schedule(dynamic, 4) reduction(+: sum)
    for (int i = 0; i < n; i++) {
        a[i] += work(n - i);
        sum += a[i];
    }
    show("dynamic,4", a, n, sum);

    sum = 0;
    // W: mploop: {{.*}}schedule_dynamic.c:[[@LINE+3]]: 2000 iterations on [[N]] workers, schedule dynamic,150{{$}}
    // ONE: mploop: {{.*}}schedule_dynamic.c:[[@LINE+2]]: 2000 iterations in-process (one worker)
#pragma mploop for schedule(dynamic, n / 40 * 3) reduction(+: sum)
    for (int i = n - 1; i >= 0; i--) {
        a[i] = a[i] * 3 % 1001;
        sum += a[i];
    }
    show("dynamic,150", a, n, sum);
    return 0;
}
