// A file whose only mploop pragma comes from a macro: the `_Pragma` is still
// refused where the macro is used, not silently ignored (which would leave
// the loop sequential without a word), and no output is written.  The second
// macro holds both the pragma and the loop.
//
// RUN: rm -f %t.out.c
// RUN: not %mploop %s -o %t.out.c 2>&1 | FileCheck --implicit-check-not=error: %s
// RUN: not test -e %t.out.c

#define PAR _Pragma("mploop for reduction(+:s)")
#define SUM_LOOP(a, n, s) { _Pragma("mploop for reduction(+:s)") for (int i = 0; i < (n); i++) s += (a)[i]; }

int f(const int *a, int n)
{
    int s = 0;
    PAR
// CHECK: pragma_macro_only.c:[[@LINE-1]]:5: error: '_Pragma("mploop ...")' produced by a macro is not supported; write '#pragma mploop for' directly above the loop
    for (int i = 0; i < n; i++) s += a[i];
    SUM_LOOP(a, n, s)
// CHECK: pragma_macro_only.c:[[@LINE-1]]:5: error: '_Pragma("mploop ...")' produced by a macro is not supported; write '#pragma mploop for' directly above the loop
    return s;
}
