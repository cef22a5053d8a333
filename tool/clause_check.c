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
        if (!array_param && clang_getCanonicalType(t).kind != CXType_VariableArray &&
            clang_Type_getSizeOf(t) < 0) {
            char *ts = rw_type_spelling(t);
            rw_error(v->off, "variable '%s' in '%s' clause has incomplete type '%s'", v->name,
                     cl, ts);
            free(ts);
            rc = -1;
            continue;
        }
        if (v->kind == RW_REDUCTION) {
            char *ts = rw_type_spelling(t);
            if (!rw_type_is_arith(t)) {
                rw_error(v->off, "reduction variable '%s' must have an arithmetic type (it has "
                                      "type '%s')", v->name, ts);
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
