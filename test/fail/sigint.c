// SIGINT, SIGTERM and SIGHUP sent to the parent while its workers run: the
// workers are stopped and reaped, the loop's resources released, and the
// program ends by the same signal, as the sequential program interrupted at
// the same point; nothing is left behind.  A program with its own handler
// (plain or SA_SIGINFO) keeps it: the handler runs once, the loop
// completes, and the handler is still installed after the loop, as in the
// sequential program.  A signal the program ignores stays ignored.
//
// RUN: %cc -O2 -w %s -o %t.seq
// RUN: %mploop-cc -O2 -w %s -o %t.par
// RUN: %S/Inputs/kill-at.sh INT program %t.seq | FileCheck %s --check-prefix=INT
// RUN: env MPLOOP_WORKERS=2 %S/Inputs/kill-at.sh INT program %t.par | FileCheck %s --check-prefix=INT
// RUN: %S/Inputs/kill-at.sh TERM program %t.seq | FileCheck %s --check-prefix=TERM
// RUN: env MPLOOP_WORKERS=3 %S/Inputs/kill-at.sh TERM program %t.par | FileCheck %s --check-prefix=TERM
// RUN: %S/Inputs/kill-at.sh HUP program %t.seq | FileCheck %s --check-prefix=HUP
// RUN: env MPLOOP_WORKERS=2 %S/Inputs/kill-at.sh HUP program %t.par | FileCheck %s --check-prefix=HUP
// RUN: env HANDLER=INT %S/Inputs/kill-at.sh INT program %t.seq | FileCheck %s --check-prefix=HANDLER
// RUN: env MPLOOP_WORKERS=2 HANDLER=INT %S/Inputs/kill-at.sh INT program %t.par | FileCheck %s --check-prefix=HANDLER
// RUN: env HANDLER=TERM %S/Inputs/kill-at.sh TERM program %t.seq | FileCheck %s --check-prefix=HANDLER
// RUN: env MPLOOP_WORKERS=3 HANDLER=TERM %S/Inputs/kill-at.sh TERM program %t.par | FileCheck %s --check-prefix=HANDLER
// RUN: env HANDLER=HUP-IGNORED %S/Inputs/kill-at.sh HUP program %t.seq | FileCheck %s --check-prefix=IGNORED
// RUN: env MPLOOP_WORKERS=2 HANDLER=HUP-IGNORED %S/Inputs/kill-at.sh HUP program %t.par | FileCheck %s --check-prefix=IGNORED
//
// INT-NOT: mploop:
// INT-NOT: after the loop
// INT: status=130
// INT-NEXT: none-left
// TERM-NOT: mploop:
// TERM-NOT: after the loop
// TERM: status=143
// TERM-NEXT: none-left
// HUP-NOT: mploop:
// HUP-NOT: after the loop
// HUP: status=129
// HUP-NEXT: none-left
// HANDLER-NOT: mploop:
// HANDLER: after the loop: handler ran 1, done 30
// HANDLER-NEXT: handler still installed: yes
// HANDLER-NEXT: status=0
// HANDLER-NEXT: none-left
// IGNORED-NOT: mploop:
// IGNORED: after the loop: handler ran 0, done 30
// IGNORED-NEXT: status=0
// IGNORED-NEXT: none-left

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "Inputs/pidfile.h"

static volatile sig_atomic_t handled;

static void on_sig(int sig)
{
    (void)sig;
    handled++;
}

static void on_sig_info(int sig, siginfo_t *info, void *ctx)
{
    (void)sig;
    (void)info;
    (void)ctx;
    handled++;
}

int main(int argc, char **argv)
{
    static int done[30];
    const char *pidfile = argc > 1 ? argv[1] : "/dev/null";
    const char *mode = getenv("HANDLER");
    int mine = 0;
    if (mode && !strcmp(mode, "INT")) {
        signal(SIGINT, on_sig);
        mine = SIGINT;
    }
    if (mode && !strcmp(mode, "TERM")) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = on_sig_info;
        sa.sa_flags = SA_SIGINFO;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGTERM, &sa, NULL);
        mine = SIGTERM;
    }
    if (mode && !strcmp(mode, "HUP-IGNORED"))
        signal(SIGHUP, SIG_IGN);
#pragma mploop for schedule(dynamic, 2)
    for (int i = 0; i < 30; i++) {
        if (i == 13) {
            publish_pid(pidfile);
            sleep(mode ? 1 : 100);
        }
        done[i] = 1;
    }
    int n = 0;
    for (int i = 0; i < 30; i++)
        n += done[i];
    fprintf(stderr, "after the loop: handler ran %d, done %d\n", (int)handled, n);
    if (mine) {
        raise(mine);
        fprintf(stderr, "handler still installed: %s\n", handled == 2 ? "yes" : "no");
    }
    return done[29] - 1;
}
