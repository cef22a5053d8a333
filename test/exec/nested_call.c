// A function with an annotated loop, called from the body of an annotated
// loop: in the workers the inner loop runs in-process ("nested").  Called
// from main outside any loop, the same function's loop runs on workers.
//
// RUN: %exec-check %s %t
// RUN: grep -v 'in-process (nested)' %t.log.2 | FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop:
// RUN: grep -v 'in-process (nested)' %t.log.3 | FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop:
//
// MPLOOP_VERBOSE=2 also reports the loops that workers run nested:
// RUN: env MPLOOP_WORKERS=3 MPLOOP_VERBOSE=2 %t.par > %t.v2.out 2> %t.v2.log
// RUN: cmp %t.expected %t.v2.out
// RUN: grep -v 'in-process (nested)' %t.v2.log | FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop:
// RUN: grep 'in-process (nested)' %t.v2.log | count 20
// RUN: grep 'in-process (nested)' %t.v2.log | sort -u | FileCheck %s --check-prefix=INNER --implicit-check-not=mploop:

#include <stdio.h>

static double table[20][64];

static __attribute__((noinline)) double fill_row(int r, int len)
{
    double s = 0;
    // W: mploop: {{.*}}nested_call.c:[[@LINE+3]]: 64 iterations on [[N]] workers, schedule auto
    // INNER: mploop: {{.*}}nested_call.c:[[@LINE+2]]: 64 iterations in-process (nested)
#pragma mploop for reduction(+: s)
    for (int c = 0; c < len; c++) {
        table[r][c] = r * 0.5 + c;
        s += table[r][c];
    }
    return s;
}

int main(void)
{
    double first = fill_row(0, 64);
    double total = 0;

    // W: mploop: {{.*}}nested_call.c:[[@LINE+2]]: 20 iterations on [[N]] workers, schedule dynamic{{(,1)?$}}
#pragma mploop for reduction(+: total) schedule(dynamic)
    for (int r = 0; r < 20; r++)
        total += fill_row(r, 64) * (r % 3);

    unsigned long h = 0;
    for (int r = 0; r < 20; r++)
        for (int c = 0; c < 64; c++)
            h = h * 31 + (unsigned long)(table[r][c] * 2);
    printf("first=%.1f total=%.1f hash=%lu\n", first, total, h);
    return 0;
}
