/*
 * channel.c - a worker's shipment of its writes to the parent, both ends.
 *
 * Why this file exists: after its last chunk a worker must hand the parent
 * every page it wrote that holds merged bytes, and the parent must not trust
 * what arrives (a body that scribbles over a descriptor it did not open can
 * corrupt it).  As in Redis's childinfo.c, one file owns the format and both
 * ends of the pipe: the worker writes, the parent validates before it reads
 * a byte.  The channel is a memfd per worker slot, created by the parent
 * before the first fork that needs it, kept for later loops (a persistent
 * team's workers hold it already) and read back with one mmap:
 *
 *   header   magic "loopship", worker index, loop generation, page count,
 *            count of deferred frees
 *   addrs    page addresses, strictly increasing, each a page the plan
 *            armed or a page of a privately remapped region
 *   pages    the page contents, in the same order
 *   frees    blocks older than the loop that the body freed (malloc.c)
 *
 * The parent accepts a channel only when every field agrees with the others
 * and with the loop's plan; anything else is -EPROTO, and nothing is merged.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "mem_internal.h"

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

/* The channels, one per worker slot, created at the first loop that needs
 * them and kept: a persistent team's workers hold the same descriptors
 * across loops (they cannot receive new ones).  Each loop empties them. */
static struct {
    int fd[MPLOOP__MAX_WORKERS];
    unsigned n;                    /* slots 0..n-1 have a channel */
    int registered;
} chan MPLOOP__STATE;

/* This thread forks a loop's workers (another thread may fork() meanwhile). */
static MPLOOP__THREAD int chan_forking;

/* Child of the program's own fork(): the channels are shared with the
 * parent's workers; close this process's copies and make new ones when it
 * runs a loop of its own. */
static void chan_on_fork_child(void)
{
    if (chan_forking)
        return;
    for (unsigned w = 0; w < chan.n; w++) {
        close(chan.fd[w]);
        mploop__os_fd_closed(chan.fd[w]);
    }
    chan.n = 0;
}

/* Parent: see mem_internal.h. */
int mploop__chan_create(struct mploop__mem *m)
{
    if (!chan.registered) {
        if (pthread_atfork(NULL, NULL, chan_on_fork_child) != 0)
            return -ENOMEM;
        chan.registered = 1;
    }
    for (unsigned w = 0; w < m->nworkers; w++) {
        if (w == chan.n) {
            int fd = mploop__memfd_create("mploop-ship");
            if (fd < 0)
                return fd;
            chan.fd[chan.n++] = fd;
        } else if (ftruncate(chan.fd[w], 0) < 0 || lseek(chan.fd[w], 0, SEEK_SET) < 0) {
            /* Emptied, and its offset (shared with every worker) rewound. */
            return -errno;
        }
        m->fds[w] = chan.fd[w];
    }
    return 0;
}

/* Parent: see mem_internal.h. */
void mploop__chan_forking(int on)
{
    chan_forking = on;
}

/* Worker: merge the sorted runs a[0..n1) and a[n1..n) in place (through
 * scratch memory).  Returns 0 or -errno. */
static int merge_runs(uint64_t *a, uint64_t n1, uint64_t n)
{
    if (n1 == 0 || n1 == n || a[n1 - 1] < a[n1])
        return 0;
    size_t size = MPLOOP__PAGE_UP((size_t)n * sizeof *a);
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
    for (uintptr_t p = MPLOOP__PAGE_DOWN(start); p < end; p += MPLOOP__PAGE) {
        while (s->cursor < n && r[s->cursor].addr + r[s->cursor].size <= p)
            s->cursor++;
        if (s->cursor >= n)
            return 0;
        if (r[s->cursor].addr >= p + MPLOOP__PAGE) {
            /* Skip to the page of the next merged range. */
            uintptr_t next = MPLOOP__PAGE_DOWN(r[s->cursor].addr);
            if (next >= end)
                break;
            p = next - MPLOOP__PAGE;
            continue;
        }
        if (s->n == s->cap)
            return -EOVERFLOW;
        s->addr[s->n++] = p;
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
            iov[niov - 1].iov_len += MPLOOP__PAGE;
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
                int err = mploop__os_write_all(fd, (char *)iov[k].iov_base + done, iov[k].iov_len - done);
                if (err)
                    return err;
                done = 0;
            }
            niov = 0;
        }
        if (last)
            break;
        iov[niov].iov_base = (void *)(uintptr_t)s->addr[i];
        iov[niov].iov_len = MPLOOP__PAGE;
        niov++;
    }
    return 0;
}

/* Worker: see mem_internal.h. */
int mploop__chan_send(const struct mploop__mem *m, unsigned w)
{
    if (w >= m->nworkers)
        return -EINVAL;
    struct ship_list s = { .m = m, .cap = m->arm_pages + m->region_pages };
    size_t list_size = MPLOOP__PAGE_UP((size_t)(s.cap ? s.cap : 1) * sizeof(uint64_t));
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
        err = mploop__os_write_all(fd, &h, sizeof h);
        if (!err)
            err = mploop__os_write_all(fd, s.addr, (size_t)s.n * sizeof(uint64_t));
        if (!err)
            err = write_pages(fd, &s);
        if (!err && nfrees)
            err = mploop__os_write_all(fd, frees, (size_t)nfrees * sizeof(uint64_t));
    }
    munmap(s.addr, list_size);
    return err;
}

/* Parent: see mem_internal.h.  Checks the header against what this loop
 * could have shipped, the size against the header, and every page address:
 * aligned, increasing, and a page the worker was allowed to write. */
int mploop__chan_open(const struct mploop__mem *m, unsigned w, struct mploop__chan_view *c)
{
    struct stat sb;
    memset(c, 0, sizeof *c);
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
        c->size != sizeof *h + h->npages * (sizeof(uint64_t) + MPLOOP__PAGE) +
                       h->nfrees * sizeof(uint64_t))
        return -EPROTO;
    c->n = h->npages;
    c->addr = (const uint64_t *)(c->map + sizeof *h);
    c->pages = c->map + sizeof *h + c->n * sizeof(uint64_t);
    c->nfrees = h->nfrees;
    c->frees = (const uint64_t *)(c->pages + c->n * MPLOOP__PAGE);
    c->pos = 0;
    for (uint64_t i = 0; i < c->n; i++) {
        uint64_t a = c->addr[i];
        if ((a & (MPLOOP__PAGE - 1)) || (i && a <= c->addr[i - 1]) ||
            (!mploop__range_overlaps(m->arm, m->narm, a, MPLOOP__PAGE) &&
             !mploop__range_overlaps(m->region_ranges, m->nranges, a, 1)))
            return -EPROTO;
    }
    return 0;
}

/* Parent: see mem_internal.h. */
void mploop__chan_close(struct mploop__chan_view *c)
{
    if (c->map)
        munmap((void *)c->map, c->size);
    c->map = NULL;
}
