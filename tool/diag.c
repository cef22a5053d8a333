/*
 * diag.c - diagnostics in the compiler's format.
 *
 * Every error the rewriter reports looks like clang's own:
 *   file:line:col: error: message
 *   <the source line>
 *   <spaces>^
 * so that editors and build logs treat mploop like the compiler.  Remarks
(-Rmploop) have the same form with `remark:` and end with `[-Rmploop]`, as
clang's do.  Columns
 * count bytes (as clang does); tabs in the echoed line are expanded so that
 * the caret lines up.
 */
#define _GNU_SOURCE 1 /* vasprintf */
#include <stdio.h>
#include <stdlib.h>

#include "rewriter.h"

static const struct rw_src *diag_src;
static unsigned diag_errors;

/* Report the diagnostics that follow against src. */
void rw_diag_init(const struct rw_src *src)
{
    diag_src = src;
}

/* Record where each line of src's buffer starts. */
void rw_src_lines(struct rw_src *src)
{
    unsigned cap = 1;
    for (size_t i = 0; i < src->len; i++)
        cap += src->buf[i] == '\n';
    src->line_starts = rw_xmalloc(cap * sizeof *src->line_starts);
    src->nlines = 0;
    src->line_starts[src->nlines++] = 0;
    for (size_t i = 0; i < src->len; i++)
        if (src->buf[i] == '\n')
            src->line_starts[src->nlines++] = i + 1;
}

/* Line and byte column of offset off, by binary search over the line starts. */
void rw_linecol(const struct rw_src *src, size_t off, unsigned *line, unsigned *col)
{
    if (off > src->len)
        off = src->len;
    unsigned lo = 0, hi = src->nlines; /* last start <= off */
    while (hi - lo > 1) {
        unsigned mid = lo + (hi - lo) / 2;
        if (src->line_starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    *line = lo + 1;
    *col = (unsigned)(off - src->line_starts[lo]) + 1;
}

/* Print one diagnostic of the given severity at offset off; returns the
 * column (from 0, tabs expanded) of the caret. */
static unsigned vreport(const char *severity, size_t off, const char *fmt, va_list ap)
{
    unsigned line, col;
    rw_linecol(diag_src, off, &line, &col);
    fprintf(stderr, "%s:%u:%u: %s: ", diag_src->path, line, col, severity);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);

    const char *buf = diag_src->buf;
    size_t bol = off - (col - 1), eol = bol;
    while (eol < diag_src->len && buf[eol] != '\n' && buf[eol] != '\r')
        eol++;
    unsigned vcol = 0, caret = 0;
    for (size_t i = bol; i < eol; i++) {
        if (i == off)
            caret = vcol;
        if (buf[i] == '\t') {
            do
                fputc(' ', stderr);
            while (++vcol % 8);
        } else {
            fputc(buf[i], stderr);
            vcol++;
        }
    }
    if (off >= eol)
        caret = vcol + (unsigned)(off - eol);
    fputc('\n', stderr);
    fprintf(stderr, "%*s^\n", (int)caret, "");
    return caret;
}

/* Print one diagnostic of the given severity at offset off (printf-style). */
static void report(const char *severity, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(severity, off, fmt, ap);
    va_end(ap);
}

/* Print an error at off and count it. */
void rw_error(size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport("error", off, fmt, ap);
    va_end(ap);
    diag_errors++;
}

/* Print a note at off (attached to the previous error). */
void rw_note(size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport("note", off, fmt, ap);
    va_end(ap);
}

/* Print a note at off suggesting to insert text there, shown under the
 * caret as clang shows a fix-it hint. */
void rw_note_fixit(size_t off, const char *insert, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    unsigned caret = vreport("note", off, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%*s%s\n", (int)caret, "", insert);
}

/* Print a warning at off, flag naming it as clang does ([-Wflag]); not
 * counted as an error. */
void rw_warning(size_t off, const char *flag, const char *fmt, ...)
{
    va_list ap;
    char *msg = NULL;
    va_start(ap, fmt);
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    va_end(ap);
    report("warning", off, "%s [-W%s]", msg ? msg : "", flag);
    free(msg);
}

/* Print a remark of -Rmploop at off. */
void rw_remark(size_t off, const char *fmt, ...)
{
    va_list ap;
    struct rw_buf b = { 0 };
    va_start(ap, fmt);
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    va_end(ap);
    rw_buf_printf(&b, "%s [-Rmploop]", msg ? msg : "");
    free(msg);
    report("remark", off, "%s", b.s);
    free(b.s);
}

/* Number of errors printed so far. */
unsigned rw_error_count(void)
{
    return diag_errors;
}
