/*
 * imbalance.c - two loops whose iterations cost very different amounts:
 *
 *   imb_tri   iteration i costs AVG * 2i/N steps (cost grows with i);
 *   imb_rand  iteration i costs 4 AVG u^3 steps, u uniform in [0, 1) from a
 *             hash of i (mean AVG, a few iterations cost up to 4 AVG);
 *
 * a step is one round of a 64-bit xorshift generator, a chain of dependent
 * shifts and exclusive ors that no compiler folds into fewer operations (a
 * multiply-add generator would be: unrolled, its steps combine).  The schedule is fixed at compile time: build with
 * -DSCHED_STATIC, -DSCHED_DYNAMIC, -DSCHED_GUIDED or -DSCHED_AUTO (one
 * binary per schedule).  Prints each loop's time in seconds.
 *
 *   imbalance [N [AVG]]         defaults 20000 10000
 *
 * Checksum: the sum of the generators' final states (unsigned, exact).
 */
#include "bench.h"
#include <stdint.h>

#if defined(SCHED_STATIC)
#define SCHED static
#define SCHED_NAME "static"
#elif defined(SCHED_DYNAMIC)
#define SCHED dynamic
#define SCHED_NAME "dynamic"
#elif defined(SCHED_GUIDED)
#define SCHED guided
#define SCHED_NAME "guided"
#elif defined(SCHED_AUTO)
#define SCHED auto
#define SCHED_NAME "auto"
#else
#error "build with -DSCHED_STATIC, -DSCHED_DYNAMIC, -DSCHED_GUIDED or -DSCHED_AUTO"
#endif

static long n_iter, avg;

static uint64_t hash(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    return x ^ (x >> 33);
}

/* The cost of iteration i of loop `kind` (0 tri, 1 rand), in steps. */
static long cost(int kind, long i)
{
    if (kind == 0)
        return (long)((double)avg * 2.0 * (double)i / (double)n_iter);
    double u = (double)(hash((uint64_t)i) >> 11) * 0x1p-53;
    return (long)(4.0 * (double)avg * u * u * u);
}

static uint64_t work(int kind, long i)
{
    uint64_t x = (uint64_t)i | 1;
    for (long k = cost(kind, i); k > 0; k--) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }
    return x;
}

/* mploop's rewriter reads its clauses literally (no macros), so each
   schedule has its own copy of the one-line loop. */
static uint64_t run(int kind)
{
    uint64_t sum = 0;
    long n = n_iter;
#ifdef _OPENMP
#pragma omp parallel for schedule(SCHED) reduction(+:sum)
    for (long i = 0; i < n; i++)
        sum += work(kind, i);
#elif defined(SCHED_STATIC)
#pragma mploop for schedule(static) reduction(+:sum)
    for (long i = 0; i < n; i++)
        sum += work(kind, i);
#elif defined(SCHED_DYNAMIC)
#pragma mploop for schedule(dynamic) reduction(+:sum)
    for (long i = 0; i < n; i++)
        sum += work(kind, i);
#elif defined(SCHED_GUIDED)
#pragma mploop for schedule(guided) reduction(+:sum)
    for (long i = 0; i < n; i++)
        sum += work(kind, i);
#else
#pragma mploop for schedule(auto) reduction(+:sum)
    for (long i = 0; i < n; i++)
        sum += work(kind, i);
#endif
    return sum;
}

int main(int argc, char **argv)
{
    n_iter = bench_arg(argc, argv, 1, 20000);
    avg = bench_arg(argc, argv, 2, 10000);
    static const char *names[2] = {"imb_tri", "imb_rand"};
    for (int kind = 0; kind < 2; kind++) {
        double t0 = bench_now();
        uint64_t sum = run(kind);
        double t = bench_now() - t0;
        char kernel[32];
        snprintf(kernel, sizeof kernel, "%s_%s", names[kind], SCHED_NAME);
        bench_result(kernel, "s", t, "%llu", (unsigned long long)sum);
    }
    return 0;
}
