// SIGINT, SIGTERM and SIGHUP sent to the parent while its workers run: the
// workers are stopped and reaped, the loop's resources released, and the
// program ends by the same signal, as the sequential program interrupted at
// the same point; nothing is left behind.  A program with its own handler
// keeps it: the handler runs and the loop completes.
//
// RUN: %cc -O2 -w %s -o %t.seq
// RUN: %mploop-cc -O2 -w %s -o %t.par
// RUN: %S/Inputs/kill-at.sh INT program %t.seq | FileCheck %s --check-prefix=INT
// RUN: env MPLOOP_WORKERS=2 %S/Inputs/kill-at.sh INT program %t.par | FileCheck %s --check-prefix=INT
// RUN: env MPLOOP_WORKERS=3 %S/Inputs/kill-at.sh TERM program %t.par | FileCheck %s --check-prefix=TERM
// RUN: env MPLOOP_WORKERS=2 %S/Inputs/kill-at.sh HUP program %t.par | FileCheck %s --check-prefix=HUP
// RUN: env MPLOOP_WORKERS=2 HANDLER=1 %S/Inputs/kill-at.sh INT program %t.par | FileCheck %s --check-prefix=HANDLER
//
// INT-NOT: mploop:
// INT-NOT: after the loop
// INT: status=130
// INT-NEXT: none-left
// TERM-NOT: after the loop
// TERM: status=143
// TERM-NEXT: none-left
// HUP: status=129
// HUP-NEXT: none-left
// HANDLER: after the loop: handler ran 1
// HANDLER-NEXT: status=0
// HANDLER-NEXT: none-left

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static volatile sig_atomic_t handled;

static void on_int(int sig)
{
    (void)sig;
    handled = 1;
}

int main(int argc, char **argv)
{
    static int done[30];
    const char *pidfile = argc > 1 ? argv[1] : "/dev/null";
    int handler = getenv("HANDLER") != NULL;
    if (handler)
        signal(SIGINT, on_int);
#pragma mploop for schedule(dynamic, 2)
    for (int i = 0; i < 30; i++) {
        if (i == 13) {
            char tmp[4096];
            snprintf(tmp, sizeof tmp, "%s.tmp", pidfile);
            FILE *f = fopen(tmp, "w");
            fprintf(f, "%d\n", (int)getpid());
            fclose(f);
            rename(tmp, pidfile);
            sleep(handler ? 1 : 100);
        }
        done[i] = 1;
    }
    fprintf(stderr, "after the loop: handler ran %d\n", (int)handled);
    return done[29] - 1;
}
