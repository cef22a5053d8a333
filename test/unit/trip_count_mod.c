// mploop_trip_count_mod (mploop/abi.h) against the loop itself: for every first
// value, bound and step of an 8-bit unsigned variable, and for samples of
// 16-, 32- and 64-bit ones, the count it gives is the number of iterations
// `for (v = lb; v != ub; v += step)` runs, and a loop that never ends is
// MPLOOP_TRIP_NE_UNREACHED (or ZERO_STEP); a bound outside the variable's
// range is unreachable.
//
// RUN: %cc -O2 -I%mploop-src/include %s -o %t && %t | FileCheck %s
// CHECK: 8-bit: 16777216 cases, 0 wrong
// CHECK: wide: {{[0-9]+}} cases, 0 wrong
// CHECK: out of range: ok

#include <stdint.h>
#include <stdio.h>

#include "mploop/abi.h"

/* The loop's own count, walking at most 2^bits steps; -1 when it never ends. */
static long long walk(uint64_t lb, uint64_t ub, uint64_t step, int bits)
{
    uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1, v = lb & mask;
    for (uint64_t k = 0; k < (1ull << 20) && (bits == 64 || k <= mask); k++) {
        if (v == (ub & mask))
            return (long long)k;
        v = (v + step) & mask;
    }
    return -1;
}

static int check(uint64_t lb, uint64_t ub, int64_t step, int bits, long long expect)
{
    mploop_u64 trip;
    int st = mploop_trip_count_mod((mploop_wide)lb, (mploop_wide)ub, (mploop_wide)step, bits, 1,
                                   lb != ub, &trip);
    if (expect < 0)
        return st == MPLOOP_TRIP_OK;
    return st != MPLOOP_TRIP_OK || (long long)trip != expect;
}

int main(void)
{
    long wrong = 0, cases = 0;
    for (unsigned lb = 0; lb < 256; lb++)
        for (unsigned ub = 0; ub < 256; ub++)
            for (int step = -128; step < 128; step++) {
                wrong += check(lb, ub, step, 8, walk(lb, ub, (uint64_t)(int64_t)step, 8));
                cases++;
            }
    printf("8-bit: %ld cases, %ld wrong\n", cases, wrong);

    wrong = cases = 0;
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < 20000; i++) {
        static const int widths[3] = { 16, 32, 64 };
        int bits = widths[i % 3];
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
        uint64_t lb = x & mask;
        int64_t step = (int64_t)(x >> 40) % 9 - 4;
        uint64_t k = (x >> 20) % 5000;
        uint64_t ub = (lb + k * (uint64_t)step) & mask;  /* reachable in k steps */
        if (step == 0)
            continue;
        wrong += check(lb, ub, step, bits, walk(lb, ub, (uint64_t)step, bits));
        cases++;
    }
    printf("wide: %ld cases, %ld wrong\n", cases, wrong);

    mploop_u64 trip;
    int st = mploop_trip_count_mod(250, 300, 1, 8, 0, 1, &trip);
    printf("out of range: %s\n", st == MPLOOP_TRIP_NE_UNREACHED ? "ok" : "WRONG");
    return 0;
}
