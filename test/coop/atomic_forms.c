// Every form of `#pragma mploop atomic` on shared() variables of integer
// and floating types gives the sequential result under 8 workers: update
// with each operator (+ - * / & | ^ << >>, ++ and --, x = x op e and
// x = e op x), read, write, and capture of the old and the new value
// (every captured ticket distinct), also through a pointer to memory from
// mploop_shared_alloc.  The values are chosen so that the order of the
// updates does not change the result.
//
// RUN: env MPLOOP_TEST_WORKERS="1 2 8" %exec-check %s %t
// RUN: env MPLOOP_TEST_WORKERS="8" MPLOOP_TEAM=fork %exec-check %s %t
// RUN: env MPLOOP_WORKERS=8 MPLOOP_CHECK=1 %t.par > %t.check.out 2> %t.check.err
// RUN: diff %t.expected %t.check.out
// RUN: not grep . %t.check.err
// RUN: FileCheck %s < %t.expected
//
// CHECK: add 6000 sub -6000 inc 3000 dec -3000 rev 0
// CHECK-NEXT: mul 2147483648 div 1 shl 4294967296 shr 1
// CHECK-NEXT: and 1 or 4095 xor 0
// CHECK-NEXT: double 1500.0 float 750.00 dmul 1.0
// CHECK-NEXT: write 7 read ok
// CHECK-NEXT: tickets 3000 distinct 1 new 3000 distinct 1 sum 6000
// CHECK-NEXT: pointer 3000

#include <stdio.h>
#ifdef _MPLOOP
#include <mploop.h>
#else
#include <stdlib.h>
#define mploop_shared_alloc(n) calloc(1, n)
#define mploop_shared_free free
#endif

enum { N = 3000 };
static unsigned char seen_old[N], seen_new[N + 1];

int main(void)
{
    long add = 0, sub = 0, inc = 0, dec = 0, rev = 0;
    unsigned long long mul = 1, div = 1ull << 40, shl = 1, shr = 1ull << 40;
    long band = -1, bor = 0, bxor = 0;
    double dsum = 0, dmul = 1;
    float fsum = 0;
    int flag = 0;
    long ticket = 0, next = 0, tsum = 0, last = 0;
    long *shared_mem = mploop_shared_alloc(sizeof *shared_mem);
    long v, w;

#pragma mploop for shared(add, sub, inc, dec, rev, mul, div, shl, shr, band, bor, bxor, dsum, dmul, fsum, flag, ticket, next, tsum, last) private(v, w)
    for (int i = 0; i < N; i++) {
#pragma mploop atomic
        add += 2;
#pragma mploop atomic
        sub = sub - 2;
#pragma mploop atomic
        ++inc;
#pragma mploop atomic
        dec--;
#pragma mploop atomic
        rev = 1 - rev;
        if (i < 31) {
#pragma mploop atomic
            mul *= 2;
        }
        if (i < 40) {
#pragma mploop atomic
            div /= 2;
#pragma mploop atomic
            shr >>= 1;
        }
        if (i < 32) {
#pragma mploop atomic
            shl = shl << 1;
        }
#pragma mploop atomic
        band &= 1 | (i & 0);
#pragma mploop atomic
        bor |= 1L << (i % 12);
#pragma mploop atomic
        bxor ^= i % 2 ? 5 : 0;
#pragma mploop atomic
        dsum += 0.5;
#pragma mploop atomic
        fsum = fsum + 0.25f;
#pragma mploop atomic
        dmul *= (i % 2 ? 2.0 : 0.5);
#pragma mploop atomic write
        flag = 7;
#pragma mploop atomic read
        w = last;
        if (w < 0 || w > N)
            w = -1000000;
#pragma mploop atomic
        last += w < 0 ? 1000000 : 0;
#pragma mploop atomic capture
        v = ticket++;
        seen_old[v] = 1;
#pragma mploop atomic capture
        v = ++next;
        seen_new[v] = 1;
#pragma mploop atomic capture
        w = tsum += 2;
        (void)w;
#pragma mploop atomic
        *shared_mem += 1;
    }
    int distinct_old = 1, distinct_new = 1;
    for (int k = 0; k < N; k++) {
        distinct_old &= seen_old[k];
        distinct_new &= seen_new[k + 1];
    }
    printf("add %ld sub %ld inc %ld dec %ld rev %ld\n", add, sub, inc, dec, rev);
    printf("mul %llu div %llu shl %llu shr %llu\n", mul, div, shl, shr);
    printf("and %ld or %ld xor %ld\n", band, bor, bxor);
    printf("double %.1f float %.2f dmul %.1f\n", dsum, fsum, dmul);
    printf("write %d read %s\n", flag, last == 0 ? "ok" : "bad");
    printf("tickets %ld distinct %d new %ld distinct %d sum %ld\n", ticket, distinct_old, next,
           distinct_new, tsum);
    printf("pointer %ld\n", *shared_mem);
    mploop_shared_free(shared_mem);
    return 0;
}
