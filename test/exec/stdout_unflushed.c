// Output the parent buffered before the loop, without a newline and not
// flushed, appears exactly once, before the lines the body prints; the body
// prints with stdout fully buffered (the default for a file), line
// buffered and unbuffered.
//
// RUN: %cc -O2 -w %s -o %t.seq
// RUN: %t.seq > %t.seq.out
// RUN: sed 's/^header: //' %t.seq.out | sort > %t.seq.sorted
//
// RUN: %mploop-cc -O2 -w %s -o %t.full
// RUN: env MPLOOP_WORKERS=3 MPLOOP_VERBOSE=1 %t.full > %t.full.out 2> %t.full.log
// RUN: grep -o 'header: ' %t.full.out | count 1
// RUN: head -c 8 %t.full.out | FileCheck %s --check-prefix=HEAD
// RUN: sed 's/^header: //' %t.full.out | sort | cmp %t.seq.sorted -
// RUN: FileCheck %s --check-prefix=W --implicit-check-not=mploop: < %t.full.log
//
// RUN: %mploop-cc -O2 -w -DMODE=_IOLBF %s -o %t.line
// RUN: env MPLOOP_WORKERS=3 MPLOOP_VERBOSE=1 %t.line > %t.line.out 2> %t.line.log
// RUN: grep -o 'header: ' %t.line.out | count 1
// RUN: head -c 8 %t.line.out | FileCheck %s --check-prefix=HEAD
// RUN: sed 's/^header: //' %t.line.out | sort | cmp %t.seq.sorted -
// RUN: FileCheck %s --check-prefix=W --implicit-check-not=mploop: < %t.line.log
//
// RUN: %mploop-cc -O2 -w -DMODE=_IONBF %s -o %t.none
// RUN: env MPLOOP_WORKERS=3 MPLOOP_VERBOSE=1 %t.none > %t.none.out 2> %t.none.log
// RUN: grep -o 'header: ' %t.none.out | count 1
// RUN: head -c 8 %t.none.out | FileCheck %s --check-prefix=HEAD
// RUN: sed 's/^header: //' %t.none.out | sort | cmp %t.seq.sorted -
// RUN: FileCheck %s --check-prefix=W --implicit-check-not=mploop: < %t.none.log
//
// RUN: env MPLOOP_WORKERS=2 %t.full | grep -o 'header: ' | count 1
//
// HEAD: {{^}}header: {{$}}

#include <stdio.h>

int main(void)
{
#ifdef MODE
    static char buf[BUFSIZ];
    setvbuf(stdout, MODE == _IONBF ? NULL : buf, MODE, BUFSIZ);
#endif
    int n = 90;
    printf("header: ");

    // W: mploop: {{.*}}stdout_unflushed.c:[[@LINE+2]]: 90 iterations on 3 workers, schedule auto
#pragma mploop for
    for (int i = 0; i < n; i++)
        printf("line %02d of the body\n", i);
    printf("done\n");
    return 0;
}
