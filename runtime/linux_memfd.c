/*
 * linux_memfd.c - the memfds behind shared memory, and the program's own
 * fork().
 *
 * The shared heap (large.c) and the worker arenas (malloc.c) are memfds
 * mapped MAP_SHARED, which is what keeps a loop's fork cheap.  But a child
 * the program forks itself (a server's worker, a test harness, daemon())
 * must get a copy of memory, not a view of the parent's: a fork handler
 * (pthread_atfork, child side) gives it one.  For each registered memfd it
 * copies the populated extents (lseek SEEK_DATA / SEEK_HOLE, then
 * copy_file_range) into a new memfd and maps that over the same addresses.
 * The cost is a copy of the large blocks the program holds, paid only by
 * programs that call fork() themselves; posix_spawn, system() and popen()
 * run no fork handlers and pay nothing.  The loops' own workers are forked
 * with mploop__memfd_forking set, so the handler leaves them alone.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mem_internal.h"

/* Descriptors below this number are left to the program. */
#define FD_FLOOR 256
/* Most memfds that follow a fork: the heap, the arenas and the large
 * static arrays (large_static.c). */
#define MAX_FOLLOW (4 + MPLOOP__MAX_STATICS)

/* Process-private state (never merged). */
static struct {
    int forking;                 /* a loop is forking its workers */
    int registered;              /* the fork handler is installed */
    unsigned n;
    struct {
        int *fd;                 /* where the owner keeps the descriptor */
        uintptr_t addr;          /* the mapping it backs */
        uint64_t (*size)(void);  /* its current size, or NULL: */
        uint64_t fixed;          /* the size, when it never changes */
        int flags;               /* extra mmap flags */
        dev_t dev;               /* the memfd's identity, to tell it from */
        ino_t ino;               /* a file that reuses its number */
    } follow[MAX_FOLLOW];
} mf MPLOOP__STATE;

/* Both: see internal.h. */
int mploop__memfd_create(const char *name)
{
    int fd = memfd_create(name, MFD_CLOEXEC);
    if (fd < 0)
        return -errno;
    int high = fcntl(fd, F_DUPFD_CLOEXEC, FD_FLOOR);
    if (high >= 0) {
        close(fd);
        fd = high;
    }
    return fd;
}

/* Child of the program's fork(): copy [0, size) of memfd `old` into a new
 * memfd, holes kept.  Returns the new descriptor or -errno. */
static int clone_memfd(int old, uint64_t size)
{
    int fd = mploop__memfd_create("mploop-copy");
    if (fd < 0)
        return fd;
    if (ftruncate(fd, (off_t)size) < 0)
        goto fail;
    off_t pos = 0;
    for (;;) {
        off_t data = lseek(old, pos, SEEK_DATA);
        if (data < 0) {
            if (errno == ENXIO)
                break;
            goto fail;
        }
        off_t hole = lseek(old, data, SEEK_HOLE);
        if (hole < 0)
            goto fail;
        off_t in = data, out = data;
        while (in < hole) {
            ssize_t got = copy_file_range(old, &in, fd, &out, (size_t)(hole - in), 0);
            if (got <= 0) {
                if (got < 0 && errno == EINTR)
                    continue;
                goto fail;
            }
        }
        pos = hole;
    }
    return fd;
fail:;
    int e = errno ? errno : EIO;
    close(fd);
    return -e;
}

/* Child of the program's fork(): copy the resident pages of the shared
 * mapping [addr, addr + size) into memfd fd (the program closed the memfd
 * behind it, so its holes cannot be asked for).  Returns 0 or -errno. */
static int copy_resident(uintptr_t addr, uint64_t size, int fd)
{
    unsigned char vec[4096];
    const uint64_t step = (uint64_t)sizeof vec * MPLOOP__PAGE;
    for (uint64_t off = 0; off < size; off += step) {
        uint64_t len = size - off < step ? size - off : step;
        if (mincore((void *)(addr + off), (size_t)len, vec) < 0)
            return -errno;
        for (uint64_t p = 0; p < len / MPLOOP__PAGE; p++) {
            if (!(vec[p] & 1))
                continue;
            const char *src = (const char *)(addr + off + p * MPLOOP__PAGE);
            if (pwrite(fd, src, MPLOOP__PAGE, (off_t)(off + p * MPLOOP__PAGE)) !=
                (ssize_t)MPLOOP__PAGE)
                return errno ? -errno : -EIO;
        }
    }
    return 0;
}

/* Both: nonzero when descriptor fd still is the memfd of follow entry i. */
static int same_file(unsigned i, int fd)
{
    struct stat sb;
    return fd >= 0 && fstat(fd, &sb) == 0 && sb.st_dev == mf.follow[i].dev &&
           sb.st_ino == mf.follow[i].ino;
}

/* Child of the program's fork(): give it its own copy of every followed
 * memfd.  When that fails the child cannot run correctly: it says so and
 * ends with status 127. */
static void on_fork_child(void)
{
    if (mf.forking)
        return;
    for (unsigned i = 0; i < mf.n; i++) {
        int old = *mf.follow[i].fd;
        if (old < 0)
            continue;
        uint64_t size = mf.follow[i].size ? mf.follow[i].size() : mf.follow[i].fixed;
        int lost = !same_file(i, old);
        int fd;
        if (!lost) {
            fd = size ? clone_memfd(old, size) : mploop__memfd_create("mploop-copy");
        } else {
            /* The program closed the memfd: copy what the mapping holds. */
            fd = mploop__memfd_create("mploop-copy");
            if (fd >= 0 && (ftruncate(fd, (off_t)size) < 0 ||
                            copy_resident(mf.follow[i].addr, size, fd) < 0)) {
                close(fd);
                fd = -1;
            }
        }
        if (fd >= 0 && size &&
            mmap((void *)mf.follow[i].addr, (size_t)size, PROT_READ | PROT_WRITE,
                 MAP_SHARED | MAP_FIXED | mf.follow[i].flags, fd, 0) == MAP_FAILED) {
            close(fd);
            fd = -1;
        }
        if (fd < 0) {
            static const char msg[] = "mploop: error: cannot give the child of fork() its own "
                                      "copy of the program's large blocks (out of memory?)\n";
            mploop__os_write_all(2, msg, sizeof msg - 1);
            _exit(127);
        }
        if (!lost)
            close(old);
        struct stat sb;
        fstat(fd, &sb);
        mf.follow[i].dev = sb.st_dev;
        mf.follow[i].ino = sb.st_ino;
        *mf.follow[i].fd = fd;
    }
}

/* Parent: register follow entry for memfd *fd behind [addr, addr + size()
 * or fixed). */
static int follow_add(int *fd, uintptr_t addr, uint64_t (*size)(void), uint64_t fixed, int flags)
{
    if (mf.n == MAX_FOLLOW)
        return -ENOSPC;
    if (!mf.registered) {
        int err = pthread_atfork(NULL, NULL, on_fork_child);
        if (err)
            return -err;
        mf.registered = 1;
    }
    struct stat sb;
    if (fstat(*fd, &sb) < 0)
        return -errno;
    mf.follow[mf.n].dev = sb.st_dev;
    mf.follow[mf.n].ino = sb.st_ino;
    mf.follow[mf.n].fd = fd;
    mf.follow[mf.n].addr = addr;
    mf.follow[mf.n].size = size;
    mf.follow[mf.n].fixed = fixed;
    mf.follow[mf.n].flags = flags;
    mf.n++;
    return 0;
}

/* Parent: see mem_internal.h. */
int mploop__memfd_follow(int *fd, uintptr_t addr, uint64_t (*size)(void), int flags)
{
    return follow_add(fd, addr, size, 0, flags);
}

/* Parent: see mem_internal.h. */
int mploop__memfd_follow_fixed(int *fd, uintptr_t addr, uint64_t size)
{
    return follow_add(fd, addr, NULL, size, 0);
}

/* Both: see internal.h. */
int mploop__memfd_valid(const int *fd)
{
    for (unsigned i = 0; i < mf.n; i++)
        if (mf.follow[i].fd == fd)
            return same_file(i, *fd);
    return 0;
}

/* Parent: see internal.h. */
void mploop__memfd_forking(int on)
{
    mf.forking = on;
}
