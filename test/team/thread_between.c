// A thread started between two loops (and still running): fork copies only
// the calling thread, and a team forked while another thread exists could
// not be made equal to a later fork, so from then on every loop forks
// workers that do not park.  The second loop reads what the thread wrote.
//
// RUN: %exec-check %s %t -pthread
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_VERBOSE=3 %t.par 2>&1 >/dev/null | grep ": team: " | FileCheck %s
// CHECK: team: forked 2 workers (first loop on workers)
// CHECK-NEXT: team: forked 2 workers (the program has more than one thread); they will not park: the program has more than one thread
// CHECK-NEXT: team: forked 2 workers (the program has more than one thread); they will not park: the program has more than one thread
// CHECK-NOT: resumed

#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static int pipefd[2];
static volatile int from_thread;

static void *helper(void *arg)
{
    (void)arg;
    from_thread = 42;
    char c;
    while (read(pipefd[0], &c, 1) < 0)
        ;
    return NULL;
}

int main(void)
{
    static int out[128];
#pragma mploop for
    for (int i = 0; i < 128; i++)
        out[i] = i;
    pipe(pipefd);
    pthread_t t;
    pthread_create(&t, NULL, helper, NULL);
    while (!from_thread)
        usleep(1000);
#pragma mploop for
    for (int i = 0; i < 128; i++)
        out[i] += from_thread;
#pragma mploop for
    for (int i = 0; i < 128; i++)
        out[i] *= 2;
    write(pipefd[1], "x", 1);
    pthread_join(t, NULL);
    long s = 0;
    for (int i = 0; i < 128; i++)
        s += out[i];
    printf("%ld\n", s);
    return 0;
}
