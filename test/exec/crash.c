// A worker that dies of SIGSEGV at one iteration: the parent reports the
// loop's file:line, the worker, its pid, the signal and the iteration, the
// program ends with the sequential program's status (killed by SIGSEGV:
// 139 from sh), the code after the loop does not run, and no process of the
// program is left behind (test/fail/Inputs/alone.py finds leftovers by
// process group and orphans, never by name).
//
// RUN: %cc -O2 -w %s -o %t.seq
// RUN: %mploop-cc -O2 -w %s -o %t.par
// RUN: sh -c '%t.seq > %t.seq.out 2> %t.seq.err; echo status=$?' > %t.seq.status
// RUN: FileCheck %s --check-prefix=STATUS < %t.seq.status
//
// RUN: env MPLOOP_WORKERS=3 python3 %mploop-src/test/fail/Inputs/alone.py --report %t.status.3 -- %t.par > %t.out.3 2> %t.err.3
// RUN: FileCheck %s --check-prefixes=STATUS,LEFT < %t.status.3
// RUN: FileCheck %s --check-prefix=ERR < %t.err.3
// RUN: FileCheck %s --check-prefix=OUT < %t.out.3
//
// RUN: env MPLOOP_WORKERS=2 python3 %mploop-src/test/fail/Inputs/alone.py --report %t.status.2 -- %t.par > %t.out.2 2> %t.err.2
// RUN: FileCheck %s --check-prefixes=STATUS,LEFT < %t.status.2
// RUN: FileCheck %s --check-prefix=ERR < %t.err.2
// RUN: FileCheck %s --check-prefix=OUT < %t.out.2
//
// One worker: the loop runs in-process and the program simply dies.
// RUN: env MPLOOP_WORKERS=1 sh -c 'timeout -s KILL 60 %t.par > %t.out.1 2> %t.err.1; echo status=$?' > %t.status.1
// RUN: FileCheck %s --check-prefix=STATUS < %t.status.1
// RUN: FileCheck %s --check-prefix=OUT < %t.out.1
//
// STATUS: {{^}}status=139{{$}}
// LEFT-NEXT: {{^}}none-left{{$}}
// OUT: {{^}}before the loop{{$}}
// OUT-NOT: after the loop

#include <stdio.h>

int main(void)
{
    static int done[100];
    int n = 100;
    printf("before the loop\n");
    fflush(stdout);
    // ERR: mploop: error: {{.*}}crash.c:[[@LINE+3]]: worker {{[0-9]+}} (pid {{[0-9]+}}) killed by SIGSEGV{{.*}} at iteration i = 57
    // ERR-NOT: after the loop
#pragma mploop for
    for (int i = 0; i < n; i++) {
        if (i == 57) {
            int *volatile bad = NULL;
            *bad = i;
        }
        done[i] = 1;
    }
    printf("after the loop\n");
    fprintf(stderr, "after the loop\n");
    return done[99];
}
