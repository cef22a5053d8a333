// A body that calls exit(3) or _exit(4) at one iteration: the program ends
// with the same status as the sequential program; the program's atexit
// handlers run exactly once for exit() (in the parent, after the output of
// the iterations before) and not at all for _exit(), as in the sequential
// program; no process of the program is left.  exit() ends the program as
// the sequential one would, so it is no error (a line under MPLOOP_VERBOSE);
// _exit() ends the worker without flushing anything, which is reported.
//
// RUN: %cc -O2 -w %s -o %t.seq
// RUN: %mploop-cc -O2 -w %s -o %t.par
// RUN: env MPLOOP_WORKERS=2 %S/Inputs/outcome.sh %t.seq %t.par exit | FileCheck %s --check-prefixes=CHECK,EXIT
// RUN: env MPLOOP_WORKERS=3 %S/Inputs/outcome.sh %t.seq %t.par _exit | FileCheck %s --check-prefixes=CHECK,UEXIT
// RUN: env MPLOOP_WORKERS=1 %S/Inputs/outcome.sh %t.seq %t.par exit | FileCheck %s --check-prefixes=CHECK,SEQ
// RUN: env MPLOOP_WORKERS=2 MPLOOP_VERBOSE=1 %S/Inputs/outcome.sh %t.seq %t.par exit | FileCheck %s --check-prefixes=CHECK,VERBOSE
//
// EXIT: status=3
// UEXIT: status=4
// SEQ: status=3
// VERBOSE: status=3
// CHECK-NEXT: same-status
// CHECK-NEXT: none-left
// EXIT-NOT: mploop:
// VERBOSE-NEXT: mploop: {{.*}}exit_status.c:{{[0-9]+}}: 40 iterations on 2 workers
// VERBOSE-NEXT: mploop: {{.*}}exit_status.c:{{[0-9]+}}: iteration i = 21 called exit(3); the program ends with that status, as the sequential loop would have{{$}}
// VERBOSE-NOT: error
// UEXIT-NEXT: mploop: error: {{.*}}exit_status.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) exited with status 4 at iteration i = 21{{$}}
// SEQ-NOT: mploop:
// CHECK-NOT: stdout differs

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void bye(void)
{
    printf("atexit handler ran\n");
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    static int done[40];
    atexit(bye);
    printf("before the loop\n");
    fflush(stdout);
#pragma mploop for
    for (int i = 0; i < 40; i++) {
        if (i == 21 && !strcmp(what, "exit"))
            exit(3);
        if (i == 21 && !strcmp(what, "_exit"))
            _exit(4);
        done[i] = 1;
    }
    printf("after the loop\n");
    return done[39];
}
