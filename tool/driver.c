/*
 * driver.c - mploop-cc, a drop-in C compiler driver.
 *
 * Build systems call a C compiler; mploop needs every C source to go through
 * the rewriter first and every program to be linked with the runtime.  This
 * driver is the C compiler a build system sees (`CC=mploop-cc make`): it takes
 * cc's command line, rewrites each C source into a private temporary
 * directory with the preprocessing flags of the command, compiles the result
 * with the real compiler ($MPLOOP_CC, default `cc`) and, when linking, adds
 * the runtime library.  Everything cc would produce (objects, assembly,
 * preprocessed output, dependency files, the program) keeps the name and the
 * content cc would have given it: the rewritten file keeps the source's base
 * name, its #line directives keep diagnostics on the original file, and the
 * few places where the temporary path would leak (dependency files,
 * preprocessor line markers) are rewritten back to the original path.
 *
 * The rewriter, the header and the runtime are found relative to this
 * executable (bin/mploop, include/, lib/libmploop.a), which is the layout of
 * both the build tree and the install tree.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef MPLOOP_VERSION
#define MPLOOP_VERSION "unknown"
#endif
/* Install directories relative to the prefix (the build tree uses the same
 * names, with lib/ as fallback for the library). */
#ifndef MPLOOP_REL_INCLUDEDIR
#define MPLOOP_REL_INCLUDEDIR "include"
#endif
#ifndef MPLOOP_REL_LIBDIR
#define MPLOOP_REL_LIBDIR "lib"
#endif

/* ---- small utilities ------------------------------------------------- */

/* A growable, NULL-terminated vector of strings (borrowed or owned, never
 * freed: the driver is short-lived). */
struct strvec {
    char **v;
    size_t n, cap;
};

/* die - print "mploop-cc: error: MSG" and exit 1 (after the atexit cleanup). */
static void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* error - print "mploop-cc: error: MSG" to stderr. */
static void error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void verror(const char *fmt, va_list ap)
{
    fputs("mploop-cc: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

static void error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(fmt, ap);
    va_end(ap);
}

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(fmt, ap);
    va_end(ap);
    exit(1);
}

/* xmalloc, xstrdup - allocate or die. */
static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static char *xstrdup(const char *s)
{
    char *p = strdup(s);
    if (!p)
        die("out of memory");
    return p;
}

/* xasprintf - formatted allocation or die. */
static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;
    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        die("out of memory");
    va_end(ap);
    return s;
}

/* sv_push - append s (not copied) to v, keeping v NULL-terminated. */
static void sv_push(struct strvec *v, const char *s)
{
    if (v->n + 2 > v->cap) {
        v->cap = v->cap ? 2 * v->cap : 16;
        v->v = realloc(v->v, v->cap * sizeof *v->v);
        if (!v->v)
            die("out of memory");
    }
    v->v[v->n++] = (char *)s;
    v->v[v->n] = NULL;
}

/* starts_with - s begins with prefix. */
static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* read_file - whole content of path in a malloc'd buffer (NUL-terminated,
 * length in *len); NULL with errno set on failure. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (!f)
        return NULL;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = cap ? 2 * cap : 65536;
            buf = realloc(buf, cap);
            if (!buf)
                die("out of memory");
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        errno = EIO;
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* write_file - replace path's content with buf[0..len); 0 or -errno. */
static int write_file(const char *path, const char *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -errno;
    size_t put = fwrite(buf, 1, len, f);
    int bad = ferror(f) | (put != len);
    if (fclose(f) != 0 || bad)
        return -EIO;
    return 0;
}

/* same_content - files a and b exist and hold the same bytes. */
static int same_content(const char *a, const char *b)
{
    size_t la, lb;
    char *x = read_file(a, &la);
    char *y = x ? read_file(b, &lb) : NULL;
    int same = x && y && la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

/* replace_all - copy of buf[0..len) with every `from` replaced by `to`;
 * the new length goes to *out_len. */
static char *replace_all(const char *buf, size_t len, const char *from, const char *to,
                         size_t *out_len)
{
    size_t fl = strlen(from), tl = strlen(to), count = 0;
    for (const char *p = buf; (p = memmem(p, len - (size_t)(p - buf), from, fl)); p += fl)
        count++;
    size_t n = len - count * fl + count * tl;
    char *out = xmalloc(n + 1), *o = out;
    const char *p = buf, *end = buf + len;
    for (const char *hit; (hit = memmem(p, (size_t)(end - p), from, fl)); p = hit + fl) {
        memcpy(o, p, (size_t)(hit - p));
        o += hit - p;
        memcpy(o, to, tl);
        o += tl;
    }
    memcpy(o, p, (size_t)(end - p));
    o += end - p;
    *o = '\0';
    *out_len = n;
    return out;
}

/* make_escape - path as make's dependency syntax spells it (the way gcc
 * writes it in -M output: space and # escaped by a backslash, $ doubled). */
static char *make_escape(const char *path)
{
    char *out = xmalloc(2 * strlen(path) + 1), *o = out;
    for (const char *p = path; *p; p++) {
        if (*p == ' ' || *p == '#' || *p == '\t')
            *o++ = '\\';
        else if (*p == '$')
            *o++ = '$';
        *o++ = *p;
    }
    *o = '\0';
    return out;
}

/* c_escape - path as a C string literal's content (line markers). */
static char *c_escape(const char *path)
{
    char *out = xmalloc(2 * strlen(path) + 1), *o = out;
    for (const char *p = path; *p; p++) {
        if (*p == '\\' || *p == '"')
            *o++ = '\\';
        *o++ = *p;
    }
    *o = '\0';
    return out;
}

/* base_name, dir_name - the parts of a path, as fresh strings. */
static char *base_name(const char *path)
{
    char *copy = xstrdup(path);
    return xstrdup(basename(copy));
}

static char *dir_name(const char *path)
{
    char *copy = xstrdup(path);
    return xstrdup(dirname(copy));
}

/* strip_ext - copy of path without the suffix of its last component
 * ("dir/a.c" -> "dir/a", "prog" -> "prog"). */
static char *strip_ext(const char *path)
{
    char *s = xstrdup(path);
    char *slash = strrchr(s, '/');
    char *dot = strrchr(s, '.');
    if (dot && (!slash || dot > slash + 1))
        *dot = '\0';
    return s;
}

/* ---- temporary files and their cleanup ------------------------------ */

/* Every temporary path the driver may create, in creation order, so that a
 * signal handler can remove them without allocating. */
static char *g_tmp_paths[4096];
static volatile sig_atomic_t g_tmp_count;
static char *g_tmpdir;
static volatile pid_t g_child;

/* remove_tmp_paths - unlink/rmdir every recorded path, newest first.
 * Async-signal-safe. */
static void remove_tmp_paths(void)
{
    for (int i = g_tmp_count - 1; i >= 0; i--)
        if (unlink(g_tmp_paths[i]) != 0)
            rmdir(g_tmp_paths[i]);
}

/* nftw callback removing one entry of the temporary directory. */
static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP)
        rmdir(path);
    else
        unlink(path);
    return 0;
}

/* cleanup - remove the temporary directory and everything in it (atexit). */
static void cleanup(void)
{
    if (g_tmpdir)
        nftw(g_tmpdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* on_signal - stop the running compiler, remove the temporary files, then
 * die of the same signal. */
static void on_signal(int sig)
{
    if (g_child > 0)
        kill(g_child, sig);
    remove_tmp_paths();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* tmp_path - record and return "<tmpdir>/<name>" (the file is not created). */
static char *tmp_path(const char *name)
{
    if ((size_t)g_tmp_count >= sizeof g_tmp_paths / sizeof g_tmp_paths[0])
        die("too many input files");
    char *p = xasprintf("%s/%s", g_tmpdir, name);
    g_tmp_paths[g_tmp_count] = p;
    g_tmp_count = g_tmp_count + 1;
    return p;
}

/* safe_dir - the directory may be used in paths written unescaped into
 * dependency files and line markers. */
static int safe_dir(const char *d)
{
    if (!d || d[0] != '/')
        return 0;
    for (const char *p = d; *p; p++)
        if (!(('a' <= *p && *p <= 'z') || ('A' <= *p && *p <= 'Z') ||
              ('0' <= *p && *p <= '9') || strchr("/._+-", *p)))
            return 0;
    return 1;
}

/* make_tmpdir - create the private temporary directory under $TMPDIR (or
 * /tmp when $TMPDIR is unset or holds characters that need escaping). */
static void make_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    if (!safe_dir(base))
        base = "/tmp";
    size_t blen = strlen(base);
    while (blen > 1 && base[blen - 1] == '/')
        blen--;
    char *templ = xasprintf("%.*s/mploop-cc.XXXXXX", (int)blen, base);
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    if (!mkdtemp(templ)) {
        sigprocmask(SIG_SETMASK, &old, NULL);
        die("cannot create a temporary directory in %s: %s", base, strerror(errno));
    }
    g_tmpdir = templ;
    g_tmp_paths[0] = templ;
    g_tmp_count = 1;
    sigprocmask(SIG_SETMASK, &old, NULL);
}

/* ---- running programs ------------------------------------------------ */

static int g_verbose;

/* print_command - echo a command line to stderr (for -v), quoting arguments
 * that need it. */
static void print_command(char *const argv[])
{
    for (size_t i = 0; argv[i]; i++) {
        const char *a = argv[i];
        int plain = a[0] != '\0';
        for (const char *p = a; *p; p++)
            if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                        "/._+-=,:@%", *p))
                plain = 0;
        fputc(' ', stderr);
        if (plain) {
            fputs(a, stderr);
        } else {
            fputc('\'', stderr);
            for (const char *p = a; *p; p++)
                if (*p == '\'')
                    fputs("'\\''", stderr);
                else
                    fputc(*p, stderr);
            fputc('\'', stderr);
        }
    }
    fputc('\n', stderr);
}

/* run - run argv (argv[0] looked up in PATH), stdout redirected to
 * stdout_path when it is not NULL; returns the program's exit status,
 * 128 + signal for a program killed by a signal, 1 when it could not be
 * started (reported here). */
static int run(char *const argv[], const char *stdout_path)
{
    if (g_verbose)
        print_command(argv);
    fflush(stdout);
    fflush(stderr);
    /* The child reports a failed exec through this pipe (closed on a
     * successful exec), so that no exit status of the program is taken for
     * a failure to start it. */
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) {
        error("cannot create a pipe: %s", strerror(errno));
        return 1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        error("cannot fork: %s", strerror(errno));
        close(report[0]);
        close(report[1]);
        return 1;
    }
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        close(report[0]);
        int err = 0;
        if (stdout_path) {
            int fd = open(stdout_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
            if (fd < 0 || dup2(fd, 1) < 0)
                err = errno;
        }
        if (!err) {
            execvp(argv[0], argv);
            err = errno;
        }
        if (write(report[1], &err, sizeof err) < 0)
            _exit(127);
        _exit(127);
    }
    close(report[1]);
    g_child = pid;
    int err = 0;
    ssize_t got;
    while ((got = read(report[0], &err, sizeof err)) < 0 && errno == EINTR)
        ;
    close(report[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            g_child = 0;
            error("cannot wait for '%s': %s", argv[0], strerror(errno));
            return 1;
        }
    }
    g_child = 0;
    if (got == (ssize_t)sizeof err) {
        if (stdout_path)
            error("cannot run '%s' with its output in %s: %s", argv[0], stdout_path,
                  strerror(err));
        else
            error("cannot run '%s': %s", argv[0], strerror(err));
        return 1;
    }
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) {
        error("'%s' terminated by signal %d (%s)", argv[0], WTERMSIG(status),
              strsignal(WTERMSIG(status)));
        return 128 + WTERMSIG(status);
    }
    return 1;
}

/* ---- response files --------------------------------------------------- */

/* expand_response_file - append the arguments of @file `path` to out, split
 * as gcc does (whitespace separates, quotes group, backslash escapes).
 * Returns 0, or -1 when the file cannot be read (the argument is then kept
 * literally, as gcc does). */
static int expand_response_file(const char *path, struct strvec *out, int depth);

/* expand_args - argv with every readable @file expanded (up to a depth). */
static void expand_args(char **argv, int argc, struct strvec *out, int depth)
{
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '@' && depth < 16 &&
            expand_response_file(argv[i] + 1, out, depth) == 0)
            continue;
        sv_push(out, argv[i]);
    }
}

static int expand_response_file(const char *path, struct strvec *out, int depth)
{
    size_t len;
    char *buf = read_file(path, &len);
    if (!buf)
        return -1;
    struct strvec words = {0};
    char *word = xmalloc(len + 1);
    size_t n = 0;
    int in_word = 0;
    char quote = 0;
    for (size_t i = 0; i < len; i++) {
        char c = buf[i];
        if (c == '\\' && i + 1 < len) {
            word[n++] = buf[++i];
            in_word = 1;
        } else if (quote) {
            if (c == quote)
                quote = 0;
            else
                word[n++] = c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            in_word = 1;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
            if (in_word) {
                word[n] = '\0';
                sv_push(&words, xstrdup(word));
                n = 0;
                in_word = 0;
            }
        } else {
            word[n++] = c;
            in_word = 1;
        }
    }
    if (in_word) {
        word[n] = '\0';
        sv_push(&words, xstrdup(word));
    }
    free(word);
    free(buf);
    expand_args(words.v, (int)words.n, out, depth + 1);
    return 0;
}

/* ---- the command line ------------------------------------------------- */

enum mode {
    MODE_LINK,       /* no -c/-S/-E: compile and link */
    MODE_COMPILE,    /* -c */
    MODE_ASSEMBLE,   /* -S */
    MODE_PREPROCESS, /* -E, -M, -MM */
    MODE_SYNTAX      /* -fsyntax-only */
};

enum arg_kind {
    ARG_FLAG,   /* an option kept as it is */
    ARG_INPUT,  /* an input file */
    ARG_LIB,    /* -l: a linker input */
    ARG_OUTPUT, /* -o FILE */
    ARG_DEPFILE /* -MF FILE */
};

/* One command-line element: one or two argv entries. */
struct arg {
    enum arg_kind kind;
    int n;           /* 1, or 2 for an option with a separate value */
    char *a[2];
    const char *value; /* value of -o/-MF/-x (joined or separate) */
    int input;       /* index into the inputs, for ARG_INPUT */
};

/* One input file and what the driver did with it. */
struct input {
    const char *path;  /* as given */
    int is_c;          /* rewritten as C */
    int lang_set;      /* a -x other than `none` applies to it */
    char *rewritten;   /* temporary rewritten source, NULL if unchanged */
    char *object;      /* temporary object (link mode) */
};

/* Options whose value may be the next argument. */
static const char *const separate_value_options[] = {
    "-o", "-I", "-D", "-U", "-L", "-l", "-x", "-MF", "-MT", "-MQ", "-MJ", "-include",
    "-imacros", "-isystem", "-iquote", "-idirafter", "-iprefix", "-iwithprefix",
    "-iwithprefixbefore", "-isysroot", "-imultilib", "-Xlinker", "-Xassembler",
    "-Xpreprocessor", "-Xclang", "-aux-info", "-T", "-u", "-z", "-e", "-B", "--param",
    "-dumpbase", "-dumpbase-ext", "-dumpdir", "-target", "-arch", "-A", "--sysroot",
    "-specs", "-wrapper", "--include", "--include-directory", "--define-macro",
    "--undefine-macro", "-isystem-after", "--output", NULL};

/* Options the rewriter needs because they change what the preprocessor and
 * the parser see, with a separate or joined value. */
static const char *const rewriter_value_options[] = {
    "-I", "-D", "-U", "-include", "-imacros", "-isystem", "-iquote", "-idirafter",
    "-isysroot", "--sysroot", "-iprefix", "-iwithprefix", "-iwithprefixbefore", NULL};

/* ... and without a value (exact names, or prefixes ending in '='). */
static const char *const rewriter_plain_options[] = {
    "-ansi", "-nostdinc", "-m32", "-m64", "-mx32", "-pthread", "-funsigned-char",
    "-fsigned-char", "-undef", "-std=", "-march=", "-O", "--sysroot=", NULL};

/* takes_separate_value - arg is exactly an option whose value follows. */
static int takes_separate_value(const char *arg)
{
    for (size_t i = 0; separate_value_options[i]; i++)
        if (strcmp(arg, separate_value_options[i]) == 0)
            return 1;
    return 0;
}

/* for_rewriter - the option (one or two entries) matters to the rewriter. */
static int for_rewriter(const struct arg *a)
{
    const char *s = a->a[0];
    for (size_t i = 0; rewriter_value_options[i]; i++)
        if (starts_with(s, rewriter_value_options[i]))
            return 1;
    for (size_t i = 0; rewriter_plain_options[i]; i++) {
        const char *o = rewriter_plain_options[i];
        size_t l = strlen(o);
        if (o[l - 1] == '=' || strcmp(o, "-O") == 0 ? starts_with(s, o) : strcmp(s, o) == 0)
            return 1;
    }
    return 0;
}

/* The whole invocation. */
struct driver {
    struct strvec argv;       /* after @file expansion, without argv[0] */
    struct arg *args;
    size_t nargs;
    struct input *inputs;
    size_t ninputs;
    size_t nlibs;
    enum mode mode;
    int dep_side;             /* -MD or -MMD */
    int dep_only;             /* -M or -MM */
    int has_target;           /* -MT or -MQ */
    const char *output;       /* -o value */
    const char *depfile;      /* -MF value */
    const char *wp_depfile;   /* file of -Wp,-MD,FILE or -Wp,-MMD,FILE */
    int version, help;
    const char *cc;           /* $MPLOOP_CC or cc */
    char *rewriter, *includedir, *runtime;
};

/* parse - classify d->argv into d->args and d->inputs, find the mode. */
static void parse(struct driver *d)
{
    d->args = xmalloc((d->argv.n + 1) * sizeof *d->args);
    d->inputs = xmalloc((d->argv.n + 1) * sizeof *d->inputs);
    const char *lang = NULL; /* current -x, NULL for none */
    int preprocess = 0, compile = 0, assemble = 0, syntax = 0;
    for (size_t i = 0; i < d->argv.n; i++) {
        struct arg *a = &d->args[d->nargs++];
        char *s = d->argv.v[i];
        memset(a, 0, sizeof *a);
        a->kind = ARG_FLAG;
        a->n = 1;
        a->a[0] = s;
        if (s[0] != '-' || s[1] == '\0') {
            struct input *in = &d->inputs[d->ninputs];
            memset(in, 0, sizeof *in);
            in->path = s;
            in->lang_set = lang != NULL;
            if (lang)
                in->is_c = strcmp(lang, "c") == 0;
            else {
                const char *dot = strrchr(s, '.');
                in->is_c = dot && strcmp(dot, ".c") == 0;
            }
            if (in->is_c && strcmp(s, "-") == 0)
                die("mploop-cc cannot read a C source from standard input; "
                    "save it to a file first");
            a->kind = ARG_INPUT;
            a->input = (int)d->ninputs++;
            continue;
        }
        if (takes_separate_value(s) && i + 1 < d->argv.n) {
            a->n = 2;
            a->a[1] = d->argv.v[++i];
            a->value = a->a[1];
        }
        if (strcmp(s, "-o") == 0 || (starts_with(s, "-o") && a->n == 1)) {
            a->kind = ARG_OUTPUT;
            d->output = a->n == 2 ? a->value : s + 2;
        } else if (strcmp(s, "--output") == 0 || starts_with(s, "--output=")) {
            a->kind = ARG_OUTPUT;
            d->output = a->n == 2 ? a->value : s + 9;
        } else if (starts_with(s, "-l")) {
            a->kind = ARG_LIB;
            d->nlibs++;
        } else if (starts_with(s, "-MF")) {
            a->kind = ARG_DEPFILE;
            d->depfile = a->n == 2 ? a->value : s + 3;
        } else if (starts_with(s, "-MT") || starts_with(s, "-MQ")) {
            d->has_target = 1;
        } else if (starts_with(s, "-x")) {
            lang = a->n == 2 ? a->value : s + 2;
            if (strcmp(lang, "none") == 0)
                lang = NULL;
        } else if (strcmp(s, "-c") == 0) {
            compile = 1;
        } else if (strcmp(s, "-S") == 0) {
            assemble = 1;
        } else if (strcmp(s, "-E") == 0) {
            preprocess = 1;
        } else if (strcmp(s, "-M") == 0 || strcmp(s, "-MM") == 0) {
            preprocess = 1;
            d->dep_only = 1;
        } else if (strcmp(s, "-MD") == 0 || strcmp(s, "-MMD") == 0) {
            d->dep_side = 1;
        } else if (starts_with(s, "-Wp,-MD,") || starts_with(s, "-Wp,-MMD,")) {
            d->wp_depfile = strchr(s + 4, ',') + 1;
        } else if (strcmp(s, "-fsyntax-only") == 0) {
            syntax = 1;
        } else if (strcmp(s, "-v") == 0) {
            g_verbose = 1;
        } else if (strcmp(s, "--version") == 0) {
            d->version = 1;
        } else if (strcmp(s, "--help") == 0) {
            d->help = 1;
        }
    }
    /* The same precedence as cc: -E over -fsyntax-only over -S over -c. */
    d->mode = preprocess ? MODE_PREPROCESS
            : syntax     ? MODE_SYNTAX
            : assemble   ? MODE_ASSEMBLE
            : compile    ? MODE_COMPILE
                         : MODE_LINK;
}

/* locate - find the rewriter, the header directory and the runtime relative
 * to this executable. */
static void locate(struct driver *d)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        die("cannot find my own executable through /proc/self/exe: %s", strerror(errno));
    self[n] = '\0';
    char *bindir = dir_name(self);
    char *prefix = dir_name(bindir);
    d->rewriter = xasprintf("%s/mploop", bindir);
    d->includedir = xasprintf("%s/%s", prefix, MPLOOP_REL_INCLUDEDIR);
    d->runtime = xasprintf("%s/%s/libmploop.a", prefix, MPLOOP_REL_LIBDIR);
    if (access(d->runtime, R_OK) != 0)
        d->runtime = xasprintf("%s/lib/libmploop.a", prefix);
    const char *cc = getenv("MPLOOP_CC");
    d->cc = cc && *cc ? cc : "cc";
}

/* resolve_program - the real path of the program execvp would run for
 * name, or NULL when there is none. */
static char *resolve_program(const char *name)
{
    if (strchr(name, '/'))
        return realpath(name, NULL);
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    for (const char *p = path;; p++) {
        const char *end = strchrnul(p, ':');
        char *cand = xasprintf("%.*s/%s", (int)(end - p), end == p ? "." : p, name);
        char *real = access(cand, X_OK) == 0 ? realpath(cand, NULL) : NULL;
        free(cand);
        if (real || *end == '\0')
            return real;
        p = end;
    }
}

/* check_not_self - refuse a $MPLOOP_CC that is mploop-cc itself (it would
 * call itself without end). */
static void check_not_self(const struct driver *d)
{
    char *self = realpath("/proc/self/exe", NULL);
    char *cc = resolve_program(d->cc);
    if (self && cc && strcmp(self, cc) == 0)
        die("MPLOOP_CC=%s is mploop-cc itself; set MPLOOP_CC to the C compiler "
            "mploop-cc should run (or unset it to use cc)", d->cc);
    free(self);
    free(cc);
}

/* ---- the steps --------------------------------------------------------- */

/* rewrite - run the rewriter on input k; on success in->rewritten is the
 * temporary rewritten file, or NULL when the rewriter changed nothing (the
 * original is then compiled directly).  Returns the rewriter's status. */
static int rewrite(struct driver *d, size_t k)
{
    struct input *in = &d->inputs[k];
    char *dir = tmp_path(xasprintf("%zu", k));
    if (mkdir(dir, 0700) != 0)
        die("cannot create %s: %s", dir, strerror(errno));
    char *out = tmp_path(xasprintf("%zu/%s", k, base_name(in->path)));

    if (access(d->rewriter, X_OK) != 0)
        die("the mploop rewriter is missing at %s; reinstall mploop", d->rewriter);
    struct strvec cmd = {0};
    sv_push(&cmd, d->rewriter);
    sv_push(&cmd, in->path);
    sv_push(&cmd, "-o");
    sv_push(&cmd, out);
    sv_push(&cmd, "--");
    for (size_t i = 0; i < d->nargs; i++) {
        struct arg *a = &d->args[i];
        if (a->kind == ARG_FLAG && for_rewriter(a))
            for (int j = 0; j < a->n; j++)
                sv_push(&cmd, a->a[j]);
    }
    if (in->lang_set) {
        sv_push(&cmd, "-x");
        sv_push(&cmd, "c");
    }
    int status = run(cmd.v, NULL);
    free(cmd.v);
    if (status != 0)
        return status;
    if (same_content(in->path, out)) {
        unlink(out);
        return 0;
    }
    in->rewritten = out;
    return 0;
}

/* Which kind of escaping a file written by cc uses for paths. */
enum escape { ESC_MAKE, ESC_C };

/* read_fixed - the file at path (written by cc from a rewritten source)
 * with the temporary source's path replaced by the original one, escaped as
 * esc says; its length in *nlen.  NULL when the file does not exist (cc
 * decides whether to write it). */
static char *read_fixed(const char *path, const struct input *in, enum escape esc, size_t *nlen)
{
    size_t len;
    char *buf = read_file(path, &len);
    if (!buf)
        return NULL;
    char *orig = esc == ESC_MAKE ? make_escape(in->path) : c_escape(in->path);
    char *fixed = replace_all(buf, len, in->rewritten, orig, nlen);
    free(buf);
    free(orig);
    return fixed;
}

/* fix_paths - in the file at path, replace the temporary source's path
 * with the original one.  A missing file is not an error. */
static int fix_paths(const char *path, const struct input *in, enum escape esc)
{
    size_t nlen;
    char *fixed = read_fixed(path, in, esc, &nlen);
    if (!fixed)
        return 0;
    int r = write_file(path, fixed, nlen);
    if (r < 0)
        error("cannot rewrite %s: %s", path, strerror(-r));
    free(fixed);
    return r < 0 ? 1 : 0;
}

/* copy_fixed_to_stdout - send the captured output of cc to our stdout with
 * the temporary path replaced by the original one. */
static int copy_fixed_to_stdout(const char *path, const struct input *in, enum escape esc)
{
    size_t nlen;
    char *fixed = read_fixed(path, in, esc, &nlen);
    if (!fixed)
        return 0;
    int bad = fwrite(fixed, 1, nlen, stdout) != nlen || fflush(stdout) != 0;
    free(fixed);
    if (bad)
        error("cannot write the output: %s", strerror(errno));
    return bad;
}

/* side_depfile - where cc writes the -MD/-MMD file of input `in` when the
 * command has no -MF (gcc's rules). */
static char *side_depfile(const struct driver *d, const struct input *in)
{
    char *stem = strip_ext(base_name(in->path));
    if (d->mode == MODE_LINK) {
        if (d->output)
            return xasprintf("%s.d", strip_ext(d->output));
        size_t nsrc = 0;
        for (size_t k = 0; k < d->ninputs; k++)
            nsrc += d->inputs[k].is_c;
        return nsrc > 1 ? xasprintf("a-%s.d", stem) : xasprintf("%s.d", stem);
    }
    if ((d->mode == MODE_COMPILE || d->mode == MODE_ASSEMBLE) && d->output)
        return xasprintf("%s.d", strip_ext(d->output));
    return xasprintf("%s.d", stem);
}

/* push_cc_prefix - the compiler, then for a rewritten source the original
 * directory for "..." includes (the temporary directory is searched first
 * and holds nothing else) and mploop's header directory. */
static void push_cc_prefix(const struct driver *d, struct strvec *cmd, const struct input *in)
{
    sv_push(cmd, d->cc);
    if (in && in->rewritten) {
        sv_push(cmd, "-iquote");
        sv_push(cmd, dir_name(in->path));
        sv_push(cmd, xasprintf("-I%s", d->includedir));
    }
}

/* compile_one - compile modes (-c, -S, -E, -M, -fsyntax-only): run cc on
 * input k alone with the user's other options, exactly as cc would handle
 * that input, then put the original path back where cc wrote the temporary
 * one.  Returns cc's status. */
static int compile_one(struct driver *d, size_t k)
{
    struct input *in = &d->inputs[k];
    struct strvec cmd = {0};
    push_cc_prefix(d, &cmd, in);
    for (size_t i = 0; i < d->nargs; i++) {
        struct arg *a = &d->args[i];
        if (a->kind == ARG_INPUT) {
            if ((size_t)a->input == k)
                sv_push(&cmd, in->rewritten ? in->rewritten : in->path);
            continue;
        }
        for (int j = 0; j < a->n; j++)
            sv_push(&cmd, a->a[j]);
    }
    if (!in->rewritten)
        return run(cmd.v, NULL);

    char *depfile = NULL;
    if (d->dep_side || (d->dep_only && d->depfile)) {
        depfile = d->depfile ? (char *)d->depfile : side_depfile(d, in);
        if (!d->depfile) {
            sv_push(&cmd, "-MF");
            sv_push(&cmd, depfile);
        }
    }
    char *captured = NULL;
    if (d->mode == MODE_PREPROCESS && !d->output)
        captured = tmp_path(xasprintf("%zu/stdout", k));
    int status = run(cmd.v, captured);
    free(cmd.v);
    enum escape esc = d->dep_only ? ESC_MAKE : ESC_C;
    if (depfile)
        status |= fix_paths(depfile, in, ESC_MAKE);
    if (d->wp_depfile)
        status |= fix_paths(d->wp_depfile, in, ESC_MAKE);
    if (d->mode == MODE_PREPROCESS && d->output)
        status |= fix_paths(d->output, in, esc);
    if (captured) {
        status |= copy_fixed_to_stdout(captured, in, esc);
        unlink(captured);
    }
    return status;
}

/* compile_to_object - link mode: compile rewritten input k to a temporary
 * object with the user's compile options.  Returns cc's status. */
static int compile_to_object(struct driver *d, size_t k)
{
    struct input *in = &d->inputs[k];
    in->object = tmp_path(xasprintf("%zu/%s.o", k, strip_ext(base_name(in->path))));
    struct strvec cmd = {0};
    push_cc_prefix(d, &cmd, in);
    for (size_t i = 0; i < d->nargs; i++) {
        struct arg *a = &d->args[i];
        if (a->kind == ARG_INPUT) {
            if ((size_t)a->input == k)
                sv_push(&cmd, in->rewritten);
            continue;
        }
        if (a->kind == ARG_OUTPUT || a->kind == ARG_LIB || a->kind == ARG_DEPFILE)
            continue;
        for (int j = 0; j < a->n; j++)
            sv_push(&cmd, a->a[j]);
    }
    sv_push(&cmd, "-c");
    sv_push(&cmd, "-o");
    sv_push(&cmd, in->object);
    char *depfile = NULL;
    if (d->dep_side) {
        depfile = d->depfile ? (char *)d->depfile : side_depfile(d, in);
        sv_push(&cmd, "-MF");
        sv_push(&cmd, depfile);
        if (!d->has_target) {
            sv_push(&cmd, "-MT");
            sv_push(&cmd, d->output ? d->output
                                    : xasprintf("%s.o", strip_ext(base_name(in->path))));
        }
    }
    int status = run(cmd.v, NULL);
    free(cmd.v);
    if (status == 0 && depfile)
        status = fix_paths(depfile, in, ESC_MAKE);
    if (status == 0 && d->wp_depfile)
        status = fix_paths(d->wp_depfile, in, ESC_MAKE);
    return status;
}

/* link_program - link mode: cc with the user's command, each rewritten source
 * replaced by its object, plus the runtime and immediate binding (workers
 * must not write the GOT through lazy binding). */
static int link_program(struct driver *d)
{
    struct strvec cmd = {0};
    push_cc_prefix(d, &cmd, NULL);
    for (size_t i = 0; i < d->nargs; i++) {
        struct arg *a = &d->args[i];
        if (a->kind == ARG_INPUT) {
            struct input *in = &d->inputs[a->input];
            if (in->object && in->lang_set) {
                /* An object after `-x c` must not be read as C. */
                sv_push(&cmd, "-x");
                sv_push(&cmd, "none");
                sv_push(&cmd, in->object);
                sv_push(&cmd, "-x");
                sv_push(&cmd, "c");
            } else {
                sv_push(&cmd, in->object ? in->object : in->path);
            }
            continue;
        }
        for (int j = 0; j < a->n; j++)
            sv_push(&cmd, a->a[j]);
    }
    sv_push(&cmd, "-Wl,-z,now");
    if (access(d->runtime, R_OK) != 0)
        die("the mploop runtime library is missing at %s; reinstall mploop", d->runtime);
    sv_push(&cmd, d->runtime);
    int status = run(cmd.v, NULL);
    free(cmd.v);
    return status;
}

/* usage - mploop-cc's own part of --help. */
static void usage(void)
{
    printf("Usage: mploop-cc [cc options] file...\n"
           "\n"
           "A drop-in C compiler driver for programs using `#pragma mploop for`.\n"
           "Each C source is rewritten by the mploop rewriter with the command's\n"
           "preprocessing options, compiled by $MPLOOP_CC (default: cc), and\n"
           "programs are linked with the mploop runtime.  Every cc option is\n"
           "accepted; outputs are named as cc names them.\n"
           "\n"
           "Environment:\n"
           "  MPLOOP_CC   the C compiler to run (default: cc)\n"
           "\n"
           "The options of %s follow.\n\n",
           getenv("MPLOOP_CC") && *getenv("MPLOOP_CC") ? getenv("MPLOOP_CC") : "cc");
}

int main(int argc, char **argv)
{
    struct driver d;
    memset(&d, 0, sizeof d);
    expand_args(argv + 1, argc - 1, &d.argv, 0);
    parse(&d);
    locate(&d);
    check_not_self(&d);

    if (d.version)
        printf("mploop-cc (mploop) %s\n", MPLOOP_VERSION);
    else if (g_verbose)
        fprintf(stderr, "mploop-cc (mploop) %s\n", MPLOOP_VERSION);
    if (d.help)
        usage();

    /* Nothing to compile or link (queries such as --version, -dumpversion,
     * -print-file-name=...): the compiler answers. */
    if (d.ninputs == 0 && d.nlibs == 0) {
        struct strvec cmd = {0};
        sv_push(&cmd, d.cc);
        for (size_t i = 0; i < d.argv.n; i++)
            sv_push(&cmd, d.argv.v[i]);
        return run(cmd.v, NULL);
    }
    if (d.output && d.ninputs > 1 &&
        (d.mode == MODE_COMPILE || d.mode == MODE_ASSEMBLE || d.mode == MODE_PREPROCESS))
        die("cannot specify '-o' with '-c', '-S' or '-E' with multiple files");

    atexit(cleanup);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);
    sigaction(SIGPIPE, &sa, NULL);
    make_tmpdir();

    int status = 0;
    for (size_t k = 0; k < d.ninputs; k++) {
        struct input *in = &d.inputs[k];
        int s = 0;
        if (in->is_c)
            s = rewrite(&d, k);
        if (s == 0 && d.mode != MODE_LINK)
            s = compile_one(&d, k);
        else if (s == 0 && in->rewritten)
            s = compile_to_object(&d, k);
        if (s != 0 && status == 0)
            status = s;
    }
    if (status == 0 && d.mode == MODE_LINK)
        status = link_program(&d);
    return status;
}
