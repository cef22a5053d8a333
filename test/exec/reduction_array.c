// Every reduction operator (+ - * & | ^ && || min max) over arrays of one
// element type T, given on the command line: in each loop a local
// two-dimensional array, a global array larger than MPLOOP_LARGE_MIN (the
// runtime moves it into shared memory, which workers write in place) and a
// section of a large heap block (the shared heap), reduced at once.  Each
// participant works on a private copy set to the identity, the parent
// combines the copies element by element with the values before the loop;
// elements no iteration touches keep their values.  Values are small
// integers, so floating results are exact in any order of combination.
// Bitwise operators exist only for integer types (FLOATING leaves them out).
//
// RUN: %exec-check %s %t.int -DT=int
// RUN: FileCheck %s --check-prefixes=W,WI -DN=2 --implicit-check-not=mploop: < %t.int.log.2
// RUN: FileCheck %s --check-prefixes=W,WI -DN=4 --implicit-check-not=mploop: < %t.int.log.4
// RUN: %exec-check %s %t.uchar -DT=uchar
// RUN: FileCheck %s --check-prefixes=W,WI -DN=3 --implicit-check-not=mploop: < %t.uchar.log.3
// RUN: %exec-check %s %t.llong -DT=llong
// RUN: FileCheck %s --check-prefixes=W,WI -DN=3 --implicit-check-not=mploop: < %t.llong.log.3
// RUN: %exec-check %s %t.bool -DT=_Bool
// RUN: FileCheck %s --check-prefixes=W,WI -DN=2 --implicit-check-not=mploop: < %t.bool.log.2
// RUN: %exec-check %s %t.float -DT=float -DFLOATING
// RUN: FileCheck %s --check-prefixes=W -DN=3 --implicit-check-not=mploop: < %t.float.log.3
// RUN: %exec-check %s %t.double -DT=double -DFLOATING
// RUN: FileCheck %s --check-prefixes=W -DN=4 --implicit-check-not=mploop: < %t.double.log.4
//
// The results are the sequential ones (exec-check); they are not the
// initial values (a lost reduction would go unnoticed):
// RUN: FileCheck %s --check-prefix=OUT < %t.int.expected
// OUT: T=int + local 0 25 25 0 25 25 0 25 global 14226832466203425343 heap 10291998059925458788
// OUT-NEXT: T=int - local -120 -145 -170 -120 -145 -170 -120 -145 global 8932582438250174758 heap 8684197998629105820
// OUT-NEXT: T=int * local 96 96 96 96 96 96 96 96 global 2003471651366600230 heap 9431789662958318336
// OUT-NEXT: T=int & local 1 2 4 8 16 32 64 1 global 7300089986961300712 heap 8981448416052273792
// OUT-NEXT: T=int | local 85 106 85 106 85 106 85 106 global 7232192197628211930 heap 5952343907901322034
// OUT-NEXT: T=int ^ local 33 33 35 35 37 37 39 39 global 5290724269455898529 heap 18186464447215917921
// OUT-NEXT: T=int && local 1 1 1 1 0 0 1 1 global 14554528252103433088 heap 11212049439107013376
// OUT-NEXT: T=int || local 0 0 0 1 0 0 1 0 global 4834749987754928225 heap 18408631475797271808
// OUT-NEXT: T=int min local 0 1 2 3 4 5 6 7 global 9310660305149953539 heap 7853803822618804864
// OUT-NEXT: T=int max local 46 46 45 46 46 120 46 45 global 18104512789652444140 heap 463199017555305975

#include <stdio.h>
#include <stdlib.h>

typedef unsigned char uchar;
typedef long long llong;

#ifndef T
#define T int
#endif
#define STR2(x) #x
#define STR(x) STR2(x)
#define ISBOOL _Generic((T)0, _Bool: 1, default: 0)

/* 128 KiB of T at least: above MPLOOP_LARGE_MIN (64 KiB). */
#define NG (131072 / sizeof(T) + 3)
#define NH (262144 / sizeof(T))

T g[NG];

/* The touched element of the global array and of the section. */
#define GI(i) (((unsigned long)(i) * 7919u) % NG)
#define HI(i) (lo + (long)(((unsigned long)(i) * 104729u) % (unsigned long)len))

static void show(const char *op, T l[2][4], const T *h, long lo, long len)
{
    unsigned long long gs = 0, hs = 0;
    printf("T=%s %s local", STR(T), op);
    for (int j = 0; j < 8; j++)
        printf(" %lld", (long long)l[j / 4][j % 4]);
    for (unsigned long j = 0; j < NG; j++)
        gs = gs * 31 + (unsigned long long)(long long)g[j];
    /* the whole block: the elements around the section are untouched */
    for (unsigned long j = 0; j < NH; j++)
        hs = hs * 31 + (unsigned long long)(long long)h[j];
    printf(" global %llu heap %llu\n", gs, hs);
    (void)lo;
    (void)len;
}

/* Every element of the three arrays set to v. */
static void fill(T l[2][4], T *h, T v)
{
    for (int j = 0; j < 8; j++)
        l[j / 4][j % 4] = v;
    for (unsigned long j = 0; j < NG; j++)
        g[j] = v;
    for (unsigned long j = 0; j < NH; j++)
        h[j] = v;
}

int main(void)
{
    int n = 200;
    long lo = NH / 4, len = NH / 2;
    T l[2][4];
    T *h = malloc(NH * sizeof *h);
    if (!h)
        return 1;

    fill(l, h, 0);
    // W: mploop: {{.*}}reduction_array.c:[[@LINE+2]]: 200 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(+: l, g, h[lo:len])
    for (int i = 0; i < n; i++) {
        l[i % 8 / 4][i % 4] += (T)(i % 8 % 3 != 0);
        g[GI(i)] += (T)(i % 3);
        h[HI(i)] += (T)(i % 4);
    }
    show("+", l, h, lo, len);

    /* For _Bool, `x -= v` toggles: only a single 1 per element combines
     * like the sequential program does from 0. */
    fill(l, h, ISBOOL ? 0 : 5);
    // W: mploop: {{.*}}reduction_array.c:[[@LINE+2]]: 200 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(-: l, g, h[lo:len])
    for (int i = 0; i < n; i++) {
        l[i % 8 / 4][i % 4] -= ISBOOL ? (T)(i == 13) : (T)(i % 8 % 3 + 5);
        g[GI(i)] -= ISBOOL ? (T)(i == 17) : (T)(i % 3);
        h[HI(i)] -= ISBOOL ? (T)(i == 19) : (T)(i % 4);
    }
    show("-", l, h, lo, len);

    fill(l, h, 3);
    // W: mploop: {{.*}}reduction_array.c:[[@LINE+2]]: 200 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(*: l, g, h[lo:len])
    for (int i = 0; i < n; i++) {
        l[i % 8 / 4][i % 4] *= ISBOOL ? (T)(i != 21) : (T)(i % 40 < 8 ? 2 : 1);
        g[GI(i)] *= ISBOOL ? (T)(i != 23) : (T)(i % 7 == 0 ? 2 : 1);
        h[HI(i)] *= ISBOOL ? (T)(i % 50 != 3) : (T)(i % 5 == 0 ? 3 : 1);
    }
    show("*", l, h, lo, len);

#ifndef FLOATING
    fill(l, h, ISBOOL ? 1 : (T)0x7f);
    // WI: mploop: {{.*}}reduction_array.c:[[@LINE+2]]: 200 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(&: l, g, h[lo:len])
    for (int i = 0; i < n; i++) {
        l[i % 8 / 4][i % 4] &= ISBOOL ? (T)(i != 30) : (T)(i < 8 ? 1 << (i % 7) : 0x7f);
        g[GI(i)] &= ISBOOL ? (T)(i != 31) : (T)~(1 << (i % 7));
        h[HI(i)] &= ISBOOL ? (T)(i % 20 != 1) : (T)~(1 << (i % 5));
    }
    show("&", l, h, lo, len);

    fill(l, h, ISBOOL ? 0 : 0x40);
    // WI: mploop: {{.*}}reduction_array.c:[[@LINE+2]]: 200 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(|: l, g, h[lo:len])
    for (int i = 0; i < n; i++) {
        l[i % 8 / 4][i % 4] |= ISBOOL ? (T)(i == 33) : (T)(1 << (i % 6));
        g[GI(i)] |= ISBOOL ? (T)(i % 3 == 0) : (T)(1 << (i % 5));
        h[HI(i)] |= (T)(i % 4 == 1);
    }
    show("|", l, h, lo, len);

    fill(l, h, ISBOOL ? 1 : 0x20);
    // WI: mploop: {{.*}}reduction_array.c:[[@LINE+2]]: 200 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(^: l, g, h[lo:len])
    for (int i = 0; i < n; i++) {
        l[i % 8 / 4][i % 4] ^= (T)((i & 0x1f) | 1);
        g[GI(i)] ^= (T)(i % 7 == 0);
        h[HI(i)] ^= (T)(i % 3);
    }
    show("^", l, h, lo, len);
#endif

    fill(l, h, 1);
    // W: mploop: {{.*}}reduction_array.c:[[@LINE+2]]: 200 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(&&: l, g, h[lo:len])
    for (int i = 0; i < n; i++) {
        l[i % 8 / 4][i % 4] = l[i % 8 / 4][i % 4] && (T)(i != 45 && i != 100);
        g[GI(i)] = g[GI(i)] && (T)(i % 11 != 0);
        h[HI(i)] = h[HI(i)] && (T)(i % 13 != 0);
    }
    show("&&", l, h, lo, len);

    fill(l, h, 0);
    // W: mploop: {{.*}}reduction_array.c:[[@LINE+2]]: 200 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(||: l, g, h[lo:len])
    for (int i = 0; i < n; i++) {
        l[i % 8 / 4][i % 4] = l[i % 8 / 4][i % 4] || (T)(i == 150 || i == 3);
        g[GI(i)] = g[GI(i)] || (T)(i % 11 == 0);
        h[HI(i)] = h[HI(i)] || (T)(i % 13 == 0);
    }
    show("||", l, h, lo, len);

    /* min and max: the elements before the loop take part; some are below
     * (above) every value an iteration offers and must survive. */
    fill(l, h, 50);
    for (int j = 0; j < 8; j++)
        l[j / 4][j % 4] = (T)j;
    g[GI(5)] = 1;
    h[HI(7)] = 1;
    // W: mploop: {{.*}}reduction_array.c:[[@LINE+2]]: 200 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(min: l, g, h[lo:len])
    for (int i = 0; i < n; i++) {
        T v = (T)(i % 37 + 10);
        if (v < l[i % 8 / 4][i % 4])
            l[i % 8 / 4][i % 4] = v;
        g[GI(i)] = v < g[GI(i)] ? v : g[GI(i)];
        if ((T)(i % 23 + 2) < h[HI(i)])
            h[HI(i)] = (T)(i % 23 + 2);
    }
    show("min", l, h, lo, len);

    fill(l, h, 0);
    l[1][1] = 120;
    g[GI(5)] = 120;
    h[HI(7)] = 120;
    // W: mploop: {{.*}}reduction_array.c:[[@LINE+2]]: 200 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(max: l, g, h[lo:len])
    for (int i = 0; i < n; i++) {
        T v = (T)(i % 37 + 10);
        if (v > l[i % 8 / 4][i % 4])
            l[i % 8 / 4][i % 4] = v;
        g[GI(i)] = v > g[GI(i)] ? v : g[GI(i)];
        if ((T)(i % 23 + 2) > h[HI(i)])
            h[HI(i)] = (T)(i % 23 + 2);
    }
    show("max", l, h, lo, len);
    free(h);
    return 0;
}
