/*
 * calls.c - library calls that do not mean in a worker what they mean in
 * the sequential loop.
 *
 * The body runs in forked worker processes.  State the C library keeps in
 * the process is copied at the fork and not merged back, so calls that
 * consume such state behave as if every worker were the first to run:
 *   - random-number generators with hidden state (`rand`) draw the same
 *     numbers in every worker;
 *   - reads of standard input (`scanf`, `fgets(..., stdin)`, `read(0, ...)`)
 *     read the same input in every worker, from where the parent left off.
 * Both are warnings (-Wmploop-rand, -Wmploop-stdin): the file is still
 * rewritten.  A `longjmp` whose `setjmp` is not in the body would jump out
 * of the loop inside a worker process, where the code after that `setjmp`
 * cannot run: that is an error, as `return` is.  A `setjmp` and its
 * `longjmp` both in the body stay inside one iteration and are fine.
 * POSIX locks and semaphores (`pthread_mutex_lock(&m)`, `sem_post(&s)`)
 * on an object of the process's own memory lock nothing across workers,
 * each of which has its own copy: a warning (-Wmploop-lock) pointing to
 * `#pragma mploop critical` and mploop's locks.  One reached through a
 * pointer may be in shared memory and is left alone.
 *
 * Calls are recognized by the function they name, so macros that expand to
 * them count (glibc's `setjmp(env)` is `_setjmp(env)`), and so do the
 * names the headers declare with an assembler label (`scanf` compiled as
 * `__isoc99_scanf`).
 */
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

/* The name of the function call c calls directly, as a new string, or NULL. */
static char *callee_name(CXCursor c)
{
    CXCursor fn = clang_getCursorReferenced(c);
    if (clang_Cursor_isNull(fn) || clang_getCursorKind(fn) != CXCursor_FunctionDecl)
        return NULL;
    return rw_spelling(fn);
}

/* Whether name is in the NULL-terminated list. */
static int in_list(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(name, *list))
            return 1;
    return 0;
}

/* Note naming loop l, after a diagnostic about its body. */
static void loop_note(const struct rw_loop *l)
{
    rw_note(l->lv[0].for_off, "in the loop over '%s' annotated with '#pragma mploop for'",
            l->lv[0].name);
}

/* The C library's generators whose state is hidden in the library: each
 * worker continues the parent's sequence from where the parent left it, so
 * iterations on different workers draw the same numbers. */
static const char *const hidden_random[] = {
    "rand", "random", "drand48", "lrand48", "mrand48", NULL
};

/* Warn when the function called, name, is one of hidden_random. */
static void warn_hidden_random(const struct rw_src *src, const struct rw_loop *l, CXCursor c,
                               const char *name)
{
    if (!in_list(name, hidden_random))
        return;
    const char *fix = !strcmp(name, "rand") || !strcmp(name, "random")
                          ? "rand_r with a seed"
                          : "erand48, nrand48 or jrand48 with a state";
    rw_warning(rw_cursor_off(src, c, l->lv[0].for_off), "mploop-rand",
               "'%s' continues the parent's hidden sequence in every worker, so iterations on "
               "different workers draw the same numbers; use %s computed from the loop variable",
               name, fix);
    loop_note(l);
}

/* The POSIX locking calls whose first argument is the lock or semaphore. */
static const char *const posix_locks[] = {
    "pthread_mutex_lock", "pthread_mutex_trylock", "pthread_mutex_timedlock",
    "pthread_spin_lock", "pthread_spin_trylock", "pthread_rwlock_rdlock",
    "pthread_rwlock_wrlock", "pthread_rwlock_tryrdlock", "pthread_rwlock_trywrlock",
    "sem_wait", "sem_trywait", "sem_timedwait", "sem_post", NULL
};

/* Warn when call c to name locks an object that is a variable of the
 * process (`&m`, `&locks[i]`, not a shared() variable of l). */
static void warn_process_lock(const struct rw_src *src, const struct rw_loop *l, CXCursor c,
                              const char *name)
{
    if (!in_list(name, posix_locks) || clang_Cursor_getNumArguments(c) < 1)
        return;
    CXCursor a = rw_strip(clang_Cursor_getArgument(c, 0), 1), *kids;
    if (clang_getCursorKind(a) != CXCursor_UnaryOperator || rw_operator(src, a) != RW_OP_ADDR)
        return;
    unsigned n = rw_children(a, &kids);
    CXCursor d = n == 1 ? rw_lvalue_root(kids[0]) : clang_getNullCursor();
    free(kids);
    if (clang_Cursor_isNull(d))
        return;
    for (unsigned i = 0; i < l->pragma->nvars; i++)
        if (l->pragma->vars[i].kind == RW_SHARED && clang_equalCursors(d, l->pragma->vars[i].decl))
            return;
    char *var = rw_spelling(d);
    rw_warning(rw_cursor_off(src, c, l->lv[0].for_off), "mploop-lock",
               "'%s' on '%s' locks nothing across workers: each worker process has its own "
               "copy of '%s'; use '#pragma mploop critical' or an mploop_lock", name, var, var);
    loop_note(l);
    free(var);
}

/* Functions that read standard input: arg is the index of the stream
 * argument (STDIN_ALWAYS: they always read stdin), or of the file
 * descriptor argument when fd is set. */
#define STDIN_ALWAYS -1
static const struct {
    const char *name;
    int arg, fd;
} stdin_readers[] = {
    { "scanf", STDIN_ALWAYS, 0 }, { "vscanf", STDIN_ALWAYS, 0 },
    { "wscanf", STDIN_ALWAYS, 0 }, { "vwscanf", STDIN_ALWAYS, 0 },
    { "getchar", STDIN_ALWAYS, 0 }, { "getchar_unlocked", STDIN_ALWAYS, 0 },
    { "getwchar", STDIN_ALWAYS, 0 }, { "getwchar_unlocked", STDIN_ALWAYS, 0 },
    { "gets", STDIN_ALWAYS, 0 },
    { "getc", 0, 0 }, { "getc_unlocked", 0, 0 }, { "fgetc", 0, 0 }, { "fgetc_unlocked", 0, 0 },
    { "getw", 0, 0 }, { "getwc", 0, 0 }, { "fgetwc", 0, 0 }, { "fscanf", 0, 0 },
    { "vfscanf", 0, 0 }, { "fwscanf", 0, 0 }, { "vfwscanf", 0, 0 },
    { "fgets", 2, 0 }, { "fgets_unlocked", 2, 0 }, { "fgetws", 2, 0 }, { "getline", 2, 0 },
    { "fread", 3, 0 }, { "fread_unlocked", 3, 0 }, { "getdelim", 3, 0 },
    { "read", 0, 1 }, { "readv", 0, 1 },
};

/* Whether expression e is the stream stdin (the C library's global). */
static int is_stdin(CXCursor e)
{
    CXCursor v = rw_named_var(rw_strip(e, 1));
    if (clang_Cursor_isNull(v) || clang_getCursorKind(v) != CXCursor_VarDecl ||
        !clang_Cursor_hasVarDeclGlobalStorage(v))
        return 0;
    char *name = rw_spelling(v);
    int r = !strcmp(name, "stdin");
    free(name);
    return r;
}

/* Whether expression e is descriptor 0: a constant 0 (STDIN_FILENO) or
 * `fileno(stdin)`. */
static int is_fd0(CXCursor e)
{
    e = rw_strip(e, 1);
    if (clang_getCursorKind(e) == CXCursor_CallExpr) {
        char *name = callee_name(e);
        int r = name && !strcmp(name, "fileno") && clang_Cursor_getNumArguments(e) == 1 &&
                is_stdin(clang_Cursor_getArgument(e, 0));
        free(name);
        return r;
    }
    long long v;
    return rw_int_const(e, &v) && v == 0;
}

/* Whether call c (of function name) reads standard input. */
static int reads_stdin(CXCursor c, const char *name)
{
    unsigned i;
    for (i = 0; i < sizeof stdin_readers / sizeof stdin_readers[0]; i++)
        if (!strcmp(name, stdin_readers[i].name))
            break;
    if (i == sizeof stdin_readers / sizeof stdin_readers[0])
        return 0;
    int arg = stdin_readers[i].arg, reads = arg == STDIN_ALWAYS;
    if (!reads && arg < clang_Cursor_getNumArguments(c)) {
        CXCursor a = clang_Cursor_getArgument(c, (unsigned)arg);
        reads = stdin_readers[i].fd ? is_fd0(a) : is_stdin(a);
    }
    return reads;
}

/* Warn when call c (of function name) reads standard input. */
static void warn_stdin(const struct rw_src *src, const struct rw_loop *l, CXCursor c,
                       const char *name)
{
    if (!reads_stdin(c, name))
        return;
    rw_warning(rw_cursor_off(src, c, l->lv[0].for_off), "mploop-stdin",
               "'%s' reads standard input in the body of a parallel loop: every worker reads "
               "the same input from where the parent left off, not the part the sequential "
               "loop would read in its iterations; read the input before the loop", name);
    loop_note(l);
}

/* Functions that save a jump target, and that jump to one. */
static const char *const setjmp_names[] = {
    "setjmp", "_setjmp", "sigsetjmp", "__sigsetjmp", "__builtin_setjmp", NULL
};
static const char *const longjmp_names[] = {
    "longjmp", "_longjmp", "siglongjmp", "__builtin_longjmp", NULL
};

/* The variable a jump buffer argument e is reached from (`env`,
 * `bufs[k]`, `ctx->env`, `&env`), or a null cursor when it has none. */
static CXCursor jmp_root(CXCursor e)
{
    for (;;) {
        e = rw_strip(e, 1);
        enum CXCursorKind k = clang_getCursorKind(e);
        if (k == CXCursor_DeclRefExpr)
            return clang_getCursorReferenced(e);
        if (k != CXCursor_ArraySubscriptExpr && k != CXCursor_MemberRefExpr &&
            k != CXCursor_UnaryOperator && k != CXCursor_CStyleCastExpr)
            return clang_getNullCursor();
        CXCursor *kids;
        unsigned n = rw_children(e, &kids);
        if (n == 0) {
            free(kids);
            return clang_getNullCursor();
        }
        /* the base of a subscript or member, the operand of `&` `*` or a cast */
        CXCursor next = k == CXCursor_CStyleCastExpr ? kids[n - 1] : kids[0];
        free(kids);
        e = next;
    }
}

/* The jump buffer argument of call c (its first), or a null cursor. */
static CXCursor jmp_arg(CXCursor c)
{
    return clang_Cursor_getNumArguments(c) >= 1 ? clang_Cursor_getArgument(c, 0)
                                                : clang_getNullCursor();
}

struct setjmps {
    CXCursor target;     /* root of the longjmp's buffer, or null */
    int matched;
};

/* Visitor looking for a setjmp call that may set the buffer s->target. */
static enum CXChildVisitResult setjmp_visit(CXCursor c, CXCursor parent, CXClientData d)
{
    struct setjmps *s = d;
    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_CallExpr)
        return CXChildVisit_Recurse;
    char *name = callee_name(c);
    if (name && in_list(name, setjmp_names)) {
        CXCursor arg = jmp_arg(c);
        CXCursor root = clang_Cursor_isNull(arg) ? arg : jmp_root(arg);
        /* a buffer that cannot be followed may be the same */
        if (clang_Cursor_isNull(root) || clang_Cursor_isNull(s->target) ||
            clang_equalCursors(root, s->target))
            s->matched = 1;
    }
    free(name);
    return s->matched ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* Refuse call c (of function name) when it is a longjmp whose buffer no
 * setjmp in the body of l sets.  Returns 0 or -1. */
static int check_longjmp(const struct rw_src *src, const struct rw_loop *l, CXCursor c,
                         const char *name)
{
    if (!in_list(name, longjmp_names))
        return 0;
    CXCursor arg = jmp_arg(c);
    struct setjmps s = { clang_Cursor_isNull(arg) ? arg : jmp_root(arg), 0 };
    clang_visitChildren(l->body, setjmp_visit, &s);
    if (s.matched)
        return 0;
    rw_error(rw_cursor_off(src, c, l->lv[0].for_off),
             "'%s' to a 'setjmp' outside the parallel loop would leave the loop in a worker "
             "process, where the code after that 'setjmp' cannot run; have the failing code "
             "return an error value instead, or call mploop_fail to stop the loop with a report",
             name);
    loop_note(l);
    return -1;
}

/* Check call c in the body of loop l (see rewriter.h). */
int rw_check_call(const struct rw_src *src, const struct rw_loop *l, CXCursor c)
{
    char *name = callee_name(c);
    if (!name)
        return 0;
    warn_hidden_random(src, l, c, name);
    warn_stdin(src, l, c, name);
    warn_process_lock(src, l, c, name);
    int rc = check_longjmp(src, l, c, name);
    free(name);
    return rc;
}

/* Which library state that workers do not share call c uses (see
 * rewriter.h). */
const char *rw_call_unshared(CXCursor c, char **name)
{
    *name = callee_name(c);
    if (*name && in_list(*name, hidden_random))
        return "mploop-rand";
    if (*name && reads_stdin(c, *name))
        return "mploop-stdin";
    free(*name);
    *name = NULL;
    return NULL;
}
