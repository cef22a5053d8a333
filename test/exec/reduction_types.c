// Every reduction operator (+ - * & | ^ && || min max) over one arithmetic
// type T, given on the command line; the RUN lines build the program once per
// type.  Values are small integers, so floating sums and products are exact
// and the order in which partials are combined cannot change the result.
// Bitwise operators exist only for integer types (FLOATING leaves them out).
//
// RUN: %exec-check %s %t.char -DT=char
// RUN: FileCheck %s --check-prefixes=W,WI -DN=2 --implicit-check-not=mploop: < %t.char.log.2
// RUN: FileCheck %s --check-prefixes=W,WI -DN=4 --implicit-check-not=mploop: < %t.char.log.4
// RUN: %exec-check %s %t.schar -DT=schar
// RUN: FileCheck %s --check-prefixes=W,WI -DN=3 --implicit-check-not=mploop: < %t.schar.log.3
// RUN: %exec-check %s %t.uchar -DT=uchar
// RUN: FileCheck %s --check-prefixes=W,WI -DN=3 --implicit-check-not=mploop: < %t.uchar.log.3
// RUN: %exec-check %s %t.short -DT=short
// RUN: FileCheck %s --check-prefixes=W,WI -DN=3 --implicit-check-not=mploop: < %t.short.log.3
// RUN: %exec-check %s %t.ushort -DT=ushort
// RUN: FileCheck %s --check-prefixes=W,WI -DN=3 --implicit-check-not=mploop: < %t.ushort.log.3
// RUN: %exec-check %s %t.int -DT=int
// RUN: FileCheck %s --check-prefixes=W,WI -DN=2 --implicit-check-not=mploop: < %t.int.log.2
// RUN: FileCheck %s --check-prefixes=W,WI -DN=3 --implicit-check-not=mploop: < %t.int.log.3
// RUN: FileCheck %s --check-prefixes=W,WI -DN=4 --implicit-check-not=mploop: < %t.int.log.4
// RUN: FileCheck %s --check-prefixes=ONE,ONEI --implicit-check-not=mploop: < %t.int.log.1
// RUN: %exec-check %s %t.uint -DT=uint
// RUN: FileCheck %s --check-prefixes=W,WI -DN=3 --implicit-check-not=mploop: < %t.uint.log.3
// RUN: %exec-check %s %t.long -DT=long
// RUN: FileCheck %s --check-prefixes=W,WI -DN=3 --implicit-check-not=mploop: < %t.long.log.3
// RUN: %exec-check %s %t.ulong -DT=ulong
// RUN: FileCheck %s --check-prefixes=W,WI -DN=3 --implicit-check-not=mploop: < %t.ulong.log.3
// RUN: %exec-check %s %t.llong -DT=llong
// RUN: FileCheck %s --check-prefixes=W,WI -DN=3 --implicit-check-not=mploop: < %t.llong.log.3
// RUN: %exec-check %s %t.ullong -DT=ullong
// RUN: FileCheck %s --check-prefixes=W,WI -DN=3 --implicit-check-not=mploop: < %t.ullong.log.3
// RUN: %exec-check %s %t.bool -DT=_Bool
// RUN: FileCheck %s --check-prefixes=W,WI -DN=2 --implicit-check-not=mploop: < %t.bool.log.2
// RUN: FileCheck %s --check-prefixes=W,WI -DN=3 --implicit-check-not=mploop: < %t.bool.log.3
// RUN: %exec-check %s %t.float -DT=float -DFLOATING
// RUN: FileCheck %s --check-prefixes=W -DN=3 --implicit-check-not=mploop: < %t.float.log.3
// RUN: %exec-check %s %t.double -DT=double -DFLOATING
// RUN: FileCheck %s --check-prefixes=W -DN=2 --implicit-check-not=mploop: < %t.double.log.2
// RUN: FileCheck %s --check-prefixes=W -DN=3 --implicit-check-not=mploop: < %t.double.log.3
// RUN: %exec-check %s %t.ldouble -DT=ldouble -DFLOATING
// RUN: FileCheck %s --check-prefixes=W -DN=3 --implicit-check-not=mploop: < %t.ldouble.log.3
// RUN: FileCheck %s --check-prefixes=W -DN=4 --implicit-check-not=mploop: < %t.ldouble.log.4
//
// The printed results must be the sequential ones (exec-check), and they
// must not all be the initial values (a lost reduction would go unnoticed):
// RUN: FileCheck %s --check-prefix=OUT < %t.int.expected
// OUT: T=int + 44.0
// OUT: T=int - 61.0
// OUT: T=int * 48.0
// OUT: T=int & 108.0
// OUT: T=int | 69.0
// OUT: T=int ^ 33.0
// OUT: T=int && 1.0 0.0
// OUT: T=int || 0.0 1.0
// OUT: T=int min -30.0 7.0
// OUT: T=int max 77.0 20.0

#include <stdio.h>

typedef signed char schar;
typedef unsigned char uchar;
typedef unsigned short ushort;
typedef unsigned int uint;
typedef unsigned long ulong;
typedef long long llong;
typedef unsigned long long ullong;
typedef long double ldouble;

#ifndef T
#define T int
#endif
#define STR2(x) #x
#define STR(x) STR2(x)
#define ISBOOL _Generic((T)0, _Bool: 1, default: 0)

static void show(const char *op, T x)
{
    printf("T=%s %s %.1Lf\n", STR(T), op, (long double)x);
}

static void show2(const char *op, T x, T y)
{
    printf("T=%s %s %.1Lf %.1Lf\n", STR(T), op, (long double)x, (long double)y);
}

int main(void)
{
    int n = 40;

    T r_add = 5;
    // W: mploop: {{.*}}reduction_types.c:[[@LINE+3]]: 40 iterations on [[N]] workers, schedule auto
    // ONE: mploop: {{.*}}reduction_types.c:[[@LINE+2]]: 40 iterations in-process (one worker)
#pragma mploop for reduction(+: r_add)
    for (int i = 0; i < n; i++)
        r_add += (T)(i % 3);
    show("+", r_add);

    /* For _Bool, `x -= v` toggles; only a single 1 combines like the
     * sequential program does from 0. */
    T r_sub = ISBOOL ? 0 : 100;
    // W: mploop: {{.*}}reduction_types.c:[[@LINE+3]]: 40 iterations on [[N]] workers, schedule auto
    // ONE: mploop: {{.*}}reduction_types.c:[[@LINE+2]]: 40 iterations in-process (one worker)
#pragma mploop for reduction(-: r_sub)
    for (int i = 0; i < n; i++)
        r_sub -= ISBOOL ? (T)(i == 29) : (T)(i % 3);
    show("-", r_sub);

    T r_mul = 3;
    // W: mploop: {{.*}}reduction_types.c:[[@LINE+3]]: 40 iterations on [[N]] workers, schedule auto
    // ONE: mploop: {{.*}}reduction_types.c:[[@LINE+2]]: 40 iterations in-process (one worker)
#pragma mploop for reduction(*: r_mul)
    for (int i = 0; i < n; i++)
        r_mul *= ISBOOL ? (T)(i != 23) : (T)(i % 10 == 3 ? 2 : 1);
    show("*", r_mul);

#ifndef FLOATING
    T r_and = ISBOOL ? 1 : (T)0x7e;
    // WI: mploop: {{.*}}reduction_types.c:[[@LINE+3]]: 40 iterations on [[N]] workers, schedule auto
    // ONEI: mploop: {{.*}}reduction_types.c:[[@LINE+2]]: 40 iterations in-process (one worker)
#pragma mploop for reduction(&: r_and)
    for (int i = 0; i < n; i++)
        r_and &= ISBOOL ? (T)(i != 30) : (T)~(i == 7 ? 0x10 : i == 30 ? 0x02 : 0);
    show("&", r_and);

    T r_or = ISBOOL ? 0 : 0x40;
    // WI: mploop: {{.*}}reduction_types.c:[[@LINE+3]]: 40 iterations on [[N]] workers, schedule auto
    // ONEI: mploop: {{.*}}reduction_types.c:[[@LINE+2]]: 40 iterations in-process (one worker)
#pragma mploop for reduction(|: r_or)
    for (int i = 0; i < n; i++)
        r_or |= ISBOOL ? (T)(i == 33) : (T)(i == 5 ? 1 : i == 33 ? 4 : 0);
    show("|", r_or);

    T r_xor = ISBOOL ? 1 : 0x20;
    // WI: mploop: {{.*}}reduction_types.c:[[@LINE+3]]: 40 iterations on [[N]] workers, schedule auto
    // ONEI: mploop: {{.*}}reduction_types.c:[[@LINE+2]]: 40 iterations in-process (one worker)
#pragma mploop for reduction(^: r_xor)
    for (int i = 0; i < n; i++)
        r_xor ^= (T)(i % 8 == 0 ? (i & 0x1f) | 1 : 0);
    show("^", r_xor);
#endif

    T r_land1 = 1, r_land0 = 1;
    // W: mploop: {{.*}}reduction_types.c:[[@LINE+3]]: 40 iterations on [[N]] workers, schedule auto
    // ONE: mploop: {{.*}}reduction_types.c:[[@LINE+2]]: 40 iterations in-process (one worker)
#pragma mploop for reduction(&&: r_land1, r_land0)
    for (int i = 0; i < n; i++) {
        r_land1 = r_land1 && (T)(i + 1);
        r_land0 = r_land0 && (T)(i != 25);
    }
    show2("&&", r_land1, r_land0);

    T r_lor0 = 0, r_lor1 = 0;
    // W: mploop: {{.*}}reduction_types.c:[[@LINE+3]]: 40 iterations on [[N]] workers, schedule auto
    // ONE: mploop: {{.*}}reduction_types.c:[[@LINE+2]]: 40 iterations in-process (one worker)
#pragma mploop for reduction(||: r_lor0, r_lor1)
    for (int i = 0; i < n; i++) {
        r_lor0 = r_lor0 || (T)(i > 100);
        r_lor1 = r_lor1 || (T)(i == 38);
    }
    show2("||", r_lor0, r_lor1);

    /* r_min's minimum comes from an iteration; r_min_keep's initial value is
     * below every value, so it must survive. */
    T r_min = (T)50, r_min_keep = (T)7;
    // W: mploop: {{.*}}reduction_types.c:[[@LINE+3]]: 40 iterations on [[N]] workers, schedule auto
    // ONE: mploop: {{.*}}reduction_types.c:[[@LINE+2]]: 40 iterations in-process (one worker)
#pragma mploop for reduction(min: r_min, r_min_keep)
    for (int i = 0; i < n; i++) {
        T v = (T)(i - 30), w = (T)(i % 5 + 10);
        if (v < r_min)
            r_min = v;
        r_min_keep = w < r_min_keep ? w : r_min_keep;
    }
    show2("min", r_min, r_min_keep);

    T r_max = (T)0, r_max_keep = (T)20;
    // W: mploop: {{.*}}reduction_types.c:[[@LINE+3]]: 40 iterations on [[N]] workers, schedule auto
    // ONE: mploop: {{.*}}reduction_types.c:[[@LINE+2]]: 40 iterations in-process (one worker)
#pragma mploop for reduction(max: r_max, r_max_keep)
    for (int i = 0; i < n; i++) {
        T v = (T)(i * 3 - 40), w = (T)(i % 5 + 10);
        if (v > r_max)
            r_max = v;
        r_max_keep = w > r_max_keep ? w : r_max_keep;
    }
    show2("max", r_max, r_max_keep);
    return 0;
}
