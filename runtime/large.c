/*
 * large.c - large blocks live in a shared, memfd-backed heap (the "large-block
 * heap"; glibc's own heap is called glibc's heap everywhere in the runtime).
 *
 * fork() copies the page tables of every private mapping, so a program
 * holding gigabytes of private heap pays tens of milliseconds per GiB per
 * worker at every loop.  Shared mappings copy no page tables.  So in the
 * parent every allocation of at least MPLOOP_LARGE_MIN bytes (64 KiB by
 * default) comes from this heap: one memfd mapped MAP_SHARED over a window
 * of reserved address space, the file offset of a byte equal to its
 * distance from the window's start.  A loop's fork then costs the same
 * whatever the size of the program's large blocks.
 *
 * Workers see the heap in one of two write modes (mem.c decides):
 *   direct    the mapping stays shared and workers write in place, as
 *             threads would (OpenMP's contract: the iterations are
 *             independent);
 *   snapshot  each worker remaps the used part of the window MAP_PRIVATE
 *             from the same memfd: its writes land in private copies, the
 *             memfd is the untouched original to diff against, and the
 *             written pages (present and no longer file pages) are shipped
 *             and merged like every other page.
 *
 * Layout: the window is cut into extents of whole pages.  A used extent
 * starts with a 16-byte header (magic, offset of the block, pages); a block
 * aligned beyond 16 bytes has a second tag just before it that leads back to
 * the header.  Free extents are punched out of the file (their memory goes
 * back to the system and reads as zero, so calloc needs no memset;
 * MADV_REMOVE) and kept
 * in a sorted array with their neighbours coalesced; the best fit is taken,
 * else the window's top grows, and with it the file (ftruncate) and the
 * mapping, 64 MiB at least at a time.  Only the parent allocates here;
 * workers allocate from their arenas (malloc.c), and a worker's free of a
 * block of this heap is deferred to the join like any other block older
 * than the loop.
 *
 * Huge pages: a worker that is new to a page pays a fault for it (5-12 us
 * on the project's virtual machines), 512 times fewer of them with 2 MiB
 * pages.  The window starts on a 2 MiB boundary and is mapped in multiples
 * of 2 MiB (GROW_MIN is one), so file offsets and addresses agree modulo
 * 2 MiB, as a huge page of the file needs; the mapping is advised
 * MADV_HUGEPAGE, which gives huge pages where the kernel's shmem_enabled
 * is "advise" (or "always", "within_size").  Where it is "never", as on
 * the project machine, MPLOOP_HUGE_DIR names a directory on a tmpfs
 * mounted with huge=always, and the heap's file is made there instead of
 * with memfd_create (linux_memfd.c); such a tmpfs may have a size limit, so
 * the heap grows only while the file system has room for all of the
 * window, and large blocks go to glibc after that.
 *
 * The heap serves nothing until a module with parallel loops is loaded
 * (mploop_module with MPLOOP_MODULE_LOOPS, from the module's constructor):
 * a shared page costs more at its first touch than a private one, which a
 * program without loops (a --profile build of plain code) would pay for
 * nothing.  Nor is it used when MPLOOP_LARGE_MIN=off, when the process has an
 * address-space limit (the reservation would count against it), or when
 * memfd_create (or the file in MPLOOP_HUGE_DIR) fails: large blocks then
 * stay with glibc.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "mem_internal.h"
#include "spin.h"


#define HDR 16u
#define MAGIC_USED 0x68706c6du /* "mplh": header at an extent's start */
#define MAGIC_BACK 0x6b62706du /* "mpbk": tag before an aligned block */
#define RESERVE_MAX (1ull << 42)   /* 4 TiB of address space */
#define RESERVE_MIN (1ull << 30)
#define GROW_MIN (64ull << 20)
#define HUGE (2ull << 20)          /* a huge page: the window's alignment */
_Static_assert(GROW_MIN % HUGE == 0 && RESERVE_MIN % HUGE == 0,
               "the window is mapped in whole huge pages");
/* The window grows by an eighth of its size, GROW_MIN at least, rounded up
 * to GROW_MIN: ftruncate of a memfd or tmpfs file allocates nothing, so a
 * large step costs address space (reserved anyway), not memory, and saves
 * system calls.  On a size-limited tmpfs, whose room grow() checks, a step
 * that does not fit shrinks to the request rounded up to 2 MiB. */

/* Header at the start of a used extent, and tag before an aligned block. */
struct hhdr {
    uint32_t magic;
    uint32_t lead;   /* bytes from the extent's start to the block */
    uint64_t pages;  /* pages of the extent */
};

/* A free extent: offset from the window's start and length, in bytes. */
struct ext {
    uint64_t off, len;
};

/* Process-private state of the heap (never merged). */
static struct {
    int state;           /* 0: not set up yet, 2: threshold read, 1: in use
                          * (memfd created), -1: not used */
    int fd;              /* the memfd */
    volatile int lock;
    uintptr_t base;      /* the reserved window */
    uint64_t reserved;
    uint64_t top;        /* bytes of the window in use (extents below) */
    uint64_t mapped;     /* bytes mapped from the memfd (= its size) */
    size_t min;          /* smallest request served here */
    const char *dir;     /* MPLOOP_HUGE_DIR, NULL: a memfd */
    struct ext *free;    /* free extents below top, sorted, coalesced */
    unsigned nfree, cap;
    size_t free_size;    /* bytes mapped at free */
    int loops;           /* a module with parallel loops is loaded */
} hp MPLOOP__STATE;

/* Both: take the heap's lock (parent threads may allocate concurrently). */
static void heap_lock(void)
{
    mploop__spin_lock(&hp.lock);
}

/* Both: release the heap's lock. */
static void heap_unlock(void)
{
    mploop__spin_unlock(&hp.lock);
}

/* Both: bytes of the window mapped from the memfd (for the fork handler). */
static uint64_t heap_mapped(void)
{
    return hp.mapped;
}

/* Parent, under the lock: read the threshold at the first allocation of a
 * page or more.  Sets hp.state to 2 (configured) or -1 (not used). */
static void heap_configure(void)
{
    hp.state = -1;
    hp.fd = -1;
    hp.min = mploop__env_large_min(); /* read before the lock: see mploop__large_min */
    hp.dir = mploop__env_huge_dir();
    if (!hp.min)
        return;
    struct rlimit as;
    if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY)
        return;
    hp.state = 2;
}

/* Parent, under the lock: create the memfd and reserve the window at the
 * first large allocation.  Sets hp.state to 1 or -1. */
static void heap_create(void)
{
    hp.state = -1;
    int fd = mploop__memfd_create_in(hp.dir, "mploop-heap");
    if (fd < 0)
        return;
    for (uint64_t size = RESERVE_MAX; size >= RESERVE_MIN; size /= 4) {
        /* HUGE more than needed, then the ends cut off: a window that
         * starts on a huge-page boundary. */
        void *w = mmap(NULL, (size_t)(size + HUGE), PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (w != MAP_FAILED) {
            uintptr_t at = ((uintptr_t)w + HUGE - 1) & ~(uintptr_t)(HUGE - 1);
            if (at > (uintptr_t)w)
                munmap(w, at - (uintptr_t)w);
            if ((uintptr_t)w + HUGE > at)
                munmap((void *)(at + size), (uintptr_t)w + HUGE - at);
            hp.base = at;
            hp.reserved = size;
            break;
        }
    }
    if (!hp.base) {
        close(fd);
        mploop__os_fd_closed(fd);
        return;
    }
    hp.fd = fd;
    /* A fork() while another thread holds the lock must not leave the
     * child's heap locked: hold it across every fork. */
    if (pthread_atfork(heap_lock, heap_unlock, heap_unlock) != 0 ||
        mploop__memfd_follow_in(&hp.fd, hp.base, heap_mapped, 0, hp.dir, MADV_HUGEPAGE) != 0) {
        munmap((void *)hp.base, (size_t)hp.reserved);
        hp.base = 0;
        hp.fd = -1;
        close(fd);
        mploop__os_fd_closed(fd);
        return;
    }
    hp.state = 1;
}

/* Parent, under the lock: make [0, need) of the window mapped.  Returns 0
 * or -errno. */
static int grow(uint64_t need)
{
    if (need <= hp.mapped)
        return 0;
    uint64_t step = hp.mapped / 8 > GROW_MIN ? hp.mapped / 8 : GROW_MIN;
    uint64_t size = hp.mapped + step > need ? hp.mapped + step : need;
    size = (size + GROW_MIN - 1) & ~(GROW_MIN - 1);
    if (size > hp.reserved)
        size = hp.reserved;
    if (need > size)
        return -ENOMEM;
    if (!mploop__memfd_valid(&hp.fd))
        return -EBADF;
    /* A write to a page a full tmpfs cannot give is a SIGBUS: grow only
     * while all of the window would fit, by no more than the request
     * (rounded to whole huge pages) when the usual step would not. */
    int err = hp.dir ? mploop__memfd_room(hp.fd, size) : 0;
    if (err == -ENOSPC) {
        size = (need + HUGE - 1) & ~(HUGE - 1);
        err = mploop__memfd_room(hp.fd, size);
    }
    if (err)
        return err;
    if (ftruncate(hp.fd, (off_t)size) < 0)
        return -errno;
    void *p = mmap((void *)(hp.base + hp.mapped), (size_t)(size - hp.mapped),
                   PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, hp.fd, (off_t)hp.mapped);
    if (p == MAP_FAILED)
        return -errno;
    /* Every piece advised alike, so the kernel joins them into one mapping;
     * a kernel without transparent huge pages refuses, which is harmless. */
    madvise(p, (size_t)(size - hp.mapped), MADV_HUGEPAGE);
    hp.mapped = size;
    return 0;
}

/* Parent, under the lock: room for one more free extent.  Returns 0 or
 * -ENOMEM. */
static int reserve_free(void)
{
    if (hp.nfree < hp.cap)
        return 0;
    size_t size = hp.free_size ? hp.free_size * 2 : MPLOOP__PAGE;
    struct ext *f = mploop__os_map(size);
    if (!f)
        return -ENOMEM;
    if (hp.free) {
        memcpy(f, hp.free, (size_t)hp.nfree * sizeof *f);
        mploop__os_unmap(hp.free, hp.free_size);
    }
    hp.free = f;
    hp.free_size = size;
    hp.cap = (unsigned)(size / sizeof *f);
    return 0;
}

/* Parent, under the lock: index of the first free extent at or after off. */
static unsigned free_search(uint64_t off)
{
    unsigned lo = 0, hi = hp.nfree;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        if (hp.free[mid].off < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Parent, under the lock: give [off, off + len) back: punched out of the
 * file, then merged into the free extents or the top. */
static void release_extent(uint64_t off, uint64_t len)
{
    /* Through the mapping, not the descriptor: the program may have
     * closed that. */
    madvise((void *)(hp.base + off), (size_t)len, MADV_REMOVE);
    unsigned i = free_search(off);
    int left = i > 0 && hp.free[i - 1].off + hp.free[i - 1].len == off;
    int right = i < hp.nfree && off + len == hp.free[i].off;
    if (left) {
        hp.free[i - 1].len += len;
        if (right) {
            hp.free[i - 1].len += hp.free[i].len;
            memmove(&hp.free[i], &hp.free[i + 1], (size_t)(hp.nfree - i - 1) * sizeof *hp.free);
            hp.nfree--;
        }
    } else if (right) {
        hp.free[i].off = off;
        hp.free[i].len += len;
    } else if (off + len == hp.top) {
        hp.top = off;
    } else if (reserve_free() == 0) {
        memmove(&hp.free[i + 1], &hp.free[i], (size_t)(hp.nfree - i) * sizeof *hp.free);
        hp.free[i] = (struct ext){ off, len };
        hp.nfree++;
    }
    /* The last free extent may now end at the top: lower the top. */
    if (hp.nfree && hp.free[hp.nfree - 1].off + hp.free[hp.nfree - 1].len == hp.top) {
        hp.top = hp.free[hp.nfree - 1].off;
        hp.nfree--;
    }
}

/* Parent, under the lock: an extent of len bytes: the best-fitting free
 * extent, else fresh space at the top.  Returns its offset, or UINT64_MAX. */
static uint64_t take_extent(uint64_t len)
{
    unsigned best = hp.nfree;
    for (unsigned i = 0; i < hp.nfree; i++)
        if (hp.free[i].len >= len && (best == hp.nfree || hp.free[i].len < hp.free[best].len))
            best = i;
    if (best < hp.nfree) {
        uint64_t off = hp.free[best].off;
        if (hp.free[best].len == len) {
            memmove(&hp.free[best], &hp.free[best + 1],
                    (size_t)(hp.nfree - best - 1) * sizeof *hp.free);
            hp.nfree--;
        } else {
            hp.free[best].off += len;
            hp.free[best].len -= len;
        }
        return off;
    }
    if (len > hp.reserved - hp.top || grow(hp.top + len) != 0)
        return UINT64_MAX;
    uint64_t off = hp.top;
    hp.top += len;
    return off;
}

/* Both: the header of block p of this heap, or NULL when p is not the start
 * of a live block. */
static struct hhdr *header_of(const void *p)
{
    uintptr_t a = (uintptr_t)p;
    if (hp.state != 1 || a < hp.base + HDR || a >= hp.base + hp.top || (a & (HDR - 1)))
        return NULL;
    const struct hhdr *tag = (const struct hhdr *)(a - HDR);
    uintptr_t ext;
    if (tag->magic == MAGIC_USED && tag->lead == HDR)
        ext = a - HDR;
    else if (tag->magic == MAGIC_BACK && tag->lead > HDR && tag->lead <= a - hp.base)
        ext = a - tag->lead;
    else
        return NULL;
    if (ext & (MPLOOP__PAGE - 1))
        return NULL;
    struct hhdr *h = (struct hhdr *)ext;
    if (h->magic != MAGIC_USED || h->lead != a - ext || h->pages == 0 ||
        h->pages > (hp.base + hp.top - ext) / MPLOOP__PAGE || h->lead >= h->pages * MPLOOP__PAGE)
        return NULL;
    return h;
}

/* Both: see mem_internal.h.  Blocks that glibc served before stay there:
 * every function of the heap tells its blocks by address. */
void mploop__large_loops(void)
{
    __atomic_store_n(&hp.loops, 1, __ATOMIC_RELEASE);
}

/* Parent: see mem_internal.h. */
size_t mploop__large_min(void)
{
    if (!__atomic_load_n(&hp.loops, __ATOMIC_ACQUIRE))
        return 0;
    if (__builtin_expect(hp.state == 0, 0)) {
        /* A bad MPLOOP_LARGE_MIN or MPLOOP_HUGE_DIR ends the program,
         * whose exit may allocate again: read them before taking the lock. */
        mploop__env_large_min();
        mploop__env_huge_dir();
        heap_lock();
        if (hp.state == 0)
            heap_configure();
        heap_unlock();
    }
    return hp.state > 0 ? hp.min : 0;
}

/* Parent: see internal.h. */
void *mploop__large_alloc(size_t n, size_t align)
{
    if (align < HDR)
        align = HDR;
    if (n > ((uint64_t)1 << 46) || align > ((uint64_t)1 << 40)) {
        errno = ENOMEM;
        return NULL;
    }
    uint64_t len = MPLOOP__PAGE_UP(n + align) + (align > MPLOOP__PAGE ? align : 0);
    heap_lock();
    if (hp.state == 2)
        heap_create();
    uint64_t off = hp.state == 1 && len <= hp.reserved ? take_extent(len) : UINT64_MAX;
    heap_unlock();
    if (off == UINT64_MAX) {
        errno = ENOMEM;
        return NULL;
    }
    uintptr_t ext = hp.base + off;
    uintptr_t block = (ext + HDR + align - 1) & ~(uintptr_t)(align - 1);
    struct hhdr *h = (struct hhdr *)ext;
    h->magic = MAGIC_USED;
    h->lead = (uint32_t)(block - ext);
    h->pages = len / MPLOOP__PAGE;
    if (block - ext > HDR)
        *(struct hhdr *)(block - HDR) = (struct hhdr){ MAGIC_BACK, (uint32_t)(block - ext), 0 };
    return (void *)block;
}

/* Both: see internal.h. */
int mploop__large_owns(const void *p)
{
    return hp.state == 1 && (uintptr_t)p >= hp.base && (uintptr_t)p - hp.base < hp.reserved;
}

/* Both: see internal.h. */
int mploop__large_is_block(const void *p)
{
    return header_of(p) != NULL;
}

/* Both: see internal.h. */
size_t mploop__large_usable(const void *p)
{
    struct hhdr *h = header_of(p);
    return h ? (size_t)(h->pages * MPLOOP__PAGE - h->lead) : 0;
}

/* Parent: see internal.h. */
int mploop__large_free(void *p)
{
    heap_lock();
    struct hhdr *h = header_of(p);
    if (!h) {
        heap_unlock();
        return -EINVAL;
    }
    uint64_t off = (uintptr_t)h - hp.base, len = h->pages * MPLOOP__PAGE;
    h->magic = 0;
    if (h->lead > HDR)
        ((struct hhdr *)((uintptr_t)p - HDR))->magic = 0;
    release_extent(off, len);
    heap_unlock();
    return 0;
}

/* Parent: see internal.h.  Walks the extents from the window's start:
 * used ones by their header, free ones through the free list. */
int mploop__large_block(uintptr_t addr, uintptr_t *start, size_t *size)
{
    if (hp.state != 1 || addr < hp.base || addr >= hp.base + hp.top)
        return -ENOENT;
    uint64_t off = 0;
    unsigned f = 0;
    while (off < hp.top) {
        if (f < hp.nfree && hp.free[f].off == off) {
            off += hp.free[f++].len;
            continue;
        }
        const struct hhdr *h = (const struct hhdr *)(hp.base + off);
        if (h->magic != MAGIC_USED || h->pages == 0)
            return -ENOENT;
        uint64_t len = h->pages * MPLOOP__PAGE;
        if (addr < hp.base + off + len) {
            uintptr_t b = hp.base + off + h->lead;
            if (addr < b)
                return -ENOENT;
            *start = b;
            *size = (size_t)(len - h->lead);
            return 0;
        }
        off += len;
    }
    return -ENOENT;
}

/* Parent: see internal.h. */
int mploop__large_region(struct mploop__region *r)
{
    if (hp.state != 1 || hp.top == 0)
        return 0;
    if (!mploop__memfd_valid(&hp.fd))
        return -EBADF;
    r->addr = hp.base;
    r->size = hp.top;
    r->fd = hp.fd;
    r->offset = 0;
    return 1;
}
