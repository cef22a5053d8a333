/*
 * last_error.c - the record of the last failed loop: mploop_last_error.
 *
 * Why this file exists: a program that lets loops fail
 * (MPLOOP_ON_ERROR=return) needs to know what failed, where and at which
 * iteration.  loop.c records every failure it reports here, and the public
 * mploop_last_error and mploop_clear_error read and forget the record.
 * Each thread has its own record, like errno, since threads of the
 * program may run loops (and check their failures) at the same time; the
 * merge never touches it (the thread's TLS is excluded).
 */
#include <string.h>

#include "internal.h"

/* This thread's last failure and the text its message points to. */
static MPLOOP__THREAD mploop_error error_last;
static MPLOOP__THREAD char error_text[MPLOOP__MSG_MAX + 64];
static MPLOOP__THREAD int error_set;

/* Parent: record failure f of the loop at site, whose variable starts at
 * lb and moves by step, for mploop_last_error in this thread. */
void mploop__last_error_record(const mploop_site *site, int64_t lb, int64_t step,
                          const struct mploop__failure *f, unsigned others)
{
    mploop_error *e = &error_last;
    memset(e, 0, sizeof *e);
    e->kind = mploop__fail_info(f->kind)->error_kind;
    e->file = site->file;
    e->line = site->line;
    e->var = site->var;
    e->stage = -1;
    if (f->iter != UINT64_MAX) {
        e->has_iteration = 1;
        e->index = f->iter;
        if (site->flags & MPLOOP_SITE_PIPELINE) {
            /* A pipeline's step: item * stages + stage (step: stages). */
            e->iteration_is_index = 1;
            e->stage = (int)(f->iter % (uint64_t)step);
            e->index = f->iter / (uint64_t)step;
            e->iteration = (mploop_i64)e->index;
        } else if (site->flags & (MPLOOP_SITE_VAR_POINTER | MPLOOP_SITE_COLLAPSED)) {
            e->iteration_is_index = 1;
            e->iteration = (mploop_i64)f->iter;
        } else {
            e->iteration = (mploop_i64)((uint64_t)lb + f->iter * (uint64_t)step);
        }
    }
    if (e->kind == MPLOOP_ERROR_SIGNAL)
        e->signal = f->code;
    if (e->kind == MPLOOP_ERROR_EXIT || e->kind == MPLOOP_ERROR_FAIL)
        e->status = f->code;
    e->worker = f->worker;
    e->pid = (int)f->pid;
    e->others = others;
    e->address = f->addr;
    e->message = mploop__failure_text(f, error_text, sizeof error_text);
    error_set = 1;
}

/* Parent: this thread's last failure, NULL when there is none. */
const mploop_error *mploop_last_error(void)
{
    return error_set ? &error_last : NULL;
}

/* Parent: forget this thread's last failure. */
void mploop_clear_error(void)
{
    error_set = 0;
    memset(&error_last, 0, sizeof error_last);
}
