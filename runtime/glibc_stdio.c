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
#include <stdio_ext.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

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
        if (!f->_IO_buf_base && !(f->_flags & 2 /* _IO_UNBUFFERED */) &&
            ftrylockfile(f) == 0) {
            /* Not while another thread uses the stream: its use gives it
             * the buffer. */
            if (!f->_IO_buf_base)
                _IO_doallocbuf(f);
            funlockfile(f);
        }
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

/* Streams a worker gave a buffer of its own (and its size), and the
 * process that did: kept across the loops of a persistent team, which
 * reuses each buffer when a resume gives the stream the parent's state. */
#define STDIO_OWN 16
static struct {
    pid_t pid;
    unsigned n;
    const FILE *f[STDIO_OWN];
    char *buf[STDIO_OWN];
    size_t size[STDIO_OWN];
} stdio_own MPLOOP__WORKER;

/* Worker: point p, when it lies in [ob, oe], at the same place of the
 * buffer nb. */
static void stdio_rebase(char **p, const char *ob, const char *oe, char *nb)
{
    if (*p && *p >= ob && *p <= oe)
        *p = nb + (*p - ob);
}

/* Worker: give stream f, which holds no unwritten output, a copy of its
 * buffer in a mapping of the worker's own (unless it uses one already; the
 * one it had before a resume is used again).
 * The buffer it had lies in the parent's memory, on pages it shares with
 * other blocks: written there, those pages would be shipped, and the merge
 * would write back their other bytes as the fork left them, undoing what
 * other threads of the parent wrote there meanwhile.  Every pointer into
 * the old buffer moves by the same distance, so the stream's state (its
 * file position, its mode, input it has read) is exactly as before; the
 * buffer is marked the program's own (_IO_USER_BUF), which glibc never
 * frees. */
static void stdio_own_buffer(FILE *f)
{
    if (stdio_own.pid != getpid()) {
        stdio_own.pid = getpid();
        stdio_own.n = 0;
    }
    unsigned i = 0;
    while (i < stdio_own.n && stdio_own.f[i] != f)
        i++;
    char *ob = f->_IO_buf_base, *oe = f->_IO_buf_end;
    size_t size = (size_t)(oe - ob);
    if ((i < stdio_own.n && stdio_own.buf[i] == ob) || oe <= ob ||
        (i == stdio_own.n && i == STDIO_OWN))
        return;
    char *nb = i < stdio_own.n && stdio_own.size[i] == size ? stdio_own.buf[i] : NULL;
    if (!nb) {
        nb = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (nb == MAP_FAILED)
            return;
        if (i < stdio_own.n)
            munmap(stdio_own.buf[i], stdio_own.size[i]);
    }
    memcpy(nb, ob, size);
    char **ptrs[] = { &f->_IO_read_base, &f->_IO_read_ptr, &f->_IO_read_end,
                      &f->_IO_write_base, &f->_IO_write_ptr, &f->_IO_write_end,
                      &f->_IO_buf_base, &f->_IO_buf_end };
    for (unsigned k = 0; k < sizeof ptrs / sizeof ptrs[0]; k++)
        stdio_rebase(ptrs[k], ob, oe, nb);
    f->_flags |= 1; /* _IO_USER_BUF */
    stdio_own.f[i] = f;
    stdio_own.buf[i] = nb;
    stdio_own.size[i] = size;
    if (i == stdio_own.n)
        stdio_own.n++;
}

/* Worker, right after the fork: see mem_internal.h.  The parent flushed its
 * streams before forking, so output still buffered was written since by
 * another thread of the parent (or could not be written): the parent
 * writes it, and the worker, which flushes its streams when it ends, must
 * not write it a second time.  Input buffered for reading is kept (it moves
 * to the worker's buffer with the rest). */
void mploop__stdio_worker_streams(void)
{
    FILE **head = stream_list();
    if (!head)
        return;
    unsigned guard = 0;
    _IO_list_lock();
    for (FILE *f = *head; f && guard < 1000000; f = f->_chain, guard++) {
        if (__fpending(f) > 0)
            __fpurge(f);
        if (f->_IO_buf_base && !(f->_flags & (2 | 0x100)) /* _IO_UNBUFFERED, _IO_IN_BACKUP */ &&
            f->_mode <= 0)
            stdio_own_buffer(f);
    }
    _IO_list_unlock();
}
