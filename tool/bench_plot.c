/*
 * bench_plot.c - the speed-up chart of mploop-bench, drawn by gnuplot.
 *
 * The figures go to a data file and the drawing instructions to a script,
 * both in mploop-bench's private temporary directory, and gnuplot (found
 * in PATH before the sweep started) runs the script: one line per loop and
 * one for the whole program, speed-up against workers, with the ideal
 * speed-up as a dashed line.  Text reaches gnuplot in single-quoted
 * strings (no escapes but a doubled quote) with enhanced text off, so that
 * file names show as they are.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "driver.h"

/* Write s to f as a gnuplot single-quoted string. */
static void put_quoted(FILE *f, const char *s)
{
    fputc('\'', f);
    for (; *s; s++) {
        if (*s == '\'')
            fputc('\'', f);
        fputc(*s == '\n' ? ' ' : *s, f);
    }
    fputc('\'', f);
}

/* Write the data file: a line per worker count, its speed-ups (program,
 * then each loop; "-" where unknown).  Returns 0 or a negative errno. */
static int write_data(const struct rw_bench_result *r, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -errno;
    for (size_t s = 0; s < r->nsettings; s++) {
        if (r->workers[s] == 0)
            continue;
        fprintf(f, "%d", r->workers[s]);
        for (size_t l = 0; l <= r->nloops; l++) {
            double v = (l == 0 ? &r->program : &r->loops[l - 1])->points[s].speedup;
            if (isnan(v))
                fprintf(f, " -");
            else
                fprintf(f, " %.6f", v);
        }
        fputc('\n', f);
    }
    return fclose(f) == 0 ? 0 : -errno;
}

/* Write the gnuplot script drawing data into the PNG file out.  Returns 0
 * or a negative errno. */
static int write_script(const struct rw_bench_result *r, const char *script, const char *data,
                        const char *out)
{
    FILE *f = fopen(script, "w");
    if (!f)
        return -errno;
    int most = r->workers[r->nsettings - 1];
    fprintf(f, "set terminal pngcairo size 900,600 noenhanced\nset output ");
    put_quoted(f, out);
    fprintf(f, "\nset title ");
    char *title = rw_xasprintf("speed-up of %s, medians of %d round%s%s%s%s", r->command[0],
                               r->rounds, r->rounds == 1 ? "" : "s",
                               r->seq ? " (program: against " : "", r->seq ? r->seq : "",
                               r->seq ? ")" : "");
    put_quoted(f, title);
    fprintf(f, "\nset xlabel 'workers'\nset ylabel 'speed-up'\n"
               "set datafile missing '-'\nset key left top\nset grid\n"
               "set xrange [%g:%g]\nset yrange [0:*]\nset xtics (",
            most > 1 ? 1.0 : 0.5, most > 1 ? most : 1.5);
    int first = 1;
    for (size_t s = 0; s < r->nsettings; s++)
        if (r->workers[s] > 0) {
            fprintf(f, "%s%d", first ? "" : ", ", r->workers[s]);
            first = 0;
        }
    fprintf(f, ")\nplot x with lines dashtype 2 linecolor rgb 'gray50' title 'ideal'");
    for (size_t l = 0; l <= r->nloops; l++) {
        fprintf(f, ", \\\n     ");
        put_quoted(f, data);
        fprintf(f, " using 1:%zu with linespoints linewidth 2 pointtype 7 title ", l + 2);
        put_quoted(f, l == 0 ? "program" : r->loops[l - 1].loop);
    }
    fputc('\n', f);
    return fclose(f) == 0 ? 0 : -errno;
}

/* See bench.h. */
int rw_bench_plot(const struct rw_bench_result *r, const char *path)
{
    char *data = rw_tmp_path("speedup.dat");
    char *script = rw_tmp_path("speedup.gp");
    int err = write_data(r, data);
    if (err == 0)
        err = write_script(r, script, data, path);
    if (err < 0) {
        rw_report("cannot write the chart's data in the temporary directory: %s",
                  strerror(-err));
        return 1;
    }
    char *argv[] = { "gnuplot", script, NULL };
    fflush(stdout);
    if (rw_run(argv, NULL) != 0) {
        rw_report("gnuplot could not draw the chart into %s (its message is above)", path);
        return 1;
    }
    return 0;
}
