/*
 * scope.c - which for statement follows each pragma, and what is in scope
 * there.
 *
 * The translation unit's top-level cursors are visited once: global
 * variables are collected for clause look-ups, macro expansions are checked
 * for a hidden `_Pragma("mploop ...")`, and only the function definitions
 * that contain a pragma are walked in depth.  That walk keeps a stack of the
 * variables declared so far in the enclosing blocks, so that at each
 * annotated for statement the variables in scope are known: they are the
 * locals the generated code hands to the runtime, and the names clause
 * variables are resolved against.
 */
#define _GNU_SOURCE 1 /* memmem, vasprintf, realpath */
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

struct walk {
    const struct rw_src *src;
    struct rw_pragma *p;
    unsigned n;
    struct rw_loop_site *sites;
    CXCursor func;
    CXCursor *vis;
    unsigned nvis, cap;
    unsigned depth;
};

/* Push variable c on the stack of variables in scope. */
static void push_var(struct walk *w, CXCursor c)
{
    if (w->nvis == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 32;
        w->vis = rw_xrealloc(w->vis, w->cap * sizeof *w->vis);
    }
    w->vis[w->nvis++] = c;
}

static void walk(struct walk *w, CXCursor c);

/* Visitor handing each child to walk(). */
static enum CXChildVisitResult walk_kid(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    walk(d, c);
    return CXChildVisit_Continue;
}

/* The pragma whose next token starts at off, or -1. */
static int pragma_at(const struct walk *w, size_t off)
{
    for (unsigned i = 0; i < w->n; i++)
        if (w->p[i].next.off == off && w->p[i].next.kind != RW_T_EOF && !w->p[i].not_for &&
            !w->p[i].reported)
            return (int)i;
    return -1;
}

/* Walk statement or declaration c of the function being scanned. */
static void walk(struct walk *w, CXCursor c)
{
    enum CXCursorKind k = clang_getCursorKind(c);
    unsigned mark = w->nvis;
    if (k == CXCursor_VarDecl) {
        clang_visitChildren(c, walk_kid, w);
        push_var(w, c);
        return;
    }
    if (k == CXCursor_ForStmt || k == CXCursor_WhileStmt) {
        size_t off;
        int i = rw_loc_off(w->src, clang_getRangeStart(clang_getCursorExtent(c)), &off)
                    ? pragma_at(w, off) : -1;
        /* a pipeline's loop may be a while loop too */
        if (i >= 0 && k == CXCursor_WhileStmt && w->p[i].directive != RW_DIR_PIPELINE)
            i = -1;
        if (i >= 0) {
            struct rw_pragma *p = &w->p[i];
            int pipe = p->directive == RW_DIR_PIPELINE;
            if (!rw_tok_is(w->src->buf, &p->next, k == CXCursor_ForStmt ? "for" : "while")) {
                rw_error(p->next.off, "the %s loop after '#pragma mploop %s' is produced by a "
                         "macro; write the %s statement out", k == CXCursor_ForStmt ? "for" : "while",
                         pipe ? "pipeline" : "for", k == CXCursor_ForStmt ? "for" : "while");
                p->reported = 1;
            } else {
                struct rw_loop_site *s = &w->sites[i];
                s->for_stmt = c;
                s->func = w->func;
                s->nvisible = w->nvis;
                s->visible = rw_xmalloc((w->nvis + 1) * sizeof *s->visible);
                memcpy(s->visible, w->vis, w->nvis * sizeof *s->visible);
                s->depth = w->depth;
            }
            w->depth++;
            clang_visitChildren(c, walk_kid, w);
            w->depth--;
            w->nvis = mark;
            return;
        }
    }
    clang_visitChildren(c, walk_kid, w);
    if (k == CXCursor_CompoundStmt || k == CXCursor_ForStmt)
        w->nvis = mark;
}

/* Walk function definition f (parameters first, then the body). */
static void walk_function(struct walk *w, CXCursor f)
{
    CXCursor *kids;
    unsigned n = rw_children(f, &kids);
    w->func = f;
    w->nvis = 0;
    w->depth = 0;
    for (unsigned i = 0; i < n; i++)
        if (clang_getCursorKind(kids[i]) == CXCursor_ParmDecl)
            push_var(w, kids[i]);
    for (unsigned i = 0; i < n; i++)
        if (clang_getCursorKind(kids[i]) != CXCursor_ParmDecl)
            walk(w, kids[i]);
    free(kids);
}

struct top {
    struct walk *w;
    CXCursor *globals;
    unsigned nglobals, cap;
    CXCursor *bad;          /* macro definitions containing _Pragma */
    unsigned nbad;
    CXFile last_file;
    const char *last_buf;
    size_t last_len;
};

/* Whether the text of c's extent (in any file) contains needle. */
static int extent_contains(struct top *t, CXCursor c, const char *needle)
{
    CXSourceRange r = clang_getCursorExtent(c);
    CXFile f;
    unsigned a, b;
    clang_getFileLocation(clang_getRangeStart(r), &f, NULL, NULL, &a);
    clang_getFileLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &b);
    if (!f)
        return 0;
    if (!t->last_file || !clang_File_isEqual(f, t->last_file)) {
        t->last_file = f;
        t->last_buf = clang_getFileContents(t->w->src->tu, f, &t->last_len);
    }
    if (!t->last_buf || b <= a || b > t->last_len)
        return 0;
    return memmem(t->last_buf + a, b - a, needle, strlen(needle)) != NULL;
}

/* Visitor over the translation unit: globals, macros, and functions holding pragmas. */
static enum CXChildVisitResult top_visit(CXCursor c, CXCursor parent, CXClientData d)
{
    struct top *t = d;
    struct walk *w = t->w;
    (void)parent;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_VarDecl) {
        if (t->nglobals == t->cap) {
            t->cap = t->cap ? 2 * t->cap : 64;
            t->globals = rw_xrealloc(t->globals, t->cap * sizeof *t->globals);
        }
        t->globals[t->nglobals++] = c;
        return CXChildVisit_Continue;
    }
    if (k == CXCursor_MacroDefinition) {
        if (extent_contains(t, c, "_Pragma")) {
            t->bad = rw_xrealloc(t->bad, (t->nbad + 1) * sizeof *t->bad);
            t->bad[t->nbad++] = c;
        }
        return CXChildVisit_Continue;
    }
    if (k == CXCursor_MacroExpansion) {
        if (!t->nbad || !clang_Location_isFromMainFile(clang_getCursorLocation(c)))
            return CXChildVisit_Continue;
        CXCursor def = clang_getCursorReferenced(c);
        for (unsigned i = 0; i < t->nbad; i++)
            if (clang_equalCursors(def, t->bad[i])) {
                size_t off;
                if ((extent_contains(t, def, "mploop") || extent_contains(t, c, "mploop")) &&
                    rw_loc_off(w->src, clang_getCursorLocation(c), &off))
                    rw_error(off, "'_Pragma(\"mploop ...\")' produced by a macro is not "
                             "supported; write '#pragma mploop for' directly above the loop");
                break;
            }
        return CXChildVisit_Continue;
    }
    if (k == CXCursor_FunctionDecl && clang_isCursorDefinition(c)) {
        size_t a, b;
        if (!rw_extent(w->src, c, &a, &b))
            return CXChildVisit_Continue;
        for (unsigned i = 0; i < w->n; i++)
            if (w->p[i].start >= a && w->p[i].start < b) {
                walk_function(w, c);
                break;
            }
    }
    return CXChildVisit_Continue;
}

/* Find the loop of each pragma and its scope (see rewriter.h). */
void rw_match_loops(const struct rw_src *src, struct rw_pragma *p, unsigned n,
                    struct rw_loop_site *sites, CXCursor **globals,
                    unsigned *nglobals)
{
    struct walk w = { .src = src, .p = p, .n = n, .sites = sites };
    struct top t = { .w = &w };
    memset(sites, 0, n * sizeof *sites);
    for (unsigned i = 0; i < n; i++)
        sites[i].for_stmt = sites[i].func = clang_getNullCursor();
    clang_visitChildren(clang_getTranslationUnitCursor(src->tu), top_visit, &t);
    for (unsigned i = 0; i < n; i++) {
        if (!clang_Cursor_isNull(sites[i].for_stmt) || p[i].not_for || p[i].reported)
            continue;
        if (p[i].directive == RW_DIR_PIPELINE)
            rw_error(p[i].next.kind == RW_T_EOF ? p[i].start : p[i].next.off,
                     "'#pragma mploop pipeline' must be followed by a for or while loop");
        else if (p[i].next.kind == RW_T_EOF)
            rw_error(p[i].start, "'#pragma mploop for' must be followed by a for loop");
        else if (rw_tok_is(src->buf, &p[i].next, "for"))
            rw_error(p[i].next.off, "'#pragma mploop for' must be followed by a for loop "
                                         "(this 'for' is not one the compiler parsed as a statement)");
        else
            rw_error(p[i].next.off, "'#pragma mploop for' must be followed by a for loop");
    }
    free(w.vis);
    free(t.bad);
    *globals = t.globals;
    *nglobals = t.nglobals;
}
