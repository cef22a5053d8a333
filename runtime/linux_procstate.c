/*
 * linux_procstate.c - what fork copies besides memory, and whether it changed.
 *
 * Why this file exists: a parked worker of a persistent team (team.c) may
 * only run a later loop when a fork at that moment would have given it the
 * same process it is: memory is sync.c's business; this file covers the
 * rest, cheaply.  A fingerprint taken when the team forms holds the signal
 * dispositions, the resource limits, the working directory, the
 * credentials, the umask, the CPU affinity and the number of threads; before each resume the
 * parent takes it again and compares (one read of /proc/self/status,
 * which also covers capabilities, no_new_privs and seccomp, then the
 * handlers of the caught signals and the limits by their calls).  Descriptors are compared against
 * the workers themselves: kcmp(KCMP_FILE) tells, for every descriptor of
 * the parent, whether a worker's descriptor of that number is the same
 * open file, and each worker counts its own descriptors when it parks.
 * The same walk over the descriptors silences the sequential run of
 * MPLOOP_CHECK=verify (verify.c): what it writes goes to /dev/null.
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

/* /proc/self/status, kept open by the process that opened it (each process
 * its own: a worker's survives the resumes that copy the parent's state). */
static struct mploop__os_kept ps_status MPLOOP__WORKER = MPLOOP__OS_KEPT_INIT;

/* The lines of /proc/self/status that describe what fork copies: the
 * umask, credentials, capabilities, no_new_privs, seccomp, the ignored and
 * caught signals, the CPUs allowed. */
static const char *const ps_lines[] = {
    "Umask:", "Uid:", "Gid:", "Groups:", "NoNewPrivs:", "Seccomp:", "CapInh:", "CapPrm:",
    "CapEff:", "CapBnd:", "CapAmb:", "SigIgn:", "SigCgt:", "Cpus_allowed:",
};

/* Both: read /proc/self/status into buf (n bytes); returns its length or
 * -errno. */
static ssize_t ps_read_status(char *buf, size_t n)
{
    int fd = mploop__os_kept_fd(&ps_status, "/proc/self/status");
    if (fd < 0)
        return fd;
    ssize_t got = pread(fd, buf, n - 1, 0);
    if (got < 0)
        return -errno;
    buf[got] = '\0';
    return got;
}

/* Both: see internal.h.  One read of /proc/self/status gives most of it;
 * the handlers of the caught signals (SigCgt) are asked one by one, the
 * limits and the working directory by their calls. */
int mploop__procstate_take(struct mploop__procstate *ps)
{
    uint64_t h = 0xcbf29ce484222325ull, sigs = h;
    char st[8192];
    memset(ps, 0, sizeof *ps);
    ssize_t len = ps_read_status(st, sizeof st);
    uint64_t caught = 0;
    for (char *line = len > 0 ? st : NULL; line && *line;) {
        char *eol = strchr(line, '\n');
        size_t ll = eol ? (size_t)(eol - line) : strlen(line);
        for (unsigned i = 0; i < sizeof ps_lines / sizeof ps_lines[0]; i++) {
            size_t kl = strlen(ps_lines[i]);
            if (ll >= kl && memcmp(line, ps_lines[i], kl) == 0) {
                if (i >= 11 && i <= 12) /* SigIgn, SigCgt */
                    sigs = ps_hash(sigs, line, ll);
                else
                    h = ps_hash(h, line, ll);
                if (i == 12)
                    caught = strtoull(line + kl, NULL, 16);
            }
        }
        if (ll >= 8 && memcmp(line, "Threads:", 8) == 0)
            ps->threads = (unsigned)strtoul(line + 8, NULL, 10);
        line = eol ? eol + 1 : NULL;
    }
    if (len <= 0) {
        /* No /proc: every disposition by its call. */
        caught = ~0ull;
        ps->threads = mploop__procstate_threads();
    }
    for (int sig = 1; sig < 65; sig++) {
        struct ksigaction ka;
        if (!(caught >> (sig - 1) & 1) || sig == SIGKILL || sig == SIGSTOP)
            continue;
        if (syscall(SYS_rt_sigaction, sig, NULL, &ka, sizeof ka.mask) != 0)
            continue;
        /* What the C library adds (its restorer) says nothing of the
         * disposition, and a default or ignored signal has no other. */
        sigs = ps_hash(sigs, &sig, sizeof sig);
        sigs = ps_hash(sigs, &ka.handler, sizeof ka.handler);
        if (ka.handler == (uintptr_t)SIG_DFL || ka.handler == (uintptr_t)SIG_IGN)
            continue;
        ka.flags &= ~(unsigned long)0x04000000; /* SA_RESTORER */
        sigs = ps_hash(sigs, &ka.flags, sizeof ka.flags);
        sigs = ps_hash(sigs, &ka.mask, sizeof ka.mask);
    }
    ps->signals = sigs;
    for (int r = 0; r < RLIM_NLIMITS; r++) {
        struct rlimit rl;
        if (getrlimit((__rlimit_resource_t)r, &rl) == 0)
            h = ps_hash(h, &rl, sizeof rl);
    }
    char cwd[4096];
    if (getcwd(cwd, sizeof cwd))
        h = ps_hash(h, cwd, strlen(cwd));
    if (len <= 0) {
        uid_t u[3];
        gid_t g[3];
        if (getresuid(&u[0], &u[1], &u[2]) == 0)
            h = ps_hash(h, u, sizeof u);
        if (getresgid(&g[0], &g[1], &g[2]) == 0)
            h = ps_hash(h, g, sizeof g);
        mode_t mask = umask(022);
        umask(mask);
        h = ps_hash(h, &mask, sizeof mask);
        cpu_set_t cpus;
        if (sched_getaffinity(0, sizeof cpus, &cpus) == 0)
            h = ps_hash(h, &cpus, sizeof cpus);
    }
    ps->attrs = h;
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

/* Both: call each(ctx, fd) for every open descriptor of this process but
 * the runtime's own, until it returns non-zero.  Reads /proc/self/fd with
 * getdents64 into a buffer on the stack (no malloc: the parent's heap
 * layout must not move).  Returns 0, each's non-zero return, or -errno. */
static int ps_each_fd(int (*each)(void *ctx, int fd), void *ctx)
{
    int self = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (self < 0)
        return -errno;
    char buf[4096] __attribute__((aligned(8)));
    int err = 0;
    while (!err) {
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
            int fd = atoi(e->name);
            if (fd != self && !mploop__os_fd_is_runtime(fd))
                err = each(ctx, fd);
        }
    }
    close(self);
    return err;
}

/* Parent: add fd to *wl when it is open for writing (see internal.h). */
static void ps_writable_add(struct mploop__wfds *wl, int fd)
{
    struct stat sb;
    /* The access mode first: most descriptors are not for writing. */
    int fl = fcntl(fd, F_GETFL), acc = fl & O_ACCMODE;
    if (fl < 0)
        return;
    if (acc != O_WRONLY) {
        /* A pipe this process reads is one it talks through itself. */
        if (wl->nread < MPLOOP__WFDS && fstat(fd, &sb) == 0 && S_ISFIFO(sb.st_mode))
            wl->read_pipe[wl->nread++] = (uint64_t)sb.st_ino;
        if (fd == 0 || acc != O_RDWR || (fd != 1 && fd != 2))
            return;
    }
    int fdfl;
    if (fstat(fd, &sb) != 0 ||
        (!S_ISREG(sb.st_mode) && !S_ISFIFO(sb.st_mode) && !S_ISCHR(sb.st_mode)) ||
        (fdfl = fcntl(fd, F_GETFD)) < 0)
        return;
    if (wl->n < MPLOOP__WFDS)
        wl->v[wl->n] = (struct mploop__wfd){
            .fd = fd,
            .type = S_ISREG(sb.st_mode) ? MPLOOP__WFD_FILE
                  : S_ISFIFO(sb.st_mode) ? MPLOOP__WFD_PIPE
                  : isatty(fd)           ? MPLOOP__WFD_TTY
                                         : MPLOOP__WFD_DEVICE,
            .append = (fl & O_APPEND) != 0,
            .cloexec = (fdfl & FD_CLOEXEC) != 0,
            .size = S_ISREG(sb.st_mode) ? (int64_t)sb.st_size : 0,
            .ino = (uint64_t)sb.st_ino,
        };
    wl->n++;
}

/* What mploop__procstate_fds_match compares. */
struct ps_match {
    pid_t me;
    const pid_t *pids;
    unsigned n;
    const int *skip;
    unsigned nskip;
    struct mploop__wfds *wl;
};

/* Parent: ps_each_fd callback: -ESTALE when fd, unless skipped, is not the
 * same open file in every child; lists fd when open for writing. */
static int ps_match_fd(void *ctx, int fd)
{
    const struct ps_match *c = ctx;
    for (unsigned k = 0; k < c->nskip; k++)
        if (fd == c->skip[k])
            return 0;
    for (unsigned w = 0; w < c->n; w++)
        if (syscall(SYS_kcmp, c->me, c->pids[w], 0 /* KCMP_FILE */, fd, fd) != 0)
            return -ESTALE;
    if (c->wl)
        ps_writable_add(c->wl, fd);
    return 0;
}

/* Parent: see internal.h. */
int mploop__procstate_fds_match(const pid_t *pids, unsigned n, const int *skip,
                                unsigned nskip, struct mploop__wfds *wl)
{
    struct mploop__wfds scratch;
    struct ps_match c = { getpid(), pids, n, skip, nskip, wl ? &scratch : NULL };
    scratch.n = 0;
    scratch.nread = 0;
    int err = ps_each_fd(ps_match_fd, &c);
    if (wl && !err)
        *wl = scratch;
    return err;
}

/* Parent: ps_each_fd callback of mploop__procstate_writable. */
static int ps_writable_fd(void *ctx, int fd)
{
    ps_writable_add(ctx, fd);
    return 0;
}

/* Parent: see internal.h. */
int mploop__procstate_writable(struct mploop__wfds *wl)
{
    wl->n = 0;
    wl->nread = 0;
    int rc = ps_each_fd(ps_writable_fd, wl);
    if (rc < 0)
        wl->n = -1;
    return rc < 0 ? rc : 0;
}

/* Parent: see internal.h. */
int mploop__procstate_same_file(int a, int b)
{
    pid_t me = getpid();
    return syscall(SYS_kcmp, me, me, 0 /* KCMP_FILE */, a, b) == 0;
}

/* What mploop__procstate_silence_writers needs per descriptor. */
struct ps_silence {
    int null;                            /* /dev/null, open for writing */
    int (*keep)(void *ctx, int fd);
    void *ctx;
};

/* Sequential run: ps_each_fd callback: fd 1, 2 or any descriptor open for
 * writing that is not to be kept now refers to /dev/null, with its
 * close-on-exec flag as before.  Returns 0 or -errno. */
static int ps_silence_fd(void *ctx, int fd)
{
    const struct ps_silence *c = ctx;
    int fl = fcntl(fd, F_GETFL), fdfl = fcntl(fd, F_GETFD);
    if (fd == c->null || fl < 0 || fdfl < 0 || (fl & O_PATH) ||
        (fd != 1 && fd != 2 && (fl & O_ACCMODE) == O_RDONLY) || c->keep(c->ctx, fd))
        return 0;
    if (dup3(c->null, fd, fdfl & FD_CLOEXEC ? O_CLOEXEC : 0) < 0)
        return -errno;
    return 0;
}

/* Sequential run: see internal.h. */
int mploop__procstate_silence_writers(int (*keep)(void *ctx, int fd), void *ctx)
{
    struct ps_silence c = { open("/dev/null", O_WRONLY | O_CLOEXEC), keep, ctx };
    if (c.null < 0)
        return -errno;
    int err = ps_each_fd(ps_silence_fd, &c);
    close(c.null);
    return err;
}
