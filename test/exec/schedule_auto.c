// schedule(auto): each worker runs a contiguous block of the first half
// (the same block from loop to loop, so its pages stay warm), then the rest
// is claimed in shrinking chunks as with guided, which evens out an
// imbalance; results are the sequential program's, and the verbose line
// says auto.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: FileCheck %s --check-prefix=ONE --implicit-check-not=mploop: < %t.log.1

#include <stdio.h>

int main(void)
{
    enum { n = 777 };
    static long a[n];
    long sum = 0;

    // W: mploop: {{.*}}schedule_auto.c:[[@LINE+3]]: 777 iterations on [[N]] workers, schedule auto{{$}}
    // ONE: mploop: {{.*}}schedule_auto.c:[[@LINE+2]]: 777 iterations in-process (one worker)
#pragma mploop for schedule(auto) reduction(+: sum)
    for (int i = 0; i < n; i++) {
        a[i] = (long)i * i % 1009;
        sum += a[i];
    }
    printf("auto: sum=%ld a[0]=%ld a[400]=%ld a[776]=%ld\n", sum, a[0], a[400], a[776]);

    sum = 0;
    long h = 0;
    // W: mploop: {{.*}}schedule_auto.c:[[@LINE+3]]: 777 iterations on [[N]] workers, schedule auto{{$}}
    // ONE: mploop: {{.*}}schedule_auto.c:[[@LINE+2]]: 777 iterations in-process (one worker)
#pragma mploop for schedule(auto) reduction(+: sum) reduction(^: h)
    for (int i = n - 1; i >= 0; i--) {
        a[i] += i;
        sum += a[i];
        h ^= a[i] << (i % 40);
    }
    printf("auto: sum=%ld h=%ld\n", sum, h);
    return 0;
}
