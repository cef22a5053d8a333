// Locks under contention: 8 workers on the machine's cores, each iteration
// takes a lock, does a read-modify-write of a shared counter with a pause
// in between (a lost update would show) and appends its index to a shared
// list at a slot the counter gives.  The counter is exact and every index
// appears exactly once.  The same with the unnamed and a named critical
// section (mploop_critical_enter/leave, as `#pragma mploop critical`
// generates), with mploop_lock_try spinning, and from the parent before
// and after the loop.  Under every team mode, tracker and MPLOOP_CHECK
// (1 and verify: no race report, shared memory written once).
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=8 timeout 120 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=8 MPLOOP_TEAM=fork timeout 120 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=8 MPLOOP_TRACKER=pagemap timeout 120 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=8 MPLOOP_TRACKER=mprotect timeout 120 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=8 MPLOOP_CHECK=1 timeout 120 %t > %t.out 2> %t.err
// RUN: FileCheck %s < %t.out
// RUN: not grep . %t.err
// RUN: env MPLOOP_WORKERS=8 MPLOOP_CHECK=verify timeout 120 %t > %t.v.out 2> %t.v.err
// RUN: FileCheck %s < %t.v.out
// RUN: not grep . %t.v.err
// RUN: env MPLOOP_WORKERS=1 timeout 120 %t | FileCheck %s
//
// CHECK: lock: counter 501 of 501, each index once: yes
// CHECK-NEXT: critical: counter 500 of 500, each index once: yes
// CHECK-NEXT: named: counter 500 of 500, each index once: yes
// CHECK-NEXT: try: counter 500 of 500, each index once: yes
// CHECK-NEXT: try on a held lock: EBUSY

#include <errno.h>
#include <mploop.h>
#include <mploop/abi.h>
#include <sched.h>
#include <stdio.h>

#define N 500

struct shared {
    volatile long counter;
    volatile int busy;
    int list[N + 1];
    unsigned char seen[N + 1];
};

static void bump(struct shared *s, int i)
{
    long c = s->counter;
    sched_yield(); // another holder would lose this update
    s->list[c] = i;
    s->counter = c + 1;
}

static int once(struct shared *s, long expect)
{
    for (long k = 0; k < expect; k++)
        s->seen[k] = 0;
    for (long k = 0; k < s->counter && k < expect; k++)
        s->seen[s->list[k]]++;
    for (long k = 0; k < expect; k++)
        if (s->seen[k] != 1)
            return 0;
    return 1;
}

int main(void)
{
    struct shared *s = mploop_shared_alloc(sizeof *s);
    mploop_lock *lock = mploop_lock_create();
    mploop_lock_acquire(lock);
    bump(s, N); // the parent takes part before the loop
    mploop_lock_release(lock);
#pragma mploop for schedule(dynamic, 7)
    for (int i = 0; i < N; i++) {
        mploop_lock_acquire(lock);
        bump(s, i);
        mploop_lock_release(lock);
    }
    printf("lock: counter %ld of %d, each index once: %s\n", s->counter, N + 1,
           once(s, N + 1) ? "yes" : "no");

    s->counter = 0;
#pragma mploop for
    for (int i = 0; i < N; i++) {
        mploop_critical_enter("");
        bump(s, i);
        mploop_critical_leave("");
    }
    printf("critical: counter %ld of %d, each index once: %s\n", s->counter, N,
           once(s, N) ? "yes" : "no");

    s->counter = 0;
#pragma mploop for schedule(guided)
    for (int i = 0; i < N; i++) {
        mploop_critical_enter("histogram");
        bump(s, i);
        mploop_critical_leave("histogram");
    }
    printf("named: counter %ld of %d, each index once: %s\n", s->counter, N,
           once(s, N) ? "yes" : "no");

    s->counter = 0;
    s->busy = 0;
#pragma mploop for
    for (int i = 0; i < N; i++) {
        while (mploop_lock_try(lock) == EBUSY)
            s->busy = 1, sched_yield();
        bump(s, i);
        mploop_lock_release(lock);
    }
    // With one worker nothing contends; report what the contract says.
    printf("try: counter %ld of %d, each index once: %s\n", s->counter, N,
           once(s, N) ? "yes" : "no");
    mploop_lock_acquire(lock);
    printf("try on a held lock: %s\n", mploop_lock_try(lock) == EBUSY ? "EBUSY" : "other");
    mploop_lock_release(lock);
    mploop_lock_destroy(lock);
    return 0;
}
