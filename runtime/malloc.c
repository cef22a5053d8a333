/*
 * malloc.c - allocation that survives the join.
 *
 * Every program linked with mploop gets these definitions of malloc and its
 * family, so that the C library and the program itself allocate through
 * them.  In the parent they forward to glibc (__libc_malloc and friends),
 * which costs one well-predicted branch.
 *
 * In a worker, glibc's heap must stay untouched: its metadata lives in
 * memory the merge copies back, and two workers' different updates of it
 * would corrupt the parent's heap.  So a worker allocates from an arena of
 * its own, inside a region the parent mapped MAP_SHARED before the fork
 * (one region per worker slot, at fixed distinct addresses within one
 * reserved window).  A block allocated in the body and stored in memory
 * that existed before the loop (`out[i] = strdup(...)`) is then valid and
 * readable in the parent after the join, and the parent can free it, ask
 * its size or realloc it like any other block (the Grace/Dthreads layout).
 *
 * Arena allocator: power-of-two size classes with one free list each, a
 * bump pointer for fresh space, a 16-byte header before each block.  Large
 * freed chunks give their pages back (MADV_REMOVE), and regions are created
 * MAP_NORESERVE, so an arena costs only the memory its live blocks touch.
 * The arenas persist across loops: worker slot w of the next loop continues
 * arena w, so the mapping count stays flat however many loops run.
 *
 * A worker does not free a block that existed before the loop (glibc's, or
 * an arena block of an earlier loop or another worker) at once: freeing it
 * for real would change memory the parent still uses, and glibc's metadata
 * is merged memory.  It records the block in a list in worker memory
 * instead; the list travels with the worker's writes (mem.c) and the parent
 * frees the blocks at the join, after the merge.  realloc of such a block
 * allocates the new one in the arena, copies, and defers the old one's free
 * the same way.  Frees the C library makes on its own (fclose of a stream
 * the parent opened, setlocale, getline growing a buffer) are not deferred:
 * that library state is per worker, and the parent's copy still uses the
 * block, so it is left allocated.  Each block records the loop generation
 * that allocated it to tell old blocks from the loop's own.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mem_internal.h"
#include "spin.h"

/* glibc's allocator, exported by libc.so.6 under these names. */
extern void *__libc_malloc(size_t);
extern void __libc_free(void *);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void *__libc_valloc(size_t);
extern void *__libc_pvalloc(size_t);

/* Bounds of the address space of one worker arena (st.arena_size: the
 * largest for which MPLOOP__MAX_WORKERS arenas could be reserved, and under
 * an address-space limit no more than an eighth of it), and the biggest
 * class in it. */
#define ARENA_SIZE_MAX (32ull << 30)
#define ARENA_SIZE_MIN (4ull << 20)
/* Under an address-space limit (RLIMIT_AS) the window takes at most this
 * fraction of it, and arenas may be as small as ARENA_SIZE_LIMITED (one
 * allocation in a body then holds at most half of that). */
#define ARENA_LIMIT_SHARE 8
#define ARENA_SIZE_LIMITED (256ull << 10)
#define MAX_CLS 34
#define MIN_CLS 5
#define HDR 16u
#define ARENA_MAGIC 0x6d706c6f6f706172ull /* "mploopar" */
#define STATE_USED 0xa5
#define STATE_FREE 0x5a
/* Classes at least this big give their pages back when freed. */
#define PUNCH_CLS 16

/* Header of an arena region (its first page). */
struct arena {
    uint64_t magic;
    volatile int lock;
    uint32_t pad;
    uint64_t bump;                 /* offset of the first never-used byte */
    uint64_t live;                 /* blocks allocated and not yet freed */
    uintptr_t head[MAX_CLS + 1];   /* free chunk lists, by class */
};

/* Header in front of every arena block; for a free chunk, at its start. */
struct bhdr {
    uint64_t word;   /* used: distance from chunk start to block; free: next chunk */
    uint32_t gen;    /* loop generation that allocated the block */
    uint8_t cls;     /* log2 of the chunk size */
    uint8_t state;   /* STATE_USED or STATE_FREE */
    uint16_t arena;  /* arena index */
};

/* Process-private state of the allocator (never merged). */
static struct {
    uintptr_t base;        /* reserved window for MPLOOP__MAX_WORKERS arenas */
    uint64_t arena_size;   /* bytes of address space per arena */
    unsigned mapped;       /* arenas 0..mapped-1 are mapped */
    int fd;                /* the memfd behind the window (file offset =
                            * address - base), when have_fd */
    int have_fd;
    int in_arena;          /* allocations come from arena w (set in a worker by
                            * mploop__malloc_worker; team.c alone knows whether
                            * this process is a worker) */
    unsigned w;            /* its arena */
    uint32_t gen;          /* generation of the running loop */
    size_t (*glibc_usable)(void *);
    struct mploop__range libc; /* the C library's load span */
    struct arena saved[MPLOOP__MAX_WORKERS]; /* parent: arena headers as the
                                              * running loop found them */
    unsigned prepared;     /* parent: arenas of that loop (saved[0..prepared)) */
    uint64_t *deferred;    /* worker: blocks older than the loop it freed */
    uint64_t ndeferred, deferred_cap;
    int owner;             /* parent: 1 when the process allocates through
                            * this file, -1 when not, 0 not known yet */
    const void *foreign;   /* when not: the definition it uses instead */
} st MPLOOP__STATE;

/* The functions this file defines for the whole process. */
static const char *const malloc_family[] = {
    "malloc", "free", "calloc", "realloc", "reallocarray", "memalign", "posix_memalign",
    "aligned_alloc", "valloc", "pvalloc", "malloc_usable_size",
};

/* Both: arena i. */
static struct arena *arena_at(unsigned i)
{
    return (struct arena *)(st.base + (uintptr_t)i * st.arena_size);
}

/* Both: the arena index of p, or -1 when p is not in a mapped arena. */
static int arena_index(const void *p)
{
    uintptr_t a = (uintptr_t)p;
    if (a < st.base || a >= st.base + (uintptr_t)st.mapped * st.arena_size)
        return -1;
    return (int)((a - st.base) / st.arena_size);
}

/* Both: take arena a's spin lock (held only for a few list operations). */
static void lock(struct arena *a)
{
    mploop__spin_lock(&a->lock);
}

/* Both: release arena a's spin lock. */
static void unlock(struct arena *a)
{
    mploop__spin_unlock(&a->lock);
}

/* Both: report a corrupted or invalid free and abort, as glibc does. */
__attribute__((noreturn)) static void bad_pointer(const char *what)
{
    static const char pre[] = "mploop: ";
    static const char post[] = ": invalid pointer (not an allocated block)\n";
    (void)!write(2, pre, sizeof pre - 1);
    (void)!write(2, what, strlen(what));
    (void)!write(2, post, sizeof post - 1);
    abort();
}

/* Both: header of arena block p after checking it, or NULL when p is not the
 * start of a block that is currently allocated. */
static struct bhdr *block_header(void *p, int idx)
{
    uintptr_t a = (uintptr_t)p;
    if (a & (HDR - 1))
        return NULL;
    if (a < (uintptr_t)arena_at((unsigned)idx) + MPLOOP__PAGE + HDR)
        return NULL;
    struct bhdr *h = (struct bhdr *)(a - HDR);
    if (h->state != STATE_USED || h->arena != idx || h->cls < MIN_CLS ||
        h->cls > MAX_CLS || h->word < HDR || h->word >= (1ull << h->cls))
        return NULL;
    return h;
}

/* Worker: allocate n bytes aligned to `align` (a power of two) from this
 * worker's arena.  *fresh tells whether the memory is known to be zero.
 * Returns NULL with errno ENOMEM when the arena is full. */
static void *arena_alloc(size_t n, size_t align, int *fresh)
{
    size_t lead = align > HDR ? align : HDR;
    if (n > st.arena_size / 2 || lead > st.arena_size / 4) {
        errno = ENOMEM;
        return NULL;
    }
    size_t need = n + lead;
    unsigned cls = MIN_CLS;
    while ((1ull << cls) < need)
        cls++;
    if (cls > MAX_CLS) {
        errno = ENOMEM;
        return NULL;
    }
    struct arena *a = arena_at(st.w);
    uintptr_t chunk;
    lock(a);
    if (a->head[cls]) {
        chunk = a->head[cls];
        a->head[cls] = (uintptr_t)((struct bhdr *)chunk)->word;
        *fresh = 0;
    } else {
        uint64_t al = cls >= 12 ? MPLOOP__PAGE : HDR;
        uint64_t off = (a->bump + al - 1) & ~(al - 1);
        if (off + (1ull << cls) > st.arena_size) {
            unlock(a);
            errno = ENOMEM;
            return NULL;
        }
        a->bump = off + (1ull << cls);
        chunk = (uintptr_t)a + off;
        *fresh = 1;
    }
    a->live++;
    unlock(a);
    uintptr_t block = (chunk + HDR + align - 1) & ~(uintptr_t)(align - 1);
    if (block < chunk + HDR)
        block = chunk + HDR;
    struct bhdr *h = (struct bhdr *)(block - HDR);
    h->word = block - chunk;
    h->gen = st.gen;
    h->cls = (uint8_t)cls;
    h->state = STATE_USED;
    h->arena = (uint16_t)st.w;
    return (void *)block;
}

/* Both: return arena block p (header h, arena idx) to its free list. */
static void arena_release(void *p, struct bhdr *h, int idx)
{
    struct arena *a = arena_at((unsigned)idx);
    uintptr_t chunk = (uintptr_t)p - h->word;
    unsigned cls = h->cls;
    h->state = STATE_FREE;
    if (cls >= PUNCH_CLS)
        madvise((void *)(chunk + MPLOOP__PAGE), (1ull << cls) - MPLOOP__PAGE, MADV_REMOVE);
    lock(a);
    struct bhdr *c = (struct bhdr *)chunk;
    c->word = a->head[cls];
    c->cls = (uint8_t)cls;
    c->state = STATE_FREE;
    c->arena = (uint16_t)idx;
    a->head[cls] = chunk;
    a->live--;
    unlock(a);
}

/* Worker: remember that the body freed p, a block older than the loop,
 * unless the C library freed it on its own behalf (caller is the return
 * address of free or realloc).  The list lives in a private mapping made in
 * the worker, never tracked; when it cannot grow the block stays allocated
 * (a leak, never a corruption). */
static void defer_free(void *p, uintptr_t caller)
{
    if (caller - st.libc.addr < st.libc.size)
        return;
    if (st.ndeferred == st.deferred_cap) {
        uint64_t cap = st.deferred_cap ? st.deferred_cap * 2 : 512;
        uint64_t *list = mmap(NULL, (size_t)cap * sizeof *list, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (list == MAP_FAILED)
            return;
        if (st.deferred) {
            memcpy(list, st.deferred, (size_t)st.ndeferred * sizeof *list);
            munmap(st.deferred, (size_t)st.deferred_cap * sizeof *list);
        }
        st.deferred = list;
        st.deferred_cap = cap;
    }
    st.deferred[st.ndeferred++] = (uintptr_t)p;
}

/* Both: free an arena block.  A worker frees only blocks it allocated in
 * this loop; anything older is deferred to the join (the parent still
 * owns it).  A thread of the parent frees under the loop lock: never while
 * another thread's loop has workers allocating from the arenas. */
static void arena_free(void *p, int idx, uintptr_t caller)
{
    if (st.in_arena) {
        if ((unsigned)idx != st.w) {
            defer_free(p, caller);
            return;
        }
        struct bhdr *h = (struct bhdr *)((uintptr_t)p - HDR);
        if (((uintptr_t)p & (HDR - 1)) == 0 && h->gen != st.gen && h->state == STATE_USED) {
            defer_free(p, caller);
            return;
        }
    } else {
        mploop__threads_enter();
    }
    struct bhdr *h = block_header(p, idx);
    if (!h)
        bad_pointer("free()");
    arena_release(p, h, idx);
    if (!st.in_arena)
        mploop__threads_leave();
}

/* Both: usable bytes of arena block p. */
static size_t arena_usable(void *p, int idx)
{
    struct bhdr *h = block_header(p, idx);
    if (!h)
        bad_pointer("malloc_usable_size()");
    return (size_t)((1ull << h->cls) - h->word);
}

/* Both: glibc's malloc_usable_size, looked up once. */
static size_t glibc_usable(void *p)
{
    if (!st.glibc_usable)
        st.glibc_usable = (size_t (*)(void *))dlsym(RTLD_NEXT, "malloc_usable_size");
    return st.glibc_usable ? st.glibc_usable(p) : 0;
}

/* Both: see internal.h. */
size_t mploop__malloc_usable(void *p)
{
    if (!p)
        return 0;
    int idx = arena_index(p);
    if (idx >= 0)
        return arena_usable(p, idx);
    if (mploop__large_owns(p)) {
        size_t n = mploop__large_usable(p);
        if (!n)
            bad_pointer("malloc_usable_size()");
        return n;
    }
    return glibc_usable(p);
}

/* Parent: a block of n bytes aligned to align from the shared heap when n
 * is large enough for it (large.c), else NULL. */
static void *parent_large(size_t n, size_t align)
{
    if (__builtin_expect(n < MPLOOP__PAGE, 1))
        return NULL;
    size_t min = mploop__large_min();
    if (!min || n < min)
        return NULL;
    int saved = errno;
    void *p = mploop__large_alloc(n, align);
    errno = saved;
    return p;
}

/* Worker: allocate with an alignment, zeroed on request. */
static void *worker_alloc(size_t n, size_t align, int zero)
{
    int fresh;
    void *p = arena_alloc(n, align, &fresh);
    if (p && zero && !fresh)
        memset(p, 0, n);
    return p;
}

/* ---- the interposed functions (both processes) ---------------------------
 * Each has the C library's contract; the parent forwards to glibc, a worker
 * allocates from its arena. */

/* Both: allocate n bytes. */
void *malloc(size_t n)
{
    if (!st.in_arena) {
        void *p = parent_large(n, HDR);
        return p ? p : __libc_malloc(n);
    }
    return worker_alloc(n, HDR, 0);
}

/* Both: release p on behalf of code returning to `caller`; a worker defers
 * blocks older than its loop.  Keeps errno. */
static void free_from(void *p, uintptr_t caller)
{
    if (!p)
        return;
    int saved = errno;
    int idx = arena_index(p);
    if (idx >= 0)
        arena_free(p, idx, caller);
    else if (st.in_arena)
        defer_free(p, caller);
    else if (!mploop__large_owns(p))
        __libc_free(p);
    else if (mploop__large_free(p) != 0)
        bad_pointer("free()");
    errno = saved;
}

/* Both: release p; a worker defers blocks older than its loop to the join.
 * Keeps errno. */
void free(void *p)
{
    free_from(p, (uintptr_t)__builtin_return_address(0));
}

/* Both: allocate n * size zeroed bytes. */
void *calloc(size_t n, size_t size)
{
    size_t total;
    if (__builtin_mul_overflow(n, size, &total)) {
        errno = ENOMEM;
        return NULL;
    }
    if (!st.in_arena) {
        void *p = parent_large(total, HDR);   /* heap blocks start zeroed */
        return p ? p : __libc_calloc(n, size);
    }
    return worker_alloc(total, HDR, 1);
}

/* Both: resize p.  A block of a worker arena resized in the parent, and a
 * block older than the loop resized in a worker, move to a new block (the
 * old one is freed where that is allowed, see free). */
void *realloc(void *p, size_t n)
{
    int idx = p ? arena_index(p) : -1;
    int heap = idx < 0 && p && mploop__large_owns(p);
    if (!st.in_arena && idx < 0 && !heap) {
        /* A glibc block growing large moves to the shared heap. */
        size_t old = p && n >= MPLOOP__PAGE ? glibc_usable(p) : 0;
        void *q = old && old < n ? parent_large(n, HDR) : NULL;
        if (!q)
            return __libc_realloc(p, n);
        memcpy(q, p, old);
        __libc_free(p);
        return q;
    }
    if (!p)
        return malloc(n);
    uintptr_t caller = (uintptr_t)__builtin_return_address(0);
    if (n == 0) {
        free_from(p, caller);
        return NULL;
    }
    size_t old;
    if (idx >= 0) {
        old = arena_usable(p, idx);
        if (st.in_arena && (unsigned)idx == st.w && n <= old &&
            ((struct bhdr *)((uintptr_t)p - HDR))->gen == st.gen)
            return p;
    } else if (heap) {
        old = mploop__malloc_usable(p);
        if (!st.in_arena && n <= old && n >= old / 2)
            return p;
    } else {
        old = glibc_usable(p);
    }
    void *q = malloc(n);
    if (!q)
        return NULL;
    memcpy(q, p, old < n ? old : n);
    free_from(p, caller);
    return q;
}

/* Both: realloc with an overflow check of n * size. */
void *reallocarray(void *p, size_t n, size_t size)
{
    size_t total;
    if (__builtin_mul_overflow(n, size, &total)) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(p, total);
}

/* Both: allocate n bytes aligned to align. */
void *memalign(size_t align, size_t n)
{
    if (!st.in_arena) {
        void *p = align <= ((size_t)1 << 30) && !(align & (align - 1))
                      ? parent_large(n, align) : NULL;
        return p ? p : __libc_memalign(align, n);
    }
    if (align > ((size_t)1 << 40)) {
        errno = EINVAL;
        return NULL;
    }
    size_t al = HDR;           /* glibc rounds an odd alignment up, so do we */
    while (al < align)
        al *= 2;
    return worker_alloc(n, al, 0);
}

/* Both: POSIX aligned allocation; returns 0 or an error number, keeps errno. */
int posix_memalign(void **out, size_t align, size_t n)
{
    if (align < sizeof(void *) || (align & (align - 1)))
        return EINVAL;
    int saved = errno;
    void *p = memalign(align, n);
    int err = p ? 0 : ENOMEM;
    errno = saved;
    if (p)
        *out = p;
    return err;
}

/* Both: C11 aligned allocation (glibc's memalign semantics). */
void *aligned_alloc(size_t align, size_t n)
{
    return memalign(align, n);
}

/* Both: page-aligned allocation. */
void *valloc(size_t n)
{
    if (!st.in_arena) {
        void *p = parent_large(n, MPLOOP__PAGE);
        return p ? p : __libc_valloc(n);
    }
    return worker_alloc(n, MPLOOP__PAGE, 0);
}

/* Both: page-aligned allocation of whole pages. */
void *pvalloc(size_t n)
{
    if (!st.in_arena) {
        void *p = parent_large(n, MPLOOP__PAGE);
        return p ? p : __libc_pvalloc(n);
    }
    size_t rounded;
    if (__builtin_add_overflow(n, MPLOOP__PAGE - 1, &rounded)) {
        errno = ENOMEM;
        return NULL;
    }
    return worker_alloc(rounded & ~(size_t)(MPLOOP__PAGE - 1), MPLOOP__PAGE, 0);
}

/* Both: usable bytes of block p (0 for NULL). */
size_t malloc_usable_size(void *p)
{
    return mploop__malloc_usable(p);
}

/* ---- runtime interface --------------------------------------------------- */

/* Parent: see mem_internal.h.  The C library and every module call these
 * names as the dynamic linker resolves them in the global scope (the
 * program, what was preloaded, then their dependencies, in load order), which
 * is what dlsym(RTLD_DEFAULT) answers.  The process allocates through this
 * file only when every answer lies in this file's module: a runtime in a
 * shared object that came after the C library (a library loaded with
 * dlopen, or linked into a program that was not) does not. */
int mploop__malloc_owner(const void **theirs, const void **ours)
{
    if (!st.owner) {
        struct mploop__range self, span;
        int known = mploop__maps_module_span((const void *)&st, &self) == 0;
        st.owner = 1;
        for (size_t i = 0; i < sizeof malloc_family / sizeof *malloc_family; i++) {
            const void *f = dlsym(RTLD_DEFAULT, malloc_family[i]);
            if (!known || !f || mploop__maps_module_span(f, &span) != 0 ||
                span.addr != self.addr) {
                st.owner = -1;
                st.foreign = f;
                break;
            }
        }
    }
    if (theirs)
        *theirs = st.foreign;
    if (ours)
        *ours = &st;
    return st.owner > 0 ? 0 : -ENOTSUP;
}

/* Both: bytes of the window backed by the memfd (for the fork handler). */
static uint64_t arenas_mapped(void)
{
    return (uint64_t)st.mapped * st.arena_size;
}

/* Parent: see internal.h.  Reserves the window on first use, maps the
 * arenas this loop needs, and clears locks a failed worker may have left. */
int mploop__malloc_prepare(unsigned nworkers, uint32_t gen)
{
    if (nworkers > MPLOOP__MAX_WORKERS)
        return -EINVAL;
    uint64_t as = mploop__os_as_limit(), smallest = as ? ARENA_SIZE_LIMITED : ARENA_SIZE_MIN;
    for (uint64_t size = ARENA_SIZE_MAX; !st.base; size /= 4) {
        if (as && MPLOOP__MAX_WORKERS * size > as / ARENA_LIMIT_SHARE && size / 4 >= smallest)
            continue; /* leave the program its address space */
        void *w = mmap(NULL, (size_t)(MPLOOP__MAX_WORKERS * size), PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (w != MAP_FAILED) {
            madvise(w, (size_t)(MPLOOP__MAX_WORKERS * size), MADV_DONTDUMP);
            st.base = (uintptr_t)w;
            st.arena_size = size;
        } else if (size / 4 < smallest) {
            return -errno;
        }
    }
    glibc_usable(NULL);
    if (!st.libc.size)
        mploop__maps_module_span((const void *)__libc_malloc, &st.libc);
    if (!st.have_fd) {
        int fd = mploop__memfd_create("mploop-arenas");
        if (fd < 0)
            return fd;
        st.fd = fd;
        int err = mploop__memfd_follow(&st.fd, st.base, arenas_mapped, MAP_NORESERVE);
        if (err) {
            close(fd);
            return err;
        }
        st.have_fd = 1;
    }
    if (!mploop__memfd_valid(&st.fd))
        return -EBADF;
    while (st.mapped < nworkers) {
        uint64_t off = (uint64_t)st.mapped * st.arena_size;
        if (ftruncate(st.fd, (off_t)(off + st.arena_size)) < 0)
            return -errno;
        void *a = mmap(arena_at(st.mapped), st.arena_size, PROT_READ | PROT_WRITE,
                       MAP_SHARED | MAP_NORESERVE | MAP_FIXED, st.fd, (off_t)off);
        if (a == MAP_FAILED)
            return -errno;
        /* 32 GiB of mostly untouched address space per arena: a crashing
         * worker's core dump must not walk it. */
        madvise(a, st.arena_size, MADV_DONTDUMP);
        struct arena *h = a;
        h->magic = ARENA_MAGIC;
        h->bump = MPLOOP__PAGE;
        st.mapped++;
    }
    for (unsigned i = 0; i < nworkers; i++) {
        arena_at(i)->lock = 0;
        st.saved[i] = *arena_at(i);
    }
    st.prepared = nworkers;
    st.gen = gen;
    return 0;
}

/* Parent: see mem_internal.h.  A worker that reused a free chunk below the
 * saved bump pointer wrote it in its private copy only; restoring the free
 * lists puts the chunk back as the file still has it. */
void mploop__malloc_discard_arena(unsigned w)
{
    if (w >= st.mapped || w >= st.prepared)
        return;
    struct arena *a = arena_at(w);
    uint64_t from = (st.saved[w].bump + MPLOOP__PAGE - 1) & ~(uint64_t)(MPLOOP__PAGE - 1);
    if (a->bump > from)
        madvise((char *)a + from, a->bump - from, MADV_REMOVE);
    *a = st.saved[w];
    a->lock = 0;
}

/* Parent: see mem_internal.h. */
void mploop__malloc_discard(unsigned nworkers)
{
    for (unsigned i = 0; i < nworkers; i++)
        mploop__malloc_discard_arena(i);
}

/* Parent: see mem_internal.h.  Below the bump pointer the parent still
 * sees each chunk as the loop found it (workers write there in private
 * copies), so the free lists saved at the start tell the free chunks; at
 * most a bounded number of them is walked. */
int mploop__malloc_loop_block(uintptr_t p)
{
    int idx = arena_index((void *)p);
    if (idx < 0 || (unsigned)idx >= st.prepared)
        return 0;
    const struct arena *saved = &st.saved[idx];
    uintptr_t base = (uintptr_t)arena_at((unsigned)idx);
    if (p - base >= saved->bump)
        return 1;
    unsigned budget = 1u << 16;
    for (unsigned cls = MIN_CLS; cls <= MAX_CLS; cls++)
        for (uintptr_t c = saved->head[cls]; c && budget; budget--) {
            if (c - base < MPLOOP__PAGE || c - base >= saved->bump)
                break; /* not a chunk of this arena: the list is damaged */
            if (p - c < (1ull << cls))
                return 1;
            c = (uintptr_t)((const struct bhdr *)c)->word;
        }
    return 0;
}

/* Worker: see internal.h. */
void mploop__malloc_worker(unsigned w)
{
    st.w = w;
    st.in_arena = 1;
    st.deferred = NULL;
    st.ndeferred = st.deferred_cap = 0;
}

/* Worker: see mem_internal.h. */
void mploop__malloc_worker_end(void)
{
    if (st.deferred)
        munmap(st.deferred, (size_t)st.deferred_cap * sizeof *st.deferred);
    st.deferred = NULL;
    st.ndeferred = st.deferred_cap = 0;
}

/* Worker: see internal.h. */
uint64_t mploop__malloc_deferred(unsigned w, const uint64_t **list)
{
    *list = st.deferred;
    return st.in_arena && w == st.w ? st.ndeferred : 0;
}

/* Parent: see internal.h. */
int mploop__malloc_free_deferred(void *p)
{
    int idx = arena_index(p);
    if (idx >= 0) {
        struct bhdr *h = block_header(p, idx);
        if (!h)
            return -EINVAL;
        arena_release(p, h, idx);
        return 0;
    }
    if (mploop__large_owns(p))
        return mploop__large_free(p);
    __libc_free(p);
    return 0;
}

/* Parent: see internal.h.  One region per arena holding blocks: from the
 * end of its header page to its bump pointer, rounded up to a page. */
unsigned mploop__malloc_regions(struct mploop__region *out, unsigned max)
{
    unsigned n = 0;
    for (unsigned i = 0; i < st.mapped; i++) {
        uint64_t bump = arena_at(i)->bump;
        if (bump <= MPLOOP__PAGE)
            continue;
        if (n < max)
            out[n] = (struct mploop__region){
                (uintptr_t)arena_at(i) + MPLOOP__PAGE,
                (uintptr_t)(((bump + MPLOOP__PAGE - 1) & ~(uint64_t)(MPLOOP__PAGE - 1)) -
                            MPLOOP__PAGE),
                st.fd, (uint64_t)i * st.arena_size + MPLOOP__PAGE };
        n++;
    }
    return n;
}

/* Parent: see internal.h.  Looks backwards from p for a valid block header
 * whose block covers p: 16 bytes at a time over 64 KiB, then at page
 * starts (where blocks of 4 KiB and more begin). */
int mploop__malloc_arena_block(uintptr_t p, uintptr_t *start, size_t *size)
{
    int idx = arena_index((void *)p);
    if (idx < 0)
        return -ENOENT;
    uintptr_t floor = (uintptr_t)arena_at((unsigned)idx) + MPLOOP__PAGE + HDR;
    struct arena *a = arena_at((unsigned)idx);
    uintptr_t top = (uintptr_t)a + a->bump;
    if (p >= top)
        return -ENOENT;
    uintptr_t q = p & ~(uintptr_t)(HDR - 1);
    for (uintptr_t k = 0; q >= floor && k < 4096; k++, q -= HDR) {
        struct bhdr *h = block_header((void *)q, idx);
        if (h && p - q < (1ull << h->cls) - h->word) {
            *start = q;
            *size = (size_t)((1ull << h->cls) - h->word);
            return 0;
        }
    }
    for (q = (p & ~(uintptr_t)(MPLOOP__PAGE - 1)) + HDR; q >= floor; q -= MPLOOP__PAGE) {
        struct bhdr *h = block_header((void *)q, idx);
        if (h && p >= q && p - q < (1ull << h->cls) - h->word) {
            *start = q;
            *size = (size_t)((1ull << h->cls) - h->word);
            return 0;
        }
        if (q < MPLOOP__PAGE + floor)
            break;
    }
    return -ENOENT;
}
