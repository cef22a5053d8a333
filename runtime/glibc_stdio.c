/*
 * glibc_stdio.c - the C library's streams are not the program's data.
 *
 * A FILE opened with fopen and the buffer of every stream live in the heap,
 * which the merge otherwise copies back.  A worker's printf moves its copy
 * of the FILE's pointers and fills its copy of the buffer: merged back, that
 * would corrupt the parent's stream, and two workers' different output in
 * one buffer would look like a race.  So the parent lists every open
 * stream's FILE object and buffers, and the merge leaves those bytes alone.
 *
 * glibc keeps its streams on a list headed by _IO_list_all and linked by
 * _chain.  The head is taken with dlsym on the C library itself: in a PIE
 * executable a direct reference would become a copy relocation that the
 * library no longer updates, and fopen'ed streams would be missed.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>

#include "mem_internal.h"

/* glibc's own allocation of a stream's buffer (libio), exported. */
extern void _IO_doallocbuf(FILE *f);
extern void _IO_list_lock(void);
extern void _IO_list_unlock(void);

static FILE **list_all MPLOOP__STATE;
static int looked MPLOOP__STATE;

/* Parent: where glibc's stream list head lives, or NULL. */
static FILE **stream_list(void)
{
    if (!looked) {
        looked = 1;
        void *libc = dlopen("libc.so.6", RTLD_LAZY | RTLD_NOLOAD);
        if (libc) {
            list_all = (FILE **)dlsym(libc, "_IO_list_all");
            dlclose(libc);
        }
    }
    return list_all;
}

/* Add [a, b) to out[] when it is not empty; *n counts even past max. */
static void add(struct mploop__range *out, unsigned max, unsigned *n,
                const void *a, const void *b)
{
    if (!a || (uintptr_t)b <= (uintptr_t)a)
        return;
    if (*n < max)
        out[*n] = (struct mploop__range){ (uintptr_t)a, (uintptr_t)b - (uintptr_t)a };
    (*n)++;
}

/* Streams already classified: a FILE inside a loaded module (the standard
 * streams in the C library's data) stays one, and a heap block never
 * becomes one, so dladdr (a symbol-table search, microseconds) runs once
 * per stream address. */
#define STDIO_KNOWN 16
static struct {
    const void *f[STDIO_KNOWN];
    unsigned char in_module[STDIO_KNOWN];
    unsigned n, next;
} stdio_known MPLOOP__STATE;

/* Parent: nonzero when the FILE at f lies in a loaded module. */
static int stdio_in_module(const void *f)
{
    for (unsigned i = 0; i < stdio_known.n; i++)
        if (stdio_known.f[i] == f)
            return stdio_known.in_module[i];
    Dl_info info;
    int in = dladdr(f, &info) != 0;
    unsigned slot = stdio_known.n < STDIO_KNOWN ? stdio_known.n++
                                                : stdio_known.next++ % STDIO_KNOWN;
    stdio_known.f[slot] = f;
    stdio_known.in_module[slot] = (unsigned char)in;
    return in;
}

/* Parent: see internal.h.  First gives every buffered stream that has no
 * buffer yet its buffer (see below).  The FILE object's extent is the usable size of
 * its heap block (fopen allocates the FILE, its lock and its wide-character
 * state in one block); a FILE inside a loaded module (the standard streams
 * in the C library's data) gets the extent of struct FILE. */
unsigned mploop__stdio_ranges(struct mploop__range *out, unsigned max)
{
    FILE **head = stream_list();
    unsigned n = 0;
    if (!head)
        return 0;
    unsigned guard = 0;
    _IO_list_lock();
    for (FILE *f = *head; f && guard < 1000000; f = f->_chain, guard++) {
        /* A buffered stream without a buffer yet gets it now, in the
         * parent, exactly as its first use would give it; otherwise each
         * worker would allocate one in its arena at every loop. */
        if (!f->_IO_buf_base && !(f->_flags & 2 /* _IO_UNBUFFERED */))
            _IO_doallocbuf(f);
        if (stdio_in_module(f))
            add(out, max, &n, f, (char *)f + sizeof(FILE));
        else
            add(out, max, &n, f, (char *)f + mploop__malloc_usable(f));
        add(out, max, &n, f->_IO_buf_base, f->_IO_buf_end);
        add(out, max, &n, f->_IO_save_base, f->_IO_save_end);
    }
    _IO_list_unlock();
    return n;
}

/* Parent: see internal.h.  glibc caches a stream's file offset in
 * _offset; _IO_pos_BAD (-1) makes it ask the kernel again. */
void mploop__stdio_forget_offset(int fd)
{
    FILE **head = stream_list();
    if (!head)
        return;
    unsigned guard = 0;
    _IO_list_lock();
    for (FILE *f = *head; f && guard < 1000000; f = f->_chain, guard++)
        if (f->_fileno == fd)
            f->_offset = -1;
    _IO_list_unlock();
}
