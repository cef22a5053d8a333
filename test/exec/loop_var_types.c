// Loop variables of every integer width and signedness: char, signed char,
// unsigned char, short, unsigned short, long, long long, uint64_t, int64_t,
// size_t, including ranges at the ends of each type and 64-bit steps.  Each
// loop records which values it ran; the record must equal the sequential
// one.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SZ 600
static int seen[SZ];

static void report(const char *what, long cnt, long long sum)
{
    unsigned long h = 0;
    for (int k = 0; k < SZ; k++) {
        h = h * 31 + (unsigned)seen[k];
        seen[k] = 0;
    }
    printf("%-14s cnt=%ld sum=%lld hash=%lu\n", what, cnt, sum, h);
}

int main(void)
{
    long cnt = 0;
    long long sum = 0;

    // W: mploop: {{.*}}loop_var_types.c:[[@LINE+2]]: 100 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (char c = 10; c < 110; c++) {
        seen[c] = 100 + c;
        cnt++;
        sum += c;
    }
    report("char", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_var_types.c:[[@LINE+2]]: 85 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (signed char c = 127; c >= -127; c -= 3) {
        seen[c + 128] = 200 + c;
        cnt++;
        sum += c;
    }
    report("signed char", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_var_types.c:[[@LINE+2]]: 255 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (unsigned char c = 0; c < 255; c++) {
        seen[c] = 300 + c;
        cnt++;
        sum += c;
    }
    report("uchar up", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_var_types.c:[[@LINE+2]]: 51 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (unsigned char c = 255; c > 0; c -= 5) {
        seen[c] = 400 + c;
        cnt++;
        sum += c;
    }
    report("uchar down", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_var_types.c:[[@LINE+2]]: 61 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (short v = -30000; v <= 30000; v += 1000) {
        seen[(v + 30000) / 1000] = 500 + v / 1000;
        cnt++;
        sum += v;
    }
    report("short", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_var_types.c:[[@LINE+2]]: 34 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (unsigned short v = 65535; v != 65535 - 34 * 7; v = v - 7) {
        seen[(65535 - v) / 7] = 600 + v % 100;
        cnt++;
        sum += v;
    }
    report("ushort", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_var_types.c:[[@LINE+2]]: 100 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (long v = -5000000000L; v < 5000000000L; v += 100000000L) {
        seen[(v + 5000000000L) / 100000000L] = 700 + (int)(v / 100000000L);
        cnt++;
        sum += v;
    }
    report("long", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_var_types.c:[[@LINE+2]]: 10 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (long long v = INT64_MAX - 10; v < INT64_MAX; v++) {
        seen[INT64_MAX - v] = 800 + (int)(INT64_MAX - v);
        cnt++;
        sum += v % 1000;
    }
    report("llong max", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_var_types.c:[[@LINE+2]]: 10 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int64_t v = INT64_MIN + 20; v > INT64_MIN; v -= 2) {
        seen[v - INT64_MIN] = 900 + (int)(v - INT64_MIN);
        cnt++;
        sum += v % 1000;
    }
    report("int64 min", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_var_types.c:[[@LINE+2]]: 49 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (uint64_t v = UINT64_MAX - 99; v < UINT64_MAX - 1; v += 2) {
        seen[UINT64_MAX - v] = 1000 + (int)(UINT64_MAX - v);
        cnt++;
        sum += (long long)(v % 1000);
    }
    report("uint64 max", cnt, sum);

    /* Steps of 2^61: the iteration index times the step needs 64 bits. */
    uint64_t big = UINT64_C(1) << 61;
    cnt = sum = 0;
    // W: mploop: {{.*}}loop_var_types.c:[[@LINE+2]]: 7 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (uint64_t v = 0; v < UINT64_MAX - big; v += big) {
        seen[v / big] = 1100 + (int)(v / big);
        cnt++;
        sum += (long long)(v >> 58);
    }
    report("uint64 big", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_var_types.c:[[@LINE+2]]: 16 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int64_t v = INT64_MIN; v < INT64_MAX - (INT64_MAX >> 3); v += INT64_MAX >> 3) {
        int k = (int)(((uint64_t)v - (uint64_t)INT64_MIN) / (uint64_t)(INT64_MAX >> 3));
        seen[k] = 1200 + k;
        cnt++;
        sum += (long long)(v >> 60);
    }
    report("int64 big", cnt, sum);

    size_t len = 500;
    cnt = sum = 0;
    // W: mploop: {{.*}}loop_var_types.c:[[@LINE+2]]: 500 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (size_t z = 0; z < len; z++) {
        seen[z] = 1300 + (int)z;
        cnt++;
        sum += (long long)z;
    }
    report("size_t", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_var_types.c:[[@LINE+2]]: 50 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (size_t z = len; z > 0; z -= 10) {
        seen[z] = 1400 + (int)z;
        cnt++;
        sum += (long long)z;
    }
    report("size_t down", cnt, sum);
    return 0;
}
