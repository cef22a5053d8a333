/*
 * driver_main.c - mploop-cc, a drop-in C compiler driver.
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
 * executable (bin/mploop, include/, lib/libmploop.a and lib/libmploop.so),
 * which is the layout of both the build tree and the install tree.  The
 * other driver_*.c files hold the argument model, the steps, process
 * spawning and the fixing of dependency files (driver.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "driver.h"

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

/* Find the rewriter, the header directory and the runtime relative
 * to this executable. */
static void locate(struct rw_driver *d)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        rw_die("cannot find my own executable through /proc/self/exe: %s", strerror(errno));
    self[n] = '\0';
    char *bindir = rw_dir_name(self);
    char *prefix = rw_dir_name(bindir);
    d->rewriter = rw_xasprintf("%s/mploop", bindir);
    d->includedir = rw_xasprintf("%s/%s", prefix, MPLOOP_REL_INCLUDEDIR);
    d->libdir = rw_xasprintf("%s/%s", prefix, MPLOOP_REL_LIBDIR);
    char *archive = rw_xasprintf("%s/libmploop.a", d->libdir);
    if (access(archive, R_OK) != 0)
        d->libdir = rw_xasprintf("%s/lib", prefix);
    free(archive);
    const char *cc = getenv("MPLOOP_CC");
    d->cc = cc && *cc ? cc : "cc";
}

/* The real path of the program execvp would run for
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
        char *cand = rw_xasprintf("%.*s/%s", (int)(end - p), end == p ? "." : p, name);
        char *real = access(cand, X_OK) == 0 ? realpath(cand, NULL) : NULL;
        free(cand);
        if (real || *end == '\0')
            return real;
        p = end;
    }
}

/* Refuse a $MPLOOP_CC that is mploop-cc itself (it would
 * call itself without end). */
static void check_not_self(const struct rw_driver *d)
{
    char *self = realpath("/proc/self/exe", NULL);
    char *cc = resolve_program(d->cc);
    if (self && cc && strcmp(self, cc) == 0)
        rw_die("MPLOOP_CC=%s is mploop-cc itself; set MPLOOP_CC to the C compiler "
            "mploop-cc should run (or unset it to use cc)", d->cc);
    free(self);
    free(cc);
}

/* mploop-cc's own part of --help. */
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
           "mploop-cc's own options (not passed to cc):\n"
           "  -Rmploop    the rewriter remarks which write mode each loop runs in\n"
           "              and why\n"
           "  --profile   build a program that records the time, entries and\n"
           "              iterations of every for loop and writes mploop.profile at\n"
           "              exit (see 'mploop profile show')\n"
           "  -Wmploop, -Wno-mploop, -W[no-]mploop-<flag>\n"
           "              turn the rewriter's warnings on or off (mploop --help)\n"
           "  --diagnostics-format=text|json\n"
           "              the rewriter's diagnostics as text or one JSON document\n"
           "\n"
           "Passed to both the rewriter and cc:\n"
           "  -fcolor-diagnostics, -fno-color-diagnostics, -fdiagnostics-color[=WHEN],\n"
           "  -fno-diagnostics-color, -fdiagnostics-parseable-fixits\n"
           "\n"
           "Environment:\n"
           "  MPLOOP_CC   the C compiler to run (default: cc)\n"
           "\n"
           "The options of %s follow.\n\n",
           getenv("MPLOOP_CC") && *getenv("MPLOOP_CC") ? getenv("MPLOOP_CC") : "cc");
}

/* Rewrite, compile and link as the command line says; exit status of the
 * first step that failed, or 0. */
int main(int argc, char **argv)
{
    struct rw_driver d;
    rw_set_program_name("mploop-cc");
    memset(&d, 0, sizeof d);
    rw_expand_args(argv + 1, argc - 1, &d.argv, 0);
    rw_parse_args(&d);
    rw_run_verbose(d.verbose);
    locate(&d);
    check_not_self(&d);

    if (d.version)
        printf("mploop-cc (mploop) %s\n", MPLOOP_VERSION);
    else if (d.verbose)
        fprintf(stderr, "mploop-cc (mploop) %s\n", MPLOOP_VERSION);
    if (d.help)
        usage();

    /* Nothing to compile or link (queries such as --version, -dumpversion,
     * -print-file-name=...): the compiler answers. */
    if (d.ninputs == 0 && d.nlibs == 0) {
        struct rw_strvec cmd = {0};
        rw_sv_push(&cmd, d.cc);
        for (size_t i = 0; i < d.nargs; i++)
            if (d.args[i].kind != RW_ARG_REWRITER)
                for (int j = 0; j < d.args[i].n; j++)
                    rw_sv_push(&cmd, d.args[i].a[j]);
        return rw_run(cmd.v, NULL);
    }
    if (d.output && d.ninputs > 1 &&
        (d.mode == RW_MODE_COMPILE || d.mode == RW_MODE_ASSEMBLE || d.mode == RW_MODE_PREPROCESS))
        rw_die("cannot specify '-o' with '-c', '-S' or '-E' with multiple files");

    rw_temp_init();

    int status = 0;
    for (size_t k = 0; k < d.ninputs; k++) {
        struct rw_input *in = &d.inputs[k];
        int s = 0;
        if (in->is_c)
            s = rw_rewrite(&d, k);
        if (s == 0 && d.mode != RW_MODE_LINK)
            s = rw_compile_one(&d, k);
        else if (s == 0 && in->rewritten)
            s = rw_compile_to_object(&d, k);
        if (s != 0 && status == 0)
            status = s;
    }
    if (status == 0 && d.mode == RW_MODE_LINK)
        status = rw_link_program(&d);
    return status;
}
