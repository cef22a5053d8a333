/*
 * canonical.c - the canonical loop form (OpenMP's), and collapsed nests.
 *
 * mploop computes the trip count once, before the loop, so it accepts only
 * loops whose iteration space is known then: `v = lb` or `T v = lb`, a test
 * comparing v with a bound, and a constant-stride step.  Operators come from
 * rw_operator (ast.c); the AST tells which child is the init, test,
 * increment and body by comparing their offsets with the two `;` and the
 * `)` of the header.
 */
#include <stdlib.h>
#include <string.h>

#define MPLOOP_NO_MODULE_CONSTRUCTOR
#include <mploop/abi.h>

#include "rewriter.h"

/* The token that starts at or after off. */
static struct rw_tok tok_at(const struct rw_src *src, size_t off)
{
    struct rw_tok t;
    rw_lex(src->buf, src->len, off, 0, &t);
    return t;
}

/* Whether expression c is the variable var written out in the file. */
static int is_var(const struct rw_src *src, CXCursor c, CXCursor var)
{
    CXCursor d = rw_named_var(c);
    if (clang_Cursor_isNull(d) || !clang_equalCursors(d, var))
        return 0;
    size_t a, b;
    if (!rw_extent(src, c, &a, &b))
        return 0;
    struct rw_tok t = tok_at(src, a);
    return t.kind == RW_T_IDENT && t.off + t.len == b;
}

/* Text of c's extent in the main file, or NULL. */
static char *cursor_text(const struct rw_src *src, CXCursor c)
{
    size_t a, b;
    if (!rw_extent(src, c, &a, &b) || b < a)
        return NULL;
    return rw_text(src, a, b);
}

/* End of statement c, past its `;` when the statement has one (libclang's extents stop before
 * it). */
size_t rw_stmt_end(const struct rw_src *src, CXCursor c)
{
    size_t a, e;
    if (!rw_extent(src, c, &a, &e))
        return 0;
    switch (clang_getCursorKind(c)) {
    case CXCursor_CompoundStmt:
        return e;
    case CXCursor_IfStmt: case CXCursor_ForStmt: case CXCursor_WhileStmt:
    case CXCursor_SwitchStmt: case CXCursor_LabelStmt: case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt: {
        CXCursor *kids;
        unsigned n = rw_children(c, &kids);
        size_t r = n ? rw_stmt_end(src, kids[n - 1]) : e;
        free(kids);
        return r > e ? r : e;
    }
    default:
        if (e > 0 && src->buf[e - 1] == ';')
            return e;
        {
            struct rw_tok t = tok_at(src, e);
            if (rw_tok_is(src->buf, &t, ";"))
                return t.off + 1;
        }
        return e;
    }
}

static const char *const forms =
    "'v++', '++v', 'v--', '--v', 'v += s', 'v -= s', 'v = v + s', 'v = s + v' or 'v = v - s'";

/* Type checks of a bound or step expression c for a loop over var. */
static int check_bound(const struct rw_src *src, CXCursor c, const struct rw_level *lv,
                       const char *what, int pointer_ok)
{
    size_t a, b, r;
    rw_extent(src, c, &a, &b);
    CXType t = clang_getCursorType(rw_strip(c, 0));
    enum CXTypeKind k = clang_getCanonicalType(t).kind;
    int ok = pointer_ok ? k == CXType_Pointer || k == CXType_ConstantArray ||
                              k == CXType_IncompleteArray || k == CXType_VariableArray
                        : rw_type_is_integer(t) || k == CXType_Enum;
    if (!ok) {
        char *ts = rw_type_spelling(t);
        rw_error(a, "%s of the loop over '%s' must have %s type (it has type '%s')", what,
                 lv->name, pointer_ok ? "pointer" : "integer", ts);
        free(ts);
        return -1;
    }
    if (rw_find_ref(src, c, &lv->var, 1, &r) >= 0) {
        rw_error(r, "%s of the loop must not use the loop variable '%s'", what, lv->name);
        return -1;
    }
    return 0;
}

/* The step text for a step expression s (text st) added to the variable,
 * or subtracted from it when neg.  A signed s gives `(st)` or `-(st)`.  An
 * unsigned s is converted explicitly: -(s) on an unsigned int is a large
 * positive number (`i -= 3u` would step by 4294967293), and the implicit
 * conversion of a 64-bit unsigned value to mploop_i64 warns under
 * -Wsign-conversion. */
static char *step_text(CXCursor s, const char *st, int neg)
{
    CXType t = clang_getCanonicalType(clang_getCursorType(rw_strip(s, 0)));
    if (t.kind == CXType_Enum)
        t = clang_getCanonicalType(clang_getEnumDeclIntegerType(clang_getTypeDeclaration(t)));
    if (rw_type_is_integer(t) && !rw_type_is_signed(t))
        return neg ? rw_xasprintf("(mploop_i64)-(mploop_u64)(%s)", st)
                   : rw_xasprintf("(mploop_i64)(%s)", st);
    return rw_xasprintf("%s(%s)", neg ? "-" : "", st);
}

/* Whether c, with implicit conversions (and parentheses when parens) removed,
 * is a binary operator with two operands; if so store it in *e and its
 * operands in ops. */
static int binary_parts(CXCursor c, int parens, CXCursor *e, CXCursor ops[2])
{
    *e = rw_strip(c, parens);
    if (clang_getCursorKind(*e) != CXCursor_BinaryOperator)
        return 0;
    CXCursor *kids;
    unsigned n = rw_children(*e, &kids);
    if (n == 2) {
        ops[0] = kids[0];
        ops[1] = kids[1];
    }
    free(kids);
    return n == 2;
}

/* Locate the header of for statement f (see rewriter.h). */
int rw_for_parts(const struct rw_src *src, CXCursor f, struct rw_for_parts *h)
{
    memset(h, 0, sizeof *h);
    h->init = h->cond = h->inc = h->body = clang_getNullCursor();
    if (!rw_loc_off(src, clang_getRangeStart(clang_getCursorExtent(f)), &h->for_off))
        return RW_FOR_MACRO_LOOP;
    struct rw_tok t = tok_at(src, h->for_off), lp;
    if (!rw_tok_is(src->buf, &t, "for"))
        return RW_FOR_MACRO_LOOP;
    size_t pos = rw_lex(src->buf, src->len, t.off + t.len, 0, &lp);
    h->lparen = lp.off;
    if (!rw_tok_is(src->buf, &lp, "("))
        return RW_FOR_MACRO_HEADER;
    int depth = 1, nsemi = 0;
    while (!h->rparen) {
        pos = rw_lex(src->buf, src->len, pos, 0, &t);
        if (t.kind == RW_T_EOF)
            return RW_FOR_MACRO_HEADER;
        if (t.kind != RW_T_PUNCT)
            continue;
        if (rw_tok_is(src->buf, &t, "(") || rw_tok_is(src->buf, &t, "[") ||
            rw_tok_is(src->buf, &t, "{"))
            depth++;
        else if (rw_tok_is(src->buf, &t, ")") || rw_tok_is(src->buf, &t, "]") ||
                 rw_tok_is(src->buf, &t, "}")) {
            if (--depth == 0)
                h->rparen = t.off;
        } else if (depth == 1 && rw_tok_is(src->buf, &t, ";") && nsemi < 2)
            h->semi[nsemi++] = t.off;
    }
    if (nsemi != 2)
        return RW_FOR_MACRO_HEADER;

    CXCursor *kids;
    unsigned n = rw_children(f, &kids);
    for (unsigned i = 0; i < n; i++) {
        size_t a, b;
        if (!rw_extent(src, kids[i], &a, &b))
            continue;
        if (i == n - 1 && a >= h->rparen)
            h->body = kids[i];
        else if (a < h->semi[0])
            h->init = kids[i];
        else if (a < h->semi[1])
            h->cond = kids[i];
        else if (a < h->rparen)
            h->inc = kids[i];
    }
    size_t last_start;
    int last_here = n > 0 && rw_loc_off(src, clang_getRangeStart(clang_getCursorExtent(kids[n - 1])),
                                        &last_start);
    free(kids);
    if (clang_Cursor_isNull(h->body))
        return last_here || n == 0 ? RW_FOR_NO_BODY : RW_FOR_BODY_ELSEWHERE;
    return RW_FOR_OK;
}

/* Locate the header of for statement f (starting at lv->for_off) with
 * rw_for_parts and set lv->rparen_end.  Returns 0, or -1 after reporting a
 * header or body that a macro produced or that is missing. */
static int find_header(const struct rw_src *src, CXCursor f, struct rw_level *lv,
                       struct rw_for_parts *h)
{
    int rc = rw_for_parts(src, f, h);
    switch (rc) {
    case RW_FOR_MACRO_LOOP:
        rw_error(lv->for_off, "the for loop is produced by a macro; write the for statement out");
        return -1;
    case RW_FOR_MACRO_HEADER:
        rw_error(h->lparen, "the loop header must be written out, not produced by a macro");
        return -1;
    default:
        break;
    }
    lv->rparen_end = h->rparen + 1;
    if (rc == RW_FOR_NO_BODY || rc == RW_FOR_BODY_ELSEWHERE) {
        rw_error(h->rparen + 1, rc == RW_FOR_NO_BODY ? "expected a loop body"
                                                     : "the loop body must be written in this file");
        return -1;
    }
    return 0;
}

/* The init part (clang's checkAndSetInit): `T v = lb` or `v = lb`.  Sets the
 * loop variable of lv (var, name, declared, type, is_ptr, is_signed, cast)
 * and its initial value (lb, lb_c), and checks the variable's type and the
 * value.  h->semi[0] locates an empty init.  Returns 0, or -1 after
 * reporting. */
static int check_init(const struct rw_src *src, const struct rw_for_parts *h, struct rw_level *lv)
{
    CXCursor init = h->init, lb = clang_getNullCursor();
    size_t ia = h->semi[0], ib;
    if (!clang_Cursor_isNull(init))
        rw_extent(src, init, &ia, &ib);
    if (clang_getCursorKind(init) == CXCursor_DeclStmt) {
        CXCursor *decls;
        unsigned nd = rw_children(init, &decls);
        if (nd != 1 || clang_getCursorKind(decls[0]) != CXCursor_VarDecl) {
            rw_error(ia, "loop init must declare exactly one variable ('T v = lb')");
            free(decls);
            return -1;
        }
        lv->var = decls[0];
        free(decls);
        CXCursor *vk;
        unsigned nv = rw_children(lv->var, &vk);
        if (nv && clang_isExpression(clang_getCursorKind(vk[nv - 1])))
            lb = vk[nv - 1];
        free(vk);
        if (clang_Cursor_isNull(lb)) {
            rw_error(ia, "loop variable must be initialized in the loop init ('T v = lb')");
            return -1;
        }
        lv->declared = 1;
        lv->type = rw_type_spelling(clang_getCursorType(lv->var));
        if (strchr(lv->type, '(') || strchr(lv->type, '[')) {
            char *t2 = rw_xasprintf("__typeof__(%s)", lv->type);
            free(lv->type);
            lv->type = t2;
        }
    } else {
        CXCursor e, ek[2];
        if (binary_parts(init, 0, &e, ek)) {
            CXCursor v = rw_named_var(ek[0]);
            if (rw_operator(src, e) == RW_OP_ASSIGN && !clang_Cursor_isNull(v)) {
                lv->var = v;
                lb = ek[1];
            }
        }
        if (clang_Cursor_isNull(lb)) {
            rw_error(ia, "loop init must have the form 'v = lb' or 'T v = lb'");
            return -1;
        }
    }
    lv->name = rw_spelling(lv->var);
    CXType vt = clang_getCursorType(lv->var);
    lv->is_ptr = rw_type_is_pointer(vt);
    lv->cast = clang_isVolatileQualifiedType(vt) ? "(void *)" : "";
    int is_enum = clang_getCanonicalType(vt).kind == CXType_Enum;
    lv->is_signed = is_enum ? rw_type_is_signed(clang_getEnumDeclIntegerType(
                                  clang_getTypeDeclaration(clang_getCanonicalType(vt))))
                            : rw_type_is_signed(vt);
    if (lv->is_ptr) {
        enum CXTypeKind pk = clang_getCanonicalType(clang_getPointeeType(vt)).kind;
        if (pk == CXType_Void || pk == CXType_FunctionProto || pk == CXType_FunctionNoProto) {
            char *ts = rw_type_spelling(vt);
            rw_error(ia, "loop variable '%s' must point to an object type to step through "
                         "memory (it has type '%s')", lv->name, ts);
            free(ts);
            return -1;
        }
    } else if (!(rw_type_is_integer(vt) || is_enum) || clang_Type_getSizeOf(vt) > 8 ||
               clang_getCanonicalType(vt).kind == CXType_Bool) {
        char *ts = rw_type_spelling(vt);
        rw_error(ia, "loop variable '%s' must have an integer type of at most 64 bits or a "
                     "pointer type (it has type '%s')", lv->name, ts);
        free(ts);
        return -1;
    }
    if (clang_Cursor_getStorageClass(lv->var) == CX_SC_Register && !lv->declared) {
        rw_error(ia, "loop variable '%s' must not be declared 'register'", lv->name);
        return -1;
    }
    if (check_bound(src, lb, lv, "the initial value", lv->is_ptr))
        return -1;
    lv->lb_c = lb;
    lv->lb = cursor_text(src, lb);
    return 0;
}

/* The test part (clang's checkAndSetCond): `v OP ub` or `ub OP v` with OP
 * one of < <= > >= !=.  Sets lv->test (the variable on the left), lv->ub_c
 * and lv->ub, and checks the bound.  h->semi[1] locates an empty test.
 * Returns 0, or -1 after reporting. */
static int check_cond(const struct rw_src *src, const struct rw_for_parts *h, struct rw_level *lv)
{
    int ok = 0;
    size_t ca = h->semi[1], cb;
    CXCursor e, ek[2];
    if (!clang_Cursor_isNull(h->cond)) {
        rw_extent(src, h->cond, &ca, &cb);
        if (binary_parts(h->cond, 0, &e, ek)) {
            /* enum mploop_test order, and the test with the operands swapped */
            static const enum rw_op ops[] = { RW_OP_LT, RW_OP_LE, RW_OP_GT, RW_OP_GE, RW_OP_NE };
            static const int flip[] = { MPLOOP_GT, MPLOOP_GE, MPLOOP_LT, MPLOOP_LE, MPLOOP_NE };
            enum rw_op op = rw_operator(src, e);
            for (int i = 0; i < 5; i++)
                if (op == ops[i]) {
                    if (is_var(src, ek[0], lv->var)) {
                        lv->test = i;
                        lv->ub_c = ek[1];
                        ok = 1;
                    } else if (is_var(src, ek[1], lv->var)) {
                        lv->test = flip[i];
                        lv->ub_c = ek[0];
                        ok = 1;
                    }
                }
        }
    }
    if (!ok) {
        rw_error(ca, "loop test must compare the loop variable '%s' with <, <=, >, >= or !=",
                 lv->name);
        return -1;
    }
    if (check_bound(src, lv->ub_c, lv, "the bound", lv->is_ptr))
        return -1;
    lv->ub = cursor_text(src, lv->ub_c);
    return 0;
}

/* The step of `v = v + s`, `v = s + v` or `v = v - s` whose right-hand side
 * is rhs: stores s in *s and whether it is subtracted in *neg; 0 when rhs
 * has none of these forms. */
static int assign_step(const struct rw_src *src, CXCursor rhs, CXCursor var, CXCursor *s, int *neg)
{
    CXCursor r, rk[2];
    if (!binary_parts(rhs, 1, &r, rk))
        return 0;
    enum rw_op rop = rw_operator(src, r);
    int plus = rop == RW_OP_ADD, minus = rop == RW_OP_SUB;
    *neg = 0;
    if ((plus || minus) && is_var(src, rk[0], var)) {
        *s = rk[1];
        *neg = minus;
        return 1;
    }
    if (plus && is_var(src, rk[1], var)) {
        *s = rk[0];
        return 1;
    }
    return 0;
}

/* The increment part (clang's checkAndSetInc): `v++`, `++v`, `v--`, `--v`,
 * `v += s`, `v -= s`, `v = v + s`, `v = s + v` or `v = v - s`.  Sets
 * lv->step (signed text) and lv->st_c (null for ++ and --), and checks the
 * step.  h->rparen locates an empty increment.  Returns 0, or -1 after
 * reporting. */
static int check_inc(const struct rw_src *src, const struct rw_for_parts *h, struct rw_level *lv)
{
    int ok = 0;
    size_t na = h->rparen, nb;
    if (!clang_Cursor_isNull(h->inc)) {
        rw_extent(src, h->inc, &na, &nb);
        CXCursor e = rw_strip(h->inc, 1);
        enum CXCursorKind k = clang_getCursorKind(e);
        CXCursor *ek = NULL;
        unsigned ne = rw_children(e, &ek);
        enum rw_op op = rw_operator(src, e);
        CXCursor s = clang_getNullCursor();
        int neg = 0;
        if (k == CXCursor_UnaryOperator && ne == 1 && is_var(src, ek[0], lv->var)) {
            if (op == RW_OP_PRE_INC || op == RW_OP_POST_INC) {
                lv->step = rw_xstrndup("1", 1);
                ok = 1;
            } else if (op == RW_OP_PRE_DEC || op == RW_OP_POST_DEC) {
                lv->step = rw_xstrndup("-1", 2);
                ok = 1;
            }
        } else if (k == CXCursor_CompoundAssignOperator && ne == 2 && is_var(src, ek[0], lv->var)) {
            neg = op == RW_OP_SUB_ASSIGN;
            if (neg || op == RW_OP_ADD_ASSIGN)
                s = ek[1];
        } else if (k == CXCursor_BinaryOperator && ne == 2 && is_var(src, ek[0], lv->var) &&
                   op == RW_OP_ASSIGN) {
            assign_step(src, ek[1], lv->var, &s, &neg);
        }
        if (!clang_Cursor_isNull(s)) {
            lv->st_c = s;
            char *st = cursor_text(src, s);
            lv->step = step_text(s, st, neg);
            free(st);
            ok = 1;
        }
        free(ek);
    }
    if (!ok) {
        rw_error(na, "loop increment must be %s with the loop variable '%s'", forms, lv->name);
        return -1;
    }
    if (!clang_Cursor_isNull(lv->st_c) && check_bound(src, lv->st_c, lv, "the step", 0))
        return -1;
    return 0;
}

/* Analyse the header of for statement f into lv, part by part as clang's
 * OpenMPIterationSpaceChecker does (init, test, increment); store its body
 * in *body.  Returns 0, or -1 after reporting the first problem. */
static int analyse_level(const struct rw_src *src, CXCursor f, struct rw_level *lv,
                         CXCursor *body)
{
    struct rw_for_parts h;
    size_t fs = 0;
    /* callers pass loops that start in the main file */
    rw_loc_off(src, clang_getRangeStart(clang_getCursorExtent(f)), &fs);
    lv->for_stmt = f;
    lv->for_off = fs;
    lv->st_c = clang_getNullCursor();
    *body = clang_getNullCursor();
    if (find_header(src, f, lv, &h))
        return -1;
    *body = h.body;
    if (check_init(src, &h, lv) || check_cond(src, &h, lv) || check_inc(src, &h, lv))
        return -1;
    return 0;
}

/* Analyse every level of l's nest, check collapse's nesting, and locate the innermost body and
 * the end of the statement. */
int rw_analyse_loop(const struct rw_src *src, struct rw_loop *l)
{
    CXCursor f = l->site.for_stmt, body = clang_getNullCursor();
    l->nlv = 0;
    for (int j = 0; j < l->pragma->collapse; j++) {
        struct rw_level *lv = &l->lv[l->nlv];
        if (analyse_level(src, f, lv, &body))
            return -1;
        l->nlv++;
        /* rectangular: bounds and steps must not use outer loop variables */
        for (unsigned i = 0; i + 1 < l->nlv; i++) {
            CXCursor outer = l->lv[i].var;
            CXCursor parts[3] = { lv->lb_c, lv->ub_c, lv->st_c };
            for (int q = 0; q < 3; q++) {
                size_t r;
                if (!clang_Cursor_isNull(parts[q]) && rw_find_ref(src, parts[q], &outer, 1, &r) >= 0) {
                    rw_error(r, "'collapse' needs rectangular loops: the bounds and step of the "
                             "loop over '%s' must not use the outer loop variable '%s'",
                             lv->name, l->lv[i].name);
                    return -1;
                }
            }
            if (clang_equalCursors(outer, lv->var)) {
                rw_error(lv->for_off, "collapsed loops must use different loop variables");
                return -1;
            }
        }
        if (j + 1 == l->pragma->collapse)
            break;
        /* the next loop must be the only statement of this body */
        CXCursor inner = body;
        if (clang_getCursorKind(body) == CXCursor_CompoundStmt) {
            CXCursor *kids;
            unsigned n = rw_children(body, &kids);
            inner = n == 1 ? kids[0] : clang_getNullCursor();
            free(kids);
        }
        size_t ba = lv->rparen_end;
        rw_loc_off(src, clang_getRangeStart(clang_getCursorExtent(body)), &ba);
        if (clang_Cursor_isNull(inner) || clang_getCursorKind(inner) != CXCursor_ForStmt) {
            rw_error(ba, "'collapse(%d)' needs %d perfectly nested loops: the body of the loop "
                     "over '%s' must be a for loop and nothing else",
                     l->pragma->collapse, l->pragma->collapse, lv->name);
            rw_note(l->pragma->collapse_off, "collapse requested here");
            return -1;
        }
        /* nothing but comments between `{` and the inner loop (no pragma,
         * no directive: the header region is replaced as a whole) */
        size_t ia2;
        if (!rw_loc_off(src, clang_getRangeStart(clang_getCursorExtent(inner)), &ia2)) {
            rw_error(lv->rparen_end, "the inner loop must be written in this file");
            return -1;
        }
        {
            struct rw_tok t;
            size_t pos = rw_lex(src->buf, src->len, lv->rparen_end, 0, &t);
            if (rw_tok_is(src->buf, &t, "{"))
                rw_lex(src->buf, src->len, pos, 0, &t);
            if (t.off < ia2) {
                rw_error(t.off, "'collapse' needs perfectly nested loops: nothing may come "
                         "before the inner loop");
                return -1;
            }
        }
        f = inner;
    }
    l->body = body;
    if (!rw_extent(src, body, &l->body_start, &l->body_end)) {
        rw_error(l->lv[l->nlv - 1].rparen_end, "the loop body must be written in this file");
        return -1;
    }
    l->body_end = rw_stmt_end(src, body);
    l->end = rw_stmt_end(src, l->site.for_stmt);
    if (l->end < l->body_end)
        l->end = l->body_end;
    /* for collapse, only braces may follow the innermost body */
    for (size_t pos = l->body_end; pos < l->end;) {
        struct rw_tok t;
        pos = rw_lex(src->buf, src->len, pos, 0, &t);
        if (t.off >= l->end)
            break;
        if (!rw_tok_is(src->buf, &t, "}")) {
            rw_error(t.off, "'collapse' needs perfectly nested loops: nothing may follow the "
                     "inner loop");
            return -1;
        }
    }
    if (!rw_loc_off(src, clang_getRangeStart(clang_getCursorExtent(l->site.func)),
                    &l->func_start))
        l->func_start = l->lv[0].for_off; /* not reached: the function holds the pragma */
    return 0;
}
