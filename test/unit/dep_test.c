/*
 * dep_test.c - table-driven and randomized test of the dependence tests
 * (tool/dep.c) against brute force.
 *
 * Each table row is a pair of accesses written as C subscripts over named
 * loops, after an example of the literature (the row names it; "after"
 * means adapted), with the answers dep.c must give: before/after (N none,
 * M maybe, P proven) and the distance vector when it is a constant.  Every
 * expectation is checked by enumeration too, so the table cannot hold a
 * wrong one: with the symbols set to each value of VALS, N must mean no
 * two different parallel iterations touch one element; P must mean such a
 * pair in that order exists whenever every trip count is at least LARGE;
 * a distance must be the distance of every such pair.  A missing bound is
 * enumerated over a window of WIN values.
 *
 * The randomized part draws small problems (1-2 parallel levels, 0-1 inner
 * loop per access, 1-2 dimensions, coefficients in [-3, 3], constant
 * bounds, sometimes a symbol) with a fixed seed and checks every answer
 * against brute force the same way; single-level, single-dimension
 * problems with constant bounds must also be decided (never M).
 *
 * Prints one line per failing row or case; exits non-zero on any failure.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dep.h"

#define NSYM 4
#define WIN 24      /* a missing bound: this far from the other one, or from 0 */
#define LARGE 12    /* trip count from which P must hold */
#define MAXIT 40000 /* iterations enumerated per access */

static const long VALS[] = { -2, 0, 1, 3, 7, 12, 17, 30 };
#define NVALS (sizeof VALS / sizeof VALS[0])

/* ---- a tiny parser for subscripts and bounds ---------------------------------- */

struct names {
    unsigned n;
    char name[RW_DEP_MAXVAR][8];
};

static char symname[NSYM][8];
static unsigned nsym;
static int parse_error;

/* The id of symbol s[0..len), added when new. */
static unsigned sym_id(const char *s, size_t len)
{
    for (unsigned i = 0; i < nsym; i++)
        if (strlen(symname[i]) == len && memcmp(symname[i], s, len) == 0)
            return i;
    if (nsym == NSYM || len >= 8) {
        parse_error = 1;
        return 0;
    }
    memcpy(symname[nsym], s, len);
    symname[nsym][len] = 0;
    return nsym++;
}

static int var_id(const struct names *v, const char *s, size_t len)
{
    for (unsigned i = 0; v && i < v->n; i++)
        if (strlen(v->name[i]) == len && memcmp(v->name[i], s, len) == 0)
            return (int)i;
    return -1;
}

/* l += k * symbol (sym < 0: k * 1). */
static void lin_add(struct rw_lin *l, long k, int sym)
{
    if (sym < 0) {
        l->c += k;
        return;
    }
    l->sym[l->n] = (unsigned)sym;
    l->k[l->n++] = k;
    rw_lin_norm(l);
}

/* Parse a sum of terms (each a product of integers, at most one symbol and
 * at most one loop variable of vars) up to ',' ':' or the end.  Variable
 * terms go to coef (when coef is NULL a variable is an error). */
static const char *parse_sum(const char *p, const struct names *vars, struct rw_lin *coef,
                             struct rw_lin *rest)
{
    memset(rest, 0, sizeof *rest);
    if (coef)
        memset(coef, 0, RW_DEP_MAXVAR * sizeof *coef);
    int sign = 1;
    while (*p && *p != ',' && *p != ':') {
        long k = sign;
        int sym = -1, var = -1;
        sign = 1;
        while (*p == ' ') p++;
        if (*p == '-') { k = -k; p++; }
        else if (*p == '+') p++;
        for (;;) {
            while (*p == ' ') p++;
            if (isdigit((unsigned char)*p)) {
                k *= strtol(p, (char **)&p, 10);
            } else if (isalpha((unsigned char)*p)) {
                const char *s = p;
                while (isalnum((unsigned char)*p)) p++;
                int v = var_id(vars, s, (size_t)(p - s));
                if (v >= 0) {
                    if (var >= 0 || !coef) parse_error = 1;
                    var = v;
                } else {
                    if (sym >= 0) parse_error = 1;
                    sym = (int)sym_id(s, (size_t)(p - s));
                }
            } else {
                parse_error = 1;
                return p;
            }
            while (*p == ' ') p++;
            if (*p != '*')
                break;
            p++;
        }
        if (var >= 0)
            lin_add(&coef[var], k, sym);
        else
            lin_add(rest, k, sym);
        while (*p == ' ') p++;
        if (*p == '-' ) { sign = -1; p++; }
        else if (*p == '+') p++;
        else if (*p && *p != ',' && *p != ':') { parse_error = 1; return p; }
    }
    return p;
}

/* Parse "i=lo:hi,j=lo:hi" (a bound "?" is missing) appending to vars and r. */
static void parse_loops(const char *p, struct names *vars, struct rw_dep_range *r)
{
    while (p && *p) {
        const char *s = p;
        while (isalnum((unsigned char)*p)) p++;
        if (*p != '=' || vars->n == RW_DEP_MAXVAR) { parse_error = 1; return; }
        unsigned v = vars->n++;
        memcpy(vars->name[v], s, (size_t)(p - s));
        vars->name[v][p - s] = 0;
        p++;
        memset(&r[v], 0, sizeof r[v]);
        if (*p == '?') { p++; } else { p = parse_sum(p, NULL, NULL, &r[v].lo); r[v].has_lo = 1; }
        if (*p != ':') { parse_error = 1; return; }
        p++;
        if (*p == '?') { p++; } else { p = parse_sum(p, NULL, NULL, &r[v].hi); r[v].has_hi = 1; }
        if (*p == ',') p++;
        else if (*p) { parse_error = 1; return; }
    }
}

/* Build one access: the parallel loops par, its own loops own, subscripts
 * subs ("i + 1, j"). */
static void build(struct rw_dep_access *x, const char *par, const char *own, const char *subs)
{
    struct names vars = { 0 };
    memset(x, 0, sizeof *x);
    parse_loops(par, &vars, x->loop);
    parse_loops(own, &vars, x->loop);
    x->nloop = vars.n;
    const char *p = subs;
    while (*p) {
        if (x->ndim == RW_DEP_MAXDIM) { parse_error = 1; return; }
        struct rw_dep_sub *s = &x->sub[x->ndim++];
        p = parse_sum(p, &vars, s->coef, &s->rest);
        if (*p == ',') p++;
        else if (*p) { parse_error = 1; return; }
    }
}

/* ---- brute force ----------------------------------------------------------------- */

static long lin_eval(const struct rw_lin *l, const long *sv)
{
    long v = l->c;
    for (unsigned t = 0; t < l->n; t++)
        v += l->k[t] * sv[l->sym[t]];
    return v;
}

/* What enumeration found for one assignment of the symbols. */
struct found {
    int before, after;   /* a pair in that order exists */
    int dist_ok;         /* every such pair has distance want (when given) */
    long first[RW_DEP_MAXVAR];
    int large;           /* every trip count is at least LARGE */
    int too_big;
};

struct iters {
    unsigned n;
    long par[MAXIT][3];
    long elem[MAXIT][RW_DEP_MAXDIM];
};
static struct iters ia, ib;

/* The concrete range of loop r under sv. */
static void range_of(const struct rw_dep_range *r, const long *sv, long *lo, long *hi)
{
    *lo = r->has_lo ? lin_eval(&r->lo, sv) : (r->has_hi ? lin_eval(&r->hi, sv) - WIN : -WIN);
    *hi = r->has_hi ? lin_eval(&r->hi, sv) : *lo + (r->has_lo ? WIN : 2 * WIN);
}

/* Enumerate x's iterations under sv into it; 0, or -1 when too many. */
static int enumerate(const struct rw_dep_access *x, unsigned npar, const long *sv, struct iters *it)
{
    long lo[RW_DEP_MAXVAR], hi[RW_DEP_MAXVAR], v[RW_DEP_MAXVAR];
    it->n = 0;
    for (unsigned i = 0; i < x->nloop; i++) {
        range_of(&x->loop[i], sv, &lo[i], &hi[i]);
        if (lo[i] > hi[i])
            return 0;
        v[i] = lo[i];
    }
    for (;;) {
        if (it->n == MAXIT)
            return -1;
        for (unsigned p = 0; p < npar; p++)
            it->par[it->n][p] = v[p];
        for (unsigned d = 0; d < x->ndim; d++) {
            long e = lin_eval(&x->sub[d].rest, sv);
            for (unsigned i = 0; i < x->nloop; i++)
                e += lin_eval(&x->sub[d].coef[i], sv) * v[i];
            it->elem[it->n][d] = e;
        }
        it->n++;
        unsigned i = x->nloop;
        while (i > 0 && v[i - 1] == hi[i - 1]) {
            v[i - 1] = lo[i - 1];
            i--;
        }
        if (i == 0)
            return 0;
        v[i - 1]++;
    }
}

static unsigned sort_ndim, order[MAXIT];

static int elem_cmp(const long *x, const long *y)
{
    for (unsigned d = 0; d < sort_ndim; d++)
        if (x[d] != y[d])
            return x[d] < y[d] ? -1 : 1;
    return 0;
}

static int by_elem(const void *x, const void *y)
{
    return elem_cmp(ib.elem[*(const unsigned *)x], ib.elem[*(const unsigned *)y]);
}

/* Brute force for a and b under sv; want: the distance to check, or NULL. */
static void brute(const struct rw_dep_access *a, const struct rw_dep_access *b, unsigned npar,
                  const long *sv, const long *want, struct found *f)
{
    memset(f, 0, sizeof *f);
    f->dist_ok = 1;
    f->large = 1;
    for (int s = 0; s < 2; s++) {
        const struct rw_dep_access *x = s ? b : a;
        for (unsigned i = 0; i < x->nloop; i++) {
            const struct rw_dep_range *r = &x->loop[i];
            long lo, hi;
            if ((!r->has_lo || rw_lin_const(&r->lo, NULL)) && (!r->has_hi || rw_lin_const(&r->hi, NULL)))
                continue; /* a constant trip count is what it is */
            range_of(r, sv, &lo, &hi);
            if (hi - lo + 1 < LARGE)
                f->large = 0;
        }
    }
    if (enumerate(a, npar, sv, &ia) < 0 || enumerate(b, npar, sv, &ib) < 0) {
        f->too_big = 1;
        return;
    }
    /* b's iterations sorted by element; each of a's looks up its equals. */
    sort_ndim = a->ndim;
    for (unsigned j = 0; j < ib.n; j++)
        order[j] = j;
    qsort(order, ib.n, sizeof *order, by_elem);
    for (unsigned i = 0; i < ia.n; i++) {
        unsigned lo = 0, hi = ib.n;
        while (lo < hi) {
            unsigned mid = (lo + hi) / 2;
            if (elem_cmp(ib.elem[order[mid]], ia.elem[i]) < 0) lo = mid + 1;
            else hi = mid;
        }
        for (unsigned q = lo; q < ib.n && elem_cmp(ib.elem[order[q]], ia.elem[i]) == 0; q++) {
            unsigned j = order[q];
            int ord = 0;
            for (unsigned p = 0; p < npar && !ord; p++)
                ord = ia.par[i][p] < ib.par[j][p] ? -1 : ia.par[i][p] > ib.par[j][p] ? 1 : 0;
            if (!ord)
                continue;
            if (ord < 0) f->before = 1;
            else f->after = 1;
            for (unsigned p = 0; p < npar; p++) {
                if (want && ib.par[j][p] - ia.par[i][p] != want[p])
                    f->dist_ok = 0;
            }
        }
    }
}

/* Check answers out for a and b against brute force over every assignment
 * of the symbols from VALS; label names the row or case.  Returns 0 when
 * all agree. */
static int verify(const char *label, const struct rw_dep_access *a, const struct rw_dep_access *b,
                  unsigned npar, unsigned ns, const struct rw_dep_out *out)
{
    long sv[NSYM] = { 0 };
    unsigned total = 1, large_seen = 0;
    int bad = 0;
    for (unsigned i = 0; i < ns; i++)
        total *= NVALS;
    for (unsigned c = 0; c < total && !bad; c++) {
        unsigned x = c;
        for (unsigned i = 0; i < ns; i++, x /= NVALS)
            sv[i] = VALS[x % NVALS];
        struct found f;
        brute(a, b, npar, sv, out->dist_known ? out->dist : NULL, &f);
        if (f.too_big) {
            printf("FAIL %s: too many iterations to enumerate\n", label);
            return 1;
        }
        if ((out->before == RW_DEP_NONE && f.before) || (out->after == RW_DEP_NONE && f.after)) {
            printf("FAIL %s: answered none but a pair exists (symbols %ld %ld %ld)\n", label, sv[0],
                   sv[1], sv[2]);
            bad = 1;
        }
        if (f.large) {
            large_seen = 1;
            if ((out->before == RW_DEP_PROVEN && !f.before) || (out->after == RW_DEP_PROVEN && !f.after)) {
                printf("FAIL %s: answered proven but no pair exists (symbols %ld %ld %ld)\n", label,
                       sv[0], sv[1], sv[2]);
                bad = 1;
            }
        }
        if (out->dist_known && !f.dist_ok) {
            printf("FAIL %s: a pair has another distance than the one answered\n", label);
            bad = 1;
        }
    }
    if (!large_seen && (out->before == RW_DEP_PROVEN || out->after == RW_DEP_PROVEN)) {
        printf("FAIL %s: no assignment of the symbols has every trip count large\n", label);
        bad = 1;
    }
    return bad;
}

/* ---- the table ------------------------------------------------------------------- */

struct row {
    const char *src;
    const char *par, *own_a, *own_b; /* loops: parallel, a's inner, b's inner */
    const char *a, *b;               /* subscripts */
    char before, after;              /* N, M, P */
    const char *dist;                /* "1,0", or NULL: not a constant */
};

#define AK_STRONG "after Allen & Kennedy 2001, sec. 3.3 (strong SIV)"
#define AK_WZ "after Allen & Kennedy 2001, sec. 3.3 (weak-zero SIV)"
#define AK_WC "after Allen & Kennedy 2001, sec. 3.3 (weak-crossing SIV)"
#define AK_INNER "after Allen & Kennedy 2001, ch. 2 (dependence carried by an inner loop)"
#define GKT_ZIV "after Goff, Kennedy & Tseng 1991 (ZIV)"
#define GKT_SYM "after Goff, Kennedy & Tseng 1991 (symbolic SIV)"
#define GKT_MIV "after Goff, Kennedy & Tseng 1991 (coupled and MIV subscripts)"
#define W_GCD "after Wolfe 1996 (GCD test)"
#define W_DIR "after Wolfe 1996 (direction vectors)"
#define W_EXACT "after Wolfe 1996 (exact SIV test)"
#define B_EUCLID "after Banerjee 1988 (linear diophantine equations)"
#define B_INEQ "after Banerjee 1988 (Banerjee inequalities)"
#define MASLOV "after Maslov 1992 (delinearization)"
#define MHL "after Maydan, Hennessy & Lam 1991 (single variable per constraint)"
#define PSARRIS "after Psarris, Klappholz & Wang 1991 (Banerjee's test misses integrality)"

static const struct row rows[] = {
    /* strong SIV */
    { AK_STRONG, "i=1:100", "", "", "i+1", "i", 'P', 'N', "1" },
    { AK_STRONG, "i=1:100", "", "", "i", "i+1", 'N', 'P', "-1" },
    { AK_STRONG, "i=1:100", "", "", "i", "i", 'N', 'N', NULL },
    { AK_STRONG, "i=1:10", "", "", "i+10", "i", 'N', 'N', NULL },
    { AK_STRONG, "i=1:10", "", "", "i+9", "i", 'P', 'N', "9" },
    { AK_STRONG, "i=1:100", "", "", "2*i+2", "2*i", 'P', 'N', "1" },
    { AK_STRONG, "i=1:100", "", "", "2*i", "2*i-2", 'P', 'N', "1" },
    { AK_STRONG, "i=1:n", "", "", "i+1", "i", 'P', 'N', "1" },
    { AK_STRONG, "i=?:?", "", "", "i+1", "i", 'P', 'N', "1" },
    { AK_STRONG, "i=0:?", "", "", "i", "i+3", 'N', 'P', "-3" },
    { AK_STRONG, "i=?:n", "", "", "i-2", "i", 'N', 'P', "-2" },
    /* symbolic strong SIV */
    { GKT_SYM, "i=0:n-1", "", "", "i", "i+n", 'N', 'N', NULL },
    { GKT_SYM, "i=1:n", "", "", "i+n", "i", 'N', 'N', NULL },
    { GKT_SYM, "i=1:n", "", "", "i+2*n", "i", 'N', 'N', NULL },
    { GKT_SYM, "i=1:n", "", "", "i+n-1", "i", 'P', 'N', NULL },
    { GKT_SYM, "i=1:100", "", "", "i", "i+n", 'M', 'M', NULL },
    { GKT_SYM, "i=1:n", "", "", "2*i+n", "2*i+n+4", 'N', 'P', "-2" },
    /* GCD */
    { W_GCD, "i=1:100", "", "", "2*i", "2*i+1", 'N', 'N', NULL },
    { W_GCD, "i=1:100", "", "", "3*i", "3*i+2", 'N', 'N', NULL },
    { W_GCD, "i=1:100", "", "", "6*i", "9*i+1", 'N', 'N', NULL },
    { W_GCD, "i=?:?", "", "", "2*i", "2*i+3", 'N', 'N', NULL },
    { W_GCD, "i=1:10,j=1:10", "", "", "2*i+2*j", "2*i+2*j+1", 'N', 'N', NULL },
    { W_GCD, "i=1:10", "k=1:10", "k=1:10", "4*i+2*k", "4*i+6*k+1", 'N', 'N', NULL },
    /* ZIV */
    { GKT_ZIV, "i=1:100", "", "", "5", "6", 'N', 'N', NULL },
    { GKT_ZIV, "i=1:100", "", "", "5", "5", 'P', 'P', NULL },
    { GKT_ZIV, "i=1:100", "", "", "n", "n+1", 'N', 'N', NULL },
    { GKT_ZIV, "i=1:100", "", "", "n", "m", 'M', 'M', NULL },
    { GKT_ZIV, "i=1:100", "", "", "n+1", "n+1", 'P', 'P', NULL },
    { GKT_ZIV, "i=1:100", "", "", "2*n", "2*m+1", 'N', 'N', NULL },
    { GKT_ZIV, "i=1:100", "", "", "i,3", "i+1,4", 'N', 'N', NULL },
    /* weak-zero SIV */
    { AK_WZ, "i=1:n", "", "", "i,n", "1,n", 'P', 'N', NULL },
    { AK_WZ, "i=1:n", "", "", "i,n", "n,n", 'N', 'P', NULL },
    { AK_WZ, "i=1:100", "", "", "i", "0", 'N', 'N', NULL },
    { AK_WZ, "i=1:100", "", "", "0", "i", 'N', 'N', NULL },
    { AK_WZ, "i=1:100", "", "", "2*i", "7", 'N', 'N', NULL },
    { AK_WZ, "i=1:100", "", "", "2*i", "8", 'P', 'P', NULL },
    { AK_WZ, "i=1:100", "", "", "i", "100", 'N', 'P', NULL },
    { AK_WZ, "i=1:100", "", "", "1", "i", 'N', 'P', NULL },
    { AK_WZ, "i=0:n-1", "", "", "i", "5", 'P', 'P', NULL },
    { AK_WZ, "i=1:n", "", "", "i", "0", 'N', 'N', NULL },
    { AK_WZ, "i=1:n", "", "", "i", "n+1", 'N', 'N', NULL },
    { AK_WZ, "i=0:?", "", "", "i", "3", 'P', 'P', NULL },
    /* weak-crossing SIV */
    { AK_WC, "i=1:n", "", "", "i", "n-i+1", 'P', 'P', NULL },
    { AK_WC, "i=1:10", "", "", "i", "21-i", 'N', 'N', NULL },
    { AK_WC, "i=1:10", "", "", "i", "11-i", 'P', 'P', NULL },
    { AK_WC, "i=1:10", "", "", "i", "2-i", 'N', 'N', NULL },
    { AK_WC, "i=1:10", "", "", "2*i", "11-2*i", 'N', 'N', NULL },
    { AK_WC, "i=0:n-1", "", "", "i", "n-1-i", 'P', 'P', NULL },
    { AK_WC, "i=1:10", "", "", "i", "3-i", 'P', 'P', NULL },
    { AK_WC, "i=1:10", "", "", "i", "4-i", 'P', 'P', NULL },
    /* exact SIV (extended Euclid) */
    { B_EUCLID, "i=1:100", "", "", "2*i", "i", 'P', 'N', NULL },
    { B_EUCLID, "i=1:10", "", "", "2*i", "i+10", 'N', 'P', NULL },
    { B_EUCLID, "i=1:10", "", "", "3*i", "2*i+1", 'P', 'N', NULL },
    { B_EUCLID, "i=1:5", "", "", "2*i+1", "4*i-3", 'N', 'P', NULL },
    { W_EXACT, "i=1:10", "", "", "2*i", "3*i+15", 'N', 'P', NULL },
    { W_EXACT, "i=1:4", "", "", "2*i", "3*i+15", 'N', 'N', NULL },
    { W_EXACT, "i=0:20", "", "", "4*i+1", "6*i+3", 'N', 'P', NULL },
    { W_EXACT, "i=1:3", "", "", "3*i", "2*i+1", 'N', 'N', NULL },
    { W_EXACT, "i=0:?", "", "", "3*i", "5*i+1", 'N', 'P', NULL },
    /* two parallel levels (collapse) */
    { W_DIR, "i=1:10,j=1:10", "", "", "i+1,j", "i,j", 'P', 'N', "1,0" },
    { W_DIR, "i=1:10,j=1:10", "", "", "i,j+1", "i,j", 'P', 'N', "0,1" },
    { W_DIR, "i=1:10,j=1:10", "", "", "i+1,j-1", "i,j", 'P', 'N', "1,-1" },
    { W_DIR, "i=1:10,j=1:10", "", "", "i,j", "i,j", 'N', 'N', NULL },
    { W_DIR, "i=1:10,j=1:10", "", "", "i,j+1", "i+1,j", 'N', 'P', "-1,1" },
    { W_DIR, "i=1:10,j=1:10", "", "", "i", "i", 'P', 'P', NULL },
    { W_DIR, "i=1:10,j=1:10", "", "", "j", "j+1", 'P', 'P', NULL },
    { W_DIR, "i=1:10,j=1:10", "", "", "i,j,2", "i,j+1,3", 'N', 'N', NULL },
    { W_DIR, "i=1:8,j=1:8,k=1:8", "", "", "i,j,k+1", "i,j,k", 'P', 'N', "0,0,1" },
    { W_DIR, "i=1:10,j=1:10", "", "", "i,j", "i,j+10", 'N', 'N', NULL },
    /* coupled subscripts and MIV */
    { GKT_MIV, "i=1:10,j=1:10", "", "", "j,i", "i,j", 'M', 'M', NULL },
    { GKT_MIV, "i=1:10,j=1:10", "", "", "i+j", "i+j", 'M', 'M', NULL },
    { GKT_MIV, "i=1:10,j=1:10", "", "", "i,i", "i+1,i+2", 'N', 'N', NULL },
    { GKT_MIV, "i=1:10,j=1:10", "", "", "i,i", "i+1,i+1", 'N', 'P', NULL },
    { B_INEQ, "i=1:10,j=1:10", "", "", "i+2*j", "i+2*j+28", 'N', 'N', NULL },
    { B_INEQ, "i=0:9", "j=0:9", "j=0:9", "10*i+j", "10*i+j", 'N', 'N', NULL },
    { B_INEQ, "i=0:9", "j=0:9", "j=0:9", "10*i+j", "10*i+j+1", 'N', 'M', NULL },
    { B_INEQ, "i=1:10", "j=1:10", "", "i+j", "i", 'M', 'N', NULL },
    { PSARRIS, "i=1:10", "j=0:1", "", "3*i+5*j", "3*i+1", 'M', 'N', NULL },
    /* inner loops */
    { AK_INNER, "i=1:10", "j=1:10", "j=1:10", "i,j", "i,j", 'N', 'N', NULL },
    { AK_INNER, "i=1:10", "j=1:10", "j=1:10", "i+1,j", "i,j", 'P', 'N', "1" },
    { AK_INNER, "i=1:10", "j=1:10", "j=1:10", "i,j+1", "i,j", 'N', 'N', NULL },
    { AK_INNER, "i=1:6", "j=1:6,k=1:6", "j=1:6,k=1:6", "i,j,k", "i,j,k-1", 'N', 'N', NULL },
    { MHL, "i=1:10", "k=1:5", "", "i,k", "i,5", 'N', 'N', NULL },
    { MHL, "i=1:10", "k=1:5", "", "i+1,k", "i,6", 'N', 'N', NULL },
    { MHL, "i=1:10", "k=1:5", "", "i+1,k", "i,3", 'P', 'N', "1" },
    { MHL, "i=1:n", "k=0:m-1", "k=0:m-1", "i-1,k", "i,k", 'N', 'P', "-1" },
    { MHL, "i=1:10", "k=1:5", "k=1:5", "i+1,2*k", "i,2*k+1", 'N', 'N', NULL },
    /* delinearization */
    { MASLOV, "i=0:n-1", "j=0:n-1", "j=0:n-1", "n*i+j", "n*i+j", 'N', 'N', NULL },
    { MASLOV, "i=0:n-1", "j=0:n-1", "j=0:n-1", "n*i+j+n", "n*i+j", 'P', 'N', "1" },
    { MASLOV, "i=0:n-1", "j=0:m-1", "j=0:m-1", "m*i+j", "n*i+j", 'M', 'M', NULL },
    { MASLOV, "i=1:n", "", "", "n*i", "n*i+1", 'M', 'M', NULL },
    { MASLOV, "i=0:n-1", "j=0:n-1", "", "n*i+j", "n*i", 'N', 'N', NULL },
};

static const char *ans_name(int a)
{
    return a == RW_DEP_NONE ? "N" : a == RW_DEP_MAYBE ? "M" : a == RW_DEP_PROVEN ? "P" : "?";
}

static int ans_of(char c)
{
    return c == 'N' ? RW_DEP_NONE : c == 'M' ? RW_DEP_MAYBE : RW_DEP_PROVEN;
}

/* Run and check table row r. */
static void run_row(unsigned idx, const struct row *r)
{
    static struct rw_dep_access a, b;
    char label[256];
    struct rw_dep_out out;
    unsigned npar = 1;
    long want[RW_DEP_MAXVAR];
    unsigned nwant = 0;
    snprintf(label, sizeof label, "row %u (%s) [%s] a[%s] vs a[%s]", idx, r->src, r->par, r->a, r->b);
    nsym = 0;
    parse_error = 0;
    for (const char *p = r->par; *p; p++)
        npar += *p == ',';
    build(&a, r->par, r->own_a, r->a);
    build(&b, r->par, r->own_b, r->b);
    for (const char *p = r->dist; p && *p;) {
        want[nwant++] = strtol(p, (char **)&p, 10);
        if (*p == ',') p++;
    }
    CHECK(!parse_error, "%s: the row does not parse", label);
    if (parse_error)
        return;
    int rc = rw_dep_test(&a, &b, npar, &out);
    CHECK(rc == 0, "%s: rw_dep_test returned %d", label, rc);
    if (rc != 0)
        return;
    int ok = out.before == ans_of(r->before) && out.after == ans_of(r->after);
    CHECK(ok, "%s: before %s after %s, expected %c %c", label, ans_name(out.before),
          ans_name(out.after), r->before, r->after);
    CHECK(out.dist_known == (r->dist != NULL), "%s: dist_known %d, expected %d", label,
          out.dist_known, r->dist != NULL);
    if (out.dist_known && r->dist) {
        int same = nwant == npar;
        for (unsigned p = 0; p < npar && same; p++)
            same = out.dist[p] == want[p];
        CHECK(same, "%s: distance %ld,%ld differs from %s", label, out.dist[0],
              npar > 1 ? out.dist[1] : 0, r->dist);
    }
    int need_why = out.before != RW_DEP_PROVEN && out.after != RW_DEP_PROVEN &&
                   !(out.before == RW_DEP_NONE && out.after == RW_DEP_NONE);
    CHECK(!need_why || (out.why && *out.why), "%s: no reason given for maybe", label);
    /* The expectation itself, by enumeration (against the expected
     * answers, so that a wrong row shows even when dep.c agrees with it). */
    struct rw_dep_out exp = out;
    exp.before = ans_of(r->before);
    exp.after = ans_of(r->after);
    exp.dist_known = r->dist != NULL;
    for (unsigned p = 0; p < nwant && p < RW_DEP_MAXVAR; p++)
        exp.dist[p] = want[p];
    CHECK(verify(label, &a, &b, npar, nsym, &exp) == 0, "%s: the expectation fails brute force", label);
}

/* ---- the randomized check --------------------------------------------------------- */

static uint64_t rng = 0x2545f4914f6cdd1dull;

static long draw(long lo, long hi)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return lo + (long)(rng % (uint64_t)(hi - lo + 1));
}

/* A random range: constant bounds, or (sym) sometimes an upper bound n + k,
 * a lower bound m + k, or (rarely) a missing bound. */
static void random_range(struct rw_dep_range *r, int sym)
{
    memset(r, 0, sizeof *r);
    r->has_lo = r->has_hi = 1;
    r->lo.c = draw(-3, 3);
    r->hi.c = r->lo.c + draw(-1, 6);
    if (sym && draw(0, 2) == 0) {
        r->hi = (struct rw_lin){ draw(-4, 0), 1, { 0 }, { 1 } };
        if (draw(0, 1) == 0)
            r->lo = (struct rw_lin){ draw(-2, 2), 1, { 1 }, { 1 } };
    }
    if (draw(0, 15) == 0)
        r->has_lo = 0;
    else if (draw(0, 15) == 0)
        r->has_hi = 0;
}

static void random_sub(struct rw_dep_sub *s, unsigned nloop, int sym)
{
    memset(s, 0, sizeof *s);
    for (unsigned v = 0; v < nloop; v++)
        s->coef[v].c = draw(0, 2) == 0 ? 0 : draw(-3, 3);
    s->rest.c = draw(-6, 6);
    if (sym && draw(0, 3) == 0) {
        s->rest.n = 1;
        s->rest.sym[0] = 0;
        s->rest.k[0] = draw(-2, 2);
        rw_lin_norm(&s->rest);
    }
}

/* One random case; counts undecided simple cases in *undecided. */
static void random_case(unsigned idx, unsigned *undecided)
{
    static struct rw_dep_access a, b;
    struct rw_dep_out out;
    char label[64];
    unsigned npar = (unsigned)draw(1, 2), ndim = (unsigned)draw(1, 2);
    int sym = draw(0, 3) == 0;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    a.nloop = npar + (unsigned)draw(0, 1);
    b.nloop = npar + (unsigned)draw(0, 1);
    a.ndim = b.ndim = ndim;
    for (unsigned v = 0; v < a.nloop; v++)
        random_range(&a.loop[v], sym);
    for (unsigned v = 0; v < b.nloop; v++)
        if (v < npar) b.loop[v] = a.loop[v];
        else random_range(&b.loop[v], sym);
    for (unsigned d = 0; d < ndim; d++) {
        random_sub(&a.sub[d], a.nloop, sym);
        random_sub(&b.sub[d], b.nloop, sym);
    }
    snprintf(label, sizeof label, "random case %u", idx);
    int rc = rw_dep_test(&a, &b, npar, &out);
    CHECK(rc == 0, "%s: rw_dep_test returned %d", label, rc);
    if (rc != 0)
        return;
    CHECK(verify(label, &a, &b, npar, sym ? 2 : 0, &out) == 0, "%s: an answer fails brute force", label);
    int need_why = out.before != RW_DEP_PROVEN && out.after != RW_DEP_PROVEN &&
                   !(out.before == RW_DEP_NONE && out.after == RW_DEP_NONE);
    CHECK(!need_why || (out.why && *out.why), "%s: no reason given for maybe", label);
    if (!sym && npar == 1 && ndim == 1 && a.nloop == 1 && b.nloop == 1 && a.loop[0].has_lo &&
        a.loop[0].has_hi &&
        (out.before == RW_DEP_MAYBE || out.after == RW_DEP_MAYBE)) {
        ++*undecided;
        printf("FAIL %s: single-variable subscripts a[%ld*i%+ld] vs a[%ld*i%+ld], i in [%ld, %ld] left undecided\n",
               label, a.sub[0].coef[0].c, a.sub[0].rest.c, b.sub[0].coef[0].c, b.sub[0].rest.c,
               a.loop[0].lo.c, a.loop[0].hi.c);
    }
}

/* n * (f x + fr) + (g x + gr) with a random f, fr, g, gr (n: symbol 0). */
static void random_linearized(struct rw_dep_sub *s, unsigned nloop)
{
    memset(s, 0, sizeof *s);
    for (unsigned v = 0; v < nloop; v++) {
        long f = v == 0 ? draw(0, 2) : draw(0, 3) == 0, g = v == 0 ? draw(0, 3) == 0 : draw(0, 1);
        s->coef[v] = (struct rw_lin){ g, f != 0, { 0 }, { f } };
    }
    long fr = draw(-1, 1);
    s->rest = (struct rw_lin){ draw(-1, 2), fr != 0, { 0 }, { fr } };
}

/* A random problem over a[n * F + G] with inner loops of about n
 * iterations: the cases delinearization is for, and its limits. */
static void random_delin_case(unsigned idx)
{
    static struct rw_dep_access a, b;
    struct rw_dep_out out;
    char label[64];
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    a.nloop = 1 + (unsigned)draw(0, 1);
    b.nloop = 1 + (unsigned)draw(0, 1);
    a.ndim = b.ndim = 1;
    a.loop[0] = (struct rw_dep_range){ { 0, 0, { 0 }, { 0 } }, { draw(2, 4), 0, { 0 }, { 0 } }, 1, 1 };
    b.loop[0] = a.loop[0];
    for (int s = 0; s < 2; s++) {
        struct rw_dep_access *x = s ? &b : &a;
        if (x->nloop == 2)
            x->loop[1] = (struct rw_dep_range){ { draw(0, 3) == 0, 0, { 0 }, { 0 } },
                                                { draw(-2, 0), 1, { 0 }, { 1 } }, 1, 1 };
        random_linearized(&x->sub[0], x->nloop);
    }
    snprintf(label, sizeof label, "random linearized case %u", idx);
    int rc = rw_dep_test(&a, &b, 1, &out);
    CHECK(rc == 0, "%s: rw_dep_test returned %d", label, rc);
    if (rc == 0)
        CHECK(verify(label, &a, &b, 1, 1, &out) == 0, "%s: an answer fails brute force", label);
}

/* A value that is small or near the limits of a long. */
static long draw_extreme(void)
{
    static const long edge[] = { 0x7fffffffffffffffL, -0x7fffffffffffffffL - 1, 0x4000000000000000L,
                                 -0x4000000000000001L, 0x7ffffffffffffff0L, 3037000500L };
    if (draw(0, 2) == 0)
        return draw(-3, 3);
    return (long)((unsigned long)edge[draw(0, 5)] + (unsigned long)draw(-2, 2)); /* wraps */
}

/* Problems with values near the limits of a long: an answer, never a
 * crash; a PROVEN there needs the arithmetic to have been exact, which the
 * sanitizer build of this test checks. */
static void extreme_case(unsigned idx)
{
    static struct rw_dep_access a, b;
    struct rw_dep_out out;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    a.nloop = b.nloop = 1 + (unsigned)draw(0, 1);
    a.ndim = b.ndim = 1;
    for (unsigned v = 0; v < a.nloop; v++) {
        a.loop[v] = (struct rw_dep_range){ { draw_extreme(), 0, { 0 }, { 0 } },
                                           { draw_extreme(), draw(0, 1), { 0 }, { draw_extreme() } },
                                           1, draw(0, 3) != 0 };
        b.loop[v] = a.loop[v];
    }
    for (int s = 0; s < 2; s++) {
        struct rw_dep_sub *x = s ? &b.sub[0] : &a.sub[0];
        for (unsigned v = 0; v < a.nloop; v++)
            x->coef[v] = (struct rw_lin){ draw_extreme(), draw(0, 3) == 0, { 0 }, { draw_extreme() } };
        x->rest = (struct rw_lin){ draw_extreme(), draw(0, 1), { 1 }, { draw_extreme() } };
    }
    int rc = rw_dep_test(&a, &b, (unsigned)draw(1, a.nloop), &out);
    CHECK(rc == 0 && out.before >= RW_DEP_NONE && out.before <= RW_DEP_PROVEN && out.after >= RW_DEP_NONE &&
              out.after <= RW_DEP_PROVEN,
          "extreme case %u: rc %d, before %d after %d", idx, rc, out.before, out.after);
}

/* ---- the linear forms --------------------------------------------------------------- */

static void lin_checks(void)
{
    struct rw_lin a = { 3, 2, { 5, 1 }, { 2, -1 } }, b = { -1, 2, { 1, 7 }, { 1, 4 } }, r;
    long c;
    rw_lin_norm(&a);
    CHECK(a.n == 2 && a.sym[0] == 1 && a.k[0] == -1 && a.sym[1] == 5, "rw_lin_norm sorts the terms");
    CHECK(rw_lin_addmul(&r, &a, 1, &b) == 0 && r.c == 2 && r.n == 2, "a + b drops the 1 term");
    CHECK(rw_lin_addmul(&r, &a, 0, &b) == 0 && r.n == 2 && r.c == 3, "a + 0 b is a");
    CHECK(rw_lin_addmul(&r, &a, -1, &a) == 0 && rw_lin_const(&r, &c) && c == 0, "a - a is 0");
    CHECK(!rw_lin_const(&a, &c), "a is not constant");
    struct rw_lin big = { 0x7fffffffffffffffL, 0, { 0 }, { 0 } }, one = { 1, 0, { 0 }, { 0 } };
    CHECK(rw_lin_addmul(&r, &big, 1, &one) == -1, "overflow is reported");
    struct rw_lin m = { 0, 2, { 4, 4 }, { 3, -3 } };
    rw_lin_norm(&m);
    CHECK(m.n == 0, "equal symbols merge and vanish");
    /* The aliasing the contract allows: r is a or b. */
    r = a;
    CHECK(rw_lin_addmul(&r, &r, 2, &r) == 0 && r.c == 9 && r.k[0] == -3, "r = r + 2 r");
}

/* Contract violations are refused. */
static void contract_checks(void)
{
    static struct rw_dep_access a, b;
    struct rw_dep_out out;
    build(&a, "i=1:10", "", "i");
    build(&b, "i=1:10", "", "i,i");
    CHECK(rw_dep_test(&a, &b, 1, &out) == -1, "different ndim is refused");
    build(&b, "i=1:10", "", "i");
    CHECK(rw_dep_test(&a, &b, 0, &out) == -1, "npar 0 is refused");
    CHECK(rw_dep_test(&a, &b, 2, &out) == -1, "npar above nloop is refused");
    a.sub[0].rest.n = RW_DEP_MAXSYM + 1;
    CHECK(rw_dep_test(&a, &b, 1, &out) == -1, "an oversized form is refused");
    /* Coefficients near the limits of a long give an answer, not a wrong one. */
    build(&a, "i=1:10", "", "i");
    build(&b, "i=1:10", "", "i");
    a.sub[0].coef[0].c = 0x4000000000000001L;
    b.sub[0].coef[0].c = -0x4000000000000001L;
    b.sub[0].rest.c = 0x7ffffffffffffff0L;
    CHECK(rw_dep_test(&a, &b, 1, &out) == 0 && out.before != RW_DEP_PROVEN && out.after != RW_DEP_PROVEN,
          "huge coefficients are never proven");
}

int main(void)
{
    unsigned nrows = sizeof rows / sizeof rows[0], undecided = 0;
    lin_checks();
    contract_checks();
    for (unsigned i = 0; i < nrows; i++)
        run_row(i, &rows[i]);
    for (unsigned i = 0; i < 20000; i++)
        random_case(i, &undecided);
    for (unsigned i = 0; i < 3000; i++)
        random_delin_case(i);
    for (unsigned i = 0; i < 5000; i++)
        extreme_case(i);
    CHECK(undecided == 0, "%u single-variable cases left undecided", undecided);
    if (failures) {
        printf("dep_test: %lu of %lu checks failed\n", failures, checks);
        return 1;
    }
    printf("dep_test: all %lu checks passed (%u table rows)\n", checks, nrows);
    return 0;
}
