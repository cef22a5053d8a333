/*
 * mem.c - the memory module's interface: one loop execution's memory state.
 *
 * Why this file exists: the core (loop.c) asks three things of memory
 * around a forked loop: get ready before the fork (prepare), let a worker
 * start and end (worker_begin, worker_ship), and merge or forget what the
 * workers did (merge, discard).  This file answers them by calling the
 * files that own each concern, so that the core never sees a range list,
 * a tracker or a channel:
 *   track.c     which dirty-page tracker runs
 *   plan.c      which bytes are merged and which pages armed
 *   malloc.c    the worker arenas (blocks allocated in bodies)
 *   large.c     the shared heap of large blocks (via the plan's regions)
 *   large_static.c  large global and static arrays moved into shared memory
 *   channel.c   each worker's shipment, both ends
 *   merge.c     the merge
 *   describe.c  what an address belongs to, for reports
 *   sync.c      a persistent team's parked workers made equal to a fork
 * The state of one execution (struct mploop__mem, mem_internal.h) lives in
 * runtime-owned shared memory made before the fork, so workers read the
 * same plan the parent made.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "mem_internal.h"
#include "window.h"

/* Loop executions prepared so far (each one's generation). */
static uint32_t mem_gen MPLOOP__STATE;

/* Parent: see internal.h. */
int mploop__mem_prepare(const struct mploop__memreq *req, struct mploop__mem **out)
{
    const struct mploop__tracker *tracker;
    *out = NULL;
    /* The sequential run of MPLOOP_CHECK=verify is one more slot. */
    unsigned slots = req->nworkers + (req->sequential != 0);
    if (req->nworkers == 0 || slots > MPLOOP__MAX_WORKERS)
        return -EINVAL;
    int err = mploop__track_choose(req->site, &tracker);
    if (err)
        return err;
    mploop__describe_remember(req);
    /* The shared window exists before any worker does, so that all of them
     * have it mapped shared (a failure leaves mploop_shared_alloc without
     * memory, not the loop). */
    mploop__window_ready();

    size_t self_size = MPLOOP__PAGE_UP(sizeof(struct mploop__mem));
    struct mploop__mem *m = mploop__os_map(self_size);
    if (!m)
        return -ENOMEM;
    m->self_size = self_size;
    m->nworkers = slots;
    m->seq = req->sequential ? (int)req->nworkers : -1;
    m->tracker = tracker;
    m->site = req->site;
    for (unsigned w = 0; w < MPLOOP__MAX_WORKERS; w++)
        m->fds[w] = -1;
    m->gen = ++mem_gen;
    m->snapshot = req->snapshot;
    err = mploop__malloc_prepare(slots, m->gen);
    if (!err)
        m->nregions = mploop__malloc_regions(m->regions, MPLOOP__MAX_REGIONS - 1);
    if (m->nregions > MPLOOP__MAX_REGIONS - 1)
        err = -E2BIG;
    if (!err)
        err = mploop__plan_make(m, req);
    if (!err)
        err = mploop__chan_create(m);
    if (err) {
        mploop__mem_release(m);
        return err;
    }
    *out = m;
    return 0;
}

/* Parent: see internal.h. */
void mploop__mem_forking(int on)
{
    mploop__memfd_forking(on);
    mploop__chan_forking(on);
    mploop__reserve_forking(on);
    mploop__sync_forking(on);
}

/* Worker: see internal.h. */
int mploop__mem_worker_begin(struct mploop__mem *m, unsigned w)
{
    if (w >= m->nworkers)
        return -EINVAL;
    mploop__malloc_worker(w);
    if ((int)w == m->seq) {
        int err = mploop__window_private();
        if (err)
            return err;
    }
    mploop__stdio_worker_streams(); /* after: glibc frees the old buffers */
    /* From here on this worker's writes to the shared regions land in
     * private copies; the memfds keep the originals. */
    for (unsigned i = 0; i < m->nregions; i++) {
        const struct mploop__region *r = &m->regions[i];
        void *p = mmap((void *)r->addr, r->size, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_FIXED, r->fd, (off_t)r->offset);
        if (p == MAP_FAILED)
            return -errno;
    }
    mploop__sync_worker_regions(m->regions, m->nregions);
    /* A resumed worker's pages are all write-protected already (the tracker
     * is uffd, its ranges registered when the team formed). */
    if (mploop__sync_worker_protected())
        return 0;
    return m->tracker->arm(m->arm, m->narm);
}

/* Worker: see internal.h. */
int mploop__mem_worker_ship(struct mploop__mem *m, unsigned w)
{
    if (w >= m->nworkers)
        return -EINVAL;
    return mploop__chan_send(m, w);
}

/* Parent: see internal.h. */
int mploop__mem_team_form(unsigned nworkers)
{
    if (mploop__track_name() == NULL || mploop__track_name() != mploop__tracker_uffd.name)
        return -EOPNOTSUPP;
    return mploop__sync_form(nworkers);
}

/* Parent: see internal.h. */
void mploop__mem_team_drop(void)
{
    mploop__sync_drop();
}

/* Parent: see internal.h. */
int mploop__mem_team_stage(const struct mploop__arch_ctx *ctx, unsigned nworkers)
{
    return mploop__sync_stage(ctx, nworkers);
}

/* Worker: see internal.h. */
int mploop__mem_worker_join(unsigned w)
{
    return mploop__sync_worker_join(w);
}

/* Worker: see internal.h. */
int mploop__mem_worker_park(void)
{
    mploop__malloc_worker_end();
    return mploop__sync_worker_park();
}

/* Worker: see internal.h. */
void mploop__mem_worker_resume(void)
{
    mploop__sync_worker_resume();
}

/* Parent: see internal.h. */
int mploop__mem_merge(struct mploop__mem *m, unsigned nshipped, uintptr_t *race)
{
    if (nshipped == 0 || nshipped > m->nworkers - (m->seq >= 0))
        return -EINVAL;
    m->nshipped = nshipped;
    int err = mploop__merge(m, race);
    if (m->seq >= 0)
        mploop__malloc_discard_arena((unsigned)m->seq);
    return err;
}

/* Parent: see internal.h. */
int mploop__mem_sequential(const struct mploop__mem *m)
{
    return m->seq;
}

/* Parent: see internal.h. */
void mploop__mem_compare(struct mploop__mem *m)
{
    m->compare = m->seq >= 0;
}

/* Both: see internal.h. */
int mploop__mem_fd(const struct mploop__mem *m, int fd)
{
    for (unsigned w = 0; w < m->nworkers; w++)
        if (m->fds[w] == fd)
            return 1;
    for (unsigned i = 0; i < m->nregions; i++)
        if (m->regions[i].fd == fd)
            return 1;
    return 0;
}

/* Parent: see internal.h. */
unsigned mploop__mem_differences(const struct mploop__mem *m, struct mploop__diff *out,
                                 unsigned max, uint64_t *bytes)
{
    unsigned n = m->nplaces < max ? m->nplaces : max;
    for (unsigned i = 0; i < n; i++)
        out[i] = m->places[i];
    *bytes = m->ndiff;
    return n;
}

/* Parent: see internal.h. */
uint64_t mploop__mem_overlaps(const struct mploop__mem *m, uintptr_t *first)
{
    *first = m->overlap_first;
    return m->overlaps;
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
    mploop__os_unmap(m->plan, m->plan_size);
    mploop__os_unmap(m, m->self_size);
}

/* Parent: see internal.h. */
int mploop__mem_describe(uintptr_t addr, char *buf, size_t n)
{
    return mploop__describe(addr, buf, n);
}

/* Parent: see internal.h. */
void mploop__mem_static(void *addr, uint64_t size)
{
    mploop__statics_adopt((uintptr_t)addr, size);
}

/* Parent: the file of the module holding addr into buf (n bytes): its
 * path, "the program" for the executable, "no module" when none holds it. */
static void mem_module_name(const void *addr, char *buf, size_t n)
{
    uintptr_t bias;
    const char *name = "no module";
    if (addr && mploop__maps_module_file(addr, buf, n, &bias) == 0) {
        if (strcmp(buf, "/proc/self/exe") != 0)
            return;
        name = "the program";
    }
    snprintf(buf, n, "%s", name);
}

/* Parent: see internal.h. */
int mploop__mem_allocator(char *theirs, char *ours, size_t n)
{
    const void *foreign, *self;
    int rc = mploop__malloc_owner(&foreign, &self);
    if (rc < 0 && theirs && ours) {
        mem_module_name(foreign, theirs, n);
        mem_module_name(self, ours, n);
    }
    return rc;
}

/* Both: see internal.h. */
void mploop__mem_module(const void *addr, int loops)
{
    mploop__plan_module(addr);
    if (loops)
        mploop__large_loops();
}

/* Parent: see internal.h.  The tracker is chosen here when no loop has
 * forked yet; a tracker that cannot be chosen now is left to
 * mploop__mem_prepare to report. */
int mploop__mem_threads_block(const mploop_site *site)
{
    const struct mploop__tracker *t;
    if (mploop__track_choose(site, &t) != 0 || !t->single_thread)
        return 0;
    return mploop__procstate_threads() != 1;
}

/* Both: see internal.h. */
const char *mploop__mem_tracker_name(void)
{
    return mploop__track_name();
}
