// printf, puts and putchar in the body: every line appears exactly once.
// Workers print concurrently, so the order of the lines may differ from the
// sequential run; the sorted output must be equal, the line count exact,
// and the lines printed before and after the loop stay first and last.
// stdout is a file here (fully buffered), then a pipe.
//
// RUN: %cc -O2 -w %s -o %t.seq
// RUN: %mploop-cc -O2 -w %s -o %t.par
// RUN: %t.seq > %t.seq.out
// RUN: sort %t.seq.out > %t.seq.sorted
// RUN: env MPLOOP_WORKERS=1 MPLOOP_VERBOSE=1 %t.par > %t.out.1 2> %t.log.1
// RUN: cmp %t.seq.out %t.out.1
// RUN: env MPLOOP_WORKERS=3 MPLOOP_VERBOSE=1 %t.par > %t.out.3 2> %t.log.3
// RUN: sort %t.out.3 | cmp %t.seq.sorted -
// RUN: count 182 < %t.out.3
// RUN: head -n 1 %t.out.3 | FileCheck %s --check-prefix=FIRST
// RUN: tail -n 1 %t.out.3 | FileCheck %s --check-prefix=LAST
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: env MPLOOP_WORKERS=4 MPLOOP_VERBOSE=1 %t.par 2> %t.log.4 | sort | cmp %t.seq.sorted -
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: env MPLOOP_WORKERS=2 %t.par | count 182
//
// FIRST: {{^}}before the loops{{$}}
// LAST: {{^}}after the loops{{$}}

#include <stdio.h>

int main(void)
{
    int n = 120;
    printf("before the loops\n");

    // W: mploop: {{.*}}printf_body.c:[[@LINE+2]]: 120 iterations on [[N]] workers, schedule auto
#pragma mploop for
    for (int i = 0; i < n; i++)
        printf("iteration %03d squared %d\n", i, i * i);

    // W: mploop: {{.*}}printf_body.c:[[@LINE+2]]: 60 iterations on [[N]] workers, schedule dynamic,5
#pragma mploop for schedule(dynamic, 5)
    for (int i = 0; i < 60; i++) {
        if (i % 2) {
            puts("odd line from puts");
        } else {
            printf("even %d: ", i);
            for (int k = 0; k < 5; k++)
                putchar('a' + (i + k) % 26);
            putchar('\n');
        }
    }
    printf("after the loops\n");
    return 0;
}
