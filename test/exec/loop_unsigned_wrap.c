// Unsigned loop variables whose != test is reached by wrapping around, and
// steps of unsigned type subtracted from the variable.
//
// `for (unsigned char c = 250; c != 4; c++)` ends after 10 iterations in C:
// c steps modulo 256 and reaches 4.  The same holds for every unsigned width
// and for down-counting loops, and for a bound that C converts to the
// variable's type (`u != -1` compares with UINT_MAX), and for steps that
// wrap the variable around several times before it meets the bound.  `i -= stride` with an
// `unsigned stride` steps down by stride even though -(stride) is a large
// unsigned number.  Each loop records the values it ran and the final value
// of its variable; the record must equal the sequential one.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: FileCheck %s --check-prefix=OUT < %t.out.3

#include <stdint.h>
#include <stdio.h>

#define SZ 1000
static int seen[SZ];

static void report(const char *what, unsigned long long last, long cnt)
{
    unsigned long h = 0;
    for (int k = 0; k < SZ; k++) {
        h = h * 31 + (unsigned)seen[k];
        seen[k] = 0;
    }
    printf("%-14s last=%llu cnt=%ld hash=%lu\n", what, last, cnt, h);
}

int main(void)
{
    unsigned char uc;
    unsigned short us;
    unsigned u;
    uint64_t q;
    unsigned stride = 3;
    unsigned char ustep = 4;
    int i;
    long l, cnt = 0;

    // W: mploop: {{.*}}loop_unsigned_wrap.c:[[@LINE+2]]: 10 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt)
    for (uc = 250; uc != 4; uc++) {
        seen[(uint8_t)(uc - 250)] = 100 + uc;
        cnt++;
    }
    // OUT: uchar-up last=4 cnt=10
    report("uchar-up", uc, cnt);

    cnt = 0;
    // W: mploop: {{.*}}loop_unsigned_wrap.c:[[@LINE+2]]: 9 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt)
    for (uc = 3; 250 != uc; --uc) {
        seen[(uint8_t)(3 - uc)] = 100 + uc;
        cnt++;
    }
    // OUT: uchar-down last=250 cnt=9
    report("uchar-down", uc, cnt);

    cnt = 0;
    // W: mploop: {{.*}}loop_unsigned_wrap.c:[[@LINE+2]]: 8 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt)
    for (us = 65530; us != 10; us += 2) {
        seen[(uint16_t)(us - 65530)] = us;
        cnt++;
    }
    // OUT: ushort-step2 last=10 cnt=8
    report("ushort-step2", us, cnt);

    cnt = 0;
    // W: mploop: {{.*}}loop_unsigned_wrap.c:[[@LINE+2]]: 11 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt)
    for (u = 4294967290u; u != 5; u++) {
        seen[u - 4294967290u] = (int)(u % 1000);
        cnt++;
    }
    // OUT: uint-up last=5 cnt=11
    report("uint-up", u, cnt);

    cnt = 0;
    // W: mploop: {{.*}}loop_unsigned_wrap.c:[[@LINE+2]]: 13 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt)
    for (q = UINT64_MAX - 5; q != 7; q += 1) {
        seen[(uint64_t)(q - (UINT64_MAX - 5))] = (int)(q % 1000);
        cnt++;
    }
    // OUT: u64-up last=7 cnt=13
    report("u64-up", q, cnt);

    cnt = 0;
    // W: mploop: {{.*}}loop_unsigned_wrap.c:[[@LINE+2]]: 5 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt)
    for (uint32_t v = 2; v != (uint32_t)-3; v--) {
        seen[(uint32_t)(2 - v)] = (int)(v % 1000);
        cnt++;
    }
    // OUT: u32-down last=0 cnt=5
    report("u32-down", 0, cnt);

    cnt = 0;
    // W: mploop: {{.*}}loop_unsigned_wrap.c:[[@LINE+2]]: 8 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt)
    for (u = 7; u != -1; u -= 1) {
        seen[7 - u] = (int)u + 1;
        cnt++;
    }
    // OUT: uint-ne-minus1 last=4294967295 cnt=8
    report("uint-ne-minus1", u, cnt);

    cnt = 0;
    // W: mploop: {{.*}}loop_unsigned_wrap.c:[[@LINE+2]]: 10 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt)
    for (uc = 0; uc != 40; uc += 4) {
        seen[uc] = uc + 1;
        cnt++;
    }
    // OUT: uchar-no-wrap last=40 cnt=10
    report("uchar-no-wrap", uc, cnt);

    cnt = 0;
    // W: mploop: {{.*}}loop_unsigned_wrap.c:[[@LINE+2]]: 301 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt)
    for (i = 900; i >= 0; i -= stride) {
        seen[i] = i + 1;
        cnt++;
    }
    // OUT: int-minus-uint last=18446744073709551613 cnt=301
    report("int-minus-uint", (unsigned long long)(long long)i, cnt);

    cnt = 0;
    // W: mploop: {{.*}}loop_unsigned_wrap.c:[[@LINE+2]]: 300 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt)
    for (l = 900; l > 0; l = l - stride) {
        seen[l] = (int)l + 1;
        cnt++;
    }
    // OUT: long-minus-uint last=0 cnt=300
    report("long-minus-uint", (unsigned long long)l, cnt);

    cnt = 0;
    // W: mploop: {{.*}}loop_unsigned_wrap.c:[[@LINE+2]]: 225 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt)
    for (i = 900; i > 0; i -= ustep) {
        seen[i] = i + 1;
        cnt++;
    }
    // OUT: int-minus-uchar last=0 cnt=225
    report("int-minus-uchar", (unsigned long long)i, cnt);

    cnt = 0;
    // Several wraps: 0, 3, ..., 255, 2, 5, ..., 254, 1 (171 values).
    // W: mploop: {{.*}}loop_unsigned_wrap.c:[[@LINE+2]]: 171 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt)
    for (uc = 0; uc != 1; uc += 3) {
        seen[uc] = uc + 1;
        cnt++;
    }
    // OUT: uchar-wraps last=1 cnt=171
    report("uchar-wraps", uc, cnt);

    cnt = 0;
    // W: mploop: {{.*}}loop_unsigned_wrap.c:[[@LINE+2]]: 43693 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt)
    for (us = 11; us != 4; us -= 3) {
        if (us < SZ)
            seen[us] = us + 2;
        cnt++;
    }
    // OUT: ushort-wraps last=4 cnt=43693
    report("ushort-wraps", us, cnt);
    return 0;
}
