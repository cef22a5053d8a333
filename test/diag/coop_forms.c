// The syntax of `#pragma mploop critical [(name)]` and `#pragma mploop
// atomic [update|read|write|capture]`, and the statements they accept: an
// atomic statement that is none of its kind's forms is refused with the
// list of the forms, so is a target that is no integer or floating scalar,
// and either directive without a statement after it.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

struct pt { int x; };

void f(int *a, int n, double *d, struct pt *p)
{
#pragma mploop for
    for (int i = 0; i < n; i++) {
        int v;
#pragma mploop critical (
// CHECK-DAG: coop_forms.c:[[@LINE-1]]:26: error: expected a name in '#pragma mploop critical (name)'
        a[i]++;
#pragma mploop critical (one two)
// CHECK-DAG: coop_forms.c:[[@LINE-1]]:30: error: expected ')' after the name of the critical section
        a[i]++;
#pragma mploop critical lock
// CHECK-DAG: coop_forms.c:[[@LINE-1]]:25: error: extra tokens at the end of '#pragma mploop critical'; expected '(name)' or nothing
        a[i]++;
#pragma mploop atomic seq_cst
// CHECK-DAG: coop_forms.c:[[@LINE-1]]:23: error: unknown clause 'seq_cst' in '#pragma mploop atomic' (expected 'update', 'read', 'write' or 'capture')
        a[i]++;
#pragma mploop atomic read write
// CHECK-DAG: coop_forms.c:[[@LINE-1]]:28: error: extra tokens at the end of '#pragma mploop atomic read'
        v = a[i];
    }
}

void g(int *a, int n, double *d, struct pt *p, long double *ld)
{
    int v = 0;
#pragma mploop for private(v)
    for (int i = 0; i < n; i++) {
#pragma mploop atomic
        a[0] = a[1] + 1;
// CHECK-DAG: coop_forms.c:[[@LINE-1]]:9: error: '#pragma mploop atomic' must be followed by 'x++;', 'x--;', '++x;', '--x;', 'x op= e;', 'x = x op e;' or 'x = e op x;' (op one of + - * / & | ^ << >>)
#pragma mploop atomic
        a[0] %= 3;
// CHECK-DAG: coop_forms.c:[[@LINE-1]]:9: error: '#pragma mploop atomic' must be followed by
#pragma mploop atomic read
        v = a[0] + 1;
// CHECK-DAG: coop_forms.c:[[@LINE-1]]:9: error: '#pragma mploop atomic read' must be followed by 'v = x;'
#pragma mploop atomic write
        a[0]++;
// CHECK-DAG: coop_forms.c:[[@LINE-1]]:9: error: '#pragma mploop atomic write' must be followed by 'x = e;'
#pragma mploop atomic capture
        a[0]++;
// CHECK-DAG: coop_forms.c:[[@LINE-1]]:9: error: '#pragma mploop atomic capture' must be followed by 'v = x++;', 'v = x--;', 'v = ++x;', 'v = --x;', 'v = x op= e;' or 'v = x = x op e;' (op one of + - * / & | ^ << >>)
#pragma mploop atomic
        p->x = p->x * 2 + 1;
// CHECK-DAG: coop_forms.c:[[@LINE-1]]:9: error: '#pragma mploop atomic' must be followed by
#pragma mploop atomic write
        p[0] = p[1];
// CHECK-DAG: coop_forms.c:[[@LINE-1]]:9: error: the target 'p[0]' of '#pragma mploop atomic' must have an integer or floating type, not 'struct pt'
#pragma mploop atomic
        ld[0] += 1;
// CHECK-DAG: coop_forms.c:[[@LINE-1]]:9: error: the target 'ld[0]' of '#pragma mploop atomic' has type 'long double', which is not updated atomically without libatomic; use '#pragma mploop critical'
#pragma mploop atomic
        int w = a[0]++;
// CHECK-DAG: coop_forms.c:[[@LINE-1]]:9: error: '#pragma mploop atomic' must be followed by an expression statement inside a function
        (void)w;
        d[i] += v;
    }
}

#pragma mploop critical
// CHECK-DAG: coop_forms.c:[[@LINE+1]]:1: error: '#pragma mploop critical' must be followed by a statement inside a function
int global;
