/*
 * cancel.c - what a loop body asks of the loop it runs in: mploop_cancel,
 * mploop_cancelled, mploop_worker_num and mploop_num_workers.
 *
 * Why this file exists: these are the public calls a body makes about its
 * own loop rather than about memory or errors, the counterparts of
 * OpenMP's `cancel for`, omp_get_thread_num and omp_get_num_threads.  They
 * answer for the innermost loop whose body the calling thread runs, which
 * loop.c announces (mploop__body_*): a loop running in-process in this
 * thread (nested in a body, if(0), one worker), else, in a worker, the loop
 * it was forked for.  Each thread keeps its own list, innermost first, and
 * whether the last loop it ended was cancelled.
 *
 * Cancelling sets the loop's cancel word and nothing else.  The generated
 * code reads the word before every iteration (mploop_at, inline in
 * mploop/abi.h) and leaves its chunk once it is set, and mploop_next hands
 * out no chunk after it: no iteration starts after the cancel is seen,
 * those running finish, and the loop ends, merges and combines as usual.
 * It is not a failure: no report, and MPLOOP_ON_ERROR plays no part.
 */
#include "internal.h"

/* The innermost loop body this thread runs, or NULL outside any. */
static MPLOOP__THREAD struct mploop__body *cancel_body;

/* The last loop this thread ended was cancelled. */
static MPLOOP__THREAD int cancel_last;

/* Both: see internal.h. */
void mploop__body_enter(struct mploop__body *b)
{
    b->outer = cancel_body;
    cancel_body = b;
}

/* Worker: see internal.h. */
void mploop__body_worker(struct mploop__body *b)
{
    b->outer = NULL;
    cancel_body = b;
}

/* Both: see internal.h. */
void mploop__body_done(struct mploop__body *b, int cancelled)
{
    if (cancel_body == b)
        cancel_body = b->outer;
    cancel_last = cancelled != 0;
}

/* Both: cancel the running loop (see mploop.h).  Outside a loop body it
 * does nothing. */
void mploop_cancel(void)
{
    if (cancel_body)
        __atomic_store_n(cancel_body->stop, 1, __ATOMIC_RELEASE);
}

/* Both: in a body, whether the running loop was cancelled; elsewhere,
 * whether the last loop the calling thread ended was (see mploop.h). */
int mploop_cancelled(void)
{
    if (cancel_body)
        return __atomic_load_n(cancel_body->stop, __ATOMIC_ACQUIRE) != 0;
    return cancel_last;
}

/* Both: this participant's worker number (see mploop.h). */
int mploop_worker_num(void)
{
    return cancel_body ? (int)cancel_body->worker : 0;
}

/* Both: the number of workers of the running loop: those forked (their
 * count is final once the parent has forked them all), or 1 in-process
 * (see mploop.h). */
int mploop_num_workers(void)
{
    if (!cancel_body || !cancel_body->team)
        return 1;
    return (int)mploop__team_forked(cancel_body->team);
}
