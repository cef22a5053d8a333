// The lock idiom written in the loop body on memory from
// mploop_shared_alloc, which the rewriter accepts (accesses through a
// pointer set only from mploop_shared_alloc are no loop-carried
// dependence): a counter behind a pointer, with a read-modify-write and a
// pause in between (a lost update would show), and a struct member
// (`q->count++`) updated under mploop_lock_try and under a semaphore.
// 8 workers; the counts are exact under every team mode, tracker and
// MPLOOP_CHECK=1 (no race report on shared memory).
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=8 timeout 120 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=8 MPLOOP_TEAM=fork timeout 120 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=8 MPLOOP_TRACKER=pagemap timeout 120 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=8 MPLOOP_TRACKER=mprotect timeout 120 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=8 MPLOOP_CHECK=1 timeout 120 %t > %t.out 2> %t.err
// RUN: FileCheck %s < %t.out
// RUN: not grep . %t.err
//
// CHECK: count 1000 of 1000
// CHECK-NEXT: struct 1000 of 1000, sum 499500
// CHECK-NEXT: try 1000 of 1000
// CHECK-NEXT: sem 1000 of 1000

#include <errno.h>
#include <mploop.h>
#include <sched.h>
#include <stdio.h>

struct stats {
    long count;
    long sum;
};

int main(void)
{
    long *count = mploop_shared_alloc(sizeof *count);
    struct stats *q = mploop_shared_alloc(sizeof *q);
    mploop_lock *l = mploop_lock_create();
    mploop_sem *sem = mploop_sem_create(1);
#pragma mploop for
    for (int i = 0; i < 1000; i++) {
        mploop_lock_acquire(l);
        long c = *count;
        sched_yield(); // another holder would lose this update
        *count = c + 1;
        mploop_lock_release(l);
    }
    printf("count %ld of 1000\n", *count);

#pragma mploop for schedule(dynamic, 3)
    for (int i = 0; i < 1000; i++) {
        mploop_lock_acquire(l);
        q->count++;
        q->sum += i;
        mploop_lock_release(l);
    }
    printf("struct %ld of 1000, sum %ld\n", q->count, q->sum);

    q->count = 0;
#pragma mploop for
    for (int i = 0; i < 1000; i++) {
        while (mploop_lock_try(l) == EBUSY)
            sched_yield();
        q->count++;
        mploop_lock_release(l);
    }
    printf("try %ld of 1000\n", q->count);

    q->count = 0;
#pragma mploop for
    for (int i = 0; i < 1000; i++) {
        mploop_sem_wait(sem);
        long c = q->count;
        sched_yield();
        q->count = c + 1;
        mploop_sem_post(sem);
    }
    printf("sem %ld of 1000\n", q->count);
    return 0;
}
