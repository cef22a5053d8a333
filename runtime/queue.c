/*
 * queue.c - bounded queues (mploop_queue_*): items copied by value, any
 * number of producers and consumers among the parent and the workers.
 *
 * A queue is an entry of the shared window's table (window.c), whose futex
 * word is the queue's inner lock (with its holder, so that the parent can
 * release it when a worker died holding it), and a ring in the window:
 * `cap` items of `size` bytes, `head` and `tail` counting the items taken
 * and put so far.  A producer that finds the ring full (a consumer that
 * finds it empty) notes the sequence number of `not_full` (`not_empty`),
 * releases the inner lock and sleeps on that word while it is unchanged;
 * every pop (push) bumps it and wakes one sleeper, close bumps both and
 * wakes all.  A blocked participant records the queue it waits on, for the
 * reports of a failed loop.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>

#include "spin.h"
#include "window.h"

/* The ring, in the window. */
struct ring {
    uint64_t cap, size;      /* items, bytes per item */
    uint64_t head, tail;     /* items taken, items put */
    int closed;
    int not_full, not_empty; /* futex words: sequence numbers */
    int push_waiters, pop_waiters;
    char items[] __attribute__((aligned(64)));
};

/* Both: q as a queue, or the loop fails (in `what`, the function). */
static struct mploop__win_obj *queue_of(const void *q, const char *what)
{
    struct mploop__win_obj *o = mploop__window_obj_check(q, MPLOOP__OBJ_QUEUE);
    if (!o || !o->data)
        mploop_fail("%s(%p): not a queue of mploop_queue_create (destroyed already?)", what, q);
    return o;
}

/* Both: the ring of queue o. */
static struct ring *ring_of(struct mploop__win_obj *o)
{
    return (struct ring *)(uintptr_t)o->data;
}

/* Both: take queue o's inner lock. */
static void queue_lock(struct mploop__win_obj *o)
{
    mploop__window_lock_wait(&o->word);
    __atomic_store_n(&o->holder, (int)mploop__os_pid(), __ATOMIC_RELAXED);
}

/* Both: release queue o's inner lock. */
static void queue_unlock(struct mploop__win_obj *o)
{
    __atomic_store_n(&o->holder, 0, __ATOMIC_RELAXED);
    mploop__window_lock_release(&o->word);
}

/* Both, holding o's lock: sleep on *seq (counted in *waiters) until it
 * changes, the lock released meanwhile and taken again after. */
static void queue_sleep(struct mploop__win_obj *o, int *seq, int *waiters)
{
    int s = __atomic_load_n(seq, __ATOMIC_RELAXED);
    (*waiters)++;
    queue_unlock(o);
    mploop__window_waiting(o);
    mploop__os_futex_wait(seq, s);
    mploop__window_waiting(NULL);
    queue_lock(o);
    (*waiters)--;
}

/* Both, holding o's lock: bump *seq and wake one sleeper (all when all is
 * set) if any. */
static void queue_signal(int *seq, int waiters, int all)
{
    __atomic_add_fetch(seq, 1, __ATOMIC_RELEASE);
    if (waiters)
        all ? mploop__os_futex_wake(seq) : mploop__os_futex_wake_n(seq, 1);
}

/* Both: see mploop.h.  An item size of 0 is a program bug; a capacity of
 * 0, or one whose ring would not fit the shared memory, is EINVAL or
 * ENOMEM. */
mploop_queue *mploop_queue_create(size_t capacity, size_t item_size)
{
    if (item_size == 0)
        mploop_fail("mploop_queue_create: an item size of 0 bytes");
    if (capacity == 0) {
        errno = EINVAL;
        return NULL;
    }
    if (capacity > (SIZE_MAX - sizeof(struct ring)) / item_size) {
        errno = ENOMEM;
        return NULL;
    }
    struct ring *r = mploop__window_alloc(sizeof *r + capacity * item_size);
    if (!r)
        return NULL;
    r->cap = capacity;
    r->size = item_size;
    struct mploop__win_obj *o =
        mploop__window_obj_new(MPLOOP__OBJ_QUEUE, (uintptr_t)__builtin_return_address(0));
    if (!o) {
        mploop__window_free(r);
        return NULL;
    }
    __atomic_store_n(&o->data, (uint64_t)(uintptr_t)r, __ATOMIC_RELEASE);
    return (mploop_queue *)o;
}

/* Both: put item into queue o, waiting for room when block is set.
 * Returns 0, EAGAIN (full, not blocking) or EPIPE (closed). */
static int queue_put(struct mploop__win_obj *o, const void *item, int block)
{
    struct ring *r = ring_of(o);
    queue_lock(o);
    while (!r->closed && r->tail - r->head == r->cap) {
        if (!block) {
            queue_unlock(o);
            return EAGAIN;
        }
        queue_sleep(o, &r->not_full, &r->push_waiters);
    }
    if (r->closed) {
        queue_unlock(o);
        return EPIPE;
    }
    memcpy(r->items + (r->tail % r->cap) * r->size, item, (size_t)r->size);
    r->tail++;
    queue_signal(&r->not_empty, r->pop_waiters, 0);
    queue_unlock(o);
    return 0;
}

/* Both: take the oldest item of queue o into item, waiting for one when
 * block is set.  Returns 0, EAGAIN (empty, not blocking) or
 * MPLOOP_QUEUE_CLOSED (closed and drained). */
static int queue_take(struct mploop__win_obj *o, void *item, int block)
{
    struct ring *r = ring_of(o);
    queue_lock(o);
    while (r->tail == r->head) {
        if (r->closed || !block) {
            int rc = r->closed ? MPLOOP_QUEUE_CLOSED : EAGAIN;
            queue_unlock(o);
            return rc;
        }
        queue_sleep(o, &r->not_empty, &r->pop_waiters);
    }
    memcpy(item, r->items + (r->head % r->cap) * r->size, (size_t)r->size);
    r->head++;
    queue_signal(&r->not_full, r->push_waiters, 0);
    queue_unlock(o);
    return 0;
}

/* Both: see mploop.h. */
int mploop_queue_push(mploop_queue *q, const void *item)
{
    return queue_put(queue_of(q, "mploop_queue_push"), item, 1);
}

/* Both: see mploop.h. */
int mploop_queue_try_push(mploop_queue *q, const void *item)
{
    return queue_put(queue_of(q, "mploop_queue_try_push"), item, 0);
}

/* Both: see mploop.h. */
int mploop_queue_pop(mploop_queue *q, void *item)
{
    return queue_take(queue_of(q, "mploop_queue_pop"), item, 1);
}

/* Both: see mploop.h. */
int mploop_queue_try_pop(mploop_queue *q, void *item)
{
    return queue_take(queue_of(q, "mploop_queue_try_pop"), item, 0);
}

/* Both: see mploop.h.  Wakes every blocked producer (EPIPE) and consumer
 * (which drains, then gets MPLOOP_QUEUE_CLOSED). */
int mploop_queue_close(mploop_queue *q)
{
    struct mploop__win_obj *o = queue_of(q, "mploop_queue_close");
    struct ring *r = ring_of(o);
    queue_lock(o);
    r->closed = 1;
    queue_signal(&r->not_full, r->push_waiters, 1);
    queue_signal(&r->not_empty, r->pop_waiters, 1);
    queue_unlock(o);
    return 0;
}

/* Both: see mploop.h.  Destroying a queue a process is blocked on is a
 * program bug. */
int mploop_queue_destroy(mploop_queue *q)
{
    if (!q)
        return 0;
    struct mploop__win_obj *o = queue_of(q, "mploop_queue_destroy");
    struct ring *r = ring_of(o);
    char name[160];
    queue_lock(o);
    int busy = r->push_waiters || r->pop_waiters;
    queue_unlock(o);
    if (busy)
        mploop_fail("mploop_queue_destroy: a process is blocked on %s",
                    mploop__window_obj_name(o, name, sizeof name));
    mploop__window_obj_delete(o);
    mploop__window_free(r);
    return 0;
}
