/*
 * pipeline_api.c - mploop_pipeline_*: pipelines of stage functions.
 *
 * Why this file exists: programs that are not rewritten (or that build
 * their stages at run time) make a pipeline from functions, as with
 * oneTBB's parallel_pipeline.  This file keeps the stages a program adds
 * and runs them through the same entry points as the generated code of
 * `#pragma mploop pipeline` (pipeline.c): each participant calls the
 * function of the stage mploop_pipe_next hands it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>

#include "internal.h"

/* A pipeline: its stages, made and run by the parent. */
struct mploop_pipeline {
    mploop_site site;        /* where it was made (mploop_pipeline_create) */
    uint64_t tokens;
    unsigned n;
    int running;
    mploop_stage_spec spec[MPLOOP_PIPE_MAX_STAGES];
    mploop_stage_fn fn[MPLOOP_PIPE_MAX_STAGES];
    void *ctx[MPLOOP_PIPE_MAX_STAGES];
};

/* Parent: see mploop.h. */
mploop_pipeline *mploop_pipeline_create_at(size_t max_tokens, const char *file, unsigned line)
{
    mploop_pipeline *pl = calloc(1, sizeof *pl);
    if (!pl)
        return NULL;
    pl->site.file = file ? file : "(pipeline)";
    pl->site.line = line;
    pl->site.var = "";
    pl->site.flags = MPLOOP_SITE_PIPELINE;
    pl->tokens = max_tokens;
    return pl;
}

/* Parent: see mploop.h (the function behind the macro, for callers that
 * take its address or #undef it). */
mploop_pipeline *(mploop_pipeline_create)(size_t max_tokens)
{
    return mploop_pipeline_create_at(max_tokens, NULL, 0);
}

/* Parent: see mploop.h. */
int mploop_pipeline_stage(mploop_pipeline *pl, int kind, mploop_stage_fn fn, void *ctx,
                          size_t out_item_size)
{
    if (!pl || !fn || pl->running || pl->n >= MPLOOP_PIPE_MAX_STAGES)
        return EINVAL;
    if (kind != MPLOOP_STAGE_SERIAL_IN_ORDER && kind != MPLOOP_STAGE_SERIAL &&
        kind != MPLOOP_STAGE_PARALLEL)
        return EINVAL;
    if (pl->n == 0 && kind == MPLOOP_STAGE_PARALLEL)
        return EINVAL;
    pl->spec[pl->n] = (mploop_stage_spec){ kind, 0, out_item_size };
    pl->fn[pl->n] = fn;
    pl->ctx[pl->n] = ctx;
    pl->n++;
    return 0;
}

/* Parent: see mploop.h.  Each participant returns from mploop_start into
 * this function, runs the steps it is handed, and ends in mploop_end; the
 * stages' writes to the program's memory (the callers' frames, the heap,
 * globals) are merged at the join as a loop body's are. */
int mploop_pipeline_run(mploop_pipeline *pl, unsigned workers)
{
    if (!pl || pl->n == 0)
        return EINVAL;
    if (pl->running)
        return EBUSY;
    mploop_loop L;
    mploop_params p = { 0 };
    p.abi = MPLOOP_ABI_VERSION;
    p.size = sizeof p;
    p.cond = 1;
    p.has_workers = workers > 0;
    p.workers = (long)workers;
    pl->running = 1;
    mploop_pipe_begin(&L, &pl->site, &p, pl->spec, pl->n, pl->tokens);
    mploop_frame(&L, __builtin_frame_address(0));
    if (mploop_start(&L)) {
        int status = 0;
        unsigned k;
        const void *in;
        void *out;
        while (mploop_pipe_next(&L, status, &k, &in, &out))
            status = pl->fn[k](in, out, pl->ctx[k]);
        mploop_end(&L);
    }
    int rc = mploop_pipe_join(&L);
    mploop_pipe_done(&L);
    pl->running = 0;
    return rc;
}

/* Parent: see mploop.h. */
void mploop_pipeline_destroy(mploop_pipeline *pl)
{
    free(pl);
}
