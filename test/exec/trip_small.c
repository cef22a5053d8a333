// Trip counts 0, 1, 2 and 3: 0 and 1 run in-process without forking; 2 and
// 3 run on workers even when there are fewer iterations than workers (idle
// workers must not disturb anything).  Reductions, lastprivate and array
// writes all come out as in the sequential program.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefixes=CHECK,W2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefixes=CHECK,W3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefixes=CHECK,W4 --implicit-check-not=mploop: < %t.log.4
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// OUT: trip 0: sum=100 last=-1 a=0,0,0,0
// OUT: trip 1: sum=105 last=5 a=11,0,0,0
// OUT: trip 2: sum=115 last=10 a=11,21,0,0
// OUT: trip 3: sum=129 last=15 a=11,21,31,0

#include <stdio.h>

static int a[4];

static void run(int n)
{
    long sum = 100;
    int last = -1;
    // The loop runs once per call, with n = 0, 1, 2, 3 in that order.
    // CHECK: mploop: {{.*}}trip_small.c:[[@LINE+10]]: 0 iterations in-process (trip count 0)
    // CHECK: mploop: {{.*}}trip_small.c:[[@LINE+9]]: 1 iteration{{s?}} in-process (trip count 1)
    // W2: mploop: {{.*}}trip_small.c:[[@LINE+8]]: 2 iterations on 2 workers, schedule auto
    // W3: mploop: {{.*}}trip_small.c:[[@LINE+7]]: 2 iterations on {{[23]}} workers, schedule auto
    // W4: mploop: {{.*}}trip_small.c:[[@LINE+6]]: 2 iterations on {{[24]}} workers, schedule auto
    // W2: mploop: {{.*}}trip_small.c:[[@LINE+5]]: 3 iterations on 2 workers, schedule auto
    // W3: mploop: {{.*}}trip_small.c:[[@LINE+4]]: 3 iterations on 3 workers, schedule auto
    // W4: mploop: {{.*}}trip_small.c:[[@LINE+3]]: 3 iterations on {{[34]}} workers, schedule auto
    // (for keyword below)
#pragma mploop for reduction(+: sum) lastprivate(last)
    for (int i = 1; i <= n; i++) {
        sum += i * 5 - (i == 3);
        last = i * 5;
        a[i - 1] = i * 10 + 1;
    }
    printf("trip %d: sum=%ld last=%d a=%d,%d,%d,%d\n", n, sum, last, a[0], a[1], a[2], a[3]);
}

int main(void)
{
    for (int n = 0; n <= 3; n++)
        run(n);
    return 0;
}
