/*
 * mploop/abi.h - the ABI between the code the rewriter generates and the
 * runtime.
 *
 * Every file the rewriter transforms includes this header on its first line
 * (docs/generated-code.md shows the exact code).  It declares the types the
 * generated code fills in, the inline trip-count helpers, and the loop entry
 * points, grouped by the runtime file that defines them (as libgomp's
 * libgomp_g.h does), and it registers the including file's module with the
 * runtime.  Users do not include it: they include <mploop.h>, which this
 * header includes.
 *
 * MPLOOP_ABI_VERSION changes whenever the generated code and the runtime stop
 * agreeing (a field of mploop_params or mploop_site moves, an entry point
 * changes its meaning).  The generated code writes the version it was
 * generated for and sizeof(mploop_params) into the first two fields of
 * mploop_params, and mploop_begin refuses a loop whose numbers differ from
 * the runtime's, naming the loop, instead of misreading its parameters.
 *
 * Like mploop.h, this header includes no C library header (a libc header on
 * a file's first line would fix glibc's feature macros before the file's own
 * `#define _GNU_SOURCE`) and compiles as C89: the generated code uses
 * __builtin_memcpy and the compiler's predefined type macros.
 */
#ifndef MPLOOP_ABI_H
#define MPLOOP_ABI_H

#include "../mploop.h"

/* Version of the loop ABI: what mploop_params.abi must hold. */
#define MPLOOP_ABI_VERSION 3

#ifdef __cplusplus
extern "C" {
#endif

/* Wide integer used once per loop to compute trip counts without overflow. */
__extension__ typedef __int128 mploop_wide;
__extension__ typedef unsigned __int128 mploop_uwide;

/* Comparison of the loop test, normalized so that the loop variable is on the
 * left (`ub > v` becomes MPLOOP_LT). */
enum mploop_test {
    MPLOOP_LT = 0,
    MPLOOP_LE = 1,
    MPLOOP_GT = 2,
    MPLOOP_GE = 3,
    MPLOOP_NE = 4
};

/* Status of the trip count computation, handed to mploop_begin which turns a
 * non-zero status into a report naming the loop. */
enum mploop_trip_status {
    MPLOOP_TRIP_OK = 0,
    MPLOOP_TRIP_ZERO_STEP = 1,      /* step is 0 and the test holds: endless */
    MPLOOP_TRIP_WRONG_DIRECTION = 2, /* step moves away from the bound: endless */
    MPLOOP_TRIP_NE_UNREACHED = 3,   /* `!=` bound is never met exactly */
    MPLOOP_TRIP_OVERFLOW = 4        /* more than UINT64_MAX iterations */
};

/* Schedules (schedule clause). */
enum mploop_schedule {
    MPLOOP_SCHED_STATIC = 0,
    MPLOOP_SCHED_DYNAMIC = 1,
    MPLOOP_SCHED_GUIDED = 2,
    MPLOOP_SCHED_AUTO = 3,
    MPLOOP_SCHED_RUNTIME = 4,       /* read MPLOOP_SCHEDULE */
    MPLOOP_SCHED_DEFAULT = 5        /* no schedule clause */
};

/* Flags of a loop site. */
enum mploop_site_flags {
    MPLOOP_SITE_VAR_SIGNED = 1u << 0,  /* loop variable is a signed integer */
    MPLOOP_SITE_VAR_POINTER = 1u << 1, /* loop variable is a pointer */
    MPLOOP_SITE_SNAPSHOT = 1u << 2,    /* loop asks for snapshot mode */
    MPLOOP_SITE_COLLAPSED = 1u << 3,   /* collapse(n > 1): reports give the
                                        * iteration index, not `var = value` */
    MPLOOP_SITE_PIPELINE = 1u << 4     /* a pipeline (mploop_pipe_begin):
                                        * reports name a stage and an item */
};

/* One annotated loop in the source: static, read-only, one per pragma. */
typedef struct mploop_site {
    const char *file;     /* file name as given to the rewriter */
    unsigned line;        /* line of the `for` keyword */
    unsigned column;      /* column of the `for` keyword */
    const char *var;      /* name of the (outermost) loop variable */
    unsigned flags;       /* enum mploop_site_flags */
} mploop_site;

/* Per-execution parameters of a loop, filled by the generated code. */
typedef struct mploop_params {
    unsigned abi;          /* MPLOOP_ABI_VERSION the code was generated for */
    unsigned size;         /* sizeof(mploop_params) as the code was compiled */
    int status;            /* enum mploop_trip_status */
    mploop_u64 trip;         /* number of iterations (product for collapse) */
    mploop_i64 lb;            /* first value of the loop variable (reports only) */
    mploop_i64 step;          /* step of the loop variable (reports only) */
    int schedule;          /* enum mploop_schedule */
    int has_chunk;         /* schedule clause gave a chunk size */
    long chunk;            /* that chunk size (must be > 0) */
    int has_workers;       /* num_workers clause present */
    long workers;          /* its value (must be > 0) */
    int cond;              /* value of the if() clause, 1 without one */
    mploop_u64 result_bytes; /* bytes of reduction partials per participant */
    mploop_u64 last_bytes;   /* bytes of lastprivate values */
} mploop_params;

/* State of one loop execution; lives in the generated block on the stack of
 * the enclosing function.  Fields are the runtime's: do not touch. */
typedef struct mploop_loop {
    volatile mploop_u64 *mploop__cur; /* where this process publishes its iteration */
    void *mploop__impl;             /* runtime state (in runtime-owned memory) */
    volatile int *mploop__stop;     /* nonzero once the loop is cancelled
                                     * (mploop_cancel): no iteration starts */
} mploop_loop;

/* --- Inline helpers: computed by the generated code itself --------------- */

/* Nonzero when expression e, not evaluated, has an integer type: the
 * generated code checks the num_workers() value and the schedule's chunk
 * with it (_Static_assert), so that a string or a floating value is a
 * compile-time error naming the clause rather than a converted count. */
#define MPLOOP_IS_INTEGER(e)                                                              \
    _Generic((e), _Bool: 1, char: 1, signed char: 1, unsigned char: 1, short: 1,          \
             unsigned short: 1, int: 1, unsigned int: 1, long: 1, unsigned long: 1,       \
             long long: 1, unsigned long long: 1, default: 0)

/*
 * mploop_trip_count - number of iterations of a canonical loop.
 * lb is the first value of the variable (after conversion to its type), ub
 * the bound, step the signed step, all widened; for pointer loops lb is 0 and
 * ub the element distance `ub - lb`.  first is the C value of the loop test
 * on the first value (so that mixed-signedness tests behave as C does).
 * Stores the count in *trip and returns an enum mploop_trip_status.
 */
static __inline__ int mploop_trip_count(mploop_wide lb, mploop_wide ub, mploop_wide step,
                                    int test, int first, mploop_u64 *trip)
{
    mploop_wide n = 0;
    *trip = 0;
    if (!first)
        return MPLOOP_TRIP_OK;
    if (step == 0)
        return MPLOOP_TRIP_ZERO_STEP;
    switch (test) {
    case MPLOOP_LT:
        if (step < 0) return MPLOOP_TRIP_WRONG_DIRECTION;
        n = ub > lb ? (ub - lb + step - 1) / step : 0;
        break;
    case MPLOOP_LE:
        if (step < 0) return MPLOOP_TRIP_WRONG_DIRECTION;
        n = ub >= lb ? (ub - lb) / step + 1 : 0;
        break;
    case MPLOOP_GT:
        if (step > 0) return MPLOOP_TRIP_WRONG_DIRECTION;
        n = lb > ub ? (lb - ub - step - 1) / -step : 0;
        break;
    case MPLOOP_GE:
        if (step > 0) return MPLOOP_TRIP_WRONG_DIRECTION;
        n = lb >= ub ? (lb - ub) / -step + 1 : 0;
        break;
    default: /* MPLOOP_NE */
        if ((ub - lb) % step != 0) return MPLOOP_TRIP_NE_UNREACHED;
        n = (ub - lb) / step;
        if (n < 0) return MPLOOP_TRIP_WRONG_DIRECTION;
        break;
    }
    if (n > (mploop_wide)__UINT64_MAX__)
        return MPLOOP_TRIP_OVERFLOW;
    *trip = (mploop_u64)n;
    return MPLOOP_TRIP_OK;
}

/*
 * mploop_trip_count_mod - number of iterations of a loop `v != ub` over an
 * unsigned variable of `bits` bits (1 to 64), which steps modulo 2^bits:
 * the smallest k with lb + k * step == ub modulo 2^bits, where the step may
 * wrap the variable around any number of times.  fits is whether ub is a
 * value of the variable's type (when not, v never equals it); first is the
 * C value of the test on the first value.  Stores the count in *trip and
 * returns an enum mploop_trip_status.
 */
static __inline__ int mploop_trip_count_mod(mploop_wide lb, mploop_wide ub, mploop_wide step,
                                            int bits, int fits, int first, mploop_u64 *trip)
{
    mploop_uwide mask, d, s, inv;
    int tz = 0, i;
    *trip = 0;
    if (!first)
        return MPLOOP_TRIP_OK;
    if (!fits || bits < 1 || bits > 64)
        return MPLOOP_TRIP_NE_UNREACHED;
    mask = ((mploop_uwide)1 << bits) - 1;
    d = ((mploop_uwide)ub - (mploop_uwide)lb) & mask;
    s = (mploop_uwide)step & mask;
    if (s == 0)
        return MPLOOP_TRIP_ZERO_STEP;
    while (!((s >> tz) & 1))
        tz++;
    if (d & (((mploop_uwide)1 << tz) - 1))
        return MPLOOP_TRIP_NE_UNREACHED;    /* every value v takes misses ub */
    s >>= tz;
    d >>= tz;
    mask >>= tz;
    inv = s;                                /* s * inv == 1 modulo 2^(bits - tz) */
    for (i = 0; i < 6; i++)
        inv = (inv * (2 - s * inv)) & mask;
    *trip = (mploop_u64)((d * inv) & mask);
    return MPLOOP_TRIP_OK;
}

/* mploop_trip_mul - *total *= n for collapse; returns MPLOOP_TRIP_OVERFLOW
 * when the product does not fit, else the status it was given. */
static __inline__ int mploop_trip_mul(mploop_u64 *total, mploop_u64 n, int status)
{
    if (status != MPLOOP_TRIP_OK)
        return status;
    if (n != 0 && *total > __UINT64_MAX__ / n)
        return MPLOOP_TRIP_OVERFLOW;
    *total *= n;
    return MPLOOP_TRIP_OK;
}

/* mploop_at - both: before iteration k starts.  Returns nonzero when the
 * loop was cancelled (mploop_cancel): the iteration must not run, and the
 * generated code leaves its chunk.  Otherwise publishes k as the iteration
 * being run (for failure reports and the loop report) and returns 0: one
 * load and a branch predicted not taken, for loops that never cancel. */
static __inline__ int mploop_at(mploop_loop *L, mploop_u64 k)
{
    if (__builtin_expect(*L->mploop__stop != 0, 0))
        return 1;
    *L->mploop__cur = k;
    return 0;
}

/* --- Entry points, grouped by the runtime file that defines them ----------
 * Called by generated code; parent unless noted. */

/* loop.c */

/* Prepare one execution of the loop at `site`.  Reports and ends the program
 * when p was written for another ABI (p->abi is not MPLOOP_ABI_VERSION or
 * p->size not sizeof(mploop_params)), when p->status is not MPLOOP_TRIP_OK
 * or when a clause value is invalid. */
void mploop_begin(mploop_loop *L, const mploop_site *site, const mploop_params *p);

/* Hand the runtime the frame address of the enclosing function
 * (__builtin_frame_address(0)); callers' frames above it are merged whole. */
void mploop_frame(mploop_loop *L, void *frame);

/* Register a variable of the enclosing function that is in scope at the loop
 * (address and size, sizeof for VLAs) so that workers' writes to it are
 * merged.  Also makes the variable's address escape for the compiler. */
void mploop_local(mploop_loop *L, void *addr, mploop_u64 size, const char *name);

/* Hand the runtime a global or static array the loop body names (its
 * address and sizeof): one at least as large as a large block is moved, at
 * its first loop, into shared memory at the same address, contents kept, so
 * that workers write it in place (direct mode) or in private copies the
 * merge diffs (snapshot mode) instead of shipping its pages. */
void mploop_static(mploop_loop *L, void *addr, mploop_u64 size);

/* Fork the workers.  Returns nonzero in each worker and when the loop runs
 * in-process (nested, if(0), one worker, trip <= 1, fork failed); returns 0
 * in the parent once the workers run.  Under MPLOOP_ON_ERROR=serial the
 * parent also waits for the workers here: it returns 0 after a successful
 * run and nonzero after a failed one, to run the loop again in-process. */
int mploop_start(mploop_loop *L);

/* Both: take the next chunk of iteration indices [*lo, *hi); 0 when done. */
int mploop_next(mploop_loop *L, mploop_u64 *lo, mploop_u64 *hi);

/* Both: this participant's slot of p->result_bytes for reduction partials. */
void *mploop_partial(mploop_loop *L);

/* Both, and parent after the join: the p->last_bytes lastprivate area.  A
 * participant calls it only once the sequentially last iteration ran, and
 * the call records that it did. */
void *mploop_last(mploop_loop *L);

/* Parent, after a successful join: nonzero when the sequentially last
 * iteration ran (always, for a loop that was not cancelled and has
 * iterations), so that the lastprivate area holds its values. */
int mploop_last_ran(mploop_loop *L);

/* Both: end of the participant.  A worker flushes its output, ships its
 * writes to the parent and exits (never returns); in-process, returns. */
void mploop_end(mploop_loop *L);

/* Parent: wait for the workers, merge their writes, report failures.
 * Returns 0 on success.  By default a failure is reported and ends the
 * program; when the error policy lets the program continue
 * (MPLOOP_ON_ERROR=return) it returns -1, with memory as before the loop and
 * the failure in mploop_last_error. */
int mploop_join(mploop_loop *L);

/* Parent, after a successful join: number of participants whose partials
 * must be combined, and participant w's slot. */
unsigned mploop_parts(mploop_loop *L);
const void *mploop_part(mploop_loop *L, unsigned w);

/* Parent: release everything the loop holds.  Always called last. */
void mploop_done(mploop_loop *L);

/* ---- profile.c: the loop profiler (mploop-cc --profile) ----
 * With `mploop --profile` every for statement of the file is wrapped in a
 * block that declares the loop's site (a static mploop_prof_site) and a
 * frame whose cleanup closes the loop's timing on every way out of it
 * (docs/profiling.md).  The runtime adds each closed entry to its site and
 * writes every site entered, at exit, to mploop.profile. */

/* One profiled for statement.  The rewriter fills in the first five
 * fields; the runtime owns the rest. */
typedef struct mploop_prof_site {
    const char *file;
    unsigned line, column;
    const char *function;
    struct mploop_prof_site *parent;   /* the profiled loop around it, or 0 */
    struct mploop_prof_site *next;     /* the list of sites entered */
    int listed;
    mploop_u64 entries, iterations, ns;
    mploop_u64 timed;                  /* entries whose time is in ns */
    long countdown;                    /* an inner loop's entries until the
                                        * next timed one (a hint, kept
                                        * between entries of its outer loop) */
} mploop_prof_site;

/* One entry of a profiled loop, on the stack of the function. */
typedef struct mploop_prof_frame {
    mploop_prof_site *site;
    mploop_u64 start;                  /* 0: not measured (in a worker);
                                        * 1: counted, not timed */
    mploop_u64 iterations;
} mploop_prof_frame;

/* Parent: the constructor of every profiled file calls it: the run's time
 * starts at the first call, and the profile is written at exit. */
void mploop_prof_begin(void);
/* Both: a loop of site s is entered; returns the start time to keep in the
 * frame (0 in a worker, where nothing is recorded; 1 for an entry counted
 * but not timed: past its first entries, a site times one in 16). */
mploop_u64 mploop_prof_enter(mploop_prof_site *s);
/* Both: the entry that began at start ran the given number of iterations
 * and ends now. */
void mploop_prof_exit(mploop_prof_site *s, mploop_u64 start, mploop_u64 iterations);
/* Both: the frame's cleanup; inlined, so that the frame's counter stays in
 * a register while the loop runs. */
static __inline__ void mploop_prof_close(mploop_prof_frame *f)
{
    mploop_prof_exit(f->site, f->start, f->iterations);
}

/* ---- An inner loop: nested in a profiled loop of the same function ----
 * Its counts are kept in a mploop_prof_inner declared in the block of the
 * outermost profiled loop around it, in registers while that loop runs,
 * and added to its site when that block ends.  An entry costs an increment
 * and a decrement; one entry in about 512 (and the first 64 of a site) is
 * timed, through a call on a path the compiler sets aside. */
typedef struct mploop_prof_inner {
    mploop_prof_site *site;
    mploop_u64 entries, iterations, ns, timed;
    long countdown;                    /* entries until the next timed one */
} mploop_prof_inner;

/* One timed entry of an inner loop: when it started, and the entries
 * until the next timed one. */
typedef struct mploop_prof_sample {
    mploop_u64 start;                  /* 0: not timed (in a worker) */
    long next;
} mploop_prof_sample;

/* One entry of an inner loop, on the stack of the function. */
typedef struct mploop_prof_inner_frame {
    mploop_prof_inner *counts;
    mploop_u64 start;                  /* 0: not timed */
} mploop_prof_inner_frame;

/* Both: an entry of the inner loop of site s is timed; `timed` entries of
 * it were timed before, not yet added to s. */
mploop_prof_sample mploop_prof_inner_sample(mploop_prof_site *s, mploop_u64 timed);
/* Both: the nanoseconds since start, a timed entry's start. */
mploop_u64 mploop_prof_inner_elapsed(mploop_u64 start);
/* Both: add an outer entry's counts of the inner loop of site s, and keep
 * its countdown for the next. */
void mploop_prof_inner_add(mploop_prof_site *s, mploop_u64 entries, mploop_u64 iterations,
                           mploop_u64 ns, mploop_u64 timed, long countdown);

/* Both: an entry of the inner loop counted in c begins; its start time
 * when it is timed, else 0. */
static __inline__ mploop_u64 mploop_prof_inner_enter(mploop_prof_inner *c)
{
    c->entries++;
    if (__builtin_expect(--c->countdown > 0, 1))
        return 0;
    mploop_prof_sample t = mploop_prof_inner_sample(c->site, c->timed);
    c->countdown = t.next;
    return t.start;
}

/* Both: the inner loop entry's cleanup: the time of a timed entry. */
static __inline__ void mploop_prof_inner_close(mploop_prof_inner_frame *f)
{
    if (__builtin_expect(f->start != 0, 0)) {
        f->counts->ns += mploop_prof_inner_elapsed(f->start);
        f->counts->timed++;
    }
}

/* Both: the cleanup of an inner loop's counts, at the end of the block of
 * the outermost profiled loop around it. */
static __inline__ void mploop_prof_inner_flush(mploop_prof_inner *c)
{
    if (c->entries)
        mploop_prof_inner_add(c->site, c->entries, c->iterations, c->ns, c->timed, c->countdown);
}

/* Flags of mploop_module: the file has parallel loops (the rewriter
 * defines MPLOOP__MODULE_FLAGS to this before including the header in a
 * file with loops; a file instrumented by --profile alone has none). */
#define MPLOOP_MODULE_LOOPS 1u
#ifndef MPLOOP__MODULE_FLAGS
#define MPLOOP__MODULE_FLAGS 0u
#endif

/* Both: the loaded module (executable or shared object) holding `addr`
 * contains transformed code, so its globals and static locals are merged
 * after every loop, whichever module the loop is in.  With
 * MPLOOP_MODULE_LOOPS the module can start loops, and the parent's large
 * blocks go to the shared heap from then on (a program without any loop
 * keeps them in the C library's heap, where first touches are cheaper).
 * Every file that includes this header registers its module when it is
 * loaded, through the constructor below (a weak reference: a program built
 * without the runtime, with plain cc, still links and simply registers
 * nothing). */
void mploop_module(const void *addr, unsigned flags) __attribute__((__weak__));
#ifndef MPLOOP_NO_MODULE_CONSTRUCTOR /* defined by mploop's own sources */
static void __attribute__((__constructor__, __unused__)) mploop__module_here(void)
{
    if (mploop_module)
        mploop_module((const void *)&mploop__module_here, MPLOOP__MODULE_FLAGS);
}
#endif

/* --- Pipelines (runtime/pipeline.c) ---------------------------------------
 * `#pragma mploop pipeline` and mploop_pipeline_run run a pipeline as one
 * execution of a loop: mploop_pipe_begin instead of mploop_begin, then
 * mploop_frame and mploop_local as for a loop, mploop_start, and in every
 * participant (mploop_start nonzero) a loop over mploop_pipe_next that runs
 * the stage it names, then mploop_end; the parent calls mploop_pipe_join
 * and mploop_pipe_done (docs/generated-code.md). */

/* One stage, in a static array of the generated code. */
typedef struct mploop_stage_spec {
    int kind;              /* MPLOOP_STAGE_* */
    unsigned line;         /* the stage's line in the source, 0: unknown */
    mploop_u64 out_size;   /* bytes of the item it hands to the next stage */
} mploop_stage_spec;

/* Most stages of a pipeline. */
#define MPLOOP_PIPE_MAX_STAGES 32

/* Parent: prepare one run of the pipeline at `site` (flag
 * MPLOOP_SITE_PIPELINE) of the n stages, at most `tokens` items in flight
 * (0: four per worker).  p gives abi, size, cond and the workers clause;
 * its other fields are unused.  Reports and ends the program for an ABI
 * mismatch or invalid stages, as mploop_begin does. */
void mploop_pipe_begin(mploop_loop *L, const mploop_site *site, const mploop_params *p,
                       const mploop_stage_spec *stages, unsigned n, mploop_u64 tokens);

/* Both, in a participant: finish the step mploop_pipe_next handed out
 * last, which returned `status` (0: pass the item on, MPLOOP_DROP,
 * MPLOOP_STOP from stage 0; ignored on the first call), and take the next:
 * its stage in *stage, the stage's input item in *in (NULL for stage 0)
 * and its output item in *out (NULL when out_size is 0).  Returns 0 when
 * the participant has nothing more to do; then call mploop_end.  Blocks
 * while other participants hold every item it could take. */
int mploop_pipe_next(mploop_loop *L, int status, unsigned *stage, const void **in,
                     void **out);

/* Parent: mploop_join for a pipeline, which also records its stages'
 * figures for MPLOOP_REPORT. */
int mploop_pipe_join(mploop_loop *L);

/* Parent: mploop_done for a pipeline.  Always called last. */
void mploop_pipe_done(mploop_loop *L);

/* --- Named critical sections (runtime/lock.c) ----------------------------
 * `#pragma mploop critical [(name)]` becomes a call to mploop_critical_enter
 * before the statement and mploop_critical_leave after it.  One lock per
 * distinct name for the whole program (all processes), made at its first
 * use; "" names the unnamed critical section.  Leaving a section the caller
 * is not in fails the loop like mploop_fail. */
void mploop_critical_enter(const char *name);
void mploop_critical_leave(const char *name);

#ifdef __cplusplus
}
#endif

#endif /* MPLOOP_ABI_H */
