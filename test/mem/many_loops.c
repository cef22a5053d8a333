// 1,000 consecutive loops that write memory and allocate leave no trace:
// the process holds as many file descriptors and mappings afterwards as
// after the first loop, and its resident memory stays flat.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W --implicit-check-not=mploop: < %t.log.2
// W-COUNT-1000: mploop: {{.*}}many_loops.c:{{[0-9]+}}: 16 iterations on 2 workers

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int count_fds(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/fd");
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

static int count_maps(void)
{
    int n = 0;
    char b[512];
    FILE *f = fopen("/proc/self/maps", "r");
    while (fgets(b, sizeof b, f))
        n += strchr(b, '\n') != NULL;
    fclose(f);
    return n;
}

static long rss_kb(void)
{
    char b[256];
    long v = 0;
    FILE *f = fopen("/proc/self/status", "r");
    while (fgets(b, sizeof b, f))
        if (!strncmp(b, "VmRSS:", 6))
            v = atol(b + 6);
    fclose(f);
    return v;
}

long acc[16];

static __attribute__((noinline)) void one_loop(int round)
{
#pragma mploop for
    for (int i = 0; i < 16; i++) {
        char *tmp = malloc((size_t)(100 + i * round % 5000));
        memset(tmp, i, 100);
        acc[i] += tmp[50] + round;
        free(tmp);
    }
}

int main(void)
{
    one_loop(0);
    int fds = count_fds(), maps = count_maps();
    long rss = rss_kb();
    for (int r = 1; r < 1000; r++)
        one_loop(r);
    long s = 0;
    for (int i = 0; i < 16; i++)
        s += acc[i];
    printf("sum=%ld\n", s);
    printf("fds %s, mappings %s, rss %s\n", count_fds() == fds ? "same" : "grew",
           count_maps() == maps ? "same" : "grew", rss_kb() - rss < 4096 ? "flat" : "grew");
    return 0;
}
