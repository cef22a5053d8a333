// if(expr): a true condition runs the loop on workers, a false one runs it
// in-process without forking; the result is the same either way.  The
// condition is evaluated once, in the parent, before the loop.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: FileCheck %s --check-prefix=ONE --implicit-check-not=mploop: < %t.log.1

#include <stdio.h>

static int big_enough(int n)
{
    return n >= 500;
}

static void show(const char *what, const int *a, int n, long sum)
{
    unsigned long h = 0;
    for (int k = 0; k < n; k++)
        h = h * 131 + (unsigned)a[k];
    printf("%s: sum=%ld hash=%lu\n", what, sum, h);
}

int main(int argc, char **argv)
{
    (void)argv;
    enum { n = 1000 };
    static int a[n];
    long sum = 0;
    int flag = argc > 5;

    // W: mploop: {{.*}}clause_if.c:[[@LINE+3]]: 1000 iterations on [[N]] workers, schedule auto
    // ONE: mploop: {{.*}}clause_if.c:[[@LINE+2]]: 1000 iterations in-process (one worker)
#pragma mploop for if(n > 100) reduction(+: sum)
    for (int i = 0; i < n; i++) {
        a[i] = i * 3 + 1;
        sum += a[i];
    }
    show("n > 100", a, n, sum);

    sum = 0;
    // W: mploop: {{.*}}clause_if.c:[[@LINE+3]]: 1000 iterations in-process (if clause false)
    // ONE: mploop: {{.*}}clause_if.c:[[@LINE+2]]: 1000 iterations in-process ({{if clause false|one worker}})
#pragma mploop for if(n < 100) reduction(+: sum)
    for (int i = 0; i < n; i++) {
        a[i] += 5;
        sum += a[i];
    }
    show("n < 100", a, n, sum);

    sum = 0;
    // W: mploop: {{.*}}clause_if.c:[[@LINE+3]]: 1000 iterations in-process (if clause false)
    // ONE: mploop: {{.*}}clause_if.c:[[@LINE+2]]: 1000 iterations in-process ({{if clause false|one worker}})
#pragma mploop for reduction(+: sum) if(0)
    for (int i = 0; i < n; i++) {
        a[i] -= 2;
        sum += a[i] % 7;
    }
    show("if(0)", a, n, sum);

    sum = 0;
    // W: mploop: {{.*}}clause_if.c:[[@LINE+3]]: 1000 iterations in-process (if clause false)
    // ONE: mploop: {{.*}}clause_if.c:[[@LINE+2]]: 1000 iterations in-process ({{if clause false|one worker}})
#pragma mploop for if(flag) schedule(dynamic) reduction(+: sum)
    for (int i = 0; i < n; i++) {
        a[i] *= 2;
        sum += a[i] % 13;
    }
    show("if(flag)", a, n, sum);

    sum = 0;
    // W: mploop: {{.*}}clause_if.c:[[@LINE+3]]: 1000 iterations on 2 workers, schedule auto
    // ONE: mploop: {{.*}}clause_if.c:[[@LINE+2]]: 1000 iterations on 2 workers, schedule auto
#pragma mploop for if(big_enough(n)) num_workers(2) reduction(+: sum)
    for (int i = 0; i < n; i++) {
        a[i] += i;
        sum += a[i];
    }
    show("call", a, n, sum);
    return 0;
}
