/*
 * coop.c - the directives for workers that cooperate: `#pragma mploop
 * critical [(name)]`, `#pragma mploop atomic [update|read|write|capture]`,
 * and the body references to the variables of a shared(list) clause.
 *
 * Workers are processes: a variable of the enclosing function is a copy in
 * each of them, so a lock or an atomic instruction on it protects nothing.
 * The shared() clause moves the listed variables into memory every worker
 * sees (emit.c allocates it with mploop_shared_alloc and copies the values
 * in and out); here every name of such a variable written in the loop body
 * is replaced by `(*__mploop_sh<I>_<N>)`, which keeps its type.  A critical
 * statement becomes a block whose first declaration takes the named lock
 * and whose cleanup (GNU `cleanup` attribute) releases it on every way out
 * of the block, `break`, `continue`, `goto` and `return` included.  An
 * atomic statement becomes one GCC __atomic builtin: a fetch-and-op where
 * one exists, else a compare-exchange loop (floating types, `*`, `/`,
 * shifts).  A write in a critical or atomic statement to a variable of the
 * enclosing scope that is not shared is the trap this file exists to
 * catch: check.c reports it through rw_coop_not_shared.
 */
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

/* One critical or atomic statement found by rw_coop_find. */
struct coop_stmt {
    struct rw_pragma *p;
    CXCursor stmt;           /* the statement (atomic: its expression) */
    size_t start, end;       /* its extent (atomic: without the `;`) */
    /* atomic only: */
    CXCursor x, v, val;      /* target, captured variable, operand (null when none) */
    enum rw_op op;           /* binary operator applied to x (RW_OP_NONE: read/write) */
    int reversed;            /* x = val op x */
    int result;              /* capture: 1 the old value, 2 the new one */
};

/* One name of a shared() variable in a loop body, to redirect. */
struct coop_ref {
    size_t off, len;
    char *text;              /* "(*__mploop_sh0_1)" */
    int used;                /* copied into an atomic statement's text */
};

static struct {
    struct coop_stmt *s;
    unsigned n;
    struct coop_ref *r;
    unsigned nr;
} coop;

/* ---- parsing ------------------------------------------------------------ */

/* Whether t ends a directive's text. */
static int at_end(const struct rw_tok *t)
{
    return t->kind == RW_T_EOL || t->kind == RW_T_EOF;
}

/* Parse `critical [(name)]` or `atomic [clause]` (see rewriter.h). */
void rw_parse_coop(struct rw_pragma *p, const struct rw_ptext *pt, const struct rw_tok *w,
                   size_t pos)
{
    struct rw_tok t;
    p->not_for = 1;
    p->crit_name = rw_xstrdup("");
    pos = rw_ptext_next(pt, pos, &t);
    if (rw_tok_is(pt->s, w, "critical")) {
        p->directive = RW_DIR_CRITICAL;
        if (rw_tok_is(pt->s, &t, "(")) {
            struct rw_tok name;
            pos = rw_ptext_next(pt, pos, &name);
            if (name.kind != RW_T_IDENT) {
                p->reported = 1, rw_error(rw_ptext_off(pt, name.off), "expected a name in '#pragma mploop "
                         "critical (name)'");
                return;
            }
            free(p->crit_name);
            p->crit_name = rw_xstrndup(pt->s + name.off, name.len);
            pos = rw_ptext_next(pt, pos, &t);
            if (!rw_tok_is(pt->s, &t, ")")) {
                p->reported = 1, rw_error(rw_ptext_off(pt, t.off), "expected ')' after the name of the critical "
                         "section");
                return;
            }
            pos = rw_ptext_next(pt, pos, &t);
        }
        if (!at_end(&t))
            p->reported = 1, rw_error(rw_ptext_off(pt, t.off), "extra tokens at the end of '#pragma mploop "
                     "critical'; expected '(name)' or nothing");
        return;
    }
    p->directive = RW_DIR_ATOMIC;
    p->atomic = RW_ATOMIC_UPDATE;
    if (!at_end(&t)) {
        static const char *const kinds[] = { "update", "read", "write", "capture" };
        int k = -1;
        for (int i = 0; i < 4; i++)
            if (rw_tok_is(pt->s, &t, kinds[i]))
                k = i;
        if (k < 0) {
            p->reported = 1, rw_error(rw_ptext_off(pt, t.off), "unknown clause '%.*s' in '#pragma mploop atomic' "
                     "(expected 'update', 'read', 'write' or 'capture')", (int)t.len,
                     pt->s + t.off);
            return;
        }
        p->atomic = k;
        rw_ptext_next(pt, pos, &t);
        if (!at_end(&t))
            p->reported = 1, rw_error(rw_ptext_off(pt, t.off), "extra tokens at the end of '#pragma mploop "
                     "atomic %s'", kinds[k]);
    }
}

/* ---- finding the statements --------------------------------------------- */

struct find {
    const struct rw_src *src;
    size_t off;
    CXCursor found;
};

/* Visitor: the outermost statement or expression inside a function that
 * starts at f->off. */
static enum CXChildVisitResult find_visit(CXCursor c, CXCursor parent, CXClientData d)
{
    struct find *f = d;
    (void)parent;
    size_t a, b;
    if (!clang_Cursor_isNull(f->found) || !rw_extent(f->src, c, &a, &b))
        return CXChildVisit_Continue;
    if (b <= f->off || a > f->off)
        return CXChildVisit_Continue;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (a == f->off && (clang_isStatement(k) || clang_isExpression(k)) &&
        clang_getCursorKind(parent) != CXCursor_TranslationUnit) {
        f->found = c;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* The forms `#pragma mploop atomic kind` accepts, for its error. */
static const char *atomic_forms(int kind)
{
    switch (kind) {
    case RW_ATOMIC_READ:
        return "'v = x;'";
    case RW_ATOMIC_WRITE:
        return "'x = e;'";
    case RW_ATOMIC_CAPTURE:
        return "'v = x++;', 'v = x--;', 'v = ++x;', 'v = --x;', 'v = x op= e;' or "
               "'v = x = x op e;' (op one of + - * / & | ^ << >>)";
    default:
        return "'x++;', 'x--;', '++x;', '--x;', 'x op= e;', 'x = x op e;' or 'x = e op x;' "
               "(op one of + - * / & | ^ << >>)";
    }
}

/* The binary operator of compound assignment op, or RW_OP_NONE. */
static enum rw_op compound_base(enum rw_op op)
{
    switch (op) {
    case RW_OP_MUL_ASSIGN: return RW_OP_MUL;
    case RW_OP_DIV_ASSIGN: return RW_OP_DIV;
    case RW_OP_ADD_ASSIGN: return RW_OP_ADD;
    case RW_OP_SUB_ASSIGN: return RW_OP_SUB;
    case RW_OP_SHL_ASSIGN: return RW_OP_SHL;
    case RW_OP_SHR_ASSIGN: return RW_OP_SHR;
    case RW_OP_AND_ASSIGN: return RW_OP_AND;
    case RW_OP_XOR_ASSIGN: return RW_OP_XOR;
    case RW_OP_OR_ASSIGN: return RW_OP_OR;
    default: return RW_OP_NONE;
    }
}

/* Whether op is one of the binary operators atomic accepts. */
static int atomic_binop(enum rw_op op)
{
    return op == RW_OP_MUL || op == RW_OP_DIV || op == RW_OP_ADD || op == RW_OP_SUB ||
           op == RW_OP_SHL || op == RW_OP_SHR || op == RW_OP_AND || op == RW_OP_XOR ||
           op == RW_OP_OR;
}

/* The source text of expression c without blanks, to compare lvalues. */
static char *squeezed(const struct rw_src *src, CXCursor c)
{
    size_t a, b;
    if (!rw_extent(src, c, &a, &b))
        return rw_xstrdup("");
    char *t = rw_text(src, a, b);
    size_t n = 0;
    for (char *q = t; *q; q++)
        if (*q != ' ' && *q != '\t' && *q != '\n' && *q != '\r')
            t[n++] = *q;
    t[n] = 0;
    return t;
}

/* Whether expressions a and b are written the same (parentheses and
 * blanks aside). */
static int same_lvalue(const struct rw_src *src, CXCursor a, CXCursor b)
{
    char *x = squeezed(src, rw_strip(a, 1)), *y = squeezed(src, rw_strip(b, 1));
    int eq = !strcmp(x, y);
    free(x);
    free(y);
    return eq;
}

/* Read an update form (`x++`, `x op= e`, `x = x op e`, `x = e op x`) from
 * expression e into s; returns 0 or -1 when e is no such form. */
static int update_form(const struct rw_src *src, CXCursor e, struct coop_stmt *s)
{
    e = rw_strip(e, 1);
    enum CXCursorKind k = clang_getCursorKind(e);
    enum rw_op op = rw_operator(src, e);
    CXCursor *kids;
    unsigned n = rw_children(e, &kids);
    int rc = -1;
    s->val = clang_getNullCursor();
    if (k == CXCursor_UnaryOperator && n == 1 && op >= RW_OP_POST_INC && op <= RW_OP_PRE_DEC) {
        s->x = kids[0];
        s->op = op == RW_OP_POST_INC || op == RW_OP_PRE_INC ? RW_OP_ADD : RW_OP_SUB;
        s->result = op == RW_OP_POST_INC || op == RW_OP_POST_DEC ? 1 : 2;
        rc = 0;
    } else if (k == CXCursor_CompoundAssignOperator && n == 2 && compound_base(op) != RW_OP_NONE) {
        s->x = kids[0];
        s->val = kids[1];
        s->op = compound_base(op);
        s->result = 2;
        rc = 0;
    } else if (k == CXCursor_BinaryOperator && n == 2 && op == RW_OP_ASSIGN) {
        CXCursor r = rw_strip(kids[1], 1), *rk;
        enum rw_op rop = rw_operator(src, r);
        unsigned rn = clang_getCursorKind(r) == CXCursor_BinaryOperator ? rw_children(r, &rk) : 0;
        if (rn == 2 && atomic_binop(rop)) {
            if (same_lvalue(src, kids[0], rk[0])) {
                s->val = rk[1];
                rc = 0;
            } else if (same_lvalue(src, kids[0], rk[1])) {
                s->val = rk[0];
                s->reversed = 1;
                rc = 0;
            }
            s->x = kids[0];
            s->op = rop;
            s->result = 2;
        }
        if (rn)
            free(rk);
    }
    free(kids);
    return rc;
}

/* Read the form of atomic statement s (its expression in s->stmt); returns
 * 0, or -1 after reporting an error. */
static int atomic_form(const struct rw_src *src, struct coop_stmt *s)
{
    CXCursor e = rw_strip(s->stmt, 1);
    int kind = s->p->atomic, rc = -1;
    static const char *const names[] = { "", " read", " write", " capture" };
    s->x = s->v = s->val = clang_getNullCursor();
    s->op = RW_OP_NONE;
    if (clang_isExpression(clang_getCursorKind(e))) {
        CXCursor *kids;
        unsigned n = rw_children(e, &kids);
        int assign = clang_getCursorKind(e) == CXCursor_BinaryOperator && n == 2 &&
                     rw_operator(src, e) == RW_OP_ASSIGN;
        if (kind == RW_ATOMIC_UPDATE) {
            rc = update_form(src, e, s);
            s->result = 0;
        } else if (kind == RW_ATOMIC_READ && assign) {
            s->v = kids[0];
            s->x = rw_strip(kids[1], 1);
            rc = 0;
        } else if (kind == RW_ATOMIC_WRITE && assign) {
            s->x = kids[0];
            s->val = kids[1];
            rc = 0;
        } else if (kind == RW_ATOMIC_CAPTURE && assign) {
            s->v = kids[0];
            rc = update_form(src, kids[1], s);
        }
        free(kids);
    }
    size_t off = s->start;
    enum CXCursorKind xk = clang_Cursor_isNull(s->x) ? CXCursor_InvalidCode
                                                     : clang_getCursorKind(rw_strip(s->x, 1));
    if (xk != CXCursor_DeclRefExpr && xk != CXCursor_MemberRefExpr &&
        xk != CXCursor_ArraySubscriptExpr && xk != CXCursor_UnaryOperator)
        rc = -1; /* the target is no lvalue: `v = a[0] + 1` */
    if (rc) {
        rw_error(off, "'#pragma mploop atomic%s' must be followed by %s", names[kind],
                 atomic_forms(kind));
        return -1;
    }
    CXType t = clang_getCursorType(s->x);
    CXType ct = clang_getCanonicalType(t);
    if ((!rw_type_is_integer(t) && !rw_type_is_floating(t)) || ct.kind == CXType_Bool) {
        char *ts = rw_type_spelling(t), *xs = squeezed(src, s->x);
        rw_error(rw_cursor_off(src, s->x, off), "the target '%s' of '#pragma mploop atomic' must "
                 "have an integer or floating type, not '%s'", xs, ts);
        free(ts);
        free(xs);
        return -1;
    }
    if (clang_Type_getSizeOf(t) > 8) {
        /* 16-byte atomics are calls into libatomic, which programs do not link */
        char *ts = rw_type_spelling(t), *xs = squeezed(src, s->x);
        rw_error(rw_cursor_off(src, s->x, off), "the target '%s' of '#pragma mploop atomic' has "
                 "type '%s', which is not updated atomically without libatomic; use '#pragma "
                 "mploop critical'", xs, ts);
        free(ts);
        free(xs);
        return -1;
    }
    return 0;
}

/* Find the statements of the critical and atomic directives (see
 * rewriter.h). */
void rw_coop_find(const struct rw_src *src, struct rw_pragma *p, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        if ((p[i].directive != RW_DIR_CRITICAL && p[i].directive != RW_DIR_ATOMIC) ||
            p[i].reported)
            continue; /* a loop, a declared reduction, or a refused directive */
        const char *what = p[i].directive == RW_DIR_CRITICAL ? "critical" : "atomic";
        struct find f = { src, p[i].next.off, clang_getNullCursor() };
        if (p[i].next.kind != RW_T_EOF)
            clang_visitChildren(clang_getTranslationUnitCursor(src->tu), find_visit, &f);
        enum CXCursorKind k = clang_getCursorKind(f.found);
        int bad = k == CXCursor_DeclStmt ||
                  (p[i].directive == RW_DIR_ATOMIC && !clang_isExpression(k));
        if (clang_Cursor_isNull(f.found) || bad) {
            rw_error(p[i].next.kind == RW_T_EOF ? p[i].start : p[i].next.off,
                     "'#pragma mploop %s' must be followed by %s inside a function", what,
                     p[i].directive == RW_DIR_ATOMIC ? "an expression statement" : "a statement");
            p[i].reported = 1;
            if (!bad)
                continue;
        }
        coop.s = rw_xrealloc(coop.s, (coop.n + 1) * sizeof *coop.s);
        struct coop_stmt *s = &coop.s[coop.n];
        memset(s, 0, sizeof *s);
        s->p = &p[i];
        s->stmt = f.found;
        /* refused or not, its range is covered (no follow-on errors) */
        rw_extent(src, f.found, &s->start, &s->end);
        if (p[i].directive == RW_DIR_CRITICAL || bad)
            s->end = rw_stmt_end(src, f.found);
        else if (atomic_form(src, s))
            p[i].reported = 1;
        p[i].stmt_start = s->start;
        p[i].stmt_end = s->end;
        coop.n++;
    }
}

/* Whether off lies in a critical or atomic statement (see rewriter.h). */
int rw_coop_covers(size_t off)
{
    for (unsigned i = 0; i < coop.n; i++)
        if (off >= coop.s[i].start && off < coop.s[i].end)
            return 1;
    return 0;
}

/* Whether off is where an atomic read or capture statement starts (see
 * rewriter.h). */
int rw_coop_capture_at(size_t off)
{
    for (unsigned i = 0; i < coop.n; i++)
        if (coop.s[i].start == off && coop.s[i].p->directive == RW_DIR_ATOMIC &&
            (coop.s[i].p->atomic == RW_ATOMIC_READ || coop.s[i].p->atomic == RW_ATOMIC_CAPTURE))
            return 1;
    return 0;
}

/* Whether p[0..n) holds a critical or atomic directive. */
int rw_coop_any(const struct rw_pragma *p, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        if (p[i].directive == RW_DIR_CRITICAL || p[i].directive == RW_DIR_ATOMIC)
            return 1;
    return 0;
}

/* ---- checks ------------------------------------------------------------- */

/* The error for a variable that is not shared (see rewriter.h). */
void rw_coop_not_shared(const struct rw_src *src, const struct rw_loop *l, size_t off,
                        const char *name)
{
    unsigned line, col;
    rw_linecol(src, l->pragma->off, &line, &col);
    rw_error(off, "'%s' is not shared between workers; add shared(%s) to the loop's pragma "
             "(line %u)", name, name, line);
    char *fix = rw_xasprintf(" shared(%s)", name);
    rw_note_fixit(rw_pragma_clause_end(src, l->pragma), fix, "add 'shared(%s)' to the pragma",
                  name);
    free(fix);
}

/* The innermost annotated loop of p[0..n) whose body holds offset off. */
static const struct rw_loop *loop_at(const struct rw_pragma *p, unsigned n, size_t off)
{
    const struct rw_loop *best = NULL;
    for (unsigned i = 0; i < n; i++) {
        const struct rw_loop *l = p[i].loop;
        if (l && off >= l->body_start && off < l->body_end &&
            (!best || l->body_start >= best->body_start))
            best = l;
    }
    return best;
}

/* The variable at the root of lvalue c (see rewriter.h). */
CXCursor rw_lvalue_root(CXCursor c)
{
    for (;;) {
        c = rw_strip(c, 1);
        enum CXCursorKind k = clang_getCursorKind(c);
        if (k == CXCursor_DeclRefExpr)
            return rw_named_var(c);
        CXCursor *kids;
        unsigned n = rw_children(c, &kids);
        CXCursor base = n ? kids[0] : clang_getNullCursor();
        free(kids);
        if (k == CXCursor_MemberRefExpr && n == 1) {
            CXType bt = clang_getCanonicalType(clang_getCursorType(rw_strip(base, 1)));
            if (bt.kind == CXType_Pointer)
                return clang_getNullCursor(); /* s->f */
            c = base;
        } else if (k == CXCursor_ArraySubscriptExpr && n == 2) {
            CXType bt = clang_getCanonicalType(clang_getCursorType(rw_strip(base, 1)));
            if (bt.kind != CXType_ConstantArray && bt.kind != CXType_IncompleteArray &&
                bt.kind != CXType_VariableArray)
                return clang_getNullCursor(); /* p[i] */
            c = base;
        } else {
            return clang_getNullCursor();
        }
    }
}

/* Whether variable d is declared outside loop l and is none of its
 * clause or loop variables. */
static int outside_unshared(const struct rw_src *src, const struct rw_loop *l, CXCursor d)
{
    if (clang_Cursor_isNull(d) || !rw_decl_outside(src, d, l->lv[0].for_off, l->end))
        return 0;
    for (unsigned i = 0; i < l->nlv; i++)
        if (clang_equalCursors(d, l->lv[i].var))
            return 0;
    for (unsigned i = 0; i < l->pragma->nvars; i++)
        if (clang_equalCursors(d, l->pragma->vars[i].decl))
            return 0;
    return 1;
}

/* Visitor state: collecting the body references of one loop's shared()
 * variables. */
struct refs {
    const struct rw_src *src;
    const struct rw_loop *l;
    const struct rw_pragma *p;  /* every pragma of the file */
    unsigned np;
    int rc;
};

/* Whether off lies in the header of an annotated loop nested in r->l (the
 * rewriter replaces it: a name there cannot be redirected). */
static int in_nested_header(const struct refs *r, size_t off)
{
    for (unsigned i = 0; i < r->np; i++) {
        const struct rw_loop *o = r->p[i].loop;
        if (o && o != r->l && off >= o->lv[0].for_off && off < o->lv[o->nlv - 1].rparen_end)
            return 1;
    }
    return 0;
}

/* Visitor: every name of a shared() variable of r->l in its body. */
static enum CXChildVisitResult refs_visit(CXCursor c, CXCursor parent, CXClientData d)
{
    struct refs *r = d;
    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
        return CXChildVisit_Recurse;
    CXCursor v = clang_getCursorReferenced(c);
    const struct rw_pragma *p = r->l->pragma;
    for (unsigned i = 0; i < p->nvars; i++) {
        if (p->vars[i].kind != RW_SHARED || !clang_equalCursors(v, p->vars[i].decl))
            continue;
        CXFile f;
        unsigned off;
        size_t len = strlen(p->vars[i].name), at = rw_cursor_off(r->src, c, r->l->body_start);
        clang_getFileLocation(clang_getCursorLocation(c), &f, NULL, NULL, &off);
        int here = f && clang_File_isEqual(f, r->src->file) && off + len <= r->src->len &&
                   !memcmp(r->src->buf + off, p->vars[i].name, len);
        if (here) {
            char nx = off + len < r->src->len ? r->src->buf[off + len] : 0;
            here = !(nx == '_' || (nx >= 'a' && nx <= 'z') || (nx >= 'A' && nx <= 'Z') ||
                     (nx >= '0' && nx <= '9'));
        }
        if (!here) {
            rw_error(at, "shared variable '%s' is named inside a macro's definition here; "
                     "only names written in the loop body can be redirected to its shared "
                     "copy: pass it to the macro as an argument", p->vars[i].name);
            r->rc = -1;
        } else if (in_nested_header(r, off)) {
            rw_error(off, "shared variable '%s' cannot be named in the header of a nested "
                     "annotated loop", p->vars[i].name);
            r->rc = -1;
        } else {
            coop.r = rw_xrealloc(coop.r, (coop.nr + 1) * sizeof *coop.r);
            coop.r[coop.nr++] = (struct coop_ref){
                .off = off, .len = len,
                .text = rw_xasprintf("(*__mploop_sh%u_%u)", i, r->l->id) };
        }
        break;
    }
    return CXChildVisit_Recurse;
}

/* Loop-dependent checks and the shared references (see rewriter.h). */
int rw_coop_check(const struct rw_src *src, struct rw_pragma *p, unsigned n)
{
    int rc = 0;
    for (unsigned i = 0; i < coop.n; i++) {
        struct coop_stmt *s = &coop.s[i];
        const struct rw_loop *l = loop_at(p, n, s->start);
        if (!l || s->p->directive != RW_DIR_ATOMIC || s->p->atomic != RW_ATOMIC_READ)
            continue;
        /* the writes were check.c's; an atomic read reads its target */
        CXCursor d = rw_lvalue_root(s->x);
        if (outside_unshared(src, l, d)) {
            char *name = rw_spelling(d);
            rw_coop_not_shared(src, l, rw_cursor_off(src, s->x, s->start), name);
            free(name);
            rc = -1;
        }
    }
    for (unsigned i = 0; i < n; i++) {
        const struct rw_loop *l = p[i].loop;
        int any = 0;
        for (unsigned j = 0; l && j < l->pragma->nvars; j++)
            any |= l->pragma->vars[j].kind == RW_SHARED;
        if (!any)
            continue;
        struct refs r = { src, l, p, n, 0 };
        clang_visitChildren(l->body, refs_visit, &r);
        if (r.rc)
            rc = -1;
    }
    return rc;
}

/* ---- the generated code ------------------------------------------------- */

/* The helpers of critical statements (see rewriter.h). */
char *rw_coop_helpers(const struct rw_pragma *p, unsigned n)
{
    int any = 0;
    for (unsigned i = 0; i < n; i++)
        any |= p[i].directive == RW_DIR_CRITICAL;
    if (!any)
        return rw_xstrdup("");
    return rw_xstrdup(
        "static __inline__ __attribute__((__unused__)) const char *"
        "__mploop_critical_begin(const char *__mploop_n) "
        "{ mploop_critical_enter(__mploop_n); return __mploop_n; }\n"
        "static __inline__ __attribute__((__unused__)) void "
        "__mploop_critical_end(const char *const *__mploop_n) "
        "{ mploop_critical_leave(*__mploop_n); }\n");
}

/* The text of [a, b) with the shared references inside redirected (and
 * marked used). */
static char *redirected(const struct rw_src *src, size_t a, size_t b)
{
    struct rw_buf t = { 0 };
    size_t pos = a;
    for (;;) {
        struct coop_ref *next = NULL;
        for (unsigned i = 0; i < coop.nr; i++)
            if (coop.r[i].off >= pos && coop.r[i].off + coop.r[i].len <= b &&
                (!next || coop.r[i].off < next->off))
                next = &coop.r[i];
        if (!next)
            break;
        rw_buf_add(&t, src->buf + pos, next->off - pos);
        rw_buf_puts(&t, next->text);
        next->used = 1;
        pos = next->off + next->len;
    }
    rw_buf_add(&t, src->buf + pos, b - pos);
    rw_buf_add(&t, "", 0);
    return t.s;
}

/* Redirected text of expression c. */
static char *expr_text(const struct rw_src *src, CXCursor c)
{
    size_t a, b;
    if (clang_Cursor_isNull(c) || !rw_extent(src, c, &a, &b))
        return rw_xstrdup("1");
    return redirected(src, a, b);
}

/* The GCC fetch-and-op name of binary operator op, or NULL. */
static const char *fetch_name(enum rw_op op)
{
    switch (op) {
    case RW_OP_ADD: return "add";
    case RW_OP_SUB: return "sub";
    case RW_OP_AND: return "and";
    case RW_OP_OR: return "or";
    case RW_OP_XOR: return "xor";
    default: return NULL;
    }
}

/* The code of atomic statement s, replacing its expression. */
static char *atomic_code(const struct rw_src *src, const struct coop_stmt *s)
{
    char *x = expr_text(src, s->x);
    char *v = clang_Cursor_isNull(s->v) ? NULL : expr_text(src, s->v);
    char *e = expr_text(src, s->val);
    struct rw_buf b = { 0 };
    static const char *const seq = "__ATOMIC_SEQ_CST";
    if (v)
        rw_buf_printf(&b, "%s = ", v);
    if (s->op == RW_OP_NONE && s->p->atomic == RW_ATOMIC_READ) {
        rw_buf_printf(&b, "__extension__({ __typeof__(%s) __mploop_ar; __atomic_load(&(%s), "
                      "&__mploop_ar, %s); __mploop_ar; })", x, x, seq);
    } else if (s->op == RW_OP_NONE) {
        rw_buf_printf(&b, "__extension__({ __typeof__(%s) __mploop_aw = (__typeof__(%s))(%s); "
                      "__atomic_store(&(%s), &__mploop_aw, %s); })", x, x, e, x, seq);
    } else {
        const char *f = fetch_name(s->op);
        int integer_operand = clang_Cursor_isNull(s->val) ||
                              rw_type_is_integer(clang_getCursorType(s->val)) ||
                              clang_getCanonicalType(clang_getCursorType(s->val)).kind ==
                                  CXType_Enum;
        int fetch = f && rw_type_is_integer(clang_getCursorType(s->x)) && integer_operand &&
                    (!s->reversed || s->op != RW_OP_SUB);
        if (fetch) {
            if (s->result == 1)
                rw_buf_printf(&b, "__atomic_fetch_%s(&(%s), (__typeof__(%s))(%s), %s)", f, x, x,
                              e, seq);
            else
                rw_buf_printf(&b, "%s__atomic_%s_fetch(&(%s), (__typeof__(%s))(%s), %s)",
                              s->result ? "" : "(void)", f, x, x, e, seq);
        } else {
            const char *op = rw_op_spelling(s->op);
            rw_buf_printf(&b, "__extension__({ __typeof__(%s) *__mploop_ap = &(%s); "
                          "__typeof__(%s) __mploop_ao, __mploop_an; "
                          "__typeof__((%s) + 0) __mploop_ae = (%s); "
                          "__atomic_load(__mploop_ap, &__mploop_ao, %s); "
                          "do __mploop_an = (__typeof__(%s))(%s %s %s); "
                          "while (!__atomic_compare_exchange(__mploop_ap, &__mploop_ao, "
                          "&__mploop_an, 0, %s, %s)); %s; })",
                          x, x, x, e, e, seq, x,
                          s->reversed ? "__mploop_ae" : "__mploop_ao", op,
                          s->reversed ? "__mploop_ao" : "__mploop_ae", seq, seq,
                          s->result == 1 ? "__mploop_ao" : s->result == 2 ? "__mploop_an"
                                                                           : "(void)0");
        }
    }
    free(x);
    free(v);
    free(e);
    return b.s;
}

/* The pragma's bytes [start, end) blanked: its newlines kept, after text
 * (taken over). */
static char *blanked(const struct rw_src *src, const struct rw_pragma *p, char *text)
{
    struct rw_buf b = { 0 };
    rw_buf_puts(&b, text);
    for (size_t k = p->start; k < p->end; k++)
        if (src->buf[k] == '\n')
            rw_buf_add(&b, "\n", 1);
    rw_buf_add(&b, "", 0);
    free(text);
    return b.s;
}

/* Add the edits of the directives and references (see rewriter.h). */
void rw_coop_emit(const struct rw_src *src, struct rw_edits *e)
{
    for (unsigned i = 0; i < coop.n; i++) {
        struct coop_stmt *s = &coop.s[i];
        if (s->p->directive == RW_DIR_CRITICAL) {
            char *name = rw_escaped_path(s->p->crit_name);
            rw_edit_add(e, s->p->start, s->p->end, 0,
                        blanked(src, s->p, rw_xasprintf(
                            "{ __attribute__((__cleanup__(__mploop_critical_end), __unused__)) "
                            "const char *__mploop_cr_%zu = __mploop_critical_begin(\"%s\");",
                            s->p->start, name)));
            rw_edit_add(e, s->end, s->end, 50, rw_xstrdup(" }"));
            free(name);
        } else {
            rw_edit_add(e, s->p->start, s->p->end, 0, blanked(src, s->p, rw_xstrdup("")));
            rw_edit_add(e, s->start, s->end, 0, atomic_code(src, s));
            for (unsigned j = 0; j < coop.nr; j++) /* the replaced `x` of `x = x op e` */
                if (coop.r[j].off >= s->start && coop.r[j].off < s->end)
                    coop.r[j].used = 1;
        }
    }
    for (unsigned i = 0; i < coop.nr; i++)
        if (!coop.r[i].used)
            rw_edit_add(e, coop.r[i].off, coop.r[i].off + coop.r[i].len, 0,
                        rw_xstrdup(coop.r[i].text));
}
