// A stream whose buffer is a large block (setvbuf with a 128 KiB malloc'd
// buffer, which lives in the shared heap): every worker's output still goes
// through a buffer of its own, in direct mode (the buffer's pages are
// remapped privately) and in snapshot mode (never merged, no false race), so
// every line appears exactly once and intact.  The lines are sorted before
// printing: their order between workers is not the sequential one.
//
// RUN: %exec-check %s %t
// RUN: env MPLOOP_CHECK=1 MPLOOP_TEST_WORKERS="2 3" %exec-check %s %t.snap
// RUN: FileCheck %s --implicit-check-not=mploop: < %t.snap.log.3
// CHECK: mploop: {{.*}}stdio_large_buffer.c:{{[0-9]+}}: 3000 iterations on 3 workers

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    FILE *f = tmpfile();
    char *buf = malloc(1 << 17);
    if (!f || setvbuf(f, buf, _IOFBF, 1 << 17) != 0)
        return 1;
    int *a = malloc((1 << 18) * sizeof *a);
#pragma mploop for schedule(static)
    for (int i = 0; i < 3000; i++) {
        fprintf(f, "line %04d of the loop, written by whichever worker ran it\n", i);
        a[i] = i;
    }
    rewind(f);
    static char text[3001][80];
    static char *lines[3001];
    int n = 0;
    while (n < 3001 && fgets(text[n], sizeof text[n], f)) {
        lines[n] = text[n];
        n++;
    }
    qsort(lines, n, sizeof *lines, cmp);
    for (int i = 0; i < n; i++)
        fputs(lines[i], stdout);
    long s = 0;
    for (int i = 0; i < 3000; i++)
        s += a[i];
    printf("%d lines, sum %ld\n", n, s);
    return 0;
}
