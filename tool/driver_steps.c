/*
 * driver_steps.c - the commands mploop-cc runs for each input.
 *
 * Each C source is rewritten first; then, in the compile modes, cc runs on
 * that one input with the user's other options, exactly as cc would handle
 * it, and in link mode each rewritten source is compiled to a temporary
 * object and cc links the user's command with those objects and the
 * runtime.  A rewritten source is compiled with its original directory
 * searched for "..." includes and mploop's header directory added, and
 * whatever cc wrote naming the temporary source is fixed afterwards
 * (driver_depfile.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver.h"

/* Whether files a and b exist and hold the same bytes. */
static int same_content(const char *a, const char *b)
{
    size_t la, lb;
    char *x = rw_read_file(a, &la);
    char *y = x ? rw_read_file(b, &lb) : NULL;
    int same = x && y && la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

/* Run the rewriter on input k; on success in->rewritten is the
 * temporary rewritten file, or NULL when the rewriter changed nothing (the
 * original is then compiled directly).  Returns the rewriter's status. */
int rw_rewrite(struct rw_driver *d, size_t k)
{
    struct rw_input *in = &d->inputs[k];
    char *dir = rw_tmp_path(rw_xasprintf("%zu", k));
    if (mkdir(dir, 0700) != 0)
        rw_die("cannot create %s: %s", dir, strerror(errno));
    char *out = rw_tmp_path(rw_xasprintf("%zu/%s", k, rw_base_name(in->path)));

    if (access(d->rewriter, X_OK) != 0)
        rw_die("the mploop rewriter is missing at %s; reinstall mploop", d->rewriter);
    struct rw_strvec cmd = {0};
    rw_sv_push(&cmd, d->rewriter);
    rw_sv_push(&cmd, in->path);
    rw_sv_push(&cmd, "-o");
    rw_sv_push(&cmd, out);
    for (size_t i = 0; i < d->nargs; i++)
        if (d->args[i].kind == RW_ARG_REWRITER || d->args[i].kind == RW_ARG_BOTH)
            rw_sv_push(&cmd, d->args[i].a[0]);
    rw_sv_push(&cmd, "--");
    /* mploop's headers, as cc gets them (<mploop.h> in the user's source) */
    rw_sv_push(&cmd, rw_xasprintf("-I%s", d->includedir));
    rw_sv_push(&cmd, RW_FEATURE_MACRO);
    for (size_t i = 0; i < d->nargs; i++) {
        struct rw_arg *a = &d->args[i];
        if (a->kind == RW_ARG_FLAG && rw_for_rewriter(a))
            for (int j = 0; j < a->n; j++)
                rw_sv_push(&cmd, a->a[j]);
    }
    if (in->lang_set) {
        rw_sv_push(&cmd, "-x");
        rw_sv_push(&cmd, "c");
    }
    int status = rw_run(cmd.v, NULL);
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

/* The compiler, then for a rewritten source the original directory for
 * "..." includes (the temporary directory is searched first and holds
 * nothing else), and always mploop's header directory (a source without
 * loops, compiled as it is, may include <mploop.h> too), and the
 * definition of _MPLOOP (before the user's flags: a -U_MPLOOP wins). */
static void push_cc_prefix(const struct rw_driver *d, struct rw_strvec *cmd, const struct rw_input *in)
{
    rw_sv_push(cmd, d->cc);
    if (in && in->rewritten) {
        rw_sv_push(cmd, "-iquote");
        rw_sv_push(cmd, rw_dir_name(in->path));
    }
    rw_sv_push(cmd, rw_xasprintf("-I%s", d->includedir));
    rw_sv_push(cmd, RW_FEATURE_MACRO);
}

/* Append the user's arguments to cmd for compiling input k alone: input k
 * becomes source and the other inputs are left out; for a temporary object
 * (object nonzero) -o, -l and -MF are left out too. */
static void push_user_args(const struct rw_driver *d, struct rw_strvec *cmd, size_t k,
                           const char *source, int object)
{
    for (size_t i = 0; i < d->nargs; i++) {
        const struct rw_arg *a = &d->args[i];
        if (a->kind == RW_ARG_INPUT) {
            if ((size_t)a->input == k)
                rw_sv_push(cmd, source);
            continue;
        }
        if (a->kind == RW_ARG_REWRITER)
            continue;
        if (object &&
            (a->kind == RW_ARG_OUTPUT || a->kind == RW_ARG_LIB || a->kind == RW_ARG_DEPFILE))
            continue;
        for (int j = 0; j < a->n; j++)
            rw_sv_push(cmd, a->a[j]);
    }
}

/* Compile modes (-c, -S, -E, -M, -fsyntax-only): run cc on input k alone
 * with the user's other options, exactly as cc would handle that input,
 * then put the original path back where cc wrote the temporary one.
 * Returns cc's status. */
int rw_compile_one(struct rw_driver *d, size_t k)
{
    struct rw_input *in = &d->inputs[k];
    struct rw_strvec cmd = {0};
    push_cc_prefix(d, &cmd, in);
    push_user_args(d, &cmd, k, in->rewritten ? in->rewritten : in->path, 0);
    if (!in->rewritten)
        return rw_run(cmd.v, NULL);

    char *depfile = NULL;
    if (d->dep_side || (d->dep_only && d->depfile)) {
        depfile = d->depfile ? (char *)d->depfile : rw_side_depfile(d, in);
        if (!d->depfile) {
            rw_sv_push(&cmd, "-MF");
            rw_sv_push(&cmd, depfile);
        }
    }
    char *captured = NULL;
    if (d->mode == RW_MODE_PREPROCESS && !d->output)
        captured = rw_tmp_path(rw_xasprintf("%zu/stdout", k));
    int status = rw_run(cmd.v, captured);
    free(cmd.v);
    enum rw_escape esc = d->dep_only ? RW_ESC_MAKE : RW_ESC_C;
    if (depfile)
        status |= rw_fix_paths(depfile, in, RW_ESC_MAKE);
    if (d->wp_depfile)
        status |= rw_fix_paths(d->wp_depfile, in, RW_ESC_MAKE);
    if (d->mode == RW_MODE_PREPROCESS && d->output)
        status |= rw_fix_paths(d->output, in, esc);
    if (captured) {
        status |= rw_copy_fixed_to_stdout(captured, in, esc);
        unlink(captured);
    }
    return status;
}

/* Link mode: compile rewritten input k to a temporary object with the
 * user's compile options.  Returns cc's status. */
int rw_compile_to_object(struct rw_driver *d, size_t k)
{
    struct rw_input *in = &d->inputs[k];
    in->object = rw_tmp_path(rw_xasprintf("%zu/%s.o", k, rw_strip_ext(rw_base_name(in->path))));
    struct rw_strvec cmd = {0};
    push_cc_prefix(d, &cmd, in);
    push_user_args(d, &cmd, k, in->rewritten, 1);
    rw_sv_push(&cmd, "-c");
    rw_sv_push(&cmd, "-o");
    rw_sv_push(&cmd, in->object);
    char *depfile = NULL;
    if (d->dep_side) {
        depfile = d->depfile ? (char *)d->depfile : rw_side_depfile(d, in);
        rw_sv_push(&cmd, "-MF");
        rw_sv_push(&cmd, depfile);
        if (!d->has_target) {
            rw_sv_push(&cmd, "-MT");
            rw_sv_push(&cmd, d->output ? d->output
                                       : rw_xasprintf("%s.o", rw_strip_ext(rw_base_name(in->path))));
        }
    }
    int status = rw_run(cmd.v, NULL);
    free(cmd.v);
    if (status == 0 && depfile)
        status = rw_fix_paths(depfile, in, RW_ESC_MAKE);
    if (status == 0 && d->wp_depfile)
        status = rw_fix_paths(d->wp_depfile, in, RW_ESC_MAKE);
    return status;
}

/* Append the runtime library, and what linking it needs, to cmd.  A shared
 * library gets libmploop.so (with a RUNPATH to it): every library of a
 * process then shares that one runtime.  A program gets the whole of
 * libmploop.a (mploop_begin pulls in every file with a public name but
 * the profiler's and those of cooperating workers and pipelines, which are
 * named here, even into a program without loops) and exports the runtime's public names
 * (the malloc family and the mploop_ entry points), so that the libraries
 * it loads later bind to its runtime rather than bring their own. */
static void push_runtime(const struct rw_driver *d, struct rw_strvec *cmd)
{
    char *lib = rw_xasprintf("%s/%s", d->libdir, d->shared ? "libmploop.so" : "libmploop.a");
    char *dynlist = rw_xasprintf("%s/mploop/runtime.dynlist", d->libdir);
    const char *missing = access(lib, R_OK) != 0 ? lib
                        : !d->shared && access(dynlist, R_OK) != 0 ? dynlist : NULL;
    if (missing)
        rw_die("the mploop runtime library is missing at %s; reinstall mploop", missing);
    if (d->shared) {
        rw_sv_push(cmd, rw_xasprintf("-Wl,-rpath,%s", d->libdir));
    } else {
        rw_sv_push(cmd, "-Wl,--undefined=mploop_begin");
        /* the profiler's file, which no loop needs (runtime/profile.c) */
        rw_sv_push(cmd, "-Wl,--undefined=mploop_prof_begin");
        /* the files of cooperating workers and of pipelines, which no
         * loop calls (runtime/shared.c, lock.c, sem.c, queue.c;
         * pipeline_api.c, which pulls in pipeline.c) */
        static const char *const coop[] = { "mploop_shared_alloc", "mploop_lock_create",
                                            "mploop_sem_create", "mploop_queue_create",
                                            "mploop_pipeline_run" };
        for (size_t i = 0; i < sizeof coop / sizeof *coop; i++)
            rw_sv_push(cmd, rw_xasprintf("-Wl,--undefined=%s", coop[i]));
        rw_sv_push(cmd, rw_xasprintf("-Wl,--dynamic-list=%s", dynlist));
    }
    rw_sv_push(cmd, lib);
}

/* Link mode: cc with the user's command, each rewritten source replaced by
 * its object, plus immediate binding (workers must not write the GOT
 * through lazy binding) and the runtime (push_runtime). */
int rw_link_program(struct rw_driver *d)
{
    struct rw_strvec cmd = {0};
    push_cc_prefix(d, &cmd, NULL);
    for (size_t i = 0; i < d->nargs; i++) {
        struct rw_arg *a = &d->args[i];
        if (a->kind == RW_ARG_INPUT) {
            struct rw_input *in = &d->inputs[a->input];
            if (in->object && in->lang_set) {
                /* An object after `-x c` must not be read as C. */
                rw_sv_push(&cmd, "-x");
                rw_sv_push(&cmd, "none");
                rw_sv_push(&cmd, in->object);
                rw_sv_push(&cmd, "-x");
                rw_sv_push(&cmd, "c");
            } else {
                rw_sv_push(&cmd, in->object ? in->object : in->path);
            }
            continue;
        }
        if (a->kind == RW_ARG_REWRITER)
            continue;
        for (int j = 0; j < a->n; j++)
            rw_sv_push(&cmd, a->a[j]);
    }
    rw_sv_push(&cmd, "-Wl,-z,now");
    push_runtime(d, &cmd);
    int status = rw_run(cmd.v, NULL);
    free(cmd.v);
    return status;
}
