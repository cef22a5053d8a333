/*
 * clause_parse.c - the syntax of the clauses of `#pragma mploop for`.
 *
 * pragma.c finds each pragma and hands over its text after `for`: the file
 * itself for `#pragma`, the destringized literal for `_Pragma`.  Here that
 * text is lexed and each clause is parsed into struct rw_pragma: schedule,
 * num_workers, if, collapse, snapshot, direct and the data clauses with their
 * variable names.  Syntax errors are reported at the file offset the bytes
 * came from.  What the names refer to is checked later, in clause_check.c,
 * once the loop's scope is known.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MPLOOP_NO_MODULE_CONSTRUCTOR
#include <mploop/abi.h>

#include "rewriter.h"

/* File offset of offset o of the pragma text. */
size_t rw_ptext_off(const struct rw_ptext *pt, size_t o)
{
    if (!pt->map)
        return o;
    return o < pt->len ? pt->map[o] : (pt->len ? pt->map[pt->len - 1] + 1 : 0);
}

/* Text of pt[a, b) with backslash-newlines removed and spaces trimmed. */
static char *expr_text(const struct rw_ptext *pt, size_t a, size_t b)
{
    while (a < b && (pt->s[a] == ' ' || pt->s[a] == '\t'))
        a++;
    while (b > a && (pt->s[b - 1] == ' ' || pt->s[b - 1] == '\t'))
        b--;
    char *r = rw_xmalloc(b - a + 1);
    size_t n = 0;
    for (size_t i = a; i < b; i++) {
        if (pt->s[i] == '\\' && i + 1 < b && pt->s[i + 1] == '\n') {
            i++;
            continue;
        }
        if (pt->s[i] == '\\' && i + 2 < b && pt->s[i + 1] == '\r' && pt->s[i + 2] == '\n') {
            i += 2;
            continue;
        }
        r[n++] = pt->s[i];
    }
    /* trim again: the text may have started or ended with a continuation */
    while (n > 0 && (r[n - 1] == ' ' || r[n - 1] == '\t'))
        n--;
    r[n] = 0;
    size_t skip = strspn(r, " \t");
    memmove(r, r + skip, n - skip + 1);
    return r;
}

/* Lex the next token of the pragma text. */
size_t rw_ptext_next(const struct rw_ptext *pt, size_t pos, struct rw_tok *t)
{
    return rw_lex(pt->s, pt->len, pos, 1, t);
}

/* Whether token t of the pragma text spells s. */
static int is(const struct rw_ptext *pt, const struct rw_tok *t, const char *s)
{
    return rw_tok_is(pt->s, t, s);
}

/* The clause name of a data clause kind (enum rw_var_kind). */
const char *rw_var_kind_name(int kind)
{
    static const char *const names[] = { "private", "firstprivate", "lastprivate", "reduction",
                                         "shared" };
    return names[kind];
}

/* Add a clause variable, refusing a second data clause for the same name
 * (firstprivate together with lastprivate is allowed, as in OpenMP). */
static void add_var(struct rw_pragma *p, const struct rw_ptext *pt, const struct rw_tok *t,
                    int kind, int op, const char *clause)
{
    char *name = rw_xstrndup(pt->s + t->off, t->len);
    for (unsigned i = 0; i < p->nvars; i++) {
        struct rw_var *v = &p->vars[i];
        if (strcmp(v->name, name))
            continue;
        if ((v->kind == RW_FIRSTPRIVATE && kind == RW_LASTPRIVATE) ||
            (v->kind == RW_LASTPRIVATE && kind == RW_FIRSTPRIVATE)) {
            v->kind = RW_LASTPRIVATE;
            v->also_first = 1;
            free(name);
            return;
        }
        if (v->kind == kind)
            rw_error(rw_ptext_off(pt, t->off), "variable '%s' appears more than once in '%s' clauses",
                     name, clause);
        else
            rw_error(rw_ptext_off(pt, t->off),
                     "variable '%s' appears in both a '%s' and a '%s' clause", name,
                     rw_var_kind_name(v->kind), clause);
        free(name);
        return;
    }
    p->vars = rw_xrealloc(p->vars, (p->nvars + 1) * sizeof *p->vars);
    p->vars[p->nvars++] = (struct rw_var){ .name = name, .off = rw_ptext_off(pt, t->off),
                                                .kind = kind, .op = op };
}

/* Parse the array section `[lo:len]` or `[:len]` of a reduction variable,
 * whose `[` is token lb, into v (NULL: the variable was refused already).  Returns the
 * position after the `]`, or 0 after reporting an error. */
static size_t parse_section(struct rw_var *v, const struct rw_ptext *pt, const struct rw_tok *lb,
                            size_t end)
{
    struct rw_tok t;
    size_t pos = lb->off + lb->len, colon = 0;
    int depth = 0, cond = 0;
    for (;;) {
        pos = rw_ptext_next(pt, pos, &t);
        if (t.off >= end) {
            rw_error(rw_ptext_off(pt, lb->off), "expected ']' after the array section");
            return 0;
        }
        if (is(pt, &t, "(") || is(pt, &t, "["))
            depth++;
        else if ((is(pt, &t, ")") || is(pt, &t, "]")) && depth > 0)
            depth--;
        else if (is(pt, &t, "]"))
            break;
        else if (depth == 0 && is(pt, &t, "?"))
            cond++;
        else if (depth == 0 && is(pt, &t, ":") && cond > 0)
            cond--;
        else if (depth == 0 && is(pt, &t, ":") && !colon)
            colon = t.off;
    }
    size_t close = t.off;
    struct rw_tok first, last;
    rw_ptext_next(pt, lb->off + lb->len, &first);
    if (!colon) {
        rw_error(rw_ptext_off(pt, close),
                 "expected 'lower-bound:length' in the array section of a 'reduction' clause");
        return 0;
    }
    rw_ptext_next(pt, colon + 1, &last);
    if (last.off == close) {
        rw_error(rw_ptext_off(pt, close), "expected a length after ':' in the array section");
        return 0;
    }
    struct rw_tok next;
    rw_ptext_next(pt, pos, &next);
    if (next.off < end && is(pt, &next, "[")) {
        rw_error(rw_ptext_off(pt, next.off), "multi-dimensional array sections are not "
                 "supported in a 'reduction' clause: give one section of the first dimension");
        return 0;
    }
    if (v) {
        /* `[:len]`: the lower bound left out is 0, as in OpenMP */
        v->sec_lo = first.off == colon ? rw_xstrdup("0") : expr_text(pt, lb->off + lb->len, colon);
        v->sec_len = expr_text(pt, colon + 1, close);
        v->sec_off = rw_ptext_off(pt, lb->off);
    }
    return pos;
}

/* Parse a comma-separated list of variable names in [pos, end). */
static void parse_list(struct rw_pragma *p, const struct rw_ptext *pt, size_t pos, size_t end,
                       int kind, int op, const char *clause, size_t clause_off)
{
    struct rw_tok t;
    int any = 0;
    for (;;) {
        pos = rw_ptext_next(pt, pos, &t);
        if (t.off >= end) {
            if (!any)
                rw_error(clause_off, "expected a variable name in '%s' clause", clause);
            return;
        }
        if (t.kind != RW_T_IDENT) {
            rw_error(rw_ptext_off(pt, t.off), "expected a variable name in '%s' clause", clause);
            return;
        }
        unsigned before = p->nvars;
        add_var(p, pt, &t, kind, op, clause);
        any = 1;
        pos = rw_ptext_next(pt, pos, &t);
        if (t.off < end && kind == RW_REDUCTION && is(pt, &t, "[")) {
            pos = parse_section(p->nvars > before ? &p->vars[before] : NULL, pt, &t, end);
            if (!pos)
                return;
            pos = rw_ptext_next(pt, pos, &t);
        }
        if (t.off >= end)
            return;
        if (!is(pt, &t, ",")) {
            rw_error(rw_ptext_off(pt, t.off), "expected ',' or ')' in '%s' clause", clause);
            return;
        }
    }
}

static const struct {
    const char *s;
    int op;
} redops[] = {
    { "+", RW_RED_ADD }, { "-", RW_RED_SUB }, { "*", RW_RED_MUL },
    { "&", RW_RED_AND }, { "|", RW_RED_OR }, { "^", RW_RED_XOR },
    { "&&", RW_RED_LAND }, { "||", RW_RED_LOR }, { "min", RW_RED_MIN },
    { "max", RW_RED_MAX },
};

/* Parse one clause whose name is token name and whose arguments are
 * [a, b) (between the parentheses). */
static void parse_clause(struct rw_pragma *p, const struct rw_ptext *pt,
                         const struct rw_tok *name, size_t a, size_t b, int *seen)
{
    size_t off = rw_ptext_off(pt, name->off);
    struct rw_tok t;
    char *cname = rw_xstrndup(pt->s + name->off, name->len);
    static const char *const single[] = { "schedule", "num_workers", "if", "collapse" };
    for (int i = 0; i < 4; i++)
        if (!strcmp(cname, single[i])) {
            if (seen[i]) {
                rw_error(off, "'#pragma mploop for' cannot have more than one '%s' clause", cname);
                free(cname);
                return;
            }
            seen[i] = 1;
        }

    if (!strcmp(cname, "schedule")) {
        static const char *const kinds[] = { "static", "dynamic", "guided", "auto", "runtime" };
        size_t pos = rw_ptext_next(pt, a, &t);
        int kind = -1;
        for (int i = 0; i < 5; i++)
            if (t.off < b && is(pt, &t, kinds[i]))
                kind = i;
        if (kind < 0) {
            rw_error(rw_ptext_off(pt, t.off < b ? t.off : a),
                     "expected 'static', 'dynamic', 'guided', 'auto' or 'runtime' in 'schedule' clause");
        } else {
            p->sched = kind;
            pos = rw_ptext_next(pt, pos, &t);
            if (t.off < b) {
                if (!is(pt, &t, ","))
                    rw_error(rw_ptext_off(pt, t.off), "expected ',' or ')' in 'schedule' clause");
                else if (kind == MPLOOP_SCHED_AUTO || kind == MPLOOP_SCHED_RUNTIME)
                    rw_error(rw_ptext_off(pt, t.off), "'schedule(%s)' takes no chunk size",
                             kinds[kind]);
                else {
                    struct rw_tok c;
                    rw_ptext_next(pt, pos, &c);
                    if (c.off >= b)
                        rw_error(rw_ptext_off(pt, t.off), "expected a chunk size after ','");
                    else
                        p->chunk = expr_text(pt, pos, b);
                }
            }
        }
    } else if (!strcmp(cname, "reduction")) {
        size_t pos = a, colon = 0;
        int depth = 0;
        for (;;) {
            pos = rw_ptext_next(pt, pos, &t);
            if (t.off >= b)
                break;
            if (is(pt, &t, ":")) {
                colon = t.off;
                break;
            }
            depth++;
        }
        if (!colon) {
            rw_error(off, "expected 'operator:' in 'reduction' clause");
        } else {
            struct rw_tok o;
            rw_ptext_next(pt, a, &o);
            int op = -1;
            if (depth == 1)
                for (size_t i = 0; i < sizeof redops / sizeof *redops; i++)
                    if (is(pt, &o, redops[i].s))
                        op = redops[i].op;
            if (op < 0 && depth == 1 && o.kind == RW_T_IDENT)
                op = RW_RED_USER; /* a declared reduction: clause_check.c */
            unsigned first = p->nvars;
            if (op < 0)
                rw_error(rw_ptext_off(pt, o.off),
                         "expected one of + - * & | ^ && || min max, or the name of a declared "
                         "reduction, as the reduction operator");
            else
                parse_list(p, pt, pos, b, RW_REDUCTION, op, "reduction", off);
            for (unsigned i = first; op == RW_RED_USER && i < p->nvars; i++) {
                p->vars[i].udr_name = rw_xstrndup(pt->s + o.off, o.len);
                p->vars[i].udr_off = rw_ptext_off(pt, o.off);
            }
        }
    } else if (!strcmp(cname, "private")) {
        parse_list(p, pt, a, b, RW_PRIVATE, 0, cname, off);
    } else if (!strcmp(cname, "firstprivate")) {
        parse_list(p, pt, a, b, RW_FIRSTPRIVATE, 0, cname, off);
    } else if (!strcmp(cname, "lastprivate")) {
        parse_list(p, pt, a, b, RW_LASTPRIVATE, 0, cname, off);
    } else if (!strcmp(cname, "shared")) {
        parse_list(p, pt, a, b, RW_SHARED, 0, cname, off);
    } else if (!strcmp(cname, "num_workers") || !strcmp(cname, "if")) {
        rw_ptext_next(pt, a, &t);
        if (t.off >= b)
            rw_error(off, "expected an expression in '%s' clause", cname);
        else if (cname[0] == 'i')
            p->cond = expr_text(pt, a, b);
        else
            p->workers = expr_text(pt, a, b);
    } else if (!strcmp(cname, "collapse")) {
        size_t pos = rw_ptext_next(pt, a, &t);
        struct rw_tok u;
        rw_ptext_next(pt, pos, &u);
        char *end = NULL;
        char *num = t.kind == RW_T_NUMBER ? rw_xstrndup(pt->s + t.off, t.len) : NULL;
        unsigned long n = num ? strtoul(num, &end, 0) : 0;
        while (end && *end && strchr("uUlL", *end))
            end++;
        if (t.off >= b || !num || *end || u.off < b || n < 1) {
            rw_error(rw_ptext_off(pt, t.off < b ? t.off : a),
                     "argument of 'collapse' must be an integer constant of at least 1");
        } else if (n > RW_MAX_LEVELS) {
            rw_error(rw_ptext_off(pt, t.off), "'collapse' supports at most %d loops",
                     RW_MAX_LEVELS);
        } else {
            p->collapse = (int)n;
            p->collapse_off = rw_ptext_off(pt, t.off);
        }
        free(num);
    } else {
        rw_error(off, "unknown clause '%s' in '#pragma mploop for'", cname);
    }
    free(cname);
}

/* See rewriter.h. */
size_t rw_ptext_args(const struct rw_ptext *pt, size_t pos, const struct rw_tok *lp,
                     struct rw_tok *rp)
{
    for (int depth = 1;;) {
        pos = rw_ptext_next(pt, pos, rp);
        if (rp->kind == RW_T_EOL || rp->kind == RW_T_EOF) {
            rw_error(rw_ptext_off(pt, lp->off), "missing ')' after clause arguments");
            return SIZE_MAX;
        }
        if (is(pt, rp, "("))
            depth++;
        else if (is(pt, rp, ")") && --depth == 0)
            return pos;
    }
}

/* Parse the clauses of pragma p from pos (just after `for`) to the end of
 * the text. */
void rw_parse_clauses(struct rw_pragma *p, const struct rw_ptext *pt, size_t pos)
{
    int seen[4] = { 0 };
    struct rw_tok t;
    /* A comma may separate two clauses (as in OpenMP), nothing else. */
    size_t comma = 0;
    int after_clause = 0, after_comma = 0;
    for (;;) {
        pos = rw_ptext_next(pt, pos, &t);
        if (t.kind == RW_T_EOL || t.kind == RW_T_EOF) {
            if (after_comma)
                rw_error(comma, "expected a clause after ',' in '#pragma mploop for'");
            return;
        }
        if (is(pt, &t, ",")) {
            if (!after_clause) {
                rw_error(rw_ptext_off(pt, t.off), "expected a clause before ',' in '#pragma "
                         "mploop for'");
                return;
            }
            comma = rw_ptext_off(pt, t.off);
            after_clause = 0;
            after_comma = 1;
            continue;
        }
        after_clause = 1;
        after_comma = 0;
        if (t.kind != RW_T_IDENT) {
            rw_error(rw_ptext_off(pt, t.off), "expected a clause of '#pragma mploop for'");
            return;
        }
        struct rw_tok name = t, lp;
        size_t after = rw_ptext_next(pt, pos, &lp);
        if (is(pt, &name, "snapshot") || is(pt, &name, "direct")) {
            /* The write-mode clauses, the ones without arguments. */
            int snap = is(pt, &name, "snapshot");
            const char *cname = snap ? "snapshot" : "direct";
            if (is(pt, &lp, "(")) {
                rw_error(rw_ptext_off(pt, lp.off), "'%s' clause takes no arguments", cname);
                return;
            }
            if (snap ? p->snapshot : p->direct)
                rw_error(rw_ptext_off(pt, name.off),
                         "'#pragma mploop for' cannot have more than one '%s' clause", cname);
            else if (snap ? p->direct : p->snapshot) {
                rw_error(rw_ptext_off(pt, name.off),
                         "'%s' and '%s' clauses cannot both appear on a loop", cname,
                         snap ? "direct" : "snapshot");
                rw_note(p->mode_off, "the '%s' clause is here", snap ? "direct" : "snapshot");
            } else
                p->mode_off = rw_ptext_off(pt, name.off);
            if (snap)
                p->snapshot = 1;
            else
                p->direct = 1;
            continue;
        }
        pos = after;
        if (!is(pt, &lp, "(")) {
            char *cname = rw_xstrndup(pt->s + name.off, name.len);
            static const char *const known[] = { "schedule", "reduction", "private", "firstprivate",
                                                 "lastprivate", "num_workers", "if", "collapse",
                                                 "shared", NULL };
            int k = 0;
            for (const char *const *q = known; *q; q++)
                k |= !strcmp(*q, cname);
            if (k)
                rw_error(rw_ptext_off(pt, lp.off), "expected '(' after '%s'", cname);
            else
                rw_error(rw_ptext_off(pt, name.off), "unknown clause '%s' in '#pragma mploop for'", cname);
            free(cname);
            return;
        }
        size_t a = pos;
        if ((pos = rw_ptext_args(pt, pos, &lp, &t)) == SIZE_MAX)
            return;
        parse_clause(p, pt, &name, a, t.off, seen);
    }
}

/* Text of pt[a, b), trimmed (see rewriter.h). */
char *rw_ptext_text(const struct rw_ptext *pt, size_t a, size_t b)
{
    return expr_text(pt, a, b);
}
