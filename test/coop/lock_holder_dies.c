// A worker dies holding a lock (SIGKILL or SIGSEGV) while the others are
// blocked acquiring it: the loop fails with the usual crash report of that
// worker (loop, iteration, signal) and a note naming the lock it held; the
// workers blocked on the lock do not hang the program (the parent kills
// them and notes what they waited on); no process is left behind.  Under
// MPLOOP_ON_ERROR=return the program goes on, and the lock is free again.
// The same under a fork per loop and under MPLOOP_CHECK=1.
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=4 python3 %mploop-src/test/fail/Inputs/alone.py --timeout 60 -- %t kill > %t.out 2>&1
// RUN: FileCheck %s --check-prefixes=KILL,EXIT < %t.out
// RUN: env MPLOOP_WORKERS=4 MPLOOP_TEAM=fork python3 %mploop-src/test/fail/Inputs/alone.py --timeout 60 -- %t segv > %t.out 2>&1
// RUN: FileCheck %s --check-prefixes=SEGV,EXIT < %t.out
// RUN: env MPLOOP_WORKERS=4 MPLOOP_CHECK=1 python3 %mploop-src/test/fail/Inputs/alone.py --timeout 60 -- %t segv > %t.out 2>&1
// RUN: FileCheck %s --check-prefixes=SEGV,EXIT < %t.out
// RUN: env MPLOOP_WORKERS=4 MPLOOP_ON_ERROR=return python3 %mploop-src/test/fail/Inputs/alone.py --timeout 60 -- %t kill > %t.out 2>&1
// RUN: FileCheck %s --check-prefixes=KILL,RET < %t.out
//
// KILL: mploop: error: {{.*}}lock_holder_dies.c:[[LOOP:[0-9]+]]: worker [[W:[0-9]+]] (pid [[PID:[0-9]+]]) killed by SIGKILL{{.*}} at iteration i = 1
// SEGV: mploop: error: {{.*}}lock_holder_dies.c:[[LOOP:[0-9]+]]: worker [[W:[0-9]+]] (pid [[PID:[0-9]+]]) killed by SIGSEGV{{.*}} at iteration i = 1
// KILL: mploop: note: worker [[W]] (pid [[PID]]) held lock #{{[0-9]+}} (created {{.*}})
// SEGV: mploop: note: worker [[W]] (pid [[PID]]) held lock #{{[0-9]+}} (created {{.*}})
// KILL: mploop: note: worker {{[0-9]+}} (pid {{[0-9]+}}) was waiting on lock #{{[0-9]+}} (created {{.*}}), held by worker [[W]] (pid [[PID]])
// SEGV: mploop: note: worker {{[0-9]+}} (pid {{[0-9]+}}) was waiting on lock #{{[0-9]+}} (created {{.*}}), held by worker [[W]] (pid [[PID]])
// EXIT-NOT: after the loop
// EXIT: status={{137|139}}
// EXIT-NEXT: none-left
// RET: after the loop: lock free again: yes, error kind 1
// RET: status=0
// RET-NEXT: none-left

#include <mploop.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    int sig = argc > 1 && strcmp(argv[1], "segv") == 0 ? SIGSEGV : SIGKILL;
    mploop_lock *lock = mploop_lock_create();
    volatile int *taken = mploop_shared_alloc(sizeof *taken);
#pragma mploop for schedule(static, 1)
    for (int i = 0; i < 4; i++) { // one iteration per worker
        if (i == 1) {
            mploop_lock_acquire(lock);
            *taken = 1;
            raise(sig);
        }
        while (!*taken) // everyone else blocks on the lock the dead worker holds
            ;
        mploop_lock_acquire(lock);
        mploop_lock_release(lock);
    }
    const mploop_error *e = mploop_last_error();
    int free_again = mploop_lock_try(lock) == 0;
    printf("after the loop: lock free again: %s, error kind %d\n", free_again ? "yes" : "no",
           e ? e->kind : 0);
    fprintf(stderr, "after the loop\n");
    return 0;
}
