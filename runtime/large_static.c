/*
 * large_static.c - large global and static arrays live in shared memory too.
 *
 * Why this file exists: a forked worker's writes to private memory reach
 * the parent only by shipping every written page and merging it, which
 * costs far more per page than the write itself.  Large heap blocks avoid
 * that by living in a shared memfd (large.c), but a program that declares
 * its big arrays as globals, as STREAM and PolyBench do, paid the full price
 * at every loop.  So the generated code hands the runtime every global or
 * static array a loop body names (mploop_static), and when the array's
 * whole pages make a large block (MPLOOP_LARGE_MIN), this file moves those
 * pages, the first time, into a memfd of their own mapped MAP_SHARED at the
 * same addresses, contents kept.  From then on they behave as the large
 * heap does: workers write them in place in direct mode, or in private
 * copies (the plan's regions) that the merge diffs in snapshot mode; the
 * partial pages at the array's ends stay private memory, merged as before.
 * The program's own fork() gives its child a copy (linux_memfd.c).
 *
 * The move is a copy of the array into the memfd followed by a MAP_FIXED
 * mapping over it: nothing else may write the array meanwhile.  It happens
 * in the parent before a loop starts, between the program's statements;
 * another thread of the program writing the array at that very moment
 * would lose its write (programs with threads are not supported around
 * parallel loops anyway).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mem_internal.h"

/* One moved array: its whole pages and the memfd behind them. */
struct static_array {
    uintptr_t addr;       /* page aligned */
    uint64_t size;        /* whole pages */
    int fd;
};

static struct {
    struct static_array a[MPLOOP__MAX_STATICS];
    unsigned n;
    int full;             /* more arrays than a holds were offered */
} statics MPLOOP__STATE;

/* Parent: whether [lo, hi) overlaps an array already moved (then it was
 * offered before, or is part of one). */
static int statics_known(uintptr_t lo, uintptr_t hi)
{
    for (unsigned i = 0; i < statics.n; i++)
        if (lo < statics.a[i].addr + statics.a[i].size && statics.a[i].addr < hi)
            return 1;
    return 0;
}

/* Parent: copy [lo, lo + size) into memfd fd.  Returns 0 or -errno. */
static int statics_copy(int fd, uintptr_t lo, uint64_t size)
{
    uint64_t done = 0;
    while (done < size) {
        ssize_t n = pwrite(fd, (const char *)(lo + done), size - done, (off_t)done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n < 0 ? -errno : -EIO;
        done += (uint64_t)n;
    }
    return 0;
}

/* Parent: see mem_internal.h. */
void mploop__statics_adopt(uintptr_t addr, uint64_t size)
{
    size_t min = mploop__env_large_min();
    uintptr_t lo = MPLOOP__PAGE_UP(addr), hi = MPLOOP__PAGE_DOWN(addr + size);
    if (!min || hi <= lo || hi - lo < min || statics_known(lo, hi))
        return;
    if (statics.n == MPLOOP__MAX_STATICS) {
        statics.full = 1;   /* the others stay private: merged as before */
        return;
    }
    int fd = mploop__memfd_create("mploop-static");
    if (fd < 0)
        return;
    uint64_t len = hi - lo;
    if (ftruncate(fd, (off_t)len) < 0 || statics_copy(fd, lo, len) < 0)
        goto fail;
    if (mmap((void *)lo, (size_t)len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0) ==
        MAP_FAILED)
        goto fail;   /* MAP_FIXED failing leaves the old mapping in place */
    struct static_array *s = &statics.a[statics.n];
    s->addr = lo;
    s->size = len;
    s->fd = fd;
    statics.n++;
    if (mploop__memfd_follow_fixed(&s->fd, lo, len) < 0) {
        /* Without the fork handler a child of the program's fork() would
         * share the array with its parent: put it back in private memory. */
        void *p = mmap(NULL, (size_t)len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                       -1, 0);
        if (p != MAP_FAILED) {
            __builtin_memcpy(p, (void *)lo, (size_t)len);
            mremap(p, (size_t)len, (size_t)len, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)lo);
        }
        statics.n--;
        close(fd);
        mploop__os_fd_closed(fd);
    }
    return;
fail:
    close(fd);
    mploop__os_fd_closed(fd);
}

/* Parent: see mem_internal.h. */
int mploop__statics_regions(struct mploop__region *out, unsigned max)
{
    for (unsigned i = 0; i < statics.n; i++)
        if (!mploop__memfd_valid(&statics.a[i].fd))
            return -EBADF;
    for (unsigned i = 0; i < statics.n && i < max; i++)
        out[i] = (struct mploop__region){ statics.a[i].addr, statics.a[i].size,
                                          statics.a[i].fd, 0 };
    return (int)statics.n;
}
