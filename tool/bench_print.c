/*
 * bench_print.c - the results of mploop-bench as a table or as JSON.
 *
 * The table has one row per worker count (and the sequential build) for
 * the whole program, then for each loop, so that it reads down a column of
 * speed-ups and stays narrow however many worker counts were measured.
 * The JSON document carries the same figures, each round's wall time and
 * the baselines by name; its layout is docs/bench.schema.json, with a
 * version that changes when a member changes meaning or goes away.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench.h"

/* Version of the JSON layout (docs/bench.schema.json). */
#define BENCH_JSON_VERSION 1

/* Seconds as the loop report shows them: ms below 10 s, s above; "-" for
 * an unknown value. */
static void format_time(char *buf, size_t n, double s)
{
    if (isnan(s))
        snprintf(buf, n, "-");
    else if (s < 10)
        snprintf(buf, n, "%.3fms", s * 1e3);
    else
        snprintf(buf, n, "%.3fs", s);
}

/* A ratio with two decimals, or "-". */
static void format_ratio(char *buf, size_t n, double v)
{
    if (isnan(v))
        snprintf(buf, n, "-");
    else
        snprintf(buf, n, "%.2f", v);
}

/* A median count, or "-". */
static void format_count(char *buf, size_t n, double v)
{
    if (isnan(v))
        snprintf(buf, n, "-");
    else
        snprintf(buf, n, "%g", v);
}

/* Print the rows of one series: a row per setting that has figures (the
 * program has every setting; a loop has no sequential one). */
static void print_series(const struct rw_bench_result *r, const struct rw_bench_series *sr,
                         int width)
{
    const char *name = sr->loop ? sr->loop : "(program)";
    for (size_t s = 0; s < r->nsettings; s++) {
        const struct rw_bench_point *p = &sr->points[s];
        int w = r->workers[s];
        char workers[16], wall[32], speedup[32], effic[32], runs[32], inproc[32];
        if (sr->loop && w == 0)
            continue;
        if (w == 0)
            snprintf(workers, sizeof workers, "seq");
        else
            snprintf(workers, sizeof workers, "%d%s", w, w > r->cpus ? "*" : "");
        format_time(wall, sizeof wall, p->wall_s);
        format_ratio(speedup, sizeof speedup, p->speedup);
        format_ratio(effic, sizeof effic, p->efficiency);
        if (sr->loop) {
            format_count(runs, sizeof runs, p->runs);
            format_count(inproc, sizeof inproc, p->runs_in_process);
            printf("%-*s  %7s  %11s  %8s  %5s  %5s  %7s\n", width, name, workers, wall, speedup,
                   effic, runs, inproc);
        } else {
            printf("%-*s  %7s  %11s  %8s  %5s\n", width, name, workers, wall, speedup, effic);
        }
    }
}

/* See bench.h. */
void rw_bench_print_table(const struct rw_bench_result *r)
{
    int width = (int)strlen("(program)"), over = 0;
    for (size_t l = 0; l < r->nloops; l++)
        if ((int)strlen(r->loops[l].loop) > width)
            width = (int)strlen(r->loops[l].loop);
    for (size_t s = 0; s < r->nsettings; s++)
        over |= r->workers[s] > r->cpus;

    printf("mploop-bench: %s, medians of %d round%s; ", r->command[0], r->rounds,
           r->rounds == 1 ? "" : "s");
    if (r->seq)
        printf("speed-up of the program against the sequential build (%s), of each loop "
               "against 1 worker\n", r->seq);
    else
        printf("speed-up against 1 worker\n");
    printf("%-*s  %7s  %11s  %8s  %5s  %5s  %7s\n", width, "loop", "workers", "wall",
           "speed-up", "effic", "runs", "in-proc");
    print_series(r, &r->program, width);
    for (size_t l = 0; l < r->nloops; l++)
        print_series(r, &r->loops[l], width);
    if (over)
        printf("* more workers than the %d CPU%s mploop-bench may run on\n", r->cpus,
               r->cpus == 1 ? "" : "s");
    if (r->added_one)
        printf("1 worker was added to the sweep: it is the loops' baseline\n");
    if (r->no_report)
        printf("no run wrote a loop report: the program ran no annotated loop, or was not "
               "built with mploop-cc\n");
}

/* v as a JSON number, null when unknown. */
static void json_number(double v)
{
    if (isnan(v) || isinf(v))
        printf("null");
    else
        printf("%.9g", v);
}

/* The points of a series as a JSON array (a loop has no sequential one). */
static void json_points(const struct rw_bench_result *r, const struct rw_bench_series *sr)
{
    int first = 1;
    printf("[");
    for (size_t s = 0; s < r->nsettings; s++) {
        const struct rw_bench_point *p = &sr->points[s];
        int w = r->workers[s];
        if (sr->loop && w == 0)
            continue;
        printf("%s\n      {\"workers\": ", first ? "" : ",");
        first = 0;
        if (w == 0)
            printf("null");
        else
            printf("%d", w);
        printf(", \"over_cpus\": %s, \"wall_s\": ", w > r->cpus ? "true" : "false");
        json_number(p->wall_s);
        printf(", \"speedup\": ");
        json_number(p->speedup);
        printf(", \"efficiency\": ");
        json_number(p->efficiency);
        if (sr->loop) {
            printf(", \"runs\": ");
            json_number(p->runs);
            printf(", \"runs_in_process\": ");
            json_number(p->runs_in_process);
        }
        printf(", \"wall_s_rounds\": [");
        for (int k = 0; k < r->rounds; k++) {
            printf("%s", k ? ", " : "");
            json_number(p->samples[k]);
        }
        printf("]}");
    }
    printf("\n    ]");
}

/* See bench.h. */
void rw_bench_print_json(const struct rw_bench_result *r)
{
    printf("{\n  \"version\": %d,\n  \"command\": [", BENCH_JSON_VERSION);
    for (char **a = r->command; *a; a++) {
        printf("%s", a == r->command ? "" : ", ");
        rw_json_string(stdout, *a);
    }
    printf("],\n  \"seq\": ");
    if (r->seq)
        rw_json_string(stdout, r->seq);
    else
        printf("null");
    printf(",\n  \"rounds\": %d,\n  \"cpus\": %d,\n", r->rounds, r->cpus);
    printf("  \"program_baseline\": \"%s\",\n", r->seq ? "seq" : "one_worker");
    printf("  \"loop_baseline\": \"one_worker\",\n");
    printf("  \"one_worker_added\": %s,\n", r->added_one ? "true" : "false");
    printf("  \"loop_report\": %s,\n", r->no_report ? "false" : "true");
    printf("  \"program\": {\n    \"points\": ");
    json_points(r, &r->program);
    printf("\n  },\n  \"loops\": [");
    for (size_t l = 0; l < r->nloops; l++) {
        const struct rw_bench_series *sr = &r->loops[l];
        printf("%s\n   {\"loop\": ", l ? "," : "");
        rw_json_string(stdout, sr->loop);
        printf(", \"file\": ");
        rw_json_string(stdout, sr->file);
        printf(", \"line\": %ld,\n    \"points\": ", sr->line);
        json_points(r, sr);
        printf("}");
    }
    printf("%s]\n}\n", r->nloops ? "\n  " : "");
}
