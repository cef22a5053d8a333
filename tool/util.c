/*
 * util.c - memory, string and message helpers of the rewriter, the
 * compiler driver and mploop-bench, and the JSON string writer their JSON
 * documents share.
 *
 * All are short-lived commands: running out of memory ends them
 * with a message, so callers never check allocation results.  The file uses
 * no libclang, so that the driver links it without libclang (util.h).
 */
#define _GNU_SOURCE 1 /* vasprintf */
#include <errno.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *program_name = "mploop";

/* Start later error messages with name. */
void rw_set_program_name(const char *name)
{
    program_name = name;
}

/* Print "<program>: error: " and the formatted message to stderr. */
static void vreport(const char *fmt, va_list ap)
{
    fprintf(stderr, "%s: error: ", program_name);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

/* Print an error message of the program (not about a source location). */
void rw_report(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(fmt, ap);
    va_end(ap);
}

/* Print an error message and exit with status 1. */
void rw_die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(fmt, ap);
    va_end(ap);
    exit(1);
}

/* End the program after an allocation failure. */
static void out_of_memory(void)
{
    rw_die("out of memory");
}

/* malloc that never returns NULL. */
void *rw_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory();
    return p;
}

/* realloc that never returns NULL. */
void *rw_xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        out_of_memory();
    return p;
}

/* Copy of s[0, n) with a terminating NUL. */
char *rw_xstrndup(const char *s, size_t n)
{
    char *r = rw_xmalloc(n + 1);
    memcpy(r, s, n);
    r[n] = 0;
    return r;
}

/* Copy of string s. */
char *rw_xstrdup(const char *s)
{
    return rw_xstrndup(s, strlen(s));
}

/* Formatted string in a new heap buffer. */
char *rw_xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *r;
    va_start(ap, fmt);
    if (vasprintf(&r, fmt, ap) < 0)
        out_of_memory();
    va_end(ap);
    return r;
}

/* Append s[0, n) to b, keeping it NUL-terminated. */
void rw_buf_add(struct rw_buf *b, const char *s, size_t n)
{
    if (!b->s || b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->s = rw_xrealloc(b->s, cap);
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}

/* Append string s to b. */
void rw_buf_puts(struct rw_buf *b, const char *s)
{
    rw_buf_add(b, s, strlen(s));
}

/* Append formatted text to b. */
void rw_buf_printf(struct rw_buf *b, const char *fmt, ...)
{
    va_list ap;
    char *s;
    va_start(ap, fmt);
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0)
        out_of_memory();
    rw_buf_add(b, s, (size_t)n);
    free(s);
}

/* Append s (not copied) to v, keeping v NULL-terminated. */
void rw_sv_push(struct rw_strvec *v, const char *s)
{
    if (v->n + 2 > v->cap) {
        v->cap = v->cap ? 2 * v->cap : 16;
        v->v = rw_xrealloc(v->v, v->cap * sizeof *v->v);
    }
    v->v[v->n++] = (char *)s;
    v->v[v->n] = NULL;
}

/* Whole content of path in a malloc'd buffer (NUL-terminated,
 * length in *len); NULL with errno set on failure. */
char *rw_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (!f)
        return NULL;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = cap ? 2 * cap : 65536;
            buf = rw_xrealloc(buf, cap);
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        errno = EIO;
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* The last component of path, as a fresh string. */
char *rw_base_name(const char *path)
{
    char *copy = rw_xstrdup(path);
    return rw_xstrdup(basename(copy));
}

/* All of path but its last component, as a fresh string. */
char *rw_dir_name(const char *path)
{
    char *copy = rw_xstrdup(path);
    return rw_xstrdup(dirname(copy));
}

/* Copy of path without the suffix of its last component
 * ("dir/a.c" -> "dir/a", "prog" -> "prog"). */
char *rw_strip_ext(const char *path)
{
    char *s = rw_xstrdup(path);
    char *slash = strrchr(s, '/');
    char *dot = strrchr(s, '.');
    if (dot && (!slash || dot > slash + 1))
        *dot = '\0';
    return s;
}

/* Length of the well-formed UTF-8 sequence at p (1 to 4), or 0. */
static int utf8_len(const unsigned char *p)
{
    int n = p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc2 ? 2 : 0;
    if (p[0] >= 0xf5)
        n = 0;
    for (int i = 1; i < n; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    if (n == 3 && ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] >= 0xa0)))
        return 0; /* overlong, or a surrogate */
    if (n == 4 && ((p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] >= 0x90)))
        return 0; /* overlong, or past U+10FFFF */
    return n;
}

/* Write s as a JSON string (null for NULL): quotes, backslashes and
 * control characters escaped, bytes that are not UTF-8 as U+FFFD, so the
 * document stays valid whatever a file name or a source line holds. */
void rw_json_string(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            fprintf(f, "\\%c", *p);
        } else if (*p == '\n') {
            fputs("\\n", f);
        } else if (*p == '\t') {
            fputs("\\t", f);
        } else if (*p == '\r') {
            fputs("\\r", f);
        } else if (*p < 0x20) {
            fprintf(f, "\\u%04x", *p);
        } else if (*p < 0x80) {
            fputc(*p, f);
        } else {
            int n = utf8_len(p);
            if (n == 0) {
                fputs("\\ufffd", f);
            } else {
                fwrite(p, 1, (size_t)n, f);
                p += n - 1;
            }
        }
    }
    fputc('"', f);
}
