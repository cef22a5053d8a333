/*
 * output.c - what workers write to the program's descriptors, in sequential order.
 *
 * Why this file exists: workers share the parent's descriptors.  Left
 * alone, two workers' printf output interleaves mid-line (each flushes its
 * buffer when it fills), blocks come out in whatever order the workers
 * finish, and writes positioned with fseek or pwrite move one file offset
 * that every worker shares.  The sequential program would have written the
 * same bytes in iteration order.
 *
 * So each worker writes into files of its own instead.  Before the workers
 * start, the parent lists its descriptors open for writing on a regular
 * file, a pipe or a character device (a terminal, /dev/null); descriptors
 * that share one open file description (2>&1) form one destination.  Each
 * worker gets, per destination, a memfd of its own ("data") in place of
 * every descriptor of the destination (dup3; the original is put back when
 * the worker's part ends), so stdio, write(2) and the processes a body
 * starts all write there.  At every chunk boundary the worker flushes its
 * streams and logs what the chunk wrote into a ring in shared memory: one
 * record per run of bytes (where they lie in its data file), per seek and
 * per positioned write.  The parent replays the chunks in iteration order
 * as soon as every earlier iteration has finished (so a long loop still
 * shows its output while it runs): a run to a pipe or terminal is copied
 * to the real descriptor; to a regular file it is written at the offset
 * the sequential program would have had, which the parent follows through
 * the logged seeks; at the end the real offset is set to it.
 *
 * Descriptors open for reading as well are left alone (the body may read
 * them; what it reads must be the file), but for 1 and 2 (a terminal); so
 * are pipes whose other end the process reads itself: threads (or a body
 * and the program's other threads) signalling one another, whose bytes
 * must arrive at once.
 *
 * Destinations.  A pipe, a terminal, a device or a file opened O_APPEND is
 * a stream: its worker file only grows, and a chunk's bytes are the run
 * between two sizes.  A regular file is positioned: the worker's data file
 * mirrors its offsets (it starts at the file's offset, sized as the file),
 * seeks and positioned writes reach it through the entry points in
 * io_interpose.c, and every run is copied to an append-only "log" memfd
 * (one per worker) before a seek can overwrite it.
 *
 * Order.  A ring per planned worker slot holds the records of the chunks
 * that slot ran, in increasing iteration order (a static share stays in its
 * ring even when another worker adopts it; claimed chunks go to the
 * claiming worker's ring), and the lowest iteration of the chunk in
 * progress.  Every iteration below the lowest of those (and below the
 * dynamic schedule's counter) has finished, so a finished chunk that
 * starts there may be replayed.  MPLOOP_OUTPUT=live replays finished
 * chunks in the order they finish instead.  A chunk that wrote nothing
 * leaves no record.
 *
 * Failures.  When a worker fails, the others finish the chunks that come
 * before the failed iteration (within MPLOOP_GRACE_MS) and stop; the parent
 * replays every finished chunk up to the failed one, then what the failed
 * worker had written of its chunk.  A loop that will be run again in-process
 * (MPLOOP_ON_ERROR=serial) replays nothing after a failure, and nothing
 * while it runs: the re-run writes it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* Destinations captured at most; descriptors per destination. */
#define OUT_DESTS 8
#define OUT_DEST_FDS 4
/* Descriptors below this number can be captured (a table in the worker). */
#define OUT_FD_TABLE 1024
/* Records per ring. */
#define OUT_RING 8192
/* Replayed bytes of a worker file are given back to the system in runs of
 * at least this much, so that a loop writing gigabytes does not hold them
 * in memory. */
#define OUT_PUNCH (1u << 20)
/* How long a worker whose ring is full sleeps between looks. */
#define OUT_FULL_NAP_NS 2000000u

/* Record operations; OUT_LAST marks a chunk's last record; the bits from
 * OUT_WORKER_SHIFT up name the worker that wrote it (whose files hold the
 * bytes: a share adopted by another worker keeps its ring). */
enum { OUT_RUN = 1, OUT_SEEK = 2, OUT_PWRITE = 3, OUT_END = 4 };
#define OUT_OP 0xff
#define OUT_LAST 0x100
#define OUT_WORKER_SHIFT 16

/* One record.  RUN: a = where the bytes start, b = where they end (in the
 * data file of a stream, in the log of a positioned file).  SEEK: a =
 * whence, b = offset, c = the data file's offset after it.  PWRITE: a = the
 * position, b = where the bytes start in the log, c = how many. */
struct out_rec {
    uint64_t lo, hi;  /* the chunk: iterations [lo, hi) */
    uint32_t op;      /* OUT_* | OUT_LAST */
    uint32_t dest;
    int64_t a, b, c;
};

/* One ring, in shared memory: written by the worker running its slot,
 * consumed by the parent. */
struct out_ring {
    uint64_t cur_lo;   /* atomic: lowest iteration of the chunk in progress,
                        * UINT64_MAX when the slot has no more chunks */
    uint64_t head;     /* atomic: records written */
    unsigned writer;   /* atomic: the worker running the chunk in progress */
    int64_t mark[OUT_DESTS]; /* a pipeline's: where the writer's files stood
                        * when the step in progress began */
    uint64_t held;     /* atomic: bytes of its records not replayed yet */
    uint64_t tail __attribute__((aligned(64))); /* atomic: records consumed */
    int tail_word;     /* futex word bumped with tail */
    int waiting;       /* the writer sleeps on tail_word */
    struct out_rec rec[OUT_RING] __attribute__((aligned(64)));
};

/* A destination of the current loop. */
struct out_dest {
    int fd[OUT_DEST_FDS];
    unsigned char cloexec[OUT_DEST_FDS];
    unsigned nfd;
    int positioned;    /* a regular file without O_APPEND */
    int no_seek;       /* a pipe or terminal: seeks fail with ESPIPE */
    int64_t start;     /* positioned: the real offset when the loop began */
    int64_t size;      /* positioned: the real size when the loop began */
    int64_t cursor;    /* positioned: the sequential offset while replaying */
};

/* Runs of a worker file replayed past its prefix, at most. */
#define OUT_EXTENTS 64

/* Parent: how much of a worker file was replayed: the prefix replayed
 * whole, and runs replayed beyond it.  A loop's runs come in the order the
 * worker wrote them, each starting where the prefix ends; a pipeline's
 * steps of one worker come from the rings of several tokens, and may be
 * replayed out of that order.  Only the prefix is given back. */
struct out_extent {
    uint64_t prefix;
    unsigned n;
    struct { uint64_t a, b; } run[OUT_EXTENTS];
};

/* Parent: what it keeps per planned worker slot (the slots of a loop lie
 * together, so that a loop writes few pages of the runtime's state, which
 * a persistent team copies into its workers). */
struct out_slot {
    int data[OUT_DESTS];           /* memfds, 0: none yet */
    int log;
    unsigned char used[OUT_DESTS + 1]; /* a worker may have written the file
                                    * (data k, or the log at OUT_DESTS) or
                                    * moved its offset */
    int64_t at[OUT_DESTS];         /* the data file's offset as last set */
    int64_t size[OUT_DESTS];       /* and its size */
    uint64_t done[OUT_DESTS];      /* stream: bytes replayed; positioned: the
                                    * data offset after the last record
                                    * replayed */
    uint64_t punched[OUT_DESTS];   /* stream: bytes given back */
    struct out_extent ext[OUT_DESTS]; /* stream: what was replayed */
    uint64_t log_punched;          /* log bytes given back */
    struct out_extent log_ext;     /* log bytes replayed */
};

/* Parent: the capture of the current loop, and the descriptors kept from
 * loop to loop (workers forked for an earlier loop hold them too). */
static struct {
    int active;                  /* the current loop's workers capture */
    int pipe;                    /* a pipeline's: a ring per token */
    int mode;                    /* enum mploop__output_mode */
    int hold;                    /* replay nothing until the loop succeeded */
    unsigned n;                  /* planned slots */
    unsigned nrings;             /* rings in use: n, or a pipeline's tokens */
    unsigned ndest;
    struct out_dest dest[OUT_DESTS];
    struct out_ring *rings;      /* `rings_n` rings, shared */
    size_t rings_size;
    unsigned rings_n;
    struct out_slot slot[MPLOOP__MAX_WORKERS];
    unsigned gen;                /* bumped when a descriptor was added */
} out MPLOOP__STATE;

/* Worker: its part of the current loop's capture. */
static struct {
    int on;
    unsigned w;              /* its slot: data and log files */
    unsigned own;            /* its own ring (claimed chunks) */
    unsigned ring;           /* ring of the chunk in progress */
    int open;                /* a chunk is in progress */
    int logged;              /* records were written for it */
    uint64_t lo, hi;
    int64_t mark[OUT_DESTS]; /* data offset where the next run starts */
    int64_t logpos;          /* bytes in the log */
    int saved[OUT_DESTS][OUT_DEST_FDS]; /* the original descriptors */
    signed char dest_of[OUT_FD_TABLE];  /* descriptor -> destination + 1 */
} ow MPLOOP__STATE;

/* ---- parent: planning a loop's capture --------------------------------- */

/* Parent: a memfd for *fd unless it has one; bumps the generation when it
 * makes one.  Returns 0 or -errno. */
static int out_memfd(int *fd, const char *name)
{
    if (*fd > 0)
        return 0;
    int m = mploop__memfd_create(name);
    if (m < 0)
        return m;
    *fd = m;
    out.gen++;
    return 0;
}

/* Parent: the rings for n slots, in the runtime's shared reserve. */
static int out_rings(unsigned n)
{
    if (out.rings_n >= n)
        return 0;
    size_t size = (size_t)n * sizeof(struct out_ring);
    struct out_ring *r = mploop__os_map(size);
    if (!r)
        return -ENOMEM;
    if (out.rings)
        mploop__os_unmap(out.rings, out.rings_size);
    out.rings = r;
    out.rings_size = size;
    out.rings_n = n;
    return 0;
}

/* Parent: group the writable descriptors of wl into destinations. */
static void out_group(const struct mploop__wfds *wl)
{
    const struct mploop__wfd *v = wl->v;
    unsigned nv = wl->n < MPLOOP__WFDS ? (unsigned)wl->n : MPLOOP__WFDS;
    out.ndest = 0;
    for (unsigned i = 0; i < nv; i++) {
        if (v[i].fd >= OUT_FD_TABLE)
            continue;
        /* A pipe whose other end this process reads (threads of the
         * program talking to one another) carries no output: left alone. */
        int own_pipe = 0;
        for (unsigned r = 0; r < wl->nread && v[i].type == MPLOOP__WFD_PIPE; r++)
            own_pipe |= wl->read_pipe[r] == v[i].ino;
        if (own_pipe)
            continue;
        struct out_dest *d = NULL;
        for (unsigned k = 0; k < out.ndest && !d; k++)
            if (mploop__procstate_same_file(out.dest[k].fd[0], v[i].fd))
                d = &out.dest[k];
        if (d) {
            if (d->nfd < OUT_DEST_FDS) {
                d->cloexec[d->nfd] = (unsigned char)v[i].cloexec;
                d->fd[d->nfd++] = v[i].fd;
            }
            continue;
        }
        if (out.ndest == OUT_DESTS)
            continue;
        d = &out.dest[out.ndest++];
        memset(d, 0, sizeof *d);
        d->fd[0] = v[i].fd;
        d->cloexec[0] = (unsigned char)v[i].cloexec;
        d->nfd = 1;
        d->positioned = v[i].type == MPLOOP__WFD_FILE && !v[i].append;
        d->no_seek = v[i].type == MPLOOP__WFD_PIPE || v[i].type == MPLOOP__WFD_TTY;
        if (d->positioned) {
            off_t at = lseek(v[i].fd, 0, SEEK_CUR);
            d->start = at < 0 ? 0 : (int64_t)at;
            d->size = v[i].size;
            d->cursor = d->start;
        }
    }
}

/* Parent: see internal.h. */
int mploop__output_plan(unsigned n, unsigned rings, int mode, int hold,
                        const struct mploop__wfds *wl)
{
    out.active = 0;
    if (n == 0 || n > MPLOOP__MAX_WORKERS)
        return 0;
    unsigned nrings = rings ? rings : n;
    struct mploop__wfds own;
    if (!wl || wl->n < 0) {
        int rc = mploop__procstate_writable(&own);
        if (rc < 0)
            return rc;
        wl = &own;
    }
    out_group(wl);
    if (out.ndest == 0)
        return 0;
    int rc = out_rings(nrings);
    int any_positioned = 0;
    for (unsigned k = 0; k < out.ndest; k++)
        any_positioned |= out.dest[k].positioned;
    for (unsigned w = 0; w < n && rc == 0; w++) {
        for (unsigned k = 0; k < out.ndest && rc == 0; k++)
            rc = out_memfd(&out.slot[w].data[k], "mploop-output");
        if (rc == 0 && any_positioned)
            rc = out_memfd(&out.slot[w].log, "mploop-output-log");
    }
    if (rc < 0)
        return rc;
    /* Every worker starts from empty files and an empty ring (a file no
     * worker touched since it was last set is as it should be). */
    for (unsigned w = 0; w < n; w++) {
        for (unsigned k = 0; k < out.ndest; k++) {
            const struct out_dest *d = &out.dest[k];
            int fd = out.slot[w].data[k];
            int64_t at = d->positioned ? d->start : 0;
            if (out.slot[w].used[k] || at != out.slot[w].at[k] ||
                (d->positioned && d->size != out.slot[w].size[k])) {
                if (ftruncate(fd, d->positioned ? d->size : 0) != 0 ||
                    lseek(fd, at, SEEK_SET) < 0)
                    return -errno;
                out.slot[w].at[k] = at;
                out.slot[w].size[k] = d->positioned ? d->size : 0;
                out.slot[w].used[k] = 0;
            }
            out.slot[w].done[k] = (uint64_t)at;
            out.slot[w].punched[k] = 0;
            out.slot[w].ext[k].prefix = 0;
            out.slot[w].ext[k].n = 0;
        }
        if (any_positioned && out.slot[w].used[OUT_DESTS]) {
            if (ftruncate(out.slot[w].log, 0) != 0 || lseek(out.slot[w].log, 0, SEEK_SET) < 0)
                return -errno;
            out.slot[w].used[OUT_DESTS] = 0;
        }
        out.slot[w].log_ext.prefix = 0;
        out.slot[w].log_ext.n = 0;
        out.slot[w].log_punched = 0;
    }
    /* A loop's ring r is slot r's, in progress from the start; a
     * pipeline's rings belong to its tokens, idle until an item takes one
     * (pipeline.c moves them on). */
    for (unsigned r = 0; r < nrings; r++) {
        struct out_ring *g = &out.rings[r];
        g->cur_lo = rings ? UINT64_MAX : 0;
        g->writer = r < n ? r : 0;
        g->held = 0;
        g->head = 0;
        g->tail = 0;
        g->waiting = 0;
    }
    out.n = n;
    out.nrings = nrings;
    out.pipe = rings != 0;
    out.mode = mode;
    out.hold = hold;
    out.active = 1;
    if (mploop__io_hooks.captures != mploop__output_captures) {
        mploop__io_hooks.captures = mploop__output_captures;
        mploop__io_hooks.seek_begin = mploop__output_seek_begin;
        mploop__io_hooks.seek_end = mploop__output_seek_end;
        mploop__io_hooks.pwrite = mploop__output_pwrite;
    }
    return 0;
}

/* Parent: see internal.h. */
unsigned mploop__output_generation(void)
{
    return out.gen;
}

/* Parent: see internal.h. */
int mploop__output_active(void)
{
    return out.active;
}

/* Parent: see internal.h. */
void mploop__output_orphan(unsigned slot, uint64_t lo)
{
    uint64_t zero = 0;
    if (out.active && slot < out.nrings)
        __atomic_compare_exchange_n(&out.rings[slot].cur_lo, &zero, lo, 0, __ATOMIC_ACQ_REL,
                                    __ATOMIC_RELAXED);
}

/* ---- parent: replay ---------------------------------------------------- */

/* Parent: the first iteration that may not have finished: the lowest
 * chunk in progress, and the first iteration not claimed yet (`claimed`,
 * UINT64_MAX when chunks are not claimed). */
static uint64_t out_frontier(uint64_t claimed)
{
    uint64_t f = claimed;
    for (unsigned r = 0; r < out.nrings; r++) {
        uint64_t lo = __atomic_load_n(&out.rings[r].cur_lo, __ATOMIC_ACQUIRE);
        if (lo < f)
            f = lo;
    }
    return f;
}

/* Parent: give back the bytes [*punched, done) of file fd once they are
 * many. */
static void out_give_back(int fd, uint64_t *punched, uint64_t done)
{
    uint64_t end = done & ~(uint64_t)(MPLOOP__PAGE - 1);
    if (end >= *punched + OUT_PUNCH) {
        mploop__os_punch(fd, *punched, end - *punched);
        *punched = end;
    }
}

/* Parent: the bytes [a, b) of a worker file were replayed; returns how
 * many of its first bytes have been, all of them (the runs beyond that
 * wait for the ones before them; when too many wait, the prefix stops
 * there and nothing more of the file is given back until the next loop). */
static uint64_t out_extent_add(struct out_extent *e, uint64_t a, uint64_t b)
{
    if (a > e->prefix) {
        if (e->n < OUT_EXTENTS)
            e->run[e->n++] = (__typeof__(e->run[0])){ a, b };
        return e->prefix;
    }
    if (b > e->prefix)
        e->prefix = b;
    for (unsigned i = 0; i < e->n;) {
        if (e->run[i].a <= e->prefix) {
            if (e->run[i].b > e->prefix)
                e->prefix = e->run[i].b;
            e->run[i] = e->run[--e->n];
            i = 0;
        } else {
            i++;
        }
    }
    return e->prefix;
}

/* Parent: replay one record of slot r's ring (written by the worker that
 * ran the chunk: data and log files of slot w). */
static void out_replay(const struct out_rec *rec, unsigned w)
{
    unsigned k = rec->dest;
    if (k >= out.ndest)
        return;
    struct out_dest *d = &out.dest[k];
    int real = d->fd[0];
    switch (rec->op & OUT_OP) {
    case OUT_RUN:
        if (rec->b <= rec->a)
            return;
        if (!d->positioned) {
            mploop__os_copy(out.slot[w].data[k], (uint64_t)rec->a, real, -1, (uint64_t)(rec->b - rec->a));
            out.slot[w].done[k] = (uint64_t)rec->b;
            out_give_back(out.slot[w].data[k], &out.slot[w].punched[k],
                          out_extent_add(&out.slot[w].ext[k], (uint64_t)rec->a, (uint64_t)rec->b));
        } else {
            mploop__os_copy(out.slot[w].log, (uint64_t)rec->a, real, d->cursor,
                            (uint64_t)(rec->b - rec->a));
            d->cursor += rec->b - rec->a;
            out.slot[w].done[k] += (uint64_t)(rec->b - rec->a);
            out_give_back(out.slot[w].log, &out.slot[w].log_punched,
                          out_extent_add(&out.slot[w].log_ext, (uint64_t)rec->a, (uint64_t)rec->b));
        }
        return;
    case OUT_SEEK:
        if (rec->a == SEEK_SET) {
            d->cursor = rec->b;
        } else if (rec->a == SEEK_CUR) {
            d->cursor += rec->b;
        } else {
            struct stat sb;
            d->cursor = (fstat(real, &sb) == 0 ? (int64_t)sb.st_size : 0) + rec->b;
        }
        if (d->cursor < 0)
            d->cursor = 0;
        out.slot[w].done[k] = (uint64_t)rec->c;
        return;
    case OUT_PWRITE:
        if (rec->c > 0) {
            mploop__os_copy(out.slot[w].log, (uint64_t)rec->b, real, rec->a, (uint64_t)rec->c);
            out_give_back(out.slot[w].log, &out.slot[w].log_punched,
                          out_extent_add(&out.slot[w].log_ext, (uint64_t)rec->b,
                                         (uint64_t)(rec->b + rec->c)));
        }
        return;
    default:
        return;
    }
}

/* Parent: whether ring r's oldest chunk is complete; its iteration in *lo. */
static int out_ring_ready(unsigned r, uint64_t *lo)
{
    struct out_ring *g = &out.rings[r];
    uint64_t head = __atomic_load_n(&g->head, __ATOMIC_ACQUIRE);
    if (g->tail >= head || head - g->tail > OUT_RING)
        return 0;
    *lo = g->rec[g->tail % OUT_RING].lo;
    for (uint64_t i = g->tail; i < head; i++) {
        const struct out_rec *rec = &g->rec[i % OUT_RING];
        if (rec->lo != *lo)
            return 0; /* malformed: another chunk before this one ended */
        if (rec->op & OUT_LAST)
            return 1;
    }
    return 0;
}

/* Both: the bytes record rec brings to its destination. */
static uint64_t out_rec_bytes(const struct out_rec *rec)
{
    switch (rec->op & OUT_OP) {
    case OUT_RUN:
        return rec->b > rec->a ? (uint64_t)(rec->b - rec->a) : 0;
    case OUT_PWRITE:
        return rec->c > 0 ? (uint64_t)rec->c : 0;
    default:
        return 0;
    }
}

/* Parent: replay ring r's oldest chunk (complete) and consume it. */
static void out_replay_chunk(unsigned r)
{
    struct out_ring *g = &out.rings[r];
    uint64_t head = __atomic_load_n(&g->head, __ATOMIC_ACQUIRE);
    while (g->tail < head) {
        struct out_rec rec = g->rec[g->tail % OUT_RING];
        g->tail++;
        unsigned w = (unsigned)(rec.op >> OUT_WORKER_SHIFT);
        if (w < out.n)
            out_replay(&rec, w);
        __atomic_sub_fetch(&g->held, out_rec_bytes(&rec), __ATOMIC_RELAXED);
        if (rec.op & OUT_LAST)
            break;
    }
    __atomic_store_n(&g->tail, g->tail, __ATOMIC_RELEASE);
    __atomic_add_fetch(&g->tail_word, 1, __ATOMIC_RELEASE);
    if (__atomic_load_n(&g->waiting, __ATOMIC_ACQUIRE))
        mploop__os_futex_wake(&g->tail_word);
}

static void out_drain_due(uint64_t upto);

/* Parent: a positioned destination's sequential offset follows what the
 * parent itself wrote there since the last replay (a warning on standard
 * error, say): it comes first. */
static void out_cursors_take(void)
{
    for (unsigned k = 0; k < out.ndest; k++) {
        struct out_dest *d = &out.dest[k];
        off_t now;
        if (d->positioned && (now = lseek(d->fd[0], 0, SEEK_CUR)) >= 0)
            d->cursor = (int64_t)now;
    }
}

/* Parent: after a replay, a positioned destination's real offset is the
 * sequential one, so that what the parent writes next comes after it. */
static void out_cursors_give(void)
{
    for (unsigned k = 0; k < out.ndest; k++)
        if (out.dest[k].positioned)
            lseek(out.dest[k].fd[0], out.dest[k].cursor, SEEK_SET);
}

/* Parent: replay every complete chunk that starts at or below `upto`,
 * lowest first (or, live, every complete chunk). */
static void out_drain(uint64_t upto)
{
    out_cursors_take();
    out_drain_due(upto);
    out_cursors_give();
}

/* Parent: out_drain's replay. */
static void out_drain_due(uint64_t upto)
{
    for (;;) {
        unsigned best = UINT32_MAX;
        uint64_t best_lo = UINT64_MAX, lo;
        for (unsigned r = 0; r < out.nrings; r++)
            if (out_ring_ready(r, &lo) && lo <= upto && lo < best_lo) {
                best = r;
                best_lo = lo;
            }
        if (best == UINT32_MAX)
            return;
        mploop__progress_clear(); /* the output goes where the line was */
        out_replay_chunk(best);
    }
}

/* Parent: see internal.h. */
void mploop__output_pump(uint64_t claimed)
{
    if (!out.active || out.hold)
        return;
    if (out.mode == MPLOOP__OUTPUT_LIVE)
        out_drain(UINT64_MAX);
    else
        out_drain(out_frontier(claimed));
}

/* Parent: the end of the capture: the real offsets of positioned files are
 * where the sequential program would have left them, and their streams
 * forget what they remembered of the offset; ok: every worker ended its
 * part (a worker file it wrote shows in its ring).  (The worker files are
 * emptied when the next loop plans its capture.) */
static void out_close(int ok)
{
    out_cursors_give();
    for (unsigned k = 0; k < out.ndest; k++)
        if (out.dest[k].positioned)
            mploop__stdio_forget_offset(out.dest[k].fd[0]);
    /* After a loop whose workers logged nothing (and ended it), their
     * files are as the plan left them; otherwise any may hold bytes. */
    int touched = !ok;
    for (unsigned r = 0; r < out.nrings && !touched; r++)
        touched = __atomic_load_n(&out.rings[r].head, __ATOMIC_ACQUIRE) != 0;
    for (unsigned w = 0; w < out.n && touched; w++)
        memset(out.slot[w].used, 1, sizeof out.slot[w].used);
    out.active = 0;
}

/* Parent: see internal.h. */
void mploop__output_finish(void)
{
    if (!out.active)
        return;
    out.hold = 0;
    out_drain(UINT64_MAX);
    out_close(1);
}

/* Both: where the bytes of slot w's data file of destination k end now
 * (in a worker, the end of the run since the last mark), or -1. */
static int64_t out_run_end(unsigned w, unsigned k)
{
    int fd = out.slot[w].data[k];
    off_t end = out.dest[k].positioned ? lseek(fd, 0, SEEK_CUR) : lseek(fd, 0, SEEK_END);
    return end < 0 ? -1 : (int64_t)end;
}

/* Parent: what worker w had written of the chunk it failed in (at ring r):
 * its complete records first, then the bytes its files hold beyond them. */
static void out_replay_partial(unsigned r, unsigned w)
{
    struct out_ring *g = &out.rings[r];
    uint64_t head = __atomic_load_n(&g->head, __ATOMIC_ACQUIRE);
    if (head - g->tail <= OUT_RING)
        for (; g->tail < head; g->tail++) {
            struct out_rec rec = g->rec[g->tail % OUT_RING];
            if ((unsigned)(rec.op >> OUT_WORKER_SHIFT) == w)
                out_replay(&rec, w);
        }
    for (unsigned k = 0; k < out.ndest; k++) {
        struct out_dest *d = &out.dest[k];
        /* A pipeline's worker files hold other steps' bytes before the
         * failed one's, replayed or not: its own start where the step
         * began. */
        if (out.pipe)
            out.slot[w].done[k] = (uint64_t)g->mark[k];
        int64_t end = out_run_end(w, k);
        if (end < 0 || (uint64_t)end <= out.slot[w].done[k])
            continue;
        uint64_t len = (uint64_t)end - out.slot[w].done[k];
        mploop__os_copy(out.slot[w].data[k], out.slot[w].done[k], d->fd[0],
                        d->positioned ? d->cursor : -1, len);
        if (d->positioned)
            d->cursor += (int64_t)len;
        out.slot[w].done[k] = (uint64_t)end;
    }
}

/* Parent: see internal.h. */
void mploop__output_failed(int replay, unsigned worker, uint64_t iter)
{
    if (!out.active)
        return;
    if (replay) {
        out.hold = 0;
        /* Every worker has ended: the frontier stays where it is. */
        uint64_t due = out_frontier(UINT64_MAX);
        out_cursors_take();
        out_drain_due(iter < due ? iter : due);
        /* The failed worker's chunk, when it is the next one due. */
        if (worker < out.n && iter != UINT64_MAX)
            for (unsigned r = 0; r < out.nrings; r++) {
                uint64_t lo = __atomic_load_n(&out.rings[r].cur_lo, __ATOMIC_ACQUIRE);
                if (lo <= iter && lo == due &&
                    __atomic_load_n(&out.rings[r].writer, __ATOMIC_ACQUIRE) == worker) {
                    out_replay_partial(r, worker);
                    break;
                }
            }
    }
    out_close(0);
}

/* ---- worker -------------------------------------------------------------- */

/* Worker: append rec to ring r, waiting while the ring is full. */
static void out_push(unsigned r, struct out_rec rec)
{
    struct out_ring *g = &out.rings[r];
    rec.op |= ow.w << OUT_WORKER_SHIFT;
    uint64_t head = g->head;
    for (;;) {
        int word = __atomic_load_n(&g->tail_word, __ATOMIC_ACQUIRE);
        if (head - __atomic_load_n(&g->tail, __ATOMIC_ACQUIRE) < OUT_RING)
            break;
        __atomic_store_n(&g->waiting, 1, __ATOMIC_RELEASE);
        mploop__os_futex_wait_ns(&g->tail_word, word, OUT_FULL_NAP_NS);
    }
    g->rec[head % OUT_RING] = rec;
    __atomic_add_fetch(&g->held, out_rec_bytes(&rec), __ATOMIC_RELAXED);
    __atomic_store_n(&g->head, head + 1, __ATOMIC_RELEASE);
    ow.logged = 1;
}

/* Worker: log the run of destination k from the last mark to end, if any
 * (last: it is the chunk's last record). */
static void out_log_run(unsigned k, int64_t end, int last)
{
    const struct out_dest *d = &out.dest[k];
    if (end < 0 || end == ow.mark[k])
        return;
    struct out_rec rec = { ow.lo, ow.hi, OUT_RUN | (last ? OUT_LAST : 0), k, ow.mark[k], end, 0 };
    if (d->positioned) {
        /* A later seek may write over these bytes: keep them in the log. */
        if (end < ow.mark[k] ||
            mploop__os_copy(out.slot[ow.w].data[k], (uint64_t)ow.mark[k], out.slot[ow.w].log, ow.logpos,
                            (uint64_t)(end - ow.mark[k])) != 0) {
            ow.mark[k] = end;
            if (last)
                out_push(ow.ring, (struct out_rec){ ow.lo, ow.hi, OUT_END | OUT_LAST, 0, 0, 0, 0 });
            return;
        }
        rec.a = ow.logpos;
        rec.b = ow.logpos + (end - ow.mark[k]);
        ow.logpos = rec.b;
        /* The log holds them now; a large run's pages go back. */
        uint64_t from = MPLOOP__PAGE_UP(ow.mark[k]), to = MPLOOP__PAGE_DOWN(end);
        if (to >= from + OUT_PUNCH)
            mploop__os_punch(out.slot[ow.w].data[k], from, to - from);
    }
    ow.mark[k] = end;
    out_push(ow.ring, rec);
}

/* Worker: end the chunk in progress: flush the streams and log the runs,
 * the last record marked as such; always (end: the body ended the program
 * in it) or when the chunk logged anything. */
static void out_close_chunk(int end)
{
    if (!ow.open)
        return;
    fflush(NULL);
    int64_t at[OUT_DESTS];
    unsigned last = UINT32_MAX;
    for (unsigned k = 0; k < out.ndest; k++) {
        at[k] = out_run_end(ow.w, k);
        if (at[k] >= 0 && at[k] != ow.mark[k])
            last = k;
    }
    for (unsigned k = 0; k < out.ndest; k++)
        out_log_run(k, at[k], k == last);
    if (last == UINT32_MAX && (ow.logged || end))
        out_push(ow.ring, (struct out_rec){ ow.lo, ow.hi, OUT_END | OUT_LAST, 0, 0, 0, 0 });
    ow.open = 0;
}

/* Worker: see internal.h. */
void mploop__output_worker_begin(unsigned w)
{
    ow.on = 0;
    if (!out.active || w >= out.n)
        return;
    memset(ow.dest_of, 0, sizeof ow.dest_of);
    ow.w = w;
    ow.own = out.nrings == out.n ? w : UINT32_MAX; /* a pipeline's: none */
    ow.ring = ow.own;
    ow.open = 0;
    ow.logpos = 0;
    for (unsigned k = 0; k < out.ndest; k++) {
        const struct out_dest *d = &out.dest[k];
        ow.mark[k] = d->positioned ? d->start : 0;
        for (unsigned i = 0; i < d->nfd; i++) {
            ow.saved[k][i] = fcntl(d->fd[i], F_DUPFD_CLOEXEC, MPLOOP__FD_FLOOR);
            if (ow.saved[k][i] < 0 ||
                dup3(out.slot[w].data[k], d->fd[i], d->cloexec[i] ? O_CLOEXEC : 0) < 0) {
                if (ow.saved[k][i] >= 0)
                    close(ow.saved[k][i]);
                ow.saved[k][i] = -1;
                continue; /* that descriptor writes where it did */
            }
            ow.dest_of[d->fd[i]] = (signed char)(k + 1);
        }
    }
    ow.on = 1;
}

/* Worker: the chunk [lo, hi) of ring `ring` is in progress: what it writes
 * is logged there, by this worker. */
static void out_open(unsigned ring, uint64_t lo, uint64_t hi)
{
    ow.ring = ring;
    ow.lo = lo;
    ow.hi = hi;
    ow.open = 1;
    ow.logged = 0;
    __atomic_store_n(&out.rings[ring].writer, ow.w, __ATOMIC_RELEASE);
}

/* Worker: see internal.h. */
void mploop__output_chunk(unsigned ring, uint64_t lo, uint64_t hi)
{
    if (!ow.on || ring >= out.nrings)
        return;
    out_close_chunk(0);
    /* An adopted share is finished when the worker moves on; its own ring
     * stays in progress while it may still claim chunks. */
    if (ring != ow.ring && ow.ring != ow.own && ow.ring < out.nrings)
        __atomic_store_n(&out.rings[ow.ring].cur_lo, UINT64_MAX, __ATOMIC_RELEASE);
    out_open(ring, lo, hi);
    __atomic_store_n(&out.rings[ring].cur_lo, lo, __ATOMIC_RELEASE);
}

/* Both: see internal.h.  A step logs a run per destination and the
 * record that ends it, two more per seek or positioned write. */
uint64_t mploop__output_steps_ahead(unsigned stages)
{
    uint64_t per_item = (uint64_t)(stages ? stages : 1) * (OUT_DESTS + 2);
    uint64_t n = OUT_RING / per_item;
    return n ? n : 1;
}

/* Worker: see internal.h. */
uint64_t mploop__output_held(void)
{
    uint64_t held = 0;
    if (ow.on)
        for (unsigned r = 0; r < out.nrings; r++)
            held += __atomic_load_n(&out.rings[r].held, __ATOMIC_RELAXED);
    return held;
}

/* Worker: see internal.h. */
void mploop__output_step(unsigned ring, uint64_t v)
{
    if (!ow.on || ring >= out.nrings)
        return;
    out_close_chunk(0);
    for (unsigned k = 0; k < out.ndest; k++)
        out.rings[ring].mark[k] = ow.mark[k];
    out_open(ring, v, v + 1);
}

/* Worker: see internal.h. */
void mploop__output_step_end(void)
{
    if (ow.on)
        out_close_chunk(0);
}

/* Worker: see internal.h. */
void mploop__output_ring_at(unsigned ring, uint64_t v)
{
    if (ow.on && ring < out.nrings)
        __atomic_store_n(&out.rings[ring].cur_lo, v, __ATOMIC_RELEASE);
}

/* Worker: see internal.h. */
void mploop__output_worker_exit(uint64_t iter)
{
    if (!ow.on || !ow.open)
        return;
    ow.hi = iter + 1;
    out_close_chunk(1);
}

/* Worker: see internal.h. */
void mploop__output_worker_end(void)
{
    if (!ow.on)
        return;
    out_close_chunk(0);
    if (ow.own < out.nrings) {
        __atomic_store_n(&out.rings[ow.own].cur_lo, UINT64_MAX, __ATOMIC_RELEASE);
        __atomic_store_n(&out.rings[ow.ring].cur_lo, UINT64_MAX, __ATOMIC_RELEASE);
    }
    for (unsigned k = 0; k < out.ndest; k++) {
        const struct out_dest *d = &out.dest[k];
        for (unsigned i = 0; i < d->nfd; i++)
            if (ow.saved[k][i] >= 0) {
                dup3(ow.saved[k][i], d->fd[i], d->cloexec[i] ? O_CLOEXEC : 0);
                close(ow.saved[k][i]);
                ow.saved[k][i] = -1;
            }
    }
    ow.on = 0;
}

/* Worker: the destination descriptor fd belongs to, or NULL. */
static const struct out_dest *out_dest_of(int fd, unsigned *k)
{
    if (!ow.on || fd < 0 || fd >= OUT_FD_TABLE || !ow.dest_of[fd])
        return NULL;
    *k = (unsigned)ow.dest_of[fd] - 1;
    return &out.dest[*k];
}

/* Both: see internal.h. */
int mploop__output_captures(int fd)
{
    unsigned k;
    return out_dest_of(fd, &k) != NULL;
}

/* Both: see internal.h. */
int mploop__output_seek_begin(int fd)
{
    unsigned k;
    const struct out_dest *d = out_dest_of(fd, &k);
    if (!d)
        return 0;
    if (d->no_seek) {
        errno = ESPIPE;
        return -1;
    }
    if (d->positioned && ow.open)
        out_log_run(k, out_run_end(ow.w, k), 0);
    return 0;
}

/* Both: see internal.h. */
void mploop__output_seek_end(int fd, int whence, int64_t off)
{
    unsigned k;
    const struct out_dest *d = out_dest_of(fd, &k);
    if (!d || !d->positioned)
        return;
    off_t now = lseek(out.slot[ow.w].data[k], 0, SEEK_CUR);
    ow.mark[k] = now < 0 ? ow.mark[k] : (int64_t)now;
    if (!ow.open)
        return;
    out_push(ow.ring, (struct out_rec){ ow.lo, ow.hi, OUT_SEEK, k, whence, off, ow.mark[k] });
}

/* Both: see internal.h. */
void mploop__output_pwrite(int fd, int64_t pos, int64_t len)
{
    unsigned k;
    const struct out_dest *d = out_dest_of(fd, &k);
    if (!d || !d->positioned || !ow.open || len <= 0)
        return;
    if (mploop__os_copy(out.slot[ow.w].data[k], (uint64_t)pos, out.slot[ow.w].log, ow.logpos,
                        (uint64_t)len) != 0)
        return;
    out_push(ow.ring, (struct out_rec){ ow.lo, ow.hi, OUT_PWRITE, k, pos, ow.logpos, len });
    ow.logpos += len;
}
