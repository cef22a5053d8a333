/*
 * depend.c - loop-carried dependences through memory.
 *
 * access.c reduces every access of a loop body to its root variable and its
 * subscripts as expressions.  This file turns each subscript into an affine
 * form over the loop variables (those of the annotated nest, then those of
 * the canonical for loops of the body around the access): integer
 * constants, loop variables, loop-invariant scalars and loop-invariant
 * expressions as symbols (variables the loop never writes), + - and * by a
 * constant or an invariant, unary minus, casts.  Loop bounds become ranges
 * (a triangular inner bound is widened to its extreme over the outer
 * range).  dep.c then says, for every write and every other access of the
 * same root, whether two different iterations of the parallel levels can
 * touch the same element, in which order and at what distance.
 *
 * Different roots are different memory when neither is a pointer (two
 * declared arrays or structs) or when pointers are restrict; otherwise the
 * rewriter cannot tell (alias doubt).  Pointers loaded from memory (rows[i]
 * in rows[i][k], s.p in s.p[i]) may point anywhere.  An access that a
 * condition or a jump may skip never proves a dependence.
 *
 * Verdict: BLOCKED when a flow or output dependence is proven; UNKNOWN
 * when something could not be decided; ANTI when only anti-dependences
 * are proven (right in snapshot mode); PARALLEL otherwise.
 */
#include <stdlib.h>
#include <string.h>

#define MPLOOP_NO_MODULE_CONSTRUCTOR
#include <mploop/abi.h>

#include "dep.h"
#include "rewriter.h"

/* How one loop variable is expressed by the variable x the tests use (x
 * runs over consecutive integers in execution order): v = base + s * x. */
struct lvar {
    CXCursor for_stmt;   /* null for a parallel level */
    CXCursor var;
    int ok;              /* usable: canonical with a constant step */
    long s;              /* the step */
    long mul;            /* v = base + mul * x */
    struct rw_lin base;  /* 0 when |mul| == 1 (then x = mul * v) */
    int relaxed;         /* x = mul * v over v's range, |s| > 1: x also
                          * takes values v never does (nothing is proven) */
    struct rw_dep_range range;
};

/* An affine form over the loop variables x_0..x_{n-1} of a context. */
struct aff {
    struct rw_lin coef[RW_DEP_MAXVAR];
    struct rw_lin rest;
};

/* One analysis. */
struct an {
    const struct rw_src *src;
    const struct rw_loop *l;
    size_t start, end;
    unsigned npar;
    struct lvar par[RW_MAX_LEVELS];
    struct lvar **inner; /* the for loops of the body met so far */
    unsigned ninner;
    CXCursor *scratch;   /* scratch arrays (-Wmploop-scratch says what to do) */
    unsigned nscratch;
    CXCursor *written;   /* variables declared outside the loop that it writes */
    unsigned nwritten;
    char **sym;          /* symbol keys: the id is the index */
    unsigned nsym;
    struct rw_alias *alias; /* what tells roots apart (alias.c) */
};

/* ---- variables the loop writes -------------------------------------------- */

/* The variable that operator c writes (assigns, increments or takes the
 * address of), or a null cursor. */
static CXCursor written_by(const struct rw_src *src, CXCursor c)
{
    enum CXCursorKind k = clang_getCursorKind(c);
    CXCursor v = clang_getNullCursor();
    if (k != CXCursor_BinaryOperator && k != CXCursor_CompoundAssignOperator &&
        k != CXCursor_UnaryOperator)
        return v;
    enum rw_op op = rw_operator(src, c);
    CXCursor *kids;
    unsigned n = rw_children(c, &kids);
    if (n >= 1 && ((op >= RW_OP_ASSIGN && op <= RW_OP_OR_ASSIGN) ||
                   (op >= RW_OP_POST_INC && op <= RW_OP_ADDR) || op == RW_OP_NONE))
        v = rw_named_var(rw_strip(kids[0], 1));
    free(kids);
    return v;
}

/* Visitor collecting the variables the body writes. */
static enum CXChildVisitResult written_visit(CXCursor c, CXCursor parent, CXClientData d)
{
    struct an *an = d;
    (void)parent;
    CXCursor v = written_by(an->src, c);
    if (!clang_Cursor_isNull(v)) {
        an->written = rw_xrealloc(an->written, (an->nwritten + 1) * sizeof *an->written);
        an->written[an->nwritten++] = v;
    }
    return CXChildVisit_Recurse;
}

/* Whether variable d is one the loop writes. */
static int is_written(const struct an *an, CXCursor d)
{
    for (unsigned i = 0; i < an->nwritten; i++)
        if (clang_equalCursors(an->written[i], d))
            return 1;
    return 0;
}

/* Whether d keeps one value during the loop: declared outside it, never
 * written in it, not volatile. */
static int invariant_var(const struct an *an, CXCursor d)
{
    return rw_decl_outside(an->src, d, an->start, an->end) && !is_written(an, d) &&
           !clang_isVolatileQualifiedType(clang_getCursorType(d));
}

/* ---- symbols and affine forms ----------------------------------------------- */

/* The id of the symbol of key (taken over). */
static unsigned symbol(struct an *an, char *key)
{
    for (unsigned i = 0; i < an->nsym; i++)
        if (!strcmp(an->sym[i], key)) {
            free(key);
            return i;
        }
    an->sym = rw_xrealloc(an->sym, (an->nsym + 1) * sizeof *an->sym);
    an->sym[an->nsym] = key;
    return an->nsym++;
}

/* The context of an affine conversion: the loop variables in order. */
struct ctx {
    struct an *an;
    const struct lvar *v[RW_DEP_MAXVAR];
    unsigned n;
    int bounds;          /* converting a bound: evaluated before the loop it
                          * bounds, so variables the loop writes are symbols
                          * too (of their value then) */
    const char *why;     /* why the conversion failed */
    int relaxed;         /* a relaxed loop variable was used */
    size_t within;       /* substituting a variable of the body declared
                          * here (0: none): its loop variables must be
                          * those of loops whose body holds the declaration */
    unsigned subst;      /* depth of such substitutions */
};

struct inv {
    struct ctx *x;
    int ok;
};

/* Visitor checking that an expression is loop-invariant and pure. */
static enum CXChildVisitResult inv_visit(CXCursor c, CXCursor parent, CXClientData d)
{
    struct inv *s = d;
    (void)parent;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_DeclRefExpr) {
        CXCursor r = clang_getCursorReferenced(c);
        enum CXCursorKind rk = clang_getCursorKind(r);
        if (rk == CXCursor_EnumConstantDecl)
            return CXChildVisit_Continue;
        if (rk != CXCursor_VarDecl && rk != CXCursor_ParmDecl)
            goto bad;
        if (!s->x->bounds && !invariant_var(s->x->an, r))
            goto bad;
        for (unsigned i = 0; i < s->x->n; i++)
            if (clang_equalCursors(s->x->v[i]->var, r))
                goto bad;
        return CXChildVisit_Continue;
    }
    if (k == CXCursor_CallExpr || k == CXCursor_ArraySubscriptExpr ||
        k == CXCursor_MemberRefExpr || k == CXCursor_CompoundAssignOperator ||
        k == CXCursor_StmtExpr)
        goto bad;
    if (k == CXCursor_UnaryExpr) /* sizeof: not evaluated */
        return CXChildVisit_Continue;
    if (k == CXCursor_UnaryOperator || k == CXCursor_BinaryOperator) {
        enum rw_op op = rw_operator(s->x->an->src, c);
        if (op == RW_OP_NONE || op == RW_OP_DEREF || op == RW_OP_ADDR ||
            (op >= RW_OP_ASSIGN && op <= RW_OP_COMMA) || (op >= RW_OP_POST_INC && op <= RW_OP_PRE_DEC))
            goto bad;
    }
    return CXChildVisit_Recurse;
bad:
    s->ok = 0;
    return CXChildVisit_Break;
}

/* Whether expression e has one integer value during the loop. */
static int invariant_expr(struct ctx *x, CXCursor e)
{
    if (!rw_type_is_integer(clang_getCursorType(e)) &&
        clang_getCanonicalType(clang_getCursorType(e)).kind != CXType_Enum)
        return 0;
    struct inv s = { x, 1 };
    inv_visit(e, clang_getNullCursor(), &s);
    if (s.ok)
        clang_visitChildren(e, inv_visit, &s);
    return s.ok;
}

/* The constant value of e, if clang can evaluate it. */
static int eval_const(CXCursor e, long *v)
{
    enum CXCursorKind k = clang_getCursorKind(e);
    if (k != CXCursor_IntegerLiteral && k != CXCursor_CharacterLiteral &&
        k != CXCursor_UnaryExpr && k != CXCursor_DeclRefExpr && k != CXCursor_ParenExpr &&
        k != CXCursor_BinaryOperator && k != CXCursor_UnaryOperator &&
        k != CXCursor_CStyleCastExpr && k != CXCursor_UnexposedExpr)
        return 0;
    if (k == CXCursor_DeclRefExpr &&
        clang_getCursorKind(clang_getCursorReferenced(e)) != CXCursor_EnumConstantDecl)
        return 0;
    long long x;
    if (!rw_int_const(e, &x))
        return 0;
    *v = (long)x;
    return 1;
}

/* r = a + m * b over every part; -1 on overflow. */
static int aff_addmul(struct aff *r, const struct aff *a, long m, const struct aff *b)
{
    struct aff t;
    for (unsigned i = 0; i < RW_DEP_MAXVAR; i++)
        if (rw_lin_addmul(&t.coef[i], &a->coef[i], m, &b->coef[i]))
            return -1;
    if (rw_lin_addmul(&t.rest, &a->rest, m, &b->rest))
        return -1;
    *r = t;
    return 0;
}

/* Whether f uses no loop variable (then f->rest is all of it). */
static int aff_novar(const struct aff *f)
{
    for (unsigned i = 0; i < RW_DEP_MAXVAR; i++)
        if (f->coef[i].n || f->coef[i].c)
            return 0;
    return 1;
}

/* Whether every part of f is a constant. */
static int aff_allconst(const struct aff *f)
{
    long c;
    for (unsigned i = 0; i < RW_DEP_MAXVAR; i++)
        if (!rw_lin_const(&f->coef[i], &c))
            return 0;
    return rw_lin_const(&f->rest, &c);
}

/* f = a * b where a uses no loop variable and b's parts are constants. */
static int aff_mul(struct aff *f, const struct aff *a, const struct aff *b)
{
    struct aff zero;
    memset(&zero, 0, sizeof zero);
    long c;
    for (unsigned i = 0; i < RW_DEP_MAXVAR; i++) {
        rw_lin_const(&b->coef[i], &c);
        if (rw_lin_addmul(&f->coef[i], &zero.rest, c, &a->rest))
            return -1;
    }
    rw_lin_const(&b->rest, &c);
    return rw_lin_addmul(&f->rest, &zero.rest, c, &a->rest);
}

static int affine(struct ctx *x, CXCursor e, struct aff *f);

/* Width in bits of type t (0 when not known). */
static long long type_bits(CXType t)
{
    long long n = clang_Type_getSizeOf(clang_getCanonicalType(t));
    return n > 0 ? 8 * n : 0;
}

/* When d is a scalar of the body that keeps the value of its initializer
 * (declared in the loop's body, not static or volatile, of an integer
 * type at least as wide as the initializer's, never assigned, incremented
 * or taken the address of in the loop), convert that initializer into *f
 * and return 0 or -1 (x->why set); return -2 for any other variable. */
static int body_value(struct ctx *x, CXCursor d, struct aff *f)
{
    size_t off;
    if (clang_getCursorKind(d) != CXCursor_VarDecl || clang_Cursor_hasVarDeclGlobalStorage(d) ||
        !rw_type_is_integer(clang_getCursorType(d)) ||
        clang_isVolatileQualifiedType(clang_getCursorType(d)) || is_written(x->an, d) ||
        !rw_loc_off(x->an->src, clang_getCursorLocation(d), &off) ||
        off < x->an->l->body_start || off >= x->an->l->body_end || x->subst >= 8)
        return -2;
    CXCursor *kids;
    unsigned n = rw_children(d, &kids);
    CXCursor init = n ? kids[n - 1] : clang_getNullCursor();
    free(kids);
    if (clang_Cursor_isNull(init) || !clang_isExpression(clang_getCursorKind(init)))
        return -2;
    long long wd = type_bits(clang_getCursorType(d));
    long long wi = type_bits(clang_getCursorType(rw_strip(init, 1)));
    if (!wd || !wi || wd < wi) {
        x->why = "a variable of the body holds its value in a narrower type";
        return -1;
    }
    size_t saved = x->within;
    x->within = off;
    x->subst++;
    int rc = affine(x, init, f);
    x->subst--;
    x->within = saved;
    return rc ? -1 : 0;
}

/* Whether offset off lies in the body of the loop of v (the loop
 * analysed for a parallel level). */
static int in_loop_body(const struct ctx *x, const struct lvar *v, size_t off)
{
    if (clang_Cursor_isNull(v->for_stmt))
        return off >= x->an->l->body_start && off < x->an->l->body_end;
    CXCursor *kids;
    unsigned n = rw_children(v->for_stmt, &kids);
    size_t a, b;
    int in = n && rw_extent(x->an->src, kids[n - 1], &a, &b) && off >= a && off < b;
    free(kids);
    return in;
}

/* The affine form of loop variable i of the context. */
static int loop_var_form(struct ctx *x, unsigned i, struct aff *f)
{
    if (!x->v[i]->ok) {
        x->why = "a loop variable of the body changes in a way the tests do not follow";
        return -1;
    }
    if (x->within && !in_loop_body(x, x->v[i], x->within)) {
        x->why = "a variable of the body is set from a loop variable that changes later";
        return -1;
    }
    f->coef[i].c = x->v[i]->mul;
    f->rest = x->v[i]->base;
    x->relaxed |= x->v[i]->relaxed;
    return 0;
}

/* Convert expression e into *f (zeroed by the caller); -1 with x->why when
 * it is not affine. */
static int affine(struct ctx *x, CXCursor e, struct aff *f)
{
    e = rw_strip(e, 1);
    enum CXCursorKind k = clang_getCursorKind(e);
    long c;
    if (eval_const(e, &c)) {
        f->rest.c = c;
        return 0;
    }
    if (k == CXCursor_DeclRefExpr) {
        CXCursor d = clang_getCursorReferenced(e);
        for (unsigned i = 0; i < x->n; i++)
            if (clang_equalCursors(x->v[i]->var, d))
                return loop_var_form(x, i, f);
        int rc = body_value(x, d, f);
        if (rc != -2)
            return rc;
    }
    CXCursor *kids;
    unsigned n = rw_children(e, &kids);
    int rc = -2; /* not decided yet */
    if (k == CXCursor_CStyleCastExpr && n >= 1 && rw_type_is_integer(clang_getCursorType(e))) {
        long long wc = type_bits(clang_getCursorType(e));
        CXType ot = clang_getCursorType(rw_strip(kids[n - 1], 1));
        long long wo = type_bits(ot);
        if (!rw_type_is_integer(ot) || (wc && wo && wc >= wo)) {
            rc = affine(x, kids[n - 1], f);
        } else {
            rc = -1; /* a narrowing conversion wraps around */
            x->why = "a subscript converts a value to a narrower type";
        }
    } else if (k == CXCursor_UnaryOperator && n == 1) {
        enum rw_op op = rw_operator(x->an->src, e);
        if (op == RW_OP_PLUS || op == RW_OP_MINUS) {
            struct aff a;
            memset(&a, 0, sizeof a);
            rc = affine(x, kids[0], &a);
            if (!rc && aff_addmul(f, f, op == RW_OP_MINUS ? -1 : 1, &a))
                rc = -1;
        }
    } else if (k == CXCursor_BinaryOperator && n == 2) {
        enum rw_op op = rw_operator(x->an->src, e);
        if (op == RW_OP_ADD || op == RW_OP_SUB || op == RW_OP_MUL) {
            struct aff a, b;
            memset(&a, 0, sizeof a);
            memset(&b, 0, sizeof b);
            if (affine(x, kids[0], &a) || affine(x, kids[1], &b)) {
                rc = -1;
            } else if (op != RW_OP_MUL) {
                rc = aff_addmul(f, &a, op == RW_OP_SUB ? -1 : 1, &b) ? -1 : 0;
            } else if (aff_novar(&a) && aff_allconst(&b)) {
                rc = aff_mul(f, &a, &b) ? -1 : 0;
            } else if (aff_novar(&b) && aff_allconst(&a)) {
                rc = aff_mul(f, &b, &a) ? -1 : 0;
            }
            if (rc == -2 && aff_novar(&a) && aff_novar(&b))
                rc = -3; /* a product of invariants: one symbol */
            else if (rc == -2)
                x->why = "a subscript multiplies two values that vary in the loop";
        }
    }
    free(kids);
    if (rc >= -1)
        return rc;
    if (invariant_expr(x, e)) {
        size_t a, b;
        char *key;
        CXCursor d = rw_named_var(e);
        if (!clang_Cursor_isNull(d))
            key = rw_xasprintf("v%u", clang_hashCursor(d));
        else if (rw_extent(x->an->src, e, &a, &b))
            key = rw_xasprintf("e%s", rw_text(x->an->src, a, b));
        else
            key = NULL;
        if (key) {
            f->rest.n = 1;
            f->rest.sym[0] = symbol(x->an, key);
            f->rest.k[0] = 1;
            return 0;
        }
    }
    if (rc == -2 || !x->why)
        x->why = "a subscript is not an affine function of the loop variables";
    return -1;
}

/* ---- loops ---------------------------------------------------------------- */

/* Widen f (over the context's first n variables) to a form over symbols
 * only: its maximum over their ranges when hi, else its minimum.  Returns
 * 0, or -1 when a range or a constant coefficient is missing. */
static int widen(const struct ctx *x, unsigned n, const struct aff *f, int hi, struct rw_lin *out)
{
    struct rw_lin r = f->rest;
    for (unsigned i = 0; i < RW_DEP_MAXVAR; i++) {
        long c;
        if (!f->coef[i].n && !f->coef[i].c)
            continue;
        if (i >= n || !rw_lin_const(&f->coef[i], &c))
            return -1;
        const struct rw_dep_range *g = &x->v[i]->range;
        int up = (c > 0) == (hi != 0);
        if (up ? !g->has_hi : !g->has_lo)
            return -1;
        if (rw_lin_addmul(&r, &r, c, up ? &g->hi : &g->lo))
            return -1;
    }
    *out = r;
    return 0;
}

/* Fill v (var, lb, ub, test, step known) with its normalized form and
 * range, given the context of the loops around it (x, its first n). */
static void set_range(struct ctx *x, unsigned n, struct lvar *v, CXCursor lb, CXCursor ub,
                      int test, int step_known)
{
    memset(&v->base, 0, sizeof v->base);
    memset(&v->range, 0, sizeof v->range);
    unsigned saved = x->n;
    x->n = n;
    struct aff flb, fub;
    memset(&flb, 0, sizeof flb);
    memset(&fub, 0, sizeof fub);
    int lb_ok = !affine(x, lb, &flb), ub_ok = !affine(x, ub, &fub);
    int up = v->s > 0;
    if ((up && test != MPLOOP_LT && test != MPLOOP_LE && test != MPLOOP_NE) ||
        (!up && test != MPLOOP_GT && test != MPLOOP_GE && test != MPLOOP_NE))
        ub_ok = 0; /* runs zero times, or wraps around */
    /* the last value: ub - 1 for <, ub + 1 for >, ub for <= and >= (and
     * for != with |s| == 1, ub -+ 1) */
    if (ub_ok && (test == MPLOOP_LT || test == MPLOOP_GT || test == MPLOOP_NE))
        fub.rest.c += up ? -1 : 1;
    long l0, u0;
    int exact = lb_ok && ub_ok && aff_novar(&flb) && aff_novar(&fub) &&
                rw_lin_const(&flb.rest, &l0) && rw_lin_const(&fub.rest, &u0) && test != MPLOOP_NE &&
                step_known;
    if ((v->s == 1 || v->s == -1) || !exact) {
        /* x = mul * v over [mul * lb, mul * last] */
        struct aff zero;
        memset(&zero, 0, sizeof zero);
        v->mul = v->s > 0 ? 1 : -1;
        v->relaxed = v->s != v->mul || !step_known;
        if (lb_ok && !aff_addmul(&flb, &zero, v->mul, &flb))
            v->range.has_lo = !widen(x, n, &flb, 0, &v->range.lo);
        if (ub_ok && !aff_addmul(&fub, &zero, v->mul, &fub))
            v->range.has_hi = !widen(x, n, &fub, 1, &v->range.hi);
    } else {
        /* v = lb + s * x over [0, (last - lb) / s] */
        v->mul = v->s;
        v->base = flb.rest;
        v->range.has_lo = v->range.has_hi = 1;
        v->range.hi.c = (u0 - l0) / v->s;
    }
    if (!v->range.has_lo || !v->range.has_hi)
        v->relaxed = 1; /* an unbounded range proves nothing */
    x->n = saved;
    x->why = NULL;
}

/* The constant step of a parallel level; a step that is not constant is
 * 2 or -2 by the direction of its test (*known cleared), or 0 for `!=`. */
static long level_step(const struct rw_level *lv, int *known)
{
    *known = 1;
    if (clang_Cursor_isNull(lv->st_c))
        return lv->step[0] == '-' ? -1 : 1;
    long v;
    if (!eval_const(rw_strip(lv->st_c, 1), &v)) {
        *known = 0;
        return lv->test == MPLOOP_LT || lv->test == MPLOOP_LE ? 2
               : lv->test == MPLOOP_GT || lv->test == MPLOOP_GE ? -2 : 0;
    }
    int neg = lv->step[0] == '-' || !strncmp(lv->step, "(mploop_i64)-", 13);
    return neg ? -v : v;
}

/* Read for statement f of the body as a loop variable quietly: `T v = lb`
 * or `v = lb`, a test of v against a bound, ++, --, += or -= a constant.
 * Returns 0 when it has that form. */
static int inner_header(struct an *an, CXCursor f, CXCursor *var, CXCursor *lb, CXCursor *ub,
                        int *test, long *step)
{
    struct rw_for_parts h;
    if (rw_for_parts(an->src, f, &h) != RW_FOR_OK || clang_Cursor_isNull(h.init) ||
        clang_Cursor_isNull(h.cond) || clang_Cursor_isNull(h.inc))
        return -1;
    CXCursor *k;
    unsigned n = rw_children(h.init, &k);
    *var = clang_getNullCursor();
    if (clang_getCursorKind(h.init) == CXCursor_DeclStmt && n == 1 &&
        clang_getCursorKind(k[0]) == CXCursor_VarDecl) {
        CXCursor *vk;
        unsigned nv = rw_children(k[0], &vk);
        if (nv && clang_isExpression(clang_getCursorKind(vk[nv - 1]))) {
            *var = k[0];
            *lb = vk[nv - 1];
        }
        free(vk);
    } else if (clang_getCursorKind(rw_strip(h.init, 1)) == CXCursor_BinaryOperator && n == 2 &&
               rw_operator(an->src, rw_strip(h.init, 1)) == RW_OP_ASSIGN) {
        *var = rw_named_var(rw_strip(k[0], 1));
        *lb = k[1];
    }
    free(k);
    if (clang_Cursor_isNull(*var) || !rw_type_is_integer(clang_getCursorType(*var)))
        return -1;
    CXCursor c = rw_strip(h.cond, 1);
    n = rw_children(c, &k);
    enum rw_op op = rw_operator(an->src, c);
    static const enum rw_op ops[] = { RW_OP_LT, RW_OP_LE, RW_OP_GT, RW_OP_GE, RW_OP_NE };
    static const int flip[] = { MPLOOP_GT, MPLOOP_GE, MPLOOP_LT, MPLOOP_LE, MPLOOP_NE };
    int ok = 0;
    for (int i = 0; i < 5 && n == 2 && clang_getCursorKind(c) == CXCursor_BinaryOperator; i++) {
        if (op != ops[i])
            continue;
        CXCursor l0 = rw_named_var(rw_strip(k[0], 1)), r0 = rw_named_var(rw_strip(k[1], 1));
        if (!clang_Cursor_isNull(l0) && clang_equalCursors(l0, *var)) {
            *test = i;
            *ub = k[1];
            ok = 1;
        } else if (!clang_Cursor_isNull(r0) && clang_equalCursors(r0, *var)) {
            *test = flip[i];
            *ub = k[0];
            ok = 1;
        }
    }
    free(k);
    if (!ok)
        return -1;
    c = rw_strip(h.inc, 1);
    n = rw_children(c, &k);
    op = rw_operator(an->src, c);
    ok = 0;
    if (n >= 1 && clang_equalCursors(rw_named_var(rw_strip(k[0], 1)), *var)) {
        if (op == RW_OP_POST_INC || op == RW_OP_PRE_INC)
            *step = 1, ok = 1;
        else if (op == RW_OP_POST_DEC || op == RW_OP_PRE_DEC)
            *step = -1, ok = 1;
        else if ((op == RW_OP_ADD_ASSIGN || op == RW_OP_SUB_ASSIGN) && n == 2 &&
                 eval_const(rw_strip(k[1], 1), step) && *step != 0) {
            *step = op == RW_OP_SUB_ASSIGN ? -*step : *step;
            ok = 1;
        }
    }
    free(k);
    return ok ? 0 : -1;
}

struct wcount {
    const struct an *an;
    CXCursor var;
    unsigned n;
};

/* Visitor counting the writes of one variable. */
static enum CXChildVisitResult count_visit(CXCursor c, CXCursor parent, CXClientData d)
{
    struct wcount *w = d;
    (void)parent;
    CXCursor v = written_by(w->an->src, c);
    if (!clang_Cursor_isNull(v) && clang_equalCursors(v, w->var))
        w->n++;
    return CXChildVisit_Recurse;
}

/* The record of for loop f of the body, analysed on first use in the
 * context x of the loops around it (its first n). */
static const struct lvar *inner_loop(struct ctx *x, unsigned n, CXCursor f)
{
    struct an *an = x->an;
    for (unsigned i = 0; i < an->ninner; i++)
        if (clang_equalCursors(an->inner[i]->for_stmt, f))
            return an->inner[i];
    an->inner = rw_xrealloc(an->inner, (an->ninner + 1) * sizeof *an->inner);
    struct lvar *v = rw_xmalloc(sizeof *v);
    an->inner[an->ninner++] = v;
    memset(v, 0, sizeof *v);
    v->for_stmt = f;
    CXCursor lb = clang_getNullCursor(), ub = clang_getNullCursor();
    int test = MPLOOP_LT;
    if (inner_header(an, f, &v->var, &lb, &ub, &test, &v->s))
        return v;
    /* the variable changes only in the header, and only there */
    struct wcount w = { an, v->var, 0 };
    CXCursor *kids;
    unsigned nk = rw_children(f, &kids);
    if (nk)
        clang_visitChildren(kids[nk - 1], count_visit, &w);
    free(kids);
    if (w.n)
        return v;
    v->ok = 1;
    set_range(x, n, v, lb, ub, test, 1);
    return v;
}

/* ---- accesses -------------------------------------------------------------- */

/* Fill the context of access a (the parallel levels, then the loops of the
 * body around it).  Returns 0, or -1 when there are too many. */
static int access_ctx(struct an *an, const struct rw_access *a, struct ctx *x)
{
    memset(x, 0, sizeof *x);
    x->an = an;
    if (an->npar + a->nloop > RW_DEP_MAXVAR)
        return -1;
    for (unsigned i = 0; i < an->npar; i++)
        x->v[x->n++] = &an->par[i];
    for (unsigned i = 0; i < a->nloop; i++) {
        const struct lvar *v = inner_loop(x, x->n, a->loop[i]);
        x->v[x->n++] = v;
    }
    return 0;
}

/* Convert subscript u into the dep.c form; -1 with x->why when it cannot. */
static int sub_form(struct ctx *x, const struct rw_sub *u, struct rw_dep_sub *out)
{
    struct aff f;
    memset(&f, 0, sizeof f);
    if (u->bad) {
        x->why = "a subscript cannot be read";
        return -1;
    }
    for (unsigned t = 0; t < u->n; t++) {
        struct aff g;
        memset(&g, 0, sizeof g);
        if (affine(x, u->term[t], &g) || aff_addmul(&f, &f, u->neg[t] ? -1 : 1, &g)) {
            if (!x->why)
                x->why = "a subscript overflows the tests' arithmetic";
            return -1;
        }
    }
    memset(out, 0, sizeof *out);
    for (unsigned i = 0; i < x->n; i++)
        out->coef[i] = f.coef[i];
    out->rest = f.rest;
    return 0;
}

/* The number of subscripts two shapes share before they part, or -1 when
 * they part at different members (different memory). */
static int shared_dims(const char *s, const char *t)
{
    int dims = 0;
    while (*s && *t) {
        const char *se = s + 1, *te = t + 1;
        while (*se && *se != '[' && *se != '.')
            se++;
        while (*te && *te != '[' && *te != '.')
            te++;
        if (se - s != te - t || strncmp(s, t, (size_t)(se - s)))
            return s[0] == '.' && t[0] == '.' ? -1 : dims;
        dims += s[0] == '[';
        s = se;
        t = te;
    }
    return dims;
}

/* Build the dep.c form of access a of root r over its first ndim subscripts. */
static int access_form(struct an *an, const struct rw_root *r, const struct rw_access *a,
                       unsigned ndim, struct rw_dep_access *out, const char **why, int *relaxed)
{
    struct ctx x;
    memset(out, 0, sizeof *out);
    if (ndim > RW_DEP_MAXDIM || access_ctx(an, a, &x)) {
        *why = "the accesses are nested too deeply for the tests";
        return -1;
    }
    out->ndim = ndim;
    for (unsigned d = 0; d < ndim; d++)
        if (sub_form(&x, &a->sub[d], &out->sub[d])) {
            *why = x.why;
            return -1;
        }
    if (r->level >= 0 && ndim) { /* a pointer loop variable moves through memory */
        const struct lvar *v = &an->par[r->level];
        struct rw_lin one = { 0 };
        one.c = v->mul;
        if (rw_lin_addmul(&out->sub[0].coef[r->level], &out->sub[0].coef[r->level], 1, &one)) {
            *why = "a subscript overflows the tests' arithmetic";
            return -1;
        }
    }
    out->nloop = x.n;
    for (unsigned i = 0; i < x.n; i++)
        out->loop[i] = x.v[i]->range;
    *relaxed |= x.relaxed;
    return 0;
}

/* ---- the analysis ---------------------------------------------------------- */

/* What one pair of accesses gave. */
enum { P_NONE, P_MAYBE, P_PROVEN };

/* The result being built (one per analysis, and one over shared roots). */
struct res {
    struct rw_analysis *a;
    int have_block, have_anti, have_maybe, have_alias;
};

/* Store dependence d's accesses (first, second) and distance. */
static void set_dep(struct an *an, struct rw_dep *d, int kind, const struct rw_access *first,
                    const struct rw_access *second, const struct rw_dep_out *o, int sign)
{
    d->kind = kind;
    d->first_off = first->off;
    d->first_end = first->end;
    d->second_off = second->off;
    d->second_end = second->end;
    d->first_text = rw_xstrdup(first->text);
    d->second_text = rw_xstrdup(second->text);
    d->dist_known = o->dist_known;
    for (unsigned i = 0; i < an->npar; i++)
        d->dist[i] = o->dist_known ? sign * o->dist[i] * an->par[i].mul : 0;
}

/* Record a doubt (why owned, note owned or NULL). */
static void doubt(struct res *s, int alias, char *why, size_t off, char *note)
{
    if (alias ? (s->have_maybe || s->have_alias) : s->have_maybe) {
        free(why);
        free(note);
        return;
    }
    if (!alias && s->have_alias) {
        free(s->a->why);
        free(s->a->why_note);
    }
    s->a->why = why;
    s->a->why_off = off;
    s->a->why_note = note;
    if (alias)
        s->have_alias = 1;
    else
        s->have_maybe = 1;
}

/* Test write w against access x (both of root r). */
static void test_pair(struct an *an, struct res *s, const struct rw_root *r,
                      const struct rw_access *w, const struct rw_access *x)
{
    int nd = shared_dims(w->shape, x->shape);
    if (nd < 0)
        return; /* different members */
    const char *why = NULL;
    struct rw_dep_access fa, fb;
    struct rw_dep_out o;
    memset(&o, 0, sizeof o);
    int before = P_MAYBE, after = P_MAYBE, relaxed = 0;
    if (nd == 0) {
        why = "the accesses use different numbers of subscripts";
    } else if (access_form(an, r, w, (unsigned)nd, &fa, &why, &relaxed) ||
               access_form(an, r, x, (unsigned)nd, &fb, &why, &relaxed)) {
        /* why says it */
    } else if (rw_dep_test(&fa, &fb, an->npar, &o)) {
        why = "the accesses are out of the tests' reach";
    } else {
        before = o.before;
        after = o.after;
        why = o.why;
    }
    if (relaxed) { /* a stride the ranges do not express proves nothing */
        before = before == P_PROVEN ? P_MAYBE : before;
        after = after == P_PROVEN ? P_MAYBE : after;
        if (!why)
            why = "a loop's stride is not followed with symbolic bounds";
    }
    if (w->cond || x->cond) { /* a skipped access proves nothing */
        before = before == P_PROVEN ? P_MAYBE : before;
        after = after == P_PROVEN ? P_MAYBE : after;
        if (!why)
            why = "a condition may skip the accesses";
    }
    if (w->loaded || x->loaded) {
        if (before == P_NONE && after == P_NONE) {
            const struct rw_access *ld = w->loaded ? w : x;
            doubt(s, 1, rw_xasprintf("'%s' is reached through a pointer loaded from memory, "
                                     "which may point to the memory of another iteration",
                                     ld->text), ld->off, NULL);
            return;
        }
        before = before == P_PROVEN ? P_MAYBE : before;
        after = after == P_PROVEN ? P_MAYBE : after;
        if (!why)
            why = "a pointer loaded from memory may point anywhere";
    }
    int write = (x->mode & RW_ACC_WRITE) != 0;
    if (before == P_PROVEN || after == P_PROVEN) {
        /* a later read of what an earlier iteration wrote is named first
         * (flow), also when the later access writes too (`s[0] += x`) */
        int reads = (x->mode & RW_ACC_READ) != 0;
        int kind = reads && before == P_PROVEN ? RW_DEPK_FLOW
                   : write                     ? RW_DEPK_OUTPUT
                   : before == P_PROVEN        ? RW_DEPK_FLOW
                                               : RW_DEPK_ANTI;
        if (kind != RW_DEPK_ANTI && !s->have_block) {
            s->have_block = 1;
            if (s->have_anti)
                free(s->a->dep.first_text), free(s->a->dep.second_text);
            if (before == P_PROVEN)
                set_dep(an, &s->a->dep, kind, w, x, &o, 1);
            else
                set_dep(an, &s->a->dep, kind, x, w, &o, -1);
        } else if (kind == RW_DEPK_ANTI && !s->have_block && !s->have_anti) {
            s->have_anti = 1;
            set_dep(an, &s->a->dep, kind, x, w, &o, -1);
        }
    }
    /* what is left undecided */
    int open = write ? (before == P_MAYBE || after == P_MAYBE)
                     : (before == P_MAYBE || after == P_MAYBE);
    if (!open)
        return;
    if (!why)
        why = "the dependence tests cannot decide";
    char *t = w == x ? rw_xasprintf("two iterations may write the same element through '%s' "
                                    "(%s)", w->text, why)
                     : rw_xasprintf("two iterations may reach the same element through '%s' "
                                    "(written) and '%s' (%s): %s", w->text, x->text,
                                    write ? "written" : "read", why);
    doubt(s, 0, t, x->off, rw_xasprintf("'%s' is %s here", x->text, write ? "written" : "read"));
}

/* Why root r (written) cannot be followed, from access.c's blockers, with
 * the note's offset and text; NULL when it can. */
static char *root_blocker(const struct rw_root *r, size_t *off, char **note)
{
    *off = r->blk_off;
    switch (r->blk) {
    case RW_BLK_SET:
        if (r->blk_text) {
            *note = rw_xasprintf("'%s' is set here", r->blk_text);
            return rw_xasprintf("pointer '%s' into '%s' is assigned in the body", r->blk_text,
                                r->name);
        }
        *note = rw_xasprintf("'%s' is set here", r->name);
        return rw_xasprintf("pointer '%s' is assigned in the body", r->name);
    case RW_BLK_CALL:
        *note = rw_xasprintf("'%s' is passed here", r->name);
        return rw_xasprintf("%s '%s' is passed to a call of %s",
                            rw_is_data_pointer(r->decl) ? "pointer" : "array", r->name,
                            r->blk_text);
    case RW_BLK_ESCAPE:
        *note = rw_xasprintf("the address of '%s' is taken here", r->name);
        if (r->blk_text)
            return rw_xasprintf("the address of '%s' is stored in %s", r->name, r->blk_text);
        return rw_xasprintf("the address of '%s' is used in a way the rewriter cannot follow",
                            r->name);
    default:
        break;
    }
    for (unsigned i = 0; i < r->n; i++) {
        const struct rw_access *u = &r->v[i];
        if (u->subs)
            continue;
        *off = u->off;
        if (u->via) {
            *note = rw_xasprintf("'%s' is passed here", u->name);
            return rw_xasprintf("pointer '%s' is passed to a call of %s", u->name, u->via);
        }
        *note = rw_xasprintf("this subscript's text cannot be read");
        return rw_xasprintf("'%s' is accessed at a subscript the rewriter cannot read", u->name);
    }
    return NULL;
}

/* Test write w against access x (both of root r) when neither is guarded
 * by a lock (guard.c); otherwise a dependence between them is ordered by
 * the lock if r is shared memory, which the rewriter cannot verify: a
 * doubt, when the test finds the accesses may meet. */
static void guarded_pair(struct an *an, struct res *s, const struct rw_root *r,
                         const struct rw_access *w, const struct rw_access *x)
{
    if (!w->guarded && !x->guarded) {
        test_pair(an, s, r, w, x);
        return;
    }
    struct rw_analysis tmp;
    memset(&tmp, 0, sizeof tmp);
    struct res t = { &tmp, 0, 0, 0, 0 };
    test_pair(an, &t, r, w, x);
    int meet = t.have_block || t.have_anti || t.have_maybe;
    rw_analysis_free(&tmp);
    if (!meet)
        return;
    const struct rw_access *g = w->guarded ? w : x;
    const char *text = g->text ? g->text : g->name;
    unsigned line, col;
    rw_linecol(an->src, g->off, &line, &col);
    doubt(s, 0, rw_xasprintf("'%s' is accessed under a lock or semaphore (line %u) and must be memory from "
                             "mploop_shared_alloc: the lock orders nothing else, the workers' "
                             "writes to other memory are merged after the loop", text, line),
          g->off, rw_xasprintf("'%s' is guarded by a lock here", text));
}

/* Whether root r is left out: not shared with the other iterations (an
 * array or struct declared in the body, or named in a private-like
 * clause), or scratch space of every iteration, which -Wmploop-scratch
 * reports with its fix. */
static int private_root(const struct an *an, const struct rw_root *r)
{
    const struct rw_pragma *p = an->l->pragma;
    /* the private copy of an array reduction (a pointer's too, with a section) */
    for (unsigned i = 0; i < p->nvars; i++)
        if (p->vars[i].array && clang_equalCursors(p->vars[i].decl, r->decl))
            return 1;
    if (rw_is_data_pointer(r->decl) || r->fresh)
        return r->fresh;
    if (!rw_decl_outside(an->src, r->decl, an->start, an->end))
        return 1;
    for (unsigned i = 0; i < an->nscratch; i++)
        if (clang_equalCursors(an->scratch[i], r->decl))
            return 1;
    for (unsigned i = 0; i < p->nvars; i++)
        if (p->vars[i].kind != RW_REDUCTION && clang_equalCursors(p->vars[i].decl, r->decl))
            return 1;
    return 0;
}

/* Whether root r may share memory with another root: a pointer that is not
 * restrict, or reached through pointers loaded from memory. */
static int may_alias(const struct rw_root *r, int assume_no_alias)
{
    for (unsigned i = 0; i < r->n; i++)
        if (r->v[i].loaded)
            return 1;
    if (assume_no_alias)
        return 0;
    CXType t = clang_getCursorType(r->decl);
    if (rw_is_data_pointer(r->decl) || rw_is_array_param(r->decl))
        return !clang_isRestrictQualifiedType(t);
    return 0;
}

/* Whether every access to root r is at the subscript text of its writes. */
static int same_text(const struct rw_root *r)
{
    for (unsigned j = 0; j < r->n; j++) {
        const struct rw_access *w = &r->v[j];
        if (!(w->mode & RW_ACC_WRITE))
            continue;
        for (unsigned i = 0; i < r->n; i++) {
            const struct rw_access *x = &r->v[i];
            if (x->depth != w->depth)
                continue;
            if (!w->subs || !x->subs || strcmp(w->subs, x->subs) || !w->varies || w->indirect)
                return 0;
        }
    }
    return 1;
}

/* Analyse the roots of acc into *a, the shared ones only when shared_only. */
static void analyse(struct an *an, const struct rw_accesses *acc, int assume_no_alias,
                    int shared_only, struct rw_analysis *a)
{
    struct res s = { a, 0, 0, 0, 0 };
    a->same_text = 1;
    if (acc->unknown) {
        doubt(&s, 0, rw_xasprintf("'%s' is written through a form the rewriter cannot follow",
                                  acc->unknown), acc->unknown_off, rw_xstrdup("written here"));
    }
    for (unsigned i = 0; i < acc->nr; i++) {
        const struct rw_root *r = &acc->r[i];
        if (!r->written || private_root(an, r) || (shared_only && !r->shared) ||
            rw_alias_shared_block(an->alias, r))
            continue; /* (memory from mploop_shared_alloc: the workers synchronize) */
        a->written = 1;
        a->same_text &= same_text(r);
        size_t off;
        char *note = NULL, *why = root_blocker(r, &off, &note);
        if (why) {
            doubt(&s, 0, why, off, note);
            continue;
        }
        int had_block = s.have_block;
        for (unsigned j = 0; j < r->n; j++) {
            const struct rw_access *w = &r->v[j];
            if (!(w->mode & RW_ACC_WRITE))
                continue;
            for (unsigned k = 0; k < r->n; k++)
                if (!(k < j && (r->v[k].mode & RW_ACC_WRITE)))
                    guarded_pair(an, &s, r, w, &r->v[k]);
        }
        if (s.have_block && !had_block && acc->coop && rw_is_data_pointer(r->decl) &&
            (clang_getCursorKind(r->decl) == CXCursor_ParmDecl ||
             clang_Cursor_hasVarDeclGlobalStorage(r->decl)))
            a->coop_hint = 1; /* the dependence reported is this root's */
        /* other roots that may be the same memory */
        for (unsigned q = 0; q < acc->nr; q++) {
            const struct rw_root *o = &acc->r[q];
            if (q == i || (!o->n && o->blk == RW_BLK_NONE) || private_root(an, o) ||
                (!may_alias(r, assume_no_alias) && !may_alias(o, assume_no_alias)) ||
                rw_alias_apart(an->alias, r, o))
                continue;
            if (o->written && q < i)
                continue; /* said already from o's side */
            doubt(&s, 1, rw_xasprintf("'%s' and '%s' may point to the same memory (declare "
                                      "the pointers restrict if they never do)", r->name, o->name),
                  r->v[0].off, NULL);
        }
    }
    if (s.have_block)
        a->verdict = RW_VERDICT_BLOCKED;
    else if (s.have_maybe || s.have_alias)
        a->verdict = RW_VERDICT_UNKNOWN;
    else if (s.have_anti)
        a->verdict = RW_VERDICT_ANTI;
    else
        a->verdict = RW_VERDICT_PARALLEL;
    a->alias_only = a->verdict == RW_VERDICT_UNKNOWN && !s.have_maybe;
    if (a->verdict != RW_VERDICT_UNKNOWN) {
        free(a->why);
        free(a->why_note);
        a->why = a->why_note = NULL;
    }
}

/* Analyse the accesses of loop l (see rewriter.h). */
void rw_analyse_deps(const struct rw_src *src, const struct rw_loop *l, int assume_no_alias,
                     struct rw_analysis *a)
{
    memset(a, 0, sizeof *a);
    struct an an = { .src = src, .l = l, .start = l->lv[0].for_off, .end = l->end };
    an.alias = rw_alias_new(src, l->site.func);
    an.npar = l->nlv;
    clang_visitChildren(l->body, written_visit, &an);
    size_t *scratch_offs;
    an.nscratch = rw_scratch_arrays(src, l, &an.scratch, &scratch_offs);
    free(scratch_offs);
    struct ctx x = { .an = &an, .bounds = 1 };
    for (unsigned i = 0; i < l->nlv; i++) {
        struct lvar *v = &an.par[i];
        v->var = l->lv[i].var;
        v->for_stmt = clang_getNullCursor();
        int known;
        v->s = l->lv[i].is_ptr ? 0 : level_step(&l->lv[i], &known);
        v->ok = v->s != 0;
        x.v[x.n++] = v;
        if (v->ok)
            set_range(&x, i, v, l->lv[i].lb_c, l->lv[i].ub_c, l->lv[i].test, known);
        if (l->lv[i].is_ptr) { /* the root's own motion (access_form), in elements */
            long s = level_step(&l->lv[i], &known);
            v->s = s ? s : 1;
            v->mul = v->s;
            v->ok = 0;
        }
    }
    struct rw_accesses acc;
    rw_collect_accesses(src, l, &acc);
    analyse(&an, &acc, assume_no_alias, 0, a);
    a->shared = rw_xmalloc(sizeof *a->shared);
    memset(a->shared, 0, sizeof *a->shared);
    analyse(&an, &acc, assume_no_alias, 1, a->shared);
    rw_accesses_free(&acc);
    for (unsigned i = 0; i < an.ninner; i++)
        free(an.inner[i]);
    free(an.inner);
    free(an.written);
    free(an.scratch);
    for (unsigned i = 0; i < an.nsym; i++)
        free(an.sym[i]);
    free(an.sym);
    rw_alias_free(an.alias);
}

/* ---- descriptions and diagnostics ------------------------------------------ */

/* The name of the iteration at distance dist (NULL: the earlier one, or an
 * unknown later one when unknown is set) of loop l's parallel levels. */
static char *iteration(const struct rw_loop *l, const long *dist)
{
    struct rw_buf b = { 0 };
    if (l->nlv > 1)
        rw_buf_puts(&b, "(");
    for (unsigned i = 0; i < l->nlv; i++) {
        if (i)
            rw_buf_puts(&b, ", ");
        rw_buf_puts(&b, l->lv[i].name);
        long d = dist ? dist[i] : 0;
        if (d)
            rw_buf_printf(&b, " %c %ld", d > 0 ? '+' : '-', d > 0 ? d : -d);
    }
    if (l->nlv > 1)
        rw_buf_puts(&b, ")");
    return b.s;
}

/* The sentence describing dependence d (see rewriter.h). */
char *rw_dep_describe(const struct rw_src *src, const struct rw_loop *l, const struct rw_dep *d)
{
    unsigned l1, l2, col;
    rw_linecol(src, d->first_off, &l1, &col);
    rw_linecol(src, d->second_off, &l2, &col);
    char *first = iteration(l, NULL);
    char *later = d->dist_known ? iteration(l, d->dist) : NULL;
    char *second = later ? rw_xasprintf("iteration %s", later) : rw_xstrdup("a later iteration");
    char *s;
    int same = d->first_off == d->second_off && d->first_end == d->second_end;
    switch (d->kind) {
    case RW_DEPK_FLOW:
        s = rw_xasprintf("iteration %s writes %s (line %u), which %s reads as %s (line %u)",
                         first, d->first_text, l1, second, d->second_text, l2);
        break;
    case RW_DEPK_ANTI:
        s = rw_xasprintf("iteration %s reads %s (line %u), which %s overwrites as %s (line %u)",
                         first, d->first_text, l1, second, d->second_text, l2);
        break;
    default:
        s = same ? rw_xasprintf("iteration %s writes %s (line %u), which %s writes again",
                                first, d->first_text, l1, second)
                 : rw_xasprintf("iteration %s writes %s (line %u), which %s writes again as %s "
                                "(line %u)", first, d->first_text, l1, second, d->second_text, l2);
        break;
    }
    free(first);
    free(later);
    free(second);
    return s;
}

/* The kind of a dependence as the diagnostics name it. */
static const char *kind_name(int kind)
{
    return kind == RW_DEPK_FLOW ? "flow" : kind == RW_DEPK_ANTI ? "anti" : "output";
}

/* Notes at the two accesses of d. */
void rw_dep_notes(const struct rw_src *src, const struct rw_loop *l, const struct rw_dep *d)
{
    (void)src;
    char *first = iteration(l, NULL);
    char *later = d->dist_known ? iteration(l, d->dist) : NULL;
    const char *v1 = d->kind == RW_DEPK_ANTI ? "read" : "written";
    const char *v2 = d->kind == RW_DEPK_FLOW ? "read" : "written";
    rw_note_range(d->first_off, d->first_off, d->first_end, "'%s' is %s here by iteration %s",
                  d->first_text, v1, first);
    if (later)
        rw_note_range(d->second_off, d->second_off, d->second_end,
                      "'%s' is %s here by iteration %s", d->second_text, v2, later);
    else
        rw_note_range(d->second_off, d->second_off, d->second_end,
                      "'%s' is %s here by a later iteration", d->second_text, v2);
    free(first);
    free(later);
}

/* Report what analysis a found for annotated loop l (see rewriter.h). */
int rw_report_deps(const struct rw_src *src, const struct rw_loop *l, const struct rw_analysis *a)
{
    size_t at = l->lv[0].for_off;
    if (a->verdict == RW_VERDICT_BLOCKED) {
        char *s = rw_dep_describe(src, l, &a->dep);
        rw_error_range(at, at, l->lv[0].rparen_end, "loop-carried %s dependence: %s",
                       kind_name(a->dep.kind), s);
        free(s);
        rw_dep_notes(src, l, &a->dep);
        if (a->coop_hint)
            rw_note(at, "if this memory comes from mploop_shared_alloc and the iterations "
                    "synchronize, guard the update with '#pragma mploop critical' or an "
                    "mploop_lock");
        return -1;
    }
    if (a->verdict == RW_VERDICT_UNKNOWN && rw_warning_enabled("mploop-unverified")) {
        rw_warning(at, "mploop-unverified", "the rewriter cannot verify that the iterations "
                   "are independent: %s; run with MPLOOP_CHECK=verify to compare the loop with "
                   "a sequential run", a->why);
        if (a->why_note)
            rw_note(a->why_off, "%s", a->why_note);
    }
    return 0;
}

/* Free what a holds. */
void rw_analysis_free(struct rw_analysis *a)
{
    free(a->dep.first_text);
    free(a->dep.second_text);
    free(a->why);
    free(a->why_note);
    if (a->shared) {
        rw_analysis_free(a->shared);
        free(a->shared);
    }
    memset(a, 0, sizeof *a);
}
