/*
 * linux_os.c - the operating-system services every other file builds on.
 *
 * Why this file exists: the core (team.c, loop.c, report.c) needs a handful
 * of operating-system services that have no portable spelling: the CPUs the
 * process may run on, a child that dies with its parent, a descriptor per
 * child to wait on several at once, futexes on shared memory, and signal
 * and errno names that neither allocate nor depend on the locale (they are
 * used in the parent between fork and merge, where malloc is off limits).
 * It also holds the two oldest services of all: writing a whole buffer to
 * a descriptor and runtime-owned memory (a shared anonymous mapping, never
 * tracked nor merged).  Keeping them here leaves the core free of #ifdefs,
 * and, since this file calls no other runtime file, every file may call it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

/* Parent: the number of CPUs in this process's affinity mask, or the
 * number of online CPUs when the mask cannot be read; at least 1. */
unsigned mploop__os_cpus(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        int n = CPU_COUNT(&set);
        if (n > 0)
            return (unsigned)n;
    }
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1u;
}

/* Worker, right after fork: ask for SIGKILL when the parent dies, then
 * check that the parent did not die before the request took effect.
 * Returns 0, -ESRCH when the parent is gone, or -errno from prctl. */
int mploop__os_die_with_parent(pid_t parent)
{
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0)
        return -errno;
    if (getppid() != parent)
        return -ESRCH;
    return 0;
}

/* Parent: pidfd_open(pid).  Returns the descriptor (close-on-exec) or
 * -errno, e.g. -ENOSYS on kernels before 5.3. */
int mploop__os_pidfd(pid_t pid)
{
    long fd = syscall(SYS_pidfd_open, pid, 0);
    return fd < 0 ? -errno : (int)fd;
}

/* The descriptors the runtime moved out of the program's way (bit fd -
 * MPLOOP__FD_FLOOR), so that checks of the program's descriptors can pass
 * them over. */
#define OS_FD_KNOWN 1024
static uint64_t os_fd_known[OS_FD_KNOWN / 64] MPLOOP__STATE;

/* Both: see internal.h. */
uint64_t mploop__os_fd_limit(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
        return 0;
    return (uint64_t)rl.rlim_cur;
}

/* Both: see internal.h. */
uint64_t mploop__os_as_limit(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
        return 0;
    return (uint64_t)rl.rlim_cur;
}

/* Both: see internal.h. */
int mploop__os_fd_high(int fd)
{
    if (fd < 0)
        return fd;
    int high = fcntl(fd, F_DUPFD_CLOEXEC, MPLOOP__FD_FLOOR);
    if (high >= 0) {
        close(fd);
        fd = high;
        if (fd - MPLOOP__FD_FLOOR < OS_FD_KNOWN)
            os_fd_known[(fd - MPLOOP__FD_FLOOR) / 64] |= 1ull << ((fd - MPLOOP__FD_FLOOR) % 64);
    }
    return fd;
}

/* Both: see internal.h. */
int mploop__os_kept_fd(struct mploop__os_kept *k, const char *path)
{
    pid_t me = getpid();
    if (k->fd >= 0 && k->pid != me)
        mploop__os_kept_close(k); /* a fork child's copy: its parent's file */
    if (k->fd < 0) {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return -errno;
        k->fd = mploop__os_fd_high(fd);
        k->pid = me;
    }
    return k->fd;
}

/* Both: see internal.h. */
void mploop__os_kept_close(struct mploop__os_kept *k)
{
    if (k->fd >= 0) {
        close(k->fd);
        mploop__os_fd_closed(k->fd);
    }
    k->fd = -1;
}

/* Both: see internal.h. */
void mploop__os_fd_closed(int fd)
{
    if (fd >= MPLOOP__FD_FLOOR && fd - MPLOOP__FD_FLOOR < OS_FD_KNOWN)
        os_fd_known[(fd - MPLOOP__FD_FLOOR) / 64] &= ~(1ull << ((fd - MPLOOP__FD_FLOOR) % 64));
}

/* Both: see internal.h. */
int mploop__os_fd_is_runtime(int fd)
{
    return fd >= MPLOOP__FD_FLOOR && fd - MPLOOP__FD_FLOOR < OS_FD_KNOWN &&
           (os_fd_known[(fd - MPLOOP__FD_FLOOR) / 64] >> ((fd - MPLOOP__FD_FLOOR) % 64) & 1);
}

/* Both: FUTEX_WAIT on a word in MAP_SHARED memory (not the private
 * variant: the waiters are different processes).  Returns when woken, on a
 * signal, or at once if *word != val. */
void mploop__os_futex_wait(int *word, int val)
{
    syscall(SYS_futex, word, FUTEX_WAIT, val, NULL, NULL, 0);
}

/* Both: see internal.h. */
void mploop__os_futex_wait_ns(int *word, int val, uint64_t timeout_ns)
{
    struct timespec ts = { (time_t)(timeout_ns / 1000000000u), (long)(timeout_ns % 1000000000u) };
    syscall(SYS_futex, word, FUTEX_WAIT, val, &ts, NULL, 0);
}

/* Both: FUTEX_WAKE every waiter on a word in MAP_SHARED memory. */
void mploop__os_futex_wake(int *word)
{
    syscall(SYS_futex, word, FUTEX_WAKE, 0x7fffffff, NULL, NULL, 0);
}

/* Both: FUTEX_WAKE at most n waiters on a word in MAP_SHARED memory. */
void mploop__os_futex_wake_n(int *word, int n)
{
    syscall(SYS_futex, word, FUTEX_WAKE, n, NULL, NULL, 0);
}

/* Both: the abbreviation of a signal with its SIG prefix ("SIGSEGV");
 * real-time and unknown signals are spelt "SIGRTMIN+3" or "signal 99" in
 * buf.  Never allocates. */
const char *mploop__os_signal_name(int sig, char *buf, size_t size)
{
    const char *abbrev = sigabbrev_np(sig);
    if (abbrev)
        snprintf(buf, size, "SIG%s", abbrev);
    else if (sig >= SIGRTMIN && sig <= SIGRTMAX)
        snprintf(buf, size, "SIGRTMIN+%d", sig - SIGRTMIN);
    else
        snprintf(buf, size, "signal %d", sig);
    return buf;
}

/* Both: the English description of a signal ("Segmentation fault"), or
 * "unknown signal".  Never allocates, never translates. */
const char *mploop__os_signal_text(int sig)
{
    const char *text = sigdescr_np(sig);
    if (!text && sig >= SIGRTMIN && sig <= SIGRTMAX)
        return "Real-time signal";
    return text ? text : "unknown signal";
}

/* Both: the English description of an errno value (positive or
 * negative), or "unknown error".  Never allocates, never translates. */
const char *mploop__os_errno_text(int err)
{
    const char *text = strerrordesc_np(err < 0 ? -err : err);
    return text ? text : "unknown error";
}

/* Parent: end the process with signal sig and its default action, as the
 * sequential program would have ended, but without a core dump (the
 * worker's crash is not this process's state).  The signal is unblocked
 * first.  If its default action does not end the process (SIGCHLD, a stop
 * signal), exits with EXIT_FAILURE instead. */
void mploop__os_die_by_signal(int sig)
{
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none);
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    if (sig != SIGKILL && sig != SIGSTOP)
        sigaction(sig, &dfl, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    if (sig != SIGSTOP && sig != SIGTSTP && sig != SIGTTIN && sig != SIGTTOU)
        raise(sig);
    exit(EXIT_FAILURE);
}

/* Parent: end with the status of a worker that called exit() or _exit()
 * in the loop body.  The sequential program would have ended right there
 * with that status.  exit() ran the program's atexit handlers once, in the
 * worker, so the parent flushes its streams and leaves with _exit rather
 * than running them a second time. */
void mploop__os_exit_as_worker(int status)
{
    fflush(NULL);
    _exit(status);
}

/* Both: CLOCK_MONOTONIC in nanoseconds. */
uint64_t mploop__os_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Both: write(2) all of buf, retrying on EINTR and short writes; gives up
 * silently on any other error (there is nowhere left to report it). */
int mploop__os_write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Both: see internal.h.  Through a buffer on the stack: pread, then write
 * or pwrite, retrying on EINTR and short transfers. */
int mploop__os_copy(int in, uint64_t at, int out, int64_t pos, uint64_t len)
{
    char buf[65536];
    while (len > 0) {
        ssize_t got = pread(in, buf, len < sizeof buf ? (size_t)len : sizeof buf, (off_t)at);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return got < 0 ? -errno : -EIO;
        if (pos < 0) {
            int rc = mploop__os_write_all(out, buf, (size_t)got);
            if (rc < 0)
                return rc;
        }
        for (ssize_t done = 0; pos >= 0 && done < got;) {
            ssize_t n = pwrite(out, buf + done, (size_t)(got - done), (off_t)pos);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return n < 0 ? -errno : -EIO;
            done += n;
            pos += n;
        }
        at += (uint64_t)got;
        len -= (uint64_t)got;
    }
    return 0;
}

/* Both: see internal.h. */
void mploop__os_punch(int fd, uint64_t at, uint64_t len)
{
    if (len > 0)
        fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)at, (off_t)len);
}

/* Both: see internal.h. */
void *mploop__os_map(size_t size)
{
    return mploop__reserve_take(size);
}

/* Both: see internal.h. */
void mploop__os_unmap(void *addr, size_t size)
{
    mploop__reserve_give(addr, size);
}

