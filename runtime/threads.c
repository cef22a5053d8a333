/*
 * threads.c - loops started by several threads of the program: one at a
 * time on workers.
 *
 * Why this file exists: a loop that runs on workers uses state the process
 * has once (the persistent team, the worker arenas, the channels, the plan
 * cache, the reserve of runtime memory), and its merge assumes that nothing
 * else of the runtime changes the parent's memory between the fork and the
 * join.  Two threads forking loops at once broke both.  So a loop that may
 * fork holds one process-wide lock from mploop_begin to mploop_done, and a
 * loop of another thread waits for it there.  Loops that run in-process
 * for a reason of their own (if clause false, one worker, adaptation) do
 * not take it and run beside.
 *
 * The lock is recursive per thread: a loop that runs in-process while it
 * holds the lock (a fall-back, a serial re-run) may reach loops in its body
 * that fork, and they take it again.  A thread is known by pthread_self(),
 * which a fork child keeps: the one thread of a child forked by the holder
 * still holds the lock, and a child forked by any other thread finds it
 * free (the atfork child handler), never held by a thread it does not have.
 * Workers never take it (their loops are nested and run in-process).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>

#include "internal.h"

/* The lock: word is a futex (0 free, 1 held, 2 held and a thread may be
 * sleeping on it), owner the pthread_self() of the holder (0 when free),
 * depth how many times the holder took it. */
static struct {
    int word;
    uintptr_t owner;
    unsigned depth;
    int registered;     /* the atfork child handler is in place */
} tl MPLOOP__STATE;

/* Both: this thread's identity. */
static uintptr_t threads_me(void)
{
    return (uintptr_t)pthread_self();
}

/* Child of any fork(): the lock is held by the one thread of this process,
 * when the forking thread held it, or free. */
static void threads_on_fork_child(void)
{
    if (tl.owner == threads_me())
        return;
    tl.word = 0;
    tl.owner = 0;
    tl.depth = 0;
}

/* Parent: see internal.h. */
int mploop__threads_enter(void)
{
    uintptr_t me = threads_me();
    if (__atomic_load_n(&tl.owner, __ATOMIC_RELAXED) == me) {
        tl.depth++;
        return 0;
    }
    int waited = 0, c = 0;
    if (!__atomic_compare_exchange_n(&tl.word, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
        waited = 1;
        if (c != 2)
            c = __atomic_exchange_n(&tl.word, 2, __ATOMIC_ACQUIRE);
        while (c != 0) {
            mploop__os_futex_wait(&tl.word, 2);
            c = __atomic_exchange_n(&tl.word, 2, __ATOMIC_ACQUIRE);
        }
    }
    __atomic_store_n(&tl.owner, me, __ATOMIC_RELAXED);
    tl.depth = 1;
    if (!tl.registered && pthread_atfork(NULL, NULL, threads_on_fork_child) == 0)
        tl.registered = 1;
    return waited;
}

/* Parent: see internal.h. */
void mploop__threads_leave(void)
{
    if (--tl.depth)
        return;
    __atomic_store_n(&tl.owner, 0, __ATOMIC_RELAXED);
    if (__atomic_exchange_n(&tl.word, 0, __ATOMIC_RELEASE) == 2)
        mploop__os_futex_wake(&tl.word);
}

/* Parent: see internal.h. */
int mploop__threads_other(void)
{
    uintptr_t owner = __atomic_load_n(&tl.owner, __ATOMIC_RELAXED);
    return __atomic_load_n(&tl.word, __ATOMIC_RELAXED) != 0 && owner != threads_me();
}
