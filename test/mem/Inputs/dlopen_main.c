/* The program of the dlopen_* tests.  Built with cc it is a plain program
 * (the pragma below is ignored); built with mploop-cc it has a loop and the
 * runtime of its own (with -DNO_OWN_LOOP, the runtime and no loop).  It
 * loads the two libraries named on its command line (Inputs/dlopen_lib.c
 * built with PREFIX liba and libb) with dlopen, runs its own loop, whose
 * body allocates and calls the second library's loop, then has each
 * library fill an array in a loop that allocates in its body (the first
 * one calling back into the second's loop), and checks the blocks: each
 * holds its text, no two share an address, and all can be freed, the heap
 * still working afterwards.  With -DOWN_MALLOC the program defines malloc
 * itself (forwarding to the C library's). */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void fill_fn(char **names, int n, long (*back)(int));
typedef long sum_fn(int n);

#define N 50000

#ifdef OWN_MALLOC
extern void *__libc_malloc(size_t n);

/* The program's own malloc. */
void *malloc(size_t n)
{
    return __libc_malloc(n);
}
#endif

/* Symbol name of lib, or exit. */
static void *need(void *lib, const char *name)
{
    void *p = dlsym(lib, name);
    if (!p) {
        fprintf(stderr, "%s\n", dlerror());
        exit(2);
    }
    return p;
}

/* qsort order of addresses. */
static int by_address(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)*(char *const *)a, y = (uintptr_t)*(char *const *)b;
    return x < y ? -1 : x > y;
}

/* Print what names[0..n), filled with "<prefix>-<index>", and hits[0..64)
 * hold, then free the blocks. */
static void check(const char *prefix, char **names, int n, const int *hits)
{
    int wrong = 0, shared = 0;
    long h = 0;
    char expect[24];
    for (int i = 0; i < n; i++) {
        snprintf(expect, sizeof expect, "%s-%d", prefix, i);
        wrong += strcmp(expect, names[i]) != 0;
    }
    char **sorted = malloc(n * sizeof *sorted);
    memcpy(sorted, names, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, by_address);
    for (int i = 1; i < n; i++)
        shared += sorted[i] == sorted[i - 1];
    for (int k = 0; k < 64; k++)
        h += hits[k];
    printf("%s: %d blocks, %d wrong, %d shared addresses, hits %ld\n", prefix, n, wrong,
           shared, h);
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(sorted);
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    void *a = dlopen(argv[1], RTLD_NOW), *b = dlopen(argv[2], RTLD_NOW);
    if (!a || !b) {
        fprintf(stderr, "%s\n", dlerror());
        return 2;
    }
    fill_fn *fill_a = (fill_fn *)need(a, "liba_fill"), *fill_b = (fill_fn *)need(b, "libb_fill");
    sum_fn *sum_b = (sum_fn *)need(b, "libb_sum");

    char *own[64];
    long sums[64], total = 0;
#ifndef NO_OWN_LOOP
#pragma mploop for schedule(static)
#endif
    for (int i = 0; i < 64; i++) {
        own[i] = malloc(16);
        snprintf(own[i], 16, "own-%d", i);
        sums[i] = i % 16 == 5 ? sum_b(i) : -i;
    }
    for (int i = 0; i < 64; i++) {
        total += sums[i] + atoi(own[i] + 4);
        free(own[i]);
    }
    printf("own loop: %ld\n", total);

    char **names = malloc(N * sizeof *names);
    fill_a(names, N, sum_b);
    check("liba", names, N, (const int *)need(a, "liba_hits"));
    fill_b(names, N, NULL);
    check("libb", names, N, (const int *)need(b, "libb_hits"));
    free(names);
    char *after = strdup("the heap still works");
    printf("%s: %ld\n", after, sum_b(1000));
    free(after);
    return 0;
}
