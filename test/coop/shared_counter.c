// Counters exact under contention: 8 workers (on however few cores), each
// iteration updates variables of the enclosing function, a global and a
// static through the loop's shared() clause, inside `#pragma mploop
// critical` (unnamed and named, with a read-modify-write that a lost update
// would show) and with `#pragma mploop atomic`; a shared struct and array
// too.  `continue`, `break` (of an inner loop) and `goto` out of a critical
// statement release its lock (or the next entry would hang).  The program
// prints what the sequential program prints, with 1, 2 and 8 workers
// (in-process with 1), under every team mode, tracker and MPLOOP_CHECK=1
// (no warning about the shared variables).
//
// RUN: env MPLOOP_TEST_WORKERS="1 2 8" %exec-check %s %t
// RUN: env MPLOOP_TEST_WORKERS="8" MPLOOP_TEAM=fork %exec-check %s %t
// RUN: env MPLOOP_TEST_WORKERS="8" MPLOOP_TRACKER=pagemap %exec-check %s %t
// RUN: env MPLOOP_TEST_WORKERS="8" MPLOOP_TRACKER=mprotect %exec-check %s %t
// RUN: env MPLOOP_WORKERS=8 MPLOOP_CHECK=1 %t.par > %t.check.out 2> %t.check.err
// RUN: diff %t.expected %t.check.out
// RUN: not grep . %t.check.err
// RUN: FileCheck %s < %t.expected
//
// CHECK: critical 40000 40000 40000 40000
// CHECK-NEXT: atomic 40000 -40000 80000
// CHECK-NEXT: struct 40000 40000 array 10000 10000 10000 10000
// CHECK-NEXT: jumps 120000 40000 40000

#include <stdio.h>

struct tally { long n; double sum; };
long g_count;

static void pause_a_little(volatile int *sink)
{
    for (int k = 0; k < 20; k++)
        *sink += k;
}

int main(void)
{
    enum { N = 40000 };
    static long s_count;
    long count = 0, named = 0, up = 0, down = 0, twice = 0;
    struct tally t = { 0, 0 };
    long hist[4] = { 0 };
    long cont = 0, brk = 0, jumped = 0;
    volatile int sink = 0;

#pragma mploop for shared(count, named, g_count, s_count, sink) schedule(dynamic, 7)
    for (int i = 0; i < N; i++) {
#pragma mploop critical
        {
            long seen = count;
            pause_a_little(&sink);
            count = seen + 1;
            g_count++;
        }
#pragma mploop critical (other)
        {
            named++;
            s_count += 1;
        }
    }
    printf("critical %ld %ld %ld %ld\n", count, named, g_count, s_count);

#pragma mploop for shared(up, down, twice)
    for (int i = 0; i < N; i++) {
#pragma mploop atomic
        up++;
#pragma mploop atomic
        down -= 1;
#pragma mploop atomic update
        twice = twice + 2;
    }
    printf("atomic %ld %ld %ld\n", up, down, twice);

#pragma mploop for shared(t, hist)
    for (int i = 0; i < N; i++) {
#pragma mploop critical
        {
            t.n++;
            t.sum += 1.0;
            hist[i % 4]++;
        }
    }
    printf("struct %ld %.0f array %ld %ld %ld %ld\n", t.n, t.sum, hist[0], hist[1], hist[2],
           hist[3]);

#pragma mploop for shared(cont, brk, jumped)
    for (int i = 0; i < N; i++) {
        for (int k = 0; k < 3; k++) {
#pragma mploop critical (jumps)
            {
                cont++;
                if (k < 3)
                    continue;
                cont += 1000;
            }
        }
        for (;;) {
#pragma mploop critical (jumps)
            {
                brk++;
                break;
            }
        }
        if (i % 4 == 0) {
#pragma mploop critical (jumps)
            {
                jumped++;
                goto out;
            }
        }
#pragma mploop critical (jumps)
        jumped++;
        continue;
    out:
        jumped += 0;
    }
    printf("jumps %ld %ld %ld\n", cont, brk, jumped + 0 * (long)sink);
    return 0;
}
