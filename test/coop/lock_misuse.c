// Program bugs with locks fail the loop like mploop_fail, naming the loop,
// the iteration and the lock, never a hang:
// - held:    a worker's iterations end while it holds a lock (it would stay
//            held forever);
// - release: releasing a lock the process does not hold;
// - twice:   acquiring a lock the process holds already (it would wait
//            forever);
// - destroy: destroying a lock that is held;
// - free:    mploop_shared_free of memory that is not shared;
// - leave:   leaving a critical section not entered.
// In-process (one worker) the same reports end the program.
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=2 python3 %mploop-src/test/fail/Inputs/alone.py --timeout 60 -- %t held > %t.out 2>&1
// RUN: FileCheck %s --check-prefixes=HELD,END < %t.out
// RUN: env MPLOOP_WORKERS=2 python3 %mploop-src/test/fail/Inputs/alone.py --timeout 60 -- %t release > %t.out 2>&1
// RUN: FileCheck %s --check-prefixes=RELEASE,END < %t.out
// RUN: env MPLOOP_WORKERS=2 python3 %mploop-src/test/fail/Inputs/alone.py --timeout 60 -- %t twice > %t.out 2>&1
// RUN: FileCheck %s --check-prefixes=TWICE,END < %t.out
// RUN: env MPLOOP_WORKERS=2 python3 %mploop-src/test/fail/Inputs/alone.py --timeout 60 -- %t destroy > %t.out 2>&1
// RUN: FileCheck %s --check-prefixes=DESTROY,END < %t.out
// RUN: env MPLOOP_WORKERS=2 python3 %mploop-src/test/fail/Inputs/alone.py --timeout 60 -- %t free > %t.out 2>&1
// RUN: FileCheck %s --check-prefixes=FREE,END < %t.out
// RUN: env MPLOOP_WORKERS=2 python3 %mploop-src/test/fail/Inputs/alone.py --timeout 60 -- %t leave > %t.out 2>&1
// RUN: FileCheck %s --check-prefixes=LEAVE,END < %t.out
// RUN: env MPLOOP_WORKERS=1 python3 %mploop-src/test/fail/Inputs/alone.py --timeout 60 -- %t twice > %t.out 2>&1
// RUN: FileCheck %s --check-prefixes=TWICE,END < %t.out
//
// HELD: mploop: error: {{.*}}lock_misuse.c:[[@LINE+24]]: iteration i = {{[0-9]+}} failed: the worker's iterations ended holding lock #{{[0-9]+}} (created {{.*}}); release every lock in the iteration that acquired it
// RELEASE: mploop: error: {{.*}}lock_misuse.c:[[@LINE+23]]: iteration i = 1 failed: mploop_lock_release: lock #{{[0-9]+}} (created {{.*}}) is not held by this process
// TWICE: mploop: error: {{.*}}lock_misuse.c:[[@LINE+22]]: iteration i = 1 failed: mploop_lock_acquire: lock #{{[0-9]+}} (created {{.*}}) is held by this process already (it would wait forever)
// DESTROY: mploop: error: {{.*}}lock_misuse.c:[[@LINE+21]]: iteration i = 1 failed: mploop_lock_destroy: lock #{{[0-9]+}} (created {{.*}}) is held
// FREE: mploop: error: {{.*}}lock_misuse.c:[[@LINE+20]]: iteration i = 1 failed: mploop_shared_free(0x{{[0-9a-f]+}}): not a block of mploop_shared_alloc (never allocated there, or freed already)
// LEAVE: mploop: error: {{.*}}lock_misuse.c:[[@LINE+19]]: iteration i = 1 failed: critical section: critical section 'io' is not held by this process
// END-NOT: after the loop
// END: status=1
// END-NEXT: none-left

#include <mploop.h>
#include <mploop/abi.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    mploop_lock *lock = mploop_lock_create();
    static int local;
    int held = !strcmp(what, "held"), release = !strcmp(what, "release"),
        twice = !strcmp(what, "twice"), destroy = !strcmp(what, "destroy"),
        bad_free = !strcmp(what, "free"), leave = !strcmp(what, "leave");
#pragma mploop for schedule(static, 1)
    for (int i = 0; i < 2; i++) {
        if (i != 1)
            continue;
        if (held || twice || destroy)
            mploop_lock_acquire(lock);
        if (twice)
            mploop_lock_acquire(lock);
        if (destroy)
            mploop_lock_destroy(lock);
        if (release)
            mploop_lock_release(lock);
        if (bad_free)
            mploop_shared_free(&local);
        if (leave)
            mploop_critical_leave("io");
    }
    fprintf(stderr, "after the loop\n");
    return 0;
}
