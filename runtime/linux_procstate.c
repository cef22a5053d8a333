/*
 * linux_procstate.c - what fork copies besides memory, and whether it changed.
 *
 * Why this file exists: a parked worker of a persistent team (team.c) may
 * only run a later loop when a fork at that moment would have given it the
 * same process it is: memory is sync.c's business; this file covers the
 * rest, cheaply.  A fingerprint taken when the team forms holds the signal
 * dispositions, the resource limits, the working directory, the
 * credentials, the umask, the CPU affinity and the number of threads; before each resume the
 * parent takes it again and compares.  Descriptors are compared against
 * the workers themselves: kcmp(KCMP_FILE) tells, for every descriptor of
 * the parent, whether a worker's descriptor of that number is the same
 * open file, and each worker counts its own descriptors when it parks.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

/* The kernel's struct sigaction for rt_sigaction (glibc's differs). */
struct ksigaction {
    uintptr_t handler;
    unsigned long flags;
    uintptr_t restorer;
    uint64_t mask;
};

/* Both: FNV-1a over n bytes, continuing from h. */
static uint64_t ps_hash(uint64_t h, const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ c[i]) * 0x100000001b3ull;
    return h;
}

/* Both: see internal.h. */
int mploop__procstate_take(struct mploop__procstate *ps)
{
    uint64_t h = 0xcbf29ce484222325ull;
    memset(ps, 0, sizeof *ps);
    for (int sig = 1; sig < 65; sig++) {
        struct ksigaction ka;
        if (sig == SIGKILL || sig == SIGSTOP)
            continue;
        if (syscall(SYS_rt_sigaction, sig, NULL, &ka, sizeof ka.mask) != 0)
            continue;
        /* What the C library adds (its restorer) says nothing of the
         * disposition, and a default or ignored signal has no other. */
        h = ps_hash(h, &ka.handler, sizeof ka.handler);
        if (ka.handler == (uintptr_t)SIG_DFL || ka.handler == (uintptr_t)SIG_IGN)
            continue;
        ka.flags &= ~(unsigned long)0x04000000; /* SA_RESTORER */
        h = ps_hash(h, &ka.flags, sizeof ka.flags);
        h = ps_hash(h, &ka.mask, sizeof ka.mask);
    }
    ps->signals = h;
    h = 0xcbf29ce484222325ull;
    for (int r = 0; r < RLIM_NLIMITS; r++) {
        struct rlimit rl;
        if (getrlimit((__rlimit_resource_t)r, &rl) == 0)
            h = ps_hash(h, &rl, sizeof rl);
    }
    char cwd[4096];
    if (getcwd(cwd, sizeof cwd))
        h = ps_hash(h, cwd, strlen(cwd));
    uid_t u[3];
    gid_t g[3];
    if (getresuid(&u[0], &u[1], &u[2]) == 0)
        h = ps_hash(h, u, sizeof u);
    if (getresgid(&g[0], &g[1], &g[2]) == 0)
        h = ps_hash(h, g, sizeof g);
    gid_t groups[64];
    int ng = getgroups(64, groups);
    if (ng > 0)
        h = ps_hash(h, groups, (size_t)ng * sizeof *groups);
    mode_t mask = umask(022);
    umask(mask);
    h = ps_hash(h, &mask, sizeof mask);
    cpu_set_t cpus;
    if (sched_getaffinity(0, sizeof cpus, &cpus) == 0)
        h = ps_hash(h, &cpus, sizeof cpus);
    ps->attrs = h;
    ps->threads = mploop__procstate_threads();
    return 0;
}

/* Both: see internal.h. */
int mploop__procstate_same(const struct mploop__procstate *a, const struct mploop__procstate *b)
{
    return a->signals == b->signals && a->attrs == b->attrs && a->threads == b->threads;
}

/* Both: see internal.h. */
unsigned mploop__procstate_threads(void)
{
    struct stat sb;
    if (stat("/proc/self/task", &sb) != 0 || sb.st_nlink < 3)
        return 0;
    return (unsigned)(sb.st_nlink - 2);
}

/* Both: see internal.h. */
long mploop__procstate_nfds(void)
{
    struct stat sb;
    if (stat("/proc/self/fd", &sb) != 0)
        return -errno;
    return (long)sb.st_size;
}

/* The head of a getdents64 record. */
struct ps_dirent {
    uint64_t ino;
    int64_t off;
    unsigned short reclen;
    unsigned char type;
    char name[];
};

/* Parent: see internal.h.  Reads /proc/self/fd with getdents64 into a
 * buffer on the stack (no malloc: the parent's heap layout must not move). */
int mploop__procstate_fds_match(const pid_t *pids, unsigned n, const int *skip,
                                unsigned nskip)
{
    int self = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (self < 0)
        return -errno;
    pid_t me = getpid();
    char buf[4096] __attribute__((aligned(8)));
    int err = 0;
    for (;;) {
        long got = syscall(SYS_getdents64, self, buf, sizeof buf);
        if (got < 0)
            err = -errno;
        if (got <= 0)
            break;
        for (long at = 0; at < got && !err;) {
            const struct ps_dirent *e = (const struct ps_dirent *)(buf + at);
            at += e->reclen;
            if (e->name[0] < '0' || e->name[0] > '9')
                continue;
            int fd = atoi(e->name), mine = fd == self || mploop__os_fd_is_runtime(fd);
            for (unsigned k = 0; k < nskip && !mine; k++)
                mine = fd == skip[k];
            if (mine)
                continue;
            for (unsigned w = 0; w < n; w++)
                if (syscall(SYS_kcmp, me, pids[w], 0 /* KCMP_FILE */, fd, fd) != 0) {
                    err = -ESTALE;
                    break;
                }
        }
        if (err)
            break;
    }
    close(self);
    return err;
}
