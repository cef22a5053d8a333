/*
 * stream.c - write throughput of a streaming loop, and merge throughput.
 *
 * A block of SIZE_MB (default 256) is filled before the loops.  Then:
 *   dense   every byte of the block is written (a[i] = i * 3 + r, ints);
 *   sparse  one byte in every 64 KiB is written;
 * each loop ROUNDS times (default 5), timed from before the loop to after
 * it.  The program prints the best time per loop and the resulting write
 * rate in GB/s of the block's size (dense) or the loop time (sparse).  Run it
 * in the three settings and compare within one run of the machine:
 *
 *   MPLOOP_WORKERS=1 ./stream              in-process, the sequential rate
 *   MPLOOP_WORKERS=2 ./stream              direct mode: workers write in place
 *   MPLOOP_WORKERS=2 MPLOOP_CHECK=1 ./stream   snapshot mode: private copies, merge
 *   MPLOOP_WORKERS=2 MPLOOP_TEAM=fork ./stream fresh workers for every loop (they
 *                                              fault on every page they write)
 *
 * With MPLOOP_STATS=1 the runtime adds, per loop, the pages shipped, the
 * bytes merged and the time of the merge itself (merge throughput = bytes
 * merged / merge time).
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
    long size_mb = argc > 1 ? atol(argv[1]) : 256;
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    if (size_mb < 1 || rounds < 1) {
        fprintf(stderr, "usage: stream [SIZE_MB [ROUNDS]]\n");
        return 2;
    }
    long n = (size_mb << 20) / (long)sizeof(int);
    int *a = malloc(n * sizeof *a);
    if (!a) {
        fprintf(stderr, "stream: out of memory\n");
        return 1;
    }
    memset(a, 1, n * sizeof *a);
    double dense = 1e30, sparse = 1e30;
    for (int r = 0; r < rounds; r++) {
        double t0 = now_ms();
#pragma mploop for schedule(static)
        for (long i = 0; i < n; i++)
            a[i] = (int)(i * 3 + r);
        double t1 = now_ms();
#pragma mploop for schedule(static)
        for (long i = 0; i < n; i += 16384)
            a[i] = r - (int)i;
        double t2 = now_ms();
        if (t1 - t0 < dense)
            dense = t1 - t0;
        if (t2 - t1 < sparse)
            sparse = t2 - t1;
    }
    long check = 0;
    for (long i = 0; i < n; i += 4096)
        check += a[i];
    printf("block %ld MB: dense %.1f ms (%.2f GB/s), sparse (1 byte per 64 KiB) %.2f ms "
           "[check %ld]\n", size_mb, dense, size_mb / 1024.0 / (dense / 1e3), sparse, check);
    free(a);
    return 0;
}
