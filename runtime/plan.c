/*
 * plan.c - which bytes a loop merges: the plan, made before the fork.
 *
 * Why this file exists: the promise is that every write the body made in a
 * worker to memory that existed before the loop reaches the parent, and
 * nothing else does.  This file turns that promise into two sorted lists
 * (struct mploop__mem's merge and arm) from /proc/self/maps, the loaded
 * modules and the stream list:
 *   - the writable segments of the executable, of the module holding the
 *     loop and of every module that registered with mploop_module (globals
 *     and static locals), minus what is read-only now (RELRO);
 *   - every other private writable mapping that is not part of a loaded
 *     module: glibc's heap and its mmapped chunks, the program's own
 *     mappings, other threads' stacks;
 *   - on the loop's own stack: the callers' frames whole (from the enclosing
 *     function's frame address + 16 to the top) and, in the enclosing frame,
 *     only the variables the generated code registered;
 *   - the shared regions each worker remaps privately (the worker arenas,
 *     and in snapshot mode the large-block heap; in direct mode only the
 *     pages of large blocks that hold stream buffers);
 * minus the bytes that are never merged: the runtime's state section, the
 * thread's static TLS, descriptor and DTV, every stream's FILE object and
 * buffers, the headers of the malloc arenas of threads (glibc_malloc.c).
 * Data and bss of other modules (the C library, the loader) are never in
 * the list, and neither is anything else mapped shared.
 *
 * It also keeps the list of modules that registered (mploop_module).  All
 * scratch is mmap'd: the parent allocates nothing with malloc here.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>

#include "mem_internal.h"

/* Most modules with transformed code (mploop_module) told apart. */
#define PLAN_MAX_MODULES 64

/* The start of every module that registered, in the runtime's state. */
static struct {
    uintptr_t mods[PLAN_MAX_MODULES];
    unsigned nmods;
    int full;        /* more modules registered than mods holds */
} plan_mods MPLOOP__STATE;

/* Both: see mem_internal.h.  Runs in constructors, once per file that
 * includes mploop/abi.h: one entry per module. */
void mploop__plan_module(const void *addr)
{
    struct mploop__range span;
    if (mploop__maps_module_span(addr, &span) != 0)
        return;
    for (unsigned i = 0; i < plan_mods.nmods; i++)
        if (plan_mods.mods[i] == span.addr)
            return;
    if (plan_mods.nmods == PLAN_MAX_MODULES) {
        static const char msg[] = "mploop: warning: more than 64 loaded modules contain "
                                  "transformed code; the globals of the others are merged only "
                                  "after their own loops\n";
        if (!plan_mods.full)
            mploop__os_write_all(2, msg, sizeof msg - 1);
        plan_mods.full = 1;
        return;
    }
    plan_mods.mods[plan_mods.nmods++] = span.addr;
}

/* The scratch lists of one plan, carved out of one mapping.  Capacities
 * grow until the module and stream lists fit. */
struct plan_work {
    struct mploop__vma *vma;       /* /proc/self/maps */
    unsigned nvma;
    size_t vma_cap;
    void *map;                     /* the scratch mapping */
    size_t map_size;
    unsigned cap_mod, cap_stdio;   /* room for module ranges, stream ranges */
    size_t cap_t;                  /* room for tracked ranges */
    struct mploop__range *segs;    /* writable segments of merged modules */
    unsigned nsegs;
    struct mploop__range *spans;   /* whole spans of every module */
    unsigned nspans;
    struct mploop__range *trk;     /* tracked bytes */
    unsigned ntrk;
    struct mploop__range *excl;    /* bytes never merged */
    unsigned nexcl;
    struct mploop__range *merged;  /* tracked minus excluded, then regions */
    struct mploop__range *armed;   /* pages of the tracked bytes */
};

/* Parent: room for the tracked list with the current capacities. */
static size_t plan_cap_tracked(const struct plan_work *pw, unsigned nlocals)
{
    return (size_t)pw->nvma * 2 + (size_t)pw->cap_mod * 3 + nlocals + 2;
}

/* Parent: map the scratch lists and fill segs, spans and the stream part
 * of excl, growing the capacities until everything fits.  mods[0..nmods)
 * are addresses inside the modules whose data is merged.  Returns 0 or
 * -errno. */
static int plan_gather(struct plan_work *pw, const uintptr_t *mods, unsigned nmods,
                       unsigned nlocals)
{
    pw->cap_mod = 64;
    pw->cap_stdio = 64;
    for (;;) {
        size_t cap_t = plan_cap_tracked(pw, nlocals);
        size_t cap_e = (size_t)pw->cap_stdio + 8 + pw->nvma;
        /* segs, spans, trk, excl, then merged and the armed pages. */
        size_t entries = 2 * (size_t)pw->cap_mod + cap_t + cap_e +
                         (2 * cap_t + 3 * cap_e + 2 * MPLOOP__MAX_REGIONS);
        pw->map_size = MPLOOP__PAGE_UP(entries * sizeof(struct mploop__range));
        pw->map = mploop__os_map(pw->map_size);
        if (!pw->map)
            return -ENOMEM;
        pw->cap_t = cap_t;
        pw->segs = pw->map;
        pw->spans = pw->segs + pw->cap_mod;
        pw->trk = pw->spans + pw->cap_mod;
        pw->excl = pw->trk + cap_t;
        pw->merged = pw->excl + cap_e;
        pw->armed = pw->merged + cap_t + 2 * cap_e + MPLOOP__MAX_REGIONS;
        unsigned nt = 0, ns = 0;
        mploop__maps_modules(mods, nmods, pw->segs, pw->cap_mod, &nt, pw->spans, pw->cap_mod,
                             &ns);
        unsigned nstdio = mploop__stdio_ranges(pw->excl, pw->cap_stdio);
        if (nt <= pw->cap_mod && ns <= pw->cap_mod && nstdio <= pw->cap_stdio) {
            pw->nsegs = mploop__range_normalize(pw->segs, nt);
            pw->nspans = mploop__range_normalize(pw->spans, ns);
            pw->nexcl = nstdio;
            return 0;
        }
        mploop__os_unmap(pw->map, pw->map_size);
        pw->map = NULL;
        while (pw->cap_mod < nt || pw->cap_mod < ns)
            pw->cap_mod *= 2;
        while (pw->cap_stdio < nstdio)
            pw->cap_stdio *= 2;
    }
}

/* Parent: add the bytes never merged to excl (which holds the streams
 * already): the thread's TLS, descriptor and DTV, the headers of the
 * threads' malloc arenas, the runtime's state section. */
static void plan_excluded(struct plan_work *pw)
{
    unsigned ne = pw->nexcl;
    unsigned ntls = mploop__tls_ranges(pw->excl + ne, 4);
    ne += ntls < 4 ? ntls : 4;
    ne += mploop__glibc_arena_headers(pw->vma, pw->nvma, pw->excl + ne, pw->nvma);
    pw->excl[ne++] = (struct mploop__range){
        (uintptr_t)__start_mploop_state,
        (uintptr_t)(__stop_mploop_state - __start_mploop_state) };
    pw->excl[ne++] = (struct mploop__range){
        (uintptr_t)__start_mploop_worker,
        (uintptr_t)(__stop_mploop_worker - __start_mploop_worker) };
    pw->nexcl = mploop__range_normalize(pw->excl, ne);
}

/* Parent: the tracked bytes of one writable private mapping v, appended to
 * trk: on the loop's stack the callers' frames and the registered locals;
 * elsewhere the data of the merged modules and whatever lies outside every
 * module (a module's data or bss that is not in segs is never merged). */
static void plan_tracked_vma(struct plan_work *pw, const struct mploop__vma *v,
                             const struct mploop__memreq *req)
{
    uintptr_t frame = (uintptr_t)req->frame;
    struct mploop__range *trk = pw->trk;
    unsigned nt = pw->ntrk;
    if (frame && frame >= v->start && frame < v->end) {
        /* Callers' frames whole, from the enclosing frame's saved frame
         * pointer and return address up. */
        if (frame + 16 < v->end)
            trk[nt++] = (struct mploop__range){ frame + 16, v->end - frame - 16 };
        for (unsigned l = 0; l < req->nlocals; l++) {
            uintptr_t a = req->locals[l].addr, b = a + req->locals[l].size;
            if (a >= v->start && b <= v->end && b > a)
                trk[nt++] = (struct mploop__range){ a, b - a };
        }
        pw->ntrk = nt;
        return;
    }
    for (unsigned k = mploop__range_first_ending_after(pw->segs, pw->nsegs, v->start);
         k < pw->nsegs && pw->segs[k].addr < v->end; k++) {
        uintptr_t a = pw->segs[k].addr > v->start ? pw->segs[k].addr : v->start;
        uintptr_t b = pw->segs[k].addr + pw->segs[k].size;
        if (b > v->end)
            b = v->end;
        trk[nt++] = (struct mploop__range){ a, b - a };
    }
    struct mploop__range whole = { v->start, v->end - v->start };
    nt += mploop__range_subtract(&whole, 1, pw->spans, pw->nspans, trk + nt);
    pw->ntrk = nt;
}

/* Parent: the tracked bytes of every writable private mapping. */
static void plan_tracked(struct plan_work *pw, const struct mploop__memreq *req)
{
    pw->ntrk = 0;
    for (unsigned i = 0; i < pw->nvma; i++) {
        const struct mploop__vma *v = &pw->vma[i];
        if ((v->flags & (MPLOOP__VMA_WRITE | MPLOOP__VMA_SHARED | MPLOOP__VMA_SPECIAL)) ==
            MPLOOP__VMA_WRITE)
            plan_tracked_vma(pw, v, req);
    }
    pw->ntrk = mploop__range_normalize(pw->trk, pw->ntrk);
}

/* Parent: add shared region r (the large-block heap, or a large static
 * array) to the regions m's workers remap privately: the whole of it in
 * snapshot mode; in direct mode only the pages that hold stream buffers,
 * which must be private to each worker (workers' output would mix in one
 * buffer) and, like every stream byte, are never merged.  Too many such
 * pages: m turns to snapshot mode, and the caller starts over.  Returns 0,
 * or -E2BIG when the regions are full in snapshot mode. */
static int plan_region(struct mploop__mem *m, const struct plan_work *pw,
                       const struct mploop__region *r)
{
    if (m->snapshot) {
        if (m->nregions == MPLOOP__MAX_REGIONS)
            return -E2BIG;
        m->regions[m->nregions++] = *r;
        return 0;
    }
    for (unsigned i = 0; i < pw->nexcl; i++) {
        uintptr_t a = pw->excl[i].addr, b = pw->excl[i].addr + pw->excl[i].size;
        if (b <= r->addr || a >= r->addr + r->size)
            continue;
        if (a < r->addr)
            a = r->addr;
        if (b > r->addr + r->size)
            b = r->addr + r->size;
        if (m->nregions == MPLOOP__MAX_REGIONS) {
            m->snapshot = 1;
            return 0;
        }
        uintptr_t lo = MPLOOP__PAGE_DOWN(a), hi = MPLOOP__PAGE_UP(b);
        m->regions[m->nregions++] = (struct mploop__region){
            lo, hi - lo, r->fd, r->offset + (lo - r->addr) };
    }
    return 0;
}

/* Parent: add the shared memory's share of the privately remapped regions
 * to m (which holds the arenas already): the large-block heap and the large
 * static arrays (plan_region says which part of each).  Then sort the
 * regions into m->region_ranges.  Returns 0, -EBADF when the program closed
 * a memfd of theirs, or -E2BIG. */
static int plan_regions(struct mploop__mem *m, const struct plan_work *pw)
{
    struct mploop__region shared[1 + MPLOOP__MAX_STATICS];
    int nheap = mploop__large_region(&shared[0]);
    if (nheap < 0)
        return nheap;
    int nstatic = mploop__statics_regions(shared + nheap, MPLOOP__MAX_STATICS);
    if (nstatic < 0)
        return nstatic;
    unsigned n = (unsigned)(nheap + nstatic), arenas = m->nregions;
    int was_snapshot = m->snapshot, err = 0;
    for (unsigned i = 0; i < n && !err && m->snapshot == was_snapshot; i++)
        err = plan_region(m, pw, &shared[i]);
    if (!err && m->snapshot != was_snapshot) {
        /* Direct mode ran out of regions: snapshot mode, from the top. */
        m->nregions = arenas;
        for (unsigned i = 0; i < n && !err; i++)
            err = plan_region(m, pw, &shared[i]);
    }
    if (err)
        return err;
    for (unsigned i = 0; i < m->nregions; i++)
        m->region_ranges[i] = (struct mploop__range){ m->regions[i].addr, m->regions[i].size };
    m->nranges = mploop__range_normalize(m->region_ranges, m->nregions);
    m->region_pages = 0;
    for (unsigned i = 0; i < m->nranges; i++)
        m->region_pages += m->region_ranges[i].size / MPLOOP__PAGE;
    return 0;
}

/* Parent: the final lists, in a mapping of their own owned by m: merged
 * bytes (tracked minus excluded, plus the regions minus excluded) and
 * armed pages (the pages of the tracked bytes; the regions are merged but
 * not armed, since they are shared mappings until the worker remaps them).
 * Returns 0 or -ENOMEM. */
static int plan_lists(struct mploop__mem *m, struct plan_work *pw)
{
    struct mploop__range *merged = pw->merged, *armed = pw->armed;
    unsigned nm = mploop__range_subtract(pw->trk, pw->ntrk, pw->excl, pw->nexcl, merged);
    unsigned na = 0;
    for (unsigned i = 0; i < nm; i++) {
        uintptr_t lo = MPLOOP__PAGE_DOWN(merged[i].addr);
        armed[na++] = (struct mploop__range){
            lo, MPLOOP__PAGE_UP(merged[i].addr + merged[i].size) - lo };
    }
    na = mploop__range_normalize(armed, na);
    nm += mploop__range_subtract(m->region_ranges, m->nranges, pw->excl, pw->nexcl,
                                 merged + nm);
    nm = mploop__range_normalize(merged, nm);
    size_t size = MPLOOP__PAGE_UP(((size_t)nm + na) * sizeof(struct mploop__range) +
                                  MPLOOP__PAGE);
    struct mploop__range *p = mploop__os_map(size);
    if (!p)
        return -ENOMEM;
    memcpy(p, merged, (size_t)nm * sizeof *p);
    struct mploop__range *arm = p + nm;
    memcpy(arm, armed, (size_t)na * sizeof *arm);
    uint64_t pages = 0;
    for (unsigned i = 0; i < na; i++)
        pages += arm[i].size / MPLOOP__PAGE;
    m->plan = p;
    m->plan_size = size;
    m->merge = p;
    m->nmerge = nm;
    m->arm = arm;
    m->narm = na;
    m->arm_pages = pages;
    return 0;
}

/* Parent: see mem_internal.h. */
/* The last plan made, kept with everything it was made from: a loop whose
 * inputs are byte for byte the same gets the same plan without making it
 * again (a loop repeated by a time-stepping program, the usual case).  The
 * inputs: the mappings, the loop's site, frame, locals, worker count and
 * mode, the registered modules, the streams' and the thread's excluded
 * ranges, and every shared region. */
#define PLAN_KEY_MAX (64u << 10)
static struct {
    unsigned char *key, *scratch; /* PLAN_KEY_MAX bytes each (runtime memory) */
    size_t key_len;
    int valid;
    struct mploop__range *lists;  /* merge then arm ranges */
    size_t lists_size;
    unsigned nmerge, narm, nregions, nranges;
    uint64_t arm_pages, region_pages;
    int snapshot;
    struct mploop__region regions[MPLOOP__MAX_REGIONS];
    struct mploop__range region_ranges[MPLOOP__MAX_REGIONS];
} plan_cache MPLOOP__STATE;

/* Parent: append n bytes to the key being built; 0, or -1 when full. */
static int plan_key_add(size_t *len, const void *p, size_t n)
{
    if (*len + n > PLAN_KEY_MAX)
        return -1;
    memcpy(plan_cache.scratch + *len, p, n);
    *len += n;
    return 0;
}

/* Parent: the key of the plan m and req ask for, into plan_cache.scratch.
 * Returns its length, 0 when it does not fit (no caching then). */
static size_t plan_key(const struct mploop__mem *m, const struct mploop__memreq *req,
                       const struct mploop__vma *vma, unsigned nvma)
{
    size_t len = 0;
    struct mploop__range r[80];
    struct mploop__region shared[1 + MPLOOP__MAX_STATICS];
    unsigned nstdio = mploop__stdio_ranges(r, 64);
    unsigned ntls = mploop__tls_ranges(r + (nstdio < 64 ? nstdio : 64), 8);
    int nheap = mploop__large_region(&shared[0]);
    int nstatic = nheap < 0 ? -1 : mploop__statics_regions(shared + nheap, MPLOOP__MAX_STATICS);
    if (nstdio > 64 || ntls > 8 || nheap < 0 || nstatic < 0 || !plan_cache.scratch)
        return 0;
    uintptr_t head[] = { (uintptr_t)req->site, (uintptr_t)req->frame, req->nlocals,
                         req->nworkers, (uintptr_t)m->snapshot, nvma, nstdio, ntls,
                         plan_mods.nmods, m->nregions, (uintptr_t)(nheap + nstatic) };
    int bad = plan_key_add(&len, head, sizeof head) |
              plan_key_add(&len, vma, nvma * sizeof *vma) |
              plan_key_add(&len, plan_mods.mods, plan_mods.nmods * sizeof *plan_mods.mods) |
              plan_key_add(&len, r, (nstdio + ntls) * sizeof *r) |
              plan_key_add(&len, m->regions, m->nregions * sizeof *m->regions) |
              plan_key_add(&len, shared, (size_t)(nheap + nstatic) * sizeof *shared);
    for (unsigned i = 0; i < req->nlocals && !bad; i++) {
        uintptr_t l[2] = { req->locals[i].addr, req->locals[i].size };
        bad = plan_key_add(&len, l, sizeof l);
    }
    return bad ? 0 : len;
}

/* Parent: give m the cached plan.  Returns 0 or -ENOMEM. */
static int plan_from_cache(struct mploop__mem *m)
{
    struct mploop__range *p = mploop__os_map(plan_cache.lists_size);
    if (!p)
        return -ENOMEM;
    memcpy(p, plan_cache.lists,
           ((size_t)plan_cache.nmerge + plan_cache.narm) * sizeof *p);
    m->plan = p;
    m->plan_size = plan_cache.lists_size;
    m->merge = p;
    m->nmerge = plan_cache.nmerge;
    m->arm = p + plan_cache.nmerge;
    m->narm = plan_cache.narm;
    m->arm_pages = plan_cache.arm_pages;
    m->snapshot = plan_cache.snapshot;
    m->nregions = plan_cache.nregions;
    memcpy(m->regions, plan_cache.regions, plan_cache.nregions * sizeof *m->regions);
    m->nranges = plan_cache.nranges;
    memcpy(m->region_ranges, plan_cache.region_ranges,
           plan_cache.nranges * sizeof *m->region_ranges);
    m->region_pages = plan_cache.region_pages;
    return 0;
}

/* Parent: keep m's plan and its key (plan_cache.scratch[0..len)). */
static void plan_to_cache(const struct mploop__mem *m, size_t len)
{
    plan_cache.valid = 0;
    if (!len)
        return;
    if (plan_cache.lists_size < m->plan_size) {
        mploop__os_unmap(plan_cache.lists, plan_cache.lists_size);
        plan_cache.lists_size = 0;
        plan_cache.lists = mploop__os_map(m->plan_size);
        if (!plan_cache.lists)
            return;
        plan_cache.lists_size = m->plan_size;
    }
    memcpy(plan_cache.lists, m->plan, ((size_t)m->nmerge + m->narm) * sizeof *m->merge);
    plan_cache.nmerge = m->nmerge;
    plan_cache.narm = m->narm;
    plan_cache.arm_pages = m->arm_pages;
    plan_cache.snapshot = m->snapshot;
    plan_cache.nregions = m->nregions;
    memcpy(plan_cache.regions, m->regions, m->nregions * sizeof *m->regions);
    plan_cache.nranges = m->nranges;
    memcpy(plan_cache.region_ranges, m->region_ranges, m->nranges * sizeof *m->region_ranges);
    plan_cache.region_pages = m->region_pages;
    unsigned char *t = plan_cache.key;
    plan_cache.key = plan_cache.scratch;
    plan_cache.scratch = t;
    plan_cache.key_len = len;
    plan_cache.valid = 1;
}

/* Parent: see mem_internal.h. */
int mploop__plan_make(struct mploop__mem *m, const struct mploop__memreq *req)
{
    /* Whatever may allocate or look symbols up happens before the maps are
     * read, so that the heap the plan sees is the heap the workers get. */
    mploop__stdio_ranges(NULL, 0);
    mploop__tls_ranges(NULL, 0);
    if (!plan_cache.key) {
        plan_cache.key = mploop__os_map(PLAN_KEY_MAX);
        plan_cache.scratch = mploop__os_map(PLAN_KEY_MAX);
    }

    struct plan_work pw;
    memset(&pw, 0, sizeof pw);
    int err = mploop__maps_read(&pw.vma, &pw.nvma, &pw.vma_cap);
    if (err)
        return err;
    size_t klen = plan_key(m, req, pw.vma, pw.nvma);
    if (klen && plan_cache.valid && klen == plan_cache.key_len &&
        memcmp(plan_cache.scratch, plan_cache.key, klen) == 0) {
        mploop__os_unmap(pw.vma, pw.vma_cap);
        return plan_from_cache(m);
    }
    uintptr_t mods[PLAN_MAX_MODULES + 1];
    mods[0] = (uintptr_t)req->site;
    memcpy(mods + 1, plan_mods.mods, plan_mods.nmods * sizeof *mods);
    err = plan_gather(&pw, mods, plan_mods.nmods + 1, req->nlocals);
    if (!err) {
        plan_excluded(&pw);
        plan_tracked(&pw, req);
        err = plan_regions(m, &pw);
    }
    if (!err)
        err = plan_lists(m, &pw);
    if (!err)
        plan_to_cache(m, klen);
    mploop__os_unmap(pw.map, pw.map_size);
    mploop__os_unmap(pw.vma, pw.vma_cap);
    return err;
}
