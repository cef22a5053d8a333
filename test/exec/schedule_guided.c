// schedule(guided) without and with a minimum chunk: chunk sizes shrink as
// the loop progresses; every iteration runs exactly once.
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
    for (int k = 0; k < (i % 61) * 10; k++)
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
    enum { n = 3001 };
    static int a[n];
    static unsigned char hits[n];
    long sum = 0;

    // W: mploop: {{.*}}schedule_guided.c:[[@LINE+3]]: 3001 iterations on [[N]] workers, schedule guided{{(,1)?$}}
    // ONE: mploop: {{.*}}schedule_guided.c:[[@LINE+2]]: 3001 iterations in-process (one worker)
#pragma mploop for schedule(guided) reduction(+: sum)
    for (int i = 0; i < n; i++) {
        a[i] = work(i);
        hits[i] += 1;
        sum += a[i];
    }
    show("guided", a, n, sum);

    sum = 0;
    // W: mploop: {{.*}}schedule_guided.c:[[@LINE+3]]: 3001 iterations on [[N]] workers, schedule guided,5{{$}}
    // ONE: mploop: {{.*}}schedule_guided.c:[[@LINE+2]]: 3001 iterations in-process (one worker)
#pragma mploop for schedule(guided, 5) reduction(+: sum)
    for (int i = 0; i < n; i++) {
        a[i] += work(i * 7);
        hits[i] += 2;
        sum += a[i];
    }
    show("guided,5", a, n, sum);

    int bad = 0;
    for (int k = 0; k < n; k++)
        bad += hits[k] != 3;
    printf("iterations not run exactly once per loop: %d\n", bad);
    return 0;
}
