// A worker killed while it is blocked on a queue (popping from an empty
// one): the loop fails with the report of that worker and a note saying it
// was waiting on the queue; a worker blocked pushing to a full queue does
// not hang the program; nothing is left behind.  Under
// MPLOOP_ON_ERROR=return the queue still works after the loop.
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=3 python3 %mploop-src/test/fail/Inputs/alone.py --timeout 60 -- %t > %t.out 2>&1
// RUN: FileCheck %s --check-prefixes=CHECK,EXIT < %t.out
// RUN: env MPLOOP_WORKERS=3 MPLOOP_TEAM=fork MPLOOP_ON_ERROR=return python3 %mploop-src/test/fail/Inputs/alone.py --timeout 60 -- %t > %t.out 2>&1
// RUN: FileCheck %s --check-prefixes=CHECK,RET < %t.out
//
// CHECK: mploop: error: {{.*}}queue_blocked_killed.c:{{[0-9]+}}: worker 0 (pid [[PID:[0-9]+]]) killed by SIGKILL{{.*}} at iteration i = 0
// CHECK-DAG: mploop: note: worker 0 (pid [[PID]]) was waiting on queue #[[Q:[0-9]+]] (created {{.*}})
// CHECK-DAG: mploop: note: worker 2 (pid {{[0-9]+}}) was waiting on queue #{{[0-9]+}} (created {{.*}})
// EXIT-NOT: after the loop
// EXIT: status=137
// EXIT-NEXT: none-left
// RET: after the loop: push 0, pop 0 -> 7, error kind 1
// RET: status=0
// RET-NEXT: none-left

#include <mploop.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

// Is process pid sleeping (state S in /proc/PID/stat)?
static int asleep(int pid)
{
    char path[64], buf[256];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *p = strrchr(buf, ')');
    return p && p[1] == ' ' && p[2] == 'S';
}

int main(void)
{
    mploop_queue *empty = mploop_queue_create(4, sizeof(int));
    mploop_queue *full = mploop_queue_create(1, sizeof(int));
    int one = 1;
    mploop_queue_push(full, &one);
    volatile int *pid = mploop_shared_alloc(2 * sizeof *pid);
#pragma mploop for schedule(static, 1)
    for (int i = 0; i < 3; i++) { // one iteration per worker
        int v = 0;
        if (i == 0) {
            pid[0] = getpid();
            mploop_queue_pop(empty, &v); // blocks: the queue stays empty
        } else if (i == 1) {
            while (!pid[0] || !pid[1])
                ;
            while (!asleep(pid[0]) || !asleep(pid[1])) // until both sleep on their queue
                usleep(1000);
            kill(pid[0], SIGKILL);
        } else {
            pid[1] = getpid();
            mploop_queue_push(full, &v); // blocks: the queue stays full
        }
    }
    int v = 7, out = 0;
    const mploop_error *e = mploop_last_error();
    int pushed = mploop_queue_push(empty, &v);
    int popped = mploop_queue_pop(empty, &out);
    printf("after the loop: push %d, pop %d -> %d, error kind %d\n", pushed, popped, out,
           e ? e->kind : 0);
    fprintf(stderr, "after the loop\n");
    return 0;
}
