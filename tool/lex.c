/*
 * lex.c - a small C lexer over the main file's bytes.
 *
 * libclang's tokens cost a call per token and clang_getTokenSpelling an
 * allocation per token; scanning a large file for pragmas that way is slow.
 * The rewriter only needs token boundaries, so it lexes the buffer itself:
 * comments and literals are single tokens (pragmas inside them are never
 * seen), backslash-newlines are honoured, and preprocessing directives are
 * recognised when `#` is first on its logical line.
 */
#define _GNU_SOURCE 1 /* memmem, vasprintf, realpath */
#include <string.h>

#include "rewriter.h"

/* Whether a backslash-newline (\\\n or \\\r\n) starts at p; returns its length. */
static size_t splice_len(const char *buf, size_t len, size_t p)
{
    if (p < len && buf[p] == '\\') {
        if (p + 1 < len && buf[p + 1] == '\n')
            return 2;
        if (p + 2 < len && buf[p + 1] == '\r' && buf[p + 2] == '\n')
            return 3;
    }
    return 0;
}

/* Whether c may appear in an identifier (UTF-8 bytes included). */
static int is_ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

/* Skip whitespace, comments and splices from p.  In directive mode, stop at
 * a newline.  *newline is set when a newline was crossed. */
static size_t skip_space(const char *buf, size_t len, size_t p, int directive, int *newline)
{
    for (;;) {
        size_t s;
        if (p >= len)
            return p;
        if ((s = splice_len(buf, len, p))) {
            p += s;
        } else if (buf[p] == '\n') {
            if (directive)
                return p;
            *newline = 1;
            p++;
        } else if (buf[p] == ' ' || buf[p] == '\t' || buf[p] == '\r' || buf[p] == '\f' ||
                   buf[p] == '\v') {
            p++;
        } else if (buf[p] == '/' && p + 1 < len && buf[p + 1] == '*') {
            const char *e = p + 2 < len ? memmem(buf + p + 2, len - p - 2, "*/", 2) : NULL;
            p = e ? (size_t)(e - buf) + 2 : len;
        } else if (buf[p] == '/' && p + 1 < len && buf[p + 1] == '/') {
            /* a line comment continues over backslash-newlines */
            while (p < len && buf[p] != '\n') {
                size_t sl = splice_len(buf, len, p);
                p += sl ? sl : 1;
            }
        } else {
            return p;
        }
    }
}

/* End of a quoted literal starting at the quote q; stops at an unescaped
 * newline for unterminated literals. */
static size_t quoted_end(const char *buf, size_t len, size_t q)
{
    char quote = buf[q];
    size_t p = q + 1;
    while (p < len && buf[p] != quote && buf[p] != '\n') {
        size_t sl = splice_len(buf, len, p);
        if (sl)
            p += sl;
        else if (buf[p] == '\\' && p + 1 < len)
            p += 2;
        else
            p++;
    }
    return p < len && buf[p] == quote ? p + 1 : p;
}

/* Whether pos is the first token of its logical line. */
static int at_line_start(const char *buf, size_t pos)
{
    size_t p = pos;
    while (p > 0) {
        char c = buf[p - 1];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            p--;
        } else if (c == '\n') {
            /* an escaped newline joins this line to the previous one */
            size_t q = p - 1;
            if (q > 0 && buf[q - 1] == '\r')
                q--;
            if (q > 0 && buf[q - 1] == '\\')
                return 0;
            return 1;
        } else if (c == '/' && p >= 2 && buf[p - 2] == '*') {
            /* a comment before the `#`: find its start */
            size_t q = p - 2;
            while (q >= 2 && !(buf[q - 2] == '/' && buf[q - 1] == '*'))
                q--;
            if (q < 2)
                return 0;
            p = q - 2;
        } else {
            return 0;
        }
    }
    return 1;
}

static const char *const puncts[] = {
    "<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
    "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##", NULL
};

/* Lex one token at or after pos (see rewriter.h). */
size_t rw_lex(const char *buf, size_t len, size_t pos, int directive, struct rw_tok *t)
{
    int newline = 0;
    size_t p = skip_space(buf, len, pos, directive, &newline);
    t->off = p;
    if (p >= len) {
        t->kind = directive ? RW_T_EOL : RW_T_EOF;
        t->len = 0;
        return p;
    }
    char c = buf[p];
    size_t e = p + 1;
    if (c == '\n') {
        t->kind = RW_T_EOL;
    } else if (c == '#' && !directive && at_line_start(buf, p)) {
        /* the directive runs to the end of its logical line */
        struct rw_tok d;
        size_t q = p + 1;
        for (;;) {
            q = rw_lex(buf, len, q, 1, &d);
            if (d.kind == RW_T_EOL)
                break;
        }
        t->kind = RW_T_DIRECTIVE;
        e = d.off;
    } else if (c == '"' || c == '\'') {
        t->kind = c == '"' ? RW_T_STRING : RW_T_CHAR;
        e = quoted_end(buf, len, p);
    } else if (is_ident_char(c) && !(c >= '0' && c <= '9')) {
        while (e < len && is_ident_char(buf[e]))
            e++;
        /* encoding prefixes of literals: L u U u8 */
        size_t n = e - p;
        if (e < len && (buf[e] == '"' || buf[e] == '\'') &&
            ((n == 1 && (c == 'L' || c == 'u' || c == 'U')) || (n == 2 && !memcmp(buf + p, "u8", 2)))) {
            t->kind = buf[e] == '"' ? RW_T_STRING : RW_T_CHAR;
            e = quoted_end(buf, len, e);
        } else {
            t->kind = RW_T_IDENT;
        }
    } else if ((c >= '0' && c <= '9') || (c == '.' && p + 1 < len && buf[p + 1] >= '0' && buf[p + 1] <= '9')) {
        t->kind = RW_T_NUMBER;
        while (e < len) {
            char d = buf[e];
            if ((d == '+' || d == '-') && strchr("eEpP", buf[e - 1]))
                e++;
            else if (is_ident_char(d) || d == '.')
                e++;
            else
                break;
        }
    } else if (strchr("[](){}.&*+-~!/%<>^|?:;=,#", c)) {
        t->kind = RW_T_PUNCT;
        for (const char *const *q = puncts; *q; q++) {
            size_t n = strlen(*q);
            if (p + n <= len && !memcmp(buf + p, *q, n)) {
                e = p + n;
                break;
            }
        }
    } else {
        t->kind = RW_T_OTHER;
    }
    t->len = e - p;
    return e;
}

/* Whether token t spells exactly s. */
int rw_tok_is(const char *buf, const struct rw_tok *t, const char *s)
{
    size_t n = strlen(s);
    return t->len == n && !memcmp(buf + t->off, s, n);
}
