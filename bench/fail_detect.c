/*
 * fail_detect.c - how long from a worker's crash to the parent carrying on.
 *
 * Each round runs a loop on 2 workers (schedule dynamic,1, iterations of
 * about 20 us) in which one iteration records the time and raises SIGSEGV.
 * Under MPLOOP_ON_ERROR=return the parent reports the failure, cancels the
 * other worker (which stops at its next chunk), reaps both, releases the
 * loop and returns; the program then reads the time again.  The difference
 * is the failure latency the user sees: detection (pidfd), cancellation,
 * reaping, cleanup and the report.
 *
 * With a second argument, the failing iteration first writes to every page
 * of a buffer of that many MiB allocated before the loop, so that the
 * crashing worker holds that much private memory: the kernel frees it
 * before the parent can see the worker's end (the pidfd becomes readable
 * after the address space is torn down), so the latency grows with it.
 *
 *   MPLOOP_ON_ERROR=return ./fail_detect [rounds [MiB]] 2>/dev/null
 *
 * prints the median, 90th percentile and maximum in milliseconds.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void spin_us(double us)
{
    double end = now_ms() + us / 1e3;
    while (now_ms() < end)
        ;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 200;
    if (rounds < 1)
        rounds = 1;
    size_t dirty = argc > 2 ? (size_t)atol(argv[2]) << 20 : 0;
    char *buf = dirty ? malloc(dirty) : NULL;
    if (buf)
        memset(buf, 1, dirty);
    /* Shared with the workers and never merged (a MAP_SHARED mapping). */
    double *crash_at = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    double *lat = malloc(rounds * sizeof *lat);
    if (crash_at == MAP_FAILED || !lat)
        return 1;
    for (int r = 0; r < rounds; r++) {
        *crash_at = 0;
#pragma mploop for schedule(dynamic, 1) num_workers(2)
        for (int i = 0; i < 2000; i++) {
            spin_us(20);
            if (i == 500) {
                for (size_t k = 0; k < dirty; k += 4096)
                    buf[k] = 2;
                *crash_at = now_ms();
                raise(SIGSEGV);
            }
        }
        double end = now_ms();
        if (*crash_at == 0) {
            fprintf(stderr, "fail_detect: the loop did not fail; run with MPLOOP_ON_ERROR=return\n");
            return 1;
        }
        lat[r] = end - *crash_at;
    }
    qsort(lat, rounds, sizeof *lat, cmp);
    printf("failure latency over %d rounds (crashing worker dirtied %zu MiB): median %.3f ms, "
           "p90 %.3f ms, max %.3f ms\n", rounds, dirty >> 20, lat[rounds / 2],
           lat[rounds * 9 / 10], lat[rounds - 1]);
    return 0;
}
