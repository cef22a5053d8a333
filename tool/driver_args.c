/*
 * driver_args.c - the argument model of mploop-cc.
 *
 * The driver accepts every cc option and must hand each one to the right
 * program: it expands @files as gcc does, tells the input files from the
 * options (and, through -x and the .c suffix, which inputs are C sources to
 * rewrite), picks the preprocessing and language options the rewriter needs
 * to parse a source as cc will, finds the mode (-c, -S, -E, -M, link) and
 * the outputs, and names the files cc names implicitly (the -MD dependency
 * file), so that the steps can reproduce cc's behaviour exactly.  The
 * options of the rewriter itself (-Rmploop, its -Wmploop... warnings,
 * --diagnostics-format=, --profile) go to the rewriter alone; those that say how
 * diagnostics look (colour, parseable fix-its) go to the rewriter and cc.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "driver.h"

/* Whether s begins with prefix. */
static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Which program option s is for: RW_ARG_REWRITER for the rewriter's own
 * (cc would read -R as a linker option and reject -Wmploop... under
 * -Werror=unknown-warning-option), RW_ARG_BOTH for the look of
 * diagnostics, which both print, else RW_ARG_FLAG. */
static enum rw_arg_kind option_owner(const char *s)
{
    if (strcmp(s, "-Rmploop") == 0 || strcmp(s, "--profile") == 0 || starts_with(s, "-Wmploop") ||
        starts_with(s, "-Wno-mploop") || starts_with(s, "--diagnostics-format="))
        return RW_ARG_REWRITER;
    if (strcmp(s, "-fcolor-diagnostics") == 0 || strcmp(s, "-fno-color-diagnostics") == 0 ||
        strcmp(s, "-fdiagnostics-color") == 0 || starts_with(s, "-fdiagnostics-color=") ||
        strcmp(s, "-fno-diagnostics-color") == 0 ||
        strcmp(s, "-fdiagnostics-parseable-fixits") == 0)
        return RW_ARG_BOTH;
    return RW_ARG_FLAG;
}

/* Append the arguments of @file `path` to out, split
 * as gcc does (whitespace separates, quotes group, backslash escapes).
 * Returns 0, or -1 when the file cannot be read (the argument is then kept
 * literally, as gcc does). */
static int expand_response_file(const char *path, struct rw_strvec *out, int depth);

/* Append argv with every readable @file expanded (up to a depth). */
void rw_expand_args(char **argv, int argc, struct rw_strvec *out, int depth)
{
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '@' && depth < 16 &&
            expand_response_file(argv[i] + 1, out, depth) == 0)
            continue;
        rw_sv_push(out, argv[i]);
    }
}

static int expand_response_file(const char *path, struct rw_strvec *out, int depth)
{
    size_t len;
    char *buf = rw_read_file(path, &len);
    if (!buf)
        return -1;
    struct rw_strvec words = {0};
    char *word = rw_xmalloc(len + 1);
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
                rw_sv_push(&words, rw_xstrdup(word));
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
        rw_sv_push(&words, rw_xstrdup(word));
    }
    free(word);
    free(buf);
    rw_expand_args(words.v, (int)words.n, out, depth + 1);
    return 0;
}

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
    "-fsigned-char", "-undef", "-std=", "-march=", "-O", "--sysroot=", "-fstrict-aliasing",
    "-fno-strict-aliasing", NULL};

/* Whether arg is exactly an option whose value follows. */
static int takes_separate_value(const char *arg)
{
    for (size_t i = 0; separate_value_options[i]; i++)
        if (strcmp(arg, separate_value_options[i]) == 0)
            return 1;
    return 0;
}

/* Whether the option (one or two entries) matters to the rewriter. */
int rw_for_rewriter(const struct rw_arg *a)
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

/* Classify d->argv into d->args and d->inputs, find the mode. */
void rw_parse_args(struct rw_driver *d)
{
    d->args = rw_xmalloc((d->argv.n + 1) * sizeof *d->args);
    d->inputs = rw_xmalloc((d->argv.n + 1) * sizeof *d->inputs);
    const char *lang = NULL; /* current -x, NULL for none */
    int preprocess = 0, compile = 0, assemble = 0, syntax = 0;
    for (size_t i = 0; i < d->argv.n; i++) {
        struct rw_arg *a = &d->args[d->nargs++];
        char *s = d->argv.v[i];
        memset(a, 0, sizeof *a);
        a->kind = RW_ARG_FLAG;
        a->n = 1;
        a->a[0] = s;
        if (s[0] != '-' || s[1] == '\0') {
            struct rw_input *in = &d->inputs[d->ninputs];
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
                rw_die("mploop-cc cannot read a C source from standard input; "
                    "save it to a file first");
            a->kind = RW_ARG_INPUT;
            a->input = (int)d->ninputs++;
            continue;
        }
        if (takes_separate_value(s) && i + 1 < d->argv.n) {
            a->n = 2;
            a->a[1] = d->argv.v[++i];
            a->value = a->a[1];
        }
        if (option_owner(s) != RW_ARG_FLAG) {
            a->kind = option_owner(s);
        } else if (strcmp(s, "-o") == 0 || (starts_with(s, "-o") && a->n == 1)) {
            a->kind = RW_ARG_OUTPUT;
            d->output = a->n == 2 ? a->value : s + 2;
        } else if (strcmp(s, "--output") == 0 || starts_with(s, "--output=")) {
            a->kind = RW_ARG_OUTPUT;
            d->output = a->n == 2 ? a->value : s + 9;
        } else if (starts_with(s, "-l")) {
            a->kind = RW_ARG_LIB;
            d->nlibs++;
        } else if (starts_with(s, "-MF")) {
            a->kind = RW_ARG_DEPFILE;
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
        } else if (strcmp(s, "-shared") == 0 || strcmp(s, "--shared") == 0) {
            d->shared = 1;
        } else if (strcmp(s, "-fsyntax-only") == 0) {
            syntax = 1;
        } else if (strcmp(s, "-v") == 0) {
            d->verbose = 1;
        } else if (strcmp(s, "--version") == 0) {
            d->version = 1;
        } else if (strcmp(s, "--help") == 0) {
            d->help = 1;
        }
    }
    /* The same precedence as cc: -E over -fsyntax-only over -S over -c. */
    d->mode = preprocess ? RW_MODE_PREPROCESS
            : syntax     ? RW_MODE_SYNTAX
            : assemble   ? RW_MODE_ASSEMBLE
            : compile    ? RW_MODE_COMPILE
                         : RW_MODE_LINK;
}

/* Where cc writes the -MD/-MMD file of input `in` when the
 * command has no -MF (gcc's rules). */
char *rw_side_depfile(const struct rw_driver *d, const struct rw_input *in)
{
    char *stem = rw_strip_ext(rw_base_name(in->path));
    if (d->mode == RW_MODE_LINK) {
        if (d->output)
            return rw_xasprintf("%s.d", rw_strip_ext(d->output));
        size_t nsrc = 0;
        for (size_t k = 0; k < d->ninputs; k++)
            nsrc += d->inputs[k].is_c;
        return nsrc > 1 ? rw_xasprintf("a-%s.d", stem) : rw_xasprintf("%s.d", stem);
    }
    if ((d->mode == RW_MODE_COMPILE || d->mode == RW_MODE_ASSEMBLE) && d->output)
        return rw_xasprintf("%s.d", rw_strip_ext(d->output));
    return rw_xasprintf("%s.d", stem);
}
