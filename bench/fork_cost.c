/*
 * fork_cost.c - fixed cost of a loop (fork to join) against heap size.
 *
 * The program allocates HEAP_MB of heap in blocks of 64 MiB and writes every
 * page of it, then times rounds of an empty annotated loop (one iteration
 * per worker, nothing written) and prints the median and minimum per loop
 * in milliseconds.  Large blocks live in the shared memfd heap by default,
 * so the time should not depend on HEAP_MB; with MPLOOP_LARGE_MIN=off they
 * are glibc's private memory and every fork copies their page tables.
 * The loops after the first resume the persistent team by default; with
 * MPLOOP_TEAM=fork every loop forks fresh workers.
 *
 *   MPLOOP_WORKERS=2 ./fork_cost HEAP_MB [rounds]
 *   MPLOOP_WORKERS=2 MPLOOP_TEAM=fork ./fork_cost HEAP_MB [rounds]
 *   MPLOOP_WORKERS=2 MPLOOP_LARGE_MIN=off ./fork_cost HEAP_MB [rounds]
 *   MPLOOP_WORKERS=2 MPLOOP_CHECK=1 ./fork_cost HEAP_MB [rounds]   (snapshot mode)
 */
#include "kernels/bench.h"
#include <string.h>

/* Milliseconds on the monotonic clock. */
static double now_ms(void)
{
    return bench_now() * 1e3;
}

int main(int argc, char **argv)
{
    bench_forked_loops();
    long heap_mb = argc > 1 ? atol(argv[1]) : 10;
    int rounds = argc > 2 ? atoi(argv[2]) : 30;
    if (heap_mb < 1 || rounds < 1) {
        fprintf(stderr, "usage: fork_cost HEAP_MB [rounds]\n");
        return 2;
    }
    long nblocks = (heap_mb + 63) / 64;
    char **blocks = malloc(nblocks * sizeof *blocks);
    for (long b = 0; b < nblocks; b++) {
        long size = (b == nblocks - 1 ? heap_mb - 64 * b : 64) << 20;
        blocks[b] = malloc(size);
        if (!blocks[b]) {
            fprintf(stderr, "fork_cost: out of memory\n");
            return 1;
        }
        memset(blocks[b], (int)b, size);
    }
    double *t = malloc(rounds * sizeof *t);
    int workers = 2;
    const char *w = getenv("MPLOOP_WORKERS");
    if (w)
        workers = atoi(w);
    long sink = 0;
    for (int r = 0; r < rounds; r++) {
        double t0 = now_ms();
#pragma mploop for reduction(+:sink)
        for (int i = 0; i < workers; i++)
            sink += i;
        t[r] = now_ms() - t0;
    }
    qsort(t, rounds, sizeof *t, bench_cmp_double);
    printf("heap %ld MB: empty loop median %.3f ms, min %.3f ms (%d rounds, sink %ld)\n",
           heap_mb, t[rounds / 2], t[0], rounds, sink);
    return 0;
}
