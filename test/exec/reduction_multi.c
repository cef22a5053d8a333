// Several reduction variables of mixed types and sizes in one clause and
// spread over several clauses of one loop: the partials are packed one after
// the other, so a wrong offset or size mixes them up.  The exit status is
// computed from the results, and exec-check compares it too.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// RUN: FileCheck %s --check-prefix=STATUS < %t.status
// OUT: one clause: c=51 d=50.50 ld=4950.00 u=7
// OUT: two clauses: a=4950 b=-4950 f=48.00 m=99 sh=-7 bits=0xfffff
// OUT: many clauses: {{.*}} mn=-98.50 mx=99.50 any=1 all=0
// STATUS: 42

#include <stdio.h>

int main(void)
{
    int n = 100;

    char c = 1;
    double d = 0.5;
    long double ld = 0;
    unsigned char u = 7;
    // W: mploop: {{.*}}reduction_multi.c:[[@LINE+2]]: 100 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(+: c, d, ld, u)
    for (int i = 0; i < n; i++) {
        c += (char)(i % 2);
        d += 0.5;
        ld += i;
        u += 128;   /* wraps: an even count of 128s adds nothing */
    }
    printf("one clause: c=%d d=%.2f ld=%.2Lf u=%d\n", c, d, ld, u);

    long a = 0, b = 0;
    float f = 3;
    int m = -1000;
    short sh = 100;
    unsigned long long bits = 0;
    // W: mploop: {{.*}}reduction_multi.c:[[@LINE+2]]: 100 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(+: a) reduction(-: b) reduction(*: f) reduction(max: m) reduction(min: sh) reduction(|: bits)
    for (int i = 0; i < n; i++) {
        a += i;
        b -= i;
        f *= (i % 25 == 7) ? 2.0f : 1.0f;
        if (i > m)
            m = i;
        if ((short)(i % 13 - 7) < sh)
            sh = (short)(i % 13 - 7);
        bits |= 1ull << (i % 4 + (i / 25) * 4 + (i > 60 ? 4 : 0));
    }
    printf("two clauses: a=%ld b=%ld f=%.2f m=%d sh=%d bits=%#llx\n", a, b, f, m, sh, bits);

    /* The same operator in two clauses, and every kind of size at once. */
    _Bool any = 0, all = 1;
    long double mx = -1e30L;
    double mn = 1e30;
    int s1 = 0;
    long long s2 = 0;
    // W: mploop: {{.*}}reduction_multi.c:[[@LINE+2]]: 100 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(+: s1) reduction(max: mx), reduction(min: mn) reduction(||: any) reduction(&&: all) reduction(+: s2)
    for (int i = 0; i < n; i++) {
        s1 += i * 2;
        s2 += (long long)i << 33;
        if (i + 0.5L > mx)
            mx = i + 0.5L;
        if (0.5 - i < mn)
            mn = 0.5 - i;
        any = any || i == 99;
        all = all && i != 0;
    }
    printf("many clauses: s1=%d s2=%lld mn=%.2f mx=%.2Lf any=%d all=%d\n", s1, s2, mn, mx,
           any, all);
    return (int)((a + s1 + m + sh) % 50);
}
