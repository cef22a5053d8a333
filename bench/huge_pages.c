/*
 * huge_pages.c - what huge pages save a worker: the cost of its first write
 * to each 4 KiB page of a large block, and the time of a loop that writes
 * the whole block, beside the same loops run sequentially in this process.
 *
 * A block of SIZE_MB (default 512) is allocated (the shared heap) and
 * written by the parent before the loops.  Then, ROUNDS times (default 7):
 *   touch  each of W iterations (W = MPLOOP_WORKERS, default 2; one per
 *          worker) writes one byte in every 4 KiB page of its 1/W of the
 *          block and times itself: a worker is a new process, so every write
 *          is its first to that page; the figure is the time per page;
 *   map    a[i] = i * 3 + r over all the block's ints, timed from before the
 *          loop to after it (fork and join included);
 * and the same two loops without workers (plain for loops, in this process,
 * whose pages are mapped already).  Medians are printed.  Compare the heap
 * in a memfd with the heap on a tmpfs mounted with huge pages, in one run of
 * the machine:
 *
 *   mount -t tmpfs -o huge=always none /mnt/huge
 *   MPLOOP_WORKERS=2 ./huge_pages
 *   MPLOOP_WORKERS=2 MPLOOP_HUGE_DIR=/mnt/huge ./huge_pages
 */
#include "kernels/bench.h"
#include <string.h>

#define PAGE 4096L
#define MAX_W 64

/* Milliseconds on the monotonic clock. */
static double now_ms(void)
{
    return bench_now() * 1e3;
}

/* Write one byte in every page of part w of W of block a of `pages` pages;
 * returns the time it took in milliseconds. */
static double touch(char *a, long pages, int w, int W, int r)
{
    long lo = pages * w / W, hi = pages * (w + 1) / W;
    double t0 = now_ms();
    for (long p = lo; p < hi; p++)
        a[p * PAGE] = (char)(r + p);
    return now_ms() - t0;
}

int main(int argc, char **argv)
{
    bench_forked_loops();
    long size_mb = argc > 1 ? atol(argv[1]) : 512;
    int rounds = argc > 2 ? atoi(argv[2]) : 7;
    const char *env = getenv("MPLOOP_WORKERS");
    int W = env && atoi(env) > 0 ? atoi(env) : 2;
    if (size_mb < 1 || rounds < 1 || rounds > 100 || W > MAX_W) {
        fprintf(stderr, "usage: huge_pages [SIZE_MB [ROUNDS]] (ROUNDS up to 100, "
                        "MPLOOP_WORKERS up to %d)\n", MAX_W);
        return 2;
    }
    long bytes = size_mb << 20, pages = bytes / PAGE, n = bytes / (long)sizeof(int);
    int *a = malloc((size_t)bytes);
    if (!a) {
        fprintf(stderr, "huge_pages: out of memory\n");
        return 1;
    }
    memset(a, 1, (size_t)bytes);
    double t_touch[100], t_map[100], s_touch[100], s_map[100];
    for (int r = 0; r < rounds; r++) {
        double ms[MAX_W];
#pragma mploop for schedule(static) num_workers(W)
        for (int w = 0; w < W; w++)
            ms[w] = touch((char *)a, pages, w, W, r);
        double sum = 0;
        for (int w = 0; w < W; w++)
            sum += ms[w];
        t_touch[r] = sum * 1e3 / (double)pages; /* us per page, per worker */

        double t0 = now_ms();
#pragma mploop for schedule(static)
        for (long i = 0; i < n; i++)
            a[i] = (int)(i * 3 + r);
        t_map[r] = now_ms() - t0;

        s_touch[r] = touch((char *)a, pages, 0, 1, r) * 1e3 / (double)pages;
        t0 = now_ms();
        for (long i = 0; i < n; i++)
            a[i] = (int)(i * 3 + r + 1);
        s_map[r] = now_ms() - t0;
    }
    const char *dir = getenv("MPLOOP_HUGE_DIR");
    printf("heap of %ld MB in %s, %d workers, median of %d rounds (check %d)\n", size_mb,
           dir && *dir ? dir : "a memfd", W, rounds, a[n / 2] - (int)((n / 2) * 3));
    printf("first write per 4 KiB page: worker %.3f us, sequential %.3f us\n",
           bench_median(t_touch, rounds), bench_median(s_touch, rounds));
    printf("map loop a[i] = i * 3 + r over %ld MB: workers %.1f ms, sequential %.1f ms\n",
           size_mb, bench_median(t_map, rounds), bench_median(s_map, rounds));
    return 0;
}
