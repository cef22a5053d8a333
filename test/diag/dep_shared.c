// Memory the workers share on purpose.  Accesses through a local pointer
// whose every assignment is from mploop_shared_alloc (a struct's members
// too) are no loop-carried dependence: the loop is accepted without a
// word.  Accesses between mploop_lock_acquire and mploop_lock_release (or
// in an if on a successful mploop_lock_try, or between mploop_sem_wait and
// mploop_sem_post) through any other pointer are accepted too, and
// -Wmploop-unverified says they must be to shared memory.  A pointer also
// set otherwise, a release of another lock, an access after the release: the dependence stays an error.
//
// RUN: %mploop %s -o %t.c -- -I%mploop-src/include 2>&1 | count 0
// RUN: %mploop -Wmploop-unverified %s -o %t.c -- -I%mploop-src/include 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning: --implicit-check-not=note:
// RUN: not %mploop %s -o %t.c -- -DBAD -I%mploop-src/include 2>&1 | FileCheck %s --check-prefix=BAD --implicit-check-not=error: --implicit-check-not=warning:

#include <mploop.h>
#include <stdlib.h>

struct stats {
    long count;
    double sum;
};
long *gp;

void f(long *p, struct stats *q, mploop_lock *l, mploop_sem *sem, int n)
{
    long *count = mploop_shared_alloc(sizeof *count);
    struct stats *st;
    st = (struct stats *)mploop_shared_alloc(sizeof *st);
    mploop_lock *mine = mploop_lock_create();
#pragma mploop for
    for (int i = 0; i < n; i++) {
        mploop_lock_acquire(mine);
        *count += 1;
        st->count++;
        st->sum += i;
        mploop_lock_release(mine);
    }
#pragma mploop for
    for (int i = 0; i < n; i++) {
        mploop_lock_acquire(l);
        *p += i;
        q->count++;
        mploop_lock_release(l);
    }
// CHECK: dep_shared.c:[[@LINE-6]]:5: warning: the rewriter cannot verify that the iterations are independent: '*p' is accessed under a lock or semaphore (line [[@LINE-4]]) and must be memory from mploop_shared_alloc: the lock orders nothing else, the workers' writes to other memory are merged after the loop; run with MPLOOP_CHECK=verify to compare the loop with a sequential run [-Wmploop-unverified]
// CHECK: dep_shared.c:[[@LINE-5]]:9: note: '*p' is guarded by a lock here
#pragma mploop for
    for (int i = 0; i < n; i++) {
        mploop_sem_wait(sem);
        *gp += i;
        mploop_sem_post(sem);
    }
// CHECK: dep_shared.c:[[@LINE-5]]:5: warning: {{.*}}: '*gp' is accessed under a lock or semaphore (line [[@LINE-3]]) and must be memory from mploop_shared_alloc{{.*}} [-Wmploop-unverified]
// CHECK: dep_shared.c:[[@LINE-4]]:9: note: '*gp' is guarded by a lock here
#pragma mploop for
    for (int i = 0; i < n; i++) {
        if (mploop_lock_try(l) == 0) {
            q->sum += i;
            mploop_lock_release(l);
        }
    }
// CHECK: dep_shared.c:[[@LINE-6]]:5: warning: {{.*}}: 'q->sum' is accessed under a lock or semaphore (line [[@LINE-4]]) and must be memory from mploop_shared_alloc{{.*}} [-Wmploop-unverified]
// CHECK: dep_shared.c:[[@LINE-5]]:13: note: 'q->sum' is guarded by a lock here
}

void h(double *acc, mploop_lock *l, int n)
{
#pragma mploop for
    for (int i = 0; i < n; i++) {
        if (!mploop_lock_try(l)) {
            acc[0] += i;
            mploop_lock_release(l);
        }
    }
// CHECK: dep_shared.c:[[@LINE-6]]:5: warning: {{.*}}: 'acc[0]' is accessed under a lock or semaphore (line [[@LINE-4]]) and must be memory from mploop_shared_alloc{{.*}} [-Wmploop-unverified]
// CHECK: dep_shared.c:[[@LINE-5]]:13: note: 'acc[0]' is guarded by a lock here
}

#ifdef BAD
void g(long *p, mploop_lock *l, mploop_lock *l2, int n, int c)
{
    long *count = mploop_shared_alloc(sizeof *count);
    if (c)
        count = malloc(sizeof *count);
#pragma mploop for
    for (int i = 0; i < n; i++)
        *count += 1;
// BAD: dep_shared.c:[[@LINE-2]]:5: error: loop-carried flow dependence: iteration i writes *count
#pragma mploop for
    for (int i = 0; i < n; i++) {
        mploop_lock_acquire(l);
        *p += i;
        mploop_lock_release(l2);
    }
// BAD: dep_shared.c:[[@LINE-5]]:5: error: loop-carried flow dependence: iteration i writes *p
#pragma mploop for
    for (int i = 0; i < n; i++) {
        mploop_lock_acquire(l);
        mploop_lock_release(l);
        *p += i;
    }
// BAD: dep_shared.c:[[@LINE-5]]:5: error: loop-carried flow dependence: iteration i writes *p
}
#endif
