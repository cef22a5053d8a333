// Resources after every outcome: loops that succeed, crash (SIGSEGV,
// SIGKILL), call quick_exit or _exit, mploop_fail, time out (MPLOOP_TIMEOUT), race, or
// whose channels a worker spoils, run round after round under
// MPLOOP_ON_ERROR=return (and crashing loops re-run under serial): after
// each round the process has exactly the descriptors (memfds included),
// mappings and child processes it had after the first round (the workers
// of a persistent team parked after a loop whose merge failed, or none).  Each
// outcome is checked to have happened (its error kind), so that a loop
// that stops failing cannot make the test pass.  (test/fail/many_loops.c
// repeats the common outcomes 10,000 times.)
//
// RUN: %mploop-cc -I%mploop-build/include -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=3 MPLOOP_ON_ERROR=return MPLOOP_TIMEOUT=0.3 MPLOOP_GRACE_MS=100 python3 %S/Inputs/alone.py -- %t 2> %t.err | FileCheck %s
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ON_ERROR=serial python3 %S/Inputs/alone.py -- %t serial 2> %t.err | FileCheck %s --check-prefix=SERIAL
//
// CHECK: kinds: ok 0 segv 1 kill 1 exit 2 _exit 2 fail 3 timeout 4 race 5 channel 6
// CHECK-NEXT: rounds 4: fds same memfds same maps same children same
// CHECK-NEXT: status=0
// CHECK-NEXT: none-left
// SERIAL: serial rounds 20: sum ok, fds same memfds same maps same children same
// SERIAL-NEXT: status=0
// SERIAL-NEXT: none-left

#include <dirent.h>
#include <mploop.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "Inputs/resources.h"

/* Worker: make every shipping channel 1 GiB long (garbage to the parent). */
static void spoil_channels(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    while ((e = readdir(d))) {
        char path[300], target[300];
        snprintf(path, sizeof path, "/proc/self/fd/%s", e->d_name);
        ssize_t len = readlink(path, target, sizeof target - 1);
        target[len > 0 ? len : 0] = '\0';
        if (strstr(target, "mploop-ship"))
            ftruncate(atoi(e->d_name), (off_t)1 << 30);
    }
    closedir(d);
}

/* Written by the racing loop; external, so that the stores stay. */
int race_cell[1];

static const char *const names[] = {"ok", "segv", "kill", "exit", "_exit", "fail",
                                    "timeout", "race", "channel"};
#define OUTCOMES (int)(sizeof names / sizeof names[0])

/* One loop ending with outcome `what`; returns the error kind. */
static int run(int what)
{
    static int out[30];
#pragma mploop for schedule(dynamic, 1)
    for (int i = 0; i < 30; i++) {
        out[i] = i;
        if (i == 7) {
            switch (what) {
            case 1: raise(SIGSEGV); break;
            case 2: raise(SIGKILL); break;
            case 3: quick_exit(5); break; /* exit() would end the program */
            case 4: _exit(6); break;
            case 5: mploop_fail("bad %d", i); break;
            case 6: sleep(30); break;
            case 8: spoil_channels(); break;
            }
        }
        if (what == 7) {
            usleep(2000); /* so that every worker runs some iterations */
            race_cell[0] = i; /* each writes its own value: a race */
        }
    }
    const mploop_error *e = mploop_last_error();
    int kind = e ? e->kind : 0;
    mploop_clear_error();
    return kind;
}

int main(int argc, char **argv)
{
    int fds = 0, memfds = 0, maps = 0, children = 0, same = 1;
    if (argc > 1 && !strcmp(argv[1], "serial")) {
        /* Under MPLOOP_ON_ERROR=serial: a crash only workers meet, then
         * the in-process re-run. */
        pid_t parent = getpid();
        int ok = 1;
        for (int round = 0; round < 20; round++) {
            static long v[100];
            long sum = 0;
#pragma mploop for reduction(+: sum)
            for (int i = 0; i < 100; i++) {
                v[i] = i;
                sum += i;
                if (i == 40 && getpid() != parent)
                    raise(SIGSEGV);
            }
            ok &= sum == 4950 && v[99] == 99;
            if (round == 0) {
                fds = count_fds(0);
                memfds = count_fds(1);
                maps = count_maps();
                children = count_children();
            } else {
                same &= fds == count_fds(0) && memfds == count_fds(1) && maps == count_maps();
            }
        }
        printf("serial rounds 20: sum %s, fds %s memfds %s maps %s children %s\n",
               ok ? "ok" : "wrong", same ? "same" : "changed", same ? "same" : "changed",
               same ? "same" : "changed", count_children() == children ? "same" : "changed");
        return 0;
    }
    int kinds[OUTCOMES];
    int fd_same = 1, memfd_same = 1, map_same = 1;
    for (int round = 0; round < 4; round++) {
        for (int what = 0; what < OUTCOMES; what++) {
            int k = run(what);
            if (round == 0)
                kinds[what] = k;
            else if (kinds[what] != k)
                kinds[what] = -1;
        }
        if (round == 0) {
            fds = count_fds(0);
            memfds = count_fds(1);
            maps = count_maps();
            children = count_children();
        } else {
            fd_same &= fds == count_fds(0);
            memfd_same &= memfds == count_fds(1);
            map_same &= maps == count_maps();
        }
    }
    printf("kinds:");
    for (int what = 0; what < OUTCOMES; what++)
        printf(" %s %d", names[what], kinds[what]);
    printf("\nrounds 4: fds %s memfds %s maps %s children %s\n", fd_same ? "same" : "changed",
           memfd_same ? "same" : "changed", map_same ? "same" : "changed",
           count_children() == children ? "same" : "changed");
    fflush(stdout);
    return 0;
}
