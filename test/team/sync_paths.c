// What a resumed worker must see, written by the parent between loops (or
// by the merge) in every kind of private memory: a global, a static local,
// the enclosing function's locals, a small heap block (glibc's heap), a
// thread-local variable and the stack of a caller, with loops run from
// functions at different stack depths (a resumed worker continues in
// whichever frame the parent is).  Every loop after the first resumes the
// parked team; the sums equal the sequential program's.
//
// RUN: %exec-check %s %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_VERBOSE=3 %t.par 2>&1 >/dev/null | grep ": team: " | FileCheck %s
// CHECK: team: forked 2 workers (first loop on workers)
// CHECK-NOT: forked
// CHECK: team: resumed 2 parked workers
// CHECK-NOT: forked

#include <stdio.h>
#include <stdlib.h>

int global_step;
static __thread int tls_bias;

/* A loop reading memory of every kind; recursion puts it at several depths. */
static long run(int depth, long *heap, long caller_local)
{
    static long static_acc;
    long acc[64];
    long sum = 0;
    if (depth > 0) {
        char pad[512];
        pad[depth] = (char)depth;
        return run(depth - 1, heap, caller_local + pad[depth]);
    }
    for (int i = 0; i < 64; i++)
        acc[i] = i + global_step;
    static_acc += global_step;
#pragma mploop for reduction(+: sum)
    for (int i = 0; i < 64; i++) {
        heap[i] += acc[i] + static_acc + tls_bias + caller_local;
        sum += heap[i];
    }
    return sum;
}

int main(void)
{
    long *heap = calloc(64, sizeof *heap);
    long total = 0;
    for (int step = 0; step < 40; step++) {
        global_step = step * 3;
        tls_bias = step % 5;
        total += run(step % 7, heap, step);
        total %= 1000000007;
    }
    printf("total %ld heap[63] %ld\n", total, heap[63]);
    free(heap);
    return 0;
}
