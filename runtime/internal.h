/*
 * internal.h - what the runtime's files share with each other.
 *
 * The runtime is split by concern and layered: each file calls only files
 * of the layers below it (test/unit/layers.test checks it).
 *   cancel.c      mploop_cancel, mploop_cancelled, mploop_worker_num and
 *                 mploop_num_workers: what a body asks of its loop
 *   loop.c        the mploop_* entry points the generated code calls, and
 *                 mploop_fail, which ends the current loop participant
 *   verify.c      checking a loop's answer (MPLOOP_CHECK): the sequential
 *                 run of MPLOOP_CHECK=verify, same-value overlaps
 *   team.c        forking, watching and reaping workers (processes only)
 *   mem.c         the memory module's interface (mploop__mem_* below); its
 *                 own files share mem_internal.h
 *   adapt.c       per loop site, whether forking pays (MPLOOP_ADAPT)
 *   env.c         every MPLOOP_* environment variable, from one table
 *   report.c      every line the runtime writes on stderr
 *   measure.c     the loop report at exit (MPLOOP_REPORT)
 *   progress.c    the progress line while a loop runs (MPLOOP_PROGRESS)
 *   table.c       tables as aligned text, CSV and JSON
 *   failure.c     what each kind of loop failure means, in one table
 *   last_error.c  the record of the last failed loop (mploop_last_error)
 *   sched.c       pure chunk arithmetic for every schedule (unit-tested)
 *   range.c       pure range-list arithmetic and page runs (unit-tested)
 *   linux_os.c    the operating-system services everything builds on
 *   linux_usage.c  CPU time, faults and I/O a process or thread used
 *   linux_signal.c  terminating signals sent to the parent during a loop
 *   threads.c     the lock that lets one thread's loop run on workers at a
 *                 time
 *   shared.c, lock.c, sem.c, queue.c  what cooperating workers share
 *                 (mploop_shared_alloc, locks, semaphores, queues), on
 *                 window.c: the shared window they live in (window.h)
 *   pipeline.c    pipelines: items through chained stages, run as one
 *                 execution of a loop (pipeline_api.c: mploop_pipeline_*)
 *   arch.h, spin.h  inline assembly; the spinlocks
 *
 * Internal non-static names start with mploop__.  Errors are negative errno
 * values.  Each function's comment says which process runs it.
 */
#ifndef MPLOOP_INTERNAL_H
#define MPLOOP_INTERNAL_H

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "arch.h"

#define MPLOOP_NO_MODULE_CONSTRUCTOR
#include "mploop/abi.h"

/* Every mutable global of the runtime lives in this section, so that the
 * merge can leave the runtime's own state alone (the linker provides
 * __start_mploop_state / __stop_mploop_state). */
#define MPLOOP__STATE __attribute__((section("mploop_state")))
extern char __start_mploop_state[], __stop_mploop_state[];

/* What each process keeps for itself, which a worker of a persistent team
 * keeps across loops (its userfaultfd, its park stack, its index, the
 * descriptors it reads /proc through): never merged, and never
 * overwritten when the worker is made equal to the parent again (sync.c).
 * A new process starts from its parent's values, as from all its memory. */
#define MPLOOP__WORKER __attribute__((section("mploop_worker")))
extern char __start_mploop_worker[], __stop_mploop_worker[];

/* A variable each thread of the program has for itself (loops may be
 * started from several threads): thread-local storage, which the merge
 * never touches (the thread's TLS is excluded), in the initial-exec model
 * (no allocation at a thread's first use).  A fork child has the forking
 * thread's values. */
#define MPLOOP__THREAD __thread __attribute__((tls_model("initial-exec")))

/* Most workers a loop may use. */
#define MPLOOP__MAX_WORKERS 256

/* An address range [addr, addr + size). */
struct mploop__range {
    uintptr_t addr;
    uintptr_t size;
};

/* A variable of the enclosing function registered by mploop_local. */
struct mploop__local {
    uintptr_t addr;
    uintptr_t size;
    const char *name;   /* its name (a string literal of the program) */
};

/* Size of the pages write tracking and shipping work with, and addresses
 * rounded down or up to a page boundary. */
#define MPLOOP__PAGE 4096u
#define MPLOOP__PAGE_DOWN(a) ((uintptr_t)(a) & ~(uintptr_t)(MPLOOP__PAGE - 1))
#define MPLOOP__PAGE_UP(a) (((uintptr_t)(a) + MPLOOP__PAGE - 1) & ~(uintptr_t)(MPLOOP__PAGE - 1))

/* ---- range.c: sorted range lists and runs of pages (pure) -------------- */

/* Both: sort r[0..n) by address, then size (no malloc, no recursion). */
void mploop__range_sort(struct mploop__range *r, unsigned n);
/* Both: sort and coalesce overlapping or touching ranges, dropping empty
 * ones.  Returns the new count. */
unsigned mploop__range_normalize(struct mploop__range *r, unsigned n);
/* Both: out = t \ e, both sorted and coalesced; out has room for nt + ne
 * ranges.  Returns the count written. */
unsigned mploop__range_subtract(const struct mploop__range *t, unsigned nt,
                                const struct mploop__range *e, unsigned ne,
                                struct mploop__range *out);
/* Both: index of the first range of the sorted r[0..n) that ends after
 * addr (n when none does). */
unsigned mploop__range_first_ending_after(const struct mploop__range *r, unsigned n,
                                          uintptr_t addr);
/* Both: nonzero when [a, a + len) overlaps a range of the sorted r[0..n). */
int mploop__range_overlaps(const struct mploop__range *r, unsigned n, uintptr_t a,
                           uintptr_t len);

/* Worker: the runs of written pages a tracker finds page by page,
 * handed to its emit callback as they close. */
struct mploop__runs {
    int (*emit)(void *ctx, uintptr_t start, uintptr_t end);
    void *ctx;
    uintptr_t start;   /* start of the open run, 0 when none is open */
};
/* Worker: the page at addr was written (written != 0) or not; closes the
 * open run before an unwritten page.  Returns emit's result, or 0. */
int mploop__runs_page(struct mploop__runs *r, uintptr_t addr, int written);
/* Worker: close the open run, if any, at end.  Returns emit's result, or 0. */
int mploop__runs_end(struct mploop__runs *r, uintptr_t end);

/* ---- sched.c: pure chunk arithmetic ---------------------------------- */

/* A resolved schedule: kind is static, dynamic, guided or auto (runtime
 * and no clause are resolved before this), chunk is 0 for "no chunk
 * given". */
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

/* Dynamic, guided and the claimed part of auto: size of the chunk to take
 * when `next` iterations were already handed out (the caller makes the
 * claim atomic); auto takes as guided does.  Returns 0 when none is left. */
uint64_t mploop__sched_take(const struct mploop__sched *s, uint64_t trip,
                            unsigned n, uint64_t next);

/* The auto schedule: the iterations [0, split) are split in n contiguous
 * blocks, one per worker (mploop__sched_static over split with no chunk),
 * so that each worker keeps to the same memory from loop to loop; the
 * iterations [split, trip) are then claimed as guided ones are
 * (mploop__sched_take), which evens out an imbalance.  Returns split. */
uint64_t mploop__sched_auto_split(uint64_t trip, unsigned n);

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
    const struct mploop__local *locals; /* mploop_local variables */
    unsigned nlocals;
    unsigned nworkers;                /* workers about to be forked */
    int snapshot;                     /* snapshot mode: workers remap the
                                       * shared heap privately, so their
                                       * writes there are diffed, checked
                                       * for races and applied at the merge
                                       * (or dropped when the loop fails);
                                       * 0: direct mode, they write it in
                                       * place */
    int sequential;                   /* one more slot (channel and arena),
                                       * index nworkers, for the sequential
                                       * run of MPLOOP_CHECK=verify (needs
                                       * nworkers < MPLOOP__MAX_WORKERS) */
};

/* Parent, before fork: decide which ranges are tracked, which are excluded
 * (runtime state, stdio objects and buffers, TLS), create one channel per
 * worker.  Allocates nothing with malloc.  Returns 0 or -errno. */
int mploop__mem_prepare(const struct mploop__memreq *req, struct mploop__mem **out);

/* Parent: on != 0 while a loop forks its workers (loop.c sets it around
 * the fork and clears it in each worker), so that the fork handler for
 * the program's own fork() leaves the shared memfds shared with them. */
void mploop__mem_forking(int on);

/* Worker, right after fork: drop the output its streams hold unwritten
 * (the parent writes it) and give them buffers of the worker's own, switch
 * allocation to the worker's arena and arm write tracking on every tracked
 * range.  Returns 0 or -errno. */
int mploop__mem_worker_begin(struct mploop__mem *m, unsigned w);

/* Worker, at the end: list the pages it wrote and ship them through its
 * channel.  Returns 0 or -errno. */
int mploop__mem_worker_ship(struct mploop__mem *m, unsigned w);

/* Parent, before forking a team whose workers park after the loop: make
 * its memory side (sync.c).  -EOPNOTSUPP unless the tracker is uffd;
 * other -errno on failure (the team then cannot be resumed). */
int mploop__mem_team_form(unsigned nworkers);
/* Parent: the team is gone; forget its memory side. */
void mploop__mem_team_drop(void);
/* Parent, at a loop that resumes the parked team: stage what makes every
 * worker equal to a fork now, with ctx the context they resume.  Returns 0,
 * or -errno when a fresh team must be forked instead (-ESTALE: the
 * address-space layout changed; -E2BIG: too much to copy). */
int mploop__mem_team_stage(const struct mploop__arch_ctx *ctx, unsigned nworkers);
/* Worker w of a forming team, right after its fork, before anything else
 * of the loop: start tracking all its private writes.  Returns 0 or -errno. */
int mploop__mem_worker_join(unsigned w);
/* Worker of a persistent team, after shipping: undo the loop's private
 * remaps and list the pages it wrote.  Returns 0 or -errno (the parent then
 * forks a fresh team). */
int mploop__mem_worker_park(void);
/* Worker, woken (on its own stack): become equal to the parent and resume
 * its context; mploop__arch_ctx_save returns 1 there.  Never returns. */
__attribute__((noreturn)) void mploop__mem_worker_resume(void);

/* Parent, after every forked worker ended successfully: merge the writes
 * shipped by workers 0..nshipped-1 (the workers that exist; planned
 * workers that could not be forked shipped nothing) into the parent's
 * memory.  Same-value overlaps merge (mploop__mem_overlaps counts them);
 * different values written to one byte by two workers are a race: nothing
 * is applied, *race gets the first racing address and -EBUSY is returned.
 * After mploop__mem_compare, the merged result is first compared with the
 * sequential run's, byte for byte: a difference returns -EDOM with nothing
 * applied and the first differing address in *race (mploop__mem_differences
 * tells more).  Other failures return another -errno, also with nothing
 * applied.  What the sequential run allocated is given back either way. */
int mploop__mem_merge(struct mploop__mem *m, unsigned nshipped, uintptr_t *race);

/* Parent: the slot of m's sequential run (MPLOOP_CHECK=verify), or -1 when
 * the loop has none (mploop__memreq.sequential). */
int mploop__mem_sequential(const struct mploop__mem *m);

/* Parent: the sequential run shipped its writes; the merge compares the
 * workers' result with them. */
void mploop__mem_compare(struct mploop__mem *m);

/* Both (the sequential run of MPLOOP_CHECK=verify, before its body): nonzero
 * when fd is one of m's own descriptors (channels, shared regions a worker
 * maps). */
int mploop__mem_fd(const struct mploop__mem *m, int fd);

/* One place where the merged result of the workers differs from the
 * sequential run's: the first differing byte and the aligned 8 bytes
 * around it as each run left them. */
struct mploop__diff {
    uintptr_t addr;              /* the first differing byte of the place */
    uintptr_t word;              /* addr rounded down to 8 bytes */
    unsigned char par[8], seq[8];
};
/* Most places mploop__mem_differences keeps. */
#define MPLOOP__DIFFS 3

/* Parent, after the workers of the loop at site succeeded, when its body
 * cancelled it (mploop_cancel): kill the sequential run, if any, so that
 * the merge does not compare, and warn that the execution is not
 * verified. */
void mploop__verify_cancelled(const mploop_site *site);
/* Parent, after mploop__mem_merge returned -EDOM: the first places that
 * differ (at most max, in address order) into out; returns their count and
 * sets *bytes to the number of bytes that differ in all. */
unsigned mploop__mem_differences(const struct mploop__mem *m, struct mploop__diff *out,
                                 unsigned max, uint64_t *bytes);

/* Parent, after a successful mploop__mem_merge: the bytes that two or more
 * workers changed to the same value (merged once, without a report), and
 * the first of them in *first (0 when none). */
uint64_t mploop__mem_overlaps(const struct mploop__mem *m, uintptr_t *first);

/* Parent, after mploop__mem_merge: whether the loop ran in snapshot mode,
 * and the pages the workers shipped and the bytes the merge wrote (ranges that differ are copied whole). */
void mploop__mem_stats(const struct mploop__mem *m, int *snapshot, uint64_t *pages,
                       uint64_t *changed);

/* Parent, after a failed loop (nothing merged): give back the memory the
 * workers allocated in the body, which nothing can reach. */
void mploop__mem_discard(struct mploop__mem *m);

/* Parent, on every outcome: release channels and mappings. */
void mploop__mem_release(struct mploop__mem *m);

/* Parent, after a loop failed (a race report, say): describe what the
 * address belongs to, as far as the memory module knows, into buf (at most
 * n bytes, NUL-terminated): "global 'counter' (4 bytes)", "static 'hits'
 * (byte 8 of 40)", "local variable of the enclosing function (byte 4 of
 * 400)", "heap block 0x5612a0 (64 bytes)".  Reads the executable's symbol
 * table from disk, so it may take milliseconds; it allocates nothing with
 * malloc.  Returns the length written, 0 when nothing is known. */
int mploop__mem_describe(uintptr_t addr, char *buf, size_t n);

/* Parent, before a loop starts: [addr, addr + size) is a global or static
 * array the loop body names.  When its whole pages make a large block
 * (MPLOOP_LARGE_MIN) they move, the first time, into shared memory at the
 * same addresses with their contents (large_static.c); then workers write
 * them as they write the large-block heap.  A failure leaves the array
 * where it was (it is merged as before). */
void mploop__mem_static(void *addr, uint64_t size);

/* Parent: 0 when workers can allocate apart from each other: the process
 * allocates through the runtime's malloc family (malloc.c), which sends a
 * worker's blocks to its own arena.  Otherwise -ENOTSUP (loops must then
 * run in-process), and, when theirs and ours are not NULL, the files of the
 * module whose malloc the process uses and of the runtime's module ("the
 * program" for the executable), n bytes each, for the report. */
int mploop__mem_allocator(char *theirs, char *ours, size_t n);

/* Both: remember that the module holding addr contains transformed code
 * (mploop_module): its writable segments are merged after every loop.
 * loops: the module has parallel loops, so the shared heap of large blocks
 * is worth its dearer first touches from now on. */
void mploop__mem_module(const void *addr, int loops);

/* Parent: nonzero when a loop must run in-process because the program
 * has other threads (or their number cannot be read) and the dirty-page
 * tracker cannot tell their writes from a worker's (pagemap).  Chooses the
 * tracker if no loop has yet. */
int mploop__mem_threads_block(const mploop_site *site);

/* Both: name of the dirty-page tracker loops use ("uffd", "pagemap" or
 * "mprotect"), chosen at the first forked loop (MPLOOP_TRACKER, else the
 * best one available); NULL before that. */
const char *mploop__mem_tracker_name(void);

/* ==== The loop core: env.c, report.c, failure.c, last_error.c, team.c,
 * loop.c, linux_os.c, linux_signal.c ==== */

/* ---- env.c: MPLOOP_* environment variables, read once ---------------- */

/* What happens when a loop fails (MPLOOP_ON_ERROR). */
enum mploop__on_error {
    MPLOOP__ON_ERROR_EXIT = 0,   /* report, end as the sequential program would */
    MPLOOP__ON_ERROR_RETURN = 1, /* report, continue after the loop, memory unchanged */
    MPLOOP__ON_ERROR_SERIAL = 2  /* report, re-run the loop in-process */
};

/* The environment as the runtime understands it. */
struct mploop__env {
    unsigned workers;  /* MPLOOP_WORKERS, 0 when unset */
    int has_schedule;  /* MPLOOP_SCHEDULE is set */
    int sched_kind;    /* its kind (enum mploop_schedule, never runtime) */
    long sched_chunk;  /* its chunk, 0 when none */
    unsigned verbose;  /* MPLOOP_VERBOSE: 0, 1 or 2 */
    unsigned cpus;     /* CPUs this process may run on (at least 1) */
    int on_error;      /* MPLOOP_ON_ERROR (enum mploop__on_error).  Every
                        * policy but exit needs the parent's memory unchanged
                        * by a failed loop: the memory module runs loops in
                        * snapshot mode when on_error != MPLOOP__ON_ERROR_EXIT */
    unsigned grace_ms; /* MPLOOP_GRACE_MS, default 1000 */
    uint64_t timeout_ns; /* MPLOOP_TIMEOUT in nanoseconds, 0 when unset */
    int check;         /* MPLOOP_CHECK (enum mploop__check); nonzero: every
                        * loop in snapshot mode, none adapts */
    unsigned stats;    /* MPLOOP_STATS=1: a line per forked loop at the join */
    unsigned adapt;    /* MPLOOP_ADAPT (default 1): sites run in-process while
                        * forking does not pay (adapt.c) */
    int team;          /* MPLOOP_TEAM (enum mploop__team_mode) */
    int output;        /* MPLOOP_OUTPUT (enum mploop__output_mode) */
    unsigned report;   /* MPLOOP_REPORT (enum mploop__report_mode) */
    const char *report_file; /* its file (an absolute path) when report is
                              * MPLOOP__REPORT_JSON or _CSV, else NULL */
    int progress;      /* MPLOOP_PROGRESS (enum mploop__progress_mode) */
};

/* MPLOOP_REPORT: the loop report written at exit. */
enum mploop__report_mode {
    MPLOOP__REPORT_OFF = 0,    /* unset or 0 */
    MPLOOP__REPORT_TABLE = 1,  /* 1: a table on standard error */
    MPLOOP__REPORT_DETAIL = 2, /* 2: the table and each worker's figures */
    MPLOOP__REPORT_JSON = 3,   /* a file name ending in .json */
    MPLOOP__REPORT_CSV = 4     /* a file name ending in .csv */
};

/* MPLOOP_PROGRESS: the progress line of forked loops. */
enum mploop__progress_mode {
    MPLOOP__PROGRESS_OFF = 0,  /* 0 */
    MPLOOP__PROGRESS_ON = 1,   /* 1: every forked loop, on a terminal */
    MPLOOP__PROGRESS_AUTO = 2  /* auto (default): loops running longer than
                                * MPLOOP__PROGRESS_AFTER_NS, on a terminal */
};

/* MPLOOP_CHECK: how much a loop's answer is checked. */
enum mploop__check {
    MPLOOP__CHECK_OFF = 0,    /* 0 (default) */
    MPLOOP__CHECK_ON = 1,     /* 1: snapshot mode, same-value overlaps warned */
    MPLOOP__CHECK_VERIFY = 2  /* verify: also a sequential run compared with
                               * the workers' result (workers forked per loop) */
};

/* MPLOOP_TEAM: workers that park between loops, or fresh ones each loop. */
enum mploop__team_mode { MPLOOP__TEAM_PERSIST = 0, MPLOOP__TEAM_FORK = 1 };

/* MPLOOP_OUTPUT: the workers' output in iteration order, or each chunk's
 * as soon as it finished. */
enum mploop__output_mode { MPLOOP__OUTPUT_ORDERED = 0, MPLOOP__OUTPUT_LIVE = 1 };

/* Every variable follows one policy: a malformed value is reported as
 * `mploop: error: [FILE:LINE: ]MPLOOP_X=value is not ...; <what to set>`
 * and ends the program with EXIT_FAILURE. */

/* Both: the environment, read at the first call (MPLOOP_TRACKER and
 * MPLOOP_LARGE_MIN excepted: see below).  A malformed value is reported
 * (naming the loop at `site`) and ends the program. */
const struct mploop__env *mploop__env_get(const mploop_site *site);

/* Both (the parent at its first forked loop): MPLOOP_TRACKER, one of
 * "uffd", "pagemap" and "mprotect", or NULL when unset.  Read at the first
 * call; a malformed value is reported (naming the loop at `site`) and ends
 * the program. */
const char *mploop__env_tracker(const mploop_site *site);

/* Both (the parent at its first allocation of a page or more, maybe before
 * main): MPLOOP_LARGE_MIN in bytes (at least a page), 0 for off, 64 KiB when
 * unset.  Read at the first call; a malformed value is reported (naming no
 * loop) and ends the program, after the variable is marked read with its
 * default, so that allocations made while the program exits do not read it
 * again.  Takes no lock: call it before taking one. */
size_t mploop__env_large_min(void);

/* ---- adapt.c: whether forking pays, per loop site ------------------------ */

/* Parent: nonzero when the loop at site, about to run trip iterations on n
 * workers, is predicted to finish sooner in-process, from what its earlier
 * executions measured (0 while nothing is known: it forks). */
int mploop__adapt_inprocess(const mploop_site *site, uint64_t trip, unsigned n);
/* Parent: a forked execution of site succeeded: trip iterations on n
 * workers took wall_ns from start to the end of the merge, and the workers
 * were busy running chunks for busy_ns in all; cold when it formed a new
 * persistent team (a one-time price the next executions do not pay). */
void mploop__adapt_forked(const mploop_site *site, uint64_t trip, unsigned n, uint64_t wall_ns,
                          uint64_t busy_ns, int cold);
/* Parent: an execution of site that adapt.c sent in-process ran trip
 * iterations in wall_ns. */
void mploop__adapt_inprocessed(const mploop_site *site, uint64_t trip, uint64_t wall_ns);
/* Both (the parent at its first allocation of a page or more, maybe before
 * main): MPLOOP_HUGE_DIR, the absolute path of a writable directory on a
 * tmpfs with room for a huge page, where the shared heap's file is made;
 * NULL when unset (the heap is a memfd).  Read at the first call, like
 * MPLOOP_LARGE_MIN (a malformed value ends the program, naming no loop).
 * Takes no lock. */
const char *mploop__env_huge_dir(void);

/* linux_memfd.c.  Both: 0 when directory dir can hold the shared heap's
 * file: it lies on a tmpfs, a nameless file can be made in it, and it has
 * room for one 2 MiB page.  Otherwise -EOPNOTSUPP (hugetlbfs), -EINVAL
 * (another file system), -ENOSPC, -EACCES or another -errno.  Makes and
 * removes one file. */
int mploop__memfd_dir_check(const char *dir);

/* ---- report.c: what the runtime writes on stderr ----------------------
 * Everything goes through write(2) from stack buffers: no malloc, no stdio,
 * so these are safe in the parent between fork and merge. */

/* Both: `mploop: error: FILE:LINE: <message>` and a newline (without
 * `FILE:LINE: ` when site is NULL). */
void mploop__error(const mploop_site *site, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Both: `mploop: warning: FILE:LINE: <message>` and a newline. */
void mploop__warning(const mploop_site *site, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Both: `mploop: note: <message>` and a newline. */
void mploop__note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Both: append printf-style text to buf[*len..n) (n > 0), advancing *len
 * and keeping the text terminated; what does not fit is cut. */
void mploop__text_put(char *buf, size_t n, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Both: the verbose line of a loop that runs on n forked workers. */
void mploop__verbose_forked(const mploop_site *site, uint64_t trip, unsigned n,
                            const struct mploop__sched *s);
/* Parent: the MPLOOP_VERBOSE=3 line of a loop's team: its n parked
 * workers resumed (why NULL), or forked afresh because of why; err is the
 * -errno that keeps the new workers from parking (0 if none), tracker the
 * dirty-page tracker's name. */
void mploop__verbose_team(const mploop_site *site, unsigned n, const char *why, int err,
                          const char *tracker);
/* Parent: the MPLOOP_STATS line of a loop whose n workers were joined:
 * mode, pages shipped, bytes written by the merge, time waiting for the workers and
 * merging, in nanoseconds. */
void mploop__verbose_joined(const mploop_site *site, unsigned n, int snapshot, uint64_t pages,
                            uint64_t changed, uint64_t wait_ns, uint64_t merge_ns);
/* Parent: the verbose line of a loop that waited wait_ns for a loop of
 * another thread to finish (waited != 0), or that runs in-process while
 * one runs on workers (waited 0). */
void mploop__verbose_threads(const mploop_site *site, int waited, uint64_t wait_ns);
/* Both: the verbose line of a loop that runs in-process; reason is one of
 * "nested", "if clause false", "one worker", "trip count 0", "trip count 1",
 * "fork failed", "serial re-run", the adaptive and the threads reasons of
 * loop.c. */
void mploop__verbose_inprocess(const mploop_site *site, uint64_t trip, const char *reason);

/* Parent: the verbose line of a body that called exit(status) at
 * iteration index k in a worker (the program ends). */
void mploop__verbose_program_exit(const mploop_site *site, int64_t lb, int64_t step,
                                  uint64_t k, int status);

/* How a loop failed, as the parent saw it. */
enum mploop__fail_kind {
    MPLOOP__FAIL_SIGNAL = 1, /* worker killed by signal `code` */
    MPLOOP__FAIL_EXIT,       /* worker exited with status `code` before finishing */
    MPLOOP__FAIL_LOST,       /* reaped by someone else before finishing */
    MPLOOP__FAIL_BEGIN,      /* could not start tracking writes (-errno code) */
    MPLOOP__FAIL_SHIP,       /* could not send its writes (-errno code) */
    MPLOOP__FAIL_USER,       /* the body called mploop_fail (code: its code) */
    MPLOOP__FAIL_TIMEOUT,    /* MPLOOP_TIMEOUT expired (code: milliseconds) */
    MPLOOP__FAIL_CORRUPT,    /* the worker's control block slot holds garbage */
    MPLOOP__FAIL_RACE,       /* merge found a race (addr: first racing byte) */
    MPLOOP__FAIL_MERGE,      /* merge failed (-errno code) */
    MPLOOP__FAIL_CHANNEL,    /* merge refused a worker's channel, which held
                              * garbage (code: -EPROTO) */
    MPLOOP__FAIL_INTERRUPTED, /* the parent got terminating signal `code` */
    MPLOOP__FAIL_PROGRAM_EXIT, /* the body called exit(code): the program ends */
    MPLOOP__FAIL_VERIFY,     /* the workers' merged writes differ from the
                              * sequential run's (MPLOOP_CHECK=verify; addr:
                              * first differing byte, msg: the details) */
    MPLOOP__FAIL_SEQUENTIAL, /* the sequential run of MPLOOP_CHECK=verify
                              * failed where the workers did not (msg: how;
                              * iter: its iteration) */
    MPLOOP__FAIL_UNTRACKED   /* the body disabled the worker's dirty-page
                              * tracker (code: MPLOOP__ERR_UNTRACKED_*) */
};

/* Longest mploop_fail message carried to the parent, NUL included. */
#define MPLOOP__MSG_MAX 512

/* One failure of a loop. */
struct mploop__failure {
    int kind;         /* enum mploop__fail_kind */
    int code;         /* signal, exit status, -errno or mploop_fail code */
    unsigned worker;  /* worker index, UINT_MAX when no worker is concerned */
    pid_t pid;        /* its process id */
    uint64_t iter;    /* iteration index it published, UINT64_MAX for none */
    uintptr_t addr;   /* MPLOOP__FAIL_RACE: the first racing address */
    char msg[MPLOOP__MSG_MAX]; /* MPLOOP__FAIL_USER: the message;
                                * MPLOOP__FAIL_RACE: what the address
                                * belongs to (mploop__mem_describe), or "";
                                * MPLOOP__FAIL_VERIFY, _SEQUENTIAL: what
                                * differed, how the run ended; else "" */
};

/* Parent (describe.c, describing addr for a report): addr lies in an array
 * of the enclosing function, named by name[0..len).  A race report at addr
 * then says that a scratch array is made per iteration with `private` or a
 * declaration in the body. */
void mploop__report_local_array(uintptr_t addr, const char *name, size_t len);

/* Parent (and a process failing in-process): report failure f of the loop
 * at `site` whose first value and step are lb and step (p->lb, p->step);
 * `others` counts the further workers that failed on their own; `policy`
 * (enum mploop__on_error) chooses the note on what happens next. */
void mploop__report_failure(const mploop_site *site, int64_t lb, int64_t step,
                            const struct mploop__failure *f, unsigned others, int policy);

/* ---- failure.c: what each kind of failure means (one table) ----------- */

/* How the report line of a failure leads, after `mploop: error: FILE:LINE: `. */
enum mploop__fail_shape {
    MPLOOP__SHAPE_WORKER = 0, /* `worker W (pid P) TEXT[ at iteration ...]` */
    MPLOOP__SHAPE_LOOP,       /* `loop TEXT[; worker W (pid P) was still running,
                               * at iteration ...]` (when a worker is named) */
    MPLOOP__SHAPE_ITERATION,  /* `iteration VAR = V failed: TEXT`, or `loop
                               * failed: TEXT` when the iteration is unknown */
    MPLOOP__SHAPE_PLAIN,      /* `TEXT[ at iteration ...]` */
    MPLOOP__SHAPE_NONE        /* not reported (the process ends by a signal) */
};

/* What the text format of a kind takes, in order. */
enum mploop__fail_args {
    MPLOOP__ARGS_NONE = 0,    /* nothing: the text is no format */
    MPLOOP__ARGS_SIGNAL,      /* the signal's name and description (code) */
    MPLOOP__ARGS_SIGNAL_NAME, /* the signal's name (code) */
    MPLOOP__ARGS_ERRNO,       /* the description of the -errno code */
    MPLOOP__ARGS_CODE,        /* code, as an int */
    MPLOOP__ARGS_MESSAGE,     /* msg */
    MPLOOP__ARGS_RACE,        /* addr (unsigned long), ", " or "", msg */
    MPLOOP__ARGS_DETAILS,     /* the first line of msg; each further line of
                               * msg is a note of the report */
    MPLOOP__ARGS_UNTRACKED    /* what the body did (code: MPLOOP__ERR_UNTRACKED_*) */
};

/* How the program ends after a failure under MPLOOP_ON_ERROR=exit. */
enum mploop__fail_exit {
    MPLOOP__EXIT_FAILURE = 0, /* exit(EXIT_FAILURE) */
    MPLOOP__EXIT_SIGNAL,      /* die by signal `code`, without a core dump */
    MPLOOP__EXIT_AS_WORKER,   /* flush stdio and _exit with the worker's status */
    MPLOOP__EXIT_USER         /* exit with mploop_fail_code's status */
};

/* One kind of failure. */
struct mploop__fail_info {
    const char *text;      /* description (mploop__failure_text): a printf
                            * format taking `args` */
    const char *text_zero; /* used instead of text when code is 0, or NULL */
    int args;              /* enum mploop__fail_args */
    int shape;             /* enum mploop__fail_shape */
    int iteration;         /* the report line appends the iteration */
    const char *note;      /* what the failure means, opening the note under
                            * the report (NULL: no note of its own) */
    const char *pipe_note; /* the same for a pipeline, when it differs */
    const char *pipe_stops; /* stops, for a pipeline, when it differs */
    int note_names_worker; /* note is a format of (worker, pid), left out
                            * when no worker is concerned */
    int note_next_apart;   /* the note stands alone, and what happens next
                            * follows in a note of its own */
    const char *stops;     /* what happens next under the exit policy; the
                            * other policies say their own */
    const char *note_tail; /* appended to the note after either, or NULL */
    int exit;              /* enum mploop__fail_exit */
    int error_kind;        /* enum mploop_error_kind of mploop_last_error */
};

/* Both: the row of failure kind `kind` (a row describing an unknown
 * failure for a kind out of range). */
const struct mploop__fail_info *mploop__fail_info(int kind);

/* Both: make *f a failure of kind `kind` with `code` that concerns no
 * worker and no iteration, with an empty message. */
void mploop__failure_init(struct mploop__failure *f, int kind, int code);

/* Both: the one-line description of f without location and iteration
 * ("killed by SIGSEGV (Segmentation fault)"), written into buf. */
const char *mploop__failure_text(const struct mploop__failure *f, char *buf, size_t size);

/* ---- last_error.c: the last failed loop (mploop_last_error) ----------- */

/* Parent: record failure f of the loop at site for mploop_last_error
 * (loop.c calls it for every failure it reports). */
void mploop__last_error_record(const mploop_site *site, int64_t lb, int64_t step,
                               const struct mploop__failure *f, unsigned others);

/* ---- linux_os.c: processes, CPUs, signals, writes, runtime memory ----------------------------- */

/* Parent: number of CPUs this process may run on (sched_getaffinity), at
 * least 1. */
unsigned mploop__os_cpus(void);
/* Worker: have the kernel kill this process with SIGKILL when its parent
 * dies; -ESRCH when the parent `parent` is already gone, else 0 or -errno. */
int mploop__os_die_with_parent(pid_t parent);
/* Parent: a descriptor that becomes readable when child `pid` ends, or
 * -errno (the caller then falls back to blocking waitpid). */
int mploop__os_pidfd(pid_t pid);
/* Both: the descriptor limit (RLIMIT_NOFILE, `ulimit -n`), 0 when there
 * is none. */
uint64_t mploop__os_fd_limit(void);
/* Both: the address-space limit (RLIMIT_AS, `ulimit -v`) in bytes, 0 when
 * there is none. */
uint64_t mploop__os_as_limit(void);
/* Descriptors the runtime keeps open are moved to this number or above,
 * out of the way of the program's own (which take the lowest free). */
#define MPLOOP__FD_FLOOR 256
/* Both: fd moved to MPLOOP__FD_FLOOR or above, close-on-exec (fd itself
 * when it cannot be moved).  Passes a negative fd through. */
int mploop__os_fd_high(int fd);
/* A /proc/self file kept open by the process that opened it: the file
 * names that process, so a fork child must not read through its copy. */
struct mploop__os_kept {
    int fd;              /* -1 until opened */
    pid_t pid;           /* the process that opened it */
};
#define MPLOOP__OS_KEPT_INIT { -1, 0 }
/* Both: k's descriptor (path opened read-only, close-on-exec, moved with
 * mploop__os_fd_high) for this process: opened at the first call, and
 * opened again in a process that inherited it.  Returns it or -errno. */
int mploop__os_kept_fd(struct mploop__os_kept *k, const char *path);
/* Both: close k's descriptor, if open. */
void mploop__os_kept_close(struct mploop__os_kept *k);
/* Both: a descriptor mploop__os_fd_high returned was closed. */
void mploop__os_fd_closed(int fd);
/* Both: nonzero when fd is one the runtime moved with mploop__os_fd_high
 * and still holds (the program's own descriptors are compared between a
 * parent and its parked workers; the runtime's are its own business). */
int mploop__os_fd_is_runtime(int fd);
/* Both: block while *word == val (futex on shared memory; may return
 * spuriously, the caller loops). */
void mploop__os_futex_wait(int *word, int val);
/* Both: wake every process blocked on *word. */
void mploop__os_futex_wake(int *word);
/* Both: wake at most n processes blocked on *word. */
void mploop__os_futex_wake_n(int *word, int n);
/* Both: the same as mploop__os_futex_wait, giving up after timeout_ns. */
void mploop__os_futex_wait_ns(int *word, int val, uint64_t timeout_ns);
/* Both: "SIGSEGV" for SIGSEGV, "signal 42" style text into buf otherwise. */
const char *mploop__os_signal_name(int sig, char *buf, size_t size);
/* Both: "Segmentation fault" for SIGSEGV (untranslated, no malloc). */
const char *mploop__os_signal_text(int sig);
/* Both: "No such file or directory" for ENOENT (untranslated, no malloc). */
const char *mploop__os_errno_text(int err);
/* Parent: end this process by signal sig as if it had received it, without
 * a core dump; falls back to exit(EXIT_FAILURE) if sig does not kill. */
__attribute__((noreturn)) void mploop__os_die_by_signal(int sig);
/* Parent: end this process with `status` as the worker that called exit()
 * or _exit() would have ended it: stdio flushed, atexit handlers not run
 * again (they ran in the worker when it called exit()). */
__attribute__((noreturn)) void mploop__os_exit_as_worker(int status);
/* Both: write all of buf to fd, retrying on EINTR and short writes.
 * Returns 0 or -errno (callers writing reports on stderr ignore it). */
int mploop__os_write_all(int fd, const void *buf, size_t len);
/* Both: copy len bytes at offset `at` of descriptor in to descriptor out:
 * at out's own offset when pos < 0 (write), else at pos (pwrite).
 * Returns 0 or -errno. */
int mploop__os_copy(int in, uint64_t at, int out, int64_t pos, uint64_t len);
/* Both: give back the memory behind [at, at + len) of the file fd (a hole
 * reads as zeros; the size stays); best effort. */
void mploop__os_punch(int fd, uint64_t at, uint64_t len);
/* Both: monotonic time in nanoseconds. */
uint64_t mploop__os_now_ns(void);
/* Both: runtime-owned memory, never tracked nor merged (it is mapped
 * MAP_SHARED, so a forked worker sees the parent's pages; the runtime never
 * writes it from a worker unless it means to).  Returns NULL on failure. */
void *mploop__os_map(size_t size);
void mploop__os_unmap(void *addr, size_t size);

/* linux_memfd.c.  Both: a memfd (close-on-exec, moved to a descriptor
 * number of 256 or more when possible, a runtime descriptor).  Returns it
 * or -errno. */
int mploop__memfd_create(const char *name);

/* ---- linux_procstate.c: what fork copies besides memory ---------------- */

/* A fingerprint of the process: signal dispositions; limits, working
 * directory, credentials and umask; threads. */
struct mploop__procstate {
    uint64_t signals, attrs;
    unsigned threads;
};
/* Both: take the fingerprint of this process.  Returns 0. */
int mploop__procstate_take(struct mploop__procstate *ps);
/* Both: nonzero when two fingerprints are equal. */
int mploop__procstate_same(const struct mploop__procstate *a, const struct mploop__procstate *b);
/* Both: the number of threads of this process (0 when unknown). */
unsigned mploop__procstate_threads(void);
/* Both: the number of open descriptors of this process, or -errno. */
long mploop__procstate_nfds(void);
/* Parent: 0 when every descriptor of this process but skip[0..nskip) is
 * the same open file under the same number in each of the processes
 * pids[0..n) (its children), -ESTALE when one is not, or -errno.  The same
 * walk lists the descriptors open for writing into *wl (when not NULL; see
 * mploop__procstate_writable; untouched when the walk stopped early). */
struct mploop__wfds;
int mploop__procstate_fds_match(const pid_t *pids, unsigned n, const int *skip,
                                unsigned nskip, struct mploop__wfds *wl);
/* Sequential run of MPLOOP_CHECK=verify, before its body: make descriptors
 * 1 and 2 and every other descriptor open for writing refer to /dev/null
 * (close-on-exec kept), except the runtime's own and those keep(ctx, fd)
 * says to keep, so that what the body writes appears once, from the
 * workers.  Returns 0 or -errno. */
int mploop__procstate_silence_writers(int (*keep)(void *ctx, int fd), void *ctx);

/* A descriptor open for writing (mploop__procstate_writable). */
enum mploop__wfd_type {
    MPLOOP__WFD_FILE = 0, /* a regular file */
    MPLOOP__WFD_PIPE,     /* a pipe or FIFO */
    MPLOOP__WFD_TTY,      /* a terminal */
    MPLOOP__WFD_DEVICE    /* another character device (/dev/null) */
};
struct mploop__wfd {
    int fd;
    int type;      /* enum mploop__wfd_type */
    int append;    /* opened O_APPEND */
    int cloexec;   /* FD_CLOEXEC set */
    int64_t size;  /* a regular file's size */
    uint64_t ino;  /* the file's inode (a pipe's is both ends') */
};
/* The descriptors of this process, not the runtime's, open for writing on
 * a regular file, a pipe or a character device: write-only ones, and
 * descriptors 1 and 2 when open read-write (a terminal); never descriptor
 * 0, a socket or another descriptor open for reading (the body may read
 * it).  n counts them (possibly more than MPLOOP__WFDS), -1 when they were
 * not listed. */
#define MPLOOP__WFDS 32
struct mploop__wfds {
    int n;
    struct mploop__wfd v[MPLOOP__WFDS];
    unsigned nread;                   /* pipes this process reads: */
    uint64_t read_pipe[MPLOOP__WFDS]; /* their inodes (the first ones) */
};
/* Parent: list them into *wl.  Returns 0 or -errno. */
int mploop__procstate_writable(struct mploop__wfds *wl);
/* Parent: nonzero when descriptors a and b of this process are the same
 * open file description (kcmp). */
int mploop__procstate_same_file(int a, int b);

/* io_interpose.c: what its definitions of exit, lseek, fseek, fsetpos,
 * rewind and pwrite call (each may be NULL).  output.c fills in the
 * capture's, loop.c the exit. */
struct mploop__io_hooks {
    int (*captures)(int fd);                            /* output.c */
    int (*seek_begin)(int fd);
    void (*seek_end)(int fd, int whence, int64_t off);
    void (*pwrite)(int fd, int64_t pos, int64_t len);
    void (*exit)(int status);                           /* loop.c */
    void (*leave)(void);  /* loop.c: a longjmp to a setjmp made before the
                           * loop; set in a worker while its loop runs */
};
extern struct mploop__io_hooks mploop__io_hooks;
/* io_interpose.c.  Worker, when its loop begins: forget the jmp_bufs
 * filled during the last one. */
void mploop__io_jmp_reset(void);
/* io_interpose.c.  Both, from arch.c's setjmp routines (see there). */
void *mploop__io_setjmp(const void *env, long unused, int kind);

/* loop.c.  Worker: the body called exit(status): when this process is a
 * worker running a loop's chunks, end its part there (never returns);
 * else return, and the caller exits as usual. */
void mploop__loop_exit(int status);


/* ---- output.c: the workers' output in sequential order ----------------
 * (see output.c).  The parent plans each forked loop's capture before its
 * workers start, pumps finished chunks while it waits and finishes (or
 * fails) the capture at the join; a worker redirects its descriptors when
 * it begins, logs each chunk when the next one begins, and puts them back
 * when its part ends. */

/* ---- loop.c, for constructs run as one execution of a loop (pipeline.c) -- */

/* What one stage of a pipeline did in one run (MPLOOP_REPORT). */
struct mploop__stage_figures {
    int kind;            /* MPLOOP_STAGE_* */
    unsigned line;       /* its line, 0: unknown */
    uint64_t items;      /* items it ran (not counting a first stage's MPLOOP_STOP) */
    uint64_t dropped;    /* of those, the ones it dropped */
    uint64_t busy_ns;    /* time in its function, summed over workers */
};

/* Parent, after mploop_begin: the execution is a pipeline's, whose state
 * (kept for pipeline.c) is `state`: its workers' output goes to `rings`
 * rings, the frontier of its output is what mploop__loop_claimed says, it
 * draws no progress line, an in-process failure names the step, and
 * MPLOOP_ON_ERROR=serial ends the program as exit does. */
void mploop__loop_pipeline(mploop_loop *L, unsigned rings, void *state);
/* Both: the state given to mploop__loop_pipeline. */
void *mploop__loop_state(mploop_loop *L);
/* Both: 1 in a forked worker of L, with its participant index in *w; 0
 * when this process runs L in-process (alone: nested, one worker, the
 * sequential run of MPLOOP_CHECK=verify). */
int mploop__loop_worker(mploop_loop *L, unsigned *w);
/* Worker: when L failed in another worker at an iteration at or below v,
 * stop this worker now (never returns); else return. */
void mploop__loop_stop_if_failed(mploop_loop *L, uint64_t v);
/* Worker: no iteration below v is handed out any more (the parent replays
 * output up to there, as for a claiming schedule). */
void mploop__loop_claimed(mploop_loop *L, uint64_t v);
/* Parent, after the join: the workers that ran L (1 in-process), and the
 * time since mploop_start in *wall_ns. */
unsigned mploop__loop_ran_on(mploop_loop *L, uint64_t *wall_ns);
/* Both: 1 when L's execution is measured for the loop report
 * (MPLOOP_REPORT), as its figures then are. */
int mploop__loop_measured(mploop_loop *L);

/* Parent, before forking or waking n workers: list the descriptors to
 * capture and give each worker empty files and an empty ring (a pipeline:
 * `rings` rings, one per token, else 0), for `mode`
 * (enum mploop__output_mode); hold: replay nothing before
 * mploop__output_finish (a failed loop will be run again); wl: the
 * descriptors open for writing when already listed (wl->n >= 0).  Returns 0 (the
 * capture is active when there is something to capture) or -errno (it is
 * not). */
int mploop__output_plan(unsigned n, unsigned rings, int mode, int hold,
                        const struct mploop__wfds *wl);
/* Parent: bumped whenever the capture opened a descriptor (workers forked
 * before lack it). */
unsigned mploop__output_generation(void);
/* Parent: nonzero while a loop's capture is active. */
int mploop__output_active(void);
/* Parent, after the fork: planned slot `slot` has no worker; its static
 * share, adopted later by another, starts at iteration lo (UINT64_MAX:
 * it has none). */
void mploop__output_orphan(unsigned slot, uint64_t lo);
/* Parent, while the workers run: replay the chunks due (claimed: the
 * first iteration not handed out yet by a claiming schedule, else
 * UINT64_MAX). */
void mploop__output_pump(uint64_t claimed);
/* Parent, after every worker finished and the loop succeeded: replay the
 * rest and end the capture. */
void mploop__output_finish(void);
/* Parent, after a failed loop (every worker reaped): when replay is
 * nonzero, replay what comes before the failure at iteration iter of
 * worker `worker` (UINT64_MAX / UINT_MAX when none), then what that worker
 * wrote of its chunk; else drop everything.  Ends the capture. */
void mploop__output_failed(int replay, unsigned worker, uint64_t iter);
/* Worker w, when it begins: put its files in place of the captured
 * descriptors. */
void mploop__output_worker_begin(unsigned w);
/* Worker, before running the chunk [lo, hi) of ring (its static share, or
 * its own slot for claimed chunks): log the chunk that ended. */
void mploop__output_chunk(unsigned ring, uint64_t lo, uint64_t hi);
/* Both: how many items of a pipeline of `stages` stages may be made
 * beyond the oldest one still in it: a token's ring then has room for the
 * records of every item that can overtake that one (the parent replays
 * none of them before it), unless stages seek or write at positions many
 * times per item. */
uint64_t mploop__output_steps_ahead(unsigned stages);
/* Worker: bytes the workers logged that the parent has not written to
 * their destinations yet (0 when this worker's output is not captured). */
uint64_t mploop__output_held(void);
/* Worker of a pipeline (rings: its tokens; pipeline.c), before a stage
 * runs step v (item * stages + stage) of the item in token `ring`: log the
 * step that ended, and log what this one writes to that ring. */
void mploop__output_step(unsigned ring, uint64_t v);
/* Worker of a pipeline, when the step ended: log it now, before its ring
 * moves on. */
void mploop__output_step_end(void);
/* Worker of a pipeline: the lowest step ring `ring` may still log is v
 * (UINT64_MAX: none until an item takes its token again). */
void mploop__output_ring_at(unsigned ring, uint64_t v);
/* Worker, when the body ends the program at iteration iter: log the chunk
 * so far as ending there. */
void mploop__output_worker_exit(uint64_t iter);
/* Worker, when its part ends: log the last chunk, put the descriptors back. */
void mploop__output_worker_end(void);
/* Both: nonzero when this process is a worker whose descriptor fd is
 * captured. */
int mploop__output_captures(int fd);
/* Both, from the seek entry points: before moving the offset of fd: -1
 * with errno ESPIPE when fd stands for a pipe or terminal, else 0 (a run
 * up to the old offset is logged). */
int mploop__output_seek_begin(int fd);
/* Both, after moving the offset of fd by (whence, off). */
void mploop__output_seek_end(int fd, int whence, int64_t off);
/* Both, after a positioned write of len bytes at pos to fd. */
void mploop__output_pwrite(int fd, int64_t pos, int64_t len);

/* glibc_stdio.c.  Parent: the streams on descriptor fd forget the file
 * offset they cached (it was moved behind their back). */
void mploop__stdio_forget_offset(int fd);

/* ---- threads.c: one loop on workers at a time ------------------------- */

/* Parent: take the process-wide loop lock for this thread, waiting while
 * another thread holds it; a thread that holds it takes it again at once
 * (it is recursive).  Returns 1 when the call had to wait for another
 * thread, else 0. */
int mploop__threads_enter(void);
/* Parent: give back one mploop__threads_enter of this thread. */
void mploop__threads_leave(void);
/* Parent: nonzero while another thread than this one holds the lock (a
 * loop of it runs on workers). */
int mploop__threads_other(void);

/* ---- reserve.c: runtime memory from one shared reserve ---------------- */

/* Both: size bytes (rounded up to pages) of zeroed MAP_SHARED memory: in
 * the parent carved out of the reserve, so that the address-space layout
 * does not change (a persistent team needs it unchanged); elsewhere, or
 * when the reserve is full, a mapping of its own.  NULL on failure. */
void *mploop__reserve_take(size_t size);
/* Both: give back what mploop__reserve_take returned. */
void mploop__reserve_give(void *addr, size_t size);
/* Parent: nonzero while a loop forks its workers (their atfork child
 * handler then keeps the reserve shared). */
void mploop__reserve_forking(int on);
/* Worker, right after the fork: never carve (the bitmap is the parent's). */
void mploop__reserve_worker(void);
/* Both: a count that changes whenever the runtime maps or unmaps memory
 * outside the reserve (a change of the address-space layout). */
uint64_t mploop__reserve_stamp(void);
/* Both: the reserve's address range.  Returns 0, or -ENOENT before it
 * exists. */
int mploop__reserve_span(uintptr_t *start, uintptr_t *end);

/* ---- linux_signal.c: terminating signals sent to the parent during a loop */

/* What the parent changed for one forked loop: the signals among SIGINT,
 * SIGTERM and SIGHUP that the program neither ignores nor blocks are caught
 * and blocked while the loop runs (except in ppoll), with their previous
 * actions saved here, and the signal mask from before. */
struct mploop__sigsave {
    int taken[3];                /* signals taken over, 0 for a free entry */
    struct sigaction old[3];     /* their previous actions */
    sigset_t oldmask;
};

/* Parent, before the fork: take over and block the terminating signals. */
void mploop__sig_take(struct mploop__sigsave *s);
/* Worker, right after fork: give the taken signals back their previous
 * actions and restore the signal mask. */
void mploop__sig_worker(const struct mploop__sigsave *s);
/* Parent, while waiting: ppoll(fds, n, timeout_ns or -1 for none) with the
 * taken signals deliverable.  Returns as ppoll, -1 with errno EINTR when
 * a signal arrived. */
int mploop__sig_poll(const struct mploop__sigsave *s, void *fds, unsigned n,
                     int64_t timeout_ns);
/* Parent: a taken signal that arrived during the loop and whose previous
 * action was the default (it ends the process), 0 if none.  Signals the
 * program handles itself do not stop the loop. */
int mploop__sig_caught(const struct mploop__sigsave *s);
/* Parent, at the end of the loop: give the signals back their actions and
 * restore the mask.  Signals that arrived during the loop and that the
 * program handles are raised again now, so its handlers run after the
 * loop (when a handler's writes to memory cannot be overwritten by the
 * merge).  Returns a default-action signal that arrived (consuming a
 * pending one), 0 if none: the caller cleans up and ends the process by
 * it. */
int mploop__sig_release(struct mploop__sigsave *s);

/* ---- linux_usage.c: what a process or a thread used ------------------- */

/* Counters of the kernel for one process or thread. */
struct mploop__usage {
    uint64_t user_ns, sys_ns; /* CPU time in user mode and in the kernel */
    uint64_t maxrss_kb;       /* peak resident set size, KiB (a high-water
                               * mark of the whole process) */
    uint64_t minflt, majflt;  /* page faults without and with I/O */
    uint64_t rchar, wchar;    /* bytes through read- and write-like system
                               * calls (/proc/<pid>/io) */
    uint64_t self_read;       /* bytes the sample itself read from /proc
                               * (counted in the next sample's rchar) */
};
/* Both: the counters of this process (thread == 0) or of the calling
 * thread so far.  Returns 0, or -errno when a source could not be read
 * (its fields are then 0). */
int mploop__usage_take(struct mploop__usage *u, int thread);
/* Both: *d = what was used between samples a and b (maxrss: b's). */
void mploop__usage_delta(const struct mploop__usage *a, const struct mploop__usage *b,
                         struct mploop__usage *d);

/* ---- team.c: the workers of one loop and their shared control block ---- */

/* States of a worker's slot. */
enum mploop__slot_state {
    MPLOOP__SLOT_RUNNING = 0,
    MPLOOP__SLOT_DONE = 1,         /* shipped its writes, about to _exit(0) */
    MPLOOP__SLOT_BEGIN_FAILED = 2, /* mploop__mem_worker_begin failed */
    MPLOOP__SLOT_SHIP_FAILED = 3,  /* mploop__mem_worker_ship failed */
    MPLOOP__SLOT_USER_FAILED = 4,  /* the body called mploop_fail */
    MPLOOP__SLOT_CANCELLED = 5,    /* stopped at a chunk boundary on request */
    MPLOOP__SLOT_EXITED = 6        /* the body called exit(err) at iteration cur */
};

/* The -errno of a worker's shipment when the loop body disabled its
 * dirty-page tracker, so that the writes it made since cannot be listed:
 * it replaced the mprotect tracker's SIGSEGV handler, or blocked SIGSEGV.
 * Two codes no shipment fails with otherwise; the parent reports either
 * as MPLOOP__FAIL_UNTRACKED. */
#define MPLOOP__ERR_UNTRACKED_HANDLER (-ENOTRECOVERABLE)
#define MPLOOP__ERR_UNTRACKED_MASK (-EOWNERDEAD)

/* Exit status of a worker whose slot says why it failed. */
#define MPLOOP__EXIT_RUNTIME 125
/* Exit status of a worker whose body called mploop_fail. */
#define MPLOOP__EXIT_FAIL 124
/* Exit status of a worker that stopped because the loop was cancelled. */
#define MPLOOP__EXIT_CANCELLED 123

/* One worker's slot, written by the worker only: what it runs and how it
 * ended on the first cache line, what it used (MPLOOP_REPORT) on the next.
 * The parent reads it while the worker runs (the progress line) and after
 * it ended, and validates every field. */
struct mploop__slot {
    volatile uint64_t cur; /* iteration index being run (mploop_at) */
    int state;             /* enum mploop__slot_state, atomic */
    int err;               /* -errno behind a failed state */
    uint64_t busy_ns;      /* time spent running chunks, written before done */
    uint64_t done;         /* atomic: iterations of the chunks it finished,
                            * bumped once per chunk */
    uint64_t chunks;       /* chunks it ran, written before done */
    uint64_t began_ns;     /* when it began running chunks (monotonic clock,
                            * the same in every process), written before done */
    struct mploop__usage use; /* MPLOOP_REPORT: what it used while running
                               * chunks, written before done */
} __attribute__((aligned(64)));

/* A worker's mploop_fail message, framed: magic, code, length, text. */
#define MPLOOP__MSG_MAGIC 0x6c696166u /* "fail" */
struct mploop__msg {
    uint32_t magic;
    int32_t code;
    uint32_t len;                /* bytes of text, NUL excluded */
    uint32_t pad;
    char text[MPLOOP__MSG_MAX];
};

/* The shared part of a forked loop's control block: one MAP_SHARED
 * anonymous mapping, made before the fork, which every worker may write.
 * The parent keeps everything it needs to clean up in the private
 * struct mploop__team, never here. */
struct mploop__ctl {
    int forked;             /* futex word: -1 while forking, then the
                             * number of workers that exist */
    unsigned adopted;       /* atomic: static shares of workers that could
                             * not be forked, claimed by the others */
    int cancel;             /* atomic: the parent asks workers to stop */
    uint64_t cancel_from;   /* atomic, set before cancel: chunks starting
                             * below it still run (0: none) */
    unsigned ndone;         /* atomic: workers done (a persistent team's last
                             * one to finish wakes the parent) */
    int stop;               /* atomic: the body called mploop_cancel: no
                             * iteration starts any more (the loop succeeds) */
    int last_ran;           /* atomic: the sequentially last iteration ran
                             * and stored the lastprivate values */
    uint64_t next __attribute__((aligned(64))); /* atomic: iterations handed
                                                 * out (dynamic, guided) */
    struct mploop__slot slot[];                 /* planned slots */
};

/* The parent's private handle of a forked loop's workers (it lives in the
 * runtime's state section; workers inherit a read-only copy). */
struct mploop__team {
    struct mploop__ctl *ctl; /* the shared block */
    size_t map_size;         /* bytes mapped at ctl */
    unsigned planned;        /* workers the loop was planned for */
    unsigned forked;         /* workers that exist (parent) */
    int fork_err;            /* -errno of the fork that failed, 0 if none */
    uint64_t trip;           /* iterations of the loop (validates indices) */
    uint64_t result_stride;  /* bytes between two result slots */
    char *results;           /* planned result slots (shared) */
    char *last;              /* the lastprivate area (shared) */
    struct mploop__msg *msgs; /* planned mploop_fail messages (shared) */
    struct mploop__local *locals; /* variables registered by mploop_local */
    unsigned nlocals, locals_cap;
    uint64_t started_ns;     /* when the workers were forked */
    int cancelled;           /* the parent set ctl->cancel */
    struct mploop__sigsave sig;
    int crew;                /* the workers are the persistent team's */
    pid_t pid[MPLOOP__MAX_WORKERS];  /* the workers' pids */
    int pidfd[MPLOOP__MAX_WORKERS];  /* their pidfds, -1 if none */
};

/* How the parent waits for a team. */
struct mploop__wait {
    unsigned grace_ms;    /* after a failure, time left to the others */
    uint64_t timeout_ns;  /* since the fork, 0 for none */
    int keep_earlier;     /* after a failure at an iteration, the chunks
                           * before it still run, and the failure at the
                           * lowest iteration is the one reported */
    void (*tick)(void *); /* called at least every tick_ns while waiting */
    void *tick_arg;
    uint64_t tick_ns;
};

/* Parent: map a control block for n workers of a loop of trip iterations,
 * with result_bytes of partials each and last_bytes of lastprivate area,
 * and fill in the handle *t.  Returns 0 or -errno. */
int mploop__team_map(struct mploop__team *t, unsigned n, uint64_t trip,
                     uint64_t result_bytes, uint64_t last_bytes);
/* Parent, before the fork: add variable `name` at [addr, addr + size) to
 * the team's locals, growing the array when needed.  Returns 0 or -errno. */
int mploop__team_add_local(struct mploop__team *t, void *addr, uint64_t size, const char *name);
/* Parent: unmap a control block (one never mapped is fine). */
void mploop__team_unmap(struct mploop__team *t);
/* Parent: take over terminating signals and fork the team's workers (the
 * caller flushed stdio and prepared memory).  Returns 1 in a worker (its
 * index in *w, set to die with the parent) and 0 in the parent, where
 * t->forked tells how many workers exist (0: none could be forked,
 * t->fork_err says why, and the signals are released). */
int mploop__team_fork(struct mploop__team *t, unsigned *w);
/* Worker: wait until the parent has finished forking; returns the number
 * of workers that exist. */
unsigned mploop__team_forked(struct mploop__team *t);
/* Worker: nonzero when the parent asked the workers to stop before a
 * chunk starting at iteration lo. */
int mploop__team_cancelled(const struct mploop__team *t, uint64_t lo);
/* Worker: worker w finished (busy_ns spent running chunks) and shipped its
 * writes: record the time and mark its slot done; then _exit(0), or, in a
 * persistent team, tell the parent and return (the caller parks). */
void mploop__team_worker_done(struct mploop__team *t, unsigned w, uint64_t busy_ns);

/* ---- the persistent team (team.c) ---------------------------------------
 * Workers forked for a loop may park after it instead of exiting, and a
 * later loop wakes them (see team.c for the life cycle). */

/* Parent, before mploop__team_fork: make the next fork form a persistent
 * team (dissolving the one that exists): its shared block, the descriptors
 * the workers signal and watch, the process fingerprint.  Sets t->crew.
 * Returns 0 or -errno (then t forks workers that exit as usual). */
int mploop__team_crew_form(struct mploop__team *t);
/* Parent: NULL when the parked team can run the loop of t (as many
 * workers as planned, all parked and alive, nothing a fork copies changed:
 * see linux_procstate.c), else why not (for MPLOOP_VERBOSE=2).  When it
 * compared the descriptors, it listed those open for writing into *wl. */
const char *mploop__team_crew_ready(const struct mploop__team *t, struct mploop__wfds *wl);
/* Parent: take over terminating signals and wake the parked team for t
 * (the memory they resume with is staged). */
void mploop__team_crew_wake(struct mploop__team *t);
/* Parent: end the persistent team, if any, for the reason why (kept for
 * the next loop's verbose line): kill and reap its workers. */
void mploop__team_crew_dissolve(const char *why);
/* Parent: nonzero while a persistent team exists. */
int mploop__team_crew_exists(void);
/* Worker of a persistent team, after mploop__team_worker_done: block
 * signals, move to its own stack and call parked() there (which must not
 * return). */
__attribute__((noreturn)) void mploop__team_worker_park(void (*parked)(void));
/* Worker, on its own stack: wait to be woken for the next loop; exits when
 * the parent is gone (exited, or replaced by exec) or when ok is 0 (the
 * worker cannot be resumed; the parent notices and forms a new team). */
void mploop__team_worker_wait(int ok);
/* Worker, resumed in the parent's context: become the worker of t again
 * as after a fork (signals, flags).  Returns its index. */
unsigned mploop__team_resumed(struct mploop__team *t);
/* Parent, while the workers run: the iterations of the chunks they
 * finished so far, at most the trip count. */
uint64_t mploop__team_done(const struct mploop__team *t);
/* Parent, after a successful mploop__team_wait: the workers' busy time in
 * all, each worker's figure at most the loop's duration. */
uint64_t mploop__team_busy_ns(const struct mploop__team *t);
/* Worker: worker w cannot go on (state MPLOOP__SLOT_BEGIN_FAILED or
 * MPLOOP__SLOT_SHIP_FAILED, err its -errno): record both in the slot and
 * _exit(MPLOOP__EXIT_RUNTIME). */
__attribute__((noreturn)) void mploop__team_worker_abort(struct mploop__team *t, unsigned w,
                                                         int state, int err);
/* Worker: stop because the loop was cancelled: flush stdio, mark the slot
 * and _exit without shipping anything. */
__attribute__((noreturn)) void mploop__team_worker_cancel(struct mploop__team *t, unsigned w);
/* Worker: the body called exit(status) at iteration iter: flush stdio,
 * mark the slot and _exit without shipping anything or running the
 * parent's atexit handlers (the parent ends the program). */
__attribute__((noreturn)) void mploop__team_worker_exit(struct mploop__team *t, unsigned w,
                                                        int status);
/* Worker: the body called mploop_fail: copy code and message (cut to
 * MPLOOP__MSG_MAX - 1 bytes) to the parent, flush stdio, mark the slot and
 * _exit without shipping anything. */
__attribute__((noreturn)) void mploop__team_worker_fail(struct mploop__team *t, unsigned w,
                                                        int code, const char *msg);
/* Parent: wait for every forked worker.  Returns 0 when all finished their
 * work.  On the first failure, asks the others to stop and kills those
 * still running after o->grace_ms; a timeout or a terminating signal to the
 * parent (MPLOOP__FAIL_INTERRUPTED) kills them at once.  In every case
 * reaps every worker and closes the pidfds before returning; on failure
 * returns -1, fills *first and counts in *others the further workers that
 * failed on their own.  Everything read from the control block is
 * validated: garbage is a MPLOOP__FAIL_CORRUPT failure. */
int mploop__team_wait(struct mploop__team *t, const struct mploop__wait *o,
                      struct mploop__failure *first, unsigned *others);
/* Both: nonzero in a worker process (forked by mploop__team_fork). */
int mploop__team_in_worker(void);
/* Parent, after mploop__team_fork forked t's workers: fork one more
 * process for the loop (the sequential run of MPLOOP_CHECK=verify).  It
 * becomes a worker process as they did (the terminating signals given
 * back, dies with the parent, loops it reaches run in-process) but has no
 * slot in the control block; the caller watches it.  Returns 1 in the new
 * process, 0 in the parent with *pid set, or -errno. */
int mploop__team_fork_extra(struct mploop__team *t, pid_t *pid);

/* ---- table.c: tables as aligned text, CSV and JSON --------------------
 * A table is columns (struct mploop__col) and rows of cells, one per
 * column.  The writer buffers its output and writes it with write(2): no
 * malloc, no stdio. */

/* How a column's cells are shown. */
enum mploop__col_kind {
    MPLOOP__COL_TEXT = 0,   /* cell.s, a string (JSON-escaped as needed) */
    MPLOOP__COL_COUNT,      /* cell.u, a count */
    MPLOOP__COL_BYTES,      /* cell.u, bytes: K, M, G in text */
    MPLOOP__COL_SECONDS,    /* cell.d, seconds: ms or s in text */
    MPLOOP__COL_RATIO       /* cell.d, a ratio: 2 decimals in text */
};
struct mploop__col {
    const char *key;        /* JSON and CSV name */
    const char *head;       /* text heading */
    int kind;               /* enum mploop__col_kind */
};
union mploop__cell {
    const char *s;
    uint64_t u;
    double d;
};
/* A buffered writer to a descriptor; err keeps the first -errno. */
struct mploop__writer {
    int fd;
    int err;
    size_t len;
    uint64_t written;  /* bytes flushed so far */
    char buf[4096];
};
/* Both: start writing to fd. */
void mploop__writer_init(struct mploop__writer *w, int fd);
/* Parent: start replacing the contents of the file at path (created when
 * missing).  Returns 0 or -errno; on success end with
 * mploop__writer_close. */
int mploop__writer_open(struct mploop__writer *w, const char *path);
/* Parent: flush, cut a regular file after what was written, close.
 * Returns 0 or the first -errno of the writer's life. */
int mploop__writer_close(struct mploop__writer *w);
/* Both: append printf-style text. */
void mploop__writer_put(struct mploop__writer *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Both: append s as a JSON string, quotes included. */
void mploop__writer_json_string(struct mploop__writer *w, const char *s);
/* Both: write out what is buffered.  Returns 0 or the first -errno. */
int mploop__writer_flush(struct mploop__writer *w);
/* Both: the first ncols columns of the table cells[rows][stride] as
 * aligned text, a heading line first, each line opened by `indent`. */
void mploop__table_text(struct mploop__writer *w, const char *indent,
                        const struct mploop__col *cols, unsigned ncols, unsigned stride,
                        const union mploop__cell *cells, unsigned rows);
/* Both: the table as CSV (RFC 4180), the keys as header. */
void mploop__table_csv(struct mploop__writer *w, const struct mploop__col *cols,
                       unsigned ncols, const union mploop__cell *cells, unsigned rows);
/* Both: one row as JSON members `"key": value` separated by `,\n` and
 * opened by `indent` (no braces: the caller adds them and its own members). */
void mploop__table_json_members(struct mploop__writer *w, const char *indent,
                                const struct mploop__col *cols, unsigned ncols,
                                const union mploop__cell *row);

/* ---- measure.c: the loop report (MPLOOP_REPORT) -------------------------
 * Per loop site (file:line), what its executions ran and used, written at
 * exit by the process that read the environment. */

/* What the parent knows of one forked execution at its end. */
struct mploop__run {
    uint64_t trip;          /* iterations */
    uint64_t started_ns;    /* when mploop_start was called */
    uint64_t wall_ns;       /* from then to the end of the join */
    uint64_t merge_ns;      /* merging the workers' writes */
    uint64_t merged;        /* bytes the merge wrote */
    int failed;             /* the execution failed (nothing merged) */
};
/* Parent, at each loop's begin under MPLOOP_REPORT: make the records and
 * have the report written at exit (once). */
void mploop__measure_init(const struct mploop__env *env);
/* Both (a worker for loops nested in its body): an execution of site ran
 * in-process: trip iterations in wall_ns, using *use (NULL: not known). */
void mploop__measure_inprocess(const mploop_site *site, uint64_t trip, uint64_t wall_ns,
                               const struct mploop__usage *use);
/* Parent: the execution r of site on t's workers ended (after the merge,
 * or failed); the workers' slots say what each ran and used. */
void mploop__measure_forked(const mploop_site *site, const struct mploop__team *t,
                            const struct mploop__run *r);
/* Both (a worker for pipelines nested in its body), after the join of a
 * measured pipeline execution of site (succeeded or failed): its nstages
 * stages did fig[k], on `workers` participants (1 in-process), in wall_ns
 * from its start.  Added to the site's record, as loop figures are. */
void mploop__measure_pipeline(const mploop_site *site, const struct mploop__stage_figures *fig,
                              unsigned nstages, unsigned workers, uint64_t wall_ns);

/* ---- progress.c: the progress line (MPLOOP_PROGRESS) --------------------
 * One line on standard error, redrawn in place, for the forked loop the
 * parent waits for; only on a terminal. */

/* A loop shows its line in auto mode once it has run this long. */
#define MPLOOP__PROGRESS_AFTER_NS 2000000000ull
/* The line is redrawn at most this often. */
#define MPLOOP__PROGRESS_TICK_NS 100000000ull

/* Parent, when it starts waiting for the workers of the loop at site of
 * trip iterations started at started_ns: whether the line may be drawn
 * (mode, enum mploop__progress_mode, and standard error a terminal). */
int mploop__progress_begin(const mploop_site *site, uint64_t trip, uint64_t started_ns,
                           int mode);
/* Parent, while it waits: done iterations of the loop have finished; draw
 * the line when it is due. */
void mploop__progress_tick(uint64_t done);
/* Both: erase the line if it is drawn (before anything else is written on
 * standard error); it is drawn again at the next tick. */
void mploop__progress_clear(void);
/* Parent, when the wait is over: erase the line; no more ticks draw. */
void mploop__progress_end(void);

/* ---- cancel.c: which loop's body a thread runs (mploop_cancel) ----------
 * loop.c tells it; mploop_cancel, mploop_cancelled, mploop_worker_num and
 * mploop_num_workers answer from it. */

/* One loop whose body a thread runs, as loop.c describes it. */
struct mploop__body {
    volatile int *stop;        /* the loop's cancel word */
    unsigned worker;           /* this participant's worker number */
    struct mploop__team *team; /* a forked loop's workers; NULL in-process */
    struct mploop__body *outer; /* cancel.c's: the body around this one */
};
/* Both: the calling thread starts running the body of b in-process (b
 * lives until mploop__body_done); it is the innermost from now on. */
void mploop__body_enter(struct mploop__body *b);
/* Worker, when it starts (or resumes) its part of the loop of b: b is the
 * only body it runs; the parent's in-process loops around are not its. */
void mploop__body_worker(struct mploop__body *b);
/* Both, when a loop ends (mploop_done): the thread leaves the body of b if
 * it ran it, and remembers whether the loop was cancelled. */
void mploop__body_done(struct mploop__body *b, int cancelled);

/* ---- verify.c: checking a loop's answer (MPLOOP_CHECK) -------------------
 * MPLOOP_CHECK=verify runs each forked loop once more, sequentially, in one
 * more process forked from the same snapshot, and the merge compares the
 * workers' result with its writes before applying anything.  MPLOOP_CHECK=1
 * warns about bytes several workers changed to the same value. */

/* Parent, after the workers of a loop were forked (t) with memory m: when
 * m has a sequential slot, fork the sequential run.  Returns 1 in it, with
 * *cur set to where it publishes its iteration, after its memory has begun
 * (it must then run the whole loop in order with participant areas of its
 * own, and end in mploop__verify_end); 0 in the parent (when the run
 * cannot be forked it warns at site and the loop goes unverified). */
int mploop__verify_start(const mploop_site *site, struct mploop__team *t,
                         struct mploop__mem *m, volatile uint64_t **cur);
/* Both, at the end of a participant of the loop with memory m: in the
 * sequential run of that loop, ship its writes and _exit; elsewhere
 * return. */
void mploop__verify_end(struct mploop__mem *m);
/* Parent, after mploop__team_wait for t (failed: it failed, *f filled in):
 * wait for the loop's sequential run, if any, within o's time limit.
 * Returns 1 when the loop failed: it had failed already (the sequential
 * run is then killed), the sequential run failed or ran out of time, or a
 * terminating signal arrived (*f tells); else 0, and the merge of m
 * compares.  The sequential run is reaped either way. */
int mploop__verify_wait(struct mploop__team *t, struct mploop__mem *m,
                        const struct mploop__wait *o, int failed, struct mploop__failure *f);
/* Parent, after mploop__mem_merge returned -EDOM: describe where and how
 * the results differ into f's message and address. */
void mploop__verify_explain(const struct mploop__mem *m, struct mploop__failure *f);
/* Parent, after a successful merge of the loop at site with memory m:
 * under MPLOOP_CHECK=1, warn about bytes several workers changed to the
 * same value. */
void mploop__verify_overlaps(const mploop_site *site, const struct mploop__env *env,
                             const struct mploop__mem *m);

#endif /* MPLOOP_INTERNAL_H */
