/*
 * dot.c - dot product of two heap arrays of N doubles, a reduction loop,
 * repeated REPS times; prints the median time of one dot product in
 * seconds.
 *
 *   dot [N [REPS]]              defaults 10000000 20
 *
 * The elements are small integers (x[i] = i % 13, y[i] = i % 7), so every
 * partial sum is an exact integer and every order of addition gives the
 * same checksum.
 */
#include "bench.h"

int main(int argc, char **argv)
{
    long n = bench_arg(argc, argv, 1, 10000000L);
    int reps = (int)bench_arg(argc, argv, 2, 20);
    double *x = bench_alloc(n * sizeof *x), *y = bench_alloc(n * sizeof *y);
    double *times = bench_alloc(reps * sizeof *times);
    for (long i = 0; i < n; i++) {
        x[i] = (double)(i % 13);
        y[i] = (double)(i % 7);
    }
    double sum = 0;
    for (int r = 0; r < reps; r++) {
        double t0 = bench_now();
        sum = 0;
#ifdef _OPENMP
#pragma omp parallel for schedule(static) reduction(+:sum)
#endif
#pragma mploop for schedule(static) reduction(+:sum)
        for (long i = 0; i < n; i++)
            sum += x[i] * y[i];
        times[r] = bench_now() - t0;
    }
    bench_result("dot", "s", bench_median(times, reps), "%.0f", sum);
    return 0;
}
