/*
 * bench.h - what every kernel of the benchmark suite shares: a clock, a
 * median, argument parsing and the one line of results the runner reads.
 *
 * Every kernel is one C11 source built four ways: sequential (cc, the
 * pragmas ignored), mploop-cc, gcc -fopenmp and clang -fopenmp.  Each
 * parallel loop carries both pragmas:
 *
 *     #ifdef _OPENMP
 *     #pragma omp parallel for schedule(static)
 *     #endif
 *     #pragma mploop for schedule(static)
 *     for (...)
 *
 * mploop-cc does not define _OPENMP, so it sees only its own pragma; the
 * OpenMP compilers ignore `#pragma mploop` (-Wno-unknown-pragmas).  The
 * mploop pragma must stand directly above the `for`: the rewriter refuses a
 * preprocessor directive between the two, does not expand macros in its
 * clauses, and does not see a `_Pragma` that comes out of a macro.
 *
 * Output, one line per measured loop, parsed by bench/run-suite:
 *
 *     result kernel=NAME metric=UNIT value=NUMBER checksum=TEXT
 *
 * The checksum is computed so that every correct build prints the same text
 * (integer-valued sums, or values that no reordering changes).
 */
#ifndef MPLOOP_BENCH_H
#define MPLOOP_BENCH_H

#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Seconds on the monotonic clock. */
static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Median of v[0..n-1] (sorts v). */
static inline double bench_median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, bench_cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* argv[i] as a positive number, else the default; exits on a bad value. */
static inline long bench_arg(int argc, char **argv, int i, long dflt)
{
    if (argc <= i)
        return dflt;
    char *end;
    long v = strtol(argv[i], &end, 10);
    if (*end || v < 1) {
        fprintf(stderr, "%s: argument %d must be a positive number, not '%s'\n",
                argv[0], i, argv[i]);
        exit(2);
    }
    return v;
}

/* For the programs that measure forked loops (bench/*.c): mploop runs a
 * loop site in-process once its forked executions do not pay
 * (MPLOOP_ADAPT, on by default), which would measure the body instead of
 * the fork, merge and first touches.  So they turn adaptation off unless the
 * user set MPLOOP_ADAPT; call it first in main, before any loop. */
static inline void bench_forked_loops(void)
{
    setenv("MPLOOP_ADAPT", "0", 0);
}

/* Memory or exit: the kernels have nothing to do without their arrays. */
static inline void *bench_alloc(size_t bytes)
{
    void *p = malloc(bytes);
    if (!p) {
        fprintf(stderr, "bench: out of memory (%zu bytes)\n", bytes);
        exit(1);
    }
    return p;
}

/* The one result line; the checksum is formatted like printf. */
static inline void bench_result(const char *kernel, const char *metric, double value,
                                const char *checksum_fmt, ...)
{
    char sum[256];
    va_list ap;
    va_start(ap, checksum_fmt);
    vsnprintf(sum, sizeof sum, checksum_fmt, ap);
    va_end(ap);
    printf("result kernel=%s metric=%s value=%.6g checksum=%s\n", kernel, metric, value, sum);
    fflush(stdout);
}

#endif
