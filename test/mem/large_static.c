// Global and static arrays whose whole pages make a large block (64 KiB by
// default) move, at their first loop, into shared memory at the same
// address, contents kept: the mapping of their middle is then the memfd
// "mploop-static", small arrays and an array only read by the body stay
// where they were, and MPLOOP_LARGE_MIN=off keeps every array private.
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 %t where | FileCheck %s --check-prefix=WHERE
// RUN: env MPLOOP_WORKERS=2 MPLOOP_LARGE_MIN=off %t where | FileCheck %s --check-prefix=OFF
// WHERE: before: global elsewhere
// WHERE-NEXT: after: global mploop-static
// WHERE-NEXT: after: static local mploop-static
// WHERE-NEXT: after: small elsewhere
// WHERE-NEXT: after: const elsewhere
// OFF-NOT: mploop-static
//
// Loops over them give the sequential results, with the bytes of the
// partial pages at an array's ends (merged as private memory) and the
// contents from before the move kept; in direct mode (default) and in
// snapshot mode, where the anti-dependence a[i] = a[i + 1] too gives the
// sequential answer:
// RUN: %exec-check %s %t.direct
// RUN: env MPLOOP_CHECK=1 %exec-check %s %t.snap -DANTI
//
// A child the program forks itself gets its own copy of a moved array:
// RUN: env MPLOOP_WORKERS=2 %t fork | FileCheck %s --check-prefix=FORK
// FORK: child: 2097152 parent: 1048576
//
// Two workers writing different values to one element of a moved array,
// in snapshot mode, are a race that names the global:
// RUN: env MPLOOP_CHECK=1 MPLOOP_WORKERS=2 not %t race 2>&1 | FileCheck %s --check-prefix=RACE
// RACE: data race: workers wrote different values to address {{0x[0-9a-f]+}}, global 'grid' (byte {{[0-9]+}} of 4194304)

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define N (1 << 20)

struct layout {
    char head[100];            /* puts grid off a page boundary */
};
static struct layout pad = { "x" };
int grid[N];                   /* 4 MiB */
static int small[1000];
static const int table[N] = { 1, 2, 3 };

/* Whether the mapping holding p is a moved array's memfd. */
static void where(const char *what, const void *p)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    uintptr_t a = (uintptr_t)p;
    while (f && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        int off = 0;
        if (sscanf(line, "%lx-%lx %*s %*s %*s %*s %n", &lo, &hi, &off) >= 2 && a >= lo &&
            a < hi) {
            const char *name = off ? line + off : "";
            printf("%s %s\n", what,
                   !strncmp(name, "/memfd:mploop-static", 20) ? "mploop-static" : "elsewhere");
            break;
        }
    }
    if (f)
        fclose(f);
}

static long *local_at;         /* twice's static array, for `where` */

static long twice(void)
{
    static long local[N / 2];  /* 4 MiB */
    local_at = local;
#pragma mploop for
    for (int i = 0; i < N / 2; i++)
        local[i] += 2 * i;
    long s = 0;
    for (int i = 0; i < N / 2; i += 1000)
        s += local[i];
    return s;
}

static volatile int zero; /* hides the dependence from the rewriter's tests */
int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    for (int i = 0; i < N; i++)
        grid[i] = i % 7;       /* contents before the move */
    if (!strcmp(mode, "where")) {
        where("before: global", &grid[N / 2]);
        long t = 0;
#pragma mploop for reduction(+:t)
        for (int i = 0; i < N; i++) {
            grid[i] += small[i % 1000] + 1;
            t += table[i];
        }
        twice();
#pragma mploop for
        for (int i = 0; i < 1000; i++)
            small[i] = i;
        where("after: global", &grid[N / 2]);
        where("after: static local", &local_at[N / 4]);
        where("after: small", &small[500]);
        where("after: const", &table[N / 2]);
        return (int)(t & 1);
    }
    if (!strcmp(mode, "fork")) {
#pragma mploop for
        for (int i = 0; i < N; i++)
            grid[i] = 1;
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            for (int i = 0; i < N; i++)
                grid[i] = 2;
            long s = 0;
            for (int i = 0; i < N; i++)
                s += grid[i];
            printf("child: %ld ", s);
            fflush(stdout);
            _exit(0);
        }
        waitpid(pid, NULL, 0);
        long s = 0;
        for (int i = 0; i < N; i++)
            s += grid[i];
        printf("parent: %ld\n", s);
        return 0;
    }
    if (!strcmp(mode, "race")) {
        /* static: each worker runs one of the two iterations. */
#pragma mploop for schedule(static)
        for (int i = 0; i < 2; i++)
            grid[12345 + zero] = i + 100;
        return 0;
    }
    /* Sequential comparison (exec-check runs it without arguments). */
    for (int round = 0; round < 3; round++) {
#pragma mploop for
        for (int i = 0; i < N; i++)
            grid[i] = grid[i] * 3 + round;
        twice();
    }
#ifdef ANTI
#pragma mploop for
    for (int i = 0; i < N - 1; i++)
        grid[i] = grid[i + 1] + 1;
#endif
    long s = 0;
    for (int i = 0; i < N; i++)
        s = s * 31 + grid[i];
    printf("%s grid %ld first %d last %d local %ld\n", pad.head, s, grid[0], grid[N - 1], twice());
    return 0;
}
