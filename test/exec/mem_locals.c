// Writes to the arrays and structs of the enclosing function reach the
// parent, at -O0 and at -O2.  Values computed before the loop and used after
// it (possibly kept in the enclosing frame) keep their values, and a pointer
// to a local taken before the loop still works in the body.
//
// RUN: %exec-check %s %t.O2
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.O2.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.O2.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.O2.log.4
// RUN: %exec-check %s %t.O0 -O0
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.O0.log.3

#include <stdio.h>
#include <string.h>

struct rec { int id; double score; char label[12]; };

static unsigned long mix(unsigned long h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t k = 0; k < n; k++)
        h = h * 131 + b[k];
    return h;
}

static __attribute__((noinline)) long before_value(int x)
{
    return (long)x * x * 7 + 3;
}

int main(int argc, char **argv)
{
    (void)argv;
    int n = 1000 + argc - 1;
    long live = before_value(n);          /* used after the loop */
    double live_d = n / 8.0;
    int ints[1000];
    unsigned char small[37];
    struct rec recs[40];
    struct { int a[3]; long b; } pair = { { 1, 2, 3 }, 4 };
    int *alias = ints + 500;

    memset(ints, 0, sizeof ints);
    memset(small, 0xee, sizeof small);
    memset(recs, 0, sizeof recs);

    // W: mploop: {{.*}}mem_locals.c:[[@LINE+2]]: 1000 iterations on [[N]] workers, schedule auto
#pragma mploop for
    for (int i = 0; i < n; i++) {
        ints[i] = i * i - 3;
        if (i < 37)
            small[i] = (unsigned char)(i + 1);
        if (i < 40) {
            recs[i].id = i;
            recs[i].score = i * 0.5;
            snprintf(recs[i].label, sizeof recs[i].label, "rec-%d", i);
        }
        if (i == 999) {
            pair.a[1] = -20;
            pair.b = 99;
        }
    }

    // W: mploop: {{.*}}mem_locals.c:[[@LINE+2]]: 500 iterations on [[N]] workers, schedule dynamic,9
#pragma mploop for schedule(dynamic, 9)
    for (int i = 0; i < 500; i++)
        alias[i] += 1000000;

    unsigned long h = 0;
    h = mix(h, ints, sizeof ints);
    h = mix(h, small, sizeof small);
    for (int k = 0; k < 40; k++) {
        h = mix(h, &recs[k].id, sizeof recs[k].id);
        h = mix(h, &recs[k].score, sizeof recs[k].score);
        h = mix(h, recs[k].label, strlen(recs[k].label));
    }
    printf("ints[0]=%d ints[999]=%d small[36]=%d recs[39]=%s pair=%d,%d,%d,%ld\n", ints[0],
           ints[999], small[36], recs[39].label, pair.a[0], pair.a[1], pair.a[2], pair.b);
    printf("hash=%lu\n", h);
    printf("live=%ld live_d=%.3f n=%d\n", live, live_d, n);
    return 0;
}
