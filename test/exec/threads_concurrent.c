// Loops started by several threads at once: three threads each run 40
// annotated loops over heap arrays of their own (a reduction, a
// lastprivate), every 10th loop printing from its body, and print a line
// after every loop while the other threads' loops run.  One loop runs on
// workers at a time; every result is checked, and the output, sorted, is
// the sequential build's: every line exactly once.  The program repeats the
// whole run 10 times (new threads each round); before loops were
// serialised, a round crashed or lost output in most runs.
// With the pagemap tracker, which cannot tell a worker's writes from the
// other threads', loops run in-process while the threads run.
//
// RUN: %cc -O2 -w -pthread %s -o %t.seq
// RUN: %mploop-cc -O2 -w -pthread %s -o %t.par
// RUN: %t.seq 10 | sort > %t.expected
// RUN: env MPLOOP_ADAPT=0 %t.par 10 > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=ROUNDS < %t.out
// RUN: sort %t.out | cmp %t.expected -
// RUN: count 0 < %t.err
// RUN: env MPLOOP_ADAPT=0 MPLOOP_TRACKER=pagemap MPLOOP_VERBOSE=1 %t.par 1 > %t.pm.out 2> %t.pm.err
// RUN: FileCheck %s --check-prefix=ROUND0 < %t.pm.out
// RUN: FileCheck %s --check-prefix=PAGEMAP < %t.pm.err
//
// ROUNDS-COUNT-10: {{^}}round {{[0-9]}}: 3 threads, 120 loops, 0 wrong{{$}}
// ROUNDS-NOT: wrong
// ROUND0: {{^}}round 0: 3 threads, 120 loops, 0 wrong{{$}}

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define THREADS 3
#define LOOPS 40
#define N 64

static int round_no;
static int wrong[THREADS];

static void *run(void *arg)
{
    int t = (int)(long)arg;
    for (int loop = 0; loop < LOOPS; loop++) {
        int *a = malloc(N * sizeof *a);
        long sum = 0;
        int last = -1;
        // PAGEMAP: threads_concurrent.c:[[@LINE+2]]: 64 iterations in-process (other threads run, and the pagemap tracker cannot tell their writes from the workers')
#pragma mploop for reduction(+:sum) lastprivate(last)
        for (int i = 0; i < N; i++) {
            a[i] = i * (t + 1) + loop;
            sum += a[i];
            last = a[i];
        }
        long want = 0;
        for (int i = 0; i < N; i++) {
            want += i * (t + 1) + loop;
            wrong[t] += a[i] != i * (t + 1) + loop;
        }
        wrong[t] += sum != want;
        wrong[t] += last != (N - 1) * (t + 1) + loop;
        if (loop % 10 == 0) {
#pragma mploop for schedule(dynamic)
            for (int i = 0; i < 4; i++)
                printf("round %d thread %d loop %d body line %d\n", round_no, t, loop, i);
        }
        printf("round %d thread %d loop %d sum %ld\n", round_no, t, loop, sum);
        free(a);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 1;
    for (round_no = 0; round_no < rounds; round_no++) {
        pthread_t th[THREADS];
        for (int t = 0; t < THREADS; t++)
            pthread_create(&th[t], NULL, run, (void *)(long)t);
        int bad = 0;
        for (int t = 0; t < THREADS; t++) {
            pthread_join(th[t], NULL);
            bad += wrong[t];
            wrong[t] = 0;
        }
        printf("round %d: %d threads, %d loops, %d wrong\n", round_no, THREADS,
               THREADS * LOOPS, bad);
    }
    return 0;
}
