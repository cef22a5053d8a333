// A longjmp from a loop body (through a called function, where the rewriter
// cannot see it) to a setjmp made before the loop would leave the loop in a
// worker and run the rest of the program there.  It fails the iteration
// instead, with a report, and the program's tail runs once, in the parent:
// the program ends with status 1 (exit policy), continues after the loop
// (return), or reruns the loop in-process, where the jump happens as in the
// sequential program (serial).  A setjmp and longjmp both within one
// iteration work as in the sequential program.
//
// RUN: %cc -O2 -w %s -o %t.seq
// RUN: %mploop-cc -O2 -w %s -o %t.par
// RUN: %t.seq inside > %t.inside.seq
// RUN: env MPLOOP_WORKERS=3 %t.par inside > %t.inside.par
// RUN: cmp %t.inside.seq %t.inside.par
// RUN: env MPLOOP_WORKERS=2 not %t.par out > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=OUT < %t.out
// RUN: FileCheck %s --check-prefix=REPORT < %t.err
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ON_ERROR=return %t.par out 2> /dev/null | FileCheck %s --check-prefix=RETURN
// RUN: not %t.seq out > %t.serial.seq
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ON_ERROR=serial not %t.par out > %t.serial.par 2> /dev/null
// RUN: cmp %t.serial.seq %t.serial.par
// RUN: env MPLOOP_WORKERS=2 MPLOOP_CHECK=1 not %t.par out 2>&1 | FileCheck %s --check-prefix=REPORT
//
// OUT: before the loop
// OUT-NOT: {{recovered|tail}}
// REPORT: mploop: error: {{.*}}longjmp.c:[[@LINE+37]]: iteration i = 37 failed: longjmp to a setjmp made before the loop: the rest of the program cannot run in a worker; return from the body (e.g. with an error flag) or call mploop_fail instead
// RETURN: before the loop
// RETURN-NEXT: tail ran: 0
// RETURN-NOT: recovered

#include <setjmp.h>
#include <stdio.h>
#include <string.h>

static jmp_buf outside;
static int done[100];

static void check(int i)
{
    if (i == 37)
        longjmp(outside, 1);
}

static int attempt(int i)
{
    jmp_buf here;
    if (setjmp(here))
        return -i;
    if (i % 5 == 0)
        longjmp(here, 1);
    return i;
}

int main(int argc, char **argv)
{
    int out = argc > 1 && !strcmp(argv[1], "out");
    printf("before the loop\n");
    if (setjmp(outside)) {
        printf("recovered\n");
        return 3;
    }
#pragma mploop for
    for (int i = 0; i < 100; i++) {
        if (out)
            check(i);
        done[i] = attempt(i);
    }
    long sum = 0;
    for (int i = 0; i < 100; i++)
        sum += done[i];
    printf("tail ran: %ld\n", sum);
    return 0;
}
