/*
 * merge.c - the parent's merge of what the workers shipped.
 *
 * Why this file exists: this is where the promise "the program continues as
 * if the loop had run sequentially" is kept or a race is found.  The parent
 * has not written merged memory since the fork, so its pages still hold the
 * original bytes.  Two passes over the shipped pages in address order, all
 * workers' copies of one page side by side: first look for bytes two
 * workers changed to different values (a race: nothing is applied), then
 * apply every changed byte.  Same-value writes by several workers merge
 * without a report (they are counted, for MPLOOP_CHECK=1's warning).  Under
 * MPLOOP_CHECK=verify a pass between the two compares the result the
 * workers' writes would give with the writes of the sequential run, byte
 * for byte; a difference is a failure and nothing is applied.  After the
 * writes, the parent frees the blocks the workers freed (a block freed
 * twice is reported like a race, and nothing is applied).
 * All scratch is mmap'd: the parent neither mallocs nor uses stdio from
 * fork to merge.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "mem_internal.h"

/* The passes over the shipped pages. */
enum { PASS_CHECK, PASS_COMPARE, PASS_APPLY };

/* Parent: the next merged bytes of the page at addr, from merge range *r
 * on (start with the first range ending after addr): [*off, *off + *len)
 * within the page.  Returns 0 when the page has no more. */
static int page_range(const struct mploop__mem *m, uintptr_t addr, unsigned *r, size_t *off,
                      size_t *len)
{
    if (*r >= m->nmerge || m->merge[*r].addr >= addr + MPLOOP__PAGE)
        return 0;
    uintptr_t a = m->merge[*r].addr > addr ? m->merge[*r].addr : addr;
    uintptr_t b = m->merge[*r].addr + m->merge[*r].size;
    if (b > addr + MPLOOP__PAGE)
        b = addr + MPLOOP__PAGE;
    *off = a - addr;
    *len = b - a;
    ++*r;
    return 1;
}

/* Parent: merge the copies of the page at addr shipped by the workers in
 * ws[0..k), against the parent's own bytes.  With apply == 0 only look for
 * a race (returns -EBUSY and sets *race) and count the bytes several
 * workers changed to the same value; with apply != 0 write the changed
 * bytes. */
static int merge_page(struct mploop__mem *m, uintptr_t addr,
                      const unsigned char *const *ws, unsigned k, int apply,
                      uintptr_t *race, uint64_t *applied)
{
    unsigned char *orig = (unsigned char *)addr;
    unsigned r = mploop__range_first_ending_after(m->merge, m->nmerge, addr);
    size_t off, len;
    while (page_range(m, addr, &r, &off, &len)) {
        if (k == 1) {
            if (apply && memcmp(orig + off, ws[0] + off, len) != 0) {
                memcpy(orig + off, ws[0] + off, len);
                *applied += len;
            }
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
            int set = 0, same = 0;
            for (unsigned w = 0; w < k; w++) {
                unsigned char x = ws[w][i];
                if (x == o)
                    continue;
                if (set && x != v) {
                    *race = addr + i;
                    return -EBUSY;
                }
                same |= set;
                v = x;
                set = 1;
            }
            if (apply && set) {
                orig[i] = v;
                ++*applied;
            } else if (same && !m->overlaps++) {
                m->overlap_first = addr + i;
            }
        }
    }
    return 0;
}

/* Parent: the value the merge gives byte i of a page whose copies the
 * workers shipped in ws[0..k) (none: k == 0), orig being the parent's: the
 * value a worker changed it to (there is no race), else the parent's. */
static unsigned char merged_byte(const unsigned char *orig, const unsigned char *const *ws,
                                 unsigned k, size_t i)
{
    for (unsigned w = 0; w < k; w++)
        if (ws[w][i] != orig[i])
            return ws[w][i];
    return orig[i];
}

/* Parent: record that byte addr of the page at page differs: parallel
 * result par, the sequential run's seq (whole pages).  One place is kept
 * per 8-byte word, the first MPLOOP__DIFFS of them. */
static void compare_record(struct mploop__mem *m, uintptr_t page, size_t i,
                           const unsigned char *orig, const unsigned char *const *ws,
                           unsigned k, const unsigned char *seq)
{
    size_t w0 = i & ~(size_t)7;
    m->ndiff++;
    if (m->nplaces && m->places[m->nplaces - 1].word == page + w0)
        return;
    if (m->nplaces == MPLOOP__DIFFS)
        return;
    struct mploop__diff *d = &m->places[m->nplaces++];
    d->addr = page + i;
    d->word = page + w0;
    for (size_t j = 0; j < 8; j++) {
        d->par[j] = merged_byte(orig, ws, k, w0 + j);
        d->seq[j] = seq[w0 + j];
    }
}

/* Parent: compare, over the merged bytes of the page at addr, what the
 * merge would leave there (the workers' copies ws[0..k)) with the
 * sequential run's copy s (NULL: it did not write the page), recording
 * every difference in m.  An 8-byte word whose two values both point into
 * blocks the loop allocated counts as equal: each run got its blocks at
 * other addresses (their contents are not compared). */
static void compare_page(struct mploop__mem *m, uintptr_t addr,
                         const unsigned char *const *ws, unsigned k, const unsigned char *s)
{
    const unsigned char *orig = (const unsigned char *)addr;
    const unsigned char *seq = s ? s : orig;
    size_t equal_below = 0; /* bytes before this offset matched as pointers */
    unsigned r = mploop__range_first_ending_after(m->merge, m->nmerge, addr);
    size_t off, len;
    while (page_range(m, addr, &r, &off, &len)) {
        if (k <= 1 && memcmp((k ? ws[0] : orig) + off, seq + off, len) == 0)
            continue;
        for (size_t i = off; i < off + len; i++) {
            if (i < equal_below || merged_byte(orig, ws, k, i) == seq[i])
                continue;
            size_t w0 = i & ~(size_t)7;
            uint64_t pv = 0, sv = 0;
            for (size_t j = 8; j-- > 0;) {
                pv = pv << 8 | merged_byte(orig, ws, k, w0 + j);
                sv = sv << 8 | seq[w0 + j];
            }
            if (mploop__malloc_loop_block((uintptr_t)pv) &&
                mploop__malloc_loop_block((uintptr_t)sv)) {
                equal_below = w0 + 8;
                continue;
            }
            compare_record(m, addr, i, orig, ws, k, seq);
        }
    }
}

/* Parent: one pass over all channels in address order: PASS_CHECK looks
 * for races among the workers' copies, PASS_APPLY writes their changes,
 * PASS_COMPARE compares what they would give with the sequential run's
 * channel seq (its pages count too). */
static int merge_pass(struct mploop__mem *m, struct mploop__chan_view *ch,
                      struct mploop__chan_view *seq, int pass, uintptr_t *race)
{
    const unsigned char *ws[MPLOOP__MAX_WORKERS];
    for (unsigned w = 0; w < m->nshipped; w++)
        ch[w].pos = 0;
    if (seq)
        seq->pos = 0;
    for (;;) {
        uint64_t next = UINT64_MAX;
        for (unsigned w = 0; w < m->nshipped; w++)
            if (ch[w].pos < ch[w].n && ch[w].addr[ch[w].pos] < next)
                next = ch[w].addr[ch[w].pos];
        if (pass == PASS_COMPARE && seq->pos < seq->n && seq->addr[seq->pos] < next)
            next = seq->addr[seq->pos];
        if (next == UINT64_MAX)
            return 0;
        unsigned k = 0;
        for (unsigned w = 0; w < m->nshipped; w++)
            if (ch[w].pos < ch[w].n && ch[w].addr[ch[w].pos] == next) {
                ws[k++] = ch[w].pages + ch[w].pos * MPLOOP__PAGE;
                ch[w].pos++;
            }
        if (pass == PASS_COMPARE) {
            const unsigned char *s = NULL;
            if (seq->pos < seq->n && seq->addr[seq->pos] == next)
                s = seq->pages + seq->pos++ * MPLOOP__PAGE;
            compare_page(m, (uintptr_t)next, ws, k, s);
            continue;
        }
        if (pass == PASS_CHECK && k == 1)
            continue;
        int err = merge_page(m, (uintptr_t)next, ws, k, pass == PASS_APPLY, race, &m->changed);
        if (err)
            return err;
    }
}

/* Parent: gather every channel's deferred frees into *out (mmap'd, sorted
 * by address, size = worker index), *n of them, *size bytes mapped.  A block
 * freed twice is reported in a note and returned as -EBUSY with *race set.
 * Returns 0 or -errno. */
static int gather_frees(const struct mploop__mem *m, const struct mploop__chan_view *ch,
                        struct mploop__range **out, uint64_t *n, size_t *size, uintptr_t *race)
{
    uint64_t total = 0;
    for (unsigned w = 0; w < m->nshipped; w++)
        total += ch[w].nfrees;
    *out = NULL;
    *n = 0;
    *size = 0;
    if (!total)
        return 0;
    if (total > UINT32_MAX)
        return -E2BIG;
    size_t bytes = MPLOOP__PAGE_UP((size_t)total * sizeof(struct mploop__range));
    struct mploop__range *f = mploop__os_map(bytes);
    if (!f)
        return -ENOMEM;
    uint64_t k = 0;
    for (unsigned w = 0; w < m->nshipped; w++)
        for (uint64_t i = 0; i < ch[w].nfrees; i++)
            f[k++] = (struct mploop__range){ ch[w].frees[i], w };
    mploop__range_sort(f, (unsigned)total);
    *out = f;
    *n = total;
    *size = bytes;
    for (uint64_t i = 1; i < total; i++)
        if (f[i].addr == f[i - 1].addr) {
            mploop__describe_freed_twice(f[i].addr);
            if (f[i].size == f[i - 1].size)
                mploop__note("worker %lu frees the block at %#lx twice; it was allocated "
                             "before the loop", (unsigned long)f[i].size,
                             (unsigned long)f[i].addr);
            else
                mploop__note("workers %lu and %lu both free the block at %#lx, which was "
                             "allocated before the loop", (unsigned long)f[i - 1].size,
                             (unsigned long)f[i].size, (unsigned long)f[i].addr);
            *race = f[i].addr;
            return -EBUSY;
        }
    return 0;
}

/* Parent: see mem_internal.h. */
int mploop__merge(struct mploop__mem *m, uintptr_t *race)
{
    struct mploop__range *frees = NULL;
    uint64_t nfrees = 0;
    size_t frees_size = 0;
    mploop__describe_freed_twice(0);
    size_t ch_size = MPLOOP__PAGE_UP(sizeof(struct mploop__chan_view) * m->nshipped);
    struct mploop__chan_view *ch = mmap(NULL, ch_size, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (ch == MAP_FAILED)
        return -errno;
    struct mploop__chan_view seq = { 0 };
    int err = 0;
    for (unsigned w = 0; w < m->nshipped && !err; w++) {
        err = mploop__chan_open(m, w, &ch[w]);
        m->shipped += ch[w].n;
    }
    if (!err && m->compare)
        err = mploop__chan_open(m, (unsigned)m->seq, &seq);
    if (!err)
        err = merge_pass(m, ch, NULL, PASS_CHECK, race);
    if (!err)
        err = gather_frees(m, ch, &frees, &nfrees, &frees_size, race);
    if (!err && m->compare) {
        merge_pass(m, ch, &seq, PASS_COMPARE, race);
        if (m->ndiff) {
            *race = m->places[0].addr;
            err = -EDOM;
        }
    }
    if (!err)
        err = merge_pass(m, ch, NULL, PASS_APPLY, race);
    /* The frees come last: a block a worker wrote and then freed gets its
     * bytes first, as in the sequential order.  A block that is not merged
     * memory (excluded stream state) or not a block at all is left alone. */
    for (uint64_t i = 0; !err && i < nfrees; i++) {
        void *p = (void *)frees[i].addr;
        if (mploop__range_overlaps(m->merge, m->nmerge, frees[i].addr, 1) || mploop__large_is_block(p) ||
            mploop__malloc_arena_block(frees[i].addr, &(uintptr_t){ 0 }, &(size_t){ 0 }) == 0)
            mploop__malloc_free_deferred(p);
    }
    mploop__os_unmap(frees, frees_size);
    for (unsigned w = 0; w < m->nshipped; w++)
        mploop__chan_close(&ch[w]);
    mploop__chan_close(&seq);
    munmap(ch, ch_size);
    return err;
}
