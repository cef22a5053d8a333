/*
 * lock.c - locks (mploop_lock_*) and the named critical sections of
 * `#pragma mploop critical` (mploop_critical_enter/leave), for the parent
 * and every worker at once.
 *
 * A lock is an entry of the shared window's table of objects (window.c): a
 * futex word (0 free, 1 held, 2 held with waiters) in MAP_SHARED memory,
 * so one FUTEX_WAIT / FUTEX_WAKE serves every process.  It records its
 * holder (pid and participant index) and a blocked participant records the
 * lock it waits on, so that the parent can report what a dead worker held
 * and, when MPLOOP_TIMEOUT expires, who waits on what (window.c).  Blocked
 * workers never outlive a failed loop: the parent kills the loop's workers
 * as for any failure, then releases the locks the dead held.
 *
 * Program bugs fail the loop like mploop_fail, naming the lock: acquiring
 * a lock the caller holds already (it would wait forever), releasing one
 * it does not hold, destroying one that is held, and passing something
 * that is not a lock.  A worker whose part of the loop ends while it holds
 * a lock fails the loop too (loop.c asks mploop__window_held_by_me): the
 * lock would stay held forever, every later acquire waiting.
 *
 * Critical sections are locks made on first use by any process, one per
 * name, found by name in the table; each process remembers the name
 * pointers it looked up (the generated code passes a string literal).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>

#include "spin.h"
#include "window.h"

/* Names looked up by this process (string literals of the program: a
 * fork child's are the same; critical sections are never destroyed). */
#define CRIT_CACHE 64
static struct {
    const char *name;
    struct mploop__win_obj *obj;
} crit_cache[CRIT_CACHE] MPLOOP__STATE;
static int crit_cache_lock MPLOOP__STATE;

/* Both: l as a lock, or the loop fails (in `what`, the function). */
static struct mploop__win_obj *lock_of(const void *l, const char *what)
{
    struct mploop__win_obj *o = mploop__window_obj_check(l, MPLOOP__OBJ_LOCK);
    if (!o)
        mploop_fail("%s(%p): not a lock of mploop_lock_create (destroyed already?)", what, l);
    return o;
}

/* Both: take lock o, blocking while another process holds it; the caller
 * holding it already is a program bug.  Returns 0. */
static int lock_take(struct mploop__win_obj *o, const char *what)
{
    char name[160];
    if (__atomic_load_n(&o->holder, __ATOMIC_RELAXED) == (int)mploop__os_pid())
        mploop_fail("%s: %s is held by this process already (it would wait forever)", what,
                    mploop__window_obj_name(o, name, sizeof name));
    int c = 0;
    if (!__atomic_compare_exchange_n(&o->word, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
        mploop__window_waiting(o);
        mploop__window_lock_wait(&o->word);
        mploop__window_waiting(NULL);
    }
    mploop__window_held(o, 1);
    return 0;
}

/* Both: release lock o, which the caller must hold.  Returns 0. */
static int lock_give(struct mploop__win_obj *o, const char *what)
{
    char name[160];
    if (__atomic_load_n(&o->holder, __ATOMIC_RELAXED) != (int)mploop__os_pid())
        mploop_fail("%s: %s is not held by this process", what,
                    mploop__window_obj_name(o, name, sizeof name));
    mploop__window_held(o, 0);
    mploop__window_lock_release(&o->word);
    return 0;
}

/* Both: see mploop.h. */
mploop_lock *mploop_lock_create(void)
{
    struct mploop__win_obj *o =
        mploop__window_obj_new(MPLOOP__OBJ_LOCK, (uintptr_t)__builtin_return_address(0));
    return (mploop_lock *)o;
}

/* Both: see mploop.h. */
int mploop_lock_acquire(mploop_lock *l)
{
    return lock_take(lock_of(l, "mploop_lock_acquire"), "mploop_lock_acquire");
}

/* Both: see mploop.h. */
int mploop_lock_try(mploop_lock *l)
{
    struct mploop__win_obj *o = lock_of(l, "mploop_lock_try");
    int c = 0;
    if (!__atomic_compare_exchange_n(&o->word, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return EBUSY;
    mploop__window_held(o, 1);
    return 0;
}

/* Both: see mploop.h. */
int mploop_lock_release(mploop_lock *l)
{
    return lock_give(lock_of(l, "mploop_lock_release"), "mploop_lock_release");
}

/* Both: see mploop.h. */
int mploop_lock_destroy(mploop_lock *l)
{
    if (!l)
        return 0;
    struct mploop__win_obj *o = lock_of(l, "mploop_lock_destroy");
    char name[160];
    if (__atomic_load_n(&o->word, __ATOMIC_ACQUIRE) != 0)
        mploop_fail("mploop_lock_destroy: %s is held", mploop__window_obj_name(o, name, sizeof name));
    mploop__window_obj_delete(o);
    return 0;
}

/* Both: the lock of critical section `name`, made at its first use. */
static struct mploop__win_obj *critical_of(const char *name, uintptr_t caller)
{
    if (!name)
        name = "";
    mploop__spin_lock_pid(&crit_cache_lock);
    for (unsigned i = 0; i < CRIT_CACHE && crit_cache[i].name; i++)
        if (crit_cache[i].name == name) {
            struct mploop__win_obj *o = crit_cache[i].obj;
            mploop__spin_unlock(&crit_cache_lock);
            return o;
        }
    mploop__spin_unlock(&crit_cache_lock);
    struct mploop__win_obj *o = mploop__window_critical(name, caller);
    if (!o)
        mploop_fail("critical section '%s': no shared memory for its lock (%s)", name,
                    mploop__os_errno_text(errno));
    mploop__spin_lock_pid(&crit_cache_lock);
    for (unsigned i = 0; i < CRIT_CACHE; i++)
        if (!crit_cache[i].name) {
            crit_cache[i].obj = o;
            __atomic_store_n(&crit_cache[i].name, name, __ATOMIC_RELEASE);
            break;
        }
    mploop__spin_unlock(&crit_cache_lock);
    return o;
}

/* Both: see mploop/abi.h. */
void mploop_critical_enter(const char *name)
{
    lock_take(critical_of(name, (uintptr_t)__builtin_return_address(0)), "critical section");
}

/* Both: see mploop/abi.h. */
void mploop_critical_leave(const char *name)
{
    lock_give(critical_of(name, (uintptr_t)__builtin_return_address(0)), "critical section");
}
