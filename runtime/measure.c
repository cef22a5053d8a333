/*
 * measure.c - the loop report: what each annotated loop ran and used,
 * written at exit (MPLOOP_REPORT).
 *
 * Why this file exists: whether a loop pays on workers, and why not, is a
 * matter of figures: iterations and chunks, wall time against the time the
 * workers were busy, how evenly the work was spread, what starting and
 * merging cost, what the workers used.  Each execution of a loop adds its
 * figures to the record of its site; at exit the process that read the
 * environment writes one row per loop (file:line) as a table on standard
 * error, as JSON or as CSV (table.c lays it out).
 *
 * Where the figures come from.  The parent measures what it sees itself:
 * wall time from mploop_start to the end of the join, the merge's time and
 * bytes.  Each worker counts its chunks and iterations as it takes them,
 * times its chunks (it did already, for adapt.c), and under MPLOOP_REPORT
 * samples its own CPU time, faults and I/O when it begins and before it
 * ships (linux_usage.c): a worker of the persistent team is not reaped per
 * loop, so the parent could not ask the kernel for it.  It leaves them in
 * its slot of the control block, which the parent validates here.  A loop
 * that runs in-process (nested in a worker, adaptive, one worker, ...)
 * is measured by whoever runs it, with the thread's own counters.
 *
 * The records live in runtime memory shared with the workers (the
 * reserve), so that loops nested in a worker's body count too: every field
 * is added to atomically, and a site takes its record with a
 * compare-and-swap, since threads of the parent and workers may record at
 * once.  The records are keyed by the site (one per pragma and module);
 * sites at the same file:line (a loop in an inline function of a header)
 * make one row.  Without MPLOOP_REPORT none of this runs: a loop pays one
 * test of a flag.
 *
 * Pipelines.  A pipeline runs as one loop execution and is recorded as
 * one; its join then adds what each stage did (items, dropped items, time
 * in its function) from the pipeline's control block.  Its row counts the
 * items its first stage made as iterations and the time in its stages as
 * busy time, and a table per pipeline gives each stage's share of what it
 * could use (the wall time on one worker when serial, on all of them when
 * parallel) and names the stage with the highest share, its bottleneck.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "spin.h"

/* Records (a power of two); sites beyond share the last one. */
#define MEASURE_SITES 512
/* Version of the JSON report's layout (docs/report.schema.json). */
#define MEASURE_JSON_VERSION 2

/* One worker index's figures over a site's forked executions. */
struct measure_worker {
    uint64_t iterations, chunks, busy_ns;
};

/* One pipeline stage's figures over a site's executions. */
struct measure_stage {
    int kind;                 /* MPLOOP_STAGE_* */
    unsigned line;            /* its line, 0: unknown */
    uint64_t items, dropped, busy_ns;
    uint64_t capacity_ns;     /* wall time times the workers it could use
                               * (1 for a serial stage) */
};

/* What a loop site's executions ran and used, summed. */
struct measure_site {
    const mploop_site *site;  /* atomic; NULL: free; MEASURE_OTHER: the rest */
    /* The site's file, line and flags, copied when the record is taken: a
     * pipeline's site (mploop_pipeline_create) is freed with it.  file is
     * stored last (atomic; NULL while being filled in). */
    const char *file;
    unsigned line, flags;
    uint64_t runs, inprocess, failed;
    uint64_t iterations, chunks;
    uint64_t workers;         /* most workers of an execution */
    uint64_t wall_ns;         /* wall time */
    uint64_t busy_ns;         /* time the participants ran chunks */
    uint64_t capacity_ns;     /* wall time times workers */
    uint64_t phase_ns;        /* from the first worker's first chunk to the
                               * last one's end, times workers */
    uint64_t slowest_ns;      /* busy time of the busiest worker */
    uint64_t mean_ns;         /* busy time of the average worker */
    uint64_t start_ns;        /* from the start to the last worker running */
    uint64_t merge_ns, merged;
    uint64_t user_ns, sys_ns, maxrss_kb, minflt, majflt, rchar, wchar;
    struct measure_worker w[MPLOOP__MAX_WORKERS];
    uint64_t stages;          /* a pipeline: its stages (most of any run) */
    struct measure_stage stage[MPLOOP_PIPE_MAX_STAGES];
};

/* The report's state: the mode, its owner, the records. */
static struct {
    volatile int lock;          /* over init (mploop__spin_lock_pid) */
    int mode;                   /* enum mploop__report_mode; 0: not set up */
    const char *file;           /* the JSON or CSV file */
    pid_t owner;                /* the process that writes the report */
    struct measure_site *sites; /* MEASURE_SITES + 1 records, shared */
} ms MPLOOP__STATE;

/* The site of the record that gathers the sites the table has no room for. */
static const mploop_site measure_other = { "(other loops)", 0, 0, "", 0 };
#define MEASURE_OTHER (&measure_other)

static void measure_at_exit(void);

/* Parent: see internal.h.  Without memory for the records the report is
 * off, after a warning. */
void mploop__measure_init(const struct mploop__env *env)
{
    if (__atomic_load_n(&ms.mode, __ATOMIC_ACQUIRE) || mploop__team_in_worker())
        return;
    mploop__spin_lock_pid(&ms.lock);
    if (!ms.mode) {
        ms.sites = mploop__reserve_take((MEASURE_SITES + 1) * sizeof *ms.sites);
        if (!ms.sites || atexit(measure_at_exit) != 0) {
            mploop__warning(NULL, "no memory for the loop report (MPLOOP_REPORT); it is off");
            ms.sites = NULL;
        } else {
            ms.sites[MEASURE_SITES].site = MEASURE_OTHER;
            ms.sites[MEASURE_SITES].file = MEASURE_OTHER->file;
        }
        ms.file = env->report_file;
        ms.owner = mploop__os_pid();
        __atomic_store_n(&ms.mode, (int)env->report, __ATOMIC_RELEASE);
    }
    mploop__spin_unlock(&ms.lock);
}

/* Both: 1 when record r, whose site is site's address, is site's: the
 * address of a pipeline's site freed since may hold another one now, at
 * another file:line.  A record being filled in is taken to be. */
static int measure_same(const struct measure_site *r, const mploop_site *site)
{
    const char *file = __atomic_load_n(&r->file, __ATOMIC_ACQUIRE);
    return !file || (file == site->file && r->line == site->line);
}

/* Both: the record of site, taken when it has none; NULL when the report
 * is off.  Open addressing on the site's address. */
static struct measure_site *measure_record(const mploop_site *site)
{
    struct measure_site *sites = ms.sites;
    if (!__atomic_load_n(&ms.mode, __ATOMIC_ACQUIRE) || !sites)
        return NULL;
    uint64_t h = ((uint64_t)(uintptr_t)site >> 3) * 0x9e3779b97f4a7c15ull;
    for (unsigned i = 0; i < MEASURE_SITES; i++) {
        struct measure_site *r = &sites[(h + i) & (MEASURE_SITES - 1)];
        const mploop_site *have = __atomic_load_n(&r->site, __ATOMIC_ACQUIRE);
        if (!have && __atomic_compare_exchange_n(&r->site, &have, site, 0, __ATOMIC_ACQ_REL,
                                                 __ATOMIC_ACQUIRE)) {
            r->line = site->line;
            r->flags = site->flags;
            __atomic_store_n(&r->file, site->file, __ATOMIC_RELEASE);
            return r;
        }
        if (have == site && measure_same(r, site))
            return r;
    }
    return &sites[MEASURE_SITES];
}

/* Both: *x += v, atomically. */
static void measure_add(uint64_t *x, uint64_t v)
{
    if (v)
        __atomic_fetch_add(x, v, __ATOMIC_RELAXED);
}

/* Both: *x = max(*x, v), atomically. */
static void measure_max(uint64_t *x, uint64_t v)
{
    uint64_t old = __atomic_load_n(x, __ATOMIC_RELAXED);
    while (v > old &&
           !__atomic_compare_exchange_n(x, &old, v, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
        ;
}

/* Both: add what the participants used to r. */
static void measure_usage(struct measure_site *r, const struct mploop__usage *u)
{
    measure_add(&r->user_ns, u->user_ns);
    measure_add(&r->sys_ns, u->sys_ns);
    measure_max(&r->maxrss_kb, u->maxrss_kb);
    measure_add(&r->minflt, u->minflt);
    measure_add(&r->majflt, u->majflt);
    measure_add(&r->rchar, u->rchar);
    measure_add(&r->wchar, u->wchar);
}

/* Both: see internal.h.  One participant, busy all along. */
void mploop__measure_inprocess(const mploop_site *site, uint64_t trip, uint64_t wall_ns,
                               const struct mploop__usage *use)
{
    struct measure_site *r = measure_record(site);
    if (!r)
        return;
    measure_add(&r->runs, 1);
    measure_add(&r->inprocess, 1);
    measure_add(&r->iterations, trip);
    measure_add(&r->chunks, trip ? 1 : 0);
    measure_max(&r->workers, 1);
    measure_add(&r->wall_ns, wall_ns);
    measure_add(&r->busy_ns, wall_ns);
    measure_add(&r->capacity_ns, wall_ns);
    measure_add(&r->phase_ns, wall_ns);
    measure_add(&r->slowest_ns, wall_ns);
    measure_add(&r->mean_ns, wall_ns);
    if (use)
        measure_usage(r, use);
}

/* Parent: v, at most max. */
static uint64_t measure_cap(uint64_t v, uint64_t max)
{
    return v < max ? v : max;
}

/* Parent: see internal.h.  Every figure a worker left is checked against
 * what the parent knows: iterations and chunks at most the trip count,
 * times within the execution.  A failed execution counts its run, its
 * wall time and the iterations its workers finished. */
void mploop__measure_forked(const mploop_site *site, const struct mploop__team *t,
                            const struct mploop__run *run)
{
    struct measure_site *r = measure_record(site);
    if (!r)
        return;
    unsigned n = t->forked;
    uint64_t wall = run->wall_ns, start = run->started_ns, end = start + wall;
    uint64_t iters = 0, chunks = 0, busy = 0, slowest = 0, first = end, last = start, ready = 0;
    struct mploop__usage use;
    memset(&use, 0, sizeof use);
    measure_add(&r->runs, 1);
    measure_add(&r->wall_ns, wall);
    measure_max(&r->workers, n);
    for (unsigned w = 0; w < n; w++) {
        const struct mploop__slot *s = &t->ctl->slot[w];
        uint64_t done = measure_cap(__atomic_load_n(&s->done, __ATOMIC_RELAXED), run->trip);
        iters += done;
        if (run->failed)
            continue;
        uint64_t c = measure_cap(s->chunks, run->trip), b = measure_cap(s->busy_ns, wall);
        uint64_t began = s->began_ns >= start && s->began_ns <= end ? s->began_ns : start;
        chunks += c;
        busy += b;
        slowest = b > slowest ? b : slowest;
        first = began < first ? began : first;
        last = began + b > last ? measure_cap(began + b, end) : last;
        ready = began > ready ? began : ready;
        struct measure_worker *mw = &r->w[w];
        measure_add(&mw->iterations, done);
        measure_add(&mw->chunks, c);
        measure_add(&mw->busy_ns, b);
        use.user_ns += s->use.user_ns;
        use.sys_ns += s->use.sys_ns;
        use.maxrss_kb = s->use.maxrss_kb > use.maxrss_kb ? s->use.maxrss_kb : use.maxrss_kb;
        use.minflt += s->use.minflt;
        use.majflt += s->use.majflt;
        use.rchar += s->use.rchar;
        use.wchar += s->use.wchar;
    }
    measure_add(&r->iterations, iters);
    if (run->failed || n == 0) {
        measure_add(&r->failed, run->failed ? 1 : 0);
        return;
    }
    measure_add(&r->chunks, chunks);
    measure_add(&r->busy_ns, busy);
    measure_add(&r->capacity_ns, wall * n);
    measure_add(&r->phase_ns, (last > first ? last - first : 0) * n);
    measure_add(&r->slowest_ns, slowest);
    measure_add(&r->mean_ns, busy / n);
    measure_add(&r->start_ns, ready > start ? ready - start : 0);
    measure_add(&r->merge_ns, measure_cap(run->merge_ns, wall));
    measure_add(&r->merged, run->merged);
    measure_usage(r, &use);
}

/* Both: see internal.h.  The execution itself was recorded as a loop's
 * (its participants as iterations); the rows of a pipeline's site take
 * their items and busy time from the stages instead.  A stage's capacity
 * is what it could have used: the wall time on one worker when it is
 * serial, on all of them when it is parallel. */
void mploop__measure_pipeline(const mploop_site *site, const struct mploop__stage_figures *fig,
                              unsigned nstages, unsigned workers, uint64_t wall_ns)
{
    struct measure_site *r = measure_record(site);
    if (!r)
        return;
    if (nstages > MPLOOP_PIPE_MAX_STAGES)
        nstages = MPLOOP_PIPE_MAX_STAGES;
    for (unsigned k = 0; k < nstages; k++) {
        struct measure_stage *st = &r->stage[k];
        unsigned can = fig[k].kind == MPLOOP_STAGE_PARALLEL ? (workers ? workers : 1) : 1;
        st->kind = fig[k].kind;
        st->line = fig[k].line;
        measure_add(&st->items, fig[k].items);
        measure_add(&st->dropped, fig[k].dropped);
        measure_add(&st->busy_ns, fig[k].busy_ns);
        measure_add(&st->capacity_ns, wall_ns * can);
    }
    measure_max(&r->stages, nstages);
}

/* ---- writing the report ------------------------------------------------ */

/* The report's columns.  The text table leaves out those from file on (its
 * loop column says file and line); JSON gives a loop those before the
 * stage columns, with its workers and a pipeline's stages as arrays; CSV
 * has them all, a pipeline's stages as rows of their own (kind "stage")
 * after the pipeline's row, whose stage columns are 0 or empty, as a
 * loop's are. */
enum {
    COL_LOOP, COL_RUNS, COL_INPROCESS, COL_FAILED, COL_ITERATIONS, COL_WORKERS, COL_CHUNKS,
    COL_WALL, COL_USER, COL_SYS, COL_BUSY, COL_SPEEDUP, COL_EFFICIENCY, COL_IMBALANCE,
    COL_IDLE, COL_START, COL_MERGE, COL_MERGED, COL_MAXRSS, COL_MINFLT, COL_MAJFLT, COL_READ,
    COL_WRITTEN, COL_FILE, COL_LINE, COL_KIND, COL_STAGES, COL_STAGE, COL_STAGE_KIND,
    COL_STAGE_LINE, COL_DROPPED, COL_CONCURRENCY, COL_SHARE, COL_BOTTLENECK, COL_COUNT
};
static const struct mploop__col measure_cols[COL_COUNT] = {
    [COL_LOOP] = {"loop", "loop", MPLOOP__COL_TEXT},
    [COL_RUNS] = {"runs", "runs", MPLOOP__COL_COUNT},
    [COL_INPROCESS] = {"runs_in_process", "in-proc", MPLOOP__COL_COUNT},
    [COL_FAILED] = {"runs_failed", "failed", MPLOOP__COL_COUNT},
    [COL_ITERATIONS] = {"iterations", "iters", MPLOOP__COL_COUNT},
    [COL_WORKERS] = {"workers", "workers", MPLOOP__COL_COUNT},
    [COL_CHUNKS] = {"chunks", "chunks", MPLOOP__COL_COUNT},
    [COL_WALL] = {"wall_s", "wall", MPLOOP__COL_SECONDS},
    [COL_USER] = {"user_s", "user", MPLOOP__COL_SECONDS},
    [COL_SYS] = {"sys_s", "sys", MPLOOP__COL_SECONDS},
    [COL_BUSY] = {"busy_s", "busy", MPLOOP__COL_SECONDS},
    [COL_SPEEDUP] = {"speedup", "speed-up", MPLOOP__COL_RATIO},
    [COL_EFFICIENCY] = {"efficiency", "effic", MPLOOP__COL_RATIO},
    [COL_IMBALANCE] = {"imbalance", "imbal", MPLOOP__COL_RATIO},
    [COL_IDLE] = {"idle_share", "idle", MPLOOP__COL_RATIO},
    [COL_START] = {"start_s", "start", MPLOOP__COL_SECONDS},
    [COL_MERGE] = {"merge_s", "merge", MPLOOP__COL_SECONDS},
    [COL_MERGED] = {"merged_bytes", "merged", MPLOOP__COL_BYTES},
    [COL_MAXRSS] = {"max_rss_bytes", "max-rss", MPLOOP__COL_BYTES},
    [COL_MINFLT] = {"minor_faults", "minflt", MPLOOP__COL_COUNT},
    [COL_MAJFLT] = {"major_faults", "majflt", MPLOOP__COL_COUNT},
    [COL_READ] = {"read_bytes", "read", MPLOOP__COL_BYTES},
    [COL_WRITTEN] = {"written_bytes", "written", MPLOOP__COL_BYTES},
    [COL_FILE] = {"file", "file", MPLOOP__COL_TEXT},
    [COL_LINE] = {"line", "line", MPLOOP__COL_COUNT},
    [COL_KIND] = {"kind", "kind", MPLOOP__COL_TEXT},
    [COL_STAGES] = {"stages", "stages", MPLOOP__COL_COUNT},
    [COL_STAGE] = {"stage", "stage", MPLOOP__COL_COUNT},
    [COL_STAGE_KIND] = {"stage_kind", "stage-kind", MPLOOP__COL_TEXT},
    [COL_STAGE_LINE] = {"stage_line", "stage-line", MPLOOP__COL_COUNT},
    [COL_DROPPED] = {"dropped", "dropped", MPLOOP__COL_COUNT},
    [COL_CONCURRENCY] = {"concurrency", "workers", MPLOOP__COL_COUNT},
    [COL_SHARE] = {"busy_share", "busy-share", MPLOOP__COL_RATIO},
    [COL_BOTTLENECK] = {"bottleneck", "bottleneck", MPLOOP__COL_COUNT},
};
#define MEASURE_TEXT_COLS COL_FILE
#define MEASURE_JSON_COLS COL_STAGE

/* The per-worker columns (MPLOOP_REPORT=2, and JSON). */
static const struct mploop__col measure_worker_cols[] = {
    {"worker", "worker", MPLOOP__COL_COUNT},
    {"iterations", "iters", MPLOOP__COL_COUNT},
    {"chunks", "chunks", MPLOOP__COL_COUNT},
    {"busy_s", "busy", MPLOOP__COL_SECONDS},
};
#define MEASURE_WORKER_COLS 4

/* A pipeline's per-stage columns (JSON's stage_detail; the text table
 * names the stage in one column and says yes under bottleneck).
 * bottleneck is 1 for the pipeline's bottleneck, else 0. */
enum {
    SC_STAGE, SC_KIND, SC_LINE, SC_ITEMS, SC_DROPPED, SC_BUSY, SC_CONCURRENCY, SC_SHARE,
    SC_BOTTLENECK, SC_COUNT
};
static const struct mploop__col measure_stage_cols[SC_COUNT] = {
    [SC_STAGE] = {"stage", "stage", MPLOOP__COL_COUNT},
    [SC_KIND] = {"kind", "kind", MPLOOP__COL_TEXT},
    [SC_LINE] = {"line", "line", MPLOOP__COL_COUNT},
    [SC_ITEMS] = {"items", "items", MPLOOP__COL_COUNT},
    [SC_DROPPED] = {"dropped", "dropped", MPLOOP__COL_COUNT},
    [SC_BUSY] = {"busy_s", "busy", MPLOOP__COL_SECONDS},
    [SC_CONCURRENCY] = {"concurrency", "workers", MPLOOP__COL_COUNT},
    [SC_SHARE] = {"busy_share", "busy-share", MPLOOP__COL_RATIO},
    [SC_BOTTLENECK] = {"bottleneck", "bottleneck", MPLOOP__COL_COUNT},
};

/* Parent, at exit: the rows of the report, one per file:line. */
struct measure_rows {
    unsigned n;
    struct measure_site *sum;              /* [n] the row's figures */
    char (*name)[256];                     /* [n] "file:line" */
    char (*label)[272];                    /* [n] the text table's: "file:line (pipeline)" */
    union mploop__cell *cells;             /* [n][COL_COUNT] */
    union mploop__cell *csv;               /* [n + stage rows][COL_COUNT] */
};

/* Parent: nonzero when record a sorts after b (file, then line). */
static int measure_after(const struct measure_site *a, const struct measure_site *b)
{
    int c = strcmp(a->file, b->file);
    return c > 0 || (c == 0 && a->line > b->line);
}

/* Parent: x / y, 0 when y is 0. */
static double measure_ratio(uint64_t x, uint64_t y)
{
    return y ? (double)x / (double)y : 0;
}

/* Parent: the name of stage kind `kind` (as failure reports say it). */
static const char *measure_kind_name(int kind)
{
    return kind == MPLOOP_STAGE_PARALLEL ? "parallel"
         : kind == MPLOOP_STAGE_SERIAL   ? "serial"
                                         : "serial in order";
}

/* Parent: the stage of pipeline row s that is its bottleneck: the one
 * busy the largest share of what it could use; -1 when none was busy. */
static int measure_bottleneck(const struct measure_site *s)
{
    int b = -1;
    double best = 0;
    for (unsigned k = 0; k < s->stages; k++) {
        double share = measure_ratio(s->stage[k].busy_ns, s->stage[k].capacity_ns);
        if (share > best) {
            best = share;
            b = (int)k;
        }
    }
    return b;
}

/* Parent: the cells (SC_COUNT each) of row i's stages into cells (room for
 * MPLOOP_PIPE_MAX_STAGES rows); returns their count (0: not a pipeline). */
static unsigned measure_stage_cells(const struct measure_rows *rows, unsigned i,
                                    union mploop__cell *cells)
{
    const struct measure_site *s = &rows->sum[i];
    if (!(s->flags & MPLOOP_SITE_PIPELINE))
        return 0; /* "(other loops)" may hold pipelines beyond the sites */
    int b = measure_bottleneck(s);
    for (unsigned k = 0; k < s->stages; k++) {
        const struct measure_stage *st = &s->stage[k];
        union mploop__cell *c = &cells[(size_t)k * SC_COUNT];
        c[SC_STAGE].u = k;
        c[SC_KIND].s = measure_kind_name(st->kind);
        c[SC_LINE].u = st->line;
        c[SC_ITEMS].u = st->items;
        c[SC_DROPPED].u = st->dropped;
        c[SC_BUSY].d = (double)st->busy_ns / 1e9;
        c[SC_CONCURRENCY].u = st->kind == MPLOOP_STAGE_PARALLEL ? s->workers : 1;
        c[SC_SHARE].d = measure_ratio(st->busy_ns, st->capacity_ns);
        c[SC_BOTTLENECK].u = (int)k == b;
    }
    return (unsigned)s->stages;
}

/* Parent: fill row i's cells from its figures.  A pipeline's iterations
 * are the items its first stage made, its chunks the steps (a stage on an
 * item), its busy time the time in its stages' functions. */
static void measure_cells(struct measure_rows *rows, unsigned i)
{
    const struct measure_site *s = &rows->sum[i];
    union mploop__cell *c = &rows->cells[(size_t)i * COL_COUNT];
    uint64_t iterations = s->iterations, chunks = s->chunks, busy = s->busy_ns;
    int pipeline = (s->flags & MPLOOP_SITE_PIPELINE) != 0;
    if (pipeline) {
        iterations = s->stage[0].items;
        chunks = busy = 0;
        for (unsigned k = 0; k < s->stages; k++) {
            chunks += s->stage[k].items;
            busy += s->stage[k].busy_ns;
        }
    }
    double speedup = measure_ratio(busy, s->wall_ns);
    double idle = 1 - measure_ratio(busy, s->phase_ns);
    c[COL_LOOP].s = rows->name[i];
    c[COL_RUNS].u = s->runs;
    c[COL_INPROCESS].u = s->inprocess;
    c[COL_FAILED].u = s->failed;
    c[COL_ITERATIONS].u = iterations;
    c[COL_WORKERS].u = s->workers;
    c[COL_CHUNKS].u = chunks;
    c[COL_WALL].d = (double)s->wall_ns / 1e9;
    c[COL_USER].d = (double)s->user_ns / 1e9;
    c[COL_SYS].d = (double)s->sys_ns / 1e9;
    c[COL_BUSY].d = (double)busy / 1e9;
    c[COL_SPEEDUP].d = speedup;
    c[COL_EFFICIENCY].d = measure_ratio(busy, s->capacity_ns);
    c[COL_IMBALANCE].d = s->mean_ns ? measure_ratio(s->slowest_ns, s->mean_ns) : 1;
    c[COL_IDLE].d = s->phase_ns && idle > 0 ? idle : 0;
    c[COL_START].d = (double)s->start_ns / 1e9;
    c[COL_MERGE].d = (double)s->merge_ns / 1e9;
    c[COL_MERGED].u = s->merged;
    c[COL_MAXRSS].u = s->maxrss_kb * 1024;
    c[COL_MINFLT].u = s->minflt;
    c[COL_MAJFLT].u = s->majflt;
    c[COL_READ].u = s->rchar;
    c[COL_WRITTEN].u = s->wchar;
    c[COL_FILE].s = s->file;
    c[COL_LINE].u = s->line;
    c[COL_KIND].s = pipeline ? "pipeline" : "for";
    c[COL_STAGES].u = s->stages;
    c[COL_STAGE_KIND].s = "";
    c[COL_BOTTLENECK].u = 0;
}

/* Parent: *into += *from, field by field (maxima for workers, RSS and
 * stages): the fields from runs up to the worker array are all uint64_t. */
static void measure_sum(struct measure_site *into, const struct measure_site *from)
{
    const uint64_t *f = &from->runs;
    uint64_t *t = &into->runs;
    for (const uint64_t *e = (const uint64_t *)&from->w[0]; f < e; f++, t++) {
        if (f == &from->workers || f == &from->maxrss_kb)
            *t = *f > *t ? *f : *t;
        else
            *t += *f;
    }
    for (unsigned w = 0; w < MPLOOP__MAX_WORKERS; w++) {
        into->w[w].iterations += from->w[w].iterations;
        into->w[w].chunks += from->w[w].chunks;
        into->w[w].busy_ns += from->w[w].busy_ns;
    }
    into->flags |= from->flags;
    for (unsigned k = 0; k < from->stages; k++) {
        struct measure_stage *st = &into->stage[k];
        st->kind = from->stage[k].kind;
        st->line = from->stage[k].line;
        st->items += from->stage[k].items;
        st->dropped += from->stage[k].dropped;
        st->busy_ns += from->stage[k].busy_ns;
        st->capacity_ns += from->stage[k].capacity_ns;
    }
    into->stages = from->stages > into->stages ? from->stages : into->stages;
}

/* Parent: gather the rows (sorted by file and line, sites at one file:line
 * summed) into memory of their own.  Returns 0, or -ENOMEM. */
static int measure_gather(struct measure_rows *rows)
{
    unsigned order[MEASURE_SITES + 1], k = 0;
    size_t stage_rows = 0;
    for (unsigned i = 0; i <= MEASURE_SITES; i++)
        if (__atomic_load_n(&ms.sites[i].site, __ATOMIC_ACQUIRE) && ms.sites[i].runs &&
            ms.sites[i].file) {
            order[k++] = i;
            stage_rows += ms.sites[i].stages;
        }
    for (unsigned i = 1; i < k; i++)
        for (unsigned j = i; j > 0 && measure_after(&ms.sites[order[j - 1]], &ms.sites[order[j]]);
             j--) {
            unsigned x = order[j];
            order[j] = order[j - 1];
            order[j - 1] = x;
        }
    size_t n = k ? k : 1;
    size_t bytes = n * (sizeof *rows->sum + sizeof *rows->name + sizeof *rows->label +
                        COL_COUNT * sizeof *rows->cells) +
                   (n + stage_rows) * COL_COUNT * sizeof *rows->csv;
    char *map = mploop__os_map(bytes);
    if (!map)
        return -ENOMEM;
    rows->sum = (struct measure_site *)map;
    rows->cells = (union mploop__cell *)(map + n * sizeof *rows->sum);
    rows->csv = rows->cells + n * COL_COUNT;
    rows->name = (char (*)[256])(rows->csv + (n + stage_rows) * COL_COUNT);
    rows->label = (char (*)[272])(rows->name + n);
    rows->n = 0;
    for (unsigned i = 0; i < k; i++) {
        const struct measure_site *s = &ms.sites[order[i]];
        struct measure_site *row = &rows->sum[rows->n - (rows->n > 0)];
        if (rows->n == 0 || strcmp(row->file, s->file) != 0 || row->line != s->line) {
            row = &rows->sum[rows->n++];
            row->site = s->site;
            row->file = s->file;
            row->line = s->line;
        }
        measure_sum(row, s);
    }
    for (unsigned i = 0; i < rows->n; i++) {
        const struct measure_site *s = &rows->sum[i];
        if (s->site == MEASURE_OTHER)
            snprintf(rows->name[i], sizeof rows->name[i], "%s", s->file);
        else
            snprintf(rows->name[i], sizeof rows->name[i], "%s:%u", s->file, s->line);
        snprintf(rows->label[i], sizeof rows->label[i],
                 s->flags & MPLOOP_SITE_PIPELINE ? "%s (pipeline)" : "%s", rows->name[i]);
        measure_cells(rows, i);
    }
    return 0;
}

/* Parent: the cells of row i's workers that ran chunks, into cells (room
 * for MPLOOP__MAX_WORKERS rows); returns their count.  A pipeline's
 * workers ran no chunks: its stage detail says what they did. */
static unsigned measure_worker_cells(const struct measure_rows *rows, unsigned i,
                                     union mploop__cell *cells)
{
    unsigned k = 0;
    for (unsigned w = 0; w < MPLOOP__MAX_WORKERS; w++) {
        const struct measure_worker *mw = &rows->sum[i].w[w];
        if (rows->sum[i].flags & MPLOOP_SITE_PIPELINE)
            break;
        if (!mw->chunks && !mw->busy_ns && !mw->iterations)
            continue;
        union mploop__cell *c = &cells[(size_t)k++ * MEASURE_WORKER_COLS];
        c[0].u = w;
        c[1].u = mw->iterations;
        c[2].u = mw->chunks;
        c[3].d = (double)mw->busy_ns / 1e9;
    }
    return k;
}

/* Parent: row i's stages as a text table, and its bottleneck in words. */
static void measure_write_stages(struct mploop__writer *w, const struct measure_rows *rows,
                                 unsigned i)
{
    enum { T_NAME, T_ITEMS, T_DROPPED, T_BUSY, T_WORKERS, T_SHARE, T_BOTTLENECK, T_COUNT };
    static const struct mploop__col cols[T_COUNT] = {
        [T_NAME] = {"stage", "stage", MPLOOP__COL_TEXT},
        [T_ITEMS] = {"items", "items", MPLOOP__COL_COUNT},
        [T_DROPPED] = {"dropped", "dropped", MPLOOP__COL_COUNT},
        [T_BUSY] = {"busy_s", "busy", MPLOOP__COL_SECONDS},
        [T_WORKERS] = {"concurrency", "workers", MPLOOP__COL_COUNT},
        [T_SHARE] = {"busy_share", "busy-share", MPLOOP__COL_RATIO},
        [T_BOTTLENECK] = {"bottleneck", "bottleneck", MPLOOP__COL_TEXT},
    };
    static union mploop__cell sc[MPLOOP_PIPE_MAX_STAGES * SC_COUNT] MPLOOP__STATE;
    static union mploop__cell tc[MPLOOP_PIPE_MAX_STAGES * T_COUNT] MPLOOP__STATE;
    static char names[MPLOOP_PIPE_MAX_STAGES][320] MPLOOP__STATE;
    const struct measure_site *s = &rows->sum[i];
    unsigned n = measure_stage_cells(rows, i, sc);
    if (!n)
        return;
    int b = -1;
    for (unsigned k = 0; k < n; k++) {
        const union mploop__cell *c = &sc[k * SC_COUNT];
        union mploop__cell *t = &tc[k * T_COUNT];
        snprintf(names[k], sizeof names[k], "%s:%u stage %u (%s)", s->file,
                 c[SC_LINE].u ? (unsigned)c[SC_LINE].u : s->line, k, c[SC_KIND].s);
        t[T_NAME].s = names[k];
        t[T_ITEMS] = c[SC_ITEMS];
        t[T_DROPPED] = c[SC_DROPPED];
        t[T_BUSY] = c[SC_BUSY];
        t[T_WORKERS] = c[SC_CONCURRENCY];
        t[T_SHARE] = c[SC_SHARE];
        t[T_BOTTLENECK].s = c[SC_BOTTLENECK].u ? "yes" : "";
        if (c[SC_BOTTLENECK].u)
            b = (int)k;
    }
    mploop__writer_put(w, "mploop: stages of the pipeline %s:\n", rows->name[i]);
    mploop__table_text(w, "  ", cols, T_COUNT, T_COUNT, tc, n);
    if (b < 0)
        return;
    const union mploop__cell *c = &sc[(unsigned)b * SC_COUNT];
    mploop__writer_put(w, "mploop: bottleneck of %s: stage %d (%s), busy %.0f%% of what %u "
                       "worker%s can give\n", rows->name[i], b, c[SC_KIND].s,
                       c[SC_SHARE].d * 100, (unsigned)c[SC_CONCURRENCY].u,
                       c[SC_CONCURRENCY].u == 1 ? "" : "s");
}

/* Parent: the report as text on standard error (detail: each loop's
 * workers too); each pipeline's stages follow the table. */
static void measure_write_text(const struct measure_rows *rows, int detail)
{
    static union mploop__cell wcells[MPLOOP__MAX_WORKERS * MEASURE_WORKER_COLS] MPLOOP__STATE;
    struct mploop__writer w;
    mploop__writer_init(&w, 2);
    mploop__writer_put(&w, "mploop: loop report: %u loop%s, figures summed over each loop's "
                       "executions\n", rows->n, rows->n == 1 ? "" : "s");
    for (unsigned i = 0; i < rows->n; i++)
        rows->cells[(size_t)i * COL_COUNT + COL_LOOP].s = rows->label[i];
    mploop__table_text(&w, "", measure_cols, MEASURE_TEXT_COLS, COL_COUNT, rows->cells,
                       rows->n);
    for (unsigned i = 0; i < rows->n; i++)
        rows->cells[(size_t)i * COL_COUNT + COL_LOOP].s = rows->name[i];
    for (unsigned i = 0; i < rows->n; i++)
        measure_write_stages(&w, rows, i);
    for (unsigned i = 0; detail && i < rows->n; i++) {
        unsigned k = measure_worker_cells(rows, i, wcells);
        if (!k)
            continue;
        mploop__writer_put(&w, "mploop: workers of %s (its executions on workers):\n",
                           rows->name[i]);
        mploop__table_text(&w, "  ", measure_worker_cols, MEASURE_WORKER_COLS,
                           MEASURE_WORKER_COLS, wcells, k);
    }
    mploop__writer_flush(&w);
}

/* Parent: `key`: [ n objects of ncols members each, from cells ], as the
 * last member of a loop's JSON object. */
static void measure_json_array(struct mploop__writer *w, const char *key,
                               const struct mploop__col *cols, unsigned ncols,
                               const union mploop__cell *cells, unsigned n)
{
    mploop__writer_put(w, ",\n      \"%s\": [", key);
    for (unsigned j = 0; j < n; j++) {
        mploop__writer_put(w, "%s\n        {\n", j ? "," : "");
        mploop__table_json_members(w, "          ", cols, ncols, &cells[(size_t)j * ncols]);
        mploop__writer_put(w, "\n        }");
    }
    mploop__writer_put(w, "%s]", n ? "\n      " : "");
}

/* Parent: the report as JSON (docs/report.schema.json) into w. */
static void measure_write_json(struct mploop__writer *w, const struct measure_rows *rows)
{
    static union mploop__cell wcells[MPLOOP__MAX_WORKERS * MEASURE_WORKER_COLS] MPLOOP__STATE;
    static union mploop__cell scells[MPLOOP_PIPE_MAX_STAGES * SC_COUNT] MPLOOP__STATE;
    mploop__writer_put(w, "{\n  \"version\": %d,\n  \"program\": ", MEASURE_JSON_VERSION);
    mploop__writer_json_string(w, program_invocation_name);
    mploop__writer_put(w, ",\n  \"pid\": %ld,\n  \"loops\": [", (long)ms.owner);
    for (unsigned i = 0; i < rows->n; i++) {
        mploop__writer_put(w, "%s\n    {\n", i ? "," : "");
        mploop__table_json_members(w, "      ", measure_cols, MEASURE_JSON_COLS,
                                   &rows->cells[(size_t)i * COL_COUNT]);
        unsigned k = measure_worker_cells(rows, i, wcells);
        measure_json_array(w, "worker_detail", measure_worker_cols, MEASURE_WORKER_COLS, wcells,
                           k);
        k = measure_stage_cells(rows, i, scells);
        measure_json_array(w, "stage_detail", measure_stage_cols, SC_COUNT, scells, k);
        mploop__writer_put(w, "\n    }");
    }
    mploop__writer_put(w, "%s]\n}\n", rows->n ? "\n  " : "");
}

/* Parent: the report as CSV into w: each row, a pipeline's followed by
 * one per stage (the pipeline's loop, runs, workers, wall time, file and
 * line; the stage's items as iterations, its busy time, its own columns). */
static void measure_write_csv(struct mploop__writer *w, const struct measure_rows *rows)
{
    static union mploop__cell scells[MPLOOP_PIPE_MAX_STAGES * SC_COUNT] MPLOOP__STATE;
    static const unsigned kept[] = { COL_LOOP, COL_RUNS, COL_INPROCESS, COL_FAILED, COL_WORKERS,
                                     COL_WALL, COL_FILE, COL_LINE, COL_STAGES };
    unsigned out = 0;
    for (unsigned i = 0; i < rows->n; i++) {
        const union mploop__cell *row = &rows->cells[(size_t)i * COL_COUNT];
        memcpy(&rows->csv[(size_t)out++ * COL_COUNT], row, COL_COUNT * sizeof *row);
        unsigned n = measure_stage_cells(rows, i, scells);
        for (unsigned k = 0; k < n; k++) {
            union mploop__cell *c = &rows->csv[(size_t)out++ * COL_COUNT];
            const union mploop__cell *sc = &scells[k * SC_COUNT];
            for (unsigned j = 0; j < sizeof kept / sizeof kept[0]; j++)
                c[kept[j]] = row[kept[j]];
            c[COL_KIND].s = "stage";
            c[COL_ITERATIONS] = sc[SC_ITEMS];
            c[COL_BUSY] = sc[SC_BUSY];
            c[COL_STAGE] = sc[SC_STAGE];
            c[COL_STAGE_KIND] = sc[SC_KIND];
            c[COL_STAGE_LINE] = sc[SC_LINE];
            c[COL_DROPPED] = sc[SC_DROPPED];
            c[COL_CONCURRENCY] = sc[SC_CONCURRENCY];
            c[COL_SHARE] = sc[SC_SHARE];
            c[COL_BOTTLENECK] = sc[SC_BOTTLENECK];
        }
    }
    mploop__table_csv(w, measure_cols, COL_COUNT, rows->csv, out);
}

/* Parent: the report into the file of MPLOOP_REPORT (JSON or CSV); a
 * file that cannot be written is reported. */
static void measure_write_file(const struct measure_rows *rows)
{
    struct mploop__writer w;
    int err = mploop__writer_open(&w, ms.file);
    if (!err) {
        if (ms.mode == MPLOOP__REPORT_JSON)
            measure_write_json(&w, rows);
        else
            measure_write_csv(&w, rows);
        err = mploop__writer_close(&w);
    }
    if (err)
        mploop__error(NULL, "cannot write the loop report to %s: %s; set MPLOOP_REPORT to a "
                      "file in a writable directory, or to 1 for a table on standard error",
                      ms.file, mploop__os_errno_text(err));
}

/* Parent, at exit (an atexit handler, which also runs when a loop body
 * ends the program with exit): write the report.  A worker, a process the
 * program forked and a process a body started write none. */
static void measure_at_exit(void)
{
    if (!ms.sites || mploop__team_in_worker() || mploop__os_pid() != ms.owner)
        return;
    mploop__progress_clear();
    struct measure_rows rows;
    if (measure_gather(&rows) < 0) {
        mploop__error(NULL, "no memory to write the loop report (MPLOOP_REPORT)");
        return;
    }
    if (ms.mode == MPLOOP__REPORT_JSON || ms.mode == MPLOOP__REPORT_CSV)
        measure_write_file(&rows);
    else
        measure_write_text(&rows, ms.mode == MPLOOP__REPORT_DETAIL);
}
