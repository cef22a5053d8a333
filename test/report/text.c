// MPLOOP_REPORT=1: at exit, a table on standard error with a row per
// loop (file:line) and a heading; 2 adds each loop's workers.  Only the
// program's process writes it: not its workers, not a child the program
// forks and ends with exit().  A file that cannot be written is an error
// on standard error; the program's exit status stays its own.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_REPORT=1 %t 2>&1 >/dev/null | FileCheck %s --check-prefixes=CHECK,ONE --implicit-check-not='loop report'
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_REPORT=2 %t 2>&1 >/dev/null | FileCheck %s --check-prefixes=CHECK,TWO --implicit-check-not='loop report'
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_REPORT=0 %t 2>&1 >/dev/null | count 0
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_REPORT=%t.nodir/loops.json %t 2>&1 >/dev/null | FileCheck %s --check-prefix=NOFILE
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_REPORT=%t.nodir/loops.csv %t > %t.out 2>&1
// RUN: FileCheck %s --check-prefix=NOFILE < %t.out
// NOFILE: mploop: error: cannot write the loop report to {{.*}}.nodir/loops.{{json|csv}}: No such file or directory; set MPLOOP_REPORT to a file in a writable directory, or to 1 for a table on standard error

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static long cells[600];

int main(void)
{
    // CHECK: mploop: loop report: 2 loops, figures summed over each loop's executions
    // CHECK-NEXT: {{^loop +runs +in-proc +failed +iters +workers +chunks +wall +user +sys +busy +speed-up +effic +imbal +idle +start +merge +merged +max-rss +minflt +majflt +read +written$}}
    // CHECK-NEXT: {{^.*text.c:}}[[@LINE+3]] 2 0 0 1200 2 4 {{[0-9.]+m?s}}{{ }}
    for (int r = 0; r < 2; r++) {
#pragma mploop for schedule(static)
        for (int i = 0; i < 600; i++)
            cells[i] += i;
    }
    pid_t child = fork();
    if (child == 0)
        exit(0);
    waitpid(child, NULL, 0);
    // CHECK-NEXT: {{^.*text.c:}}[[@LINE+3]] 1 1 0 7 1 1 {{[0-9.]+m?s}} {{[0-9.]+m?s}} {{[0-9.]+m?s}} {{[0-9.]+m?s}} 1.00 1.00 1.00 0.00{{ }}
    int n = 7;
#pragma mploop for if(n > 100)
    for (int i = 0; i < n; i++)
        cells[i] -= i;
    printf("%ld\n", cells[599]);
    // ONE-NOT: workers of
    // TWO: mploop: workers of {{.*}}text.c:[[@LINE-14]] (its executions on workers):
    // TWO-NEXT: {{^ +worker +iters +chunks +busy$}}
    // TWO-NEXT: {{^ +0 +600 +2 +[0-9.]+m?s$}}
    // TWO-NEXT: {{^ +1 +600 +2 +[0-9.]+m?s$}}
    // TWO-NOT: workers of
    return 0;
}
