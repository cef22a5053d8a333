/*
 * declare.c - `#pragma mploop declare reduction`.
 *
 * `#pragma mploop declare reduction(name : type : combiner)
 * [initializer(expr)]` declares a reduction for variables (and arrays) of
 * one type, with OpenMP's syntax and meaning: the combiner merges omp_in
 * into omp_out, the initializer sets omp_priv (and may read omp_orig), and
 * without an initializer the private value starts zeroed.  The declaration
 * is visible from the pragma to the end of the block (or file) it is
 * written in; a `reduction(name: v)` clause uses the innermost one.  pragma.c
 * hands over the text after `declare`; this file parses it, keeps every
 * declaration of the file, finds their scopes once libclang's AST is there,
 * and answers clause_check.c's look-ups.  reduce.c writes the combiner and
 * the initializer into the generated code, behind `#line` directives that
 * point at the pragma, so that the compiler's errors in them point there.
 */
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

/* Every declaration of the file being rewritten, in source order. */
static struct {
    struct rw_udr **v;
    unsigned n;
} decls;

/* Forget the declarations of a previous file. */
void rw_declare_reset(void)
{
    free(decls.v);
    decls.v = NULL;
    decls.n = 0;
}

/* The offset of the `)` that closes the parenthesis opened at token lp in
 * pt, or 0 (after reporting) when the directive ends first. */
static size_t closing(const struct rw_ptext *pt, const struct rw_tok *lp)
{
    struct rw_tok t;
    size_t pos = lp->off + lp->len;
    int depth = 1;
    for (;;) {
        pos = rw_ptext_next(pt, pos, &t);
        if (t.kind == RW_T_EOL || t.kind == RW_T_EOF) {
            rw_error(rw_ptext_off(pt, lp->off), "missing ')' after '(' in '#pragma mploop "
                     "declare reduction'");
            return 0;
        }
        if (rw_tok_is(pt->s, &t, "(") || rw_tok_is(pt->s, &t, "[") || rw_tok_is(pt->s, &t, "{"))
            depth++;
        else if ((rw_tok_is(pt->s, &t, ")") || rw_tok_is(pt->s, &t, "]") ||
                  rw_tok_is(pt->s, &t, "}")) && --depth == 0)
            return t.off;
    }
}

/* The first `:` at nesting depth 0 in pt[pos, end), or 0. */
static size_t colon_in(const struct rw_ptext *pt, size_t pos, size_t end)
{
    struct rw_tok t;
    int depth = 0;
    for (;;) {
        pos = rw_ptext_next(pt, pos, &t);
        if (t.off >= end || t.kind == RW_T_EOL || t.kind == RW_T_EOF)
            return 0;
        if (rw_tok_is(pt->s, &t, "(") || rw_tok_is(pt->s, &t, "["))
            depth++;
        else if (rw_tok_is(pt->s, &t, ")") || rw_tok_is(pt->s, &t, "]"))
            depth--;
        else if (depth == 0 && rw_tok_is(pt->s, &t, ":"))
            return t.off;
    }
}

/* Whether pt[a, b) holds a token. */
static int nonempty(const struct rw_ptext *pt, size_t a, size_t b)
{
    struct rw_tok t;
    rw_ptext_next(pt, a, &t);
    return t.off < b && t.kind != RW_T_EOL && t.kind != RW_T_EOF;
}

/* Parse `reduction(name : type : combiner) [initializer(expr)]` from pos
 * (just after `declare`) into p->udr. */
void rw_parse_declare(struct rw_pragma *p, const struct rw_ptext *pt, size_t pos)
{
    struct rw_tok t, lp, name;
    pos = rw_ptext_next(pt, pos, &t);
    if (!rw_tok_is(pt->s, &t, "reduction")) {
        rw_error(rw_ptext_off(pt, t.off), "expected 'reduction' after '#pragma mploop declare'");
        return;
    }
    pos = rw_ptext_next(pt, pos, &lp);
    if (!rw_tok_is(pt->s, &lp, "(")) {
        rw_error(rw_ptext_off(pt, lp.off), "expected '(' after 'declare reduction'");
        return;
    }
    size_t close = closing(pt, &lp);
    if (!close)
        return;
    size_t after_name = rw_ptext_next(pt, lp.off + 1, &name);
    if (name.kind != RW_T_IDENT || name.off >= close) {
        rw_error(rw_ptext_off(pt, name.off), "expected an identifier as the name of the "
                 "declared reduction");
        return;
    }
    struct rw_tok c1;
    rw_ptext_next(pt, after_name, &c1);
    if (!rw_tok_is(pt->s, &c1, ":")) {
        rw_error(rw_ptext_off(pt, c1.off), "expected ':' after the name of the reduction");
        return;
    }
    if (rw_tok_is(pt->s, &name, "min") || rw_tok_is(pt->s, &name, "max")) {
        rw_error(rw_ptext_off(pt, name.off), "'%.*s' is a built-in reduction and cannot be "
                 "declared", (int)name.len, pt->s + name.off);
        return;
    }
    size_t c2 = colon_in(pt, c1.off + 1, close);
    if (!c2 || !nonempty(pt, c1.off + 1, c2)) {
        rw_error(rw_ptext_off(pt, c2 ? c2 : close), "expected 'type : combiner' after the name "
                 "of the reduction");
        return;
    }
    if (!nonempty(pt, c2 + 1, close)) {
        rw_error(rw_ptext_off(pt, close), "expected a combiner after ':'");
        return;
    }
    struct rw_udr *u = rw_xmalloc(sizeof *u);
    memset(u, 0, sizeof *u);
    u->off = p->off;
    u->name = rw_xstrndup(pt->s + name.off, name.len);
    u->name_off = rw_ptext_off(pt, name.off);
    u->type = rw_ptext_text(pt, c1.off + 1, c2);
    rw_ptext_next(pt, c1.off + 1, &t);
    u->type_off = rw_ptext_off(pt, t.off);
    u->comb = rw_ptext_text(pt, c2 + 1, close);
    rw_ptext_next(pt, c2 + 1, &t);
    u->comb_off = rw_ptext_off(pt, t.off);

    pos = rw_ptext_next(pt, close + 1, &t);
    if (t.kind != RW_T_EOL && t.kind != RW_T_EOF) {
        if (!rw_tok_is(pt->s, &t, "initializer")) {
            rw_error(rw_ptext_off(pt, t.off), "expected 'initializer' or the end of '#pragma "
                     "mploop declare reduction'");
            return;
        }
        pos = rw_ptext_next(pt, pos, &lp);
        if (!rw_tok_is(pt->s, &lp, "(")) {
            rw_error(rw_ptext_off(pt, lp.off), "expected '(' after 'initializer'");
            return;
        }
        size_t iclose = closing(pt, &lp);
        if (!iclose)
            return;
        if (!nonempty(pt, lp.off + 1, iclose)) {
            rw_error(rw_ptext_off(pt, iclose), "expected an expression in 'initializer'");
            return;
        }
        u->init = rw_ptext_text(pt, lp.off + 1, iclose);
        rw_ptext_next(pt, lp.off + 1, &t);
        u->init_off = rw_ptext_off(pt, t.off);
        rw_ptext_next(pt, iclose + 1, &t);
        if (t.kind != RW_T_EOL && t.kind != RW_T_EOF) {
            rw_error(rw_ptext_off(pt, t.off), "unexpected text after 'initializer(...)'");
            return;
        }
    }
    p->udr = u;
    decls.v = rw_xrealloc(decls.v, (decls.n + 1) * sizeof *decls.v);
    decls.v[decls.n++] = u;
}

/* What find_scope looks for: the innermost compound statement of the main
 * file around offset off. */
struct scope {
    const struct rw_src *src;
    size_t off, start, end;
};

/* Visitor: narrow s to each block around its offset, descending. */
static enum CXChildVisitResult find_scope(CXCursor c, CXCursor parent, CXClientData d)
{
    struct scope *s = d;
    size_t a, b;
    (void)parent;
    if (!rw_extent(s->src, c, &a, &b) || s->off < a || s->off >= b)
        return CXChildVisit_Continue;
    if (clang_getCursorKind(c) == CXCursor_CompoundStmt) {
        s->start = a;
        s->end = b;
    }
    return CXChildVisit_Recurse;
}

/* Find each declaration's scope; refuse a second declaration of a name in
 * the same scope. */
int rw_declare_resolve(const struct rw_src *src)
{
    int rc = 0;
    char *file = rw_escaped_path(src->path);
    for (unsigned i = 0; i < decls.n; i++) {
        struct rw_udr *u = decls.v[i];
        struct scope s = { src, u->off, 0, src->len + 1 };
        clang_visitChildren(clang_getTranslationUnitCursor(src->tu), find_scope, &s);
        u->scope_start = s.start;
        u->scope_end = s.end;
        struct rw_buf b = { 0 };
        rw_line_marker(src, &b, file, u->comb_off);
        u->comb_line = b.s;
        if (u->init) {
            b = (struct rw_buf){ 0 };
            rw_line_marker(src, &b, file, u->init_off);
            u->init_line = b.s;
        }
        for (unsigned j = 0; j < i; j++) {
            const struct rw_udr *o = decls.v[j];
            if (strcmp(o->name, u->name) || o->scope_start != u->scope_start)
                continue;
            rw_error(u->name_off, "redeclaration of reduction '%s'", u->name);
            rw_note(o->name_off, "previous declaration is here");
            rc = -1;
            break;
        }
    }
    free(file);
    return rc;
}

/* The declaration of name visible at offset at: declared before it, in a
 * block around it, the innermost (of two in one block, a redeclaration,
 * the first). */
const struct rw_udr *rw_declare_find(const char *name, size_t at)
{
    const struct rw_udr *best = NULL;
    for (unsigned i = 0; i < decls.n; i++) {
        const struct rw_udr *u = decls.v[i];
        if (u->off < at && u->scope_start <= at && at < u->scope_end && !strcmp(u->name, name) &&
            (!best || u->scope_start > best->scope_start))
            best = u;
    }
    return best;
}

/* s with runs of blanks made one space (heap). */
static char *squeeze(const char *s)
{
    char *r = rw_xmalloc(strlen(s) + 1);
    size_t n = 0;
    for (; *s; s++) {
        int blank = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r';
        if (blank && (n == 0 || r[n - 1] == ' '))
            continue;
        r[n++] = blank ? ' ' : *s;
    }
    while (n > 0 && r[n - 1] == ' ')
        n--;
    r[n] = 0;
    return r;
}

/* The canonical spelling of the builtin type names C lets one write in
 * several ways ("unsigned" for "unsigned int", "long int" for "long"); s
 * itself for any other. */
static const char *builtin_spelling(const char *s)
{
    static const char *const same[][2] = {
        { "unsigned", "unsigned int" }, { "signed", "int" }, { "signed int", "int" },
        { "short int", "short" }, { "signed short", "short" }, { "signed short int", "short" },
        { "unsigned short int", "unsigned short" }, { "long int", "long" },
        { "signed long", "long" }, { "signed long int", "long" },
        { "unsigned long int", "unsigned long" }, { "long long int", "long long" },
        { "signed long long", "long long" }, { "signed long long int", "long long" },
        { "unsigned long long int", "unsigned long long" }, { "bool", "_Bool" },
    };
    for (size_t i = 0; i < sizeof same / sizeof *same; i++)
        if (!strcmp(s, same[i][0]))
            return same[i][1];
    return s;
}

/* What find_typedef looks for: the typedef named name, its canonical type. */
struct tdef {
    const char *name;
    CXType type;
    int found;
};

/* Visitor: the file-scope typedef of that name. */
static enum CXChildVisitResult find_typedef(CXCursor c, CXCursor parent, CXClientData d)
{
    struct tdef *t = d;
    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_TypedefDecl)
        return CXChildVisit_Continue;
    char *n = rw_spelling(c);
    if (!strcmp(n, t->name)) {
        t->type = clang_getCanonicalType(clang_getTypedefDeclUnderlyingType(c));
        t->found = 1;
    }
    free(n);
    return CXChildVisit_Continue;
}

/* Whether t is the type u names: its spelling, its canonical spelling, or
 * a file-scope typedef name or builtin synonym of it. */
int rw_declare_type_matches(const struct rw_src *src, const struct rw_udr *u, CXType t)
{
    char *want = squeeze(u->type);
    char *as = rw_type_spelling(t);
    char *canon = rw_type_spelling(clang_getCanonicalType(t));
    const char *b = builtin_spelling(want);
    int ok = !strcmp(want, as) || !strcmp(want, canon) || !strcmp(b, canon);
    if (!ok) {
        struct tdef td = { want, { 0 }, 0 };
        clang_visitChildren(clang_getTranslationUnitCursor(src->tu), find_typedef, &td);
        if (td.found) {
            char *ts = rw_type_spelling(td.type);
            ok = !strcmp(ts, canon);
            free(ts);
        }
    }
    free(want);
    free(as);
    free(canon);
    return ok;
}
