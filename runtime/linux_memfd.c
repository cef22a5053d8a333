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
 *
 * The shared heap may live in a file of a directory instead of a memfd
 * (MPLOOP_HUGE_DIR: a tmpfs mounted with huge=always, whose shared
 * mappings get 2 MiB pages even where the kernel's shmem_enabled is
 * "never").  Such a file is made with O_TMPFILE, so it has no name and
 * vanishes with its last descriptor or mapping, like a memfd; the child of
 * the program's fork() gets its copy in a new file of the same directory.
 * Only tmpfs is accepted: hugetlbfs needs a reserved pool of pages, punches
 * holes and maps privately only in whole huge pages, and has no write() or
 * copy_file_range, none of which the heap's users expect.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "mem_internal.h"

/* Most memfds that follow a fork: the heap, the arenas and the large
 * static arrays (large_static.c). */
#define MAX_FOLLOW (4 + MPLOOP__MAX_STATICS)
/* statfs's f_type of the file systems a heap directory may or may not be
 * on (linux/magic.h). */
#define TMPFS_MAGIC 0x01021994
#define HUGETLBFS_MAGIC 0x958458f6
/* A huge page: what a directory must have room for. */
#define HUGE_PAGE (2u << 20)

/* Process-private state (never merged). */
static struct {
    int registered;              /* the fork handler is installed */
    unsigned n;
    struct {
        int *fd;                 /* where the owner keeps the descriptor */
        uintptr_t addr;          /* the mapping it backs */
        uint64_t (*size)(void);  /* its current size, or NULL: */
        uint64_t fixed;          /* the size, when it never changes */
        int flags;               /* extra mmap flags */
        int advice;              /* madvise advice of the mapping, or -1 */
        const char *dir;         /* directory of the file, NULL for a memfd */
        dev_t dev;               /* the memfd's identity, to tell it from */
        ino_t ino;               /* a file that reuses its number */
    } follow[MAX_FOLLOW];
} mf MPLOOP__STATE;

/* This thread is forking a loop's workers (another thread may fork()
 * meanwhile). */
static MPLOOP__THREAD int mf_forking;

/* Both: see internal.h. */
int mploop__memfd_create(const char *name)
{
    return mploop__memfd_create_in(NULL, name);
}

/* Both: see internal.h. */
int mploop__memfd_create_in(const char *dir, const char *name)
{
    int fd = dir ? open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)
                 : memfd_create(name, MFD_CLOEXEC);
    if (fd < 0)
        return -errno;
    return mploop__os_fd_high(fd);
}

/* Child of the program's fork(): copy [pos, end) of file `old` into fd at
 * the same offsets, with copy_file_range, or from the mapping at addr
 * (which still shows `old`) when the kernel copies nothing between the two
 * file systems.  Returns 0 or -errno. */
static int copy_extent(int old, int fd, uintptr_t addr, off_t pos, off_t end)
{
    off_t in = pos, out = pos;
    while (in < end) {
        ssize_t got = copy_file_range(old, &in, fd, &out, (size_t)(end - in), 0);
        if (got > 0)
            continue;
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EXDEV || errno == EINVAL || errno == EOPNOTSUPP))
            break;
        return got < 0 ? -errno : -EIO;
    }
    while (in < end) {
        ssize_t put = pwrite(fd, (const char *)(addr + (uintptr_t)in), (size_t)(end - in), in);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return put < 0 ? -errno : -EIO;
        in += put;
    }
    return 0;
}

/* Child of the program's fork(): copy [0, size) of follow entry i's file
 * `old` into the new file fd, holes kept.  Returns 0 or -errno. */
static int clone_file(unsigned i, int old, int fd, uint64_t size)
{
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
        if (hole > (off_t)size)
            hole = (off_t)size;
        int err = copy_extent(old, fd, mf.follow[i].addr, data, hole);
        if (err) {
            errno = -err;
            goto fail;
        }
        pos = hole;
        if (pos >= (off_t)size)
            break;
    }
    return 0;
fail:
    return errno ? -errno : -EIO;
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

/* Child of the program's fork(): a copy of follow entry i (whose file is
 * `old`, or was, when lost is set: then the copy is made from the mapping)
 * in a new file of directory dir, a memfd when dir is NULL.  Returns the
 * new descriptor or -errno. */
static int copy_entry(unsigned i, int old, int lost, uint64_t size, const char *dir)
{
    int fd = mploop__memfd_create_in(dir, "mploop-copy");
    if (fd < 0 || !size)
        return fd;
    int err = lost ? (ftruncate(fd, (off_t)size) < 0 ? -errno
                                                      : copy_resident(mf.follow[i].addr, size, fd))
                   : clone_file(i, old, fd, size);
    if (err) {
        close(fd);
        mploop__os_fd_closed(fd);
        return err;
    }
    return fd;
}

/* Child of the program's fork(): give it its own copy of every followed
 * memfd.  A file of a directory is copied into a new file of the same
 * directory, or into a memfd when that directory is full.  When that fails
 * the child cannot run correctly: it says so and ends with status 127. */
static void on_fork_child(void)
{
    if (mf_forking)
        return;
    for (unsigned i = 0; i < mf.n; i++) {
        int old = *mf.follow[i].fd;
        if (old < 0)
            continue;
        uint64_t size = mf.follow[i].size ? mf.follow[i].size() : mf.follow[i].fixed;
        int lost = !same_file(i, old);
        /* lost: the program closed the memfd; copy what the mapping holds. */
        int fd = copy_entry(i, old, lost, size, mf.follow[i].dir);
        if (fd < 0 && mf.follow[i].dir)
            fd = copy_entry(i, old, lost, size, NULL);
        if (fd >= 0 && size &&
            mmap((void *)mf.follow[i].addr, (size_t)size, PROT_READ | PROT_WRITE,
                 MAP_SHARED | MAP_FIXED | mf.follow[i].flags, fd, 0) == MAP_FAILED) {
            close(fd);
            mploop__os_fd_closed(fd);
            fd = -1;
        }
        if (fd >= 0 && size && mf.follow[i].advice >= 0)
            madvise((void *)mf.follow[i].addr, (size_t)size, mf.follow[i].advice);
        if (fd < 0) {
            static const char msg[] = "mploop: error: cannot give the child of fork() its own "
                                      "copy of the program's large blocks (out of memory?)\n";
            mploop__os_write_all(2, msg, sizeof msg - 1);
            _exit(127);
        }
        if (!lost) {
            close(old);
            mploop__os_fd_closed(old);
        }
        struct stat sb;
        fstat(fd, &sb);
        mf.follow[i].dev = sb.st_dev;
        mf.follow[i].ino = sb.st_ino;
        *mf.follow[i].fd = fd;
    }
}

/* Parent: register a follow entry for the file *fd behind [addr, addr +
 * size() or fixed), whose child copies go to dir (NULL: a memfd) and get
 * madvise(advice) (-1: none).  Returns 0 or -errno. */
static int follow_add(int *fd, uintptr_t addr, uint64_t (*size)(void), uint64_t fixed, int flags,
                      const char *dir, int advice)
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
    mf.follow[mf.n].advice = advice;
    mf.follow[mf.n].dir = dir;
    mf.n++;
    return 0;
}

/* Parent: see mem_internal.h. */
int mploop__memfd_follow_in(int *fd, uintptr_t addr, uint64_t (*size)(void), int flags,
                            const char *dir, int advice)
{
    return follow_add(fd, addr, size, 0, flags, dir, advice);
}

/* Parent: see mem_internal.h. */
int mploop__memfd_follow(int *fd, uintptr_t addr, uint64_t (*size)(void), int flags)
{
    return follow_add(fd, addr, size, 0, flags, NULL, -1);
}

/* Parent: see mem_internal.h. */
int mploop__memfd_follow_fixed(int *fd, uintptr_t addr, uint64_t size)
{
    return follow_add(fd, addr, NULL, size, 0, NULL, -1);
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
    mf_forking = on;
}

/* Both (the parent, when MPLOOP_HUGE_DIR is read): see internal.h. */
int mploop__memfd_dir_check(const char *dir)
{
    struct statfs fs;
    if (statfs(dir, &fs) < 0)
        return -errno;
    if ((unsigned long)fs.f_type == HUGETLBFS_MAGIC)
        return -EOPNOTSUPP;
    if ((unsigned long)fs.f_type != TMPFS_MAGIC)
        return -EINVAL;
    int fd = mploop__memfd_create_in(dir, NULL);
    if (fd < 0)
        return fd;
    /* Room for one huge page, and the right to use it. */
    int err = fallocate(fd, 0, 0, HUGE_PAGE) < 0 ? -errno : 0;
    close(fd);
    mploop__os_fd_closed(fd);
    return err;
}

/* Parent: see internal.h. */
int mploop__memfd_room(int fd, uint64_t size)
{
    struct stat sb;
    struct statfs fs;
    if (fstat(fd, &sb) < 0 || fstatfs(fd, &fs) < 0)
        return -errno;
    if (fs.f_blocks == 0)
        return 0; /* a tmpfs without a size limit */
    uint64_t used = (uint64_t)sb.st_blocks * 512;
    uint64_t avail = (uint64_t)fs.f_bavail * (uint64_t)fs.f_bsize;
    return size <= used || size - used <= avail ? 0 : -ENOSPC;
}
