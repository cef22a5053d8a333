/*
 * alias.c - which roots of a loop's accesses reach different memory.
 *
 * depend.c tests the accesses of one root against each other; two roots
 * matter only when they may reach the same memory.  Besides the rules that
 * need nothing but the declarations (two declared objects, restrict
 * pointers: depend.c), two facts of C tell roots apart here:
 *
 *   - effective types (C11 6.5p7): an object is accessed only through an
 *     lvalue of its own type (up to signedness), of an aggregate or union
 *     containing it, or of a character type.  Two roots whose accesses
 *     have types that none of these relations joins reach different
 *     objects.  Character types, void, vectors, incomplete structs and
 *     typedefs carrying attributes (may_alias) join everything; a root
 *     handed to a call is read at types the rewriter does not see.  The
 *     rule is dropped with -fno-strict-aliasing, the flag of programs that
 *     break it.
 *   - private objects: an array or struct that is a local or a `static`
 *     of this file, and a local pointer whose every value comes from its
 *     own call of malloc, calloc or aligned_alloc (or strdup), are reached
 *     only through the names of a family: the object itself and the local
 *     pointers its address flows into.  When no value of the family ever
 *     escapes (stored in memory or in another kind of variable, returned,
 *     passed to a call that may keep it, its address taken), no other root
 *     can point into the object.  The walk that decides this covers the
 *     enclosing function (the whole file for a `static` global); calls to
 *     the file's own functions are followed into their bodies, and a few
 *     C library functions are known to keep nothing.
 *
 * The same walk, where only how the origin is set counts, tells a local
 * pointer whose every value comes from mploop_shared_alloc: memory every
 * worker sees at once, whose accesses the workers order themselves (they
 * are no loop-carried dependence to depend.c).
 *
 * The walk gives each expression a context for the pointer value (or, for
 * an lvalue, the address) it yields: used where it goes nowhere (a
 * subscript's base, a comparison, a condition, a call that keeps nothing),
 * flowing into a local pointer (which joins the family), or escaping.
 */
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

enum ctx { USE, ESC, FLOW };

/* One private-object question: the family of an object in one walk. */
struct fam {
    CXCursor origin;
    CXCursor *v;         /* the origin first, then the pointers it flows into */
    unsigned n;
    int pointer_origin;  /* the origin is a pointer from allocation calls */
    int (*allocates)(CXCursor); /* whether a call gives the origin a value */
    int set_only;        /* only how the origin is set matters: values may escape */
    int bad;             /* a value escapes, or the origin is set otherwise */
    int grew;            /* a pointer joined during this pass */
};

/* What a callee does with one of its pointer parameters (cache). */
struct callee {
    CXCursor fn;
    unsigned arg;
    int state;           /* 0 running, 1 keeps nothing, 2 may keep it */
};

/* The per-file cache of alias.c's answers. */
struct rw_alias {
    const struct rw_src *src;
    CXCursor func;       /* the function around the loop */
    struct { CXCursor decl; int priv; CXCursor *fam; unsigned nfam; } *obj;
    unsigned nobj;
    struct callee *calls;
    unsigned ncalls;
};

static int param_kept(struct rw_alias *al, CXCursor fn, unsigned arg, unsigned depth);
static void walk(struct rw_alias *al, struct fam *f, CXCursor c, enum ctx ctx, CXCursor dest,
                 unsigned depth);

/* ---- effective types ------------------------------------------------------- */

/* Whether type t, followed through its typedefs, names one that carries an
 * attribute (may_alias, vector_size, ...). */
static int attributed(CXType t)
{
    for (int i = 0; i < 16; i++) {
        if (t.kind == CXType_Elaborated) {
            t = clang_Type_getNamedType(t);
            continue;
        }
        if (t.kind != CXType_Typedef)
            return 0;
        CXCursor d = clang_getTypeDeclaration(t);
        CXCursor *kids;
        unsigned n = rw_children(d, &kids);
        int attr = 0;
        for (unsigned k = 0; k < n; k++)
            attr |= clang_isAttribute(clang_getCursorKind(kids[k]));
        free(kids);
        if (attr)
            return 1;
        t = clang_getTypedefDeclUnderlyingType(d);
    }
    return 1;
}

/* The class of canonical type t for the effective-type rules: 0 for a
 * type that may reach anything (character types, void, vectors, what is
 * not known); arrays and complex numbers are their elements; an integer
 * type is its width, whatever its signedness; every pointer type is one
 * class; a struct or union is its declaration's hash (*rec set). */
static unsigned long type_class(CXType t, CXCursor *rec)
{
    t = clang_getCanonicalType(t);
    for (int i = 0; i < 16 && (clang_getElementType(t).kind != CXType_Invalid) &&
                    t.kind != CXType_Vector && t.kind != CXType_ExtVector;
         i++)
        t = clang_getCanonicalType(clang_getElementType(t));
    long long size = clang_Type_getSizeOf(t);
    *rec = clang_getNullCursor();
    switch (t.kind) {
    case CXType_Char_S: case CXType_Char_U: case CXType_SChar: case CXType_UChar:
    case CXType_Void:
        return 0;
    case CXType_Bool:
        return 1;
    case CXType_Short: case CXType_UShort: case CXType_Int: case CXType_UInt:
    case CXType_Long: case CXType_ULong: case CXType_LongLong: case CXType_ULongLong:
    case CXType_Int128: case CXType_UInt128: case CXType_WChar: case CXType_Char16:
    case CXType_Char32: case CXType_Enum:
        return size > 0 ? 16 + (unsigned long)size : 0;
    case CXType_Float: case CXType_Double: case CXType_LongDouble: case CXType_Float128:
    case CXType_Half: case CXType_Float16:
        return 256 + (unsigned long)t.kind;
    case CXType_Pointer: case CXType_BlockPointer:
        return 2;
    case CXType_Record:
        if (size < 0)
            return 0; /* incomplete: what it holds is not known */
        *rec = clang_getCanonicalCursor(clang_getTypeDeclaration(t));
        return 1024 + clang_hashCursor(*rec);
    default:
        return 0;
    }
}

struct holds {
    unsigned long cls;
    unsigned depth;
    int found;
};

static int holds(CXType t, unsigned long cls, unsigned depth);

/* Field visitor of holds(). */
static enum CXVisitorResult holds_field(CXCursor c, CXClientData d)
{
    struct holds *h = d;
    if (holds(clang_getCursorType(c), h->cls, h->depth + 1)) {
        h->found = 1;
        return CXVisit_Break;
    }
    return CXVisit_Continue;
}

/* Whether an object of type t may hold (be, or have as a member at any
 * depth) an object of class cls, or may be reached by anything. */
static int holds(CXType t, unsigned long cls, unsigned depth)
{
    CXCursor rec;
    unsigned long c = type_class(t, &rec);
    if (!c || c == cls || depth > 8)
        return 1;
    if (clang_Cursor_isNull(rec))
        return 0;
    t = clang_getCanonicalType(t);
    while (clang_getElementType(t).kind != CXType_Invalid)
        t = clang_getCanonicalType(clang_getElementType(t));
    struct holds h = { cls, depth, 0 };
    clang_Type_visitFields(t, holds_field, &h);
    return h.found;
}

/* Whether lvalues of types a and b may reach the same object. */
static int types_meet(CXType a, CXType b)
{
    if (a.kind == CXType_Invalid || b.kind == CXType_Invalid || attributed(a) || attributed(b))
        return 1;
    CXCursor r;
    unsigned long ca = type_class(a, &r), cb = type_class(b, &r);
    return !ca || !cb || holds(a, cb, 0) || holds(b, ca, 0);
}

/* Whether no access of root r may reach the object an access of root o
 * reaches, by their types. */
static int types_apart(const struct rw_root *r, const struct rw_root *o)
{
    if (r->blk != RW_BLK_NONE || o->blk != RW_BLK_NONE)
        return 0; /* a call reads it at types not seen */
    for (unsigned i = 0; i < r->n; i++)
        for (unsigned j = 0; j < o->n; j++)
            if (types_meet(r->v[i].type, o->v[j].type))
                return 0;
    return 1;
}

/* ---- private objects --------------------------------------------------------- */

/* Whether d belongs to family f. */
static int in_family(const struct fam *f, CXCursor d)
{
    for (unsigned i = 0; i < f->n; i++)
        if (clang_equalCursors(f->v[i], d))
            return 1;
    return 0;
}

/* Whether d can hold a family's value without letting it escape: a
 * pointer variable local to a function (not static, not a parameter). */
static int local_pointer(CXCursor d)
{
    return clang_getCursorKind(d) == CXCursor_VarDecl && rw_is_data_pointer(d) &&
           !clang_Cursor_hasVarDeclGlobalStorage(d);
}

/* e with implicit conversions, parentheses and casts removed. */
static CXCursor strip_casts(CXCursor e)
{
    for (int i = 0; i < 16; i++) {
        e = rw_strip(e, 1);
        if (clang_getCursorKind(e) != CXCursor_CStyleCastExpr)
            return e;
        CXCursor *kids;
        unsigned n = rw_children(e, &kids);
        CXCursor in = n ? kids[n - 1] : e;
        free(kids);
        if (!n)
            return e;
        e = in;
    }
    return e;
}

/* Whether d is the pointer origin of f and e (its new value) is not a call
 * that allocates a block of f's kind. */
static int bad_origin_value(const struct fam *f, CXCursor d, CXCursor e)
{
    return f->pointer_origin && clang_equalCursors(d, f->origin) &&
           (clang_Cursor_isNull(e) || !f->allocates(strip_casts(e)));
}

/* Whether c is a call of mploop_shared_alloc. */
static int shared_allocates(CXCursor c)
{
    if (clang_getCursorKind(c) != CXCursor_CallExpr)
        return 0;
    char *name = rw_spelling(clang_getCursorReferenced(c));
    int r = !strcmp(name, "mploop_shared_alloc");
    free(name);
    return r;
}

/* The C library functions that keep none of their pointer arguments;
 * *ret is set for those that return their first argument (or a pointer
 * into it). */
static int library_keeps_nothing(const char *name, int *ret)
{
    static const char *const plain[] = {
        "free", "memcmp", "strlen", "strnlen", "strcmp", "strncmp", "fwrite", "fread", "fputs",
        "puts", "printf", "fprintf", "sprintf", "snprintf", "vprintf", "vfprintf", "perror",
        "atoi", "atol", "atof", "strtol", "strtoul", "strtod", "strtof", "strtoll",
        "strtoull", "sscanf", "fscanf", "scanf", NULL };
    static const char *const through[] = {
        "memcpy", "memmove", "memset", "strcpy", "strncpy", "strcat", "strncat", "memchr",
        "strchr", "strrchr", "strstr", "fgets", NULL };
    *ret = 0;
    for (const char *const *p = plain; *p; p++)
        if (!strcmp(name, *p))
            return 1;
    for (const char *const *p = through; *p; p++)
        if (!strcmp(name, *p))
            return *ret = 1;
    return 0;
}

/* A call c whose value is used in context ctx (into dest): each pointer
 * argument is used when the callee keeps nothing of it, else escapes. */
static void walk_call(struct rw_alias *al, struct fam *f, CXCursor c, enum ctx ctx,
                      CXCursor dest, unsigned depth)
{
    CXCursor *kids;
    int nargs = clang_Cursor_getNumArguments(c);
    unsigned n = rw_children(c, &kids);
    if (n > (unsigned)(nargs > 0 ? nargs : 0))
        walk(al, f, kids[0], USE, dest, depth); /* the callee */
    free(kids);
    CXCursor callee = clang_getCursorReferenced(c);
    CXCursor def = clang_Cursor_isNull(callee) ? callee : clang_getCursorDefinition(callee);
    int lib = 0, through = 0;
    if (!clang_Cursor_isNull(callee) && clang_Cursor_isNull(def) &&
        clang_getCursorKind(callee) == CXCursor_FunctionDecl) {
        char *name = rw_spelling(callee);
        lib = library_keeps_nothing(name, &through);
        free(name);
    }
    int nparams = clang_Cursor_isNull(def) ? -1 : clang_Cursor_getNumArguments(def);
    for (int i = 0; i < nargs; i++) {
        CXCursor a = clang_Cursor_getArgument(c, (unsigned)i);
        enum ctx ac = ESC;
        if (lib)
            ac = through && i == 0 ? ctx : USE;
        else if (i < nparams && !param_kept(al, def, (unsigned)i, depth + 1))
            ac = USE;
        walk(al, f, a, ac, dest, depth);
    }
}

/* Walk the children of c, each in context ctx. */
static void walk_kids(struct rw_alias *al, struct fam *f, CXCursor c, enum ctx ctx,
                      CXCursor dest, unsigned depth)
{
    CXCursor *kids;
    unsigned n = rw_children(c, &kids);
    for (unsigned i = 0; i < n; i++)
        walk(al, f, kids[i], ctx, dest, depth);
    free(kids);
}

/* Whether expression c is an lvalue the rewriter reads by name or element. */
static int lvalue_kind(const struct rw_src *src, CXCursor c)
{
    enum CXCursorKind k = clang_getCursorKind(c);
    return k == CXCursor_DeclRefExpr || k == CXCursor_ArraySubscriptExpr ||
           k == CXCursor_MemberRefExpr ||
           (k == CXCursor_UnaryOperator && rw_operator(src, c) == RW_OP_DEREF);
}

/* Whether type t is an array type. */
static int is_array_type(CXType t)
{
    enum CXTypeKind k = clang_getCanonicalType(t).kind;
    return k == CXType_ConstantArray || k == CXType_IncompleteArray ||
           k == CXType_VariableArray || k == CXType_DependentSizedArray;
}

/* Walk c, whose value (or address, for an lvalue) is used in context ctx
 * (flowing into dest for FLOW), noting in f what becomes of the family's
 * values. */
static void walk(struct rw_alias *al, struct fam *f, CXCursor c, enum ctx ctx, CXCursor dest,
                 unsigned depth)
{
    if (f->bad)
        return;
    enum CXCursorKind k = clang_getCursorKind(c);
    CXCursor *kids;
    unsigned n;
    switch (k) {
    case CXCursor_DeclRefExpr: {
        CXCursor d = clang_getCursorReferenced(c);
        if (!in_family(f, d) || ctx == USE)
            return;
        if (ctx == FLOW && !in_family(f, dest)) {
            f->v = rw_xrealloc(f->v, (f->n + 1) * sizeof *f->v);
            f->v[f->n++] = dest;
            f->grew = 1;
        } else if (ctx == ESC && !f->set_only) {
            f->bad = 1;
        }
        return;
    }
    case CXCursor_UnaryExpr: /* sizeof, _Alignof: nothing is evaluated */
    case CXCursor_IntegerLiteral: case CXCursor_FloatingLiteral: case CXCursor_StringLiteral:
    case CXCursor_CharacterLiteral: case CXCursor_TypeRef:
        return;
    case CXCursor_ParenExpr:
        walk_kids(al, f, c, ctx, dest, depth);
        return;
    case CXCursor_VarDecl: {
        n = rw_children(c, &kids);
        CXCursor init = n && clang_isExpression(clang_getCursorKind(kids[n - 1]))
                            ? kids[n - 1] : clang_getNullCursor();
        if (bad_origin_value(f, c, init) && !clang_Cursor_isNull(init))
            f->bad = 1;
        for (unsigned i = 0; i < n; i++) {
            int is_init = !clang_Cursor_isNull(init) && clang_equalCursors(kids[i], init);
            walk(al, f, kids[i], is_init && local_pointer(c) ? FLOW : ESC, c, depth);
        }
        free(kids);
        return;
    }
    case CXCursor_CallExpr:
        walk_call(al, f, c, ctx, dest, depth);
        return;
    case CXCursor_CStyleCastExpr: {
        CXType t = clang_getCanonicalType(clang_getCursorType(c));
        walk_kids(al, f, c, t.kind == CXType_Pointer ? ctx : t.kind == CXType_Void ? USE : ESC,
                  dest, depth);
        return;
    }
    case CXCursor_UnexposedExpr: {
        n = rw_children(c, &kids);
        if (n == 1) { /* an implicit conversion */
            CXCursor in = rw_strip_parens(kids[0]);
            enum ctx cc = ctx;
            if (!is_array_type(clang_getCursorType(in)) && lvalue_kind(al->src, in) &&
                !(clang_getCursorKind(in) == CXCursor_DeclRefExpr && rw_is_data_pointer(in)))
                cc = USE; /* a value loaded from memory, or a copy of no pointer */
            walk(al, f, kids[0], cc, dest, depth);
        } else {
            for (unsigned i = 0; i < n; i++)
                walk(al, f, kids[i], ESC, dest, depth);
        }
        free(kids);
        return;
    }
    case CXCursor_ArraySubscriptExpr: case CXCursor_MemberRefExpr:
        /* the element's address escapes with its base's; the index is a number */
        n = rw_children(c, &kids);
        for (unsigned i = 0; i < n; i++) {
            CXCursor s = rw_strip(kids[i], 1);
            int base = rw_is_data_pointer(s) || is_array_type(clang_getCursorType(s)) ||
                       k == CXCursor_MemberRefExpr;
            walk(al, f, kids[i], base ? ctx : ESC, dest, depth);
        }
        free(kids);
        return;
    case CXCursor_ConditionalOperator:
        n = rw_children(c, &kids);
        for (unsigned i = 0; i < n; i++)
            walk(al, f, kids[i], i == 0 && n == 3 ? USE : ctx, dest, depth);
        free(kids);
        return;
    case CXCursor_UnaryOperator: {
        enum rw_op op = rw_operator(al->src, c);
        n = rw_children(c, &kids);
        if (n == 1) {
            CXCursor in = rw_strip(kids[0], 1);
            CXCursor d = clang_getCursorKind(in) == CXCursor_DeclRefExpr
                             ? clang_getCursorReferenced(in) : clang_getNullCursor();
            int member = !clang_Cursor_isNull(d) && in_family(f, d);
            if (op == RW_OP_ADDR && member && rw_is_data_pointer(in))
                f->bad = 1; /* the address of a pointer of the family */
            else if (op == RW_OP_ADDR || op == RW_OP_DEREF)
                walk(al, f, kids[0], ctx, dest, depth);
            else if (op >= RW_OP_POST_INC && op <= RW_OP_PRE_DEC) {
                if (member && bad_origin_value(f, d, clang_getNullCursor()))
                    f->bad = 1;
                walk(al, f, kids[0], USE, dest, depth);
            } else
                walk(al, f, kids[0], op == RW_OP_LNOT ? USE : ESC, dest, depth);
        }
        free(kids);
        return;
    }
    case CXCursor_BinaryOperator: case CXCursor_CompoundAssignOperator: {
        enum rw_op op = rw_operator(al->src, c);
        n = rw_children(c, &kids);
        if (n != 2) {
            free(kids);
            break;
        }
        CXCursor l = rw_strip(kids[0], 1);
        CXCursor d = clang_getCursorKind(l) == CXCursor_DeclRefExpr
                         ? clang_getCursorReferenced(l) : clang_getNullCursor();
        if (op >= RW_OP_ASSIGN && op <= RW_OP_OR_ASSIGN) {
            if (!clang_Cursor_isNull(d) &&
                bad_origin_value(f, d, op == RW_OP_ASSIGN ? kids[1] : clang_getNullCursor()))
                f->bad = 1;
            /* the value of `x = v` is v's: into x, and where the
             * assignment's value goes (unless that is nowhere) */
            walk(al, f, kids[0], USE, dest, depth);
            int into = op == RW_OP_ASSIGN && !clang_Cursor_isNull(d) && local_pointer(d);
            walk(al, f, kids[1], into && ctx == USE ? FLOW : ESC, into ? d : dest, depth);
        } else if (op == RW_OP_COMMA) {
            walk(al, f, kids[0], USE, dest, depth);
            walk(al, f, kids[1], ctx, dest, depth);
        } else if ((op >= RW_OP_LT && op <= RW_OP_NE) || op == RW_OP_LAND || op == RW_OP_LOR) {
            walk(al, f, kids[0], USE, dest, depth);
            walk(al, f, kids[1], USE, dest, depth);
        } else if ((op == RW_OP_ADD || op == RW_OP_SUB) && rw_is_data_pointer(c)) {
            walk(al, f, kids[0], ctx, dest, depth); /* p + k, k + p, p - k */
            walk(al, f, kids[1], ctx, dest, depth);
        } else if (op == RW_OP_SUB && rw_is_data_pointer(rw_strip(kids[0], 1))) {
            walk(al, f, kids[0], USE, dest, depth); /* p - q: a number */
            walk(al, f, kids[1], USE, dest, depth);
        } else {
            walk(al, f, kids[0], ESC, dest, depth);
            walk(al, f, kids[1], ESC, dest, depth);
        }
        free(kids);
        return;
    }
    case CXCursor_CompoundStmt: case CXCursor_IfStmt: case CXCursor_WhileStmt:
    case CXCursor_DoStmt: case CXCursor_ForStmt: case CXCursor_SwitchStmt:
    case CXCursor_CaseStmt: case CXCursor_DefaultStmt: case CXCursor_LabelStmt:
    case CXCursor_DeclStmt: case CXCursor_NullStmt: case CXCursor_BreakStmt:
    case CXCursor_ContinueStmt: case CXCursor_GotoStmt:
        walk_kids(al, f, c, USE, dest, depth);
        return;
    default:
        break;
    }
    /* anything else (return, initializer lists, statement expressions,
     * asm, ...): what the family gives it escapes */
    walk_kids(al, f, c, ESC, dest, depth);
}

/* Walk scope (a function definition, or the translation unit) for family
 * f until no pointer joins it; returns whether the family stays private. */
static int family_private(struct rw_alias *al, struct fam *f, CXCursor scope, unsigned depth)
{
    for (int pass = 0; pass < 16; pass++) {
        f->grew = 0;
        if (clang_getCursorKind(scope) == CXCursor_TranslationUnit) {
            CXCursor *kids;
            unsigned n = rw_children(scope, &kids);
            for (unsigned i = 0; i < n && !f->bad; i++)
                if (!clang_Location_isInSystemHeader(clang_getCursorLocation(kids[i])))
                    walk(al, f, kids[i], USE, clang_getNullCursor(), depth);
            free(kids);
        } else {
            walk(al, f, scope, USE, clang_getNullCursor(), depth);
        }
        if (f->bad)
            return 0;
        if (!f->grew)
            return 1;
    }
    return 0;
}

/* Whether function definition fn may keep (store, return, pass on) the
 * pointer it receives as argument arg; a call chain deeper than a few
 * levels, or a recursive one, may. */
static int param_kept(struct rw_alias *al, CXCursor fn, unsigned arg, unsigned depth)
{
    for (unsigned i = 0; i < al->ncalls; i++)
        if (clang_equalCursors(al->calls[i].fn, fn) && al->calls[i].arg == arg)
            return al->calls[i].state != 1;
    if (depth > 4)
        return 1;
    CXCursor p = clang_Cursor_getArgument(fn, arg);
    if (clang_Cursor_isNull(p) || !rw_is_data_pointer(p))
        return 1;
    al->calls = rw_xrealloc(al->calls, (al->ncalls + 1) * sizeof *al->calls);
    unsigned at = al->ncalls++;
    al->calls[at] = (struct callee){ fn, arg, 0 };
    struct fam f = { .origin = p, .v = rw_xmalloc(sizeof *f.v), .n = 1,
                     .allocates = rw_allocates };
    f.v[0] = p;
    int priv = family_private(al, &f, fn, depth);
    free(f.v);
    al->calls[at].state = priv ? 1 : 2;
    return !priv;
}

/* The family of root decl d when it is a private object (see the file
 * comment), else NULL; *n its size. */
static const CXCursor *private_family(struct rw_alias *al, CXCursor d, unsigned *n)
{
    for (unsigned i = 0; i < al->nobj; i++)
        if (clang_equalCursors(al->obj[i].decl, d)) {
            *n = al->obj[i].nfam;
            return al->obj[i].priv ? al->obj[i].fam : NULL;
        }
    struct fam f = { .origin = d, .allocates = rw_allocates };
    CXCursor scope = clang_getNullCursor();
    enum CXTypeKind tk = clang_getCanonicalType(clang_getCursorType(d)).kind;
    if (clang_getCursorKind(d) == CXCursor_VarDecl &&
        !clang_isVolatileQualifiedType(clang_getCursorType(d))) {
        int global = clang_Cursor_hasVarDeclGlobalStorage(d);
        enum CX_StorageClass sc = clang_Cursor_getStorageClass(d);
        int local = clang_getCursorKind(clang_getCursorSemanticParent(d)) ==
                    CXCursor_FunctionDecl;
        if ((is_array_type(clang_getCursorType(d)) || tk == CXType_Record) &&
            (!global || sc == CX_SC_Static))
            scope = local ? al->func : clang_getTranslationUnitCursor(al->src->tu);
        else if (local_pointer(d) && local) {
            scope = al->func;
            f.pointer_origin = 1;
        }
    }
    int priv = 0;
    if (!clang_Cursor_isNull(scope)) {
        f.v = rw_xmalloc(sizeof *f.v);
        f.v[f.n++] = d;
        priv = family_private(al, &f, scope, 0);
    }
    al->obj = rw_xrealloc(al->obj, (al->nobj + 1) * sizeof *al->obj);
    al->obj[al->nobj].decl = d;
    al->obj[al->nobj].priv = priv;
    al->obj[al->nobj].fam = f.v;
    al->obj[al->nobj].nfam = f.n;
    *n = f.n;
    return priv ? al->obj[al->nobj++].fam : (al->nobj++, NULL);
}

/* Whether root r is a private object that o cannot reach. */
static int private_apart(struct rw_alias *al, const struct rw_root *r, const struct rw_root *o)
{
    for (unsigned i = 0; i < r->n; i++)
        if (r->v[i].loaded)
            return 0; /* a pointer loaded from it points elsewhere */
    unsigned n;
    const CXCursor *fam = private_family(al, r->decl, &n);
    if (!fam)
        return 0;
    for (unsigned i = 0; i < n; i++)
        if (clang_equalCursors(fam[i], o->decl))
            return 0;
    return 1;
}

/* ---- the interface --------------------------------------------------------- */

/* A new cache for the loops of function definition func of src (any
 * other cursor: none is known). */
struct rw_alias *rw_alias_new(const struct rw_src *src, CXCursor func)
{
    struct rw_alias *al = rw_xmalloc(sizeof *al);
    memset(al, 0, sizeof *al);
    al->src = src;
    /* without the function around the loop no local is private */
    al->func = clang_getCursorKind(func) == CXCursor_FunctionDecl ? func : clang_getNullCursor();
    return al;
}

/* Free al. */
void rw_alias_free(struct rw_alias *al)
{
    if (!al)
        return;
    for (unsigned i = 0; i < al->nobj; i++)
        free(al->obj[i].fam);
    free(al->obj);
    free(al->calls);
    free(al);
}

/* Whether roots r and o (of one loop's accesses) reach different memory by
 * the effective-type rules or because one of them is a private object. */
int rw_alias_apart(struct rw_alias *al, const struct rw_root *r, const struct rw_root *o)
{
    if (!al->src->no_strict_aliasing && types_apart(r, o))
        return 1;
    return private_apart(al, r, o) || private_apart(al, o, r);
}

/* Whether every access of root r reaches memory from mploop_shared_alloc
 * (see rewriter.h): the walk of the private objects, where only how the
 * pointer is set counts. */
int rw_alias_shared_block(struct rw_alias *al, const struct rw_root *r)
{
    for (unsigned i = 0; i < r->n; i++)
        if (r->v[i].loaded)
            return 0;
    CXCursor d = r->decl;
    if (clang_Cursor_isNull(al->func) || !local_pointer(d) ||
        clang_getCursorKind(clang_getCursorSemanticParent(d)) != CXCursor_FunctionDecl ||
        clang_isVolatileQualifiedType(clang_getCursorType(d)))
        return 0;
    struct fam f = { .origin = d, .v = rw_xmalloc(sizeof *f.v), .n = 1, .pointer_origin = 1,
                     .allocates = shared_allocates, .set_only = 1 };
    f.v[0] = d;
    int shared = family_private(al, &f, al->func, 0);
    free(f.v);
    return shared;
}
