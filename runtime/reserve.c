/*
 * reserve.c - the runtime's own memory, carved out of one shared reserve.
 *
 * Why this file exists: the runtime's structures (a loop's control block,
 * its memory plan, scratch lists) live in MAP_SHARED memory that a forked
 * worker sees as the parent wrote it.  Mapping each one afresh would change
 * the parent's address-space layout at every loop, and a persistent team
 * (team.c) can only be resumed while the layout is the one its workers
 * were forked with: a mapping made after their fork does not exist in them.
 * So the parent takes page runs from one reserve of address space, mapped
 * MAP_SHARED | MAP_NORESERVE once, before the first worker is forked; the
 * layout stays the same however many loops run.  A first-fit bitmap over
 * the reserve's pages, in the runtime's state, keeps the book; freed runs
 * are zeroed (small ones by memset, large ones given back to the kernel),
 * so every run handed out reads as zero, like a fresh mapping.
 *
 * Only the parent carves: a worker's copy of the bitmap would hand out
 * pages the parent uses.  Workers (and any allocation the reserve cannot
 * serve) get a mapping of their own.  The program's own fork() child gets
 * a private copy of the used part (the pthread_atfork child handler), so
 * that parent and child never share runtime memory by accident.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "internal.h"
#include "spin.h"

/* The reserve: at most 256 MiB of address space, never committed until
 * touched; under an address-space limit (RLIMIT_AS) at most a 16th of it,
 * so that the worker arenas and the program keep their room. */
#define RESERVE_PAGES (1u << 16)
#define RESERVE_WORDS (RESERVE_PAGES / 64)
/* Runs freed at least this large go back to the kernel. */
#define RESERVE_GIVE_BACK (64u << 10)

static struct {
    volatile int lock;             /* over the books (mploop__spin_lock_pid):
                                    * threads of the parent take and give runs
                                    * (the large-block heap's free list, a
                                    * loop's structures) */
    char *base;                    /* NULL until the first carve */
    size_t bytes;                  /* its size */
    uint32_t pages;
    int failed;                    /* the reserve could not be mapped */
    int in_worker;                 /* this process may not carve */
    int registered;                /* the atfork handler is in place */
    uint32_t hint;                 /* first word that may have a free page */
    uint32_t used_top;             /* pages below this were handed out once */
    uint64_t stamp;                /* mappings made or removed outside the reserve */
    uint64_t bits[RESERVE_WORDS];  /* 1: page in use */
} rs MPLOOP__STATE;

/* This thread forks a loop's workers (another thread may fork() meanwhile). */
static MPLOOP__THREAD int rs_forking;

/* Parent: is page i in use? */
static int reserve_used(uint32_t i)
{
    return (rs.bits[i / 64] >> (i % 64)) & 1;
}

/* Parent: mark pages [i, i + n) used (on) or free. */
static void reserve_mark(uint32_t i, uint32_t n, int on)
{
    for (uint32_t k = i; k < i + n; k++) {
        if (on)
            rs.bits[k / 64] |= 1ull << (k % 64);
        else
            rs.bits[k / 64] &= ~(1ull << (k % 64));
    }
}

/* Child of the program's own fork(): replace the shared reserve by a copy
 * of its used pages that this process alone maps, at the same address.
 * When that fails the reserve is dropped from the books (runs carved
 * earlier stay shared with the parent: the state of before this file). */
static void reserve_on_fork_child(void)
{
    if (!rs.base || rs_forking)
        return;
    char *copy = mmap(NULL, rs.bytes, PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (copy != MAP_FAILED) {
        for (uint32_t i = 0; i < rs.used_top; i++)
            if (reserve_used(i))
                memcpy(copy + (size_t)i * MPLOOP__PAGE, rs.base + (size_t)i * MPLOOP__PAGE,
                       MPLOOP__PAGE);
        if (mremap(copy, rs.bytes, rs.bytes, MREMAP_MAYMOVE | MREMAP_FIXED, rs.base) !=
            MAP_FAILED)
            return;
        munmap(copy, rs.bytes);
    }
    rs.base = NULL;
    rs.failed = 1;
}

/* Parent, under the lock: map the reserve at the first call.  Returns 0
 * or -errno. */
static int reserve_init(void)
{
    if (rs.base)
        return 0;
    if (rs.failed)
        return -ENOMEM;
    if (!rs.registered) {
        if (pthread_atfork(NULL, NULL, reserve_on_fork_child) != 0) {
            rs.failed = 1;
            return -ENOMEM;
        }
        rs.registered = 1;
    }
    uint32_t pages = RESERVE_PAGES;
    struct rlimit as;
    if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY &&
        as.rlim_cur / 16 / MPLOOP__PAGE < pages)
        pages = (uint32_t)(as.rlim_cur / 16 / MPLOOP__PAGE);
    if (pages < 64) {
        rs.failed = 1;
        return -ENOMEM;
    }
    size_t bytes = (size_t)pages * MPLOOP__PAGE;
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        rs.failed = 1;
        return -errno;
    }
    rs.stamp++;
    rs.bytes = bytes;
    rs.pages = pages;
    __atomic_store_n(&rs.base, (char *)p, __ATOMIC_RELEASE); /* last: mploop__reserve_give */
    return 0;
}

/* Parent: n free pages in a row, first fit from the hint.  Returns the
 * index of the first or -1. */
static int64_t reserve_find(uint32_t n)
{
    uint32_t run = 0;
    for (uint32_t w = rs.hint; w < rs.pages / 64; w++) {
        if (rs.bits[w] == ~0ull) {
            run = 0;
            continue;
        }
        for (uint32_t b = 0; b < 64; b++) {
            uint32_t i = w * 64 + b;
            if (reserve_used(i)) {
                run = 0;
                continue;
            }
            if (++run == n)
                return (int64_t)i + 1 - n;
        }
    }
    return -1;
}

/* Parent, under the lock: carve a run of `pages` pages.  Returns it or
 * NULL. */
static void *reserve_carve(size_t pages)
{
    if (reserve_init() != 0 || pages > rs.pages / 4)
        return NULL;
    int64_t i = reserve_find((uint32_t)pages);
    if (i < 0)
        return NULL;
    reserve_mark((uint32_t)i, (uint32_t)pages, 1);
    if ((uint64_t)i + pages > rs.used_top)
        rs.used_top = (uint32_t)(i + (int64_t)pages);
    while (rs.hint < rs.pages / 64 && rs.bits[rs.hint] == ~0ull)
        rs.hint++;
    return rs.base + (size_t)i * MPLOOP__PAGE;
}

/* Both: see internal.h. */
void *mploop__reserve_take(size_t size)
{
    size_t pages = MPLOOP__PAGE_UP(size) / MPLOOP__PAGE;
    if (!rs.in_worker && pages) {
        mploop__spin_lock_pid(&rs.lock);
        void *run = reserve_carve(pages);
        mploop__spin_unlock(&rs.lock);
        if (run)
            return run;
    }
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    __atomic_add_fetch(&rs.stamp, 1, __ATOMIC_RELAXED);
    return p == MAP_FAILED ? NULL : p;
}

/* Both: see internal.h. */
void mploop__reserve_give(void *addr, size_t size)
{
    char *p = addr;
    if (!p)
        return;
    char *base = __atomic_load_n(&rs.base, __ATOMIC_ACQUIRE);
    if (!base || p < base || p >= base + rs.bytes) {
        munmap(p, size);
        __atomic_add_fetch(&rs.stamp, 1, __ATOMIC_RELAXED);
        return;
    }
    if (rs.in_worker)
        return; /* the parent's run: only the parent gives it back */
    size_t bytes = MPLOOP__PAGE_UP(size);
    uint32_t i = (uint32_t)((size_t)(p - base) / MPLOOP__PAGE);
    if (bytes >= RESERVE_GIVE_BACK)
        madvise(p, bytes, MADV_REMOVE);
    else
        memset(p, 0, bytes);
    mploop__spin_lock_pid(&rs.lock);
    reserve_mark(i, (uint32_t)(bytes / MPLOOP__PAGE), 0);
    if (i / 64 < rs.hint)
        rs.hint = i / 64;
    mploop__spin_unlock(&rs.lock);
}

/* Both: see internal.h. */
void mploop__reserve_forking(int on)
{
    rs_forking = on;
}

/* Worker: see internal.h. */
void mploop__reserve_worker(void)
{
    rs.in_worker = 1;
}

/* Both: see internal.h. */
uint64_t mploop__reserve_stamp(void)
{
    return rs.stamp;
}

/* Both: see internal.h. */
int mploop__reserve_span(uintptr_t *start, uintptr_t *end)
{
    if (!rs.base)
        return -ENOENT;
    *start = (uintptr_t)rs.base;
    *end = (uintptr_t)rs.base + rs.bytes;
    return 0;
}
