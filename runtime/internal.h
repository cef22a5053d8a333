/*
 * internal.h - what the runtime's files share with each other.
 *
 * The runtime is split by concern:
 *   loop.c      the mploop_* entry points the generated code calls
 *   sched.c     pure chunk arithmetic for every schedule (unit-tested)
 *   team.c      forking, watching and reaping workers
 *   env.c       MPLOOP_* environment variables, read once
 *   report.c    failure reports on stderr
 *   mem.c       what memory a loop merges, and the merge itself
 *   malloc.c    malloc interposition (parent forwards to glibc, workers
 *               allocate from their own arena)
 *   linux_*.c   Linux-specific mechanisms behind the small interfaces below
 *
 * Internal non-static names start with mploop__.  Errors are negative errno
 * values.  Each function's comment says which process runs it.
 */
#ifndef MPLOOP_INTERNAL_H
#define MPLOOP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "mploop.h"

/* Every mutable global of the runtime lives in this section, so that the
 * merge can leave the runtime's own state alone (the linker provides
 * __start_mploop_state / __stop_mploop_state). */
#define MPLOOP__STATE __attribute__((section("mploop_state")))
extern char __start_mploop_state[], __stop_mploop_state[];

/* Most workers a loop may use. */
#define MPLOOP__MAX_WORKERS 256

/* An address range [addr, addr + size). */
struct mploop__range {
    uintptr_t addr;
    uintptr_t size;
};

/* ---- sched.c: pure chunk arithmetic ---------------------------------- */

/* A resolved schedule: kind is static, dynamic or guided (auto and runtime
 * are resolved before this), chunk is 0 for "no chunk given". */
struct mploop__sched {
    int kind;
    uint64_t chunk;
};

/* Static schedule: the chunk number `round` (0, 1, ...) of worker w among n
 * workers over trip iterations.  Without a chunk size the iterations are
 * split in n contiguous blocks (the first trip % n one longer), one round
 * each.  Returns 1 and sets [*lo, *hi) when that chunk exists, else 0. */
int mploop__sched_static(uint64_t trip, unsigned n, unsigned w, uint64_t chunk,
                         uint64_t round, uint64_t *lo, uint64_t *hi);

/* Dynamic and guided schedules: size of the chunk to take when `next`
 * iterations were already handed out (the caller makes the claim atomic).
 * Returns 0 when none is left. */
uint64_t mploop__sched_take(const struct mploop__sched *s, uint64_t trip,
                            unsigned n, uint64_t next);

/* Parse a schedule as MPLOOP_SCHEDULE spells it ("dynamic,4", "guided",
 * "static, 16", "auto").  Returns 0 or -EINVAL. */
int mploop__sched_parse(const char *text, int *kind, long *chunk);

/* ---- mem.c: what a loop merges ----------------------------------------
 * The core (loop.c, team.c) calls these around the fork.  The memory state
 * of one loop execution is opaque to the core. */

struct mploop__mem;

/* What the core tells the memory module about one loop execution. */
struct mploop__memreq {
    const mploop_site *site;          /* identifies the module of the loop */
    void *frame;                      /* enclosing frame (mploop_frame) */
    const struct mploop__range *locals; /* mploop_local ranges */
    unsigned nlocals;
    unsigned nworkers;                /* workers about to be forked */
};

/* Parent, before fork: decide which ranges are tracked, which are excluded
 * (runtime state, stdio objects and buffers, TLS), create one channel per
 * worker.  Allocates nothing with malloc.  Returns 0 or -errno. */
int mploop__mem_prepare(const struct mploop__memreq *req, struct mploop__mem **out);

/* Worker, right after fork: switch allocation to the worker's arena and arm
 * write tracking on every tracked range.  Returns 0 or -errno. */
int mploop__mem_worker_begin(struct mploop__mem *m, unsigned w);

/* Worker, at the end: list the pages it wrote and ship them through its
 * channel.  Returns 0 or -errno. */
int mploop__mem_worker_ship(struct mploop__mem *m, unsigned w);

/* Parent, after every worker ended successfully: merge the shipped writes
 * into the parent's memory.  Same-value overlaps merge; different values
 * written to one byte by two workers are a race: nothing is applied, *race
 * gets the first racing address and -EBUSY is returned.  Other failures
 * return another -errno, also with nothing applied. */
int mploop__mem_merge(struct mploop__mem *m, uintptr_t *race);

/* Parent, on every outcome: release channels and mappings. */
void mploop__mem_release(struct mploop__mem *m);

/* ---- malloc.c ---------------------------------------------------------- */

/* Both: nonzero once this process is a worker (allocations go to the
 * worker's arena). */
int mploop__in_worker(void);

#endif /* MPLOOP_INTERNAL_H */
