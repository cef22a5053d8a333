/*
 * guard.c - the statements of a loop body that a lock or a semaphore guards.
 *
 * Workers that take a lock (mploop_lock_acquire, or an if testing that
 * mploop_lock_try succeeded) or a semaphore (mploop_sem_wait) before they
 * touch memory and give it back (mploop_lock_release, mploop_sem_post)
 * afterwards order their accesses themselves; the loop analysis (depend.c)
 * does not report those accesses as loop-carried dependences.  To stay
 * simple and sound a guarded region is only a run of straight-line
 * statements (expressions, declarations) of one block between the two
 * calls, on the same lock or semaphore as written; anything else (a jump,
 * a loop, a branch between them) guards nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

/* What guard_visit collects. */
struct gfind {
    const struct rw_src *src;
    struct rw_guard *g;
    unsigned n;
    int coop;            /* a call of mploop_lock_/mploop_sem_/mploop_queue_ seen */
};

/* The name of the function statement s calls (s a call, possibly cast to
 * void), or NULL (heap); *call the call. */
static char *called(CXCursor s, CXCursor *call)
{
    CXCursor e = rw_strip(s, 1);
    if (clang_getCursorKind(e) == CXCursor_CStyleCastExpr) {
        CXCursor *kids;
        unsigned n = rw_children(e, &kids);
        if (n)
            e = rw_strip(kids[n - 1], 1);
        free(kids);
    }
    if (clang_getCursorKind(e) != CXCursor_CallExpr)
        return NULL;
    *call = e;
    return rw_spelling(clang_getCursorReferenced(e));
}

/* The text of the first argument of call c (heap; "" when unknown). */
static char *first_arg(const struct rw_src *src, CXCursor c)
{
    size_t a, b;
    if (clang_Cursor_getNumArguments(c) < 1 ||
        !rw_extent(src, clang_Cursor_getArgument(c, 0), &a, &b) || b <= a)
        return rw_xstrdup("");
    char *s = rw_xmalloc(b - a + 1);
    memcpy(s, src->buf + a, b - a);
    s[b - a] = 0;
    return s;
}

/* Whether statement s calls function name on the lock or semaphore whose
 * text is arg. */
static int calls_on(const struct rw_src *src, CXCursor s, const char *name, const char *arg)
{
    CXCursor call;
    char *f = called(s, &call);
    int r = f && !strcmp(f, name);
    free(f);
    if (r) {
        char *a = first_arg(src, call);
        r = !strcmp(a, arg);
        free(a);
    }
    return r;
}

/* Whether statement s is straight-line: an expression or a declaration. */
static int straight(CXCursor s)
{
    enum CXCursorKind k = clang_getCursorKind(s);
    return clang_isExpression(k) || k == CXCursor_DeclStmt || k == CXCursor_NullStmt;
}

/* Note the guarded region [a, b) in f. */
static void add(struct gfind *f, size_t a, size_t b)
{
    f->g = rw_xrealloc(f->g, (f->n + 1) * sizeof *f->g);
    f->g[f->n++] = (struct rw_guard){ a, b };
}

/* In the statements s[from..n), find the one that calls rel on arg after
 * straight-line statements only; its index, or n. */
static unsigned release_at(const struct rw_src *src, CXCursor *s, unsigned from, unsigned n,
                           const char *rel, const char *arg)
{
    for (unsigned j = from; j < n; j++) {
        if (calls_on(src, s[j], rel, arg))
            return j;
        if (!straight(s[j]))
            return n;
    }
    return n;
}

/* Whether condition c says that mploop_lock_try succeeded: `!try(l)`,
 * `try(l) == 0` or `0 == try(l)`; *arg the lock's text (heap). */
static int try_succeeds(const struct rw_src *src, CXCursor c, char **arg)
{
    c = rw_strip(c, 1);
    CXCursor *kids, call, t = clang_getNullCursor();
    unsigned n = rw_children(c, &kids);
    enum rw_op op = rw_operator(src, c);
    if (clang_getCursorKind(c) == CXCursor_UnaryOperator && n == 1 && op == RW_OP_LNOT) {
        t = kids[0];
    } else if (clang_getCursorKind(c) == CXCursor_BinaryOperator && n == 2 && op == RW_OP_EQ) {
        for (unsigned i = 0; i < 2; i++) {
            CXCursor z = rw_strip(kids[1 - i], 1);
            size_t a, b;
            if (clang_getCursorKind(z) == CXCursor_IntegerLiteral && rw_extent(src, z, &a, &b) &&
                b == a + 1 && src->buf[a] == '0')
                t = kids[i];
        }
    }
    free(kids);
    char *f = clang_Cursor_isNull(t) ? NULL : called(t, &call);
    int r = f && !strcmp(f, "mploop_lock_try");
    free(f);
    if (r)
        *arg = first_arg(src, call);
    return r;
}

/* The regions of compound statement c's own statements. */
static void block_regions(struct gfind *f, CXCursor c)
{
    CXCursor *s;
    unsigned n = rw_children(c, &s);
    for (unsigned i = 0; i < n; i++) {
        CXCursor call;
        char *name = called(s[i], &call);
        const char *rel = NULL;
        if (name && !strcmp(name, "mploop_lock_acquire"))
            rel = "mploop_lock_release";
        else if (name && !strcmp(name, "mploop_sem_wait"))
            rel = "mploop_sem_post";
        free(name);
        size_t a, b, c0, c1;
        if (rel) {
            char *arg = first_arg(f->src, call);
            unsigned j = release_at(f->src, s, i + 1, n, rel, arg);
            free(arg);
            if (j < n && rw_extent(f->src, s[i], &a, &b) && rw_extent(f->src, s[j], &c0, &c1))
                add(f, b, c0);
            continue;
        }
        if (clang_getCursorKind(s[i]) != CXCursor_IfStmt)
            continue;
        CXCursor *kids;
        unsigned k = rw_children(s[i], &kids);
        char *arg = NULL;
        if (k == 2 && clang_getCursorKind(kids[1]) == CXCursor_CompoundStmt &&
            try_succeeds(f->src, kids[0], &arg)) {
            CXCursor *t;
            unsigned m = rw_children(kids[1], &t);
            unsigned j = release_at(f->src, t, 0, m, "mploop_lock_release", arg);
            if (j < m && rw_extent(f->src, kids[1], &a, &b) && rw_extent(f->src, t[j], &c0, &c1))
                add(f, a, c0);
            free(t);
        }
        free(arg);
        free(kids);
    }
    free(s);
}

/* Visitor collecting the regions of every block, and the calls of the
 * cooperation primitives. */
static enum CXChildVisitResult guard_visit(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    struct gfind *f = d;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_CompoundStmt)
        block_regions(f, c);
    if (k == CXCursor_CallExpr) {
        char *name = rw_spelling(clang_getCursorReferenced(c));
        f->coop |= !strncmp(name, "mploop_lock_", 12) || !strncmp(name, "mploop_sem_", 11) ||
                   !strncmp(name, "mploop_queue_", 13);
        free(name);
    }
    return CXChildVisit_Recurse;
}

/* The guarded regions of loop body body (see rewriter.h). */
unsigned rw_guards_find(const struct rw_src *src, CXCursor body, struct rw_guard **out,
                        int *coop)
{
    struct gfind f = { .src = src };
    if (clang_getCursorKind(body) == CXCursor_CompoundStmt)
        block_regions(&f, body);
    clang_visitChildren(body, guard_visit, &f);
    *out = f.g;
    *coop = f.coop;
    return f.n;
}

/* Whether offset off lies in one of the n regions g. */
int rw_guards_cover(const struct rw_guard *g, unsigned n, size_t off)
{
    for (unsigned i = 0; i < n; i++)
        if (off >= g[i].start && off < g[i].end)
            return 1;
    return 0;
}
