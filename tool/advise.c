/*
 * advise.c - `mploop --suggest`: which for statements of a file could be
 * parallel loops, and with which pragma.
 *
 * Every for statement of the main file (annotated or not, nested ones too)
 * is analysed as if `#pragma mploop for` were written above it: a synthetic
 * pragma without clauses (collapse 1) is matched with the loop by scope.c,
 * and the steps of an annotated loop run on it with their diagnostics
 * captured (rw_diag_capture_begin), so that a refusal becomes the reason of
 * the verdict:
 *
 *   1. the canonical form (canonical.c): a loop not in it is unknown, with
 *      the rewriter's reason;
 *   2. the scalars declared outside the loop that the body modifies
 *      (scalars.c): one whose value is carried from one iteration to the
 *      next blocks the loop; one that every iteration sets before reading
 *      it is private (lastprivate when the code after the loop may read it
 *      and every iteration sets it); one only updated from its own value by
 *      one operator is a reduction with that operator (check.c reads the
 *      operator, as for its own advice); any other update blocks the loop;
 *   3. the scratch arrays (scratch.c) are private;
 *   4. the suggested clauses are parsed into the synthetic pragma and the
 *      loop is checked as an annotated one (clause_check.c, check.c): a
 *      suggestion the rewriter would refuse is not made, the loop is
 *      unknown with the rewriter's reason;
 *   5. the loop analysis (depend.c) over the accesses to memory: a proven
 *      loop-carried flow or output dependence blocks the loop, one that
 *      cannot be decided leaves it unknown, anti-dependences only are fine
 *      (the loop runs in snapshot mode).
 *
 * A parallel loop with no loop and no call of the program's own functions
 * inside it and a constant trip count below SMALL_TRIPS is marked as not
 * worth a process.
 */
#define _GNU_SOURCE 1 /* vasprintf */
#include <stdlib.h>
#include <string.h>

#define MPLOOP_NO_MODULE_CONSTRUCTOR
#include <mploop/abi.h>

#include "rewriter.h"

/* Below this constant trip count a loop with no loop and no call of the
 * program's own functions inside it is not worth workers: such a body costs
 * at most some tens of nanoseconds an iteration, so the whole loop costs
 * less than the fixed cost of a loop on workers (about 0.3 ms on the team,
 * 0.6 ms forked: docs/benchmarks.md). */
#define SMALL_TRIPS 4096

/* The for statements of the main file found by the walk. */
struct fors {
    const struct rw_src *src;
    CXCursor *c;
    size_t *off;
    unsigned n, cap;
};

/* Visitor collecting every for statement that starts in the main file;
 * declarations from other files are skipped whole. */
static enum CXChildVisitResult find_fors(CXCursor c, CXCursor parent, CXClientData d)
{
    struct fors *f = d;
    (void)parent;
    if (!clang_Location_isFromMainFile(clang_getCursorLocation(c)) &&
        clang_isDeclaration(clang_getCursorKind(c)))
        return CXChildVisit_Continue;
    size_t off;
    if (clang_getCursorKind(c) == CXCursor_ForStmt &&
        rw_loc_off(f->src, clang_getRangeStart(clang_getCursorExtent(c)), &off)) {
        for (unsigned i = 0; i < f->n; i++)
            if (f->off[i] == off) /* another loop of one macro expansion */
                return CXChildVisit_Recurse;
        if (f->n == f->cap) {
            f->cap = f->cap ? 2 * f->cap : 32;
            f->c = rw_xrealloc(f->c, f->cap * sizeof *f->c);
            f->off = rw_xrealloc(f->off, f->cap * sizeof *f->off);
        }
        f->c[f->n] = c;
        f->off[f->n++] = off;
    }
    return CXChildVisit_Recurse;
}

/* Order of offsets, for qsort. */
static int by_offset(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return (a > b) - (a < b);
}

/* One scalar declared outside the loop that the body modifies. */
struct mod {
    CXCursor decl;
    const char *red;     /* the reduction all its updates agree on so far */
    int no_red;          /* an update no reduction fits */
    int reads_itself;    /* such an update reads its own value */
    int mixed;           /* updates with two different operators */
    int unconditional;   /* assigned by a statement every iteration runs */
    size_t off;          /* its first modification */
    size_t bad_off;      /* the first update no reduction fits, or of a second operator */
    int escaped;         /* its address is taken in the body */
};

/* The walk over a body collecting the modified scalars. */
struct mods {
    const struct rw_src *src;
    const struct rw_loop *l;
    struct mod *v;
    unsigned n;
    CXCursor guard;      /* condition of the `if` whose then-branch is walked */
    CXCursor top;        /* the statement of the body being walked, when every
                          * iteration runs it; else a null cursor */
    size_t jump_off;     /* first `continue` or `goto` of the body (or the end) */
};

/* The entry of variable d (declared outside the loop, scalar or pointer),
 * created on first use; NULL for other variables. */
static struct mod *mod_of(struct mods *m, CXCursor d)
{
    enum CXCursorKind dk = clang_getCursorKind(d);
    if (dk != CXCursor_VarDecl && dk != CXCursor_ParmDecl)
        return NULL;
    for (unsigned i = 0; i < m->l->nlv; i++)
        if (clang_equalCursors(d, m->l->lv[i].var))
            return NULL; /* the loop's own variables: check.c's business */
    if (!rw_decl_outside(m->src, d, m->l->lv[0].for_off, m->l->end))
        return NULL;
    CXType t = clang_getCursorType(d);
    if (!rw_type_is_arith(t) && !rw_type_is_pointer(t) && !rw_is_array_param(d))
        return NULL;
    for (unsigned i = 0; i < m->n; i++)
        if (clang_equalCursors(m->v[i].decl, d))
            return &m->v[i];
    m->v = rw_xrealloc(m->v, (m->n + 1) * sizeof *m->v);
    struct mod *r = &m->v[m->n++];
    memset(r, 0, sizeof *r);
    r->decl = d;
    return r;
}

/* For `x = rhs` with x the variable d: "max" or "min" when rhs is a call of
 * fmax or fmin (any of their float, double, long double forms) with x as
 * one argument and an expression that does not read x as the other; else
 * NULL. */
static const char *fminmax(const struct rw_src *src, CXCursor e, CXCursor d)
{
    if (clang_getCursorKind(e) != CXCursor_BinaryOperator)
        return NULL;
    CXCursor *kids;
    unsigned n = rw_children(e, &kids);
    CXCursor call = n == 2 ? rw_strip(kids[1], 1) : clang_getNullCursor();
    free(kids);
    if (clang_getCursorKind(call) != CXCursor_CallExpr || clang_Cursor_getNumArguments(call) != 2)
        return NULL;
    char *name = rw_spelling(call);
    static const char *const fns[] = { "fmax", "fmaxf", "fmaxl", "fmin", "fminf", "fminl", NULL };
    const char *red = NULL;
    for (int i = 0; fns[i] && !red; i++)
        if (!strcmp(name, fns[i]))
            red = i < 3 ? "max" : "min";
    free(name);
    int self = 0;
    for (unsigned i = 0; i < 2 && red; i++) {
        CXCursor arg = clang_Cursor_getArgument(call, i), v = rw_named_var(rw_strip(arg, 1));
        size_t off;
        if (!clang_Cursor_isNull(v) && clang_equalCursors(v, d))
            self++;
        else if (rw_find_ref(src, arg, &d, 1, &off) >= 0)
            return NULL;
    }
    return self == 1 ? red : NULL;
}

/* Record modification e of the variable that lhs names directly (check.c
 * decides the same way whether e modifies it). */
static void modified(struct mods *m, CXCursor e, CXCursor lhs)
{
    CXCursor direct = rw_strip_parens(lhs);
    if (clang_getCursorKind(direct) != CXCursor_DeclRefExpr)
        return;
    CXCursor d = clang_getCursorReferenced(direct);
    enum CXCursorKind ek = clang_getCursorKind(e);
    if (ek == CXCursor_BinaryOperator) {
        enum rw_op op = rw_operator(m->src, e);
        if (op != RW_OP_ASSIGN && op != RW_OP_NONE)
            return; /* a comma operator (a plain lvalue on the left of
                     * another binary operator is converted) */
    }
    struct mod *v = mod_of(m, d);
    if (!v)
        return;
    size_t off = rw_cursor_off(m->src, e, m->l->lv[0].for_off);
    if (ek == CXCursor_UnaryOperator) {
        CXType pt = clang_getPointeeType(clang_getCursorType(e));
        if (pt.kind != CXType_Invalid &&
            clang_equalTypes(clang_getCanonicalType(pt),
                             clang_getCanonicalType(clang_getCursorType(d)))) {
            if (!v->escaped && !v->off)
                v->off = off;
            v->escaped = 1; /* &x */
            return;
        }
    }
    if (!v->off)
        v->off = off;
    if (!clang_Cursor_isNull(m->top) && off < m->jump_off)
        v->unconditional = 1;
    int reads;
    const char *red = rw_update_reduction(m->src, e, m->guard, d, &reads);
    if (!red && rw_type_is_floating(clang_getCursorType(d)))
        red = fminmax(m->src, e, d);
    if (!red) {
        if (!v->no_red && !v->mixed)
            v->bad_off = off;
        v->no_red = 1;
        v->reads_itself |= reads;
        return;
    }
    /* `+` and `-` updates combine as a sum */
    if (v->red && strcmp(v->red, red)) {
        if ((!strcmp(v->red, "+") || !strcmp(v->red, "-")) &&
            (!strcmp(red, "+") || !strcmp(red, "-"))) {
            v->red = "+";
        } else {
            if (!v->no_red && !v->mixed)
                v->bad_off = off;
            v->mixed = 1;
        }
    } else if (!v->red) {
        v->red = red;
    }
}

static void walk_mods(struct mods *m, CXCursor c);

/* Visitor handing each child to walk_mods. */
static enum CXChildVisitResult mods_kid(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    walk_mods(d, c);
    return CXChildVisit_Continue;
}

/* Walk c (under the body) for modifications of outside scalars, tracking
 * the `if` condition a then-branch runs under (as check.c does) and
 * whether the statement being walked runs in every iteration. */
static void walk_mods(struct mods *m, CXCursor c)
{
    enum CXCursorKind k = clang_getCursorKind(c);
    CXCursor *kids;
    unsigned n;
    switch (k) {
    case CXCursor_IfStmt: case CXCursor_WhileStmt: case CXCursor_DoStmt:
    case CXCursor_SwitchStmt: case CXCursor_ConditionalOperator: {
        CXCursor outer = m->guard, top = m->top;
        n = rw_children(c, &kids);
        for (unsigned i = 0; i < n; i++) {
            m->guard = k == CXCursor_IfStmt && i == 1 ? kids[0] : clang_getNullCursor();
            /* only the condition of an `if` or `switch` always runs */
            m->top = (k == CXCursor_IfStmt || k == CXCursor_SwitchStmt) && i == 0
                         ? top : clang_getNullCursor();
            walk_mods(m, kids[i]);
        }
        m->guard = outer;
        m->top = top;
        free(kids);
        return;
    }
    case CXCursor_ForStmt: {
        /* its init always runs; the rest may not */
        struct rw_for_parts h;
        CXCursor top = m->top;
        if (rw_for_parts(m->src, c, &h) == RW_FOR_OK && !clang_Cursor_isNull(h.init))
            walk_mods(m, h.init);
        n = rw_children(c, &kids);
        m->top = clang_getNullCursor();
        for (unsigned i = 0; i < n; i++)
            if (!clang_equalCursors(kids[i], h.init))
                walk_mods(m, kids[i]);
        m->top = top;
        free(kids);
        return;
    }
    case CXCursor_BinaryOperator: case CXCursor_CompoundAssignOperator:
    case CXCursor_UnaryOperator: {
        n = rw_children(c, &kids);
        if (n >= 1)
            modified(m, c, kids[0]);
        enum rw_op op = rw_operator(m->src, c);
        CXCursor top = m->top;
        for (unsigned i = 0; i < n; i++) {
            /* the right side of && and || may not run */
            if (i == 1 && (op == RW_OP_LAND || op == RW_OP_LOR))
                m->top = clang_getNullCursor();
            walk_mods(m, kids[i]);
        }
        m->top = top;
        free(kids);
        return;
    }
    case CXCursor_CaseStmt: case CXCursor_DefaultStmt: case CXCursor_LabelStmt: {
        CXCursor top = m->top;
        m->top = clang_getNullCursor();
        clang_visitChildren(c, mods_kid, m);
        m->top = top;
        return;
    }
    default:
        clang_visitChildren(c, mods_kid, m);
        return;
    }
}

/* Visitor finding the first `continue`, `goto` or label of a body (after
 * which a statement may not run in every iteration). */
static enum CXChildVisitResult first_jump(CXCursor c, CXCursor parent, CXClientData d)
{
    struct mods *m = d;
    (void)parent;
    enum CXCursorKind k = clang_getCursorKind(c);
    size_t off;
    if ((k == CXCursor_ContinueStmt || k == CXCursor_GotoStmt || k == CXCursor_LabelStmt ||
         k == CXCursor_IndirectGotoStmt || k == CXCursor_ReturnStmt) &&
        rw_loc_off(m->src, clang_getCursorLocation(c), &off) && off < m->jump_off)
        m->jump_off = off;
    return CXChildVisit_Recurse;
}

/* Collect the scalars that the body of l modifies. */
static unsigned find_mods(const struct rw_src *src, const struct rw_loop *l, struct mod **out)
{
    struct mods m = { .src = src, .l = l, .guard = clang_getNullCursor(), .top = l->body,
                      .jump_off = l->end };
    clang_visitChildren(l->body, first_jump, &m);
    walk_mods(&m, l->body);
    *out = m.v;
    return m.n;
}

/* What counter_only looks for. */
struct uses {
    const struct rw_src *src;
    CXCursor decl;
    size_t start, end;   /* the loop analysed */
    int other;           /* a use outside the loop that is not a counter's */
};

/* Whether for statement c starts by assigning decl (`for (v = e; ...)`
 * with e not reading v). */
static int counts_with(const struct rw_src *src, CXCursor c, CXCursor decl)
{
    struct rw_for_parts h;
    if (rw_for_parts(src, c, &h) != RW_FOR_OK || clang_Cursor_isNull(h.init) ||
        clang_getCursorKind(h.init) != CXCursor_BinaryOperator ||
        rw_operator(src, h.init) != RW_OP_ASSIGN)
        return 0;
    CXCursor *kids;
    unsigned n = rw_children(h.init, &kids);
    size_t off;
    int r = n == 2 && clang_getCursorKind(rw_strip_parens(kids[0])) == CXCursor_DeclRefExpr &&
            clang_equalCursors(clang_getCursorReferenced(rw_strip_parens(kids[0])), decl) &&
            rw_find_ref(src, kids[1], &decl, 1, &off) < 0;
    free(kids);
    return r;
}

/* Visitor: a use of u->decl outside the loop and outside every for
 * statement that starts by assigning it sets u->other. */
static enum CXChildVisitResult use_visit(CXCursor c, CXCursor parent, CXClientData d)
{
    struct uses *u = d;
    (void)parent;
    size_t a, b;
    if (rw_extent(u->src, c, &a, &b) && a >= u->start && b <= u->end)
        return CXChildVisit_Continue; /* the loop itself */
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_ForStmt && counts_with(u->src, c, u->decl))
        return CXChildVisit_Continue; /* a loop it counts: set before any use */
    if (k == CXCursor_DeclRefExpr && clang_equalCursors(clang_getCursorReferenced(c), u->decl)) {
        u->other = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* Whether local variable decl of the function of loop l is used outside l
 * only as the counter of for statements that set it first: then the value
 * the loop leaves in it is never read (scalars.c gives up on the code after
 * a loop nested in another one). */
static int counter_only(const struct rw_src *src, const struct rw_loop *l, CXCursor decl)
{
    if (clang_getCursorKind(decl) != CXCursor_VarDecl || clang_Cursor_hasVarDeclGlobalStorage(decl))
        return 0;
    struct uses u = { src, decl, l->lv[0].for_off, l->end, 0 };
    clang_visitChildren(l->site.func, use_visit, &u);
    return !u.other;
}

/* What unshared_visit looks for: the first call in a body of a function
 * that uses library state the workers do not share. */
struct unshared {
    const struct rw_src *src;
    const char *flag;
    char *name;
    size_t off;
};

/* Visitor finding that call (rw_call_unshared). */
static enum CXChildVisitResult unshared_visit(CXCursor c, CXCursor parent, CXClientData d)
{
    struct unshared *u = d;
    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_CallExpr)
        return CXChildVisit_Recurse;
    u->flag = rw_call_unshared(c, &u->name);
    if (!u->flag)
        return CXChildVisit_Recurse;
    u->off = rw_cursor_off(u->src, c, 0);
    return CXChildVisit_Break;
}

/* Set the verdict of a to v with the reason (printf-style) at off. */
static void verdict(struct rw_advice *a, int v, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void verdict(struct rw_advice *a, int v, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(&a->reason, fmt, ap) < 0)
        a->reason = rw_xstrdup("");
    va_end(ap);
    a->verdict = v;
    a->reason_off = off;
}

/* Whether the use at off of the scalar called name reads the value of an
 * increment or decrement of it (`a[next++] = v`, `k = --left`): a counter
 * handing out values, which shared() and an atomic capture can do across
 * workers. */
static int counter_read(const struct rw_src *src, size_t off, const char *name)
{
    size_t n = strlen(name);
    if (off + 2 <= src->len && (!memcmp(src->buf + off, "++", 2) ||
                                !memcmp(src->buf + off, "--", 2)))
        return 1;
    if (off + n > src->len || memcmp(src->buf + off, name, n))
        return 0;
    size_t p = off + n;
    while (p < src->len && (src->buf[p] == ' ' || src->buf[p] == '\t'))
        p++;
    return p + 2 <= src->len && (!memcmp(src->buf + p, "++", 2) || !memcmp(src->buf + p, "--", 2));
}

/* Take the message of the diagnostics captured since rw_diag_capture_begin:
 * when there was an error, it becomes a's reason (unknown) and 1 is
 * returned. */
static int captured(struct rw_advice *a, size_t fallback)
{
    size_t off = fallback;
    char *msg = rw_diag_capture_end(&off);
    if (!msg)
        return 0;
    a->verdict = RW_ADV_UNKNOWN;
    a->reason = msg;
    a->reason_off = off;
    return 1;
}

/* Whether call c calls a function the program defines (in this file or
 * another: a declaration outside the system headers), or through a pointer. */
static int calls_program(CXCursor c)
{
    CXCursor f = clang_getCursorReferenced(c);
    if (clang_Cursor_isNull(f) || clang_getCursorKind(f) != CXCursor_FunctionDecl)
        return 1;
    return !clang_Location_isInSystemHeader(clang_getCursorLocation(f));
}

/* Visitor: whether a loop statement, or a call of one of the program's own
 * functions, lies under c. */
static enum CXChildVisitResult find_loop(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_ForStmt || k == CXCursor_WhileStmt || k == CXCursor_DoStmt ||
        (k == CXCursor_CallExpr && calls_program(c))) {
        *(int *)d = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* Whether loop l (analysed) has no loop and no call of the program's own
 * functions in its body and a constant trip count below SMALL_TRIPS (stored
 * in *trips). */
static int small_loop(const struct rw_loop *l, unsigned long long *trips)
{
    const struct rw_level *lv = &l->lv[0];
    long long lb, ub, st = lv->step[0] == '-' ? -1 : 1;
    if (lv->is_ptr || !rw_int_const(lv->lb_c, &lb) || !rw_int_const(lv->ub_c, &ub))
        return 0;
    if (!clang_Cursor_isNull(lv->st_c)) {
        if (!rw_int_const(lv->st_c, &st))
            return 0;
        if (strstr(lv->step, "-("))
            st = -st;
    }
    int first;
    switch (lv->test) {
    case MPLOOP_LT: first = lb < ub; break;
    case MPLOOP_LE: first = lb <= ub; break;
    case MPLOOP_GT: first = lb > ub; break;
    case MPLOOP_GE: first = lb >= ub; break;
    default: first = lb != ub; break;
    }
    mploop_u64 n;
    if (mploop_trip_count(lb, ub, st, lv->test, first, &n) != MPLOOP_TRIP_OK || n >= SMALL_TRIPS)
        return 0;
    int inner = 0;
    find_loop(l->body, clang_getNullCursor(), &inner); /* the body itself, then under it */
    if (!inner)
        clang_visitChildren(l->body, find_loop, &inner);
    *trips = n;
    return !inner;
}

/* Order of modified scalars: by first modification. */
static int by_first_mod(const void *pa, const void *pb)
{
    const struct mod *a = pa, *b = pb;
    return (a->off > b->off) - (a->off < b->off);
}

/* Append the reduction clauses of the variables m[i].red (those of m[i]
 * with red set and is_red[i]) to b, one clause per operator, in the order
 * of their first modification. */
static void reduction_clauses(struct rw_buf *b, const struct mod *m, unsigned n,
                              unsigned char *is_red)
{
    for (unsigned i = 0; i < n; i++) {
        if (!is_red[i])
            continue;
        rw_buf_printf(b, " reduction(%s:", m[i].red);
        for (unsigned j = i, first = 1; j < n; j++)
            if (is_red[j] && !strcmp(m[j].red, m[i].red)) {
                char *name = rw_spelling(m[j].decl);
                rw_buf_printf(b, "%s%s", first ? "" : ", ", name);
                free(name);
                is_red[j] = first = 0;
            }
        rw_buf_puts(b, ")");
    }
}

/* The scalars step of the analysis (2. above): fills the clause text of
 * the private, lastprivate and reduction variables, or sets a's verdict
 * and returns -1. */
static int scalar_clauses(const struct rw_src *src, const struct rw_loop *l, struct rw_advice *a,
                          struct rw_buf *red, struct rw_buf *priv, struct rw_buf *last)
{
    struct mod *m;
    unsigned nm = find_mods(src, l, &m);
    struct rw_scalar *sc;
    unsigned nsc = rw_scalars(src, l, &sc);
    int rc = 0;
    unsigned char *is_red = rw_xmalloc(nm + 1);
    memset(is_red, 0, nm + 1);
    qsort(m, nm, sizeof *m, by_first_mod);
    for (unsigned i = 0; i < nm && !rc; i++) {
        struct mod *v = &m[i];
        const struct rw_scalar *s = NULL;
        for (unsigned j = 0; j < nsc; j++)
            if (clang_equalCursors(sc[j].decl, v->decl))
                s = &sc[j];
        char *name = rw_spelling(v->decl);
        if (v->escaped) {
            verdict(a, RW_ADV_UNKNOWN, v->off, "the address of '%s' is taken in the body: what "
                    "is done with it through the pointer cannot be followed", name);
            rc = -1;
        } else if (s && s->use == RW_SCALAR_CARRIED) {
            unsigned line, col;
            rw_linecol(src, s->use_off, &line, &col);
            char *hint = counter_read(src, s->use_off, name)
                             ? rw_xasprintf("; to hand its values out across workers instead (in "
                                            "another order than the sequential loop's), add "
                                            "shared(%s) and take each one with '#pragma mploop "
                                            "atomic capture' (v = %s++;)", name, name)
                             : rw_xstrdup("");
            verdict(a, RW_ADV_BLOCKED, s->use_off, "'%s' carries a value from one iteration to "
                    "the next: the value the earlier iterations left in it is used at line %u%s",
                    name, line, hint);
            free(hint);
            rc = -1;
        } else if (s && s->use == RW_SCALAR_PRIVATE) {
            if (!s->live_after || counter_only(src, l, v->decl))
                rw_buf_printf(priv, "%s%s", priv->len ? ", " : "", name);
            else if (v->unconditional)
                rw_buf_printf(last, "%s%s", last->len ? ", " : "", name);
            else {
                verdict(a, RW_ADV_UNKNOWN, v->off, "'%s' is set by some iterations only and "
                        "its value may be read after the loop: lastprivate would keep the last "
                        "iteration's value, not the sequential one", name);
                rc = -1;
            }
        } else if (v->red && !v->no_red && !v->mixed) {
            is_red[i] = 1;
        } else {
            verdict(a, RW_ADV_BLOCKED, v->bad_off ? v->bad_off : v->off,
                    v->mixed ? "'%s' is updated with different operators: no one reduction "
                               "combines its updates, and each depends on the earlier ones"
                    : v->reads_itself ? "'%s' is updated from its own value by an operation "
                                        "no reduction combines: each value depends on the "
                                        "earlier iterations"
                                      : "'%s' is modified in a way no clause fits", name);
            rc = -1;
        }
        free(name);
    }
    if (!rc)
        reduction_clauses(red, m, nm, is_red);
    free(is_red);
    free(m);
    free(sc);
    return rc;
}

/* Analyse loop l (matched, synthetic pragma) into a. */
static void advise_loop(const struct rw_src *src, struct rw_loop *l, const CXCursor *globals,
                        unsigned nglobals, const struct rw_advise_opts *o, struct rw_advice *a)
{
    struct rw_pragma *p = l->pragma;
    rw_diag_capture_begin();
    int bad = rw_analyse_loop(src, l);
    if (captured(a, a->off) || bad) {
        if (!a->reason)
            verdict(a, RW_ADV_UNKNOWN, a->off, "the loop is not in canonical form");
        return;
    }
    struct rw_buf red = { 0 }, priv = { 0 }, last = { 0 };
    rw_diag_capture_begin();
    bad = scalar_clauses(src, l, a, &red, &priv, &last);
    if (captured(a, a->off) || bad)
        goto out;
    CXCursor *scr;
    size_t *scr_off;
    unsigned nscr = rw_scratch_arrays(src, l, &scr, &scr_off);
    for (unsigned i = 0; i < nscr; i++) {
        char *name = rw_spelling(scr[i]);
        rw_buf_printf(&priv, "%s%s", priv.len ? ", " : "", name);
        free(name);
    }
    free(scr);
    free(scr_off);

    /* validate: the rewriter must accept the loop with these clauses */
    struct rw_buf cl = { 0 };
    rw_buf_puts(&cl, "");
    if (red.len)
        rw_buf_puts(&cl, red.s);
    if (priv.len)
        rw_buf_printf(&cl, " private(%s)", priv.s);
    if (last.len)
        rw_buf_printf(&cl, " lastprivate(%s)", last.s);
    a->clauses = cl.s;
    size_t *map = rw_xmalloc((cl.len + 1) * sizeof *map);
    for (size_t i = 0; i <= cl.len; i++)
        map[i] = a->off;
    struct rw_ptext pt = { cl.s, cl.len, map };
    rw_diag_capture_begin();
    rw_parse_clauses(p, &pt, 0);
    bad = rw_check_clauses(src, l, globals, nglobals) || rw_check_body(src, l);
    free(map);
    if (captured(a, a->off) || bad) {
        if (!a->reason)
            verdict(a, RW_ADV_UNKNOWN, a->off, "the rewriter refuses the loop");
        goto out;
    }

    /* calls the rewriter only warns about, whose results differ in workers */
    struct unshared u = { src, NULL, NULL, a->off };
    clang_visitChildren(l->body, unshared_visit, &u);
    if (u.flag) {
        unsigned line, col;
        rw_linecol(src, u.off, &line, &col);
        verdict(a, RW_ADV_UNKNOWN, u.off, !strcmp(u.flag, "mploop-rand")
                    ? "'%s' (line %u) continues the parent's hidden random sequence in every "
                      "worker: the iterations would not draw the numbers they draw sequentially "
                      "[-W%s]"
                    : "'%s' (line %u) reads standard input: every worker would read the same "
                      "input [-W%s]", u.name, line, u.flag);
        free(u.name);
        goto out;
    }

    struct rw_analysis an;
    memset(&an, 0, sizeof an);
    rw_diag_capture_begin();
    rw_analyse_deps(src, l, o->assume_no_alias, &an);
    free(rw_diag_capture_end(&(size_t){ 0 }));
    switch (an.verdict) {
    case RW_VERDICT_PARALLEL:
        a->verdict = RW_ADV_PARALLEL;
        break;
    case RW_VERDICT_ANTI:
        a->verdict = RW_ADV_PARALLEL;
        a->snapshot = 1;
        break;
    case RW_VERDICT_BLOCKED:
        a->verdict = RW_ADV_BLOCKED;
        break;
    default:
        /* the analysis's reason for an alias doubt says to add restrict already */
        verdict(a, RW_ADV_UNKNOWN, an.why_off, "%s%s", an.why ? an.why : "undecided",
                !an.alias_only ? ""
                : an.why && strstr(an.why, "restrict") ? "; or run with --assume-no-alias"
                : "; add 'restrict' to the pointers if they never overlap, or run with "
                  "--assume-no-alias");
        a->alias_only = an.alias_only;
        break;
    }
    if (an.verdict == RW_VERDICT_ANTI || an.verdict == RW_VERDICT_BLOCKED) {
        static const char *const kinds[] = { "flow", "anti", "output" };
        a->has_dep = 1;
        a->dep = an.dep;
        a->dep.first_text = rw_xstrdup(an.dep.first_text ? an.dep.first_text : "");
        a->dep.second_text = rw_xstrdup(an.dep.second_text ? an.dep.second_text : "");
        a->dep_levels = l->nlv;
        a->dep_text = rw_dep_describe(src, l, &an.dep);
        if (a->snapshot)
            a->snapshot_why = rw_xstrdup(a->dep_text);
        else
            verdict(a, RW_ADV_BLOCKED, an.dep.second_off, "loop-carried %s dependence: %s",
                    an.dep.kind >= 0 && an.dep.kind <= 2 ? kinds[an.dep.kind] : "",
                    a->dep_text);
    }
    rw_analysis_free(&an);
    if (a->verdict == RW_ADV_PARALLEL)
        a->small = small_loop(l, &a->trips);
out:
    free(red.s);
    free(priv.s);
    free(last.s);
}

/* Analyse every for statement of src (see rewriter.h). */
unsigned rw_advise(const struct rw_src *src, const struct rw_advise_opts *o,
                   struct rw_advice **out)
{
    struct fors f = { .src = src };
    clang_visitChildren(clang_getTranslationUnitCursor(src->tu), find_fors, &f);
    qsort(f.off, f.n, sizeof *f.off, by_offset);
    unsigned n = f.n;
    struct rw_advice *v = rw_xmalloc((n + 1) * sizeof *v);
    memset(v, 0, (n + 1) * sizeof *v);

    /* the pragmas written in the file: which loops are annotated */
    struct rw_pragma *real;
    unsigned nreal;
    rw_diag_capture_begin();
    rw_find_pragmas(src, &real, &nreal);
    free(rw_diag_capture_end(&(size_t){ 0 }));

    /* one synthetic pragma per loop, matched by scope.c */
    struct rw_pragma *p = rw_xmalloc((n + 1) * sizeof *p);
    memset(p, 0, (n + 1) * sizeof *p);
    for (unsigned i = 0; i < n; i++) {
        p[i].start = p[i].end = p[i].off = f.off[i];
        rw_lex(src->buf, src->len, f.off[i], 0, &p[i].next);
        p[i].sched = MPLOOP_SCHED_DEFAULT;
        p[i].collapse = 1;
    }
    struct rw_loop_site *sites = rw_xmalloc((n + 1) * sizeof *sites);
    CXCursor *globals;
    unsigned nglobals;
    rw_diag_capture_begin();
    rw_match_loops(src, p, n, sites, &globals, &nglobals);
    free(rw_diag_capture_end(&(size_t){ 0 }));

    for (unsigned i = 0; i < n; i++) {
        struct rw_advice *a = &v[i];
        a->off = f.off[i];
        rw_linecol(src, a->off, &a->line, &a->col);
        a->parent = a->in_annotated = -1;
        for (unsigned j = 0; j < nreal; j++)
            if (real[j].next.off == a->off && !real[j].not_for)
                a->annotated = 1;
        /* the loops around it come before it and contain its start */
        for (unsigned j = i; j-- > 0;)
            if (v[j].off < a->off && a->off < v[j].end) {
                if (a->parent < 0)
                    a->parent = (int)j;
                a->depth++;
                if (v[j].annotated)
                    a->in_annotated = (int)j;
            }
        a->end = a->off + 1;
        if (clang_Cursor_isNull(sites[i].for_stmt)) {
            verdict(a, RW_ADV_UNKNOWN, a->off, "the for statement is produced by a macro; "
                    "write it out to have it analysed");
            continue;
        }
        size_t e = rw_stmt_end(src, sites[i].for_stmt);
        if (e > a->end)
            a->end = e;
        struct rw_loop *l = rw_xmalloc(sizeof *l);
        memset(l, 0, sizeof *l);
        l->pragma = &p[i];
        l->site = sites[i];
        l->id = i + 1;
        advise_loop(src, l, globals, nglobals, o, a);
    }
    free(f.c);
    free(f.off);
    *out = v;
    return n;
}
