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

/* ==== The loop core: env.c, report.c, team.c, loop.c, linux_proc.c ==== */

/* ---- env.c: MPLOOP_* environment variables, read once ---------------- */

/* The environment as the runtime understands it. */
struct mploop__env {
    unsigned workers;  /* MPLOOP_WORKERS, 0 when unset */
    int has_schedule;  /* MPLOOP_SCHEDULE is set */
    int sched_kind;    /* its kind (enum mploop_schedule, never runtime) */
    long sched_chunk;  /* its chunk, 0 when none */
    int verbose;       /* MPLOOP_VERBOSE: 0, 1 or 2 */
    unsigned cpus;     /* CPUs this process may run on (at least 1) */
};

/* Both: the environment, read at the first call.  A malformed value is
 * reported (naming the loop at `site`) and ends the program. */
const struct mploop__env *mploop__env_get(const mploop_site *site);

/* ---- report.c: what the runtime writes on stderr ----------------------
 * Everything goes through write(2) from stack buffers: no malloc, no stdio,
 * so these are safe in the parent between fork and merge. */

/* Both: `mploop: error: FILE:LINE: <message>` and a newline. */
void mploop__error(const mploop_site *site, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Both: `mploop: warning: FILE:LINE: <message>` and a newline. */
void mploop__warning(const mploop_site *site, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Both: `mploop: note: <message>` and a newline. */
void mploop__note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Both: the verbose line of a loop that runs on n forked workers. */
void mploop__verbose_forked(const mploop_site *site, uint64_t trip, unsigned n,
                            const struct mploop__sched *s);
/* Both: the verbose line of a loop that runs in-process; reason is one of
 * "nested", "if clause false", "one worker", "trip count 0", "trip count 1",
 * "fork failed". */
void mploop__verbose_inprocess(const mploop_site *site, uint64_t trip, const char *reason);

/* How a worker ended, as the parent saw it. */
enum mploop__fail_kind {
    MPLOOP__FAIL_SIGNAL = 1, /* killed by signal `code` */
    MPLOOP__FAIL_EXIT,       /* exited with status `code` before finishing */
    MPLOOP__FAIL_LOST,       /* reaped by someone else before finishing */
    MPLOOP__FAIL_BEGIN,      /* could not start tracking writes (-errno code) */
    MPLOOP__FAIL_SHIP        /* could not send its writes (-errno code) */
};

/* One failed worker. */
struct mploop__failure {
    int kind;         /* enum mploop__fail_kind */
    int code;         /* signal, exit status or -errno, per kind */
    unsigned worker;  /* worker index */
    pid_t pid;        /* its process id */
    uint64_t iter;    /* iteration index it published, UINT64_MAX for none */
};

/* Parent: report a failed worker of the loop at `site` whose first value
 * and step are lb and step (p->lb, p->step); `others` counts the further
 * workers that failed on their own. */
void mploop__report_failure(const mploop_site *site, int64_t lb, int64_t step,
                            const struct mploop__failure *f, unsigned others);

/* ---- linux_proc.c: processes, CPUs, signals ----------------------------- */

/* Parent: number of CPUs this process may run on (sched_getaffinity), at
 * least 1. */
unsigned mploop__os_cpus(void);
/* Worker: have the kernel kill this process with SIGKILL when its parent
 * dies; -ESRCH when the parent `parent` is already gone, else 0 or -errno. */
int mploop__os_die_with_parent(pid_t parent);
/* Parent: a descriptor that becomes readable when child `pid` ends, or
 * -errno (the caller then falls back to blocking waitpid). */
int mploop__os_pidfd(pid_t pid);
/* Both: block while *word == val (futex on shared memory; may return
 * spuriously, the caller loops). */
void mploop__os_futex_wait(int *word, int val);
/* Both: wake every process blocked on *word. */
void mploop__os_futex_wake(int *word);
/* Both: "SIGSEGV" for SIGSEGV, "signal 42" style text into buf otherwise. */
const char *mploop__os_signal_name(int sig, char *buf, size_t size);
/* Both: "Segmentation fault" for SIGSEGV (untranslated, no malloc). */
const char *mploop__os_signal_text(int sig);
/* Both: "No such file or directory" for ENOENT (untranslated, no malloc). */
const char *mploop__os_errno_text(int err);
/* Parent: end this process by signal sig as if it had received it, without
 * a core dump; falls back to exit(EXIT_FAILURE) if sig does not kill. */
__attribute__((noreturn)) void mploop__os_die_by_signal(int sig);
/* Both: write all of buf to fd, retrying on EINTR and short writes. */
void mploop__os_write_all(int fd, const char *buf, size_t len);

/* ---- team.c: the workers of one loop and their shared control block ---- */

/* States of a worker's slot. */
enum mploop__slot_state {
    MPLOOP__SLOT_RUNNING = 0,
    MPLOOP__SLOT_DONE = 1,         /* shipped its writes, about to _exit(0) */
    MPLOOP__SLOT_BEGIN_FAILED = 2, /* mploop__mem_worker_begin failed */
    MPLOOP__SLOT_SHIP_FAILED = 3   /* mploop__mem_worker_ship failed */
};

/* Exit status of a worker whose slot says why it failed. */
#define MPLOOP__EXIT_RUNTIME 125

/* One worker's slot, a cache line of its own.  The worker writes cur, state
 * and err; the parent writes pid and pidfd before or after the fork. */
struct mploop__slot {
    volatile uint64_t cur; /* iteration index being run (mploop_at) */
    int state;             /* enum mploop__slot_state, atomic */
    int err;               /* -errno behind a failed state */
    pid_t pid;             /* parent: the worker's pid, 0 when not forked */
    int pidfd;             /* parent: pidfd of the worker, -1 if none */
} __attribute__((aligned(64)));

/* The control block of one forked loop: one MAP_SHARED anonymous mapping,
 * mapped by the parent before the fork, seen by every worker. */
struct mploop__team {
    size_t map_size;        /* bytes mapped */
    unsigned planned;       /* workers the loop was planned for */
    int forked;             /* futex word: -1 while forking, then the
                             * number of workers that exist */
    unsigned adopted;       /* atomic: static shares of workers that could
                             * not be forked, claimed by the others */
    unsigned shipped_for;   /* atomic: channels of workers that could not
                             * be forked, shipped by the others */
    int fork_err;           /* -errno of the fork that failed, 0 if none */
    uint64_t result_stride; /* bytes between two result slots */
    char *results;          /* planned result slots */
    char *last;             /* the lastprivate area */
    struct mploop__range *locals; /* ranges registered by mploop_local */
    unsigned nlocals, locals_cap;
    uint64_t next __attribute__((aligned(64))); /* atomic: iterations handed
                                                 * out (dynamic, guided) */
    struct mploop__slot slot[];                 /* planned slots */
};

/* Parent: map a control block for n workers with result_bytes of partials
 * each and last_bytes of lastprivate area.  Returns 0 or -errno. */
int mploop__team_map(struct mploop__team **out, unsigned n, uint64_t result_bytes,
                     uint64_t last_bytes);
/* Parent, before the fork: add a range to the team's locals, growing the
 * block when needed (*t may move).  Returns 0 or -errno. */
int mploop__team_add_local(struct mploop__team **t, void *addr, uint64_t size);
/* Parent: unmap a control block (NULL is fine). */
void mploop__team_unmap(struct mploop__team *t);
/* Parent: flush stdio and fork the team's workers.  Returns 1 in a worker
 * (its index in *w, write tracking armed through mploop__mem_worker_begin,
 * set to die with the parent) and 0 in the parent, where t->forked tells
 * how many workers exist (0: none could be forked, t->fork_err says why). */
int mploop__team_fork(struct mploop__team *t, struct mploop__mem *m, unsigned *w);
/* Worker: wait until the parent has finished forking; returns t->forked. */
unsigned mploop__team_forked(struct mploop__team *t);
/* Worker: flush stdio, ship this worker's writes (and, when some planned
 * workers could not be forked, fill some of their channels), mark it done
 * and _exit. */
__attribute__((noreturn)) void mploop__team_worker_exit(struct mploop__team *t,
                                                        struct mploop__mem *m, unsigned w);
/* Parent: wait for every forked worker.  Returns 0 when all finished their
 * work.  On the first failure, kills the others; in every case reaps every
 * worker and closes the pidfds before returning.  On failure returns -1,
 * fills *first and counts in *others the further workers that failed on
 * their own. */
int mploop__team_wait(struct mploop__team *t, struct mploop__failure *first, unsigned *others);
/* Both: nonzero in a worker process (forked by mploop__team_fork). */
int mploop__team_in_worker(void);

/* ---- memory module internals (mem.c, malloc.c, linux_*.c) --------------
 * Only the memory module's files use the declarations below; the core uses
 * the mploop__mem_* interface above and mploop__in_worker. */

/* Size of the pages write tracking and shipping work with. */
#define MPLOOP__PAGE 4096u

/* A dirty-page tracking mechanism (SQLite-style table of functions, so that
 * fallbacks are whole files).  Ranges handed to arm and collect are sorted,
 * disjoint and page aligned. */
struct mploop__tracker {
    const char *name;
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
};

/* linux_uffd.c: userfaultfd asynchronous write-protect + PAGEMAP_SCAN. */
extern const struct mploop__tracker mploop__tracker_uffd;

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
 * (mploop__map) of *n entries; free with mploop__unmap(*out, *cap bytes).
 * Allocates nothing with malloc.  Returns 0 or -errno. */
int mploop__maps_read(struct mploop__vma **out, unsigned *n, size_t *cap);

/* Both: address spans of the loaded modules.  tracked[] receives the
 * writable PT_LOAD segments of the executable and of the module containing
 * `site`; spans[] receives the whole PT_LOAD span of every module (what lies
 * in a span is merged only when it is in tracked[]).  *nt / *ns are set to the
 * counts, which may exceed the capacities (then call again with more room).
 * Returns 0 or -errno. */
int mploop__maps_modules(const void *site, struct mploop__range *tracked,
                         unsigned max_t, unsigned *nt,
                         struct mploop__range *spans, unsigned max_s,
                         unsigned *ns);

/* Both: byte ranges of the calling thread's static TLS block, thread
 * descriptor and dynamic thread vector, never merged.  Writes at most max
 * ranges and returns how many. */
unsigned mploop__maps_tls(struct mploop__range *out, unsigned max);

/* linux_stdio.c.  Parent: byte ranges of every open stream's FILE object and
 * buffers that lie outside the C library.  Writes at most max ranges and
 * returns how many there are (may exceed max: call again with more room). */
unsigned mploop__stdio_ranges(struct mploop__range *out, unsigned max);

/* mem.c.  Both: runtime-owned memory, never tracked nor merged (it is mapped
 * MAP_SHARED, so a forked worker sees the parent's pages; the runtime never
 * writes it from a worker unless it means to).  Returns NULL on failure. */
void *mploop__map(size_t size);
void mploop__unmap(void *addr, size_t size);

/* malloc.c.  Parent, from mploop__mem_prepare: make the arenas of workers
 * 0..nworkers-1 ready for loop generation `gen`.  Returns 0 or -errno. */
int mploop__malloc_prepare(unsigned nworkers, uint32_t gen);

/* malloc.c.  Worker, first thing after fork: from now on every allocation of
 * this process comes from arena w. */
void mploop__malloc_worker(unsigned w);

/* malloc.c.  Both: usable size of a block of either allocator (glibc's or a
 * worker arena's). */
size_t mploop__malloc_usable(void *p);

#endif /* MPLOOP_INTERNAL_H */
