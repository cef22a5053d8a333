/*
 * ast.c - small helpers over libclang cursors.
 *
 * libclang's C API is verbose and has traps (implicit casts appear as
 * UnexposedExpr, typedefs hide canonical types, spelling locations differ
 * between versions).  The rest of the rewriter goes through these helpers,
 * which always use expansion locations and canonical types.
 */
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

/* Expansion offset of loc when it lies in the main file. */
int rw_loc_off(const struct rw_src *src, CXSourceLocation loc, size_t *off)
{
    CXFile f;
    unsigned o;
    clang_getExpansionLocation(loc, &f, NULL, NULL, &o);
    if (!f || !clang_File_isEqual(f, src->file))
        return 0;
    *off = o;
    return 1;
}

/* Expansion offsets of c's extent; 0 when not in the main file. */
int rw_extent(const struct rw_src *src, CXCursor c, size_t *start, size_t *end)
{
    CXSourceRange r = clang_getCursorExtent(c);
    return rw_loc_off(src, clang_getRangeStart(r), start) &&
           rw_loc_off(src, clang_getRangeEnd(r), end);
}

struct kids {
    CXCursor *v;
    unsigned n, cap;
};

/* Visitor appending each child to the array in d. */
static enum CXChildVisitResult collect(CXCursor c, CXCursor parent, CXClientData d)
{
    struct kids *k = d;
    (void)parent;
    if (k->n == k->cap) {
        k->cap = k->cap ? 2 * k->cap : 8;
        k->v = rw_xrealloc(k->v, k->cap * sizeof *k->v);
    }
    k->v[k->n++] = c;
    return CXChildVisit_Continue;
}

/* Direct children of c in a new array (caller frees). */
unsigned rw_children(CXCursor c, CXCursor **out)
{
    struct kids k = { 0 };
    clang_visitChildren(c, collect, &k);
    *out = k.v;
    return k.n;
}

CXCursor rw_strip(CXCursor c, int parens)
{
    for (;;) {
        enum CXCursorKind k = clang_getCursorKind(c);
        if (k != CXCursor_UnexposedExpr && !(parens && k == CXCursor_ParenExpr))
            return c;
        CXCursor *kids;
        unsigned n = rw_children(c, &kids);
        if (n != 1) {
            free(kids);
            return c;
        }
        if (k == CXCursor_UnexposedExpr &&
            !clang_equalRanges(clang_getCursorExtent(c), clang_getCursorExtent(kids[0]))) {
            free(kids);
            return c;
        }
        c = kids[0];
        free(kids);
    }
}

CXCursor rw_named_var(CXCursor c)
{
    c = rw_strip(c, 0);
    if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
        return clang_getNullCursor();
    CXCursor d = clang_getCursorReferenced(c);
    enum CXCursorKind k = clang_getCursorKind(d);
    if (k != CXCursor_VarDecl && k != CXCursor_ParmDecl)
        return clang_getNullCursor();
    return d;
}

/* c's spelling as a new heap string. */
char *rw_spelling(CXCursor c)
{
    CXString s = clang_getCursorSpelling(c);
    char *r = strdup(clang_getCString(s));
    clang_disposeString(s);
    if (!r)
        abort();
    return r;
}

/* t's spelling as a new heap string. */
char *rw_type_spelling(CXType t)
{
    CXString s = clang_getTypeSpelling(t);
    char *r = strdup(clang_getCString(s));
    clang_disposeString(s);
    if (!r)
        abort();
    return r;
}

/* Integer types and _Bool by canonical kind (enums are not). */
int rw_type_is_integer(CXType t)
{
    switch (clang_getCanonicalType(t).kind) {
    case CXType_Bool: case CXType_Char_U: case CXType_UChar: case CXType_Char16:
    case CXType_Char32: case CXType_UShort: case CXType_UInt: case CXType_ULong:
    case CXType_ULongLong: case CXType_UInt128: case CXType_Char_S: case CXType_SChar:
    case CXType_WChar: case CXType_Short: case CXType_Int: case CXType_Long:
    case CXType_LongLong: case CXType_Int128:
        return 1;
    default:
        return 0;
    }
}

/* Signed integer types by canonical kind. */
int rw_type_is_signed(CXType t)
{
    switch (clang_getCanonicalType(t).kind) {
    case CXType_Char_S: case CXType_SChar: case CXType_WChar: case CXType_Short:
    case CXType_Int: case CXType_Long: case CXType_LongLong: case CXType_Int128:
        return 1;
    default:
        return 0;
    }
}

/* Floating types by canonical kind. */
int rw_type_is_floating(CXType t)
{
    switch (clang_getCanonicalType(t).kind) {
    case CXType_Float: case CXType_Double: case CXType_LongDouble: case CXType_Float128:
    case CXType_Half: case CXType_Float16:
        return 1;
    default:
        return 0;
    }
}

/* Integer, enumeration and floating types. */
int rw_type_is_arith(CXType t)
{
    return rw_type_is_integer(t) || rw_type_is_floating(t) ||
           clang_getCanonicalType(t).kind == CXType_Enum;
}

/* Pointer types by canonical kind. */
int rw_type_is_pointer(CXType t)
{
    return clang_getCanonicalType(t).kind == CXType_Pointer;
}

/* Whether decl is a parameter declared with an array type (it is a pointer). */
int rw_is_array_param(CXCursor decl)
{
    enum CXTypeKind k = clang_getCanonicalType(clang_getCursorType(decl)).kind;
    return clang_getCursorKind(decl) == CXCursor_ParmDecl &&
           (k == CXType_ConstantArray || k == CXType_IncompleteArray ||
            k == CXType_VariableArray || k == CXType_DependentSizedArray);
}

/* Whether decl is declared outside [start, end) of the main file (or in another file). */
int rw_decl_outside(const struct rw_src *src, CXCursor decl, size_t start, size_t end)
{
    size_t off;
    if (!rw_loc_off(src, clang_getCursorLocation(decl), &off))
        return 1;
    return off < start || off >= end;
}

struct refs {
    const struct rw_src *src;
    const CXCursor *decls;
    unsigned n;
    int found;
    size_t off;
};

/* Visitor stopping at the first reference to one of r->decls. */
static enum CXChildVisitResult find_ref_visit(CXCursor c, CXCursor parent, CXClientData d)
{
    struct refs *r = d;
    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_DeclRefExpr) {
        CXCursor ref = clang_getCursorReferenced(c);
        for (unsigned i = 0; i < r->n; i++)
            if (clang_equalCursors(ref, r->decls[i])) {
                r->found = (int)i;
                if (!rw_loc_off(r->src, clang_getCursorLocation(c), &r->off))
                    r->off = 0;
                return CXChildVisit_Break;
            }
    }
    return CXChildVisit_Recurse;
}

/* First reference in c (c included) to one of decls; index or -1. */
int rw_find_ref(const struct rw_src *src, CXCursor c, const CXCursor *decls,
                unsigned n, size_t *off)
{
    struct refs r = { src, decls, n, -1, 0 };
    if (find_ref_visit(c, clang_getNullCursor(), &r) == CXChildVisit_Break) {
        *off = r.off;
        return r.found;
    }
    clang_visitChildren(c, find_ref_visit, &r);
    *off = r.off;
    return r.found;
}

/* Copy of buf[start, end) of the main file. */
char *rw_text(const struct rw_src *src, size_t start, size_t end)
{
    return rw_xstrndup(src->buf + start, end - start);
}
