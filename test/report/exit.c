// The loop report is written however the program ends through exit():
// when a loop body calls exit() (the loop counts, with the iterations its
// workers finished), and after a failed loop, which counts as failed.
// Bad values of MPLOOP_REPORT and MPLOOP_PROGRESS are reported like those
// of every MPLOOP_* variable.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: rm -f %t.json
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_REPORT=%t.json not %t exit > %t.out
// RUN: python3 %mploop-src/test/lib/report_fields.py %t.json | FileCheck %s --check-prefix=EXIT
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_REPORT=1 MPLOOP_ON_ERROR=return %t fail 2>&1 | FileCheck %s --check-prefix=FAIL
// RUN: env MPLOOP_REPORT=3 not %t exit 2>&1 | FileCheck %s --check-prefix=BAD -DV=3
// RUN: env MPLOOP_REPORT=loops.txt not %t exit 2>&1 | FileCheck %s --check-prefix=BAD -DV=loops.txt
// RUN: env MPLOOP_REPORT=.json not %t exit 2>&1 | FileCheck %s --check-prefix=BAD -DV=.json
// RUN: env MPLOOP_PROGRESS=yes not %t exit 2>&1 | FileCheck %s --check-prefix=PROGRESS -DV=yes
// RUN: env MPLOOP_PROGRESS=2 not %t exit 2>&1 | FileCheck %s --check-prefix=PROGRESS -DV=2

#include <mploop.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int seen[64];

int main(int argc, char **argv)
{
    int fail = argc > 1 && strcmp(argv[1], "fail") == 0;
    // BAD: mploop: error: {{.*}}exit.c:[[@LINE+12]]: MPLOOP_REPORT=[[V]] is not 0, 1, 2 or a file name ending in .json or .csv; use 1 for a table of every loop's figures on standard error at exit, 2 to add each worker's, or a file name such as loops.json or loops.csv to write them there
    // PROGRESS: mploop: error: {{.*}}exit.c:[[@LINE+11]]: MPLOOP_PROGRESS=[[V]] is not 0, 1 or auto; use auto (the default) for a progress line on a terminal for loops running longer than 2 seconds, 1 for every loop on workers, 0 for none
    // EXIT: loop exit.c:[[@LINE+10]]
    // EXIT-NEXT: loop=
    // EXIT-NEXT: runs=1
    // EXIT-NEXT: runs_in_process=0
    // EXIT-NEXT: runs_failed=0
    // FAIL: mploop: error: {{.*}}exit.c:[[@LINE+5]]: iteration i = 40 failed: no good
    // FAIL: mploop: loop report: 1 loop,
    // FAIL: {{^.*exit.c:}}[[@LINE+3]] 1 0 1 {{[0-9]+}} 2 0 {{[0-9.]+m?s}}
    // FAIL: ok
#pragma mploop for schedule(static, 1)
    for (int i = 0; i < 64; i++) {
        if (i == 40) {
            if (fail)
                mploop_fail("no good");
            exit(3);
        }
        seen[i] = 1;
    }
    printf("ok\n");
    return 0;
}
