/*
 * window.h - the shared window (window.c) as the files of cooperating
 * workers (shared.c, lock.c, sem.c, queue.c), the memory module (mem.c)
 * and the loop core (loop.c) use it.
 */
#ifndef MPLOOP_WINDOW_H
#define MPLOOP_WINDOW_H

#include "internal.h"

/* Participant indices: workers 0..MPLOOP__MAX_WORKERS-1 (the sequential
 * run of MPLOOP_CHECK=verify takes the index after the workers), then the
 * parent; MPLOOP__WIN_NONE for a process a loop body forked. */
#define MPLOOP__WIN_PARENT MPLOOP__MAX_WORKERS
#define MPLOOP__WIN_PARTS (MPLOOP__MAX_WORKERS + 1)
#define MPLOOP__WIN_NONE 0xffffffffu

/* Most objects (locks, semaphores, queues, critical sections) alive at
 * once. */
#define MPLOOP__WIN_OBJ_MAX 8192

/* Kinds of objects. */
enum mploop__obj_kind {
    MPLOOP__OBJ_LOCK = 1,
    MPLOOP__OBJ_SEM = 2,
    MPLOOP__OBJ_QUEUE = 3,
    MPLOOP__OBJ_CRITICAL = 4   /* a lock named by a critical section */
};

/* One object, an entry of the window's table (one cache line).  A lock,
 * a critical section and a queue's inner lock are the futex word `word`
 * (0 free, 1 held, 2 held with waiters) with their holder; a semaphore's
 * word is its count. */
struct mploop__win_obj {
    int word;
    int kind;                /* enum mploop__obj_kind, 0 for a free entry */
    int holder;              /* pid of the holder, 0 for none */
    unsigned holder_w;       /* its participant index */
    int waiters;             /* atomic: processes blocked on word */
    uint32_t id;             /* its number in reports (entry index + 1) */
    uintptr_t creator;       /* return address of the create call */
    uint64_t data;           /* its memory: a queue's ring (address), a
                              * critical section's name (window offset) */
    uint64_t aux;            /* a critical section's name length */
    uint64_t pad;
} __attribute__((aligned(64)));

/* What a participant is doing, in the window's header. */
struct mploop__win_part {
    int pid;                 /* the process that wrote it last */
    uint32_t wait_id;        /* atomic: the object it is blocked on, 0: none */
    uint32_t held;           /* locks it holds */
} __attribute__((aligned(64)));

/* Parent: make the shared window if it does not exist yet (before the
 * first workers are forked).  Returns 0, or -ENOMEM when it cannot exist
 * (the loop still runs; mploop_shared_alloc then returns NULL). */
int mploop__window_ready(void);
/* Both: nonzero when p lies in the window. */
int mploop__window_owns(const void *p);
/* Both (a worker when its part of a loop starts, w its index; the
 * sequential run of MPLOOP_CHECK=verify with its slot): the participant
 * index this process records as holder and waiter. */
void mploop__window_participant(unsigned w);
/* Sequential run of MPLOOP_CHECK=verify, before its body: map the window
 * private (its writes stay its own, so the program's shared memory sees
 * each iteration's effects once, from the workers) and free every lock of
 * that copy.  Returns 0 or -errno. */
int mploop__window_private(void);

/* Both: n bytes of zeroed memory in the window, aligned to 64 bytes (the
 * window is made at the first call in the parent).  NULL with errno
 * ENOMEM when the window is full or cannot exist. */
void *mploop__window_alloc(size_t n);
/* Both: free block p of the window.  Returns 0, or -EINVAL when p is not
 * a live block (nothing is done then). */
int mploop__window_free(void *p);
/* Both: usable bytes of block p, 0 when p is not a live block. */
size_t mploop__window_usable(const void *p);

/* Both: a new object of `kind`, created by the caller at `creator`, all
 * else zero.  NULL with errno ENOMEM when the table is full or the window
 * cannot exist. */
struct mploop__win_obj *mploop__window_obj_new(int kind, uintptr_t creator);
/* Both: the entry of o is free again. */
void mploop__window_obj_delete(struct mploop__win_obj *o);
/* Both: p as a live object of `kind`, or NULL when it is not one. */
struct mploop__win_obj *mploop__window_obj_check(const void *p, int kind);
/* Both: the lock of the critical section `name` ("" for the unnamed one),
 * made at the first use by any process.  NULL with errno ENOMEM. */
struct mploop__win_obj *mploop__window_critical(const char *name, uintptr_t creator);
/* Both: "lock #3 (created in main+0x2a)", "critical section 'io'" into
 * buf. */
const char *mploop__window_obj_name(const struct mploop__win_obj *o, char *buf, size_t n);

/* Both: take the futex lock at *word (0 free, 1 held, 2 contended),
 * blocking as long as it takes. */
void mploop__window_lock_wait(int *word);
/* Both: release the futex lock at *word, waking one waiter. */
void mploop__window_lock_release(int *word);
/* Both: this participant blocks on o from now (NULL: no longer). */
void mploop__window_waiting(const struct mploop__win_obj *o);
/* Both: this process took (taken != 0) or released lock o: record or
 * clear its holder. */
void mploop__window_held(struct mploop__win_obj *o, int taken);
/* Worker, when its part ends: the locks this process still holds, the
 * first named into buf. */
unsigned mploop__window_held_by_me(char *buf, size_t n);

/* Parent, after a failed loop whose workers were pids[0..n) (every one
 * reaped): a note per lock a worker held and per object a worker was
 * blocked on, naming the holder. */
void mploop__window_notes(const pid_t *pids, unsigned n);
/* Parent, after the notes: release the locks those workers held (they are
 * gone) and forget what they waited for. */
void mploop__window_recover(const pid_t *pids, unsigned n);

#endif /* MPLOOP_WINDOW_H */
