// The loop report (MPLOOP_REPORT) of a cancelled loop counts the iterations
// that ran, in all and per worker, not the trip count: the program counts
// them itself (each iteration marks its slot with its worker number) and
// prints the counts, which the report must repeat.  A forked loop under the
// static and the dynamic schedule (its chunks cut short by the cancel), and
// an in-process one.  And no chunk is handed out after the cancel: under
// schedule(dynamic, 10), with iteration 0 cancelling while every other
// iteration waits for the cancel, each worker takes one chunk at most (its
// first iteration either sees the cancel or waits for it, and its next
// mploop_next sees it), so the report counts at most 2 chunks, not the
// 10000 of the loop.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: rm -f %t.json %t.inproc.json
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_REPORT=%t.json timeout -k 5 120 %t > %t.out
// RUN: python3 %mploop-src/test/lib/report_fields.py %t.json >> %t.out
// RUN: FileCheck %s < %t.out
// RUN: env MPLOOP_WORKERS=1 MPLOOP_REPORT=%t.inproc.json timeout -k 5 120 %t > %t.inproc.out
// RUN: python3 %mploop-src/test/lib/report_fields.py %t.inproc.json >> %t.inproc.out
// RUN: FileCheck %s --check-prefix=INPROC < %t.inproc.out
//
// CHECK: static: ran=[[S:[0-9]+]] w0=[[S0:[0-9]+]] w1=[[S1:[0-9]+]]
// CHECK: dynamic: ran=[[D:[0-9]+]] w0=[[D0:[0-9]+]] w1=[[D1:[0-9]+]]
// CHECK: claims: ran=[[C:[0-9]+]] w0=[[C0:[0-9]+]] w1=[[C1:[0-9]+]]
// CHECK: loop cancel_report.c:[[#STATIC:]]
// CHECK: runs=1
// CHECK: iterations=[[S]]{{$}}
// CHECK: worker 0 iterations=[[S0]] chunks=
// CHECK-NEXT: worker 1 iterations=[[S1]] chunks=
// CHECK: loop cancel_report.c:[[#STATIC+6]]
// CHECK: runs=1
// CHECK: iterations=[[D]]{{$}}
// CHECK: worker 0 iterations=[[D0]] chunks=
// CHECK-NEXT: worker 1 iterations=[[D1]] chunks=
// CHECK: loop cancel_report.c:[[#STATIC+15]]
// CHECK: iterations=[[C]]{{$}}
// CHECK-NEXT: workers=2
// CHECK-NEXT: chunks={{[0-2]}}{{$}}
// CHECK: worker 0 iterations=[[C0]] chunks={{[01]}} busy_s=
// CHECK-NEXT: worker 1 iterations=[[C1]] chunks={{[01]}} busy_s=
// INPROC: static: ran=1 w0=1 w1=0
// INPROC: dynamic: ran=151 w0=151 w1=0
// INPROC: claims: ran=1 w0=1 w1=0
// INPROC: runs_in_process=1
// INPROC: iterations=1{{$}}
// INPROC: runs_in_process=1
// INPROC: iterations=151{{$}}
// INPROC: runs_in_process=1
// INPROC: iterations=1{{$}}

#include <mploop.h>
#include <sched.h>
#include <stdio.h>

#define N 100000

static signed char who[N];

static void show(const char *what)
{
    long all = 0, w0 = 0, w1 = 0;
    for (long i = 0; i < N; i++) {
        all += who[i] > 0;
        w0 += who[i] == 1;
        w1 += who[i] == 2;
        who[i] = 0;
    }
    printf("%s: ran=%ld w0=%ld w1=%ld\n", what, all, w0, w1);
}

/* A body: mark iteration i as run by this worker; iteration 0 cancels the
 * loop, every other one waits until the loop is cancelled. */
static void mark_and_wait(long i)
{
    who[i] = (signed char)(mploop_worker_num() + 1);
    if (i == 0)
        mploop_cancel();
    while (!mploop_cancelled())
        sched_yield();
}

int main(void)
{
    /* Iteration 0 cancels; every other iteration waits for the cancel. */
#pragma mploop for schedule(static)
    for (long i = 0; i < N; i++)
        mark_and_wait(i);
    show("static");

    /* Iteration 150 cancels, in the middle of its chunk. */
#pragma mploop for schedule(dynamic, 100)
    for (long i = 0; i < N; i++) {
        who[i] = (signed char)(mploop_worker_num() + 1);
        if (i == 150)
            mploop_cancel();
    }
    show("dynamic");

    /* Iteration 0 cancels; every other iteration waits for the cancel. */
#pragma mploop for schedule(dynamic, 10)
    for (long i = 0; i < N; i++)
        mark_and_wait(i);
    show("claims");
    return 0;
}
