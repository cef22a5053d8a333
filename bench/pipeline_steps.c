/*
 * pipeline_steps.c - what a pipeline step costs: ITEMS items of 8 bytes
 * through three trivial stages (make, double it: parallel, add it up:
 * serial), run ROUNDS times each way, interleaved, beside the plain loop
 * that does the same work.  Prints the median time per item in
 * microseconds, one result line each:
 *
 *   result kernel=pipeline_steps_seq ...       the plain loop
 *   result kernel=pipeline_steps_inprocess ... mploop_pipeline_run(pl, 1)
 *   result kernel=pipeline_steps_workers ...   mploop_pipeline_run(pl, WORKERS)
 *
 *   pipeline_steps [ITEMS [ROUNDS [WORKERS]]]     defaults 200000 5 2
 *
 * A step is a lock, a futex wake-up when a worker sleeps, and the
 * bookkeeping of its output (docs/pipeline.md, "Cost"); the per-item time
 * on workers, over three steps, is what a stage's work must outweigh.
 */
#include "kernels/bench.h"
#include <mploop.h>

static long made, limit, sum;

static int make(const void *in, void *out, void *ctx)
{
    (void)in;
    (void)ctx;
    if (made == limit)
        return MPLOOP_STOP;
    *(long *)out = made++;
    return 0;
}

static int twice(const void *in, void *out, void *ctx)
{
    (void)ctx;
    *(long *)out = *(const long *)in * 2;
    return 0;
}

static int add(const void *in, void *out, void *ctx)
{
    (void)out;
    (void)ctx;
    sum += *(const long *)in;
    return 0;
}

/* Seconds of one run on `workers` (0: the plain loop). */
static double run(mploop_pipeline *pl, unsigned workers)
{
    made = sum = 0;
    double t0 = bench_now();
    if (workers == 0) {
        for (long i = 0; i < limit; i++)
            sum += i * 2;
    } else if (mploop_pipeline_run(pl, workers) != 0) {
        fprintf(stderr, "pipeline_steps: the pipeline failed\n");
        exit(1);
    }
    double t = bench_now() - t0;
    if (sum != limit * (limit - 1)) {
        fprintf(stderr, "pipeline_steps: sum %ld, not %ld\n", sum, limit * (limit - 1));
        exit(1);
    }
    return t;
}

int main(int argc, char **argv)
{
    bench_forked_loops();
    limit = bench_arg(argc, argv, 1, 200000);
    int rounds = (int)bench_arg(argc, argv, 2, 5);
    unsigned workers = (unsigned)bench_arg(argc, argv, 3, 2);
    mploop_pipeline *pl = mploop_pipeline_create(0);
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, make, NULL, sizeof(long));
    mploop_pipeline_stage(pl, MPLOOP_STAGE_PARALLEL, twice, NULL, sizeof(long));
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, add, NULL, 0);
    double *t[3];
    for (int w = 0; w < 3; w++)
        t[w] = bench_alloc((size_t)rounds * sizeof(double));
    for (int r = 0; r < rounds; r++) {
        t[0][r] = run(pl, 0);
        t[1][r] = run(pl, 1);
        t[2][r] = run(pl, workers);
    }
    static const char *const names[] = { "pipeline_steps_seq", "pipeline_steps_inprocess",
                                         "pipeline_steps_workers" };
    for (int w = 0; w < 3; w++)
        bench_result(names[w], "us_per_item", bench_median(t[w], rounds) / (double)limit * 1e6,
                     "%ld", sum);
    mploop_pipeline_destroy(pl);
    return 0;
}
