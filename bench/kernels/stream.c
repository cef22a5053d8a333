/*
 * stream.c - the four STREAM kernels (copy, scale, add, triad) over three
 * arrays of N doubles, written from the published algorithm:
 *
 *   a = 1, b = 2, c = 0, then a = 2a (untimed, touches every page);
 *   TRIALS times:  copy  c = a           (16 bytes moved per element)
 *                  scale b = q c         (16)
 *                  add   c = a + b       (24)
 *                  triad a = b + q c     (24)
 *   each kernel's rate is bytes moved / its best time over the trials after
 *   the first (the first trial warms up), in MB/s (10^6 bytes).
 *
 * Built with -DSTREAM_GLOBAL the arrays are global arrays (the data segment,
 * of STREAM_MAX doubles each; only N are used); otherwise they are malloc'd.
 *
 *   stream_heap [N [TRIALS]]        defaults 10000000 10
 *
 * Every element of an array holds the same value, which the recurrence
 * gives without the arrays: the checksum is "ok" and those three values
 * when every element matches, "WRONG" otherwise.
 */
#include "bench.h"

#ifndef STREAM_MAX
#define STREAM_MAX 10000000L
#endif

#ifdef STREAM_GLOBAL
#define STORAGE "global"
static double ga[STREAM_MAX], gb[STREAM_MAX], gc[STREAM_MAX];
#else
#define STORAGE "heap"
#endif

static const double q = 3.0;

static void copy(double *restrict c, const double *restrict a, long n)
{
#ifdef _OPENMP
#pragma omp parallel for schedule(static)
#endif
#pragma mploop for schedule(static)
    for (long i = 0; i < n; i++)
        c[i] = a[i];
}

static void scale(double *restrict b, const double *restrict c, long n)
{
#ifdef _OPENMP
#pragma omp parallel for schedule(static)
#endif
#pragma mploop for schedule(static)
    for (long i = 0; i < n; i++)
        b[i] = q * c[i];
}

static void add(double *restrict c, const double *restrict a, const double *restrict b, long n)
{
#ifdef _OPENMP
#pragma omp parallel for schedule(static)
#endif
#pragma mploop for schedule(static)
    for (long i = 0; i < n; i++)
        c[i] = a[i] + b[i];
}

static void triad(double *restrict a, const double *restrict b, const double *restrict c, long n)
{
#ifdef _OPENMP
#pragma omp parallel for schedule(static)
#endif
#pragma mploop for schedule(static)
    for (long i = 0; i < n; i++)
        a[i] = b[i] + q * c[i];
}

/* How many elements of x differ from v. */
static long wrong(const double *x, long n, double v)
{
    long w = 0;
    for (long i = 0; i < n; i++)
        w += x[i] != v;
    return w;
}

int main(int argc, char **argv)
{
    long n = bench_arg(argc, argv, 1, 10000000L);
    int trials = (int)bench_arg(argc, argv, 2, 10);
    if (trials < 2) {
        fprintf(stderr, "stream: TRIALS must be at least 2 (the first is not counted)\n");
        return 2;
    }
#ifdef STREAM_GLOBAL
    if (n > STREAM_MAX) {
        fprintf(stderr, "stream: N is at most %ld (STREAM_MAX) in this build\n", STREAM_MAX);
        return 2;
    }
    double *a = ga, *b = gb, *c = gc;
#else
    double *a = bench_alloc(n * sizeof *a), *b = bench_alloc(n * sizeof *b),
           *c = bench_alloc(n * sizeof *c);
#endif
    for (long i = 0; i < n; i++) {
        a[i] = 1.0;
        b[i] = 2.0;
        c[i] = 0.0;
    }
    for (long i = 0; i < n; i++)
        a[i] = 2.0 * a[i];

    static const char *names[4] = {"copy", "scale", "add", "triad"};
    static const double words[4] = {2, 2, 3, 3};
    double best[4] = {1e30, 1e30, 1e30, 1e30};
    for (int k = 0; k < trials; k++) {
        double t[5];
        t[0] = bench_now();
        copy(c, a, n);
        t[1] = bench_now();
        scale(b, c, n);
        t[2] = bench_now();
        add(c, a, b, n);
        t[3] = bench_now();
        triad(a, b, c, n);
        t[4] = bench_now();
        for (int j = 0; k > 0 && j < 4; j++)
            if (t[j + 1] - t[j] < best[j])
                best[j] = t[j + 1] - t[j];
    }

    /* The same recurrence on one element of each array. */
    double ea = 2.0, eb = 2.0, ec = 0.0;
    for (int k = 0; k < trials; k++) {
        ec = ea;
        eb = q * ec;
        ec = ea + eb;
        ea = eb + q * ec;
    }
    long bad = wrong(a, n, ea) + wrong(b, n, eb) + wrong(c, n, ec);
    for (int j = 0; j < 4; j++) {
        char kernel[32];
        snprintf(kernel, sizeof kernel, "%s_%s", names[j], STORAGE);
        bench_result(kernel, "MB/s", words[j] * sizeof(double) * n / best[j] / 1e6,
                     "%s:%.6e:%.6e:%.6e", bad ? "WRONG" : "ok", ea, eb, ec);
    }
    return 0;
}
