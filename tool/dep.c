/*
 * dep.c - dependence tests over affine subscripts (the contract is dep.h).
 *
 * Two accesses to one array touch the same element in iterations x (of a)
 * and y (of b) when every subscript pair is equal: one linear equation per
 * dimension, sum ca[v] x_v - sum cb[v] y_v = c, where c (rest of b minus
 * rest of a) may hold symbols.  The question is whether such x, y exist in
 * the loops' ranges with x and y different on the parallel levels, and in
 * which lexicographic order.
 *
 * The tests, in the order they run:
 *   - Delinearization: a subscript with a symbolic coefficient (a[i*n + j])
 *     is split into two dimensions [F][G] when both subscripts read s*F + G
 *     with constant coefficients and G provably in [0, s - 1]; the split is
 *     an equivalence, so it keeps every answer exact.  Otherwise the
 *     dimension is dropped (sound: one constraint fewer) and no answer is
 *     PROVEN.
 *   - Exact per-dimension tests (Goff, Kennedy and Tseng's classification):
 *     ZIV (no loop variable); strong SIV (a x - a y = c: the distance is
 *     -c/a, constant or symbolic); weak-zero SIV (one side constant: the
 *     other side's iteration is pinned); weak-crossing SIV (a x + a y = c);
 *     general SIV by the extended Euclid algorithm over the loop bounds
 *     (a x - b y = c, x = x0 + (b/g) t, y = y0 + (a/g) t, t bounded by the
 *     range of x and y and by the direction).  Dimensions using only inner
 *     (private) loop variables, one or two of them, get the same exact
 *     treatment.  These give, per parallel level, whether the directions
 *     <, = and > are possible, and the distance when it is a constant.
 *     Levels constrained by several dimensions are intersected: equal
 *     distances stay exact, different constant distances exclude each
 *     other, anything else is kept sound but no longer exact.
 *   - GCD test (symbols count as free integers) and Banerjee's bounds
 *     (trapezoidal formulas for <, = and >, '*' for the inner loops of
 *     each access), for every dimension, over a hierarchy of direction
 *     vectors: the whole '*' vector first, then for "before" the vectors
 *     (=, ..., =, <, *, ..., *) and for "after" the same with >, each
 *     refined level by level (up to a budget) while it is not excluded.
 *     The per-level answers of the exact tests prune the same vectors.
 *
 * Symbolic values (bounds, constant terms) are linear forms over symbols.
 * A comparison is decided for every value of the symbols only when the
 * difference of the two forms is a constant; when it is a symbolic trip
 * count plus a constant it is taken as true (dep.h: symbolic bounds are
 * large enough), which only ever serves PROVEN, never NONE.  Two undecided
 * conditions over the same symbols that no value satisfies together (a
 * positive combination is a negative constant) exclude each other.  In the
 * extended Euclid test a symbolic bound is relaxed to infinity: sound for
 * NONE, and kept for PROVEN only when the range's other bound is constant
 * (a large trip count then covers any solution).
 *
 * Exact: ZIV with constant terms; strong, weak-zero and weak-crossing SIV
 * with constant or symbolic terms whose comparisons are decided; general
 * SIV with constant terms and constant (or missing) bounds; any
 * combination of these where every level and every inner-loop variable is
 * constrained by one dimension only (separable subscripts).
 * Conservative (no PROVEN, NONE only from GCD and Banerjee, which ignore
 * the integrality of a combination and the coupling of dimensions):
 * subscripts using several loop variables (MIV), the parallel loop's
 * variable with an inner loop's, coupled dimensions, symbolic
 * coefficients that do not delinearize, and any arithmetic that would
 * overflow a long (the test is then given up: MAYBE).
 */
#include <limits.h>
#include <string.h>

#include "dep.h"

typedef __int128 i128;

enum { LT, EQ, GT, STAR };             /* a's iteration before, at, after b's */
enum { NONE = RW_DEP_NONE, MAYBE = RW_DEP_MAYBE, PROVEN = RW_DEP_PROVEN };

#define MAXEQ (2 * RW_DEP_MAXDIM)
#define MAXCOND 8
#define BUDGET 4000 /* direction vectors tested per call */

static int min2(int a, int b) { return a < b ? a : b; }
static int max2(int a, int b) { return a > b ? a : b; }
static long lmin3(long a, long b, long c) { long m = a < b ? a : b; return m < c ? m : c; }
static long lmax3(long a, long b, long c) { long m = a > b ? a : b; return m > c ? m : c; }

/* ---- linear forms ---------------------------------------------------- */

/* Sort the t terms of k/sym by symbol, merge equal symbols and drop zero
 * terms into l; returns 0, or -1 (l unchanged) when a merged coefficient
 * overflows or more than RW_DEP_MAXSYM terms remain. */
static int lin_pack(struct rw_lin *l, unsigned t, unsigned *sym, long *k)
{
    for (unsigned i = 1; i < t; i++)
        for (unsigned j = i; j > 0 && sym[j - 1] > sym[j]; j--) {
            unsigned s = sym[j]; sym[j] = sym[j - 1]; sym[j - 1] = s;
            long v = k[j]; k[j] = k[j - 1]; k[j - 1] = v;
        }
    unsigned n = 0, m = 0;
    for (unsigned i = 0; i < t; i++) {
        if (n > 0 && sym[n - 1] == sym[i]) {
            if (__builtin_add_overflow(k[n - 1], k[i], &k[n - 1]))
                return -1;
        } else {
            sym[n] = sym[i];
            k[n++] = k[i];
        }
    }
    for (unsigned i = 0; i < n; i++)
        if (k[i] != 0) {
            sym[m] = sym[i];
            k[m++] = k[i];
        }
    n = m;
    if (n > RW_DEP_MAXSYM)
        return -1;
    l->n = n;
    memcpy(l->sym, sym, n * sizeof *sym);
    memcpy(l->k, k, n * sizeof *k);
    return 0;
}

/* Normalize form l (at most RW_DEP_MAXSYM terms) in place; -1 (l
 * unchanged) when its merged coefficients overflow. */
static int lin_norm_ok(struct rw_lin *l)
{
    unsigned sym[RW_DEP_MAXSYM];
    long k[RW_DEP_MAXSYM];
    memcpy(sym, l->sym, l->n * sizeof *sym);
    memcpy(k, l->k, l->n * sizeof *k);
    return lin_pack(l, l->n, sym, k);
}

/* Normalize l (dep.h); a form whose merged coefficients overflow, or that
 * has too many terms, is left as it was.  Runs in the rewriter. */
void rw_lin_norm(struct rw_lin *l)
{
    if (l->n <= RW_DEP_MAXSYM)
        (void)lin_norm_ok(l);
}

/* r = a + m * b, normalized; 0, or -1 (r unspecified) on overflow or when
 * more than RW_DEP_MAXSYM terms remain.  r may be a or b. */
int rw_lin_addmul(struct rw_lin *r, const struct rw_lin *a, long m, const struct rw_lin *b)
{
    unsigned sym[2 * RW_DEP_MAXSYM];
    long k[2 * RW_DEP_MAXSYM], c;
    unsigned t = 0;
    if (a->n > RW_DEP_MAXSYM || b->n > RW_DEP_MAXSYM)
        return -1;
    if (__builtin_mul_overflow(m, b->c, &c) || __builtin_add_overflow(a->c, c, &c))
        return -1;
    for (unsigned i = 0; i < a->n; i++, t++) {
        sym[t] = a->sym[i];
        k[t] = a->k[i];
    }
    for (unsigned i = 0; i < b->n; i++, t++) {
        sym[t] = b->sym[i];
        if (__builtin_mul_overflow(m, b->k[i], &k[t]))
            return -1;
    }
    if (lin_pack(r, t, sym, k) < 0)
        return -1;
    r->c = c;
    return 0;
}

/* Whether l is a constant; stores it in *c when so (c may be NULL). */
int rw_lin_const(const struct rw_lin *l, long *c)
{
    for (unsigned i = 0; i < l->n && i < RW_DEP_MAXSYM; i++)
        if (l->k[i] != 0)
            return 0;
    if (c)
        *c = l->c;
    return 1;
}

/* The constant form c. */
static struct rw_lin lin_k(long c)
{
    struct rw_lin l;
    memset(&l, 0, sizeof l);
    l.c = c;
    return l;
}

/* r = a - b + k; 0 or -1 on overflow. */
static int lin_diff(struct rw_lin *r, const struct rw_lin *a, const struct rw_lin *b, long k)
{
    struct rw_lin kk = lin_k(k);
    if (rw_lin_addmul(r, a, -1, b) < 0)
        return -1;
    return rw_lin_addmul(r, r, 1, &kk);
}

/* Whether l is m * q for a form q (stored); m nonzero. */
static int lin_div(const struct rw_lin *l, long m, struct rw_lin *q)
{
    if (m == -1 && l->c == LONG_MIN)
        return 0;
    if (l->c % m != 0)
        return 0;
    *q = lin_k(l->c / m);
    for (unsigned i = 0; i < l->n; i++) {
        if (l->k[i] % m != 0 || (m == -1 && l->k[i] == LONG_MIN))
            return 0;
        q->sym[i] = l->sym[i];
        q->k[i] = l->k[i] / m;
    }
    q->n = l->n;
    return 1;
}

/* Whether two normalized forms are equal. */
static int lin_same(const struct rw_lin *a, const struct rw_lin *b)
{
    struct rw_lin d;
    long c;
    return rw_lin_addmul(&d, a, -1, b) == 0 && rw_lin_const(&d, &c) && c == 0;
}

/* ---- the problem --------------------------------------------------------- */

/* One dimension: sum ca[v] x_v - sum cb[v] y_v = c. */
struct eqn {
    long ca[RW_DEP_MAXVAR], cb[RW_DEP_MAXVAR];
    struct rw_lin c;
};

/* What one exact test found for a parallel level. */
enum { LK_FREE, LK_DIST, LK_OTHER };

struct prob {
    unsigned npar, na, nb, neq;
    struct eqn eq[MAXEQ];
    const struct rw_dep_range *ra, *rb; /* a's loops (the parallel ones are shared), b's */
    int exact;      /* every dimension is covered by an exact test */
    const char *why;
    int S[RW_DEP_MAXVAR][3];     /* per parallel level and direction */
    int lkind[RW_DEP_MAXVAR];    /* LK_* */
    struct rw_lin ldist[RW_DEP_MAXVAR]; /* LK_DIST: the distance */
    int G;          /* dimensions of inner loops and of no loop */
    int budget;
};

/* Record why an answer stays MAYBE (the first reason found wins) and that
 * the answers can no longer be PROVEN. */
static void inexact(struct prob *P, const char *why)
{
    P->exact = 0;
    if (!P->why)
        P->why = why;
}

/* A bound of range r, or NULL when it is missing. */
static const struct rw_lin *lo_of(const struct rw_dep_range *r) { return r->has_lo ? &r->lo : NULL; }
static const struct rw_lin *hi_of(const struct rw_dep_range *r) { return r->has_hi ? &r->hi : NULL; }

/* ---- conditions over symbols ---------------------------------------------------- */

/* A conjunction of conditions g >= 0 over symbols.  r: the loop whose
 * symbolic trip count, taken large, may make a condition true. */
struct conds {
    unsigned n;
    int fail;                  /* a condition could not be formed */
    struct rw_lin g[MAXCOND];
    const struct rw_dep_range *r[MAXCOND];
};

/* Add u + k <= v * mv (mv 1 or 2); u or v NULL (a missing bound) makes the
 * condition true. */
static void cond_le(struct conds *C, const struct rw_lin *u, long k, const struct rw_lin *v, long mu,
                    long mv, const struct rw_dep_range *r)
{
    struct rw_lin g = lin_k(-k);
    if (!u || !v)
        return;
    if (C->n == MAXCOND || rw_lin_addmul(&g, &g, mv, v) < 0 || rw_lin_addmul(&g, &g, -mu, u) < 0) {
        C->fail = 1;
        return;
    }
    C->r[C->n] = r;
    C->g[C->n++] = g;
}

/* Whether g >= 0 holds when r's trip count is large: g is m * (hi - lo) +
 * a constant for some m > 0. */
static int large_enough(const struct rw_lin *g, const struct rw_dep_range *r)
{
    struct rw_lin w, rest;
    long wc;
    if (!r || !r->has_lo || !r->has_hi || rw_lin_addmul(&w, &r->hi, -1, &r->lo) < 0 ||
        rw_lin_const(&w, &wc) || w.n == 0)
        return 0;
    for (unsigned i = 0; i < g->n; i++)
        if (g->sym[i] == w.sym[0]) {
            if (g->k[i] == LONG_MIN || w.k[0] == LONG_MIN || g->k[i] % w.k[0] != 0 ||
                g->k[i] / w.k[0] <= 0)
                return 0;
            return rw_lin_addmul(&rest, g, -(g->k[i] / w.k[0]), &w) == 0 && rw_lin_const(&rest, NULL);
        }
    return 0;
}

/* Whether g1 >= 0 and g2 >= 0 exclude each other: their symbolic parts are
 * opposite multiples and the positive combination that cancels them is a
 * negative constant. */
static int contradict(const struct rw_lin *g1, const struct rw_lin *g2)
{
    struct rw_lin s1, s2, sum;
    long m1, m2, c;
    if (g1->n == 0 || g2->n != g1->n || g1->sym[0] != g2->sym[0] ||
        (g1->k[0] > 0) == (g2->k[0] > 0) || g1->k[0] == LONG_MIN || g2->k[0] == LONG_MIN)
        return 0;
    m1 = g2->k[0] < 0 ? -g2->k[0] : g2->k[0];
    m2 = g1->k[0] < 0 ? -g1->k[0] : g1->k[0];
    struct rw_lin z = lin_k(0);
    if (rw_lin_addmul(&s1, &z, m1, g1) < 0 || rw_lin_addmul(&s2, &z, m2, g2) < 0 ||
        rw_lin_addmul(&sum, &s1, 1, &s2) < 0)
        return 0;
    return rw_lin_const(&sum, &c) && c < 0;
}

/* The answer for the conjunction: NONE when a condition is false for every
 * value of the symbols (or two exclude each other), PROVEN when each holds
 * (for large trip counts), MAYBE otherwise, recording why (or, when NULL,
 * that a bound is symbolic) as the reason. */
static int cond_eval(struct prob *P, const struct conds *C, const char *why)
{
    int ans = C->fail ? MAYBE : PROVEN;
    for (unsigned i = 0; i < C->n; i++) {
        long c;
        if (rw_lin_const(&C->g[i], &c)) {
            if (c < 0)
                return NONE;
        } else if (!large_enough(&C->g[i], C->r[i])) {
            ans = min2(ans, MAYBE);
        }
        for (unsigned j = 0; j < i; j++)
            if (contradict(&C->g[i], &C->g[j]))
                return NONE;
    }
    if (ans == MAYBE && !P->why)
        P->why = C->fail ? "the arithmetic overflows" : why ? why : "a loop bound is symbolic";
    return ans;
}

/* ---- exact tests ------------------------------------------------------------- */

#define I128_MAX ((i128)(((unsigned __int128)1 << 127) - 1))
#define I128_MIN (-I128_MAX - 1)

/* floor(n / d) and ceil(n / d), d nonzero; overflow sets *ovf. */
static i128 fdiv(i128 n, i128 d, int *ovf)
{
    if (n == I128_MIN || d == I128_MIN) {
        *ovf = 1;
        return 0;
    }
    i128 q = n / d;
    if (n % d != 0 && ((n < 0) != (d < 0)))
        q--;
    return q;
}
static i128 cdiv(i128 n, i128 d, int *ovf)
{
    return -fdiv(-n, d, ovf);
}

/* An interval of integers with possibly infinite ends. */
struct ival {
    int has_lo, has_hi;
    i128 lo, hi;
};

/* Intersect t with t >= v (ge) or t <= v. */
static void ival_cut(struct ival *t, i128 v, int ge)
{
    if (ge) {
        if (!t->has_lo || v > t->lo) t->lo = v;
        t->has_lo = 1;
    } else {
        if (!t->has_hi || v < t->hi) t->hi = v;
        t->has_hi = 1;
    }
}

static int ival_empty(const struct ival *t)
{
    return t->has_lo && t->has_hi && t->lo > t->hi;
}

/* Cut t to the t with lo <= p + q t <= hi (q nonzero, bounds optional). */
static void ival_cut_affine(struct ival *t, i128 p, i128 q, const long *lo, const long *hi, int *ovf)
{
    i128 d;
    if (lo) {
        if (__builtin_sub_overflow((i128)*lo, p, &d)) { *ovf = 1; return; }
        ival_cut(t, q > 0 ? cdiv(d, q, ovf) : fdiv(d, q, ovf), q > 0);
    }
    if (hi) {
        if (__builtin_sub_overflow((i128)*hi, p, &d)) { *ovf = 1; return; }
        ival_cut(t, q > 0 ? fdiv(d, q, ovf) : cdiv(d, q, ovf), q < 0);
    }
}

/* Extended Euclid: returns g = gcd(a, b) >= 0 and u, w with a u + b w = g;
 * a and b are not LONG_MIN. */
static long ext_gcd(long a, long b, long *u, long *w)
{
    long r0 = a, r1 = b, s0 = 1, s1 = 0, t0 = 0, t1 = 1;
    while (r1 != 0) {
        long q = r0 / r1, x;
        x = r0 - q * r1; r0 = r1; r1 = x;
        x = s0 - q * s1; s0 = s1; s1 = x;
        x = t0 - q * t1; t0 = t1; t1 = x;
    }
    if (r0 < 0) {
        r0 = -r0; s0 = -s0; t0 = -t0;
    }
    *u = s0;
    *w = t0;
    return r0;
}

/* The constant bound of r (lo: lower) in *v; sets *relaxed when the bound
 * is symbolic (taken as infinite) and *loose when that relaxation does not
 * keep a solution for a large trip count (the other bound is not a
 * constant). */
static const long *const_bound(const struct rw_dep_range *r, int lo, long *v, int *loose)
{
    const struct rw_lin *b = lo ? lo_of(r) : hi_of(r), *o = lo ? hi_of(r) : lo_of(r);
    if (!b)
        return NULL;
    if (rw_lin_const(b, v))
        return v;
    if (!o || !rw_lin_const(o, NULL))
        *loose = 1;
    return NULL;
}

/* Whether a x - b y = c (a, b nonzero, not LONG_MIN) has an integer
 * solution with x in rx and y in ry and, unless dir is STAR, y - x in
 * direction dir (LT: y > x).  Symbolic bounds are relaxed (const_bound). */
static int siv_general(struct prob *P, long a, long b, long c, const struct rw_dep_range *rx,
                       const struct rw_dep_range *ry, int dir)
{
    long u, w, g = ext_gcd(a, -b, &u, &w), lx, hx, ly, hy;
    int ovf = 0, loose = 0;
    if (c % g != 0)
        return NONE;
    /* a u - b w = g: x0 = u c/g, y0 = w c/g; x = x0 + (b/g) t, y = y0 + (a/g) t. */
    i128 x0 = (i128)u * (c / g), y0 = (i128)w * (c / g), B = b / g, A = a / g, e, f;
    struct ival t = { 0, 0, 0, 0 };
    const long *plx = const_bound(rx, 1, &lx, &loose), *phx = const_bound(rx, 0, &hx, &loose);
    const long *ply = const_bound(ry, 1, &ly, &loose), *phy = const_bound(ry, 0, &hy, &loose);
    ival_cut_affine(&t, x0, B, plx, phx, &ovf);
    ival_cut_affine(&t, y0, A, ply, phy, &ovf);
    /* y - x = e + f t */
    if (__builtin_sub_overflow(y0, x0, &e) || __builtin_sub_overflow(A, B, &f))
        ovf = 1;
    if (!ovf && dir != STAR) {
        if (dir == EQ) {
            if (f == 0) {
                if (e != 0)
                    return NONE;
            } else {
                if (e % f != 0)
                    return NONE;
                ival_cut(&t, -e / f, 1);
                ival_cut(&t, -e / f, 0);
            }
        } else {
            /* LT: f t >= 1 - e;  GT: f t <= -1 - e */
            i128 k;
            if (__builtin_sub_overflow((i128)(dir == LT ? 1 : -1), e, &k)) {
                inexact(P, "the arithmetic overflows");
                return MAYBE;
            }
            if (f == 0) {
                if ((dir == LT && e < 1) || (dir == GT && e > -1))
                    return NONE;
            } else {
                int ge = (dir == LT) == (f > 0);
                ival_cut(&t, ge ? cdiv(k, f, &ovf) : fdiv(k, f, &ovf), ge);
            }
        }
    }
    if (ovf) {
        inexact(P, "the arithmetic overflows");
        return MAYBE;
    }
    if (ival_empty(&t))
        return NONE;
    if (loose) {
        if (!P->why)
            P->why = "a loop bound is symbolic";
        return MAYBE;
    }
    return PROVEN;
}

/* Merge the answers T of one exact test of parallel level p into P->S[p];
 * dist: its constant or symbolic distance (strong SIV), or NULL. */
static void level_merge(struct prob *P, unsigned p, const int T[3], const struct rw_lin *dist)
{
    if (P->lkind[p] == LK_FREE) {
        for (int d = 0; d < 3; d++)
            P->S[p][d] = min2(P->S[p][d], T[d]);
        P->lkind[p] = dist ? LK_DIST : LK_OTHER;
        if (dist)
            P->ldist[p] = *dist;
        return;
    }
    if (dist && P->lkind[p] == LK_DIST) {
        long c1, c2;
        if (lin_same(dist, &P->ldist[p]))
            return; /* the same constraint twice */
        if (rw_lin_const(dist, &c1) && rw_lin_const(&P->ldist[p], &c2)) {
            for (int d = 0; d < 3; d++)
                P->S[p][d] = NONE; /* two different distances */
            return;
        }
    }
    for (int d = 0; d < 3; d++)
        P->S[p][d] = min2(P->S[p][d], min2(T[d], MAYBE));
    inexact(P, "two subscripts constrain the same loop");
    P->lkind[p] = LK_OTHER;
}

/* Level p when the test's quotient of c is not whole: impossible for a
 * constant c, undecided (why) for a symbolic one. */
static void level_undivided(struct prob *P, unsigned p, const struct rw_lin *c, const char *why)
{
    int v = rw_lin_const(c, NULL) ? NONE : MAYBE, T[3] = { v, v, v };
    if (v == MAYBE)
        inexact(P, why);
    level_merge(P, p, T, NULL);
}

/* Strong SIV on level p: a (x - y) = c, distance D = y - x = -c/a. */
static void siv_strong(struct prob *P, unsigned p, long a, const struct rw_lin *c)
{
    const struct rw_dep_range *r = &P->ra[p];
    const struct rw_lin *L = lo_of(r), *H = hi_of(r);
    struct rw_lin q, D, z = lin_k(0), one = lin_k(1);
    int T[3];
    if (!lin_div(c, a, &q)) {
        level_undivided(P, p, c, "the distance is a symbolic value that may not be whole");
        return;
    }
    if (rw_lin_addmul(&D, &z, -1, &q) < 0) {
        T[LT] = T[EQ] = T[GT] = MAYBE;
        level_merge(P, p, T, NULL);
        inexact(P, "the arithmetic overflows");
        return;
    }
    for (int d = 0; d < 3; d++) {
        struct conds C = { 0 };
        /* x = y - D and y in [L, H]: L <= H - D and L + D <= H */
        cond_le(&C, L, 0, H, 1, 1, r);
        if (H) {
            struct rw_lin hd;
            if (rw_lin_addmul(&hd, H, 1, &D) < 0) C.fail = 1;
            else cond_le(&C, L, 0, &hd, 1, 1, r);
        }
        if (L) {
            struct rw_lin ld;
            if (rw_lin_addmul(&ld, L, 1, &D) < 0) C.fail = 1;
            else cond_le(&C, &ld, 0, H, 1, 1, r);
        }
        if (d == LT)
            cond_le(&C, &one, 0, &D, 1, 1, r);
        else if (d == GT)
            cond_le(&C, &D, 1, &z, 1, 1, r);
        else {
            cond_le(&C, &z, 0, &D, 1, 1, NULL);
            cond_le(&C, &D, 0, &z, 1, 1, NULL);
        }
        T[d] = cond_eval(P, &C, rw_lin_const(&D, NULL) ? NULL : "the distance is symbolic");
    }
    level_merge(P, p, T, &D);
}

/* Weak-zero SIV on level p: the iteration of one access is pinned at z0
 * (a x = c or -b y = c); fixed_is_b: y is the pinned one. */
static void siv_weak_zero(struct prob *P, unsigned p, long k, const struct rw_lin *c, int fixed_is_b)
{
    const struct rw_dep_range *r = &P->ra[p];
    const struct rw_lin *L = lo_of(r), *H = hi_of(r);
    struct rw_lin z0;
    int T[3];
    if (!lin_div(c, k, &z0)) {
        level_undivided(P, p, c, "the pinned iteration is a symbolic value that may not be whole");
        return;
    }
    /* free < pinned: L <= z0 - 1, z0 <= H;  free > pinned: L <= z0, z0 + 1 <= H */
    struct conds less = { 0 }, more = { 0 }, at = { 0 };
    cond_le(&less, L, 1, &z0, 1, 1, r);
    cond_le(&less, &z0, 0, H, 1, 1, r);
    cond_le(&more, L, 0, &z0, 1, 1, r);
    cond_le(&more, &z0, 1, H, 1, 1, r);
    cond_le(&at, L, 0, &z0, 1, 1, r);
    cond_le(&at, &z0, 0, H, 1, 1, r);
    const char *why = rw_lin_const(&z0, NULL) ? NULL : "the subscripts differ by a symbolic amount";
    int fl = cond_eval(P, &less, why), fm = cond_eval(P, &more, why);
    T[EQ] = cond_eval(P, &at, why);
    /* LT: x < y.  Pinned y: the free x is less; pinned x: the free y is more. */
    T[LT] = fixed_is_b ? fl : fm;
    T[GT] = fixed_is_b ? fm : fl;
    level_merge(P, p, T, NULL);
}

/* Weak-crossing SIV on level p: a (x + y) = c, x + y = S. */
static void siv_weak_crossing(struct prob *P, unsigned p, long a, const struct rw_lin *c)
{
    const struct rw_dep_range *r = &P->ra[p];
    const struct rw_lin *L = lo_of(r), *H = hi_of(r);
    struct rw_lin S, half;
    int T[3];
    if (!lin_div(c, a, &S)) {
        level_undivided(P, p, c, "the crossing point is a symbolic value that may not be whole");
        return;
    }
    /* x < y: 2L + 1 <= S <= 2H - 1 (and L <= H); x > y likewise. */
    struct conds C = { 0 };
    cond_le(&C, L, 0, H, 1, 1, r);
    cond_le(&C, L, 1, &S, 2, 1, r);
    cond_le(&C, &S, 1, H, 1, 2, r);
    const char *why = rw_lin_const(&S, NULL) ? NULL : "the subscripts differ by a symbolic amount";
    T[LT] = T[GT] = cond_eval(P, &C, why);
    if (lin_div(&S, 2, &half)) {
        struct conds E = { 0 };
        cond_le(&E, L, 0, &half, 1, 1, r);
        cond_le(&E, &half, 0, H, 1, 1, r);
        T[EQ] = cond_eval(P, &E, why);
    } else {
        T[EQ] = rw_lin_const(&S, NULL) ? NONE : MAYBE;
    }
    level_merge(P, p, T, NULL);
}

/* The exact test of equation e, which uses only level p's variables. */
static void siv_level(struct prob *P, const struct eqn *e, unsigned p)
{
    long a = e->ca[p], b = e->cb[p], c;
    int T[3];
    if (a == b)
        siv_strong(P, p, a, &e->c);
    else if (b == 0)
        siv_weak_zero(P, p, a, &e->c, 0);
    else if (a == 0) {
        struct rw_lin nc, z = lin_k(0);
        if (rw_lin_addmul(&nc, &z, -1, &e->c) < 0) {
            T[LT] = T[EQ] = T[GT] = MAYBE;
            inexact(P, "the arithmetic overflows");
            level_merge(P, p, T, NULL);
        } else {
            siv_weak_zero(P, p, b, &nc, 1);
        }
    } else if (a == -b)
        siv_weak_crossing(P, p, a, &e->c);
    else if (rw_lin_const(&e->c, &c)) {
        for (int d = 0; d < 3; d++)
            T[d] = siv_general(P, a, b, c, &P->ra[p], &P->ra[p], d);
        level_merge(P, p, T, NULL);
    } else {
        T[LT] = T[EQ] = T[GT] = MAYBE;
        inexact(P, "the subscripts differ by a symbolic amount");
        level_merge(P, p, T, NULL);
    }
}

/* The exact test of an equation over inner-loop variables only, each used
 * by no other equation: nv (1 or 2) variables with coefficients k (b's
 * negated) and ranges r.  Returns the answer. */
static int priv_test(struct prob *P, unsigned nv, const long *k, const struct rw_dep_range **r,
                     const struct rw_lin *c)
{
    long cc;
    if (nv == 1) {
        struct rw_lin x0;
        struct conds C = { 0 };
        if (!lin_div(c, k[0], &x0)) {
            if (rw_lin_const(c, NULL))
                return NONE;
            inexact(P, "the subscripts differ by a symbolic amount");
            return MAYBE;
        }
        cond_le(&C, lo_of(r[0]), 0, &x0, 1, 1, r[0]);
        cond_le(&C, &x0, 0, hi_of(r[0]), 1, 1, r[0]);
        return cond_eval(P, &C, rw_lin_const(&x0, NULL) ? NULL : "the subscripts differ by a symbolic amount");
    }
    if (!rw_lin_const(c, &cc)) {
        inexact(P, "the subscripts differ by a symbolic amount");
        return MAYBE;
    }
    return siv_general(P, k[0], -k[1], cc, r[0], r[1], STAR);
}

/* ---- GCD and Banerjee ------------------------------------------------------------- */

/* gcd(|a|, |b|); a and b are not LONG_MIN. */
static long gcd(long a, long b)
{
    if (a < 0) a = -a;
    if (b < 0) b = -b;
    while (b) {
        long t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* A bound of a sum: inf means it is unbounded (or unknown). */
struct bnd {
    int inf;
    struct rw_lin v;
};

/* b += m * l (l NULL: a missing bound, b becomes infinite). */
static void bnd_add(struct bnd *b, long m, const struct rw_lin *l)
{
    if (m == 0 || b->inf)
        return;
    if (!l || rw_lin_addmul(&b->v, &b->v, m, l) < 0)
        b->inf = 1;
}

/* [mn, mx] += the range of k x for x in r. */
static void ban_box(struct bnd *mn, struct bnd *mx, long k, const struct rw_dep_range *r)
{
    bnd_add(mn, k, k > 0 ? lo_of(r) : hi_of(r));
    bnd_add(mx, k, k > 0 ? hi_of(r) : lo_of(r));
}

/* [mn, mx] += the range of a x - b y for x < y, both in r (Banerjee's
 * bounds: a linear function over the triangle or its unbounded
 * counterparts takes its extremes at the vertices). */
static void ban_tri(struct bnd *mn, struct bnd *mx, long a, long b, const struct rw_dep_range *r)
{
    long amb, nb, bma, na;
    if (a == 0 && b == 0)
        return;
    if (__builtin_sub_overflow(a, b, &amb) || __builtin_sub_overflow(0, b, &nb) ||
        __builtin_sub_overflow(b, a, &bma) || __builtin_sub_overflow(0, a, &na)) {
        mn->inf = mx->inf = 1;
        return;
    }
    if (r->has_lo) {
        /* vertex (L, L + 1): (a - b) L - b; edges (1, 1) and (0, 1) */
        struct rw_lin N;
        struct bnd tmn = *mn, tmx = *mx;
        bnd_add(&tmn, amb, &r->lo);
        bnd_add(&tmx, amb, &r->lo);
        bnd_add(&tmn, nb, &(struct rw_lin){ .c = 1 });
        bnd_add(&tmx, nb, &(struct rw_lin){ .c = 1 });
        long smin = lmin3(0, nb, amb), smax = lmax3(0, nb, amb);
        if (r->has_hi) {
            /* the edges have length N = H - L - 1 */
            if (lin_diff(&N, &r->hi, &r->lo, -1) < 0) {
                tmn.inf = tmx.inf = 1;
            } else {
                bnd_add(&tmn, smin, &N);
                bnd_add(&tmx, smax, &N);
            }
        } else {
            if (smin < 0) tmn.inf = 1;
            if (smax > 0) tmx.inf = 1;
        }
        *mn = tmn;
        *mx = tmx;
    } else if (r->has_hi) {
        /* vertex (H - 1, H): (a - b) H - a; rays (-1, -1) and (-1, 0) */
        bnd_add(mn, amb, &r->hi);
        bnd_add(mx, amb, &r->hi);
        bnd_add(mn, na, &(struct rw_lin){ .c = 1 });
        bnd_add(mx, na, &(struct rw_lin){ .c = 1 });
        if (lmin3(0, bma, na) < 0) mn->inf = 1;
        if (lmax3(0, bma, na) > 0) mx->inf = 1;
    } else if (a == b) {
        /* a (x - y) with x - y <= -1 */
        if (a > 0) mn->inf = 1;
        else bnd_add(mn, na, &(struct rw_lin){ .c = 1 });
        if (a < 0) mx->inf = 1;
        else bnd_add(mx, na, &(struct rw_lin){ .c = 1 });
    } else {
        mn->inf = mx->inf = 1;
    }
}

/* Whether equation e has no solution under direction vector dv (one entry
 * per parallel level) by the GCD test or Banerjee's bounds. */
static int eq_excluded(const struct prob *P, const struct eqn *e, const int *dv)
{
    long g = 0, c0;
    struct bnd mn = { 0, lin_k(0) }, mx = { 0, lin_k(0) };
    for (unsigned p = 0; p < P->npar; p++) {
        const struct rw_dep_range *r = &P->ra[p];
        long d;
        switch (dv[p]) {
        case EQ:
            if (__builtin_sub_overflow(e->ca[p], e->cb[p], &d) || d == LONG_MIN)
                return 0;
            g = gcd(g, d);
            ban_box(&mn, &mx, d, r);
            break;
        case STAR:
            g = gcd(gcd(g, e->ca[p]), e->cb[p]);
            ban_box(&mn, &mx, e->ca[p], r);
            ban_box(&mn, &mx, -e->cb[p], r);
            break;
        case LT:
            g = gcd(gcd(g, e->ca[p]), e->cb[p]);
            ban_tri(&mn, &mx, e->ca[p], e->cb[p], r);
            break;
        default: /* GT: -b y + a x with y < x */
            g = gcd(gcd(g, e->ca[p]), e->cb[p]);
            ban_tri(&mn, &mx, -e->cb[p], -e->ca[p], r);
            break;
        }
    }
    for (unsigned v = P->npar; v < P->na; v++) {
        g = gcd(g, e->ca[v]);
        ban_box(&mn, &mx, e->ca[v], &P->ra[v]);
    }
    for (unsigned v = P->npar; v < P->nb; v++) {
        g = gcd(g, e->cb[v]);
        ban_box(&mn, &mx, -e->cb[v], &P->rb[v]);
    }
    /* GCD: the symbols are integers too. */
    for (unsigned t = 0; t < e->c.n; t++)
        g = gcd(g, e->c.k[t]);
    c0 = e->c.c;
    if (g == 0 ? c0 != 0 : c0 % g != 0)
        return 1;
    bnd_add(&mn, -1, &e->c);
    bnd_add(&mx, -1, &e->c);
    long v;
    if (!mn.inf && rw_lin_const(&mn.v, &v) && v > 0)
        return 1;
    if (!mx.inf && rw_lin_const(&mx.v, &v) && v < 0)
        return 1;
    return 0;
}

/* Whether no solution has directions dv: some equation excludes it, or the
 * exact per-level answers do. */
static int dv_excluded(const struct prob *P, const int *dv)
{
    if (P->G == NONE)
        return 1;
    for (unsigned p = 0; p < P->npar; p++) {
        const int *s = P->S[p];
        if (dv[p] == STAR ? (s[LT] == NONE && s[EQ] == NONE && s[GT] == NONE) : s[dv[p]] == NONE)
            return 1;
    }
    for (unsigned i = 0; i < P->neq; i++)
        if (eq_excluded(P, &P->eq[i], dv))
            return 1;
    return 0;
}

/* Whether every refinement of dv from level `from` on is excluded (NONE),
 * refining '*' levels one at a time while the budget lasts. */
static int dv_refute(struct prob *P, int *dv, unsigned from)
{
    if (P->budget-- <= 0)
        return 0;
    if (dv_excluded(P, dv))
        return 1;
    while (from < P->npar && dv[from] != STAR)
        from++;
    if (from == P->npar)
        return 0;
    int ok = 1;
    for (int d = LT; d <= GT && ok; d++) {
        dv[from] = d;
        ok = dv_refute(P, dv, from + 1);
    }
    dv[from] = STAR;
    return ok;
}

/* Whether no solution has a's iteration before b's (dir LT) or after it
 * (GT) on the parallel levels. */
static int order_refuted(struct prob *P, int dir)
{
    int dv[RW_DEP_MAXVAR];
    for (unsigned k = 0; k < P->npar; k++) {
        for (unsigned p = 0; p < P->npar; p++)
            dv[p] = p < k ? EQ : p == k ? dir : STAR;
        if (!dv_refute(P, dv, k + 1))
            return 0;
    }
    return 1;
}

/* The exact answer for order dir from the per-level answers: some level k
 * has dir, the levels before it are equal and the ones after it anything. */
static int order_exact(const struct prob *P, int dir)
{
    int ans = NONE;
    for (unsigned k = 0; k < P->npar; k++) {
        int v = P->G;
        for (unsigned p = 0; p < P->npar; p++) {
            const int *s = P->S[p];
            v = min2(v, p < k ? s[EQ] : p == k ? s[dir] : max2(s[LT], max2(s[EQ], s[GT])));
        }
        ans = max2(ans, v);
    }
    return ans;
}

/* ---- setting up -------------------------------------------------------------- */

/* The constant coefficients of sub over n loops in k; 0 when one is not
 * constant. */
static int const_coefs(const struct rw_dep_sub *s, unsigned n, long *k)
{
    for (unsigned v = 0; v < n; v++)
        if (!rw_lin_const(&s->coef[v], &k[v]))
            return 0;
    return 1;
}

/* A subscript with constant coefficients: k[v] x_v + rest. */
struct csub {
    long k[RW_DEP_MAXVAR];
    struct rw_lin rest;
};

/* Split sub (over the n loops r) as s * F + G with F's and G's
 * coefficients constant, F's rest constant and G >= 0 over the box of r;
 * stores G's minimum and maximum over that box in g[0] and g[1].  0 when
 * it does not split. */
static int split(const struct rw_dep_sub *sub, unsigned n, const struct rw_dep_range *r,
                 const struct rw_lin *s, struct csub *F, struct csub *G, struct rw_lin *g)
{
    unsigned sym = s->sym[0];
    long ks = s->k[0];
    struct bnd mn = { 0, lin_k(0) }, mx = { 0, lin_k(0) };
    for (unsigned v = 0; v <= n; v++) {
        const struct rw_lin *l = v < n ? &sub->coef[v] : &sub->rest;
        struct rw_lin rem;
        long kl = 0, f;
        for (unsigned t = 0; t < l->n; t++)
            if (l->sym[t] == sym)
                kl = l->k[t];
        if (kl == LONG_MIN || ks == LONG_MIN || kl % ks != 0)
            return 0;
        f = kl / ks;
        if (rw_lin_addmul(&rem, l, -f, s) < 0)
            return 0;
        if (v < n) {
            F->k[v] = f;
            if (!rw_lin_const(&rem, &G->k[v]))
                return 0;
            ban_box(&mn, &mx, G->k[v], &r[v]);
        } else {
            F->rest = lin_k(f);
            G->rest = rem;
            bnd_add(&mn, 1, &rem);
            bnd_add(&mx, 1, &rem);
        }
    }
    long c;
    if (mn.inf || mx.inf || !rw_lin_const(&mn.v, &c) || c < 0)
        return 0;
    g[0] = mn.v;
    g[1] = mx.v;
    return 1;
}

/* Whether u <= v for every value of the symbols. */
static int lin_le(const struct rw_lin *u, const struct rw_lin *v)
{
    struct rw_lin d;
    long c;
    return rw_lin_addmul(&d, v, -1, u) == 0 && rw_lin_const(&d, &c) && c >= 0;
}

/* Add the equation sa = sb (constant coefficients) to P; 0 or -1 when P
 * is full or it overflows. */
static int add_eq(struct prob *P, const long *ka, const struct rw_lin *ra, const long *kb,
                  const struct rw_lin *rb)
{
    struct eqn *e;
    if (P->neq == MAXEQ)
        return -1;
    e = &P->eq[P->neq];
    memset(e, 0, sizeof *e);
    for (unsigned v = 0; v < P->na; v++) {
        if (ka[v] == LONG_MIN)
            return -1;
        e->ca[v] = ka[v];
    }
    for (unsigned v = 0; v < P->nb; v++) {
        if (kb[v] == LONG_MIN)
            return -1;
        e->cb[v] = kb[v];
    }
    if (lin_diff(&e->c, rb, ra, 0) < 0 || e->c.c == LONG_MIN)
        return -1;
    for (unsigned t = 0; t < e->c.n; t++)
        if (e->c.k[t] == LONG_MIN)
            return -1;
    P->neq++;
    return 0;
}

/* Delinearize dimension sa/sb (a coefficient is symbolic) into two
 * equations; 0 on success. */
static int delinearize(struct prob *P, const struct rw_dep_sub *sa, const struct rw_dep_sub *sb)
{
    for (int side = 0; side < 2; side++) {
        const struct rw_dep_sub *s0 = side ? sb : sa;
        unsigned n0 = side ? P->nb : P->na;
        for (unsigned v = 0; v < n0; v++) {
            const struct rw_lin *s = &s0->coef[v];
            struct csub Fa, Ga, Fb, Gb;
            struct rw_lin ga[2], gb[2], top, one = lin_k(1);
            if (rw_lin_const(s, NULL))
                continue;
            if (!split(sa, P->na, P->ra, s, &Fa, &Ga, ga) || !split(sb, P->nb, P->rb, s, &Fb, &Gb, gb) ||
                rw_lin_addmul(&top, s, -1, &one) < 0)
                continue;
            /* Both G <= s - 1: directly, or below the other's minimum or
             * maximum when that one's maximum is at most s - 1 (a dependence
             * needs both accesses to run, so the other's box is not empty). */
            int oka = lin_le(&ga[1], &top), okb = lin_le(&gb[1], &top);
            if (!oka && okb)
                oka = lin_le(&ga[1], &gb[0]) || lin_le(&ga[1], &gb[1]);
            if (!okb && oka)
                okb = lin_le(&gb[1], &ga[0]) || lin_le(&gb[1], &ga[1]);
            if (!oka || !okb)
                continue;
            unsigned keep = P->neq;
            if (add_eq(P, Fa.k, &Fa.rest, Fb.k, &Fb.rest) == 0 &&
                add_eq(P, Ga.k, &Ga.rest, Gb.k, &Gb.rest) == 0)
                return 0;
            P->neq = keep;
        }
    }
    return -1;
}

/* Whether the contract's limits hold for access x. */
static int access_ok(const struct rw_dep_access *x)
{
    if (x->ndim > RW_DEP_MAXDIM || x->nloop > RW_DEP_MAXVAR)
        return 0;
    for (unsigned d = 0; d < x->ndim; d++) {
        if (x->sub[d].rest.n > RW_DEP_MAXSYM)
            return 0;
        for (unsigned v = 0; v < x->nloop; v++)
            if (x->sub[d].coef[v].n > RW_DEP_MAXSYM)
                return 0;
    }
    for (unsigned v = 0; v < x->nloop; v++)
        if (x->loop[v].lo.n > RW_DEP_MAXSYM || x->loop[v].hi.n > RW_DEP_MAXSYM)
            return 0;
    return 1;
}

/* Whether form l holds LONG_MIN, which the tests do not negate safely. */
static int lin_extreme(const struct rw_lin *l)
{
    if (l->c == LONG_MIN)
        return 1;
    for (unsigned t = 0; t < l->n; t++)
        if (l->k[t] == LONG_MIN)
            return 1;
    return 0;
}

/* Whether some form of access x holds LONG_MIN. */
static int access_extreme(const struct rw_dep_access *x)
{
    for (unsigned d = 0; d < x->ndim; d++) {
        if (lin_extreme(&x->sub[d].rest))
            return 1;
        for (unsigned v = 0; v < x->nloop; v++)
            if (lin_extreme(&x->sub[d].coef[v]))
                return 1;
    }
    for (unsigned v = 0; v < x->nloop; v++)
        if (lin_extreme(&x->loop[v].lo) || lin_extreme(&x->loop[v].hi))
            return 1;
    return 0;
}

/* Normalize every form of access x (within the limits access_ok checked);
 * -1 when one overflows. */
static int access_norm(struct rw_dep_access *x)
{
    int rc = 0;
    for (unsigned d = 0; d < x->ndim; d++) {
        rc |= lin_norm_ok(&x->sub[d].rest);
        for (unsigned v = 0; v < x->nloop; v++)
            rc |= lin_norm_ok(&x->sub[d].coef[v]);
    }
    for (unsigned v = 0; v < x->nloop; v++)
        rc |= lin_norm_ok(&x->loop[v].lo) | lin_norm_ok(&x->loop[v].hi);
    return rc;
}

/* Classify each equation and run its exact test. */
static void exact_tests(struct prob *P)
{
    unsigned usea[RW_DEP_MAXVAR] = { 0 }, useb[RW_DEP_MAXVAR] = { 0 };
    for (unsigned i = 0; i < P->neq; i++) {
        for (unsigned v = P->npar; v < P->na; v++) usea[v] += P->eq[i].ca[v] != 0;
        for (unsigned v = P->npar; v < P->nb; v++) useb[v] += P->eq[i].cb[v] != 0;
    }
    for (unsigned i = 0; i < P->neq; i++) {
        const struct eqn *e = &P->eq[i];
        unsigned npl = 0, lvl = 0, npv = 0, shared = 0;
        long k[2];
        const struct rw_dep_range *r[2];
        for (unsigned p = 0; p < P->npar; p++)
            if (e->ca[p] || e->cb[p]) {
                npl++;
                lvl = p;
            }
        for (unsigned v = P->npar; v < P->na; v++)
            if (e->ca[v]) {
                if (npv < 2) { k[npv] = e->ca[v]; r[npv] = &P->ra[v]; }
                npv++;
                shared |= usea[v] > 1;
            }
        for (unsigned v = P->npar; v < P->nb; v++)
            if (e->cb[v]) {
                if (npv < 2) { k[npv] = -e->cb[v]; r[npv] = &P->rb[v]; }
                npv++;
                shared |= useb[v] > 1;
            }
        if (npl == 0 && npv == 0) {
            long c;
            if (!rw_lin_const(&e->c, &c)) {
                P->G = min2(P->G, MAYBE);
                inexact(P, "the subscripts differ by a symbolic amount");
            } else if (c != 0) {
                P->G = NONE;
            }
        } else if (npl == 1 && npv == 0) {
            siv_level(P, e, lvl);
        } else if (npl == 0) {
            if (npv > 2 || shared) {
                P->G = min2(P->G, MAYBE);
                inexact(P, "a subscript uses several inner-loop variables");
            } else {
                P->G = min2(P->G, priv_test(P, npv, k, r, &e->c));
            }
        } else if (npv == 0) {
            inexact(P, "a subscript uses several variables of the parallel loops");
        } else {
            inexact(P, "a subscript combines the parallel loop's variable with an inner loop's");
        }
    }
}

/* The free answers of level p (no subscript constrains it): = needs one
 * iteration, < and > two. */
static void level_free(struct prob *P, unsigned p)
{
    const struct rw_dep_range *r = &P->ra[p];
    struct conds one = { 0 }, two = { 0 };
    cond_le(&one, lo_of(r), 0, hi_of(r), 1, 1, r);
    cond_le(&two, lo_of(r), 1, hi_of(r), 1, 1, r);
    P->S[p][EQ] = cond_eval(P, &one, NULL);
    P->S[p][LT] = P->S[p][GT] = cond_eval(P, &two, NULL);
    P->lkind[p] = LK_FREE;
}

/* Meet into P->G that every inner loop of access x (ranges r, n loops)
 * runs at least once: an access inside an empty loop never happens. */
static void inner_loops_run(struct prob *P, const struct rw_dep_range *r, unsigned n)
{
    for (unsigned v = P->npar; v < n; v++) {
        struct conds C = { 0 };
        cond_le(&C, lo_of(&r[v]), 0, hi_of(&r[v]), 1, 1, &r[v]);
        P->G = min2(P->G, cond_eval(P, &C, NULL));
    }
}

/* dep.h.  Runs in the rewriter. */
int rw_dep_test(const struct rw_dep_access *a0, const struct rw_dep_access *b0, unsigned npar,
                struct rw_dep_out *out)
{
    struct rw_dep_access a, b;
    struct prob P;
    memset(out, 0, sizeof *out);
    out->before = out->after = MAYBE;
    if (!a0 || !b0 || a0->ndim != b0->ndim || !access_ok(a0) || !access_ok(b0) || npar < 1 ||
        npar > a0->nloop || npar > b0->nloop)
        return -1;
    a = *a0;
    b = *b0;
    if (access_norm(&a) < 0 || access_norm(&b) < 0 || access_extreme(&a) || access_extreme(&b)) {
        out->why = "the arithmetic overflows";
        return 0;
    }
    memset(&P, 0, sizeof P);
    P.npar = npar;
    P.na = a.nloop;
    P.nb = b.nloop;
    P.ra = a.loop;
    P.rb = b.loop;
    P.exact = 1;
    P.G = PROVEN;
    for (unsigned d = 0; d < a.ndim; d++) {
        long ka[RW_DEP_MAXVAR], kb[RW_DEP_MAXVAR];
        if (const_coefs(&a.sub[d], P.na, ka) && const_coefs(&b.sub[d], P.nb, kb)) {
            if (add_eq(&P, ka, &a.sub[d].rest, kb, &b.sub[d].rest) < 0)
                inexact(&P, "the arithmetic overflows");
        } else if (delinearize(&P, &a.sub[d], &b.sub[d]) < 0) {
            inexact(&P, "a coefficient is not a constant");
        }
    }
    for (unsigned p = 0; p < npar; p++)
        level_free(&P, p);
    inner_loops_run(&P, P.ra, P.na);
    inner_loops_run(&P, P.rb, P.nb);
    exact_tests(&P);

    int cap = P.exact ? PROVEN : MAYBE;
    int dv[RW_DEP_MAXVAR];
    for (unsigned p = 0; p < npar; p++)
        dv[p] = STAR;
    P.budget = BUDGET;
    if (dv_excluded(&P, dv)) {
        out->before = out->after = NONE;
    } else {
        out->before = order_refuted(&P, LT) ? NONE : min2(order_exact(&P, LT), cap);
        out->after = order_refuted(&P, GT) ? NONE : min2(order_exact(&P, GT), cap);
    }
    if (out->before != NONE || out->after != NONE) {
        out->dist_known = 1;
        for (unsigned p = 0; p < npar; p++) {
            long d;
            if (P.lkind[p] != LK_DIST || !rw_lin_const(&P.ldist[p], &d)) {
                out->dist_known = 0;
                break;
            }
            out->dist[p] = d;
        }
        if (!out->dist_known)
            memset(out->dist, 0, sizeof out->dist);
    }
    if (out->before != PROVEN && out->after != PROVEN && !(out->before == NONE && out->after == NONE))
        out->why = P.why ? P.why : "the dependence tests cannot decide";
    return 0;
}
