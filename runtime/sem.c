/*
 * sem.c - counting semaphores (mploop_sem_*) for the parent and every
 * worker at once, with the count semantics of POSIX and Python: the count
 * never goes below 0, post adds one, wait takes one and blocks while it is
 * 0.
 *
 * A semaphore is an entry of the shared window's table (window.c) whose
 * futex word is the count; `waiters` counts the processes that may sleep
 * on it, so that post makes a system call only when someone may sleep.  A
 * waiter announces itself before it looks at the count a last time and
 * sleeps only while the count is still 0, so a post between the two is
 * never lost.  A blocked participant records the semaphore it waits on,
 * for the MPLOOP_TIMEOUT report; a semaphore has no holder, so a worker
 * that dies between wait and post leaves the count one short (as in
 * Python).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>

#include "window.h"

/* Both: s as a semaphore, or the loop fails (in `what`, the function). */
static struct mploop__win_obj *sem_of(const void *s, const char *what)
{
    struct mploop__win_obj *o = mploop__window_obj_check(s, MPLOOP__OBJ_SEM);
    if (!o)
        mploop_fail("%s(%p): not a semaphore of mploop_sem_create (destroyed already?)", what, s);
    return o;
}

/* Both: take one from the count of o if it is above 0.  Returns 0 or
 * EAGAIN. */
static int sem_take(struct mploop__win_obj *o)
{
    int c = __atomic_load_n(&o->word, __ATOMIC_RELAXED);
    while (c > 0)
        if (__atomic_compare_exchange_n(&o->word, &c, c - 1, 1, __ATOMIC_ACQUIRE,
                                        __ATOMIC_RELAXED))
            return 0;
    return EAGAIN;
}

/* Both: wait until one can be taken from o's count, until the monotonic
 * deadline (0: none).  Returns 0 or ETIMEDOUT. */
static int sem_block(struct mploop__win_obj *o, uint64_t deadline)
{
    if (sem_take(o) == 0)
        return 0;
    int rc = 0;
    mploop__window_waiting(o);
    __atomic_add_fetch(&o->waiters, 1, __ATOMIC_SEQ_CST);
    while (sem_take(o) != 0) {
        if (!deadline) {
            mploop__os_futex_wait(&o->word, 0);
            continue;
        }
        uint64_t now = mploop__os_now_ns();
        if (now >= deadline) {
            rc = ETIMEDOUT;
            break;
        }
        mploop__os_futex_wait_ns(&o->word, 0, deadline - now);
    }
    __atomic_sub_fetch(&o->waiters, 1, __ATOMIC_SEQ_CST);
    mploop__window_waiting(NULL);
    return rc;
}

/* Both: see mploop.h. */
mploop_sem *mploop_sem_create(unsigned value)
{
    if (value > INT_MAX) {
        errno = EINVAL;
        return NULL;
    }
    struct mploop__win_obj *o =
        mploop__window_obj_new(MPLOOP__OBJ_SEM, (uintptr_t)__builtin_return_address(0));
    if (o)
        __atomic_store_n(&o->word, (int)value, __ATOMIC_RELEASE);
    return (mploop_sem *)o;
}

/* Both: see mploop.h. */
int mploop_sem_wait(mploop_sem *s)
{
    return sem_block(sem_of(s, "mploop_sem_wait"), 0);
}

/* Both: see mploop.h. */
int mploop_sem_try(mploop_sem *s)
{
    return sem_take(sem_of(s, "mploop_sem_try"));
}

/* Both: see mploop.h.  A negative or NaN timeout tries once. */
int mploop_sem_timedwait(mploop_sem *s, double seconds)
{
    struct mploop__win_obj *o = sem_of(s, "mploop_sem_timedwait");
    if (!(seconds > 0))
        return sem_take(o) == 0 ? 0 : ETIMEDOUT;
    uint64_t ns = seconds > 1e9 ? UINT64_MAX / 2 : (uint64_t)(seconds * 1e9);
    return sem_block(o, mploop__os_now_ns() + (ns ? ns : 1));
}

/* Both: see mploop.h. */
int mploop_sem_post(mploop_sem *s)
{
    struct mploop__win_obj *o = sem_of(s, "mploop_sem_post");
    int c = __atomic_load_n(&o->word, __ATOMIC_RELAXED);
    do
        if (c == INT_MAX)
            return EOVERFLOW;
    while (!__atomic_compare_exchange_n(&o->word, &c, c + 1, 1, __ATOMIC_SEQ_CST,
                                        __ATOMIC_RELAXED));
    if (__atomic_load_n(&o->waiters, __ATOMIC_SEQ_CST) > 0)
        mploop__os_futex_wake_n(&o->word, 1);
    return 0;
}

/* Both: see mploop.h.  Destroying a semaphore a process waits on is a
 * program bug. */
int mploop_sem_destroy(mploop_sem *s)
{
    if (!s)
        return 0;
    struct mploop__win_obj *o = sem_of(s, "mploop_sem_destroy");
    char name[160];
    if (__atomic_load_n(&o->waiters, __ATOMIC_ACQUIRE) > 0)
        mploop_fail("mploop_sem_destroy: a process waits on %s",
                    mploop__window_obj_name(o, name, sizeof name));
    mploop__window_obj_delete(o);
    return 0;
}
