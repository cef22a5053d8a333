// MPLOOP_PROGRESS: while the parent waits for a loop's workers, one line on
// a terminal with the iterations done, the rate and the time left, redrawn
// in place (carriage return, erase line) and erased at the join, before
// what comes next on the terminal (the workers' replayed output, a failure
// report, the program's own output).  Never on a pipe.  By default (auto)
// only for loops running longer than 2 seconds.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_PROGRESS=1 python3 %mploop-src/test/lib/pty_run.py %t 20 | FileCheck %s --check-prefix=PTY
// RUN: env MPLOOP_WORKERS=2 MPLOOP_PROGRESS=1 %t 20 2>&1 | FileCheck %s --check-prefix=NONE
// RUN: env MPLOOP_WORKERS=2 MPLOOP_PROGRESS=0 python3 %mploop-src/test/lib/pty_run.py %t 20 | FileCheck %s --check-prefix=NONE
// A loop of about 0.5 s has no line in auto mode, one of 2.5 s has one.
// RUN: env MPLOOP_WORKERS=2 python3 %mploop-src/test/lib/pty_run.py %t 20 | FileCheck %s --check-prefix=NONE
// RUN: env MPLOOP_WORKERS=2 MPLOOP_PROGRESS=auto python3 %mploop-src/test/lib/pty_run.py %t 100 | FileCheck %s --check-prefix=PTY
// A failure report starts on a line of its own (the line erased if drawn).
// RUN: env MPLOOP_WORKERS=2 MPLOOP_PROGRESS=1 not python3 %mploop-src/test/lib/pty_run.py %t 20 crash | FileCheck %s --check-prefix=CRASH

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 20;
    int crash = argc > 2 && strcmp(argv[2], "crash") == 0;
    // Each progress line is followed by the next one or by its erasure, never
    // by other text:
    // PTY-NOT: {{iterations \([0-9]+%\), [0-9.]+[kMG]?/s(, ETA [0-9:]+)?[^<0-9:,]}}
    // PTY: <CR><ESC>[Kmploop: {{.*}}progress.c:[[@LINE+9]]: {{[0-9]+}}/[[N:[0-9]+]] iterations ({{[0-9]+}}%), {{[0-9.]+}}/s
    // PTY-NOT: {{iterations \([0-9]+%\), [0-9.]+[kMG]?/s(, ETA [0-9:]+)?[^<0-9:,]}}
    // PTY: {{(^|<CR><ESC>\[K)}}done [[N]]{{$}}
    // NONE-NOT: iterations
    // NONE: done 20
    // CRASH: <CR><ESC>[Kmploop: {{.*}}progress.c:[[@LINE+4]]: {{[0-9]+}}/20 iterations
    // CRASH-NOT: {{iterations \([0-9]+%\), [0-9.]+[kMG]?/s(, ETA [0-9:]+)?[^<0-9:,]}}
    // CRASH: {{(^|<CR><ESC>\[K)}}mploop: error: {{.*}}progress.c:[[@LINE+2]]: worker {{[01]}} (pid {{[0-9]+}}) killed by SIGSEGV
#pragma mploop for schedule(dynamic, 1)
    for (int i = 0; i < n; i++) {
        usleep(50000);
        if (crash && i == 12)
            *(volatile int *)0 = 1;
        if (i % 5 == 4)
            fprintf(stderr, "tick %d\n", i);
    }
    fprintf(stderr, "done %d\n", n);
    return 0;
}
