// Two workers take two locks in opposite orders and deadlock.  When
// MPLOOP_TIMEOUT expires, the report names, for each worker, the lock it
// waits on and the worker holding it; the program ends, nothing is left
// behind.  A semaphore nobody posts, and a queue nobody fills, are named
// the same way (a third and fourth worker block on them).  A lock the
// parent holds across the loop is named with the parent as its holder.
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=4 MPLOOP_TIMEOUT=2 python3 %mploop-src/test/fail/Inputs/alone.py --timeout 60 -- %t > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// RUN: env MPLOOP_WORKERS=4 MPLOOP_TIMEOUT=2 MPLOOP_TEAM=fork python3 %mploop-src/test/fail/Inputs/alone.py --timeout 60 -- %t > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// RUN: env MPLOOP_WORKERS=2 MPLOOP_TIMEOUT=1 python3 %mploop-src/test/fail/Inputs/alone.py --timeout 60 -- %t parent > %t.out 2>&1
// RUN: FileCheck %s --check-prefix=PARENT < %t.out
//
// PARENT: mploop: error: {{.*}}deadlock_timeout.c:{{[0-9]+}}: loop did not finish within MPLOOP_TIMEOUT (1000 ms)
// PARENT-DAG: mploop: note: worker 0 (pid {{[0-9]+}}) was waiting on lock #1 (created {{.*}}), held by the parent (pid {{[0-9]+}})
// PARENT-DAG: mploop: note: worker 1 (pid {{[0-9]+}}) was waiting on lock #1 (created {{.*}}), held by the parent (pid {{[0-9]+}})
// PARENT: status=1
// PARENT-NEXT: none-left
//
// CHECK: mploop: error: {{.*}}deadlock_timeout.c:{{[0-9]+}}: loop did not finish within MPLOOP_TIMEOUT (2000 ms)
// CHECK-DAG: mploop: note: worker 0 (pid {{[0-9]+}}) held lock #[[A:[0-9]+]] (created {{.*}})
// CHECK-DAG: mploop: note: worker 1 (pid {{[0-9]+}}) held lock #[[B:[0-9]+]] (created {{.*}})
// CHECK-DAG: mploop: note: worker 0 (pid {{[0-9]+}}) was waiting on lock #[[B]] (created {{.*}}), held by worker 1 (pid {{[0-9]+}})
// CHECK-DAG: mploop: note: worker 1 (pid {{[0-9]+}}) was waiting on lock #[[A]] (created {{.*}}), held by worker 0 (pid {{[0-9]+}})
// CHECK-DAG: mploop: note: worker 2 (pid {{[0-9]+}}) was waiting on semaphore #{{[0-9]+}} (created {{.*}})
// CHECK-DAG: mploop: note: worker 3 (pid {{[0-9]+}}) was waiting on queue #{{[0-9]+}} (created {{.*}})
// CHECK-NOT: after the loop
// CHECK: status=1
// CHECK-NEXT: none-left

#include <mploop.h>
#include <stdio.h>

static void take(mploop_lock *l)
{
    mploop_lock_acquire(l);
    mploop_lock_release(l);
}

int main(int argc, char **argv)
{
    mploop_lock *a = mploop_lock_create(), *b = mploop_lock_create();
    if (argc > 1) { // the parent holds the lock across the loop
        mploop_lock_acquire(a);
#pragma mploop for
        for (int i = 0; i < 2; i++)
            take(a);
        return 0;
    }
    mploop_sem *sem = mploop_sem_create(0);
    mploop_queue *q = mploop_queue_create(4, sizeof(int));
    volatile int *held = mploop_shared_alloc(2 * sizeof *held);
#pragma mploop for schedule(static, 1)
    for (int i = 0; i < 4; i++) { // one iteration per worker
        if (i < 2) {
            mploop_lock *first = i == 0 ? a : b, *second = i == 0 ? b : a;
            mploop_lock_acquire(first);
            __atomic_store_n(&held[i], 1, __ATOMIC_RELEASE);
            while (!__atomic_load_n(&held[1 - i], __ATOMIC_ACQUIRE))
                ;
            mploop_lock_acquire(second);
            mploop_lock_release(second);
            mploop_lock_release(first);
        } else if (i == 2) {
            mploop_sem_wait(sem);
        } else {
            int v;
            mploop_queue_pop(q, &v);
        }
    }
    fprintf(stderr, "after the loop\n");
    return 0;
}
