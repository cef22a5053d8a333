/*
 * persist_mechanisms.c - what keeping workers alive between loops would
 * cost, mechanism by mechanism, measured on this kernel.
 *
 * Why this file exists: a persistent team (workers that survive a loop's
 * join and are handed the next loop) must make a parked worker's memory and
 * registers equal to what a fresh fork would give it.  Before building it
 * into the runtime, each step is checked and timed here on its own:
 *
 *  track   the parent tracks its own writes between loops: userfaultfd
 *          asynchronous write-protect over its memory, then one
 *          PAGEMAP_SCAN with PM_SCAN_WP_MATCHING that lists the pages
 *          written since and protects them again in the same call.
 *          Printed: the scan's time for a region of R MiB with K pages
 *          written, and the cost of a first write to a protected page.
 *  push    the parent copies pages into a parked child at the same
 *          addresses with process_vm_writev (a parent may write its
 *          children under Yama's ptrace scope 1; a child may not read its
 *          parent): time per page, and the child's first read of them.
 *  resume  a child parked on a stack of its own receives the parent's
 *          stack image (from the stack pointer up) and jmp_buf, longjmps
 *          into the parent's context and continues in the parent's
 *          function with the parent's current locals: the check prints
 *          what the resumed child computed, and the time from the parent's
 *          "go" to the child's answer.
 *
 *  wake    a parked process woken through a futex word in shared memory
 *          and answering through another: the round trip when both sides
 *          sleep on the futex at once, and when each spins on the word
 *          first (what the persistent team's bounded spin buys).
 *
 * Usage: persist_mechanisms [track|push|resume|wake|all].  Prints one line per
 * measurement, medians of repeated runs; exits 1 when a mechanism does not
 * work here.
 */
#define _GNU_SOURCE
#include "kernels/bench.h"
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/futex.h>
#include <linux/userfaultfd.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../runtime/linux_uapi.h"

#define PAGE 4096ul

/* Microseconds on the monotonic clock. */
static double now_us(void)
{
    return bench_now() * 1e6;
}

/* ---- track --------------------------------------------------------------- */

/* The pages written since the last call in [p, p + len), protected again;
 * returns how many (or -1). */
static long scan_written(int pm, char *p, size_t len)
{
    struct page_region vec[512];
    long pages = 0;
    uint64_t start = (uintptr_t)p, end = (uintptr_t)p + len;
    while (start < end) {
        struct pm_scan_arg arg = {
            .size = sizeof arg, .flags = PM_SCAN_WP_MATCHING | PM_SCAN_CHECK_WPASYNC,
            .start = start, .end = end, .vec = (uintptr_t)vec, .vec_len = 512,
            .category_mask = PAGE_IS_WRITTEN, .return_mask = PAGE_IS_WRITTEN,
        };
        long n = ioctl(pm, PAGEMAP_SCAN, &arg);
        if (n < 0)
            return -1;
        for (long i = 0; i < n; i++)
            pages += (long)((vec[i].end - vec[i].start) / PAGE);
        start = arg.walk_end;
        if (n < 512)
            break;
    }
    return pages;
}

static int bench_track(void)
{
    int uffd = (int)syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK | UFFD_USER_MODE_ONLY);
    struct uffdio_api api = { .api = UFFD_API,
                              .features = UFFD_FEATURE_WP_ASYNC | UFFD_FEATURE_WP_UNPOPULATED };
    int pm = open("/proc/self/pagemap", O_RDONLY);
    if (uffd < 0 || ioctl(uffd, UFFDIO_API, &api) < 0 || pm < 0) {
        printf("track: userfaultfd asynchronous write-protect unavailable (%s)\n", strerror(errno));
        return 1;
    }
    static const size_t sizes_mb[] = { 16, 256, 1024 };
    static const long written[] = { 0, 16, 1024, 16384 };
    for (unsigned s = 0; s < 3; s++) {
        size_t len = sizes_mb[s] << 20;
        char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        memset(p, 1, len);
        struct uffdio_register reg = { .range = { (uintptr_t)p, len },
                                       .mode = UFFDIO_REGISTER_MODE_WP };
        struct uffdio_writeprotect wp = { .range = { (uintptr_t)p, len },
                                          .mode = UFFDIO_WRITEPROTECT_MODE_WP };
        if (ioctl(uffd, UFFDIO_REGISTER, &reg) < 0 || ioctl(uffd, UFFDIO_WRITEPROTECT, &wp) < 0) {
            printf("track: cannot write-protect (%s)\n", strerror(errno));
            return 1;
        }
        for (unsigned k = 0; k < 4; k++) {
            long want = written[k] * PAGE > len ? (long)(len / PAGE) : written[k];
            double scan[9], fault[9];
            for (int r = 0; r < 9; r++) {
                double t0 = now_us();
                for (long i = 0; i < want; i++)
                    p[(size_t)i * (len / PAGE / (want ? want : 1)) * PAGE] = (char)r;
                double t1 = now_us();
                long got = scan_written(pm, p, len);
                double t2 = now_us();
                if (got != want) {
                    printf("track: wrote %ld pages, the scan found %ld\n", want, got);
                    return 1;
                }
                scan[r] = t2 - t1;
                fault[r] = want ? (t1 - t0) / (double)want : 0;
            }
            printf("track: %4zu MiB region, %5ld pages written: scan+re-protect %8.1f us, "
                   "first write to a protected page %.2f us\n",
                   sizes_mb[s], want, bench_median(scan, 9), bench_median(fault, 9));
        }
        munmap(p, len);
    }
    return 0;
}

/* ---- push ---------------------------------------------------------------- */

static int bench_push(void)
{
    size_t len = 64ul << 20;
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(p, 1, len);
    int go[2], done[2];
    if (pipe(go) || pipe(done))
        return 1;
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        volatile long sum = 0;
        close(go[1]);          /* so that the parent's close ends the loop */
        close(done[0]);
        for (;;) {
            if (read(go[0], &c, 1) != 1)
                _exit(0);
            double t0 = now_us();
            for (size_t i = 0; i < len; i += PAGE)
                sum += p[i];
            double t = now_us() - t0;
            if (write(done[1], &t, sizeof t) != sizeof t)
                _exit(1);
        }
    }
    static const long counts[] = { 1, 64, 4096, 16384 };
    for (unsigned k = 0; k < 4; k++) {
        double per[7], rd[7];
        for (int r = 0; r < 7; r++) {
            memset(p, r + 2, (size_t)counts[k] * PAGE);
            struct iovec iov = { p, (size_t)counts[k] * PAGE };
            double t0 = now_us();
            ssize_t n = process_vm_writev(pid, &iov, 1, &iov, 1, 0);
            double t1 = now_us();
            if (n != (ssize_t)iov.iov_len) {
                printf("push: process_vm_writev into the child failed (%s)\n", strerror(errno));
                kill(pid, SIGKILL);
                return 1;
            }
            per[r] = (t1 - t0) / (double)counts[k];
            double t;
            if (write(go[1], "g", 1) != 1 || read(done[0], &t, sizeof t) != sizeof t)
                return 1;
            rd[r] = t;
        }
        printf("push: %5ld pages into a parked child: %.3f us per page; the child then reads "
               "its %zu MiB in %.0f us\n", counts[k], bench_median(per, 7), len >> 20, bench_median(rd, 7));
    }
    close(go[1]);
    waitpid(pid, NULL, 0);
    return 0;
}

/* ---- resume -------------------------------------------------------------- */

/* What the parent publishes for a parked child: its jmp_buf and stack
 * image, in shared memory. */
struct resume_area {
    volatile int gen;          /* bumped by the parent to wake the child */
    volatile int answered;
    jmp_buf ctx;
    uintptr_t sp, top;         /* the stack image [sp, top) */
    volatile long answer;
    double t_go;
};

static struct resume_area *ra;
static int in_child;
static jmp_buf park_ctx;

/* The child's parking loop, on a stack of its own: wait for the parent,
 * copy its stack image over our main stack (same addresses: we were
 * forked from it), and jump into its context. */
static void park(void)
{
    int seen = ra->gen;
    for (;;) {
        while (ra->gen == seen)
            syscall(SYS_futex, &ra->gen, 0 /* FUTEX_WAIT */, seen, NULL, NULL, 0);
        seen = ra->gen;
        if (seen < 0)
            _exit(0);
        /* The image itself was pushed by the parent with
         * process_vm_writev; the jmp_buf travels in shared memory. */
        longjmp(ra->ctx, 1);
    }
}

static pid_t resume_child;
static double resume_lat;

/* Runs in the parent with a loop's locals, as mploop_start would: capture
 * the context, push the stack image from below this frame up to the top of
 * the stack into the parked child, wake it and wait for its answer, all
 * while this frame is live.  In the child, resumed here by longjmp with that
 * image, compute with the parent's locals, answer and park again.  Returns
 * 0 when the child's answer is right, -1 otherwise. */
static __attribute__((noinline)) int work(long a, long b)
{
    volatile long local = a * 1000 + b;   /* lives on the stack image */
    if (setjmp(ra->ctx)) {
        ra->answer = local + 1;
        __atomic_store_n(&ra->answered, 1, __ATOMIC_RELEASE);
        longjmp(park_ctx, 1);
    }
    /* Everything from well below this frame up: the jmp_buf's saved stack
     * pointer lies in this frame. */
    uintptr_t sp = ((uintptr_t)__builtin_frame_address(0) - 8192) & ~(PAGE - 1);
    struct iovec iov = { (void *)sp, ra->top - sp };
    ra->answered = 0;
    double t0 = now_us();
    if (process_vm_writev(resume_child, &iov, 1, &iov, 1, 0) != (ssize_t)iov.iov_len) {
        printf("resume: cannot push the stack image (%s)\n", strerror(errno));
        return -1;
    }
    __atomic_add_fetch(&ra->gen, 1, __ATOMIC_RELEASE);
    syscall(SYS_futex, &ra->gen, 1 /* FUTEX_WAKE */, 1, NULL, NULL, 0);
    while (!__atomic_load_n(&ra->answered, __ATOMIC_ACQUIRE))
        ;
    resume_lat = now_us() - t0;
    ra->sp = sp;
    if (ra->answer != a * 1000 + b + 1) {
        printf("resume: the child computed %ld, expected %ld\n", ra->answer, a * 1000 + b + 1);
        return -1;
    }
    return 0;
}

static char park_stack[1 << 16] __attribute__((aligned(16)));

/* Child: switch to the park stack and park there (never returns). */
static __attribute__((noreturn)) void park_on_own_stack(void)
{
    uintptr_t s = ((uintptr_t)park_stack + sizeof park_stack) & ~(uintptr_t)15;
    __asm__ volatile("mov %0, %%rsp\n\tcall *%1" : : "r"(s), "r"(park) : "memory");
    __builtin_unreachable();
}

static int bench_resume(void)
{
    ra = mmap(NULL, sizeof *ra, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    FILE *maps = fopen("/proc/self/maps", "r");
    char line[512];
    uintptr_t here = (uintptr_t)&line;
    while (fgets(line, sizeof line, maps)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && here >= lo && here < hi)
            ra->top = hi;
    }
    fclose(maps);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        in_child = 1;
        setjmp(park_ctx);      /* each resumed run comes back here */
        park_on_own_stack();
    }
    resume_child = pid;
    usleep(20000);
    double lat[7];
    for (int r = 0; r < 7; r++) {
        if (work(7 + r, 11) != 0) {
            kill(pid, SIGKILL);
            waitpid(pid, NULL, 0);
            return 1;
        }
        lat[r] = resume_lat;
    }
    printf("resume: child resumed in the parent's frame %d times with the parent's locals; "
           "%zu KiB of stack pushed; go -> answer %.1f us (median)\n", 7,
           (size_t)((ra->top - ra->sp) >> 10), bench_median(lat, 7));
    ra->gen = -1;
    syscall(SYS_futex, &ra->gen, 1, 1, NULL, NULL, 0);
    waitpid(pid, NULL, 0);
    return 0;
}

/* Wait until *w holds v: spin up to `spins` pause hints, then sleep on
 * the futex. */
static void wake_wait(int *w, int v, long spins)
{
    for (long s = 0; s < spins && __atomic_load_n(w, __ATOMIC_ACQUIRE) != v; s++)
        __builtin_ia32_pause();
    int now;
    while ((now = __atomic_load_n(w, __ATOMIC_ACQUIRE)) != v)
        syscall(SYS_futex, w, FUTEX_WAIT, now, NULL, NULL, 0);
}

/* Set *w to v and wake its sleeper. */
static void wake_post(int *w, int v)
{
    __atomic_store_n(w, v, __ATOMIC_RELEASE);
    syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
}

/* wake: futex round trips between a parent and a child, sleeping at once
 * and spinning first. */
static int bench_wake(void)
{
    int *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (w == MAP_FAILED)
        return 1;
    const long spins[] = { 0, 20000 };
    for (unsigned k = 0; k < 2; k++) {
        const int n = 2000;
        w[0] = w[1] = 0;
        pid_t pid = fork();
        if (pid == 0) {
            for (int i = 1; i <= n; i++) {
                wake_wait(&w[0], i, spins[k]);
                wake_post(&w[1], i);
            }
            _exit(0);
        }
        double t0 = now_us();
        for (int i = 1; i <= n; i++) {
            wake_post(&w[0], i);
            wake_wait(&w[1], i, spins[k]);
        }
        double rt = (now_us() - t0) / n;
        waitpid(pid, NULL, 0);
        printf("wake: futex round trip between two processes, %s: %.1f us\n",
               spins[k] ? "each side spinning first" : "both sleeping", rt);
    }
    munmap(w, 4096);
    return 0;
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "all";
    int bad = 0;
    if (!strcmp(what, "track") || !strcmp(what, "all"))
        bad |= bench_track();
    if (!strcmp(what, "push") || !strcmp(what, "all"))
        bad |= bench_push();
    if (!strcmp(what, "resume") || !strcmp(what, "all"))
        bad |= bench_resume();
    if (!strcmp(what, "wake") || !strcmp(what, "all"))
        bad |= bench_wake();
    return bad;
}
