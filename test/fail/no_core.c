// A crash in a worker ends the program by the same signal, without a core
// dump from the parent: the crash is the worker's (which dumps its core
// where the sequential program would have), not the parent's state.  Here
// core dumps are allowed (ulimit -c unlimited): the sequential program
// dumps core; the mploop program's parent dies by SIGSEGV without one.
//
// REQUIRES: core-dumps
// RUN: %cc -O2 -w %s -o %t.seq
// RUN: %mploop-cc -O2 -w %s -o %t.par
// RUN: rm -rf %t.d && mkdir -p %t.d/seq %t.d/par
// RUN: cd %t.d/seq && sh -c 'ulimit -c unlimited && python3 %S/Inputs/alone.py --core -- %t.seq' 2>&1 | FileCheck %s --check-prefix=SEQ
// RUN: cd %t.d/par && env MPLOOP_WORKERS=2 sh -c 'ulimit -c unlimited && python3 %S/Inputs/alone.py --core -- %t.par' 2>&1 | FileCheck %s --check-prefix=PAR
// RUN: rm -rf %t.d
//
// SEQ: status=139
// SEQ-NEXT: core=1
// PAR: mploop: error: {{.*}}no_core.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) killed by SIGSEGV (Segmentation fault) at iteration i = 5{{$}}
// PAR: status=139
// PAR-NEXT: core=0
// PAR-NEXT: none-left

#include <signal.h>

int main(void)
{
    static int done[10];
#pragma mploop for
    for (int i = 0; i < 10; i++) {
        if (i == 5)
            raise(SIGSEGV);
        done[i] = 1;
    }
    return done[9];
}
