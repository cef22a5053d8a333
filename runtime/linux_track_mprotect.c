/*
 * linux_track_mprotect.c - which pages did this worker write?  The portable
 * answer, for kernels with neither userfaultfd write-protect nor a usable
 * pagemap: make the tracked pages read-only and catch the first write to
 * each with a SIGSEGV handler.
 *
 * Arming: install the handler (on an alternate signal stack of its own,
 * because the page holding the current stack pointer may be one of the
 * protected pages), then mprotect every tracked range PROT_READ, except
 * the pages of the thread descriptor, which the kernel writes (rseq) and
 * which simply count as written.  The first
 * store to a page faults; the handler sets the page's bit in a bitmap in
 * worker memory that is not tracked, makes the page writable again and
 * returns, and the store is retried.  When the kernel cannot split the
 * mapping once more (vm.max_map_count), the whole tracked range around the
 * page is unprotected and all its pages count as written: more to diff,
 * never a lost write.
 *
 * A fault the tracker does not own (an address outside the tracked pages,
 * or a page already writable) goes to the handler the program had
 * installed, if any; otherwise the default action is restored and the
 * fault happens again, so the worker dies by SIGSEGV and the parent reports
 * it as such.
 *
 * SIGSEGV must reach the handler: arming unblocks it when the worker
 * inherited it blocked (a fault on a blocked SIGSEGV kills the process, so
 * the mask only held back a SIGSEGV sent by kill()).  A body that installs
 * a SIGSEGV handler of its own (signal, sigaction) takes the faults away
 * from the tracker, and one that blocks SIGSEGV (sigprocmask,
 * pthread_sigmask) makes the next one kill the worker: writes made after
 * the first go unseen.  When the worker ships, the disposition must still
 * be the tracker's and SIGSEGV unblocked; otherwise collect fails with
 * MPLOOP__ERR_UNTRACKED_HANDLER or _MASK and the loop fails with a report
 * saying which.
 *
 * Limits, inherent to the mechanism: the kernel does not raise a signal for
 * its own accesses, so a system call that writes into a protected page
 * (read() into a global buffer, say) fails with EFAULT; a signal delivered
 * to a handler of the program while the stack pointer is inside a protected
 * page cannot push its frame and kills the worker; a body that installs its
 * own SIGSEGV handler and puts the tracker's back before the worker ends
 * goes unnoticed.  The writable mappings that are
 * tracked are made PROT_READ | PROT_WRITE again when written (an executable
 * writable mapping loses PROT_EXEC).  First writes cost a fault, a signal
 * and an mprotect each (several microseconds).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "arch.h"
#include "mem_internal.h"

/* Bytes of the alternate signal stack. */
#define ALT_STACK_SIZE (64u * 1024)

/* Worker-private state (the state section is never merged). */
static struct {
    const struct mploop__range *pages; /* the armed ranges (plan memory) */
    unsigned n;
    uint64_t *first;        /* first[i]: bit index of range i's first page */
    uint64_t *bits;         /* one bit per armed page: written */
    size_t map_size;        /* bytes mapped for first[] and bits[] */
    void *alt;              /* the alternate signal stack */
    struct sigaction old;   /* the program's SIGSEGV disposition */
    int armed;
} mp MPLOOP__STATE;

/* Both: index of the armed range containing addr, or -1. */
static long range_of(uintptr_t addr)
{
    unsigned lo = 0, hi = mp.n;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        if (mp.pages[mid].addr + mp.pages[mid].size <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < mp.n && mp.pages[lo].addr <= addr)
        return (long)lo;
    return -1;
}

/* Worker: hand a fault the tracker does not own to the program's handler,
 * or make the default action happen (the fault repeats once this handler
 * returns; a SIGSEGV sent by kill() is raised again). */
static void pass_on(int sig, siginfo_t *info, void *uctx)
{
    const struct sigaction *o = &mp.old;
    if ((o->sa_flags & SA_SIGINFO) && o->sa_sigaction) {
        o->sa_sigaction(sig, info, uctx);
        return;
    }
    if (!(o->sa_flags & SA_SIGINFO) && o->sa_handler != SIG_DFL && o->sa_handler != SIG_IGN) {
        o->sa_handler(sig);
        return;
    }
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigaction(SIGSEGV, &dfl, NULL);
    if (info->si_code <= 0)
        raise(SIGSEGV);
}

/* Worker, in the handler: put errno back as the interrupted code had it,
 * writing it only when it changed: errno lies in the thread's TLS, whose
 * first page may be tracked (it may share a page with other data), and a
 * write there from the handler, with SIGSEGV blocked, would kill the
 * worker. */
static void errno_put_back(int saved)
{
    if (errno != saved)
        errno = saved;
}

/* Worker: the SIGSEGV handler.  Async-signal-safe: touches only the bitmap
 * and calls mprotect. */
static void on_fault(int sig, siginfo_t *info, void *uctx)
{
    int saved = errno;
    uintptr_t addr = (uintptr_t)info->si_addr;
    long r = info->si_code == SEGV_ACCERR ? range_of(addr) : -1;
    if (r < 0) {
        pass_on(sig, info, uctx);
        errno_put_back(saved);
        return;
    }
    const struct mploop__range *g = &mp.pages[r];
    uintptr_t page = addr & ~(uintptr_t)(MPLOOP__PAGE - 1);
    uint64_t bit = mp.first[r] + (page - g->addr) / MPLOOP__PAGE;
    if (__atomic_load_n(&mp.bits[bit / 64], __ATOMIC_RELAXED) & (1ull << (bit % 64))) {
        /* Already writable: not a tracking fault. */
        pass_on(sig, info, uctx);
        errno_put_back(saved);
        return;
    }
    /* Atomic: threads the body starts fault concurrently. */
    if (mprotect((void *)page, MPLOOP__PAGE, PROT_READ | PROT_WRITE) == 0) {
        __atomic_fetch_or(&mp.bits[bit / 64], 1ull << (bit % 64), __ATOMIC_RELAXED);
    } else if (mprotect((void *)g->addr, g->size, PROT_READ | PROT_WRITE) == 0) {
        /* No room for one more mapping: give up tracking this range. */
        uint64_t b0 = mp.first[r], b1 = b0 + g->size / MPLOOP__PAGE;
        for (uint64_t b = b0; b < b1; b++)
            __atomic_fetch_or(&mp.bits[b / 64], 1ull << (b % 64), __ATOMIC_RELAXED);
    } else {
        pass_on(sig, info, uctx);
    }
    errno_put_back(saved);
}

/* Parent: mprotect and signals are always there. */
static int mprotect_probe(void)
{
    return 0;
}

/* Worker: install the handler and protect every range.  Returns 0 or
 * -errno. */
static int mprotect_arm(const struct mploop__range *pages, unsigned n)
{
    uint64_t total = 0;
    size_t first_bytes = ((size_t)n * sizeof(uint64_t) + 63) & ~(size_t)63;
    for (unsigned i = 0; i < n; i++)
        total += pages[i].size / MPLOOP__PAGE;
    size_t size = first_bytes + (size_t)((total + 63) / 64) * sizeof(uint64_t);
    size = (size + MPLOOP__PAGE - 1) & ~(size_t)(MPLOOP__PAGE - 1);
    if (!size)
        size = MPLOOP__PAGE;
    /* Mapped after the plan was made, so never tracked itself. */
    void *map = mmap(NULL, size + ALT_STACK_SIZE, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED)
        return -errno;
    mp.first = map;
    mp.bits = (uint64_t *)((char *)map + first_bytes);
    mp.map_size = size + ALT_STACK_SIZE;
    mp.alt = (char *)map + size;
    uint64_t b = 0;
    for (unsigned i = 0; i < n; i++) {
        mp.first[i] = b;
        b += pages[i].size / MPLOOP__PAGE;
    }
    mp.pages = pages;
    mp.n = n;

    stack_t ss = { .ss_sp = mp.alt, .ss_size = ALT_STACK_SIZE, .ss_flags = 0 };
    if (sigaltstack(&ss, NULL) < 0)
        return -errno;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGSEGV, &sa, &mp.old) < 0)
        return -errno;
    sigset_t segv;
    sigemptyset(&segv);
    sigaddset(&segv, SIGSEGV);
    if (sigprocmask(SIG_UNBLOCK, &segv, NULL) < 0)
        return -errno;
    mp.armed = 1;
    /* The kernel itself writes the thread descriptor (the rseq area) on
     * the way back to user space, and a failed write there kills the
     * process: its pages are never protected, only counted as written. */
    uintptr_t tp = mploop__arch_thread_pointer();
    uintptr_t hole_lo = tp & ~(uintptr_t)(MPLOOP__PAGE - 1);
    uintptr_t hole_hi = (tp + 2 * MPLOOP__PAGE - 1) & ~(uintptr_t)(MPLOOP__PAGE - 1);
    for (unsigned i = 0; i < n; i++) {
        uintptr_t a = pages[i].addr, b = a + pages[i].size;
        uintptr_t lo = a > hole_lo ? a : hole_lo, hi = b < hole_hi ? b : hole_hi;
        if (lo < hi) {
            for (uintptr_t pg = lo; pg < hi; pg += MPLOOP__PAGE) {
                uint64_t bit = mp.first[i] + (pg - a) / MPLOOP__PAGE;
                mp.bits[bit / 64] |= 1ull << (bit % 64);
            }
            if (a < lo && mprotect((void *)a, lo - a, PROT_READ) < 0)
                return -errno;
            if (hi < b && mprotect((void *)hi, b - hi, PROT_READ) < 0)
                return -errno;
        } else if (mprotect((void *)a, b - a, PROT_READ) < 0) {
            return -errno;
        }
    }
    return 0;
}

/* Worker: 0 while faults still reach the tracker: SIGSEGV's disposition is
 * on_fault (else MPLOOP__ERR_UNTRACKED_HANDLER) and SIGSEGV is not blocked
 * (else MPLOOP__ERR_UNTRACKED_MASK). */
static int mprotect_intact(void)
{
    struct sigaction now;
    sigset_t mask;
    if (sigaction(SIGSEGV, NULL, &now) < 0 || sigprocmask(SIG_BLOCK, NULL, &mask) < 0)
        return -errno;
    if (!(now.sa_flags & SA_SIGINFO) || now.sa_sigaction != on_fault)
        return MPLOOP__ERR_UNTRACKED_HANDLER;
    return sigismember(&mask, SIGSEGV) ? MPLOOP__ERR_UNTRACKED_MASK : 0;
}

/* Worker: emit the runs of pages whose bit is set, once it is sure that no
 * write went unseen (mprotect_intact). */
static int mprotect_collect(const struct mploop__range *pages, unsigned n,
                            int (*emit)(void *ctx, uintptr_t start, uintptr_t end),
                            void *ctx)
{
    if (!mp.armed || pages != mp.pages || n != mp.n)
        return -EINVAL;
    int err = mprotect_intact();
    if (err)
        return err;
    struct mploop__runs runs = { emit, ctx, 0 };
    for (unsigned i = 0; i < n; i++) {
        uint64_t b0 = mp.first[i], np = pages[i].size / MPLOOP__PAGE;
        for (uint64_t k = 0; k < np; k++) {
            uint64_t b = b0 + k;
            uint64_t word = mp.bits[b / 64];
            uintptr_t a = pages[i].addr + k * MPLOOP__PAGE;
            if (!word && b % 64 == 0 && k + 64 <= np) {
                /* 64 pages at once: none written. */
                int r = mploop__runs_page(&runs, a, 0);
                if (r)
                    return r;
                k += 63;
                continue;
            }
            int r = mploop__runs_page(&runs, a, (word >> (b % 64)) & 1);
            if (r)
                return r;
        }
        int r = mploop__runs_end(&runs, pages[i].addr + pages[i].size);
        if (r)
            return r;
    }
    return 0;
}

const struct mploop__tracker mploop__tracker_mprotect = {
    .name = "mprotect",
    .probe = mprotect_probe,
    .arm = mprotect_arm,
    .collect = mprotect_collect,
    .collect_private = mploop__pagemap_collect_private,
};
