/*
 * reduce.c - the generated code of reductions: identities, combines, and
 * the private copies of array and array-section reductions.
 *
 * docs/generated-code.md ("Reductions", "Array reductions") is the
 * contract.  A scalar reduction variable is set to its identity in place
 * by each participant and its value copied into the participant's partial
 * slot (emit.c).  An array, or the section p[lo:len] of an array or of a
 * pointer, cannot be handled in place: a large array lives in shared
 * memory that every worker writes in place, so an identity stored there
 * would wipe out the other workers' counts.  Each participant therefore
 * works on a private copy that lives in its partial slot itself (in the
 * workers' control block, a shared mapping the parent reads after the
 * join: nothing is copied), the body's references to the array are
 * rewritten to name that copy, and the parent combines every
 * participant's copy element by element into the array.
 */
#include <stdlib.h>
#include <string.h>

#define MPLOOP_NO_MODULE_CONSTRUCTOR
#include <mploop/abi.h>

#include "rewriter.h"

/* The element type of reduction variable v: the variable's own type for a
 * scalar, the innermost element of an array, the element of a section. */
static CXType elem_type(const struct rw_var *v)
{
    CXType t = clang_getCanonicalType(clang_getCursorType(v->decl));
    if (v->sec_lo)
        return clang_getCanonicalType(t.kind == CXType_Pointer ? clang_getPointeeType(t)
                                                               : clang_getArrayElementType(t));
    while (v->array && (t.kind == CXType_ConstantArray || t.kind == CXType_VariableArray))
        t = clang_getCanonicalType(clang_getArrayElementType(t));
    return t;
}

/* Whether the elements of reduction variable v have type _Bool. */
static int is_bool(const struct rw_var *v)
{
    return elem_type(v).kind == CXType_Bool;
}

/* Whether a reduction of p has a private copy (an array or a section). */
int rw_red_any_array(const struct rw_pragma *p)
{
    for (unsigned i = 0; i < p->nvars; i++)
        if (p->vars[i].kind == RW_REDUCTION && p->vars[i].array)
            return 1;
    return 0;
}

/* An expression for one element of array-like reduction v, for
 * __typeof__ and sizeof: `(a)[0][0]`, `(p)[0]`. */
static char *elem_expr(const struct rw_var *v)
{
    struct rw_buf b = { 0 };
    rw_buf_printf(&b, "(%s)", v->name);
    for (unsigned d = 0; d < (v->sec_lo ? 1 : v->dims); d++)
        rw_buf_puts(&b, "[0]");
    return b.s;
}

/* The number of elements of array-like reduction v, clause variable i of
 * loop id. */
static char *elem_count(const struct rw_var *v, unsigned i, unsigned id)
{
    if (v->sec_lo)
        return rw_xasprintf("__mploop_rn%u_%u", i, id);
    char *e = elem_expr(v);
    char *r = rw_xasprintf("(sizeof(%s) / sizeof(%s))", v->name, e);
    free(e);
    return r;
}

/* The bytes reduction variable v (clause variable i of loop id) takes in
 * the partial slot; rounded up to 16 when aligned, so that the next one
 * starts aligned for any element type. */
char *rw_red_bytes(const struct rw_var *v, unsigned i, unsigned id, int aligned)
{
    char *r;
    if (v->sec_lo) {
        char *e = elem_expr(v);
        r = rw_xasprintf("__mploop_rn%u_%u * sizeof(%s)", i, id, e);
        free(e);
    } else {
        r = rw_xasprintf("sizeof(%s)", v->szarg);
    }
    if (!aligned)
        return r;
    char *a = rw_xasprintf("(%s + 15) / 16 * 16", r);
    free(r);
    return a;
}

/* Before mploop_begin: the lower bound and the length of each section of
 * loop l, evaluated once, checked to be integers (check names the loop in
 * the compile-time message; see emit.c); a negative length counts as 0. */
void rw_red_bounds(struct rw_buf *b, const struct rw_loop *l,
                   void (*check)(struct rw_buf *, const void *, const char *, const char *),
                   const void *g)
{
    const struct rw_pragma *p = l->pragma;
    for (unsigned i = 0; i < p->nvars; i++) {
        const struct rw_var *v = &p->vars[i];
        if (v->kind != RW_REDUCTION || !v->sec_lo)
            continue;
        char *what = rw_xasprintf("the lower bound of the section of %s", v->name);
        check(b, g, what, v->sec_lo);
        free(what);
        rw_buf_printf(b, "mploop_i64 __mploop_ro%u_%u = (mploop_i64)(%s);\n", i, l->id,
                      v->sec_lo);
        what = rw_xasprintf("the length of the section of %s", v->name);
        check(b, g, what, v->sec_len);
        free(what);
        rw_buf_printf(b, "mploop_i64 __mploop_rl%u_%u = (mploop_i64)(%s);\n", i, l->id,
                      v->sec_len);
        rw_buf_printf(b, "mploop_u64 __mploop_rn%u_%u = __mploop_rl%u_%u > 0 ? "
                      "(mploop_u64)__mploop_rl%u_%u : 0;\n", i, l->id, i, l->id, i, l->id);
    }
}

/* Set lhs, an element of reduction variable v, to the identity of v's
 * operator; nothing for min and max, whose identity is the value itself.
 * A declared reduction runs its initializer with omp_orig the value of
 * orig (lhs itself for a scalar), or zeroes lhs without one. */
void rw_red_identity(struct rw_buf *b, const struct rw_var *v, const char *lhs, const char *orig)
{
    if (v->op == RW_RED_USER) {
        const struct rw_udr *u = v->udr;
        if (!u->init) {
            rw_buf_printf(b, "__builtin_memset(%s&%s, 0, sizeof(%s));\n", v->cast, lhs, lhs);
            return;
        }
        rw_buf_printf(b, "{\n__attribute__((__unused__)) __typeof__(%s) omp_orig = %s;\n", lhs,
                      orig);
        /* `omp_priv = initializer` declares it (a braced list is allowed);
         * any other form, a call, sets a zeroed omp_priv */
        int decl = !strncmp(u->init, "omp_priv", 8) && strchr(" \t=", u->init[8]) &&
                   u->init[8 + strspn(u->init + 8, " \t")] == '=' &&
                   u->init[9 + strspn(u->init + 8, " \t")] != '=';
        if (decl)
            rw_buf_printf(b, "__typeof__(%s)\n%s%s;\n", lhs, u->init_line, u->init);
        else
            rw_buf_printf(b, "__typeof__(%s) omp_priv;\n__builtin_memset(&omp_priv, 0, "
                          "sizeof omp_priv);\n%s%s;\n", lhs, u->init_line, u->init);
        rw_buf_printf(b, "%s = omp_priv;\n}\n", lhs);
        return;
    }
    switch (v->op) {
    case RW_RED_MUL: case RW_RED_LAND:
        rw_buf_printf(b, "%s = 1;\n", lhs);
        break;
    case RW_RED_AND:
        if (is_bool(v)) /* ~ on a _Bool warns under -Wall (-Wbool-operation) */
            rw_buf_printf(b, "%s = 1;\n", lhs);
        else
            /* ~ promotes: convert back, so -Wconversion stays quiet */
            rw_buf_printf(b, "%s = (__typeof__(%s))~(__typeof__(%s))0;\n", lhs, lhs, lhs);
        break;
    case RW_RED_MIN: case RW_RED_MAX:
        break;
    default:
        rw_buf_printf(b, "%s = 0;\n", lhs);
    }
}

/* Combine partial r into x, both elements of reduction variable v. */
void rw_red_combine(struct rw_buf *b, const struct rw_var *v, const char *x, const char *r)
{
    static const char *const comb[] = { "+", "+", "*", "&", "|", "^", "&&", "||" };
    if (v->op == RW_RED_USER)
        rw_buf_printf(b, "{\n__typeof__(%s) omp_out = %s, omp_in = %s;\n%s%s;\n%s = omp_out;\n"
                      "(void)omp_in;\n}\n", x, x, r, v->udr->comb_line, v->udr->comb, x);
    else if (v->op == RW_RED_MIN)
        rw_buf_printf(b, "%s = %s < %s ? %s : %s;\n", x, r, x, r, x);
    else if (v->op == RW_RED_MAX)
        rw_buf_printf(b, "%s = %s > %s ? %s : %s;\n", x, r, x, r, x);
    else if (v->op == RW_RED_MUL && is_bool(v))
        /* the same value; `*` on a _Bool warns under gcc's -Wall
         * (-Wint-in-bool-context) */
        rw_buf_printf(b, "%s = %s && %s;\n", x, x, r);
    else if (is_bool(v))
        rw_buf_printf(b, "%s = %s %s %s;\n", x, x, comb[v->op], r);
    else if (v->op == RW_RED_LAND || v->op == RW_RED_LOR)
        /* compared with 0 explicitly: a floating operand of && or || warns
         * under clang's -Wfloat-conversion */
        rw_buf_printf(b, "%s = (__typeof__(%s))(%s != 0 %s %s != 0);\n", x, x, x, comb[v->op], r);
    else
        /* the operands are promoted: convert back to the variable's type,
         * as the body's `x op= e` does, so that -Wconversion builds stay
         * quiet */
        rw_buf_printf(b, "%s = (__typeof__(%s))(%s %s %s);\n", x, x, x, comb[v->op], r);
}

/* The address of the first element array-like reduction v combines into:
 * the array itself, or element lo of the section. */
static char *first_elem(const struct rw_var *v, unsigned i, unsigned id, const char *e)
{
    if (v->sec_lo)
        return rw_xasprintf("&(%s)[__mploop_ro%u_%u]", v->name, i, id);
    return rw_xasprintf("(__typeof__(%s) *)&(%s)", e, v->name);
}

/* In each participant, before the chunk loop: the private copy of
 * array-like reduction v (clause variable i of loop id) at offset off of
 * the participant's partial slot (L is `&__mploop_L_N`), set to the
 * identity (to the variable's elements for min and max), and the pointer
 * the body's references are rewritten to. */
void rw_red_private(struct rw_buf *b, const char *L, const struct rw_var *v, unsigned i,
                    unsigned id, const char *off)
{
    char *e = elem_expr(v), *n = elem_count(v, i, id), *bytes = rw_red_bytes(v, i, id, 0);
    rw_buf_printf(b, "__typeof__(%s) *__mploop_a%u_%u = (__typeof__(%s) *)(void *)((char *)"
                  "mploop_partial(%s) + %s);\n", e, i, id, e, L, off);
    if (v->op == RW_RED_USER && v->udr->init) {
        char *lhs = rw_xasprintf("__mploop_a%u_%u[__mploop_j%u_%u]", i, id, i, id);
        char *src = first_elem(v, i, id, e);
        char *orig = rw_xasprintf("(%s)[__mploop_j%u_%u]", src, i, id);
        rw_buf_printf(b, "mploop_u64 __mploop_j%u_%u;\n", i, id);
        rw_buf_printf(b, "for (__mploop_j%u_%u = 0; __mploop_j%u_%u < %s; __mploop_j%u_%u++)\n",
                      i, id, i, id, n, i, id);
        rw_red_identity(b, v, lhs, orig);
        free(lhs);
        free(src);
        free(orig);
    } else if (v->op == RW_RED_MIN || v->op == RW_RED_MAX) {
        char *src = first_elem(v, i, id, e);
        rw_buf_printf(b, "__builtin_memcpy(%s__mploop_a%u_%u, %s%s, %s);\n", v->cast, i, id,
                      v->cast, src, bytes);
        free(src);
    } else if (v->op == RW_RED_MUL || v->op == RW_RED_LAND || v->op == RW_RED_AND) {
        char *lhs = rw_xasprintf("__mploop_a%u_%u[__mploop_j%u_%u]", i, id, i, id);
        rw_buf_printf(b, "mploop_u64 __mploop_j%u_%u;\n", i, id);
        rw_buf_printf(b, "for (__mploop_j%u_%u = 0; __mploop_j%u_%u < %s; __mploop_j%u_%u++)\n",
                      i, id, i, id, n, i, id);
        rw_buf_puts(b, "    ");
        rw_red_identity(b, v, lhs, lhs);
        free(lhs);
    } else {
        /* + - | ^ ||: all bits zero is 0 of every arithmetic type; a
         * declared reduction without initializer starts zeroed */
        rw_buf_printf(b, "__builtin_memset(%s__mploop_a%u_%u, 0, %s);\n", v->cast, i, id, bytes);
    }
    if (v->sec_lo)
        rw_buf_printf(b, "__attribute__((__unused__)) __typeof__(%s) *__mploop_v%u_%u = "
                      "__mploop_a%u_%u - __mploop_ro%u_%u;\n", e, i, id, i, id, i, id);
    else
        rw_buf_printf(b, "__attribute__((__unused__)) __typeof__(%s) *__mploop_v%u_%u = "
                      "(__typeof__(%s) *)(void *)__mploop_a%u_%u;\n", v->name, i, id, v->name,
                      i, id);
    free(e);
    free(n);
    free(bytes);
}

/* In the parent's combine loop (participant `__mploop_w_N`): combine the
 * private copy of array-like reduction v, at offset off of the partial
 * slot, element by element into the variable. */
void rw_red_combine_array(struct rw_buf *b, const char *L, const struct rw_var *v, unsigned i,
                          unsigned id, const char *off)
{
    char *e = elem_expr(v), *n = elem_count(v, i, id), *dst = first_elem(v, i, id, e);
    rw_buf_printf(b, "{\n__typeof__(%s) *__mploop_d%u_%u = %s;\n", e, i, id, dst);
    rw_buf_printf(b, "const __typeof__(%s) *__mploop_e%u_%u = (const __typeof__(%s) *)(const void *)"
                  "((const char *)mploop_part(%s, __mploop_w_%u) + %s);\n", e, i, id, e, L, id, off);
    rw_buf_printf(b, "mploop_u64 __mploop_j%u_%u;\n", i, id);
    rw_buf_printf(b, "for (__mploop_j%u_%u = 0; __mploop_j%u_%u < %s; __mploop_j%u_%u++)\n    ",
                  i, id, i, id, n, i, id);
    char *x = rw_xasprintf("__mploop_d%u_%u[__mploop_j%u_%u]", i, id, i, id);
    char *r = rw_xasprintf("__mploop_e%u_%u[__mploop_j%u_%u]", i, id, i, id);
    rw_red_combine(b, v, x, r);
    rw_buf_puts(b, "}\n");
    free(x);
    free(r);
    free(e);
    free(n);
    free(dst);
}

/* Rewrite the body's references to array-like reduction v (clause variable
 * i of loop id) to name its private copy: `(*__mploop_vI_N)` for an array,
 * `__mploop_vI_N` (the copy minus lo) for a section. */
void rw_red_redirect(struct rw_edits *e, const struct rw_var *v, unsigned i, unsigned id)
{
    for (unsigned k = 0; k < v->nrefs; k++)
        rw_edit_add(e, v->refs[2 * k], v->refs[2 * k + 1], 0,
                    v->sec_lo ? rw_xasprintf("__mploop_v%u_%u", i, id)
                              : rw_xasprintf("(*__mploop_v%u_%u)", i, id));
}
