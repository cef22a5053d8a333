/*
 * glibc_malloc.c - reading glibc's malloc chunks, for reports.
 *
 * Why this file exists: when a race hits glibc's heap, the report should
 * name the block ("heap block 0x55d0c8 (64 bytes), byte 8"), and only
 * glibc's own chunk layout can tell where a block starts: a size word
 * before each block, low bits as flags, mmapped chunks page-aligned with
 * their padding in prev_size.  That knowledge of a private glibc layout is
 * kept in this one file; everything it reads is checked for plausibility,
 * and an answer it cannot vouch for is -ENOENT, never a guess.
 */
#include <errno.h>
#include <stdint.h>

#include "mem_internal.h"

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
