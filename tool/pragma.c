/*
 * pragma.c - finding `#pragma mploop for` and `_Pragma("mploop for ...")`
 * (and the other mploop directives).
 *
 * The AST has no cursor for an unknown pragma, so the pragmas are found by
 * lexing the main file's bytes (lex.c): comments and string literals are
 * single tokens, so pragmas inside them are never matched, and pragmas in
 * blocks the preprocessor skipped (`#if 0`) are dropped using libclang's
 * skipped ranges.  Between a pragma and its `for` may stand the directives
 * that leave it in effect (`#endif`, `#else` and `#elif` with the skipped
 * block they open, `#line`, `#define`, `#undef`).  The text after `for`
 * goes to clause_parse.c; what the
 * clause names refer to is checked in clause_check.c once the loop's scope
 * is known.
 */
#define _GNU_SOURCE 1 /* memmem, vasprintf, realpath */
#include <stdlib.h>
#include <string.h>

#define MPLOOP_NO_MODULE_CONSTRUCTOR
#include <mploop/abi.h>

#include "rewriter.h"

/* Skipped preprocessor ranges of the main file, as offsets. */
struct skipped {
    size_t *start, *end;
    unsigned n;
};

/* Collect the ranges the preprocessor skipped in the main file. */
static void get_skipped(const struct rw_src *src, struct skipped *sk)
{
    CXSourceRangeList *l = clang_getSkippedRanges(src->tu, src->file);
    sk->n = 0;
    sk->start = rw_xmalloc((l ? l->count : 0) * sizeof(size_t) + 1);
    sk->end = rw_xmalloc((l ? l->count : 0) * sizeof(size_t) + 1);
    for (unsigned i = 0; l && i < l->count; i++) {
        size_t a, b;
        if (rw_loc_off(src, clang_getRangeStart(l->ranges[i]), &a) &&
            rw_loc_off(src, clang_getRangeEnd(l->ranges[i]), &b)) {
            sk->start[sk->n] = a;
            sk->end[sk->n++] = b;
        }
    }
    if (l)
        clang_disposeSourceRangeList(l);
}

/* Whether offset off lies in a skipped range. */
static int is_skipped(const struct skipped *sk, size_t off)
{
    for (unsigned i = 0; i < sk->n; i++)
        if (off >= sk->start[i] && off < sk->end[i])
            return 1;
    return 0;
}

/* Append a pragma with the default clause values. */
static struct rw_pragma *new_pragma(struct rw_pragma **v, unsigned *n)
{
    *v = rw_xrealloc(*v, (*n + 1) * sizeof **v);
    struct rw_pragma *p = &(*v)[(*n)++];
    memset(p, 0, sizeof *p);
    p->sched = MPLOOP_SCHED_DEFAULT;
    p->collapse = 1;
    return p;
}

/* Parse the directive of pragma p, whose word after `mploop` is token w of
 * pt (q: the position after it): `for` and its clauses, `declare
 * reduction`, `critical`, `atomic`, `pipeline`, `stage`; anything else is reported, at eol when
 * the pragma ends there ("expected 'for' after <after>"). */
static void parse_directive(struct rw_pragma *p, const struct rw_ptext *pt, struct rw_tok *w,
                            size_t q, size_t eol, const char *after)
{
    if (rw_tok_is(pt->s, w, "declare")) {
        p->not_for = 1;
        p->directive = RW_DIR_DECLARE;
        rw_parse_declare(p, pt, q);
    } else if (rw_tok_is(pt->s, w, "critical") || rw_tok_is(pt->s, w, "atomic")) {
        rw_parse_coop(p, pt, w, q);
    } else if (rw_tok_is(pt->s, w, "pipeline") || rw_tok_is(pt->s, w, "stage")) {
        rw_parse_pipeline(p, pt, w, q);
    } else if (!rw_tok_is(pt->s, w, "for")) {
        p->not_for = 1;
        if (w->kind == RW_T_EOL)
            rw_error(eol, "expected 'for' after %s", after);
        else
            rw_error(rw_ptext_off(pt, w->off), "unknown directive '#pragma mploop %.*s' "
                     "(expected 'for', 'pipeline', 'stage', 'critical' or 'atomic')",
                     (int)w->len, pt->s + w->off);
    } else {
        rw_parse_clauses(p, pt, q);
    }
}

/* Handle `_Pragma ( "..." )` starting at identifier t; returns the position
 * after it, and appends a pragma when the string starts with `mploop`. */
static size_t do_Pragma(const struct rw_src *src, const struct rw_tok *t, size_t pos,
                        struct rw_pragma **v, unsigned *n)
{
    struct rw_tok lp, str, rp;
    size_t p1 = rw_lex(src->buf, src->len, pos, 0, &lp);
    if (!rw_tok_is(src->buf, &lp, "("))
        return pos;
    size_t p2 = rw_lex(src->buf, src->len, p1, 0, &str);
    if (str.kind != RW_T_STRING || src->buf[str.off] != '"')
        return pos;
    size_t p3 = rw_lex(src->buf, src->len, p2, 0, &rp);
    if (!rw_tok_is(src->buf, &rp, ")"))
        return pos;

    /* destringize: \" -> ", \\ -> \ */
    size_t cap = str.len;
    char *s = rw_xmalloc(cap + 1);
    size_t *map = rw_xmalloc((cap + 1) * sizeof *map);
    size_t k = 0;
    for (size_t i = str.off + 1; i + 1 < str.off + str.len; i++) {
        if (src->buf[i] == '\\' && (src->buf[i + 1] == '"' || src->buf[i + 1] == '\\'))
            i++;
        map[k] = i;
        s[k++] = src->buf[i];
    }
    s[k] = 0;
    struct rw_ptext pt = { s, k, map };
    struct rw_tok w;
    size_t q = rw_ptext_next(&pt, 0, &w);
    if (!rw_tok_is(pt.s, &w, "mploop")) {
        free(s);
        free(map);
        return p3;
    }
    struct rw_pragma *p = new_pragma(v, n);
    p->start = t->off;
    p->end = p3;
    p->off = t->off;
    q = rw_ptext_next(&pt, q, &w);
    parse_directive(p, &pt, &w, q, rw_ptext_off(&pt, q), "'mploop'");
    rw_lex(src->buf, src->len, p3, 0, &p->next);
    /* the strings stay alive: expressions were copied out */
    free(s);
    free(map);
    return p3;
}

/* The directives that may stand between a pragma and its loop: they leave
 * the pragma in effect after preprocessing (`#ifdef USE_OMP / #pragma omp
 * ... / #else / #pragma mploop for ... / #endif / for (...)`). */
static const char *const passable[] = { "endif", "else", "elif", "elifdef", "elifndef", "line",
                                        "define", "undef", NULL };

/* The first token from pos that is not one of the passable directives or
 * inside a block the preprocessor skipped, into *t. */
static void next_after_directives(const struct rw_src *src, const struct skipped *sk, size_t pos,
                                  struct rw_tok *t)
{
    const char *buf = src->buf;
    for (;;) {
        pos = rw_lex(buf, src->len, pos, 0, t);
        if (t->kind == RW_T_EOF)
            return;
        if (is_skipped(sk, t->off))
            continue;
        if (t->kind != RW_T_DIRECTIVE)
            return;
        struct rw_ptext pt = { buf, t->off + t->len, NULL };
        struct rw_tok w;
        rw_ptext_next(&pt, t->off + 1, &w);
        int ok = 0;
        for (const char *const *d = passable; *d && !ok; d++)
            ok = rw_tok_is(buf, &w, *d);
        if (!ok)
            return;
    }
}

/* Scan the main file for pragmas (see rewriter.h). */
void rw_find_pragmas(const struct rw_src *src, struct rw_pragma **out, unsigned *n)
{
    struct skipped sk;
    struct rw_tok t;
    size_t pos = 0;
    *out = NULL;
    *n = 0;
    rw_declare_reset();
    /* nothing to do without the word: the common case of a plain file */
    if (!memmem(src->buf, src->len, "mploop", 6))
        return;
    get_skipped(src, &sk);
    const char *buf = src->buf;
    for (;;) {
        pos = rw_lex(buf, src->len, pos, 0, &t);
        if (t.kind == RW_T_EOF)
            break;
        if (t.kind == RW_T_IDENT && rw_tok_is(buf, &t, "_Pragma") &&
            !is_skipped(&sk, t.off)) {
            pos = do_Pragma(src, &t, pos, out, n);
            continue;
        }
        if (t.kind != RW_T_DIRECTIVE || is_skipped(&sk, t.off))
            continue;
        /* # pragma mploop ... */
        struct rw_ptext pt = { buf, t.off + t.len, NULL };
        struct rw_tok w;
        size_t q = rw_ptext_next(&pt, t.off + 1, &w);
        if (!rw_tok_is(pt.s, &w, "pragma"))
            continue;
        q = rw_ptext_next(&pt, q, &w);
        if (!rw_tok_is(pt.s, &w, "mploop"))
            continue;
        struct rw_pragma *p = new_pragma(out, n);
        p->start = t.off;
        p->end = t.off + t.len;
        p->off = t.off;
        q = rw_ptext_next(&pt, q, &w);
        parse_directive(p, &pt, &w, q, w.off, "'#pragma mploop'");
        next_after_directives(src, &sk, pos, &p->next);
    }
    free(sk.start);
    free(sk.end);
}

/* Where a clause can be added to pragma p (see rewriter.h): the end of the
 * directive's last token, or the closing quote of the `_Pragma` string. */
size_t rw_pragma_clause_end(const struct rw_src *src, const struct rw_pragma *p)
{
    struct rw_tok t;
    size_t pos = p->start, end = p->start;
    if (src->buf[p->start] != '#') {
        /* _Pragma ( "..." ) */
        while ((pos = rw_lex(src->buf, p->end, pos, 0, &t)), t.kind != RW_T_EOF)
            if (t.kind == RW_T_STRING)
                return t.off + t.len - 1;
        return p->end;
    }
    struct rw_ptext pt = { src->buf, p->end, NULL };
    for (pos = p->start + 1; (pos = rw_ptext_next(&pt, pos, &t)), t.kind != RW_T_EOL;)
        end = t.off + t.len;
    return end;
}
