// A data race on an array of the enclosing function, the usual shape of
// scratch space that every iteration fills: the report names the local, and
// the note says that 'private' or a declaration inside the body makes it
// per iteration (not a reduction: a reduction holds no arrays).  A race on
// other memory (a global array, a local struct) keeps the general note.
// With 'private(tmp)' (built with -DFIXED), as the note and the rewriter's
// warning suggest, the same loop gives the sequential result.
//
// RUN: %mploop-cc -O2 %s -o %t 2>&1 | FileCheck %s --check-prefix=BUILD
// RUN: %mploop-cc -O2 -DFIXED %s -o %t.fixed 2>&1 | FileCheck %s --check-prefix=FIXED
// RUN: env MPLOOP_WORKERS=2 not %t array 2>&1 | FileCheck %s --check-prefix=ARRAY
// RUN: env MPLOOP_WORKERS=2 not %t vla 2>&1 | FileCheck %s --check-prefix=VLA
// RUN: env MPLOOP_WORKERS=2 not %t global 2>&1 | FileCheck %s --check-prefix=OTHER
// RUN: env MPLOOP_WORKERS=2 not %t struct 2>&1 | FileCheck %s --check-prefix=OTHER
// RUN: env MPLOOP_WORKERS=2 %t.fixed array 2>&1 | FileCheck %s --check-prefix=PRIVATE --implicit-check-not=mploop:
// OTHER: data race
// OTHER-NEXT: mploop: note: iterations of a parallel loop must not write the same memory; use a reduction clause for accumulators, or make the writes disjoint
// PRIVATE: private: 1
// FIXED-NOT: array 'tmp'
// FIXED: warning: array 'vla'

#include <stdio.h>
#include <string.h>

enum { N = 100, W = 8 };

double g_tmp[W];
struct pair { double lo, hi; };

/* What row i sums to, computed sequentially. */
static double expected(int i)
{
    double s = 0;
    for (int k = 0; k < W; k++)
        s += (double)(i * W + k) * (k + 1);
    return s;
}

static volatile int zero; /* hides the dependence from the rewriter's tests */
int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    double out[N];
    double tmp[W];
    int w = W + (argc > 5);
    double vla[w];
    struct pair pr = { 0, 0 };
    if (!strcmp(mode, "array")) {
#ifdef FIXED
#pragma mploop for private(tmp)
#else
#pragma mploop for
#endif
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < W; k++)
                tmp[k] = (double)(i * W + k);
// BUILD: race_scratch.c:[[@LINE-1]]:17: warning: array 'tmp' {{.*}} [-Wmploop-scratch]
            double s = 0;
            for (int k = 0; k < W; k++)
                s += tmp[k] * (k + 1);
            out[i] = s;
        }
        // ARRAY: mploop: error: {{.*}}race_scratch.c:[[@LINE-9]]: data race: workers wrote different values to address 0x{{[0-9a-f]+}}, local 'tmp' of the enclosing function at 0x{{[0-9a-f]+}} (byte {{[0-9]+}} of 64)
        // ARRAY-NEXT: mploop: note: iterations of a parallel loop must not write the same memory; if 'tmp' is scratch space that each iteration fills before using it, add 'private(tmp)' to the pragma or declare it inside the loop body, else make the writes disjoint
        int ok = 1;
        for (int i = 0; i < N; i++)
            ok &= out[i] == expected(i);
        printf("private: %d\n", ok);
    } else if (!strcmp(mode, "vla")) {
#pragma mploop for
        for (int i = 0; i < N; i++) {
            memset(vla, 0, sizeof vla);
// BUILD: race_scratch.c:[[@LINE-1]]:20: warning: array 'vla' {{.*}} [-Wmploop-scratch]
            vla[0] = i;
            out[i] = vla[0] + vla[1];
        }
        // VLA: local 'vla' of the enclosing function
        // VLA-NEXT: mploop: note: {{.*}}; if 'vla' is scratch space that each iteration fills before using it, add 'private(vla)' to the pragma or declare it inside the loop body, else make the writes disjoint
    } else if (!strcmp(mode, "global")) {
#pragma mploop for
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < W; k++)
                g_tmp[k + zero] = (double)(i * W + k);
            out[i] = g_tmp[0] + g_tmp[W - 1];
        }
    } else if (!strcmp(mode, "struct")) {
#pragma mploop for
        for (int i = 0; i < N; i++) {
            pr.lo = i;
            pr.hi = i + 1;
            out[i] = pr.lo * pr.hi;
        }
    }
    printf("after the loop %g %g\n", out[0], pr.lo);
    return 0;
}
