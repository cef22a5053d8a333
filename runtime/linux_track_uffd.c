/*
 * linux_track_uffd.c - which pages did this worker write?  Linux answer.
 *
 * A worker asks the kernel to write-protect every tracked page with
 * userfaultfd in asynchronous mode (UFFD_FEATURE_WP_ASYNC): the first write
 * to a page then simply lifts the protection in the kernel, with no message
 * and no handler thread, and the page table remembers it.  At the end of the
 * worker, one PAGEMAP_SCAN ioctl on /proc/self/pagemap lists exactly the
 * pages written since (kernel writes such as read() into a buffer included).
 * UFFD_FEATURE_WP_UNPOPULATED protects pages that were never touched too,
 * so arming costs one pass over the page tables and no faults.
 *
 * Needs Linux 6.7 or later.  Debian 12's headers are older than that:
 * linux_uapi.h supplies what they lack.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/userfaultfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux_uapi.h"
#include "mem_internal.h"

/* Runs of written pages fetched per PAGEMAP_SCAN call. */
#define SCAN_VEC 512

/* The worker's userfaultfd, kept across the loops of a persistent team
 * (its registrations live as long as it). */
static int uffd_fd MPLOOP__WORKER = -1;

/* Both: open a userfaultfd with the asynchronous write-protect features.
 * Returns the descriptor or -errno. */
static int uffd_open(void)
{
    int fd = (int)syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK | UFFD_USER_MODE_ONLY);
    if (fd < 0)
        return -errno;
    fd = mploop__os_fd_high(fd);
    struct uffdio_api api = {
        .api = UFFD_API,
        .features = UFFD_FEATURE_WP_ASYNC | UFFD_FEATURE_WP_UNPOPULATED,
    };
    if (ioctl(fd, UFFDIO_API, &api) < 0) {
        int e = errno == EINVAL ? ENOSYS : errno;
        close(fd);
        return -e;
    }
    return fd;
}

/* Parent: check that userfaultfd asynchronous write-protect and PAGEMAP_SCAN
 * both work, on a scratch mapping.  Returns 0 or -ENOSYS (or another -errno
 * for a resource failure). */
static int uffd_probe(void)
{
    int fd = uffd_open();
    if (fd < 0)
        return fd;
    int pm = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    if (pm < 0) {
        int e = errno;
        close(fd);
        return -e;
    }
    int err = 0;
    char *page = mmap(NULL, MPLOOP__PAGE, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) {
        err = -errno;
        goto out;
    }
    struct uffdio_register reg = {
        .range = { (uintptr_t)page, MPLOOP__PAGE },
        .mode = UFFDIO_REGISTER_MODE_WP,
    };
    struct uffdio_writeprotect wp = {
        .range = { (uintptr_t)page, MPLOOP__PAGE },
        .mode = UFFDIO_WRITEPROTECT_MODE_WP,
    };
    if (ioctl(fd, UFFDIO_REGISTER, &reg) < 0 || ioctl(fd, UFFDIO_WRITEPROTECT, &wp) < 0) {
        err = -ENOSYS;
        goto unmap;
    }
    page[0] = 1;
    struct page_region vec[1];
    struct pm_scan_arg arg = {
        .size = sizeof arg,
        .flags = PM_SCAN_CHECK_WPASYNC,
        .start = (uintptr_t)page,
        .end = (uintptr_t)page + MPLOOP__PAGE,
        .vec = (uintptr_t)vec,
        .vec_len = 1,
        .category_mask = PAGE_IS_WRITTEN,
        .return_mask = PAGE_IS_WRITTEN,
    };
    if (ioctl(pm, PAGEMAP_SCAN, &arg) != 1 || vec[0].start != (uintptr_t)page)
        err = -ENOSYS;
unmap:
    munmap(page, MPLOOP__PAGE);
out:
    close(pm);
    close(fd);
    return err;
}

/* Worker: this process's userfaultfd, opened at the first call and kept
 * (in the worker's own section).  Returns it or -errno. */
int mploop__uffd_fd(void)
{
    if (uffd_fd < 0) {
        int fd = uffd_open();
        if (fd < 0)
            return fd;
        uffd_fd = fd;
    }
    return uffd_fd;
}

/* Worker: register and write-protect every range.  Returns 0 or -errno. */
static int uffd_arm(const struct mploop__range *pages, unsigned n)
{
    int fd = mploop__uffd_fd();
    if (fd < 0)
        return fd;
    int pm = mploop__pagemap_fd(); /* now, while descriptors are surely available */
    if (pm < 0)
        return pm;
    return mploop__uffd_protect(fd, pages, n, 1);
}

/* Both: PAGEMAP_SCAN through pagemap descriptor pm over every range with
 * the given flags and masks, emitting the runs of matching pages, resuming
 * from walk_end only when the output vector came back full. */
static int scan_fd(int pm, const struct mploop__range *pages, unsigned n, uint64_t flags,
                   uint64_t inverted, uint64_t mask, uint64_t anyof, uint64_t ret,
                   int (*emit)(void *ctx, uintptr_t start, uintptr_t end), void *ctx)
{
    struct page_region vec[SCAN_VEC];
    for (unsigned i = 0; i < n; i++) {
        uintptr_t start = pages[i].addr, end = pages[i].addr + pages[i].size;
        while (start < end) {
            struct pm_scan_arg arg = {
                .size = sizeof arg,
                .flags = flags,
                .start = start,
                .end = end,
                .vec = (uintptr_t)vec,
                .vec_len = SCAN_VEC,
                .category_inverted = inverted,
                .category_mask = mask,
                .category_anyof_mask = anyof,
                .return_mask = ret,
            };
            long got = ioctl(pm, PAGEMAP_SCAN, &arg);
            if (got < 0)
                return -errno;
            for (long k = 0; k < got; k++) {
                int r = emit(ctx, vec[k].start, vec[k].end);
                if (r)
                    return r;
            }
            if (got < SCAN_VEC)
                break;
            start = arg.walk_end;
        }
    }
    return 0;
}

/* Worker: scan_fd on this worker's pagemap. */
static int scan(const struct mploop__range *pages, unsigned n, uint64_t flags,
                uint64_t inverted, uint64_t mask, uint64_t anyof, uint64_t ret,
                int (*emit)(void *ctx, uintptr_t start, uintptr_t end), void *ctx)
{
    int pm = mploop__pagemap_fd();
    if (pm < 0)
        return pm;
    return scan_fd(pm, pages, n, flags, inverted, mask, anyof, ret, emit, ctx);
}

/* Both: see mem_internal.h. */
int mploop__uffd_open(void)
{
    return uffd_open();
}

/* Both: see mem_internal.h. */
int mploop__uffd_protect(int fd, const struct mploop__range *r, unsigned n, int reg)
{
    for (unsigned i = 0; i < n; i++) {
        if (reg) {
            struct uffdio_register rg = {
                .range = { r[i].addr, r[i].size },
                .mode = UFFDIO_REGISTER_MODE_WP,
            };
            if (ioctl(fd, UFFDIO_REGISTER, &rg) < 0)
                return -errno;
        }
        struct uffdio_writeprotect wp = {
            .range = { r[i].addr, r[i].size },
            .mode = UFFDIO_WRITEPROTECT_MODE_WP,
        };
        if (ioctl(fd, UFFDIO_WRITEPROTECT, &wp) < 0)
            return -errno;
    }
    return 0;
}

/* Both: see mem_internal.h. */
int mploop__uffd_written(int pm, const struct mploop__range *r, unsigned n, int rearm,
                         int (*emit)(void *ctx, uintptr_t start, uintptr_t end), void *ctx)
{
    return scan_fd(pm, r, n, (rearm ? PM_SCAN_WP_MATCHING : 0) | PM_SCAN_CHECK_WPASYNC, 0,
                   PAGE_IS_WRITTEN, 0, PAGE_IS_WRITTEN, emit, ctx);
}

/* Worker: the pages written since uffd_arm (write-protection lifted).
 * They stay unprotected: a persistent worker lists them again when it
 * parks (sync.c). */
static int uffd_collect(const struct mploop__range *pages, unsigned n,
                        int (*emit)(void *ctx, uintptr_t start, uintptr_t end),
                        void *ctx)
{
    return scan(pages, n, PM_SCAN_CHECK_WPASYNC, 0, PAGE_IS_WRITTEN, 0,
                PAGE_IS_WRITTEN, emit, ctx);
}

/* Worker: pages of a private file mapping that are present or swapped out
 * and not file pages: the worker's own copies, i.e. the pages it wrote. */
static int uffd_collect_private(const struct mploop__range *ranges, unsigned n,
                                int (*emit)(void *ctx, uintptr_t start, uintptr_t end),
                                void *ctx)
{
    return scan(ranges, n, 0, PAGE_IS_FILE, PAGE_IS_FILE, PAGE_IS_PRESENT | PAGE_IS_SWAPPED,
                PAGE_IS_PRESENT | PAGE_IS_SWAPPED, emit, ctx);
}

const struct mploop__tracker mploop__tracker_uffd = {
    .name = "uffd",
    .probe = uffd_probe,
    .arm = uffd_arm,
    .collect = uffd_collect,
    .collect_private = uffd_collect_private,
};
