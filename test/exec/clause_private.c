// private(list): each iteration uses its own copy of the listed variables.
// The body writes them freely before reading them; the work they carry ends
// up in arrays the parent prints.  Their values after the loop are not
// printed: OpenMP leaves them unspecified, the sequential program has the
// last iteration's.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=ONE --implicit-check-not=mploop: < %t.log.1

#include <stdio.h>

static unsigned long checksum(const int *a, int n)
{
    unsigned long h = 0;
    for (int k = 0; k < n; k++)
        h = h * 31 + (unsigned)a[k];
    return h;
}

int main(void)
{
    enum { n = 300 };
    int out[n], out2[n];
    int t = 7;
    double tmp = 0.25;
    long long acc = 1;
    for (int k = 0; k < n; k++)
        out[k] = out2[k] = -1;

    // W: mploop: {{.*}}clause_private.c:[[@LINE+3]]: 300 iterations on [[N]] workers, schedule auto
    // ONE: mploop: {{.*}}clause_private.c:[[@LINE+2]]: 300 iterations in-process (one worker)
#pragma mploop for private(t, tmp)
    for (int i = 0; i < n; i++) {
        t = i * 3;
        tmp = t / 2.0;
        out[i] = t + (int)tmp;
    }
    printf("out: %d %d %d checksum %lu\n", out[0], out[150], out[299], checksum(out, n));

    /* A private accumulator reset at the top of every iteration, used by an
     * inner loop, next to a private that is only read after being set. */
    // W: mploop: {{.*}}clause_private.c:[[@LINE+3]]: 300 iterations on [[N]] workers, schedule dynamic,7
    // ONE: mploop: {{.*}}clause_private.c:[[@LINE+2]]: 300 iterations in-process (one worker)
#pragma mploop for private(acc) private(t) schedule(dynamic, 7)
    for (int i = 0; i < n; i++) {
        acc = 0;
        for (int k = 0; k <= i; k++)
            acc += k % 7;
        t = (int)(acc % 1000);
        out2[i] = t;
    }
    printf("out2: %d %d %d checksum %lu\n", out2[0], out2[150], out2[299], checksum(out2, n));
    return 0;
}
