/*
 * demo.c - mploop's demonstration program.
 *
 * Measures the area of the Mandelbrot set by counting the points of a grid
 * that stay bounded, once sequentially and once on mploop's workers, checks
 * that both runs agree (the count and every per-row count written into a
 * heap array inside the loop), and prints the result, both wall times and
 * the speed-up.  Build: mploop-cc -O2 demo.c -o demo; run: ./demo
 * (MPLOOP_WORKERS=N chooses the number of workers).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define WIDTH 1600
#define HEIGHT 1200
#define MAX_ITER 1000

/* Iterations of z = z^2 + c before |z| > 2, or MAX_ITER. */
static int escape_time(double cr, double ci)
{
    double zr = 0, zi = 0;
    int k;
    for (k = 0; k < MAX_ITER && zr * zr + zi * zi <= 4.0; k++) {
        double t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
    }
    return k;
}

/* Count the grid points of [-2, 0.5] x [-1.25, 1.25] inside the set; each
 * row's count goes to rows[y].  With parallel = 0 the annotated loop runs
 * in-process, as the plain sequential loop would. */
static long count_inside(int parallel, int *rows)
{
    long inside = 0;
#pragma mploop for reduction(+:inside) schedule(dynamic, 8) if(parallel)
    for (int y = 0; y < HEIGHT; y++) {
        int n = 0;
        double ci = -1.25 + 2.5 * (y + 0.5) / HEIGHT;
        for (int x = 0; x < WIDTH; x++)
            if (escape_time(-2.0 + 2.5 * (x + 0.5) / WIDTH, ci) == MAX_ITER)
                n++;
        rows[y] = n;
        inside += n;
    }
    return inside;
}

/* Seconds on the monotonic clock. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The number of workers mploop uses: MPLOOP_WORKERS, else one per CPU. */
static long workers(void)
{
    const char *env = getenv("MPLOOP_WORKERS");
    if (env && atol(env) > 0)
        return atol(env);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus > 0 ? cpus : 1;
}

int main(void)
{
    int *seq_rows = calloc(HEIGHT, sizeof *seq_rows);
    int *par_rows = calloc(HEIGHT, sizeof *par_rows);
    if (!seq_rows || !par_rows) {
        perror("demo");
        return 1;
    }
    printf("mploop demo: Mandelbrot set on a %dx%d grid, up to %d iterations per point\n",
           WIDTH, HEIGHT, MAX_ITER);

    double t0 = now();
    long seq = count_inside(0, seq_rows);
    double t1 = now();
    long par = count_inside(1, par_rows);
    double t2 = now();

    int agree = seq == par && memcmp(seq_rows, par_rows, HEIGHT * sizeof *seq_rows) == 0;
    printf("points inside the set: %ld (area %.4f)\n", par,
           2.5 * 2.5 * (double)par / ((double)WIDTH * HEIGHT));
    printf("sequential: %.3f s\n", t1 - t0);
    printf("parallel:   %.3f s on %ld workers\n", t2 - t1, workers());
    printf("speed-up:   %.2fx\n", (t1 - t0) / (t2 - t1));
    printf("results agree: %s\n", agree ? "yes" : "NO");
    free(seq_rows);
    free(par_rows);
    return agree ? 0 : 1;
}
