// MPLOOP_VERBOSE=1 tells when a loop waited for a loop of another thread
// (one loop runs on workers at a time) and when a loop that runs in-process
// ran beside one.  Thread A's loop holds the workers until the main thread
// lets it go: meanwhile the main thread runs an if(0) loop (beside), and
// thread C starts a loop, which waits (the main thread sees C blocked on
// the lock before letting A's loop finish).  Every result is checked.  Each
// loop writes an array on its own thread's stack: what other threads write
// while a loop runs on workers must not share a page with what its body
// writes (the merge would undo it).  The pagemap tracker runs these loops
// in-process (threads_concurrent.c).
//
// UNSUPPORTED: tracker-pagemap
// RUN: %mploop-cc -O2 -w -pthread %s -o %t
// RUN: env MPLOOP_ADAPT=0 MPLOOP_VERBOSE=1 %t > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=OUT < %t.out
// RUN: FileCheck %s < %t.err
// RUN: env MPLOOP_ADAPT=0 %t 2>&1 | FileCheck %s --check-prefix=OUT --implicit-check-not=mploop:
//
// OUT: holder 1 2, beside 3 6 9, waiter 10 20 30 40

#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int started[2], release[2];
static int holder_res[2], waiter_res[4];
static pid_t waiter_tid;

static void *holder(void *arg)
{
    (void)arg;
    int holder_out[2] = { 0 };
    // CHECK-DAG: threads_verbose.c:[[@LINE+2]]: 2 iterations on 2 workers
#pragma mploop for num_workers(2) schedule(static)
    for (int i = 0; i < 2; i++) {
        if (i == 0) {
            char c = 1;
            if (write(started[1], &c, 1) != 1 || read(release[0], &c, 1) != 1)
                abort();
        }
        holder_out[i] = i + 1;
    }
    memcpy(holder_res, holder_out, sizeof holder_out);
    return NULL;
}

static void *waiter(void *arg)
{
    (void)arg;
    int waiter_out[4] = { 0 };
    __atomic_store_n(&waiter_tid, (pid_t)syscall(SYS_gettid), __ATOMIC_RELEASE);
    // CHECK-DAG: threads_verbose.c:[[@LINE+3]]: threads: waited {{[0-9]+\.[0-9]+}} ms for a loop of another thread (one loop runs on workers at a time)
    // CHECK-DAG: threads_verbose.c:[[@LINE+2]]: 4 iterations on 2 workers
#pragma mploop for num_workers(2)
    for (int i = 0; i < 4; i++)
        waiter_out[i] = 10 * (i + 1);
    memcpy(waiter_res, waiter_out, sizeof waiter_out);
    return NULL;
}

// Whether thread tid sleeps in the futex system call (the loop lock).
static int in_futex(pid_t tid)
{
    char path[64], text[64] = "";
    snprintf(path, sizeof path, "/proc/self/task/%d/syscall", (int)tid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    int ok = fgets(text, sizeof text, f) != NULL && atol(text) == SYS_futex &&
             strncmp(text, "running", 7) != 0;
    fclose(f);
    return ok;
}

int main(void)
{
    pthread_t a, c;
    char byte;
    int beside_out[3] = { 0 };
    if (pipe(started) || pipe(release) || pthread_create(&a, NULL, holder, NULL) ||
        read(started[0], &byte, 1) != 1)
        return 1;
    // CHECK-DAG: threads_verbose.c:[[@LINE+3]]: threads: runs in-process beside a loop of another thread
    // CHECK-DAG: threads_verbose.c:[[@LINE+2]]: 3 iterations in-process (if clause false)
#pragma mploop for if(0)
    for (int i = 0; i < 3; i++)
        beside_out[i] = 3 * (i + 1);
    if (pthread_create(&c, NULL, waiter, NULL))
        return 1;
    pid_t tid;
    for (int polls = 0; !(tid = __atomic_load_n(&waiter_tid, __ATOMIC_ACQUIRE)) || !in_futex(tid);
         polls++) {
        struct timespec ms = { 0, 1000000 };
        if (polls == 30000) {
            printf("thread C never waited for the lock\n");
            return 1;
        }
        nanosleep(&ms, NULL);
    }
    if (write(release[1], &byte, 1) != 1 || pthread_join(a, NULL) || pthread_join(c, NULL))
        return 1;
    printf("holder %d %d, beside %d %d %d, waiter %d %d %d %d\n", holder_res[0], holder_res[1],
           beside_out[0], beside_out[1], beside_out[2], waiter_res[0], waiter_res[1],
           waiter_res[2], waiter_res[3]);
    return 0;
}
