// Failure reports: how a worker ended (its exit status when the body ended
// its process with _exit, signal name and description), its index and pid, and the loop variable's value in the
// failing iteration, signed or unsigned as the variable is, or the iteration
// index for pointer loops.  The parent ends with the worker's exit status
// after a worker exits (as the sequential program would), by the same signal
// after a worker is killed, and the code after the loop never runs.  In-process (one worker) the body simply
// ends the program itself.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 sh -c '%t exit3 2>&1; echo status=$?' | FileCheck %s --check-prefixes=EXIT3,FAILED,FAILED3
// RUN: env MPLOOP_WORKERS=1 sh -c '%t exit3 2>&1; echo status=$?' | FileCheck %s --check-prefix=EXIT3-SEQ
// RUN: env MPLOOP_WORKERS=3 sh -c '%t exit0 2>&1; echo status=$?' | FileCheck %s --check-prefixes=EXIT0,FAILED,FAILED0
// RUN: env MPLOOP_WORKERS=2 sh -c '%t abort 2>&1; echo status=$?' | FileCheck %s --check-prefixes=ABORT,ABORTED
// RUN: env MPLOOP_WORKERS=2 sh -c '%t pointer 2>&1; echo status=$?' | FileCheck %s --check-prefixes=POINTER,SEGV
// RUN: env MPLOOP_WORKERS=2 sh -c '%t wide 2>&1; echo status=$?' | FileCheck %s --check-prefixes=WIDE,SEGV

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int fail_exit(const char *what, int i)
{
    if (i == 5 && !strcmp(what, "exit3"))
        _exit(3);
    if (i == 5 && !strcmp(what, "exit0"))
        _exit(0);
    return i;
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    static char buf[10];
    long s = 0;
    int n = 12;

    if (!strncmp(what, "exit", 4)) {
        // EXIT3: mploop: error: {{.*}}report.c:[[@LINE+3]]: worker {{[0-9]+}} (pid {{[0-9]+}}) exited with status 3 at iteration i = 5{{$}}
        // EXIT0: mploop: error: {{.*}}report.c:[[@LINE+2]]: worker {{[0-9]+}} (pid {{[0-9]+}}) exited with status 0 before the end of the loop at iteration i = 5{{$}}
#pragma mploop for reduction(+: s)
        for (int i = 0; i < n; i++)
            s += fail_exit(what, i);
    }
    if (!strcmp(what, "abort")) {
        // ABORT: mploop: error: {{.*}}report.c:[[@LINE+2]]: worker {{[0-9]+}} (pid {{[0-9]+}}) killed by SIGABRT (Aborted) at iteration u = 3{{$}}
#pragma mploop for reduction(+: s)
        for (unsigned long u = 10; u > 0; u--) {
            if (u == 3)
                abort();
            s += (long)u;
        }
    }
    if (!strcmp(what, "pointer")) {
        // POINTER: mploop: error: {{.*}}report.c:[[@LINE+2]]: worker {{[0-9]+}} (pid {{[0-9]+}}) killed by SIGSEGV (Segmentation fault) at iteration 4{{$}}
#pragma mploop for reduction(+: s)
        for (char *p = buf; p < buf + 10; p++) {
            if (p == buf + 4)
                raise(SIGSEGV);
            s += *p;
        }
    }
    if (!strcmp(what, "wide")) {
        // WIDE: mploop: error: {{.*}}report.c:[[@LINE+2]]: worker {{[0-9]+}} (pid {{[0-9]+}}) killed by SIGSEGV (Segmentation fault) at iteration v = -2000000000{{$}}
#pragma mploop for reduction(+: s)
        for (long long v = -5000000000LL; v < 5000000000LL; v += 1000000000) {
            if (v == -2000000000LL)
                raise(SIGSEGV);
            s += v > 0;
        }
    }
    printf("after the loop: %ld\n", s);
    return 0;
}

// The way the program ended, checked after the reports above.
// FAILED-NOT: after the loop
// FAILED3: status=3{{$}}
// FAILED0: status=0{{$}}
// EXIT3-SEQ: status=3{{$}}
// ABORTED-NOT: after the loop
// ABORTED: status=134{{$}}
// SEGV-NOT: after the loop
// SEGV: status=139{{$}}
