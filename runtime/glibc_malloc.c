/*
 * glibc_malloc.c - reading glibc's malloc chunks and arenas.
 *
 * Why this file exists: when a race hits glibc's heap, the report should
 * name the block ("heap block 0x55d0c8 (64 bytes), byte 8"), and only
 * glibc's own chunk layout can tell where a block starts: a size word
 * before each block, low bits as flags, mmapped chunks page-aligned with
 * their padding in prev_size.  And in a program with threads, the child of
 * every fork rewrites the header of each malloc arena a thread created
 * (its lock, its count of attached threads, its free-list link): those
 * headers lie in mmapped heaps, which the merge copies back, on the same
 * page as the arena's first blocks (a stream's buffer, say).  A worker that
 * writes such a page would carry the child's header back into the parent,
 * whose threads then find their arena detached.  So the plan excludes
 * them, and only glibc's layout says where they are.  That knowledge of
 * a private glibc layout is kept in this one file; everything it reads is
 * checked for plausibility, and an answer it cannot vouch for is -ENOENT
 * (or nothing), never a guess.
 */
#include <errno.h>
#include <stdint.h>

#include "mem_internal.h"

/* A thread's arena heap is a mapping aligned to its largest size (glibc's
 * HEAP_MAX_SIZE on 64-bit systems), starting with a heap_info whose first
 * word points at the arena's header (struct malloc_state) right after it,
 * and whose second is NULL in the arena's first heap. */
#define ARENA_HEAP_ALIGN (64ull << 20)
/* sizeof(struct malloc_state) on x86-64 since glibc 2.26; the arena's
 * first chunk follows it, 16-byte aligned. */
#define ARENA_HEADER 2200u

/* Parent: see mem_internal.h.  Walks the chunk headers from lo, stopping
 * at the first implausible one. */
int mploop__glibc_chunk_find(uintptr_t lo, uintptr_t hi, uintptr_t addr, int mmapped,
                             uintptr_t *block)
{
    uintptr_t c = (lo + 15) & ~(uintptr_t)15;
    while (c + 16 <= hi) {
        uintptr_t start = c;
        if (mmapped) {
            uintptr_t corr = *(const uintptr_t *)c;  /* prev_size: alignment padding */
            if (corr >= MPLOOP__PAGE || (corr & 15))
                return -ENOENT;
            c += corr;
        }
        uintptr_t size = *(const uintptr_t *)(c + 8);
        if (mmapped && !(size & 2))
            return -ENOENT;
        size &= ~(uintptr_t)7;
        if (size < 32 || (size & 15) || size > hi - c)
            return -ENOENT;
        if (addr >= c + 16 && addr < c + size) {
            *block = c + 16;
            return 0;
        }
        c = mmapped ? MPLOOP__PAGE_UP(c + size) : c + size;
        if (c <= start)
            return -ENOENT;
    }
    return -ENOENT;
}

/* Parent: see mem_internal.h.  An arena's header is recognized only when
 * its heap starts on the alignment, the heap_info points just past itself,
 * and the word after the header is the size of a plausible first chunk
 * (in use before it: PREV_INUSE set). */
unsigned mploop__glibc_arena_headers(const struct mploop__vma *vma, unsigned nvma,
                                     struct mploop__range *out, unsigned max)
{
    unsigned n = 0;
    for (unsigned i = 0; i < nvma; i++) {
        const struct mploop__vma *v = &vma[i];
        if ((v->flags & (MPLOOP__VMA_READ | MPLOOP__VMA_WRITE | MPLOOP__VMA_SHARED |
                         MPLOOP__VMA_FILE | MPLOOP__VMA_SPECIAL)) !=
                (MPLOOP__VMA_READ | MPLOOP__VMA_WRITE) ||
            v->start % ARENA_HEAP_ALIGN != 0 || v->end - v->start < MPLOOP__PAGE)
            continue;
        const uintptr_t *info = (const uintptr_t *)v->start;
        uintptr_t state = info[0];
        if (info[1] != 0 || state <= v->start + 2 * sizeof(uintptr_t) ||
            state >= v->start + 128 || (state & 15))
            continue;
        uintptr_t chunk = (state + ARENA_HEADER + 15) & ~(uintptr_t)15;
        if (chunk + 16 > v->end)
            continue;
        uintptr_t size = *(const uintptr_t *)(chunk + 8);
        if (!(size & 1) || (size & ~(uintptr_t)7) < 32 || (size & 8) ||
            (size & ~(uintptr_t)7) > v->end - chunk)
            continue;
        if (n < max)
            out[n] = (struct mploop__range){ state, ARENA_HEADER };
        n++;
    }
    return n;
}
