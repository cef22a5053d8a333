/*
 * team.c - the workers of one loop: their control block, fork, and reaping.
 *
 * Why this file exists: a forked loop is a small distributed system.  The
 * parent and its workers share one control block (a MAP_SHARED anonymous
 * mapping made before the fork) holding the dynamic-schedule counter, one
 * cache line per worker where it publishes the iteration it runs and how it
 * ended, the reduction partials and the lastprivate area.  This file creates
 * that block, forks the workers and makes each one die with its parent,
 * ends a worker cleanly, and waits for all of them in the parent so that a
 * crash is seen at once, the other workers are killed, and every worker is
 * reaped: no hang, no zombie, no orphan.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

/* Locals held in the control block itself; more go to a mapping of their
 * own. */
#define TEAM_INLINE_LOCALS 128

/* Set in a worker right after fork: loops it reaches run in-process. */
static int team_worker MPLOOP__STATE;

/* Parent: x rounded up to a multiple of a (a power of two). */
static uint64_t team_align(uint64_t x, uint64_t a)
{
    return (x + a - 1) & ~(a - 1);
}

/* Parent: map and initialize the control block of a loop planned for n
 * workers: n slots (no iteration published, running), n result slots of
 * result_bytes each on separate cache lines, a last_bytes lastprivate area,
 * and room for TEAM_INLINE_LOCALS locals.  Returns 0 or -errno
 * (-ENOMEM when the sizes are absurd). */
int mploop__team_map(struct mploop__team **out, unsigned n, uint64_t result_bytes,
                     uint64_t last_bytes)
{
    const uint64_t limit = (uint64_t)1 << 40;
    if (n == 0 || n > MPLOOP__MAX_WORKERS || result_bytes > limit || last_bytes > limit)
        return -ENOMEM;
    uint64_t stride = team_align(result_bytes ? result_bytes : 1, 64);
    uint64_t results = team_align(sizeof(struct mploop__team) +
                                  (uint64_t)n * sizeof(struct mploop__slot), 64);
    uint64_t last = results + stride * n;
    uint64_t locals = team_align(last + (last_bytes ? last_bytes : 1), 64);
    uint64_t size = locals + TEAM_INLINE_LOCALS * sizeof(struct mploop__range);
    size = team_align(size, (uint64_t)sysconf(_SC_PAGESIZE));

    void *map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED)
        return -errno;
    struct mploop__team *t = map;
    t->map_size = size;
    t->planned = n;
    t->forked = -1;
    t->result_stride = stride;
    t->results = (char *)map + results;
    t->last = (char *)map + last;
    t->locals = (struct mploop__range *)((char *)map + locals);
    t->locals_cap = TEAM_INLINE_LOCALS;
    for (unsigned w = 0; w < n; w++) {
        t->slot[w].cur = UINT64_MAX;
        t->slot[w].pidfd = -1;
    }
    *out = t;
    return 0;
}

/* Parent: does the locals array live in a mapping of its own? */
static int team_locals_outside(const struct mploop__team *t)
{
    const char *p = (const char *)t->locals;
    return p < (const char *)t || p >= (const char *)t + t->map_size;
}

/* Parent, before the fork: append [addr, addr + size) to the locals.  When
 * the array is full it moves to a MAP_SHARED mapping twice as large (not
 * mremap: growing a shared anonymous mapping that way is unsafe).  Zero
 * sizes are skipped.  Returns 0 or -errno. */
int mploop__team_add_local(struct mploop__team **tp, void *addr, uint64_t size)
{
    struct mploop__team *t = *tp;
    if (size == 0)
        return 0;
    if (t->nlocals == t->locals_cap) {
        size_t cap = (size_t)t->locals_cap * 2;
        void *map = mmap(NULL, cap * sizeof(struct mploop__range), PROT_READ | PROT_WRITE,
                         MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (map == MAP_FAILED)
            return -errno;
        memcpy(map, t->locals, t->nlocals * sizeof(struct mploop__range));
        if (team_locals_outside(t))
            munmap(t->locals, t->locals_cap * sizeof(struct mploop__range));
        t->locals = map;
        t->locals_cap = (unsigned)cap;
    }
    t->locals[t->nlocals].addr = (uintptr_t)addr;
    t->locals[t->nlocals].size = (uintptr_t)size;
    t->nlocals++;
    return 0;
}

/* Parent: unmap the control block and its locals mapping; NULL is fine. */
void mploop__team_unmap(struct mploop__team *t)
{
    if (!t)
        return;
    if (team_locals_outside(t))
        munmap(t->locals, t->locals_cap * sizeof(struct mploop__range));
    munmap(t, t->map_size);
}

/* Worker, right after fork: become worker w.  Dies with the parent, marks
 * the process as a worker, arms write tracking.  Exits at once when the
 * parent is already gone or tracking cannot start (the slot says why). */
static void team_become_worker(struct mploop__team *t, struct mploop__mem *m, unsigned w,
                               pid_t parent)
{
    if (mploop__os_die_with_parent(parent) == -ESRCH)
        _exit(MPLOOP__EXIT_RUNTIME);
    team_worker = 1;
    int rc = mploop__mem_worker_begin(m, w);
    if (rc < 0) {
        t->slot[w].err = rc;
        __atomic_store_n(&t->slot[w].state, MPLOOP__SLOT_BEGIN_FAILED, __ATOMIC_RELEASE);
        _exit(MPLOOP__EXIT_RUNTIME);
    }
}

/* Parent: fork the planned workers (the caller flushed stdio and prepared
 * memory).  Returns 1 in worker w (*w set) and 0 in the parent, which has
 * recorded each worker's pid and pidfd, set t->forked to the number of
 * workers that exist (fewer than planned when fork failed, t->fork_err
 * then says why) and woken workers waiting for that number. */
int mploop__team_fork(struct mploop__team *t, struct mploop__mem *m, unsigned *w)
{
    pid_t parent = getpid();
    unsigned i;
    for (i = 0; i < t->planned; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            team_become_worker(t, m, i, parent);
            *w = i;
            return 1;
        }
        if (pid < 0) {
            t->fork_err = -errno;
            break;
        }
        t->slot[i].pid = pid;
    }
    __atomic_store_n(&t->forked, (int)i, __ATOMIC_RELEASE);
    mploop__os_futex_wake(&t->forked);
    for (unsigned j = 0; j < i; j++) {
        int fd = mploop__os_pidfd(t->slot[j].pid);
        t->slot[j].pidfd = fd >= 0 ? fd : -1;
    }
    return 0;
}

/* Worker: the number of workers that exist, waiting for the parent to
 * finish forking if it has not yet (only needed when fork may have failed
 * for some, see mploop_next). */
unsigned mploop__team_forked(struct mploop__team *t)
{
    int f;
    while ((f = __atomic_load_n(&t->forked, __ATOMIC_ACQUIRE)) < 0)
        mploop__os_futex_wait(&t->forked, f);
    return (unsigned)f;
}

/* Worker: the end of worker w.  Flushes every stdio stream (so its output
 * appears once), ships its writes, marks its slot done and _exits without
 * running atexit handlers (they belong to the parent).  The merge expects
 * one shipment per planned worker: when some could not be forked, the
 * workers that exist share out the missing channels and ship into them
 * too.  Shipping the same pages twice is harmless (the copies are equal,
 * so they merge without a race); in practice the tracker has already
 * reported them and the extra shipments are empty.  A failed ship is
 * recorded in the slot and ends with MPLOOP__EXIT_RUNTIME. */
void mploop__team_worker_exit(struct mploop__team *t, struct mploop__mem *m, unsigned w)
{
    fflush(NULL);
    int rc = mploop__mem_worker_ship(m, w);
    unsigned forked = mploop__team_forked(t);
    while (rc == 0 && forked < t->planned) {
        unsigned j = forked + __atomic_fetch_add(&t->shipped_for, 1, __ATOMIC_RELAXED);
        if (j >= t->planned)
            break;
        rc = mploop__mem_worker_ship(m, j);
    }
    if (rc < 0) {
        t->slot[w].err = rc;
        __atomic_store_n(&t->slot[w].state, MPLOOP__SLOT_SHIP_FAILED, __ATOMIC_RELEASE);
        _exit(MPLOOP__EXIT_RUNTIME);
    }
    __atomic_store_n(&t->slot[w].state, MPLOOP__SLOT_DONE, __ATOMIC_RELEASE);
    _exit(0);
}

/* Parent: turn how worker w ended (wait status st, or lost when someone
 * else reaped it) into 0 for a worker that finished its work, or 1 with *f
 * filled in. */
static int team_classify(struct mploop__team *t, unsigned w, int st, int lost,
                         struct mploop__failure *f)
{
    struct mploop__slot *s = &t->slot[w];
    int state = __atomic_load_n(&s->state, __ATOMIC_ACQUIRE);
    if (state == MPLOOP__SLOT_DONE)
        return 0; /* shipped: however it ended after that, its work is done */
    f->worker = w;
    f->pid = s->pid;
    f->iter = s->cur;
    if (state == MPLOOP__SLOT_BEGIN_FAILED || state == MPLOOP__SLOT_SHIP_FAILED) {
        f->kind = state == MPLOOP__SLOT_BEGIN_FAILED ? MPLOOP__FAIL_BEGIN : MPLOOP__FAIL_SHIP;
        f->code = s->err;
    } else if (lost) {
        f->kind = MPLOOP__FAIL_LOST;
        f->code = 0;
    } else if (WIFSIGNALED(st)) {
        f->kind = MPLOOP__FAIL_SIGNAL;
        f->code = WTERMSIG(st);
    } else {
        f->kind = MPLOOP__FAIL_EXIT;
        f->code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    }
    return 1;
}

/* Parent: reap worker w, which has ended or is about to (blocking
 * waitpid).  Returns 1 when it failed (*f filled in), else 0. */
static int team_reap(struct mploop__team *t, unsigned w, struct mploop__failure *f)
{
    int st = 0;
    pid_t r;
    do
        r = waitpid(t->slot[w].pid, &st, 0);
    while (r < 0 && errno == EINTR);
    return team_classify(t, w, st, r < 0, f);
}

/* Parent: reap worker w if it has ended (waitpid WNOHANG).  Returns -1
 * while it runs, else as team_reap. */
static int team_try_reap(struct mploop__team *t, unsigned w, struct mploop__failure *f)
{
    int st = 0;
    pid_t r;
    do
        r = waitpid(t->slot[w].pid, &st, WNOHANG);
    while (r < 0 && errno == EINTR);
    if (r == 0)
        return -1;
    return team_classify(t, w, st, r < 0, f);
}

/* Parent: SIGKILL every forked worker not yet reaped. */
static void team_kill_rest(struct mploop__team *t, const unsigned char *reaped, unsigned n)
{
    for (unsigned w = 0; w < n; w++)
        if (!reaped[w])
            kill(t->slot[w].pid, SIGKILL);
}

/* Parent: wait for every forked worker (see internal.h).  Workers are
 * watched through their pidfds with poll, so whichever ends first is seen
 * first; without pidfds (old kernels) they are polled with waitpid WNOHANG
 * at most 10 ms apart.  After the first failure the rest are killed; the
 * deaths by SIGKILL this causes are not counted as failures of their own. */
int mploop__team_wait(struct mploop__team *t, struct mploop__failure *first, unsigned *others)
{
    unsigned n = (unsigned)t->forked, left = n, failed = 0;
    unsigned char reaped[MPLOOP__MAX_WORKERS] = {0};
    int killed = 0, use_pidfd = 1;
    long nap_ns = 50000;
    struct mploop__failure f;

    for (unsigned w = 0; w < n; w++)
        if (t->slot[w].pidfd < 0)
            use_pidfd = 0;
    *others = 0;
    while (left > 0) {
        struct pollfd fds[MPLOOP__MAX_WORKERS];
        unsigned who[MPLOOP__MAX_WORKERS], nfds = 0;
        int progressed = 0;
        if (use_pidfd) {
            for (unsigned w = 0; w < n; w++)
                if (!reaped[w]) {
                    fds[nfds].fd = t->slot[w].pidfd;
                    fds[nfds].events = POLLIN;
                    fds[nfds].revents = 0;
                    who[nfds++] = w;
                }
            if (poll(fds, nfds, -1) < 0) {
                if (errno != EINTR)
                    use_pidfd = 0; /* e.g. ENOMEM: fall back to polling waitpid */
                continue;
            }
        }
        for (unsigned i = 0; i < (use_pidfd ? nfds : n); i++) {
            unsigned w = use_pidfd ? who[i] : i;
            int bad;
            if (reaped[w])
                continue;
            if (use_pidfd) {
                if (!fds[i].revents)
                    continue;
                bad = team_reap(t, w, &f);
            } else if ((bad = team_try_reap(t, w, &f)) < 0) {
                continue;
            }
            reaped[w] = 1;
            left--;
            progressed = 1;
            if (!bad)
                continue;
            if (failed++ == 0) {
                *first = f;
            } else if (!(killed && f.kind == MPLOOP__FAIL_SIGNAL && f.code == SIGKILL)) {
                (*others)++;
            }
            if (!killed) {
                team_kill_rest(t, reaped, n);
                killed = 1;
            }
        }
        if (!use_pidfd && !progressed && left > 0) {
            struct timespec ts = {0, nap_ns};
            nanosleep(&ts, NULL);
            if (nap_ns < 10000000)
                nap_ns *= 2;
        }
    }
    for (unsigned w = 0; w < n; w++)
        if (t->slot[w].pidfd >= 0) {
            close(t->slot[w].pidfd);
            t->slot[w].pidfd = -1;
        }
    return failed ? -1 : 0;
}

/* Both: nonzero in a worker process. */
int mploop__team_in_worker(void)
{
    return team_worker;
}
