/*
 * clause_check.c - what the names in data clauses refer to.
 *
 * clause_parse.c checked the clause syntax; here each listed name is resolved to
 * the variable visible at the loop (the innermost local of that name, else a
 * global), and refused when the generated code could not save, restore or
 * combine it: undeclared names, `register` and const variables, reductions
 * over non-arithmetic types or bitwise reductions over floating types.
 */
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

/* The variable named name visible at loop l, or a null cursor. */
static CXCursor lookup(const struct rw_src *src, const struct rw_loop *l,
                       const char *name, const CXCursor *globals, unsigned nglobals)
{
    for (unsigned i = l->site.nvisible; i-- > 0;) {
        CXString s = clang_getCursorSpelling(l->site.visible[i]);
        int eq = !strcmp(clang_getCString(s), name);
        clang_disposeString(s);
        if (eq)
            return l->site.visible[i];
    }
    for (unsigned i = nglobals; i-- > 0;) {
        size_t off;
        if (rw_loc_off(src, clang_getCursorLocation(globals[i]), &off) &&
            off > l->lv[0].for_off)
            continue; /* declared after the loop */
        CXString s = clang_getCursorSpelling(globals[i]);
        int eq = !strcmp(clang_getCString(s), name);
        clang_disposeString(s);
        if (eq)
            return globals[i];
    }
    return clang_getNullCursor();
}

/* Whether declared reduction v->udr is for type t (of v, or of its
 * elements); reports why not. */
static int check_declared_type(const struct rw_src *src, const struct rw_var *v, CXType t)
{
    if (rw_declare_type_matches(src, v->udr, t))
        return 0;
    char *ts = rw_type_spelling(t);
    rw_error(v->off, "reduction '%s' is declared for type '%s', not for '%s' ('%s')",
             v->udr_name, v->udr->type, ts, v->name);
    rw_note(v->udr->name_off, "reduction '%s' is declared here", v->udr_name);
    free(ts);
    return -1;
}

/* Whether the type of the elements of array or section v, t, suits its
 * operator: arithmetic, not const (nor ro), integer for a bitwise operator.
 * Reports why not at v's name (of: "" for an array, "the elements of"
 * for a section). */
static int check_reduction_type(const struct rw_src *src, const struct rw_var *v, CXType t,
                                int ro, const char *of)
{
    if (v->op == RW_RED_USER)
        return check_declared_type(src, v, t);
    char *ts = rw_type_spelling(t);
    int rc = -1;
    if (!rw_type_is_arith(t))
        rw_error(v->off, "reduction over %s%s'%s' needs an arithmetic element type (it is '%s')",
                 of, *of ? " " : "", v->name, ts);
    else if (ro || clang_isConstQualifiedType(t))
        rw_error(v->off, "reduction over %s%s'%s', whose elements are const", of,
                 *of ? " " : "", v->name);
    else if (rw_type_is_floating(t) &&
             (v->op == RW_RED_AND || v->op == RW_RED_OR || v->op == RW_RED_XOR))
        rw_error(v->off, "bitwise reduction over %s%s'%s' of floating type '%s'", of,
                 *of ? " " : "", v->name, ts);
    else
        rc = 0;
    free(ts);
    return rc;
}

/* The type of the section bound expr, when the rewriter can tell it: a
 * name visible at loop l, or a floating literal (*floating set).  Returns
 * 1 when expr is known not to be an integer, after setting *ts to its type
 * (heap). */
static int not_integer(const struct rw_src *src, const struct rw_loop *l, const char *expr,
                       const CXCursor *globals, unsigned nglobals, char **ts)
{
    size_t n = strlen(expr);
    struct rw_tok t;
    size_t after = rw_lex(expr, n, 0, 0, &t);
    struct rw_tok u;
    rw_lex(expr, n, after, 0, &u);
    if (u.kind != RW_T_EOF)
        return 0; /* an expression: _Static_assert in the generated code */
    if (t.kind == RW_T_NUMBER) {
        int hex = n > 1 && expr[0] == '0' && (expr[1] == 'x' || expr[1] == 'X');
        if (strchr(expr, '.') || (hex ? strpbrk(expr, "pP") : strpbrk(expr, "eE"))) {
            *ts = rw_xasprintf("double");
            return 1;
        }
        return 0;
    }
    if (t.kind != RW_T_IDENT)
        return 0;
    CXCursor d = lookup(src, l, expr, globals, nglobals);
    if (clang_Cursor_isNull(d))
        return 0;
    CXType ty = clang_getCursorType(d);
    if (rw_type_is_integer(ty) || clang_getCanonicalType(ty).kind == CXType_Enum)
        return 0;
    *ts = rw_type_spelling(ty);
    return 1;
}

/* What collect_refs gathers: the references to decl in a body. */
struct refs {
    const struct rw_src *src;
    struct rw_var *v;
    int bad;
};

/* Visitor: record each reference to the reduction array v, refusing one
 * the rewriter cannot replace (written by a macro). */
static enum CXChildVisitResult collect_refs(CXCursor c, CXCursor parent, CXClientData d)
{
    struct refs *r = d;
    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_DeclRefExpr ||
        !clang_equalCursors(clang_getCursorReferenced(c), r->v->decl))
        return CXChildVisit_Recurse;
    size_t a, b;
    char *text = rw_extent(r->src, c, &a, &b) ? rw_text(r->src, a, b) : NULL;
    if (!text || strcmp(text, r->v->name)) {
        if (!r->bad)
            rw_error(a, "reduction array '%s' is named by a macro here; mploop cannot redirect "
                     "this use to the private copy: write the name in the loop body",
                     r->v->name);
        r->bad = 1;
    } else {
        r->v->refs = rw_xrealloc(r->v->refs, (r->v->nrefs + 1) * 2 * sizeof *r->v->refs);
        r->v->refs[2 * r->v->nrefs] = a;
        r->v->refs[2 * r->v->nrefs + 1] = b;
        r->v->nrefs++;
    }
    free(text);
    return CXChildVisit_Continue;
}

/* Check reduction variable v of loop l, of type t, that is an array or has
 * a section, and record what emit.c needs: its dimensions, the body's
 * references to it.  Returns 0, or -1 after reporting an error. */
static int check_array_reduction(const struct rw_src *src, struct rw_loop *l,
                                 struct rw_var *v, CXType t, const CXCursor *globals,
                                 unsigned nglobals)
{
    CXType k = clang_getCanonicalType(t);
    char *ts = rw_type_spelling(t);
    int rc = 0;
    if (v->sec_lo) {
        int ptr = k.kind == CXType_Pointer;
        if (!ptr && k.kind != CXType_ConstantArray && k.kind != CXType_VariableArray &&
            k.kind != CXType_IncompleteArray) {
            rw_error(v->sec_off, "array section on '%s', which is neither a pointer nor an "
                     "array (it has type '%s')", v->name, ts);
            free(ts);
            return -1;
        }
        rc = check_reduction_type(src, v, ptr ? clang_getPointeeType(k) : clang_getArrayElementType(k),
                                  !ptr && clang_isConstQualifiedType(k), "the elements of");
        const char *bound[2] = { v->sec_lo, v->sec_len };
        for (int i = 0; i < 2 && !rc; i++) {
            char *bt = NULL;
            if (not_integer(src, l, bound[i], globals, nglobals, &bt)) {
                rw_error(v->sec_off, "the %s of the array section of '%s' must be an integer, "
                         "not '%s' of type '%s'", i ? "length" : "lower bound", v->name,
                         bound[i], bt);
                rc = -1;
            }
            free(bt);
        }
    } else if (k.kind == CXType_IncompleteArray) {
        rw_error(v->off, "reduction array '%s' has unknown size ('%s'): name the elements to "
                 "reduce with a section, '%s[lower-bound:length]'", v->name, ts, v->name);
        rc = -1;
    } else {
        CXType e = k;
        int ro = 0; /* clang hoists the elements' qualifiers to the array */
        v->dims = 0;
        while (e.kind == CXType_ConstantArray || e.kind == CXType_VariableArray) {
            ro |= clang_isConstQualifiedType(e);
            e = clang_getCanonicalType(clang_getArrayElementType(e));
            v->dims++;
        }
        rc = check_reduction_type(src, v, e, ro, "");
    }
    free(ts);
    if (rc)
        return rc;
    v->array = 1;
    v->cast = clang_isVolatileQualifiedType(t) ? "(void *)" : "";
    v->szarg = rw_xasprintf("%s", v->name);
    struct refs r = { src, v, 0 };
    clang_visitChildren(l->body, collect_refs, &r);
    return r.bad ? -1 : 0;
}

/* Resolve the clause variables of l in its scope and check that the generated code can handle
 * them; drops the loop variable from private-like clauses. */
int rw_check_clauses(const struct rw_src *src, struct rw_loop *l,
                     const CXCursor *globals, unsigned nglobals)
{
    struct rw_pragma *p = l->pragma;
    int rc = 0;
    unsigned kept = 0;
    for (unsigned i = 0; i < p->nvars; i++) {
        struct rw_var *v = &p->vars[i];
        const char *cl = rw_var_kind_name(v->kind);
        v->decl = lookup(src, l, v->name, globals, nglobals);
        if (clang_Cursor_isNull(v->decl)) {
            rw_error(v->off, "use of undeclared identifier '%s' in '%s' clause", v->name, cl);
            rc = -1;
            continue;
        }
        int is_loop_var = 0;
        for (unsigned j = 0; j < l->nlv; j++)
            if (clang_equalCursors(v->decl, l->lv[j].var))
                is_loop_var = 1;
        if (is_loop_var) {
            if (v->kind == RW_REDUCTION || v->kind == RW_SHARED) {
                rw_error(v->off, "loop variable '%s' cannot appear in a '%s' clause",
                         v->name, cl);
                rc = -1;
            }
            /* private/lastprivate of the loop variable: it is handled already */
            continue;
        }
        if (v->kind == RW_REDUCTION && v->op == RW_RED_USER &&
            !(v->udr = rw_declare_find(v->udr_name, l->lv[0].for_off))) {
            rw_error(v->udr_off, "unknown reduction '%s': declare it before the loop with "
                     "'#pragma mploop declare reduction(%s : type : combiner)'", v->udr_name,
                     v->udr_name);
            rc = -1;
            continue;
        }
        CXType t = clang_getCursorType(v->decl);
        if (clang_Cursor_getStorageClass(v->decl) == CX_SC_Register) {
            rw_error(v->off, "variable '%s' is declared 'register' and cannot appear in a '%s' "
                                  "clause", v->name, cl);
            rc = -1;
            continue;
        }
        if (clang_isConstQualifiedType(t)) {
            rw_error(v->off, "variable '%s' is const and cannot appear in a '%s' clause",
                     v->name, cl);
            rc = -1;
            continue;
        }
        if (v->kind == RW_SHARED &&
            clang_getCanonicalType(t).kind == CXType_VariableArray) {
            rw_error(v->off, "variable-length array '%s' cannot appear in a 'shared' clause; "
                     "allocate it with mploop_shared_alloc instead", v->name);
            rc = -1;
            continue;
        }
        int array_param = rw_is_array_param(v->decl);
        if (v->kind == RW_REDUCTION &&
            (v->sec_lo || clang_getCanonicalType(t).kind == CXType_ConstantArray ||
             clang_getCanonicalType(t).kind == CXType_VariableArray ||
             clang_getCanonicalType(t).kind == CXType_IncompleteArray)) {
            if (check_array_reduction(src, l, v, t, globals, nglobals) < 0)
                rc = -1;
            else
                p->vars[kept++] = *v;
            continue;
        }
        if (!array_param && clang_getCanonicalType(t).kind != CXType_VariableArray &&
            clang_Type_getSizeOf(t) < 0) {
            char *ts = rw_type_spelling(t);
            rw_error(v->off, "variable '%s' in '%s' clause has incomplete type '%s'", v->name,
                     cl, ts);
            free(ts);
            rc = -1;
            continue;
        }
        if (v->kind == RW_REDUCTION && v->op == RW_RED_USER) {
            if (check_declared_type(src, v, t) < 0) {
                rc = -1;
                continue;
            }
        } else if (v->kind == RW_REDUCTION) {
            char *ts = rw_type_spelling(t);
            if (!rw_type_is_arith(t)) {
                rw_error(v->off, "reduction variable '%s' must have an arithmetic type (it has "
                                      "type '%s')", v->name, ts);
                if (rw_type_is_pointer(t))
                    rw_note(v->off, "to reduce the elements it points to, give a section: "
                            "'%s[lower-bound:length]'", v->name);
                rc = -1;
            } else if (rw_type_is_floating(t) &&
                       (v->op == RW_RED_AND || v->op == RW_RED_OR ||
                        v->op == RW_RED_XOR)) {
                rw_error(v->off, "bitwise reduction on '%s' of floating type '%s'", v->name, ts);
                rc = -1;
            }
            free(ts);
            if (rc)
                continue;
        }
        v->cast = clang_isVolatileQualifiedType(t) ? "(void *)" : "";
        v->szarg = array_param ? rw_xasprintf("__typeof__(%s)", v->name)
                               : rw_xasprintf("%s", v->name);
        p->vars[kept++] = *v;
    }
    if (!rc)
        p->nvars = kept;
    return rc;
}
