/*
 * range.c - arithmetic on sorted lists of address ranges, and runs of pages.
 *
 * Why this file exists: the memory module thinks in byte ranges (what is
 * merged, what is excluded, what is armed) and the trackers in runs of
 * written pages.  The arithmetic on them is pure: no system call, no malloc,
 * no recursion (it runs in the parent between fork and merge and in
 * workers), so it sits at the bottom of the runtime, calls nothing, and is
 * unit-tested on its own (test/unit/range_test.c).
 */
#include <stdint.h>

#include "internal.h"

/* Both: order of ranges by address, then size. */
static int range_less(const struct mploop__range *a, const struct mploop__range *b)
{
    return a->addr < b->addr || (a->addr == b->addr && a->size < b->size);
}

/* Both: move r[root] down the heap r[0..n) until both its children are
 * smaller. */
static void range_sift(struct mploop__range *r, unsigned root, unsigned n)
{
    for (;;) {
        unsigned child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && range_less(&r[child], &r[child + 1]))
            child++;
        if (!range_less(&r[root], &r[child]))
            return;
        struct mploop__range t = r[root];
        r[root] = r[child];
        r[child] = t;
        root = child;
    }
}

/* Both: see internal.h (heapsort: no malloc, no recursion). */
void mploop__range_sort(struct mploop__range *r, unsigned n)
{
    if (n < 2)
        return;
    for (unsigned start = n / 2; start-- > 0;)
        range_sift(r, start, n);
    for (unsigned end = n - 1; end > 0; end--) {
        struct mploop__range t = r[0];
        r[0] = r[end];
        r[end] = t;
        range_sift(r, 0, end);
    }
}

/* Both: see internal.h. */
unsigned mploop__range_normalize(struct mploop__range *r, unsigned n)
{
    mploop__range_sort(r, n);
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

/* Both: see internal.h. */
unsigned mploop__range_subtract(const struct mploop__range *t, unsigned nt,
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

/* Both: see internal.h (binary search). */
unsigned mploop__range_first_ending_after(const struct mploop__range *r, unsigned n, uintptr_t addr)
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

/* Both: see internal.h. */
int mploop__range_overlaps(const struct mploop__range *r, unsigned n, uintptr_t a, uintptr_t len)
{
    unsigned i = mploop__range_first_ending_after(r, n, a);
    return i < n && r[i].addr < a + len;
}

/* Both (workers in practice): see internal.h. */
int mploop__runs_page(struct mploop__runs *r, uintptr_t addr, int written)
{
    if (written && !r->start)
        r->start = addr;
    else if (!written && r->start)
        return mploop__runs_end(r, addr);
    return 0;
}

/* Both (workers in practice): see internal.h. */
int mploop__runs_end(struct mploop__runs *r, uintptr_t end)
{
    uintptr_t start = r->start;
    r->start = 0;
    return start ? r->emit(r->ctx, start, end) : 0;
}
