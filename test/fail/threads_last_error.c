// mploop_last_error is per thread, like errno: under MPLOOP_ON_ERROR=return
// a loop that fails in thread A is A's last error, and thread B, whose own
// loop succeeds afterwards, and the main thread see none; each thread
// clears only its own.
//
// RUN: %mploop-cc -I%mploop-build/include -O2 -w -pthread %s -o %t
// RUN: env MPLOOP_ON_ERROR=return MPLOOP_WORKERS=2 %t 2> %t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=ERR < %t.err
//
// CHECK: thread A: threads_last_error.c:{{[0-9]+}} failed at i = 3: row 3 is bad
// CHECK-NEXT: thread B: sum 45, no error
// CHECK-NEXT: main: no error
// CHECK-NEXT: thread A again: still its error: yes
// ERR: mploop: error: {{.*}}threads_last_error.c:{{[0-9]+}}: iteration i = 3 failed: row 3 is bad

#include <mploop.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static int a_done[2], a_resume[2];

static void *thread_a(void *arg)
{
    (void)arg;
    static int out[10];
    char c = 1;
#pragma mploop for
    for (int i = 0; i < 10; i++) {
        if (i == 3)
            mploop_fail("row %d is bad", i);
        out[i] = i;
    }
    const mploop_error *e = mploop_last_error();
    if (e)
        printf("thread A: %s:%u failed at %s = %lld: %s\n", "threads_last_error.c", e->line,
               e->var, (long long)e->iteration, e->message);
    fflush(stdout);
    if (write(a_done[1], &c, 1) != 1 || read(a_resume[0], &c, 1) != 1)
        return NULL;
    printf("thread A again: still its error: %s\n", mploop_last_error() == e && e ? "yes" : "no");
    return NULL;
}

static void *thread_b(void *arg)
{
    (void)arg;
    long sum = 0;
#pragma mploop for reduction(+:sum)
    for (int i = 0; i < 10; i++)
        sum += i;
    printf("thread B: sum %ld, %s\n", sum, mploop_last_error() ? "an error" : "no error");
    mploop_clear_error();   /* clears nothing of thread A's */
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    char c = 1;
    if (pipe(a_done) || pipe(a_resume) || pthread_create(&a, NULL, thread_a, NULL) ||
        read(a_done[0], &c, 1) != 1 || pthread_create(&b, NULL, thread_b, NULL) ||
        pthread_join(b, NULL))
        return 1;
    printf("main: %s\n", mploop_last_error() ? "an error" : "no error");
    fflush(stdout);
    if (write(a_resume[1], &c, 1) != 1 || pthread_join(a, NULL))
        return 1;
    return 0;
}
