// Streams are the C library's state, never merged: a stream the parent
// opened and left with unflushed data before the loop is written by the
// body and stays intact; the body also opens and closes streams of its own
// (fopen, open_memstream).  Every line the body writes appears exactly once.
// The lines of the shared file are sorted before printing: their order
// between workers is not the sequential one.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W --implicit-check-not=mploop: < %t.log.3
// W: mploop: {{.*}}stdio.c:{{[0-9]+}}: 60 iterations on 3 workers

#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    char path[] = "/tmp/mploop-mem-stdio-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 1;
    FILE *shared = fdopen(fd, "w+");
    int sums[60] = { 0 };
    char *before = malloc(32);                   /* a heap neighbour */
    strcpy(before, "untouched");
    fprintf(shared, "00 header, unflushed before the loop\n");
#pragma mploop for
    for (int i = 0; i < 60; i++) {
        fprintf(shared, "%02d line from the body\n", i + 1);
        char *text = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&text, &len);
        fprintf(mem, "%d-%d", i, i * i);
        fclose(mem);
        for (size_t k = 0; k < len; k++)
            sums[i] += text[k];
        free(text);
        FILE *null = fopen("/dev/null", "w");
        fprintf(null, "discarded %d\n", i);
        fclose(null);
    }
    fprintf(shared, "99 footer\n");
    long pos = ftell(shared);
    rewind(shared);
    char *lines[70];
    int n = 0;
    char buf[128];
    while (n < 70 && fgets(buf, sizeof buf, shared))
        lines[n++] = strdup(buf);
    qsort(lines, (size_t)n, sizeof lines[0], cmp);
    printf("%d lines, position %ld\n", n, pos);
    for (int k = 0; k < n; k += 10)
        printf("%s", lines[k]);
    printf("%s", lines[n - 1]);
    long total = 0;
    for (int i = 0; i < 60; i++)
        total += sums[i];
    printf("sums=%ld before=%s\n", total, before);
    fclose(shared);
    remove(path);
    return 0;
}
