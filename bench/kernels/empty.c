/*
 * empty.c - the fixed cost of a parallel loop: a loop of ITERS (1024)
 * iterations whose body only counts (a reduction, so that the checksum
 * proves every iteration ran), entered LOOPS (10,000) times; each entry is
 * timed from before the loop to after it.  Prints the median per loop in
 * microseconds.
 *
 *   empty [ITERS [LOOPS]]       defaults 1024 10000
 */
#include "bench.h"

int main(int argc, char **argv)
{
    long iters = bench_arg(argc, argv, 1, 1024);
    int loops = (int)bench_arg(argc, argv, 2, 10000);
    double *times = bench_alloc(loops * sizeof *times);
    long count = 0;
    for (int r = 0; r < loops; r++) {
        double t0 = bench_now();
#ifdef _OPENMP
#pragma omp parallel for schedule(static) reduction(+:count)
#endif
#pragma mploop for schedule(static) reduction(+:count)
        for (long i = 0; i < iters; i++)
            count++;
        times[r] = bench_now() - t0;
    }
    bench_result("empty_loop", "us", 1e6 * bench_median(times, loops), "%ld", count);
    return 0;
}
