// A dependence proven through a pointer parameter or a global pointer,
// outside any lock, in a body that calls mploop_lock_, mploop_sem_ or
// mploop_queue_ functions: the error gets a note suggesting a critical
// statement or an mploop_lock when the memory is shared on purpose.  The
// same dependence in a body that uses none of them has no such note.
//
// RUN: not %mploop %s -o %t.c -- -I%mploop-src/include 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning: --implicit-check-not=note:

#include <mploop.h>

long *total;

void f(long *p, mploop_lock *l, mploop_queue *qu, int n)
{
#pragma mploop for
    for (int i = 0; i < n; i++) {
        *p += i;
        mploop_lock_acquire(l);
        mploop_lock_release(l);
    }
// CHECK: dep_shared_note.c:[[@LINE-5]]:5: error: loop-carried flow dependence: iteration i writes *p (line [[@LINE-4]]), which a later iteration reads as *p (line [[@LINE-4]])
// CHECK: dep_shared_note.c:[[@LINE-5]]:9: note: '*p' is written here by iteration i
// CHECK: dep_shared_note.c:[[@LINE-6]]:9: note: '*p' is read here by a later iteration
// CHECK: dep_shared_note.c:[[@LINE-8]]:5: note: if this memory comes from mploop_shared_alloc and the iterations synchronize, guard the update with '#pragma mploop critical' or an mploop_lock
#pragma mploop for
    for (int i = 0; i < n; i++) {
        long v = i;
        *total += v;
        mploop_queue_push(qu, &v);
    }
// CHECK: dep_shared_note.c:[[@LINE-5]]:5: error: loop-carried flow dependence: iteration i writes *total
// CHECK: dep_shared_note.c:[[@LINE-4]]:9: note: '*total' is written here by iteration i
// CHECK: dep_shared_note.c:[[@LINE-5]]:9: note: '*total' is read here by a later iteration
// CHECK: dep_shared_note.c:[[@LINE-8]]:5: note: if this memory comes from mploop_shared_alloc {{.*}}
#pragma mploop for
    for (int i = 0; i < n; i++)
        *p += i;
// CHECK: dep_shared_note.c:[[@LINE-2]]:5: error: loop-carried flow dependence: iteration i writes *p
// CHECK: dep_shared_note.c:[[@LINE-2]]:9: note: '*p' is written here by iteration i
// CHECK: dep_shared_note.c:[[@LINE-3]]:9: note: '*p' is read here by a later iteration
}
