// A write in a critical or atomic statement to a variable declared outside
// the loop (a local, a parameter, a global, a static; as a whole, a member
// or an element) that is not in the loop's shared() clause changes the
// worker's own copy: the lock protects nothing and the update is lost.  It
// is refused at the write, with a fix-it adding shared(x) to the pragma.
// An atomic read of such a variable is refused the same way.  Writes
// through pointers, to shared() variables, to other clauses' variables
// and to the body's own variables are accepted.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s
// RUN: not %mploop %s -- -DREAD 2>&1 | FileCheck --check-prefix=READ --implicit-check-not=error: %s
// RUN: not %mploop -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck --check-prefix=FIX %s

struct stats { long n; double sum; };
long total;

#ifndef READ
void f(const int *a, int n, long param, long *out)
{
    long count = 0, ok = 0, priv = 0, v = 0;
    static long calls;
    struct stats st = { 0, 0 };
    int hist[4] = { 0 };
#pragma mploop for shared(ok) private(priv) schedule(dynamic)
    for (int i = 0; i < n; i++) {
        long mine = 0;
#pragma mploop critical
        count++;
// CHECK: coop_not_shared.c:[[@LINE-1]]:9: error: 'count' is not shared between workers; add shared(count) to the loop's pragma (line 24)
// CHECK-NEXT: {{^        count\+\+;$}}
// CHECK-NEXT: {{^        \^$}}
// CHECK-NEXT: coop_not_shared.c:24:62: note: add 'shared(count)' to the pragma
// CHECK-NEXT: {{^#pragma mploop for shared\(ok\) private\(priv\) schedule\(dynamic\)$}}
// CHECK-NEXT: {{^                                                             \^$}}
// CHECK-NEXT: {{^                                                              shared\(count\)$}}
// FIX: fix-it:"{{.*}}coop_not_shared.c":{24:62-24:62}:" shared(count)"
#pragma mploop critical (totals)
        {
            total += a[i];
// CHECK: coop_not_shared.c:[[@LINE-1]]:13: error: 'total' is not shared between workers; add shared(total) to the loop's pragma (line 24)
            param = a[i];
// CHECK: coop_not_shared.c:[[@LINE-1]]:13: error: 'param' is not shared between workers; add shared(param) to the loop's pragma (line 24)
            calls++;
// CHECK: coop_not_shared.c:[[@LINE-1]]:13: error: 'calls' is not shared between workers; add shared(calls) to the loop's pragma (line 24)
            st.sum += a[i];
// CHECK: coop_not_shared.c:[[@LINE-1]]:13: error: 'st' is not shared between workers; add shared(st) to the loop's pragma (line 24)
            hist[a[i] & 3]++;
// CHECK: coop_not_shared.c:[[@LINE-1]]:13: error: 'hist' is not shared between workers; add shared(hist) to the loop's pragma (line 24)
            ok++;
            priv = a[i];
            mine++;
            out[0] += a[i];
        }
#pragma mploop atomic
        count += a[i];
// CHECK: coop_not_shared.c:[[@LINE-1]]:9: error: 'count' is not shared between workers; add shared(count) to the loop's pragma (line 24)
#pragma mploop atomic
        ok += a[i];
#pragma mploop atomic
        out[1] += a[i];
#pragma mploop atomic
        mine *= 2;
        (void)v;
        (void)priv;
    }
}

#else
// Alone (the loop above refused, this one is checked on its own): the
// variable an atomic read reads must be shared; the one it assigns is an
// ordinary variable of the body (here private).
void g(int n)
{
    long v = 0;
#pragma mploop for private(v)
    for (int i = 0; i < n; i++) {
#pragma mploop atomic read
        v = total;
// READ: coop_not_shared.c:[[@LINE-1]]:13: error: 'total' is not shared between workers; add shared(total) to the loop's pragma (line [[@LINE-4]])
        (void)v;
    }
}
#endif
