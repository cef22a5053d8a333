/*
 * bench.h - what the files of mploop-bench, the scaling sweep, share.
 *
 * mploop-bench runs a program built with mploop-cc once per worker count
 * (and a sequential build once, when given), round after round, with the
 * loop report of each run in a CSV file (MPLOOP_REPORT=FILE.csv), and
 * prints the median wall time, speed-up and efficiency per worker count for
 * the whole program and for each loop.  It is split by concern:
 *   bench_main.c    options, the sweep (which run comes when), medians
 *   bench_csv.c     reading one loop report written as CSV
 *   bench_print.c   the results as a table or as JSON
 *   bench_plot.c    the speed-up chart, drawn by gnuplot
 *   driver_spawn.c  running programs, the private temporary directory
 *                   (shared with mploop-cc)
 *   util.c          memory, string and file helpers (util.h)
 *   linux_cpus.c    the number of CPUs the process may run on (util.h)
 *
 * Internal non-static names start with rw_bench_ (rw_ elsewhere in tool/).
 */
#ifndef RW_BENCH_H
#define RW_BENCH_H

#include <stddef.h>

#include "util.h"

/* ---- bench_csv.c -------------------------------------------------------- */

/* One loop's row of a loop report: the figures mploop-bench uses. */
struct rw_bench_row {
    char *loop;          /* "FILE:LINE" as the report names it */
    char *file;
    long line;
    double wall_s;       /* summed over the loop's executions */
    long runs, runs_in_process;
};

/* Read the loop report at path (the CSV that MPLOOP_REPORT=FILE.csv
 * writes) into a new array of rows, their number in *n.  Returns 0; -ENOENT
 * when there is no file (the program ran no annotated loop, or was not
 * built with mploop-cc); another negative errno code when the file cannot
 * be read, -EINVAL when it is not a loop report, with *why set to a static
 * description. */
int rw_bench_read_report(const char *path, struct rw_bench_row **rows, size_t *n,
                         const char **why);

/* ---- bench_main.c: the results ------------------------------------------ */

/* One setting's figures: the median over the rounds and each round's
 * value (NAN where the round has none, e.g. a loop that did not run). */
struct rw_bench_point {
    double wall_s;       /* median; NAN when no round has a value */
    double speedup, efficiency; /* NAN when unknown */
    double runs, runs_in_process; /* medians, loops only */
    double *samples;     /* wall time, one per round */
    double *run_counts, *inproc_counts; /* loops: runs, runs_in_process per round */
};

/* A program or loop across the settings: points[s] is setting s. */
struct rw_bench_series {
    char *loop;          /* NULL for the whole program */
    char *file;
    long line;
    struct rw_bench_point *points;
};

/* Everything the sweep measured. */
struct rw_bench_result {
    char **command;      /* the program and its arguments */
    const char *seq;     /* the sequential build, or NULL */
    int rounds;
    int cpus;            /* CPUs mploop-bench may run on */
    size_t nsettings;
    int *workers;        /* per setting: the worker count, 0 for --seq */
    int added_one;       /* 1 workers was measured without being asked for */
    struct rw_bench_series program;
    struct rw_bench_series *loops;
    size_t nloops;
    int no_report;       /* no run wrote a loop report */
};

/* ---- bench_print.c ------------------------------------------------------ */

/* The results as an aligned table on stdout. */
void rw_bench_print_table(const struct rw_bench_result *r);
/* The results as one JSON document on stdout (docs/bench.schema.json). */
void rw_bench_print_json(const struct rw_bench_result *r);

/* ---- bench_plot.c ------------------------------------------------------- */

/* Draw speed-up against workers, per loop and for the program, with the
 * ideal line, into the PNG file at path by running gnuplot.  Returns 0, or
 * 1 after reporting the failure. */
int rw_bench_plot(const struct rw_bench_result *r, const char *path);

#endif /* RW_BENCH_H */
