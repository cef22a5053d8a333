/*
 * driver.h - what the files of mploop-cc, the compiler driver, share.
 *
 * mploop-cc is the C compiler a build system sees (`CC=mploop-cc make`): it
 * takes cc's command line, rewrites each C source with the rewriter into a
 * private temporary directory, compiles the result with the real compiler
 * and links the runtime.  It is split by concern:
 *   driver_main.c     main: where the rewriter, header and runtime are, the
 *                     order of the steps
 *   driver_args.c     the argument model: @file expansion, which arguments
 *                     are sources, which flags reach the rewriter, the
 *                     names cc gives its outputs
 *   driver_steps.c    the commands each step runs: rewrite, compile, link
 *   driver_spawn.c    running programs, the private temporary directory,
 *                     signals
 *   driver_depfile.c  files cc wrote from a rewritten source (dependency
 *                     files, preprocessed output) made to name the user's
 *                     files again
 *   util.c            memory, string and file helpers (util.h), shared with
 *                     the rewriter
 *
 * Internal non-static names start with rw_, as in the rewriter.
 */
#ifndef RW_DRIVER_H
#define RW_DRIVER_H

#include <stddef.h>

#include "util.h"

/* The macro every compile mploop-cc runs (the rewriter's parse included)
 * defines, so that code can test `#ifdef _MPLOOP` as it tests _OPENMP: the
 * year and month of the mploop interface it names (cooperating workers:
 * shared(), critical, atomic). */
#define RW_FEATURE_MACRO "-D_MPLOOP=202612"

/* ---- driver_args.c ------------------------------------------------------ */

enum rw_mode {
    RW_MODE_LINK,       /* no -c/-S/-E: compile and link */
    RW_MODE_COMPILE,    /* -c */
    RW_MODE_ASSEMBLE,   /* -S */
    RW_MODE_PREPROCESS, /* -E, -M, -MM */
    RW_MODE_SYNTAX      /* -fsyntax-only */
};

enum rw_arg_kind {
    RW_ARG_FLAG,   /* an option kept as it is */
    RW_ARG_INPUT,  /* an input file */
    RW_ARG_LIB,    /* -l: a linker input */
    RW_ARG_OUTPUT, /* -o FILE */
    RW_ARG_DEPFILE, /* -MF FILE */
    RW_ARG_REWRITER, /* an option of the rewriter alone, never cc's (-Rmploop) */
    RW_ARG_BOTH     /* an option of the rewriter that cc gets too (-fcolor-diagnostics) */
};

/* One command-line element: one or two argv entries. */
struct rw_arg {
    enum rw_arg_kind kind;
    int n;           /* 1, or 2 for an option with a separate value */
    char *a[2];
    const char *value; /* value of -o/-MF/-x (joined or separate) */
    int input;       /* index into the inputs, for RW_ARG_INPUT */
};

/* One input file and what the driver did with it. */
struct rw_input {
    const char *path;  /* as given */
    int is_c;          /* rewritten as C */
    int lang_set;      /* a -x other than `none` applies to it */
    char *rewritten;   /* temporary rewritten source, NULL if unchanged */
    char *object;      /* temporary object (link mode) */
};

/* The whole invocation. */
struct rw_driver {
    struct rw_strvec argv;       /* after @file expansion, without argv[0] */
    struct rw_arg *args;
    size_t nargs;
    struct rw_input *inputs;
    size_t ninputs;
    size_t nlibs;
    enum rw_mode mode;
    int dep_side;             /* -MD or -MMD */
    int dep_only;             /* -M or -MM */
    int has_target;           /* -MT or -MQ */
    const char *output;       /* -o value */
    const char *depfile;      /* -MF value */
    const char *wp_depfile;   /* file of -Wp,-MD,FILE or -Wp,-MMD,FILE */
    int version, help, verbose; /* --version, --help, -v */
    int shared;               /* -shared: the output is a shared library */
    const char *cc;           /* $MPLOOP_CC or cc */
    char *rewriter, *includedir;
    char *libdir;             /* where the runtime libraries are */
};

/* Append argv[0..argc) to out with every readable @file expanded as gcc
 * does (up to a nesting depth; start with depth 0). */
void rw_expand_args(char **argv, int argc, struct rw_strvec *out, int depth);
/* Classify d->argv into d->args and d->inputs, and find the mode and the
 * output, dependency and verbosity options. */
void rw_parse_args(struct rw_driver *d);
/* Whether the option (one or two entries) matters to the rewriter: it
 * changes what the preprocessor and the parser see. */
int rw_for_rewriter(const struct rw_arg *a);
/* Where cc writes the -MD/-MMD file of input `in` when the command has no
 * -MF (gcc's rules). */
char *rw_side_depfile(const struct rw_driver *d, const struct rw_input *in);

/* ---- driver_spawn.c ----------------------------------------------------- */

/* Create the private temporary directory, removed at exit and on SIGINT,
 * SIGTERM, SIGHUP, SIGQUIT and SIGPIPE (which also stop the running
 * program, and then end the driver by the same signal). */
void rw_temp_init(void);
/* Record and return "<tmpdir>/<name>" (the file is not created); it is
 * removed with the directory. */
char *rw_tmp_path(const char *name);
/* Echo every command to stderr before running it when on (-v). */
void rw_run_verbose(int on);
/* Run argv (argv[0] looked up in PATH), stdout redirected to stdout_path
 * when it is not NULL; returns the program's exit status, 128 + signal for
 * a program killed by a signal, 1 when it could not be started (reported). */
int rw_run(char *const argv[], const char *stdout_path);

/* ---- driver_steps.c ----------------------------------------------------- */

/* Run the rewriter on input k; on success d->inputs[k].rewritten is the
 * temporary rewritten file, or NULL when the rewriter changed nothing (the
 * original is then compiled directly).  Returns the rewriter's status. */
int rw_rewrite(struct rw_driver *d, size_t k);
/* Compile modes (-c, -S, -E, -M, -fsyntax-only): run cc on input k alone
 * with the user's other options, then put the original path back where cc
 * wrote the temporary one.  Returns cc's status. */
int rw_compile_one(struct rw_driver *d, size_t k);
/* Link mode: compile rewritten input k to a temporary object with the
 * user's compile options.  Returns cc's status. */
int rw_compile_to_object(struct rw_driver *d, size_t k);
/* Link mode: cc with the user's command, each rewritten source replaced by
 * its object, plus immediate binding and the runtime: libmploop.so for a
 * shared library, else libmploop.a with its public names exported.  Returns
 * cc's status. */
int rw_link_program(struct rw_driver *d);

/* ---- driver_depfile.c --------------------------------------------------- */

/* Which kind of escaping a file written by cc uses for paths. */
enum rw_escape { RW_ESC_MAKE, RW_ESC_C };

/* In the file at path, replace the temporary source's path of `in` with
 * the original one, escaped as esc says.  A missing file is not an error.
 * Returns 0, or 1 after reporting a write failure. */
int rw_fix_paths(const char *path, const struct rw_input *in, enum rw_escape esc);
/* Send the captured output of cc in the file at path to our stdout with the
 * temporary path replaced by the original one.  Returns 0, or 1 after
 * reporting a write failure. */
int rw_copy_fixed_to_stdout(const char *path, const struct rw_input *in, enum rw_escape esc);

#endif /* RW_DRIVER_H */
