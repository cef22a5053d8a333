/*
 * util.c - memory and string helpers of the rewriter.
 *
 * The rewriter is a short-lived command: running out of memory ends it with
 * a message, so callers never check allocation results.
 */
#define _GNU_SOURCE 1 /* memmem, vasprintf, realpath */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

/* End the program after an allocation failure. */
static void out_of_memory(void)
{
    fputs("mploop: error: out of memory\n", stderr);
    exit(1);
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
