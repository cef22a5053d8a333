// schedule(static) without a chunk (one contiguous block per worker) and
// with chunks of several sizes, including chunks of one and a chunk larger
// than the whole loop.  Iterations cost different amounts of work.
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
    for (int k = 0; k < i % 50; k++)
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
    enum { n = 1000 };
    static int a[n];
    long sum = 0;
    int chunk = 3;

    // W: mploop: {{.*}}schedule_static.c:[[@LINE+3]]: 1000 iterations on [[N]] workers, schedule static
    // ONE: mploop: {{.*}}schedule_static.c:[[@LINE+2]]: 1000 iterations in-process (one worker)
#pragma mploop for schedule(static) reduction(+: sum)
    for (int i = 0; i < n; i++) {
        a[i] = work(i);
        sum += a[i];
    }
    show("static", a, n, sum);

    sum = 0;
    // W: mploop: {{.*}}schedule_static.c:[[@LINE+3]]: 1000 iterations on [[N]] workers, schedule static,3{{$}}
    // ONE: mploop: {{.*}}schedule_static.c:[[@LINE+2]]: 1000 iterations in-process (one worker)
#pragma mploop for schedule(static, chunk) reduction(+: sum)
    for (int i = 0; i < n; i++) {
        a[i] += work(i + 1);
        sum += a[i];
    }
    show("static,3", a, n, sum);

    sum = 0;
    // W: mploop: {{.*}}schedule_static.c:[[@LINE+3]]: 1000 iterations on [[N]] workers, schedule static,1{{$}}
    // ONE: mploop: {{.*}}schedule_static.c:[[@LINE+2]]: 1000 iterations in-process (one worker)
#pragma mploop for schedule(static,1) reduction(+: sum)
    for (int i = 0; i < n; i++) {
        a[i] ^= i;
        sum += a[i];
    }
    show("static,1", a, n, sum);

    /* A chunk larger than the loop: one worker gets everything.  The worker
     * count the runtime reports is then its own business. */
    sum = 0;
    // W: mploop: {{.*}}schedule_static.c:[[@LINE+3]]: 1000 iterations on {{[0-9]+}} workers, schedule static,5000{{$}}
    // ONE: mploop: {{.*}}schedule_static.c:[[@LINE+2]]: 1000 iterations in-process (one worker)
#pragma mploop for schedule(static, 5000) reduction(+: sum)
    for (int i = 0; i < n; i++) {
        a[i] -= 17;
        sum += a[i];
    }
    show("static,5000", a, n, sum);
    return 0;
}
