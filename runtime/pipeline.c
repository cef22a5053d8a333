/*
 * pipeline.c - pipelines: items flowing through a chain of stages, on the
 * workers of one loop execution.
 *
 * Why this file exists: read -> transform -> write, with serial ends and a
 * parallel middle, is the one shape a parallel loop cannot express
 * (docs/pipeline.md).  A pipeline runs as one execution of a loop
 * (mploop_pipe_begin, then mploop_start, mploop_end and the join), so that
 * the workers' writes are merged, failures reported, MPLOOP_TIMEOUT and
 * SIGINT handled and output put in order exactly as for loops: the
 * execution's "iterations" are its participants, and each one, instead of
 * running chunks, asks mploop_pipe_next for steps (a stage to run on an
 * item) until the pipeline is empty.
 *
 * Memory.  The merge allows one writer per byte, so every serial stage runs
 * in one participant for the whole run (its running state, a total or an
 * output offset, is then written by that process only); the stages of the
 * list are spread over the participants, and the first participant to find
 * work at a serial stage whose own one has not shown up for a while (it
 * could not be forked) takes it over.  Parallel stages run anywhere: their
 * items write disjoint memory, as a loop's iterations do.  Items travel by
 * value in tokens, in the shared window: max_tokens of them, each with two
 * item buffers (a stage reads one, writes the other), so at most
 * max_tokens items are in flight whatever the input.  The control block
 * (queues, counters, each stage's figures) lives there too: it is the one
 * state every participant changes, and the window is never merged.
 *
 * Scheduling.  One futex lock guards the control block; a participant
 * takes, in this order, work at the serial stages it runs (the latest
 * first, so that items leave and free their tokens), then at parallel
 * stages (the latest first), and sleeps on the block's epoch word when
 * there is none.  A serial in-order stage takes item `next` only: items
 * wait for it in a window indexed by item number modulo the tokens (every
 * item at or after `next` that exists holds a token, so the window never
 * overflows).  A dropped item still holds its token until it has passed
 * every in-order stage after it, as a bubble no function sees, so that
 * those stages move past its number.
 *
 * Output.  Step v = item * stages + stage is the sequential program's
 * order of the stages' output.  Each token has an output ring of its own
 * (output.c): a token's items come in increasing order, and so do its
 * steps, and its ring's frontier is the step its item runs next (none while
 * it is free); the first stage's participant publishes the first item not
 * made yet (mploop__loop_claimed), below which every new item's steps lie.
 * The first stage waits while much output waits to be written out (a slow
 * reader) and while it is far ahead of the oldest item in the pipeline
 * (whose overtakers' records must fit the rings): memory stays bounded.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "window.h"

/* An idle participant looks again after this long (a loop that failed in
 * another worker does not wake it). */
#define PIPE_IDLE_NS 20000000u
/* A serial stage with work, whose own participant has not taken it after
 * this long, is taken over by another. */
#define PIPE_ADOPT_NS 50000000u
/* The first stage makes no item while the workers' output waiting to be
 * written out (to a slow pipe, say) is this large: a sequential program
 * would be blocked in write by then. */
#define PIPE_OUTPUT_HELD_MAX (16u << 20)
/* Tokens per worker when the program gives none. */
#define PIPE_TOKENS_PER_WORKER 4u
/* Most tokens (each has an output ring of its own while the workers'
 * output is captured). */
#define PIPE_MAX_TOKENS 1024u

/* One stage, in the control block. */
struct pipe_stage {
    int kind;               /* MPLOOP_STAGE_* (stage 0: in order) */
    unsigned line;
    uint64_t out_size;
    unsigned prefer;        /* serial: the participant that runs it */
    int owner;              /* serial: the participant running it + 1, 0: none yet */
    uint64_t orphan_since;  /* serial: when work was first seen unowned */
    int busy;               /* serial: it runs an item */
    uint64_t next;          /* in order: the item it takes next */
    uint64_t head, tail;    /* not in order: ready tokens in queue[head, tail) */
    uint32_t *queue;        /* not in order: tokens (T); in order: token + 1 by item % T */
    struct mploop__stage_figures fig;
};

/* One token. */
struct pipe_token {
    uint64_t item;
    unsigned stage;         /* the stage it waits for or runs */
    int dropped;
    int busy;               /* an item holds it */
};

/* What one participant is doing (an entry per participant). */
struct pipe_part {
    int have;               /* a step was handed out and not finished */
    unsigned stage, token;
    uint64_t item;
    uint64_t t0;            /* when the step began */
};

/* The control block, in the shared window. */
struct pipe_ctl {
    int lock;               /* futex lock (window.c) */
    int epoch;              /* futex word: bumped at every change */
    int sleepers;
    unsigned stages, tokens;
    uint64_t item_bytes;    /* an item buffer, rounded to 16 */
    uint64_t made;          /* items the first stage made */
    uint64_t left;          /* items that left the pipeline */
    uint64_t oldest;        /* no item below it is in the pipeline */
    uint64_t ahead;         /* items made at most beyond the oldest one */
    int input_done;         /* the first stage stopped (or the run was cancelled) */
    unsigned nfree;
    uint32_t *free_tokens;
    struct pipe_token *tok;
    char *buffers;          /* tokens x 2 item buffers */
    struct pipe_part part[MPLOOP__MAX_WORKERS + 1]; /* the last: in-process */
    struct pipe_stage stage[MPLOOP_PIPE_MAX_STAGES];
};

/* A pipeline execution: what the parent set up, read-only afterwards (the
 * state that changes is in the control block). */
struct pipe {
    const mploop_site *site;
    struct pipe_ctl *ctl;
};

/* ---- the control block ----------------------------------------------------- */

/* Both: item buffer b (0 or 1) of token t. */
static void *pipe_buffer(const struct pipe_ctl *c, unsigned t, unsigned b)
{
    return c->buffers + ((uint64_t)t * 2 + b) * c->item_bytes;
}

/* Both: wake every participant sleeping on the block (it changed). */
static void pipe_changed(struct pipe_ctl *c)
{
    __atomic_add_fetch(&c->epoch, 1, __ATOMIC_RELEASE);
    if (__atomic_load_n(&c->sleepers, __ATOMIC_ACQUIRE))
        mploop__os_futex_wake_n(&c->epoch, INT32_MAX);
}

/* Both, holding the lock: token t is free again. */
static void pipe_free_token(struct pipe_ctl *c, unsigned t)
{
    c->tok[t].busy = 0;
    c->free_tokens[c->nfree++] = t;
    mploop__output_ring_at(t, UINT64_MAX);
}

static void pipe_bubbles(struct pipe_ctl *c, unsigned k);

/* Both, holding the lock: the item in token t is done with stage k (a
 * bubble when dropped): on to the next stage that must see it, or out. */
static void pipe_route(struct pipe_ctl *c, unsigned t, unsigned k, int dropped)
{
    struct pipe_token *tk = &c->tok[t];
    unsigned n = k + 1;
    while (dropped && n < c->stages && c->stage[n].kind != MPLOOP_STAGE_SERIAL_IN_ORDER)
        n++;
    if (n >= c->stages) {
        c->left++;
        pipe_free_token(c, t);
        return;
    }
    struct pipe_stage *s = &c->stage[n];
    tk->stage = n;
    tk->dropped = dropped;
    mploop__output_ring_at(t, tk->item * c->stages + n);
    if (s->kind == MPLOOP_STAGE_SERIAL_IN_ORDER) {
        s->queue[tk->item % c->tokens] = t + 1;
        pipe_bubbles(c, n);
    } else {
        s->queue[s->tail++ % c->tokens] = t;
    }
}

/* Both, holding the lock: bubbles at the head of in-order stage k pass. */
static void pipe_bubbles(struct pipe_ctl *c, unsigned k)
{
    struct pipe_stage *s = &c->stage[k];
    for (;;) {
        uint32_t *slot = &s->queue[s->next % c->tokens];
        if (!*slot || !c->tok[*slot - 1].dropped || s->busy)
            return;
        unsigned t = *slot - 1;
        *slot = 0;
        s->next++;
        pipe_route(c, t, k, 1);
    }
}

/* Both, holding the lock: may the first stage make an item?  Not while
 * the workers' output waiting to be written out is PIPE_OUTPUT_HELD_MAX
 * (it would grow with the input when the output goes to a slow reader),
 * nor when it would be `ahead` items past the oldest one still in the
 * pipeline: the output of the items that overtook that one waits in the
 * tokens' rings until it is done, and must fit there. */
static int pipe_may_make(struct pipe_ctl *c)
{
    if (c->input_done || c->nfree == 0 || mploop__output_held() >= PIPE_OUTPUT_HELD_MAX)
        return 0;
    if (c->made - c->oldest < c->ahead)
        return 1;
    c->oldest = c->made;
    for (unsigned t = 0; t < c->tokens; t++)
        if (c->tok[t].busy && c->tok[t].item < c->oldest)
            c->oldest = c->tok[t].item;
    return c->made - c->oldest < c->ahead;
}

/* Both, holding the lock: may participant p take serial stage s, whose
 * participant it is not, with work waiting? */
static int pipe_may_adopt(struct pipe_stage *s, unsigned p, uint64_t now)
{
    if (s->prefer == p)
        return 1;
    if (!s->orphan_since)
        s->orphan_since = now;
    return now - s->orphan_since >= PIPE_ADOPT_NS;
}

/* Both, holding the lock: take a step for participant p of L (stage in
 * *k, token in *t); 0 when there is none now. */
static int pipe_take(struct pipe_ctl *c, mploop_loop *L, unsigned p, unsigned *k, unsigned *t)
{
    uint64_t now = 0;
    if (!c->input_done && *L->mploop__stop) {
        c->input_done = 1; /* cancelled: no item is made any more */
        pipe_changed(c);
    }
    /* Serial stages, the latest first. */
    for (unsigned i = c->stages; i-- > 0;) {
        struct pipe_stage *s = &c->stage[i];
        if (s->kind == MPLOOP_STAGE_PARALLEL || s->busy)
            continue;
        if (s->owner && s->owner != (int)p + 1)
            continue;
        uint32_t *slot = NULL;
        int ready;
        if (i == 0)
            ready = pipe_may_make(c);
        else if (s->kind == MPLOOP_STAGE_SERIAL_IN_ORDER)
            ready = *(slot = &s->queue[s->next % c->tokens]) != 0;
        else
            ready = s->head != s->tail;
        if (!ready)
            continue;
        if (!s->owner) {
            if (!now)
                now = mploop__os_now_ns();
            if (!pipe_may_adopt(s, p, now))
                continue;
            s->owner = (int)p + 1;
        }
        s->busy = 1;
        *k = i;
        if (i == 0) {
            *t = c->free_tokens[--c->nfree];
            c->tok[*t] = (struct pipe_token){ c->made, 0, 0, 1 };
            mploop__output_ring_at(*t, c->made * c->stages);
        } else if (slot) {
            *t = *slot - 1;
            *slot = 0;
        } else {
            *t = s->queue[s->head++ % c->tokens];
        }
        return 1;
    }
    /* Parallel stages, the latest first. */
    for (unsigned i = c->stages; i-- > 1;) {
        struct pipe_stage *s = &c->stage[i];
        if (s->kind == MPLOOP_STAGE_PARALLEL && s->head != s->tail) {
            *k = i;
            *t = s->queue[s->head++ % c->tokens];
            return 1;
        }
    }
    return 0;
}

/* Both: stage k's figures count a step of ns that returned status (the
 * first stage's MPLOOP_STOP made no item). */
static void pipe_count(struct pipe_stage *s, unsigned k, int status, uint64_t ns)
{
    s->fig.busy_ns += ns;
    if (k == 0 && status == MPLOOP_STOP)
        return;
    s->fig.items++;
    if (status == MPLOOP_DROP)
        s->fig.dropped++;
}

/* Both, holding the lock: participant p's step ended with `status`. */
static void pipe_finish(struct pipe_ctl *c, mploop_loop *L, struct pipe_part *pp, int status,
                        uint64_t ns)
{
    unsigned k = pp->stage, t = pp->token;
    struct pipe_stage *s = &c->stage[k];
    pipe_count(s, k, status, ns);
    s->busy = 0;
    if (k == 0 && status == MPLOOP_STOP) {
        c->input_done = 1;
        pipe_free_token(c, t);
        return;
    }
    if (k == 0) {
        c->made++;
        mploop__loop_claimed(L, c->made * c->stages);
    } else if (s->kind == MPLOOP_STAGE_SERIAL_IN_ORDER) {
        s->next++;
    }
    pipe_route(c, t, k, status == MPLOOP_DROP);
    if (k > 0 && s->kind == MPLOOP_STAGE_SERIAL_IN_ORDER)
        pipe_bubbles(c, k);
}

/* ---- steps ------------------------------------------------------------------- */

/* Both: a stage returned `status` in the step at hand: fail the pipeline
 * (as mploop_fail: the report names the stage and the item) unless it is
 * one a stage may return. */
static void pipe_check_status(unsigned k, int status)
{
    if (status == 0 || status == MPLOOP_DROP || (status == MPLOOP_STOP && k == 0))
        return;
    if (status == MPLOOP_STOP)
        mploop_fail("the stage returned MPLOOP_STOP, which only the first stage may return; "
                    "call mploop_cancel to make the first stage stop");
    mploop_fail("the stage returned %d; a stage returns 0 (pass the item on), MPLOOP_DROP, "
                "or (the first stage) MPLOOP_STOP", status);
}

/* Both: hand out step (k, item in token t) to the caller of
 * mploop_pipe_next. */
static void pipe_hand(struct pipe_ctl *c, mploop_loop *L, struct pipe_part *pp, unsigned k,
                      unsigned t, uint64_t item, const void **in, void **out, unsigned *stage)
{
    pp->have = 1;
    pp->stage = k;
    pp->token = t;
    pp->item = item;
    *stage = k;
    *in = k && c->stage[k - 1].out_size ? pipe_buffer(c, t, k & 1) : NULL;
    *out = c->stage[k].out_size ? pipe_buffer(c, t, (k + 1) & 1) : NULL;
    *L->mploop__cur = item * c->stages + k;
    pp->t0 = mploop__os_now_ns();
}

/* Both, in-process (the only participant): every item through every stage
 * in turn, as the sequential loop runs them. */
static int pipe_next_here(struct pipe_ctl *c, mploop_loop *L, int status, unsigned *stage,
                          const void **in, void **out)
{
    struct pipe_part *pp = &c->part[MPLOOP__MAX_WORKERS];
    unsigned k = 0;
    uint64_t item = 0;
    if (pp->have) {
        pipe_check_status(pp->stage, status);
        pipe_count(&c->stage[pp->stage], pp->stage, status, mploop__os_now_ns() - pp->t0);
        pp->have = 0;
        if (pp->stage == 0 && status == MPLOOP_STOP)
            return 0;
        item = pp->item;
        if (status == 0 && pp->stage + 1 < c->stages)
            k = pp->stage + 1;
        else
            item++;
    }
    if (k == 0 && *L->mploop__stop)
        return 0; /* cancelled: no item is made any more */
    pipe_hand(c, L, pp, k, 0, item, in, out, stage);
    return 1;
}

/* Both: see mploop/abi.h. */
int mploop_pipe_next(mploop_loop *L, int status, unsigned *stage, const void **in, void **out)
{
    struct pipe *pl = mploop__loop_state(L);
    struct pipe_ctl *c = pl->ctl;
    unsigned p;
    if (!mploop__loop_worker(L, &p))
        return pipe_next_here(c, L, status, stage, in, out);
    struct pipe_part *pp = &c->part[p];
    if (pp->have) {
        pipe_check_status(pp->stage, status);
        uint64_t ns = mploop__os_now_ns() - pp->t0;
        /* Its output is logged before its ring moves past it. */
        mploop__output_step_end();
        mploop__window_lock_wait(&c->lock);
        pipe_finish(c, L, pp, status, ns);
        pp->have = 0;
        pipe_changed(c);
    } else {
        mploop__window_lock_wait(&c->lock);
    }
    unsigned k, t;
    for (;;) {
        if (pipe_take(c, L, p, &k, &t))
            break;
        int done = c->input_done && c->left == c->made && c->nfree == c->tokens;
        if (done) {
            mploop__window_lock_release(&c->lock);
            return 0;
        }
        int epoch = __atomic_load_n(&c->epoch, __ATOMIC_ACQUIRE);
        c->sleepers++;
        mploop__window_lock_release(&c->lock);
        mploop__loop_stop_if_failed(L, UINT64_MAX);
        mploop__os_futex_wait_ns(&c->epoch, epoch, PIPE_IDLE_NS);
        mploop__window_lock_wait(&c->lock);
        c->sleepers--;
    }
    uint64_t item = c->tok[t].item;
    mploop__window_lock_release(&c->lock);
    /* A loop that failed runs no step at or after the failure. */
    mploop__loop_stop_if_failed(L, item * c->stages + k);
    mploop__output_step(t, item * c->stages + k);
    pipe_hand(c, L, pp, k, t, item, in, out, stage);
    return 1;
}

/* ---- the parent ---------------------------------------------------------------- */

/* Parent: the workers a pipeline of site gets with params p (as a loop
 * does: the clause, MPLOOP_WORKERS, the CPUs). */
static unsigned pipe_workers(const mploop_site *site, const mploop_params *p)
{
    const struct mploop__env *env = mploop__env_get(site);
    uint64_t n = p->has_workers ? (uint64_t)(p->workers > 0 ? p->workers : 1)
               : env->workers   ? env->workers
                                : env->cpus;
    if (n > MPLOOP__MAX_WORKERS)
        n = MPLOOP__MAX_WORKERS;
    return n ? (unsigned)n : 1;
}

/* Parent: check the stages; reports and ends the program when they are
 * not valid (the generated code or mploop_pipeline_run made them). */
static void pipe_check(const mploop_site *site, const mploop_stage_spec *stages, unsigned n)
{
    const char *why = NULL;
    if (n == 0 || n > MPLOOP_PIPE_MAX_STAGES)
        why = "a pipeline has 1 to 32 stages";
    for (unsigned k = 0; k < n && !why; k++)
        if (stages[k].kind < MPLOOP_STAGE_SERIAL_IN_ORDER || stages[k].kind > MPLOOP_STAGE_PARALLEL)
            why = "a stage's kind is not one of MPLOOP_STAGE_*";
    if (!why && stages[0].kind == MPLOOP_STAGE_PARALLEL)
        why = "the first stage cannot be parallel";
    if (why) {
        mploop__error(site, "invalid pipeline: %s", why);
        exit(EXIT_FAILURE);
    }
}

/* Parent: the control block for the stages, `tokens` tokens and `parts`
 * participants (over which the serial stages are spread), in the window;
 * NULL when it cannot be had. */
static struct pipe_ctl *pipe_ctl_new(const mploop_stage_spec *stages, unsigned n,
                                     unsigned tokens, unsigned parts)
{
    uint64_t item = 0;
    for (unsigned k = 0; k < n; k++)
        if (stages[k].out_size > item)
            item = stages[k].out_size;
    item = (item + 15) & ~(uint64_t)15;
    size_t head = (sizeof(struct pipe_ctl) + 63) & ~(size_t)63;
    size_t queues = (size_t)n * tokens * sizeof(uint32_t);
    size_t free_tokens = (size_t)tokens * sizeof(uint32_t);
    size_t toks = (size_t)tokens * sizeof(struct pipe_token);
    size_t fixed = (head + queues + free_tokens + toks + 63) & ~(size_t)63;
    if (item && tokens > (SIZE_MAX - fixed) / 2 / item) {
        errno = ENOMEM;
        return NULL;
    }
    struct pipe_ctl *c = mploop_shared_alloc(fixed + (size_t)tokens * 2 * item);
    if (!c)
        return NULL;
    char *at = (char *)c + head;
    c->stages = n;
    c->tokens = tokens;
    c->item_bytes = item;
    c->ahead = mploop__output_steps_ahead(n);
    unsigned serial = 0;
    for (unsigned k = 0; k < n; k++) {
        struct pipe_stage *s = &c->stage[k];
        s->kind = k == 0 ? MPLOOP_STAGE_SERIAL_IN_ORDER : stages[k].kind;
        s->line = stages[k].line;
        s->out_size = stages[k].out_size;
        s->fig.kind = s->kind;
        s->fig.line = s->line;
        if (s->kind != MPLOOP_STAGE_PARALLEL)
            s->prefer = serial++ % parts;
        s->queue = (uint32_t *)at;
        at += (size_t)tokens * sizeof(uint32_t);
    }
    c->free_tokens = (uint32_t *)at;
    at += free_tokens;
    c->tok = (struct pipe_token *)at;
    c->buffers = (char *)c + fixed;
    /* The first item takes token 0 (in-process, the only one). */
    for (unsigned t = 0; t < tokens; t++)
        c->free_tokens[t] = tokens - 1 - t;
    c->nfree = tokens;
    return c;
}

/* Parent: see mploop/abi.h. */
void mploop_pipe_begin(mploop_loop *L, const mploop_site *site, const mploop_params *p,
                       const mploop_stage_spec *stages, unsigned n, mploop_u64 tokens)
{
    pipe_check(site, stages, n);
    unsigned workers = pipe_workers(site, p);
    if (!tokens)
        tokens = (uint64_t)PIPE_TOKENS_PER_WORKER * workers;
    if (tokens > PIPE_MAX_TOKENS)
        tokens = PIPE_MAX_TOKENS;
    /* The loop's iterations are its participants, each taking one (at
     * least two, so that one worker runs in-process as "one worker"). */
    mploop_params q = *p;
    q.trip = workers < 2 ? 2 : workers;
    q.schedule = MPLOOP_SCHED_STATIC;
    q.has_chunk = 1;
    q.chunk = 1;
    if (!p->has_workers) {
        q.has_workers = 1;
        q.workers = (long)workers;
    }
    q.result_bytes = 0;
    q.last_bytes = 0;
    struct pipe *pl = malloc(sizeof *pl);
    struct pipe_ctl *c = pl ? pipe_ctl_new(stages, n, (unsigned)tokens, workers) : NULL;
    if (!c) {
        mploop__error(site, "no memory for a pipeline of %u stages and %llu tokens (%s); "
                      "give it fewer tokens or smaller items", n, (unsigned long long)tokens,
                      mploop__os_errno_text(-errno));
        exit(EXIT_FAILURE);
    }
    pl->site = site;
    pl->ctl = c;
    /* For the reports: a step is item * n + stage, and the kinds are two
     * bits per stage (report.c). */
    uint64_t kinds = 0;
    for (unsigned k = 0; k < n; k++)
        kinds |= (uint64_t)c->stage[k].kind << (2 * k);
    q.lb = (int64_t)kinds;
    q.step = n;
    mploop_begin(L, site, &q);
    mploop__loop_pipeline(L, c->tokens, pl);
}

/* Parent: see mploop/abi.h.  Under MPLOOP_REPORT the stages' figures,
 * which the participants left in the control block, go to the report
 * (whether the join succeeded or failed: a failure that ends the program
 * does not come back here). */
int mploop_pipe_join(mploop_loop *L)
{
    int rc = mploop_join(L);
    if (mploop__loop_measured(L)) {
        struct pipe *pl = mploop__loop_state(L);
        struct mploop__stage_figures fig[MPLOOP_PIPE_MAX_STAGES];
        uint64_t wall;
        unsigned workers = mploop__loop_ran_on(L, &wall);
        for (unsigned k = 0; k < pl->ctl->stages; k++)
            fig[k] = pl->ctl->stage[k].fig;
        mploop__measure_pipeline(pl->site, fig, pl->ctl->stages, workers, wall);
    }
    return rc;
}

/* Parent: see mploop/abi.h. */
void mploop_pipe_done(mploop_loop *L)
{
    struct pipe *pl = mploop__loop_state(L);
    mploop_done(L);
    if (pl) {
        mploop_shared_free(pl->ctl);
        free(pl);
    }
}
