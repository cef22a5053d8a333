// A semaphore of count 3 under contention (8 workers): a shared gauge of
// the processes between wait and post never exceeds 3, and the count is
// back at 3 after the loop.  The count semantics of POSIX and Python: try
// at 0 returns EAGAIN, timedwait at 0 returns ETIMEDOUT, post then try
// succeeds, a count above INT_MAX is EINVAL; mploop_sem_timedwait also
// waits across processes (a worker posts what another waits for).
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=8 timeout 120 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=8 MPLOOP_TEAM=fork timeout 120 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=8 MPLOOP_TRACKER=mprotect timeout 120 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=8 MPLOOP_CHECK=1 timeout 120 %t 2> %t.err | FileCheck %s
// RUN: not grep . %t.err
//
// CHECK: gauge max <= 3: yes, holders after the loop: 0, uses: 400
// CHECK-NEXT: count after the loop: 3
// CHECK-NEXT: try at 0: EAGAIN
// CHECK-NEXT: timedwait at 0: ETIMEDOUT
// CHECK-NEXT: post then try: 0
// CHECK-NEXT: create above INT_MAX: NULL EINVAL
// CHECK-NEXT: handed over: 0 0

#include <errno.h>
#include <mploop.h>
#include <sched.h>
#include <stdio.h>

struct gauge {
    int now, max, uses;
};

int main(void)
{
    struct gauge *g = mploop_shared_alloc(sizeof *g);
    mploop_sem *sem = mploop_sem_create(3);
#pragma mploop for schedule(dynamic, 1)
    for (int i = 0; i < 400; i++) {
        mploop_sem_wait(sem);
        int now = __atomic_add_fetch(&g->now, 1, __ATOMIC_SEQ_CST);
        int max = __atomic_load_n(&g->max, __ATOMIC_RELAXED);
        while (now > max &&
               !__atomic_compare_exchange_n(&g->max, &max, now, 0, __ATOMIC_SEQ_CST,
                                            __ATOMIC_RELAXED))
            ;
        sched_yield();
        __atomic_add_fetch(&g->uses, 1, __ATOMIC_SEQ_CST);
        __atomic_sub_fetch(&g->now, 1, __ATOMIC_SEQ_CST);
        mploop_sem_post(sem);
    }
    printf("gauge max <= 3: %s, holders after the loop: %d, uses: %d\n",
           g->max <= 3 && g->max >= 1 ? "yes" : "no", g->now, g->uses);
    int count = 0;
    while (mploop_sem_try(sem) == 0)
        count++;
    printf("count after the loop: %d\n", count);
    printf("try at 0: %s\n", mploop_sem_try(sem) == EAGAIN ? "EAGAIN" : "other");
    printf("timedwait at 0: %s\n",
           mploop_sem_timedwait(sem, 0.01) == ETIMEDOUT ? "ETIMEDOUT" : "other");
    mploop_sem_post(sem);
    printf("post then try: %d\n", mploop_sem_try(sem));
    errno = 0;
    mploop_sem *big = mploop_sem_create(3000000000u);
    printf("create above INT_MAX: %s %s\n", big ? "made" : "NULL", errno == EINVAL ? "EINVAL" : "?");

    // One worker posts what the other waits for (with a generous timeout).
    mploop_sem *go = mploop_sem_create(0);
    int *rc = mploop_shared_alloc(2 * sizeof *rc);
#pragma mploop for schedule(static, 1)
    for (int i = 0; i < 2; i++) {
        if (i == 0)
            rc[0] = mploop_sem_timedwait(go, 60.0);
        else
            rc[1] = mploop_sem_post(go);
    }
    printf("handed over: %d %d\n", rc[0], rc[1]);
    mploop_sem_destroy(go);
    mploop_sem_destroy(sem);
    return 0;
}
