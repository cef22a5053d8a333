// The program's own fork(): the child gets a copy of the shared memory, as
// of the large-block heap (it is another program, not a worker): its
// writes do not reach the parent, and the parent's later writes do not
// reach it; in the child, locks and shared memory work for the child's own
// loops, whose workers share the child's copy.
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=2 timeout 60 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=2 MPLOOP_TEAM=fork timeout 60 %t | FileCheck %s
//
// CHECK-DAG: child: sees 1, its loop counted 100
// CHECK-DAG: parent: still 1, its loop counted 100

#include <mploop.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static void count(long *n, mploop_lock *lock)
{
    mploop_lock_acquire(lock);
    ++*n;
    mploop_lock_release(lock);
}

static long run(mploop_lock *lock)
{
    long *n = mploop_shared_alloc(sizeof *n);
#pragma mploop for
    for (int i = 0; i < 100; i++)
        count(n, lock);
    return *n;
}

int main(void)
{
    int *box = mploop_shared_alloc(sizeof *box);
    mploop_lock *lock = mploop_lock_create();
    *box = 1;
    run(lock); // the workers exist: the window is theirs too
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int seen = *box;
        *box = 2;
        printf("child: sees %d, its loop counted %ld\n", seen, run(lock));
        return 0;
    }
    waitpid(pid, NULL, 0);
    printf("parent: still %d, its loop counted %ld\n", *box, run(lock));
    return 0;
}
