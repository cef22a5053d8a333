// A body that crashes at one chosen iteration: a segfault, a bus error
// (reading a file mapping past the end of the file), an integer division by
// zero, abort() and a failed assert().  The report names the
// loop's file:line, the worker and its pid, the signal with its description
// and the loop variable's value at that iteration; the program ends by the
// same signal as the sequential program, the code after the loop never
// runs, and no process of the program is left behind.
//
// RUN: %cc -O2 -w %s -o %t.seq
// RUN: %mploop-cc -O2 -w %s -o %t.par
// RUN: env MPLOOP_WORKERS=2 %S/Inputs/outcome.sh %t.seq %t.par segv | FileCheck %s --check-prefixes=CHECK,SEGV
// RUN: env MPLOOP_WORKERS=3 %S/Inputs/outcome.sh %t.seq %t.par segv | FileCheck %s --check-prefixes=CHECK,SEGV
// RUN: env MPLOOP_WORKERS=2 %S/Inputs/outcome.sh %t.seq %t.par bus | FileCheck %s --check-prefixes=CHECK,BUS
// RUN: env MPLOOP_WORKERS=2 %S/Inputs/outcome.sh %t.seq %t.par fpe | FileCheck %s --check-prefixes=CHECK,FPE
// RUN: env MPLOOP_WORKERS=3 %S/Inputs/outcome.sh %t.seq %t.par abort | FileCheck %s --check-prefixes=CHECK,ABORT
// RUN: env MPLOOP_WORKERS=2 %S/Inputs/outcome.sh %t.seq %t.par assert | FileCheck %s --check-prefixes=CHECK,ASSERT
// In-process (one worker) the body ends the program itself, the same way.
// RUN: env MPLOOP_WORKERS=1 %S/Inputs/outcome.sh %t.seq %t.par fpe | FileCheck %s --check-prefixes=CHECK,FPE1
//
// SEGV: status=139
// BUS: status=135
// FPE: status=136
// FPE1: status=136
// ABORT: status=134
// ASSERT: status=134
// CHECK-NEXT: same-status
// CHECK-NEXT: none-left
// SEGV-NEXT: mploop: error: {{.*}}crash_signals.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) killed by SIGSEGV (Segmentation fault) at iteration i = 57{{$}}
// SEGV-NEXT: mploop: note: the loop body crashed in that iteration; the program ends by the same signal
// BUS-NEXT: mploop: error: {{.*}}crash_signals.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) killed by SIGBUS (Bus error) at iteration i = 57{{$}}
// FPE-NEXT: mploop: error: {{.*}}crash_signals.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) killed by SIGFPE (Floating point exception) at iteration i = 57{{$}}
// ABORT-NEXT: mploop: error: {{.*}}crash_signals.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) killed by SIGABRT (Aborted) at iteration i = 57{{$}}
// ASSERT-NEXT: crash_signals{{.*}}Assertion `i != 57' failed.
// ASSERT-NEXT: mploop: error: {{.*}}crash_signals.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) killed by SIGABRT (Aborted) at iteration i = 57{{$}}
// FPE1-NOT: mploop:
// CHECK-NOT: after the loop
// CHECK-NOT: stdout differs

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    static int done[100];
    volatile int zero = 0;
    int n = 100;
    printf("before the loop\n");
    fflush(stdout);
#pragma mploop for schedule(dynamic, 3)
    for (int i = 0; i < n; i++) {
        if (i == 57) {
            if (!strcmp(what, "segv")) {
                int *volatile bad = NULL;
                *bad = i;
            }
            if (!strcmp(what, "bus")) {
                FILE *empty = tmpfile();
                volatile char *past = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fileno(empty), 0);
                if (past != MAP_FAILED)
                    done[i] = past[0];
            }
            if (!strcmp(what, "fpe"))
                done[i] = i / zero;
            if (!strcmp(what, "abort"))
                abort();
        }
        if (!strcmp(what, "assert"))
            assert(i != 57);
        done[i] = 1;
    }
    printf("after the loop\n");
    fprintf(stderr, "after the loop\n");
    return done[99];
}
