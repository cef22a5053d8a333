/*
 * profile.c - `mploop --profile`: every for statement of the main file
 * wrapped so that the runtime measures it (runtime/profile.c,
 * docs/profiling.md).
 *
 * A loop `for (init; cond; inc) body` becomes
 *
 *   { static mploop_prof_site __mploop_ps_O = { "f.c", line, col, "func",
 *                                               &__mploop_ps_P };
 *     __attribute__((__cleanup__(mploop_prof_close)))
 *     mploop_prof_frame __mploop_pf_O = { &__mploop_ps_O, 0, 0 };
 *     __mploop_pf_O.start = mploop_prof_enter(&__mploop_ps_O);
 *   #line ...
 *     for (init; (cond) && (++__mploop_pf_O.iterations, 1); inc) body }
 *
 * (O is the offset of the `for` keyword, P that of the profiled loop
 * around it).  An inner loop (I: nested in a profiled loop of the same
 * function, not annotated) makes no call per entry: its static site and
 * its counts (a mploop_prof_inner, with the cleanup mploop_prof_inner_flush
 * that adds them to the site) are declared in the block of the outermost
 * profiled loop around it, and it becomes
 *
 *   { __attribute__((__cleanup__(mploop_prof_inner_close)))
 *     mploop_prof_inner_frame __mploop_pf_I = { &__mploop_pi_I,
 *                                  mploop_prof_inner_enter(&__mploop_pi_I) };
 *   #line ...
 *     for (init; (cond) && (++__mploop_pi_I.iterations, 1); inc) body }
 *
 * so that its counts stay in registers while the outer loop runs.  The cleanup closes the entry on every way out of the block:
 * the end of the loop, break, return, goto.  The test counts the
 * iterations that start; after inlining, the frame is a few registers, and
 * the compiler turns the counter of a counted loop into its trip count.
 * An annotated loop's header is the runtime's: its epilogue (emit.c) adds
 * the trip count instead.  The body is not touched, nor is any byte of the
 * loop moved: `#line` keeps the lines and columns of what follows.
 *
 * Left alone (not measured), each for a reason the compiler would give:
 * a loop produced by a macro or whose statement ends inside one (the block
 * could not be closed where the statement ends), a loop holding a label or
 * a `case` of a switch around it (a jump into the block would bypass the
 * frame's initialisation, which C with cleanups forbids), a loop of an
 * inline function with external linkage (which may not define a static),
 * and the loops inside an annotated loop, which run in the workers, where
 * nothing is recorded.
 */
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

/* One for statement the walk found. */
struct pf_loop {
    size_t for_off, end;     /* the statement */
    size_t semi[2];          /* the header's `;` */
    int has_cond;
    int parent;              /* index of the profiled loop around it, or -1 */
    char *func;              /* the enclosing function's name */
    struct rw_loop *annotated; /* its pragma's loop, when annotated */
};

/* The walk over the functions of the main file. */
struct pf_walk {
    const struct rw_src *src;
    struct rw_pragma *p;
    unsigned np;
    char *func;              /* the function being walked */
    int parent;              /* innermost profiled loop of the walk, or -1 */
    struct pf_loop *v;
    unsigned n, cap;
    size_t *mac;             /* macro expansions: [start, end) pairs */
    unsigned nmac, capmac;
};

/* Whether offset off of the main file lies inside a macro expansion. */
static int in_macro(const struct pf_walk *w, size_t off)
{
    for (unsigned i = 0; i < w->nmac; i++)
        if (w->mac[2 * i] <= off && off < w->mac[2 * i + 1])
            return 1;
    return 0;
}

/* What jump_visit finds in a loop: switches entered, and a jump target
 * that a jump from outside the loop may reach. */
struct pf_jumps {
    unsigned switches;
    int target;
};

/* Visitor: a label, or a case or default label of no switch inside the
 * statement walked, sets target. */
static enum CXChildVisitResult jump_visit(CXCursor c, CXCursor parent, CXClientData d)
{
    struct pf_jumps *j = d;
    (void)parent;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_LabelStmt || ((k == CXCursor_CaseStmt || k == CXCursor_DefaultStmt) &&
                                    j->switches == 0)) {
        j->target = 1;
        return CXChildVisit_Break;
    }
    if (k == CXCursor_SwitchStmt) {
        j->switches++;
        clang_visitChildren(c, jump_visit, j);
        j->switches--;
        return j->target ? CXChildVisit_Break : CXChildVisit_Continue;
    }
    return CXChildVisit_Recurse;
}

static enum CXChildVisitResult walk_visit(CXCursor c, CXCursor parent, CXClientData d);

/* Record for statement c when it can be measured, then walk its children
 * with it as their parent. */
static void walk_for(struct pf_walk *w, CXCursor c)
{
    const struct rw_src *src = w->src;
    struct rw_for_parts h;
    int ok = rw_for_parts(src, c, &h) == RW_FOR_OK;
    struct rw_loop *annotated = NULL;
    for (unsigned i = 0; ok && i < w->np; i++) {
        struct rw_loop *l = w->p[i].loop;
        if (!l)
            continue;
        if (l->lv[0].for_off == h.for_off)
            annotated = l;
        else if (l->lv[0].for_off < h.for_off && h.for_off < l->end)
            return; /* runs in the workers, and so does every loop in it */
    }
    size_t end = ok ? rw_stmt_end(src, c) : 0;
    ok = ok && end > h.for_off && !in_macro(w, h.for_off) && !in_macro(w, end - 1) &&
         !in_macro(w, h.semi[0]) && !in_macro(w, h.semi[1]) &&
         (src->buf[end - 1] == ';' || src->buf[end - 1] == '}');
    struct pf_jumps j = { 0, 0 };
    if (ok)
        clang_visitChildren(c, jump_visit, &j);
    int saved = w->parent;
    if (ok && !j.target && w->func) {
        if (w->n == w->cap) {
            w->cap = w->cap ? 2 * w->cap : 32;
            w->v = rw_xrealloc(w->v, w->cap * sizeof *w->v);
        }
        struct pf_loop *pl = &w->v[w->n];
        memset(pl, 0, sizeof *pl);
        pl->for_off = h.for_off;
        pl->end = end;
        pl->semi[0] = h.semi[0];
        pl->semi[1] = h.semi[1];
        pl->has_cond = !clang_Cursor_isNull(h.cond);
        pl->parent = w->parent;
        pl->func = w->func;
        pl->annotated = annotated;
        w->parent = (int)w->n++;
    }
    clang_visitChildren(c, walk_visit, w);
    w->parent = saved;
}

/* Visitor over a function's body: every for statement, with its parent. */
static enum CXChildVisitResult walk_visit(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_ForStmt) {
        walk_for(d, c);
        return CXChildVisit_Continue;
    }
    return CXChildVisit_Recurse;
}

/* Whether function definition f may hold static objects: not an inline
 * definition with external linkage. */
static int may_hold_statics(CXCursor f)
{
    return !clang_Cursor_isFunctionInlined(f) ||
           clang_Cursor_getStorageClass(f) == CX_SC_Static;
}

/* Visitor over the translation unit: the macro expansions of the main
 * file, and the bodies of the functions defined in it. */
static enum CXChildVisitResult walk_tu(CXCursor c, CXCursor parent, CXClientData d)
{
    struct pf_walk *w = d;
    (void)parent;
    if (!clang_Location_isFromMainFile(clang_getCursorLocation(c)))
        return CXChildVisit_Continue;
    enum CXCursorKind k = clang_getCursorKind(c);
    size_t s, e;
    if (k == CXCursor_MacroExpansion && rw_extent(w->src, c, &s, &e)) {
        if (w->nmac == w->capmac) {
            w->capmac = w->capmac ? 2 * w->capmac : 64;
            w->mac = rw_xrealloc(w->mac, 2 * w->capmac * sizeof *w->mac);
        }
        w->mac[2 * w->nmac] = s;
        w->mac[2 * w->nmac++ + 1] = e;
    } else if (k == CXCursor_FunctionDecl && clang_isCursorDefinition(c)) {
        w->func = may_hold_statics(c) ? rw_spelling(c) : NULL;
        w->parent = -1;
        clang_visitChildren(c, walk_visit, w);
    }
    return CXChildVisit_Continue;
}

/* The outermost profiled loop around loop i of w, or -1 for none; an
 * annotated loop (whose header is the runtime's) counts as none. */
static int root_of(const struct pf_walk *w, unsigned i)
{
    if (w->v[i].parent < 0 || w->v[i].annotated)
        return -1;
    int r = w->v[i].parent;
    while (w->v[r].parent >= 0)
        r = w->v[r].parent;
    return w->v[r].annotated ? -1 : r;
}

/* Append to b the static site of loop i of w. */
static void put_site(const struct pf_walk *w, unsigned i, const char *file, struct rw_buf *b)
{
    const struct pf_loop *pl = &w->v[i];
    unsigned line, col;
    rw_linecol(w->src, pl->for_off, &line, &col);
    rw_buf_printf(b, "static mploop_prof_site __mploop_ps_%zu = { \"%s\", %u, %u, \"%s\", ",
                  pl->for_off, file, line, col, pl->func);
    if (pl->parent >= 0)
        rw_buf_printf(b, "&__mploop_ps_%zu }; ", w->v[pl->parent].for_off);
    else
        rw_buf_puts(b, "0 }; ");
}

/* Add the edits that wrap loop i of w (see the top of the file). */
static void wrap(const struct pf_walk *w, unsigned i, const char *file, struct rw_edits *e)
{
    const struct rw_src *src = w->src;
    const struct pf_loop *pl = &w->v[i];
    size_t o = pl->for_off;
    struct rw_buf b = { 0 };
    rw_buf_puts(&b, "{ ");
    if (root_of(w, i) >= 0) {
        rw_buf_printf(&b, "__attribute__((__cleanup__(mploop_prof_inner_close))) "
                      "mploop_prof_inner_frame __mploop_pf_%zu = { &__mploop_pi_%zu, "
                      "mploop_prof_inner_enter(&__mploop_pi_%zu) };", o, o, o);
    } else {
        /* the sites and counts of the inner loops, those counts last so
         * that they are added in the order the loops are entered */
        put_site(w, i, file, &b);
        for (unsigned k = i + 1; k < w->n; k++)
            if (root_of(w, k) == (int)i)
                put_site(w, k, file, &b);
        for (unsigned k = w->n; k-- > i + 1;)
            if (root_of(w, k) == (int)i)
                rw_buf_printf(&b, "__attribute__((__cleanup__(mploop_prof_inner_flush))) "
                              "mploop_prof_inner __mploop_pi_%zu = { &__mploop_ps_%zu, 0, 0, 0, "
                              "0, __mploop_ps_%zu.countdown }; ", w->v[k].for_off,
                              w->v[k].for_off, w->v[k].for_off);
        rw_buf_printf(&b, "__attribute__((__cleanup__(mploop_prof_close))) mploop_prof_frame "
                      "__mploop_pf_%zu = { &__mploop_ps_%zu, 0, 0 }; __mploop_pf_%zu.start = "
                      "mploop_prof_enter(&__mploop_ps_%zu);", o, o, o, o);
    }
    rw_line_marker(src, &b, file, o);
    rw_edit_add(e, o, o, -1, b.s);
    rw_edit_add(e, pl->end, pl->end, 500, rw_xasprintf(" }"));
    if (pl->annotated) {
        pl->annotated->profiled = 1;
        return;
    }
    char *count = rw_xasprintf(root_of(w, i) >= 0 ? "(++__mploop_pi_%zu.iterations, 1)"
                                                  : "(++__mploop_pf_%zu.iterations, 1)", o);
    if (pl->has_cond) {
        /* the `(` takes the place of a space after the `;`, when there is
         * one, so that the test keeps its columns */
        size_t at = pl->semi[0] + 1;
        int space = src->buf[at] == ' ';
        rw_edit_add(e, at, at + (size_t)space, 0, rw_xasprintf("("));
        rw_edit_add(e, pl->semi[1], pl->semi[1], 0, rw_xasprintf(") && %s", count));
        free(count);
    } else {
        rw_edit_add(e, pl->semi[1], pl->semi[1], 0, count);
    }
}

/* Add the edits of `--profile` (see rewriter.h). */
void rw_profile_emit(const struct rw_src *src, struct rw_pragma *p, unsigned np,
                     struct rw_edits *e)
{
    struct pf_walk w = { .src = src, .p = p, .np = np, .parent = -1 };
    clang_visitChildren(clang_getTranslationUnitCursor(src->tu), walk_tu, &w);
    char *file = rw_escaped_path(src->path);
    /* after a UTF-8 byte order mark, which compilers accept only first */
    size_t top = src->len >= 3 && !memcmp(src->buf, "\xef\xbb\xbf", 3) ? 3 : 0;
    rw_edit_add(e, top, top, -9,
                rw_xasprintf("#include <mploop/abi.h>\nstatic void __attribute__((__constructor__, "
                             "__unused__)) __mploop_prof_start(void) { mploop_prof_begin(); }\n"
                             "#line 1 \"%s\"\n", file));
    for (unsigned i = 0; i < w.n; i++)
        wrap(&w, i, file, e);
    free(file);
    free(w.v);
    free(w.mac);
}
