/*
 * window.c - the shared window: memory that the parent and every worker see
 * at once, and the objects of cooperating workers that live in it.
 *
 * One memfd, sized once (ftruncate, sparse: a page costs memory only once
 * touched) and mapped MAP_SHARED | MAP_NORESERVE over a window of address
 * space, 8 GiB, or a sixteenth of an address-space limit (RLIMIT_AS).  The
 * parent makes it at its first use (mploop_shared_alloc, a lock, ...) and
 * at the latest before it forks the first workers of a loop
 * (mploop__mem_prepare), so every worker, and a persistent team's parked
 * workers, have it mapped shared already: memory allocated by any process
 * at any time is seen by all of them at once.  It is never remapped
 * private (no plan lists it: the trackers and the merge only know private
 * mappings), so it is never merged, never shipped, never compared; it is
 * made before the persistent team records the address-space layout, which
 * it therefore never changes.  The one exception is the sequential run of
 * MPLOOP_CHECK=verify, which gets a private copy (mploop__window_private).
 *
 * Layout: a header at offset 0 (the allocator's lock and free lists, one
 * record per participant, the table of objects), then the blocks.  The
 * allocator keeps its metadata in the window, so that a worker's
 * allocation is seen by everyone: power-of-two size classes from 128 bytes
 * to 1 MiB (a 64-byte header in front of each block, so blocks are aligned
 * to 64 bytes, a cache line), and page-rounded large blocks above, whose
 * freed pages are punched out (MADV_REMOVE: they read as zero again).
 * Blocks come from the free list of their class (large ones: the best fit)
 * or from the top, which only grows (and shrinks when the block at the top
 * is freed).  Its lock is a futex word with its holder's pid: a waiter that
 * finds the holder gone (a worker killed in mploop_shared_alloc) takes the
 * lock over.
 *
 * Objects: locks, semaphores, queues and named critical sections are
 * entries of a table in the header (OBJ_MAX of them), numbered from 1 in
 * reports ("lock #3"); each records the return address of its create call.
 * A lock records its holder (pid and participant index); each participant
 * (worker w, the parent) records the object it is blocked on, so that the
 * parent can say, after a failed loop, which lock a dead worker held and
 * what every worker was waiting for (mploop__window_notes), and then
 * release what the dead held (mploop__window_recover).
 *
 * The program's own fork(): the child gets a copy of the window (the
 * follow mechanism of linux_memfd.c), as it does of the large-block heap:
 * a fork() child is another program, which must not see the parent's
 * later writes.  Loops' workers share it.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mem_internal.h"
#include "spin.h"
#include "window.h"

#define WIN_MAGIC 0x6e69776du  /* "mwin" */
#define BLK_MAGIC 0x6b6c626du  /* "mblk" */
#define BLK_FREE 0x65657266u   /* "free" */
#define WIN_MAX (8ull << 30)
#define WIN_MIN (4ull << 20)
#define BLK_HDR 64u
#define SMALL_MIN 128u          /* smallest block, header included */
#define NSMALL 14               /* classes 128 B .. 1 MiB */
#define SMALL_MAX (SMALL_MIN << (NSMALL - 1))
#define LOCK_CHECK_NS 100000000ull /* a waiter looks at the holder this often */

/* A block's header (64 bytes: the payload is aligned to a cache line). */
struct blk {
    uint32_t magic;   /* BLK_MAGIC when in use, BLK_FREE on a free list */
    uint32_t cls;     /* size class, NSMALL for a large block */
    uint64_t size;    /* bytes of the block, header included */
    uint64_t next;    /* free list: offset of the next free block, 0 none */
    uint64_t pad[5];
};
_Static_assert(sizeof(struct blk) == BLK_HDR, "a block header is a cache line");

/* The header at the window's start. */
struct win_head {
    uint32_t magic;
    uint32_t pad;
    int lock;              /* futex word: 0 free, 1 held, 2 held with waiters */
    int owner;             /* pid of its holder */
    uint64_t size;         /* bytes of the window */
    uint64_t data;         /* offset of the first block */
    uint64_t top;          /* blocks end here */
    uint64_t small[NSMALL]; /* free lists of the classes (offsets, 0: none) */
    uint64_t large;        /* free large blocks */
    uint32_t next_obj;     /* where the search for a free entry starts */
    struct mploop__win_part part[MPLOOP__WIN_PARTS] __attribute__((aligned(64)));
    struct mploop__win_obj obj[MPLOOP__WIN_OBJ_MAX];
};

/* Process-private state (never merged). */
static struct {
    int state;             /* 0: not made yet, 1: mapped, -1: cannot be */
    int fd;
    struct win_head *h;
    uint64_t size;
    int atfork;            /* the fork handlers are installed */
    unsigned w;            /* participant index of this process */
    pid_t w_pid;           /* the process that index belongs to */
} win MPLOOP__STATE;

/* ---- the window ---------------------------------------------------------- */

/* Parent: the window's size: WIN_MAX, or a sixteenth of the address-space
 * limit; 0 when that leaves less than WIN_MIN. */
static uint64_t win_size(void)
{
    uint64_t as = mploop__os_as_limit();
    uint64_t size = as ? as / 16 : WIN_MAX;
    if (size > WIN_MAX)
        size = WIN_MAX;
    size &= ~(uint64_t)(MPLOOP__PAGE - 1);
    return size < WIN_MIN ? 0 : size;
}

static void win_lock(void);
static void win_unlock(void);

/* This thread is forking a loop's workers (or the sequential run of
 * MPLOOP_CHECK=verify): they share the window, whose lock the fork
 * handlers below must leave alone (taking it in the parent and releasing
 * it in a child would release it under whichever worker holds it). */
static MPLOOP__THREAD int win_forking;
/* This thread took the allocator's lock in the prepare handler. */
static MPLOOP__THREAD int win_fork_locked;

/* Parent, before the program's own fork(): hold the allocator's lock
 * across it, so that the child's copy (linux_memfd.c's fork handler, which
 * runs first) is never found held by another thread. */
static void win_fork_prepare(void)
{
    win_fork_locked = 0;
    if (win.state == 1 && !win_forking) {
        win_lock();
        win_fork_locked = 1;
    }
}

/* Parent after the program's fork(), and its child (on its own copy):
 * release what the prepare handler took. */
static void win_fork_done(void)
{
    if (win_fork_locked)
        win_unlock();
    win_fork_locked = 0;
}

/* Parent: see window.h. */
void mploop__window_forking(int on)
{
    win_forking = on;
}

/* Parent: make the window (once).  Sets win.state. */
static void win_make(void)
{
    win.state = -1;
    uint64_t size = win_size();
    if (!size)
        return;
    int fd = mploop__memfd_create("mploop-shared");
    if (fd < 0)
        return;
    void *p = MAP_FAILED;
    if (ftruncate(fd, (off_t)size) == 0)
        p = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_NORESERVE, fd, 0);
    if (p == MAP_FAILED) {
        close(fd);
        mploop__os_fd_closed(fd);
        return;
    }
    win.fd = fd;
    win.size = size;
    if (mploop__memfd_follow_fixed(&win.fd, (uintptr_t)p, size) != 0 ||
        (!win.atfork && pthread_atfork(win_fork_prepare, win_fork_done, win_fork_done) != 0)) {
        munmap(p, (size_t)size);
        close(fd);
        mploop__os_fd_closed(fd);
        return;
    }
    win.atfork = 1;
    struct win_head *h = p;
    h->size = size;
    h->data = MPLOOP__PAGE_UP(sizeof *h);
    h->top = h->data;
    __atomic_store_n(&h->magic, WIN_MAGIC, __ATOMIC_RELEASE);
    win.h = h;
    win.w = MPLOOP__WIN_PARENT;
    win.w_pid = mploop__os_pid();
    win.state = 1;
}

/* Both: see window.h.  Workers inherit the state: they never make a
 * window of their own (nobody else would see it). */
static struct win_head *win_get(void)
{
    static int lock MPLOOP__STATE;
    if (__builtin_expect(win.state == 0, 0)) {
        mploop__spin_lock_pid(&lock);
        if (win.state == 0)
            win_make();
        mploop__spin_unlock(&lock);
    }
    return win.state == 1 ? win.h : NULL;
}

/* Parent: see window.h. */
int mploop__window_ready(void)
{
    return win_get() ? 0 : -ENOMEM;
}

/* Both: see window.h. */
int mploop__window_owns(const void *p)
{
    return win.state == 1 && (uintptr_t)p >= (uintptr_t)win.h &&
           (uintptr_t)p - (uintptr_t)win.h < win.size;
}

/* Both: see window.h. */
void mploop__window_participant(unsigned w)
{
    win.w = w < MPLOOP__WIN_PARENT ? w : MPLOOP__WIN_PARENT;
    win.w_pid = mploop__os_pid();
}

/* Both: this process's participant index, MPLOOP__WIN_NONE for a process
 * a body started. */
static unsigned win_me(void)
{
    return win.w_pid == mploop__os_pid() ? win.w : MPLOOP__WIN_NONE;
}

/* Sequential run of MPLOOP_CHECK=verify: see window.h. */
int mploop__window_private(void)
{
    if (win.state != 1)
        return 0;
    if (mmap(win.h, (size_t)win.size, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_FIXED | MAP_NORESERVE, win.fd,
             0) == MAP_FAILED)
        return -errno;
    struct win_head *h = win.h;
    h->lock = 0;
    h->owner = 0;
    for (unsigned i = 0; i < MPLOOP__WIN_OBJ_MAX; i++) {
        struct mploop__win_obj *o = &h->obj[i];
        if (o->kind == MPLOOP__OBJ_LOCK || o->kind == MPLOOP__OBJ_CRITICAL ||
            o->kind == MPLOOP__OBJ_QUEUE) {
            o->word = 0;
            o->holder = 0;
        }
    }
    return 0;
}

/* ---- the allocator's lock ------------------------------------------------- */

/* Both: nonzero when process pid is gone (or a zombie not reaped yet is
 * not: the parent reaps its workers). */
static int win_gone(int pid)
{
    return pid > 0 && kill(pid, 0) < 0 && errno == ESRCH;
}

/* Both: take the allocator's lock; a holder that died is replaced. */
static void win_lock(void)
{
    struct win_head *h = win.h;
    int me = (int)mploop__os_pid();
    int c = 0;
    if (!__atomic_compare_exchange_n(&h->lock, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
        if (c != 2)
            c = __atomic_exchange_n(&h->lock, 2, __ATOMIC_ACQUIRE);
        while (c != 0) {
            mploop__os_futex_wait_ns(&h->lock, 2, LOCK_CHECK_NS);
            int owner = __atomic_load_n(&h->owner, __ATOMIC_RELAXED);
            if (win_gone(owner) &&
                __atomic_compare_exchange_n(&h->owner, &owner, me, 0, __ATOMIC_ACQUIRE,
                                            __ATOMIC_RELAXED))
                return; /* its holder died: the lock is ours now */
            c = __atomic_exchange_n(&h->lock, 2, __ATOMIC_ACQUIRE);
        }
    }
    __atomic_store_n(&h->owner, me, __ATOMIC_RELAXED);
}

/* Both: release the allocator's lock. */
static void win_unlock(void)
{
    struct win_head *h = win.h;
    __atomic_store_n(&h->owner, 0, __ATOMIC_RELAXED);
    if (__atomic_exchange_n(&h->lock, 0, __ATOMIC_RELEASE) == 2)
        mploop__os_futex_wake_n(&h->lock, 1);
}

/* ---- the allocator -------------------------------------------------------- */

/* Both: the block at offset off. */
static struct blk *blk_at(uint64_t off)
{
    return (struct blk *)((char *)win.h + off);
}

/* Both, under the lock: a block of `size` bytes (header included) of class
 * cls from the top.  Returns its offset, 0 when the window is full. */
static uint64_t take_top(uint64_t size)
{
    struct win_head *h = win.h;
    if (size > h->size - h->top)
        return 0;
    uint64_t off = h->top;
    h->top += size;
    return off;
}

/* Both: see window.h. */
void *mploop__window_alloc(size_t n)
{
    struct win_head *h = win_get();
    if (!h || n > win.size) {
        errno = ENOMEM;
        return NULL;
    }
    uint64_t need = (uint64_t)n + BLK_HDR, size, off = 0;
    unsigned cls = 0;
    if (need <= SMALL_MAX) {
        while ((uint64_t)SMALL_MIN << cls < need)
            cls++;
        size = (uint64_t)SMALL_MIN << cls;
    } else {
        cls = NSMALL;
        size = MPLOOP__PAGE_UP(need);
    }
    win_lock();
    if (cls < NSMALL) {
        off = h->small[cls];
        if (off)
            h->small[cls] = blk_at(off)->next;
    } else {
        uint64_t *best = NULL;
        for (uint64_t *link = &h->large; *link; link = &blk_at(*link)->next)
            if (blk_at(*link)->size >= size &&
                (!best || blk_at(*link)->size < blk_at(*best)->size))
                best = link;
        if (best) {
            off = *best;
            *best = blk_at(off)->next;
            size = blk_at(off)->size;
        }
    }
    int fresh = !off;
    if (fresh)
        off = take_top(size);
    if (off) {
        struct blk *b = blk_at(off);
        b->magic = BLK_MAGIC;
        b->cls = cls;
        b->size = size;
        b->next = 0;
    }
    win_unlock();
    if (!off) {
        errno = ENOMEM;
        return NULL;
    }
    char *p = (char *)blk_at(off) + BLK_HDR;
    /* Fresh memory and the punched pages of a large block read as zero. */
    if (!fresh)
        memset(p, 0, cls < NSMALL ? (size_t)(size - BLK_HDR)
                                  : (size_t)(MPLOOP__PAGE - BLK_HDR));
    return p;
}

/* Both: the header of block p, or NULL when p is not a live block. */
static struct blk *blk_of(const void *p)
{
    if (!mploop__window_owns(p) || ((uintptr_t)p & (BLK_HDR - 1)))
        return NULL;
    uint64_t off = (uint64_t)((uintptr_t)p - (uintptr_t)win.h) - BLK_HDR;
    if (off < win.h->data || off >= win.h->top)
        return NULL;
    struct blk *b = blk_at(off);
    if (b->magic != BLK_MAGIC || b->size > win.h->top - off)
        return NULL;
    return b;
}

/* Both: see window.h. */
size_t mploop__window_usable(const void *p)
{
    struct blk *b = blk_of(p);
    return b ? (size_t)(b->size - BLK_HDR) : 0;
}

/* Both: see window.h. */
int mploop__window_free(void *p)
{
    if (!win.h)
        return -EINVAL;
    struct win_head *h = win.h;
    win_lock();
    struct blk *b = blk_of(p);
    if (!b) {
        win_unlock();
        return -EINVAL;
    }
    uint64_t off = (uint64_t)((uintptr_t)b - (uintptr_t)h);
    b->magic = BLK_FREE;
    if (b->cls < NSMALL) {
        b->next = h->small[b->cls];
        h->small[b->cls] = off;
    } else {
        /* The pages after the header go back to the system. */
        if (b->size > MPLOOP__PAGE)
            madvise((char *)b + MPLOOP__PAGE, (size_t)(b->size - MPLOOP__PAGE), MADV_REMOVE);
        if (off + b->size == h->top) {
            h->top = off;
            madvise(b, MPLOOP__PAGE, MADV_REMOVE);
        } else {
            b->next = h->large;
            h->large = off;
        }
    }
    win_unlock();
    return 0;
}

/* ---- objects -------------------------------------------------------------- */

/* Both, under the window's lock: a free entry of the table, from where the
 * last search ended, made an object of kind (id, creator set); NULL when
 * the table is full. */
static struct mploop__win_obj *obj_claim(struct win_head *h, int kind, uintptr_t creator)
{
    for (unsigned k = 0; k < MPLOOP__WIN_OBJ_MAX; k++) {
        unsigned i = (h->next_obj + k) % MPLOOP__WIN_OBJ_MAX;
        if (h->obj[i].kind == 0) {
            struct mploop__win_obj *o = &h->obj[i];
            memset(o, 0, sizeof *o);
            o->kind = kind;
            o->id = i + 1;
            o->creator = creator;
            h->next_obj = i + 1;
            return o;
        }
    }
    return NULL;
}

/* Both: see window.h. */
struct mploop__win_obj *mploop__window_obj_new(int kind, uintptr_t creator)
{
    struct win_head *h = win_get();
    if (!h) {
        errno = ENOMEM;
        return NULL;
    }
    win_lock();
    struct mploop__win_obj *o = obj_claim(h, kind, creator);
    win_unlock();
    if (!o)
        errno = ENOMEM;
    return o;
}

/* Both: see window.h. */
void mploop__window_obj_delete(struct mploop__win_obj *o)
{
    win_lock();
    memset(o, 0, sizeof *o);
    win_unlock();
}

/* Both: see window.h. */
struct mploop__win_obj *mploop__window_obj_check(const void *p, int kind)
{
    if (!mploop__window_owns(p))
        return NULL;
    uintptr_t a = (uintptr_t)p, first = (uintptr_t)&win.h->obj[0];
    if (a < first || (a - first) % sizeof(struct mploop__win_obj) != 0 ||
        (a - first) / sizeof(struct mploop__win_obj) >= MPLOOP__WIN_OBJ_MAX)
        return NULL;
    struct mploop__win_obj *o = (struct mploop__win_obj *)p;
    return o->kind == kind ? o : NULL;
}

/* Both, under the window's lock: the critical section named name (len
 * bytes), or NULL. */
static struct mploop__win_obj *obj_named(struct win_head *h, const char *name, size_t len)
{
    for (unsigned i = 0; i < MPLOOP__WIN_OBJ_MAX; i++) {
        struct mploop__win_obj *e = &h->obj[i];
        if (e->kind == MPLOOP__OBJ_CRITICAL && e->data && e->aux == len &&
            memcmp((char *)h + e->data, name, len) == 0)
            return e;
    }
    return NULL;
}

/* Both: see window.h.  Names are compared under the allocator's lock, so
 * that two processes asking for a new name at once make one lock. */
struct mploop__win_obj *mploop__window_critical(const char *name, uintptr_t creator)
{
    struct win_head *h = win_get();
    if (!h) {
        errno = ENOMEM;
        return NULL;
    }
    size_t len = strlen(name);
    win_lock();
    struct mploop__win_obj *o = obj_named(h, name, len);
    win_unlock();
    if (o)
        return o;
    /* A new name: its copy in the window, then the entry, both under the
     * lock again (another process may have made it meanwhile). */
    char *copy = mploop__window_alloc(len + 1);
    if (!copy)
        return NULL;
    memcpy(copy, name, len + 1);
    win_lock();
    int made = 0;
    o = obj_named(h, name, len);
    if (!o && (o = obj_claim(h, MPLOOP__OBJ_CRITICAL, creator)) != NULL) {
        o->data = (uint64_t)((uintptr_t)copy - (uintptr_t)h);
        o->aux = len;
        made = 1;
    }
    win_unlock();
    if (!made)
        mploop__window_free(copy);
    if (!o)
        errno = ENOMEM;
    return o;
}

/* ---- waiting and holding -------------------------------------------------- */

/* Both: see window.h. */
void mploop__window_waiting(const struct mploop__win_obj *o)
{
    unsigned w = win_me();
    if (w >= MPLOOP__WIN_PARTS || !win.h)
        return;
    struct mploop__win_part *pt = &win.h->part[w];
    pt->pid = (int)mploop__os_pid();
    __atomic_store_n(&pt->wait_id, o ? o->id : 0, __ATOMIC_RELEASE);
}

/* Both: see window.h. */
void mploop__window_held(struct mploop__win_obj *o, int taken)
{
    unsigned w = win_me();
    if (taken) {
        o->holder = (int)mploop__os_pid();
        o->holder_w = w;
    } else {
        o->holder = 0;
        o->holder_w = MPLOOP__WIN_NONE;
    }
    if (w < MPLOOP__WIN_PARTS && win.h) {
        struct mploop__win_part *pt = &win.h->part[w];
        pt->pid = (int)mploop__os_pid();
        if (taken)
            pt->held++;
        else if (pt->held)
            pt->held--;
    }
}

/* Both: see window.h. */
void mploop__window_lock_wait(int *word)
{
    int c = 0;
    if (__atomic_compare_exchange_n(word, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return;
    if (c != 2)
        c = __atomic_exchange_n(word, 2, __ATOMIC_ACQUIRE);
    while (c != 0) {
        mploop__os_futex_wait(word, 2);
        c = __atomic_exchange_n(word, 2, __ATOMIC_ACQUIRE);
    }
}

/* Both: see window.h. */
void mploop__window_lock_release(int *word)
{
    if (__atomic_exchange_n(word, 0, __ATOMIC_RELEASE) == 2)
        mploop__os_futex_wake_n(word, 1);
}

/* ---- reports -------------------------------------------------------------- */

/* Both: see window.h.  "lock #3 (created at main+0x2a)": the symbol of the
 * create call's caller when the loader knows it, else its module and
 * offset. */
const char *mploop__window_obj_name(const struct mploop__win_obj *o, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = '\0';
    if (o->kind == MPLOOP__OBJ_CRITICAL) {
        const char *name = (const char *)win.h + o->data;
        if (o->aux == 0)
            mploop__text_put(buf, n, &len, "the unnamed critical section");
        else
            mploop__text_put(buf, n, &len, "critical section '%.*s'", (int)o->aux, name);
        return buf;
    }
    const char *what = o->kind == MPLOOP__OBJ_LOCK ? "lock"
                     : o->kind == MPLOOP__OBJ_SEM  ? "semaphore"
                                                   : "queue";
    mploop__text_put(buf, n, &len, "%s #%u", what, o->id);
    Dl_info info;
    if (o->creator && dladdr((void *)o->creator, &info) && info.dli_fname) {
        if (info.dli_sname)
            mploop__text_put(buf, n, &len, " (created in %s+0x%lx)", info.dli_sname,
                             (unsigned long)(o->creator - (uintptr_t)info.dli_saddr));
        else {
            const char *base = strrchr(info.dli_fname, '/');
            mploop__text_put(buf, n, &len, " (created at %s+0x%lx)",
                             base ? base + 1 : info.dli_fname,
                             (unsigned long)(o->creator - (uintptr_t)info.dli_fbase));
        }
    }
    return buf;
}

/* Parent: "worker 2 (pid 123)" or "the parent" for participant w, into
 * buf. */
static const char *part_name(unsigned w, int pid, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = '\0';
    if (w < MPLOOP__WIN_PARENT)
        mploop__text_put(buf, n, &len, "worker %u (pid %d)", w, pid);
    else if (w == MPLOOP__WIN_PARENT)
        mploop__text_put(buf, n, &len, "the parent (pid %d)", pid);
    else
        mploop__text_put(buf, n, &len, "process %d", pid);
    return buf;
}

/* Parent: the notes of participant w (pid) of a failed loop: the locks it
 * held (pass 0) or the object it was blocked on (pass 1). */
static void part_notes(struct win_head *h, unsigned w, pid_t pid, int pass)
{
    char a[160], b[64], c[64];
    struct mploop__win_part *pt = &h->part[w];
    if (pid <= 0 || pt->pid != pid)
        return;
    if (pass == 0) {
        for (unsigned i = 0; pt->held && i < MPLOOP__WIN_OBJ_MAX; i++) {
            struct mploop__win_obj *o = &h->obj[i];
            if ((o->kind == MPLOOP__OBJ_LOCK || o->kind == MPLOOP__OBJ_CRITICAL) &&
                o->holder == pid)
                mploop__note("%s held %s", part_name(w, pid, b, sizeof b),
                             mploop__window_obj_name(o, a, sizeof a));
        }
        return;
    }
    uint32_t id = __atomic_load_n(&pt->wait_id, __ATOMIC_ACQUIRE);
    if (id == 0 || id > MPLOOP__WIN_OBJ_MAX || h->obj[id - 1].kind == 0)
        return;
    struct mploop__win_obj *o = &h->obj[id - 1];
    if ((o->kind == MPLOOP__OBJ_LOCK || o->kind == MPLOOP__OBJ_CRITICAL) && o->holder)
        mploop__note("%s was waiting on %s, held by %s", part_name(w, pid, b, sizeof b),
                     mploop__window_obj_name(o, a, sizeof a),
                     part_name(o->holder_w, o->holder, c, sizeof c));
    else
        mploop__note("%s was waiting on %s", part_name(w, pid, b, sizeof b),
                     mploop__window_obj_name(o, a, sizeof a));
}

/* Parent: see window.h.  First every lock held, then every wait. */
void mploop__window_notes(const pid_t *pids, unsigned n)
{
    struct win_head *h = win.state == 1 ? win.h : NULL;
    for (int pass = 0; h && pass < 2; pass++)
        for (unsigned w = 0; w < n && w < MPLOOP__WIN_PARENT; w++)
            part_notes(h, w, pids[w], pass);
}

/* Parent: see window.h. */
void mploop__window_recover(const pid_t *pids, unsigned n)
{
    struct win_head *h = win.state == 1 ? win.h : NULL;
    if (!h)
        return;
    for (unsigned i = 0; i < MPLOOP__WIN_OBJ_MAX; i++) {
        struct mploop__win_obj *o = &h->obj[i];
        if (o->kind != MPLOOP__OBJ_LOCK && o->kind != MPLOOP__OBJ_CRITICAL &&
            o->kind != MPLOOP__OBJ_QUEUE)
            continue;
        int holder = __atomic_load_n(&o->holder, __ATOMIC_RELAXED);
        for (unsigned w = 0; holder && w < n; w++)
            if (pids[w] == holder) {
                o->holder = 0;
                o->holder_w = MPLOOP__WIN_NONE;
                mploop__window_lock_release(&o->word);
                break;
            }
    }
    for (unsigned w = 0; w < n && w < MPLOOP__WIN_PARENT; w++) {
        h->part[w].wait_id = 0;
        h->part[w].held = 0;
    }
    int owner = __atomic_load_n(&h->owner, __ATOMIC_RELAXED);
    for (unsigned w = 0; owner && w < n; w++)
        if (pids[w] == owner) {
            h->owner = 0;
            mploop__window_lock_release(&h->lock);
        }
}

/* Both: see window.h. */
unsigned mploop__window_held_by_me(char *buf, size_t n)
{
    struct win_head *h = win.state == 1 ? win.h : NULL;
    unsigned w = win_me();
    if (!h || w >= MPLOOP__WIN_PARTS || !h->part[w].held)
        return 0;
    int me = (int)mploop__os_pid();
    unsigned count = 0;
    for (unsigned i = 0; i < MPLOOP__WIN_OBJ_MAX; i++) {
        struct mploop__win_obj *o = &h->obj[i];
        if ((o->kind == MPLOOP__OBJ_LOCK || o->kind == MPLOOP__OBJ_CRITICAL) && o->holder == me &&
            count++ == 0)
            mploop__window_obj_name(o, buf, n);
    }
    return count;
}
