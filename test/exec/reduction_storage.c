// Reduction and lastprivate variables that are not locals of the enclosing
// function: a global, a static local and a function parameter.
// Their combined values are the sequential ones, also when the function runs
// the loop a second time and the global and static values carry over.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// OUT: global=5060 static=-4950 param=1048576 last=396
// OUT: again: global=10010 static=-9900 param=2048

#include <stdio.h>

long g_sum = 110;
int g_last = -1;

static __attribute__((noinline)) void run(long param, int n)
{
    static long s_diff = 0;
    // W: mploop: {{.*}}reduction_storage.c:[[@LINE+3]]: 100 iterations on [[N]] workers, schedule auto
    // W: mploop: {{.*}}reduction_storage.c:[[@LINE+2]]: 100 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(+: g_sum) reduction(-: s_diff) reduction(*: param) lastprivate(g_last)
    for (int i = 0; i < n; i++) {
        g_sum += i;
        s_diff -= i;
        param *= (i % 10 == 9) ? 2 : 1;
        g_last = i * 4;
    }
    printf("%sglobal=%ld static=%ld param=%ld", g_last < 0 ? "?" : "", g_sum, s_diff, param);
    if (param > 2048)
        printf(" last=%d\n", g_last);
    else
        printf("\n");
}

int main(void)
{
    run(1024, 100);
    printf("again: ");
    run(2, 100);
    return 0;
}
