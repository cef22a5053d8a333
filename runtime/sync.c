/*
 * sync.c - making a parked worker's memory equal to a fresh fork's.
 *
 * Why this file exists: a persistent team's workers (team.c) outlive the
 * loop they were forked for.  When a later loop wakes them, each must hold
 * exactly the memory a fork at that moment would have given it.  Between
 * two loops a worker's private memory and the parent's differ only in the
 * pages one of them wrote since the worker last matched the parent, so:
 *   - when the team forms, the parent lists its private writable mappings
 *     (the sync set), registers them with a userfaultfd of its own in
 *     asynchronous write-protect mode and protects every page, then forks;
 *     it also records its address-space layout (/proc/self/maps, verbatim);
 *   - each worker registers the same set with its own userfaultfd;
 *   - when a worker parks after a loop it lists the pages it wrote since it
 *     last matched the parent (leaving them writable: the resume copies
 *     every one of them and protects it again) (the first time, every page it no longer
 *     shares with the parent: that covers what the C library's fork code
 *     wrote before the worker could arm anything), into its list in the
 *     team's sync block;
 *   - when a later loop starts, the parent checks that its layout is the
 *     recorded one (else a fresh team is forked), lists the pages it wrote
 *     itself since the last loop (PAGEMAP_SCAN with PM_SCAN_WP_MATCHING:
 *     reported and protected again in one pass, so the cost follows the
 *     pages written; the merge's own writes are among them), and stages the
 *     current bytes of the union of its list and the workers' lists in a
 *     memfd, with the register context to resume (saved in mploop_start);
 *     the live stack is part of the sync set like any other private page;
 *   - a woken worker copies the staged pages in (on a stack of its own),
 *     protects them again, puts back what is its own (this section's
 *     variables, its thread id in the thread descriptor) and resumes the
 *     parent's context: mploop_start returns in it as fork would have.
 * Shared memory (the large-block heap, the arenas, large static arrays,
 * the runtime's reserve) is the same in every process and never staged.
 * What a fork copies besides memory (descriptors, signal dispositions,
 * ...) is team.c's and linux_procstate.c's business.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "arch.h"
#include "mem_internal.h"



/* Most ranges in the sync set. */
#define SYNC_MAX_SET 512
/* Pages a worker may write between two loops and still be resumed (its
 * list's capacity); past it the team is forked afresh. */
#define SYNC_LIST_CAP 131072u
/* Most pages staged for one resume (256 MiB): copying more into every worker
 * costs more than a fresh fork does. */
#define SYNC_MAX_STAGE 65536u
/* Largest /proc/self/maps text kept as the layout. */
#define SYNC_MAPS_MAX (256u << 10)
/* Bytes of this process's thread descriptor searched for its thread id. */
#define SYNC_TID_SPAN 2048u

/* A worker's list of written pages, in the sync block. */
struct sync_list {
    uint64_t n;        /* pages listed */
    int overflow;      /* more than SYNC_LIST_CAP: resume impossible */
    int err;           /* -errno of a failed listing, 0 if none */
};

/* The team's sync block: shared, made before the team forks. */
struct sync_block {
    struct mploop__arch_ctx ctx;   /* where a resumed worker continues */
    uint64_t npages;               /* pages staged */
    uint64_t stage_bytes;          /* bytes of the staging file used */
    unsigned nset, nworkers;
    struct mploop__range set[SYNC_MAX_SET];
    struct sync_list wk[MPLOOP__MAX_WORKERS];
    uint64_t lists[];              /* nworkers * SYNC_LIST_CAP page addresses */
};

/* The parent's side. */
static struct {
    struct sync_block *blk;        /* NULL: no team to sync */
    size_t blk_size;
    int uffd, stage;               /* -1 until opened; kept */
    struct mploop__os_kept pm;     /* this process's /proc/self/pagemap */
    char *layout;                  /* the maps text recorded at the fork */
    size_t layout_len;
    uint64_t *mine, *all;          /* scratch lists (reserve) */
    uint64_t stage_size;           /* bytes of the staging file */
    int registered;
} sy MPLOOP__STATE = { .uffd = -1, .pm = MPLOOP__OS_KEPT_INIT, .stage = -1 };

/* This thread forks a loop's workers (another thread may fork() meanwhile). */
static MPLOOP__THREAD int sy_forking;

/* A worker's side (never overwritten by a resume). */
static struct {
    unsigned w;
    int armed;                     /* its userfaultfd covers the set */
    int synced;                    /* it matched the parent once already */
    unsigned ntid;
    unsigned tid_off[4];           /* offsets of its thread id in the descriptor */
    unsigned nregions;             /* shared regions remapped private this loop */
    struct mploop__region regions[MPLOOP__MAX_REGIONS];
    char *save;                    /* room for this section during a resume */
} sw MPLOOP__WORKER;

/* Both: the list of worker w in the block. */
static uint64_t *sync_list_of(struct sync_block *b, unsigned w)
{
    return b->lists + (size_t)w * SYNC_LIST_CAP;
}

/* Parent: the private writable mappings of this process into the block's
 * set, and the [stack] mapping's range.  Returns 0 or -errno. */
static int sync_make_set(struct sync_block *b)
{
    struct mploop__vma *v;
    unsigned n;
    size_t cap;
    int err = mploop__maps_read(&v, &n, &cap);
    if (err)
        return err;
    unsigned k = 0;
    for (unsigned i = 0; i < n && !err; i++) {
        unsigned f = v[i].flags;
        if (!(f & MPLOOP__VMA_WRITE) || (f & (MPLOOP__VMA_SHARED | MPLOOP__VMA_SPECIAL)))
            continue;
        if (k == SYNC_MAX_SET)
            err = -E2BIG;
        else
            b->set[k++] = (struct mploop__range){ v[i].start, v[i].end - v[i].start };
    }
    mploop__os_unmap(v, cap);
    b->nset = k;
    return err;
}

/* Parent: grow the stack's mapping by touching the pages below the stack
 * pointer, so that later loops called a little deeper do not change the
 * layout (which would force a fresh team). */
__attribute__((noinline)) static void sync_grow_stack(void)
{
    volatile char probe[192 << 10];
    for (size_t i = 0; i < sizeof probe; i += MPLOOP__PAGE)
        probe[i] = 0;
}

/* Child of the program's own fork(): the descriptors describe the parent
 * (its userfaultfd, pagemap and maps) or are shared with its team: close
 * this process's copies; a team of its own starts from nothing. */
static void sync_on_fork_child(void)
{
    if (sy_forking)
        return;
    mploop__os_kept_close(&sy.pm);
    int *fds[] = { &sy.uffd, &sy.stage };
    for (unsigned i = 0; i < sizeof fds / sizeof fds[0]; i++)
        if (*fds[i] >= 0) {
            close(*fds[i]);
            mploop__os_fd_closed(*fds[i]);
            *fds[i] = -1;
        }
    sy.stage_size = 0;
    sy.blk = NULL;
}

/* Parent: see mem_internal.h. */
void mploop__sync_forking(int on)
{
    sy_forking = on;
}

/* Parent: see mem_internal.h. */
void mploop__sync_drop(void)
{
    if (sy.blk)
        mploop__os_unmap(sy.blk, sy.blk_size);
    sy.blk = NULL;
}

/* Parent: see mem_internal.h. */
int mploop__sync_form(unsigned nworkers)
{
    mploop__sync_drop();
    if (nworkers == 0 || nworkers > MPLOOP__MAX_WORKERS)
        return -EINVAL;
    if (!sy.registered) {
        if (pthread_atfork(NULL, NULL, sync_on_fork_child) != 0)
            return -ENOMEM;
        sy.registered = 1;
    }
    if (!sy.layout) {
        sy.layout = mploop__os_map(SYNC_MAPS_MAX);
        sy.mine = mploop__os_map((size_t)SYNC_LIST_CAP * sizeof(uint64_t));
        sy.all = mploop__os_map((size_t)SYNC_MAX_STAGE * sizeof(uint64_t));
        if (!sy.layout || !sy.mine || !sy.all)
            return -ENOMEM;
    }
    if (sy.uffd < 0) {
        int fd = mploop__uffd_open();
        if (fd < 0)
            return fd;
        sy.uffd = fd;
    }
    int pm = mploop__os_kept_fd(&sy.pm, "/proc/self/pagemap");
    if (pm < 0)
        return pm;
    if (sy.stage < 0) {
        int fd = mploop__memfd_create("mploop-sync");
        if (fd < 0)
            return fd;
        sy.stage = fd;
    }
    sync_grow_stack();
    size_t size = MPLOOP__PAGE_UP(sizeof(struct sync_block) +
                                  (size_t)nworkers * SYNC_LIST_CAP * sizeof(uint64_t));
    struct sync_block *b = mploop__os_map(size);
    if (!b)
        return -ENOMEM;
    b->nworkers = nworkers;
    int err = sync_make_set(b);
    if (!err)
        err = mploop__uffd_protect(sy.uffd, b->set, b->nset, 1);
    const char *text = NULL;
    size_t len = 0;
    if (!err)
        err = mploop__maps_text(1, &text, &len);
    if (!err && len > SYNC_MAPS_MAX)
        err = -E2BIG;
    if (err) {
        mploop__os_unmap(b, size);
        return err;
    }
    memcpy(sy.layout, text, len);
    sy.layout_len = len;
    sy.blk = b;
    sy.blk_size = size;
    return 0;
}

/* Parent: PAGEMAP_SCAN callback; appends the pages of [start, end) to
 * sy.mine, -E2BIG when it is full. */
static uint64_t sync_nmine MPLOOP__STATE;
static int sync_emit_mine(void *ctx, uintptr_t start, uintptr_t end)
{
    (void)ctx;
    for (uintptr_t p = start; p < end; p += MPLOOP__PAGE) {
        if (sync_nmine == SYNC_LIST_CAP)
            return -E2BIG;
        sy.mine[sync_nmine++] = p;
    }
    return 0;
}

/* Parent: merge the sorted list a[0..na) into sy.all[0..*n), keeping it
 * sorted and free of duplicates.  Returns 0 or -E2BIG. */
static int sync_union(const uint64_t *a, uint64_t na, uint64_t *n)
{
    uint64_t *out = sy.all, i = *n, j = na, k;
    uint64_t total = *n + na;
    if (total > SYNC_MAX_STAGE)
        return -E2BIG;
    /* Merge from the back into the free tail, then squeeze duplicates. */
    k = total;
    while (j > 0) {
        if (i > 0 && out[i - 1] > a[j - 1])
            out[--k] = out[--i];
        else
            out[--k] = a[--j];
    }
    uint64_t m = 0;
    for (uint64_t x = 0; x < total; x++)
        if (m == 0 || out[x] != out[m - 1])
            out[m++] = out[x];
    *n = m;
    return 0;
}

/* Parent: write the staged list and the pages' current bytes to the
 * staging file: n addresses, then n pages.  Returns 0 or -errno. */
static int sync_write_stage(uint64_t n)
{
    size_t head = MPLOOP__PAGE_UP((size_t)n * sizeof(uint64_t));
    uint64_t bytes = head + n * MPLOOP__PAGE;
    if (bytes > sy.stage_size) {
        /* The file only grows: a resume reads the first `bytes` of it. */
        if (ftruncate(sy.stage, (off_t)bytes) < 0)
            return -errno;
        sy.stage_size = bytes;
    }
    if (pwrite(sy.stage, sy.all, (size_t)n * sizeof(uint64_t), 0) !=
        (ssize_t)(n * sizeof(uint64_t)))
        return errno ? -errno : -EIO;
    struct iovec iov[64];
    unsigned niov = 0;
    off_t at = (off_t)head, batch_at = at;
    for (uint64_t i = 0; i <= n; i++) {
        if (i < n && niov && (uintptr_t)iov[niov - 1].iov_base + iov[niov - 1].iov_len ==
                                 sy.all[i]) {
            iov[niov - 1].iov_len += MPLOOP__PAGE;
            continue;
        }
        if (niov == 64 || (i == n && niov)) {
            size_t want = 0;
            for (unsigned k = 0; k < niov; k++)
                want += iov[k].iov_len;
            ssize_t got = pwritev(sy.stage, iov, (int)niov, batch_at);
            if (got != (ssize_t)want)
                return got < 0 ? -errno : -EIO;
            batch_at += (off_t)want;
            niov = 0;
        }
        if (i == n)
            break;
        iov[niov].iov_base = (void *)(uintptr_t)sy.all[i];
        iov[niov].iov_len = MPLOOP__PAGE;
        niov++;
        at += MPLOOP__PAGE;
    }
    sy.blk->npages = n;
    sy.blk->stage_bytes = bytes;
    return 0;
}

/* Parent: see mem_internal.h. */
int mploop__sync_stage(const struct mploop__arch_ctx *ctx, unsigned nworkers)
{
    struct sync_block *b = sy.blk;
    if (!b || nworkers != b->nworkers)
        return -ESTALE;
    /* The text this loop's plan was made from, unless the runtime changed
     * the layout since. */
    const char *text;
    size_t len;
    int rc = mploop__maps_text(0, &text, &len);
    if (rc)
        return rc;
    if (len != sy.layout_len || memcmp(text, sy.layout, len) != 0)
        return -ESTALE;
    sync_nmine = 0;
    int pm = mploop__os_kept_fd(&sy.pm, "/proc/self/pagemap");
    if (pm < 0)
        return pm;
    int err = mploop__uffd_written(pm, b->set, b->nset, 1, sync_emit_mine, NULL);
    if (err)
        return err;
    uint64_t n = 0;
    err = sync_union(sy.mine, sync_nmine, &n);
    for (unsigned w = 0; w < nworkers && !err; w++) {
        struct sync_list l = b->wk[w];
        if (l.overflow)
            return -E2BIG;
        if (l.err)
            return l.err;
        if (l.n > SYNC_LIST_CAP)
            return -EPROTO;
        const uint64_t *list = sync_list_of(b, w);
        for (uint64_t i = 0; i < l.n; i++)
            if ((list[i] & (MPLOOP__PAGE - 1)) || (i && list[i] <= list[i - 1]) ||
                !mploop__range_overlaps(b->set, b->nset, list[i], MPLOOP__PAGE))
                return -EPROTO;
        err = sync_union(list, l.n, &n);
    }
    if (err)
        return err;
    /* The worker section is staged too (it may share a page with the
     * program's data): each worker puts its own bytes back after the copy. */
    uint64_t m = n;
    err = sync_write_stage(m);
    if (err)
        return err;
    b->ctx = *ctx;
    return 0;
}

/* ---- the worker's side ------------------------------------------------- */

/* Worker: see mem_internal.h. */
int mploop__sync_worker_join(unsigned w)
{
    struct sync_block *b = sy.blk;
    if (!b || w >= b->nworkers)
        return -EINVAL;
    sw.w = w;
    sw.armed = 0;
    sw.synced = 0;
    size_t save = MPLOOP__PAGE_UP((size_t)(__stop_mploop_worker - __start_mploop_worker));
    if (!sw.save) {
        char *p = mmap(NULL, save, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return -errno;
        sw.save = p;
    }
    /* Where the thread descriptor holds this thread's id: a fresh fork's
     * descriptor differs from the parent's there and nowhere else. */
    int tid = (int)syscall(SYS_gettid);
    uintptr_t tp = mploop__arch_thread_pointer();
    sw.ntid = 0;
    for (unsigned off = 0; off + sizeof(int) <= SYNC_TID_SPAN && sw.ntid < 4; off += sizeof(int))
        if (*(const int *)(tp + off) == tid)
            sw.tid_off[sw.ntid++] = off;
    int fd = mploop__uffd_fd();
    if (fd < 0)
        return fd;
    int err = mploop__uffd_protect(fd, b->set, b->nset, 1);
    if (err)
        return err;
    sw.armed = 1;
    return 0;
}

/* Worker: see mem_internal.h. */
void mploop__sync_worker_regions(const struct mploop__region *r, unsigned n)
{
    if (n > MPLOOP__MAX_REGIONS)
        n = MPLOOP__MAX_REGIONS;
    memcpy(sw.regions, r, n * sizeof *r);
    sw.nregions = n;
}

/* Worker: see mem_internal.h. */
int mploop__sync_worker_protected(void)
{
    return sw.synced;
}

/* Worker: a written-pages callback appending to this worker's list. */
struct sync_listing {
    uint64_t *list;
    uint64_t n;
};
static int sync_emit_list(void *ctx, uintptr_t start, uintptr_t end)
{
    struct sync_listing *l = ctx;
    for (uintptr_t p = MPLOOP__PAGE_DOWN(start); p < end; p += MPLOOP__PAGE) {
        if (l->n == SYNC_LIST_CAP)
            return -E2BIG;
        l->list[l->n++] = p;
    }
    return 0;
}

/* Worker: sort and deduplicate a[0..*n) (a shell sort: the lists come
 * mostly sorted, one scan after another). */
static void sync_sort(uint64_t *a, uint64_t *n)
{
    uint64_t len = *n;
    for (uint64_t gap = len / 2; gap > 0; gap /= 2)
        for (uint64_t i = gap; i < len; i++) {
            uint64_t v = a[i], j = i;
            while (j >= gap && a[j - gap] > v) {
                a[j] = a[j - gap];
                j -= gap;
            }
            a[j] = v;
        }
    uint64_t m = 0;
    for (uint64_t i = 0; i < len; i++)
        if (m == 0 || a[i] != a[m - 1])
            a[m++] = a[i];
    *n = m;
}

/* Worker: see mem_internal.h. */
int mploop__sync_worker_park(void)
{
    struct sync_block *b = sy.blk;
    int err = 0;
    /* Shared regions this loop remapped private become shared again. */
    for (unsigned i = 0; i < sw.nregions; i++) {
        const struct mploop__region *r = &sw.regions[i];
        if (mmap((void *)r->addr, r->size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, r->fd,
                 (off_t)r->offset) == MAP_FAILED && !err)
            err = -errno;
    }
    sw.nregions = 0;
    struct sync_list *l = &b->wk[sw.w];
    struct sync_listing ls = { sync_list_of(b, sw.w), 0 };
    if (!err && !sw.armed)
        err = -ENOTCONN;
    int pm = err ? err : mploop__pagemap_fd();
    if (pm < 0 && !err)
        err = pm;
    if (!err && !sw.synced) {
        /* Everything written since the fork, the C library's own fork code
         * included: the pages this worker no longer shares. */
        err = mploop__tracker_pagemap.collect(b->set, b->nset, sync_emit_list, &ls);
    }
    /* Listed, not protected again: every page listed is staged for this
     * worker at the next resume (the parent stages the union of all lists),
     * and the copy protects it then; writing it unprotected costs no fault. */
    if (!err)
        err = mploop__uffd_written(pm, b->set, b->nset, 0, sync_emit_list, &ls);
    if (!err)
        sync_sort(ls.list, &ls.n);
    l->n = ls.n;
    l->overflow = err == -E2BIG;
    l->err = err == -E2BIG ? 0 : err;
    return err;
}

/* Worker: read the staged pages i0..i0+k (addresses addr[0..k)) from the
 * staging file straight into place, then protect them again, run by run.
 * Returns 0 or -errno. */
static int sync_copy_in(int fd, int ufd, size_t head, uint64_t i0, const uint64_t *addr,
                        unsigned k)
{
    struct iovec iov[64];
    for (unsigned i = 0; i < k;) {
        unsigned niov = 0, j = i;
        while (j < k && niov < 64) {
            if (niov && (uintptr_t)iov[niov - 1].iov_base + iov[niov - 1].iov_len == addr[j]) {
                iov[niov - 1].iov_len += MPLOOP__PAGE;
            } else {
                iov[niov].iov_base = (void *)(uintptr_t)addr[j];
                iov[niov].iov_len = MPLOOP__PAGE;
                niov++;
            }
            j++;
        }
        size_t want = (size_t)(j - i) * MPLOOP__PAGE;
        off_t at = (off_t)(head + (i0 + i) * MPLOOP__PAGE);
        if (preadv(fd, iov, (int)niov, at) != (ssize_t)want)
            return -EIO;
        for (unsigned r = 0; r < niov; r++) {
            struct mploop__range rg = { (uintptr_t)iov[r].iov_base, iov[r].iov_len };
            int err = mploop__uffd_protect(ufd, &rg, 1, 0);
            if (err)
                return err;
        }
        i = j;
    }
    return 0;
}

/* Worker: see mem_internal.h.  Runs on the worker's own stack: every page
 * of the sync set may be overwritten, this function's frame excepted. */
__attribute__((noreturn)) void mploop__sync_worker_resume(void)
{
    struct sync_block *b = sy.blk;
    struct mploop__arch_ctx ctx = b->ctx;
    uint64_t n = b->npages, bytes = b->stage_bytes;
    int fd = sy.stage, ufd = mploop__uffd_fd();
    size_t head = MPLOOP__PAGE_UP((size_t)n * sizeof(uint64_t));
    if (ufd < 0 || bytes != head + n * MPLOOP__PAGE)
        _exit(MPLOOP__EXIT_RUNTIME);
    /* This section is the worker's own: keep it across the copy. */
    size_t own = (size_t)(__stop_mploop_worker - __start_mploop_worker);
    char *save = sw.save;
    memcpy(save, __start_mploop_worker, own);
    uint64_t addr[512];
    for (uint64_t i = 0; i < n;) {
        unsigned k = n - i < 512 ? (unsigned)(n - i) : 512;
        if (pread(fd, addr, k * sizeof *addr, (off_t)(i * sizeof *addr)) !=
                (ssize_t)(k * sizeof *addr) ||
            sync_copy_in(fd, ufd, head, i, addr, k) != 0)
            _exit(MPLOOP__EXIT_RUNTIME);
        i += k;
    }
    memcpy(__start_mploop_worker, save, own);
    int tid = (int)syscall(SYS_gettid);
    uintptr_t tp = mploop__arch_thread_pointer();
    for (unsigned i = 0; i < sw.ntid; i++)
        *(int *)(tp + sw.tid_off[i]) = tid;
    sw.synced = 1;
    mploop__arch_ctx_resume(&ctx);
}
