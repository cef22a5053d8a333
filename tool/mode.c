/*
 * mode.c - which write mode a loop needs.
 *
 * Large blocks (and, later, large global and static arrays) are shared
 * memory.  In direct mode the workers write them in place, which gives the
 * sequential answer only when no iteration reads what another one writes; in
 * snapshot mode every worker writes private copies that are diffed and
 * merged, which is right also for anti-dependences such as a[i] = a[i + 1]
 * (docs/memory.md).  This file looks at the annotated loop's body (nested
 * loops included) and asks for snapshot mode when it finds, or cannot rule
 * out, such a dependence; the rule is textual:
 *
 *   - every access to an element is reduced to the variable it starts from
 *     (its root: `a` in a[i], s.a[i], p->x, *(a + i)) and its list of
 *     subscripts, each as normalized token text (`*(p + k)` is p[k], `p->m`
 *     is p[0].m; member names do not count);
 *   - an array that can be shared (reached through a pointer, or a global
 *     or static array or struct) and is written in the body needs snapshot
 *     mode when it is read or written at another subscript list, when it is
 *     read and written at a subscript list that names no variable of the
 *     loop (every iteration touches the same element), or when the rewriter
 *     cannot tell: the pointer is assigned in the body (or declared in it),
 *     the array is passed to a call, its address is stored or used otherwise,
 *     or a subscript's text cannot be read;
 *   - a write through a form that has no root (f()[i], (c ? a : b)[i], a
 *     cast) needs snapshot mode too.
 *
 * A pointer or array passed to a call counts as written unless the
 * parameter points to const.  Aliases (two pointers to one block) and what
 * called functions do to globals are not seen; the `snapshot` clause covers
 * them.  With -Rmploop one remark per loop says the mode and why.
 */
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

enum { ACC_READ = 1, ACC_WRITE = 2 };

/* One access to an element of a root variable. */
struct acc {
    char *subs;          /* canonical subscript list "[i][j + 1]", NULL: unreadable */
    char *name, *where;  /* how remarks name it: "s.a" and "[i]" */
    size_t off;
    int mode;            /* ACC_READ | ACC_WRITE */
    int varies;          /* the root or a subscript names a variable of the loop */
};

/* Why the rewriter cannot analyse the writes to one root. */
enum blocker { BLK_NONE, BLK_SET, BLK_CALL, BLK_ESCAPE };

/* Everything the body does with one root variable. */
struct root {
    CXCursor decl;
    char *name;
    int shared;          /* the accesses can reach shared memory */
    int written;         /* written directly, or passed where it may be */
    struct acc *v;
    unsigned n;
    int blk;             /* enum blocker, the first seen by priority */
    char *blk_text;      /* the callee, the pointer it is stored in, ... */
    size_t blk_off;
};

/* The analysis of one loop. */
struct md {
    const struct rw_src *src;
    struct rw_loop *l;
    size_t start, end;   /* the loop's extent */
    struct root *r;
    unsigned nr;
    char *unknown;       /* text of the first write through an unknown form */
    size_t unknown_off;
};

/* An access path being read: root, subscripts, display. */
struct path {
    CXCursor root;
    struct rw_buf subs;
    char *name;
    struct rw_buf where;
    int through_ptr;     /* a subscript, `*` or `->` applies to a pointer */
    int unreadable;      /* a subscript's text could not be read */
    int varies;
};

static void visit(struct md *m, CXCursor c);

/* Visitor handing each child to visit(). */
static enum CXChildVisitResult visit_kid(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    visit(d, c);
    return CXChildVisit_Continue;
}

/* Offset where c starts (the loop's start when unknown). */
static size_t off_of(const struct md *m, CXCursor c)
{
    return rw_cursor_off(m->src, c, m->start);
}

static int is_punct(const char *buf, const struct rw_tok *t, const char *const *set)
{
    for (; *set; set++)
        if (t->kind == RW_T_PUNCT && rw_tok_is(buf, t, *set))
            return 1;
    return 0;
}

/* The tokens of c's extent joined with single spaces, none inside
 * brackets, before `,` `)` `]` or around `.` `->` (so that `i+1` and
 * `i + 1` compare equal and print as `i + 1`); NULL when the extent is not
 * in the main file. */
static char *norm_text(const struct md *m, CXCursor c)
{
    size_t a, b;
    if (!rw_extent(m->src, c, &a, &b) || b <= a)
        return NULL;
    static const char *const no_after[] = { "(", "[", ".", "->", "!", "~", NULL };
    static const char *const no_before[] = { ")", "]", ",", ".", "->", "[", NULL };
    struct rw_buf out = { 0 };
    struct rw_tok t, prev = { RW_T_EOF, 0, 0 };
    for (size_t pos = a; (pos = rw_lex(m->src->buf, b, pos, 0, &t)), t.kind != RW_T_EOF;) {
        const char *buf = m->src->buf;
        if (prev.kind != RW_T_EOF && !is_punct(buf, &prev, no_after) &&
            !is_punct(buf, &t, no_before) &&
            !(prev.kind == RW_T_IDENT && t.kind == RW_T_PUNCT && rw_tok_is(buf, &t, "(")))
            rw_buf_puts(&out, " ");
        rw_buf_add(&out, buf + t.off, t.len);
        prev = t;
    }
    rw_buf_add(&out, "", 0);
    return out.s;
}

/* Canonical type kind of expression or declaration c. */
static enum CXTypeKind type_kind(CXCursor c)
{
    return clang_getCanonicalType(clang_getCursorType(c)).kind;
}

static int kind_is_array(enum CXTypeKind k)
{
    return k == CXType_ConstantArray || k == CXType_IncompleteArray ||
           k == CXType_VariableArray || k == CXType_DependentSizedArray;
}

/* Whether c is a data pointer (not a pointer to a function). */
static int is_data_pointer(CXCursor c)
{
    CXType t = clang_getCanonicalType(clang_getCursorType(c));
    if (t.kind != CXType_Pointer)
        return 0;
    enum CXTypeKind pk = clang_getCanonicalType(clang_getPointeeType(t)).kind;
    return pk != CXType_FunctionProto && pk != CXType_FunctionNoProto;
}

/* Whether variable d has a value of its own in each iteration: a loop
 * variable of l, a private-like clause variable, or declared inside the
 * loop. */
static int of_loop(const struct md *m, CXCursor d)
{
    for (unsigned i = 0; i < m->l->nlv; i++)
        if (clang_equalCursors(d, m->l->lv[i].var))
            return 1;
    for (unsigned i = 0; i < m->l->pragma->nvars; i++)
        if (m->l->pragma->vars[i].kind != RW_REDUCTION &&
            clang_equalCursors(d, m->l->pragma->vars[i].decl))
            return 1;
    return !rw_decl_outside(m->src, d, m->start, m->end);
}

/* Visitor setting *(int *)d when an expression names a variable of the loop. */
static enum CXChildVisitResult varies_visit(CXCursor c, CXCursor parent, CXClientData d)
{
    const struct md *m = ((void **)d)[0];
    int *found = ((void **)d)[1];
    (void)parent;
    CXCursor v = rw_named_var(c);
    if (!clang_Cursor_isNull(v) && of_loop(m, v)) {
        *found = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* Whether expression c names a variable of the loop. */
static int names_loop_var(struct md *m, CXCursor c)
{
    int found = 0;
    void *d[2] = { m, &found };
    if (varies_visit(c, clang_getNullCursor(), d) == CXChildVisit_Break)
        return 1;
    clang_visitChildren(c, varies_visit, d);
    return found;
}

/* Append subscript s (negated when neg) to path p; the subscript is read. */
static void add_sub(struct md *m, struct path *p, CXCursor s, int neg)
{
    char *t = norm_text(m, s);
    if (!t)
        p->unreadable = 1;
    else if (neg)
        rw_buf_printf(&p->subs, "[-(%s)]", t);
    else
        rw_buf_printf(&p->subs, "[%s]", t);
    if (t)
        rw_buf_printf(&p->where, neg ? "[-(%s)]" : "[%s]", t);
    free(t);
    p->varies |= names_loop_var(m, s);
    visit(m, s);
}

/* A new subscript run: the display name is the text of c so far. */
static void restart_display(struct md *m, struct path *p, CXCursor c)
{
    char *t = norm_text(m, c);
    free(p->name);
    p->name = t ? t : rw_xstrdup("?");
    p->where.len = 0;
    if (p->where.s)
        p->where.s[0] = 0;
}

static int path_of(struct md *m, CXCursor e, struct path *p);

/* Visit the operands of the `+` `-` chain x other than its leftmost one. */
static void visit_offsets(struct md *m, CXCursor x)
{
    CXCursor *kids;
    if (clang_getCursorKind(x) == CXCursor_BinaryOperator && rw_children(x, &kids) == 2) {
        visit_offsets(m, rw_strip(kids[0], 1));
        visit(m, kids[1]);
        free(kids);
    }
}

/* The path of `*x`: x is a pointer p (the subscript is 0), or `p + k...`
 * written with p first (`*(a + i + 1)` is a[i + 1]: the subscript is the
 * text after `a + `). */
static int deref_path(struct md *m, CXCursor x, struct path *p)
{
    CXCursor leaf = x, *kids;
    while (clang_getCursorKind(leaf) == CXCursor_BinaryOperator) {
        enum rw_op op = rw_operator(m->src, leaf);
        if ((op != RW_OP_ADD && op != RW_OP_SUB) || rw_children(leaf, &kids) != 2)
            return 0;
        CXCursor left = rw_strip(kids[0], 1);
        free(kids);
        enum CXTypeKind lk = type_kind(left);
        if (lk != CXType_Pointer && !kind_is_array(lk))
            return 0;
        leaf = left;
    }
    if (clang_equalCursors(leaf, x)) {
        if (!path_of(m, x, p))
            return 0;
        rw_buf_puts(&p->subs, "[0]");
        rw_buf_puts(&p->where, "[0]");
        p->through_ptr = 1;
        return 1;
    }
    char *whole = norm_text(m, x), *base = norm_text(m, leaf);
    size_t bl = base ? strlen(base) : 0;
    int ok = whole && base && !strncmp(whole, base, bl) && !strncmp(whole + bl, " + ", 3) &&
             path_of(m, leaf, p);
    if (ok) {
        p->through_ptr = 1;
        rw_buf_printf(&p->subs, "[%s]", whole + bl + 3);
        rw_buf_printf(&p->where, "[%s]", whole + bl + 3);
        p->varies |= names_loop_var(m, x);
        visit_offsets(m, x);
    }
    free(whole);
    free(base);
    return ok;
}

/* Read the access path of lvalue e into p: 1 when it leads to a variable
 * through subscripts, `*` (of p or p + k), `.` and `->` only. */
static int path_of(struct md *m, CXCursor e, struct path *p)
{
    e = rw_strip(e, 1);
    enum CXCursorKind k = clang_getCursorKind(e);
    CXCursor *kids;
    unsigned n;
    int ok = 0;
    if (k == CXCursor_DeclRefExpr) {
        CXCursor d = rw_named_var(e);
        if (clang_Cursor_isNull(d))
            return 0;
        p->root = d;
        p->name = rw_spelling(d);
        p->varies |= of_loop(m, d);
        return 1;
    }
    n = rw_children(e, &kids);
    if (k == CXCursor_ArraySubscriptExpr && n == 2) {
        CXCursor base = kids[0], idx = kids[1];
        enum CXTypeKind bk = type_kind(rw_strip(base, 1));
        if (bk != CXType_Pointer && !kind_is_array(bk)) { /* i[a] */
            base = kids[1];
            idx = kids[0];
            bk = type_kind(rw_strip(base, 1));
        }
        if ((ok = path_of(m, base, p))) {
            p->through_ptr |= bk == CXType_Pointer;
            add_sub(m, p, idx, 0);
        }
    } else if (k == CXCursor_UnaryOperator && n == 1 &&
               rw_operator(m->src, e) == RW_OP_DEREF) {
        ok = deref_path(m, rw_strip(kids[0], 1), p);
    } else if (k == CXCursor_MemberRefExpr && n == 1) {
        int arrow = type_kind(rw_strip(kids[0], 1)) == CXType_Pointer;
        if ((ok = path_of(m, kids[0], p))) {
            if (arrow) {
                p->through_ptr = 1;
                rw_buf_puts(&p->subs, "[0]");
            }
            restart_display(m, p, e);
        }
    }
    free(kids);
    return ok;
}

static void path_free(struct path *p)
{
    free(p->subs.s);
    free(p->where.s);
    free(p->name);
}

/* The record of root variable d, created on first use. */
static struct root *root_of(struct md *m, CXCursor d)
{
    for (unsigned i = 0; i < m->nr; i++)
        if (clang_equalCursors(m->r[i].decl, d))
            return &m->r[i];
    m->r = rw_xrealloc(m->r, (m->nr + 1) * sizeof *m->r);
    struct root *r = &m->r[m->nr++];
    memset(r, 0, sizeof *r);
    r->decl = d;
    r->name = rw_spelling(d);
    /* a global or static array or struct can be shared memory; any pointer
     * can point to a large block */
    enum CXTypeKind k = type_kind(d);
    r->shared = is_data_pointer(d) || rw_is_array_param(d) ||
                (clang_getCursorKind(d) == CXCursor_VarDecl &&
                 clang_Cursor_hasVarDeclGlobalStorage(d) &&
                 (kind_is_array(k) || k == CXType_Record));
    return r;
}

/* Note that the rewriter cannot analyse the writes to r (kind blk, at off,
 * text owned); the highest-priority blocker is kept. */
static void block(struct root *r, int blk, size_t off, char *text)
{
    if (r->blk == BLK_NONE || blk < r->blk) {
        free(r->blk_text);
        r->blk = blk;
        r->blk_off = off;
        r->blk_text = text;
    } else {
        free(text);
    }
}

/* Record the access p (mode ACC_*) at off. */
static void record(struct md *m, struct path *p, int mode, size_t off)
{
    struct root *r = root_of(m, p->root);
    if (!p->subs.len && !p->through_ptr)
        return; /* the variable itself: a scalar, handled by check.c and the clauses */
    r->shared |= p->through_ptr;
    r->written |= (mode & ACC_WRITE) != 0;
    r->v = rw_xrealloc(r->v, (r->n + 1) * sizeof *r->v);
    struct acc *a = &r->v[r->n++];
    rw_buf_add(&p->subs, "", 0);
    rw_buf_add(&p->where, "", 0);
    a->subs = p->unreadable ? NULL : rw_xstrdup(p->subs.s);
    a->name = rw_xstrdup(p->name);
    a->where = rw_xstrdup(p->where.s);
    a->off = off;
    a->mode = mode;
    a->varies = p->varies;
}

/* An element access c (subscript, `*`, member) read and/or written. */
static void access(struct md *m, CXCursor c, int mode)
{
    struct path p = { .root = clang_getNullCursor() };
    CXCursor s = rw_strip(c, 1);
    if (clang_getCursorKind(s) == CXCursor_DeclRefExpr) {
        /* the variable itself: a pointer assigned in the body */
        CXCursor d = rw_named_var(s);
        if (!clang_Cursor_isNull(d) && (mode & ACC_WRITE) && is_data_pointer(d))
            block(root_of(m, d), BLK_SET, off_of(m, c), NULL);
        return;
    }
    if (path_of(m, c, &p)) {
        record(m, &p, mode, off_of(m, c));
    } else {
        if ((mode & ACC_WRITE) && !m->unknown) {
            m->unknown = norm_text(m, c);
            if (!m->unknown)
                m->unknown = rw_xstrdup("?");
            m->unknown_off = off_of(m, c);
        }
        clang_visitChildren(c, visit_kid, m);
    }
    path_free(&p);
}

/* Pointer value e (an argument, an initializer, the right side of an
 * assignment): the variable it points into gets blocker blk (text owned),
 * and counts as written when may_write. */
static void pointer_value(struct md *m, CXCursor e, int blk, int may_write, const char *text)
{
    CXCursor x = rw_strip(e, 1);
    enum CXCursorKind k = clang_getCursorKind(x);
    CXCursor *kids;
    unsigned n = rw_children(x, &kids);
    struct path p = { .root = clang_getNullCursor() };
    int found = 0;
    if (k == CXCursor_CStyleCastExpr && n >= 1) {
        pointer_value(m, kids[n - 1], blk, may_write, text);
    } else if (k == CXCursor_ConditionalOperator && n == 3) {
        visit(m, kids[0]);
        pointer_value(m, kids[1], blk, may_write, text);
        pointer_value(m, kids[2], blk, may_write, text);
    } else if (k == CXCursor_BinaryOperator && n == 2 &&
               (rw_operator(m->src, x) == RW_OP_ADD || rw_operator(m->src, x) == RW_OP_SUB)) {
        int left = type_kind(rw_strip(kids[0], 1)) == CXType_Pointer ||
                   kind_is_array(type_kind(rw_strip(kids[0], 1)));
        pointer_value(m, left ? kids[0] : kids[1], blk, may_write, text);
        visit(m, left ? kids[1] : kids[0]);
    } else if (k == CXCursor_UnaryOperator && n == 1 && rw_operator(m->src, x) == RW_OP_ADDR) {
        found = path_of(m, kids[0], &p);
        if (!found)
            visit(m, kids[0]);
    } else if (k == CXCursor_DeclRefExpr || k == CXCursor_ArraySubscriptExpr ||
               k == CXCursor_MemberRefExpr ||
               (k == CXCursor_UnaryOperator && rw_operator(m->src, x) == RW_OP_DEREF)) {
        found = path_of(m, x, &p);
        if (!found)
            visit(m, x);
    } else {
        visit(m, x);
    }
    if (found) {
        struct root *r = root_of(m, p.root);
        r->shared |= p.through_ptr || is_data_pointer(x);
        r->written |= may_write;
        block(r, blk, off_of(m, e), text ? rw_xstrdup(text) : NULL);
    }
    path_free(&p);
    free(kids);
}

/* A call: pointer arguments are passed where the callee may read them, and
 * write them unless the parameter points to const. */
static void call(struct md *m, CXCursor c)
{
    CXCursor *kids;
    unsigned n = rw_children(c, &kids);
    int nargs = clang_Cursor_getNumArguments(c);
    if (n > (unsigned)(nargs > 0 ? nargs : 0))
        visit(m, kids[0]); /* the callee */
    free(kids);
    CXCursor callee = clang_getCursorReferenced(c);
    CXType ft = clang_getCanonicalType(clang_getCursorType(callee));
    int nparams = clang_Cursor_isNull(callee) ? -1 : clang_getNumArgTypes(ft);
    char *cname = clang_Cursor_isNull(callee) ? NULL : rw_spelling(callee);
    char *fname = cname ? rw_xasprintf("'%s'", cname) : rw_xstrdup("a function pointer");
    free(cname);
    for (int i = 0; i < nargs; i++) {
        CXCursor a = clang_Cursor_getArgument(c, (unsigned)i);
        if (!is_data_pointer(a)) {
            visit(m, a);
            continue;
        }
        int may_write = 1;
        if (i < nparams) {
            CXType pt = clang_getCanonicalType(clang_getArgType(ft, (unsigned)i));
            if (pt.kind == CXType_Pointer && clang_isConstQualifiedType(clang_getPointeeType(pt)))
                may_write = 0;
        }
        pointer_value(m, a, BLK_CALL, may_write, fname);
    }
    free(fname);
}

/* Statement or expression c of the body, read unless said otherwise. */
static void visit(struct md *m, CXCursor c)
{
    enum CXCursorKind k = clang_getCursorKind(c);
    CXCursor *kids;
    unsigned n;
    switch (k) {
    case CXCursor_UnaryExpr: /* sizeof, _Alignof: not evaluated */
        return;
    case CXCursor_ArraySubscriptExpr: case CXCursor_MemberRefExpr:
        access(m, c, ACC_READ);
        return;
    case CXCursor_CallExpr:
        call(m, c);
        return;
    case CXCursor_DeclRefExpr: {
        /* a pointer or array used as a value other than the forms above */
        CXCursor d = rw_named_var(c);
        if (!clang_Cursor_isNull(d) && (is_data_pointer(c) || kind_is_array(type_kind(c))))
            block(root_of(m, d), BLK_ESCAPE, off_of(m, c), NULL);
        return;
    }
    case CXCursor_VarDecl:
        if (is_data_pointer(c)) {
            char *name = rw_spelling(c);
            char *text = rw_xasprintf("'%s'", name);
            block(root_of(m, c), BLK_SET, off_of(m, c), NULL);
            n = rw_children(c, &kids);
            for (unsigned i = 0; i < n; i++)
                if (clang_getCursorKind(kids[i]) != CXCursor_TypeRef)
                    pointer_value(m, kids[i], BLK_ESCAPE, 0, text);
            free(kids);
            free(text);
            free(name);
            return;
        }
        break;
    case CXCursor_UnaryOperator: {
        enum rw_op op = rw_operator(m->src, c);
        n = rw_children(c, &kids);
        if (n == 1 && op >= RW_OP_POST_INC && op <= RW_OP_PRE_DEC)
            access(m, kids[0], ACC_READ | ACC_WRITE);
        else if (n == 1 && op == RW_OP_DEREF)
            access(m, c, ACC_READ);
        else if (n == 1 && op == RW_OP_ADDR)
            pointer_value(m, c, BLK_ESCAPE, 0, NULL);
        else if (n == 1 && op == RW_OP_NONE && clang_getCursorKind(rw_strip(kids[0], 1)) !=
                                                      CXCursor_DeclRefExpr)
            access(m, kids[0], ACC_READ | ACC_WRITE); /* unreadable: assume the worst */
        else
            clang_visitChildren(c, visit_kid, m);
        free(kids);
        return;
    }
    case CXCursor_CompoundAssignOperator:
        n = rw_children(c, &kids);
        if (n == 2) {
            access(m, kids[0], ACC_READ | ACC_WRITE);
            visit(m, kids[1]);
        }
        free(kids);
        return;
    case CXCursor_BinaryOperator: {
        enum rw_op op = rw_operator(m->src, c);
        n = rw_children(c, &kids);
        if (n == 2 && op == RW_OP_ASSIGN) {
            access(m, kids[0], ACC_WRITE);
            if (is_data_pointer(kids[1])) {
                char *t = norm_text(m, kids[0]);
                char *text = rw_xasprintf("'%s'", t ? t : "?");
                pointer_value(m, kids[1], BLK_ESCAPE, 0, text);
                free(text);
                free(t);
            } else {
                visit(m, kids[1]);
            }
        } else if (n == 2 && ((op >= RW_OP_LT && op <= RW_OP_NE) || op == RW_OP_LAND ||
                              op == RW_OP_LOR)) {
            /* comparing pointers does not let their memory escape */
            for (unsigned i = 0; i < 2; i++)
                if (clang_getCursorKind(rw_strip(kids[i], 1)) != CXCursor_DeclRefExpr)
                    visit(m, kids[i]);
        } else if (n == 2 && op == RW_OP_NONE) {
            access(m, kids[0], ACC_READ | ACC_WRITE); /* unreadable: assume the worst */
            visit(m, kids[1]);
        } else {
            clang_visitChildren(c, visit_kid, m);
        }
        free(kids);
        return;
    }
    case CXCursor_IfStmt: case CXCursor_WhileStmt: case CXCursor_DoStmt: case CXCursor_ForStmt:
    case CXCursor_ConditionalOperator: case CXCursor_SwitchStmt: {
        /* a pointer alone as a condition (`if (p)`) is a comparison with null */
        n = rw_children(c, &kids);
        for (unsigned i = 0; i < n; i++)
            if (!(clang_getCursorKind(rw_strip(kids[i], 1)) == CXCursor_DeclRefExpr &&
                  is_data_pointer(rw_strip(kids[i], 1)) &&
                  !(k == CXCursor_ConditionalOperator && i > 0)))
                visit(m, kids[i]);
        free(kids);
        return;
    }
    default:
        break;
    }
    clang_visitChildren(c, visit_kid, m);
}

/* Text of an access for remarks: name and where. */
static char *acc_text(const struct acc *a)
{
    return rw_xasprintf("%s%s", a->name, a->where);
}

/* Why root r (written, shared) needs snapshot mode, with the offset of the
 * note and its text; NULL when it does not. */
static char *root_reason(const struct root *r, size_t *note_off, char **note)
{
    const struct acc *w = NULL;
    for (unsigned i = 0; i < r->n && !w; i++)
        if (r->v[i].mode & ACC_WRITE)
            w = &r->v[i];
    *note = NULL;
    *note_off = r->blk_off;
    switch (r->blk) {
    case BLK_SET:
        *note = rw_xasprintf("'%s' is set here", r->name);
        return rw_xasprintf("pointer '%s' is assigned in the body", r->name);
    case BLK_CALL:
        *note = rw_xasprintf("'%s' is passed here", r->name);
        return rw_xasprintf("%s '%s' is passed to a call of %s",
                            is_data_pointer(r->decl) ? "pointer" : "array", r->name, r->blk_text);
    case BLK_ESCAPE:
        *note = rw_xasprintf("the address of '%s' is taken here", r->name);
        if (r->blk_text)
            return rw_xasprintf("the address of '%s' is stored in %s", r->name, r->blk_text);
        return rw_xasprintf("the address of '%s' is used in a way the rewriter cannot follow",
                            r->name);
    default:
        break;
    }
    for (unsigned i = 0; i < r->n; i++)
        if (!r->v[i].subs) {
            *note_off = r->v[i].off;
            *note = rw_xasprintf("this subscript's text cannot be read");
            return rw_xasprintf("'%s' is accessed at a subscript the rewriter cannot read",
                                r->name);
        }
    if (!w)
        return NULL; /* written only through a call, which blocked above */
    for (unsigned i = 0; i < r->n; i++) {
        const struct acc *a = &r->v[i];
        if (!strcmp(a->subs, w->subs))
            continue;
        *note_off = a->off;
        const char *verb = a->mode & ACC_WRITE ? "written" : "read";
        *note = rw_xasprintf("'%s' is %s here", a->name, verb);
        if (!strcmp(a->name, w->name) && a->where[0] && w->where[0])
            return rw_xasprintf("'%s' is written at %s and %s at %s", w->name, w->where, verb,
                                a->where);
        char *wt = acc_text(w), *at = acc_text(a);
        char *s = rw_xasprintf("'%s' is written and '%s' is %s", wt, at, verb);
        free(wt);
        free(at);
        return s;
    }
    for (unsigned i = 0; i < r->n; i++)
        if ((r->v[i].mode & ACC_READ) && !w->varies) {
            char *wt = acc_text(w);
            char *s = rw_xasprintf("every iteration reads and writes '%s', whose subscripts "
                                   "name no variable of the loop", wt);
            *note_off = r->v[i].off;
            *note = rw_xasprintf("'%s' is read here", wt);
            free(wt);
            return s;
        }
    return NULL;
}

/* Decide whether loop l needs snapshot mode (l->auto_snapshot), and with
 * remarks print one `remark:` line saying the mode and why. */
void rw_choose_mode(const struct rw_src *src, struct rw_loop *l, int remarks)
{
    struct md m = { .src = src, .l = l, .start = l->lv[0].for_off, .end = l->end };
    visit(&m, l->body);
    char *why = NULL, *note = NULL;
    size_t note_off = 0;
    int any_written = 0;
    if (m.unknown) {
        why = rw_xasprintf("'%s' is written through a form the rewriter cannot follow",
                           m.unknown);
        note_off = m.unknown_off;
        note = rw_xasprintf("written here");
    }
    for (unsigned i = 0; i < m.nr && !why; i++) {
        struct root *r = &m.r[i];
        if (!r->shared || !r->written)
            continue;
        any_written = 1;
        why = root_reason(r, &note_off, &note);
    }
    l->auto_snapshot = why != NULL && !l->pragma->direct;
    if (remarks) {
        size_t at = l->lv[0].for_off;
        if (l->pragma->snapshot)
            rw_remark(at, "loop runs in snapshot mode: the 'snapshot' clause asks for it");
        else if (l->pragma->direct && why)
            rw_remark(at, "loop runs in direct mode: the 'direct' clause asks for it (without "
                      "it: snapshot mode, %s)", why);
        else if (l->pragma->direct)
            rw_remark(at, "loop runs in direct mode: the 'direct' clause asks for it");
        else if (why)
            rw_remark(at, "loop runs in snapshot mode: %s", why);
        else if (any_written)
            rw_remark(at, "loop runs in direct mode: every array it writes is read only at the "
                      "written subscript");
        else
            rw_remark(at, "loop runs in direct mode: it writes no heap block, global or static "
                      "array");
        if (why && note && !l->pragma->snapshot)
            rw_note(note_off, "%s", note);
    }
    free(why);
    free(note);
    free(m.unknown);
    for (unsigned i = 0; i < m.nr; i++) {
        for (unsigned j = 0; j < m.r[i].n; j++) {
            free(m.r[i].v[j].subs);
            free(m.r[i].v[j].name);
            free(m.r[i].v[j].where);
        }
        free(m.r[i].v);
        free(m.r[i].name);
        free(m.r[i].blk_text);
    }
    free(m.r);
}
