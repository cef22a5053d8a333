/*
 * dep.h - dependence tests over affine subscripts.
 *
 * The arithmetic core of the rewriter's loop analysis (dep.c), kept free of
 * libclang so that it can be tested on its own (test/unit/dep_test.c).  The
 * caller (the loop analysis) reduces two accesses to the same array to this
 * form; dep.c says whether two different iterations of the parallel loop
 * (the annotated loop, or the collapsed levels of its nest) can touch the
 * same element through them, in which order, and at what distance.
 *
 * Model
 *   - Loop-invariant values the subscripts or bounds use (n, a parameter, a
 *     global read in the loop but never written there) are symbols, named
 *     by small integers the caller chooses: the same id is the same value
 *     in both accesses.  Nothing is assumed about a symbol's value.
 *   - Every loop variable ranges over the integers of [lo, hi] with step 1;
 *     the caller normalizes other steps (i = lb + s*k).  A bound the caller
 *     cannot express (or widen soundly: a triangular bound replaced by its
 *     extreme over the outer loop's range) is left out (has_lo/has_hi 0).
 *   - Levels 0..npar-1 of both accesses are the parallel loop's levels,
 *     outermost first, with the same bounds in both.  Each access's further
 *     levels are loops of the body around it, private to that access: two
 *     instances of them are independent unknowns.
 *   - A subscript is sum coef[v] * x_v + rest, with coefficients and rest
 *     linear forms over symbols.  A coefficient that is not a constant
 *     (a[i*n + j]) is delinearized when both subscripts split the same way
 *     as s*F + G with G provably in [0, s - 1] (dimensions [F][G]);
 *     otherwise the pair is undecided.
 *
 * Answers are sound: NONE only when no two different parallel iterations
 * can touch one element; PROVEN only when an integer solution exists for
 * every trip count larger than the distance (symbolic bounds are taken to
 * be large enough), so that an error built on it is never false for a loop
 * that runs more than |distance| iterations.  Everything else is MAYBE.
 */
#ifndef RW_DEP_H
#define RW_DEP_H

#define RW_DEP_MAXSYM 8  /* symbols in one linear form */
#define RW_DEP_MAXVAR 16 /* loops around one access */
#define RW_DEP_MAXDIM 8  /* subscripts of one access */

/* c + sum k[t] * (symbol sym[t]), t < n; no two terms share a symbol and
 * no k[t] is 0 (rw_lin_norm). */
struct rw_lin {
    long c;
    unsigned n;
    unsigned sym[RW_DEP_MAXSYM];
    long k[RW_DEP_MAXSYM];
};

/* The range of one loop variable. */
struct rw_dep_range {
    struct rw_lin lo, hi;   /* inclusive */
    int has_lo, has_hi;
};

/* One subscript: sum coef[v] * x_v + rest over the access's loops. */
struct rw_dep_sub {
    struct rw_lin coef[RW_DEP_MAXVAR];
    struct rw_lin rest;
};

/* One access, as the caller reduced it. */
struct rw_dep_access {
    unsigned ndim;                         /* subscripts, outermost first */
    struct rw_dep_sub sub[RW_DEP_MAXDIM];
    unsigned nloop;                        /* loops around it, parallel ones first */
    struct rw_dep_range loop[RW_DEP_MAXVAR];
};

/* What is known of one order between the two parallel iterations. */
enum rw_dep_answer {
    RW_DEP_NONE,    /* impossible */
    RW_DEP_MAYBE,   /* not excluded, not proven */
    RW_DEP_PROVEN   /* an integer solution exists (see above) */
};

/* The result of rw_dep_test for accesses a and b. */
struct rw_dep_out {
    int before;     /* enum rw_dep_answer: a's iteration precedes b's
                     * (lexicographically over the parallel levels) */
    int after;      /* a's iteration follows b's */
    int dist_known; /* the distance vector is a constant */
    long dist[RW_DEP_MAXVAR]; /* b's iteration minus a's, per parallel level */
    const char *why; /* when neither answer is PROVEN nor both NONE: a
                      * static string saying what kept the tests from
                      * deciding ("a coefficient is not a constant", ...) */
};

/* Normalize l: merge terms of the same symbol, drop zero terms. */
void rw_lin_norm(struct rw_lin *l);
/* r = a + m * b (normalized); returns 0, or -1 when the result has more
 * than RW_DEP_MAXSYM terms or overflows a long. */
int rw_lin_addmul(struct rw_lin *r, const struct rw_lin *a, long m, const struct rw_lin *b);
/* Whether l is the constant *c (stored when so). */
int rw_lin_const(const struct rw_lin *l, long *c);

/* Test whether a's and b's instances in two different iterations of the
 * first npar levels (1 <= npar <= min(a->nloop, b->nloop)) can touch the
 * same element; a and b have the same ndim.  Fills *out; returns 0, or -1
 * when the arguments break the contract above. */
int rw_dep_test(const struct rw_dep_access *a, const struct rw_dep_access *b, unsigned npar,
                struct rw_dep_out *out);

#endif /* RW_DEP_H */
