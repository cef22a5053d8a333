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
 *   - the writable segments of the executable and of the module holding the
 *     loop (globals and static locals), minus what is read-only now (RELRO);
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
 * own memory, the worker arenas).
 *
 * Worker.  Arms a write tracker (linux_uffd.c) on the pages of that list,
 * runs the body, then writes every written page that holds merged bytes to
 * its channel, a memfd the parent created before the fork.
 *
 * Merge (parent, after every worker ended well).  The parent has not written
 * merged memory since the fork, so its pages still hold the original bytes.
 * Two phases over the shipped pages in address order, all workers' copies of
 * one page side by side: first look for bytes two workers changed to
 * different values (a race: nothing is applied), then apply every changed
 * byte.  Same-value writes by several workers merge silently.  All scratch
 * is mmap'd: the parent neither mallocs nor uses stdio from fork to merge.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "internal.h"

#define PAGE ((uintptr_t)MPLOOP__PAGE)
#define PAGE_DOWN(a) ((uintptr_t)(a) & ~(PAGE - 1))
#define PAGE_UP(a) (((uintptr_t)(a) + PAGE - 1) & ~(PAGE - 1))

/* Start of every channel. */
#define SHIP_MAGIC 0x70696873706f6f6cull /* "loopship" */

struct ship_header {
    uint64_t magic;
    uint64_t worker;
    uint64_t gen;
    uint64_t npages;
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
    int fds[MPLOOP__MAX_WORKERS];
};

/* Process-private state of the memory module. */
static struct {
    uint32_t gen;         /* loop executions prepared so far */
    int probed;           /* tracker probed (1) */
    int probe_err;        /* its result */
} mst MPLOOP__STATE;

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

/* Parent: report, once, that the write tracker is missing. */
static void report_no_tracking(void)
{
    static const char msg[] =
        "mploop: error: write tracking needs userfaultfd write-protect and "
        "PAGEMAP_SCAN (Linux 6.7+)\n";
    (void)!write(2, msg, sizeof msg - 1);
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
        size_t entries = 2 * (size_t)cap_mod + cap_t + cap_e + (cap_t + cap_e);
        scratch_size = PAGE_UP(entries * sizeof(struct mploop__range));
        scratch = mploop__map(scratch_size);
        if (!scratch) {
            err = -ENOMEM;
            goto out;
        }
        struct mploop__range *segs = scratch, *spans = segs + cap_mod;
        mploop__maps_modules(req->site, segs, cap_mod, &nt_mod, spans, cap_mod, &ns_mod);
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

    /* Merged bytes and armed pages go to the plan mapping. */
    unsigned nm = subtract(trk, nt, excl, ne, merged);
    size_t plan_size = PAGE_UP((size_t)nm * 2 * sizeof(struct mploop__range) + PAGE);
    struct mploop__range *p = mploop__map(plan_size);
    if (!p) {
        err = -ENOMEM;
        goto out_scratch;
    }
    memcpy(p, merged, (size_t)nm * sizeof *p);
    struct mploop__range *arm = p + nm;
    unsigned na = 0;
    for (unsigned i = 0; i < nm; i++)
        arm[na++] = (struct mploop__range){ PAGE_DOWN(p[i].addr),
                                            PAGE_UP(p[i].addr + p[i].size) - PAGE_DOWN(p[i].addr) };
    na = normalize(arm, na);
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
    if (!mst.probed) {
        int err = mploop__tracker_uffd.probe();
        if (err == -ENOSYS) {
            report_no_tracking();
            mst.probe_err = err;
            mst.probed = 1;
        } else if (err) {
            return err; /* a resource shortage: try again next loop */
        }
        mst.probed = 1;
    }
    if (mst.probe_err)
        return mst.probe_err;

    size_t self_size = PAGE_UP(sizeof(struct mploop__mem));
    struct mploop__mem *m = mploop__map(self_size);
    if (!m)
        return -ENOMEM;
    m->self_size = self_size;
    m->nworkers = req->nworkers;
    m->tracker = &mploop__tracker_uffd;
    for (unsigned w = 0; w < MPLOOP__MAX_WORKERS; w++)
        m->fds[w] = -1;
    m->gen = ++mst.gen;
    int err = mploop__malloc_prepare(req->nworkers, m->gen);
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
    return m->tracker->arm(m->arm, m->narm);
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
    struct ship_list s = { .m = m, .cap = m->arm_pages };
    size_t list_size = PAGE_UP((size_t)(s.cap ? s.cap : 1) * sizeof(uint64_t));
    s.addr = mmap(NULL, list_size, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (s.addr == MAP_FAILED)
        return -errno;
    int err = m->tracker->collect(m->arm, m->narm, ship_emit, &s);
    if (!err) {
        struct ship_header h = { SHIP_MAGIC, w, m->gen, s.n };
        int fd = m->fds[w];
        err = write_all(fd, &h, sizeof h);
        if (!err)
            err = write_all(fd, s.addr, (size_t)s.n * sizeof(uint64_t));
        if (!err)
            err = write_pages(fd, &s);
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
        h->npages > m->arm_pages ||
        c->size != sizeof *h + h->npages * (sizeof(uint64_t) + PAGE))
        return -EPROTO;
    c->n = h->npages;
    c->addr = (const uint64_t *)(c->map + sizeof *h);
    c->pages = c->map + sizeof *h + c->n * sizeof(uint64_t);
    c->pos = 0;
    for (uint64_t i = 0; i < c->n; i++) {
        uint64_t a = c->addr[i];
        if ((a & (PAGE - 1)) || (i && a <= c->addr[i - 1]) ||
            !overlaps(m->arm, m->narm, a, PAGE))
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
                      uintptr_t *race)
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
            if (apply && memcmp(orig + off, ws[0] + off, len) != 0)
                memcpy(orig + off, ws[0] + off, len);
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
            if (apply && set)
                orig[i] = v;
        }
    }
    return 0;
}

/* Parent: one pass over all channels in address order. */
static int merge_pass(const struct mploop__mem *m, struct channel *ch, int apply, uintptr_t *race)
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
        int err = merge_page(m, (uintptr_t)next, ws, k, apply, race);
        if (err)
            return err;
    }
}

/* Parent: see internal.h. */
int mploop__mem_merge(struct mploop__mem *m, uintptr_t *race)
{
    size_t ch_size = PAGE_UP(sizeof(struct channel) * m->nworkers);
    struct channel *ch = mmap(NULL, ch_size, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (ch == MAP_FAILED)
        return -errno;
    int err = 0;
    for (unsigned w = 0; w < m->nworkers && !err; w++)
        err = open_channel(m, w, &ch[w]);
    if (!err)
        err = merge_pass(m, ch, 0, race);
    if (!err)
        err = merge_pass(m, ch, 1, race);
    for (unsigned w = 0; w < m->nworkers; w++)
        if (ch[w].map)
            munmap((void *)ch[w].map, ch[w].size);
    munmap(ch, ch_size);
    return err;
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
