// A loop body that disables the mprotect tracker's mechanism: it installs
// a SIGSEGV handler of its own (sigaction, here one that makes the faulting
// page writable, so every later write succeeded unseen: all were lost and
// the program exited 0), or installs one with signal() or blocks SIGSEGV
// (pthread_sigmask) after its last write.  The worker finds it when it
// ships, and the loop fails with a report that says what happened and what
// to do; nothing is merged.  Under MPLOOP_ON_ERROR=return the program goes
// on with memory as before the loop.  The default trackers need no signal:
// the same program runs correctly under them.  A program that blocked
// SIGSEGV before the loop runs correctly under mprotect too (its workers
// unblock it; before, their first write killed them).
//
// RUN: %mploop-cc -I%mploop-build/include -O2 -w %s -o %t
// RUN: env MPLOOP_TRACKER=mprotect MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 python3 %S/Inputs/alone.py -- %t sigaction > %t.out 2>&1; FileCheck %s --check-prefixes=ANY,NOTE,ST1,LEFT < %t.out
// RUN: env MPLOOP_TRACKER=mprotect MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 python3 %S/Inputs/alone.py -- %t signal > %t.out 2>&1; FileCheck %s --check-prefixes=LAST,NOTE,ST1,LEFT --implicit-check-not="other worker" < %t.out
// RUN: env MPLOOP_TRACKER=mprotect MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 python3 %S/Inputs/alone.py -- %t block > %t.out 2>&1; FileCheck %s --check-prefixes=BLOCK,NOTE,ST1,LEFT --implicit-check-not="other worker" < %t.out
// RUN: env MPLOOP_TRACKER=mprotect MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_ON_ERROR=return %t sigaction 2> %t.err | FileCheck %s --check-prefix=RETURN
// RUN: FileCheck %s --check-prefix=ANY < %t.err
// RUN: env -u MPLOOP_TRACKER MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 %t sigaction 2>&1 | FileCheck %s --check-prefix=WORKS --implicit-check-not=mploop:
// RUN: env -u MPLOOP_TRACKER MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 %t signal 2>&1 | FileCheck %s --check-prefix=WORKS --implicit-check-not=mploop:
// RUN: env -u MPLOOP_TRACKER MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 %t block 2>&1 | FileCheck %s --check-prefix=WORKS --implicit-check-not=mploop:
// RUN: env MPLOOP_TRACKER=pagemap MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 %t sigaction 2>&1 | FileCheck %s --check-prefix=WORKS --implicit-check-not=mploop:
// RUN: env MPLOOP_TRACKER=mprotect MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 %t blocked-before 2>&1 | FileCheck %s --check-prefix=WORKS --implicit-check-not=mploop:
//
// ANY: mploop: error: {{.*}}tracker_disabled.c:[[#@LINE+52]]: worker {{[01]}} (pid {{[1-9][0-9]*}}) stopped tracking its writes: the loop body replaced the SIGSEGV handler of the mprotect dirty-page tracker{{$}}
// LAST: mploop: error: {{.*}}tracker_disabled.c:[[#@LINE+51]]: worker 1 (pid {{[1-9][0-9]*}}) stopped tracking its writes: the loop body replaced the SIGSEGV handler of the mprotect dirty-page tracker{{$}}
// BLOCK: mploop: error: {{.*}}tracker_disabled.c:[[#@LINE+50]]: worker 1 (pid {{[1-9][0-9]*}}) stopped tracking its writes: the loop body blocked SIGSEGV, which the mprotect dirty-page tracker catches{{$}}
// NOTE-NEXT: mploop: note: the writes it made after that cannot be listed, so nothing was merged; the program stops (do not install SIGSEGV handlers or block SIGSEGV in loop bodies under the mprotect tracker; the uffd and pagemap trackers, chosen by default where the kernel has them, need no signal){{$}}
// NOTE-NOT: after the loop
// ST1: status=1{{$}}
// LEFT-NEXT: none-left
// RETURN: after the loop: failed (kind internal), out unchanged
// WORKS: after the loop: 4096 of 4096 written

#define _GNU_SOURCE
#include <mploop.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define N 4096

static int out[N];

/* A handler that makes the faulting page writable, as a program tracking
 * its own writes might. */
static void unprotect(int sig, siginfo_t *info, void *uctx)
{
    (void)sig;
    (void)uctx;
    uintptr_t page = (uintptr_t)info->si_addr & ~(uintptr_t)4095;
    mprotect((void *)page, 4096, PROT_READ | PROT_WRITE);
}

static void ignore(int sig)
{
    (void)sig;
}

int main(int argc, char **argv)
{
    const char *how = argc > 1 ? argv[1] : "sigaction";
    int *heap = malloc(N * sizeof *heap);
    for (int i = 0; i < N; i++)
        out[i] = heap[i] = -1;
    if (!strcmp(how, "blocked-before")) {
        sigset_t segv;
        sigemptyset(&segv);
        sigaddset(&segv, SIGSEGV);
        pthread_sigmask(SIG_BLOCK, &segv, NULL);
    }
#pragma mploop for schedule(static)
    for (int i = 0; i < N; i++) {
        if (!strcmp(how, "sigaction")) {
            struct sigaction sa;
            memset(&sa, 0, sizeof sa);
            sa.sa_sigaction = unprotect;
            sa.sa_flags = SA_SIGINFO;
            sigaction(SIGSEGV, &sa, NULL);
        }
        out[i] = i;
        heap[i] = i;
        if (i == N - 1 && !strcmp(how, "signal"))
            signal(SIGSEGV, ignore);
        if (i == N - 1 && !strcmp(how, "block")) {
            sigset_t segv;
            sigemptyset(&segv);
            sigaddset(&segv, SIGSEGV);
            pthread_sigmask(SIG_BLOCK, &segv, NULL);
        }
    }
    const mploop_error *e = mploop_last_error();
    int written = 0, unchanged = 1;
    for (int i = 0; i < N; i++) {
        written += out[i] == i && heap[i] == i;
        unchanged &= out[i] == -1 && heap[i] == -1;
    }
    if (e)
        printf("after the loop: failed (kind %s), out %s\n",
               e->kind == MPLOOP_ERROR_INTERNAL ? "internal" : "other",
               unchanged ? "unchanged" : "changed");
    else
        printf("after the loop: %d of %d written\n", written, N);
    return 0;
}
