/*
 * pipeline.c - `#pragma mploop pipeline` and `#pragma mploop stage`.
 *
 * A pipeline is a for or while loop whose body (a block) the stage
 * directives, written directly in it, split into stages: the statements
 * before the first directive are stage 0, which also runs the loop's test
 * and increment and so produces the items; each later stage takes the item
 * the stage before it handed on.  Every stage runs in its own case of one
 * switch inside the participant's loop over mploop_pipe_next, with the
 * body's text left in place between generated pieces
 * (docs/generated-code.md, "Pipelines").
 *
 * The variables a later stage uses but an earlier one set are carried in
 * the item, a struct with one member per variable: those declared directly
 * in the body by one stage and used by a later one, those declared in the
 * for-init, and the variables declared outside the loop that stage 0 (with
 * the header) may write and a later stage uses.  A stage declares its own
 * copies of the carried variables it receives, under the same names, and
 * stores them into the item it hands on.  `continue` leaves the stage (its
 * statements are wrapped in `do { ... } while (0)`) and so drops the item;
 * `break` of stage 0 is rewritten to stop the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MPLOOP_NO_MODULE_CONSTRUCTOR
#include <mploop/abi.h>

#include "rewriter.h"

/* Where a variable the pipeline names is declared. */
enum var_class {
    V_OUTER,   /* a local or parameter of the function, outside the loop */
    V_GLOBAL,  /* static storage: a global or a static local */
    V_INIT,    /* the for-init */
    V_STAGE,   /* directly in the body, by the stage `from` */
    V_NESTED   /* in a block inside one stage */
};

/* One variable the pipeline names. */
struct pvar {
    CXCursor d;
    int cls;                         /* enum var_class */
    unsigned from;                   /* V_STAGE: the stage declaring it */
    uint64_t ref, wr;                /* stages naming it, stages that may write it */
    size_t ref_off[MPLOOP_PIPE_MAX_STAGES], wr_off[MPLOOP_PIPE_MAX_STAGES];
    int carried;                     /* member cK of the item, K = index */
    unsigned last;                   /* carried: the last stage using it */
    unsigned member;
    char *type;                      /* carried: the operand of its member's __typeof__ */
    int is_ptr, is_array;
};

/* One stage: the statements [start, end) of the body; the directive
 * opening it at [dir_start, dir_end) (stage 0: none). */
struct pstage {
    size_t start, end, dir_start, dir_end;
    int kind;
    unsigned line;
};

struct rw_pipe {
    int is_for;
    char *init, *cond, *incr;        /* header texts, NULL when left out */
    size_t head_end;                 /* just after the body's `{` */
    size_t rbrace;                   /* the body's `}` */
    struct pstage st[MPLOOP_PIPE_MAX_STAGES];
    unsigned nst;
    struct pvar *v;
    unsigned nv;
    unsigned ncarried;
    size_t *brk;                     /* stage 0's `break;` statements: [2k, 2k+1) */
    unsigned nbrk;
};

/* ---- parsing ---------------------------------------------------------- */

/* Parse the `stage` directive's kind from pos into p. */
static void parse_stage(struct rw_pragma *p, const struct rw_ptext *pt, size_t pos)
{
    struct rw_tok t, u;
    p->not_for = 1;
    p->directive = RW_DIR_STAGE;
    p->stage_kind = MPLOOP_STAGE_SERIAL_IN_ORDER;
    pos = rw_ptext_next(pt, pos, &t);
    if (t.kind == RW_T_EOL || t.kind == RW_T_EOF)
        return;
    if (rw_tok_is(pt->s, &t, "parallel")) {
        p->stage_kind = MPLOOP_STAGE_PARALLEL;
    } else if (rw_tok_is(pt->s, &t, "serial")) {
        size_t q = rw_ptext_next(pt, pos, &u);
        if (rw_tok_is(pt->s, &u, "unordered")) {
            p->stage_kind = MPLOOP_STAGE_SERIAL;
            pos = q;
        }
    } else {
        rw_error(rw_ptext_off(pt, t.off), "unknown stage kind '%.*s' (expected 'serial', "
                 "'serial unordered' or 'parallel')", (int)t.len, pt->s + t.off);
        return;
    }
    rw_ptext_next(pt, pos, &u);
    if (u.kind != RW_T_EOL && u.kind != RW_T_EOF)
        rw_error(rw_ptext_off(pt, u.off), "unexpected '%.*s' at the end of '#pragma mploop "
                 "stage'", (int)u.len, pt->s + u.off);
}

/* Parse the clauses of a `pipeline` directive from pos into p:
 * num_workers(N), tokens(N) and if(c), each at most once, commas allowed
 * between them. */
static void parse_pipeline_clauses(struct rw_pragma *p, const struct rw_ptext *pt, size_t pos)
{
    static const char *const names[] = { "num_workers", "tokens", "if" };
    struct rw_tok t, lp;
    int after_clause = 0;
    for (;;) {
        pos = rw_ptext_next(pt, pos, &t);
        if (t.kind == RW_T_EOL || t.kind == RW_T_EOF)
            return;
        if (after_clause && rw_tok_is(pt->s, &t, ",")) {
            after_clause = 0;
            continue;
        }
        int which = -1;
        for (int i = 0; i < 3 && t.kind == RW_T_IDENT; i++)
            if (rw_tok_is(pt->s, &t, names[i]))
                which = i;
        if (which < 0) {
            rw_error(rw_ptext_off(pt, t.off), "unknown clause '%.*s' in '#pragma mploop "
                     "pipeline' (expected 'num_workers', 'tokens' or 'if')", (int)t.len,
                     pt->s + t.off);
            return;
        }
        pos = rw_ptext_next(pt, pos, &lp);
        if (!rw_tok_is(pt->s, &lp, "(")) {
            rw_error(rw_ptext_off(pt, lp.off), "expected '(' after '%s'", names[which]);
            return;
        }
        size_t a = pos;
        struct rw_tok c;
        if ((pos = rw_ptext_args(pt, pos, &lp, &c)) == SIZE_MAX)
            return;
        char **slot = which == 0 ? &p->workers : which == 1 ? &p->tokens : &p->cond;
        char *text = rw_ptext_text(pt, a, c.off);
        if (*slot) {
            rw_error(rw_ptext_off(pt, t.off), "'#pragma mploop pipeline' cannot have more than "
                     "one '%s' clause", names[which]);
            free(text);
        } else if (!text[0]) {
            rw_error(rw_ptext_off(pt, t.off), "expected an expression in '%s' clause",
                     names[which]);
            free(text);
        } else {
            *slot = text;
        }
        after_clause = 1;
    }
}

/* Parse a `pipeline` or `stage` directive (see rewriter.h). */
void rw_parse_pipeline(struct rw_pragma *p, const struct rw_ptext *pt, const struct rw_tok *w,
                       size_t pos)
{
    if (rw_tok_is(pt->s, w, "stage")) {
        parse_stage(p, pt, pos);
        return;
    }
    p->directive = RW_DIR_PIPELINE;
    parse_pipeline_clauses(p, pt, pos);
}

/* ---- analysis --------------------------------------------------------- */

/* The body ranges of the pipelines seen so far, for the stage directives
 * no pipeline holds (rw_pipe_check_stages). */
static size_t *bodies;
static unsigned nbodies;

/* What the walk over a pipeline's header and body keeps. */
struct pwalk {
    const struct rw_src *src;
    struct rw_loop *l;
    struct rw_pipe *pp;
    CXCursor up[256];                /* the cursors from the walk's root down */
    unsigned depth;
    unsigned breakable, header;
    int rc;
};

/* The stage holding offset off of the body (0 before the first directive). */
static unsigned stage_of(const struct rw_pipe *pp, size_t off)
{
    unsigned k = 0;
    while (k + 1 < pp->nst && off >= pp->st[k + 1].dir_start)
        k++;
    return k;
}

/* The entry of variable d, made on first sight. */
static struct pvar *var_of(struct rw_pipe *pp, CXCursor d)
{
    for (unsigned i = 0; i < pp->nv; i++)
        if (clang_equalCursors(pp->v[i].d, d))
            return &pp->v[i];
    pp->v = rw_xrealloc(pp->v, (pp->nv + 1) * sizeof *pp->v);
    struct pvar *v = &pp->v[pp->nv++];
    memset(v, 0, sizeof *v);
    v->d = d;
    return v;
}

/* Record that stage k names (write: may write) variable d at off. */
static void note(struct pwalk *w, CXCursor d, unsigned k, size_t off, int write)
{
    enum CXCursorKind dk = clang_getCursorKind(d);
    if (dk != CXCursor_VarDecl && dk != CXCursor_ParmDecl)
        return;
    struct pvar *v = var_of(w->pp, d);
    uint64_t bit = (uint64_t)1 << k;
    if (!(v->ref & bit))
        v->ref_off[k] = off;
    v->ref |= bit;
    if (write) {
        if (!(v->wr & bit))
            v->wr_off[k] = off;
        v->wr |= bit;
    }
}

/* Whether argument arg of call c is passed where the callee may write
 * through it: not as a pointer to const, not among the variable arguments
 * (except of a scanf-like function). */
static int arg_written(CXCursor c, CXCursor arg)
{
    CXType at = clang_getCanonicalType(clang_getCursorType(arg));
    if (at.kind == CXType_Pointer && clang_isConstQualifiedType(clang_getPointeeType(at)))
        return 0;
    CXCursor fn = clang_getCursorReferenced(c);
    if (clang_Cursor_isNull(fn))
        return 1;
    CXType ft = clang_getCursorType(fn);
    int nargs = clang_Cursor_getNumArguments(c), nparams = clang_getNumArgTypes(ft);
    if (!clang_isFunctionTypeVariadic(ft) || nparams < 0)
        return 1;
    for (int i = nparams; i < nargs; i++)
        if (clang_equalCursors(clang_Cursor_getArgument(c, (unsigned)i), arg)) {
            char *name = rw_spelling(fn);
            size_t len = strlen(name);
            int scan = len >= 5 && !strcmp(name + len - 5, "scanf");
            free(name);
            return scan;
        }
    return 1;
}

/* Whether the array named at the top of w->up lets its address go where
 * it may be written through (passed to a function, assigned to a
 * pointer): anything but `a[i]`, `sizeof a`, a pointer to const, a
 * variable argument of a function other than the scanf ones. */
static int array_escapes(const struct pwalk *w)
{
    unsigned i = w->depth - 1;
    while (i > 0) {
        enum CXCursorKind k = clang_getCursorKind(w->up[i - 1]);
        if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr)
            break;
        i--;
    }
    if (i == 0)
        return 1;
    enum CXCursorKind k = clang_getCursorKind(w->up[i - 1]);
    if (k == CXCursor_CallExpr)
        return arg_written(w->up[i - 1], w->up[i]);
    return k != CXCursor_ArraySubscriptExpr && k != CXCursor_UnaryExpr &&
           k != CXCursor_MemberRefExpr;
}

/* The offset where cursor c starts (0 outside the main file). */
static size_t off_of(const struct pwalk *w, CXCursor c)
{
    return rw_cursor_off(w->src, c, 0);
}

/* The error at off, with a note at the pipeline directive. */
static void refuse(struct pwalk *w, size_t off, const char *msg)
{
    rw_error(off, "%s", msg);
    rw_note(w->l->pragma->off, "in the pipeline annotated here");
    w->rc = -1;
}

static void walk(struct pwalk *w, CXCursor c);

/* Visitor handing each child to walk(). */
static enum CXChildVisitResult walk_kid(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    walk(d, c);
    return CXChildVisit_Continue;
}

/* The jumps of statement c: `break` of the pipeline's loop (stage 0:
 * recorded to be rewritten, later: refused), `return`, `goto` out of its
 * stage. */
static void check_jump(struct pwalk *w, CXCursor c, enum CXCursorKind kind, unsigned k)
{
    size_t off = off_of(w, c);
    char *msg = NULL;
    if (kind == CXCursor_BreakStmt && !w->breakable) {
        if (k == 0) {
            struct rw_pipe *pp = w->pp;
            pp->brk = rw_xrealloc(pp->brk, (pp->nbrk + 1) * 2 * sizeof *pp->brk);
            pp->brk[2 * pp->nbrk] = off;
            pp->brk[2 * pp->nbrk++ + 1] = rw_stmt_end(w->src, c);
            return;
        }
        msg = rw_xasprintf("'break' in stage %u of a pipeline; only the first stage can end "
                           "the input (its 'break' stops producing items): a later stage "
                           "runs in another process, after the first one has moved on", k);
    } else if (kind == CXCursor_ReturnStmt) {
        msg = rw_xasprintf("'return' is not allowed in a pipeline stage; the stage runs in a "
                           "worker process and cannot leave the function");
    } else if (kind == CXCursor_IndirectGotoStmt) {
        msg = rw_xasprintf("computed 'goto' is not allowed in a pipeline stage");
    } else if (kind == CXCursor_GotoStmt) {
        CXCursor label = rw_goto_label(c);
        size_t loff;
        if (clang_Cursor_isNull(label) ||
            !rw_loc_off(w->src, clang_getCursorLocation(label), &loff) ||
            loff < w->pp->st[0].start || loff >= w->pp->rbrace || stage_of(w->pp, loff) != k) {
            char *name = rw_spelling(label);
            msg = rw_xasprintf("'goto %s' jumps out of stage %u of the pipeline; a stage can "
                               "only jump within itself", name, k);
            free(name);
        }
    }
    if (msg)
        refuse(w, off, msg);
    free(msg);
}

/* Walk cursor c of the header or body: the variables it names and writes,
 * and its jumps. */
static void walk(struct pwalk *w, CXCursor c)
{
    if (w->depth == sizeof w->up / sizeof w->up[0])
        return;
    w->up[w->depth++] = c;
    enum CXCursorKind kind = clang_getCursorKind(c);
    size_t off = off_of(w, c);
    unsigned k = w->header ? 0 : stage_of(w->pp, off);
    unsigned loops = 0;
    switch (kind) {
    case CXCursor_DeclRefExpr: {
        CXCursor d = clang_getCursorReferenced(c);
        enum CXTypeKind tk = clang_getCanonicalType(clang_getCursorType(d)).kind;
        int arr = tk == CXType_ConstantArray || tk == CXType_VariableArray ||
                  tk == CXType_IncompleteArray;
        note(w, d, k, off, arr && array_escapes(w));
        break;
    }
    case CXCursor_VarDecl:
        note(w, c, k, off, 0);
        break;
    case CXCursor_BinaryOperator: case CXCursor_CompoundAssignOperator:
    case CXCursor_UnaryOperator: {
        enum rw_op op = rw_operator(w->src, c);
        if ((op >= RW_OP_ASSIGN && op <= RW_OP_OR_ASSIGN) ||
            (op >= RW_OP_POST_INC && op <= RW_OP_PRE_DEC) || op == RW_OP_ADDR) {
            CXCursor *kids;
            unsigned n = rw_children(c, &kids);
            CXCursor root = n ? rw_lvalue_root(kids[0]) : clang_getNullCursor();
            free(kids);
            if (!clang_Cursor_isNull(root))
                note(w, root, k, off, 1);
        }
        break;
    }
    case CXCursor_ForStmt: case CXCursor_WhileStmt: case CXCursor_DoStmt:
    case CXCursor_SwitchStmt:
        loops = 1;
        break;
    case CXCursor_BreakStmt: case CXCursor_ReturnStmt: case CXCursor_GotoStmt:
    case CXCursor_IndirectGotoStmt:
        check_jump(w, c, kind, k);
        break;
    default:
        break;
    }
    w->breakable += loops;
    clang_visitChildren(c, walk_kid, w);
    w->breakable -= loops;
    w->depth--;
}

/* The file offsets of a while statement's `(` and `)`, from its tokens;
 * 0 when they are not written out. */
static int while_parens(const struct rw_src *src, size_t start, size_t end, size_t *lp,
                        size_t *rp)
{
    struct rw_tok t;
    size_t pos = rw_lex(src->buf, end, start, 0, &t);
    if (!rw_tok_is(src->buf, &t, "while"))
        return 0;
    pos = rw_lex(src->buf, end, pos, 0, &t);
    if (!rw_tok_is(src->buf, &t, "("))
        return 0;
    *lp = t.off;
    int depth = 1;
    while (depth > 0) {
        pos = rw_lex(src->buf, end, pos, 0, &t);
        if (t.kind == RW_T_EOF || t.kind == RW_T_DIRECTIVE)
            return 0;
        if (rw_tok_is(src->buf, &t, "("))
            depth++;
        else if (rw_tok_is(src->buf, &t, ")"))
            depth--;
    }
    *rp = t.off;
    return 1;
}

/* Text of [a, b) of src, or NULL when only blanks. */
static char *part_text(const struct rw_src *src, size_t a, size_t b)
{
    while (a < b && strchr(" \t\r\n", src->buf[a]))
        a++;
    while (b > a && strchr(" \t\r\n", src->buf[b - 1]))
        b--;
    return a < b ? rw_text(src, a, b) : NULL;
}

/* Read the header of pipeline l into pp: init, test and increment texts
 * and the body; returns 0 or -1 after reporting. */
static int read_header(const struct rw_src *src, struct rw_loop *l, struct rw_pipe *pp,
                       size_t *init_a, size_t *init_b)
{
    CXCursor c = l->site.for_stmt;
    size_t start, end, lp, rp;
    rw_extent(src, c, &start, &end);
    CXCursor body;
    *init_a = *init_b = 0;
    if (clang_getCursorKind(c) == CXCursor_ForStmt) {
        struct rw_for_parts h;
        if (rw_for_parts(src, c, &h) != RW_FOR_OK) {
            rw_error(start, "the header of a '#pragma mploop pipeline' loop must be written "
                     "out in the file (not produced by a macro)");
            return -1;
        }
        pp->is_for = 1;
        pp->init = part_text(src, h.lparen + 1, h.semi[0]);
        pp->cond = part_text(src, h.semi[0] + 1, h.semi[1]);
        pp->incr = part_text(src, h.semi[1] + 1, h.rparen);
        *init_a = h.lparen + 1;
        *init_b = h.semi[0];
        rp = h.rparen;
        body = h.body;
    } else {
        if (!while_parens(src, start, end, &lp, &rp)) {
            rw_error(start, "the header of a '#pragma mploop pipeline' loop must be written "
                     "out in the file (not produced by a macro)");
            return -1;
        }
        pp->cond = part_text(src, lp + 1, rp);
        CXCursor *kids;
        unsigned n = rw_children(c, &kids);
        body = n ? kids[n - 1] : clang_getNullCursor();
        free(kids);
    }
    size_t bs, be;
    if (clang_Cursor_isNull(body) || clang_getCursorKind(body) != CXCursor_CompoundStmt ||
        !rw_extent(src, body, &bs, &be) || src->buf[bs] != '{' || be == 0 ||
        src->buf[be - 1] != '}') {
        rw_error(clang_Cursor_isNull(body) ? start : rw_cursor_off(src, body, start),
                 "the body of a '#pragma mploop pipeline' loop must be a block ('{ ... }') "
                 "written out in the file");
        return -1;
    }
    l->body = body;
    l->body_start = bs;
    l->body_end = be;
    l->end = end > be ? end : be;
    pp->head_end = bs + 1;
    pp->rbrace = be - 1;
    /* what the rest of the rewriter reads of a loop's header */
    l->nlv = 1;
    memset(&l->lv[0], 0, sizeof l->lv[0]);
    l->lv[0].for_off = start;
    l->lv[0].rparen_end = rp + 1;
    l->lv[0].var = clang_getNullCursor();
    l->lv[0].name = rw_xstrndup("", 0);
    if (!rw_loc_off(src, clang_getRangeStart(clang_getCursorExtent(l->site.func)),
                    &l->func_start))
        l->func_start = start;
    return 0;
}

/* Find the stage directives of p[0..np) written directly in l's body (the
 * others in it are left to a nested pipeline, or to rw_pipe_check_stages)
 * and split the body into stages; returns 0 or -1 after reporting. */
static int find_stages(const struct rw_src *src, struct rw_loop *l, struct rw_pipe *pp,
                       struct rw_pragma *p, unsigned np)
{
    CXCursor *kids;
    unsigned nk = rw_children(l->body, &kids);
    unsigned line, col;
    rw_linecol(src, l->lv[0].for_off, &line, &col);
    pp->nst = 1;
    pp->st[0] = (struct pstage){ pp->head_end, pp->rbrace, 0, 0, MPLOOP_STAGE_SERIAL_IN_ORDER,
                                 line };
    int rc = 0;
    for (unsigned i = 0; i < np; i++) {
        if (p[i].directive != RW_DIR_STAGE || p[i].start <= l->body_start ||
            p[i].start >= pp->rbrace)
            continue;
        int nested = 0;
        for (unsigned j = 0; j < nk && !nested; j++) {
            size_t a, b;
            nested = rw_extent(src, kids[j], &a, &b) && p[i].start >= a && p[i].start < b;
        }
        if (nested)
            continue;
        p[i].stage_owned = 1;
        if (pp->nst == MPLOOP_PIPE_MAX_STAGES) {
            if (rc == 0)
                rw_error(p[i].off, "a pipeline has at most %d stages (0 to %d); this "
                         "directive would start stage %u", MPLOOP_PIPE_MAX_STAGES,
                         MPLOOP_PIPE_MAX_STAGES - 1, pp->nst);
            rc = -1;
            continue;
        }
        pp->st[pp->nst - 1].end = p[i].start;
        rw_linecol(src, p[i].off, &line, &col);
        pp->st[pp->nst++] = (struct pstage){ p[i].end, pp->rbrace, p[i].start, p[i].end,
                                             p[i].stage_kind, line };
    }
    free(kids);
    return rc;
}

/* Whether the type t, or the type its arrays and pointers lead to, is
 * declared in [a, b) of the main file or has no name. */
static int type_local(const struct rw_src *src, CXType t, size_t a, size_t b)
{
    for (;;) {
        CXType c = clang_getCanonicalType(t);
        if (c.kind == CXType_ConstantArray || c.kind == CXType_IncompleteArray)
            t = clang_getArrayElementType(c);
        else if (c.kind == CXType_Pointer)
            t = clang_getPointeeType(c);
        else
            break;
    }
    CXCursor d = clang_getTypeDeclaration(t);
    if (clang_Cursor_isNull(d) || clang_getCursorKind(d) == CXCursor_NoDeclFound)
        return 0;
    char *name = rw_spelling(d);
    int anon = !name[0] || clang_Cursor_isAnonymous(d);
    free(name);
    size_t da, db;
    return anon || (rw_extent(src, d, &da, &db) && da >= a && da < b);
}

/* Decide which variables the items carry and refuse the uses stages cannot
 * share (w->rc -1 after reporting). */
static void classify(struct pwalk *w, size_t init_a, size_t init_b)
{
    const struct rw_src *src = w->src;
    struct rw_loop *l = w->l;
    struct rw_pipe *pp = w->pp;
    CXCursor *kids;
    unsigned nk = rw_children(l->body, &kids);
    for (unsigned i = 0; i < pp->nv; i++) {
        struct pvar *v = &pp->v[i];
        char *name = rw_spelling(v->d);
        size_t da = 0, db = 0;
        rw_extent(src, v->d, &da, &db);
        if (clang_getCursorKind(v->d) == CXCursor_VarDecl &&
            clang_Cursor_hasVarDeclGlobalStorage(v->d))
            v->cls = V_GLOBAL;
        else if (pp->is_for && da >= init_a && da < init_b)
            v->cls = V_INIT;
        else if (da > l->body_start && da < l->body_end) {
            v->cls = V_NESTED;
            for (unsigned j = 0; j < nk; j++) {
                size_t a, b;
                if (clang_getCursorKind(kids[j]) == CXCursor_DeclStmt &&
                    rw_extent(src, kids[j], &a, &b) && da >= a && da < b)
                    v->cls = V_STAGE;
            }
            v->from = stage_of(pp, da);
        } else
            v->cls = V_OUTER;
        unsigned hi = 0, lo = MPLOOP_PIPE_MAX_STAGES;
        for (unsigned k = 0; k < pp->nst; k++)
            if (v->ref & ((uint64_t)1 << k)) {
                hi = k;
                if (lo == MPLOOP_PIPE_MAX_STAGES)
                    lo = k;
            }
        /* writes a stage makes to a variable declared outside the loop
         * reach the others only at the end */
        if (v->cls == V_OUTER || v->cls == V_GLOBAL) {
            for (unsigned k = 0; k < pp->nst && v->wr; k++) {
                if (!(v->wr & ((uint64_t)1 << k)))
                    continue;
                int arr = clang_getCanonicalType(clang_getCursorType(v->d)).kind ==
                          CXType_ConstantArray;
                if (pp->st[k].kind == MPLOOP_STAGE_PARALLEL && !arr) {
                    rw_error(v->wr_off[k], "variable '%s' declared outside the pipeline is "
                             "written by stage %u, a parallel stage whose items run at once "
                             "in different workers; make the stage serial ('#pragma mploop "
                             "stage serial') or declare the variable in the stage", name, k);
                    rw_note(pp->st[k].dir_start, "stage %u starts here", k);
                    w->rc = -1;
                    break;
                }
                unsigned other = pp->nst;
                for (unsigned j = 0; j < pp->nst && other == pp->nst; j++)
                    if (j != k && (v->ref & ((uint64_t)1 << j)) &&
                        (k > 0 || v->cls == V_GLOBAL || j == 0))
                        other = j;
                if (other < pp->nst) {
                    rw_error(v->wr_off[k], "variable '%s' declared outside the pipeline is "
                             "written by stage %u and used by stage %u; stages run in "
                             "different processes and see such writes only when the pipeline "
                             "ends: declare a variable in stage %u that holds the value, which "
                             "the later stages then receive with the item", name, k, other, k);
                    rw_note(v->ref_off[other], "used by stage %u here", other);
                    w->rc = -1;
                    break;
                }
            }
        }
        if (v->cls == V_INIT && (v->wr & ~(uint64_t)1)) {
            unsigned k = 1;
            while (!(v->wr & ((uint64_t)1 << k)))
                k++;
            rw_error(v->wr_off[k], "variable '%s' of the loop header is written by stage %u; "
                     "only the first stage can change it (a later stage works on the item's "
                     "own copy)", name, k);
            w->rc = -1;
        }
        unsigned from = v->cls == V_STAGE ? v->from : 0;
        v->carried = hi > from && (v->cls == V_STAGE || v->cls == V_INIT ||
                                   (v->cls == V_OUTER && (v->wr & 1) && lo == 0));
        size_t at = da;
        rw_loc_off(src, clang_getCursorLocation(v->d), &at);
        if (v->carried) {
            CXType t = clang_getCursorType(v->d), ct = clang_getCanonicalType(t);
            v->last = hi;
            v->member = pp->ncarried++;
            v->is_array = ct.kind == CXType_ConstantArray;
            v->is_ptr = ct.kind == CXType_Pointer &&
                        clang_getCanonicalType(clang_getPointeeType(ct)).kind !=
                            CXType_FunctionProto &&
                        clang_getCanonicalType(clang_getPointeeType(ct)).kind !=
                            CXType_FunctionNoProto;
            if (ct.kind == CXType_VariableArray) {
                rw_error(at, "variable '%s' is %s stage %u and used in stage %u, but it is "
                         "a variable-length array, which an item cannot carry; use a "
                         "fixed-size array, or mploop_shared_alloc memory", name,
                         v->cls == V_STAGE ? "declared in" : "set by", from, hi);
                rw_note(v->ref_off[hi], "used by stage %u here", hi);
                w->rc = -1;
            } else if (v->cls == V_STAGE && type_local(src, t, l->lv[0].for_off, l->end)) {
                rw_error(at, "variable '%s' is declared in stage %u and used in stage %u, but "
                         "its type has no name or is declared in the loop; declare the type "
                         "before the loop", name, from, hi);
                w->rc = -1;
            } else if (v->cls == V_STAGE) {
                v->type = rw_type_spelling(t);
            } else {
                v->type = rw_xstrndup(name, strlen(name));
            }
        }
        free(name);
    }
    free(kids);
}

/* Analyse pipeline l (see rewriter.h). */
int rw_pipe_analyse(const struct rw_src *src, struct rw_loop *l, struct rw_pragma *p,
                    unsigned np)
{
    struct rw_pipe *pp = rw_xmalloc(sizeof *pp);
    memset(pp, 0, sizeof *pp);
    size_t init_a, init_b;
    if (read_header(src, l, pp, &init_a, &init_b))
        return -1;
    bodies = rw_xrealloc(bodies, (nbodies + 1) * 2 * sizeof *bodies);
    bodies[2 * nbodies] = l->body_start;
    bodies[2 * nbodies++ + 1] = l->body_end;
    if (find_stages(src, l, pp, p, np))
        return -1;
    struct pwalk w = { .src = src, .l = l, .pp = pp };
    CXCursor *kids;
    unsigned n = rw_children(l->site.for_stmt, &kids);
    w.header = 1;
    for (unsigned i = 0; i < n; i++)
        if (!clang_equalCursors(kids[i], l->body))
            walk(&w, kids[i]);
    free(kids);
    w.header = 0;
    walk(&w, l->body);
    classify(&w, init_a, init_b);
    if (w.rc)
        return -1;
    l->pipe = pp;
    return 0;
}

/* Report the stage directives no pipeline holds (see rewriter.h). */
int rw_pipe_check_stages(const struct rw_pragma *p, unsigned np)
{
    int rc = 0;
    for (unsigned i = 0; i < np; i++) {
        if (p[i].directive != RW_DIR_STAGE || p[i].stage_owned)
            continue;
        int inside = 0;
        for (unsigned j = 0; j < nbodies && !inside; j++)
            inside = p[i].start > bodies[2 * j] && p[i].start < bodies[2 * j + 1];
        if (inside)
            rw_error(p[i].off, "'#pragma mploop stage' must be written directly in the body of "
                     "the pipeline loop, not inside a statement nested in it");
        else
            rw_error(p[i].off, "'#pragma mploop stage' outside the body of a '#pragma mploop "
                     "pipeline' loop");
        rc = -1;
    }
    free(bodies);
    bodies = NULL;
    nbodies = 0;
    return rc;
}

/* ---- generated code --------------------------------------------------- */

static const char *const kind_names[] = { "MPLOOP_STAGE_SERIAL_IN_ORDER", "MPLOOP_STAGE_SERIAL",
                                          "MPLOOP_STAGE_PARALLEL" };

/* Stage k's start (k > 0): the case, the copies of the variables it
 * receives, and the `do {` around its statements. */
static void stage_open(struct rw_buf *b, const struct rw_pipe *pp, unsigned k, unsigned id)
{
    rw_buf_printf(b, "case %u: {\n", k);
    for (unsigned i = 0; i < pp->nv; i++) {
        const struct pvar *v = &pp->v[i];
        unsigned from = v->cls == V_STAGE ? v->from : 0;
        if (!v->carried || k <= from || k > v->last)
            continue;
        char *name = rw_spelling(v->d);
        rw_buf_printf(b, "__attribute__((__unused__)) __typeof__(((struct __mploop_carry_%u *)0)"
                      "->c%u) %s", id, v->member, name);
        if (v->is_array)
            rw_buf_printf(b, "; __builtin_memcpy((void *)&%s, (const void *)((const struct "
                          "__mploop_carry_%u *)__mploop_in_%u)->c%u, sizeof %s);\n", name, id, id,
                          v->member, name);
        else
            rw_buf_printf(b, " = ((const struct __mploop_carry_%u *)__mploop_in_%u)->c%u;\n", id,
                          id, v->member);
        free(name);
    }
    rw_buf_puts(b, "do {");
}

/* Stage k's end: the carried variables stored into the item (a pointer
 * checked first), the item passed on, the increment after stage 0. */
static void stage_close(const struct rw_src *src, struct rw_buf *b, const struct rw_pipe *pp,
                        unsigned k, unsigned id)
{
    unsigned line, col;
    rw_linecol(src, pp->st[0].start, &line, &col);
    rw_buf_puts(b, "\n");
    for (unsigned i = 0; i < pp->nv; i++) {
        const struct pvar *v = &pp->v[i];
        unsigned from = v->cls == V_STAGE ? v->from : 0;
        if (!v->carried || k < from || k >= v->last)
            continue;
        char *name = rw_spelling(v->d);
        if (v->is_ptr)
            rw_buf_printf(b, "if (%s && !mploop_shared_owns((const void *)%s)) mploop_fail("
                          "\"pointer '%s' carried from stage %u to stage %u points to %%p, "
                          "outside mploop_shared_alloc memory: the next stage runs in another "
                          "process; allocate what it points to with mploop_shared_alloc, or "
                          "carry the data by value (an array or a struct)\", (void *)%s);\n",
                          name, name, name, k, k + 1, name);
        rw_buf_printf(b, "__builtin_memcpy((void *)&((struct __mploop_carry_%u *)__mploop_out_%u)"
                      "->c%u, (const void *)&%s, sizeof %s);\n", id, id, v->member, name, name);
        free(name);
    }
    rw_buf_printf(b, "__mploop_ps_%u = 0;\n} while (0);\n", id);
    if (k == 0 && pp->incr)
        rw_buf_printf(b, "if (__mploop_ps_%u != MPLOOP_STOP) { %s; }\n", id, pp->incr);
    rw_buf_puts(b, k == 0 ? "break;\n" : "}\nbreak;\n");
}

/* The prologue: from the site to stage 0's `do {`. */
static void gen_prologue(const struct rw_src *src, const char *file, const struct rw_loop *l,
                         struct rw_buf *b)
{
    const struct rw_pipe *pp = l->pipe;
    const struct rw_pragma *p = l->pragma;
    unsigned id = l->id, line, col;
    char L[48];
    snprintf(L, sizeof L, "&__mploop_L_%u", id);
    rw_linecol(src, l->lv[0].for_off, &line, &col);
    rw_buf_puts(b, "{ /* mploop: pipeline at ");
    for (const char *c = src->path; *c; c++)
        rw_buf_add(b, c, c[0] == '*' && c[1] == '/' ? 0 : 1);
    rw_buf_printf(b, ":%u */\n", line);
    rw_buf_printf(b, "static const mploop_site __mploop_site_%u = { \"%s\", %u, %u, \"\", "
                  "MPLOOP_SITE_PIPELINE };\n", id, file, line, col);
    if (pp->init)
        rw_buf_printf(b, "%s;\n", pp->init);
    if (pp->ncarried) {
        rw_buf_printf(b, "struct __mploop_carry_%u {", id);
        for (unsigned i = 0; i < pp->nv; i++)
            if (pp->v[i].carried)
                rw_buf_printf(b, " __typeof__(%s) c%u;", pp->v[i].type, pp->v[i].member);
        rw_buf_puts(b, " };\n");
    }
    rw_buf_printf(b, "static const mploop_stage_spec __mploop_K_%u[] = {", id);
    for (unsigned k = 0; k < pp->nst; k++) {
        rw_buf_printf(b, "%s\n    { %s, %u, ", k ? "," : "", kind_names[pp->st[k].kind],
                      pp->st[k].line);
        if (pp->ncarried && k + 1 < pp->nst)
            rw_buf_printf(b, "sizeof(struct __mploop_carry_%u) }", id);
        else
            rw_buf_puts(b, "0 }");
    }
    rw_buf_puts(b, "\n};\n");
    rw_buf_printf(b, "mploop_loop __mploop_L_%u;\n", id);
    rw_buf_printf(b, "mploop_params __mploop_p_%u = {0};\n", id);
    rw_buf_printf(b, "__mploop_p_%u.abi = %d; __mploop_p_%u.size = sizeof __mploop_p_%u;\n", id,
                  MPLOOP_ABI_VERSION, id, id);
    rw_emit_workers_cond(src, b, file, p, id);
    if (p->tokens)
        rw_emit_integer_check(src, b, file, p->off, "tokens", p->tokens);
    rw_buf_printf(b, "mploop_pipe_begin(%s, &__mploop_site_%u, &__mploop_p_%u, __mploop_K_%u, "
                  "%u, (mploop_u64)(%s));\n", L, id, id, id, pp->nst,
                  p->tokens ? p->tokens : "0");
    rw_emit_frame(src, b, l, L, 1);
    rw_buf_printf(b, "if (mploop_start(%s)) {\n", L);
    rw_buf_printf(b, "int __mploop_ps_%u = 0;\nunsigned __mploop_pk_%u;\n"
                  "const void *__mploop_in_%u;\nvoid *__mploop_out_%u;\n", id, id, id, id);
    rw_buf_printf(b, "while (mploop_pipe_next(%s, __mploop_ps_%u, &__mploop_pk_%u, "
                  "&__mploop_in_%u, &__mploop_out_%u)) {\n", L, id, id, id, id);
    rw_buf_printf(b, "__mploop_ps_%u = MPLOOP_DROP;\n", id);
    rw_buf_printf(b, "switch (__mploop_pk_%u) {\ncase 0:\n", id);
    if (pp->cond)
        rw_buf_printf(b, "if (!(%s)) { __mploop_ps_%u = MPLOOP_STOP; break; }\n", pp->cond, id);
    rw_buf_puts(b, "do {");
}

/* Add the edits of pipeline l (see rewriter.h). */
void rw_pipe_emit(const struct rw_src *src, const char *file, struct rw_loop *l,
                  struct rw_edits *e)
{
    const struct rw_pipe *pp = l->pipe;
    unsigned id = l->id;
    struct rw_buf b = { 0 };
    gen_prologue(src, file, l, &b);
    rw_line_marker(src, &b, file, pp->head_end);
    rw_edit_add(e, l->lv[0].for_off, pp->head_end, 0, b.s);
    for (unsigned k = 1; k < pp->nst; k++) {
        b = (struct rw_buf){ 0 };
        stage_close(src, &b, pp, k - 1, id);
        stage_open(&b, pp, k, id);
        rw_line_marker(src, &b, file, pp->st[k].dir_end);
        rw_edit_add(e, pp->st[k].dir_start, pp->st[k].dir_end, 0, b.s);
    }
    for (unsigned i = 0; i < pp->nbrk; i++)
        rw_edit_add(e, pp->brk[2 * i], pp->brk[2 * i + 1], 0,
                    rw_xasprintf("{ __mploop_ps_%u = MPLOOP_STOP; break; }", id));
    b = (struct rw_buf){ 0 };
    stage_close(src, &b, pp, pp->nst - 1, id);
    rw_buf_printf(&b, "}\n}\nmploop_end(&__mploop_L_%u);\n}\n", id);
    rw_buf_printf(&b, "mploop_pipe_join(&__mploop_L_%u);\n", id);
    rw_buf_printf(&b, "mploop_pipe_done(&__mploop_L_%u);\n}", id);
    rw_edit_add(e, pp->rbrace, l->end, 100 - (int)l->site.depth, b.s);
}
