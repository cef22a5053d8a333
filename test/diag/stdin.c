// Reading standard input in a loop body is a warning (-Wmploop-stdin): every
// worker reads the same input from where the parent left off, not the part
// the sequential loop would read.  The functions that always read it, the
// stream functions given `stdin`, and `read` on descriptor 0 (written 0,
// STDIN_FILENO or fileno(stdin)) are recognized; other streams and
// descriptors are not warned about, nor is input read before the loop.  The
// file is still rewritten.
//
// RUN: %mploop %s -o %t.c 2>&1 | FileCheck --implicit-check-not=warning: %s
// RUN: %cc -fsyntax-only -I%S/../../include %t.c

#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void f(long *out, int n, FILE *in, int fd)
{
    char line[128];
    char *dyn = NULL;
    size_t cap = 0;
    int first = getchar();
#pragma mploop for
    for (int i = 0; i < n; i++) {
        long v = first;
        if (scanf("%ld", &v) == 1)
// CHECK: stdin.c:[[@LINE-1]]:13: warning: 'scanf' reads standard input in the body of a parallel loop: every worker reads the same input from where the parent left off, not the part the sequential loop would read in its iterations; read the input before the loop [-Wmploop-stdin]
// CHECK-NEXT: {{^        if \(scanf}}
// CHECK-NEXT: {{^            \^$}}
// CHECK-NEXT: stdin.c:24:5: note: in the loop over 'i' annotated with '#pragma mploop for'
            out[i] = v;
        out[i] += getchar();
// CHECK: stdin.c:[[@LINE-1]]:19: warning: 'getchar' reads standard input
        if (fgets(line, sizeof line, stdin))
// CHECK: stdin.c:[[@LINE-1]]:13: warning: 'fgets' reads standard input
            out[i] += line[0];
        out[i] += getc(stdin) + fgetc(stdin);
// CHECK: stdin.c:[[@LINE-1]]:19: warning: 'getc' reads standard input
// CHECK: stdin.c:[[@LINE-2]]:33: warning: 'fgetc' reads standard input
        out[i] += (long)fread(line, 1, 4, stdin);
// CHECK: stdin.c:[[@LINE-1]]:25: warning: 'fread' reads standard input
        out[i] += getline(&dyn, &cap, stdin) + getdelim(&dyn, &cap, ',', stdin);
// CHECK: stdin.c:[[@LINE-1]]:19: warning: 'getline' reads standard input
// CHECK: stdin.c:[[@LINE-2]]:48: warning: 'getdelim' reads standard input
        if (fscanf(stdin, "%ld", &v) == 1)
// CHECK: stdin.c:[[@LINE-1]]:13: warning: 'fscanf' reads standard input
            out[i] += v;
        out[i] += read(0, line, 1) + read(STDIN_FILENO, line, 1);
// CHECK: stdin.c:[[@LINE-1]]:19: warning: 'read' reads standard input
// CHECK: stdin.c:[[@LINE-2]]:38: warning: 'read' reads standard input
        out[i] += read(fileno(stdin), line, 1);
// CHECK: stdin.c:[[@LINE-1]]:19: warning: 'read' reads standard input
        /* other streams and descriptors: no warning */
        out[i] += read(fd, line, 1) + read(3, line, 1) + getc(in) + fgetc(stderr);
        if (fgets(line, sizeof line, in) || fscanf(in, "%ld", &v) == 1)
            out[i] += v;
    }
    free(dyn);
}
