/*
 * scalars.c - how a loop body uses the variables of enclosing scopes.
 *
 * check.c refuses a scalar declared outside the loop that the body assigns
 * without a clause, and names the clause that fits.  Which clause fits is a
 * property of the whole body, not of one assignment: `w -= x` suggests a
 * reduction on its own, but after `w = a[i][i]` in the same iteration it is
 * plain arithmetic on a value of that iteration.  So the body is walked once,
 * in evaluation order, with the set of variables that hold a value computed
 * in the current iteration at each point (assigned on every path from a
 * value that does not depend on their own earlier one; updates keep that
 * property), and each variable falls in one of three classes:
 *
 *   - private: no iteration reads a value an earlier iteration left in it
 *     (on every path it is assigned before it is read): an inner loop's
 *     counter `for (j = 0; ...)`, `w = a[i][i]; ... w -= ...; x[i] = w;`;
 *   - carried: an iteration uses a value that depends on what the earlier
 *     ones left, for something else than updating the variable itself: an
 *     index `log[next++] = x`, `count++; a[i] = count;`.  Its value in one
 *     iteration depends on all the earlier ones: no clause makes the loop
 *     parallel (a reduction gives each worker its own partial value);
 *   - other: it is only updated from its own value (`s += x`, `m = m > e ?
 *     m : e`, `if (e > m) m = e;`), as a reduction is, or it cannot be told;
 *     check.c judges each assignment.
 *
 * Control flow is followed conservatively: where paths join (after `if`,
 * `?:`, `&&`, `||`, `switch`) the sets are intersected, a point after a
 * jump contributes nothing, a loop's end, test and increment see the set
 * from before its body, a `case` the set at its `switch`, and an ordinary
 * label (the target of a `goto`) the empty set.  A variable whose address
 * is taken where it may hold an earlier value may be read through the
 * pointer: it is classed "other".
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

/* What the walk learns about one variable. */
struct var {
    CXCursor decl;
    int upward;          /* read where its value may come from an earlier iteration */
    int carried;         /* such a value used other than to update itself */
    size_t use_off;      /* where first so */
    int escaped;         /* address taken where it may hold an earlier value */
};

/* The walk over one body. */
struct sc {
    const struct rw_src *src;
    size_t start, end;   /* the annotated loop */
    struct var *v;
    unsigned n, cap;
    unsigned words;      /* size of a set, in 64-bit words */
    int self;            /* variable whose own update is being evaluated, or -1 */
    int self_stale;      /* that update read a value of an earlier iteration */
    int guard;           /* variable the `if` condition being walked compares, or -1 */
    uint64_t *case_base; /* set at the head of the innermost `switch` */
    uint64_t *breaks;    /* intersection of the sets at its `break`s; NULL
                          * inside a loop (its end takes the set before its
                          * body, which no `break` can shrink) */
};

/* A new set: empty, or a copy of from. */
static uint64_t *set_new(const struct sc *s, const uint64_t *from)
{
    uint64_t *r = rw_xmalloc(s->words * sizeof *r);
    if (from)
        memcpy(r, from, s->words * sizeof *r);
    else
        memset(r, 0, s->words * sizeof *r);
    return r;
}

/* Make set a the full set: what an unreachable point (after a jump)
 * contributes where paths join. */
static void set_fill(const struct sc *s, uint64_t *a)
{
    memset(a, 0xff, s->words * sizeof *a);
}

/* Intersect set a with set b, in a. */
static void set_and(const struct sc *s, uint64_t *a, const uint64_t *b)
{
    for (unsigned i = 0; i < s->words; i++)
        a[i] &= b[i];
}

/* Whether variable i is in set a. */
static int set_has(const uint64_t *a, int i)
{
    return (a[i / 64] >> (i % 64)) & 1;
}

/* Visitor collecting the variables declared outside the loop that the body
 * names. */
static enum CXChildVisitResult collect(CXCursor c, CXCursor parent, CXClientData d)
{
    struct sc *s = d;
    (void)parent;
    CXCursor v = rw_named_var(c);
    if (clang_Cursor_isNull(v) || !rw_decl_outside(s->src, v, s->start, s->end))
        return CXChildVisit_Recurse;
    for (unsigned i = 0; i < s->n; i++)
        if (clang_equalCursors(s->v[i].decl, v))
            return CXChildVisit_Recurse;
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 16;
        s->v = rw_xrealloc(s->v, s->cap * sizeof *s->v);
    }
    memset(&s->v[s->n], 0, sizeof s->v[s->n]);
    s->v[s->n++].decl = v;
    return CXChildVisit_Recurse;
}

/* The index of the variable that expression c is, parentheses aside and
 * with no conversion around it (so that it is written, or its address
 * taken), or -1. */
static int direct_var(const struct sc *s, CXCursor c)
{
    c = rw_strip_parens(c);
    if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
        return -1;
    CXCursor d = clang_getCursorReferenced(c);
    for (unsigned i = 0; i < s->n; i++)
        if (clang_equalCursors(s->v[i].decl, d))
            return (int)i;
    return -1;
}

/* Variable i is read at c with the set da; update: by an update of
 * itself.  Only a value that may come from an earlier iteration (i not in
 * da) matters. */
static void read_var(struct sc *s, int i, CXCursor c, const uint64_t *da, int update)
{
    if (set_has(da, i))
        return;
    s->v[i].upward = 1;
    if (i == s->self)
        s->self_stale = 1;
    if (!update && !s->v[i].carried) {
        s->v[i].carried = 1;
        s->v[i].use_off = rw_cursor_off(s->src, c, s->start);
    }
}

/* Variable i holds a value of this iteration from here on. */
static void set_add(uint64_t *da, int i)
{
    da[i / 64] |= (uint64_t)1 << (i % 64);
}

static void walk(struct sc *s, CXCursor c, uint64_t *da, int used);

/* Walk the children of c in order, each with used. */
static void walk_kids(struct sc *s, CXCursor c, uint64_t *da, int used)
{
    CXCursor *kids;
    unsigned n = rw_children(c, &kids);
    for (unsigned i = 0; i < n; i++)
        walk(s, kids[i], da, used);
    free(kids);
}

/* Walk c on a copy of da and drop what it assigns (a branch that may not
 * run, or whose end no later code is sure to follow). */
static void walk_maybe(struct sc *s, CXCursor c, const uint64_t *da, int used)
{
    uint64_t *t = set_new(s, da);
    walk(s, c, t, used);
    free(t);
}

/* Visitor finding `break`, `continue` and labels. */
static enum CXChildVisitResult find_jump(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_BreakStmt || k == CXCursor_ContinueStmt || k == CXCursor_LabelStmt) {
        *(int *)d = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* Whether statement c holds a `break`, a `continue` or a label. */
static int has_jump(CXCursor c)
{
    int found = 0;
    clang_visitChildren(c, find_jump, &found);
    return found;
}

struct assigns {
    const struct rw_src *src;
    CXCursor decl;
    int found;
};

/* Visitor finding a plain assignment `v = e` to variable a->decl. */
static enum CXChildVisitResult assigns_visit(CXCursor c, CXCursor parent, CXClientData d)
{
    struct assigns *a = d;
    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_BinaryOperator ||
        rw_operator(a->src, c) == RW_OP_COMMA)
        return CXChildVisit_Recurse;
    CXCursor *kids;
    unsigned n = rw_children(c, &kids);
    CXCursor v = n == 2 ? rw_strip_parens(kids[0]) : clang_getNullCursor();
    a->found = n == 2 && clang_getCursorKind(v) == CXCursor_DeclRefExpr &&
               clang_equalCursors(clang_getCursorReferenced(v), a->decl);
    free(kids);
    return a->found ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* For an `if` with condition cond and then-branch then: the variable cond
 * compares (`e > m`, `m <= e`) when then assigns it, the shape of a min or
 * max update (`if (e > m) m = e;`); else -1. */
static int guard_var(struct sc *s, CXCursor cond, CXCursor then)
{
    CXCursor c = rw_strip(cond, 1), *kids;
    if (clang_getCursorKind(c) != CXCursor_BinaryOperator)
        return -1;
    enum rw_op op = rw_operator(s->src, c);
    if (op != RW_OP_LT && op != RW_OP_GT && op != RW_OP_LE && op != RW_OP_GE)
        return -1;
    int g = -1;
    if (rw_children(c, &kids) == 2) {
        CXCursor a = rw_named_var(rw_strip(kids[0], 1)), b = rw_named_var(rw_strip(kids[1], 1));
        for (unsigned i = 0; i < s->n && g < 0; i++)
            if ((!clang_Cursor_isNull(a) && clang_equalCursors(a, s->v[i].decl)) ||
                (!clang_Cursor_isNull(b) && clang_equalCursors(b, s->v[i].decl)))
                g = (int)i;
    }
    free(kids);
    if (g < 0)
        return -1;
    struct assigns a = { s->src, s->v[g].decl, 0 };
    assigns_visit(then, clang_getNullCursor(), &a);
    if (!a.found)
        clang_visitChildren(then, assigns_visit, &a);
    return a.found ? g : -1;
}

/* Whether unary operator c, whose operand is variable decl itself (no
 * conversion), takes its address: its type points to decl's (`++` and `--`
 * have decl's own type). */
static int is_address_of(CXCursor c, CXCursor decl)
{
    CXType pt = clang_getPointeeType(clang_getCursorType(c));
    return pt.kind != CXType_Invalid &&
           clang_equalTypes(clang_getCanonicalType(pt),
                            clang_getCanonicalType(clang_getCursorType(decl)));
}

/* Walk an assignment of variable i at c: a plain one (`v = e`, reads_old
 * 0) or an update (`v++`, `v += e`); rhs is the operand other than v, or a
 * null cursor.  Reads of v in rhs belong to the update.  v then holds a
 * value of this iteration unless it was computed from an earlier one. */
static void walk_update(struct sc *s, int i, CXCursor c, CXCursor rhs, uint64_t *da,
                        int used, int reads_old)
{
    int saved = s->self, saved_stale = s->self_stale;
    s->self = i;
    s->self_stale = 0;
    if (!clang_Cursor_isNull(rhs))
        walk(s, rhs, da, 1);
    if (reads_old)
        read_var(s, i, c, da, 1);
    if (!s->self_stale)
        set_add(da, i);
    s->self = saved;
    s->self_stale = saved_stale;
    if (used)
        read_var(s, i, c, da, 0);
}

/* Walk a for, while or do statement.  Its end takes the set from before
 * its body (a for or while body may not run; a do body may not reach its
 * end when it jumps), and its test and increment see that set too. */
static void walk_loop(struct sc *s, CXCursor c, uint64_t *da)
{
    uint64_t *outer = s->breaks;
    CXCursor *kids;
    unsigned n = rw_children(c, &kids);
    s->breaks = NULL;
    switch (clang_getCursorKind(c)) {
    case CXCursor_ForStmt: {
        struct rw_for_parts h;
        if (rw_for_parts(s->src, c, &h) != RW_FOR_OK) {
            /* parts unknown: nothing it assigns counts */
            for (unsigned i = 0; i < n; i++)
                walk_maybe(s, kids[i], da, 1);
            break;
        }
        if (!clang_Cursor_isNull(h.init))
            walk(s, h.init, da, 0);
        if (!clang_Cursor_isNull(h.cond))
            walk(s, h.cond, da, 1);
        walk_maybe(s, h.body, da, 0);
        if (!clang_Cursor_isNull(h.inc))
            walk_maybe(s, h.inc, da, 0);
        break;
    }
    case CXCursor_WhileStmt:
        for (unsigned i = 0; i < n; i++)
            if (i + 1 < n)
                walk(s, kids[i], da, 1);
            else
                walk_maybe(s, kids[i], da, 0);
        break;
    default: /* do: the body runs once; its end reaches the test unless it jumps */
        if (n == 2 && !has_jump(kids[0])) {
            walk(s, kids[0], da, 0);
            walk(s, kids[1], da, 1);
        } else {
            for (unsigned i = 0; i < n; i++)
                walk_maybe(s, kids[i], da, i + 1 == n);
        }
        break;
    }
    free(kids);
    s->breaks = outer;
}

struct default_of {
    int found;
};

/* Visitor finding a `default` label of the switch being visited (not of a
 * nested one). */
static enum CXChildVisitResult find_default(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_SwitchStmt)
        return CXChildVisit_Continue;
    if (k == CXCursor_DefaultStmt) {
        ((struct default_of *)d)->found = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* Walk a switch statement: a `case` is reached from the set after the
 * controlling expression (and by falling through), its end is where the
 * body ends, where a `break` leaves and, without `default`, the head. */
static void walk_switch(struct sc *s, CXCursor c, uint64_t *da)
{
    CXCursor *kids;
    unsigned n = rw_children(c, &kids);
    for (unsigned i = 0; i + 1 < n; i++)
        walk(s, kids[i], da, 1);
    if (n) {
        uint64_t *outer_case = s->case_base, *outer_breaks = s->breaks;
        uint64_t *t = set_new(s, da), *brk = set_new(s, NULL);
        set_fill(s, brk);
        s->case_base = da;
        s->breaks = brk;
        walk(s, kids[n - 1], t, 0);
        s->case_base = outer_case;
        s->breaks = outer_breaks;
        struct default_of def = { 0 };
        clang_visitChildren(kids[n - 1], find_default, &def);
        set_and(s, t, brk);
        if (def.found)
            memcpy(da, t, s->words * sizeof *da);
        else
            set_and(s, da, t);
        free(t);
        free(brk);
    }
    free(kids);
}

/* Whether expression c is an assignment, compound assignment, increment
 * or decrement, whose value is usually dropped. */
static int is_update(CXCursor c)
{
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_CompoundAssignOperator)
        return 1;
    if (k != CXCursor_BinaryOperator && k != CXCursor_UnaryOperator)
        return 0;
    /* a bare lvalue operand (no conversion) is what these modify */
    CXCursor *kids;
    unsigned n = rw_children(c, &kids);
    enum CXCursorKind ok = n ? clang_getCursorKind(rw_strip_parens(kids[0])) : CXCursor_NoDeclFound;
    free(kids);
    return ok == CXCursor_DeclRefExpr || ok == CXCursor_ArraySubscriptExpr ||
           ok == CXCursor_MemberRefExpr;
}

/* Walk an operator expression c (unary, binary, compound assignment). */
static void walk_operator(struct sc *s, CXCursor c, uint64_t *da, int used)
{
    enum CXCursorKind k = clang_getCursorKind(c);
    CXCursor *kids;
    unsigned n = rw_children(c, &kids);
    int v = n ? direct_var(s, kids[0]) : -1;
    enum rw_op op = rw_operator(s->src, c);
    if (k == CXCursor_UnaryOperator && v >= 0) {
        /* a variable as direct operand is either incremented, decremented
         * or has its address taken */
        if (is_address_of(c, s->v[v].decl)) {
            if (!set_has(da, v))
                s->v[v].escaped = 1;
        } else {
            walk_update(s, v, c, clang_getNullCursor(), da, used, 1);
        }
    } else if (k == CXCursor_CompoundAssignOperator && v >= 0 && n == 2) {
        walk_update(s, v, c, kids[1], da, used, 1);
    } else if (k == CXCursor_BinaryOperator && n == 2 && op == RW_OP_COMMA) {
        walk(s, kids[0], da, 0);
        walk(s, kids[1], da, used);
    } else if (k == CXCursor_BinaryOperator && n == 2 && v >= 0 && op != RW_OP_COMMA) {
        /* `v = e`: reads of v in e are its own update */
        walk_update(s, v, c, kids[1], da, used, 0);
    } else if (k == CXCursor_BinaryOperator && n == 2 &&
               (op == RW_OP_LAND || op == RW_OP_LOR)) {
        walk(s, kids[0], da, 1);
        walk_maybe(s, kids[1], da, 1);
    } else if (k == CXCursor_BinaryOperator && n == 2 && op == RW_OP_NONE) {
        /* a macro body wrote the operator (libclang before 17): after an
         * update it is taken for a comma, whose left value is dropped
         * (`#define MIX(v, x) ((v) ^= (x), (v) += (x))`); the right side
         * may not run (`&&`), so what it assigns does not count */
        int drop = is_update(rw_strip_parens(kids[0]));
        walk(s, kids[0], da, !drop);
        walk_maybe(s, kids[1], da, drop ? used : 1);
    } else {
        for (unsigned i = 0; i < n; i++)
            walk(s, kids[i], da, 1);
    }
    free(kids);
}

/* Walk c, a statement (used 0) or an expression whose value is used (used
 * 1) or discarded (0), updating da, the set of variables that hold a value
 * of this iteration. */
static void walk(struct sc *s, CXCursor c, uint64_t *da, int used)
{
    enum CXCursorKind k = clang_getCursorKind(c);
    CXCursor *kids;
    unsigned n;
    switch (k) {
    case CXCursor_DeclRefExpr: {
        int v = direct_var(s, c);
        if (v >= 0)
            read_var(s, v, c, da, v == s->self || v == s->guard);
        return;
    }
    case CXCursor_UnaryExpr: /* sizeof, _Alignof: nothing is evaluated */
        return;
    case CXCursor_UnaryOperator: case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator:
        walk_operator(s, c, da, used);
        return;
    case CXCursor_ParenExpr:
        walk_kids(s, c, da, used);
        return;
    case CXCursor_CStyleCastExpr:
        walk_kids(s, c, da, used && clang_getCanonicalType(clang_getCursorType(c)).kind != CXType_Void);
        return;
    case CXCursor_ConditionalOperator: {
        n = rw_children(c, &kids);
        if (n == 3) {
            walk(s, kids[0], da, 1);
            uint64_t *t = set_new(s, da);
            walk(s, kids[1], t, used);
            walk(s, kids[2], da, used);
            set_and(s, da, t);
            free(t);
        } else {
            for (unsigned i = 0; i < n; i++)
                walk_maybe(s, kids[i], da, 1);
        }
        free(kids);
        return;
    }
    case CXCursor_CompoundStmt:
        walk_kids(s, c, da, 0);
        return;
    case CXCursor_IfStmt: {
        n = rw_children(c, &kids);
        if (n >= 2) {
            int outer = s->guard;
            s->guard = guard_var(s, kids[0], kids[1]);
            walk(s, kids[0], da, 1);
            s->guard = outer;
            uint64_t *t = set_new(s, da);
            walk(s, kids[1], t, 0);
            if (n >= 3) {
                walk(s, kids[2], da, 0);
                set_and(s, da, t);
            }
            free(t);
        } else {
            walk_kids(s, c, da, 1);
        }
        free(kids);
        return;
    }
    case CXCursor_ForStmt: case CXCursor_WhileStmt: case CXCursor_DoStmt:
        walk_loop(s, c, da);
        return;
    case CXCursor_SwitchStmt:
        walk_switch(s, c, da);
        return;
    case CXCursor_CaseStmt: case CXCursor_DefaultStmt:
        if (s->case_base)
            set_and(s, da, s->case_base);
        else
            memset(da, 0, s->words * sizeof *da);
        n = rw_children(c, &kids);
        if (n)
            walk(s, kids[n - 1], da, 0);
        free(kids);
        return;
    case CXCursor_BreakStmt:
        if (s->breaks)
            set_and(s, s->breaks, da);
        set_fill(s, da);
        return;
    case CXCursor_ContinueStmt: case CXCursor_GotoStmt: case CXCursor_IndirectGotoStmt:
        set_fill(s, da); /* what follows is reached only through a label */
        return;
    case CXCursor_ReturnStmt:
        walk_kids(s, c, da, 1);
        set_fill(s, da);
        return;
    case CXCursor_LabelStmt:
        memset(da, 0, s->words * sizeof *da); /* reached by a goto from anywhere */
        walk_kids(s, c, da, 0);
        return;
    case CXCursor_StmtExpr:
        walk_kids(s, c, da, 0);
        return;
    default:
        walk_kids(s, c, da, 1);
        return;
    }
}

/* What address_outside looks for. */
struct around {
    const struct rw_src *src;
    size_t start, end;   /* the annotated loop */
    CXCursor decl;
    int found;
};

/* Visitor: whether the address of a->decl is taken outside the annotated
 * loop (it may be read through a pointer); sets a->found. */
static enum CXChildVisitResult address_outside(CXCursor c, CXCursor parent, CXClientData d)
{
    struct around *a = d;
    (void)parent;
    size_t cs, ce;
    if (clang_getCursorKind(c) != CXCursor_UnaryOperator || !rw_extent(a->src, c, &cs, &ce) ||
        (cs >= a->start && cs < a->end))
        return CXChildVisit_Recurse;
    CXCursor *kids;
    unsigned n = rw_children(c, &kids);
    CXCursor v = n == 1 ? rw_strip_parens(kids[0]) : clang_getNullCursor();
    a->found = n == 1 && clang_getCursorKind(v) == CXCursor_DeclRefExpr &&
               clang_equalCursors(clang_getCursorReferenced(v), a->decl) &&
               is_address_of(c, a->decl);
    free(kids);
    return a->found ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* The child of c whose extent holds offset at, or a null cursor. */
static CXCursor child_at(const struct rw_src *src, CXCursor c, size_t at, unsigned *index)
{
    CXCursor *kids, r = clang_getNullCursor();
    unsigned n = rw_children(c, &kids);
    for (unsigned i = 0; i < n; i++) {
        size_t a, b;
        if (rw_extent(src, kids[i], &a, &b) && a <= at && at < b) {
            r = kids[i];
            *index = i;
            break;
        }
    }
    free(kids);
    return r;
}

/* The statements that run after loop l in its function, those of the
 * innermost block first, into *out (heap, *n of them).  Returns 0, or -1
 * when control does not simply fall out of the blocks and `if`s around l
 * (a loop around it runs it again, a `switch` or a label may skip
 * statements): then the value l leaves cannot be followed. */
static int after_loop(const struct rw_src *src, const struct rw_loop *l, CXCursor **out,
                      unsigned *n)
{
    CXCursor *kids, cur = clang_getNullCursor();
    unsigned nk = rw_children(l->site.func, &kids);
    for (unsigned i = 0; i < nk; i++)
        if (clang_getCursorKind(kids[i]) == CXCursor_CompoundStmt)
            cur = kids[i];
    free(kids);
    CXCursor *blocks = NULL;
    unsigned *next = NULL, nb = 0;
    int rc = -1;
    *out = NULL;
    *n = 0;
    while (!clang_Cursor_isNull(cur)) {
        unsigned idx = 0;
        CXCursor kid = child_at(src, cur, l->lv[0].for_off, &idx);
        if (clang_Cursor_isNull(kid))
            break;
        if (clang_getCursorKind(cur) == CXCursor_CompoundStmt) {
            blocks = rw_xrealloc(blocks, (nb + 1) * sizeof *blocks);
            next = rw_xrealloc(next, (nb + 1) * sizeof *next);
            blocks[nb] = cur;
            next[nb++] = idx + 1;
        }
        if (clang_equalCursors(kid, l->site.for_stmt)) {
            rc = 0;
            break;
        }
        enum CXCursorKind k = clang_getCursorKind(kid);
        cur = k == CXCursor_CompoundStmt || k == CXCursor_IfStmt ? kid : clang_getNullCursor();
    }
    for (unsigned b = nb; rc == 0 && b-- > 0;) {
        nk = rw_children(blocks[b], &kids);
        for (unsigned i = next[b]; i < nk; i++) {
            *out = rw_xrealloc(*out, (*n + 1) * sizeof **out);
            (*out)[(*n)++] = kids[i];
        }
        free(kids);
    }
    free(blocks);
    free(next);
    return rc;
}

/* Whether the code after loop l may read the value variable decl has when
 * the loop ends: decl is global or static (any code may), its address is
 * taken outside the loop, the way out of the loop cannot be followed
 * (after_loop), or a statement after it reads decl before assigning it a
 * value that does not depend on the loop's (the walk of the body, on the
 * statements that follow). */
static int live_after(const struct rw_src *src, const struct rw_loop *l, CXCursor decl)
{
    if (clang_getCursorKind(decl) == CXCursor_VarDecl &&
        (clang_Cursor_hasVarDeclGlobalStorage(decl) ||
         clang_Cursor_getStorageClass(decl) == CX_SC_Extern))
        return 1;
    struct around at = { src, l->lv[0].for_off, l->end, decl, 0 };
    clang_visitChildren(l->site.func, address_outside, &at);
    CXCursor *stmts = NULL;
    unsigned n;
    if (at.found || after_loop(src, l, &stmts, &n)) {
        free(stmts);
        return 1;
    }
    struct var v = { .decl = decl };
    struct sc s = { .src = src, .start = l->lv[0].for_off, .end = l->end, .v = &v, .n = 1,
                    .cap = 1, .words = 1, .self = -1, .guard = -1 };
    uint64_t da = 0;
    for (unsigned i = 0; i < n && !v.upward && !v.escaped; i++)
        walk(&s, stmts[i], &da, 0);
    free(stmts);
    return v.upward || v.escaped;
}

/* Classify the variables declared outside loop l that its body names (see
 * rewriter.h). */
unsigned rw_scalars(const struct rw_src *src, const struct rw_loop *l, struct rw_scalar **out)
{
    struct sc s = { .src = src, .start = l->lv[0].for_off, .end = l->end, .self = -1,
                    .guard = -1 };
    clang_visitChildren(l->body, collect, &s);
    s.words = s.n / 64 + 1;
    uint64_t *da = set_new(&s, NULL);
    walk(&s, l->body, da, 0);
    free(da);
    struct rw_scalar *r = rw_xmalloc((s.n + 1) * sizeof *r);
    for (unsigned i = 0; i < s.n; i++) {
        struct var *v = &s.v[i];
        r[i].decl = v->decl;
        r[i].use_off = v->use_off;
        r[i].live_after = 0;
        if (v->escaped)
            r[i].use = RW_SCALAR_OTHER;
        else if (!v->upward)
            r[i].use = RW_SCALAR_PRIVATE;
        else if (v->carried)
            r[i].use = RW_SCALAR_CARRIED;
        else
            r[i].use = RW_SCALAR_OTHER;
        if (r[i].use == RW_SCALAR_PRIVATE)
            r[i].live_after = live_after(src, l, v->decl);
    }
    free(s.v);
    *out = r;
    return s.n;
}
