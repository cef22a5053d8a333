/*
 * verify.c - checking a loop's answer: MPLOOP_CHECK=verify and MPLOOP_CHECK=1.
 *
 * Why this file exists: the merge promises the sequential program's memory
 * only for loops whose iterations are independent, and it can only see
 * part of what breaks that promise: two workers writing different values
 * to one byte (a race).  A flow dependence across workers (`a[i + 1] =
 * a[i] + i`), or an update every worker makes from the same starting value
 * (a counter incremented in a called function: each worker writes the same
 * final count, which merges cleanly), leaves a wrong answer and no report.
 *
 * MPLOOP_CHECK=verify finds them by running the loop twice.  After the
 * workers are forked, one more process is forked from the same snapshot
 * (the parent has written nothing the merge looks at since): the
 * sequential run.  It runs every iteration in order, as the sequential
 * program would, with write tracking like a worker's, a channel and an
 * arena of its own (the memory module's last slot), and what it writes to
 * descriptors goes to /dev/null, so output appears once.  When the workers
 * and the sequential run have all ended well, the merge compares the result
 * the workers' writes would give with the sequential run's writes, byte for
 * byte, before applying anything (merge.c); a difference fails the loop,
 * described here for the report.  Reduction partials are not compared
 * (their order of combination legitimately changes the last bits), nor are
 * lastprivate values: memory is.  Workers are forked for every loop under
 * verify (env.c), and each forked loop runs twice: it is slow.  A loop its
 * body cancelled (mploop_cancel) is not compared: which iterations ran
 * depends on the timing of the workers.
 *
 * MPLOOP_CHECK=1 only warns, after a successful merge, about bytes that
 * several workers changed to the same value (the lost update above, or a
 * harmless flag every iteration sets).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

/* The sequential run of the loop running now, if any. */
static struct {
    pid_t pid;                 /* parent: the sequential run, 0 when none */
    int pidfd;                 /* parent: its pidfd, -1 when none */
    struct mploop__slot *slot; /* shared: the iteration it runs, how it ended */
    struct mploop__mem *mem;   /* in the sequential run: the loop's memory */
    unsigned w;                /* in the sequential run: its slot there */
} verify MPLOOP__STATE = { .pidfd = -1 };

/* Sequential run: mploop__procstate_silence_writers callback: keep the
 * descriptors of the loop's memory m (its channel, the regions it maps). */
static int verify_keep_fd(void *m, int fd)
{
    return mploop__mem_fd(m, fd);
}

/* Sequential run: it cannot do its part (state MPLOOP__SLOT_BEGIN_FAILED or
 * MPLOOP__SLOT_SHIP_FAILED, err the -errno why): tell the parent and end. */
__attribute__((noreturn)) static void verify_abort(int state, int err)
{
    verify.slot->err = err;
    __atomic_store_n(&verify.slot->state, state, __ATOMIC_RELEASE);
    _exit(MPLOOP__EXIT_RUNTIME);
}

/* Parent, or a fork that becomes the sequential run: see internal.h. */
int mploop__verify_start(const mploop_site *site, struct mploop__team *t,
                         struct mploop__mem *m, volatile uint64_t **cur)
{
    int seq = mploop__mem_sequential(m);
    if (seq < 0)
        return 0;
    struct mploop__slot *slot = mploop__reserve_take(sizeof *slot);
    int rc = slot ? 0 : -ENOMEM;
    pid_t pid = 0;
    if (slot) {
        slot->cur = UINT64_MAX;
        mploop__mem_forking(1);
        rc = mploop__team_fork_extra(t, &pid);
        mploop__mem_forking(0);
    }
    if (rc == 1) {
        verify.mem = m;
        verify.w = (unsigned)seq;
        verify.slot = slot;
        verify.pid = 0;
        verify.pidfd = -1;
        rc = mploop__procstate_silence_writers(verify_keep_fd, m);
        if (rc == 0)
            rc = mploop__mem_worker_begin(m, verify.w);
        if (rc < 0)
            verify_abort(MPLOOP__SLOT_BEGIN_FAILED, rc);
        *cur = &slot->cur;
        return 1;
    }
    if (rc < 0) {
        if (slot)
            mploop__reserve_give(slot, sizeof *slot);
        mploop__warning(site, "cannot fork the sequential run of MPLOOP_CHECK=verify (%s); "
                        "this execution of the loop is not verified", mploop__os_errno_text(rc));
        return 0;
    }
    verify.pid = pid;
    verify.slot = slot;
    int fd = mploop__os_pidfd(pid);
    verify.pidfd = fd >= 0 ? mploop__os_fd_high(fd) : -1;
    return 0;
}

/* Both: see internal.h. */
void mploop__verify_end(struct mploop__mem *m)
{
    if (!m || m != verify.mem)
        return;
    fflush(NULL);
    int rc = mploop__mem_worker_ship(m, verify.w);
    if (rc < 0)
        verify_abort(MPLOOP__SLOT_SHIP_FAILED, rc);
    __atomic_store_n(&verify.slot->state, MPLOOP__SLOT_DONE, __ATOMIC_RELEASE);
    _exit(0);
}

/* Parent: the sequential run is reaped: forget it (its pidfd closed). */
static void verify_forget(void)
{
    if (verify.pidfd >= 0) {
        close(verify.pidfd);
        mploop__os_fd_closed(verify.pidfd);
    }
    verify.pidfd = -1;
    verify.pid = 0;
}

/* Parent: the loop failed: kill the sequential run, reap and forget it,
 * and give its slot back. */
static void verify_kill(void)
{
    kill(verify.pid, SIGKILL);
    while (waitpid(verify.pid, NULL, 0) < 0 && errno == EINTR)
        ;
    verify_forget();
    mploop__reserve_give(verify.slot, sizeof *verify.slot);
    verify.slot = NULL;
}

/* Parent: see internal.h.  The sequential run stops at the first
 * iteration that cancels, in order, and the workers at whichever ones
 * cancelled first: the two ran different iterations, and comparing their
 * memory would report the difference as an error. */
void mploop__verify_cancelled(const mploop_site *site)
{
    if (!verify.pid)
        return;
    verify_kill();
    mploop__warning(site, "the loop was cancelled (mploop_cancel): MPLOOP_CHECK=verify does not "
                    "compare it with a sequential run, which would stop at another iteration; "
                    "this execution of the loop is not verified");
}

/* Parent: the sequential run ended with wait status `status` (-1: reaped
 * by someone else) after running the slot's iteration of a loop of trip
 * iterations.  Returns 0 when it did its part, else 1 with *f saying how
 * it ended, as a worker that ended so would be described. */
static int verify_classify(int status, uint64_t trip, pid_t pid, struct mploop__failure *f)
{
    int state = __atomic_load_n(&verify.slot->state, __ATOMIC_ACQUIRE);
    int err = verify.slot->err;
    uint64_t cur = verify.slot->cur;
    if (state == MPLOOP__SLOT_DONE)
        return 0;
    struct mploop__failure how;
    mploop__failure_init(&how, MPLOOP__FAIL_CORRUPT, 0);
    if (status < 0)
        how.kind = MPLOOP__FAIL_LOST;
    else if ((state == MPLOOP__SLOT_BEGIN_FAILED || state == MPLOOP__SLOT_SHIP_FAILED) &&
             err < 0 && err >= -4095)
        mploop__failure_init(&how, state == MPLOOP__SLOT_BEGIN_FAILED ? MPLOOP__FAIL_BEGIN
                                                                       : MPLOOP__FAIL_SHIP,
                             err);
    else if (state == MPLOOP__SLOT_RUNNING && WIFSIGNALED(status))
        mploop__failure_init(&how, MPLOOP__FAIL_SIGNAL, WTERMSIG(status));
    else if (state == MPLOOP__SLOT_RUNNING)
        mploop__failure_init(&how, MPLOOP__FAIL_EXIT,
                             WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    mploop__failure_init(f, MPLOOP__FAIL_SEQUENTIAL, 0);
    mploop__failure_text(&how, f->msg, sizeof f->msg);
    f->pid = pid;
    f->iter = cur < trip ? cur : UINT64_MAX;
    return 1;
}

/* Parent: see internal.h. */
int mploop__verify_wait(struct mploop__team *t, struct mploop__mem *m,
                        const struct mploop__wait *o, int failed, struct mploop__failure *f)
{
    if (!verify.pid)
        return failed;
    if (failed) {
        verify_kill();
        return 1;
    }
    pid_t pid = verify.pid;
    uint64_t timeout_at = o->timeout_ns ? t->started_ns + o->timeout_ns : 0;
    int64_t nap_ns = 50000;
    int status = 0;
    for (;;) {
        pid_t r;
        do
            r = waitpid(pid, &status, WNOHANG);
        while (r < 0 && errno == EINTR);
        if (r != 0) {
            /* Ended, or reaped by someone else (r < 0). */
            if (r < 0)
                status = -1;
            verify_forget();
            break;
        }
        int sig = mploop__sig_caught(&t->sig);
        uint64_t now = mploop__os_now_ns();
        if (sig || (timeout_at && now >= timeout_at)) {
            verify_kill();
            if (sig)
                mploop__failure_init(f, MPLOOP__FAIL_INTERRUPTED, sig);
            else
                mploop__failure_init(f, MPLOOP__FAIL_TIMEOUT, (int)(o->timeout_ns / 1000000));
            return 1;
        }
        int64_t left = timeout_at ? (int64_t)(timeout_at - now) : -1;
        if (verify.pidfd >= 0) {
            struct pollfd p = { verify.pidfd, POLLIN, 0 };
            if (mploop__sig_poll(&t->sig, &p, 1, left) < 0 && errno != EINTR) {
                close(verify.pidfd);
                mploop__os_fd_closed(verify.pidfd);
                verify.pidfd = -1; /* e.g. ENOMEM: poll waitpid instead */
            }
        } else {
            mploop__sig_poll(&t->sig, NULL, 0, left >= 0 && left < nap_ns ? left : nap_ns);
            if (nap_ns < 10000000)
                nap_ns *= 2;
        }
    }
    int bad = verify_classify(status, t->trip, pid, f);
    mploop__reserve_give(verify.slot, sizeof *verify.slot);
    verify.slot = NULL;
    if (bad)
        return 1;
    mploop__mem_compare(m);
    return 0;
}

/* Parent: append the bytes of one run's value at place d: the aligned 4
 * bytes holding its first difference when the other half of its 8-byte
 * word does not differ, else all 8, in memory order. */
static void verify_put_value(char *buf, size_t n, size_t *len, const struct mploop__diff *d,
                             const unsigned char *v)
{
    size_t half = (d->addr - d->word) & 4, from = 0, to = 8;
    if (memcmp(d->par + (half ^ 4), d->seq + (half ^ 4), 4) == 0) {
        from = half;
        to = half + 4;
    }
    for (size_t j = from; j < to; j++)
        mploop__text_put(buf, n, len, "%s%02x", j == from ? "" : " ", v[j]);
}

/* Parent: see internal.h.  The message's first line goes on the report
 * line, each further place on a note of its own. */
void mploop__verify_explain(const struct mploop__mem *m, struct mploop__failure *f)
{
    struct mploop__diff d[MPLOOP__DIFFS];
    uint64_t bytes;
    unsigned n = mploop__mem_differences(m, d, MPLOOP__DIFFS, &bytes);
    size_t len = 0, size = sizeof f->msg;
    f->msg[0] = '\0';
    f->addr = n ? d[0].addr : 0;
    mploop__text_put(f->msg, size, &len, "%llu byte%s differ", (unsigned long long)bytes,
               bytes == 1 ? "" : "s");
    for (unsigned i = 0; i < n; i++) {
        char what[256];
        int known = mploop__mem_describe(d[i].addr, what, sizeof what) > 0;
        mploop__text_put(f->msg, size, &len, "%s%#lx%s%s: parallel ",
                         i ? "\nalso at " : ", first at ", (unsigned long)d[i].addr,
                         known ? ", " : "", known ? what : "");
        verify_put_value(f->msg, size, &len, &d[i], d[i].par);
        mploop__text_put(f->msg, size, &len, ", sequential ");
        verify_put_value(f->msg, size, &len, &d[i], d[i].seq);
    }
}

/* Parent: see internal.h. */
void mploop__verify_overlaps(const mploop_site *site, const struct mploop__env *env,
                             const struct mploop__mem *m)
{
    uintptr_t first;
    uint64_t bytes = mploop__mem_overlaps(m, &first);
    if (env->check != MPLOOP__CHECK_ON || !bytes)
        return;
    char what[256];
    int known = mploop__mem_describe(first, what, sizeof what) > 0;
    mploop__warning(site, "workers wrote the same value to the same memory: %llu byte%s, first "
                    "at %#lx%s%s", (unsigned long long)bytes, bytes == 1 ? "" : "s",
                    (unsigned long)first, known ? ", " : "", known ? what : "");
    mploop__note("it was merged once, as if one iteration had written it: if every iteration "
                 "updates it (a counter or a sum, say in a called function), the updates of "
                 "all workers but one are lost: use a reduction clause; a value every "
                 "iteration stores (a flag) is harmless; MPLOOP_CHECK=verify compares the loop "
                 "with a sequential run of it");
}
