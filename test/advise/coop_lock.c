// The lock idiom on memory from mploop_shared_alloc is no dependence to
// the advisor either: the loop is not blocked.
//
// RUN: %mploop --suggest %s -- -I%mploop-src/include > %t.out
// RUN: FileCheck %s --match-full-lines --implicit-check-not={{.}} < %t.out

#include <mploop.h>

long count_all(int n)
{
    long *count = mploop_shared_alloc(sizeof *count);
    mploop_lock *l = mploop_lock_create();
// CHECK: {{.*}}coop_lock.c:[[@LINE+1]]:5: parallel: #pragma mploop for
    for (int i = 0; i < n; i++) {
        mploop_lock_acquire(l);
        *count += 1;
        mploop_lock_release(l);
    }
    return *count;
}
