/*
 * check.c - forms refused in the body of a parallel loop.
 *
 * The body runs in worker processes, each on a share of the iterations, so
 * control may not leave it (`break` out of the loop, `return`, `goto` to a
 * label outside, computed goto, and `longjmp` out of it: calls.c), and a
 * scalar declared outside the loop that the body assigns would be a race
 * or a lost update: the user must say what it means with a clause, and the
 * diagnostic names the clause that fits.  Which one fits depends on how the
 * whole body uses the variable (scalars.c): one that every iteration sets
 * before reading it is private, whatever else the body does with it; one
 * whose value carried over from earlier iterations is used (`log[next++]`)
 * makes the loop not parallel as written, and no clause is suggested; for
 * the others the operator of each update names a reduction.  Writes to
 * array elements, struct fields and through pointers are merged by the
 * runtime and are allowed; an array of the enclosing function used as
 * scratch space by every iteration gets a warning (scratch.c), and so do
 * calls that use library state the workers do not share (calls.c).
 *
 * Whether an expression modifies a variable is decided from the shape of
 * the AST, which macros cannot hide (`#define INC(c) c++`); the operator,
 * which only chooses the suggested clause, comes from rw_operator (ast.c),
 * and when a macro body wrote it (libclang before 17), from the macro's
 * definition.
 */
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

struct chk {
    const struct rw_src *src;
    struct rw_loop *l;
    size_t loop_start, loop_end;   /* the whole (outermost) for statement */
    unsigned breakable;            /* loops and switches entered in the body */
    CXCursor *exempt;              /* loop and clause variables */
    unsigned nexempt;
    CXCursor guard;                /* condition of the `if` whose then-branch
                                    * is being checked, or a null cursor */
    struct rw_scalar *sc;          /* how the body uses outside variables */
    unsigned nsc;
    unsigned char *reported;       /* per sc: its one error was printed */
    int rc;
};

/* Offset where c starts (the loop's start when unknown). */
static size_t cursor_off(const struct chk *k, CXCursor c)
{
    return rw_cursor_off(k->src, c, k->loop_start);
}

/* Report an error at c followed by the note naming the loop. */
static void refuse(struct chk *k, CXCursor c, const char *msg)
{
    rw_error(cursor_off(k, c), "%s", msg);
    rw_note(k->l->lv[0].for_off, "in the loop over '%s' annotated with '#pragma mploop for'",
            k->l->lv[0].name);
    k->rc = -1;
}

static const char *const compound_ops[] = { "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
                                           "<<=", ">>=", NULL };
static const char *const incdec_ops[] = { "++", "--", NULL };

/* For an expression produced by the macro used at offset off: the one
 * operator of the list ops that the macro's definition contains, if it
 * contains exactly one kind of them. */
static void macro_op(const struct rw_src *src, size_t off, const char *const *ops, char op[8])
{
    CXSourceLocation loc = clang_getLocationForOffset(src->tu, src->file, (unsigned)off);
    CXCursor exp = clang_getCursor(src->tu, loc);
    if (clang_getCursorKind(exp) != CXCursor_MacroExpansion)
        return;
    CXCursor def = clang_getCursorReferenced(exp);
    CXSourceRange r = clang_getCursorExtent(def);
    CXFile f;
    unsigned a, b;
    size_t len;
    clang_getFileLocation(clang_getRangeStart(r), &f, NULL, NULL, &a);
    clang_getFileLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &b);
    const char *buf = f ? clang_getFileContents(src->tu, f, &len) : NULL;
    if (!buf || b > len || a >= b)
        return;
    const char *found = NULL;
    struct rw_tok t;
    for (size_t pos = a; (pos = rw_lex(buf, b, pos, 1, &t)), t.kind != RW_T_EOL;) {
        for (const char *const *c = ops; *c; c++)
            if (rw_tok_is(buf, &t, *c)) {
                if (found && strcmp(found, *c))
                    return;
                found = *c;
            }
    }
    if (found)
        strcpy(op, found);
}

/* The operator of expression e (kind: unary, binary or compound assignment)
 * as written ("" when it cannot be read); an operator that a macro body
 * wrote is looked for in the macro's definition. */
static void get_op(const struct rw_src *src, CXCursor e, char op[8])
{
    size_t ea, eb;
    strcpy(op, rw_op_spelling(rw_operator(src, e)));
    int unary = clang_getCursorKind(e) == CXCursor_UnaryOperator;
    if ((!op[0] || (unary && strcmp(op, "++") && strcmp(op, "--"))) &&
        rw_extent(src, e, &ea, &eb))
        macro_op(src, ea, unary ? incdec_ops : compound_ops, op);
}

/* Whether expression c (parentheses and implicit conversions aside) names
 * variable d. */
static int names_var(CXCursor c, CXCursor d)
{
    CXCursor v = rw_named_var(rw_strip(c, 1));
    return !clang_Cursor_isNull(v) && clang_equalCursors(v, d);
}

/* For `x = rhs` with x the variable d: the reduction operator the
 * assignment is an update of, or NULL.  `x = x op e` and `x = e op x` (op
 * commutative) give op, `x = x - e` gives -, and `x = x > e ? x : e` and
 * its variants give max or min. */
static const char *assign_reduction(const struct rw_src *src, CXCursor rhs, CXCursor d, int integer)
{
    CXCursor r = rw_strip(rhs, 1);
    CXCursor *kids;
    unsigned n = rw_children(r, &kids);
    const char *red = NULL;
    enum CXCursorKind rk = clang_getCursorKind(r);
    if (rk == CXCursor_BinaryOperator && n == 2) {
        const char *op = rw_op_spelling(rw_operator(src, r));
        int left = names_var(kids[0], d), right = names_var(kids[1], d);
        size_t roff;
        /* the other operand must not read x: `x = x + x * 2` is no sum */
        if ((left && rw_find_ref(src, kids[1], &d, 1, &roff) >= 0) ||
            (right && rw_find_ref(src, kids[0], &d, 1, &roff) >= 0))
            left = right = 0;
        static const char *const comm[] = { "+", "*", "&&", "||", "&", "|", "^", NULL };
        for (int i = 0; comm[i] && !red; i++)
            if (!strcmp(op, comm[i]) && (left || right) && (i < 4 || integer))
                red = comm[i];
        if (!red && !strcmp(op, "-") && left)
            red = "-";
    } else if (rk == CXCursor_ConditionalOperator && n == 3) {
        CXCursor c = rw_strip(kids[0], 1), *ck;
        unsigned cn = clang_getCursorKind(c) == CXCursor_BinaryOperator ? rw_children(c, &ck) : 0;
        if (cn == 2) {
            const char *op = rw_op_spelling(rw_operator(src, c));
            int gt = !strcmp(op, ">") || !strcmp(op, ">="), lt = !strcmp(op, "<") || !strcmp(op, "<=");
            int xa = names_var(ck[0], d), xb = names_var(ck[1], d);
            int xp = names_var(kids[1], d), xq = names_var(kids[2], d);
            if ((gt || lt) && xa != xb && xp != xq) {
                int x_bigger_when_true = xa ? gt : lt;
                red = (xp == x_bigger_when_true) ? "max" : "min";
            }
        }
        if (cn)
            free(ck);
    }
    free(kids);
    return red;
}

/* For `x = rhs` with x the variable d, run only when the condition guard
 * holds (`if (a[i] > m) m = a[i];`): max or min when guard compares x with
 * something else so that the assignment only raises (lowers) x, else NULL. */
static const char *guarded_reduction(const struct rw_src *src, CXCursor guard, CXCursor rhs, CXCursor d)
{
    CXCursor c = rw_strip(guard, 1), *ck;
    const char *red = NULL;
    if (clang_Cursor_isNull(guard) || clang_getCursorKind(c) != CXCursor_BinaryOperator)
        return NULL;
    size_t roff;
    if (rw_find_ref(src, rhs, &d, 1, &roff) >= 0)
        return NULL;
    if (rw_children(c, &ck) == 2) {
        const char *op = rw_op_spelling(rw_operator(src, c));
        int gt = !strcmp(op, ">") || !strcmp(op, ">="), lt = !strcmp(op, "<") || !strcmp(op, "<=");
        int xa = names_var(ck[0], d), xb = names_var(ck[1], d);
        if ((gt || lt) && xa != xb)
            red = (xa ? lt : gt) ? "max" : "min";
    }
    free(ck);
    return red;
}

/* The reduction operator that update e of variable d is (see rewriter.h). */
const char *rw_update_reduction(const struct rw_src *src, CXCursor e, CXCursor guard, CXCursor d,
                                int *reads_itself)
{
    CXType t = clang_getCursorType(d);
    int integer = rw_type_is_integer(t) || clang_getCanonicalType(t).kind == CXType_Enum;
    enum CXCursorKind ek = clang_getCursorKind(e);
    const char *red = NULL;
    char op[8];
    get_op(src, e, op);
    if (ek == CXCursor_UnaryOperator && strcmp(op, "--"))
        strcpy(op, "++"); /* as check_write reads it */
    *reads_itself = 0;
    if (!rw_type_is_arith(t))
        return NULL;
    if (ek == CXCursor_CompoundAssignOperator) {
        /* `s += s + a[i]` doubles s: an update from its own value that no
         * reduction combines */
        CXCursor *ops;
        size_t roff;
        unsigned no = rw_children(e, &ops);
        int reads = no == 2 && rw_find_ref(src, ops[1], &d, 1, &roff) >= 0;
        free(ops);
        if (reads) {
            *reads_itself = 1;
            return NULL;
        }
    }
    if (!strcmp(op, "+=") || !strcmp(op, "++"))
        red = "+";
    else if (!strcmp(op, "-=") || !strcmp(op, "--"))
        red = "-";
    else if (!strcmp(op, "*="))
        red = "*";
    else if (integer && !strcmp(op, "&="))
        red = "&";
    else if (integer && !strcmp(op, "|="))
        red = "|";
    else if (integer && !strcmp(op, "^="))
        red = "^";
    if (!red && ek == CXCursor_BinaryOperator) {
        /* `x = x * a[i]`, `m = m > a[i] ? m : a[i]`: an update, not a value
         * each iteration sets, so private would be wrong advice */
        CXCursor *ops;
        unsigned no = rw_children(e, &ops);
        size_t roff;
        if (no == 2) {
            red = assign_reduction(src, ops[1], d, integer);
            *reads_itself = rw_find_ref(src, ops[1], &d, 1, &roff) >= 0;
            if (!red)
                red = guarded_reduction(src, guard, ops[1], d);
        }
        free(ops);
    }
    return red;
}

/* Report variable d, modified by expression e, when the body uses it as a
 * whole in a way that decides the advice (scalars.c): private, or carried
 * from earlier iterations.  One error for the variable, at its first
 * modification; returns 1 when d is such a variable (reported now or
 * before), 0 when each modification is to be judged by itself. */
static int whole_variable(struct chk *k, CXCursor e, CXCursor d)
{
    unsigned i;
    for (i = 0; i < k->nsc; i++)
        if (clang_equalCursors(k->sc[i].decl, d))
            break;
    if (i == k->nsc || k->sc[i].use == RW_SCALAR_OTHER)
        return 0;
    if (k->reported[i])
        return 1;
    k->reported[i] = 1;
    const struct rw_scalar *v = &k->sc[i];
    char *name = rw_spelling(d), *fix;
    size_t off = cursor_off(k, e);
    if (v->use == RW_SCALAR_CARRIED)
        fix = rw_xasprintf("its value in one iteration depends on the earlier iterations, so "
                           "the loop is not parallel as written; compute the value from the "
                           "loop variable '%s' instead", k->l->lv[k->l->nlv - 1].name);
    else if (v->live_after)
        fix = rw_xasprintf("add 'private(%s)' if every iteration sets it before using it, or "
                           "'lastprivate(%s)' to keep the last iteration's value", name, name);
    else
        fix = rw_xasprintf("no iteration reads a value an earlier iteration left in it: add "
                           "'private(%s)' to the pragma or declare it inside the loop body",
                           name);
    rw_error(off, "variable '%s' declared outside the parallel loop is modified in its body "
             "without a clause; %s", name, fix);
    if (v->use == RW_SCALAR_CARRIED && v->use_off != off)
        rw_note(v->use_off, "the value of '%s' is used here", name);
    rw_note(k->l->lv[0].for_off, "in the loop over '%s' annotated with '#pragma mploop for'",
            k->l->lv[0].name);
    k->rc = -1;
    free(name);
    free(fix);
    return 1;
}

/* A write e (to lhs) in a critical or atomic statement: one to a variable
 * declared outside the loop (as a whole, a member or an element) that is
 * neither shared nor another clause's changes a copy of the worker's own,
 * and the lock protects nothing: refused, with the fix-it adding
 * shared().  Writes through pointers cannot be told apart and are
 * accepted. */
static void check_coop_write(struct chk *k, CXCursor e, CXCursor lhs)
{
    if (clang_getCursorKind(e) == CXCursor_BinaryOperator) {
        char op[8];
        get_op(k->src, e, op);
        if (op[0] && strcmp(op, "="))
            return; /* not an assignment */
    } else if (clang_getCursorKind(e) == CXCursor_UnaryOperator) {
        enum rw_op op = rw_operator(k->src, e);
        if (op < RW_OP_POST_INC || op > RW_OP_PRE_DEC)
            return;
    }
    CXCursor d = rw_lvalue_root(lhs);
    if (clang_Cursor_isNull(d))
        return;
    enum CXCursorKind dk = clang_getCursorKind(d);
    if ((dk != CXCursor_VarDecl && dk != CXCursor_ParmDecl) ||
        !rw_decl_outside(k->src, d, k->loop_start, k->loop_end))
        return;
    for (unsigned i = 0; i < k->nexempt; i++)
        if (clang_equalCursors(d, k->exempt[i]))
            return;
    char *name = rw_spelling(d);
    rw_coop_not_shared(k->src, k->l, cursor_off(k, lhs), name);
    k->rc = -1;
    free(name);
}

/* Check expression e that may modify lhs (its operand or left-hand side).
 * Whether e modifies a variable is decided from the AST alone, so that
 * macros cannot hide it: a variable that is the direct operand of a unary
 * operator other than `&`, or the direct left-hand side of an assignment,
 * is modified (any other use reads it through an implicit conversion). */
static void check_write(struct chk *k, CXCursor e, CXCursor lhs)
{
    enum CXCursorKind ek = clang_getCursorKind(e);
    CXCursor direct = rw_strip_parens(lhs);
    if (rw_coop_covers(cursor_off(k, e)) && !rw_coop_capture_at(cursor_off(k, e))) {
        check_coop_write(k, e, lhs);
        return;
    }
    if (clang_getCursorKind(direct) != CXCursor_DeclRefExpr)
        return;
    CXCursor d = clang_getCursorReferenced(direct);
    enum CXCursorKind dk = clang_getCursorKind(d);
    if (dk != CXCursor_VarDecl && dk != CXCursor_ParmDecl)
        return;
    int loop_var = -1;
    for (unsigned i = 0; i < k->l->nlv; i++)
        if (clang_equalCursors(d, k->l->lv[i].var))
            loop_var = (int)i;
    CXType t = clang_getCursorType(d);
    int arith = rw_type_is_arith(t);
    if (loop_var < 0) {
        for (unsigned i = 0; i < k->nexempt; i++)
            if (clang_equalCursors(d, k->exempt[i]))
                return;
        if (!rw_decl_outside(k->src, d, k->loop_start, k->loop_end))
            return;
        if (!arith && !rw_type_is_pointer(t) && !rw_is_array_param(d))
            return; /* an array parameter is a pointer */
    }
    char op[8];
    get_op(k->src, e, op);
    if (ek == CXCursor_UnaryOperator) {
        CXType pt = clang_getPointeeType(clang_getCursorType(e));
        if (pt.kind != CXType_Invalid &&
            clang_equalTypes(clang_getCanonicalType(pt), clang_getCanonicalType(t)))
            return; /* &x */
        if (strcmp(op, "++") && strcmp(op, "--"))
            strcpy(op, "++");
    } else if (ek == CXCursor_BinaryOperator) {
        if (op[0] && strcmp(op, "="))
            return; /* a comma operator */
        strcpy(op, "=");
    } else {
        int known = 0;
        for (const char *const *a = compound_ops; *a; a++)
            known |= !strcmp(op, *a);
        if (!known)
            strcpy(op, "?=");
    }
    if (loop_var >= 0) {
        rw_error(cursor_off(k, e), "loop variable '%s' is modified in the body; the "
                 "iterations of a parallel loop are fixed before it starts",
                 k->l->lv[loop_var].name);
        rw_note(k->l->lv[0].for_off, "in the loop over '%s' annotated with "
                "'#pragma mploop for'", k->l->lv[0].name);
        k->rc = -1;
        return;
    }
    if (whole_variable(k, e, d))
        return;
    char *name = rw_spelling(d);
    char *fix;
    int reads_itself;
    const char *red = rw_update_reduction(k->src, e, k->guard, d, &reads_itself);
    if (red && arith)
        fix = rw_xasprintf("add 'reduction(%s:%s)' to the pragma", red, name);
    else if (reads_itself)
        fix = rw_xasprintf("it is updated from its own value: add a 'reduction' clause with "
                           "the operator that combines the updates, e.g. 'reduction(+:%s)'",
                           name);
    else if (!strcmp(op, "="))
        fix = rw_xasprintf("add 'private(%s)' if every iteration sets it before using it, or "
                           "'lastprivate(%s)' to keep the last iteration's value", name, name);
    else if (!strcmp(op, "?=") && arith)
        fix = rw_xasprintf("add a 'reduction' clause with the operator that combines the "
                           "updates, e.g. 'reduction(+:%s)'", name);
    else
        fix = rw_xasprintf("no clause fits '%s': declare it inside the loop body instead", op);
    rw_error(cursor_off(k, e),
             "variable '%s' declared outside the parallel loop is modified in its body "
             "without a clause; %s", name, fix);
    rw_note(k->l->lv[0].for_off, "in the loop over '%s' annotated with '#pragma mploop for'",
            k->l->lv[0].name);
    k->rc = -1;
    free(name);
    free(fix);
}

/* Check statement or expression c of the body and everything under it. */
static void visit(struct chk *k, CXCursor c);

/* Visitor handing each child to visit(). */
static enum CXChildVisitResult visit_kid(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    visit(d, c);
    return CXChildVisit_Continue;
}

/* Check statement or expression c of the body and everything under it. */
static void visit(struct chk *k, CXCursor c)
{
    enum CXCursorKind kind = clang_getCursorKind(c);
    switch (kind) {
    case CXCursor_ForStmt: case CXCursor_WhileStmt: case CXCursor_DoStmt:
    case CXCursor_SwitchStmt:
        k->breakable++;
        clang_visitChildren(c, visit_kid, k);
        k->breakable--;
        return;
    case CXCursor_BreakStmt:
        if (!k->breakable)
            refuse(k, c, "'break' would leave the parallel loop; iterations run in separate "
                   "processes and cannot stop the others");
        return;
    case CXCursor_ReturnStmt:
        refuse(k, c, "'return' is not allowed in the body of a parallel loop");
        break;
    case CXCursor_IndirectGotoStmt:
        refuse(k, c, "computed 'goto' is not allowed in the body of a parallel loop");
        break;
    case CXCursor_GotoStmt: {
        CXCursor label = rw_goto_label(c);
        size_t off;
        if (clang_Cursor_isNull(label) ||
            !rw_loc_off(k->src, clang_getCursorLocation(label), &off) ||
            off < k->l->body_start || off >= k->l->body_end) {
            char *name = rw_spelling(label);
            char *msg = rw_xasprintf("'goto %s' jumps out of the body of a parallel loop", name);
            refuse(k, c, msg);
            free(msg);
            free(name);
        }
        return;
    }
    case CXCursor_IfStmt: {
        /* the then-branch runs under the condition: `if (a[i] > m) m =
         * a[i];` is a max reduction */
        CXCursor *kids;
        unsigned n = rw_children(c, &kids);
        CXCursor outer = k->guard;
        for (unsigned i = 0; i < n; i++) {
            k->guard = i == 1 && n >= 2 ? kids[0] : clang_getNullCursor();
            visit(k, kids[i]);
        }
        k->guard = outer;
        free(kids);
        return;
    }
    case CXCursor_CallExpr:
        if (rw_check_call(k->src, k->l, c))
            k->rc = -1;
        break;
    case CXCursor_BinaryOperator: case CXCursor_CompoundAssignOperator:
    case CXCursor_UnaryOperator: {
        CXCursor *kids;
        unsigned n = rw_children(c, &kids);
        if (n >= 1)
            check_write(k, c, kids[0]);
        free(kids);
        break;
    }
    default:
        break;
    }
    clang_visitChildren(c, visit_kid, k);
}

/* Check the innermost body of loop l against the refused forms. */
int rw_check_body(const struct rw_src *src, struct rw_loop *l)
{
    struct chk k = { .src = src, .l = l, .loop_start = l->lv[0].for_off, .loop_end = l->end,
                     .guard = clang_getNullCursor() };
    k.exempt = rw_xmalloc((l->nlv + l->pragma->nvars + 1) * sizeof *k.exempt);
    for (unsigned i = 0; i < l->nlv; i++)
        k.exempt[k.nexempt++] = l->lv[i].var;
    for (unsigned i = 0; i < l->pragma->nvars; i++)
        k.exempt[k.nexempt++] = l->pragma->vars[i].decl;
    k.nsc = rw_scalars(src, l, &k.sc);
    k.reported = rw_xmalloc(k.nsc + 1);
    memset(k.reported, 0, k.nsc + 1);
    visit(&k, l->body);
    rw_warn_scratch(src, l);
    free(k.exempt);
    free(k.sc);
    free(k.reported);
    return k.rc;
}
