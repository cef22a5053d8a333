/*
 * ast.c - small helpers over libclang cursors.
 *
 * libclang's C API is verbose and has traps (implicit casts appear as
 * UnexposedExpr, typedefs hide canonical types, spelling locations differ
 * between versions).  The rest of the rewriter goes through these helpers,
 * which always use expansion locations and canonical types.  Operator kinds
 * have one entry point too, rw_operator: libclang reports them from LLVM 17
 * (chosen at compile time by CINDEX_VERSION_MINOR); before, the operator's
 * token is read from the file.
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

/* Expansion offset where c starts in the main file, or fallback. */
size_t rw_cursor_off(const struct rw_src *src, CXCursor c, size_t fallback)
{
    size_t off;
    return rw_loc_off(src, clang_getRangeStart(clang_getCursorExtent(c)), &off) ? off : fallback;
}

/* Offset just past the macro use whose name starts at off in the main
 * file: the name, and its parenthesized arguments when a `(` follows (a
 * function-like macro).  off itself when no identifier starts there. */
static size_t macro_use_end(const struct rw_src *src, size_t off)
{
    struct rw_tok t;
    size_t p = rw_lex(src->buf, src->len, off, 0, &t);
    if (t.kind != RW_T_IDENT || t.off != off)
        return off;
    size_t end = p, q = rw_lex(src->buf, src->len, p, 0, &t);
    if (t.kind != RW_T_PUNCT || !rw_tok_is(src->buf, &t, "("))
        return end;
    for (int depth = 1; depth > 0;) {
        q = rw_lex(src->buf, src->len, q, 0, &t);
        if (t.kind == RW_T_EOF)
            return end;
        if (t.kind == RW_T_PUNCT && rw_tok_is(src->buf, &t, "("))
            depth++;
        else if (t.kind == RW_T_PUNCT && rw_tok_is(src->buf, &t, ")"))
            depth--;
    }
    return q;
}

/* Expansion offsets of c's extent; 0 when not in the main file.  An
 * expression that a macro use produces entirely (`i < N` with `#define N
 * LB(100, n)`, as PolyBench's loop bounds are) can come back from libclang
 * as an empty range at the use: then the extent is the whole macro use,
 * name and arguments.  (Nothing else has an empty extent that starts at an
 * identifier.) */
int rw_extent(const struct rw_src *src, CXCursor c, size_t *start, size_t *end)
{
    CXSourceRange r = clang_getCursorExtent(c);
    if (!rw_loc_off(src, clang_getRangeStart(r), start) ||
        !rw_loc_off(src, clang_getRangeEnd(r), end))
        return 0;
    if (*end <= *start)
        *end = macro_use_end(src, *start);
    return 1;
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

/* c without the implicit conversions around it (an UnexposedExpr with one
 * child of the same extent), and without parentheses when parens. */
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

/* c without the parentheses around it (implicit conversions are kept: an
 * operand read as a value has one, a modified operand has none). */
CXCursor rw_strip_parens(CXCursor c)
{
    while (clang_getCursorKind(c) == CXCursor_ParenExpr) {
        CXCursor *kids;
        unsigned n = rw_children(c, &kids);
        CXCursor k = n == 1 ? kids[0] : c;
        free(kids);
        if (n != 1)
            break;
        c = k;
    }
    return c;
}

/* The VarDecl or ParmDecl that expression c (implicit conversions aside)
 * names directly, or a null cursor. */
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

/* Copy of libclang string s as a new heap string; disposes of s. */
static char *take_string(CXString s)
{
    char *r = rw_xstrdup(clang_getCString(s));
    clang_disposeString(s);
    return r;
}

/* c's spelling as a new heap string. */
char *rw_spelling(CXCursor c)
{
    return take_string(clang_getCursorSpelling(c));
}

/* t's spelling as a new heap string. */
char *rw_type_spelling(CXType t)
{
    return take_string(clang_getTypeSpelling(t));
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

/* Whether clang evaluates c to an integer (see rewriter.h). */
int rw_int_const(CXCursor c, long long *v)
{
    if (clang_Cursor_isNull(c))
        return 0;
    CXEvalResult r = clang_Cursor_Evaluate(c);
    if (!r)
        return 0;
    int ok = clang_EvalResult_getKind(r) == CXEval_Int;
    if (ok)
        *v = clang_EvalResult_getAsLongLong(r);
    clang_EvalResult_dispose(r);
    return ok;
}

/* Copy of buf[start, end) of the main file. */
char *rw_text(const struct rw_src *src, size_t start, size_t end)
{
    return rw_xstrndup(src->buf + start, end - start);
}

/* Spelling of each operator kind, indexed by enum rw_op. */
static const char *const op_spelling[] = {
    [RW_OP_NONE] = "", [RW_OP_OTHER] = "?",
    [RW_OP_MUL] = "*", [RW_OP_DIV] = "/", [RW_OP_REM] = "%", [RW_OP_ADD] = "+",
    [RW_OP_SUB] = "-", [RW_OP_SHL] = "<<", [RW_OP_SHR] = ">>", [RW_OP_LT] = "<",
    [RW_OP_GT] = ">", [RW_OP_LE] = "<=", [RW_OP_GE] = ">=", [RW_OP_EQ] = "==",
    [RW_OP_NE] = "!=", [RW_OP_AND] = "&", [RW_OP_XOR] = "^", [RW_OP_OR] = "|",
    [RW_OP_LAND] = "&&", [RW_OP_LOR] = "||", [RW_OP_ASSIGN] = "=",
    [RW_OP_MUL_ASSIGN] = "*=", [RW_OP_DIV_ASSIGN] = "/=", [RW_OP_REM_ASSIGN] = "%=",
    [RW_OP_ADD_ASSIGN] = "+=", [RW_OP_SUB_ASSIGN] = "-=", [RW_OP_SHL_ASSIGN] = "<<=",
    [RW_OP_SHR_ASSIGN] = ">>=", [RW_OP_AND_ASSIGN] = "&=", [RW_OP_XOR_ASSIGN] = "^=",
    [RW_OP_OR_ASSIGN] = "|=", [RW_OP_COMMA] = ",",
    [RW_OP_POST_INC] = "++", [RW_OP_POST_DEC] = "--", [RW_OP_PRE_INC] = "++",
    [RW_OP_PRE_DEC] = "--", [RW_OP_ADDR] = "&", [RW_OP_DEREF] = "*", [RW_OP_PLUS] = "+",
    [RW_OP_MINUS] = "-", [RW_OP_NOT] = "~", [RW_OP_LNOT] = "!",
};

/* The operator as written in the source: "<=", "++", ...; "" for RW_OP_NONE. */
const char *rw_op_spelling(enum rw_op op)
{
    return op_spelling[op];
}

#if CINDEX_VERSION_MINOR >= 64 /* LLVM 17: libclang reports operator kinds */

/* The kind of operator cursor c, from libclang. */
enum rw_op rw_operator(const struct rw_src *src, CXCursor c)
{
    (void)src;
    switch (clang_getCursorKind(c)) {
    case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator:
        switch (clang_getCursorBinaryOperatorKind(c)) {
        case CXBinaryOperator_Mul: return RW_OP_MUL;
        case CXBinaryOperator_Div: return RW_OP_DIV;
        case CXBinaryOperator_Rem: return RW_OP_REM;
        case CXBinaryOperator_Add: return RW_OP_ADD;
        case CXBinaryOperator_Sub: return RW_OP_SUB;
        case CXBinaryOperator_Shl: return RW_OP_SHL;
        case CXBinaryOperator_Shr: return RW_OP_SHR;
        case CXBinaryOperator_LT: return RW_OP_LT;
        case CXBinaryOperator_GT: return RW_OP_GT;
        case CXBinaryOperator_LE: return RW_OP_LE;
        case CXBinaryOperator_GE: return RW_OP_GE;
        case CXBinaryOperator_EQ: return RW_OP_EQ;
        case CXBinaryOperator_NE: return RW_OP_NE;
        case CXBinaryOperator_And: return RW_OP_AND;
        case CXBinaryOperator_Xor: return RW_OP_XOR;
        case CXBinaryOperator_Or: return RW_OP_OR;
        case CXBinaryOperator_LAnd: return RW_OP_LAND;
        case CXBinaryOperator_LOr: return RW_OP_LOR;
        case CXBinaryOperator_Assign: return RW_OP_ASSIGN;
        case CXBinaryOperator_MulAssign: return RW_OP_MUL_ASSIGN;
        case CXBinaryOperator_DivAssign: return RW_OP_DIV_ASSIGN;
        case CXBinaryOperator_RemAssign: return RW_OP_REM_ASSIGN;
        case CXBinaryOperator_AddAssign: return RW_OP_ADD_ASSIGN;
        case CXBinaryOperator_SubAssign: return RW_OP_SUB_ASSIGN;
        case CXBinaryOperator_ShlAssign: return RW_OP_SHL_ASSIGN;
        case CXBinaryOperator_ShrAssign: return RW_OP_SHR_ASSIGN;
        case CXBinaryOperator_AndAssign: return RW_OP_AND_ASSIGN;
        case CXBinaryOperator_XorAssign: return RW_OP_XOR_ASSIGN;
        case CXBinaryOperator_OrAssign: return RW_OP_OR_ASSIGN;
        case CXBinaryOperator_Comma: return RW_OP_COMMA;
        case CXBinaryOperator_Invalid: return RW_OP_NONE;
        default: return RW_OP_OTHER;
        }
    case CXCursor_UnaryOperator:
        switch (clang_getCursorUnaryOperatorKind(c)) {
        case CXUnaryOperator_PostInc: return RW_OP_POST_INC;
        case CXUnaryOperator_PostDec: return RW_OP_POST_DEC;
        case CXUnaryOperator_PreInc: return RW_OP_PRE_INC;
        case CXUnaryOperator_PreDec: return RW_OP_PRE_DEC;
        case CXUnaryOperator_AddrOf: return RW_OP_ADDR;
        case CXUnaryOperator_Deref: return RW_OP_DEREF;
        case CXUnaryOperator_Plus: return RW_OP_PLUS;
        case CXUnaryOperator_Minus: return RW_OP_MINUS;
        case CXUnaryOperator_Not: return RW_OP_NOT;
        case CXUnaryOperator_LNot: return RW_OP_LNOT;
        case CXUnaryOperator_Invalid: return RW_OP_NONE;
        default: return RW_OP_OTHER;
        }
    default:
        return RW_OP_NONE;
    }
}

#else /* before LLVM 17: read the operator token from the file */

/* The operator kind a punctuator spells, among the binary operators when
 * !unary, else among the unary ones (prefix or postfix as pre says). */
static enum rw_op op_of_token(const char *s, size_t len, int unary, int pre)
{
    enum rw_op first = unary ? RW_OP_POST_INC : RW_OP_MUL;
    enum rw_op last = unary ? RW_OP_LNOT : RW_OP_COMMA;
    for (enum rw_op o = first; o <= last; o++) {
        if (strlen(op_spelling[o]) != len || memcmp(op_spelling[o], s, len))
            continue;
        if (o == RW_OP_POST_INC || o == RW_OP_POST_DEC)
            return pre ? o + 2 : o; /* PRE_INC, PRE_DEC follow */
        return o;
    }
    return RW_OP_OTHER;
}

/* The kind of operator cursor c, read from the token written where the
 * operator stands: before the operand of a prefix unary operator, after the
 * operand (the left-hand side) otherwise.  RW_OP_NONE when that place is
 * not a punctuator inside c's extent, as when a macro body wrote it. */
enum rw_op rw_operator(const struct rw_src *src, CXCursor c)
{
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k != CXCursor_BinaryOperator && k != CXCursor_CompoundAssignOperator &&
        k != CXCursor_UnaryOperator)
        return RW_OP_NONE;
    CXCursor *kids;
    unsigned n = rw_children(c, &kids);
    size_t ea, eb, la, lb;
    int ok = n >= 1 && rw_extent(src, c, &ea, &eb) && rw_extent(src, kids[0], &la, &lb);
    free(kids);
    if (!ok)
        return RW_OP_NONE;
    int unary = k == CXCursor_UnaryOperator, pre = unary && la > ea;
    struct rw_tok t;
    rw_lex(src->buf, src->len, pre ? ea : lb, 0, &t);
    if (t.kind != RW_T_PUNCT || (pre ? t.off != ea : t.off >= eb))
        return RW_OP_NONE;
    return op_of_token(src->buf + t.off, t.len, unary, pre);
}

#endif

/* The label statement goto statement c jumps to, or a null cursor (see
 * rewriter.h). */
CXCursor rw_goto_label(CXCursor c)
{
    CXCursor label = clang_getCursorReferenced(c);
    if (clang_Cursor_isNull(label) || clang_getCursorKind(label) != CXCursor_LabelStmt) {
        CXCursor *kids;
        unsigned n = rw_children(c, &kids);
        label = n ? clang_getCursorReferenced(kids[0]) : clang_getNullCursor();
        free(kids);
    }
    return label;
}
