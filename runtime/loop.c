/*
 * loop.c - the mploop_* entry points that generated code calls.
 *
 * Why this file exists: it turns the fixed ABI of include/mploop/abi.h into
 * decisions and calls to the other files.  mploop_begin checks the loop and
 * decides how it runs: in-process (nested in a worker, if() false, a trip
 * count of 0 or 1, or a single worker) or on forked workers.  mploop_start
 * forks through team.c around the memory module's prepare/worker_begin;
 * mploop_next hands out chunks computed by sched.c and stops a worker whose
 * loop was cancelled; mploop_end ends a worker; mploop_join waits, merges,
 * reports failures through report.c and applies the error policy
 * (MPLOOP_ON_ERROR): end the program as the sequential program would have,
 * return -1 to the generated code (which then skips combining; the kind of
 * failure is in mploop_last_error), or
 * run the loop again in-process.  That last policy needs the body to run in
 * the parent after a failure, and only mploop_start's return value can make
 * the generated code run it: so under it, mploop_start itself waits for the
 * workers and merges, and returns 1 for an in-process re-run after a failure.
 * mploop_fail and mploop_fail_code live here too: they end whichever loop
 * participant this process is (a worker hands its message to the parent,
 * an in-process loop reports and ends the program), which only this file
 * knows; it also tells cancel.c which loop's body each thread runs
 * (mploop__body_*), for mploop_cancel and mploop_worker_num.
 *
 * A loop cancelled by its body (mploop_cancel) has a cancel word: in the
 * loop's state when it runs in-process, in the control block when it runs
 * on workers.  The generated code reads it before each iteration
 * (mploop_at) and leaves its chunk once it is set; mploop_next then hands
 * out nothing more, and the loop ends and merges as usual.
 *
 * Per-loop state lives in runtime-owned memory, never in the heap: a small
 * array of slots in the runtime's state section (nested and recursive
 * in-process loops each take one), then anonymous mappings for deeper
 * nesting.  The generated mploop_loop only points at its slot.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"
#include "window.h"

/* Bytes of reduction partials and of lastprivate values an in-process loop
 * keeps inside its slot; larger areas get a mapping. */
#define LOOP_INLINE_AREA 64

/* Descriptors a new worker opens for itself (its userfaultfd, its
 * /proc/self/pagemap and /proc/self/status), with one to spare; and those
 * a persistent team keeps open in the parent besides two per worker. */
#define LOOP_WORKER_FDS 4
#define LOOP_TEAM_FDS 12

/* Slots in the state section; deeper nesting maps its state. */
#define LOOP_SLOTS 32

/* One execution of one loop. */
struct loop_state {
    int in_use;                 /* atomic: slot taken (section slots only) */
    int mapped;                 /* this state is its own mapping */
    const mploop_site *site;
    const char *reason;         /* why it runs in-process; NULL: forked */
    int nested;                 /* in-process because this is a worker */
    int adaptive;               /* in-process because forking does not pay (adapt.c) */
    int formed;                 /* forked a new persistent team (one-time price) */
    uint64_t started_ns;        /* when mploop_start was called (adapt.c's clock) */
    int measure;                /* MPLOOP_REPORT: the execution is measured */
    int pump;                   /* the parent replays output while it waits */
    struct mploop__usage use0;  /* in-process, measured: the thread's counters
                                 * at the start */
    uint64_t trip;
    int64_t lb, step;           /* for reports */
    struct mploop__sched sched; /* resolved schedule */
    unsigned n;                 /* workers planned */
    uint64_t result_bytes, last_bytes;
    int handed;                 /* in-process: the one chunk was handed out */
    int joined;                 /* forked loop already waited for and merged */
    int policy;                 /* enum mploop__on_error of this execution */
    struct loop_state *outer;   /* in-process loop running around this one */
    int local_err;              /* -errno of a failed mploop_local */
    void *frame;                /* mploop_frame */
    struct mploop__team *team;  /* workers of a forked loop (&team_store) */
    struct mploop__team team_store;
    struct mploop__mem *mem;    /* memory state of a forked loop */
    char *part, *last;          /* participant areas when in-process */
    void *scratch;              /* mapping behind part/last if too large */
    size_t scratch_size;
    volatile uint64_t cur;      /* iteration slot when in-process */
    volatile int stop;          /* cancel word when in-process (mploop_cancel) */
    int last_ran;               /* in-process: the last iteration ran */
    struct mploop__body body;   /* this thread runs the loop's body (cancel.c) */
    int pipe;                   /* a pipeline's execution (pipeline.c) */
    unsigned pipe_rings;        /* its output rings: one per token */
    void *extra;                /* pipeline.c's state of it */
    char area[2 * LOOP_INLINE_AREA] __attribute__((aligned(16)));
};

static struct loop_state loop_slots[LOOP_SLOTS] MPLOOP__STATE;

/* The innermost loop running in-process in this thread (mploop_fail). */
static MPLOOP__THREAD struct loop_state *loop_inproc;

/* What this process is in the loop it was forked for (workers only):
 * that loop's state, its worker index, and the static share it is
 * running (its own, then shares of workers that could not be forked). */
static struct {
    struct loop_state *st;
    unsigned w;
    unsigned share;
    uint64_t round;
    uint64_t began_ns;      /* when it started running chunks */
    uint64_t chunks;        /* chunks it took */
    uint64_t pending;       /* iterations of the chunk it runs, added to its
                             * slot's done count when it takes the next */
    uint64_t lo;            /* the first iteration of that chunk */
    struct mploop__usage use0; /* measured: its counters when it began */
    int claiming;           /* auto: its static block is done, it claims */
    pid_t pid;              /* the worker's process (not a child of its body) */
} loop_me MPLOOP__STATE;

/* The output capture's descriptors when the persistent team formed
 * (mploop__output_generation): a team forked before a newer one lacks it. */
static unsigned loop_crew_output MPLOOP__STATE;

/* How often the parent replays finished chunks' output while it waits. */
#define LOOP_OUTPUT_TICK_NS 10000000u

/* Both: a free state, from the section or mapped.  Reports and ends the
 * program when no memory is left. */
static struct loop_state *loop_state_get(const mploop_site *site)
{
    for (unsigned i = 0; i < LOOP_SLOTS; i++)
        if (!__atomic_exchange_n(&loop_slots[i].in_use, 1, __ATOMIC_ACQUIRE)) {
            struct loop_state *st = &loop_slots[i];
            memset((char *)st + sizeof st->in_use, 0, sizeof *st - sizeof st->in_use);
            return st;
        }
    void *map = mmap(NULL, sizeof(struct loop_state), PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED) {
        mploop__error(site, "out of memory for the state of a loop nested %d deep",
                      LOOP_SLOTS);
        exit(EXIT_FAILURE);
    }
    struct loop_state *st = map;
    st->in_use = 1;
    st->mapped = 1;
    return st;
}

/* Both: give a state back. */
static void loop_state_put(struct loop_state *st)
{
    if (st->mapped)
        munmap(st, sizeof *st);
    else
        __atomic_store_n(&st->in_use, 0, __ATOMIC_RELEASE);
}

/* Both: the words that explain a bad trip-count status. */
static const char *loop_status_text(int status)
{
    switch (status) {
    case MPLOOP_TRIP_ZERO_STEP:
        return "loop never ends: its step is 0; give the loop variable a non-zero step";
    case MPLOOP_TRIP_WRONG_DIRECTION:
        return "loop never ends: its step moves the loop variable away from the bound; "
               "check the sign of the step and the direction of the test";
    case MPLOOP_TRIP_NE_UNREACHED:
        return "loop never ends: the loop variable steps over the `!=` bound without "
               "ever equalling it; use `<` or `>` instead of `!=`, or fix the bounds";
    case MPLOOP_TRIP_OVERFLOW:
        return "loop has more than 18446744073709551615 iterations, which mploop cannot "
               "count; split the loop";
    default:
        return "loop has an invalid trip count status; rebuild with a matching mploop";
    }
}

/* Both: refuse a loop whose generated code was written for another loop
 * ABI than this runtime's (an object compiled against another mploop's
 * header): its parameters cannot be read.  Only p->abi and p->size are
 * read, the two fields every ABI version keeps first; the site's layout
 * never changes, so the report can name the loop. */
static void loop_check_abi(const mploop_site *site, const mploop_params *p)
{
    if (p->abi == MPLOOP_ABI_VERSION && p->size == sizeof(mploop_params))
        return;
    mploop__error(site, "this loop was rewritten for mploop's loop ABI %u (%u-byte parameters), "
                  "but the runtime linked in implements ABI %u (%u bytes); rewrite and "
                  "recompile this file with the mploop that provides the runtime (mploop-cc "
                  "does both)", p->abi, p->size, (unsigned)MPLOOP_ABI_VERSION,
                  (unsigned)sizeof(mploop_params));
    exit(EXIT_FAILURE);
}

/* Both: check the parameters of a loop, reporting and ending the program
 * on anything that cannot run. */
static void loop_check(const mploop_site *site, const mploop_params *p)
{
    if (p->status != MPLOOP_TRIP_OK) {
        mploop__error(site, "%s", loop_status_text(p->status));
        exit(EXIT_FAILURE);
    }
    if (p->schedule < MPLOOP_SCHED_STATIC || p->schedule > MPLOOP_SCHED_DEFAULT) {
        mploop__error(site, "unknown schedule %d; rebuild with a matching mploop",
                      p->schedule);
        exit(EXIT_FAILURE);
    }
    if (p->has_chunk && p->chunk <= 0) {
        mploop__error(site, "the chunk size of the schedule clause is %ld; it must be "
                      "positive", p->chunk);
        exit(EXIT_FAILURE);
    }
    if (p->has_workers && p->workers <= 0) {
        mploop__error(site, "the num_workers clause asks for %ld workers; it must be "
                      "positive", p->workers);
        exit(EXIT_FAILURE);
    }
}

/* Both: the schedule the loop runs with.  No clause is auto (sched.c: a
 * static first half, then claims, within a few percent of the best fixed
 * schedule on uniform and imbalanced loops alike); `runtime` is
 * MPLOOP_SCHEDULE (static when unset), whose chunk wins over the clause's. */
static struct mploop__sched loop_schedule(const mploop_params *p, const struct mploop__env *env)
{
    struct mploop__sched s = {p->schedule, p->has_chunk ? (uint64_t)p->chunk : 0};
    if (s.kind == MPLOOP_SCHED_RUNTIME) {
        if (env->has_schedule) {
            s.kind = env->sched_kind;
            if (env->sched_chunk)
                s.chunk = (uint64_t)env->sched_chunk;
        } else {
            s.kind = MPLOOP_SCHED_STATIC;
        }
    }
    if (s.kind == MPLOOP_SCHED_DEFAULT)
        s.kind = MPLOOP_SCHED_AUTO;
    return s;
}

/* Both: the number of workers: the clause, else MPLOOP_WORKERS, else the
 * CPUs this process may run on; at most the trip count and
 * MPLOOP__MAX_WORKERS (one less under MPLOOP_CHECK=verify, whose
 * sequential run takes a slot of the memory module). */
static unsigned loop_workers(const mploop_params *p, const struct mploop__env *env)
{
    uint64_t n = p->has_workers ? (uint64_t)p->workers : env->workers ? env->workers : env->cpus;
    uint64_t max = MPLOOP__MAX_WORKERS - (env->check == MPLOOP__CHECK_VERIFY);
    if (n > max)
        n = max;
    if (n > p->trip)
        n = p->trip;
    return (unsigned)n;
}

/* Both: set up the participant areas of an in-process loop: inside the
 * slot when small enough, else one mapping. */
static void loop_inprocess_areas(struct loop_state *st)
{
    if (st->result_bytes <= LOOP_INLINE_AREA && st->last_bytes <= LOOP_INLINE_AREA) {
        st->part = st->area;
        st->last = st->area + LOOP_INLINE_AREA;
        return;
    }
    uint64_t r = (st->result_bytes + 63) & ~(uint64_t)63;
    uint64_t size = r + st->last_bytes + 1;
    void *map = size >= ((uint64_t)1 << 41) ? MAP_FAILED
              : mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED) {
        mploop__error(st->site, "out of memory for %llu bytes of reduction and lastprivate "
                      "values", (unsigned long long)size);
        exit(EXIT_FAILURE);
    }
    st->scratch = map;
    st->scratch_size = size;
    st->part = map;
    st->last = (char *)map + r;
}

/* Whether a loop has warned that the process's malloc is not the
 * runtime's (once per process). */
static int loop_alloc_reported MPLOOP__STATE;

/* Parent: whether loops may fork workers in this process: only when it
 * allocates through the runtime's malloc (mem.c), for otherwise blocks
 * that two workers allocate in their bodies would get the same addresses
 * in the C library's heap.  The first loop that finds it is not warns,
 * once for the process, what it uses instead and what to do (preloading
 * the runtime helps unless the program itself defines malloc: a program's
 * definitions come before preloaded ones). */
static int loop_allocator_ours(const mploop_site *site)
{
    if (mploop__mem_allocator(NULL, NULL, 0) == 0)
        return 1;
    if (!loop_alloc_reported) {
        char theirs[PATH_MAX], ours[PATH_MAX];
        loop_alloc_reported = 1;
        mploop__mem_allocator(theirs, ours, sizeof theirs);
        int preload = strcmp(theirs, "the program") != 0 && strcmp(ours, "the program") != 0;
        mploop__warning(site, "loops run in-process: this process allocates with the "
                        "malloc of %s, not with the mploop runtime's (in %s), so workers could "
                        "not keep apart the blocks they allocate; link the program with "
                        "mploop-cc%s%s", theirs, ours,
                        preload ? ", or start it with LD_PRELOAD=" : "", preload ? ours : "");
    }
    return 0;
}

static struct loop_state *loop_body_worker(void);

/* Both: is this process a worker forked for the loop of st? */
static int loop_is_my_worker(const struct loop_state *st)
{
    return loop_me.st == st && mploop__team_in_worker();
}

/* Both: was the loop of st cancelled by its body?  Its in-process run's
 * word, else its workers'. */
static int loop_stopped(const struct loop_state *st)
{
    if (st->reason || !st->team)
        return st->stop != 0;
    return __atomic_load_n(&st->team->ctl->stop, __ATOMIC_ACQUIRE) != 0;
}

/* Parent (or a worker, for nested loops): check the loop, resolve its
 * schedule and worker count, and decide whether it forks.  A forked loop
 * gets its control block here so that mploop_local can record locals in
 * it. */
void mploop_begin(mploop_loop *L, const mploop_site *site, const mploop_params *p)
{
    loop_check_abi(site, p);
    loop_check(site, p);
    const struct mploop__env *env = mploop__env_get(site);
    struct loop_state *st = loop_state_get(site);
    st->site = site;
    st->trip = p->trip;
    st->lb = p->lb;
    st->step = p->step;
    st->sched = loop_schedule(p, env);
    st->result_bytes = p->result_bytes;
    st->last_bytes = p->last_bytes;
    st->n = loop_workers(p, env);
    st->policy = env->on_error;
    st->cur = UINT64_MAX;
    /* Measured: loops of the parent and loops nested in a worker's chunks,
     * not those of the sequential run of MPLOOP_CHECK=verify (the workers
     * ran them already). */
    st->measure = env->report != MPLOOP__REPORT_OFF &&
                  (!mploop__team_in_worker() || loop_body_worker());
    if (st->measure)
        mploop__measure_init(env);
    L->mploop__impl = st;
    L->mploop__cur = &st->cur;
    L->mploop__stop = &st->stop;

    /* Under MPLOOP_ON_ERROR=return a failure must leave the program
     * running, which only a worker process can guarantee: loops that would
     * run in-process for want of work or workers get one worker. */
    int contain = st->policy == MPLOOP__ON_ERROR_RETURN;
    if (mploop__team_in_worker()) {
        st->reason = "nested";
        st->nested = 1;
    } else if (!p->cond)
        st->reason = "if clause false";
    else if (p->trip == 0)
        st->reason = "trip count 0";
    else if (p->trip == 1 && !contain)
        st->reason = "trip count 1";
    else if (st->n <= 1 && !contain)
        st->reason = "one worker";
    else if (!loop_allocator_ours(site))
        st->reason = "malloc is not mploop's";
    else if (mploop__mem_threads_block(site))
        st->reason = "other threads run, and the pagemap tracker cannot tell their writes from "
                     "the workers'";
    else if (env->adapt && !contain && !env->check &&
             mploop__adapt_inprocess(site, p->trip, st->n)) {
        st->reason = "adaptive: forking costs more than it saves here";
        st->adaptive = 1;
    } else {
        /* One loop on workers at a time (threads.c): this one holds the
         * lock while it has a team, until mploop_done. */
        uint64_t t0 = mploop__os_now_ns();
        if (mploop__threads_enter() && env->verbose >= 1)
            mploop__verbose_threads(site, 1, mploop__os_now_ns() - t0);
        int rc = mploop__team_map(&st->team_store, st->n, p->trip, p->result_bytes,
                                  p->last_bytes);
        if (rc < 0) {
            mploop__threads_leave();
            mploop__warning(site, "cannot map the workers' control block (%s); running the "
                            "loop in-process", mploop__os_errno_text(rc));
            st->reason = "fork failed";
        } else {
            st->team = &st->team_store;
            st->last = st->team->last;
            /* auto: the claims start after the workers' static blocks. */
            if (st->sched.kind == MPLOOP_SCHED_AUTO)
                st->team->ctl->next = mploop__sched_auto_split(p->trip, st->n);
        }
    }
    if (st->reason) {
        loop_inprocess_areas(st);
        if (!st->nested && env->verbose >= 1 && mploop__threads_other())
            mploop__verbose_threads(site, 0, 0);
    }
}

/* Both (in practice the parent, at load time): see mploop/abi.h. */
void mploop_module(const void *addr, unsigned flags)
{
    mploop__mem_module(addr, (flags & MPLOOP_MODULE_LOOPS) != 0);
}

/* Parent: record the enclosing function's frame address for the merge. */
void mploop_frame(mploop_loop *L, void *frame)
{
    struct loop_state *st = L->mploop__impl;
    st->frame = frame;
}

/* Parent: record a local of the enclosing function for the merge; the
 * call itself makes the variable's address escape.  Only forked loops
 * need the list. */
void mploop_local(mploop_loop *L, void *addr, uint64_t size, const char *name)
{
    struct loop_state *st = L->mploop__impl;
    if (st->team && !st->local_err)
        st->local_err = mploop__team_add_local(st->team, addr, size, name);
}

/* Parent: a global or static array the body names; the memory module
 * moves a large one into shared memory.  Only a loop that may fork does it
 * (it holds the loop lock, so no other thread's loop is running); loops
 * that run in-process, nested ones in a worker included, leave it. */
void mploop_static(mploop_loop *L, void *addr, uint64_t size)
{
    struct loop_state *st = L->mploop__impl;
    if (st->team && mploop__mem_allocator(NULL, NULL, 0) == 0)
        mploop__mem_static(addr, size);
}

/* Both: this thread runs the body of st in-process: participant 0 of 1,
 * with the cancel word of st (cancel.c). */
static void loop_body_here(struct loop_state *st)
{
    st->body.stop = &st->stop;
    st->body.worker = 0;
    st->body.team = NULL;
    mploop__body_enter(&st->body);
}

/* Both: run the loop in-process from now on, for `reason`: use private
 * participant areas, print the verbose line and make this the innermost
 * in-process loop (for mploop_fail).  Returns 1 for mploop_start. */
static int loop_run_here(struct loop_state *st, const struct mploop__env *env,
                         const char *reason)
{
    st->reason = reason;
    if (!st->part)
        loop_inprocess_areas(st);
    if (st->measure) {
        st->started_ns = mploop__os_now_ns();
        mploop__usage_take(&st->use0, 1);
    }
    if (env->verbose >= (st->nested ? 2 : 1))
        mploop__verbose_inprocess(st->site, st->trip, st->reason);
    st->outer = loop_inproc;
    loop_inproc = st;
    loop_body_here(st);
    return 1;
}

/* Worker w of the loop of st, right after the fork: start its memory
 * (allocation from its arena, private regions, write tracking).  A worker
 * that cannot is ended, its slot saying why. */
static void loop_worker_begin(struct loop_state *st, unsigned w)
{
    int rc = mploop__mem_worker_begin(st->mem, w);
    if (rc < 0)
        mploop__team_worker_abort(st->team, w, MPLOOP__SLOT_BEGIN_FAILED, rc);
}

/* Parent: the descriptors the process may still open under RLIMIT_NOFILE
 * (*limit), or UINT64_MAX when there is no limit or the count is unknown. */
static uint64_t loop_fds_free(uint64_t *limit)
{
    long open = mploop__procstate_nfds();
    *limit = mploop__os_fd_limit();
    if (open < 0 || !*limit)
        return UINT64_MAX;
    return *limit > (uint64_t)open ? *limit - (uint64_t)open : 0;
}

/* Both: the loop whose chunks this process runs as a worker, or NULL (the
 * parent, or a process a worker's body started: it has its own pid). */
static struct loop_state *loop_body_worker(void)
{
    struct loop_state *st = loop_me.st;
    if (!mploop__team_in_worker() || !st || !st->team || loop_me.pid != getpid())
        return NULL;
    return st;
}

/* Worker, from longjmp (io_interpose.c): the body jumps to a setjmp made
 * before the loop, which would run the rest of the program in this worker:
 * fail the iteration instead.  Returns in a process the body started. */
static void loop_leave(void)
{
    struct loop_state *st = loop_body_worker();
    if (!st)
        return;
    mploop__team_worker_fail(st->team, loop_me.w, 1,
                             "longjmp to a setjmp made before the loop: the rest of the "
                             "program cannot run in a worker; return from the body (e.g. "
                             "with an error flag) or call mploop_fail instead");
}

/* Worker w of the loop of st, forked or resumed: begin its memory and
 * become the loop's participant w. */
static void loop_worker_start(struct loop_state *st, mploop_loop *L, unsigned w)
{
    loop_worker_begin(st, w);
    mploop__window_participant(w);
    mploop__output_worker_begin(w);
    mploop__io_jmp_reset();
    mploop__io_hooks.exit = mploop__loop_exit;
    mploop__io_hooks.leave = loop_leave;
    loop_me.pid = getpid();
    if (st->measure)
        mploop__usage_take(&loop_me.use0, 0);
    loop_me.began_ns = mploop__os_now_ns();
    loop_me.st = st;
    loop_me.w = w;
    loop_me.share = w;
    loop_me.round = 0;
    loop_me.claiming = 0;
    loop_me.chunks = 0;
    loop_me.pending = 0;
    L->mploop__cur = &st->team->ctl->slot[w].cur;
    L->mploop__stop = &st->team->ctl->stop;
    st->body.stop = &st->team->ctl->stop;
    st->body.worker = w;
    st->body.team = st->team;
    mploop__body_worker(&st->body);
}

/* Worker of a persistent team, parked, on its own stack: list what it
 * wrote, wait to be woken, and resume the next loop as the parent's copy. */
static void loop_parked(void)
{
    int rc = mploop__mem_worker_park();
    mploop__team_worker_wait(rc == 0);
    mploop__mem_worker_resume();
}

/* Parent, after reporting a failure of the forked loop of st: say which
 * lock each worker held or waited on, then release those the workers
 * held (they are gone). */
static void loop_coop_failed(struct loop_state *st)
{
    if (!st->team)
        return;
    mploop__window_notes(st->team->pid, st->team->forked);
    mploop__window_recover(st->team->pid, st->team->forked);
}

/* Parent: give up forking and run the loop in-process. */
static int loop_fall_back(struct loop_state *st, const struct mploop__env *env)
{
    return loop_run_here(st, env, "fork failed");
}

/* Both: the exit status of a program ended by mploop_fail_code(code). */
static int loop_user_status(int code)
{
    return code >= 1 && code <= 255 ? code : EXIT_FAILURE;
}

/* Parent: end the program the way the sequential program would have
 * ended at the failure: by the same signal (without a core dump), with
 * the worker's exit status, with mploop_fail's status, else with
 * EXIT_FAILURE.  The loop's resources are released already. */
__attribute__((noreturn)) static void loop_end_program(const struct mploop__failure *f)
{
    switch (mploop__fail_info(f->kind)->exit) {
    case MPLOOP__EXIT_SIGNAL:
        mploop__os_die_by_signal(f->code);
    case MPLOOP__EXIT_AS_WORKER:
        mploop__os_exit_as_worker(f->code >= 0 && f->code <= 255 ? f->code : EXIT_FAILURE);
    case MPLOOP__EXIT_USER:
        exit(loop_user_status(f->code));
    default:
        exit(EXIT_FAILURE);
    }
}

/* Parent, while it waits for the workers (struct mploop__wait's tick):
 * replay the output of the chunks due, and draw the progress line. */
static void loop_tick(void *arg)
{
    const struct loop_state *st = arg;
    if (st->pump) {
        uint64_t claimed = st->sched.kind == MPLOOP_SCHED_STATIC && !st->pipe
                               ? UINT64_MAX
                               : __atomic_load_n(&st->team->ctl->next, __ATOMIC_ACQUIRE);
        mploop__output_pump(claimed);
    }
    mploop__progress_tick(mploop__team_done(st->team));
}

/* Parent: the body called exit(f->code) in a worker (f): end the program
 * with that status, as the sequential loop would have, after the output of
 * the iterations up to that one (loop_finish replayed it).  The parent's
 * atexit handlers run here, once. */
__attribute__((noreturn)) static void loop_program_exit(struct loop_state *st,
                                                        const struct mploop__env *env,
                                                        const struct mploop__failure *f)
{
    if (env->verbose >= 1)
        mploop__verbose_program_exit(st->site, st->lb, st->step, f->iter, f->code);
    mploop__team_unmap(st->team);
    st->team = NULL;
    exit(f->code);
}

/* Parent: wait for the workers of a forked loop and merge their writes,
 * then give the terminating signals back.  Returns 0 on success, -1 with
 * *f and *others filled in on failure; memory is released either way and
 * nothing is merged on failure.  A terminating signal that reached the
 * parent during the loop ends the process here, after cleanup. */
static int loop_finish(struct loop_state *st, const struct mploop__env *env,
                       struct mploop__failure *f, unsigned *others)
{
    int capture = mploop__output_active();
    /* A pipeline's participants are not iterations: no progress line. */
    int progress = !st->pipe &&
                   mploop__progress_begin(st->site, st->trip, st->started_ns, env->progress);
    st->pump = capture && st->policy != MPLOOP__ON_ERROR_SERIAL;
    struct mploop__wait o = {
        .grace_ms = env->grace_ms,
        .timeout_ns = env->timeout_ns,
        .keep_earlier = capture,
        .tick = st->pump || progress ? loop_tick : NULL,
        .tick_arg = st,
        .tick_ns = st->pump ? LOOP_OUTPUT_TICK_NS : MPLOOP__PROGRESS_TICK_NS,
    };
    uint64_t t0 = mploop__os_now_ns(), t1 = 0, t2 = 0;
    int failed = mploop__team_wait(st->team, &o, f, others) != 0;
    mploop__progress_end();
    int stopped = !failed && loop_stopped(st);
    if (stopped)
        mploop__verify_cancelled(st->site);
    failed = mploop__verify_wait(st->team, st->mem, &o, failed, f);
    if (!failed) {
        uintptr_t race = 0;
        t1 = mploop__os_now_ns();
        int rc = mploop__mem_merge(st->mem, st->team->forked, &race);
        t2 = mploop__os_now_ns();
        if (rc < 0) {
            memset(f, 0, offsetof(struct mploop__failure, msg));
            f->msg[0] = '\0';
            f->kind = rc == -EBUSY    ? MPLOOP__FAIL_RACE
                    : rc == -EDOM   ? MPLOOP__FAIL_VERIFY
                    : rc == -EPROTO ? MPLOOP__FAIL_CHANNEL /* a channel was refused */
                                    : MPLOOP__FAIL_MERGE;
            f->code = rc;
            f->addr = race;
            if (rc == -EBUSY) /* what the address belongs to, found once */
                mploop__mem_describe(race, f->msg, sizeof f->msg);
            else if (rc == -EDOM)
                mploop__verify_explain(st->mem, f);
            f->worker = UINT_MAX;
            f->iter = UINT64_MAX;
            *others = 0;
            failed = 1;
        }
    }
    /* The output of a loop that will run again in-process is dropped; a
     * program that ends here shows what came before the end. */
    if (failed)
        mploop__output_failed(st->policy != MPLOOP__ON_ERROR_SERIAL ||
                                  f->kind == MPLOOP__FAIL_PROGRAM_EXIT,
                              f->worker, f->iter);
    else
        mploop__output_finish();
    if (env->stats && t2) {
        int snapshot;
        uint64_t pages, changed;
        mploop__mem_stats(st->mem, &snapshot, &pages, &changed);
        mploop__verbose_joined(st->site, st->team->forked, snapshot, pages, changed, t1 - t0,
                               t2 - t1);
    }
    if (st->measure) {
        uint64_t merged = 0;
        if (t2) {
            int snapshot;
            uint64_t pages;
            mploop__mem_stats(st->mem, &snapshot, &pages, &merged);
        }
        struct mploop__run run = {
            .trip = st->trip,
            .started_ns = st->started_ns,
            .wall_ns = mploop__os_now_ns() - st->started_ns,
            .merge_ns = t2 - t1,
            .merged = merged,
            .failed = failed && f->kind != MPLOOP__FAIL_PROGRAM_EXIT,
        };
        mploop__measure_forked(st->site, st->team, &run);
    }
    if (failed)
        mploop__mem_discard(st->mem);
    else {
        mploop__verify_overlaps(st->site, env, st->mem);
        /* A cancelled loop's time says nothing of its trip count. */
        if (!stopped)
            mploop__adapt_forked(st->site, st->trip, st->team->forked,
                                 mploop__os_now_ns() - st->started_ns,
                                 mploop__team_busy_ns(st->team), st->formed);
    }
    mploop__mem_release(st->mem);
    st->mem = NULL;
    int sig = mploop__sig_release(&st->team->sig);
    if (sig) {
        mploop__team_unmap(st->team);
        st->team = NULL;
        mploop__os_die_by_signal(sig);
    }
    return failed ? -1 : 0;
}

/* Parent: the workers' output cannot be captured (err): say so once; it
 * reaches the descriptors unordered. */
static void loop_output_unordered(const mploop_site *site, int err)
{
    static int said MPLOOP__STATE;
    if (said)
        return;
    said = 1;
    mploop__warning(site, "cannot capture the workers' output (%s); what they write may "
                    "interleave", mploop__os_errno_text(err));
}

/* Parent, after forking fewer workers than planned: the rings of the
 * missing slots wait for whoever adopts their static shares. */
static void loop_output_orphans(struct loop_state *st)
{
    for (unsigned s = st->team->forked; s < st->n; s++) {
        uint64_t lo = UINT64_MAX, hi;
        if (st->sched.kind == MPLOOP_SCHED_STATIC) {
            if (!mploop__sched_static(st->trip, st->n, s, st->sched.chunk, 0, &lo, &hi))
                lo = UINT64_MAX;
        } else if (st->sched.kind == MPLOOP_SCHED_AUTO) {
            if (!mploop__sched_static(mploop__sched_auto_split(st->trip, st->n), st->n, s, 0, 0,
                                      &lo, &hi))
                lo = UINT64_MAX;
        }
        mploop__output_orphan(s, lo);
    }
}

/* Parent: run the loop.  In-process loops print their verbose line and
 * return 1: this process is the only participant.  Otherwise flush stdio,
 * prepare memory, print the verbose line and fork: returns 1 in each worker
 * and 0 in the parent.  When memory cannot be prepared or no worker can be
 * forked, warns and runs the loop in-process; when only some workers can
 * be forked, warns and lets them share the missing workers' iterations.
 * Under MPLOOP_ON_ERROR=serial the parent waits for the workers and merges
 * here: 0 after a successful run (mploop_join then has nothing to do), or,
 * after a failure (reported, nothing merged), 1 to run the loop again
 * in-process. */
int mploop_start(mploop_loop *L)
{
    struct loop_state *st = L->mploop__impl;
    const struct mploop__env *env = mploop__env_get(st->site);
    st->started_ns = mploop__os_now_ns();
    if (st->reason)
        return loop_run_here(st, env, st->reason);
    struct mploop__team *t = st->team;
    fflush(NULL);
    if (st->local_err) {
        mploop__warning(st->site, "cannot record the enclosing function's variables (%s); "
                        "running the loop in-process", mploop__os_errno_text(st->local_err));
        t->forked = 0;
        return loop_fall_back(st, env);
    }
    struct mploop__memreq req = {
        .site = st->site,
        .frame = st->frame,
        .locals = t->locals,
        .nlocals = t->nlocals,
        .nworkers = st->n,
        .snapshot = env->check || st->policy != MPLOOP__ON_ERROR_EXIT ||
                    (st->site->flags & MPLOOP_SITE_SNAPSHOT) != 0,
        .sequential = env->check == MPLOOP__CHECK_VERIFY,
    };
    int rc = mploop__mem_prepare(&req, &st->mem);
    if (rc < 0) {
        uint64_t as = rc == -ENOMEM ? mploop__os_as_limit() : 0;
        if (as)
            mploop__warning(st->site, "cannot prepare memory for the workers (%s): the "
                            "address-space limit (RLIMIT_AS, ulimit -v) is %llu MiB; raise or "
                            "remove it to run loops on workers; running the loop in-process",
                            mploop__os_errno_text(rc), (unsigned long long)(as >> 20));
        else
            mploop__warning(st->site, "cannot prepare memory for the workers (%s); running "
                            "the loop in-process", mploop__os_errno_text(rc));
        st->mem = NULL;
        t->forked = 0;
        return loop_fall_back(st, env);
    }
    if (env->verbose >= 1)
        mploop__verbose_forked(st->site, st->trip, st->n, &st->sched);
    unsigned w;
    int worker = 0, resumed = 0;
    struct mploop__arch_ctx ctx;
    /* A persistent team keeps a dozen descriptors open in the parent (its
     * own, the write tracking's, the staging file's): where the descriptor
     * limit leaves less room, workers are forked for each loop instead. */
    uint64_t fd_limit;
    /* The capture of the workers' output is planned before they are woken
     * or forked, from the descriptors the persistent team's check listed
     * when it got that far. */
    struct mploop__wfds wl;
    wl.n = -1;
    int persist = env->team == MPLOOP__TEAM_PERSIST &&
                  (mploop__team_crew_exists() ||
                   loop_fds_free(&fd_limit) >= LOOP_TEAM_FDS + 2 * st->n);
    const char *volatile why = persist ? mploop__team_crew_ready(t, &wl) : NULL;
    rc = mploop__output_plan(st->n, st->pipe_rings, env->output,
                             st->policy == MPLOOP__ON_ERROR_SERIAL, &wl);
    if (rc < 0)
        loop_output_unordered(st->site, rc);
    if (persist) {
        if (!why && loop_crew_output != mploop__output_generation())
            why = "the output capture opened descriptors the parked workers lack";
        if (!why) {
            if (mploop__arch_ctx_save(&ctx) != 0) {
                /* A parked worker, made equal to the parent, resumes here. */
                w = mploop__team_resumed(t);
                loop_worker_start(st, L, w);
                return 1;
            }
            int rc = mploop__mem_team_stage(&ctx, st->n);
            if (rc == 0) {
                mploop__team_crew_wake(t);
                resumed = 1;
            } else {
                why = rc == -ESTALE  ? "the address-space layout changed"
                    : rc == -E2BIG   ? "too much memory changed to copy it into the workers"
                    : rc == -EPROTO  ? "a worker's list of written pages was malformed"
                                     : "the parent's written pages cannot be listed";
            }
        }
        if (!resumed) {
            mploop__team_crew_dissolve(why);
            mploop__mem_team_drop();
            int fr = mploop__team_crew_form(t);
            if (fr == 0 && (fr = mploop__mem_team_form(st->n)) != 0)
                t->crew = 0;
            st->formed = t->crew;
            loop_crew_output = mploop__output_generation();
            if (env->verbose >= 3)
                mploop__verbose_team(st->site, st->n, why, fr, mploop__mem_tracker_name());
        } else if (env->verbose >= 3) {
            mploop__verbose_team(st->site, st->n, NULL, 0, NULL);
        }
    }
    if (!resumed) {
        /* A new worker opens a few descriptors of its own (its write
         * tracking, /proc files): without room for them it could not start,
         * so the loop runs in-process instead. */
        uint64_t free_fds = loop_fds_free(&fd_limit);
        if (free_fds < LOOP_WORKER_FDS) {
            mploop__warning(st->site, "%llu free descriptors of the %llu the process may open "
                            "(RLIMIT_NOFILE, ulimit -n), and a worker needs %d; raise the limit "
                            "to run loops on workers; running the loop in-process",
                            (unsigned long long)free_fds, (unsigned long long)fd_limit,
                            LOOP_WORKER_FDS);
            mploop__team_crew_dissolve("too few free descriptors");
            mploop__output_failed(0, UINT_MAX, UINT64_MAX);
            mploop__mem_release(st->mem);
            st->mem = NULL;
            t->forked = 0;
            return loop_fall_back(st, env);
        }
        mploop__mem_forking(1);
        worker = mploop__team_fork(t, &w);
        mploop__mem_forking(0);
    }
    if (worker) {
        if (t->crew) {
            int jr = mploop__mem_worker_join(w);
            if (jr < 0)
                mploop__team_worker_abort(t, w, MPLOOP__SLOT_BEGIN_FAILED, jr);
        }
        loop_worker_start(st, L, w);
        return 1;
    }
    if (t->forked == 0) {
        mploop__output_failed(0, UINT_MAX, UINT64_MAX);
        mploop__mem_release(st->mem);
        st->mem = NULL;
        mploop__warning(st->site, "cannot fork a worker (%s); running the loop in-process",
                        mploop__os_errno_text(t->fork_err));
        return loop_fall_back(st, env);
    }
    if (t->forked < st->n) {
        mploop__warning(st->site, "could fork only %u of %u workers (%s); they share the "
                        "iterations of the others", t->forked, st->n,
                        mploop__os_errno_text(t->fork_err));
        loop_output_orphans(st);
    }
    volatile uint64_t *seq_cur;
    if (mploop__verify_start(st->site, t, st->mem, &seq_cur)) {
        /* The sequential run of MPLOOP_CHECK=verify: every iteration in
         * order (mploop_next hands it the whole loop, as in-process), with
         * participant areas of its own. */
        loop_inprocess_areas(st);
        L->mploop__cur = seq_cur;
        /* Its body's mploop_cancel stops it (see loop_finish). */
        loop_body_here(st);
        return 1;
    }
    if (st->policy == MPLOOP__ON_ERROR_SERIAL) {
        struct mploop__failure f;
        unsigned others;
        if (loop_finish(st, env, &f, &others) == 0) {
            st->joined = 1;
            return 0;
        }
        if (f.kind == MPLOOP__FAIL_PROGRAM_EXIT)
            loop_program_exit(st, env, &f);
        mploop__report_failure(st->site, st->lb, st->step, &f, others, st->policy);
        loop_coop_failed(st);
        mploop__last_error_record(st->site, st->lb, st->step, &f, others);
        return loop_run_here(st, env, "serial re-run");
    }
    return 0;
}

/* Worker: the next static chunk of this worker among the first `trip`
 * iterations, with chunk size `chunk`: its own share round by round, then
 * the shares of planned workers that could not be forked. */
static int loop_next_static(struct loop_state *st, uint64_t trip, uint64_t chunk, uint64_t *lo,
                            uint64_t *hi)
{
    struct mploop__team *t = st->team;
    for (;;) {
        if (mploop__sched_static(trip, st->n, loop_me.share, chunk, loop_me.round, lo, hi)) {
            loop_me.round++;
            return 1;
        }
        /* Nothing left of this share.  Usually every planned worker
         * exists; otherwise adopt an orphaned share. */
        if (__atomic_load_n(&t->ctl->forked, __ATOMIC_ACQUIRE) == (int)st->n)
            return 0;
        unsigned forked = mploop__team_forked(t);
        unsigned next = forked + __atomic_fetch_add(&t->ctl->adopted, 1, __ATOMIC_RELAXED);
        if (next >= st->n)
            return 0;
        loop_me.share = next;
        loop_me.round = 0;
    }
}

/* Worker: the next dynamic or guided chunk, claimed with a compare-and-
 * swap on the shared counter so that it never runs past the trip count. */
static int loop_next_claim(struct loop_state *st, uint64_t *lo, uint64_t *hi)
{
    uint64_t *counter = &st->team->ctl->next;
    uint64_t next = __atomic_load_n(counter, __ATOMIC_RELAXED);
    for (;;) {
        uint64_t take = mploop__sched_take(&st->sched, st->trip, st->n, next);
        if (take == 0)
            return 0;
        if (__atomic_compare_exchange_n(counter, &next, next + take, 1, __ATOMIC_ACQ_REL,
                                        __ATOMIC_RELAXED)) {
            *lo = next;
            *hi = next + take;
            return 1;
        }
    }
}

/* Both: how many iterations of the chunk of `len` iterations starting at lo
 * ran, when cur is the last iteration that started (mploop_at publishes an
 * iteration only when it starts, and a participant's chunks come in
 * increasing order, so a cur outside the chunk means none of it ran). */
static uint64_t loop_chunk_ran(uint64_t cur, uint64_t lo, uint64_t len)
{
    return cur >= lo && cur - lo < len ? cur - lo + 1 : 0;
}

/* Worker of st: when the loop failed in another worker at an iteration at
 * or below v, stop now (its output logged; never returns). */
static void loop_stop_if_failed(struct loop_state *st, uint64_t v)
{
    if (mploop__team_cancelled(st->team, v)) {
        mploop__output_worker_end();
        mploop__team_worker_cancel(st->team, loop_me.w);
    }
}

/* Both: the next chunk [*lo, *hi) of iteration indices for this
 * participant; 0 when it has none left (also once the loop was cancelled).  In-process the whole loop is one
 * chunk. */
int mploop_next(mploop_loop *L, uint64_t *lo, uint64_t *hi)
{
    struct loop_state *st = L->mploop__impl;
    if (loop_is_my_worker(st)) {
        int got;
        unsigned ring = loop_me.w;
        int stop = __atomic_load_n(&st->team->ctl->stop, __ATOMIC_ACQUIRE);
        /* The chunk before this call is finished: count it (the progress
         * line reads the count while the loop runs), or what ran of it
         * when the loop was cancelled. */
        if (loop_me.pending) {
            struct mploop__slot *slot = &st->team->ctl->slot[loop_me.w];
            uint64_t ran = stop ? loop_chunk_ran(slot->cur, loop_me.lo, loop_me.pending)
                                : loop_me.pending;
            __atomic_store_n(&slot->done, slot->done + ran, __ATOMIC_RELAXED);
            loop_me.pending = 0;
        }
        if (stop) {
            /* Cancelled by the body: no chunk is handed out any more. */
            got = 0;
        } else if (st->sched.kind == MPLOOP_SCHED_STATIC) {
            got = loop_next_static(st, st->trip, st->sched.chunk, lo, hi);
            ring = loop_me.share;
        } else if (st->sched.kind == MPLOOP_SCHED_AUTO && !loop_me.claiming &&
                   loop_next_static(st, mploop__sched_auto_split(st->trip, st->n), 0, lo, hi)) {
            /* auto: this worker's block of the first part, then claims. */
            got = 1;
            ring = loop_me.share;
        } else {
            loop_me.claiming = 1;
            got = loop_next_claim(st, lo, hi);
        }
        /* A failed loop stops its workers at the chunks after the failure. */
        loop_stop_if_failed(st, got ? *lo : 0);
        if (got) {
            mploop__output_chunk(ring, *lo, *hi);
            loop_me.pending = *hi - *lo;
            loop_me.lo = *lo;
            loop_me.chunks++;
        }
        return got;
    }
    if (st->handed || st->trip == 0)
        return 0;
    st->handed = 1;
    *lo = 0;
    *hi = st->trip;
    return 1;
}

/* Worker: see internal.h.  Only the worker process itself (not a process
 * its body forked) inside a loop's chunks ends this way. */
void mploop__loop_exit(int status)
{
    struct loop_state *st = loop_body_worker();
    if (!st)
        return;
    uint64_t cur = st->team->ctl->slot[loop_me.w].cur;
    mploop__output_worker_exit(cur);
    mploop__team_worker_exit(st->team, loop_me.w, status);
}

/* Both: this participant's result_bytes slot for reduction partials. */
void *mploop_partial(mploop_loop *L)
{
    struct loop_state *st = L->mploop__impl;
    if (loop_is_my_worker(st))
        return st->team->results + st->team->result_stride * loop_me.w;
    return st->part;
}

/* Both, and the parent after the join: the lastprivate area.  In a
 * participant (the generated code calls it there only after the last
 * iteration ran) it records that the area holds that iteration's values. */
void *mploop_last(mploop_loop *L)
{
    struct loop_state *st = L->mploop__impl;
    if (loop_is_my_worker(st))
        __atomic_store_n(&st->team->ctl->last_ran, 1, __ATOMIC_RELAXED);
    else
        st->last_ran = 1;
    return st->last;
}

/* Parent, after a successful join: did the last iteration run and store
 * the lastprivate values?  Only a cancelled loop can miss it. */
int mploop_last_ran(mploop_loop *L)
{
    struct loop_state *st = L->mploop__impl;
    if (st->reason)
        return st->last_ran;
    return __atomic_load_n(&st->team->ctl->last_ran, __ATOMIC_RELAXED) != 0;
}

/* Worker, when its part of the loop of st ends: a lock it still holds
 * would stay held forever (every later acquire waiting), so the loop fails
 * at the worker's last iteration, naming the lock. */
static void loop_check_held(struct loop_state *st)
{
    char lock[160], msg[MPLOOP__MSG_MAX];
    unsigned n = mploop__window_held_by_me(lock, sizeof lock);
    if (!n)
        return;
    snprintf(msg, sizeof msg, "the worker's iterations ended holding %s%s; release every lock "
             "in the iteration that acquired it", lock, n > 1 ? " and others" : "");
    mploop__output_worker_end();
    mploop__team_worker_fail(st->team, loop_me.w, 1, msg);
}

/* Both: the end of a participant.  A worker flushes every stdio stream (so
 * its output appears once), ships its writes and exits; in-process this
 * returns. */
void mploop_end(mploop_loop *L)
{
    struct loop_state *st = L->mploop__impl;
    mploop__verify_end(st->mem);
    if (!loop_is_my_worker(st))
        return;
    loop_check_held(st);
    uint64_t busy = mploop__os_now_ns() - loop_me.began_ns;
    mploop__output_worker_end();
    fflush(NULL);
    struct mploop__slot *slot = &st->team->ctl->slot[loop_me.w];
    slot->chunks = loop_me.chunks;
    slot->began_ns = loop_me.began_ns;
    if (st->measure) {
        struct mploop__usage now;
        mploop__usage_take(&now, 0);
        mploop__usage_delta(&loop_me.use0, &now, &slot->use);
    }
    int rc = mploop__mem_worker_ship(st->mem, loop_me.w);
    if (rc < 0)
        mploop__team_worker_abort(st->team, loop_me.w, MPLOOP__SLOT_SHIP_FAILED, rc);
    mploop__team_worker_done(st->team, loop_me.w, busy);
    /* Still here: a worker of the persistent team, which parks. */
    mploop__team_worker_park(loop_parked);
}

/* Both: an in-process execution of st ended: record its figures with
 * what the thread used since loop_run_here. */
static void loop_measure_inprocess(const struct loop_state *st)
{
    struct mploop__usage now, use;
    uint64_t wall = mploop__os_now_ns() - st->started_ns;
    /* In-process the iterations run in order: a cancelled loop ran those
     * up to the last one that started. */
    uint64_t ran = st->stop ? loop_chunk_ran(st->cur, 0, st->trip) : st->trip;
    mploop__usage_take(&now, 1);
    mploop__usage_delta(&st->use0, &now, &use);
    mploop__measure_inprocess(st->site, ran, wall, &use);
}

/* Parent: wait for the workers, then merge their writes.  In-process
 * loops (and loops already joined by mploop_start) return 0 at once.  A
 * failure (a worker failed, a race, a merge error) is reported and recorded
 * for mploop_last_error, which tells its kind; then, by the error policy, it
 * ends the program as the sequential program would have, or returns -1 with
 * the parent's memory as before the loop.  On success returns 0. */
int mploop_join(mploop_loop *L)
{
    struct loop_state *st = L->mploop__impl;
    if (st->adaptive)
        mploop__adapt_inprocessed(st->site, st->trip, mploop__os_now_ns() - st->started_ns);
    if (st->reason && st->measure)
        loop_measure_inprocess(st);
    if (st->reason || st->joined)
        return 0;
    const struct mploop__env *env = mploop__env_get(st->site);
    struct mploop__failure f;
    unsigned others;
    if (loop_finish(st, env, &f, &others) == 0)
        return 0;
    if (f.kind == MPLOOP__FAIL_PROGRAM_EXIT)
        loop_program_exit(st, env, &f);
    mploop__report_failure(st->site, st->lb, st->step, &f, others, st->policy);
    loop_coop_failed(st);
    mploop__last_error_record(st->site, st->lb, st->step, &f, others);
    if (st->policy == MPLOOP__ON_ERROR_EXIT) {
        mploop__team_unmap(st->team);
        st->team = NULL;
        loop_end_program(&f);
    }
    return -1;
}

/* Both: the body called mploop_fail or mploop_fail_code: format the
 * message (cut at MPLOOP__MSG_MAX - 1 bytes) and end the current loop
 * participant.  In a worker the message goes to the parent through the
 * control block.  In-process the loop cannot be abandoned halfway, so the
 * failure is reported and ends the program as the exit policy does;
 * outside any loop likewise. */
__attribute__((noreturn)) static void loop_fail(int code, const char *fmt, va_list ap)
{
    char msg[MPLOOP__MSG_MAX];
    if (!fmt || vsnprintf(msg, sizeof msg, fmt, ap) < 0)
        snprintf(msg, sizeof msg, "(no message)");
    if (mploop__team_in_worker() && loop_me.st && loop_me.st->team)
        mploop__team_worker_fail(loop_me.st->team, loop_me.w, code, msg);
    struct loop_state *st = loop_inproc;
    struct mploop__failure f;
    memset(&f, 0, sizeof f);
    f.kind = MPLOOP__FAIL_USER;
    f.code = code;
    f.worker = UINT_MAX;
    snprintf(f.msg, sizeof f.msg, "%s", msg);
    if (!st) {
        mploop__error(NULL, "mploop_fail called outside a parallel loop: %s", msg);
        exit(loop_user_status(code));
    }
    f.iter = st->cur < st->trip || (st->pipe && st->cur != UINT64_MAX) ? st->cur : UINT64_MAX;
    fflush(NULL);
    mploop__report_failure(st->site, st->lb, st->step, &f, 0, MPLOOP__ON_ERROR_EXIT);
    mploop__last_error_record(st->site, st->lb, st->step, &f, 0);
    exit(loop_user_status(code));
}

/* Both: fail the loop from its body with status 1 (see mploop.h). */
void mploop_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    loop_fail(1, fmt, ap);
}

/* Both: fail the loop from its body with a code (see mploop.h). */
void mploop_fail_code(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    loop_fail(code, fmt, ap);
}

/* ---- for constructs run as a loop (pipeline.c) ---------------------------- */

/* Parent, after mploop_begin: see internal.h. */
void mploop__loop_pipeline(mploop_loop *L, unsigned rings, void *state)
{
    struct loop_state *st = L->mploop__impl;
    st->pipe = 1;
    st->pipe_rings = rings;
    st->extra = state;
    /* A failed pipeline is not run again in-process: its first stage read
     * input (a file, a pipe) that a second run would not see again. */
    if (st->policy == MPLOOP__ON_ERROR_SERIAL)
        st->policy = MPLOOP__ON_ERROR_EXIT;
    /* Its workers publish steps (item * stages + stage), not participant
     * numbers: any value but UINT64_MAX is one. */
    if (st->team)
        st->team->trip = UINT64_MAX - 1;
}

/* Both: see internal.h. */
void *mploop__loop_state(mploop_loop *L)
{
    return ((struct loop_state *)L->mploop__impl)->extra;
}

/* Both: see internal.h. */
int mploop__loop_worker(mploop_loop *L, unsigned *w)
{
    struct loop_state *st = L->mploop__impl;
    if (!loop_is_my_worker(st))
        return 0;
    *w = loop_me.w;
    return 1;
}

/* Worker: see internal.h. */
void mploop__loop_stop_if_failed(mploop_loop *L, uint64_t v)
{
    struct loop_state *st = L->mploop__impl;
    if (loop_is_my_worker(st))
        loop_stop_if_failed(st, v);
}

/* Worker: see internal.h. */
void mploop__loop_claimed(mploop_loop *L, uint64_t v)
{
    struct loop_state *st = L->mploop__impl;
    if (loop_is_my_worker(st))
        __atomic_store_n(&st->team->ctl->next, v, __ATOMIC_RELEASE);
}

/* Parent, after the join: see internal.h. */
unsigned mploop__loop_ran_on(mploop_loop *L, uint64_t *wall_ns)
{
    struct loop_state *st = L->mploop__impl;
    *wall_ns = mploop__os_now_ns() - st->started_ns;
    return st->reason ? 1u : st->team->forked;
}

/* Both: see internal.h. */
int mploop__loop_measured(mploop_loop *L)
{
    return ((struct loop_state *)L->mploop__impl)->measure;
}

/* Parent, after a successful join: the number of participants whose
 * partials are combined: the forked workers, or 1 in-process. */
unsigned mploop_parts(mploop_loop *L)
{
    struct loop_state *st = L->mploop__impl;
    return st->reason ? 1u : st->team->forked;
}

/* Parent, after a successful join: participant w's partials. */
const void *mploop_part(mploop_loop *L, unsigned w)
{
    struct loop_state *st = L->mploop__impl;
    if (st->reason)
        return st->part;
    return st->team->results + st->team->result_stride * w;
}

/* Parent (and, for nested loops, a worker): release everything the loop
 * holds.  Called last, whether the join succeeded or returned an error. */
void mploop_done(mploop_loop *L)
{
    struct loop_state *st = L->mploop__impl;
    if (loop_inproc == st)
        loop_inproc = st->outer;
    mploop__body_done(&st->body, loop_stopped(st));
    if (st->mem)
        mploop__mem_release(st->mem);
    /* A loop that has a team holds the loop lock (mploop_begin). */
    int locked = st->team != NULL;
    mploop__team_unmap(st->team);
    if (locked)
        mploop__threads_leave();
    if (st->scratch)
        munmap(st->scratch, st->scratch_size);
    L->mploop__impl = NULL;
    loop_state_put(st);
}
