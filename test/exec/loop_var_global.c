// Loop variables that live outside the enclosing function: a global and a
// static local.  After the loop they hold their sequential final values, and
// the iterations used the right values.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// OUT: global: gi=150
// OUT: static: si=0

#include <stdio.h>

int gi = -1;
static long out[300];

int main(void)
{
    static int si = 99;

    // W: mploop: {{.*}}loop_var_global.c:[[@LINE+2]]: 150 iterations on [[N]] workers
#pragma mploop for
    for (gi = 0; gi < 150; gi++)
        out[gi] = gi * 11L;
    printf("global: gi=%d\n", gi);

    // W: mploop: {{.*}}loop_var_global.c:[[@LINE+2]]: 49 iterations on [[N]] workers
#pragma mploop for
    for (si = 147; si > 0; si -= 3)
        out[si + 150] = -si;
    printf("static: si=%d\n", si);

    long sum = 0;
    for (int k = 0; k < 300; k++)
        sum += out[k] * (k + 1);
    printf("sum=%ld\n", sum);
    return 0;
}
