/*
 * rewriter.h - what the files of the mploop rewriter share.
 *
 * The rewriter turns `#pragma mploop for` loops of one C file into calls to
 * the runtime (docs/generated-code.md).  It is split by concern:
 *   main.c          command line, parsing with libclang, output file
 *   util.c          memory and string helpers (util.h; shared with the driver)
 *   compdb.c        compiler flags from compile_commands.json (-p)
 *   lex.c           a small C lexer over the file's bytes (no libclang tokens)
 *   diag.c          clang-style diagnostics, the line table of struct rw_src
 *   diag_flags.c    the warning flags (-Wmploop-...) and their defaults
 *   diag_json.c     the diagnostics as one JSON document
 *   pragma.c        finding the pragmas in the file
 *   clause_parse.c  parsing the clauses of a pragma
 *   declare.c       `#pragma mploop declare reduction`
 *   ast.c           helpers over libclang cursors (offsets, children, types,
 *                   operator kinds)
 *   scope.c         walking functions: which loop follows each pragma, and
 *                   the variables in scope there
 *   clause_check.c  checking clause variables against the scope
 *   canonical.c     the canonical loop form, collapse
 *   scalars.c       how a body uses the scalars declared outside the loop
 *                   (private, carried from earlier iterations, updated)
 *   check.c         forms refused in a loop body
 *   calls.c         calls in a body that do not mean what they mean
 *                   sequentially (rand, stdin reads, longjmp out of it)
 *   scratch.c       arrays used as scratch space by every iteration
 *   coop.c          `#pragma mploop critical` and `atomic`, and the body's
 *                   references to shared() variables redirected
 *   guard.c         the parts of a body a lock or semaphore guards
 *   access.c        the accesses to memory of a loop body (roots, subscripts)
 *   alias.c         which roots reach different memory (types, private objects)
 *   depend.c        loop-carried dependences through memory (dep.c's tests)
 *   dep.c           the dependence tests' arithmetic (dep.h, no libclang)
 *   mode.c          which write mode a loop needs (direct or snapshot)
 *   emit.c          the generated code, as edits
 *   pipeline.c      `#pragma mploop pipeline` and `stage`: the stages, the
 *                   variables carried between them, the generated code
 *   reduce.c        the generated code of reductions (array reductions'
 *                   private copies)
 *   edit.c          an offset-sorted edit list applied to the input buffer
 *   advise.c        `mploop --suggest`: a verdict for every for statement
 *   advise_out.c    the verdicts as text or JSON
 *   advise_apply.c  `--apply`: the copy with the suggested pragmas
 *   profile.c       `--profile`: every for statement wrapped to be measured
 *   profile_show.c  reading mploop.profile, `mploop profile show`
 *   linux_cpus.c    the CPUs the process may run on (util.h; mploop-bench
 *                   links it too)
 *
 * The compiler driver mploop-cc is the driver_*.c files (driver.h).
 *
 * Internal non-static names start with rw_.  Offsets are byte offsets
 * into the main file's buffer as libclang read it.
 */
#ifndef RW_REWRITER_H
#define RW_REWRITER_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <clang-c/Index.h>

#include "util.h"

/* The main file being rewritten, built once per file (main.c) and passed to
 * every step. */
struct rw_src {
    const char *path;    /* as given on the command line: output and diagnostics */
    const char *buf;     /* the bytes libclang parsed */
    size_t len;
    CXTranslationUnit tu;
    CXFile file;
    size_t *line_starts; /* offset where each line starts (rw_src_lines) */
    unsigned nlines;
    int no_strict_aliasing; /* -fno-strict-aliasing: the program may read an
                          * object through a pointer to another type */
};

/* ---- lex.c ------------------------------------------------------------- */

enum rw_tok_kind {
    RW_T_EOF,
    RW_T_IDENT,     /* identifiers and keywords */
    RW_T_NUMBER,    /* preprocessing numbers */
    RW_T_STRING,    /* string literal, with its prefix */
    RW_T_CHAR,      /* character constant */
    RW_T_PUNCT,     /* punctuator */
    RW_T_DIRECTIVE, /* a whole preprocessing directive (normal mode only) */
    RW_T_EOL,       /* end of a directive's logical line (directive mode) */
    RW_T_OTHER      /* any other byte */
};

struct rw_tok {
    int kind;
    size_t off, len;
};

/* Lex the token starting at or after pos in buf[0..len).  Comments,
 * whitespace and backslash-newlines are skipped.  In directive mode a newline
 * gives RW_T_EOL; otherwise a `#` first on its logical line gives one
 * RW_T_DIRECTIVE token running to the end of that line.  Returns the
 * position after the token. */
size_t rw_lex(const char *buf, size_t len, size_t pos, int directive, struct rw_tok *t);
/* Whether token t of buf spells exactly s. */
int rw_tok_is(const char *buf, const struct rw_tok *t, const char *s);

/* ---- diag.c, diag_flags.c, diag_json.c --------------------------------- */

/* Diagnostics in clang's conventions (docs/errors.md, "Diagnostics of the
 * rewriter"): `file:line:col: severity: message`, the source line, a caret
 * at the location and `~` under the ranges given (clipped to the caret's
 * line), fix-it hints under it (and clang's machine-readable `fix-it:` line
 * with -fdiagnostics-parseable-fixits), colour on a terminal, or one JSON
 * document at the end of the run (--diagnostics-format=json).  Offsets are
 * into the main file; a range is [start, end). */

/* Build src's line table from its buffer (once, before any look-up). */
void rw_src_lines(struct rw_src *src);
/* Line and column (1-based, columns in bytes) of offset off of src. */
void rw_linecol(const struct rw_src *src, size_t off, unsigned *line, unsigned *col);
/* Use src for the diagnostics that follow. */
void rw_diag_init(const struct rw_src *src);
/* Print `file:line:col: error: msg`, the source line and a caret. */
void rw_error(size_t off, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rw_note(size_t off, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A note at off suggesting to insert text there: the source line, a caret
 * at off and the text under it, as clang shows a fix-it hint. */
void rw_note_fixit(size_t off, const char *insert, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A note at off suggesting to replace [start, end) with text (shown under
 * the replaced bytes). */
void rw_note_fixit_range(size_t off, size_t start, size_t end, const char *text,
                         const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Print `file:line:col: warning: msg [-Wflag]` with the source line and a
 * caret (not counted as an error); nothing when flag is off. */
void rw_warning(size_t off, const char *flag, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Print `file:line:col: remark: msg [-Rmploop]` with the source line and a
 * caret (not counted as an error). */
void rw_remark(size_t off, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same with the bytes [start, end) underlined (`~`) on the caret's
 * line; off should lie in the range or on its line. */
void rw_error_range(size_t off, size_t start, size_t end, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void rw_note_range(size_t off, size_t start, size_t end, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void rw_warning_range(size_t off, size_t start, size_t end, const char *flag, const char *fmt,
                      ...) __attribute__((format(printf, 5, 6)));
void rw_remark_range(size_t off, size_t start, size_t end, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A note goes the way of the diagnostic before it: not printed after a
 * warning that is off or while capturing. */
/* Number of errors printed so far. */
unsigned rw_error_count(void);

/* Whether warning flag (without -W) is enabled (-W<flag>/-Wno-<flag> on the
 * command line, else its default); rw_warning prints nothing for a flag
 * that is off.  The flags: mploop-rand, mploop-stdin, mploop-scratch,
 * mploop-lock (on by default), mploop-unverified (off); a name not in the
 * table is on. */
int rw_warning_enabled(const char *flag);
/* Apply one command-line option -W<flag>, -Wno-<flag>, -Wmploop (every
 * mploop flag on) or -Wno-mploop (every one off), in command-line order.
 * Returns 1 when arg is a warning option of mploop (-W[no-]mploop...),
 * after warning about an unknown one as clang does; 0 otherwise. */
int rw_warning_option(const char *arg);
/* The names of the warning flags, NULL-terminated (for --help and
 * suggestions). */
extern const char *const rw_warning_flags[];

/* Record instead of printing: the diagnostics between rw_diag_capture_begin
 * and rw_diag_capture_end are neither printed nor counted; _end returns the
 * message of the first error among them (heap; NULL when none) and stores
 * its offset in *off.  Used by the advisor, which analyses every loop and
 * turns a refusal into the reason a loop is not suggested. */
void rw_diag_capture_begin(void);
char *rw_diag_capture_end(size_t *off);

/* How the diagnostics are written (main.c sets it from the command line,
 * before any is reported). */
enum rw_diag_format { RW_DIAG_TEXT, RW_DIAG_JSON };
/* color: 1 always, 0 never, -1 when stderr is a terminal (the default). */
void rw_diag_set_output(enum rw_diag_format format, int color, int parseable_fixits);
/* Report a diagnostic about no place in a file (the command line, a file
 * that cannot be read): `mploop: error: msg` in text, like clang's
 * `warning: msg [-Wflag]` for a warning with a flag (option spelled out,
 * e.g. "-Wunknown-warning-option"). */
void rw_diag_global(const char *severity, const char *flag, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Report an error of libclang's (the input does not compile), in text as
 * libclang formats it, else recorded for the JSON document; counted. */
void rw_diag_clang(CXDiagnostic d);
/* End of the run: write the JSON document when asked for one. */
void rw_diag_finish(void);

/* One recorded diagnostic, resolved to lines and columns (diag_json.c). */
struct rw_diag_pos {
    unsigned line, col;
};
struct rw_diag_span {
    struct rw_diag_pos start, end;   /* end is just past the last byte */
};
struct rw_diag_fix {
    struct rw_diag_span span;
    char *text;
};
struct rw_diag_rec {
    const char *severity;            /* "error", "warning", "remark", "note" */
    char *message;                   /* without the [flag] suffix */
    char *flag;                      /* "-Wmploop-rand", "-Rmploop", or NULL */
    char *file;                      /* NULL: about no place in a file */
    struct rw_diag_pos at;
    struct rw_diag_span *ranges;
    unsigned nranges;
    struct rw_diag_fix *fixits;
    unsigned nfixits;
};
/* Keep rec (taken over) for the JSON document; a note is attached to the
 * error, warning or remark kept before it. */
void rw_diag_json_add(struct rw_diag_rec *rec);
/* Write the JSON document of everything kept to f. */
void rw_diag_json_write(FILE *f);
/* Free rec and what it holds. */
void rw_diag_json_free(struct rw_diag_rec *rec);

/* ---- pragma.c, clause_parse.c ------------------------------------------ */

enum rw_var_kind {
    RW_PRIVATE,
    RW_FIRSTPRIVATE,
    RW_LASTPRIVATE,
    RW_REDUCTION,
    RW_SHARED            /* in shared memory for the loop's duration (coop.c) */
};

enum rw_redop {
    RW_RED_ADD, RW_RED_SUB, RW_RED_MUL, RW_RED_AND,
    RW_RED_OR, RW_RED_XOR, RW_RED_LAND, RW_RED_LOR,
    RW_RED_MIN, RW_RED_MAX,
    RW_RED_USER          /* declared with `#pragma mploop declare reduction` */
};

/* One `#pragma mploop declare reduction(name : type : combiner)
 * [initializer(expr)]` (declare.c). */
struct rw_udr {
    char *name, *type, *comb, *init; /* init: NULL without the clause */
    size_t off;          /* the pragma */
    size_t name_off, type_off, comb_off, init_off;
    size_t scope_start, scope_end; /* the block (or file) it is declared in */
    char *comb_line, *init_line; /* `#line` and padding that put the
                            combiner and the initializer back in place */
};

/* One variable named in a data clause. */
struct rw_var {
    char *name;
    size_t off;          /* where it is written */
    int kind;            /* enum rw_var_kind */
    int op;              /* enum rw_redop for reductions */
    int also_first;      /* lastprivate also named in firstprivate */
    CXCursor decl;       /* resolved by clause_check.c */
    char *szarg;         /* operand of sizeof for it (clause_check.c): an array
                            parameter is a pointer, sizeof on its name warns */
    const char *cast;    /* "(void *)" before its address when it is volatile
                            (memcpy would warn about the qualifier), else "" */
    /* Reductions over arrays and array sections (docs/generated-code.md,
     * "Array reductions"): */
    char *sec_lo, *sec_len; /* `x[lo:len]`: the section's expressions, else NULL */
    size_t sec_off;      /* where the section's `[` is written */
    int array;           /* set by clause_check.c: an array or a section, whose
                            private copy lives in the participant's partial slot */
    unsigned dims;       /* array: its number of dimensions (0: a section) */
    size_t *refs;        /* array: the body's references to it, [refs[2k],
                            refs[2k+1]), redirected to the private copy */
    unsigned nrefs;
    char *udr_name;      /* RW_RED_USER: the reduction's name */
    size_t udr_off;      /* where the name is written */
    const struct rw_udr *udr; /* and its declaration (clause_check.c) */
};

struct rw_loop;

/* One `#pragma mploop for` or `_Pragma("mploop for ...")`. */
struct rw_pragma {
    size_t start, end;   /* bytes to blank (newlines are kept) */
    size_t off;          /* where the directive is written, for notes */
    struct rw_tok next;  /* first token after the pragma */
    int not_for;         /* `#pragma mploop xxx` other than `for` (reported) */
    int reported;        /* an error about its loop was printed already */
    int sched;           /* enum mploop_schedule; MPLOOP_SCHED_DEFAULT without clause */
    char *chunk;         /* chunk expression or NULL */
    char *workers;       /* num_workers expression or NULL */
    char *cond;          /* if expression or NULL */
    int collapse;        /* 1 without clause */
    size_t collapse_off;
    int snapshot;        /* `snapshot` clause: large blocks merged by snapshot */
    int direct;          /* `direct` clause: large blocks written in place */
    size_t mode_off;     /* where the first of them is written */
    struct rw_var *vars;
    unsigned nvars;
    struct rw_loop *loop; /* the loop it annotates, once found */
    struct rw_udr *udr;  /* `declare reduction` (not_for is set), else NULL */
    /* `#pragma mploop critical` and `atomic` (not_for is set too): */
    int directive;       /* enum rw_directive */
    char *crit_name;     /* critical: the name, "" when unnamed */
    int atomic;          /* atomic: enum rw_atomic_kind */
    size_t stmt_start, stmt_end; /* the statement it applies to (coop.c) */
    /* `#pragma mploop pipeline` (workers and cond above) and `stage`: */
    char *tokens;        /* pipeline: tokens expression or NULL */
    int stage_kind;      /* stage: MPLOOP_STAGE_* */
    int stage_owned;     /* stage: a pipeline's body holds it (pipeline.c) */
};

/* What a `#pragma mploop` directive is. */
enum rw_directive { RW_DIR_FOR, RW_DIR_CRITICAL, RW_DIR_ATOMIC, RW_DIR_DECLARE,
                    RW_DIR_PIPELINE, RW_DIR_STAGE };
/* The clause of `#pragma mploop atomic` (update without one). */
enum rw_atomic_kind { RW_ATOMIC_UPDATE, RW_ATOMIC_READ, RW_ATOMIC_WRITE, RW_ATOMIC_CAPTURE };

/* Find every pragma of the main file outside comments, strings and skipped
 * preprocessor blocks, parse its clauses (reporting syntax errors), and
 * return them in source order.  Unknown `#pragma mploop` directives and
 * malformed clauses are reported as errors. */
void rw_find_pragmas(const struct rw_src *src, struct rw_pragma **out,
                     unsigned *n);

/* Where a clause can be added to pragma p: after its last clause (inside
 * the string of a `_Pragma`). */
size_t rw_pragma_clause_end(const struct rw_src *src, const struct rw_pragma *p);

/* The text one pragma's clauses are lexed from: the file itself for
 * `#pragma`, the destringized literal for `_Pragma`, whose byte i came from
 * file offset map[i]. */
struct rw_ptext {
    const char *s;
    size_t len;
    const size_t *map;   /* NULL: offsets are file offsets */
};

/* File offset that offset o of pt came from (for diagnostics). */
size_t rw_ptext_off(const struct rw_ptext *pt, size_t o);
/* Lex the token of pt at or after pos in directive mode (rw_lex); returns
 * the position after it. */
size_t rw_ptext_next(const struct rw_ptext *pt, size_t pos, struct rw_tok *t);
/* The arguments of a clause whose '(' is lp and ends before pos: find the
 * matching ')', store its token in *rp and return the position after it;
 * SIZE_MAX after reporting "missing ')'" when the text ends first. */
size_t rw_ptext_args(const struct rw_ptext *pt, size_t pos, const struct rw_tok *lp,
                     struct rw_tok *rp);
/* Parse the clauses of p from offset pos of pt (just after `for`) to the
 * end of the text, storing them in p and reporting syntax errors. */
void rw_parse_clauses(struct rw_pragma *p, const struct rw_ptext *pt, size_t pos);
/* The name of a data clause kind (enum rw_var_kind): "private", ... */
const char *rw_var_kind_name(int kind);
/* Text of pt[a, b), trimmed, without backslash-newlines (heap). */
char *rw_ptext_text(const struct rw_ptext *pt, size_t a, size_t b);

/* ---- declare.c --------------------------------------------------------- */

/* `#pragma mploop declare reduction` (docs/user-guide.md, "reduction").
 * Parse the text after `declare` (from pos) into p->udr and remember it,
 * reporting syntax errors. */
void rw_parse_declare(struct rw_pragma *p, const struct rw_ptext *pt, size_t pos);
/* Forget the declarations of a previous file (before its pragmas are found). */
void rw_declare_reset(void);
/* Find the scope of each declaration and refuse a redeclaration in the same
 * scope; returns 0 or -1 after reporting. */
int rw_declare_resolve(const struct rw_src *src);
/* The declaration of reduction name visible at offset at, or NULL. */
const struct rw_udr *rw_declare_find(const char *name, size_t at);
/* Whether type t is the type u is declared for. */
int rw_declare_type_matches(const struct rw_src *src, const struct rw_udr *u, CXType t);

/* ---- ast.c ------------------------------------------------------------- */

/* Expansion offsets of a location / of a cursor's extent in the main file.
 * Return 0 when the location is not in the main file. */
int rw_loc_off(const struct rw_src *src, CXSourceLocation loc, size_t *off);
int rw_extent(const struct rw_src *src, CXCursor c, size_t *start, size_t *end);
/* Expansion offset where cursor c starts, or fallback when not in the main file. */
size_t rw_cursor_off(const struct rw_src *src, CXCursor c, size_t fallback);
/* Direct children of c (as clang_visitChildren yields them); free the result. */
unsigned rw_children(CXCursor c, CXCursor **out);
/* c with implicit conversions (UnexposedExpr with one child of the same
 * extent) removed; with parens too when parens is nonzero. */
CXCursor rw_strip(CXCursor c, int parens);
/* c without the parentheses around it; implicit conversions are kept, so
 * that a variable read as a value (converted) is told from one written or
 * whose address is taken (bare). */
CXCursor rw_strip_parens(CXCursor c);
/* The VarDecl or ParmDecl that expression c names directly, or a null cursor. */
CXCursor rw_named_var(CXCursor c);
/* Cursor spelling / type spelling as a new heap string. */
char *rw_spelling(CXCursor c);
char *rw_type_spelling(CXType t);
/* Canonical type classes. */
int rw_type_is_integer(CXType t);   /* integer kinds and _Bool, not enums */
int rw_type_is_signed(CXType t);
int rw_type_is_floating(CXType t);
int rw_type_is_arith(CXType t);     /* integer, enum or floating */
int rw_type_is_pointer(CXType t);
/* Whether decl is a parameter declared with an array type (really a pointer:
 * sizeof on its name warns). */
int rw_is_array_param(CXCursor decl);
/* Whether cursor c (a declaration) is declared outside [start, end) of the
 * main file. */
int rw_decl_outside(const struct rw_src *src, CXCursor decl, size_t start, size_t end);
/* The first reference inside c to a declaration in decls[0..n); returns the
 * index and stores the offset, or returns -1. */
int rw_find_ref(const struct rw_src *src, CXCursor c, const CXCursor *decls,
                unsigned n, size_t *off);
/* Operator kinds of BinaryOperator, CompoundAssignOperator and
 * UnaryOperator cursors. */
enum rw_op {
    RW_OP_NONE,   /* not an operator cursor, or its operator cannot be read */
    RW_OP_OTHER,  /* an operator (or punctuator) not listed below */
    /* binary, in the order of clang's BinaryOperatorKind */
    RW_OP_MUL, RW_OP_DIV, RW_OP_REM, RW_OP_ADD, RW_OP_SUB, RW_OP_SHL, RW_OP_SHR,
    RW_OP_LT, RW_OP_GT, RW_OP_LE, RW_OP_GE, RW_OP_EQ, RW_OP_NE,
    RW_OP_AND, RW_OP_XOR, RW_OP_OR, RW_OP_LAND, RW_OP_LOR,
    RW_OP_ASSIGN, RW_OP_MUL_ASSIGN, RW_OP_DIV_ASSIGN, RW_OP_REM_ASSIGN, RW_OP_ADD_ASSIGN,
    RW_OP_SUB_ASSIGN, RW_OP_SHL_ASSIGN, RW_OP_SHR_ASSIGN, RW_OP_AND_ASSIGN, RW_OP_XOR_ASSIGN,
    RW_OP_OR_ASSIGN, RW_OP_COMMA,
    /* unary (PRE_x follow POST_x) */
    RW_OP_POST_INC, RW_OP_POST_DEC, RW_OP_PRE_INC, RW_OP_PRE_DEC,
    RW_OP_ADDR, RW_OP_DEREF, RW_OP_PLUS, RW_OP_MINUS, RW_OP_NOT, RW_OP_LNOT
};
/* The operator of cursor c.  With libclang >= 17 (CINDEX_VERSION_MINOR 64)
 * libclang says it; before, the token where the operator is written is read
 * from the file (after the first operand, or before the operand of a prefix
 * unary operator), and an operator a macro body wrote is RW_OP_NONE. */
enum rw_op rw_operator(const struct rw_src *src, CXCursor c);
/* How op is written ("<=", "++", ...); "" for RW_OP_NONE, "?" for RW_OP_OTHER. */
const char *rw_op_spelling(enum rw_op op);
/* The label statement that goto statement c jumps to (libclang gives it
 * through the statement or its label reference), or a null cursor. */
CXCursor rw_goto_label(CXCursor c);
/* Text of buf[start, end) as a new string. */
char *rw_text(const struct rw_src *src, size_t start, size_t end);
/* Whether clang evaluates expression c (null allowed) to an integer,
 * stored in *v. */
int rw_int_const(CXCursor c, long long *v);

/* ---- scope.c ----------------------------------------------------------- */

/* Everything known about the place of one annotated loop. */
struct rw_loop_site {
    CXCursor for_stmt;      /* a pipeline's while statement too */
    CXCursor func;          /* enclosing function definition */
    CXCursor *visible;      /* variables in scope at the loop, innermost last */
    unsigned nvisible;
    unsigned depth;         /* number of enclosing annotated loops */
};

/* Match each pragma with the for statement written right after it (a
 * pipeline's: a for or while statement) and record the variables in scope
 * there; refuse pragmas not followed by a for loop and `_Pragma` hidden in macros.  Global variables are collected in
 * *globals (declared anywhere in the translation unit, in order). */
void rw_match_loops(const struct rw_src *src, struct rw_pragma *p, unsigned n,
                    struct rw_loop_site *sites, CXCursor **globals,
                    unsigned *nglobals);

/* ---- canonical.c ------------------------------------------------------- */

/* One loop header of a (possibly collapsed) nest. */
struct rw_level {
    CXCursor for_stmt;
    size_t for_off;          /* the `for` keyword */
    size_t rparen_end;       /* just after the header's `)` */
    CXCursor var;            /* the loop variable's declaration */
    char *name;
    int declared;            /* `T v = lb` in the init */
    char *type;              /* T as written for the generated code */
    int is_ptr, is_signed;
    const char *cast;        /* as in struct rw_var */
    char *lb, *ub, *step;    /* expression texts; step already signed */
    CXCursor lb_c, ub_c, st_c; /* their cursors (st_c null for ++ and --) */
    int test;                /* enum mploop_test, variable on the left */
};

#define RW_MAX_LEVELS 16

struct rw_loop {
    struct rw_pragma *pragma;
    struct rw_loop_site site;
    unsigned id;             /* 1, 2, ... in source order */
    struct rw_level lv[RW_MAX_LEVELS];
    unsigned nlv;
    CXCursor body;           /* innermost body */
    size_t body_start, body_end;
    size_t end;              /* end of the outermost for statement */
    size_t func_start;       /* where the enclosing function definition starts */
    int auto_snapshot;       /* mode.c found that the loop needs snapshot mode */
    int profiled;            /* mploop --profile wrapped it (profile.c): the
                              * epilogue adds its trip count to its frame */
    struct rw_pipe *pipe;    /* `#pragma mploop pipeline`: its stages
                              * (pipeline.c); nlv is 0 */
};

/* Analyse the loop nest of a matched pragma (canonical form, collapse);
 * returns 0 on success, -1 after reporting errors. */
int rw_analyse_loop(const struct rw_src *src, struct rw_loop *l);

/* End offset of statement c including its terminating `;` if it has one. */
size_t rw_stmt_end(const struct rw_src *src, CXCursor c);

/* The parts of a for statement's header, located in the file. */
struct rw_for_parts {
    size_t for_off;          /* the `for` keyword */
    size_t lparen;           /* the token after it (the header's `(`) */
    size_t semi[2];          /* the two `;` at parenthesis depth 1 */
    size_t rparen;           /* the closing `)` */
    CXCursor init, cond, inc, body; /* null cursors for the parts left out */
};

/* What rw_for_parts found. */
enum rw_for_status {
    RW_FOR_OK,
    RW_FOR_MACRO_LOOP,       /* no `for` written where the statement starts */
    RW_FOR_MACRO_HEADER,     /* no `(` ... `;` ... `;` ... `)` written out */
    RW_FOR_NO_BODY,          /* no body after the header */
    RW_FOR_BODY_ELSEWHERE    /* the body is not in the main file */
};

/* Locate the header of for statement f: its two `;` and its `)` from the
 * file's tokens, and then which children of f are the init, test,
 * increment and body, by their offsets (libclang yields only the parts
 * present).  Returns an enum rw_for_status; reports nothing. */
int rw_for_parts(const struct rw_src *src, CXCursor f, struct rw_for_parts *h);

/* ---- clause_check.c ---------------------------------------------------- */

/* Resolve and check the clause variables of loop l; returns 0 or -1. */
int rw_check_clauses(const struct rw_src *src, struct rw_loop *l,
                     const CXCursor *globals, unsigned nglobals);

/* ---- scalars.c --------------------------------------------------------- */

/* How the body of a loop uses a variable declared outside it. */
enum rw_scalar_use {
    RW_SCALAR_PRIVATE,  /* no iteration reads a value an earlier one left in it */
    RW_SCALAR_CARRIED,  /* an iteration uses the value the earlier ones left */
    RW_SCALAR_OTHER     /* only updated from its own value (as by a reduction),
                         * or cannot be told */
};

struct rw_scalar {
    CXCursor decl;
    int use;            /* enum rw_scalar_use */
    size_t use_off;     /* CARRIED: where a value of it is used */
    int live_after;     /* PRIVATE: code after the loop may read the value the
                         * loop leaves (always so for globals and statics) */
};

/* Classify every variable declared outside loop l (analysed) that its body
 * names, by a walk of the body in evaluation order.  Returns how many, in
 * *out (heap). */
unsigned rw_scalars(const struct rw_src *src, const struct rw_loop *l, struct rw_scalar **out);

/* ---- check.c ----------------------------------------------------------- */

/* Report forms refused in the body of loop l; returns 0 or -1. */
int rw_check_body(const struct rw_src *src, struct rw_loop *l);
/* For expression e (an assignment, compound assignment, `++` or `--`)
 * that modifies variable d declared outside a loop: the reduction operator
 * ("+", "-", "*", "&", "|", "^", "&&", "||", "min", "max") it updates d by,
 * or NULL when it is no such update.  guard is the condition of the `if`
 * whose then-branch e is (`if (a[i] > m) m = a[i];` is a max), or a null
 * cursor.  *reads_itself: e is a plain assignment whose right side reads d. */
const char *rw_update_reduction(const struct rw_src *src, CXCursor e, CXCursor guard, CXCursor d,
                                int *reads_itself);

/* ---- calls.c ----------------------------------------------------------- */

/* Check call c in the body of loop l: warn about calls that use library
 * state the workers do not share (random generators with hidden state,
 * reads of standard input) and refuse a longjmp whose setjmp is not in the
 * body.  Returns 0, or -1 after reporting an error. */
int rw_check_call(const struct rw_src *src, const struct rw_loop *l, CXCursor c);
/* The warning flag under which rw_check_call warns about call c
 * ("mploop-rand": a random generator with hidden state, "mploop-stdin": a
 * read of standard input), storing the callee's name in *name (heap); NULL
 * (and *name NULL) for other calls.  The advisor suggests no loop that
 * makes such a call: its workers would not compute what the sequential
 * loop does. */
const char *rw_call_unshared(CXCursor c, char **name);

/* ---- scratch.c ---------------------------------------------------------- */

/* Warn about each array of the enclosing function that the body of loop l
 * fills and then uses at the same elements in every iteration (scratch
 * space the workers' writes would race on), with a fix-it note adding
 * `private` to the pragma. */
void rw_warn_scratch(const struct rw_src *src, const struct rw_loop *l);
/* The arrays rw_warn_scratch would warn about for loop l, in the order of
 * their first access, and where each is first written (*offs); returns how
 * many (both vectors on the heap). */
unsigned rw_scratch_arrays(const struct rw_src *src, const struct rw_loop *l, CXCursor **out,
                           size_t **offs);

/* ---- access.c ---------------------------------------------------------- */

#define RW_SUB_TERMS 8   /* terms of one subscript */
#define RW_ACC_LOOPS 14  /* for loops of the body around one access */

/* One subscript: the sum of its terms, each added or subtracted ("a + i"
 * in *(a + i) + k of an alias gives the terms i and k); no term is 0. */
struct rw_sub {
    unsigned n;
    CXCursor term[RW_SUB_TERMS];
    int neg[RW_SUB_TERMS];
    int bad;             /* cannot be read (a form not followed, too many terms) */
};

enum { RW_ACC_READ = 1, RW_ACC_WRITE = 2 };

/* One access to memory reached from a root variable. */
struct rw_access {
    char *subs;          /* canonical subscript list "[i][j + 1]", NULL: unreadable */
    unsigned depth;      /* number of subscripts */
    struct rw_sub *sub;  /* the depth subscripts, outermost first */
    char *shape;         /* subscripts and members in order: "[].a[]" */
    char *name, *where;  /* how remarks name it: "s.a" and "[i]" */
    char *text;          /* the access as written ("a[i + 1]") */
    size_t off, end;     /* its extent */
    int mode;            /* RW_ACC_READ | RW_ACC_WRITE */
    CXType type;         /* the type of the lvalue (CXType_Invalid: any) */
    int varies;          /* a subscript names a variable of the loop */
    int indirect;        /* a subscript reads memory */
    int loaded;          /* reached through a pointer loaded from memory
                          * (rows[i][k], s.p[i]): which block is not known */
    int cond;            /* a condition or a jump may skip it */
    int guarded;         /* between a lock's acquire and release (guard.c) */
    char *via;           /* the callee, for a pointer loaded from memory and
                          * passed to a call (subs NULL: any element) */
    CXCursor loop[RW_ACC_LOOPS]; /* for loops of the body around it, outermost first */
    unsigned nloop;      /* RW_ACC_LOOPS + 1: more than fit */
};

/* Why the rewriter cannot follow the writes to one root. */
enum rw_blocker { RW_BLK_NONE, RW_BLK_SET, RW_BLK_CALL, RW_BLK_ESCAPE };

/* Everything the body does with one root variable. */
struct rw_root {
    CXCursor decl;
    char *name;
    int shared;          /* the accesses can reach shared memory */
    int fresh;           /* a pointer declared in the body to a block allocated there */
    int written;         /* written directly, or passed where it may be */
    int level;           /* a pointer loop variable of this level of the nest, else -1 */
    struct rw_access *v;
    unsigned n;
    int blk;             /* enum rw_blocker, the first seen by priority */
    char *blk_text;      /* the callee, the pointer it is stored in, ... */
    size_t blk_off;
};

/* The accesses of one loop body. */
struct rw_accesses {
    struct rw_root *r;
    unsigned nr;
    char *unknown;       /* text of the first write through an unknown form */
    size_t unknown_off;
    int coop;            /* the body calls mploop_lock_, mploop_sem_ or
                          * mploop_queue_ functions */
};

/* Walk the body of loop l (analysed) and collect its accesses to memory in
 * *out; prints nothing. */
void rw_collect_accesses(const struct rw_src *src, const struct rw_loop *l,
                         struct rw_accesses *out);
/* Free what a holds. */
void rw_accesses_free(struct rw_accesses *a);
/* Whether expression or declaration c is a data pointer (not a pointer to a
 * function). */
int rw_is_data_pointer(CXCursor c);
/* Whether c is a call to a function that returns a new block (malloc,
 * calloc, aligned_alloc, strdup, strndup). */
int rw_allocates(CXCursor c);

/* ---- guard.c ----------------------------------------------------------- */

/* A region of a loop body a lock or semaphore guards: [start, end). */
struct rw_guard {
    size_t start, end;
};
/* The regions of loop body body between mploop_lock_acquire (or an if on a
 * successful mploop_lock_try) and mploop_lock_release, or mploop_sem_wait
 * and mploop_sem_post, on the same object: straight-line statements of one
 * block; their number, *out (heap).  *coop: whether the body calls any
 * mploop_lock_, mploop_sem_ or mploop_queue_ function. */
unsigned rw_guards_find(const struct rw_src *src, CXCursor body, struct rw_guard **out,
                        int *coop);
/* Whether off lies in one of the n regions g. */
int rw_guards_cover(const struct rw_guard *g, unsigned n, size_t off);

/* ---- alias.c ----------------------------------------------------------- */

/* What tells two roots of a loop's accesses apart beyond their
 * declarations: the effective-type rules (off with -fno-strict-aliasing)
 * and private objects (arrays, structs and blocks from malloc whose address
 * never escapes the function, or the file for a `static`).  One cache per
 * function definition. */
struct rw_alias;
struct rw_alias *rw_alias_new(const struct rw_src *src, CXCursor func);
void rw_alias_free(struct rw_alias *al);
/* Whether roots r and o reach different memory by those rules. */
int rw_alias_apart(struct rw_alias *al, const struct rw_root *r, const struct rw_root *o);
/* Whether every access of root r reaches memory from mploop_shared_alloc:
 * r is a local pointer of the function whose every assignment (its
 * initializer included) is a call of it, and no access goes through a
 * pointer loaded from memory. */
int rw_alias_shared_block(struct rw_alias *al, const struct rw_root *r);

/* ---- depend.c ---------------------------------------------------------- */

/* Loop-carried dependences through memory (arrays and pointers) of a loop
 * nest, from the dependence tests of dep.c over the subscripts of its
 * accesses.  Scalars are scalars.c's business. */

enum rw_dep_kind {
    RW_DEPK_FLOW,    /* an iteration reads what an earlier one wrote */
    RW_DEPK_ANTI,    /* an iteration writes what an earlier one read */
    RW_DEPK_OUTPUT   /* two iterations write the same element */
};

enum rw_verdict {
    RW_VERDICT_PARALLEL, /* no loop-carried dependence through memory */
    RW_VERDICT_ANTI,     /* anti-dependences only: right in snapshot mode */
    RW_VERDICT_BLOCKED,  /* a proven loop-carried flow or output dependence */
    RW_VERDICT_UNKNOWN   /* independence could not be decided */
};

/* One loop-carried dependence between two accesses of the body. */
struct rw_dep {
    int kind;                        /* enum rw_dep_kind */
    size_t first_off, first_end;     /* the access of the earlier iteration */
    size_t second_off, second_end;   /* the access of the later iteration */
    char *first_text, *second_text;  /* as written: "a[i + 1]" */
    int dist_known;
    long dist[RW_MAX_LEVELS];        /* later minus earlier, per parallel level */
};

/* What the analysis of one loop found. */
struct rw_analysis {
    int verdict;          /* enum rw_verdict */
    struct rw_dep dep;    /* BLOCKED: the dependence to report; ANTI: the
                           * first anti-dependence */
    char *why;            /* UNKNOWN: why, a phrase ("b is reached through
                           * a call to f"); heap */
    size_t why_off;
    int alias_only;       /* UNKNOWN only because two different pointers
                           * may point into the same memory */
    char *why_note;       /* UNKNOWN: a note at why_off, or NULL (heap) */
    int written;          /* the loop writes an array or block it shares */
    int coop_hint;        /* BLOCKED through a pointer parameter or global in
                           * a body that calls mploop_lock_, mploop_sem_ or
                           * mploop_queue_ functions */
    int same_text;        /* every such array is accessed only at the
                           * subscript text of its writes */
    struct rw_analysis *shared; /* the same analysis over the roots that can
                           * reach shared memory (heap blocks, globals and
                           * statics), which decides the write mode; NULL
                           * in that one */
};

/* Analyse the accesses to memory of loop l (rw_analyse_loop succeeded; of
 * the pragma only collapse and the private variables are used) across its
 * parallel levels; prints nothing.  assume_no_alias: pointers with
 * different names are taken to reach different memory. */
void rw_analyse_deps(const struct rw_src *src, const struct rw_loop *l, int assume_no_alias,
                     struct rw_analysis *a);
/* The sentence describing dependence d of loop l, e.g. "iteration i writes
 * a[i + 1] (line 14), which iteration i + 1 reads as a[i] (line 13)"
 * (heap). */
char *rw_dep_describe(const struct rw_src *src, const struct rw_loop *l, const struct rw_dep *d);
/* Notes at the two accesses of dependence d of loop l. */
void rw_dep_notes(const struct rw_src *src, const struct rw_loop *l, const struct rw_dep *d);
/* Report what analysis a found for annotated loop l: a proven flow or
 * output dependence is an error (returns -1); an undecided one is a
 * -Wmploop-unverified warning.  The anti-dependences are the write mode's
 * remark (mode.c). */
int rw_report_deps(const struct rw_src *src, const struct rw_loop *l, const struct rw_analysis *a);
/* Free what a holds. */
void rw_analysis_free(struct rw_analysis *a);

/* ---- mode.c ------------------------------------------------------------ */

/* Decide whether loop l (checked, and analysed by rw_analyse_deps into *a)
 * needs snapshot mode, setting l->auto_snapshot unless the `direct` clause
 * forces direct mode; when remarks is nonzero print one remark at the loop
 * saying which mode it runs in and why (with a note at the access that
 * decided it). */
void rw_choose_mode(const struct rw_src *src, struct rw_loop *l, const struct rw_analysis *a,
                    int remarks);

/* ---- advise.c, advise_out.c, advise_apply.c ----------------------------- */

/* `mploop --suggest`: a verdict for every for statement of the main file
 * (docs/advisor.md).  advise.c analyses each loop as if it were annotated,
 * advise_out.c prints the verdicts (text or JSON), advise_apply.c chooses
 * the loops to annotate and writes the annotated copy. */

enum rw_adv_verdict {
    RW_ADV_PARALLEL,   /* parallel as written, with the pragma to use */
    RW_ADV_BLOCKED,    /* a proven loop-carried dependence */
    RW_ADV_UNKNOWN     /* independence could not be decided, or the rewriter
                        * would refuse the loop */
};

/* The verdict on one for statement. */
struct rw_advice {
    size_t off;           /* the `for` keyword */
    size_t end;           /* end of the statement */
    unsigned line, col;
    unsigned depth;       /* for statements around it */
    int parent;           /* index of the innermost of them, or -1 */
    int annotated;        /* a `#pragma mploop for` is written above it */
    int in_annotated;     /* index of an annotated loop around it, or -1 */
    int holds_annotated;  /* index of an annotated loop inside it, or -1
                           * (rw_advise_choose) */
    int verdict;          /* enum rw_adv_verdict */
    char *clauses;        /* PARALLEL: the clauses to use ("" for none) */
    char *reason;         /* BLOCKED, UNKNOWN: why; PARALLEL: NULL */
    size_t reason_off;    /* where the reason points */
    int snapshot;         /* PARALLEL with anti-dependences: runs in snapshot mode */
    char *snapshot_why;   /* the first anti-dependence, described */
    int has_dep;          /* dep holds the dependence (BLOCKED, or snapshot) */
    struct rw_dep dep;
    unsigned dep_levels;  /* levels dep.dist has */
    char *dep_text;       /* dep described (rw_dep_describe) */
    int small;            /* PARALLEL but not worth a process */
    unsigned long long trips; /* small: its constant trip count */
    int alias_only;       /* UNKNOWN only for want of knowing two pointers apart */
    int chosen;           /* annotated by --apply */
};

struct rw_prof;

/* What the command line asked for. */
struct rw_advise_opts {
    int json;             /* --format=json */
    int assume_no_alias;  /* --assume-no-alias */
    const struct rw_prof *prof;  /* --profile FILE, read; or NULL */
    const char *prof_path;
    unsigned workers;     /* with prof: the workers of the Amdahl estimate */
};

/* Analyse every for statement of src (libclang parsed it without errors);
 * returns the verdicts in source order in *out (heap) and their number.
 * Prints nothing. */
unsigned rw_advise(const struct rw_src *src, const struct rw_advise_opts *o,
                   struct rw_advice **out);
/* Mark the loops --apply annotates (chosen): parallel, worth a process, not
 * annotated, neither inside nor around an annotated loop, and inside no
 * loop already chosen (the outermost are preferred). */
void rw_advise_choose(struct rw_advice *v, unsigned n);
/* The main file with `#pragma mploop for ...` inserted above each chosen
 * loop, indented like it (heap, length in *len). */
char *rw_advise_apply(const struct rw_src *src, const struct rw_advice *v, unsigned n,
                      size_t *len);
/* Print the verdicts to f: one line per loop, or the JSON document. */
void rw_advise_print(FILE *f, const struct rw_src *src, const struct rw_advise_opts *o,
                     const struct rw_advice *v, unsigned n);

/* ---- coop.c ------------------------------------------------------------ */

/* The directives for cooperating workers (docs/shared.md): `#pragma mploop
 * critical [(name)]` and `#pragma mploop atomic [update|read|write|
 * capture]` before a statement, and the shared(list) clause whose
 * variables the body reaches through a pointer to shared memory. */

/* Parse the rest of a `critical` or `atomic` directive whose word is token
 * w of pt (pos just after it) into p, reporting syntax errors. */
void rw_parse_coop(struct rw_pragma *p, const struct rw_ptext *pt, const struct rw_tok *w,
                   size_t pos);
/* Find the statement after each critical or atomic directive of p[0..n)
 * and check the form of each atomic one (reported); remembered for
 * rw_coop_covers.  Before the loops are checked. */
void rw_coop_find(const struct rw_src *src, struct rw_pragma *p, unsigned n);
/* Whether offset off lies in the statement of a critical or atomic
 * directive (rw_coop_find ran). */
int rw_coop_covers(size_t off);
/* Whether off is where an atomic read or capture statement `v = ...`
 * starts: the assignment to v there is an ordinary write of the body. */
int rw_coop_capture_at(size_t off);
/* The error at off for a write (or atomic read) of variable name, declared
 * outside loop l and not in its shared() clause, in a critical or atomic
 * statement, with the fix-it adding the clause. */
void rw_coop_not_shared(const struct rw_src *src, const struct rw_loop *l, size_t off,
                        const char *name);
/* The variable at the root of lvalue c when c reaches it without a
 * pointer (`x`, `s.f`, `a[i]` of an array a), else a null cursor (`*p`,
 * `p[i]`, `s->f`: memory a pointer reaches). */
CXCursor rw_lvalue_root(CXCursor c);
/* The checks that need the loops (an atomic read of a variable that is not
 * shared) and the body references to shared() variables of every loop,
 * located for rw_coop_emit; returns 0 or -1 after reporting errors. */
int rw_coop_check(const struct rw_src *src, struct rw_pragma *p, unsigned n);
/* Whether p[0..n) holds a critical or atomic directive. */
int rw_coop_any(const struct rw_pragma *p, unsigned n);
/* The helper functions the file's critical statements use, for the top of
 * the output (heap; "" when there are none). */
char *rw_coop_helpers(const struct rw_pragma *p, unsigned n);
struct rw_edits;
/* Add the edits of the critical and atomic directives (their pragmas
 * included) and of the redirected references. */
void rw_coop_emit(const struct rw_src *src, struct rw_edits *e);

/* ---- edit.c ------------------------------------------------------------ */

struct rw_edit {
    size_t start, end;  /* bytes replaced */
    int rank;           /* order among edits at the same start */
    unsigned seq;
    char *text;         /* owned */
};

struct rw_edits {
    struct rw_edit *v;
    unsigned n, cap;
};

/* Replace [start, end) with text (taken over). */
void rw_edit_add(struct rw_edits *e, size_t start, size_t end, int rank, char *text);
/* Apply the edits to buf; returns the new buffer (heap) and its length, or
 * NULL when two edits overlap. */
char *rw_edit_apply(struct rw_edits *e, const char *buf, size_t len, size_t *outlen);

/* ---- emit.c ------------------------------------------------------------ */

/* The file name as the body of a C string literal (heap). */
char *rw_escaped_path(const char *path);
/* Append to b a `#line` (after a newline) and the padding that put the
 * text at offset off of src back on its line and column. */
void rw_line_marker(const struct rw_src *src, struct rw_buf *b, const char *file, size_t off);
/* The runtime calls that hand loop l's frame over, after mploop_begin or
 * mploop_pipe_begin: mploop_frame, mploop_local for the enclosing
 * function's variables (with all_locals also the read-only scalars, which a
 * pipeline's stages may write) and mploop_static.  L is `&__mploop_L_N`. */
void rw_emit_frame(const struct rw_src *src, struct rw_buf *b, const struct rw_loop *l,
                   const char *L, int all_locals);
/* The parameters' num_workers (after its integer check) and if clauses of
 * pragma p, for loop or pipeline number id. */
void rw_emit_workers_cond(const struct rw_src *src, struct rw_buf *b, const char *file,
                          const struct rw_pragma *p, unsigned id);
/* A compile-time check that expression expr (what, for the message) of
 * the pragma at offset at has an integer type. */
void rw_emit_integer_check(const struct rw_src *src, struct rw_buf *b, const char *file,
                           size_t at, const char *what, const char *expr);
/* Add the edits for every loop (and the file header, noinline markers, the
 * blanked pragmas). */
void rw_emit(const struct rw_src *src, struct rw_pragma *p, unsigned np,
             struct rw_edits *e);

/* ---- pipeline.c -------------------------------------------------------- */

/* `#pragma mploop pipeline [num_workers(N)] [tokens(N)] [if(c)]` before a
 * for or while loop whose body `#pragma mploop stage [serial [unordered] |
 * parallel]` splits into stages (docs/generated-code.md, "Pipelines"). */

struct rw_pipe;

/* Parse the rest of a `pipeline` or `stage` directive whose word is token
 * w of pt (pos just after it) into p, reporting syntax errors. */
void rw_parse_pipeline(struct rw_pragma *p, const struct rw_ptext *pt, const struct rw_tok *w,
                       size_t pos);
/* Analyse pipeline l (matched by rw_match_loops; p[0..np) every pragma of
 * the file): the header, its stages, the variables carried between them,
 * the jumps out of a stage.  Returns 0, or -1 after reporting errors. */
int rw_pipe_analyse(const struct rw_src *src, struct rw_loop *l, struct rw_pragma *p,
                    unsigned np);
/* Report every `stage` directive of p[0..np) that no pipeline's body holds
 * (after every pipeline was analysed); returns 0 or -1. */
int rw_pipe_check_stages(const struct rw_pragma *p, unsigned np);
/* Add the edits of pipeline l (analysed): the header, the stage
 * directives and the end of the body.  file is escaped. */
void rw_pipe_emit(const struct rw_src *src, const char *file, struct rw_loop *l,
                  struct rw_edits *e);

/* ---- reduce.c ---------------------------------------------------------- */

/* The generated code of reductions (docs/generated-code.md, "Reductions"
 * and "Array reductions"); i is the variable's index among the pragma's
 * clause variables, id the loop's number, L its `&__mploop_L_N`, off the
 * offset expression of the variable's slot in the partial area. */

/* Whether a reduction of p is over an array or a section: every partial
 * slot then takes rw_red_bytes(..., 1). */
int rw_red_any_array(const struct rw_pragma *p);
/* The bytes of reduction variable v's partial slot, rounded up to 16 when
 * aligned (heap). */
char *rw_red_bytes(const struct rw_var *v, unsigned i, unsigned id, int aligned);
/* The sections' bounds, evaluated once before mploop_begin; check(b, g,
 * what, expr) emits the compile-time check that expr is an integer. */
void rw_red_bounds(struct rw_buf *b, const struct rw_loop *l,
                   void (*check)(struct rw_buf *, const void *, const char *, const char *),
                   const void *g);
/* lhs (an element of v) set to the identity of v's operator; for a
 * declared reduction, its initializer with omp_orig = orig. */
void rw_red_identity(struct rw_buf *b, const struct rw_var *v, const char *lhs, const char *orig);
/* x combined with partial r (elements of v), as the parent does. */
void rw_red_combine(struct rw_buf *b, const struct rw_var *v, const char *x, const char *r);
/* The participant's private copy of array or section v, set to the identity. */
void rw_red_private(struct rw_buf *b, const char *L, const struct rw_var *v, unsigned i,
                    unsigned id, const char *off);
/* The parent's element-wise combine of participant __mploop_w_N's copy of v. */
void rw_red_combine_array(struct rw_buf *b, const char *L, const struct rw_var *v, unsigned i,
                          unsigned id, const char *off);
/* The edits that point the body's references to v at its private copy. */
void rw_red_redirect(struct rw_edits *e, const struct rw_var *v, unsigned i, unsigned id);

/* ---- profile.c, profile_show.c ------------------------------------------ */

/* Add the edits of `--profile`: every for statement of the main file that
 * can be measured is wrapped in a block that times it (docs/profiling.md);
 * annotated loops (p[i].loop, analysed) are marked `profiled` for emit.c,
 * loops inside them are left alone.  Also the include and the constructor
 * at the top of the file. */
void rw_profile_emit(const struct rw_src *src, struct rw_pragma *p, unsigned np,
                     struct rw_edits *e);

/* One loop of a profile. */
struct rw_prof_loop {
    unsigned id, parent;          /* parent: id of the loop around it, or 0 */
    char *file;
    unsigned line, col;
    char *func;
    unsigned long long entries, iterations, ns;
};

/* A profile as read. */
struct rw_prof {
    char *program;
    unsigned long long total_ns;  /* the run's time */
    struct rw_prof_loop *v;
    unsigned n;
};

/* Read the profile at path into *p; returns 0, or -1 after reporting why
 * it cannot be read. */
int rw_prof_read(const char *path, struct rw_prof *p);
/* The loop of p at line:col of file (the same path, else the same base
 * name), or NULL. */
const struct rw_prof_loop *rw_prof_find(const struct rw_prof *p, const char *file,
                                        unsigned line, unsigned col);
/* Loop l's share of the run time of p (its inclusive time over the run's),
 * 0 to 1; 0 for NULL. */
double rw_prof_share(const struct rw_prof *p, const struct rw_prof_loop *l);
/* The speed-up of a whole run of which a part share runs on workers
 * workers: 1 / ((1 - share) + share / workers). */
double rw_amdahl(double share, unsigned workers);
/* If argv[*i] is `--workers N` or `--workers=N`, store N in *w (moving *i
 * past its value) and return 1; -1 after printing an error for a bad or
 * missing value; 0 for another argument. */
int rw_workers_option(int argc, char **argv, int *i, unsigned *w);
/* `mploop profile show [--workers N] [FILE]`, argv[0] being "profile":
 * returns the exit status. */
int rw_profile_main(int argc, char **argv);

/* ---- compdb.c ---------------------------------------------------------- */

/* Read the flags of input (a real path) from compile_commands.json in
 * build_dir.  Appends them to the argument vector (*args, *nargs) and stores the entry's directory in *dir
 * (heap).  Returns 0, or -1 after printing an error. */
int rw_compdb_flags(const char *build_dir, const char *input, char ***args,
                    unsigned *nargs, char **dir);

#endif /* RW_REWRITER_H */
