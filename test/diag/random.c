// A call of a random-number generator whose state the C library hides
// (rand, random, drand48, lrand48, mrand48) in a loop body is a warning, not
// an error: every worker continues the parent's sequence, so iterations on
// different workers draw the same numbers.  The warning names the reentrant
// form to use; rand_r and erand48 with their own state are fine, and so is a
// call outside any annotated loop.  The file is still rewritten.
//
// RUN: %mploop %s -o %t.c 2>&1 | FileCheck --implicit-check-not=warning: %s
// RUN: %cc -fsyntax-only -I%S/../../include %t.c

#define _DEFAULT_SOURCE
#include <stdlib.h>

void f(int *a, double *d, int n)
{
    unsigned seed = 1;
    unsigned short state[3] = { 1, 2, 3 };
    srand(1);
    a[0] = rand();
#pragma mploop for
    for (int i = 0; i < n; i++) {
        a[i] = rand() % 10;
// CHECK: random.c:[[@LINE-1]]:16: warning: 'rand' continues the parent's hidden sequence in every worker, so iterations on different workers draw the same numbers; use rand_r with a seed computed from the loop variable [-Wmploop-rand]
// CHECK: random.c:21:5: note: in the loop over 'i' annotated with '#pragma mploop for'
        d[i] = drand48();
// CHECK: random.c:[[@LINE-1]]:16: warning: 'drand48' continues the parent's hidden sequence in every worker, so iterations on different workers draw the same numbers; use erand48, nrand48 or jrand48 with a state computed from the loop variable [-Wmploop-rand]
        a[i] += (int)random() + (int)lrand48() + (int)mrand48();
// CHECK: random.c:[[@LINE-1]]:22: warning: 'random'
// CHECK: random.c:[[@LINE-2]]:38: warning: 'lrand48'
// CHECK: random.c:[[@LINE-3]]:55: warning: 'mrand48'
    }
#pragma mploop for
    for (int i = 0; i < n; i++) {
        unsigned s = seed + (unsigned)i;
        unsigned short st[3] = { state[0], state[1], (unsigned short)i };
        a[i] = rand_r(&s) + (int)(erand48(st) * 10);
    }
}
