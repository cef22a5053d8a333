/*
 * access.c - the accesses to memory of a loop body.
 *
 * The loop analysis (depend.c) and the write mode (mode.c) need to know what
 * a loop's body (nested loops included) does with memory.  This file walks
 * the body once and reduces every access to the variable it starts from
 * (its root: `a` in a[i], s.a[i], p->x, *(a + i)) and its list of
 * subscripts, kept both as normalized text (`*(p + k)` is p[k], `p->m` is
 * p[0].m; for remarks and text comparisons) and as the expressions whose
 * sum each subscript is (for the dependence tests).  A pointer declared in
 * the body as `T *r = &a[k]` or `a + k` (and never set again) stands for
 * a[k + ...].  Member names are kept in the access's shape (`[].m[]`).
 *
 * It also notes what keeps the writes to a root from being followed (the
 * pointer is set in the body, the array is passed to a call, its address is
 * stored or used otherwise), writes through forms with no variable to
 * follow (f()[i], (c ? a : b)[i], a cast), the canonical for loops of the
 * body around each access, and whether the access may be skipped by a
 * condition.  A pointer or array passed to a call counts as written unless
 * the parameter points to const (the variable arguments of the printf
 * family are read).  Blocks allocated in the body (malloc, calloc) are
 * merged by snapshot whatever the mode, so accesses to them are not
 * recorded.
 */
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

/* An access path being read: root, subscripts, display. */
struct path {
    CXCursor root;
    struct rw_buf subs;
    unsigned depth;
    struct rw_sub *dims;  /* depth subscripts as terms */
    unsigned cap;
    struct rw_buf shape;
    char *pending;       /* alias offset the next subscript adds to ("" : only 0) */
    struct rw_sub pterms; /* the pending offset as terms */
    char *name;
    struct rw_buf where;
    int through_ptr;     /* a subscript, `*` or `->` applies to a pointer */
    int unreadable;      /* a subscript's text could not be read */
    int varies, indirect, loaded;
    size_t last_len;     /* subs.len before the last subscript */
    char *last;          /* text of the last subscript, NULL when the path
                          * does not end with one */
    size_t last_shape;   /* shape.len before it */
};

/* A pointer declared in the body as `&a[k]` or `a + k`: a[k + ...]. */
struct alias {
    CXCursor var;
    struct path base;    /* a's path; base.pending is k ("0" for `a`) */
    int set;             /* assigned again in the body */
};

/* The analysis of one loop. */
struct md {
    const struct rw_src *src;
    const struct rw_loop *l;
    size_t start, end;   /* the loop's extent */
    struct rw_accesses *out;
    struct alias *al;
    unsigned nal;
    CXCursor loop[RW_ACC_LOOPS]; /* for loops of the body around the walk */
    unsigned nloop;      /* may exceed RW_ACC_LOOPS */
    unsigned cond;       /* conditions around the walk */
    int jumps;           /* the body has continue, break or goto */
    struct rw_guard *guards; /* regions a lock or semaphore guards */
    unsigned nguards;
};

static void visit(struct md *m, CXCursor c);
static int in_typeof(const struct md *m, CXCursor c);

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

/* The text of buffer b ("" when empty). */
static const char *bs(const struct rw_buf *b)
{
    return b->s ? b->s : "";
}

/* Whether token t is one of the punctuators of set. */
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
    const char *buf = m->src->buf;
    struct rw_buf out = { 0 };
    struct rw_tok t, prev = { RW_T_EOF, 0, 0 };
    for (size_t pos = a; (pos = rw_lex(buf, b, pos, 0, &t)), t.kind != RW_T_EOF;) {
        if (prev.kind != RW_T_EOF && !is_punct(buf, &prev, no_after) &&
            !is_punct(buf, &t, no_before) &&
            !(prev.kind == RW_T_IDENT && t.kind == RW_T_PUNCT && rw_tok_is(buf, &t, "(")))
            rw_buf_puts(&out, " ");
        rw_buf_add(&out, buf + t.off, t.len);
        prev = t;
    }
    return out.s;
}

/* Whether normalized text s is built only of names, numbers, `+ - * / %`,
 * parentheses, brackets and members, so that "k + s" adds s to k. */
static int additive(const char *s)
{
    for (size_t i = 0; s[i]; i++) {
        char c = s[i];
        if (c == '>' && (i == 0 || s[i - 1] != '-'))
            return 0; /* only in `->` */
        if (!strchr(" +-*/%()[]._>", c) && !(c >= '0' && c <= '9') &&
            !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z'))
            return 0;
    }
    return 1;
}

/* Canonical type kind of expression or declaration c. */
static enum CXTypeKind type_kind(CXCursor c)
{
    return clang_getCanonicalType(clang_getCursorType(c)).kind;
}

/* Whether k is an array type kind. */
static int kind_is_array(enum CXTypeKind k)
{
    return k == CXType_ConstantArray || k == CXType_IncompleteArray ||
           k == CXType_VariableArray || k == CXType_DependentSizedArray;
}

/* Whether c is a data pointer (not a pointer to a function). */
int rw_is_data_pointer(CXCursor c)
{
    CXType t = clang_getCanonicalType(clang_getCursorType(c));
    if (t.kind != CXType_Pointer)
        return 0;
    enum CXTypeKind pk = clang_getCanonicalType(clang_getPointeeType(t)).kind;
    return pk != CXType_FunctionProto && pk != CXType_FunctionNoProto;
}

/* Whether expression c points into memory: a data pointer or an array. */
static int is_address(CXCursor c)
{
    return rw_is_data_pointer(c) || kind_is_array(type_kind(c));
}

/* Whether c is a pointer to a stdio stream or to an mploop lock, semaphore
 * or queue (never one of the program's arrays: the objects live in the
 * runtime's shared memory). */
static int is_stream(CXCursor c)
{
    if (!rw_is_data_pointer(c))
        return 0;
    char *s = rw_type_spelling(clang_getCanonicalType(
        clang_getPointeeType(clang_getCanonicalType(clang_getCursorType(c)))));
    int r = strstr(s, "_IO_FILE") != NULL || !strcmp(s, "FILE") ||
            !strcmp(s, "struct mploop_lock") || !strcmp(s, "struct mploop_sem") ||
            !strcmp(s, "struct mploop_queue");
    free(s);
    return r;
}

static enum rw_op op_of(struct md *m, CXCursor c);

/* Whether c (parentheses aside) is an lvalue used as such: a variable,
 * element, member or `*p` without the implicit conversion that reading it
 * adds. */
static int bare_lvalue(struct md *m, CXCursor c)
{
    c = rw_strip_parens(c);
    enum CXCursorKind k = clang_getCursorKind(c);
    return k == CXCursor_DeclRefExpr || k == CXCursor_ArraySubscriptExpr ||
           k == CXCursor_MemberRefExpr || (k == CXCursor_UnaryOperator && op_of(m, c) == RW_OP_DEREF);
}

/* The operator of c (rw_operator); when a macro body wrote it and libclang
 * cannot say, it is inferred from the AST: an assignment's left side and
 * the operand of `++`, `--` and `&` are bare lvalues, `*` turns a pointer
 * into its pointee.  (`++` and `--` are not told apart: both read and
 * write.) */
static enum rw_op op_of(struct md *m, CXCursor c)
{
    enum rw_op op = rw_operator(m->src, c);
    if (op != RW_OP_NONE)
        return op;
    CXCursor *kids;
    unsigned n = rw_children(c, &kids);
    enum CXCursorKind k = clang_getCursorKind(c);
    op = RW_OP_OTHER;
    if (k == CXCursor_BinaryOperator && n == 2 && bare_lvalue(m, kids[0])) {
        op = RW_OP_ASSIGN;
    } else if (k == CXCursor_UnaryOperator && n == 1) {
        CXType ct = clang_getCanonicalType(clang_getCursorType(c));
        CXType ot = clang_getCanonicalType(clang_getCursorType(kids[0]));
        int lv = bare_lvalue(m, kids[0]);
        if (lv && ct.kind == CXType_Pointer &&
            clang_equalTypes(clang_getCanonicalType(clang_getPointeeType(ct)), ot))
            op = RW_OP_ADDR;
        else if (lv)
            op = RW_OP_PRE_INC;
        else if (ot.kind == CXType_Pointer &&
                 clang_equalTypes(clang_getCanonicalType(clang_getPointeeType(ot)), ct))
            op = RW_OP_DEREF;
    }
    free(kids);
    return op;
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
        if ((m->l->pragma->vars[i].kind != RW_REDUCTION || m->l->pragma->vars[i].array) &&
            clang_equalCursors(d, m->l->pragma->vars[i].decl))
            return 1;
    return !rw_decl_outside(m->src, d, m->start, m->end);
}

struct scan {
    struct md *m;
    int names_loop_var, reads_memory;
};

/* Visitor noting what an expression names and reads. */
static enum CXChildVisitResult scan_visit(CXCursor c, CXCursor parent, CXClientData d)
{
    struct scan *s = d;
    (void)parent;
    enum CXCursorKind k = clang_getCursorKind(c);
    CXCursor v = rw_named_var(c);
    if (!clang_Cursor_isNull(v) && of_loop(s->m, v))
        s->names_loop_var = 1;
    if (k == CXCursor_ArraySubscriptExpr || k == CXCursor_MemberRefExpr ||
        k == CXCursor_CallExpr || (k == CXCursor_UnaryOperator && op_of(s->m, c) == RW_OP_DEREF))
        s->reads_memory = 1;
    return CXChildVisit_Recurse;
}

/* What expression c names and reads (c included). */
static struct scan scan(struct md *m, CXCursor c)
{
    struct scan s = { m, 0, 0 };
    scan_visit(c, clang_getNullCursor(), &s);
    clang_visitChildren(c, scan_visit, &s);
    return s;
}

/* Add term e (subtracted when neg) to subscript u. */
static void sub_add(struct rw_sub *u, CXCursor e, int neg)
{
    if (u->n == RW_SUB_TERMS) {
        u->bad = 1;
        return;
    }
    u->term[u->n] = e;
    u->neg[u->n++] = neg;
}

/* Append the terms of v to u. */
static void sub_cat(struct rw_sub *u, const struct rw_sub *v)
{
    for (unsigned i = 0; i < v->n; i++)
        sub_add(u, v->term[i], v->neg[i]);
    u->bad |= v->bad;
}

/* A subscript of the single term e, or unreadable when e is null. */
static struct rw_sub sub_of(CXCursor e)
{
    struct rw_sub u = { 0 };
    if (clang_Cursor_isNull(e))
        u.bad = 1;
    else
        sub_add(&u, e, 0);
    return u;
}

/* Append a subscript of text t (NULL: unreadable) and terms u to p, where
 * e is the expression it comes from (or a null cursor for a constant 0).
 * A pending alias offset k makes it k + t. */
static void push_sub(struct md *m, struct path *p, const char *t, struct rw_sub u, CXCursor e)
{
    char *canon = t ? rw_xstrdup(t) : NULL;
    if (!t)
        u.bad = 1;
    if (!clang_Cursor_isNull(e)) {
        struct scan s = scan(m, e);
        p->varies |= s.names_loop_var;
        p->indirect |= s.reads_memory;
    }
    rw_buf_printf(&p->where, "[%s]", t ? t : "?");
    if (p->pending) {
        char *k = p->pending;
        p->pending = NULL;
        free(canon);
        canon = NULL;
        struct rw_sub sum = p->pterms;
        sub_cat(&sum, &u);
        u = sum;
        if (t && !strcmp(t, "0")) {
            if (!k[0]) { /* `&s.m` or `&*p`: r[0] is that object itself */
                free(k);
                free(p->last);
                p->last = NULL;
                return;
            }
            canon = rw_xstrdup(k);
        } else if (t && k[0] && !strcmp(k, "0")) {
            canon = rw_xstrdup(t);
        } else if (t && k[0] && additive(k) && additive(t)) {
            canon = rw_xasprintf("%s + %s", k, t);
        }
        free(k);
    }
    if (!canon) {
        p->unreadable = 1;
        u.bad = 1;
    }
    p->last_len = p->subs.len;
    p->last_shape = p->shape.len;
    rw_buf_printf(&p->subs, "[%s]", canon ? canon : "?");
    rw_buf_puts(&p->shape, "[]");
    if (p->depth == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 4;
        p->dims = rw_xrealloc(p->dims, p->cap * sizeof *p->dims);
    }
    p->dims[p->depth++] = u;
    free(p->last);
    p->last = canon;
}

/* A new run of subscripts for display: the name is the text of c. */
static void restart_display(struct md *m, struct path *p, CXCursor c)
{
    char *mem = rw_spelling(clang_getCursorReferenced(c));
    rw_buf_printf(&p->shape, ".%s", mem);
    free(mem);
    char *t = norm_text(m, c);
    free(p->name);
    p->name = t ? t : rw_xstrdup("?");
    p->where.len = 0;
    if (p->where.s)
        p->where.s[0] = 0;
}

/* Free what path p owns. */
static void path_free(struct path *p)
{
    free(p->dims);
    free(p->shape.s);
    free(p->subs.s);
    free(p->where.s);
    free(p->name);
    free(p->pending);
    free(p->last);
}

/* A deep copy of path q. */
static struct path path_copy(const struct path *q)
{
    struct path p = *q;
    p.subs = (struct rw_buf){ 0 };
    p.where = (struct rw_buf){ 0 };
    p.shape = (struct rw_buf){ 0 };
    p.dims = q->cap ? rw_xmalloc(q->cap * sizeof *p.dims) : NULL;
    if (q->depth)
        memcpy(p.dims, q->dims, q->depth * sizeof *p.dims);
    rw_buf_puts(&p.shape, bs(&q->shape));
    rw_buf_puts(&p.subs, bs(&q->subs));
    rw_buf_puts(&p.where, bs(&q->where));
    p.name = q->name ? rw_xstrdup(q->name) : NULL;
    p.pending = q->pending ? rw_xstrdup(q->pending) : NULL;
    p.last = q->last ? rw_xstrdup(q->last) : NULL;
    p.cap = q->cap;
    return p;
}

/* The alias record of variable d, or NULL. */
static struct alias *alias_of(struct md *m, CXCursor d)
{
    for (unsigned i = 0; i < m->nal; i++)
        if (clang_equalCursors(m->al[i].var, d))
            return &m->al[i];
    return NULL;
}

/* The record of root variable d, created on first use. */
static struct rw_root *root_of(struct md *m, CXCursor d)
{
    for (unsigned i = 0; i < m->out->nr; i++)
        if (clang_equalCursors(m->out->r[i].decl, d))
            return &m->out->r[i];
    m->out->r = rw_xrealloc(m->out->r, (m->out->nr + 1) * sizeof *m->out->r);
    struct rw_root *r = &m->out->r[m->out->nr++];
    memset(r, 0, sizeof *r);
    r->decl = d;
    r->name = rw_spelling(d);
    /* a global or static array or struct can be shared memory; any pointer
     * can point to a large block */
    enum CXTypeKind k = type_kind(d);
    r->shared = rw_is_data_pointer(d) || rw_is_array_param(d) ||
                (clang_getCursorKind(d) == CXCursor_VarDecl &&
                 clang_Cursor_hasVarDeclGlobalStorage(d) &&
                 (kind_is_array(k) || k == CXType_Record));
    r->level = -1;
    for (unsigned i = 0; i < m->l->nlv; i++)
        if (clang_equalCursors(d, m->l->lv[i].var) && m->l->lv[i].is_ptr)
            r->level = (int)i;
    return r;
}

/* Note that the rewriter cannot analyse the writes to r (kind blk, at off,
 * text owned); the highest-priority blocker is kept. */
static void block(struct rw_root *r, int blk, size_t off, char *text)
{
    if (r->blk == RW_BLK_NONE || blk < r->blk) {
        free(r->blk_text);
        r->blk = blk;
        r->blk_off = off;
        r->blk_text = text;
    } else {
        free(text);
    }
}

/* The type of lvalue c for the effective-type rules (alias.c): its own,
 * or none (CXType_Invalid: any type) when it is a member of a union, read
 * through which any member's type is right. */
static CXType lvalue_type(struct md *m, CXCursor c)
{
    CXType none;
    memset(&none, 0, sizeof none);
    CXType t = clang_getCursorType(c);
    CXCursor cur = rw_strip(c, 1), *kids;
    for (int depth = 0; depth < 64; depth++) {
        enum CXCursorKind k = clang_getCursorKind(cur);
        unsigned n = rw_children(cur, &kids);
        CXCursor next = clang_getNullCursor();
        if (k == CXCursor_MemberRefExpr && n == 1) {
            next = rw_strip(kids[0], 1);
            CXType bt = clang_getCanonicalType(clang_getCursorType(next));
            if (bt.kind == CXType_Pointer)
                bt = clang_getCanonicalType(clang_getPointeeType(bt));
            if (clang_getCursorKind(clang_getTypeDeclaration(bt)) == CXCursor_UnionDecl) {
                free(kids);
                return none;
            }
        } else if (k == CXCursor_ArraySubscriptExpr && n == 2) {
            next = rw_strip(kids[is_address(rw_strip(kids[0], 1)) ? 0 : 1], 1);
        } else if (k == CXCursor_UnaryOperator && n == 1 && op_of(m, cur) == RW_OP_DEREF) {
            next = rw_strip(kids[0], 1);
        }
        free(kids);
        if (clang_Cursor_isNull(next))
            break;
        cur = next;
    }
    return t;
}

/* Record the access p (mode RW_ACC_*) made by expression c, an lvalue of
 * type type (CXType_Invalid: not known). */
static void record(struct md *m, struct path *p, int mode, CXCursor c, CXType type)
{
    if (rw_coop_covers(rw_cursor_off(m->src, c, m->start)))
        return; /* in a critical or atomic statement: the workers take turns */
    struct rw_root *r = root_of(m, p->root);
    if (!p->depth || p->pending)
        return; /* the variable itself: a scalar (check.c and the clauses), or a pointer */
    if (r->fresh && p->depth == 1)
        return; /* a block allocated in the body: merged by snapshot anyway */
    r->shared |= p->through_ptr;
    r->written |= (mode & RW_ACC_WRITE) != 0;
    r->v = rw_xrealloc(r->v, (r->n + 1) * sizeof *r->v);
    struct rw_access *a = &r->v[r->n++];
    memset(a, 0, sizeof *a);
    a->subs = p->unreadable ? NULL : rw_xstrdup(bs(&p->subs));
    a->depth = p->depth;
    a->sub = rw_xmalloc(p->depth * sizeof *a->sub);
    memcpy(a->sub, p->dims, p->depth * sizeof *a->sub);
    a->shape = rw_xstrdup(bs(&p->shape));
    a->name = rw_xstrdup(p->name ? p->name : r->name);
    a->where = rw_xstrdup(bs(&p->where));
    a->off = off_of(m, c);
    a->guarded = rw_guards_cover(m->guards, m->nguards, a->off);
    a->end = a->off;
    size_t s0, e0;
    if (rw_extent(m->src, c, &s0, &e0) && e0 > a->off)
        a->end = e0;
    a->text = NULL;
    if (a->end > a->off) { /* as written, each run of white space one space */
        struct rw_buf t = { 0 };
        for (size_t i = a->off; i < a->end; i++) {
            char ch = m->src->buf[i];
            int sp = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
            if (!sp || (t.len && t.s[t.len - 1] != ' '))
                rw_buf_add(&t, sp ? " " : &ch, 1);
        }
        a->text = t.s;
    }
    if (!a->text)
        a->text = rw_xasprintf("%s%s", a->name, a->where);
    a->mode = mode;
    a->type = type;
    a->varies = p->varies;
    a->indirect = p->indirect;
    a->loaded = p->loaded;
    a->cond = m->cond > 0 || m->jumps;
    a->nloop = m->nloop > RW_ACC_LOOPS ? RW_ACC_LOOPS + 1 : m->nloop;
    for (unsigned i = 0; i < m->nloop && i < RW_ACC_LOOPS; i++)
        a->loop[i] = m->loop[i];
}

static int path_of(struct md *m, CXCursor e, struct path *p);

/* Before a subscript is applied to a pointer that p reached through
 * memory (made[i] in made[i][k]): that pointer is read. */
static void load_pointer(struct md *m, struct path *p, CXCursor base, CXCursor at)
{
    CXCursor b = rw_strip(base, 1);
    if (type_kind(b) != CXType_Pointer)
        return;
    if (clang_getCursorKind(b) != CXCursor_DeclRefExpr)
        p->loaded = 1; /* which block it points to is not known */
    if (p->depth && !p->pending)
        record(m, p, RW_ACC_READ, at, clang_getCursorType(b));
}

/* The terms of pointer arithmetic x down to its pointer leaf: `a + i - 1`
 * gives i and -1. */
static struct rw_sub chain_terms(struct md *m, CXCursor x, CXCursor leaf)
{
    struct rw_sub u = { 0 };
    CXCursor cur = x, *kids;
    while (!clang_equalCursors(cur, leaf)) {
        enum rw_op op = op_of(m, cur);
        if (rw_children(cur, &kids) != 2 || (op != RW_OP_ADD && op != RW_OP_SUB)) {
            free(kids);
            u.bad = 1;
            return u;
        }
        sub_add(&u, kids[1], op == RW_OP_SUB);
        cur = rw_strip(kids[0], 1);
        free(kids);
    }
    return u;
}

/* Visit the offsets of pointer arithmetic x down to its pointer leaf (the
 * pointer itself is not a use of its own). */
static void visit_offsets(struct md *m, CXCursor x, CXCursor leaf)
{
    CXCursor cur = x, *kids;
    while (!clang_equalCursors(cur, leaf)) {
        if (rw_children(cur, &kids) != 2) {
            free(kids);
            return;
        }
        visit(m, kids[1]);
        cur = rw_strip(kids[0], 1);
        free(kids);
    }
}

/* The path of `*x`: x is a pointer p (the subscript is 0), or `p + k...`
 * written with p first (`*(a + i + 1)` is a[i + 1]: the subscript is the
 * text after `a + `). */
static int deref_path(struct md *m, CXCursor x, struct path *p)
{
    CXCursor leaf = x, *kids;
    int unread = 0; /* pointer arithmetic whose operator a macro wrote */
    while (clang_getCursorKind(leaf) == CXCursor_BinaryOperator) {
        enum rw_op op = op_of(m, leaf);
        if (rw_children(leaf, &kids) != 2) {
            free(kids);
            return 0;
        }
        CXCursor left = rw_strip(kids[0], 1);
        free(kids);
        if (!is_address(left) || (op != RW_OP_ADD && op != RW_OP_SUB &&
                                  !(op == RW_OP_OTHER && rw_is_data_pointer(leaf))))
            return 0;
        unread |= op == RW_OP_OTHER;
        leaf = left;
    }
    if (unread) {
        if (!path_of(m, leaf, p))
            return 0;
        load_pointer(m, p, leaf, x);
        p->through_ptr = 1;
        visit_offsets(m, x, leaf);
        push_sub(m, p, NULL, sub_of(clang_getNullCursor()), x);
        return 1;
    }
    if (clang_equalCursors(leaf, x)) {
        if (!path_of(m, x, p))
            return 0;
        load_pointer(m, p, x, x);
        p->through_ptr = 1;
        push_sub(m, p, "0", (struct rw_sub){ 0 }, clang_getNullCursor());
        return 1;
    }
    char *whole = norm_text(m, x), *base = norm_text(m, leaf);
    size_t bl = base ? strlen(base) : 0;
    int ok = whole && base && !strncmp(whole, base, bl) && !strncmp(whole + bl, " + ", 3) &&
             path_of(m, leaf, p);
    if (ok) {
        load_pointer(m, p, leaf, x);
        p->through_ptr |= type_kind(leaf) == CXType_Pointer;
        visit_offsets(m, x, leaf);
        push_sub(m, p, whole + bl + 3, chain_terms(m, x, leaf), x);
    }
    free(whole);
    free(base);
    return ok;
}

/* Read the access path of lvalue e into p: 1 when it leads to a variable
 * through subscripts, `*` (of p or p + k), `.` and `->` only.  The
 * subscripts are visited as reads. */
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
        struct alias *a = alias_of(m, d);
        if (a && !a->set) {
            struct path c = path_copy(&a->base);
            *p = c;
            free(p->name);
        } else {
            p->root = d;
            p->varies |= of_loop(m, d); /* a pointer loop variable */
        }
        p->name = rw_spelling(d);
        p->where.len = 0;
        if (p->where.s)
            p->where.s[0] = 0;
        return 1;
    }
    n = rw_children(e, &kids);
    if (k == CXCursor_ArraySubscriptExpr && n == 2) {
        CXCursor base = kids[0], idx = kids[1];
        if (!is_address(rw_strip(base, 1))) { /* i[a] */
            base = kids[1];
            idx = kids[0];
        }
        if ((ok = path_of(m, base, p))) {
            load_pointer(m, p, base, e);
            p->through_ptr |= type_kind(rw_strip(base, 1)) == CXType_Pointer;
            char *t = norm_text(m, idx);
            push_sub(m, p, t, sub_of(idx), idx);
            free(t);
            visit(m, idx);
        }
    } else if (k == CXCursor_UnaryOperator && n == 1 && op_of(m, e) == RW_OP_DEREF) {
        ok = deref_path(m, rw_strip(kids[0], 1), p);
    } else if (k == CXCursor_MemberRefExpr && n == 1) {
        int arrow = type_kind(rw_strip(kids[0], 1)) == CXType_Pointer;
        if ((ok = path_of(m, kids[0], p))) {
            if (arrow) {
                load_pointer(m, p, kids[0], e);
                p->through_ptr = 1;
                push_sub(m, p, "0", (struct rw_sub){ 0 }, clang_getNullCursor());
            }
            free(p->last); /* the path no longer ends with a subscript */
            p->last = NULL;
            restart_display(m, p, e);
        }
    }
    free(kids);
    return ok;
}

/* An element access c (subscript, `*`, member) read and/or written. */
static void access(struct md *m, CXCursor c, int mode)
{
    if (in_typeof(m, c))
        return; /* `__typeof__(a[0])`: not evaluated */
    struct path p = { .root = clang_getNullCursor() };
    CXCursor s = rw_strip(c, 1);
    if (clang_getCursorKind(s) == CXCursor_DeclRefExpr) {
        /* the variable itself: a pointer set in the body */
        CXCursor d = rw_named_var(s);
        if (clang_Cursor_isNull(d) || !(mode & RW_ACC_WRITE) || !rw_is_data_pointer(d))
            return;
        struct alias *a = alias_of(m, d);
        if (a) {
            a->set = 1;
            block(root_of(m, a->base.root), RW_BLK_SET, off_of(m, c), rw_spelling(d));
        }
        struct rw_root *r = root_of(m, d);
        r->fresh = 0;
        r->shared = 1;
        block(r, RW_BLK_SET, off_of(m, c), NULL);
        return;
    }
    if (path_of(m, c, &p)) {
        record(m, &p, mode, c, lvalue_type(m, c));
    } else {
        if ((mode & RW_ACC_WRITE) && !m->out->unknown) {
            m->out->unknown = norm_text(m, c);
            if (!m->out->unknown)
                m->out->unknown = rw_xstrdup("?");
            m->out->unknown_off = off_of(m, c);
        }
        clang_visitChildren(c, visit_kid, m);
    }
    path_free(&p);
}

/* The path that pointer value e points into: `&x` is x's path, `b + k`
 * is b's path with k pending (b is `a` or `a[i]`: a pointer or an array),
 * `b` is b's path with 0 pending.  Returns 0 for other forms. */
static int pointer_path(struct md *m, CXCursor e, struct path *p)
{
    CXCursor x = rw_strip(e, 1), *kids;
    enum CXCursorKind k = clang_getCursorKind(x);
    unsigned n = rw_children(x, &kids);
    int ok = 0;
    enum rw_op op = n ? op_of(m, x) : RW_OP_NONE;
    if (k == CXCursor_UnaryOperator && n == 1 && op == RW_OP_ADDR) {
        if ((ok = path_of(m, kids[0], p))) {
            free(p->pending);
            if (p->last) { /* &a[k]: a's path with k pending */
                p->subs.len = p->last_len;
                p->subs.s[p->subs.len] = 0;
                p->shape.len = p->last_shape;
                p->shape.s[p->shape.len] = 0;
                p->depth--;
                p->pterms = p->dims[p->depth];
                p->pending = p->last;
                p->last = NULL;
            } else {
                p->pending = rw_xstrdup("");
                p->pterms = (struct rw_sub){ 0 };
            }
        }
    } else if (k == CXCursor_BinaryOperator && n == 2 && (op == RW_OP_ADD || op == RW_OP_SUB) &&
               is_address(rw_strip(kids[0], 1))) {
        if ((ok = pointer_path(m, kids[0], p))) {
            char *t = norm_text(m, kids[1]);
            char *off = t && op == RW_OP_SUB ? rw_xasprintf("-(%s)", t) : t ? rw_xstrdup(t) : NULL;
            free(t);
            sub_add(&p->pterms, kids[1], op == RW_OP_SUB);
            if (p->pending && off && !strcmp(p->pending, "0")) {
                free(p->pending);
                p->pending = off;
            } else if (p->pending && off && p->pending[0] && additive(p->pending) && additive(off)) {
                char *sum = rw_xasprintf("%s + %s", p->pending, off);
                free(p->pending);
                free(off);
                p->pending = sum;
            } else {
                ok = 0;
                free(off);
            }
            struct scan s = scan(m, kids[1]);
            p->varies |= s.names_loop_var;
            p->indirect |= s.reads_memory;
            visit(m, kids[1]);
        }
    } else if ((k == CXCursor_DeclRefExpr || k == CXCursor_ArraySubscriptExpr ||
                k == CXCursor_MemberRefExpr ||
                (k == CXCursor_UnaryOperator && op == RW_OP_DEREF)) && is_address(x)) {
        if ((ok = path_of(m, x, p)) && !p->pending) {
            load_pointer(m, p, x, x);
            p->through_ptr |= type_kind(x) == CXType_Pointer;
            p->pending = rw_xstrdup("0");
            p->pterms = (struct rw_sub){ 0 };
        }
    }
    free(kids);
    return ok;
}

/* Pointer value e (an argument, the right side of an assignment) is handed
 * on: the variable it points into gets blocker blk (text copied), and
 * counts as written when may_write (an address stored elsewhere may be
 * written through later, as one passed to a non-const parameter). */
static void pointer_value(struct md *m, CXCursor e, int blk, int may_write, const char *text)
{
    CXCursor x = rw_strip(e, 1), *kids;
    enum CXCursorKind k = clang_getCursorKind(x);
    struct path p = { .root = clang_getNullCursor() };
    if (k == CXCursor_CStyleCastExpr || k == CXCursor_ConditionalOperator) {
        unsigned n = rw_children(x, &kids);
        for (unsigned i = 0; i < n; i++) {
            if (is_address(kids[i]))
                pointer_value(m, kids[i], blk, may_write, text);
            else if (clang_getCursorKind(kids[i]) != CXCursor_TypeRef)
                visit(m, kids[i]);
        }
        free(kids);
        return;
    }
    if (!pointer_path(m, x, &p)) {
        path_free(&p);
        visit(m, x);
        return;
    }
    struct rw_root *r = root_of(m, p.root);
    if (p.depth && p.pending && !strcmp(p.pending, "0") && rw_is_data_pointer(x)) {
        /* a pointer loaded from memory (names[i], s->buf): what the call
         * reaches is the level below it, at elements it cannot tell */
        if (blk == RW_BLK_CALL) {
            free(p.name);
            p.name = norm_text(m, x);
            push_sub(m, &p, NULL, sub_of(clang_getNullCursor()), clang_getNullCursor());
            p.through_ptr = 1;
            p.loaded = 1;
            CXType any;
            memset(&any, 0, sizeof any);
            record(m, &p, may_write ? RW_ACC_READ | RW_ACC_WRITE : RW_ACC_READ, e, any);
            if (r->n && !r->v[r->n - 1].via)
                r->v[r->n - 1].via = rw_xstrdup(text ? text : "a function");
        }
        path_free(&p);
        return;
    }
    if (!(r->fresh && p.depth == 0)) /* not the block allocated in the body itself */
        r->shared |= p.through_ptr;
    r->written |= may_write;
    block(r, blk, off_of(m, e), text ? rw_xstrdup(text) : NULL);
    path_free(&p);
}

/* A call: pointer arguments are passed where the callee may read them, and
 * write them unless the parameter points to const; the variable arguments
 * of the printf family are read; streams are not the program's arrays. */
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
    int printf_like = cname && strstr(cname, "printf") != NULL;
    free(cname);
    for (int i = 0; i < nargs; i++) {
        CXCursor a = clang_Cursor_getArgument(c, (unsigned)i);
        if (!rw_is_data_pointer(a) || is_stream(a)) {
            visit(m, a);
            continue;
        }
        int may_write = !(printf_like && nparams >= 0 && i >= nparams);
        if (i < nparams) {
            CXType pt = clang_getCanonicalType(clang_getArgType(ft, (unsigned)i));
            if (pt.kind == CXType_Pointer && clang_isConstQualifiedType(clang_getPointeeType(pt)))
                may_write = 0;
        }
        pointer_value(m, a, RW_BLK_CALL, may_write, fname);
    }
    free(fname);
}

/* Whether c is a call to a function that returns a new block. */
int rw_allocates(CXCursor c)
{
    static const char *const fns[] = { "malloc", "calloc", "aligned_alloc", "strdup",
                                       "strndup", NULL };
    if (clang_getCursorKind(c) != CXCursor_CallExpr)
        return 0;
    char *name = rw_spelling(clang_getCursorReferenced(c));
    int r = 0;
    for (const char *const *f = fns; *f && !r; f++)
        r = !strcmp(name, *f);
    free(name);
    return r;
}

/* A pointer variable declared in the body: an alias when its initializer
 * is `&a[k]`, `a + k` or `a`; a fresh block when it is malloc(...);
 * otherwise set in the body (the rewriter cannot tell where it points). */
static void pointer_decl(struct md *m, CXCursor c)
{
    CXCursor *kids, init = clang_getNullCursor();
    unsigned n = rw_children(c, &kids);
    for (unsigned i = 0; i < n; i++)
        if (clang_getCursorKind(kids[i]) != CXCursor_TypeRef)
            init = kids[i];
    free(kids);
    if (clang_Cursor_isNull(init))
        return; /* set later, by an assignment */
    CXCursor x = rw_strip(init, 1);
    if (clang_getCursorKind(x) == CXCursor_CStyleCastExpr) { /* (T *)malloc(n) */
        unsigned k = rw_children(x, &kids);
        CXCursor inner = k ? rw_strip(kids[k - 1], 1) : x;
        free(kids);
        if (rw_allocates(inner))
            x = inner;
    }
    if (rw_allocates(x)) {
        visit(m, x);
        struct rw_root *r = root_of(m, c);
        r->fresh = 1;
        r->shared = 0;
        return;
    }
    struct path p = { .root = clang_getNullCursor() };
    if (pointer_path(m, x, &p)) {
        m->al = rw_xrealloc(m->al, (m->nal + 1) * sizeof *m->al);
        m->al[m->nal++] = (struct alias){ .var = c, .base = p };
        return;
    }
    path_free(&p);
    char *name = rw_spelling(c);
    char *text = rw_xasprintf("'%s'", name);
    pointer_value(m, x, RW_BLK_ESCAPE, 1, text);
    free(text);
    free(name);
    block(root_of(m, c), RW_BLK_SET, off_of(m, c), NULL);
}

/* Whether expression c is the operand of typeof (`__typeof__(c)`). */
static int in_typeof(const struct md *m, CXCursor c)
{
    size_t a = off_of(m, c), i = a;
    const char *b = m->src->buf;
    while (i > 0 && (b[i - 1] == ' ' || b[i - 1] == '\t'))
        i--;
    if (i == 0 || b[i - 1] != '(')
        return 0;
    i--;
    while (i > 0 && (b[i - 1] == ' ' || b[i - 1] == '\t'))
        i--;
    size_t e = i;
    while (i > 0 && (b[i - 1] == '_' || (b[i - 1] >= 'a' && b[i - 1] <= 'z')))
        i--;
    return (e - i == 6 && !strncmp(b + i, "typeof", 6)) ||
           (e - i == 8 && !strncmp(b + i, "__typeof", 8)) ||
           (e - i == 10 && !strncmp(b + i, "__typeof__", 10));
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
        access(m, c, RW_ACC_READ);
        return;
    case CXCursor_CallExpr:
        call(m, c);
        return;
    case CXCursor_DeclRefExpr:
        /* a pointer or array used as a value other than the forms above */
        if (is_address(c) && !is_stream(c) && !clang_Cursor_isNull(rw_named_var(c)))
            pointer_value(m, c, RW_BLK_ESCAPE, 1, NULL);
        return;
    case CXCursor_VarDecl:
        if (rw_is_data_pointer(c)) {
            pointer_decl(m, c);
            return;
        }
        n = rw_children(c, &kids);
        for (unsigned i = 0; i < n; i++)
            if (!in_typeof(m, kids[i])) /* `__typeof__(a[0]) x`: not evaluated */
                visit(m, kids[i]);
        free(kids);
        return;
    case CXCursor_UnaryOperator: {
        enum rw_op op = op_of(m, c);
        n = rw_children(c, &kids);
        if (n == 1 && op >= RW_OP_POST_INC && op <= RW_OP_PRE_DEC)
            access(m, kids[0], RW_ACC_READ | RW_ACC_WRITE);
        else if (n == 1 && op == RW_OP_DEREF)
            access(m, c, RW_ACC_READ);
        else if (n == 1 && op == RW_OP_ADDR)
            pointer_value(m, c, RW_BLK_ESCAPE, 1, NULL);
        else
            clang_visitChildren(c, visit_kid, m);
        free(kids);
        return;
    }
    case CXCursor_CompoundAssignOperator:
        n = rw_children(c, &kids);
        if (n == 2) {
            access(m, kids[0], RW_ACC_READ | RW_ACC_WRITE);
            visit(m, kids[1]);
        }
        free(kids);
        return;
    case CXCursor_BinaryOperator: {
        enum rw_op op = op_of(m, c);
        n = rw_children(c, &kids);
        if (n == 2 && op == RW_OP_ASSIGN) {
            access(m, kids[0], RW_ACC_WRITE);
            if (rw_is_data_pointer(kids[1])) {
                char *t = norm_text(m, kids[0]);
                char *text = rw_xasprintf("'%s'", t ? t : "?");
                pointer_value(m, kids[1], RW_BLK_ESCAPE, 1, text);
                free(text);
                free(t);
            } else {
                visit(m, kids[1]);
            }
        } else if (n == 2 && ((op >= RW_OP_LT && op <= RW_OP_NE) || op == RW_OP_LAND ||
                              op == RW_OP_LOR ||
                              (op == RW_OP_SUB && is_address(kids[0]) && is_address(kids[1])))) {
            /* comparing pointers, or their difference, lets no memory escape;
             * the right side of && and || may not be evaluated */
            int lazy = op == RW_OP_LAND || op == RW_OP_LOR;
            for (unsigned i = 0; i < 2; i++) {
                m->cond += lazy && i == 1;
                if (clang_getCursorKind(rw_strip(kids[i], 1)) != CXCursor_DeclRefExpr)
                    visit(m, kids[i]);
                m->cond -= lazy && i == 1;
            }
        } else {
            clang_visitChildren(c, visit_kid, m);
        }
        free(kids);
        return;
    }
    case CXCursor_IfStmt: case CXCursor_WhileStmt: case CXCursor_DoStmt: case CXCursor_ForStmt:
    case CXCursor_ConditionalOperator: case CXCursor_SwitchStmt: {
        /* a pointer alone as a condition (`if (p)`) is a comparison with null;
         * what follows the condition of if, while, switch and ?: may be
         * skipped; a for loop's body runs in the loop's iterations */
        int branches = k != CXCursor_DoStmt && k != CXCursor_ForStmt;
        if (k == CXCursor_ForStmt && m->nloop++ < RW_ACC_LOOPS)
            m->loop[m->nloop - 1] = c;
        n = rw_children(c, &kids);
        for (unsigned i = 0; i < n; i++) {
            m->cond += branches && i > 0;
            if (!(clang_getCursorKind(rw_strip(kids[i], 1)) == CXCursor_DeclRefExpr &&
                  rw_is_data_pointer(rw_strip(kids[i], 1)) &&
                  !(k == CXCursor_ConditionalOperator && i > 0)))
                visit(m, kids[i]);
            m->cond -= branches && i > 0;
        }
        m->nloop -= k == CXCursor_ForStmt;
        free(kids);
        return;
    }
    default:
        break;
    }
    clang_visitChildren(c, visit_kid, m);
}

/* Visitor setting *d when the body jumps (continue, break, goto). */
static enum CXChildVisitResult jump_visit(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_ContinueStmt || k == CXCursor_BreakStmt || k == CXCursor_GotoStmt ||
        k == CXCursor_IndirectGotoStmt) {
        *(int *)d = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* Collect the accesses of loop l's body (see rewriter.h). */
void rw_collect_accesses(const struct rw_src *src, const struct rw_loop *l,
                         struct rw_accesses *out)
{
    memset(out, 0, sizeof *out);
    struct md m = { .src = src, .l = l, .start = l->lv[0].for_off, .end = l->end, .out = out };
    clang_visitChildren(l->body, jump_visit, &m.jumps);
    m.nguards = rw_guards_find(src, l->body, &m.guards, &out->coop);
    visit(&m, l->body);
    free(m.guards);
    for (unsigned i = 0; i < m.nal; i++)
        path_free(&m.al[i].base);
    free(m.al);
}

/* Free the accesses a holds. */
void rw_accesses_free(struct rw_accesses *a)
{
    for (unsigned i = 0; i < a->nr; i++) {
        for (unsigned j = 0; j < a->r[i].n; j++) {
            struct rw_access *x = &a->r[i].v[j];
            free(x->subs);
            free(x->sub);
            free(x->shape);
            free(x->name);
            free(x->where);
            free(x->text);
            free(x->via);
        }
        free(a->r[i].v);
        free(a->r[i].name);
        free(a->r[i].blk_text);
    }
    free(a->r);
    free(a->unknown);
    memset(a, 0, sizeof *a);
}
