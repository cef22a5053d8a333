// mploop_cancel in a search, under every schedule (schedule(runtime) with
// MPLOOP_SCHEDULE), on 1 (in-process), 2, 4 and 8 workers, with fresh
// workers for each loop and with the persistent team.  The program checks
// what the contract guarantees and prints one line per check:
//
// - search: the only iteration that matches cancels; it ran (so the match is
//   found), every iteration that ran kept its writes (out[i] is f(i) exactly
//   where the body's ran[i] says it ran, untouched elsewhere), the reduction
//   adds exactly the iterations that ran, lastprivate has the last
//   iteration's value if that ran and its value of before the loop
//   otherwise, the participant that cancelled ran no later iteration, and
//   mploop_cancelled() says so after the loop.
// - stop: iteration 0 cancels while every other iteration waits in its body
//   until mploop_cancelled() is true: each worker sees another worker's
//   cancel, finishes the iteration it runs and starts no other, so every
//   worker runs at most one iteration (the dynamic and guided counters hand
//   out no chunk after the cancel; a static worker stops before its next
//   iteration), and in-process only iteration 0 runs.
// - after: the next loop runs every iteration, and mploop_cancelled() is 0
//   again after it.
// - inproc: an if(0) loop cancelled stops after the cancelling iteration.
// - lastprivate: under schedule(static) the participant that cancels at
//   iteration N-2 never runs N-1, in its own share: the variable keeps its
//   value of before the loop; cancelled at N-1, the last iteration ran, and
//   the variable has its value.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: for team in fork persist; do for s in static static,3 dynamic dynamic,5 guided auto; do for w in 1 2 4 8; do \
// RUN:   env MPLOOP_TEAM=$team MPLOOP_SCHEDULE=$s MPLOOP_WORKERS=$w MPLOOP_ADAPT=0 MPLOOP_TIMEOUT=60 timeout -k 5 120 %t || echo "FAILED team=$team schedule=$s workers=$w"; \
// RUN: done; done; done > %t.out 2>&1
// RUN: FileCheck %s --implicit-check-not=FAILED --implicit-check-not=mploop: < %t.out
// RUN: grep -c "^all ok$" %t.out | FileCheck %s --check-prefix=COUNT
// CHECK: search: found 123457, writes kept, reduction of what ran, lastprivate ok, canceller stopped, cancelled=1
// CHECK: stop: at most one iteration per worker, iteration 0 ran, cancelled=1
// CHECK: after: every iteration ran, cancelled=0
// CHECK: inproc: ran 0..57 only, cancelled=1
// CHECK: lastprivate: kept -1 when N-1 did not run, 2799996 when it did
// CHECK: all ok
// COUNT: 48

#include <mploop.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

#define N 400000
#define MATCH 123457

static unsigned char ran[N];
static int who[N];
static long out[N];
static int bad;

static long f(long i)
{
    return i * 7 + 3;
}

static void check(int ok, const char *what)
{
    if (!ok) {
        printf("FAILED: %s\n", what);
        bad = 1;
    }
}

static void clear(void)
{
    for (long i = 0; i < N; i++) {
        ran[i] = 0;
        who[i] = -1;
        out[i] = 0;
    }
}

static void search(void)
{
    long sum = 0, last = -1;
    static long found[1] = { -1 };
    clear();
#pragma mploop for schedule(runtime) reduction(+: sum) lastprivate(last)
    for (long i = 0; i < N; i++) {
        ran[i] = 1;
        who[i] = mploop_worker_num();
        out[i] = f(i);
        sum += f(i);
        last = f(i);
        if (i == MATCH) {
            found[0] = i;
            mploop_cancel();
        }
    }
    int cancelled = mploop_cancelled();
    long expect = 0, count = 0;
    int kept = 1, later = 0;
    for (long i = 0; i < N; i++) {
        if (out[i] != (ran[i] ? f(i) : 0))
            kept = 0;
        if (ran[i]) {
            expect += f(i);
            count++;
        }
        if (i > MATCH && ran[i] && who[i] == who[MATCH])
            later = 1;
    }
    check(found[0] == MATCH && ran[MATCH], "the match was not found");
    check(kept, "the writes of the iterations that ran are not exactly those merged");
    check(sum == expect, "the reduction is not the sum over the iterations that ran");
    check(last == (ran[N - 1] ? f(N - 1) : -1), "lastprivate");
    check(!later, "the cancelling participant ran a later iteration");
    check(count < N, "every iteration ran");
    printf("search: found %ld, writes kept, reduction of what ran, lastprivate ok, "
           "canceller stopped, cancelled=%d\n", found[0], cancelled);
}

static void stop(int workers)
{
    clear();
#pragma mploop for schedule(runtime)
    for (long i = 0; i < N; i++) {
        ran[i] = 1;
        who[i] = mploop_worker_num();
        if (i == 0)
            mploop_cancel();
        while (!mploop_cancelled())
            sched_yield();
    }
    int per[8] = { 0 }, most = 0, wrong = 0;
    for (long i = 0; i < N; i++)
        if (ran[i]) {
            if (who[i] < 0 || who[i] >= workers)
                wrong = 1;
            else if (++per[who[i]] > most)
                most = per[who[i]];
        }
    check(!wrong, "a worker number is out of range");
    check(most == 1, "a worker ran more than one iteration");
    printf("stop: at most one iteration per worker, iteration 0 ran, cancelled=%d\n",
           ran[0] ? mploop_cancelled() : -1);
}

static void after(void)
{
    clear();
#pragma mploop for schedule(runtime)
    for (long i = 0; i < N; i++) {
        ran[i] = 1;
        out[i] = f(i);
    }
    long count = 0;
    for (long i = 0; i < N; i++)
        count += ran[i] && out[i] == f(i);
    check(count == N, "the loop after a cancelled one did not run fully");
    printf("after: every iteration ran, cancelled=%d\n", mploop_cancelled());
}

static void inproc(void)
{
    clear();
#pragma mploop for if(0)
    for (long i = 0; i < 100; i++) {
        ran[i] = 1;
        if (i == 57)
            mploop_cancel();
    }
    long count = 0;
    for (long i = 0; i < N; i++)
        count += ran[i];
    check(count == 58 && ran[57], "the in-process loop did not stop after iteration 57");
    printf("inproc: ran 0..57 only, cancelled=%d\n", mploop_cancelled());
}

static void lastpriv(void)
{
    long last = -1, last2 = -1;
    clear();
#pragma mploop for schedule(static) lastprivate(last)
    for (long i = 0; i < N; i++) {
        ran[i] = 1;
        last = f(i);
        if (i == N - 2)
            mploop_cancel();
    }
    check(last == -1 && !ran[N - 1] && ran[N - 2], "lastprivate after a cancel before the last iteration");
#pragma mploop for schedule(static) lastprivate(last2)
    for (long i = 0; i < N; i++) {
        last2 = f(i);
        if (i == N - 1)
            mploop_cancel();
    }
    check(last2 == f(N - 1), "lastprivate after a cancel in the last iteration");
    printf("lastprivate: kept %ld when N-1 did not run, %ld when it did\n", last, last2);
}

int main(void)
{
    const char *w = getenv("MPLOOP_WORKERS");
    int workers = w ? atoi(w) : 1;
    search();
    stop(workers);
    after();
    inproc();
    lastpriv();
    if (bad)
        return 1;
    printf("all ok\n");
    return 0;
}
