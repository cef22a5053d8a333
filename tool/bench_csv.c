/*
 * bench_csv.c - reading a loop report that MPLOOP_REPORT=FILE.csv wrote.
 *
 * The report is RFC 4180 CSV: a header of column keys, then one line per
 * loop, CRLF line ends, a field quoted (inner quotes doubled) when it holds
 * a comma, a quote or a line break.  Columns are found by their key in the
 * header, so that columns added to the report later do not disturb the
 * reader; a missing column mploop-bench needs makes the file "not a loop
 * report".
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

/* One parsed record: its fields as fresh strings. */
struct record {
    struct rw_strvec f;
};

/* Parse the record starting at *p (which is not at the end of the text)
 * into rec and advance *p past its line end.  Returns 0, or -EINVAL for an
 * unterminated quoted field. */
static int parse_record(const char **p, struct record *rec)
{
    const char *s = *p;
    memset(rec, 0, sizeof *rec);
    for (;;) {
        struct rw_buf field = {0};
        rw_buf_add(&field, "", 0);
        if (*s == '"') {
            for (s++;; s++) {
                if (*s == '\0')
                    return -EINVAL;
                if (*s == '"' && s[1] == '"')
                    rw_buf_add(&field, s++, 1);
                else if (*s == '"')
                    break;
                else
                    rw_buf_add(&field, s, 1);
            }
            s++;
        } else {
            size_t n = strcspn(s, ",\r\n");
            rw_buf_add(&field, s, n);
            s += n;
        }
        rw_sv_push(&rec->f, field.s);
        if (*s == ',') {
            s++;
            continue;
        }
        if (*s == '\r')
            s++;
        if (*s == '\n')
            s++;
        else if (*s != '\0')
            return -EINVAL;
        *p = s;
        return 0;
    }
}

/* The index of the column named key in the header, or -1. */
static int column(const struct record *header, const char *key)
{
    for (size_t i = 0; i < header->f.n; i++)
        if (!strcmp(header->f.v[i], key))
            return (int)i;
    return -1;
}

/* s as a number; 0 when s is not one entirely (and *bad set). */
static double number(const char *s, int *bad)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || errno)
        *bad = 1;
    return v;
}

/* See bench.h. */
int rw_bench_read_report(const char *path, struct rw_bench_row **rows, size_t *n,
                         const char **why)
{
    static const char *const keys[] = { "loop", "file", "line", "wall_s", "runs",
                                        "runs_in_process" };
    enum { LOOP, FILE_, LINE, WALL, RUNS, INPROC, NKEYS };
    size_t len;
    char *text = rw_read_file(path, &len);
    *rows = NULL;
    *n = 0;
    *why = NULL;
    if (!text) {
        int err = errno;
        *why = strerror(err);
        return -err;
    }
    const char *p = text;
    struct record header;
    int col[NKEYS];
    if (*p == '\0' || parse_record(&p, &header) != 0) {
        *why = "it has no header line";
        return -EINVAL;
    }
    for (int k = 0; k < NKEYS; k++)
        if ((col[k] = column(&header, keys[k])) < 0) {
            *why = "a column mploop-bench needs is missing";
            return -EINVAL;
        }
    /* A pipeline's stages have rows of their own (kind "stage") after the
     * pipeline's, which has its wall time: they are no loops to time. */
    int kind = column(&header, "kind");
    while (*p) {
        struct record rec;
        int bad = 0;
        if (parse_record(&p, &rec) != 0 || rec.f.n != header.f.n) {
            *why = "a line does not have the header's columns";
            return -EINVAL;
        }
        struct rw_bench_row row = {
            .loop = rec.f.v[col[LOOP]],
            .file = rec.f.v[col[FILE_]],
            .line = (long)number(rec.f.v[col[LINE]], &bad),
            .wall_s = number(rec.f.v[col[WALL]], &bad),
            .runs = (long)number(rec.f.v[col[RUNS]], &bad),
            .runs_in_process = (long)number(rec.f.v[col[INPROC]], &bad),
        };
        if (bad) {
            *why = "a figure is not a number";
            return -EINVAL;
        }
        if (kind >= 0 && strcmp(rec.f.v[kind], "stage") == 0)
            continue;
        *rows = rw_xrealloc(*rows, (*n + 1) * sizeof **rows);
        (*rows)[(*n)++] = row;
    }
    free(text);
    return 0;
}
