/*
 * table.c - tables of figures as aligned text, CSV and JSON.
 *
 * Why this file exists: the loop report prints the same table three ways
 * (for a reader on standard error, for a spreadsheet, for a program), and
 * whatever else the runtime measures later prints tables too.  So the
 * layout lives here, apart from what the figures mean: a caller describes
 * its columns (a key, a heading, a kind that says how a cell is shown) and
 * hands over rows of cells.  Text columns are as wide as their widest cell,
 * numbers right-aligned, with units a reader takes in at a glance (ms, s,
 * K, M, G); CSV and JSON carry the raw numbers (seconds, bytes, counts).
 * Output goes through a buffer of the caller's and write(2): no malloc, no
 * stdio, so that a table can be written at exit whatever state the
 * program's streams are in.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* Widest text cell shown; longer ones are cut. */
#define TABLE_CELL 160
/* Most columns of a text table. */
#define TABLE_COLS 48

/* Both: see internal.h. */
void mploop__writer_init(struct mploop__writer *w, int fd)
{
    w->fd = fd;
    w->err = 0;
    w->len = 0;
    w->written = 0;
}

/* Parent: see internal.h.  The file is not opened with O_TRUNC: on ext4
 * truncating an existing file to zero and writing it again costs about
 * 0.2 ms, a tenth of a short program's run, where overwriting it in place
 * and cutting the rest (nothing, when the length is the same) costs 8 us. */
int mploop__writer_open(struct mploop__writer *w, const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0)
        return -errno;
    mploop__writer_init(w, fd);
    return 0;
}

/* Parent: see internal.h. */
int mploop__writer_close(struct mploop__writer *w)
{
    int err = mploop__writer_flush(w);
    struct stat sb;
    if (!err && fstat(w->fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
        (uint64_t)sb.st_size > w->written && ftruncate(w->fd, (off_t)w->written) < 0)
        err = -errno;
    if (close(w->fd) < 0 && !err)
        err = -errno;
    return err;
}

/* Both: see internal.h. */
int mploop__writer_flush(struct mploop__writer *w)
{
    if (w->len && !w->err) {
        int rc = mploop__os_write_all(w->fd, w->buf, w->len);
        if (rc < 0)
            w->err = rc;
        else
            w->written += w->len;
    }
    w->len = 0;
    return w->err;
}

/* Both: append n bytes. */
static void writer_bytes(struct mploop__writer *w, const char *p, size_t n)
{
    while (n > 0) {
        if (w->len == sizeof w->buf)
            mploop__writer_flush(w);
        size_t k = sizeof w->buf - w->len < n ? sizeof w->buf - w->len : n;
        memcpy(w->buf + w->len, p, k);
        w->len += k;
        p += k;
        n -= k;
    }
}

/* Both: see internal.h.  One piece is at most 1 KiB. */
void mploop__writer_put(struct mploop__writer *w, const char *fmt, ...)
{
    char piece[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(piece, sizeof piece, fmt, ap);
    va_end(ap);
    if (n > 0)
        writer_bytes(w, piece, (size_t)n < sizeof piece ? (size_t)n : sizeof piece - 1);
}

/* Both: see internal.h.  Control characters are escaped as \uXXXX; other
 * bytes are copied (file names are bytes; UTF-8 ones stay valid). */
void mploop__writer_json_string(struct mploop__writer *w, const char *s)
{
    writer_bytes(w, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '"' || *p == '\\') {
            char e[2] = {'\\', (char)*p};
            writer_bytes(w, e, 2);
        } else if (*p < 0x20 || *p == 0x7f) {
            mploop__writer_put(w, "\\u%04x", *p);
        } else {
            writer_bytes(w, (const char *)p, 1);
        }
    }
    writer_bytes(w, "\"", 1);
}

/* Both: a finite value of d (JSON has no NaN or infinity). */
static double table_finite(double d)
{
    return isfinite(d) ? d : 0;
}

/* Both: cell c of a column of kind `kind` as text for a reader, into
 * buf[TABLE_CELL]. */
static void table_cell_text(int kind, union mploop__cell c, char *buf)
{
    double d;
    switch (kind) {
    case MPLOOP__COL_TEXT:
        snprintf(buf, TABLE_CELL, "%s", c.s ? c.s : "");
        return;
    case MPLOOP__COL_COUNT:
        snprintf(buf, TABLE_CELL, "%" PRIu64, c.u);
        return;
    case MPLOOP__COL_BYTES:
        if (c.u < 10240)
            snprintf(buf, TABLE_CELL, "%" PRIu64, c.u);
        else if (c.u < (uint64_t)10240 << 10)
            snprintf(buf, TABLE_CELL, "%.1fK", (double)c.u / 1024);
        else if (c.u < (uint64_t)10240 << 20)
            snprintf(buf, TABLE_CELL, "%.1fM", (double)c.u / (1024 * 1024));
        else
            snprintf(buf, TABLE_CELL, "%.1fG", (double)c.u / (1024 * 1024 * 1024));
        return;
    case MPLOOP__COL_SECONDS:
        d = table_finite(c.d);
        if (d < 10)
            snprintf(buf, TABLE_CELL, "%.3fms", d * 1e3);
        else
            snprintf(buf, TABLE_CELL, "%.3fs", d);
        return;
    default:
        snprintf(buf, TABLE_CELL, "%.2f", table_finite(c.d));
        return;
    }
}

/* Both: see internal.h.  The first column is left-aligned, the others
 * right-aligned, two spaces apart. */
void mploop__table_text(struct mploop__writer *w, const char *indent,
                        const struct mploop__col *cols, unsigned ncols, unsigned stride,
                        const union mploop__cell *cells, unsigned rows)
{
    size_t width[TABLE_COLS];
    char buf[TABLE_CELL];
    if (ncols > TABLE_COLS)
        ncols = TABLE_COLS;
    for (unsigned c = 0; c < ncols; c++) {
        width[c] = strlen(cols[c].head);
        for (unsigned r = 0; r < rows; r++) {
            table_cell_text(cols[c].kind, cells[(size_t)r * stride + c], buf);
            if (strlen(buf) > width[c])
                width[c] = strlen(buf);
        }
    }
    for (unsigned r = 0; r <= rows; r++) {
        mploop__writer_put(w, "%s", indent);
        for (unsigned c = 0; c < ncols; c++) {
            if (r == 0)
                snprintf(buf, sizeof buf, "%s", cols[c].head);
            else
                table_cell_text(cols[c].kind, cells[(size_t)(r - 1) * stride + c], buf);
            mploop__writer_put(w, c == 0 ? "%-*s" : "  %*s", (int)width[c], buf);
        }
        mploop__writer_put(w, "\n");
    }
}

/* Both: cell c of a column of kind `kind` as a raw number or string for
 * CSV and JSON (strings quoted by the caller's rules). */
static void table_cell_raw(int kind, union mploop__cell c, char *buf)
{
    if (kind == MPLOOP__COL_COUNT || kind == MPLOOP__COL_BYTES)
        snprintf(buf, TABLE_CELL, "%" PRIu64, c.u);
    else if (kind == MPLOOP__COL_SECONDS)
        snprintf(buf, TABLE_CELL, "%.9f", table_finite(c.d));
    else
        snprintf(buf, TABLE_CELL, "%.6f", table_finite(c.d));
}

/* Both: s as a CSV field: quoted, inner quotes doubled, when it holds a
 * comma, a quote or a line break. */
static void table_csv_text(struct mploop__writer *w, const char *s)
{
    s = s ? s : "";
    if (!strpbrk(s, ",\"\r\n")) {
        mploop__writer_put(w, "%s", s);
        return;
    }
    writer_bytes(w, "\"", 1);
    for (; *s; s++) {
        if (*s == '"')
            writer_bytes(w, "\"\"", 2);
        else
            writer_bytes(w, s, 1);
    }
    writer_bytes(w, "\"", 1);
}

/* Both: see internal.h.  Lines end with CRLF, as RFC 4180 has it. */
void mploop__table_csv(struct mploop__writer *w, const struct mploop__col *cols,
                       unsigned ncols, const union mploop__cell *cells, unsigned rows)
{
    char buf[TABLE_CELL];
    for (unsigned c = 0; c < ncols; c++)
        mploop__writer_put(w, "%s%s", c ? "," : "", cols[c].key);
    mploop__writer_put(w, "\r\n");
    for (unsigned r = 0; r < rows; r++) {
        for (unsigned c = 0; c < ncols; c++) {
            union mploop__cell cell = cells[(size_t)r * ncols + c];
            if (c)
                writer_bytes(w, ",", 1);
            if (cols[c].kind == MPLOOP__COL_TEXT) {
                table_csv_text(w, cell.s);
            } else {
                table_cell_raw(cols[c].kind, cell, buf);
                mploop__writer_put(w, "%s", buf);
            }
        }
        mploop__writer_put(w, "\r\n");
    }
}

/* Both: see internal.h. */
void mploop__table_json_members(struct mploop__writer *w, const char *indent,
                                const struct mploop__col *cols, unsigned ncols,
                                const union mploop__cell *row)
{
    char buf[TABLE_CELL];
    for (unsigned c = 0; c < ncols; c++) {
        mploop__writer_put(w, "%s%s\"%s\": ", c ? ",\n" : "", indent, cols[c].key);
        if (cols[c].kind == MPLOOP__COL_TEXT) {
            mploop__writer_json_string(w, row[c].s);
        } else {
            table_cell_raw(cols[c].kind, row[c], buf);
            mploop__writer_put(w, "%s", buf);
        }
    }
}
