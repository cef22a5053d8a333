/*
 * diag.c - diagnostics in the compiler's format.
 *
 * Every diagnostic the rewriter reports looks like clang's own:
 *   file:line:col: error: message
 *   <the source line>
 *   <spaces>~~~^~~~
 *   <spaces>fix-it text
 * so that editors and build logs treat mploop like the compiler.  Warnings
 * end with their flag (`[-Wmploop-rand]`), remarks with `[-Rmploop]`, as
 * clang's do.  Columns count bytes (as clang does); tabs in the echoed line
 * are expanded so that the caret and the ranges line up.  The colours and
 * bold are clang's, and -fdiagnostics-parseable-fixits adds clang's
 * `fix-it:"file":{L:C-L:C}:"text"` line.  With --diagnostics-format=json
 * nothing is printed as it happens: each diagnostic is resolved to lines and
 * columns and kept (diag_json.c) for one document at the end.
 *
 * Every entry point goes through emit(), which decides first whether the
 * diagnostic is shown at all: a warning whose flag is off is not, nor is a
 * note that follows a diagnostic that was not, nor anything between
 * rw_diag_capture_begin and _end (where only the first error is kept).
 */
#define _GNU_SOURCE 1 /* vasprintf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rewriter.h"

static const struct rw_src *diag_src;
static unsigned diag_errors;

/* Output settings (rw_diag_set_output). */
static enum rw_diag_format diag_format = RW_DIAG_TEXT;
static int diag_color;
static int diag_fixits;

/* Whether the last error, warning or remark was left out (its notes are). */
static int diag_dropped;

/* Capture (rw_diag_capture_begin): on, and the first error seen. */
static int capturing;
static char *capture_msg;
static size_t capture_off;

enum severity { SEV_NOTE, SEV_REMARK, SEV_WARNING, SEV_ERROR };

static const char *const severity_name[] = { "note", "remark", "warning", "error" };

/* clang's colours (bold, then black, blue, magenta, red) for each severity. */
static const char *const severity_color[] = {
    "\033[0;1;30m", "\033[0;1;34m", "\033[0;1;35m", "\033[0;1;31m"
};
#define COLOR_BOLD "\033[1m"
#define COLOR_RESET "\033[0m"
#define COLOR_CARET "\033[0;1;32m"
#define COLOR_FIXIT "\033[0;32m"

/* Where a diagnostic of the main file points: offsets of the main file. */
#define SITE_MAX 8
struct site {
    size_t off;                  /* the caret */
    unsigned nranges;
    size_t range[SITE_MAX][2];   /* underlined bytes [start, end) */
    unsigned nfixes;
    struct {
        size_t start, end;       /* the bytes replaced (equal: an insertion) */
        const char *text;
    } fix[SITE_MAX];
};

/* Report the diagnostics that follow against src. */
void rw_diag_init(const struct rw_src *src)
{
    diag_src = src;
}

/* Set the output format, colour (1, 0, or -1 for "when stderr is a
 * terminal") and the machine-readable fix-it lines.  Runs before any
 * diagnostic. */
void rw_diag_set_output(enum rw_diag_format format, int color, int parseable_fixits)
{
    diag_format = format;
    if (color < 0) {
        const char *term = getenv("TERM");
        color = isatty(2) && term && *term && strcmp(term, "dumb") != 0;
    }
    diag_color = format == RW_DIAG_TEXT && color;
    diag_fixits = parseable_fixits;
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

/* Write s to stderr, escaped as clang escapes the file and the text of a
 * parseable fix-it: backslash, quote, tab and newline with a backslash,
 * other unprintable bytes as three octal digits. */
static void put_escaped(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\\' || *p == '"')
            fprintf(stderr, "\\%c", *p);
        else if (*p == '\t')
            fputs("\\t", stderr);
        else if (*p == '\n')
            fputs("\\n", stderr);
        else if (*p >= 0x20 && *p < 0x7f)
            fputc(*p, stderr);
        else
            fprintf(stderr, "\\%03o", *p);
    }
}

/* Line and column of offset off of the main file. */
static struct rw_diag_pos pos_of(size_t off)
{
    struct rw_diag_pos p;
    rw_linecol(diag_src, off, &p.line, &p.col);
    return p;
}

/* Print clang's machine-readable line for a fix-it replacing span of file
 * with text: fix-it:"file":{L1:C1-L2:C2}:"text" (end column exclusive). */
static void print_parseable_fixit(const char *file, const struct rw_diag_span *span,
                                  const char *text)
{
    fputs("fix-it:\"", stderr);
    put_escaped(file);
    fprintf(stderr, "\":{%u:%u-%u:%u}:\"", span->start.line, span->start.col,
            span->end.line, span->end.col);
    put_escaped(text);
    fputs("\"\n", stderr);
}

/* The column (from 0, tabs expanded to multiples of 8) at which byte off
 * of the line [bol, eol) is shown; past the end, one column per byte. */
static unsigned visual_col(size_t bol, size_t eol, size_t off)
{
    const char *buf = diag_src->buf;
    unsigned v = 0;
    size_t i;
    for (i = bol; i < eol && i < off; i++)
        v = buf[i] == '\t' ? (v / 8 + 1) * 8 : v + 1;
    return v + (unsigned)(off > eol ? off - eol : 0);
}

/* Underline [start, end) of the line [bol, eol) in line (of width cols)
 * with '~', clipped to that line and without its leading or trailing
 * blanks, as clang underlines a range. */
static void underline(char *line, unsigned cols, size_t bol, size_t eol, size_t start, size_t end)
{
    const char *buf = diag_src->buf;
    if (end <= start || end <= bol || start > eol)
        return;
    if (start < bol)
        start = bol;
    if (end > eol)
        end = eol;
    while (start < end && (buf[start] == ' ' || buf[start] == '\t'))
        start++;
    while (end > start && (buf[end - 1] == ' ' || buf[end - 1] == '\t'))
        end--;
    unsigned a = visual_col(bol, eol, start), b = visual_col(bol, eol, end);
    for (unsigned v = a; v < b && v < cols; v++)
        line[v] = '~';
}

/* Print the line of the fix-its of s that lie on the caret's line [bol,
 * eol): each text under the bytes it replaces, pushed right past the one
 * before when they would overlap, as clang does; nothing without one. */
static void print_fixit_line(const struct site *s, size_t bol, size_t eol)
{
    struct rw_buf b = { 0 };
    for (unsigned k = 0; k < s->nfixes; k++) {
        const char *text = s->fix[k].text;
        if (s->fix[k].start < bol || s->fix[k].start > eol || strchr(text, '\n'))
            continue;
        size_t at = visual_col(bol, eol, s->fix[k].start);
        if (b.len && at <= b.len)
            at = b.len + 1;
        while (b.len < at)
            rw_buf_add(&b, " ", 1);
        rw_buf_puts(&b, text);
    }
    if (b.len)
        fprintf(stderr, "%s%s\n%s", diag_color ? COLOR_FIXIT : "", b.s,
                diag_color ? COLOR_RESET : "");
    free(b.s);
}

/* Print the diagnostic's source line, the caret line (ranges and caret)
 * and the fix-it line under it, in clang's colours when on. */
static void print_snippet(const struct site *s)
{
    const char *buf = diag_src->buf;
    unsigned line, col;
    rw_linecol(diag_src, s->off, &line, &col);
    size_t bol = diag_src->line_starts[line - 1], eol = bol;
    while (eol < diag_src->len && buf[eol] != '\n' && buf[eol] != '\r')
        eol++;
    unsigned vcols = 0;
    for (size_t i = bol; i < eol; i++) {
        if (buf[i] == '\t') {
            do
                fputc(' ', stderr);
            while (++vcols % 8);
        } else {
            fputc(buf[i], stderr);
            vcols++;
        }
    }
    fputc('\n', stderr);

    unsigned caret = visual_col(bol, eol, s->off);
    unsigned cols = (vcols > caret ? vcols : caret) + 1;
    char *marks = rw_xmalloc(cols + 1);
    memset(marks, ' ', cols);
    for (unsigned k = 0; k < s->nranges; k++)
        underline(marks, cols, bol, eol, s->range[k][0], s->range[k][1]);
    marks[caret] = '^';
    unsigned n = cols;
    while (n > 0 && marks[n - 1] == ' ')
        n--;
    marks[n] = '\0';
    fprintf(stderr, "%s%s\n%s", diag_color ? COLOR_CARET : "", marks,
            diag_color ? COLOR_RESET : "");
    free(marks);

    print_fixit_line(s, bol, eol);
    for (unsigned k = 0; diag_fixits && k < s->nfixes; k++) {
        struct rw_diag_span span = { pos_of(s->fix[k].start), pos_of(s->fix[k].end) };
        print_parseable_fixit(diag_src->path, &span, s->fix[k].text);
    }
}

/* Print the first line of a diagnostic: `where: severity: msg [flag]`
 * (where may be NULL), in clang's colours when on. */
static void print_header(const char *where, enum severity sev, const char *msg, const char *flag)
{
    if (where)
        fprintf(stderr, "%s%s: %s", diag_color ? COLOR_BOLD : "", where,
                diag_color ? COLOR_RESET : "");
    fprintf(stderr, "%s%s: %s%s%s", diag_color ? severity_color[sev] : "", severity_name[sev],
            diag_color ? COLOR_RESET : "", diag_color && sev != SEV_NOTE ? COLOR_BOLD : "", msg);
    if (flag)
        fprintf(stderr, " [%s]", flag);
    fprintf(stderr, "%s\n", diag_color ? COLOR_RESET : "");
}

/* Keep the diagnostic at site s for the JSON document. */
static void record(enum severity sev, const struct site *s, const char *msg, const char *flag)
{
    struct rw_diag_rec *r = rw_xmalloc(sizeof *r);
    memset(r, 0, sizeof *r);
    r->severity = severity_name[sev];
    r->message = rw_xstrdup(msg);
    r->flag = flag ? rw_xstrdup(flag) : NULL;
    r->file = rw_xstrdup(diag_src->path);
    r->at = pos_of(s->off);
    r->ranges = rw_xmalloc((s->nranges + 1) * sizeof *r->ranges);
    for (unsigned k = 0; k < s->nranges; k++) {
        r->ranges[r->nranges].start = pos_of(s->range[k][0]);
        r->ranges[r->nranges++].end = pos_of(s->range[k][1]);
    }
    r->fixits = rw_xmalloc((s->nfixes + 1) * sizeof *r->fixits);
    for (unsigned k = 0; k < s->nfixes; k++) {
        r->fixits[r->nfixits].span.start = pos_of(s->fix[k].start);
        r->fixits[r->nfixits].span.end = pos_of(s->fix[k].end);
        r->fixits[r->nfixits++].text = rw_xstrdup(s->fix[k].text);
    }
    rw_diag_json_add(r);
}

/* Count, then print or keep for the JSON document, a diagnostic that is
 * shown: message msg, option opt ("-Wflag", "-Rmploop" or NULL). */
static void deliver(enum severity sev, const struct site *s, const char *msg, const char *opt)
{
    if (sev == SEV_ERROR)
        diag_errors++;
    if (diag_format == RW_DIAG_JSON) {
        record(sev, s, msg, opt);
        return;
    }
    unsigned line, col;
    rw_linecol(diag_src, s->off, &line, &col);
    char *where = rw_xasprintf("%s:%u:%u", diag_src->path, line, col);
    print_header(where, sev, msg, opt);
    print_snippet(s);
    free(where);
}

/* Whether a diagnostic of severity sev (flag: its warning flag) is shown;
 * keeps the state that tells its notes the same. */
static int shown(enum severity sev, const char *flag)
{
    if (sev != SEV_NOTE)
        diag_dropped = capturing || (sev == SEV_WARNING && !rw_warning_enabled(flag));
    return !diag_dropped && !capturing;
}

/* Report one diagnostic of severity sev at site s.  flag: the warning's
 * flag without -W (NULL for the others).  The single path of every
 * diagnostic at a place of the main file. */
static void emit(enum severity sev, const struct site *s, const char *flag, const char *fmt,
                 va_list ap)
{
    if (!shown(sev, flag)) {
        if (capturing && sev == SEV_ERROR && !capture_msg) {
            if (vasprintf(&capture_msg, fmt, ap) < 0)
                capture_msg = rw_xstrdup("");
            capture_off = s->off;
        }
        return;
    }
    char *msg = NULL, *opt = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    if (sev == SEV_WARNING)
        opt = rw_xasprintf("-W%s", flag);
    else if (sev == SEV_REMARK)
        opt = rw_xstrdup("-Rmploop");
    deliver(sev, s, msg ? msg : "", opt);
    free(msg);
    free(opt);
}

/* Pass the variable arguments after fmt of the enclosing entry point to
 * emit(). */
#define EMIT(sev, site, flag, fmt)      \
    do {                                \
        va_list ap_;                    \
        va_start(ap_, fmt);             \
        emit(sev, site, flag, fmt, ap_); \
        va_end(ap_);                    \
    } while (0)

/* Print an error at off and count it. */
void rw_error(size_t off, const char *fmt, ...)
{
    struct site s = { .off = off };
    EMIT(SEV_ERROR, &s, NULL, fmt);
}

/* Print an error at off with [start, end) underlined, and count it. */
void rw_error_range(size_t off, size_t start, size_t end, const char *fmt, ...)
{
    struct site s = { .off = off, .nranges = start < end, .range = { { start, end } } };
    EMIT(SEV_ERROR, &s, NULL, fmt);
}

/* Print a note at off (attached to the previous diagnostic). */
void rw_note(size_t off, const char *fmt, ...)
{
    struct site s = { .off = off };
    EMIT(SEV_NOTE, &s, NULL, fmt);
}

/* Print a note at off with [start, end) underlined. */
void rw_note_range(size_t off, size_t start, size_t end, const char *fmt, ...)
{
    struct site s = { .off = off, .nranges = start < end, .range = { { start, end } } };
    EMIT(SEV_NOTE, &s, NULL, fmt);
}

/* Print a note at off suggesting to insert text there, shown under the
 * caret as clang shows a fix-it hint. */
void rw_note_fixit(size_t off, const char *insert, const char *fmt, ...)
{
    struct site s = { .off = off, .nfixes = 1, .fix = { { off, off, insert } } };
    EMIT(SEV_NOTE, &s, NULL, fmt);
}

/* Print a note at off suggesting to replace [start, end) with text, shown
 * under the replaced bytes. */
void rw_note_fixit_range(size_t off, size_t start, size_t end, const char *text,
                         const char *fmt, ...)
{
    struct site s = { .off = off, .nfixes = 1, .fix = { { start, end, text } } };
    EMIT(SEV_NOTE, &s, NULL, fmt);
}

/* Print a warning at off, flag naming it as clang does ([-Wflag]), unless
 * the flag is off; not counted as an error. */
void rw_warning(size_t off, const char *flag, const char *fmt, ...)
{
    struct site s = { .off = off };
    EMIT(SEV_WARNING, &s, flag, fmt);
}

/* rw_warning with [start, end) underlined. */
void rw_warning_range(size_t off, size_t start, size_t end, const char *flag, const char *fmt,
                      ...)
{
    struct site s = { .off = off, .nranges = start < end, .range = { { start, end } } };
    EMIT(SEV_WARNING, &s, flag, fmt);
}

/* Print a remark of -Rmploop at off. */
void rw_remark(size_t off, const char *fmt, ...)
{
    struct site s = { .off = off };
    EMIT(SEV_REMARK, &s, NULL, fmt);
}

/* Print a remark of -Rmploop at off with [start, end) underlined. */
void rw_remark_range(size_t off, size_t start, size_t end, const char *fmt, ...)
{
    struct site s = { .off = off, .nranges = start < end, .range = { { start, end } } };
    EMIT(SEV_REMARK, &s, NULL, fmt);
}

/* Report a diagnostic about no place in a file: "mploop: error: msg" for an
 * error, clang's "warning: msg [flag]" for a warning. */
void rw_diag_global(const char *severity, const char *flag, const char *fmt, ...)
{
    enum severity sev = strcmp(severity, "error") == 0     ? SEV_ERROR
                        : strcmp(severity, "warning") == 0 ? SEV_WARNING
                        : strcmp(severity, "remark") == 0  ? SEV_REMARK
                                                           : SEV_NOTE;
    va_list ap;
    char *msg = NULL;
    va_start(ap, fmt);
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    va_end(ap);
    if (sev != SEV_NOTE)
        diag_dropped = 0;
    if (sev == SEV_ERROR)
        diag_errors++;
    if (diag_format == RW_DIAG_JSON) {
        struct rw_diag_rec *r = rw_xmalloc(sizeof *r);
        memset(r, 0, sizeof *r);
        r->severity = severity_name[sev];
        r->message = rw_xstrdup(msg ? msg : "");
        r->flag = flag ? rw_xstrdup(flag) : NULL;
        rw_diag_json_add(r);
    } else {
        print_header(sev == SEV_ERROR ? "mploop" : NULL, sev, msg ? msg : "", flag);
    }
    free(msg);
}

/* Where libclang location loc is: its file (heap; NULL when none) and
 * position. */
static char *clang_pos(CXSourceLocation loc, struct rw_diag_pos *p)
{
    CXFile file;
    clang_getSpellingLocation(loc, &file, &p->line, &p->col, NULL);
    if (!file)
        return NULL;
    CXString name = clang_getFileName(file);
    char *s = rw_xstrdup(clang_getCString(name));
    clang_disposeString(name);
    return s;
}

/* rw_diag_clang for a diagnostic d of severity sev outside the main file
 * (message msg, flag or NULL): libclang's own text, or a record with
 * libclang's positions. */
static void clang_elsewhere(CXDiagnostic d, enum severity sev, const char *msg, const char *flag)
{
    if (sev == SEV_ERROR)
        diag_errors++;
    struct rw_diag_rec *r = rw_xmalloc(sizeof *r);
    memset(r, 0, sizeof *r);
    r->severity = severity_name[sev];
    r->message = rw_xstrdup(msg);
    r->flag = flag ? rw_xstrdup(flag) : NULL;
    r->file = clang_pos(clang_getDiagnosticLocation(d), &r->at);
    unsigned nranges = clang_getDiagnosticNumRanges(d), nfix = clang_getDiagnosticNumFixIts(d);
    r->ranges = rw_xmalloc((nranges + 1) * sizeof *r->ranges);
    for (unsigned i = 0; i < nranges; i++) {
        CXSourceRange rg = clang_getDiagnosticRange(d, i);
        free(clang_pos(clang_getRangeStart(rg), &r->ranges[r->nranges].start));
        free(clang_pos(clang_getRangeEnd(rg), &r->ranges[r->nranges++].end));
    }
    if (diag_format == RW_DIAG_TEXT) {
        CXString t = clang_formatDiagnostic(d, clang_defaultDiagnosticDisplayOptions());
        fprintf(stderr, "%s\n", clang_getCString(t));
        clang_disposeString(t);
    }
    r->fixits = rw_xmalloc((nfix + 1) * sizeof *r->fixits);
    for (unsigned i = 0; i < nfix; i++) {
        CXSourceRange rg;
        CXString text = clang_getDiagnosticFixIt(d, i, &rg);
        struct rw_diag_fix *f = &r->fixits[r->nfixits++];
        f->text = rw_xstrdup(clang_getCString(text));
        clang_disposeString(text);
        char *file = clang_pos(clang_getRangeStart(rg), &f->span.start);
        free(clang_pos(clang_getRangeEnd(rg), &f->span.end));
        if (diag_format == RW_DIAG_TEXT && diag_fixits && file)
            print_parseable_fixit(file, &f->span, f->text);
        free(file);
    }
    if (diag_format == RW_DIAG_JSON)
        rw_diag_json_add(r);
    else
        rw_diag_json_free(r);
}

/* Report libclang's diagnostic d (an error of the input, or a note about
 * one) from the same path as the rewriter's own when it points into the
 * main file, with its ranges and fix-its there; elsewhere (a header) as
 * libclang formats it, or with its own positions in the JSON document. */
void rw_diag_clang(CXDiagnostic d)
{
    enum CXDiagnosticSeverity cs = clang_getDiagnosticSeverity(d);
    enum severity sev = cs >= CXDiagnostic_Error     ? SEV_ERROR
                        : cs == CXDiagnostic_Warning ? SEV_WARNING
                                                     : SEV_NOTE;
    if (sev != SEV_NOTE)
        diag_dropped = 0;
    CXString m = clang_getDiagnosticSpelling(d), opt = clang_getDiagnosticOption(d, NULL);
    const char *flag = clang_getCString(opt)[0] ? clang_getCString(opt) : NULL;
    unsigned nranges = clang_getDiagnosticNumRanges(d), nfix = clang_getDiagnosticNumFixIts(d);
    struct site s = { 0 };
    if (diag_src && rw_loc_off(diag_src, clang_getDiagnosticLocation(d), &s.off)) {
        for (unsigned i = 0; i < nranges && s.nranges < SITE_MAX; i++) {
            CXSourceRange rg = clang_getDiagnosticRange(d, i);
            size_t *r = s.range[s.nranges];
            if (rw_loc_off(diag_src, clang_getRangeStart(rg), &r[0]) &&
                rw_loc_off(diag_src, clang_getRangeEnd(rg), &r[1]) && r[0] <= r[1])
                s.nranges++;
        }
        CXString texts[SITE_MAX];
        for (unsigned i = 0; i < nfix && s.nfixes < SITE_MAX; i++) {
            CXSourceRange rg;
            texts[s.nfixes] = clang_getDiagnosticFixIt(d, i, &rg);
            s.fix[s.nfixes].text = clang_getCString(texts[s.nfixes]);
            if (rw_loc_off(diag_src, clang_getRangeStart(rg), &s.fix[s.nfixes].start) &&
                rw_loc_off(diag_src, clang_getRangeEnd(rg), &s.fix[s.nfixes].end))
                s.nfixes++;
            else
                clang_disposeString(texts[s.nfixes]);
        }
        deliver(sev, &s, clang_getCString(m), flag);
        for (unsigned i = 0; i < s.nfixes; i++)
            clang_disposeString(texts[i]);
    } else {
        clang_elsewhere(d, sev, clang_getCString(m), flag);
    }
    clang_disposeString(m);
    clang_disposeString(opt);
}

/* Number of errors printed so far. */
unsigned rw_error_count(void)
{
    return diag_errors;
}

/* Start capturing: the diagnostics that follow are kept, not printed. */
void rw_diag_capture_begin(void)
{
    capturing = 1;
    free(capture_msg);
    capture_msg = NULL;
}

/* Stop capturing; the first error's message (heap, or NULL) and offset. */
char *rw_diag_capture_end(size_t *off)
{
    char *msg = capture_msg;
    capturing = 0;
    diag_dropped = 0;
    capture_msg = NULL;
    if (off)
        *off = msg ? capture_off : 0;
    return msg;
}

/* Write the JSON document at the end of the run when asked for one. */
void rw_diag_finish(void)
{
    if (diag_format == RW_DIAG_JSON)
        rw_diag_json_write(stderr);
    fflush(stderr);
}
