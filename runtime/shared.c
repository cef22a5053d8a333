/*
 * shared.c - mploop_shared_alloc and mploop_shared_free: memory the parent
 * and every worker see at once, in the shared window (window.c).
 *
 * The memory is written in place by whichever process writes it: never
 * merged, never snapshotted, never compared by MPLOOP_CHECK, in every write
 * mode and with every tracker.  It can be allocated and freed by the parent
 * or by a worker, before, in and after loops, also while a persistent team
 * is parked: the allocator's state lives in the window too.  Blocks are
 * zeroed and aligned to 64 bytes (a cache line), so that locks or counters
 * in two blocks never share a line.
 */
#define _GNU_SOURCE
#include <errno.h>

#include "window.h"

/* Both: see mploop.h.  An allocation of 0 bytes returns a block of its
 * own (as glibc's malloc(0) does). */
void *mploop_shared_alloc(size_t size)
{
    return mploop__window_alloc(size);
}

/* Both: see mploop.h.  A pointer that is not a live block of the shared
 * memory (never allocated there, freed already) is a program bug: the
 * loop fails, naming the address. */
void mploop_shared_free(void *p)
{
    if (!p)
        return;
    if (mploop__window_free(p) < 0)
        mploop_fail("mploop_shared_free(%p): not a block of mploop_shared_alloc (never "
                    "allocated there, or freed already)", p);
}

/* Both: see mploop.h. */
int mploop_shared_owns(const void *p)
{
    return mploop__window_owns(p);
}
