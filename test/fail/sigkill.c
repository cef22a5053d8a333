// A worker killed from outside (as by the OOM killer): the test script
// kills, with SIGKILL, the process running iteration 13 while it sleeps.
// The report names that worker, SIGKILL and the iteration; the program dies
// of SIGKILL like the sequential program killed at the same point, and no
// process is left.
//
// RUN: %cc -O2 -w %s -o %t.seq
// RUN: %mploop-cc -O2 -w %s -o %t.par
// RUN: %S/Inputs/kill-at.sh KILL body %t.seq | FileCheck %s --check-prefix=SEQ
// RUN: env MPLOOP_WORKERS=2 %S/Inputs/kill-at.sh KILL body %t.par | FileCheck %s --check-prefixes=PAR,SEQ
// RUN: env MPLOOP_WORKERS=3 %S/Inputs/kill-at.sh KILL body %t.par | FileCheck %s --check-prefixes=PAR,SEQ
//
// PAR: mploop: error: {{.*}}sigkill.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) killed by SIGKILL (Killed) at iteration i = 13{{$}}
// PAR-NEXT: mploop: note: the loop body crashed in that iteration; the program ends by the same signal
// SEQ-NOT: after the loop
// SEQ: status=137
// SEQ-NEXT: none-left

#include <stdio.h>
#include <unistd.h>

#include "Inputs/pidfile.h"

int main(int argc, char **argv)
{
    static int done[30];
    const char *pidfile = argc > 1 ? argv[1] : "/dev/null";
#pragma mploop for schedule(dynamic, 2)
    for (int i = 0; i < 30; i++) {
        if (i == 13) {
            publish_pid(pidfile);
            sleep(100);
        }
        done[i] = 1;
    }
    fprintf(stderr, "after the loop\n");
    return done[29];
}
