/*
 * mploop.h - what programs that use mploop include.
 *
 * Users include this header for the version macros and the error API:
 * mploop_fail and mploop_fail_code to fail a loop from its body,
 * mploop_last_error and mploop_clear_error to read what failed under
 * MPLOOP_ON_ERROR=return.  Later public APIs go here too.
 *
 * The code the rewriter generates includes <mploop/abi.h> instead, which
 * includes this header and adds the loop entry points, the ABI between
 * rewriter and runtime (docs/generated-code.md).  Users never call those
 * by hand.
 *
 * The header includes no C library header: the rewriter puts abi.h, and so
 * this header, on the first line of a file, and a libc header there would fix
 * glibc's feature macros before the file's own `#define _GNU_SOURCE`.  So it
 * spells its integer types with the compiler's predefined macros.  It also
 * compiles as C89 (with gcc's and clang's extensions), like the programs
 * mploop rewrites.
 */
#ifndef MPLOOP_H
#define MPLOOP_H

#define MPLOOP_VERSION_MAJOR 0
#define MPLOOP_VERSION_MINOR 1
#define MPLOOP_VERSION_PATCH 0
#define MPLOOP_VERSION_STRING "0.1.0"

#ifdef __cplusplus
extern "C" {
#endif

/* Fixed-width integers (the same types as uint64_t and int64_t), used by
 * mploop_error below and by the loop ABI. */
typedef __UINT64_TYPE__ mploop_u64;
typedef __INT64_TYPE__ mploop_i64;

/* --- Error handling -------------------------------------------------------
 * See docs/errors.md.  What a failed loop does is chosen at run time by
 * MPLOOP_ON_ERROR: `exit` (default: report, then end the program as the
 * sequential program would have), `return` (report, leave memory as before
 * the loop and continue after it; the error is then available below) or
 * `serial` (report, then run the loop again in-process). */

/* Kinds of loop failure. */
enum mploop_error_kind {
    MPLOOP_ERROR_NONE = 0,     /* no loop has failed (or the error was cleared) */
    MPLOOP_ERROR_SIGNAL = 1,   /* a worker was killed by a signal (a crash) */
    MPLOOP_ERROR_EXIT = 2,     /* the body called exit() or _exit() */
    MPLOOP_ERROR_FAIL = 3,     /* the body called mploop_fail */
    MPLOOP_ERROR_TIMEOUT = 4,  /* the loop ran longer than MPLOOP_TIMEOUT */
    MPLOOP_ERROR_RACE = 5,     /* two workers wrote different values to one byte */
    MPLOOP_ERROR_INTERNAL = 6, /* the runtime failed, or a worker vanished or
                                * corrupted its control block */
    MPLOOP_ERROR_VERIFY = 7    /* MPLOOP_CHECK=verify: the loop's result differs
                                * from a sequential run of it, or that run
                                * failed */
};

/* The last loop failure of this process. */
typedef struct mploop_error {
    int kind;                /* enum mploop_error_kind */
    const char *file;        /* the loop's file and line */
    unsigned line;
    const char *var;         /* name of the loop variable */
    int has_iteration;       /* the failing iteration is known */
    int iteration_is_index;  /* pointer or collapsed loop: `iteration` is the
                              * iteration index, not the variable's value */
    mploop_i64 iteration;    /* loop variable in the failing iteration
                              * (unsigned variables: cast to mploop_u64) */
    mploop_u64 index;        /* iteration index (0 for the first iteration) */
    int signal;              /* MPLOOP_ERROR_SIGNAL: the signal number */
    int status;              /* MPLOOP_ERROR_EXIT: the exit status;
                              * MPLOOP_ERROR_FAIL: the code of mploop_fail_code
                              * (1 for mploop_fail) */
    unsigned worker;         /* index of the worker that failed, ~0u for none */
    int pid;                 /* its process id, 0 when none */
    unsigned others;         /* further workers that failed on their own */
    mploop_u64 address;      /* MPLOOP_ERROR_RACE: first racing address;
                              * MPLOOP_ERROR_VERIFY: first differing address */
    const char *message;     /* MPLOOP_ERROR_FAIL: the message; otherwise a
                              * description such as "killed by SIGSEGV
                              * (Segmentation fault)" */
    int stage;               /* a pipeline: the failing stage (0 for the
                              * first), `iteration` and `index` the item
                              * (0 for the first); -1 for a loop */
} mploop_error;

/* The last failure of a loop the calling thread ran, or NULL when none has
 * failed since the thread started or called mploop_clear_error (each thread
 * has its own, like errno).  The pointed-to data stays valid until the
 * thread's next failure or mploop_clear_error, or until it ends. */
const mploop_error *mploop_last_error(void);

/* Forget the calling thread's last failure: mploop_last_error returns NULL
 * again. */
void mploop_clear_error(void);

/* Called in a loop body: fail the loop on purpose, like an exception.  The
 * message (printf format, cut at 511 bytes) goes to the parent, which
 * reports `FILE:LINE: iteration VAR = VALUE failed: MESSAGE` and applies the
 * MPLOOP_ON_ERROR policy; by default the program ends with status 1 (with
 * `code` for mploop_fail_code, when it is 1 to 255).  Outside a loop body it
 * reports the message and ends the program the same way.  Never returns. */
void mploop_fail(const char *fmt, ...)
    __attribute__((__noreturn__, __format__(__printf__, 1, 2)));
void mploop_fail_code(int code, const char *fmt, ...)
    __attribute__((__noreturn__, __format__(__printf__, 2, 3)));

/* --- Cooperating workers: shared memory, locks, semaphores, queues --------
 * See docs/sync.md.  Every object lives in memory that the parent and all
 * workers see at once (never merged, never snapshotted).  Functions return
 * 0 or a positive errno value, as pthreads do; create functions return NULL
 * and set errno.  Misuse that is a program bug (releasing a lock the caller
 * does not hold, destroying a lock that is held, freeing memory that is not
 * shared) fails the loop like mploop_fail. */

/* size bytes of zeroed memory shared by the parent and every worker,
 * aligned to 64 bytes, usable before, in and after loops; NULL with errno
 * ENOMEM when it cannot be had.  Free it with mploop_shared_free (NULL is
 * fine). */
void *mploop_shared_alloc(__SIZE_TYPE__ size);
void mploop_shared_free(void *p);

/* Locks (Python's multiprocessing.Lock): one holder at a time among the
 * parent and all workers.  acquire blocks; try returns EBUSY when the lock
 * is held.  A worker that dies holding a lock fails its loop (the report
 * names the lock); a worker whose part of the loop ends holding one fails
 * it too.  When MPLOOP_TIMEOUT expires, the report says which lock each
 * worker waits on and who holds it. */
typedef struct mploop_lock mploop_lock;
mploop_lock *mploop_lock_create(void);
int mploop_lock_acquire(mploop_lock *lock);
int mploop_lock_try(mploop_lock *lock);
int mploop_lock_release(mploop_lock *lock);
int mploop_lock_destroy(mploop_lock *lock);

/* Counting semaphores (multiprocessing.Semaphore): the count never goes
 * below 0; post adds one, wait takes one, blocking while it is 0.  try
 * returns EAGAIN at 0; timedwait gives up after `seconds` (relative, like
 * acquire(timeout=)) with ETIMEDOUT.  create fails with EINVAL above
 * 2147483647; post with EOVERFLOW there. */
typedef struct mploop_sem mploop_sem;
mploop_sem *mploop_sem_create(unsigned value);
int mploop_sem_wait(mploop_sem *sem);
int mploop_sem_try(mploop_sem *sem);
int mploop_sem_timedwait(mploop_sem *sem, double seconds);
int mploop_sem_post(mploop_sem *sem);
int mploop_sem_destroy(mploop_sem *sem);

/* Bounded queues (multiprocessing.Queue) of items of item_size bytes,
 * copied by value, any number of producers and consumers among the parent
 * and the workers.  push blocks while the queue is full, pop while it is
 * empty; the try variants return EAGAIN instead.  After close, push returns
 * EPIPE and pop drains what is left, then returns MPLOOP_QUEUE_CLOSED. */
#define MPLOOP_QUEUE_CLOSED (-1)
typedef struct mploop_queue mploop_queue;
mploop_queue *mploop_queue_create(__SIZE_TYPE__ capacity, __SIZE_TYPE__ item_size);
int mploop_queue_push(mploop_queue *queue, const void *item);
int mploop_queue_pop(mploop_queue *queue, void *item);
int mploop_queue_try_push(mploop_queue *queue, const void *item);
int mploop_queue_try_pop(mploop_queue *queue, void *item);
int mploop_queue_close(mploop_queue *queue);
int mploop_queue_destroy(mploop_queue *queue);

/* --- Cancelling a loop, and who runs an iteration -------------------------
 * See "Cancelling a loop" in docs/user-guide.md.  "The running loop" is the
 * innermost parallel loop whose body the calling thread is in (a loop
 * nested in a body runs in-process, so inside it that is the nested loop). */

/* Called in a loop body: cancel the running loop, like OpenMP's `cancel
 * for`.  No iteration starts after the call (no new chunk is handed out,
 * and every participant stops before its next iteration); iterations
 * already running finish.  The writes of every iteration that ran are kept
 * and merged, reductions combine what ran, and the loop succeeds.
 * lastprivate variables get the last iteration's values only if it ran;
 * otherwise they keep their values of before the loop.  The call returns:
 * the rest of the iteration runs.  Outside a loop body it does nothing. */
void mploop_cancel(void);

/* In a loop body: nonzero once the running loop is cancelled (by this
 * iteration or by another worker's), so that a long iteration can stop
 * early.  Outside a loop body: nonzero when the last loop the calling
 * thread ran was cancelled, until the thread's next loop ends. */
int mploop_cancelled(void);

/* In a loop body running on forked workers: this worker's number, 0 to
 * mploop_num_workers() - 1, distinct for each worker of the loop.  0 in a
 * loop that runs in-process (one worker, if(0), nested loops) and outside
 * loop bodies.  As OpenMP's omp_get_thread_num. */
int mploop_worker_num(void);

/* In a loop body running on forked workers: the number of workers running
 * the loop.  1 in a loop that runs in-process and outside loop bodies.  As
 * OpenMP's omp_get_num_threads. */
int mploop_num_workers(void);

/* --- Pipelines -------------------------------------------------------------
 * See docs/pipeline.md.  A pipeline is a chain of stages that items flow
 * through, like oneTBB's parallel_pipeline: the first stage produces the
 * items, each later stage takes the item the stage before it made and makes
 * the next one.  Stages run in worker processes, items move between them
 * by value through rings in shared memory, and at most max_tokens items
 * are in flight at once, so the memory a pipeline uses does not grow with
 * its input.  Its writes to the program's memory are merged at the end as
 * a loop's are; its failures are reported and handled as a loop's
 * (MPLOOP_ON_ERROR, MPLOOP_TIMEOUT, MPLOOP_REPORT). */

/* Kinds of stage.  A serial stage runs one item at a time, always in the
 * same worker (its writes to the program's memory need no lock); a serial
 * in-order stage also takes the items in the order the first stage made
 * them; a parallel stage runs items at once on every worker.  The first
 * stage is serial in order whatever kind it is given, except parallel,
 * which it cannot be. */
#define MPLOOP_STAGE_SERIAL_IN_ORDER 0
#define MPLOOP_STAGE_SERIAL 1
#define MPLOOP_STAGE_PARALLEL 2

/* What a stage function returns: 0 hands its item (*out) on to the next
 * stage; MPLOOP_DROP drops the item (no later stage sees it); MPLOOP_STOP,
 * from the first stage only, means there are no more items (its *out is
 * not used).  Any other value fails the pipeline. */
#define MPLOOP_STOP 1
#define MPLOOP_DROP 2

/* A stage: in is the item the stage before made (NULL for the first
 * stage), out the item this stage makes (out_item_size bytes, NULL when
 * that is 0), ctx the pointer given to mploop_pipeline_stage.  A payload
 * too big for an item goes in mploop_shared_alloc memory, the item
 * carrying the pointer. */
typedef int (*mploop_stage_fn)(const void *in, void *out, void *ctx);

typedef struct mploop_pipeline mploop_pipeline;

/* A pipeline with at most max_tokens items in flight (0: four per
 * worker), no stages yet; NULL with errno ENOMEM when out of memory.
 * Reports name the line of the call (the macro below). */
mploop_pipeline *mploop_pipeline_create(__SIZE_TYPE__ max_tokens);
/* Add a stage after the others: 0, or EINVAL for an unknown kind, a NULL
 * fn, a parallel first stage, more than 32 stages or a pipeline that is
 * running. */
int mploop_pipeline_stage(mploop_pipeline *pl, int kind, mploop_stage_fn fn, void *ctx,
                          __SIZE_TYPE__ out_item_size);
/* Run the pipeline to the end on `workers` worker processes (0: as many as
 * loops get, MPLOOP_WORKERS or the CPUs; 1, or a pipeline run from a loop
 * body, runs in-process: every item through every stage in turn).  Returns
 * 0 when every item went through; EINVAL without stages; EBUSY from one of
 * its own stages; under MPLOOP_ON_ERROR=return -1 after a failure
 * (reported, memory as before, mploop_last_error tells what failed).  A
 * pipeline can run again. */
int mploop_pipeline_run(mploop_pipeline *pl, unsigned workers);
/* Free the pipeline (NULL is fine). */
void mploop_pipeline_destroy(mploop_pipeline *pl);

/* The same, recording where the pipeline was made, for reports. */
mploop_pipeline *mploop_pipeline_create_at(__SIZE_TYPE__ max_tokens, const char *file,
                                           unsigned line);
#define mploop_pipeline_create(max_tokens)                                                    \
    mploop_pipeline_create_at((max_tokens), __FILE__, __LINE__)

#ifdef __cplusplus
}
#endif

#endif /* MPLOOP_H */
