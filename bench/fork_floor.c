/*
 * fork_floor.c - what creating a process costs, the floor under every
 * forked loop: the raw clone system call, and glibc's fork(), each followed
 * by waitpid for a child that exits at once, with HEAP_MB of heap held (one
 * malloc, every page written).  Prints the median of ROUNDS in
 * microseconds, one result line each:
 *
 *   result kernel=fork_raw_<HEAP_MB>MB ...    syscall(SYS_clone, SIGCHLD, ...)
 *   result kernel=fork_glibc_<HEAP_MB>MB ...  fork()
 *
 *   fork_floor HEAP_MB [ROUNDS]     defaults 10 100
 *
 * Built with plain cc, the heap is glibc's private memory: both calls copy
 * its page tables.  Built with mploop-cc, a large malloc lives in mploop's
 * shared heap (a memfd mapped shared), whose page tables a fork does not
 * copy: the raw call shows that.  glibc's fork() also runs the fork
 * handlers, and mploop's child handler gives the child its own copy of the
 * shared heap (a new memfd, copy_file_range of the populated extents): the
 * difference between the two lines is that copy.  mploop's own workers are
 * created without it.
 */
#define _GNU_SOURCE
#include "kernels/bench.h"
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* Median time of ROUNDS creations of a child that exits at once. */
static double median_spawn(int raw, int rounds, double *t)
{
    for (int r = 0; r < rounds; r++) {
        double t0 = bench_now();
        pid_t pid = raw ? (pid_t)syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0) : fork();
        if (pid == 0)
            _exit(0);
        if (pid < 0) {
            perror("fork_floor: clone");
            exit(1);
        }
        int status;
        if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status)) {
            fprintf(stderr, "fork_floor: the child did not exit with 0\n");
            exit(1);
        }
        t[r] = 1e6 * (bench_now() - t0);
    }
    return bench_median(t, rounds);
}

int main(int argc, char **argv)
{
    long heap_mb = bench_arg(argc, argv, 1, 10);
    int rounds = (int)bench_arg(argc, argv, 2, 100);
    size_t bytes = (size_t)heap_mb << 20;
    unsigned char *heap = bench_alloc(bytes);
    double *t = bench_alloc(rounds * sizeof *t);
    memset(heap, 1, bytes);
    for (int raw = 1; raw >= 0; raw--) {
        double us = median_spawn(raw, rounds, t);
        char kernel[32];
        snprintf(kernel, sizeof kernel, "fork_%s_%ldMB", raw ? "raw" : "glibc", heap_mb);
        bench_result(kernel, "us", us, "%d", heap[bytes - 1]);
    }
    return 0;
}
