/*
 * jacobi.c - 2D Jacobi time stepping: two N x N grids of doubles on the
 * heap, the boundary held at fixed values, STEPS steps of
 *
 *     v[i][j] = (u[i-1][j] + u[i+1][j] + u[i][j-1] + u[i][j+1]) / 4
 *
 * over the interior, one parallel loop (over the rows) per step, then the
 * grids swap.  Prints the time of all the steps in seconds.
 *
 *   jacobi [N [STEPS]]          defaults 1024 1000
 *
 * Each element is computed the same way in every build, so the checksum
 * (the sum of the final grid, added in sequential order) is exact.
 */
#include "bench.h"

static void step(double *restrict v, const double *restrict u, long n)
{
#ifdef _OPENMP
#pragma omp parallel for schedule(static)
#endif
#pragma mploop for schedule(static)
    for (long i = 1; i < n - 1; i++)
        for (long j = 1; j < n - 1; j++)
            v[i * n + j] = 0.25 * (u[(i - 1) * n + j] + u[(i + 1) * n + j] +
                                   u[i * n + j - 1] + u[i * n + j + 1]);
}

int main(int argc, char **argv)
{
    long n = bench_arg(argc, argv, 1, 1024);
    long steps = bench_arg(argc, argv, 2, 1000);
    if (n < 3) {
        fprintf(stderr, "jacobi: N must be at least 3\n");
        return 2;
    }
    double *u = bench_alloc(n * n * sizeof *u), *v = bench_alloc(n * n * sizeof *v);
    for (long i = 0; i < n; i++)
        for (long j = 0; j < n; j++) {
            /* hot top edge, a warm left edge, cold elsewhere */
            double x = i == 0 ? 100.0 : j == 0 ? 50.0 : 0.0;
            u[i * n + j] = v[i * n + j] = x;
        }
    double t0 = bench_now();
    for (long s = 0; s < steps; s++) {
        step(v, u, n);
        double *w = u;
        u = v;
        v = w;
    }
    double t = bench_now() - t0;
    double sum = 0;
    for (long i = 0; i < n * n; i++)
        sum += u[i];
    bench_result("jacobi", "s", t, "%.15e", sum);
    return 0;
}
