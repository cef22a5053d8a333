// Pragmas in comments, in string literals and in blocks the preprocessor
// skips are not pragmas: a file holding only those comes out unchanged,
// byte for byte.  Other pragmas are left alone.
//
// RUN: %mploop %s -o %t.c
// RUN: diff %s %t.c
// RUN: %mploop %s | cmp - %s

/* #pragma mploop for */
// #pragma mploop for schedule(static)
const char *text = "#pragma mploop for";
const char *more = "_Pragma(\"mploop for\")";
#if 0
#pragma mploop for
#pragma mploop whatever
_Pragma("mploop for")
#endif
#ifdef NOT_DEFINED_ANYWHERE
#pragma mploop for
#endif
#pragma once
#pragma GCC diagnostic push
#pragma omp parallel for

int f(int *a, int n)
{
    for (int i = 0; i < n; i++) /* #pragma mploop for */
        a[i] = 0;
    return n;
}
