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
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
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

static void team_become_worker(struct mploop__team *t, pid_t parent);

/* ---- the persistent team -------------------------------------------------
 *
 * Life cycle.  The first loop that forks (MPLOOP_TEAM=persist, the default)
 * forms a team: before the fork the parent makes the team's shared block,
 * an eventfd the workers signal when they are done, a pipe whose write end
 * only the parent holds (close-on-exec) and a fingerprint of what fork
 * copies besides memory.  After its loop a worker ships its writes, marks
 * its slot done, signals the eventfd and parks: it blocks every signal,
 * moves to a stack of its own, lets the memory module list what it wrote,
 * marks itself parked and sleeps on the block's futex word (after a short
 * spin).  A later loop checks that the parked team still matches a fork
 * (mploop__team_crew_ready), stages memory (sync.c) and bumps the word;
 * each worker copies the parent's pages in and resumes the parent's
 * context, then becomes the loop's worker as after a fork.  Anything that
 * goes wrong (a worker failed or died, the check fails) dissolves the team
 * (SIGKILL and reap) and the loop forks a fresh one.  At exit the team is
 * killed and reaped; a worker whose parent is gone (exit, exec: the pipe
 * reports hang-up) exits within 100 ms; the program's own fork() child
 * forgets the team.
 */

/* What a worker's crew state says: running, parked, or gone because it
 * could not be made a fork's equal (why: its writes could not be listed;
 * the body left a descriptor open; the body changed a signal disposition,
 * a limit, the working directory, credentials, umask or started a thread). */
enum { CREW_RUNNING = 0, CREW_PARKED = 1, CREW_LEFT_LIST = 2, CREW_LEFT_FDS = 3,
       CREW_LEFT_PROC = 4 };

/* How long the parent spins (pause hints) waiting for a worker to finish
 * parking before it sleeps on the worker's state word: the worker is
 * usually a few microseconds from it.  Parked workers and the parent
 * waiting for a loop's workers sleep at once: waking a sleeping process
 * costs up to tens of microseconds here (a futex round trip between two
 * processes: 6-39 us when both sleep, 0.4-3 us when both spin first;
 * bench/persist_mechanisms.c, `wake`), but the processes of a team often
 * outnumber the CPUs, and a spinning one takes the CPU another needs: the
 * empty loop of bench/fork_cost.c took 0.33-0.34 ms (median of 1,000) with
 * no spin, 0.34-0.35 ms with 30 us spins in both places.  And the sleep
 * between a parked worker's checks that the parent still exists. */
#define CREW_SPIN_NS 30000u
#define CREW_NAP_NS 100000000ull
/* A parked worker's own stack. */
#define CREW_STACK (256u << 10)

/* The team's shared block. */
struct crew_block {
    int seq;                     /* futex word: bumped to wake the team */
    struct {
        int state;               /* CREW_*, futex word */
    } __attribute__((aligned(64))) wk[MPLOOP__MAX_WORKERS];
};

/* Parent: the persistent team. */
static struct {
    unsigned n;                  /* workers; 0: no team */
    pid_t pid[MPLOOP__MAX_WORKERS];
    int pidfd[MPLOOP__MAX_WORKERS];
    struct crew_block *blk;
    int evfd;                    /* workers -> parent: a slot is done */
    int life[2];                 /* read end for workers, write end parent's */
    struct mploop__procstate ps; /* at the fork */
    const char *ended;           /* why the last team ended */
    int registered;              /* atexit and atfork handlers in place */
} crew MPLOOP__STATE = { .evfd = -1, .life = { -1, -1 } };

/* This thread forks a loop's workers (another thread may fork() meanwhile). */
static MPLOOP__THREAD int crew_forking;

/* Worker: what it keeps for itself across loops. */
static struct {
    int member;                  /* parks after its loop */
    unsigned w;
    char *stack;
    int seq;                     /* the wake it answers next */
    long nfds;                   /* its descriptors after joining */
    void (*parked)(void);
    int bound;                   /* pinned to one CPU while parked */
    cpu_set_t mask;              /* its CPU affinity as a fork gave it */
} tw MPLOOP__WORKER;

/* Both: one more round of a bounded spin (round spin of a wait that may
 * spin until the monotonic time until): pauses and returns nonzero while
 * the time is not up, 0 once the caller should sleep. */
static int crew_spinning(unsigned spin, uint64_t until)
{
    if (spin % 64 == 63 && mploop__os_now_ns() >= until)
        return 0;
    mploop__arch_relax();
    return 1;
}

/* Parent: close *fd if open. */
static void crew_close(int *fd)
{
    if (*fd >= 0) {
        close(*fd);
        mploop__os_fd_closed(*fd);
    }
    *fd = -1;
}

/* Parent: see internal.h. */
void mploop__team_crew_dissolve(const char *why)
{
    if (crew.n)
        crew.ended = why;
    for (unsigned w = 0; w < crew.n; w++)
        kill(crew.pid[w], SIGKILL);
    for (unsigned w = 0; w < crew.n; w++) {
        while (waitpid(crew.pid[w], NULL, 0) < 0 && errno == EINTR)
            ;
        crew_close(&crew.pidfd[w]);
    }
    crew.n = 0;
}

/* Parent: see internal.h. */
int mploop__team_crew_exists(void)
{
    return crew.n != 0;
}

/* Parent, at exit: no worker outlives the program. */
static void crew_at_exit(void)
{
    if (!team_worker)
        mploop__team_crew_dissolve("the program exits");
}

/* Child of the program's own fork(): the team is the parent's; forget it
 * without touching its workers. */
static void crew_on_fork_child(void)
{
    if (crew_forking)
        return;
    for (unsigned w = 0; w < crew.n; w++)
        crew_close(&crew.pidfd[w]);
    crew.n = 0;
    crew.ended = NULL;
    crew_close(&crew.evfd);
    crew_close(&crew.life[0]);
    crew_close(&crew.life[1]);
}

/* Parent: see internal.h. */
int mploop__team_crew_form(struct mploop__team *t)
{
    if (!crew.registered) {
        if (atexit(crew_at_exit) != 0 || pthread_atfork(NULL, NULL, crew_on_fork_child) != 0)
            return -ENOMEM;
        crew.registered = 1;
    }
    if (!crew.blk) {
        crew.blk = mploop__os_map(sizeof *crew.blk);
        if (!crew.blk)
            return -ENOMEM;
    }
    if (crew.evfd < 0) {
        int fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (fd < 0)
            return -errno;
        crew.evfd = mploop__os_fd_high(fd);
    }
    if (crew.life[0] < 0) {
        int p[2];
        if (pipe2(p, O_CLOEXEC) < 0)
            return -errno;
        crew.life[0] = mploop__os_fd_high(p[0]);
        crew.life[1] = mploop__os_fd_high(p[1]);
    }
    if (mploop__procstate_threads() != 1)
        return -EBUSY; /* fork keeps one thread: the next loop could not resume */
    mploop__procstate_take(&crew.ps);
    t->crew = 1;
    return 0;
}

/* Worker, right after the fork of a forming team: become member w. */
static void crew_join(unsigned w)
{
    close(crew.life[1]);
    tw.member = 1;
    tw.w = w;
    tw.seq = __atomic_load_n(&crew.blk->seq, __ATOMIC_ACQUIRE);
    if (!tw.stack) {
        void *s = mmap(NULL, CREW_STACK, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        tw.stack = s == MAP_FAILED ? NULL : s;
    }
    __atomic_store_n(&crew.blk->wk[w].state, CREW_RUNNING, __ATOMIC_RELEASE);
}

/* Parent, after forking a forming team: it exists with t's workers. */
static void crew_formed(struct mploop__team *t)
{
    crew.n = t->forked;
    for (unsigned w = 0; w < t->forked; w++) {
        crew.pid[w] = t->pid[w];
        crew.pidfd[w] = t->pidfd[w];
    }
}

/* Parent: wait until worker w is parked.  Returns NULL, or why it cannot
 * run the loop (it died, or left: it could not be made a fork's equal). */
static const char *crew_wait_parked(unsigned w)
{
    int *state = &crew.blk->wk[w].state;
    uint64_t until = mploop__os_now_ns() + CREW_SPIN_NS;
    for (unsigned spin = 0;; spin++) {
        int s = __atomic_load_n(state, __ATOMIC_ACQUIRE);
        if (s == CREW_PARKED)
            return NULL;
        if (s == CREW_LEFT_FDS)
            return "a loop body left a descriptor open in a worker";
        if (s == CREW_LEFT_PROC)
            return "a loop body changed a worker's signal dispositions, limits, working "
                   "directory, credentials, umask or threads";
        if (s != CREW_RUNNING)
            return "a worker could not list the pages it wrote";
        if (crew_spinning(spin, until))
            continue;
        struct pollfd p = { crew.pidfd[w], POLLIN, 0 };
        if (crew.pidfd[w] >= 0 && poll(&p, 1, 0) > 0)
            return "a worker of the team died while parked";
        mploop__os_futex_wait_ns(state, s, 1000000);
    }
}

/* Parent: see internal.h. */
const char *mploop__team_crew_ready(const struct mploop__team *t, struct mploop__wfds *wl)
{
    if (crew.n == 0)
        return crew.ended ? crew.ended : "first loop on workers";
    if (crew.n != t->planned)
        return "the loop wants another number of workers";
    for (unsigned w = 0; w < crew.n; w++) {
        if (crew.pidfd[w] < 0)
            return "a worker cannot be watched (no pidfd)";
        const char *why = crew_wait_parked(w);
        if (why)
            return why;
    }
    struct mploop__procstate now;
    mploop__procstate_take(&now);
    if (now.threads != crew.ps.threads)
        return "the program has more than one thread";
    if (now.signals != crew.ps.signals)
        return "a signal disposition changed";
    if (now.attrs != crew.ps.attrs)
        return "resource limits, working directory, credentials, umask or CPU affinity "
               "changed";
    /* The pidfds (opened after the fork) and the pipe's write end (closed
     * in the workers) are the parent's alone. */
    int skip[MPLOOP__MAX_WORKERS + 1];
    memcpy(skip, crew.pidfd, crew.n * sizeof *skip);
    skip[crew.n] = crew.life[1];
    int err = mploop__procstate_fds_match(crew.pid, crew.n, skip, crew.n + 1, wl);
    if (err == -ESTALE)
        return "a descriptor was opened, closed or replaced";
    return err ? "the descriptors cannot be compared" : NULL;
}

/* Parent: see internal.h. */
void mploop__team_crew_wake(struct mploop__team *t)
{
    mploop__sig_take(&t->sig);
    t->crew = 1;
    t->started_ns = mploop__os_now_ns();
    t->forked = crew.n;
    for (unsigned w = 0; w < crew.n; w++) {
        t->pid[w] = crew.pid[w];
        t->pidfd[w] = crew.pidfd[w];
        crew.blk->wk[w].state = CREW_RUNNING;
    }
    __atomic_store_n(&t->ctl->forked, (int)crew.n, __ATOMIC_RELEASE);
    __atomic_add_fetch(&crew.blk->seq, 1, __ATOMIC_RELEASE);
    mploop__os_futex_wake(&crew.blk->seq);
}

/* Worker: the entry on its own stack. */
static void crew_on_own_stack(void *arg)
{
    (void)arg;
    tw.parked();
    _exit(MPLOOP__EXIT_RUNTIME);
}

/* Worker: see internal.h. */
void mploop__team_worker_park(void (*parked)(void))
{
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, NULL);
    if (!tw.stack)
        _exit(0);
    tw.parked = parked;
    mploop__arch_run_on_stack(tw.stack + CREW_STACK, crew_on_own_stack, NULL);
}

/* Worker: see internal.h. */
void mploop__team_worker_wait(int ok)
{
    int *state = &crew.blk->wk[tw.w].state;
    long nfds = mploop__procstate_nfds();
    if (tw.nfds == 0)
        tw.nfds = nfds;
    /* What the body changed in this process that a fresh fork would not
     * have: the parent's own checks cannot see it. */
    struct mploop__procstate now;
    mploop__procstate_take(&now);
    int left = !ok ? CREW_LEFT_LIST : nfds != tw.nfds ? CREW_LEFT_FDS
             : !mploop__procstate_same(&now, &crew.ps) ? CREW_LEFT_PROC : 0;
    if (left) {
        /* Not resumable: leave; the parent forms a new team. */
        __atomic_store_n(state, left, __ATOMIC_RELEASE);
        mploop__os_futex_wake(state);
        _exit(0);
    }
    __atomic_store_n(state, CREW_PARKED, __ATOMIC_RELEASE);
    mploop__os_futex_wake(state);
    /* Parked (and said so first: moving to another CPU may wait for it),
     * each worker is pinned to a CPU of its own (the w-th it may
     * run on): woken together, workers that last ran on the same CPU
     * would otherwise be queued there one behind the other while another
     * CPU idles (the scheduler places a woken process on its last CPU or
     * an idle one, and the parent still holds the other when it wakes
     * them).  The fork's affinity comes back before the body runs. */
    if (!tw.bound && sched_getaffinity(0, sizeof tw.mask, &tw.mask) == 0) {
        int k = CPU_COUNT(&tw.mask), want = k > 0 ? (int)(tw.w % (unsigned)k) : 0;
        cpu_set_t one;
        CPU_ZERO(&one);
        for (int c = 0, seen = 0; c < CPU_SETSIZE && k > 0; c++)
            if (CPU_ISSET(c, &tw.mask) && seen++ == want) {
                CPU_SET(c, &one);
                tw.bound = sched_setaffinity(0, sizeof one, &one) == 0;
                break;
            }
    }
    int *seq = &crew.blk->seq;
    for (;;) {
        int now = __atomic_load_n(seq, __ATOMIC_ACQUIRE);
        if (now != tw.seq) {
            tw.seq = now;
            return;
        }
        mploop__os_futex_wait_ns(seq, now, CREW_NAP_NS);
        struct pollfd p = { crew.life[0], 0, 0 };
        if (poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)))
            _exit(0);
    }
}

/* Worker: see internal.h. */
unsigned mploop__team_resumed(struct mploop__team *t)
{
    /* A fresh fork has no pending signal: drop what arrived while parked. */
    sigset_t all, pending;
    sigfillset(&all);
    struct timespec zero = { 0, 0 };
    while (sigpending(&pending) == 0 && !sigisemptyset(&pending) &&
           sigtimedwait(&all, NULL, &zero) > 0)
        ;
    if (tw.bound && sched_setaffinity(0, sizeof tw.mask, &tw.mask) == 0)
        tw.bound = 0;
    team_become_worker(t, getppid());
    return tw.w;
}

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

    void *map = mploop__os_map(size);
    if (!map)
        return -ENOMEM;
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
        void *map = mploop__os_map(cap * sizeof(struct mploop__local));
        if (!map)
            return -ENOMEM;
        memcpy(map, t->locals, t->nlocals * sizeof(struct mploop__local));
        if (team_locals_outside(t))
            mploop__os_unmap(t->locals, t->locals_cap * sizeof(struct mploop__local));
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
        mploop__os_unmap(t->locals, t->locals_cap * sizeof(struct mploop__local));
    mploop__os_unmap(t->ctl, t->map_size);
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
    mploop__reserve_worker();
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
    crew_forking = 1;
    for (i = 0; i < t->planned; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            team_become_worker(t, parent);
            if (t->crew)
                crew_join(i);
            *w = i;
            return 1;
        }
        if (pid < 0) {
            t->fork_err = -errno;
            break;
        }
        t->pid[i] = pid;
    }
    crew_forking = 0;
    t->forked = i;
    __atomic_store_n(&t->ctl->forked, (int)i, __ATOMIC_RELEASE);
    mploop__os_futex_wake(&t->ctl->forked);
    for (unsigned j = 0; j < i; j++) {
        int fd = mploop__os_pidfd(t->pid[j]);
        t->pidfd[j] = fd >= 0 ? mploop__os_fd_high(fd) : -1;
    }
    if (t->crew)
        crew_formed(t);
    if (i == 0) {
        int sig = mploop__sig_release(&t->sig);
        if (sig)
            mploop__os_die_by_signal(sig);
    }
    return 0;
}

/* Parent: see internal.h. */
int mploop__team_fork_extra(struct mploop__team *t, pid_t *pid)
{
    pid_t parent = getpid();
    crew_forking = 1;
    pid_t p = fork();
    if (p == 0) {
        team_become_worker(t, parent);
        return 1;
    }
    crew_forking = 0;
    if (p < 0)
        return -errno;
    *pid = p;
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

/* Worker: has the parent asked the workers to stop before a chunk that
 * starts at iteration lo? */
int mploop__team_cancelled(const struct mploop__team *t, uint64_t lo)
{
    return __atomic_load_n(&t->ctl->cancel, __ATOMIC_ACQUIRE) != 0 &&
           lo >= __atomic_load_n(&t->ctl->cancel_from, __ATOMIC_RELAXED);
}

/* Worker: worker w finished its work (busy_ns of running chunks) and
 * shipped its writes: record the time and mark its slot done.  A worker of
 * a persistent team then tells the parent (eventfd) and returns to park;
 * any other _exits without running atexit handlers (they belong to the
 * parent). */
void mploop__team_worker_done(struct mploop__team *t, unsigned w, uint64_t busy_ns)
{
    t->ctl->slot[w].busy_ns = busy_ns;
    __atomic_store_n(&t->ctl->slot[w].state, MPLOOP__SLOT_DONE, __ATOMIC_RELEASE);
    if (!tw.member)
        _exit(0);
    /* The last worker to finish wakes the parent: one wake-up per loop, so
     * that the parent does not take a CPU from the workers still running. */
    uint64_t one = 1;
    if (__atomic_add_fetch(&t->ctl->ndone, 1, __ATOMIC_ACQ_REL) >=
            (unsigned)__atomic_load_n(&t->ctl->forked, __ATOMIC_ACQUIRE) &&
        write(crew.evfd, &one, sizeof one) != sizeof one)
        _exit(MPLOOP__EXIT_RUNTIME);
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

/* Worker: the body of worker w called exit(status) (see internal.h); its
 * slot's iteration says where. */
void mploop__team_worker_exit(struct mploop__team *t, unsigned w, int status)
{
    fflush(NULL);
    t->ctl->slot[w].err = status & 0xff;
    __atomic_store_n(&t->ctl->slot[w].state, MPLOOP__SLOT_EXITED, __ATOMIC_RELEASE);
    _exit(status & 0xff);
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
        f->kind = state == MPLOOP__SLOT_BEGIN_FAILED ? MPLOOP__FAIL_BEGIN
                : err == MPLOOP__ERR_UNTRACKED_HANDLER || err == MPLOOP__ERR_UNTRACKED_MASK
                    ? MPLOOP__FAIL_UNTRACKED
                    : MPLOOP__FAIL_SHIP;
        f->code = err;
        return 1;
    case MPLOOP__SLOT_EXITED:
        if (err < 0 || err > 255) {
            f->kind = MPLOOP__FAIL_CORRUPT;
            return 1;
        }
        f->kind = MPLOOP__FAIL_PROGRAM_EXIT;
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

/* Parent: ask every worker to stop at its next chunk boundary, unless
 * that chunk starts below iteration `from`. */
static void team_cancel(struct mploop__team *t, uint64_t from)
{
    if (t->cancelled && from > __atomic_load_n(&t->ctl->cancel_from, __ATOMIC_RELAXED))
        return; /* an earlier request stops more */
    t->cancelled = 1;
    __atomic_store_n(&t->ctl->cancel_from, from, __ATOMIC_RELAXED);
    __atomic_store_n(&t->ctl->cancel, 1, __ATOMIC_RELEASE);
}

/* Parent: where the chunks that may still run after failure f end: the
 * chunks before its iteration (the iteration itself when the body ended
 * the program there), when o keeps them; else none. */
static uint64_t team_cancel_from(const struct mploop__wait *o, const struct mploop__failure *f)
{
    if (!o->keep_earlier || f->iter == UINT64_MAX)
        return 0;
    return f->kind == MPLOOP__FAIL_PROGRAM_EXIT ? f->iter + 1 : f->iter;
}

/* Parent: the earliest of two deadlines (0 means none). */
static uint64_t team_earliest(uint64_t a, uint64_t b)
{
    return !a ? b : !b ? a : a < b ? a : b;
}

/* Parent: a failure of no worker in particular, reported at the first
 * worker still running its chunks (its pid and iteration), else at the
 * first one not reaped yet. */
static void team_loop_failure(struct mploop__team *t, const unsigned char *reaped, unsigned n,
                              int kind, int code, struct mploop__failure *f)
{
    mploop__failure_init(f, kind, code);
    /* A worker still running its chunks, rather than one that finished and
     * was not reaped yet. */
    for (int pass = 0; pass < 2 && f->worker == UINT32_MAX; pass++)
        for (unsigned w = 0; w < n; w++)
            if (!reaped[w] && (pass || __atomic_load_n(&t->ctl->slot[w].state, __ATOMIC_ACQUIRE) ==
                                           MPLOOP__SLOT_RUNNING)) {
                uint64_t cur = t->ctl->slot[w].cur;
                f->worker = w;
                f->pid = t->pid[w];
                f->iter = cur < t->trip ? cur : UINT64_MAX;
                break;
            }
}

/* Parent: mark the workers of a persistent team whose slot says done as
 * finished (reaped[w] set, *left decremented), after draining the eventfd
 * they signal.  Returns nonzero when one was found. */
static int team_crew_done(struct mploop__team *t, unsigned char *reaped, unsigned *left)
{
    uint64_t v;
    int found = 0;
    while (read(crew.evfd, &v, sizeof v) == sizeof v)
        ;
    for (unsigned w = 0; w < t->forked; w++)
        if (!reaped[w] &&
            __atomic_load_n(&t->ctl->slot[w].state, __ATOMIC_ACQUIRE) == MPLOOP__SLOT_DONE) {
            reaped[w] = 1;
            (*left)--;
            found = 1;
        }
    return found;
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
        struct pollfd fds[MPLOOP__MAX_WORKERS + 1];
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
            team_cancel(t, 0);
            team_kill_rest(t, reaped, n);
            killed = 1;
        }
        if (o->tick)
            o->tick(o->tick_arg);
        uint64_t now = mploop__os_now_ns();
        if (timeout_at && now >= timeout_at && !failed) {
            failed++;
            team_loop_failure(t, reaped, n, MPLOOP__FAIL_TIMEOUT,
                              (int)(o->timeout_ns / 1000000), first);
            team_cancel(t, 0);
            team_kill_rest(t, reaped, n);
            killed = 1;
        }
        if (kill_at && now >= kill_at && !killed) {
            team_kill_rest(t, reaped, n);
            killed = 1;
        }
        uint64_t wake = team_earliest(failed ? 0 : timeout_at, killed ? 0 : kill_at);
        if (o->tick)
            wake = team_earliest(wake, now + o->tick_ns);
        int64_t wait_ns = wake ? (int64_t)(wake > now ? wake - now : 0) : -1;
        /* A persistent team's workers stay alive: done is their slot. */
        if (t->crew && team_crew_done(t, reaped, &left))
            continue;
        if (use_pidfd) {
            for (unsigned w = 0; w < n; w++)
                if (!reaped[w]) {
                    fds[nfds].fd = t->pidfd[w];
                    fds[nfds].events = POLLIN;
                    fds[nfds].revents = 0;
                    who[nfds++] = w;
                }
            if (t->crew) {
                fds[nfds].fd = crew.evfd;
                fds[nfds].events = POLLIN;
                fds[nfds].revents = 0;
                who[nfds] = UINT32_MAX;
            }
            int r = mploop__sig_poll(&t->sig, fds, nfds + (t->crew != 0), wait_ns);
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
                /* In iteration order, the earlier failure happens first. */
                if (o->keep_earlier && f.iter < first->iter &&
                    first->kind != MPLOOP__FAIL_INTERRUPTED && first->kind != MPLOOP__FAIL_TIMEOUT) {
                    struct mploop__failure later = *first;
                    *first = f;
                    f = later;
                }
            }
            team_cancel(t, team_cancel_from(o, first));
            if (!kill_at && !killed) {
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
    if (t->crew) {
        /* The team's descriptors are its own; after a failure it is gone. */
        if (failed)
            mploop__team_crew_dissolve("the last loop failed");
        for (unsigned w = 0; w < n; w++)
            t->pidfd[w] = -1;
        return failed ? -1 : 0;
    }
    for (unsigned w = 0; w < n; w++)
        if (t->pidfd[w] >= 0) {
            close(t->pidfd[w]);
            mploop__os_fd_closed(t->pidfd[w]);
            t->pidfd[w] = -1;
        }
    return failed ? -1 : 0;
}

/* Parent: see internal.h.  Each worker's count is checked against the
 * trip count (a worker can write anything into its slot). */
uint64_t mploop__team_done(const struct mploop__team *t)
{
    uint64_t sum = 0;
    for (unsigned w = 0; w < t->forked; w++) {
        uint64_t d = __atomic_load_n(&t->ctl->slot[w].done, __ATOMIC_RELAXED);
        sum += d < t->trip ? d : t->trip;
    }
    return sum < t->trip ? sum : t->trip;
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
