// schedule(runtime) takes its schedule from MPLOOP_SCHEDULE; loops with an
// explicit schedule ignore the variable.
//
// RUN: env MPLOOP_SCHEDULE=dynamic,4 %exec-check %s %t.dyn
// RUN: FileCheck %s --check-prefixes=W,DYN -DN=3 --implicit-check-not=mploop: < %t.dyn.log.3
// RUN: FileCheck %s --check-prefixes=W,DYN -DN=2 --implicit-check-not=mploop: < %t.dyn.log.2
// RUN: env MPLOOP_SCHEDULE=guided %exec-check %s %t.guided
// RUN: FileCheck %s --check-prefixes=W,GUIDED -DN=3 --implicit-check-not=mploop: < %t.guided.log.3
// RUN: env MPLOOP_SCHEDULE=static,7 %exec-check %s %t.static
// RUN: FileCheck %s --check-prefixes=W,STATIC -DN=4 --implicit-check-not=mploop: < %t.static.log.4
// RUN: env -u MPLOOP_SCHEDULE %exec-check %s %t.unset
// RUN: FileCheck %s --check-prefixes=W,UNSET -DN=3 --implicit-check-not=mploop: < %t.unset.log.3

#include <stdio.h>

static int work(int i)
{
    unsigned x = (unsigned)i;
    for (int k = 0; k < (i % 37) * 10; k++)
        x = (x * 1103515245u + 12345u) & 0x7fffffffu;
    return (int)(x % 1000);
}

int main(void)
{
    enum { n = 1500 };
    static int a[n];
    long sum = 0;

    // DYN: mploop: {{.*}}schedule_runtime.c:[[@LINE+5]]: 1500 iterations on [[N]] workers, schedule dynamic,4{{$}}
    // GUIDED: mploop: {{.*}}schedule_runtime.c:[[@LINE+4]]: 1500 iterations on [[N]] workers, schedule guided{{(,1)?$}}
    // STATIC: mploop: {{.*}}schedule_runtime.c:[[@LINE+3]]: 1500 iterations on [[N]] workers, schedule static,7{{$}}
    // UNSET: mploop: {{.*}}schedule_runtime.c:[[@LINE+2]]: 1500 iterations on [[N]] workers, schedule {{static|dynamic|guided}}
#pragma mploop for schedule(runtime) reduction(+: sum)
    for (int i = 0; i < n; i++) {
        a[i] = work(i);
        sum += a[i];
    }
    printf("runtime: sum=%ld a[7]=%d a[1499]=%d\n", sum, a[7], a[1499]);

    sum = 0;
    // W: mploop: {{.*}}schedule_runtime.c:[[@LINE+2]]: 1500 iterations on [[N]] workers, schedule static,25{{$}}
#pragma mploop for schedule(static, 25) reduction(+: sum)
    for (int i = 0; i < n; i++) {
        a[i] += i % 3;
        sum += a[i];
    }
    printf("static,25: sum=%ld a[7]=%d a[1499]=%d\n", sum, a[7], a[1499]);
    return 0;
}
