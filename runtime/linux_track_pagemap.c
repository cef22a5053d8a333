/*
 * linux_track_pagemap.c - which pages did this worker write?  Answer from the
 * "exclusively mapped" bit of /proc/self/pagemap, for kernels without
 * userfaultfd asynchronous write-protect.
 *
 * Right after fork every private page of the worker is shared copy-on-write
 * with the parent (mapped twice), so bit 56 of its pagemap entry ("page
 * exclusively mapped") is clear.  The first write the worker makes to a
 * page, by its own stores or by the kernel on its behalf (read() into a
 * buffer), gives it a private copy mapped only once: the bit is set.  A
 * page never touched before and written now is freshly allocated, mapped
 * once: set too.  So at the end of the worker the set bits cover every page
 * it wrote, plus some it did not: a page the parent wrote after the fork
 * (its copy then becomes the worker's alone), pages of huge pages split by
 * the kernel, pages that were already private to the worker.  The merge
 * diffs every shipped page against the parent's bytes, so those false
 * positives cost a copy, never a wrong byte.  A page swapped out is shipped
 * too (its entry no longer tells), for the same reason.  That holds while
 * the parent writes nothing during the loop: another thread of the parent
 * writing a page (or the C library, in the child of a process with
 * threads, writing the other threads' descriptors) makes the worker's copy
 * exclusive with the old bytes, and the merge would write them back.  So
 * with this tracker loops run in-process while the program has other
 * threads (single_thread).
 *
 * Arming costs nothing: the fork itself did it.  The scan reads 8 bytes of
 * pagemap per tracked page.  The bit exists since Linux 4.2; reading it
 * needs no privilege.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mem_internal.h"

#define PM_PRESENT (1ull << 63)
#define PM_SWAPPED (1ull << 62)
#define PM_FILE (1ull << 61)
#define PM_EXCLUSIVE (1ull << 56)

/* Entries read per pread. */
#define SCAN_ENTRIES 1024

/* The worker's own descriptor, kept across the loops of a persistent team. */
static struct mploop__os_kept pm_fd MPLOOP__WORKER = MPLOOP__OS_KEPT_INIT;

/* Worker: see internal.h. */
int mploop__pagemap_fd(void)
{
    return mploop__os_kept_fd(&pm_fd, "/proc/self/pagemap");
}

/* Both: read the pagemap entries of n pages from page address addr into
 * out[].  Returns 0 or -errno. */
static int read_entries(int fd, uintptr_t addr, unsigned n, uint64_t *out)
{
    size_t want = (size_t)n * sizeof *out, got = 0;
    off_t off = (off_t)(addr / MPLOOP__PAGE * sizeof *out);
    while (got < want) {
        ssize_t r = pread(fd, (char *)out + got, want - got, off + (off_t)got);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        if (r == 0)
            return -EIO;
        got += (size_t)r;
    }
    return 0;
}

/* Parent: check that a page written by this process shows as present and
 * exclusively mapped.  Returns 0 or -ENOSYS (or another -errno for a
 * resource failure). */
static int pagemap_probe(void)
{
    int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT || errno == EACCES || errno == EPERM ? -ENOSYS : -errno;
    int err = 0;
    char *page = mmap(NULL, MPLOOP__PAGE, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) {
        err = -errno;
        goto out;
    }
    *(volatile char *)page = 1;
    uint64_t e = 0;
    err = read_entries(fd, (uintptr_t)page, 1, &e);
    if (!err && (e & (PM_PRESENT | PM_EXCLUSIVE)) != (PM_PRESENT | PM_EXCLUSIVE))
        err = -ENOSYS;
    munmap(page, MPLOOP__PAGE);
out:
    close(fd);
    return err;
}

/* Worker: nothing to protect; open pagemap now, while descriptors are
 * surely available.  Returns 0 or -errno. */
static int pagemap_arm(const struct mploop__range *pages, unsigned n)
{
    (void)pages;
    (void)n;
    int fd = mploop__pagemap_fd();
    return fd < 0 ? fd : 0;
}

/* Worker: nonzero when pagemap entry e says this worker wrote the page:
 * in a tracked private mapping, the page is exclusively mapped or swapped
 * out; in a private file mapping (file != 0), it is present or swapped out
 * and no longer a page of the file. */
static int entry_written(uint64_t e, int file)
{
    if (file)
        return (e & (PM_PRESENT | PM_SWAPPED)) && !(e & PM_FILE);
    return (e & PM_PRESENT) ? (e & PM_EXCLUSIVE) != 0 : (e & PM_SWAPPED) != 0;
}

/* Worker: walk the entries of every range, emitting runs of written pages
 * (entry_written with `file`). */
static int walk(const struct mploop__range *pages, unsigned n, int file,
                int (*emit)(void *ctx, uintptr_t start, uintptr_t end), void *ctx)
{
    int fd = mploop__pagemap_fd();
    if (fd < 0)
        return fd;
    uint64_t e[SCAN_ENTRIES];
    struct mploop__runs runs = { emit, ctx, 0 };
    for (unsigned i = 0; i < n; i++) {
        uintptr_t a = pages[i].addr, end = pages[i].addr + pages[i].size;
        while (a < end) {
            uintptr_t left = (end - a) / MPLOOP__PAGE;
            unsigned k = left < SCAN_ENTRIES ? (unsigned)left : SCAN_ENTRIES;
            int err = read_entries(fd, a, k, e);
            if (err)
                return err;
            for (unsigned j = 0; j < k; j++, a += MPLOOP__PAGE) {
                int r = mploop__runs_page(&runs, a, entry_written(e[j], file));
                if (r)
                    return r;
            }
        }
        int r = mploop__runs_end(&runs, end);
        if (r)
            return r;
    }
    return 0;
}

/* Worker: the tracker's collect: pages exclusively mapped or swapped out. */
static int pagemap_collect(const struct mploop__range *pages, unsigned n,
                           int (*emit)(void *ctx, uintptr_t start, uintptr_t end),
                           void *ctx)
{
    return walk(pages, n, 0, emit, ctx);
}

/* Worker: see internal.h. */
int mploop__pagemap_collect_private(const struct mploop__range *ranges, unsigned n,
                                    int (*emit)(void *ctx, uintptr_t start, uintptr_t end),
                                    void *ctx)
{
    return walk(ranges, n, 1, emit, ctx);
}

const struct mploop__tracker mploop__tracker_pagemap = {
    .name = "pagemap",
    .single_thread = 1,
    .probe = pagemap_probe,
    .arm = pagemap_arm,
    .collect = pagemap_collect,
    .collect_private = mploop__pagemap_collect_private,
};
