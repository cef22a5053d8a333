/*
 * main.c - the `mploop` command: rewrite the parallel loops of one C file.
 *
 *   mploop [options] input.c [-o output.c] [-- compiler flags]
 *   mploop --suggest [--apply] [--format=json] input.c [-o copy.c] [-- flags]
 *   mploop --profile input.c [-o output.c] [-- flags]
 *   mploop --suggest --profile mploop.profile input.c [-- flags]
 *   mploop profile show [--workers N] [mploop.profile]
 *
 * The input is parsed with libclang using the given flags (or those of its
 * compile_commands.json entry), every `#pragma mploop for` is checked and
 * rewritten, and the result goes to stdout or to the output file.  Any error
 * (the input does not compile, a refused loop) is reported in the compiler's
 * format and the command fails without leaving an output file behind.
 */
#define _GNU_SOURCE 1 /* memmem, vasprintf, realpath */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rewriter.h"

#ifndef MPLOOP_VERSION
#define MPLOOP_VERSION "unknown"
#endif

/* Print the usage text to f. */
static void usage(FILE *f)
{
    fputs("usage: mploop [options] input.c [-o output.c] [-- compiler flags]\n"
          "\n"
          "Rewrites the '#pragma mploop for' loops of input.c into calls to the mploop\n"
          "runtime and writes the result to stdout, or to output.c with -o.\n"
          "\n"
          "options:\n"
          "  -o FILE        write the rewritten source to FILE\n"
          "  -p BUILD_DIR   take the compiler flags of input.c from\n"
          "                 BUILD_DIR/compile_commands.json\n"
          "  -Rmploop       remark which write mode (direct or snapshot) each loop\n"
          "                 runs in, and why\n"
          "  --suggest      do not rewrite: print a verdict for every for loop of\n"
          "                 input.c (parallel with the pragma to use, blocked, or\n"
          "                 unknown, and why)\n"
          "  --apply        with --suggest: also write a copy of input.c with the\n"
          "                 suggested pragmas (input.mploop.c, or the file of -o)\n"
          "  --format=text|json\n"
          "                 with --suggest: print the verdicts as lines (text, the\n"
          "                 default) or as one JSON document\n"
          "  --profile      also wrap every for loop of input.c so that the program\n"
          "                 records its time, entries and iterations in\n"
          "                 mploop.profile (docs/profiling.md)\n"
          "  --profile FILE with --suggest: rank the verdicts by the loops' share of\n"
          "                 the run time in profile FILE, with the speed-up each\n"
          "                 would give\n"
          "  --workers N    with --suggest --profile: the workers of the speed-up\n"
          "                 (default: the CPUs this process may run on)\n"
          "  --assume-no-alias\n"
          "                 with --suggest: take pointers with different names to\n"
          "                 reach different memory\n"
          "  -W<flag>, -Wno-<flag>\n"
          "                 turn a warning on or off; -Wmploop (-Wno-mploop) turns\n"
          "                 every one on (off).  Flags: mploop-rand, mploop-stdin,\n"
          "                 mploop-scratch, mploop-lock (on by default),\n"
          "                 mploop-unverified (off)\n"
          "  -fcolor-diagnostics, -fno-color-diagnostics\n"
          "                 colour the diagnostics, or not (default: when standard\n"
          "                 error is a terminal); also -fdiagnostics-color[=WHEN]\n"
          "  -fdiagnostics-parseable-fixits\n"
          "                 print each fix-it hint as a machine-readable line too\n"
          "  --diagnostics-format=text|json\n"
          "                 print the diagnostics as clang does (text, the default)\n"
          "                 or as one JSON document at the end (json)\n"
          "  --help         print this help and exit\n"
          "  --version      print the version and exit\n"
          "\n"
          "Flags after '--' (-I, -D, -std, ...) are used to parse the input.\n"
          "\n"
          "mploop profile show [--workers N] [mploop.profile] ranks the loops of a\n"
          "profile by their share of the run time.\n", f);
}

/* Report clang's own errors and the notes that follow them; returns how
 * many errors there were. */
static unsigned clang_errors(CXTranslationUnit tu)
{
    unsigned n = clang_getNumDiagnostics(tu), errors = 0;
    int after_error = 0;
    for (unsigned i = 0; i < n; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        enum CXDiagnosticSeverity s = clang_getDiagnosticSeverity(d);
        if (s >= CXDiagnostic_Error || (s == CXDiagnostic_Note && after_error)) {
            rw_diag_clang(d);
            CXDiagnosticSet notes = clang_getChildDiagnostics(d);
            for (unsigned k = 0; k < clang_getNumDiagnosticsInSet(notes); k++) {
                CXDiagnostic note = clang_getDiagnosticInSet(notes, k);
                rw_diag_clang(note);
                clang_disposeDiagnostic(note);
            }
        }
        if (s != CXDiagnostic_Note)
            after_error = s >= CXDiagnostic_Error;
        errors += s >= CXDiagnostic_Error;
        clang_disposeDiagnostic(d);
    }
    return errors;
}

/* The diagnostics' output options of the command line. */
struct diag_opts {
    enum rw_diag_format format;
    int color;              /* 1, 0, -1: when stderr is a terminal */
    int parseable_fixits;
    const char **warnings;  /* the -W options, in order */
    unsigned nwarnings;
};

/* If a is an option of the diagnostics' output, record it in o and return
 * 1; return -1 after printing an error for a bad value, 0 for another
 * option. */
static int diag_option(const char *a, struct diag_opts *o)
{
    if (!strcmp(a, "-fcolor-diagnostics") || !strcmp(a, "-fdiagnostics-color") ||
        !strcmp(a, "-fdiagnostics-color=always"))
        o->color = 1;
    else if (!strcmp(a, "-fno-color-diagnostics") || !strcmp(a, "-fno-diagnostics-color") ||
             !strcmp(a, "-fdiagnostics-color=never"))
        o->color = 0;
    else if (!strcmp(a, "-fdiagnostics-color=auto"))
        o->color = -1;
    else if (!strcmp(a, "-fdiagnostics-parseable-fixits"))
        o->parseable_fixits = 1;
    else if (!strcmp(a, "--diagnostics-format=text"))
        o->format = RW_DIAG_TEXT;
    else if (!strcmp(a, "--diagnostics-format=json"))
        o->format = RW_DIAG_JSON;
    else if (!strncmp(a, "--diagnostics-format=", 21) || !strncmp(a, "-fdiagnostics-color=", 20)) {
        fprintf(stderr, "mploop: error: invalid value '%s' in '%s' (expected %s)\n",
                strchr(a, '=') + 1, a,
                a[1] == '-' ? "'text' or 'json'" : "'always', 'never' or 'auto'");
        return -1;
    } else if (!strncmp(a, "-Wmploop", 8) || !strncmp(a, "-Wno-mploop", 11)) {
        o->warnings = rw_xrealloc(o->warnings, (o->nwarnings + 1) * sizeof *o->warnings);
        o->warnings[o->nwarnings++] = a;
    } else {
        return 0;
    }
    return 1;
}

/* Write buf to path atomically (temporary file in the same directory, then
 * rename).  Returns 0 or -1 after reporting an error. */
static int write_output(const char *path, const char *buf, size_t len)
{
    char *tmp = rw_xasprintf("%s.mploop-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        rw_diag_global("error", NULL, "cannot create %s: %s", tmp, strerror(errno));
        free(tmp);
        return -1;
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, buf + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    if (close(fd) != 0 || done != len || rename(tmp, path) != 0) {
        rw_diag_global("error", NULL, "cannot write %s: %s", path, strerror(errno));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}

/* Rewrite src; on success store the output and return 0.  remarks: print
 * the -Rmploop remarks; profile: wrap every loop to be measured. */
static int rewrite(struct rw_src *src, char **out, size_t *outlen, int remarks, int profile)
{
    struct rw_pragma *p;
    unsigned np;
    rw_find_pragmas(src, &p, &np);
    if (np == 0 && !profile) {
        /* no pragma written out: still refuse a `_Pragma("mploop ...")`
         * that a macro produces, rather than ignoring it silently */
        struct rw_loop_site none;
        CXCursor *globals;
        unsigned nglobals;
        rw_match_loops(src, p, 0, &none, &globals, &nglobals);
        free(globals);
        free(p);
        *out = rw_xstrndup(src->buf, src->len);
        *outlen = src->len;
        return rw_error_count() ? -1 : 0;
    }
    struct rw_loop_site *sites = rw_xmalloc((np + 1) * sizeof *sites);
    CXCursor *globals;
    unsigned nglobals;
    rw_match_loops(src, p, np, sites, &globals, &nglobals);
    rw_declare_resolve(src);
    rw_coop_find(src, p, np);
    /* loops are numbered 1, 2, ... among the `for` and `pipeline` pragmas */
    unsigned nloops = 0;
    for (unsigned i = 0; i < np; i++) {
        if (p[i].directive == RW_DIR_FOR || p[i].directive == RW_DIR_PIPELINE)
            nloops++;
        if (clang_Cursor_isNull(sites[i].for_stmt))
            continue;
        struct rw_loop *l = rw_xmalloc(sizeof *l);
        memset(l, 0, sizeof *l);
        l->pragma = &p[i];
        l->site = sites[i];
        l->id = nloops;
        if (p[i].directive == RW_DIR_PIPELINE) {
            if (rw_pipe_analyse(src, l, p, np) == 0)
                p[i].loop = l;
            continue;
        }
        if (rw_analyse_loop(src, l) || rw_check_clauses(src, l, globals, nglobals) ||
            rw_check_body(src, l))
            continue;
        struct rw_analysis an;
        rw_analyse_deps(src, l, 0, &an);
        if (rw_report_deps(src, l, &an) == 0) {
            rw_choose_mode(src, l, &an, remarks);
            p[i].loop = l;
        }
        rw_analysis_free(&an);
    }
    rw_coop_check(src, p, np);
    rw_pipe_check_stages(p, np);
    if (rw_error_count())
        return -1;
    struct rw_edits e = { 0 };
    if (profile)
        rw_profile_emit(src, p, np, &e);
    rw_emit(src, p, np, &e);
    *out = rw_edit_apply(&e, src->buf, src->len, outlen);
    if (!*out) {
        fprintf(stderr, "mploop: internal error: overlapping edits in %s\n", src->path);
        return -1;
    }
    return 0;
}

/* `--suggest`: print a verdict for every loop of src and, with apply,
 * write the annotated copy to out_path (out_name as the user wrote it).
 * Returns 0 or -1. */
static int suggest(struct rw_src *src, const struct rw_advise_opts *o, int apply,
                   const char *out_path, const char *out_name)
{
    struct rw_advice *v;
    unsigned n = rw_advise(src, o, &v);
    rw_advise_choose(v, n);
    rw_advise_print(stdout, src, o, v, n);
    if (fflush(stdout) != 0) {
        rw_diag_global("error", NULL, "cannot write the output: %s", strerror(errno));
        return -1;
    }
    if (!apply)
        return 0;
    size_t len;
    char *copy = rw_advise_apply(src, v, n, &len);
    unsigned chosen = 0;
    for (unsigned i = 0; i < n; i++)
        chosen += v[i].chosen;
    if (!copy || write_output(out_path, copy, len))
        return -1;
    fprintf(stderr, "mploop: wrote %s with %u suggested pragma%s\n", out_name, chosen,
            chosen == 1 ? "" : "s");
    free(copy);
    return 0;
}

/* Parse the command line, parse the input with libclang, rewrite it and write the output; exit
 * status 0 on success. */
int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "profile"))
        return rw_profile_main(argc - 1, argv + 1);
    const char *input = NULL, *output = NULL, *build_dir = NULL;
    int remarks = 0, advise = 0, apply = 0, profile = 0, wopt;
    const char *profile_file = NULL;
    struct rw_advise_opts aopts = { 0 };
    struct diag_opts dopts = { .format = RW_DIAG_TEXT, .color = -1 };
    char **args = NULL;
    unsigned nargs = 0;
    args = rw_xrealloc(args, sizeof *args);
    args[nargs++] = "-Wno-unknown-pragmas";
    int i, dopt;
    /* `--profile` takes the profile's name after it under --suggest */
    for (i = 1; i < argc && strcmp(argv[i], "--"); i++)
        advise |= !strcmp(argv[i], "--suggest") || !strcmp(argv[i], "--apply");
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            i++;
            break;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--version")) {
            printf("mploop version %s\n", MPLOOP_VERSION);
            return 0;
        } else if (!strcmp(a, "-Rmploop")) {
            remarks = 1;
        } else if (!strcmp(a, "--suggest")) {
            advise = 1;
        } else if (!strcmp(a, "--apply")) {
            advise = apply = 1;
        } else if (!strcmp(a, "--profile") || !strncmp(a, "--profile=", 10)) {
            profile = 1;
            if (a[9] == '=')
                profile_file = a + 10;
            else if (advise && i + 1 < argc)
                profile_file = argv[++i];
        } else if ((wopt = rw_workers_option(argc, argv, &i, &aopts.workers)) != 0) {
            if (wopt < 0)
                return 2;
        } else if (!strcmp(a, "--assume-no-alias")) {
            aopts.assume_no_alias = 1;
        } else if (!strcmp(a, "--format=json") || !strcmp(a, "--format=text")) {
            aopts.json = a[9] == 'j';
        } else if ((dopt = diag_option(a, &dopts)) != 0) {
            if (dopt < 0)
                return 2;
        } else if (!strcmp(a, "-o") || !strcmp(a, "-p")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "mploop: error: missing argument after '%s'\n", a);
                return 2;
            }
            if (a[1] == 'o')
                output = argv[++i];
            else
                build_dir = argv[++i];
        } else if (a[0] == '-' && a[1] != 0) {
            fprintf(stderr, "mploop: error: unknown option '%s' (compiler flags go after '--')\n", a);
            usage(stderr);
            return 2;
        } else if (input) {
            fprintf(stderr, "mploop: error: more than one input file ('%s' and '%s')\n", input, a);
            return 2;
        } else {
            input = a;
        }
    }
    if (!input) {
        fprintf(stderr, "mploop: error: no input file\n");
        usage(stderr);
        return 2;
    }
    /* the JSON document is written at exit, whatever the way out */
    rw_diag_set_output(dopts.format, dopts.color, dopts.parseable_fixits);
    atexit(rw_diag_finish);
    for (unsigned k = 0; k < dopts.nwarnings; k++)
        rw_warning_option(dopts.warnings[k]);

    char *parse_path = realpath(input, NULL);
    if (!parse_path) {
        rw_diag_global("error", NULL, "cannot open %s: %s", input, strerror(errno));
        if (output)
            unlink(output);
        return 1;
    }
    if (!advise && (aopts.json || aopts.assume_no_alias)) {
        fprintf(stderr, "mploop: error: '--format' and '--assume-no-alias' go with '--suggest'\n");
        return 2;
    }
    if (advise && profile && !profile_file) {
        fprintf(stderr, "mploop: error: with '--suggest', '--profile' names a profile: "
                "'--profile mploop.profile'\n");
        return 2;
    }
    if (!advise && (profile_file || aopts.workers)) {
        fprintf(stderr, "mploop: error: '--profile FILE' and '--workers' go with '--suggest'; "
                "'--profile' alone rewrites the file to be profiled\n");
        return 2;
    }
    if (profile_file && !aopts.workers)
        aopts.workers = rw_cpu_count();
    if (advise && output && !apply) {
        fprintf(stderr, "mploop: error: with '--suggest', '-o' names the copy that '--apply' "
                "writes\n");
        return 2;
    }
    if (apply && !output) {
        /* input.c -> input.mploop.c, next to the input */
        size_t len = strlen(input);
        int dot_c = len > 2 && !strcmp(input + len - 2, ".c");
        output = rw_xasprintf("%.*s.mploop.c", (int)(dot_c ? len - 2 : len), input);
    }
    char *out_path = NULL;
    if (output) {
        char cwd[4096];
        out_path = output[0] == '/' || !getcwd(cwd, sizeof cwd)
                       ? rw_xasprintf("%s", output)
                       : rw_xasprintf("%s/%s", cwd, output);
    }
    if (build_dir) {
        char *dir = NULL;
        if (rw_compdb_flags(build_dir, parse_path, &args, &nargs, &dir)) {
            if (out_path)
                unlink(out_path);
            return 1;
        }
        if (chdir(dir) != 0) {
            rw_diag_global("error", NULL, "cannot change to %s: %s", dir, strerror(errno));
            if (out_path)
                unlink(out_path);
            return 1;
        }
        free(dir);
    }
    args = rw_xrealloc(args, (nargs + (unsigned)(argc - i) + 1) * sizeof *args);
    for (; i < argc; i++)
        args[nargs++] = argv[i];
    /* warnings are the compiler's business when it compiles the output:
     * -Werror in the flags must not make the rewrite fail */
    args[nargs++] = "-w";

    CXIndex index = clang_createIndex(0, 0);
    CXTranslationUnit tu;
    enum CXErrorCode err = clang_parseTranslationUnit2(
        index, build_dir ? parse_path : input, (const char *const *)args, (int)nargs, NULL, 0,
        CXTranslationUnit_DetailedPreprocessingRecord | CXTranslationUnit_KeepGoing, &tu);
    int rc = 1;
    char *out = NULL;
    size_t outlen = 0;
    if (err != CXError_Success) {
        rw_diag_global("error", NULL, "cannot parse %s (libclang error %d)", input, (int)err);
    } else {
        struct rw_src src = { .path = input, .tu = tu };
        for (unsigned k = 0; k < nargs; k++) /* the last of the two flags wins */
            if (!strcmp(args[k], "-fno-strict-aliasing") || !strcmp(args[k], "-fstrict-aliasing"))
                src.no_strict_aliasing = args[k][2] == 'n';
        src.file = clang_getFile(tu, build_dir ? parse_path : input);
        src.buf = src.file ? clang_getFileContents(tu, src.file, &src.len) : NULL;
        if (src.buf) {
            rw_src_lines(&src);
            rw_diag_init(&src);
        }
        if (clang_errors(tu) != 0)
            ;
        else if (!src.buf)
            rw_diag_global("error", NULL, "cannot read %s", input);
        else if (advise) {
            struct rw_prof prof;
            if (profile_file) {
                if (rw_prof_read(profile_file, &prof))
                    return 1;
                aopts.prof = &prof;
                aopts.prof_path = profile_file;
            }
            return suggest(&src, &aopts, apply, out_path, output) ? 1 : 0;
        } else if (rewrite(&src, &out, &outlen, remarks, profile) == 0)
            rc = 0;
    }
    if (rc == 0) {
        if (out_path) {
            if (write_output(out_path, out, outlen))
                rc = 1;
        } else if (fwrite(out, 1, outlen, stdout) != outlen || fflush(stdout) != 0) {
            rw_diag_global("error", NULL, "cannot write the output: %s", strerror(errno));
            rc = 1;
        }
    }
    if (rc != 0 && out_path)
        unlink(out_path);
    return rc;
}
