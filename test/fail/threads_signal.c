// SIGTERM sent to a program with threads while one thread's loop runs on
// workers: the signal is delivered to another thread (the loop's thread
// blocks it outside its wait), which passes it on; the loop stops at once,
// its workers are reaped, and the program ends by SIGTERM as the
// sequential program would, with no report.  Before, the loop's thread slept
// on until a worker ended (here: never; `timeout` ends the program after a
// minute, with another status).
//
// RUN: %mploop-cc -O2 -w -pthread %s -o %t
// RUN: env MPLOOP_ADAPT=0 sh -c 'timeout -k 10 60 %t; echo status=$?' > %t.out 2> %t.err
// RUN: FileCheck %s < %t.out
// RUN: not grep mploop: %t.err
//
// CHECK: loop started
// CHECK-NEXT: status=143

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static int started[2], never[2];

static void *looper(void *arg)
{
    (void)arg;
    char c = 1;
#pragma mploop for num_workers(2) schedule(static)
    for (int i = 0; i < 2; i++) {
        if ((i == 0 && write(started[1], &c, 1) != 1) || read(never[0], &c, 1) >= 0)
            _exit(3);   /* both workers wait for ever */
    }
    return NULL;
}

int main(void)
{
    pthread_t t;
    char c;
    if (pipe(started) || pipe(never) || pthread_create(&t, NULL, looper, NULL) ||
        read(started[0], &c, 1) != 1)
        return 1;
    printf("loop started\n");
    fflush(stdout);
    kill(getpid(), SIGTERM);   /* the main thread does not block it: it gets it */
    pthread_join(t, NULL);
    printf("not reached\n");
    return 0;
}
