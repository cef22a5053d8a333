// The shared heap of large blocks serves a program only once a module with
// parallel loops is loaded: a program linked with the runtime but without
// any loop (built by mploop-cc from code with no pragma, or with --profile
// to find its hot loops) keeps its large blocks in glibc's heap, whose
// first touch of a page costs less than a shared page's.  One file with a
// loop, anywhere in the program, turns the heap on.
//
// No loop, built by mploop-cc, and with --profile:
// RUN: %mploop-cc -O2 %s -o %t.none
// RUN: %t.none | FileCheck %s --check-prefix=GLIBC
// RUN: %mploop-cc --profile -O2 %s -o %t.prof
// RUN: env MPLOOP_PROFILE=%t.profile %t.prof | FileCheck %s --check-prefix=GLIBC
// RUN: grep -c '^loop' %t.profile | FileCheck %s --check-prefix=PROFILED
// A malformed MPLOOP_LARGE_MIN is not read where there is no heap to size:
// RUN: env MPLOOP_LARGE_MIN=12x %t.none | FileCheck %s --check-prefix=GLIBC
// GLIBC: big: glibc
// GLIBC-NEXT: sum: 17179344896
// PROFILED: {{^2$}}
//
// The loop in the same file, and in another file of the program:
// RUN: %mploop-cc -O2 -DWITH_LOOP %s -o %t.loop
// RUN: env MPLOOP_WORKERS=2 MPLOOP_VERBOSE=1 %t.loop 2> %t.loop.err | FileCheck %s --check-prefix=SHARED
// RUN: FileCheck %s --check-prefix=WORKERS < %t.loop.err
// RUN: %mploop-cc -O2 -DPART_MAIN -c %s -o %t.main.o
// RUN: %mploop-cc -O2 -DPART_LOOP -DWITH_LOOP -c %s -o %t.part.o
// RUN: %mploop-cc %t.main.o %t.part.o -o %t.two
// RUN: env MPLOOP_WORKERS=2 MPLOOP_VERBOSE=1 %t.two 2> %t.two.err | FileCheck %s --check-prefix=SHARED
// RUN: FileCheck %s --check-prefix=WORKERS < %t.two.err
// SHARED: big: shared
// SHARED-NEXT: sum: 17179344896
// WORKERS: large_no_loops.c:{{[0-9]+}}: 1048576 iterations on 2 workers

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N (1L << 20)

long fill(int *a, long n);

#ifndef PART_MAIN
/* Fill a with its indexes modulo 32768 and return their sum. */
long fill(int *a, long n)
{
#ifdef WITH_LOOP
#pragma mploop for
#endif
    for (long i = 0; i < n; i++)
        a[i] = (int)(i & 32767);
    long s = 0;
    for (long i = 0; i < n; i++)
        s += a[i];
    return s;
}
#endif

#ifndef PART_LOOP
/* Whether p lies in a mapping of the shared heap's memfd. */
static int in_shared_heap(const void *p)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    int shared = 0;
    while (f && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && (unsigned long)p >= lo &&
            (unsigned long)p < hi) {
            shared = strstr(line, "mploop-heap") != NULL;
            break;
        }
    }
    if (f)
        fclose(f);
    return shared;
}

int main(void)
{
    int *a = malloc(N * sizeof *a);
    if (!a)
        return 1;
    printf("big: %s\n", in_shared_heap(a) ? "shared" : "glibc");
    printf("sum: %ld\n", fill(a, N));
    free(a);
    return 0;
}
#endif
