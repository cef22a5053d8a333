/*
 * emit.c - the code generated for each loop, as edits of the input.
 *
 * docs/generated-code.md is the contract this file implements: the pragma is
 * blanked (newlines kept), the loop header is replaced by a prologue that
 * computes the trip count and starts the workers, the body stays byte for
 * byte where it was, and an epilogue after it joins the workers and combines
 * the clause variables.  `#line` directives put the body and the rest of the
 * file back on their original lines and columns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MPLOOP_NO_MODULE_CONSTRUCTOR
#include <mploop/abi.h>

#include "rewriter.h"

/* The version of the runtime interface the generated code is written for,
 * stored in mploop_params.abi so that the runtime refuses a file rewritten
 * for another version.  It must equal MPLOOP_ABI_VERSION of
 * include/mploop/abi.h. */
#define RW_ABI_VERSION 3
#if defined MPLOOP_ABI_VERSION && MPLOOP_ABI_VERSION != RW_ABI_VERSION
#error "the rewriter writes code for another ABI version than include/mploop/abi.h"
#endif

static const char *const sched_names[] = {
    "MPLOOP_SCHED_STATIC", "MPLOOP_SCHED_DYNAMIC", "MPLOOP_SCHED_GUIDED",
    "MPLOOP_SCHED_AUTO", "MPLOOP_SCHED_RUNTIME", "MPLOOP_SCHED_DEFAULT"
};
static const char *const test_names[] = { "MPLOOP_LT", "MPLOOP_LE", "MPLOOP_GT", "MPLOOP_GE", "MPLOOP_NE" };
static const char *const test_ops[] = { "<", "<=", ">", ">=", "!=" };

/* The file name as the body of a C string literal: backslashes and quotes
 * escaped, control characters in octal. */
char *rw_escaped_path(const char *path)
{
    struct rw_buf b = { 0 };
    for (const char *p = path; *p; p++) {
        if ((unsigned char)*p < 0x20) {
            char oct[8];
            snprintf(oct, sizeof oct, "\\%03o", (unsigned char)*p);
            rw_buf_puts(&b, oct);
            continue;
        }
        if (*p == '\\' || *p == '"')
            rw_buf_add(&b, "\\", 1);
        rw_buf_add(&b, p, 1);
    }
    rw_buf_add(&b, "", 0);
    return b.s ? b.s : rw_xstrndup("", 0);
}

/* `#line` so that the text at offset off keeps its line and column: the
 * padding repeats the tabs of the original line and turns everything else
 * into spaces, so both byte columns and tab-expanded columns match. */
void rw_line_marker(const struct rw_src *src, struct rw_buf *b, const char *file,
                    size_t off)
{
    unsigned line, col;
    rw_linecol(src, off, &line, &col);
    if (b->len && b->s[b->len - 1] != '\n')
        rw_buf_puts(b, "\n");
    rw_buf_printf(b, "#line %u \"%s\"\n", line, file);
    for (size_t i = off - (col - 1); i < off; i++)
        rw_buf_add(b, src->buf[i] == '\t' ? "\t" : " ", 1);
}

/* Name of a per-level variable: __mploop_lb_N for the outermost loop,
 * __mploop_lb2_N, __mploop_lb3_N... for the loops it collapses. */
static char *lvname(const char *what, unsigned level, unsigned id)
{
    if (level == 0)
        return rw_xasprintf("__mploop_%s_%u", what, id);
    return rw_xasprintf("__mploop_%s%u_%u", what, level + 1, id);
}

/* Value of the loop variable of level j at iteration index idx. */
static char *value_expr(const struct rw_level *lv, unsigned j, unsigned id, const char *idx,
                        const char *type)
{
    char *lb = lvname("lb", j, id), *st = lvname("st", j, id), *r;
    if (lv->is_ptr)
        r = rw_xasprintf("%s + (__PTRDIFF_TYPE__)(%s * (mploop_u64)%s)", lb, idx, st);
    else
        r = rw_xasprintf("(%s)((mploop_u64)%s + %s * (mploop_u64)%s)", type, lb, idx, st);
    free(lb);
    free(st);
    return r;
}

/* Whether local variable c must be handed to mploop_local for loop l. */
static int is_local_to_register(const struct rw_loop *l, CXCursor c)
{
    if (clang_getCursorKind(c) == CXCursor_VarDecl && clang_Cursor_hasVarDeclGlobalStorage(c))
        return 0;
    if (clang_Cursor_getStorageClass(c) == CX_SC_Register)
        return 0;
    enum CXTypeKind k = clang_getCanonicalType(clang_getCursorType(c)).kind;
    if (k == CXType_FunctionProto || k == CXType_FunctionNoProto)
        return 0;
    for (unsigned i = 0; i < l->nlv; i++)
        if (clang_equalCursors(c, l->lv[i].var))
            return 0;
    for (unsigned i = 0; i < l->pragma->nvars; i++)
        if (clang_equalCursors(c, l->pragma->vars[i].decl))
            return 0;
    return 1;
}

/* What emit_statics collects while visiting a loop body. */
struct statics {
    CXCursor *v;
    unsigned n, cap;
};

/* Whether c declares an array of static storage duration that a loop body
 * may write: a global or static local array of known size, not const, not
 * thread-local (a worker's TLS is its own). */
static int is_static_array(CXCursor c)
{
    if (clang_getCursorKind(c) != CXCursor_VarDecl || !clang_Cursor_hasVarDeclGlobalStorage(c))
        return 0;
    if (clang_getCursorTLSKind(c) != CXTLS_None)
        return 0;
    CXType t = clang_getCursorType(c);
    if (clang_getCanonicalType(t).kind != CXType_ConstantArray)
        return 0;
    while (clang_getCanonicalType(t).kind == CXType_ConstantArray) {
        if (clang_isConstQualifiedType(t) || clang_isConstQualifiedType(clang_getCanonicalType(t)))
            return 0;
        t = clang_getArrayElementType(clang_getCanonicalType(t));
    }
    return !clang_isConstQualifiedType(t) && !clang_isConstQualifiedType(clang_getCanonicalType(t));
}

/* Visitor: every static array the body names, once. */
static enum CXChildVisitResult collect_statics(CXCursor c, CXCursor parent, CXClientData d)
{
    struct statics *s = d;
    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_DeclRefExpr) {
        CXCursor r = clang_getCursorReferenced(c);
        if (is_static_array(r)) {
            for (unsigned i = 0; i < s->n; i++)
                if (clang_equalCursors(s->v[i], r))
                    return CXChildVisit_Recurse;
            if (s->n == s->cap) {
                s->cap = s->cap ? 2 * s->cap : 8;
                s->v = rw_xrealloc(s->v, s->cap * sizeof *s->v);
            }
            s->v[s->n++] = r;
        }
    }
    return CXChildVisit_Recurse;
}

/* The expression kinds that only carry a value through (an implicit
 * conversion, parentheses) when deciding how an array name is used. */
static int is_passthrough(enum CXCursorKind k)
{
    return k == CXCursor_UnexposedExpr || k == CXCursor_ParenExpr;
}

/* What collect_escaping keeps while it walks the translation unit: the
 * arrays found so far and the chain of enclosing cursors. */
struct escaping {
    struct statics found;
    CXCursor up[64];
    unsigned depth;
};

/* Whether the array named at the top of e->up (a DeclRefExpr) lets its
 * address go: anything but `a[i]` as a value (or `sizeof a`), e.g. `f(a)`,
 * `p = a`, `&a[i]`. */
static int name_escapes(const struct escaping *e)
{
    unsigned i = e->depth - 1;
    while (i > 0 && is_passthrough(clang_getCursorKind(e->up[i - 1])))
        i--;
    if (i == 0)
        return 1;
    enum CXCursorKind k = clang_getCursorKind(e->up[i - 1]);
    if (k == CXCursor_UnaryExpr) /* sizeof, _Alignof */
        return 0;
    if (k != CXCursor_ArraySubscriptExpr)
        return 1;
    /* a[i]: its address escapes only through `&a[i]`. */
    unsigned j = i - 1;
    while (j > 0 && is_passthrough(clang_getCursorKind(e->up[j - 1])))
        j--;
    if (j == 0 || clang_getCursorKind(e->up[j - 1]) != CXCursor_UnaryOperator)
        return 0;
    return 1; /* &, or ++/-- (harmless either way: registering is cheap) */
}

/* Visitor: the file-scope arrays whose address escapes anywhere in the
 * translation unit, walked depth first with the chain of parents kept. */
static enum CXChildVisitResult collect_escaping(CXCursor c, CXCursor parent, CXClientData d)
{
    struct escaping *e = d;
    (void)parent;
    if (e->depth == sizeof e->up / sizeof e->up[0])
        return CXChildVisit_Continue;
    e->up[e->depth++] = c;
    if (clang_getCursorKind(c) == CXCursor_DeclRefExpr) {
        CXCursor r = clang_getCursorReferenced(c);
        if (is_static_array(r) &&
            clang_getCursorKind(clang_getCursorSemanticParent(r)) == CXCursor_TranslationUnit &&
            name_escapes(e)) {
            int seen = 0;
            for (unsigned i = 0; i < e->found.n && !seen; i++)
                seen = clang_equalCursors(e->found.v[i], r);
            if (!seen) {
                if (e->found.n == e->found.cap) {
                    e->found.cap = e->found.cap ? 2 * e->found.cap : 8;
                    e->found.v = rw_xrealloc(e->found.v, e->found.cap * sizeof *e->found.v);
                }
                e->found.v[e->found.n++] = r;
            }
        }
    }
    clang_visitChildren(c, collect_escaping, e);
    e->depth--;
    return CXChildVisit_Continue;
}

/* The file-scope arrays of src's translation unit whose address escapes,
 * found once per translation unit. */
static const struct statics *escaping_arrays(const struct rw_src *src)
{
    static const struct rw_src *for_src;
    static struct escaping e;
    if (for_src != src) {
        free(e.found.v);
        memset(&e, 0, sizeof e);
        clang_visitChildren(clang_getTranslationUnitCursor(src->tu), collect_escaping, &e);
        /* In declaration order (insertion sort: a file has few). */
        for (unsigned i = 1; i < e.found.n; i++) {
            CXCursor c = e.found.v[i];
            size_t ci = 0, cj = 0, d;
            rw_extent(src, c, &ci, &d);
            unsigned j = i;
            while (j > 0 && (rw_extent(src, e.found.v[j - 1], &cj, &d), cj > ci)) {
                e.found.v[j] = e.found.v[j - 1];
                j--;
            }
            e.found.v[j] = c;
        }
        for_src = src;
    }
    return &e.found;
}

/* The mploop_static calls for loop l: every global or static array its
 * body names, and every file-scope array declared before the loop whose
 * address escapes somewhere in the file (the body may reach it through a
 * pointer, as STREAM's kernels do) (the runtime moves a large one into
 * shared memory, so workers write it in place or, in snapshot mode, in
 * private copies it diffs), as far as the name reaches it at the loop: one
 * declared in the body itself, or that a local variable visible at the
 * loop hides, is left out. */
static void emit_statics(const struct rw_src *src, struct rw_buf *b, const struct rw_loop *l,
                         const char *L)
{
    struct statics s = { 0 };
    clang_visitChildren(l->body, collect_statics, &s);
    const struct statics *esc = escaping_arrays(src);
    for (unsigned i = 0; i < esc->n; i++) {
        size_t da, db;
        int before = rw_extent(src, esc->v[i], &da, &db) && db <= l->func_start;
        for (unsigned j = 0; j < s.n && before; j++)
            before = !clang_equalCursors(s.v[j], esc->v[i]);
        if (!before)
            continue;
        if (s.n == s.cap) {
            s.cap = s.cap ? 2 * s.cap : 8;
            s.v = rw_xrealloc(s.v, s.cap * sizeof *s.v);
        }
        s.v[s.n++] = esc->v[i];
    }
    for (unsigned i = 0; i < s.n; i++) {
        char *name = rw_spelling(s.v[i]);
        size_t da, db;
        int hidden = rw_extent(src, s.v[i], &da, &db) && da >= l->body_start &&
                     da < l->body_end;
        for (unsigned j = 0; j < l->site.nvisible && !hidden; j++) {
            char *other = rw_spelling(l->site.visible[j]);
            hidden = !clang_equalCursors(l->site.visible[j], s.v[i]) && !strcmp(other, name);
            free(other);
        }
        if (!hidden && name[0])
            rw_buf_printf(b, "mploop_static(%s, (void *)%s, sizeof(%s));\n", L, name, name);
        free(name);
    }
    free(s.v);
}

/* What addr_visit looks for: the declarations d[0..n), and which of them
 * have their address taken (&x, or an array parameter's decay is not it). */
struct addr_taken {
    const CXCursor *d;
    int *taken;
    unsigned n;
};

/* Visitor: marks the variables of a whose address an `&` operator takes. */
static enum CXChildVisitResult addr_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    struct addr_taken *a = data;
    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_UnaryOperator)
        return CXChildVisit_Recurse;
    CXCursor *kids;
    unsigned nk = rw_children(c, &kids);
    CXCursor op = nk == 1 ? kids[0] : clang_getNullCursor();
    free(kids);
    while (!clang_Cursor_isNull(op) && clang_getCursorKind(op) == CXCursor_ParenExpr) {
        CXCursor *in;
        unsigned ni = rw_children(op, &in);
        op = ni == 1 ? in[0] : clang_getNullCursor();
        free(in);
    }
    if (clang_Cursor_isNull(op) || clang_getCursorKind(op) != CXCursor_DeclRefExpr)
        return CXChildVisit_Recurse;
    CXCursor r = clang_getCursorReferenced(op);
    CXType pt = clang_getPointeeType(clang_getCursorType(c));
    if (pt.kind == CXType_Invalid ||
        !clang_equalTypes(clang_getCanonicalType(pt), clang_getCanonicalType(clang_getCursorType(r))))
        return CXChildVisit_Recurse; /* *p, -x, ... */
    for (unsigned i = 0; i < a->n; i++)
        if (clang_equalCursors(a->d[i], r))
            a->taken[i] = 1;
    return CXChildVisit_Recurse;
}

/* Whether local c of loop l need not be handed to the runtime: a scalar
 * (arithmetic or pointer, neither volatile nor atomic) that no clause
 * names, so that the body does not write it (check.c refuses that), and
 * whose address the function never takes, so that nothing writes it
 * through a pointer either.  Workers leave it as it was; registering it
 * would only make its address escape, and the compiler would then reload
 * it, and forget what `restrict` told it, in the loop (a stencil's inner
 * loop loses the reuse of its loads). */
static int is_readonly_scalar(CXCursor c, int address_taken)
{
    CXType t = clang_getCursorType(c), k = clang_getCanonicalType(t);
    if (address_taken || clang_isVolatileQualifiedType(t) || clang_isVolatileQualifiedType(k) ||
        k.kind == CXType_Atomic || rw_is_array_param(c))
        return 0;
    return rw_type_is_arith(t) || rw_type_is_pointer(t);
}

/* Whether local c, not a parameter (an array parameter is a pointer), is
 * an array: race reports then say that `private` makes it per iteration. */
static int is_array(CXCursor c)
{
    enum CXTypeKind k = clang_getCanonicalType(clang_getCursorType(c)).kind;
    return k == CXType_ConstantArray || k == CXType_VariableArray;
}

/* The mploop_local calls for loop l: innermost declaration of each name,
 * read-only scalars left out (is_readonly_scalar) unless all is nonzero;
 * an array's name is passed with `[]` after it. */
static void emit_locals(struct rw_buf *b, const struct rw_loop *l, const char *L, int all)
{
    unsigned n = l->site.nvisible;
    char **names = rw_xmalloc((n + 1) * sizeof *names);
    int *keep = rw_xmalloc((n + 1) * sizeof *keep);
    for (unsigned i = n; i-- > 0;) {
        names[i] = rw_spelling(l->site.visible[i]);
        keep[i] = names[i][0] != 0;
        for (unsigned j = i + 1; j < n && keep[i]; j++)
            if (!strcmp(names[i], names[j]))
                keep[i] = 0;
    }
    /* Whose address the enclosing function takes. */
    int *taken = rw_xmalloc((n + 1) * sizeof *taken);
    memset(taken, 0, (n + 1) * sizeof *taken);
    CXCursor fn = n ? clang_getCursorSemanticParent(l->site.visible[0]) : clang_getNullCursor();
    while (!clang_Cursor_isNull(fn) && clang_getCursorKind(fn) != CXCursor_FunctionDecl &&
           clang_getCursorKind(fn) != CXCursor_TranslationUnit)
        fn = clang_getCursorSemanticParent(fn);
    struct addr_taken at = { l->site.visible, taken, n };
    if (!clang_Cursor_isNull(fn) && clang_getCursorKind(fn) == CXCursor_FunctionDecl)
        clang_visitChildren(fn, addr_visit, &at);
    else
        for (unsigned i = 0; i < n; i++)
            taken[i] = 1; /* unknown: register everything */
    for (unsigned i = 0; i < n; i++) {
        if (keep[i] && is_local_to_register(l, l->site.visible[i]) &&
            (all || !is_readonly_scalar(l->site.visible[i], taken[i]))) {
            /* an array parameter is a pointer: sizeof on its name would warn */
            if (rw_is_array_param(l->site.visible[i]))
                rw_buf_printf(b, "mploop_local(%s, (void *)&%s, sizeof(__typeof__(%s)), \"%s\");\n",
                              L, names[i], names[i], names[i]);
            else
                rw_buf_printf(b, "mploop_local(%s, (void *)&%s, sizeof(%s), \"%s%s\");\n", L,
                              names[i], names[i], names[i],
                              is_array(l->site.visible[i]) ? "[]" : "");
        }
        free(names[i]);
    }
    free(names);
    free(keep);
    free(taken);
}

/* Offset expression of the i-th variable of the given kind in a packed area. */
static char *area_offset(const struct rw_pragma *p, unsigned upto, int reduction)
{
    struct rw_buf b = { 0 };
    int aligned = reduction && rw_red_any_array(p); /* reduce.c: slots of 16 bytes */
    for (unsigned i = 0; i < upto; i++) {
        const struct rw_var *v = &p->vars[i];
        if ((v->kind == RW_REDUCTION) != reduction || (!reduction && v->kind != RW_LASTPRIVATE))
            continue;
        if (aligned) {
            char *bytes = rw_red_bytes(v, i, p->loop->id, 1);
            rw_buf_printf(&b, "%s%s", b.len ? " + " : "", bytes);
            free(bytes);
        } else {
            rw_buf_printf(&b, "%ssizeof(%s)", b.len ? " + " : "", v->szarg);
        }
    }
    if (!b.len)
        rw_buf_puts(&b, "0");
    return b.s;
}

/* Copy clause variable i of p into its slot of the participant's area: the
 * reduction partials (mploop_partial) when reduction, else the lastprivate
 * values (mploop_last).  L is the loop's `&__mploop_L_N`. */
static void store_in_area(struct rw_buf *b, const char *L, const struct rw_pragma *p, unsigned i,
                          int reduction)
{
    char *off = area_offset(p, i, reduction);
    rw_buf_printf(b, "__builtin_memcpy((char *)%s(%s) + %s, %s&%s, sizeof(%s));\n",
                  reduction ? "mploop_partial" : "mploop_last", L, off, p->vars[i].cast,
                  p->vars[i].name, p->vars[i].szarg);
    free(off);
}

/* What the pieces of one loop's generated code share. */
struct gen {
    const struct rw_src *src;
    const char *file;           /* escaped for string literals */
    struct rw_loop *l;
    char L[48];                 /* "&__mploop_L_N" */
    const char **saved;         /* variables each participant saves and restores: */
    const char **savedsz;       /* clause variables in clause order, then loop */
    const char **savedcast;     /* variables declared outside; sizeof operands; */
    unsigned ns;                /* casts before their addresses */
};

/* A compile-time check that clause expression expr (what, for the message)
 * has an integer type. */
static void emit_integer_check(struct rw_buf *b, const void *gv, const char *what,
                               const char *expr)
{
    const struct gen *g = gv;
    rw_emit_integer_check(g->src, b, g->file, g->l->pragma->off, what, expr);
}

/* The compile-time integer check of a clause expression (see rewriter.h). */
void rw_emit_integer_check(const struct rw_src *src, struct rw_buf *b, const char *file,
                           size_t at, const char *what, const char *expr)
{
    char *text = rw_escaped_path(expr);
    unsigned line, col;
    rw_linecol(src, at, &line, &col);
    rw_buf_printf(b, "_Static_assert(MPLOOP_IS_INTEGER(%s), \"mploop: %s:%u: %s must be an "
                  "integer expression, not %s\");\n", expr, file, line, what, text);
    free(text);
}

/* The shared() variables of loop l, before mploop_begin: each copied into
 * a block of shared memory, __mploop_sh<I>_N, that the body's references
 * name instead (coop.c).  Without shared memory the loop runs in-process on
 * the variable itself. */
static void emit_shared_in(struct rw_buf *b, const struct rw_loop *l)
{
    const struct rw_pragma *p = l->pragma;
    for (unsigned i = 0; i < p->nvars; i++) {
        const struct rw_var *v = &p->vars[i];
        if (v->kind != RW_SHARED)
            continue;
        rw_buf_printf(b, "__typeof__(%s) *__mploop_sh%u_%u = (__typeof__(%s) *)"
                      "mploop_shared_alloc(sizeof(%s));\n", v->name, i, l->id, v->name, v->szarg);
        rw_buf_printf(b, "if (__mploop_sh%u_%u) __builtin_memcpy(%s__mploop_sh%u_%u, %s&%s, "
                      "sizeof(%s));\n", i, l->id, v->cast, i, l->id, v->cast, v->name, v->szarg);
        rw_buf_printf(b, "else { __mploop_sh%u_%u = &%s; __mploop_p_%u.cond = 0; }\n", i, l->id,
                      v->name, l->id);
    }
}

/* The shared() variables of loop l in the epilogue: when copy_back, after
 * a successful join, their values copied back; else their blocks freed. */
static void emit_shared_out(struct rw_buf *b, const struct rw_loop *l, int copy_back)
{
    const struct rw_pragma *p = l->pragma;
    for (unsigned i = 0; i < p->nvars; i++) {
        const struct rw_var *v = &p->vars[i];
        if (v->kind != RW_SHARED)
            continue;
        if (copy_back)
            rw_buf_printf(b, "if (__mploop_sh%u_%u != &%s) __builtin_memcpy(%s&%s, "
                          "%s__mploop_sh%u_%u, sizeof(%s));\n", i, l->id, v->name, v->cast,
                          v->name, v->cast, i, l->id, v->szarg);
        else
            rw_buf_printf(b, "if (__mploop_sh%u_%u != &%s) mploop_shared_free("
                          "%s__mploop_sh%u_%u);\n", i, l->id, v->name, v->cast, i, l->id);
    }
}

/* In the chunk loop: a participant that runs every iteration (in-process,
 * or the re-run of MPLOOP_ON_ERROR=serial after failed workers wrote to the
 * shared blocks) starts from the values the variables had before the
 * loop, which the body never changed. */
static void emit_shared_reset(struct rw_buf *b, const struct rw_loop *l)
{
    const struct rw_pragma *p = l->pragma;
    for (unsigned i = 0; i < p->nvars; i++) {
        const struct rw_var *v = &p->vars[i];
        if (v->kind != RW_SHARED)
            continue;
        rw_buf_printf(b, "if (__mploop_lo_%u == 0 && __mploop_hi_%u == __mploop_n_%u && "
                      "__mploop_sh%u_%u != &%s) __builtin_memcpy(%s__mploop_sh%u_%u, %s&%s, "
                      "sizeof(%s));\n", l->id, l->id, l->id, i, l->id, v->name, v->cast, i,
                      l->id, v->cast, v->name, v->szarg);
    }
}

/* The num_workers and if clauses into the parameters (see rewriter.h). */
void rw_emit_workers_cond(const struct rw_src *src, struct rw_buf *b, const char *file,
                          const struct rw_pragma *p, unsigned id)
{
    if (p->workers) {
        rw_emit_integer_check(src, b, file, p->off, "num_workers", p->workers);
        rw_buf_printf(b, "__mploop_p_%u.has_workers = 1; __mploop_p_%u.workers = (long)(%s);\n",
                      id, id, p->workers);
    }
    if (p->cond)
        rw_buf_printf(b, "__mploop_p_%u.cond = ((%s)) != 0;\n", id, p->cond);
    else
        rw_buf_printf(b, "__mploop_p_%u.cond = 1;\n", id);
}

/* The prologue up to mploop_start: the site, bounds, trip count, parameters,
 * and the locals handed to the runtime. */
static void gen_setup(struct gen *g, struct rw_buf *b)
{
    struct rw_loop *l = g->l;
    struct rw_pragma *p = l->pragma;
    unsigned id = l->id, m = l->nlv;
    const char *L = g->L;
    const struct rw_src *src = g->src;
    const char *file = g->file;
    unsigned line, col;
    rw_linecol(src, l->lv[0].for_off, &line, &col);
    /* the comment names the loop; a `*` `/` in the path must not end it */
    rw_buf_puts(b, "{ /* mploop: loop at ");
    for (const char *c = src->path; *c; c++)
        rw_buf_add(b, c, c[0] == '*' && c[1] == '/' ? 0 : 1);
    rw_buf_printf(b, ":%u */\n", line);
    rw_buf_printf(b, "static const mploop_site __mploop_site_%u = { \"%s\", %u, %u, \"%s\", ", id,
                  file, line, col, l->lv[0].name);
    if (l->lv[0].is_ptr)
        rw_buf_puts(b, "MPLOOP_SITE_VAR_POINTER");
    else if (l->lv[0].is_signed)
        rw_buf_puts(b, "MPLOOP_SITE_VAR_SIGNED");
    else
        rw_buf_puts(b, "0");
    if (m > 1) /* reports give the flattened iteration, not lb + k*step */
        rw_buf_puts(b, " | MPLOOP_SITE_COLLAPSED");
    if (l->pragma->snapshot || l->auto_snapshot) /* the clause, or mode.c */
        rw_buf_puts(b, " | MPLOOP_SITE_SNAPSHOT");
    rw_buf_puts(b, " };\n");
    rw_buf_printf(b, "mploop_loop __mploop_L_%u;\n", id);
    for (unsigned j = 0; j < m; j++) {
        struct rw_level *lv = &l->lv[j];
        char *lb = lvname("lb", j, id), *ub = lvname("ub", j, id), *st = lvname("st", j, id);
        if (lv->declared)
            rw_buf_printf(b, "%s %s = (%s);\n", lv->type, lb, lv->lb);
        else
            rw_buf_printf(b, "__typeof__(%s) %s = (%s);\n", lv->name, lb, lv->lb);
        rw_buf_printf(b, "__typeof__((%s) + 0) %s = (%s);\n", lv->ub, ub, lv->ub);
        rw_buf_printf(b, "mploop_i64 %s = %s;\n", st, lv->step);
        free(lb);
        free(ub);
        free(st);
    }
    if (m == 1) {
        rw_buf_printf(b, "mploop_u64 __mploop_n_%u;\n", id);
    } else {
        rw_buf_printf(b, "mploop_u64 __mploop_n_%u = 1", id);
        for (unsigned j = 0; j < m; j++)
            rw_buf_printf(b, ", __mploop_c%u_%u = 0", j + 1, id);
        rw_buf_puts(b, ";\n");
    }
    rw_buf_printf(b, "mploop_params __mploop_p_%u = {0};\n", id);
    rw_buf_printf(b, "__mploop_p_%u.abi = %d; __mploop_p_%u.size = sizeof __mploop_p_%u;\n", id,
                  RW_ABI_VERSION, id, id);
    for (unsigned j = 0; j < m; j++) {
        struct rw_level *lv = &l->lv[j];
        char *lb = lvname("lb", j, id), *ub = lvname("ub", j, id), *st = lvname("st", j, id);
        char *cnt = m == 1 ? rw_xasprintf("__mploop_n_%u", id)
                           : rw_xasprintf("__mploop_c%u_%u", j + 1, id);
        if (j > 0)
            rw_buf_printf(b, "if (__mploop_p_%u.status == MPLOOP_TRIP_OK && __mploop_n_%u != 0) {\n",
                          id, id);
        if (lv->is_ptr)
            rw_buf_printf(b, "__mploop_p_%u.status = mploop_trip_count((mploop_wide)0, "
                          "(mploop_wide)(%s - %s),\n        (mploop_wide)%s, %s, (%s %s %s), &%s);\n",
                          id, ub, lb, st, test_names[lv->test], lb, test_ops[lv->test], ub, cnt);
        else if (lv->test == MPLOOP_NE && !lv->is_signed) {
            /* v != ub on an unsigned v ends when v, stepping modulo 2^width,
             * equals ub, after any number of wraps: `for (unsigned char c =
             * 250; c != 4; c++)` runs 10 iterations.  A bound v can never
             * equal (c != 300) makes the loop endless, reported as such. */
            char *T = lv->declared ? rw_xstrndup(lv->type, strlen(lv->type))
                                   : rw_xasprintf("__typeof__(%s)", lv->name);
            rw_buf_printf(b, "__mploop_p_%u.status = mploop_trip_count_mod((mploop_wide)%s, "
                          "(mploop_wide)%s,\n        (mploop_wide)%s, (int)(sizeof(%s) * 8), "
                          "(__typeof__(%s + %s))(%s)%s == (__typeof__(%s + %s))%s,\n"
                          "        ((__typeof__(%s + %s))%s %s (__typeof__(%s + %s))%s), &%s);\n",
                          id, lb, ub, st, T, lb, ub, T, ub, lb, ub, ub,
                          lb, ub, lb, test_ops[lv->test], lb, ub, ub, cnt);
            free(T);
        } else /* compare in the common type, as C does, without -Wsign-compare noise */
            rw_buf_printf(b, "__mploop_p_%u.status = mploop_trip_count((mploop_wide)%s, "
                          "(mploop_wide)%s,\n        (mploop_wide)%s, %s, "
                          "((__typeof__(%s + %s))%s %s (__typeof__(%s + %s))%s), &%s);\n",
                          id, lb, ub, st, test_names[lv->test], lb, ub, lb, test_ops[lv->test],
                          lb, ub, ub, cnt);
        if (m > 1)
            rw_buf_printf(b, "__mploop_p_%u.status = mploop_trip_mul(&__mploop_n_%u, %s, "
                          "__mploop_p_%u.status);\n", id, id, cnt, id);
        if (j > 0)
            rw_buf_puts(b, "}\n");
        free(lb);
        free(ub);
        free(st);
        free(cnt);
    }
    rw_buf_printf(b, "__mploop_p_%u.trip = __mploop_n_%u;\n", id, id);
    if (l->lv[0].is_ptr)
        rw_buf_printf(b, "__mploop_p_%u.lb = 0;\n", id);
    else
        rw_buf_printf(b, "__mploop_p_%u.lb = (mploop_i64)__mploop_lb_%u;\n", id, id);
    rw_buf_printf(b, "__mploop_p_%u.step = __mploop_st_%u;\n", id, id);
    rw_buf_printf(b, "__mploop_p_%u.schedule = %s;\n", id, sched_names[p->sched]);
    if (p->chunk) {
        emit_integer_check(b, g, "the chunk size of schedule", p->chunk);
        rw_buf_printf(b, "__mploop_p_%u.has_chunk = 1; __mploop_p_%u.chunk = (long)(%s);\n", id,
                      id, p->chunk);
    }
    rw_emit_workers_cond(src, b, file, p, id);
    {
        rw_red_bounds(b, l, emit_integer_check, g);
        char *rb = area_offset(p, p->nvars, 1), *lbs = area_offset(p, p->nvars, 0);
        rw_buf_printf(b, "__mploop_p_%u.result_bytes = %s;\n", id, rb);
        rw_buf_printf(b, "__mploop_p_%u.last_bytes = %s;\n", id, lbs);
        free(rb);
        free(lbs);
    }
    emit_shared_in(b, l);
    rw_buf_printf(b, "mploop_begin(%s, &__mploop_site_%u, &__mploop_p_%u);\n", L, id, id);
    rw_emit_frame(src, b, l, L, 0);
}

/* The frame, locals and statics handed to the runtime (see rewriter.h). */
void rw_emit_frame(const struct rw_src *src, struct rw_buf *b, const struct rw_loop *l,
                   const char *L, int all_locals)
{
    rw_buf_printf(b, "mploop_frame(%s, __builtin_frame_address(0));\n", L);
    emit_locals(b, l, L, all_locals);
    emit_statics(src, b, l, L);
}

/* The rest of the prologue: what each participant runs before the body
 * (saves, reduction identities, the chunk loop, the loop variables). */
static void gen_participant(struct gen *g, struct rw_buf *b)
{
    struct rw_loop *l = g->l;
    struct rw_pragma *p = l->pragma;
    unsigned id = l->id, m = l->nlv;
    const char *L = g->L;
    rw_buf_printf(b, "if (mploop_start(%s)) {\n", L);

    for (unsigned i = 0; i < g->ns; i++)
        rw_buf_printf(b, "__typeof__(%s) __mploop_s%u_%u; __builtin_memcpy(%s&__mploop_s%u_%u, %s&%s, "
                      "sizeof(%s));\n", g->saved[i], i, id, g->savedcast[i], i, id, g->savedcast[i],
                      g->saved[i], g->savedsz[i]);
    for (unsigned i = 0; i < p->nvars; i++) {
        const struct rw_var *v = &p->vars[i];
        if (v->kind != RW_REDUCTION)
            continue;
        if (v->array) {
            char *off = area_offset(p, i, 1);
            rw_red_private(b, L, v, i, id, off);
            free(off);
        } else {
            rw_red_identity(b, v, v->name, v->name);
        }
    }
    /* no declaration in a for init: the output must compile as C89/gnu89
     * when the input does (`for (i = 0; ...)` loops) */
    rw_buf_printf(b, "mploop_u64 __mploop_lo_%u, __mploop_hi_%u, __mploop_k_%u;\n", id, id, id);
    rw_buf_printf(b, "while (mploop_next(%s, &__mploop_lo_%u, &__mploop_hi_%u)) {\n", L, id, id);
    emit_shared_reset(b, l);
    rw_buf_printf(b, "for (__mploop_k_%u = __mploop_lo_%u; __mploop_k_%u < __mploop_hi_%u; "
                  "__mploop_k_%u++) {\n", id, id, id, id, id);
    /* mploop_at is nonzero once the body cancelled the loop (mploop_cancel):
     * the iteration does not start, and the chunk ends here */
    rw_buf_printf(b, "if (mploop_at(%s, __mploop_k_%u)) break;\n", L, id);
    char *q = rw_xasprintf("__mploop_q_%u", id);
    if (m > 1)
        rw_buf_printf(b, "mploop_u64 %s = __mploop_k_%u;\n", q, id);
    for (unsigned jj = m; jj-- > 0;) {
        struct rw_level *lv = &l->lv[jj];
        char *idx = m == 1 ? rw_xasprintf("__mploop_k_%u", id)
                    : jj > 0 ? rw_xasprintf("(%s %% __mploop_c%u_%u)", q, jj + 1, id)
                             : rw_xstrndup(q, strlen(q));
        char *cast = lv->declared ? rw_xstrndup(lv->type, strlen(lv->type))
                                  : rw_xasprintf("__typeof__(%s)", lv->name);
        char *val = value_expr(lv, jj, id, idx, cast);
        if (lv->declared)
            rw_buf_printf(b, "__attribute__((__unused__)) %s %s = %s;\n", lv->type, lv->name, val);
        else
            rw_buf_printf(b, "%s = %s;\n", lv->name, val);
        if (m > 1 && jj > 0)
            rw_buf_printf(b, "%s /= __mploop_c%u_%u;\n", q, jj + 1, id);
        free(idx);
        free(cast);
        free(val);
    }
    free(q);
}

/* The epilogue after the body: lastprivate and partial results, restores,
 * the join, combines and final values. */
static void gen_epilogue(struct gen *g, struct rw_buf *b)
{
    struct rw_loop *l = g->l;
    struct rw_pragma *p = l->pragma;
    unsigned id = l->id, m = l->nlv;
    const char *L = g->L;
    rw_buf_puts(b, "\n}\n");
    int nlast = 0;
    for (unsigned i = 0; i < p->nvars; i++)
        nlast += p->vars[i].kind == RW_LASTPRIVATE;
    if (nlast) {
        /* k reaches the trip count only when the last iteration ran (a
         * cancelled chunk stops short of its end) */
        rw_buf_printf(b, "if (__mploop_k_%u == __mploop_n_%u) {\n", id, id);
        for (unsigned i = 0; i < p->nvars; i++)
            if (p->vars[i].kind == RW_LASTPRIVATE)
                store_in_area(b, L, p, i, 0);
        rw_buf_puts(b, "}\n");
    }
    rw_buf_puts(b, "}\n");
    for (unsigned i = 0; i < p->nvars; i++)
        if (p->vars[i].kind == RW_REDUCTION && !p->vars[i].array)
            store_in_area(b, L, p, i, 1);
    for (unsigned i = 0; i < g->ns; i++)
        rw_buf_printf(b, "__builtin_memcpy(%s&%s, %s&__mploop_s%u_%u, sizeof(%s));\n", g->savedcast[i],
                      g->saved[i], g->savedcast[i], i, id, g->savedsz[i]);
    rw_buf_printf(b, "mploop_end(%s);\n}\n", L);
    rw_buf_printf(b, "if (mploop_join(%s) == 0) {\n", L);
    emit_shared_out(b, l, 1);
    int nred = 0;
    for (unsigned i = 0; i < p->nvars; i++)
        nred += p->vars[i].kind == RW_REDUCTION;
    if (nred) {
        rw_buf_printf(b, "unsigned __mploop_w_%u;\n", id);
        rw_buf_printf(b, "for (__mploop_w_%u = 0; __mploop_w_%u < mploop_parts(%s); "
                      "__mploop_w_%u++) {\n", id, id, L, id);
        unsigned r = 0;
        for (unsigned i = 0; i < p->nvars; i++) {
            const struct rw_var *v = &p->vars[i];
            if (v->kind != RW_REDUCTION)
                continue;
            char *off = area_offset(p, i, 1);
            if (v->array) {
                rw_red_combine_array(b, L, v, i, id, off);
                free(off);
                continue;
            }
            const char *x = v->name;
            rw_buf_printf(b, "__typeof__(%s) __mploop_r%u_%u;\n", x, r, id);
            rw_buf_printf(b, "__builtin_memcpy(%s&__mploop_r%u_%u, (const char *)mploop_part(%s, "
                          "__mploop_w_%u) + %s, sizeof(%s));\n", v->cast, r, id, L, id, off, x);
            char *rv = rw_xasprintf("__mploop_r%u_%u", r, id);
            rw_red_combine(b, v, x, rv);
            free(rv);
            free(off);
            r++;
        }
        rw_buf_puts(b, "}\n");
    }
    if (nlast) {
        rw_buf_printf(b, "if (mploop_last_ran(%s)) {\n", L);
        for (unsigned i = 0; i < p->nvars; i++)
            if (p->vars[i].kind == RW_LASTPRIVATE) {
                char *off = area_offset(p, i, 0);
                rw_buf_printf(b, "__builtin_memcpy(%s&%s, (char *)mploop_last(%s) + %s, sizeof(%s));\n",
                              p->vars[i].cast, p->vars[i].name, L, off, p->vars[i].szarg);
                free(off);
            }
        rw_buf_puts(b, "}\n");
    }
    /* sequential final values of loop variables declared outside the loop */
    for (unsigned j = 0; j < m; j++) {
        struct rw_level *lv = &l->lv[j];
        if (lv->declared)
            continue;
        char *cnt = m == 1 ? rw_xasprintf("__mploop_n_%u", id)
                           : rw_xasprintf("__mploop_c%u_%u", j + 1, id);
        char *cast = rw_xasprintf("__typeof__(%s)", lv->name);
        char *val = value_expr(lv, j, id, cnt, cast);
        if (j > 0) {
            rw_buf_puts(b, "if (");
            for (unsigned i = 0; i < j; i++)
                rw_buf_printf(b, "%s__mploop_c%u_%u != 0", i ? " && " : "", i + 1, id);
            rw_buf_puts(b, ")\n    ");
        }
        rw_buf_printf(b, "%s = %s;\n", lv->name, val);
        free(cnt);
        free(cast);
        free(val);
    }
    rw_buf_puts(b, "}\n");
    emit_shared_out(b, l, 0);
    if (l->profiled) /* mploop --profile: the loop's frame counts its iterations */
        rw_buf_printf(b, "__mploop_pf_%zu.iterations += __mploop_n_%u;\n", l->lv[0].for_off, id);
    rw_buf_printf(b, "mploop_done(%s);\n}", L);
}

/* Add the prologue (replacing the headers) and the epilogue (after the
 * innermost body) of loop l. */
static void emit_loop(const struct rw_src *src, const char *file, struct rw_loop *l,
                      struct rw_edits *e)
{
    struct rw_pragma *p = l->pragma;
    unsigned m = l->nlv;
    struct gen g = { .src = src, .file = file, .l = l };
    snprintf(g.L, sizeof g.L, "&__mploop_L_%u", l->id);
    g.saved = rw_xmalloc((p->nvars + m + 1) * sizeof *g.saved);
    g.savedsz = rw_xmalloc((p->nvars + m + 1) * sizeof *g.savedsz);
    g.savedcast = rw_xmalloc((p->nvars + m + 1) * sizeof *g.savedcast);
    for (unsigned i = 0; i < p->nvars; i++) {
        if (p->vars[i].array) { /* untouched: the body works on a private copy */
            rw_red_redirect(e, &p->vars[i], i, l->id);
            continue;
        }
        if (p->vars[i].kind == RW_SHARED)
            continue; /* the body names its shared copy instead */
        g.saved[g.ns] = p->vars[i].name;
        g.savedcast[g.ns] = p->vars[i].cast;
        g.savedsz[g.ns++] = p->vars[i].szarg;
    }
    for (unsigned j = 0; j < m; j++)
        if (!l->lv[j].declared) {
            g.saved[g.ns] = l->lv[j].name;
            g.savedcast[g.ns] = l->lv[j].cast;
            g.savedsz[g.ns++] = l->lv[j].name;
        }

    struct rw_buf b = { 0 };
    gen_setup(&g, &b);
    gen_participant(&g, &b);
    rw_line_marker(src, &b, file, l->lv[m - 1].rparen_end);
    rw_edit_add(e, l->lv[0].for_off, l->lv[m - 1].rparen_end, 0, b.s);

    b = (struct rw_buf){ 0 };
    gen_epilogue(&g, &b);
    rw_edit_add(e, l->body_end, l->end, 100 - (int)l->site.depth, b.s);
    free(g.saved);
    free(g.savedsz);
    free(g.savedcast);
}

/* Add the `#line` that puts the text after offset end back in place, unless
 * one was added at that offset already. */
static void resync(const struct rw_src *src, const char *file, size_t end,
                   struct rw_edits *e, size_t *done, unsigned *ndone)
{
    for (unsigned i = 0; i < *ndone; i++)
        if (done[i] == end)
            return;
    done[(*ndone)++] = end;
    size_t p = end;
    while (p < src->len && (src->buf[p] == ' ' || src->buf[p] == '\t' || src->buf[p] == '\r'))
        p++;
    struct rw_buf b = { 0 };
    if (p < src->len && src->buf[p] == '\n') {
        unsigned line, col;
        rw_linecol(src, p + 1, &line, &col);
        rw_buf_printf(&b, "\n#line %u \"%s\"\n", line, file);
        rw_edit_add(e, end, p + 1, 1000, b.s);
    } else {
        rw_buf_puts(&b, "\n");
        rw_line_marker(src, &b, file, end);
        rw_edit_add(e, end, end, 1000, b.s);
    }
}

/* Add every edit of the file: the include and #line at the top, blanked pragmas, noinline
 * markers and each loop. */
void rw_emit(const struct rw_src *src, struct rw_pragma *p, unsigned np,
             struct rw_edits *e)
{
    char *file = rw_escaped_path(src->path);
    size_t *funcs = rw_xmalloc((np + 1) * sizeof *funcs);
    size_t *ends = rw_xmalloc((np + 1) * sizeof *ends);
    unsigned nf = 0, ne = 0;
    int any = 0;
    for (unsigned i = 0; i < np; i++)
        any |= p[i].loop != NULL;
    int coop = rw_coop_any(p, np);
    if (!any && !coop) {
        free(file);
        free(funcs);
        free(ends);
        return;
    }
    /* after a UTF-8 byte order mark, which compilers accept only first */
    size_t top = src->len >= 3 && !memcmp(src->buf, "\xef\xbb\xbf", 3) ? 3 : 0;
    /* a file with only critical or atomic statements has no loops */
    char *helpers = rw_coop_helpers(p, np);
    rw_edit_add(e, top, top, -10, rw_xasprintf("%s#include <mploop/abi.h>\n%s#line 1 \"%s\"\n",
                                              any ? "#define MPLOOP__MODULE_FLAGS "
                                                    "MPLOOP_MODULE_LOOPS\n" : "",
                                              helpers, file));
    free(helpers);
    rw_coop_emit(src, e);
    for (unsigned i = 0; i < np; i++) {
        if (p[i].directive == RW_DIR_CRITICAL || p[i].directive == RW_DIR_ATOMIC ||
            (p[i].directive == RW_DIR_STAGE && p[i].stage_owned))
            continue; /* rw_coop_emit's, rw_pipe_emit's */
        struct rw_buf b = { 0 };
        for (size_t k = p[i].start; k < p[i].end; k++)
            if (src->buf[k] == '\n')
                rw_buf_add(&b, "\n", 1);
        rw_buf_add(&b, "", 0);
        rw_edit_add(e, p[i].start, p[i].end, 0, b.s);
        struct rw_loop *l = p[i].loop;
        if (!l)
            continue;
        unsigned k;
        for (k = 0; k < nf && funcs[k] != l->func_start; k++)
            ;
        if (k == nf) {
            funcs[nf++] = l->func_start;
            size_t fs, fe;
            if (clang_Cursor_isFunctionInlined(l->site.func) &&
                rw_extent(src, l->site.func, &fs, &fe)) {
                /* gcc warns about noinline on an inline function: silence that
                 * warning for this definition only */
                rw_edit_add(e, l->func_start, l->func_start, -5,
                            rw_xasprintf("_Pragma(\"GCC diagnostic push\") "
                                         "_Pragma(\"GCC diagnostic ignored \\\"-Wattributes\\\"\") "
                                         "__attribute__((__noinline__)) "));
                rw_edit_add(e, fe, fe, -5,
                            rw_xasprintf(" _Pragma(\"GCC diagnostic pop\")"));
            } else {
                rw_edit_add(e, l->func_start, l->func_start, -5,
                            rw_xasprintf("__attribute__((__noinline__)) "));
            }
        }
        if (l->pipe)
            rw_pipe_emit(src, file, l, e);
        else
            emit_loop(src, file, l, e);
        resync(src, file, l->end, e, ends, &ne);
    }
    free(file);
    free(funcs);
    free(ends);
}
