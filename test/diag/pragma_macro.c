// Loops and pragmas produced by macros cannot be rewritten in place: a for
// loop written by a macro, `_Pragma("mploop ...")` inside a macro, and the
// stringizing form are all refused where the macro is used.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

#define FOR_EACH(v, n) for (int v = 0; v < (n); v++)
#define HEADER (int i = 0; i < n; i++)
#define PARALLEL _Pragma("mploop for")
#define PRAGMA(x) _Pragma(#x)
#define OTHER _Pragma("GCC diagnostic push")

void f(int *a, int n)
{
#pragma mploop for
    FOR_EACH(k, n) a[k] = 0;
// CHECK-DAG: pragma_macro.c:[[@LINE-1]]:5: error: the for loop after '#pragma mploop for' is produced by a macro; write the for statement out
#pragma mploop for
    for HEADER a[i] = 0;
// CHECK-DAG: pragma_macro.c:[[@LINE-1]]:9: error: the loop header must be written out, not produced by a macro
    PARALLEL
// CHECK-DAG: pragma_macro.c:[[@LINE-1]]:5: error: '_Pragma("mploop ...")' produced by a macro is not supported; write '#pragma mploop for' directly above the loop
    for (int i = 0; i < n; i++) a[i] = 0;
    PRAGMA(mploop for)
// CHECK-DAG: pragma_macro.c:[[@LINE-1]]:5: error: '_Pragma("mploop ...")' produced by a macro is not supported
    for (int i = 0; i < n; i++) a[i] = 0;
    OTHER
    for (int i = 0; i < n; i++) a[i] = 0;
}
