// Reductions declared with `#pragma mploop declare reduction`: a minimum
// with its index on a struct (scalar and array; initializer with a braced
// list), a sum of complex numbers (no initializer: the private copies
// start zeroed), an initializer that calls a function with &omp_priv and
// reads omp_orig, a typedef and a builtin type written another way, and a
// block-scope declaration that hides the file-scope one of the same name.
// The results are the sequential ones (exec-check runs 1..4 workers).
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// OUT: minloc -500 at 0
// OUT-NEXT: per class: -500 at 0, -498 at 898, -1000 at -7
// OUT-NEXT: sum 1.5+0.5i + 499500-2997i
// OUT-NEXT: by class: 250+124500i 250+124750i 250+125000i 251+125253i
// OUT-NEXT: bits 0xffff0f0f masked 0x1f
// OUT-NEXT: longest 999 shadowed 48

#include <limits.h>
#include <stdio.h>

struct minloc {
    int val, idx;
};
typedef struct {
    double re, im;
} cplx;
typedef unsigned int word;

#pragma mploop declare reduction(minloc : struct minloc : \
    omp_out = omp_in.val < omp_out.val || \
              (omp_in.val == omp_out.val && omp_in.idx < omp_out.idx) ? omp_in : omp_out) \
    initializer(omp_priv = { INT_MAX, INT_MAX })
#pragma mploop declare reduction(csum : cplx : omp_out.re += omp_in.re, omp_out.im += omp_in.im)

/* The identity of `band` keeps the bits of the original outside the mask. */
static void all_ones(word *priv, const word *orig)
{
    *priv = ~0u | *orig;
}
#pragma mploop declare reduction(band : word : omp_out &= omp_in) initializer(all_ones(&omp_priv, &omp_orig))
#pragma mploop declare reduction(longest : unsigned : omp_out = omp_in > omp_out ? omp_in : omp_out) \
    initializer(omp_priv = 0)

int main(void)
{
    int n = 1000;
    struct minloc m = { INT_MAX, INT_MAX };
    struct minloc per[3] = { { 100, -5 }, { INT_MAX, -1 }, { -1000, -7 } };
    // W: mploop: {{.*}}reduction_declare.c:[[@LINE+2]]: 1000 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(minloc: m, per)
    for (int i = 0; i < n; i++) {
        int v = (i * 7919) % 1013 - 500;
        if (v < m.val || (v == m.val && i < m.idx)) {
            m.val = v;
            m.idx = i;
        }
        if (v < per[i % 3].val) {
            per[i % 3].val = v;
            per[i % 3].idx = i;
        }
    }
    printf("minloc %d at %d\n", m.val, m.idx);
    printf("per class: %d at %d, %d at %d, %d at %d\n", per[0].val, per[0].idx, per[1].val,
           per[1].idx, per[2].val, per[2].idx);

    cplx z = { 1.5, 0.5 }, s = { 0, 0 };
    cplx by[4] = { { 0, 0 }, { 0, 0 }, { 0, 0 }, { 1, 3 } };
    // W: mploop: {{.*}}reduction_declare.c:[[@LINE+2]]: 1000 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(csum: s, by)
    for (int i = 0; i < n; i++) {
        s.re += i;
        s.im -= i % 7;
        by[i % 4].re += 1;
        by[i % 4].im += i;
    }
    printf("sum %g%+gi + %g%+gi\n", z.re, z.im, s.re, s.im);
    printf("by class:");
    for (int j = 0; j < 4; j++)
        printf(" %g%+gi", by[j].re, by[j].im);
    printf("\n");

    word bits = 0xffff0fffu, masked[1] = { 0xff };
    // W: mploop: {{.*}}reduction_declare.c:[[@LINE+2]]: 100 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(band: bits, masked)
    for (int i = 0; i < 100; i++) {
        if (i == 42)
            bits &= ~0xf0u;
        masked[0] &= i == 77 ? 0x3fu : ~0xe0u;
    }
    printf("bits %#x masked %#x\n", bits, masked[0]);

    unsigned longest = 3, shadowed = 3;
    // W: mploop: {{.*}}reduction_declare.c:[[@LINE+2]]: 1000 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(longest: longest)
    for (int i = 0; i < n; i++)
        longest = (unsigned)i > longest ? (unsigned)i : longest;
    {
        /* here `longest` is the sum of the lengths, starting from 0 */
#pragma mploop declare reduction(longest : unsigned int : omp_out += omp_in)
        // W: mploop: {{.*}}reduction_declare.c:[[@LINE+2]]: 10 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(longest: shadowed)
        for (int i = 0; i < 10; i++)
            shadowed += (unsigned)i;
    }
    printf("longest %u shadowed %u\n", longest, shadowed);
    return 0;
}
