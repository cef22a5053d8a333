/*
 * mandel.c - the Mandelbrot set over [-2, 1] x [-1.5, 1.5] on an N x N
 * grid, at most MAXITER iterations a point; one parallel loop over the rows
 * (schedule(dynamic): rows through the set cost far more than rows outside
 * it), each row's iteration counts written to an image on the heap.
 * Prints the loop's time in seconds.
 *
 *   mandel [N [MAXITER]]        defaults 2048 500
 *
 * Checksum: the points inside the set (a reduction) and the sum of the
 * image (added after the loop), both integers.
 */
#include "bench.h"

int main(int argc, char **argv)
{
    long n = bench_arg(argc, argv, 1, 2048);
    int maxiter = (int)bench_arg(argc, argv, 2, 500);
    int *img = bench_alloc(n * n * sizeof *img);
    long inside = 0;
    double t0 = bench_now();
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic) reduction(+:inside)
#endif
#pragma mploop for schedule(dynamic) reduction(+:inside)
    for (long y = 0; y < n; y++) {
        double ci = -1.5 + 3.0 * y / n;
        for (long x = 0; x < n; x++) {
            double cr = -2.0 + 3.0 * x / n, zr = 0, zi = 0;
            int k = 0;
            while (k < maxiter && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                k++;
            }
            img[y * n + x] = k;
            inside += k == maxiter;
        }
    }
    double t = bench_now() - t0;
    long long total = 0;
    for (long i = 0; i < n * n; i++)
        total += img[i];
    bench_result("mandelbrot", "s", t, "%ld:%lld", inside, total);
    return 0;
}
