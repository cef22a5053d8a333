/*
 * mem.c - what a loop merges, and the merge itself.
 *
 * The promise: after the join, every write the loop body made in a worker to
 * memory that existed before the loop is in the parent, byte for byte, as a
 * sequential run would have left it.  This file decides which bytes that
 * covers, has each worker ship the pages it wrote, and merges them.
 *
 * Plan (parent, before the fork).  From /proc/self/maps and the loaded
 * modules it builds a sorted list of byte ranges to merge:
 *   - the writable segments of the executable, of the module holding the
 *     loop and of every module that registered with mploop_module (globals
 *     and static locals), minus what is read-only now (RELRO);
 *   - every other private writable mapping that is not part of a loaded
 *     module: glibc's heap and its mmapped chunks, the program's own
 *     mappings, other threads' stacks;
 *   - on the loop's own stack: the callers' frames whole (from the enclosing
 *     function's frame address + 16 to the top) and, in the enclosing frame,
 *     only the variables the generated code registered;
 * minus the bytes that are never merged: the runtime's state section, the
 * thread's static TLS, descriptor and DTV, every stream's FILE object and
 * buffers.  Data and bss of other modules (the C library, the loader) are
 * never in the list, and neither is anything mapped shared (the runtime's
 * own memory), except the shared regions below.
 *
 * Shared regions.  The worker arenas (malloc.c) and, in snapshot mode, the
 * shared heap of large blocks (heap.c) are memfds mapped shared; each
 * worker remaps them privately right after the fork, and the pages it
 * wrote there (no longer pages of the file) are shipped and merged with the
 * others.  In direct mode workers write the shared heap in place, except the
 * pages of its blocks that hold stream buffers.
 *
 * Worker.  Arms a write tracker on the pages of that list, runs the body,
 * then writes every written page that holds merged bytes to its channel, a
 * memfd the parent created before the fork, followed by the blocks older
 * than the loop that the body freed (malloc.c defers those frees).  Three
 * trackers (struct mploop__tracker) sit behind the same interface:
 * linux_uffd.c (exact), linux_pagemap.c (a superset of the written pages)
 * and linux_mprotect.c (portable); MPLOOP_TRACKER picks one, otherwise the
 * first that works on this kernel in that order.
 *
 * Merge (parent, after every worker ended well).  The parent has not written
 * merged memory since the fork, so its pages still hold the original bytes.
 * Two phases over the shipped pages in address order, all workers' copies of
 * one page side by side: first look for bytes two workers changed to
 * different values (a race: nothing is applied), then apply every changed
 * byte.  Same-value writes by several workers merge silently.  All scratch
 * is mmap'd: the parent neither mallocs nor uses stdio from fork to merge.
 * After the writes are applied, the parent frees the blocks the workers
 * freed; the same block freed twice (by two workers, or twice by one) is
 * reported like a race and nothing is applied.
 *
 * Describe (parent, at report time).  mploop__mem_describe names what an
 * address belongs to: a symbol of the module's ELF symbol table, a local of
 * the enclosing function, a caller's frame, a heap block.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "internal.h"

#define PAGE ((uintptr_t)MPLOOP__PAGE)
#define PAGE_DOWN(a) ((uintptr_t)(a) & ~(PAGE - 1))
#define PAGE_UP(a) (((uintptr_t)(a) + PAGE - 1) & ~(PAGE - 1))

/* Most modules with transformed code (mploop_module) told apart. */
#define MAX_MODULES 64

/* Most shared regions a worker remaps privately: every arena, and the
 * shared heap or, in direct mode, the pages of its blocks that hold stream
 * buffers. */
#define MAX_REGIONS (MPLOOP__MAX_WORKERS + 64)

/* Start of every channel. */
#define SHIP_MAGIC 0x70696873706f6f6cull /* "loopship" */

struct ship_header {
    uint64_t magic;
    uint64_t worker;
    uint64_t gen;
    uint64_t npages;
    uint64_t nfrees;  /* deferred frees after the pages */
    uint64_t pad;
};

/* One loop execution's memory state, in runtime-owned (shared) memory. */
struct mploop__mem {
    size_t self_size;
    unsigned nworkers;
    uint32_t gen;
    const struct mploop__tracker *tracker;
    /* The plan, in one mapping: merged byte ranges and armed page ranges. */
    void *plan;
    size_t plan_size;
    struct mploop__range *merge;
    unsigned nmerge;
    struct mploop__range *arm;
    unsigned narm;
    uint64_t arm_pages;
    /* The shared regions workers remap privately: the arenas holding
     * blocks of earlier loops, and in snapshot mode the shared heap (their
     * ranges are in merge, not in arm). */
    int snapshot;
    struct mploop__region regions[MAX_REGIONS];
    struct mploop__range region_ranges[MAX_REGIONS]; /* the same, sorted
                                                      * and coalesced */
    unsigned nregions, nranges;
    uint64_t region_pages;
    uint64_t shipped, changed; /* merge statistics (MPLOOP_STATS) */
    const mploop_site *site;
    int fds[MPLOOP__MAX_WORKERS];
};

/* Process-private state of the memory module. */
static struct {
    uint32_t gen;         /* loop executions prepared so far */
    const struct mploop__tracker *tracker; /* chosen at the first loop */
    /* What the last prepared loop registered, for mploop__mem_describe. */
    uintptr_t frame;
    struct mploop__local *locals;
    unsigned nlocals;
    size_t locals_size;   /* bytes mapped at locals */
    uintptr_t double_free; /* block freed twice by the last merge, or 0 */
    uintptr_t mods[MAX_MODULES]; /* start of every module that registered */
    unsigned nmods;
    int mods_full;        /* more modules registered than mods holds */
} mst MPLOOP__STATE;

/* The trackers, best first. */
static const struct mploop__tracker *const trackers[] = {
    &mploop__tracker_uffd,
    &mploop__tracker_pagemap,
    &mploop__tracker_mprotect,
};
#define NTRACKERS (sizeof trackers / sizeof trackers[0])

/* Both: see internal.h. */
void *mploop__map(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

/* Both: see internal.h. */
void mploop__unmap(void *addr, size_t size)
{
    if (addr)
        munmap(addr, size);
}

/* ---- range lists ---------------------------------------------------------- */

/* Both: order of ranges by address, then size. */
static int range_less(const struct mploop__range *a, const struct mploop__range *b)
{
    return a->addr < b->addr || (a->addr == b->addr && a->size < b->size);
}

/* Both: sort r[0..n) by address (heapsort: no malloc, no recursion). */
static void sort_ranges(struct mploop__range *r, unsigned n)
{
    if (n < 2)
        return;
    for (unsigned start = n / 2; start-- > 0;) {
        for (unsigned root = start;;) {
            unsigned child = 2 * root + 1;
            if (child >= n)
                break;
            if (child + 1 < n && range_less(&r[child], &r[child + 1]))
                child++;
            if (!range_less(&r[root], &r[child]))
                break;
            struct mploop__range t = r[root]; r[root] = r[child]; r[child] = t;
            root = child;
        }
    }
    for (unsigned end = n - 1; end > 0; end--) {
        struct mploop__range t = r[0]; r[0] = r[end]; r[end] = t;
        for (unsigned root = 0;;) {
            unsigned child = 2 * root + 1;
            if (child >= end)
                break;
            if (child + 1 < end && range_less(&r[child], &r[child + 1]))
                child++;
            if (!range_less(&r[root], &r[child]))
                break;
            struct mploop__range t2 = r[root]; r[root] = r[child]; r[child] = t2;
            root = child;
        }
    }
}

/* Both: sort and coalesce overlapping or touching ranges, dropping empty
 * ones.  Returns the new count. */
static unsigned normalize(struct mploop__range *r, unsigned n)
{
    sort_ranges(r, n);
    unsigned out = 0;
    for (unsigned i = 0; i < n; i++) {
        if (r[i].size == 0)
            continue;
        if (out && r[out - 1].addr + r[out - 1].size >= r[i].addr) {
            uintptr_t end = r[i].addr + r[i].size;
            if (end > r[out - 1].addr + r[out - 1].size)
                r[out - 1].size = end - r[out - 1].addr;
        } else {
            r[out++] = r[i];
        }
    }
    return out;
}

/* Both: out = t \ e, both sorted and coalesced.  out has room for nt + ne
 * ranges.  Returns the count. */
static unsigned subtract(const struct mploop__range *t, unsigned nt,
                         const struct mploop__range *e, unsigned ne,
                         struct mploop__range *out)
{
    unsigned n = 0, j = 0;
    for (unsigned i = 0; i < nt; i++) {
        uintptr_t a = t[i].addr, b = t[i].addr + t[i].size;
        while (j < ne && e[j].addr + e[j].size <= a)
            j++;
        for (unsigned k = j; k < ne && e[k].addr < b; k++) {
            if (e[k].addr > a)
                out[n++] = (struct mploop__range){ a, e[k].addr - a };
            uintptr_t ee = e[k].addr + e[k].size;
            if (ee > a)
                a = ee;
            if (a >= b)
                break;
        }
        if (a < b)
            out[n++] = (struct mploop__range){ a, b - a };
    }
    return n;
}

/* Both: index of the first range of r[0..n) that ends after addr. */
static unsigned first_ending_after(const struct mploop__range *r, unsigned n, uintptr_t addr)
{
    unsigned lo = 0, hi = n;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        if (r[mid].addr + r[mid].size <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Both: nonzero when [a, a+len) overlaps a range of r[0..n). */
static int overlaps(const struct mploop__range *r, unsigned n, uintptr_t a, uintptr_t len)
{
    unsigned i = first_ending_after(r, n, a);
    return i < n && r[i].addr < a + len;
}

/* ---- planning (parent) ---------------------------------------------------- */

/* Both: see internal.h.  Runs in constructors, once per file that
 * includes mploop/abi.h: one entry per module. */
void mploop__mem_module(const void *addr)
{
    struct mploop__range span;
    if (mploop__maps_module_span(addr, &span) != 0)
        return;
    for (unsigned i = 0; i < mst.nmods; i++)
        if (mst.mods[i] == span.addr)
            return;
    if (mst.nmods == MAX_MODULES) {
        static const char msg[] = "mploop: warning: more than 64 loaded modules contain "
                                  "transformed code; the globals of the others are merged only "
                                  "after their own loops\n";
        if (!mst.mods_full)
            mploop__os_write_all(2, msg, sizeof msg - 1);
        mst.mods_full = 1;
        return;
    }
    mst.mods[mst.nmods++] = span.addr;
}

/* Both: see internal.h. */
const char *mploop__mem_tracker_name(void)
{
    return mst.tracker ? mst.tracker->name : NULL;
}

/* Parent: nonzero for a probe error that says "try again later" rather
 * than "not on this kernel". */
static int transient(int err)
{
    return err == -ENOMEM || err == -EMFILE || err == -ENFILE || err == -EAGAIN;
}

/* Parent, first forked loop: choose the tracker.  MPLOOP_TRACKER names one
 * (an unknown name, or one that does not work here, is reported and ends the
 * program); unset, the first of trackers[] whose probe succeeds.  Returns 0,
 * or -errno of a transient failure (the loop then runs in-process and the
 * next one tries again). */
static int choose_tracker(const mploop_site *site)
{
    if (mst.tracker)
        return 0;
    const char *want = mploop__env_tracker(site); /* a tracker's name, or NULL */
    if (want) {
        const struct mploop__tracker *t = NULL;
        for (unsigned i = 0; i < NTRACKERS; i++)
            if (strcmp(want, trackers[i]->name) == 0)
                t = trackers[i];
        int err = t->probe();
        if (err && transient(err))
            return err;
        if (err) {
            mploop__error(site, "MPLOOP_TRACKER=%s: this tracker does not work on this "
                          "system (%s); unset MPLOOP_TRACKER to use the best one available",
                          want, mploop__os_errno_text(err));
            exit(EXIT_FAILURE);
        }
        mst.tracker = t;
        return 0;
    }
    int last = -ENOSYS;
    for (unsigned i = 0; i < NTRACKERS; i++) {
        int err = trackers[i]->probe();
        if (!err) {
            mst.tracker = trackers[i];
            return 0;
        }
        if (transient(err))
            return err;
        last = err;
    }
    return last;
}

/* Parent: remember the enclosing frame and its registered locals for
 * mploop__mem_describe (runtime memory, grown as needed). */
static void remember_locals(const struct mploop__memreq *req)
{
    mst.frame = (uintptr_t)req->frame;
    size_t need = PAGE_UP((size_t)req->nlocals * sizeof(struct mploop__local) + 1);
    if (need > mst.locals_size) {
        mploop__unmap(mst.locals, mst.locals_size);
        mst.locals = mploop__map(need);
        mst.locals_size = mst.locals ? need : 0;
    }
    mst.nlocals = 0;
    if (mst.locals && req->nlocals) {
        memcpy(mst.locals, req->locals, (size_t)req->nlocals * sizeof *mst.locals);
        mst.nlocals = req->nlocals;
    }
}

/* Parent: fill m's plan.  See the file comment for what is merged. */
static int plan(struct mploop__mem *m, const struct mploop__memreq *req)
{
    /* Whatever may allocate or look symbols up happens before the maps are
     * read, so that the heap the plan sees is the heap the workers get. */
    mploop__stdio_ranges(NULL, 0);
    mploop__maps_tls(NULL, 0);

    struct mploop__vma *vma = NULL;
    unsigned nvma = 0;
    size_t vma_cap = 0;
    int err = mploop__maps_read(&vma, &nvma, &vma_cap);
    if (err)
        return err;

    /* Room for the module, stream and TLS lists: grow until they fit. */
    unsigned nt_mod = 0, ns_mod = 0, nstdio = 0, ntls = 0;
    unsigned cap_mod = 64, cap_stdio = 64;
    struct mploop__range *scratch = NULL;
    size_t scratch_size = 0;
    for (;;) {
        size_t cap_t = (size_t)nvma * 2 + (size_t)cap_mod * 3 + req->nlocals + 2;
        size_t cap_e = (size_t)cap_stdio + 8;
        /* segs, spans, trk, excl, then merged and the armed pages. */
        size_t entries = 2 * (size_t)cap_mod + cap_t + cap_e +
                         (2 * cap_t + 3 * cap_e + 2 * MAX_REGIONS);
        scratch_size = PAGE_UP(entries * sizeof(struct mploop__range));
        scratch = mploop__map(scratch_size);
        if (!scratch) {
            err = -ENOMEM;
            goto out;
        }
        struct mploop__range *segs = scratch, *spans = segs + cap_mod;
        uintptr_t mods[MAX_MODULES + 1];
        mods[0] = (uintptr_t)req->site;
        memcpy(mods + 1, mst.mods, mst.nmods * sizeof *mods);
        mploop__maps_modules(mods, mst.nmods + 1, segs, cap_mod, &nt_mod, spans, cap_mod,
                             &ns_mod);
        struct mploop__range *excl = spans + cap_mod + cap_t;
        nstdio = mploop__stdio_ranges(excl, cap_stdio);
        if (nt_mod <= cap_mod && ns_mod <= cap_mod && nstdio <= cap_stdio)
            break;
        mploop__unmap(scratch, scratch_size);
        while (cap_mod < nt_mod || cap_mod < ns_mod)
            cap_mod *= 2;
        while (cap_stdio < nstdio)
            cap_stdio *= 2;
    }
    size_t cap_t = (size_t)nvma * 2 + (size_t)cap_mod * 3 + req->nlocals + 2;
    struct mploop__range *segs = scratch, *spans = segs + cap_mod;
    struct mploop__range *trk = spans + cap_mod;
    struct mploop__range *excl = trk + cap_t;
    struct mploop__range *merged = excl + cap_stdio + 8;

    /* Excluded bytes: streams (already in excl), TLS, runtime state. */
    unsigned ne = nstdio;
    ntls = mploop__maps_tls(excl + ne, 4);
    ne += ntls < 4 ? ntls : 4;
    excl[ne++] = (struct mploop__range){ (uintptr_t)__start_mploop_state,
                                         (uintptr_t)(__stop_mploop_state - __start_mploop_state) };
    ne = normalize(excl, ne);
    nt_mod = normalize(segs, nt_mod);
    ns_mod = normalize(spans, ns_mod);

    /* Tracked bytes. */
    uintptr_t frame = (uintptr_t)req->frame;
    unsigned nt = 0;
    for (unsigned i = 0; i < nvma; i++) {
        const struct mploop__vma *v = &vma[i];
        if ((v->flags & (MPLOOP__VMA_WRITE | MPLOOP__VMA_SHARED | MPLOOP__VMA_SPECIAL)) !=
            MPLOOP__VMA_WRITE)
            continue;
        if (frame && frame >= v->start && frame < v->end) {
            /* The loop's stack: callers' frames whole, from the enclosing
             * frame's saved frame pointer and return address up. */
            if (frame + 16 < v->end)
                trk[nt++] = (struct mploop__range){ frame + 16, v->end - frame - 16 };
            for (unsigned l = 0; l < req->nlocals; l++) {
                uintptr_t a = req->locals[l].addr, b = a + req->locals[l].size;
                if (a >= v->start && b <= v->end && b > a)
                    trk[nt++] = (struct mploop__range){ a, b - a };
            }
            continue;
        }
        /* Data of the executable or of the loop's module. */
        for (unsigned k = first_ending_after(segs, nt_mod, v->start);
             k < nt_mod && segs[k].addr < v->end; k++) {
            uintptr_t a = segs[k].addr > v->start ? segs[k].addr : v->start;
            uintptr_t b = segs[k].addr + segs[k].size;
            if (b > v->end)
                b = v->end;
            trk[nt++] = (struct mploop__range){ a, b - a };
        }
        /* Whatever lies outside every module: heap, mmapped chunks, the
         * program's own mappings (a module's data or bss tail that is not
         * in segs is never merged). */
        struct mploop__range whole = { v->start, v->end - v->start };
        nt += subtract(&whole, 1, spans, ns_mod, trk + nt);
    }
    nt = normalize(trk, nt);

    /* Stream buffers in the shared heap must be private to each worker
     * even in direct mode (workers' output would mix in one buffer): the
     * pages covering them (whole pages of their heap blocks) are remapped
     * privately and, like every stream byte, never merged.  Too many of
     * them: the whole heap in snapshot mode instead. */
    struct mploop__region heap;
    int has_heap = mploop__heap_region(&heap);
    if (has_heap < 0) {
        err = has_heap;
        goto out_scratch;
    }
    if (!m->snapshot && has_heap) {
        unsigned first = m->nregions;
        for (unsigned i = 0; i < ne; i++) {
            uintptr_t a = excl[i].addr, b = excl[i].addr + excl[i].size;
            if (b <= heap.addr || a >= heap.addr + heap.size)
                continue;
            if (a < heap.addr)
                a = heap.addr;
            if (b > heap.addr + heap.size)
                b = heap.addr + heap.size;
            if (m->nregions == MAX_REGIONS) {
                m->nregions = first;
                m->snapshot = 1;
                break;
            }
            m->regions[m->nregions++] = (struct mploop__region){
                PAGE_DOWN(a), PAGE_UP(b) - PAGE_DOWN(a), heap.fd,
                heap.offset + (PAGE_DOWN(a) - heap.addr) };
        }
    }
    if (m->snapshot && m->nregions < MAX_REGIONS && has_heap)
        m->regions[m->nregions++] = heap;
    for (unsigned i = 0; i < m->nregions; i++)
        m->region_ranges[i] = (struct mploop__range){ m->regions[i].addr, m->regions[i].size };
    m->nranges = normalize(m->region_ranges, m->nregions);
    m->region_pages = 0;
    for (unsigned i = 0; i < m->nranges; i++)
        m->region_pages += m->region_ranges[i].size / PAGE;

    /* Merged bytes and armed pages go to the plan mapping; the regions are
     * merged but not armed (they are shared mappings until the worker
     * remaps them). */
    unsigned nm = subtract(trk, nt, excl, ne, merged);
    struct mploop__range *armed = merged + cap_t + 2 * ((size_t)cap_stdio + 8) + MAX_REGIONS;
    unsigned na = 0;
    for (unsigned i = 0; i < nm; i++)
        armed[na++] = (struct mploop__range){ PAGE_DOWN(merged[i].addr),
                                              PAGE_UP(merged[i].addr + merged[i].size) -
                                                  PAGE_DOWN(merged[i].addr) };
    na = normalize(armed, na);
    nm += subtract(m->region_ranges, m->nranges, excl, ne, merged + nm);
    nm = normalize(merged, nm);
    size_t plan_size = PAGE_UP(((size_t)nm + na) * sizeof(struct mploop__range) + PAGE);
    struct mploop__range *p = mploop__map(plan_size);
    if (!p) {
        err = -ENOMEM;
        goto out_scratch;
    }
    memcpy(p, merged, (size_t)nm * sizeof *p);
    struct mploop__range *arm = p + nm;
    memcpy(arm, armed, (size_t)na * sizeof *arm);
    uint64_t pages = 0;
    for (unsigned i = 0; i < na; i++)
        pages += arm[i].size / PAGE;
    m->plan = p;
    m->plan_size = plan_size;
    m->merge = p;
    m->nmerge = nm;
    m->arm = arm;
    m->narm = na;
    m->arm_pages = pages;
out_scratch:
    mploop__unmap(scratch, scratch_size);
out:
    mploop__unmap(vma, vma_cap);
    return err;
}

/* Parent: see internal.h. */
int mploop__mem_prepare(const struct mploop__memreq *req, struct mploop__mem **out)
{
    *out = NULL;
    if (req->nworkers == 0 || req->nworkers > MPLOOP__MAX_WORKERS)
        return -EINVAL;
    int cerr = choose_tracker(req->site);
    if (cerr)
        return cerr;
    remember_locals(req);

    size_t self_size = PAGE_UP(sizeof(struct mploop__mem));
    struct mploop__mem *m = mploop__map(self_size);
    if (!m)
        return -ENOMEM;
    m->self_size = self_size;
    m->nworkers = req->nworkers;
    m->tracker = mst.tracker;
    m->site = req->site;
    for (unsigned w = 0; w < MPLOOP__MAX_WORKERS; w++)
        m->fds[w] = -1;
    m->gen = ++mst.gen;
    int err = mploop__malloc_prepare(req->nworkers, m->gen);
    m->snapshot = req->snapshot;
    if (!err)
        m->nregions = mploop__malloc_regions(m->regions, MAX_REGIONS - 1);
    if (m->nregions > MAX_REGIONS - 1)
        err = -E2BIG;
    if (!err)
        err = plan(m, req);
    for (unsigned w = 0; !err && w < req->nworkers; w++) {
        m->fds[w] = memfd_create("mploop-ship", MFD_CLOEXEC);
        if (m->fds[w] < 0)
            err = -errno;
    }
    if (err) {
        mploop__mem_release(m);
        return err;
    }
    *out = m;
    return 0;
}

/* ---- worker --------------------------------------------------------------- */

/* Worker: see internal.h. */
int mploop__mem_worker_begin(struct mploop__mem *m, unsigned w)
{
    if (w >= m->nworkers)
        return -EINVAL;
    mploop__malloc_worker(w);
    /* Snapshot mode: from here on this worker's writes to the shared
     * regions land in private copies; the memfd keeps the originals. */
    for (unsigned i = 0; i < m->nregions; i++) {
        const struct mploop__region *r = &m->regions[i];
        void *p = mmap((void *)r->addr, r->size, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_FIXED, r->fd, (off_t)r->offset);
        if (p == MAP_FAILED)
            return -errno;
    }
    return m->tracker->arm(m->arm, m->narm);
}

/* Both: nonzero when page a lies in a region of m. */
static int in_region(const struct mploop__mem *m, uintptr_t a)
{
    return overlaps(m->region_ranges, m->nranges, a, 1);
}

/* Worker: merge the sorted runs a[0..n1) and a[n1..n) in place (through
 * scratch memory).  Returns 0 or -errno. */
static int merge_runs(uint64_t *a, uint64_t n1, uint64_t n)
{
    if (n1 == 0 || n1 == n || a[n1 - 1] < a[n1])
        return 0;
    size_t size = PAGE_UP((size_t)n * sizeof *a);
    uint64_t *t = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (t == MAP_FAILED)
        return -errno;
    uint64_t i = 0, j = n1, k = 0;
    while (i < n1 || j < n)
        t[k++] = j >= n || (i < n1 && a[i] < a[j]) ? a[i++] : a[j++];
    memcpy(a, t, (size_t)n * sizeof *a);
    munmap(t, size);
    return 0;
}

/* Worker: see internal.h. */
int mploop__runs_page(struct mploop__runs *r, uintptr_t addr, int written)
{
    if (written && !r->start)
        r->start = addr;
    else if (!written && r->start)
        return mploop__runs_end(r, addr);
    return 0;
}

/* Worker: see internal.h. */
int mploop__runs_end(struct mploop__runs *r, uintptr_t end)
{
    uintptr_t start = r->start;
    r->start = 0;
    return start ? r->emit(r->ctx, start, end) : 0;
}

/* Worker: the list of pages to ship, built while the tracker reports. */
struct ship_list {
    const struct mploop__mem *m;
    uint64_t *addr;        /* page addresses, increasing */
    uint64_t n, cap;
    unsigned cursor;       /* first merge range that may still matter */
};

/* Worker: tracker callback; keeps the written pages holding merged bytes. */
static int ship_emit(void *ctx, uintptr_t start, uintptr_t end)
{
    struct ship_list *s = ctx;
    const struct mploop__range *r = s->m->merge;
    unsigned n = s->m->nmerge;
    for (uintptr_t p = PAGE_DOWN(start); p < end; p += PAGE) {
        while (s->cursor < n && r[s->cursor].addr + r[s->cursor].size <= p)
            s->cursor++;
        if (s->cursor >= n)
            return 0;
        if (r[s->cursor].addr >= p + PAGE) {
            /* Skip to the page of the next merged range. */
            uintptr_t next = PAGE_DOWN(r[s->cursor].addr);
            if (next >= end)
                break;
            p = next - PAGE;
            continue;
        }
        if (s->n == s->cap)
            return -EOVERFLOW;
        s->addr[s->n++] = p;
    }
    return 0;
}

/* Worker: write all of [buf, buf+len) to fd. */
static int write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len) {
        ssize_t got = write(fd, p, len);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        p += got;
        len -= (size_t)got;
    }
    return 0;
}

/* Worker: write the pages listed in s to fd, coalescing neighbours. */
static int write_pages(int fd, const struct ship_list *s)
{
    struct iovec iov[256];
    unsigned niov = 0;
    for (uint64_t i = 0; i <= s->n; i++) {
        int last = i == s->n;
        if (!last && niov && (uintptr_t)iov[niov - 1].iov_base + iov[niov - 1].iov_len == s->addr[i]) {
            iov[niov - 1].iov_len += PAGE;
            continue;
        }
        if (niov == 256 || (last && niov)) {
            /* writev may stop short; finish the batch page run by run. */
            ssize_t got = writev(fd, iov, (int)niov);
            if (got < 0 && errno != EINTR)
                return -errno;
            size_t done = got > 0 ? (size_t)got : 0;
            for (unsigned k = 0; k < niov; k++) {
                if (done >= iov[k].iov_len) {
                    done -= iov[k].iov_len;
                    continue;
                }
                int err = write_all(fd, (char *)iov[k].iov_base + done, iov[k].iov_len - done);
                if (err)
                    return err;
                done = 0;
            }
            niov = 0;
        }
        if (last)
            break;
        iov[niov].iov_base = (void *)(uintptr_t)s->addr[i];
        iov[niov].iov_len = PAGE;
        niov++;
    }
    return 0;
}

/* Worker: see internal.h.  The channel holds a header, the page addresses,
 * then the pages, in increasing address order. */
int mploop__mem_worker_ship(struct mploop__mem *m, unsigned w)
{
    if (w >= m->nworkers)
        return -EINVAL;
    struct ship_list s = { .m = m, .cap = m->arm_pages + m->region_pages };
    size_t list_size = PAGE_UP((size_t)(s.cap ? s.cap : 1) * sizeof(uint64_t));
    s.addr = mmap(NULL, list_size, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (s.addr == MAP_FAILED)
        return -errno;
    int err = m->tracker->collect(m->arm, m->narm, ship_emit, &s);
    if (!err && m->nranges) {
        uint64_t n1 = s.n;
        s.cursor = 0;
        err = m->tracker->collect_private(m->region_ranges, m->nranges, ship_emit, &s);
        if (!err)
            err = merge_runs(s.addr, n1, s.n);
    }
    if (!err) {
        const uint64_t *frees = NULL;
        uint64_t nfrees = mploop__malloc_deferred(w, &frees);
        struct ship_header h = { SHIP_MAGIC, w, m->gen, s.n, nfrees, 0 };
        int fd = m->fds[w];
        err = write_all(fd, &h, sizeof h);
        if (!err)
            err = write_all(fd, s.addr, (size_t)s.n * sizeof(uint64_t));
        if (!err)
            err = write_pages(fd, &s);
        if (!err && nfrees)
            err = write_all(fd, frees, (size_t)nfrees * sizeof(uint64_t));
    }
    munmap(s.addr, list_size);
    return err;
}

/* ---- merge (parent) ------------------------------------------------------- */

/* One worker's channel as the parent sees it. */
struct channel {
    const unsigned char *map;
    size_t size;
    const uint64_t *addr;
    const unsigned char *pages;
    uint64_t n, pos;
    const uint64_t *frees;   /* blocks the worker freed */
    uint64_t nfrees;
};

/* Parent: map and validate worker w's channel.  Returns 0 or -EPROTO. */
static int open_channel(const struct mploop__mem *m, unsigned w, struct channel *c)
{
    struct stat sb;
    if (fstat(m->fds[w], &sb) < 0)
        return -errno;
    if ((size_t)sb.st_size < sizeof(struct ship_header))
        return -EPROTO;
    c->size = (size_t)sb.st_size;
    void *p = mmap(NULL, c->size, PROT_READ, MAP_SHARED, m->fds[w], 0);
    if (p == MAP_FAILED)
        return -errno;
    c->map = p;
    const struct ship_header *h = p;
    if (h->magic != SHIP_MAGIC || h->worker != w || h->gen != m->gen ||
        h->npages > m->arm_pages + m->region_pages || h->nfrees > c->size / sizeof(uint64_t) ||
        c->size != sizeof *h + h->npages * (sizeof(uint64_t) + PAGE) +
                       h->nfrees * sizeof(uint64_t))
        return -EPROTO;
    c->n = h->npages;
    c->addr = (const uint64_t *)(c->map + sizeof *h);
    c->pages = c->map + sizeof *h + c->n * sizeof(uint64_t);
    c->nfrees = h->nfrees;
    c->frees = (const uint64_t *)(c->pages + c->n * PAGE);
    c->pos = 0;
    for (uint64_t i = 0; i < c->n; i++) {
        uint64_t a = c->addr[i];
        if ((a & (PAGE - 1)) || (i && a <= c->addr[i - 1]) ||
            (!overlaps(m->arm, m->narm, a, PAGE) && !in_region(m, a)))
            return -EPROTO;
    }
    return 0;
}

/* Parent: merge the copies of the page at addr shipped by the workers in
 * ws[0..k), against the parent's own bytes.  With apply == 0 only look for
 * a race (returns -EBUSY and sets *race); with apply != 0 write the changed
 * bytes. */
static int merge_page(const struct mploop__mem *m, uintptr_t addr,
                      const unsigned char *const *ws, unsigned k, int apply,
                      uintptr_t *race, uint64_t *applied)
{
    unsigned char *orig = (unsigned char *)addr;
    unsigned r = first_ending_after(m->merge, m->nmerge, addr);
    for (; r < m->nmerge && m->merge[r].addr < addr + PAGE; r++) {
        uintptr_t a = m->merge[r].addr > addr ? m->merge[r].addr : addr;
        uintptr_t b = m->merge[r].addr + m->merge[r].size;
        if (b > addr + PAGE)
            b = addr + PAGE;
        size_t off = a - addr, len = b - a;
        if (k == 1) {
            if (apply && memcmp(orig + off, ws[0] + off, len) != 0) {
                memcpy(orig + off, ws[0] + off, len);
                *applied += len;
            }
            continue;
        }
        /* Several workers wrote this page: byte by byte where any differs. */
        unsigned changed = 0;
        for (unsigned w = 0; w < k; w++)
            changed += memcmp(orig + off, ws[w] + off, len) != 0;
        if (changed == 0)
            continue;
        for (size_t i = off; i < off + len; i++) {
            unsigned char o = orig[i], v = o;
            int set = 0;
            for (unsigned w = 0; w < k; w++) {
                unsigned char x = ws[w][i];
                if (x == o)
                    continue;
                if (set && x != v) {
                    *race = addr + i;
                    return -EBUSY;
                }
                v = x;
                set = 1;
            }
            if (apply && set) {
                orig[i] = v;
                ++*applied;
            }
        }
    }
    return 0;
}

/* Parent: one pass over all channels in address order. */
static int merge_pass(struct mploop__mem *m, struct channel *ch, int apply, uintptr_t *race)
{
    const unsigned char *ws[MPLOOP__MAX_WORKERS];
    for (unsigned w = 0; w < m->nworkers; w++)
        ch[w].pos = 0;
    for (;;) {
        uint64_t next = UINT64_MAX;
        for (unsigned w = 0; w < m->nworkers; w++)
            if (ch[w].pos < ch[w].n && ch[w].addr[ch[w].pos] < next)
                next = ch[w].addr[ch[w].pos];
        if (next == UINT64_MAX)
            return 0;
        unsigned k = 0;
        for (unsigned w = 0; w < m->nworkers; w++)
            if (ch[w].pos < ch[w].n && ch[w].addr[ch[w].pos] == next) {
                ws[k++] = ch[w].pages + ch[w].pos * PAGE;
                ch[w].pos++;
            }
        if (!apply && k == 1)
            continue;
        int err = merge_page(m, (uintptr_t)next, ws, k, apply, race, &m->changed);
        if (err)
            return err;
    }
}

/* Parent: gather every channel's deferred frees into *out (mmap'd, sorted
 * by address, size = worker index), *n of them, *size bytes mapped.  A block
 * freed twice is reported in a note and returned as -EBUSY with *race set.
 * Returns 0 or -errno. */
static int gather_frees(const struct mploop__mem *m, const struct channel *ch,
                        struct mploop__range **out, uint64_t *n, size_t *size, uintptr_t *race)
{
    uint64_t total = 0;
    for (unsigned w = 0; w < m->nworkers; w++)
        total += ch[w].nfrees;
    *out = NULL;
    *n = 0;
    *size = 0;
    if (!total)
        return 0;
    if (total > UINT32_MAX)
        return -E2BIG;
    size_t bytes = PAGE_UP((size_t)total * sizeof(struct mploop__range));
    struct mploop__range *f = mploop__map(bytes);
    if (!f)
        return -ENOMEM;
    uint64_t k = 0;
    for (unsigned w = 0; w < m->nworkers; w++)
        for (uint64_t i = 0; i < ch[w].nfrees; i++)
            f[k++] = (struct mploop__range){ ch[w].frees[i], w };
    sort_ranges(f, (unsigned)total);
    *out = f;
    *n = total;
    *size = bytes;
    for (uint64_t i = 1; i < total; i++)
        if (f[i].addr == f[i - 1].addr) {
            mst.double_free = f[i].addr;
            if (f[i].size == f[i - 1].size)
                mploop__note("worker %lu frees the block at %#lx twice; it was allocated "
                             "before the loop", (unsigned long)f[i].size,
                             (unsigned long)f[i].addr);
            else
                mploop__note("workers %lu and %lu both free the block at %#lx, which was "
                             "allocated before the loop", (unsigned long)f[i - 1].size,
                             (unsigned long)f[i].size, (unsigned long)f[i].addr);
            *race = f[i].addr;
            return -EBUSY;
        }
    return 0;
}

/* Parent: see internal.h. */
int mploop__mem_merge(struct mploop__mem *m, uintptr_t *race)
{
    struct mploop__range *frees = NULL;
    uint64_t nfrees = 0;
    size_t frees_size = 0;
    mst.double_free = 0;
    size_t ch_size = PAGE_UP(sizeof(struct channel) * m->nworkers);
    struct channel *ch = mmap(NULL, ch_size, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (ch == MAP_FAILED)
        return -errno;
    int err = 0;
    for (unsigned w = 0; w < m->nworkers && !err; w++) {
        err = open_channel(m, w, &ch[w]);
        m->shipped += ch[w].n;
    }
    if (!err)
        err = merge_pass(m, ch, 0, race);
    if (!err)
        err = gather_frees(m, ch, &frees, &nfrees, &frees_size, race);
    if (!err)
        err = merge_pass(m, ch, 1, race);
    /* The frees come last: a block a worker wrote and then freed gets its
     * bytes first, as in the sequential order.  A block that is not merged
     * memory (excluded stream state) or not a block at all is left alone. */
    for (uint64_t i = 0; !err && i < nfrees; i++) {
        void *p = (void *)frees[i].addr;
        if (overlaps(m->merge, m->nmerge, frees[i].addr, 1) || mploop__heap_is_block(p) ||
            mploop__malloc_arena_block(frees[i].addr, &(uintptr_t){ 0 }, &(size_t){ 0 }) == 0)
            mploop__malloc_free_deferred(p);
    }
    mploop__unmap(frees, frees_size);
    for (unsigned w = 0; w < m->nworkers; w++)
        if (ch[w].map)
            munmap((void *)ch[w].map, ch[w].size);
    munmap(ch, ch_size);
    return err;
}

/* Parent: see internal.h. */
void mploop__mem_stats(const struct mploop__mem *m, int *snapshot, uint64_t *pages,
                       uint64_t *changed)
{
    *snapshot = m->snapshot;
    *pages = m->shipped;
    *changed = m->changed;
}

/* Parent: see internal.h. */
void mploop__mem_discard(struct mploop__mem *m)
{
    if (m)
        mploop__malloc_discard(m->nworkers);
}

/* Parent: see internal.h. */
void mploop__mem_release(struct mploop__mem *m)
{
    if (!m)
        return;
    for (unsigned w = 0; w < MPLOOP__MAX_WORKERS; w++)
        if (m->fds[w] >= 0)
            close(m->fds[w]);
    mploop__unmap(m->plan, m->plan_size);
    mploop__unmap(m, m->self_size);
}

/* ---- describing an address (parent, at report time) ----------------------- */

/* Parent: append printf-style text to buf[*len..n), keeping it terminated. */
__attribute__((format(printf, 4, 5)))
static void put(char *buf, size_t n, size_t *len, const char *fmt, ...)
{
    if (*len + 1 >= n)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf + *len, n - *len, fmt, ap);
    va_end(ap);
    if (k > 0)
        *len = *len + (size_t)k < n ? *len + (size_t)k : n - 1;
}

/* Parent: the symbol of the ELF file `path` (loaded with bias `bias`) whose
 * object covers addr, written into buf like "global 'counter' (byte 0 of
 * 4)".  Uses .symtab when the file has one (static and local symbols
 * included), else .dynsym.  Returns the length written, 0 when none. */
static size_t describe_symbol(const char *path, uintptr_t bias, uintptr_t addr,
                              char *buf, size_t n)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    struct stat sb;
    size_t len = 0;
    if (fstat(fd, &sb) < 0 || (size_t)sb.st_size < sizeof(Elf64_Ehdr)) {
        close(fd);
        return 0;
    }
    size_t fsize = (size_t)sb.st_size;
    const unsigned char *f = mmap(NULL, fsize, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (f == MAP_FAILED)
        return 0;
    const Elf64_Ehdr *eh = (const void *)f;
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
        eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shoff > fsize ||
        (size_t)eh->e_shnum * sizeof(Elf64_Shdr) > fsize - eh->e_shoff)
        goto out;
    const Elf64_Shdr *sh = (const void *)(f + eh->e_shoff);
    const Elf64_Shdr *symtab = NULL;
    for (unsigned i = 0; i < eh->e_shnum; i++)
        if (sh[i].sh_type == SHT_SYMTAB || (sh[i].sh_type == SHT_DYNSYM && !symtab))
            symtab = &sh[i];
    if (!symtab || symtab->sh_link >= eh->e_shnum || symtab->sh_offset > fsize ||
        symtab->sh_size > fsize - symtab->sh_offset)
        goto out;
    const Elf64_Shdr *strtab = &sh[symtab->sh_link];
    if (strtab->sh_offset > fsize || strtab->sh_size > fsize - strtab->sh_offset)
        goto out;
    const Elf64_Sym *sym = (const void *)(f + symtab->sh_offset);
    size_t nsym = symtab->sh_size / sizeof(Elf64_Sym);
    const char *str = (const char *)(f + strtab->sh_offset);
    const Elf64_Sym *best = NULL;
    for (size_t i = 0; i < nsym; i++) {
        const Elf64_Sym *s = &sym[i];
        int type = ELF64_ST_TYPE(s->st_info);
        if ((type != STT_OBJECT && type != STT_COMMON) || s->st_shndx == SHN_UNDEF ||
            s->st_name >= strtab->sh_size)
            continue;
        uintptr_t a = bias + s->st_value, size = s->st_size ? s->st_size : 1;
        if (addr < a || addr - a >= size)
            continue;
        if (!best || s->st_size < best->st_size)
            best = s;
    }
    if (best) {
        const char *name = str + best->st_name;
        size_t nlen = strnlen(name, strtab->sh_size - best->st_name);
        int local = ELF64_ST_BIND(best->st_info) == STB_LOCAL;
        const char *dot = memchr(name, '.', nlen);
        if (local && dot) {
            /* gcc names a static local `name.N`, clang `function.name`. */
            const char *q = dot + 1;
            while (q < name + nlen && *q >= '0' && *q <= '9')
                q++;
            if (q == name + nlen && q > dot + 1)
                put(buf, n, &len, "static '%.*s'", (int)(dot - name), name);
            else
                put(buf, n, &len, "static '%.*s' of %.*s()", (int)(name + nlen - dot - 1),
                    dot + 1, (int)(dot - name), name);
        } else {
            put(buf, n, &len, "%s '%.*s'", local ? "static" : "global", (int)nlen, name);
        }
        put(buf, n, &len, " (byte %lu of %lu)",
            (unsigned long)(addr - bias - best->st_value), (unsigned long)best->st_size);
    }
out:
    munmap((void *)f, fsize);
    return len;
}

/* Parent: the glibc chunk holding addr in [lo, hi), walking chunk headers
 * from lo (the start of glibc's main heap, or of a run of mmapped chunks
 * when mmapped is set).  Fills *block (the pointer malloc returned) and
 * returns 0, or -ENOENT. */
static int find_chunk(uintptr_t lo, uintptr_t hi, uintptr_t addr, int mmapped,
                      uintptr_t *block)
{
    uintptr_t c = (lo + 15) & ~(uintptr_t)15;
    while (c + 16 <= hi) {
        uintptr_t start = c;
        if (mmapped) {
            uintptr_t corr = *(const uintptr_t *)c;  /* prev_size: alignment padding */
            if (corr >= PAGE || (corr & 15))
                return -ENOENT;
            c += corr;
        }
        uintptr_t size = *(const uintptr_t *)(c + 8);
        if (mmapped && !(size & 2))
            return -ENOENT;
        size &= ~(uintptr_t)7;
        if (size < 32 || (size & 15) || size > hi - c)
            return -ENOENT;
        if (addr >= c + 16 && addr < c + size) {
            *block = c + 16;
            return 0;
        }
        c = mmapped ? PAGE_UP(c + size) : c + size;
        if (c <= start)
            return -ENOENT;
    }
    return -ENOENT;
}

/* Parent: see internal.h. */
int mploop__mem_describe(uintptr_t addr, char *buf, size_t n)
{
    size_t len = 0;
    if (!buf || n == 0)
        return 0;
    buf[0] = 0;
    if (mst.double_free && addr == mst.double_free) {
        put(buf, n, &len, "heap block %#lx (%zu bytes), freed twice in the loop",
            (unsigned long)addr, mploop__malloc_usable((void *)addr));
        return (int)len;
    }
    /* A local variable of the enclosing function. */
    for (unsigned i = 0; i < mst.nlocals; i++) {
        const struct mploop__local *l = &mst.locals[i];
        if (addr >= l->addr && addr - l->addr < l->size) {
            put(buf, n, &len, "local '%s' of the enclosing function at %#lx (byte %lu of %lu)",
                l->name ? l->name : "?", (unsigned long)l->addr,
                (unsigned long)(addr - l->addr), (unsigned long)l->size);
            return (int)len;
        }
    }
    /* A block allocated in an earlier loop's body. */
    uintptr_t start;
    size_t size;
    if (mploop__malloc_arena_block(addr, &start, &size) == 0) {
        put(buf, n, &len, "heap block %#lx (%zu bytes, allocated in a loop body), byte %lu",
            (unsigned long)start, size, (unsigned long)(addr - start));
        return (int)len;
    }
    /* A large block (the shared heap). */
    if (mploop__heap_block(addr, &start, &size) == 0) {
        put(buf, n, &len, "heap block %#lx (%zu bytes), byte %lu", (unsigned long)start, size,
            (unsigned long)(addr - start));
        return (int)len;
    }
    /* Data of a loaded module: its symbol table. */
    char path[4096];
    uintptr_t bias;
    if (mploop__maps_module_file((const void *)addr, path, sizeof path, &bias) == 0) {
        len = describe_symbol(path, bias, addr, buf, n);
        if (!len)
            put(buf, n, &len, "data of %s", path);
        return (int)len;
    }
    /* The stack, the heap, other mappings. */
    struct mploop__vma *vma = NULL;
    unsigned nvma = 0;
    size_t cap = 0;
    if (mploop__maps_read(&vma, &nvma, &cap) != 0)
        return 0;
    for (unsigned i = 0; i < nvma; i++) {
        const struct mploop__vma *v = &vma[i];
        if (addr < v->start || addr >= v->end)
            continue;
        if (mst.frame >= v->start && mst.frame < v->end) {
            if (addr > mst.frame)
                put(buf, n, &len, "the stack frame of a calling function");
            else
                put(buf, n, &len, "the stack of the enclosing function");
            break;
        }
        uintptr_t block;
        int found = (v->flags & (MPLOOP__VMA_READ | MPLOOP__VMA_FILE | MPLOOP__VMA_SHARED)) ==
                        MPLOOP__VMA_READ &&
                    find_chunk(v->start, v->end, addr, !(v->flags & MPLOOP__VMA_HEAP), &block) == 0;
        if (found)
            put(buf, n, &len, "heap block %#lx (%zu bytes), byte %lu", (unsigned long)block,
                mploop__malloc_usable((void *)block), (unsigned long)(addr - block));
        else
            put(buf, n, &len, "memory mapped at %#lx-%#lx", (unsigned long)v->start,
                (unsigned long)v->end);
        break;
    }
    mploop__unmap(vma, cap);
    return (int)len;
}
