/*
 * linux_signal.c - terminating signals sent to the parent during a loop.
 *
 * Why this file exists: a SIGINT (Ctrl-C), SIGTERM or SIGHUP that reaches
 * the parent while its workers run would, by default, kill the parent at
 * once: the workers then die of their parent-death signal, but nobody
 * reaps them in order or releases what the loop holds.  And a handler of
 * the program's own that runs in the parent during the loop would see its
 * writes undone by the merge, which compares the workers' pages with the
 * parent's.  So while a forked loop runs, the parent catches those three
 * signals (unless the program ignores or blocks them) and keeps them
 * blocked except while it sleeps in ppoll.  A signal whose action was the
 * default stops the loop: the join stops and reaps every worker, releases
 * the loop's resources and ends the process by the same signal, as the
 * sequential program would have ended.  A signal the program handles
 * itself is raised again after the loop, so its handler runs then.
 * Workers get the program's actions back at once.  In a program with
 * threads the signal may reach another thread, which does not block it:
 * the handler there sends it on to the thread that waits for the loop, so
 * that its ppoll returns.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

/* The signals the parent may take over. */
static const int sig_terminating[3] = {SIGINT, SIGTERM, SIGHUP};

/* Which taken signals arrived (written by the handler). */
static volatile sig_atomic_t sig_hit[3] MPLOOP__STATE;

/* The thread that took the signals over (it waits for the loop), 0 when
 * none has. */
static volatile pid_t sig_waiter MPLOOP__STATE;

/* Parent: the handler of a taken signal: remember it.  The wait loop sees
 * it when ppoll returns with EINTR; run in another thread, send the signal
 * on to the waiting one (which blocks it outside ppoll, and consumes it at
 * the end of the loop if it is still pending then). */
static void sig_handler(int sig)
{
    for (unsigned i = 0; i < 3; i++)
        if (sig_terminating[i] == sig)
            sig_hit[i] = 1;
    pid_t waiter = sig_waiter;
    if (waiter && (pid_t)syscall(SYS_gettid) != waiter) {
        int saved = errno;
        syscall(SYS_tgkill, getpid(), waiter, sig);
        errno = saved;
    }
}

/* Both: does the saved action of entry i end the process? */
static int sig_is_default(const struct mploop__sigsave *s, unsigned i)
{
    return !(s->old[i].sa_flags & SA_SIGINFO) && s->old[i].sa_handler == SIG_DFL;
}

/* Parent, before the fork (see internal.h). */
void mploop__sig_take(struct mploop__sigsave *s)
{
    sigset_t block;
    sigemptyset(&block);
    memset(s->taken, 0, sizeof s->taken);
    sigprocmask(SIG_BLOCK, NULL, &s->oldmask);
    for (unsigned i = 0; i < 3; i++) {
        sig_hit[i] = 0;
        /* A signal the program blocks or ignores stays its business. */
        if (sigismember(&s->oldmask, sig_terminating[i]) ||
            sigaction(sig_terminating[i], NULL, &s->old[i]) != 0 ||
            (!(s->old[i].sa_flags & SA_SIGINFO) && s->old[i].sa_handler == SIG_IGN))
            continue;
        sigaddset(&block, sig_terminating[i]);
        s->taken[i] = sig_terminating[i];
    }
    sigprocmask(SIG_BLOCK, &block, NULL);
    sig_waiter = (pid_t)syscall(SYS_gettid);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = sig_handler;
    sigfillset(&sa.sa_mask);
    for (unsigned i = 0; i < 3; i++)
        if (s->taken[i])
            sigaction(s->taken[i], &sa, NULL);
}

/* Both: give the taken signals their previous actions back. */
static void sig_restore_actions(const struct mploop__sigsave *s)
{
    for (unsigned i = 0; i < 3; i++)
        if (s->taken[i])
            sigaction(s->taken[i], &s->old[i], NULL);
}

/* Worker, right after fork (see internal.h). */
void mploop__sig_worker(const struct mploop__sigsave *s)
{
    sig_waiter = 0;
    sig_restore_actions(s);
    for (unsigned i = 0; i < 3; i++)
        sig_hit[i] = 0;
    sigprocmask(SIG_SETMASK, &s->oldmask, NULL);
}

/* Parent (see internal.h): ppoll with the mask from before the loop, so a
 * taken signal can only arrive while the parent sleeps here. */
int mploop__sig_poll(const struct mploop__sigsave *s, void *fds, unsigned n,
                     int64_t timeout_ns)
{
    struct timespec ts, *tsp = NULL;
    if (timeout_ns >= 0) {
        ts.tv_sec = (time_t)(timeout_ns / 1000000000);
        ts.tv_nsec = (long)(timeout_ns % 1000000000);
        tsp = &ts;
    }
    return ppoll(fds, n, tsp, &s->oldmask);
}

/* Parent: the first taken default-action signal that arrived, 0 if none. */
int mploop__sig_caught(const struct mploop__sigsave *s)
{
    for (unsigned i = 0; i < 3; i++)
        if (s->taken[i] && sig_hit[i] && sig_is_default(s, i))
            return s->taken[i];
    return 0;
}

/* Parent, at the end of the loop (see internal.h).  Taken signals still
 * pending (sent after the last ppoll) are consumed with sigtimedwait, so
 * that restoring the mask neither kills the process before the caller has
 * cleaned up nor runs a handler twice. */
int mploop__sig_release(struct mploop__sigsave *s)
{
    sigset_t taken;
    sigemptyset(&taken);
    int any = 0;
    for (unsigned i = 0; i < 3; i++)
        if (s->taken[i]) {
            sigaddset(&taken, s->taken[i]);
            any = 1;
        }
    if (any) {
        struct timespec zero = {0, 0};
        int got;
        while ((got = sigtimedwait(&taken, NULL, &zero)) > 0)
            sig_handler(got);
    }
    sig_waiter = 0;
    sig_restore_actions(s);
    sigprocmask(SIG_SETMASK, &s->oldmask, NULL);
    int fatal = 0;
    for (unsigned i = 0; i < 3; i++) {
        if (!s->taken[i] || !sig_hit[i])
            continue;
        sig_hit[i] = 0;
        if (sig_is_default(s, i)) {
            if (!fatal)
                fatal = s->taken[i];
        } else {
            raise(s->taken[i]); /* the program's handler runs now */
        }
    }
    memset(s->taken, 0, sizeof s->taken);
    return fatal;
}
