/*
 * bench_main.c - mploop-bench: how a program built with mploop-cc scales
 * with the number of workers.
 *
 *   mploop-bench [--workers 1,2,4] [--runs 5] [--seq ./prog.seq]
 *                [--plot out.png] [--json] [--quiet] -- ./prog args...
 *
 * The sweep runs the program once per worker count (MPLOOP_WORKERS) and the
 * sequential build once, in every round, the settings interleaved so that a
 * change in the machine's load spreads over all of them; each run writes
 * its loop report to a CSV file in a private temporary directory.  The
 * program's wall time is measured here, from before the fork to the end of
 * the wait; each loop's is the report's (summed over its executions).  The
 * figures shown are medians over the rounds.
 *
 * One worker is always measured: with one worker every loop runs
 * in-process, at the sequential loop's speed, which makes it the loops'
 * baseline (a sequential build writes no loop report), and the program's
 * baseline when no sequential build is given.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "driver.h"

/* Worker counts accepted in --workers (the runtime's own limit is 256). */
#define MAX_WORKERS 256

/* The command line. */
struct options {
    const char *workers;  /* --workers list */
    int rounds;           /* --runs */
    const char *seq;      /* --seq program */
    const char *plot;     /* --plot file */
    int json, quiet;
    char **command;       /* the program and its arguments */
};

/* Whether the program `name` can be started as execvp would start it: a
 * name with a slash is a path, any other is looked up in $PATH. */
static int can_run(const char *name)
{
    if (strchr(name, '/'))
        return access(name, X_OK) == 0;
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    while (*path) {
        size_t n = strcspn(path, ":");
        char *full = rw_xasprintf("%.*s%s%s", (int)n, path, n ? "/" : "", name);
        int ok = access(full, X_OK) == 0;
        free(full);
        if (ok)
            return 1;
        path += n + (path[n] == ':');
    }
    return 0;
}

/* Print the usage text to f. */
static void usage(FILE *f)
{
    fputs("usage: mploop-bench [options] [--] program [args...]\n"
          "\n"
          "Runs a program built with mploop-cc with each number of workers, round\n"
          "after round, and prints the median wall time, speed-up and efficiency\n"
          "per worker count for the whole program and for each annotated loop.\n"
          "\n"
          "options:\n"
          "  --workers LIST  worker counts, comma-separated (default 1,2,4); 1 is\n"
          "                  always measured, it is the loops' baseline\n"
          "  --runs N        rounds over all settings (default 5); medians are shown\n"
          "  --seq PROGRAM   the program built without mploop (plain cc), run with\n"
          "                  the same arguments in every round: the program's\n"
          "                  speed-up is then measured against it\n"
          "  --plot FILE     draw speed-up against workers into a PNG file (gnuplot)\n"
          "  --json          print the results as JSON (docs/bench.schema.json)\n"
          "  --quiet         discard the program's standard output\n"
          "  --help, --version\n",
          f);
}

/* The value of option name at argv[*i]: joined ("--runs=5") or the next
 * argument; exits with a usage error when it is missing. */
static const char *option_value(char **argv, int argc, int *i, const char *name)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (a[n] == '=')
        return a + n + 1;
    if (*i + 1 >= argc) {
        fprintf(stderr, "mploop-bench: error: missing argument after '%s'\n", name);
        exit(2);
    }
    return argv[++*i];
}

/* Whether argv entry a is option name, alone or with a joined value. */
static int is_option(const char *a, const char *name)
{
    size_t n = strlen(name);
    return !strncmp(a, name, n) && (a[n] == '\0' || a[n] == '=');
}

/* s as a whole number in [1, max]; -1 when it is not one. */
static long count_value(const char *s, long max)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end || errno || v < 1 || v > max || s[0] == '+' || s[0] == '-')
        return -1;
    return v;
}

/* Parse the command line into o; exits 0 after --help or --version and
 * with status 2 after a usage error. */
static void parse_options(int argc, char **argv, struct options *o)
{
    int i;
    o->workers = "1,2,4";
    o->rounds = 5;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            i++;
            break;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            exit(0);
        } else if (!strcmp(a, "--version")) {
            printf("mploop-bench (mploop) %s\n", MPLOOP_VERSION);
            exit(0);
        } else if (is_option(a, "--workers")) {
            o->workers = option_value(argv, argc, &i, "--workers");
        } else if (is_option(a, "--runs")) {
            const char *v = option_value(argv, argc, &i, "--runs");
            long n = count_value(v, 100000);
            if (n < 0) {
                fprintf(stderr, "mploop-bench: error: --runs needs a number of rounds "
                        "of at least 1, not '%s'\n", v);
                exit(2);
            }
            o->rounds = (int)n;
        } else if (is_option(a, "--seq")) {
            o->seq = option_value(argv, argc, &i, "--seq");
        } else if (is_option(a, "--plot")) {
            o->plot = option_value(argv, argc, &i, "--plot");
        } else if (!strcmp(a, "--json")) {
            o->json = 1;
        } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
            o->quiet = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "mploop-bench: error: unknown option '%s' (the program and "
                    "its arguments go after '--')\n", a);
            usage(stderr);
            exit(2);
        } else {
            break;
        }
    }
    if (i >= argc) {
        fprintf(stderr, "mploop-bench: error: no program to run\n");
        usage(stderr);
        exit(2);
    }
    o->command = argv + i;
}

/* Compare two ints for qsort. */
static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The settings of the sweep into r: 0 (the sequential build) first when
 * there is one, then the worker counts of list, ascending, each once, with
 * 1 added when the list lacks it.  Exits with a usage error for a bad list. */
static void parse_settings(const char *list, const char *seq, struct rw_bench_result *r)
{
    size_t n = 0;
    int *w = rw_xmalloc((strlen(list) + 3) * sizeof *w);
    char *copy = rw_xstrdup(list), *save = NULL;
    if (seq)
        w[n++] = 0;
    size_t first = n;
    int has_one = 0;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        long v = count_value(t, MAX_WORKERS);
        if (v < 0) {
            fprintf(stderr, "mploop-bench: error: --workers needs worker counts from 1 to %d "
                    "separated by commas, e.g. 1,2,4, not '%s'\n", MAX_WORKERS, list);
            exit(2);
        }
        has_one |= v == 1;
        w[n++] = (int)v;
    }
    if (n == first || list[0] == ',' || list[strlen(list) - 1] == ',' || strstr(list, ",,")) {
        fprintf(stderr, "mploop-bench: error: --workers needs worker counts from 1 to %d "
                "separated by commas, e.g. 1,2,4, not '%s'\n", MAX_WORKERS, list);
        exit(2);
    }
    if (!has_one)
        w[n++] = 1;
    r->added_one = !has_one;
    qsort(w + first, n - first, sizeof *w, cmp_int);
    size_t k = first;
    for (size_t j = first; j < n; j++)
        if (k == first || w[k - 1] != w[j])
            w[k++] = w[j];
    r->workers = w;
    r->nsettings = k;
    free(copy);
}

/* A point of `rounds` samples, each NAN. */
static struct rw_bench_point *new_points(size_t nsettings, int rounds)
{
    struct rw_bench_point *p = rw_xmalloc(nsettings * sizeof *p);
    for (size_t s = 0; s < nsettings; s++) {
        memset(&p[s], 0, sizeof p[s]);
        p[s].samples = rw_xmalloc((size_t)rounds * sizeof *p[s].samples);
        p[s].run_counts = rw_xmalloc((size_t)rounds * sizeof *p[s].run_counts);
        p[s].inproc_counts = rw_xmalloc((size_t)rounds * sizeof *p[s].inproc_counts);
        for (int k = 0; k < rounds; k++)
            p[s].samples[k] = p[s].run_counts[k] = p[s].inproc_counts[k] = NAN;
    }
    return p;
}

/* The series of the loop named by row, created (without samples) when
 * this is the first report naming it. */
static struct rw_bench_series *loop_series(struct rw_bench_result *r,
                                           const struct rw_bench_row *row)
{
    for (size_t l = 0; l < r->nloops; l++)
        if (!strcmp(r->loops[l].loop, row->loop))
            return &r->loops[l];
    r->loops = rw_xrealloc(r->loops, (r->nloops + 1) * sizeof *r->loops);
    struct rw_bench_series *sr = &r->loops[r->nloops++];
    sr->loop = row->loop;
    sr->file = row->file;
    sr->line = row->line;
    sr->points = new_points(r->nsettings, r->rounds);
    return sr;
}

/* Seconds on the monotonic clock. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* A setting's name in messages: "2 workers", "the sequential build". */
static char *setting_name(int workers)
{
    if (workers == 0)
        return rw_xstrdup("the sequential build");
    return rw_xasprintf("%d worker%s", workers, workers == 1 ? "" : "s");
}

/* Run setting s of round k and record its figures in r: the program's
 * wall time and, from its loop report, each loop's.  A failing run ends
 * mploop-bench with a message. */
static void run_one(struct rw_bench_result *r, const struct options *o, size_t s, int k,
                    const char *report)
{
    int w = r->workers[s];
    char *name = setting_name(w);
    char **argv = r->command;
    if (w == 0) {
        struct rw_strvec v = {0};
        rw_sv_push(&v, o->seq);
        for (char **a = r->command + 1; *a; a++)
            rw_sv_push(&v, *a);
        argv = v.v;
        unsetenv("MPLOOP_WORKERS");
        unsetenv("MPLOOP_REPORT");
    } else {
        char num[16];
        snprintf(num, sizeof num, "%d", w);
        setenv("MPLOOP_WORKERS", num, 1);
        setenv("MPLOOP_REPORT", report, 1);
    }
    if (isatty(2))
        fprintf(stderr, "mploop-bench: round %d of %d: %s\n", k + 1, r->rounds, name);
    unlink(report);
    double t0 = now();
    int status = rw_run(argv, o->quiet ? "/dev/null" : NULL);
    double t1 = now();
    if (status != 0)
        rw_die("%s failed with status %d in round %d with %s; the sweep stops (the "
               "program's own messages are above)", argv[0], status, k + 1, name);
    r->program.points[s].samples[k] = t1 - t0;
    if (w == 0) {
        free(name);
        return;
    }
    struct rw_bench_row *rows;
    size_t n;
    const char *why;
    int err = rw_bench_read_report(report, &rows, &n, &why);
    if (err == -ENOENT) {
        free(name);
        return;
    }
    if (err < 0)
        rw_die("cannot read the loop report of %s (round %d, %s): %s", argv[0], k + 1, name,
               why);
    r->no_report = 0;
    unlink(report);
    for (size_t j = 0; j < n; j++) {
        struct rw_bench_point *p = &loop_series(r, &rows[j])->points[s];
        p->samples[k] = rows[j].wall_s;
        p->run_counts[k] = (double)rows[j].runs;
        p->inproc_counts[k] = (double)rows[j].runs_in_process;
    }
    free(rows);
    free(name);
}

/* Compare two doubles for qsort. */
static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of the values of v[0, n) that are not NAN; NAN when all are. */
static double median(const double *v, int n)
{
    double *t = rw_xmalloc((size_t)n * sizeof *t);
    int m = 0;
    for (int i = 0; i < n; i++)
        if (!isnan(v[i]))
            t[m++] = v[i];
    double r = NAN;
    if (m > 0) {
        qsort(t, (size_t)m, sizeof *t, cmp_double);
        r = m % 2 ? t[m / 2] : (t[m / 2 - 1] + t[m / 2]) / 2;
    }
    free(t);
    return r;
}

/* The setting index of `workers` workers (0 for the sequential build). */
static size_t setting_of(const struct rw_bench_result *r, int workers)
{
    for (size_t s = 0; s < r->nsettings; s++)
        if (r->workers[s] == workers)
            return s;
    abort(); /* parse_settings always adds 1, and 0 with --seq */
}

/* Medians, speed-ups against the wall time of setting base, and
 * efficiencies of a series. */
static void summarize(const struct rw_bench_result *r, struct rw_bench_series *sr, size_t base)
{
    for (size_t s = 0; s < r->nsettings; s++) {
        struct rw_bench_point *p = &sr->points[s];
        p->wall_s = median(p->samples, r->rounds);
        p->runs = median(p->run_counts, r->rounds);
        p->runs_in_process = median(p->inproc_counts, r->rounds);
    }
    double b = sr->points[base].wall_s;
    for (size_t s = 0; s < r->nsettings; s++) {
        struct rw_bench_point *p = &sr->points[s];
        p->speedup = p->wall_s > 0 && b > 0 ? b / p->wall_s : NAN;
        p->efficiency = r->workers[s] > 0 ? p->speedup / r->workers[s] : NAN;
    }
}

/* Order of loops: by file, then line. */
static int cmp_loop(const void *a, const void *b)
{
    const struct rw_bench_series *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Run the sweep the command line asks for and print its results; exit
 * status 0, 1 when a run failed or the results could not be drawn, 2 for a
 * usage error. */
int main(int argc, char **argv)
{
    struct options o = {0};
    struct rw_bench_result r = {0};
    rw_set_program_name("mploop-bench");
    parse_options(argc, argv, &o);
    r.command = o.command;
    r.seq = o.seq;
    r.rounds = o.rounds;
    r.cpus = (int)rw_cpu_count();
    r.no_report = 1;
    parse_settings(o.workers, o.seq, &r);
    if (o.plot && !can_run("gnuplot"))
        rw_die("--plot needs gnuplot (apt-get install gnuplot-nox)");
    if (!can_run(o.command[0]))
        rw_die("cannot run '%s': %s", o.command[0], strchr(o.command[0], '/') ?
               strerror(errno) : "not found in PATH");
    if (o.seq && !can_run(o.seq))
        rw_die("cannot run the sequential build '%s': %s", o.seq, strchr(o.seq, '/') ?
               strerror(errno) : "not found in PATH");
    if (o.plot) {
        char *dir = rw_dir_name(o.plot);
        if (access(dir, W_OK) != 0)
            rw_die("cannot write the chart %s: %s", o.plot, strerror(errno));
        free(dir);
    }
    if (!getenv("MPLOOP_PROGRESS"))
        setenv("MPLOOP_PROGRESS", "0", 1);
    r.program.points = new_points(r.nsettings, r.rounds);

    rw_temp_init();
    char *report = rw_tmp_path("report.csv");
    for (int k = 0; k < r.rounds; k++)
        for (size_t s = 0; s < r.nsettings; s++)
            run_one(&r, &o, s, k, report);

    summarize(&r, &r.program, setting_of(&r, o.seq ? 0 : 1));
    qsort(r.loops, r.nloops, sizeof *r.loops, cmp_loop);
    for (size_t l = 0; l < r.nloops; l++)
        summarize(&r, &r.loops[l], setting_of(&r, 1));
    fflush(stdout);
    if (o.json)
        rw_bench_print_json(&r);
    else
        rw_bench_print_table(&r);
    if (o.plot)
        return rw_bench_plot(&r, o.plot);
    return 0;
}
