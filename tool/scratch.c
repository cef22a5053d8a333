/*
 * scratch.c - arrays of the enclosing function used as scratch space by
 * each iteration.
 *
 *     double tmp[8];
 *     #pragma mploop for
 *     for (int i = 0; i < n; i++) {
 *         for (int k = 0; k < 8; k++) tmp[k] = a[i][k] * w[k];
 *         out[i] = sum(tmp, 8);
 *     }
 *
 * is a correct sequential program, and also correct with `private(tmp)` or
 * with tmp declared in the body; as written, every worker writes different
 * values to the same elements of the one tmp, and the loop fails at run time
 * with a data race.  The rewriter cannot prove it (an array's elements are
 * not followed one by one), so it warns (-Wmploop-scratch) when an array
 * that is a local of the enclosing function, declared before the loop and
 * named in no clause,
 *   - is accessed first, in evaluation order, by a write of its elements
 *     (`tmp[k] = ...`, or as the destination of memset, memcpy, ...),
 *   - is written only at subscripts that do not follow the iteration (no
 *     loop variable, and no variable of the body computed from one), so
 *     every iteration writes the same elements,
 *   - and is read after that in the body.
 * An array that the body passes elsewhere or takes addresses into is left
 * alone: what it does there is not seen.
 */
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

/* What the body does with one candidate array. */
struct arr {
    CXCursor decl;
    int first;           /* 0: not accessed yet, 1: first written, 2: first read */
    size_t first_off;
    int read_after;      /* read after being written */
    int varies;          /* written at a subscript that follows the iteration */
    int unknown;         /* passed on or addressed: not followed */
};

struct scr {
    const struct rw_src *src;
    const struct rw_loop *l;
    struct arr *a;
    unsigned n;
    CXCursor *tainted;   /* variables whose value follows the iteration */
    unsigned ntainted, cap;
    int changed;         /* taint_visit tainted a new variable */
};

/* Library functions whose first argument is only written. */
static const char *const fills[] = {
    "memset", "memcpy", "memmove", "strcpy", "strncpy", "sprintf", "snprintf", "vsprintf",
    "vsnprintf", "bzero", "explicit_bzero", NULL
};

/* The candidate that expression e names directly (implicit conversions and
 * parentheses aside), or -1. */
static int cand(const struct scr *s, CXCursor e)
{
    CXCursor v = rw_named_var(rw_strip(e, 1));
    if (clang_Cursor_isNull(v))
        return -1;
    for (unsigned i = 0; i < s->n; i++)
        if (clang_equalCursors(v, s->a[i].decl))
            return (int)i;
    return -1;
}

/* Offset where c starts (the loop's when unknown). */
static size_t off_of(const struct scr *s, CXCursor c)
{
    return rw_cursor_off(s->src, c, s->l->lv[0].for_off);
}

/* Whether expression c names a tainted variable. */
static int is_tainted(const struct scr *s, CXCursor c)
{
    size_t off;
    return rw_find_ref(s->src, c, s->tainted, s->ntainted, &off) >= 0;
}

/* Taint variable v (once). */
static int taint(struct scr *s, CXCursor v)
{
    for (unsigned i = 0; i < s->ntainted; i++)
        if (clang_equalCursors(v, s->tainted[i]))
            return 0;
    if (s->ntainted == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 16;
        s->tainted = rw_xrealloc(s->tainted, s->cap * sizeof *s->tainted);
    }
    s->tainted[s->ntainted++] = v;
    return 1;
}

/* Visitor tainting the variables the body sets from a tainted value (a
 * declaration's initializer, an assignment, a compound assignment); sets
 * s->changed when it finds a new one. */
static enum CXChildVisitResult taint_visit(CXCursor c, CXCursor parent, CXClientData d)
{
    struct scr *s = d;
    (void)parent;
    enum CXCursorKind k = clang_getCursorKind(c);
    CXCursor v = clang_getNullCursor(), *kids;
    unsigned n = 0;
    if (k == CXCursor_VarDecl) {
        v = c;
        n = rw_children(c, &kids);
    } else if (k == CXCursor_BinaryOperator || k == CXCursor_CompoundAssignOperator) {
        n = rw_children(c, &kids);
        if (n == 2 && clang_getCursorKind(rw_strip_parens(kids[0])) == CXCursor_DeclRefExpr &&
            rw_operator(s->src, c) != RW_OP_COMMA)
            v = rw_named_var(kids[0]);
    } else {
        return CXChildVisit_Recurse;
    }
    for (unsigned i = 0; i < n && !clang_Cursor_isNull(v); i++)
        if ((k == CXCursor_VarDecl || i == 1) && is_tainted(s, kids[i]) && taint(s, v))
            s->changed = 1;
    if (n)
        free(kids);
    return CXChildVisit_Recurse;
}

/* Record an access of candidate i at off: write when write. */
static void access(struct scr *s, int i, size_t off, int write)
{
    struct arr *a = &s->a[i];
    if (!a->first) {
        a->first = write ? 1 : 2;
        a->first_off = off;
    }
    if (!write && a->first == 1)
        a->read_after = 1;
}

static void walk(struct scr *s, CXCursor c);

/* Visitor handing each child to walk(). */
static enum CXChildVisitResult walk_kid(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    walk(d, c);
    return CXChildVisit_Continue;
}

/* For an element access e (`tmp[j]`, `tmp[j][k]`): the candidate it
 * indexes, or -1; walks the subscripts (reads) on the way. */
static int element(struct scr *s, CXCursor e, int *varies)
{
    e = rw_strip(e, 1);
    if (clang_getCursorKind(e) != CXCursor_ArraySubscriptExpr)
        return -1;
    CXCursor *kids;
    unsigned n = rw_children(e, &kids);
    int i = -1;
    if (n == 2) {
        i = cand(s, kids[0]);
        if (i < 0)
            i = element(s, kids[0], varies);
        if (i >= 0) {
            walk(s, kids[1]);
            *varies |= is_tainted(s, kids[1]);
        }
    }
    free(kids);
    return i;
}

/* Walk a call: a candidate as the destination of a function of fills is
 * written (after the other arguments are read), elsewhere it is passed on. */
static void walk_call(struct scr *s, CXCursor c)
{
    CXCursor fn = clang_getCursorReferenced(c);
    char *name = !clang_Cursor_isNull(fn) && clang_getCursorKind(fn) == CXCursor_FunctionDecl
                     ? rw_spelling(fn) : NULL;
    int fill = name != NULL, nargs = clang_Cursor_getNumArguments(c);
    if (fill) {
        fill = 0;
        for (const char *const *f = fills; *f && !fill; f++)
            fill = !strcmp(name, *f);
    }
    free(name);
    int dest = nargs > 0 && fill ? cand(s, clang_Cursor_getArgument(c, 0)) : -1;
    for (int j = dest >= 0 ? 1 : 0; j < nargs; j++) {
        CXCursor a = clang_Cursor_getArgument(c, (unsigned)j);
        int i = fill ? cand(s, a) : -1;
        if (i >= 0)
            access(s, i, off_of(s, a), 0); /* a source: read */
        else
            walk(s, a);
    }
    if (dest >= 0)
        access(s, dest, off_of(s, clang_Cursor_getArgument(c, 0)), 1);
}

/* Walk c in evaluation order, recording the accesses to candidates. */
static void walk(struct scr *s, CXCursor c)
{
    enum CXCursorKind k = clang_getCursorKind(c);
    CXCursor *kids;
    unsigned n;
    int i, varies = 0;
    switch (k) {
    case CXCursor_UnaryExpr: /* sizeof */
        return;
    case CXCursor_CallExpr:
        walk_call(s, c);
        return;
    case CXCursor_ArraySubscriptExpr:
        i = element(s, c, &varies);
        if (i >= 0)
            access(s, i, off_of(s, c), 0);
        else
            clang_visitChildren(c, walk_kid, s);
        return;
    case CXCursor_DeclRefExpr:
        /* the array itself, not an element: its address goes elsewhere */
        if ((i = cand(s, c)) >= 0)
            s->a[i].unknown = 1;
        return;
    case CXCursor_BinaryOperator: case CXCursor_CompoundAssignOperator:
    case CXCursor_UnaryOperator: {
        n = rw_children(c, &kids);
        enum rw_op op = rw_operator(s->src, c);
        int assign = k == CXCursor_BinaryOperator && n == 2 &&
                     (op == RW_OP_ASSIGN ||
                      (op == RW_OP_NONE &&
                       clang_getCursorKind(rw_strip_parens(kids[0])) ==
                           CXCursor_ArraySubscriptExpr));
        if (assign || k == CXCursor_CompoundAssignOperator) {
            walk(s, kids[1]);
            i = element(s, kids[0], &varies);
            if (i >= 0) {
                if (k == CXCursor_CompoundAssignOperator)
                    access(s, i, off_of(s, c), 0);
                access(s, i, off_of(s, c), 1);
                s->a[i].varies |= varies;
            } else {
                walk(s, kids[0]);
            }
        } else if (k == CXCursor_UnaryOperator && n == 1 && op != RW_OP_DEREF &&
                   (i = element(s, kids[0], &varies)) >= 0) {
            /* tmp[k]++ reads and writes; &tmp[k] lets it go elsewhere */
            if (op == RW_OP_ADDR || op == RW_OP_NONE) {
                s->a[i].unknown = 1;
            } else if (op == RW_OP_POST_INC || op == RW_OP_POST_DEC || op == RW_OP_PRE_INC ||
                       op == RW_OP_PRE_DEC) {
                access(s, i, off_of(s, c), 0);
                access(s, i, off_of(s, c), 1);
                s->a[i].varies |= varies;
            } else {
                access(s, i, off_of(s, c), 0);
            }
        } else {
            for (unsigned j = 0; j < n; j++)
                walk(s, kids[j]);
        }
        free(kids);
        return;
    }
    default:
        clang_visitChildren(c, walk_kid, s);
        return;
    }
}

/* Whether visible variable c of loop l is a candidate: an automatic array
 * of the enclosing function named in no clause. */
static int is_candidate(const struct rw_loop *l, CXCursor c)
{
    enum CXTypeKind k = clang_getCanonicalType(clang_getCursorType(c)).kind;
    if (clang_getCursorKind(c) != CXCursor_VarDecl || clang_Cursor_hasVarDeclGlobalStorage(c) ||
        (k != CXType_ConstantArray && k != CXType_VariableArray))
        return 0;
    for (unsigned i = 0; i < l->pragma->nvars; i++)
        if (clang_equalCursors(c, l->pragma->vars[i].decl))
            return 0;
    return 1;
}

/* qsort order of candidates: by their first access in the file, so that
 * the warnings come in source order. */
static int by_first_access(const void *pa, const void *pb)
{
    const struct arr *a = pa, *b = pb;
    return (a->first_off > b->first_off) - (a->first_off < b->first_off);
}

/* The scratch arrays of loop l (see rewriter.h). */
unsigned rw_scratch_arrays(const struct rw_src *src, const struct rw_loop *l, CXCursor **out,
                           size_t **offs)
{
    struct scr s = { .src = src, .l = l };
    s.a = rw_xmalloc((l->site.nvisible + 1) * sizeof *s.a);
    for (unsigned i = 0; i < l->site.nvisible; i++)
        if (is_candidate(l, l->site.visible[i])) {
            memset(&s.a[s.n], 0, sizeof s.a[s.n]);
            s.a[s.n++].decl = l->site.visible[i];
        }
    if (s.n) {
        for (unsigned i = 0; i < l->nlv; i++)
            taint(&s, l->lv[i].var);
        do {
            s.changed = 0;
            clang_visitChildren(l->body, taint_visit, &s);
        } while (s.changed);
        walk(&s, l->body);
    }
    qsort(s.a, s.n, sizeof *s.a, by_first_access);
    unsigned n = 0;
    *out = rw_xmalloc((s.n + 1) * sizeof **out);
    *offs = rw_xmalloc((s.n + 1) * sizeof **offs);
    for (unsigned i = 0; i < s.n; i++) {
        struct arr *a = &s.a[i];
        if (a->unknown || a->first != 1 || a->varies || !a->read_after)
            continue;
        (*out)[n] = a->decl;
        (*offs)[n++] = a->first_off;
    }
    free(s.a);
    free(s.tainted);
    return n;
}

/* Warn about the scratch arrays of loop l (see rewriter.h). */
void rw_warn_scratch(const struct rw_src *src, const struct rw_loop *l)
{
    CXCursor *arr;
    size_t *offs;
    unsigned n = rw_scratch_arrays(src, l, &arr, &offs);
    for (unsigned i = 0; i < n; i++) {
        char *name = rw_spelling(arr[i]);
        rw_warning(offs[i], "mploop-scratch",
                   "array '%s' declared outside the parallel loop is written by every "
                   "iteration at the same elements before it is read: the workers' writes "
                   "race; if it is scratch space of one iteration, add 'private(%s)' to the "
                   "pragma or declare it inside the loop body", name, name);
        char *fix = rw_xasprintf(" private(%s)", name);
        rw_note_fixit(rw_pragma_clause_end(src, l->pragma), fix, "add 'private(%s)' to the "
                      "pragma", name);
        free(fix);
        free(name);
    }
    free(arr);
    free(offs);
}
