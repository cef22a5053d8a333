/* A library for the dlopen_* tests, built with mploop-cc -shared (or with
 * cc for the sequential answer) and loaded with dlopen.  Its loop allocates
 * a block per iteration that outlives the loop (the caller checks the
 * blocks are distinct and frees them), writes a global of the library, and
 * calls back into the caller, which reaches another library's loop: a loop
 * nested in a worker's, which must run in-process there.  PREFIX names the
 * functions, so that two copies can be loaded side by side. */
#include <stdio.h>
#include <stdlib.h>

#define CAT2(a, b) a##_##b
#define CAT(a, b) CAT2(a, b)
#define FN(name) CAT(PREFIX, name)
#define STR2(x) #x
#define STR(x) STR2(x)

/* hits[k]: written by iteration 1000 * k of the last fill. */
int FN(hits)[64];

/* Fill names[0..n) (n at most 64000) with blocks allocated in the loop
 * body, each holding "<prefix>-<index>"; every thousandth iteration also
 * records 1 + back(7) in hits when back is not NULL. */
void FN(fill)(char **names, int n, long (*back)(int))
{
#pragma mploop for schedule(static)
    for (int i = 0; i < n; i++) {
        names[i] = malloc(24);
        snprintf(names[i], 24, "%s-%d", STR(PREFIX), i);
        if (i % 1000 == 0)
            FN(hits)[i / 1000] = 1 + (back ? (int)back(7) : 0);
    }
}

/* The sum of 0..n-1, by a loop. */
long FN(sum)(int n)
{
    long s = 0;
#pragma mploop for reduction(+: s)
    for (int i = 0; i < n; i++)
        s += i;
    return s;
}
