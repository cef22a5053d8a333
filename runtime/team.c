/*
 * team.c - the workers of one loop: their control block, fork, and reaping.
 *
 * Why this file exists: a forked loop is a small distributed system.  The
 * parent and its workers share one control block (a MAP_SHARED anonymous
 * mapping made before the fork) holding the dynamic-schedule counter, the
 * cancel flag, one cache line per worker where it publishes the iteration it
 * runs and how it ended, a framed mploop_fail message per worker, the
 * reduction partials and the lastprivate area.  This file creates that
 * block, forks the workers and makes each one die with its parent, ends a
 * worker cleanly (done, cancelled or failed on purpose), and waits for all
 * of them in the parent so that a failure is seen at once, the other
 * workers are stopped (at their next chunk, or killed after a grace
 * period), a stuck loop times out, and every worker is reaped: no hang, no
 * zombie, no orphan.  Since any worker can scribble over the shared block,
 * the parent keeps what it needs to clean up (pids, descriptors, sizes) in
 * a private handle and validates every field it reads from the block.
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
 * workers over trip iterations: n slots (no iteration published, running),
 * n result slots of result_bytes each on separate cache lines, a
 * last_bytes lastprivate area, n mploop_fail messages and room for
 * TEAM_INLINE_LOCALS locals; fill in the private handle *t.  Returns 0 or
 * -errno (-ENOMEM when the sizes are absurd). */
int mploop__team_map(struct mploop__team *t, unsigned n, uint64_t trip,
                     uint64_t result_bytes, uint64_t last_bytes)
{
    const uint64_t limit = (uint64_t)1 << 40;
    if (n == 0 || n > MPLOOP__MAX_WORKERS || result_bytes > limit || last_bytes > limit)
        return -ENOMEM;
    uint64_t stride = team_align(result_bytes ? result_bytes : 1, 64);
    uint64_t results = team_align(sizeof(struct mploop__ctl) +
                                  (uint64_t)n * sizeof(struct mploop__slot), 64);
    uint64_t last = results + stride * n;
    uint64_t msgs = team_align(last + (last_bytes ? last_bytes : 1), 64);
    uint64_t locals = team_align(msgs + (uint64_t)n * sizeof(struct mploop__msg), 64);
    uint64_t size = locals + TEAM_INLINE_LOCALS * sizeof(struct mploop__local);
    size = team_align(size, (uint64_t)sysconf(_SC_PAGESIZE));

    void *map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED)
        return -errno;
    memset(t, 0, offsetof(struct mploop__team, pid));
    t->ctl = map;
    t->map_size = size;
    t->planned = n;
    t->trip = trip;
    t->ctl->forked = -1;
    t->result_stride = stride;
    t->results = (char *)map + results;
    t->last = (char *)map + last;
    t->msgs = (struct mploop__msg *)((char *)map + msgs);
    t->locals = (struct mploop__local *)((char *)map + locals);
    t->locals_cap = TEAM_INLINE_LOCALS;
    for (unsigned w = 0; w < n; w++) {
        t->ctl->slot[w].cur = UINT64_MAX;
        t->pid[w] = 0;
        t->pidfd[w] = -1;
    }
    return 0;
}

/* Parent: does the locals array live in a mapping of its own? */
static int team_locals_outside(const struct mploop__team *t)
{
    const char *p = (const char *)t->locals;
    return p < (const char *)t->ctl || p >= (const char *)t->ctl + t->map_size;
}

/* Parent, before the fork: append [addr, addr + size) to the locals.  When
 * the array is full it moves to a MAP_SHARED mapping twice as large (not
 * mremap: growing a shared anonymous mapping that way is unsafe).  Zero
 * sizes are skipped.  Returns 0 or -errno. */
int mploop__team_add_local(struct mploop__team *t, void *addr, uint64_t size, const char *name)
{
    if (size == 0)
        return 0;
    if (t->nlocals == t->locals_cap) {
        size_t cap = (size_t)t->locals_cap * 2;
        void *map = mmap(NULL, cap * sizeof(struct mploop__local), PROT_READ | PROT_WRITE,
                         MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (map == MAP_FAILED)
            return -errno;
        memcpy(map, t->locals, t->nlocals * sizeof(struct mploop__local));
        if (team_locals_outside(t))
            munmap(t->locals, t->locals_cap * sizeof(struct mploop__local));
        t->locals = map;
        t->locals_cap = (unsigned)cap;
    }
    t->locals[t->nlocals].addr = (uintptr_t)addr;
    t->locals[t->nlocals].size = (uintptr_t)size;
    t->locals[t->nlocals].name = name;
    t->nlocals++;
    return 0;
}

/* Parent: unmap the control block and its locals mapping, from the
 * private handle only (whatever workers wrote into the block does not
 * matter); a handle never mapped is fine. */
void mploop__team_unmap(struct mploop__team *t)
{
    if (!t || !t->ctl)
        return;
    if (team_locals_outside(t))
        munmap(t->locals, t->locals_cap * sizeof(struct mploop__local));
    munmap(t->ctl, t->map_size);
    t->ctl = NULL;
}

/* Worker, right after fork: become worker w.  Takes the default
 * disposition of the terminating signals back, dies with the parent and
 * marks the process as a worker.  Exits at once when the parent is already
 * gone. */
static void team_become_worker(struct mploop__team *t, pid_t parent)
{
    mploop__sig_worker(&t->sig);
    if (mploop__os_die_with_parent(parent) == -ESRCH)
        _exit(MPLOOP__EXIT_RUNTIME);
    team_worker = 1;
}

/* Parent: fork the planned workers (the caller flushed stdio and prepared
 * memory), with the terminating signals taken over.  Returns 1 in worker w
 * (*w set) and 0 in the parent, which has recorded each worker's pid and
 * pidfd, set t->forked to the number of workers that exist (fewer than
 * planned when fork failed, t->fork_err then says why) and woken workers
 * waiting for that number.  When none exists the signals are released. */
int mploop__team_fork(struct mploop__team *t, unsigned *w)
{
    pid_t parent = getpid();
    unsigned i;
    mploop__sig_take(&t->sig);
    t->started_ns = mploop__os_now_ns();
    for (i = 0; i < t->planned; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            team_become_worker(t, parent);
            *w = i;
            return 1;
        }
        if (pid < 0) {
            t->fork_err = -errno;
            break;
        }
        t->pid[i] = pid;
    }
    t->forked = i;
    __atomic_store_n(&t->ctl->forked, (int)i, __ATOMIC_RELEASE);
    mploop__os_futex_wake(&t->ctl->forked);
    for (unsigned j = 0; j < i; j++) {
        int fd = mploop__os_pidfd(t->pid[j]);
        t->pidfd[j] = fd >= 0 ? fd : -1;
    }
    if (i == 0) {
        int sig = mploop__sig_release(&t->sig);
        if (sig)
            mploop__os_die_by_signal(sig);
    }
    return 0;
}

/* Worker: the number of workers that exist, waiting for the parent to
 * finish forking if it has not yet (only needed when fork may have failed
 * for some, see mploop_next). */
unsigned mploop__team_forked(struct mploop__team *t)
{
    int f;
    while ((f = __atomic_load_n(&t->ctl->forked, __ATOMIC_ACQUIRE)) < 0)
        mploop__os_futex_wait(&t->ctl->forked, f);
    return (unsigned)f;
}

/* Worker: has the parent asked the workers to stop? */
int mploop__team_cancelled(const struct mploop__team *t)
{
    return __atomic_load_n(&t->ctl->cancel, __ATOMIC_RELAXED) != 0;
}

/* Worker: worker w finished its work (busy_ns of running chunks) and
 * shipped its writes: record the time, mark its slot done and _exit
 * without running atexit handlers (they belong to the parent). */
void mploop__team_worker_done(struct mploop__team *t, unsigned w, uint64_t busy_ns)
{
    t->ctl->slot[w].busy_ns = busy_ns;
    __atomic_store_n(&t->ctl->slot[w].state, MPLOOP__SLOT_DONE, __ATOMIC_RELEASE);
    _exit(0);
}

/* Worker: worker w could not do its part (state MPLOOP__SLOT_BEGIN_FAILED
 * or MPLOOP__SLOT_SHIP_FAILED, err the -errno why): record both in its
 * slot for the parent's report and _exit with MPLOOP__EXIT_RUNTIME. */
void mploop__team_worker_abort(struct mploop__team *t, unsigned w, int state, int err)
{
    t->ctl->slot[w].err = err;
    __atomic_store_n(&t->ctl->slot[w].state, state, __ATOMIC_RELEASE);
    _exit(MPLOOP__EXIT_RUNTIME);
}

/* Worker: stop worker w at a chunk boundary because the loop was
 * cancelled.  Its output so far is flushed; nothing is shipped. */
void mploop__team_worker_cancel(struct mploop__team *t, unsigned w)
{
    fflush(NULL);
    __atomic_store_n(&t->ctl->slot[w].state, MPLOOP__SLOT_CANCELLED, __ATOMIC_RELEASE);
    _exit(MPLOOP__EXIT_CANCELLED);
}

/* Worker: the body of worker w called mploop_fail(code, msg).  Frames the
 * message in the worker's message slot (magic written last), flushes the
 * worker's output and exits without shipping anything. */
void mploop__team_worker_fail(struct mploop__team *t, unsigned w, int code, const char *msg)
{
    struct mploop__msg *m = &t->msgs[w];
    size_t len = strnlen(msg, MPLOOP__MSG_MAX - 1);
    memcpy(m->text, msg, len);
    m->text[len] = '\0';
    m->len = (uint32_t)len;
    m->code = code;
    __atomic_store_n(&m->magic, MPLOOP__MSG_MAGIC, __ATOMIC_RELEASE);
    fflush(NULL);
    __atomic_store_n(&t->ctl->slot[w].state, MPLOOP__SLOT_USER_FAILED, __ATOMIC_RELEASE);
    _exit(MPLOOP__EXIT_FAIL);
}

/* Parent: copy worker w's mploop_fail message into f, validating its
 * frame: a wrong magic or length is garbage (returns -1).  Control
 * characters are replaced so that the report stays one line. */
static int team_read_msg(const struct mploop__team *t, unsigned w, struct mploop__failure *f)
{
    const struct mploop__msg *m = &t->msgs[w];
    if (__atomic_load_n(&m->magic, __ATOMIC_ACQUIRE) != MPLOOP__MSG_MAGIC)
        return -1;
    uint32_t len = m->len;
    if (len >= MPLOOP__MSG_MAX)
        return -1;
    for (uint32_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)m->text[i];
        f->msg[i] = c < 0x20 || c == 0x7f ? '?' : (char)c;
    }
    f->msg[len] = '\0';
    f->code = m->code;
    return 0;
}

/* Parent: turn how worker w ended (wait status st, or lost when someone
 * else reaped it) into 0 for a worker that finished its work, 2 for one
 * that stopped because the parent had cancelled the loop, or 1 with *f
 * filled in.  Every field the worker
 * wrote is checked: an iteration index past the trip count, an unknown
 * state, an errno out of range or a malformed message make a
 * MPLOOP__FAIL_CORRUPT failure. */
static int team_classify(struct mploop__team *t, unsigned w, int st, int lost,
                         struct mploop__failure *f)
{
    struct mploop__slot *s = &t->ctl->slot[w];
    int state = __atomic_load_n(&s->state, __ATOMIC_ACQUIRE);
    uint64_t cur = s->cur;
    int err = s->err;
    if (state == MPLOOP__SLOT_DONE)
        return 0; /* shipped: however it ended after that, its work is done;
                   * the merge validates what it shipped */
    memset(f, 0, offsetof(struct mploop__failure, msg));
    f->msg[0] = '\0';
    f->worker = w;
    f->pid = t->pid[w];
    f->iter = cur < t->trip ? cur : UINT64_MAX;
    if (state == MPLOOP__SLOT_CANCELLED && t->cancelled)
        return 2; /* killed after marking its slot is fine too */
    if (cur != UINT64_MAX && cur >= t->trip) {
        f->kind = MPLOOP__FAIL_CORRUPT;
        f->code = 0;
        return 1;
    }
    switch (state) {
    case MPLOOP__SLOT_RUNNING:
        break;
    case MPLOOP__SLOT_BEGIN_FAILED:
    case MPLOOP__SLOT_SHIP_FAILED:
        if (err >= 0 || err < -4095) {
            f->kind = MPLOOP__FAIL_CORRUPT;
            return 1;
        }
        f->kind = state == MPLOOP__SLOT_BEGIN_FAILED ? MPLOOP__FAIL_BEGIN : MPLOOP__FAIL_SHIP;
        f->code = err;
        return 1;
    case MPLOOP__SLOT_USER_FAILED:
        if (team_read_msg(t, w, f) != 0) {
            f->kind = MPLOOP__FAIL_CORRUPT;
            f->code = 0;
            return 1;
        }
        f->kind = MPLOOP__FAIL_USER;
        return 1;
    default: /* unknown state, or cancelled when the parent did not ask */
        f->kind = MPLOOP__FAIL_CORRUPT;
        return 1;
    }
    if (lost) {
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
 * waitpid).  Returns as team_classify. */
static int team_reap(struct mploop__team *t, unsigned w, struct mploop__failure *f)
{
    int st = 0;
    pid_t r;
    do
        r = waitpid(t->pid[w], &st, 0);
    while (r < 0 && errno == EINTR);
    return team_classify(t, w, st, r < 0, f);
}

/* Parent: reap worker w if it has ended (waitpid WNOHANG).  Returns -1
 * while it runs, else as team_classify. */
static int team_try_reap(struct mploop__team *t, unsigned w, struct mploop__failure *f)
{
    int st = 0;
    pid_t r;
    do
        r = waitpid(t->pid[w], &st, WNOHANG);
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
            kill(t->pid[w], SIGKILL);
}

/* Parent: ask every worker to stop at its next chunk boundary. */
static void team_cancel(struct mploop__team *t)
{
    t->cancelled = 1;
    __atomic_store_n(&t->ctl->cancel, 1, __ATOMIC_RELAXED);
}

/* Parent: the earliest of two deadlines (0 means none). */
static uint64_t team_earliest(uint64_t a, uint64_t b)
{
    return !a ? b : !b ? a : a < b ? a : b;
}

/* Parent: a failure of no worker in particular, reported at the first
 * worker still running (its pid and iteration). */
static void team_loop_failure(struct mploop__team *t, const unsigned char *reaped, unsigned n,
                              int kind, int code, struct mploop__failure *f)
{
    memset(f, 0, offsetof(struct mploop__failure, msg));
    f->msg[0] = '\0';
    f->kind = kind;
    f->code = code;
    f->worker = UINT32_MAX;
    f->iter = UINT64_MAX;
    for (unsigned w = 0; w < n; w++)
        if (!reaped[w]) {
            uint64_t cur = t->ctl->slot[w].cur;
            f->worker = w;
            f->pid = t->pid[w];
            f->iter = cur < t->trip ? cur : UINT64_MAX;
            break;
        }
}

/* Parent: wait for every forked worker (see internal.h).  Workers are
 * watched through their pidfds with ppoll, so whichever ends first is seen
 * first; without pidfds (old kernels) they are polled with waitpid WNOHANG
 * at most 10 ms apart.  After the first failure the cancel flag asks the
 * others to stop at their next chunk boundary, and those still running
 * after the grace period are killed; the deaths by SIGKILL this causes and
 * the workers that stopped on request are not failures of their own.  A
 * timeout or a terminating signal kills the rest at once. */
int mploop__team_wait(struct mploop__team *t, const struct mploop__wait *o,
                      struct mploop__failure *first, unsigned *others)
{
    unsigned n = t->forked, left = n, failed = 0;
    unsigned char reaped[MPLOOP__MAX_WORKERS] = {0};
    int killed = 0, use_pidfd = 1;
    int64_t nap_ns = 50000;
    uint64_t kill_at = 0;
    uint64_t timeout_at = o->timeout_ns ? t->started_ns + o->timeout_ns : 0;
    struct mploop__failure f;

    for (unsigned w = 0; w < n; w++)
        if (t->pidfd[w] < 0)
            use_pidfd = 0;
    *others = 0;
    while (left > 0) {
        struct pollfd fds[MPLOOP__MAX_WORKERS];
        unsigned who[MPLOOP__MAX_WORKERS], nfds = 0;
        int progressed = 0;
        int sig = mploop__sig_caught(&t->sig);
        if (sig && !(failed && first->kind == MPLOOP__FAIL_INTERRUPTED)) {
            if (!failed++)
                team_loop_failure(t, reaped, n, MPLOOP__FAIL_INTERRUPTED, sig, first);
            else {
                first->kind = MPLOOP__FAIL_INTERRUPTED; /* the signal decides the end */
                first->code = sig;
            }
            team_cancel(t);
            team_kill_rest(t, reaped, n);
            killed = 1;
        }
        uint64_t now = mploop__os_now_ns();
        if (timeout_at && now >= timeout_at && !failed) {
            failed++;
            team_loop_failure(t, reaped, n, MPLOOP__FAIL_TIMEOUT,
                              (int)(o->timeout_ns / 1000000), first);
            team_cancel(t);
            team_kill_rest(t, reaped, n);
            killed = 1;
        }
        if (kill_at && now >= kill_at && !killed) {
            team_kill_rest(t, reaped, n);
            killed = 1;
        }
        uint64_t wake = team_earliest(failed ? 0 : timeout_at, killed ? 0 : kill_at);
        int64_t wait_ns = wake ? (int64_t)(wake > now ? wake - now : 0) : -1;
        if (use_pidfd) {
            for (unsigned w = 0; w < n; w++)
                if (!reaped[w]) {
                    fds[nfds].fd = t->pidfd[w];
                    fds[nfds].events = POLLIN;
                    fds[nfds].revents = 0;
                    who[nfds++] = w;
                }
            int r = mploop__sig_poll(&t->sig, fds, nfds, wait_ns);
            if (r < 0 && errno != EINTR)
                use_pidfd = 0; /* e.g. ENOMEM: fall back to polling waitpid */
            if (r <= 0)
                continue;
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
            if (bad != 1)
                continue;
            if (failed++ == 0) {
                *first = f;
            } else if (!(killed && f.kind == MPLOOP__FAIL_SIGNAL && f.code == SIGKILL)) {
                (*others)++;
            }
            if (!kill_at && !killed) {
                team_cancel(t);
                kill_at = mploop__os_now_ns() + (uint64_t)o->grace_ms * 1000000;
                if (!o->grace_ms) {
                    team_kill_rest(t, reaped, n);
                    killed = 1;
                }
            }
        }
        if (!use_pidfd && !progressed && left > 0) {
            int64_t nap = wait_ns >= 0 && wait_ns < nap_ns ? wait_ns : nap_ns;
            mploop__sig_poll(&t->sig, NULL, 0, nap);
            if (nap_ns < 10000000)
                nap_ns *= 2;
        }
    }
    for (unsigned w = 0; w < n; w++)
        if (t->pidfd[w] >= 0) {
            close(t->pidfd[w]);
            t->pidfd[w] = -1;
        }
    return failed ? -1 : 0;
}

/* Parent, after a successful mploop__team_wait: the time the workers spent
 * running chunks, in all.  Each worker's figure is checked against the
 * loop's own duration (a worker can write anything into its slot). */
uint64_t mploop__team_busy_ns(const struct mploop__team *t)
{
    uint64_t limit = mploop__os_now_ns() - t->started_ns, sum = 0;
    for (unsigned w = 0; w < t->forked; w++) {
        uint64_t b = t->ctl->slot[w].busy_ns;
        sum += b < limit ? b : limit;
    }
    return sum;
}

/* Both: nonzero in a worker process. */
int mploop__team_in_worker(void)
{
    return team_worker;
}
