/*
 * linux_pid.c - this process's id, asked of the kernel once per process.
 *
 * Why this file exists: the locks that threads of the program share with
 * a process that may fork (spin.h's mploop__spin_lock_pid) note their
 * holder's process id, so that a fork child never finds them held by
 * itself; getpid is a system call (glibc no longer caches it), and asking
 * it at every turn cost a loop that runs in-process a third of its time.
 * Every file of the runtime may take such a lock, so this one calls none.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"
#include "spin.h"

/* This process's id, taken once per process: getpid is a system call, and
 * the locks that threads of the program share ask for it at each turn.  A
 * fork child takes its own (pthread_atfork); the section keeps it across
 * the copies that resume a parked worker. */
static pid_t os_pid MPLOOP__WORKER;
static int os_pid_registered MPLOOP__WORKER;

/* Child of a fork: its own id. */
static void os_pid_child(void)
{
    __atomic_store_n(&os_pid, (pid_t)syscall(SYS_getpid), __ATOMIC_RELAXED);
}

/* Both: see spin.h.  The first call registers the fork-child handler. */
pid_t mploop__os_pid(void)
{
    pid_t p = __atomic_load_n(&os_pid, __ATOMIC_RELAXED);
    if (p)
        return p;
    if (!__atomic_exchange_n(&os_pid_registered, 1, __ATOMIC_ACQ_REL) &&
        pthread_atfork(NULL, NULL, os_pid_child) != 0)
        return getpid(); /* not cached: every call asks */
    p = (pid_t)syscall(SYS_getpid);
    __atomic_store_n(&os_pid, p, __ATOMIC_RELAXED);
    return p;
}

