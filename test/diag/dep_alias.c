// What tells two arrays or pointers apart (user-guide "What the rewriter
// checks"): the effective-type rules (a float is never read through a
// pointer to double; a character type may read anything; signed and
// unsigned of one width, a struct and its members, and unions join), and
// private objects: a local or static array whose address never escapes,
// and a local pointer set only from malloc/calloc/aligned_alloc and never
// copied, are out of reach of every other pointer.  Each rule is shown
// where it holds (no -Wmploop-unverified warning) and where it does not.
// -fno-strict-aliasing drops the type rule.
//
// RUN: %mploop -Rmploop -Wmploop-unverified %s -o %t.c 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %mploop -Wmploop-unverified %s -o %t.c -- -fno-strict-aliasing 2>&1 | FileCheck %s --check-prefix=NOSTRICT
#include <stdlib.h>

struct pt { float x, y; };
union bits { float f; unsigned u; };

void types(float *dst, const double *w, long *cnt, const int *idx, unsigned *u, const int *s,
           unsigned char *gray, struct pt *pts, const float *f2, const union bits *ub,
           int n)
{
#pragma mploop for
    for (int i = 0; i < n; i++)
        dst[i] = (float)w[i];
// CHECK: dep_alias.c:[[@LINE-2]]:5: remark: loop runs in direct mode
// NOSTRICT: dep_alias.c:[[@LINE-3]]:5: warning: {{.*}}: 'dst' and 'w' may point to the same memory
#pragma mploop for
    for (int i = 0; i < n; i++)
        cnt[i] = idx[i];
// CHECK: dep_alias.c:[[@LINE-2]]:5: remark: loop runs in direct mode
// NOSTRICT: dep_alias.c:[[@LINE-3]]:5: warning: {{.*}}: 'cnt' and 'idx' may point to the same memory
#pragma mploop for
    for (int i = 0; i < n; i++)
        u[i] = (unsigned)s[i];
// CHECK: dep_alias.c:[[@LINE-2]]:5: warning: {{.*}}: 'u' and 's' may point to the same memory
// CHECK: dep_alias.c:[[@LINE-3]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < n; i++)
        gray[i] = (unsigned char)dst[i];
// CHECK: dep_alias.c:[[@LINE-2]]:5: warning: {{.*}}: 'gray' and 'dst' may point to the same memory
// CHECK: dep_alias.c:[[@LINE-3]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < n; i++)
        pts[i].x = f2[i];
// CHECK: dep_alias.c:[[@LINE-2]]:5: warning: {{.*}}: 'pts' and 'f2' may point to the same memory
// CHECK: dep_alias.c:[[@LINE-3]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < n; i++)
        pts[i].y = (float)w[i];
// CHECK: dep_alias.c:[[@LINE-2]]:5: remark: loop runs in direct mode
// NOSTRICT: dep_alias.c:[[@LINE-3]]:5: warning: {{.*}}: 'pts' and 'w' may point to the same memory
#pragma mploop for
    for (int i = 0; i < n; i++)
        u[i] = ub[i].u;
// CHECK: dep_alias.c:[[@LINE-2]]:5: warning: {{.*}}: 'u' and 'ub' may point to the same memory
// CHECK: dep_alias.c:[[@LINE-3]]:5: remark: loop runs in direct mode
}

void keep(unsigned char *p);
unsigned char table[256];            /* other files may take its address */
static unsigned char slut[256];      /* never: nor does this one */
static unsigned char sesc[256];
unsigned char *saved;

/* Stores the address of sesc: sesc is not private. */
void leak(void)
{
    saved = sesc;
}

/* Reads its argument only: an array passed here stays private. */
static unsigned total(const unsigned char *t)
{
    unsigned s = 0;
    for (int k = 0; k < 256; k++)
        s += t[k];
    return s;
}

void arrays(unsigned char *gray, int n)
{
    unsigned char lut[256], esc[256], viaf[256];
    for (int v = 0; v < 256; v++)
        lut[v] = esc[v] = viaf[v] = slut[v] = table[v] = (unsigned char)(255 - v);
    keep(esc);
    if (total(viaf) == 0)
        return;
#pragma mploop for
    for (int i = 0; i < n; i++)
        gray[i] = lut[gray[i]];
// CHECK: dep_alias.c:[[@LINE-2]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < n; i++)
        gray[i] = viaf[gray[i]];
// CHECK: dep_alias.c:[[@LINE-2]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < n; i++)
        gray[i] = slut[gray[i]];
// CHECK: dep_alias.c:[[@LINE-2]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < n; i++)
        gray[i] = esc[gray[i]];
// CHECK: dep_alias.c:[[@LINE-2]]:5: warning: {{.*}}: 'gray' and 'esc' may point to the same memory
// CHECK: dep_alias.c:[[@LINE-3]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < n; i++)
        gray[i] = table[gray[i]];
// CHECK: dep_alias.c:[[@LINE-2]]:5: warning: {{.*}}: 'gray' and 'table' may point to the same memory
// CHECK: dep_alias.c:[[@LINE-3]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < n; i++)
        gray[i] = sesc[gray[i]];
// CHECK: dep_alias.c:[[@LINE-2]]:5: warning: {{.*}}: 'gray' and 'sesc' may point to the same memory
// CHECK: dep_alias.c:[[@LINE-3]]:5: remark: loop runs in direct mode
}

void keepf(float *p);
float *kept;

/* Scales its argument in place and keeps nothing of it. */
static void scale(float *p, int n)
{
    for (int k = 0; k < n; k++)
        p[k] *= 2;
}

int blocks(int n)
{
    float *a = malloc(n * sizeof *a), *b = calloc(n, sizeof *b);
    float *c = aligned_alloc(64, 64 * n * sizeof *c), *d = malloc(n * sizeof *d);
    float *e = malloc(n * sizeof *e), *cp = malloc(n * sizeof *cp), *g = malloc(n * sizeof *g);
    float *h = malloc(n * sizeof *h), *set = malloc(n * sizeof *set);
    if (!a || !b || !c || !d || !e || !cp || !g || !h || !set)
        return 1;
    for (int i = 0; i < n; i++)
        a[i] = b[i] = c[i] = d[i] = e[i] = cp[i] = g[i] = h[i] = set[i] = (float)i;
    scale(a, n);
    float *alias = cp;
    keepf(d);
    kept = e;
    float **where = &g;
    set = h;
#pragma mploop for
    for (int i = 0; i < n; i++)
        b[i] = a[i] + c[i];
// CHECK: dep_alias.c:[[@LINE-2]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < n; i++)
        d[i] = alias[i];
// CHECK: dep_alias.c:[[@LINE-2]]:5: warning: {{.*}}: 'd' and 'alias' may point to the same memory
// CHECK: dep_alias.c:[[@LINE-3]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < n; i++)
        e[i] = kept[i];
// CHECK: dep_alias.c:[[@LINE-2]]:5: warning: {{.*}}: 'e' and 'kept' may point to the same memory
// CHECK: dep_alias.c:[[@LINE-3]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < n; i++)
        g[i] = (*where)[i];
// CHECK: dep_alias.c:[[@LINE-2]]:5: warning: {{.*}}: 'g' and 'where' may point to the same memory
// CHECK: dep_alias.c:[[@LINE-3]]:5: remark: loop runs in direct mode
#pragma mploop for
    for (int i = 0; i < n; i++)
        set[i] = h[i] + 1;
// CHECK: dep_alias.c:[[@LINE-2]]:5: warning: {{.*}}: 'set' and 'h' may point to the same memory
// CHECK: dep_alias.c:[[@LINE-3]]:5: remark: loop runs in direct mode
    free(a), free(b), free(c), free(d), free(e), free(cp), free(g), free(h);
    return 0;
}
