/*
 * mem_internal.h - what the files of the memory module share.
 *
 * The core (loop.c) sees the memory module only through the mploop__mem_*
 * interface of internal.h.  Behind it, one file per concern:
 *   mem.c        the interface itself: one loop execution's memory state
 *   track.c      choosing the dirty-page tracker
 *   plan.c       which bytes a loop merges (the plan), and the modules
 *   channel.c    a worker's shipment to the parent, both ends
 *   merge.c      the parent's merge of the shipments
 *   describe.c   what an address belongs to, for reports
 *   malloc.c     malloc interposition and the worker arenas
 *   large.c      the shared heap of large blocks
 *   linux_track_*.c  the trackers (uffd, pagemap, mprotect)
 *   linux_maps.c, linux_memfd.c, glibc_stdio.c, glibc_malloc.c
 *                the Linux and glibc facts the plan and describe need
 */
#ifndef MPLOOP_MEM_INTERNAL_H
#define MPLOOP_MEM_INTERNAL_H

#include "arch.h"
#include "internal.h"

/* A dirty-page tracking mechanism (SQLite-style table of functions, so that
 * fallbacks are whole files).  Ranges handed to arm and collect are sorted,
 * disjoint and page aligned. */
struct mploop__tracker {
    const char *name;
    /* Nonzero when what it lists may include pages the worker did not
     * write: pages another thread of the parent wrote after the fork, and
     * those the C library's fork writes in the child of a process with
     * threads (the other threads' descriptors).  Merged, their old bytes
     * would undo the other threads' writes: loops run in-process while the
     * parent has other threads. */
    int single_thread;
    /* Parent: 0 when the mechanism works on this kernel, else -errno. */
    int (*probe)(void);
    /* Worker: start tracking writes to the ranges.  Returns 0 or -errno. */
    int (*arm)(const struct mploop__range *pages, unsigned n);
    /* Worker: call emit(ctx, start, end) for every run of pages written
     * since arm, in increasing address order.  A non-zero return of emit
     * stops the walk and is returned.  Returns 0 or -errno. */
    int (*collect)(const struct mploop__range *pages, unsigned n,
                   int (*emit)(void *ctx, uintptr_t start, uintptr_t end),
                   void *ctx);
    /* Worker: the same for ranges of a private file mapping (a snapshot
     * region remapped MAP_PRIVATE after the fork, never armed): a page the
     * worker wrote is one that is no longer a page of the file (present or
     * swapped out, and anonymous).  Returns 0 or -errno. */
    int (*collect_private)(const struct mploop__range *ranges, unsigned n,
                           int (*emit)(void *ctx, uintptr_t start, uintptr_t end),
                           void *ctx);
};

/* linux_track_pagemap.c.  Worker: this process's /proc/self/pagemap, opened at
 * the first call and kept (one opened by the parent would show the
 * parent's pages, so the parent never calls this).  Returns it or -errno. */
int mploop__pagemap_fd(void);

/* linux_track_pagemap.c.  Worker: collect_private by reading /proc/self/pagemap
 * (any kernel with pagemap); the pagemap and mprotect trackers use it. */
int mploop__pagemap_collect_private(const struct mploop__range *ranges, unsigned n,
                                    int (*emit)(void *ctx, uintptr_t start, uintptr_t end),
                                    void *ctx);

/* linux_track_uffd.c.  Both: a userfaultfd with the asynchronous
 * write-protect features, close-on-exec, moved out of the program's way.
 * Returns it or -errno. */
int mploop__uffd_open(void);
/* linux_track_uffd.c.  Worker: this worker's own userfaultfd (the uffd
 * tracker's), opened at the first call.  Returns it or -errno. */
int mploop__uffd_fd(void);
/* linux_track_uffd.c.  Both: write-protect the n page ranges r with
 * userfaultfd fd, registering them first when reg is set.  Returns 0 or
 * -errno. */
int mploop__uffd_protect(int fd, const struct mploop__range *r, unsigned n, int reg);
/* linux_track_uffd.c.  Both: emit the runs of pages of r written since they
 * were protected, through the pagemap descriptor pm of this process; with
 * rearm, protect them again in the same pass.  Returns 0, emit's non-zero
 * return, or -errno. */
int mploop__uffd_written(int pm, const struct mploop__range *r, unsigned n, int rearm,
                         int (*emit)(void *ctx, uintptr_t start, uintptr_t end), void *ctx);

/* linux_track_uffd.c: userfaultfd asynchronous write-protect + PAGEMAP_SCAN
 * (exact; Linux 6.7+). */
extern const struct mploop__tracker mploop__tracker_uffd;
/* linux_track_pagemap.c: the "exclusively mapped" bit of /proc/self/pagemap (a
 * superset of the pages written since the fork; the merge's byte diff drops
 * the others). */
extern const struct mploop__tracker mploop__tracker_pagemap;
/* linux_track_mprotect.c: pages made read-only, first writes caught by a SIGSEGV
 * handler (portable; kernel writes into a tracked page fail with EFAULT). */
extern const struct mploop__tracker mploop__tracker_mprotect;

/* linux_maps.c: one mapping of /proc/self/maps. */
enum mploop__vma_flags {
    MPLOOP__VMA_READ = 1u << 0,
    MPLOOP__VMA_WRITE = 1u << 1,
    MPLOOP__VMA_SHARED = 1u << 2,
    MPLOOP__VMA_FILE = 1u << 3,      /* backed by a file (a path is shown) */
    MPLOOP__VMA_HEAP = 1u << 4,      /* [heap] */
    MPLOOP__VMA_STACK = 1u << 5,     /* [stack] */
    MPLOOP__VMA_SPECIAL = 1u << 6    /* vdso, vvar, vsyscall, other [names] */
};
struct mploop__vma {
    uintptr_t start, end;
    unsigned flags;
};

/* Both: read /proc/self/maps into *out, an array in runtime-owned memory
 * (mploop__os_map) of *n entries; free with mploop__os_unmap(*out, *cap bytes).
 * Allocates nothing with malloc.  Returns 0 or -errno. */
int mploop__maps_read(struct mploop__vma **out, unsigned *n, size_t *cap);

/* Both: the text of /proc/self/maps: the one the last mploop__maps_read
 * (or call of this) read, while the runtime has mapped or unmapped nothing
 * of its own since and fresh is 0; else read now.  The text stays valid
 * until the next read.  Returns 0 or -errno. */
int mploop__maps_text(int fresh, const char **text, size_t *len);

/* Both: address spans of the loaded modules.  tracked[] receives the
 * writable PT_LOAD segments of the executable and of every module holding
 * one of the addresses mods[0..nmods) (the loop's site, the modules that
 * registered with mploop_module); spans[] receives the whole PT_LOAD span of every module (what lies
 * in a span is merged only when it is in tracked[]).  *nt / *ns are set to the
 * counts, which may exceed the capacities (then call again with more room).
 * Returns 0 or -errno. */
int mploop__maps_modules(const uintptr_t *mods, unsigned nmods, struct mploop__range *tracked,
                         unsigned max_t, unsigned *nt,
                         struct mploop__range *spans, unsigned max_s,
                         unsigned *ns);

/* glibc_tls.c.  Both: byte ranges of the calling thread's static TLS block, thread
 * descriptor and dynamic thread vector, never merged.  Writes at most max
 * ranges and returns how many. */
unsigned mploop__tls_ranges(struct mploop__range *out, unsigned max);

/* glibc_stdio.c.  Parent: byte ranges of every open stream's FILE object and
 * buffers that lie outside the C library.  Writes at most max ranges and
 * returns how many there are (may exceed max: call again with more room). */
unsigned mploop__stdio_ranges(struct mploop__range *out, unsigned max);
/* glibc_stdio.c.  Worker, right after the fork: drop the output the streams
 * hold unwritten (the parent's to write: another thread of it wrote it
 * after the parent's flush), and move every stream's buffer into the
 * worker's own memory, so that the worker's output never writes the
 * parent's pages. */
void mploop__stdio_worker_streams(void);


/* A memfd-backed region that a worker in snapshot mode remaps
 * MAP_PRIVATE: [addr, addr + size) shows the memfd fd from `offset`. */
struct mploop__region {
    uintptr_t addr;
    uintptr_t size;
    int fd;
    uint64_t offset;
};

/* Most shared regions a worker remaps privately: every arena, and the
 * shared heap or, in direct mode, the pages of its blocks that hold stream
 * buffers. */
#define MPLOOP__MAX_REGIONS (MPLOOP__MAX_WORKERS + 64)

/* One loop execution's memory state, in runtime-owned (shared) memory:
 * filled by mem.c and plan.c in the parent before the fork, read by the
 * workers (channel.c) and by the parent's merge (merge.c). */
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
    struct mploop__region regions[MPLOOP__MAX_REGIONS];
    struct mploop__range region_ranges[MPLOOP__MAX_REGIONS]; /* the same, sorted
                                                      * and coalesced */
    unsigned nregions, nranges;
    uint64_t region_pages;
    unsigned nshipped;         /* channels the merge reads: the workers that
                                * exist (set by mploop__mem_merge) */
    uint64_t shipped, changed; /* merge statistics (MPLOOP_STATS) */
    int seq;                   /* slot of the sequential run (MPLOOP_CHECK=
                                * verify), the last one; -1 for none */
    int compare;               /* the merge compares with its channel */
    uint64_t overlaps;         /* bytes several workers changed to one value */
    uintptr_t overlap_first;   /* the first of them, 0 for none */
    uint64_t ndiff;            /* bytes where the result differs from the
                                * sequential run's */
    unsigned nplaces;          /* the first of them, one per 8-byte word */
    struct mploop__diff places[MPLOOP__DIFFS];
    const mploop_site *site;
    int fds[MPLOOP__MAX_WORKERS];
};

/* ---- track.c ----------------------------------------------------------- */

/* Parent, before a forked loop: the tracker loops use, chosen at the first
 * call (see track.c; a bad MPLOOP_TRACKER ends the program with a report
 * naming the loop at site).  Returns 0 with *out set, or -errno of a
 * transient failure (the loop then runs in-process; the next one tries
 * again). */
int mploop__track_choose(const mploop_site *site, const struct mploop__tracker **out);
/* Both: the chosen tracker's name, NULL before the first forked loop. */
const char *mploop__track_name(void);

/* ---- plan.c ------------------------------------------------------------ */

/* Both: remember that the module holding addr contains transformed code. */
void mploop__plan_module(const void *addr);
/* Parent: fill m's plan (merge and arm lists, regions; m->regions holds
 * the arenas' regions already, m->snapshot the mode, which the plan may
 * raise to snapshot).  Allocates nothing with malloc.  Returns 0 or
 * -errno. */
int mploop__plan_make(struct mploop__mem *m, const struct mploop__memreq *req);

/* ---- channel.c --------------------------------------------------------- */

/* One worker's channel as the parent reads it (a read-only mapping). */
struct mploop__chan_view {
    const unsigned char *map;
    size_t size;
    const uint64_t *addr;         /* page addresses, increasing */
    const unsigned char *pages;   /* their contents */
    uint64_t n;                   /* pages */
    uint64_t pos;                 /* the reader's cursor (merge.c) */
    const uint64_t *frees;        /* blocks the worker freed */
    uint64_t nfrees;
};

/* Parent, before the fork: one empty channel per planned worker (kept from
 * earlier loops when they exist).  Returns 0 or -errno (the caller releases
 * m). */
int mploop__chan_create(struct mploop__mem *m);
/* Worker w: collect the pages it wrote with m's tracker and write those
 * holding merged bytes, and its deferred frees, to its channel.  Returns 0
 * or -errno. */
int mploop__chan_send(const struct mploop__mem *m, unsigned w);
/* Parent: map worker w's channel into *c and validate all of it against
 * m's plan.  Returns 0, -EPROTO for a malformed channel, or -errno; *c
 * must be closed with mploop__chan_close either way. */
int mploop__chan_open(const struct mploop__mem *m, unsigned w, struct mploop__chan_view *c);
/* Parent: unmap a view (one never opened, zeroed, is fine). */
void mploop__chan_close(struct mploop__chan_view *c);
/* Parent: nonzero while a loop forks its workers (the program's own fork
 * children forget the channels, workers keep them). */
void mploop__chan_forking(int on);

/* ---- merge.c ----------------------------------------------------------- */

/* Parent: merge channels 0..m->nshipped-1 into the parent's memory (see
 * mploop__mem_merge in internal.h for the contract). */
int mploop__merge(struct mploop__mem *m, uintptr_t *race);

/* ---- describe.c -------------------------------------------------------- */

/* Parent, before the fork: remember the enclosing frame and the registered
 * locals of the loop being prepared. */
void mploop__describe_remember(const struct mploop__memreq *req);
/* Parent, in the merge: block is freed twice by the loop (0: none). */
void mploop__describe_freed_twice(uintptr_t block);
/* Parent: see mploop__mem_describe in internal.h. */
int mploop__describe(uintptr_t addr, char *buf, size_t n);

/* ---- large_static.c ---------------------------------------------------- */

/* Most large global and static arrays moved into shared memory. */
#define MPLOOP__MAX_STATICS 32

/* Parent: move the whole pages of [addr, addr + size), a global or static
 * array, into a memfd mapped shared at the same address, contents kept, when
 * they make a large block (at least MPLOOP_LARGE_MIN, not off) and were not
 * moved yet.  Any failure leaves the array as it was. */
void mploop__statics_adopt(uintptr_t addr, uint64_t size);
/* Parent: the moved arrays as memfd regions.  Writes at most max regions
 * and returns how many there are, or -EBADF when the program closed one of
 * their memfds (never touch a descriptor it may have reused). */
int mploop__statics_regions(struct mploop__region *out, unsigned max);

/* ---- sync.c: a persistent team's workers made equal to a fresh fork --- */

/* Parent, before forking a team that will park: list the private writable
 * mappings, register and write-protect them with the parent's own
 * userfaultfd, record the address-space layout and make the sync block for
 * nworkers.  Returns 0 or -errno (the team then cannot be resumed). */
int mploop__sync_form(unsigned nworkers);
/* Parent: forget the team's sync state (the team is gone). */
void mploop__sync_drop(void);
/* Parent: nonzero while a loop forks its workers (the program's own fork
 * children drop the sync state, workers keep it). */
void mploop__sync_forking(int on);
/* Parent, at the start of a later loop, with the context the workers are
 * to resume: stage what makes each parked worker equal to a fork now.
 * Returns 0, -ESTALE when the layout changed (or there is no team of
 * nworkers), -E2BIG when too much changed, -EPROTO when a worker's list is
 * malformed, or -errno: the caller forks a fresh team then. */
int mploop__sync_stage(const struct mploop__arch_ctx *ctx, unsigned nworkers);
/* Worker w of a forming team, right after the fork: register the sync set
 * with its own userfaultfd.  Returns 0 or -errno. */
int mploop__sync_worker_join(unsigned w);
/* Worker, at the start of each loop: the shared regions it remaps
 * private, to be mapped shared again when it parks. */
void mploop__sync_worker_regions(const struct mploop__region *r, unsigned n);
/* Worker: nonzero when it was resumed: every page of the sync set (which
 * holds every page a loop's plan arms) is write-protected with its
 * userfaultfd since the copy, so arming again is not needed. */
int mploop__sync_worker_protected(void);
/* Worker, after shipping: map its remapped regions shared again and list
 * the pages it wrote since it last matched the parent.  Returns 0 or -errno
 * (recorded for the parent, which then forks a fresh team). */
int mploop__sync_worker_park(void);
/* Worker, woken for a loop (on its own stack): copy the staged pages in
 * and resume the parent's context.  Exits the worker if it cannot. */
__attribute__((noreturn)) void mploop__sync_worker_resume(void);

/* ---- glibc_malloc.c ---------------------------------------------------- */

/* Parent: the glibc chunk holding addr in [lo, hi), walking chunk headers
 * from lo (the start of glibc's main heap, or of a run of mmapped chunks
 * when mmapped is set).  Fills *block (the pointer malloc returned) and
 * returns 0, or -ENOENT. */
int mploop__glibc_chunk_find(uintptr_t lo, uintptr_t hi, uintptr_t addr, int mmapped,
                             uintptr_t *block);
/* Parent: the headers of the malloc arenas glibc made for threads, found in
 * the mappings vma[0..nvma): never merged (the child of a fork rewrites
 * them).  Writes at most max ranges and returns how many there are. */
unsigned mploop__glibc_arena_headers(const struct mploop__vma *vma, unsigned nvma,
                                     struct mploop__range *out, unsigned max);

/* linux_memfd.c.  Both: the same in directory dir (a file made with
 * O_TMPFILE: nameless, gone with its last descriptor and mapping), or a
 * memfd when dir is NULL.  Returns it or -errno. */
int mploop__memfd_create_in(const char *dir, const char *name);
/* linux_memfd.c.  Parent: 0 when the file system of fd can take the file
 * growing to size bytes, every byte of it written (a tmpfs without a size
 * limit always can), -ENOSPC when it cannot, or -errno. */
int mploop__memfd_room(int fd, uint64_t size);
/* linux_memfd.c.  Parent: after a fork() the program makes itself, the
 * child replaces the memfd *fd, which backs [addr, addr + size()) mapped
 * MAP_SHARED (plus `flags`), by a copy of its own and updates *fd (loops'
 * workers keep sharing it).  Returns 0 or -errno. */
int mploop__memfd_follow(int *fd, uintptr_t addr, uint64_t (*size)(void), int flags);
/* linux_memfd.c.  Parent: the same for a mapping whose size never changes.
 * Returns 0 or -errno (-ENOSPC when too many memfds follow). */
int mploop__memfd_follow_fixed(int *fd, uintptr_t addr, uint64_t size);
/* linux_memfd.c.  Parent: the same for a file made by
 * mploop__memfd_create_in(dir, ...): the child's copy goes to a new file of
 * dir (dir must stay valid; NULL: a memfd) and its mapping gets
 * madvise(advice) (-1: none). */
int mploop__memfd_follow_in(int *fd, uintptr_t addr, uint64_t (*size)(void), int flags,
                            const char *dir, int advice);
/* linux_memfd.c.  Both: nonzero when *fd, registered with
 * mploop__memfd_follow, still is that memfd (the program may have closed
 * it, and the number may now name a file of its own: never touch it then). */
int mploop__memfd_valid(const int *fd);
/* linux_memfd.c.  Parent: nonzero while a loop forks its workers. */
void mploop__memfd_forking(int on);

/* large.c: large blocks of the parent in a shared memfd-backed heap.
 * Both (at a module's load): a module with parallel loops is loaded; until
 * then the heap serves nothing (a program without loops keeps its large
 * blocks in glibc's heap). */
void mploop__large_loops(void);
/* Parent: the smallest request the heap serves (MPLOOP_LARGE_MIN, 64 KiB
 * by default), 0 when the heap is not used or no module with loops is
 * loaded yet; sets the heap up at the first call after that. */
size_t mploop__large_min(void);
/* Parent: a block of n bytes aligned to align (a power of two), zeroed, or
 * NULL with errno ENOMEM. */
void *mploop__large_alloc(size_t n, size_t align);
/* Both: nonzero when p lies in the heap's window. */
int mploop__large_owns(const void *p);
/* Both: nonzero when p is the start of a live block of the heap. */
int mploop__large_is_block(const void *p);
/* Both: usable bytes of heap block p, 0 when p is not a live block. */
size_t mploop__large_usable(const void *p);
/* Parent: free heap block p.  Returns 0, or -EINVAL when p is not a live
 * block (nothing is done then). */
int mploop__large_free(void *p);
/* Parent: the heap block covering addr: its start and usable size.
 * Returns 0 or -ENOENT. */
int mploop__large_block(uintptr_t addr, uintptr_t *start, size_t *size);
/* Parent: the used part of the heap as a region; returns 1, 0 when the
 * heap holds nothing, or -EBADF when the program closed its memfd. */
int mploop__large_region(struct mploop__region *r);

/* malloc.c.  Parent: 0 when the process allocates through the runtime's
 * malloc family (every name of it resolves, for the C library and every
 * module, to the runtime's definition), so that a worker's allocations go
 * to its arena; otherwise -ENOTSUP.  Found out once, at the first call.
 * When not NULL, *theirs gets the definition of the first name that
 * resolves elsewhere (NULL when it resolves nowhere, or when none does) and
 * *ours an address inside the runtime's own module. */
int mploop__malloc_owner(const void **theirs, const void **ours);

/* malloc.c.  Parent, from mploop__mem_prepare: make the arenas of workers
 * 0..nworkers-1 ready for loop generation `gen`.  Returns 0 or -errno. */
int mploop__malloc_prepare(unsigned nworkers, uint32_t gen);

/* malloc.c.  Parent, from mploop__mem_prepare: the arenas that hold blocks
 * of earlier loops, as memfd regions that every worker remaps privately
 * (blocks allocated in loop bodies are merged by snapshot like the rest of
 * the private memory).  Writes at most max regions and returns how many
 * there are. */
unsigned mploop__malloc_regions(struct mploop__region *out, unsigned max);

/* malloc.c.  Parent, after a failed loop of nworkers workers: put every
 * arena back as mploop__malloc_prepare found it (free lists, bump
 * pointer) and give back the memory of the blocks allocated since. */
void mploop__malloc_discard(unsigned nworkers);

/* malloc.c.  Parent: the same for arena w alone (what the sequential run
 * of MPLOOP_CHECK=verify allocated, which nothing can reach). */
void mploop__malloc_discard_arena(unsigned w);

/* malloc.c.  Parent, before the merge of the loop mploop__malloc_prepare
 * last prepared: nonzero when p points into memory of its arenas that held
 * no block when the loop started (at or above an arena's bump pointer as
 * the loop found it, or in a chunk that was free then): a block the loop's
 * bodies allocated, which holds another address in each run. */
int mploop__malloc_loop_block(uintptr_t p);

/* malloc.c.  Worker, first thing after fork: from now on every allocation of
 * this process comes from arena w. */
void mploop__malloc_worker(unsigned w);

/* malloc.c.  Both: usable size of a block of either allocator (glibc's or a
 * worker arena's). */
size_t mploop__malloc_usable(void *p);

/* malloc.c.  Worker of a persistent team, after shipping: give back the
 * list of deferred frees (the next loop starts a new one). */
void mploop__malloc_worker_end(void);

/* malloc.c.  Worker: the blocks older than the loop that the body freed
 * (deferred to the join), when w is this worker's own index; *list points
 * into worker memory.  Returns their count (0 for another w). */
uint64_t mploop__malloc_deferred(unsigned w, const uint64_t **list);

/* malloc.c.  Parent, at the join after a successful merge: free a block
 * a worker freed in the body.  Returns 0, or -EINVAL when p is not a block
 * (nothing is done then). */
int mploop__malloc_free_deferred(void *p);

/* malloc.c.  Parent: when p lies inside a block of a worker arena (a block
 * allocated in an earlier loop's body), its start and usable size; returns
 * 0, or -ENOENT. */
int mploop__malloc_arena_block(uintptr_t p, uintptr_t *start, size_t *size);

/* linux_maps.c.  Both: the PT_LOAD span of the loaded module containing
 * addr.  Returns 0 or -ENOENT. */
int mploop__maps_module_span(const void *addr, struct mploop__range *span);

/* linux_maps.c.  Both: the file of the loaded module whose segments hold
 * addr (/proc/self/exe for the executable) into path[0..n), and its load
 * bias (symbol values + bias = addresses).  Returns 0 or -ENOENT. */
int mploop__maps_module_file(const void *addr, char *path, size_t n, uintptr_t *bias);

#endif /* MPLOOP_MEM_INTERNAL_H */
