/*
 * spin.h - the runtime's spinlocks.
 *
 * Why this file exists: the worker arenas (malloc.c) and the large-block
 * heap (large.c) guard a few list operations with a lock that must work
 * inside malloc (no pthread mutex: it may allocate or be interposed) and
 * across fork; the reserve of runtime memory (reserve.c), the adaptation
 * table (adapt.c), the first reading of the environment (env.c) and the
 * choice of the dirty-page tracker (track.c), which threads of the program
 * may reach at once, guard theirs with a variant that a fork child never
 * finds held.  All spin with the CPU's pause hint,
 * and after a while give the CPU away, so that a holder preempted on a busy
 * machine gets to run.
 */
#ifndef MPLOOP_SPIN_H
#define MPLOOP_SPIN_H

#include <sched.h>
#include <unistd.h>

#include "arch.h"

/* linux_os.c.  Both: this process's id, asked of the kernel once per
 * process (a fork child asks again). */
pid_t mploop__os_pid(void);

/* Spins with the pause hint before each sched_yield. */
#define MPLOOP__SPIN_TRIES 64

/* Both: take the lock at *word (0: free, 1: held). */
static inline void mploop__spin_lock(volatile int *word)
{
    for (unsigned n = 0; __atomic_exchange_n(word, 1, __ATOMIC_ACQUIRE); ) {
        while (__atomic_load_n(word, __ATOMIC_RELAXED)) {
            if (++n % MPLOOP__SPIN_TRIES == 0)
                sched_yield();
            else
                mploop__arch_relax();
        }
    }
}

/* Both: release the lock at *word. */
static inline void mploop__spin_unlock(volatile int *word)
{
    __atomic_store_n(word, 0, __ATOMIC_RELEASE);
}

/* Both: take the lock at *word (0: free, else the process id of its
 * holder), for state that threads of the program reach while another one
 * may fork: a child finds the lock held by its parent's pid, taken by a
 * thread it does not have, and takes it over.  Release it with
 * mploop__spin_unlock. */
static inline void mploop__spin_lock_pid(volatile int *word)
{
    int me = (int)mploop__os_pid();
    for (unsigned n = 0;;) {
        int cur = __atomic_load_n(word, __ATOMIC_RELAXED);
        if (cur != me && __atomic_compare_exchange_n(word, &cur, me, 0, __ATOMIC_ACQUIRE,
                                                     __ATOMIC_RELAXED))
            return;
        if (++n % MPLOOP__SPIN_TRIES == 0)
            sched_yield();
        else
            mploop__arch_relax();
    }
}

#endif /* MPLOOP_SPIN_H */
