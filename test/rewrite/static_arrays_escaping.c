// A file-scope array whose address escapes somewhere in the file (passed
// to a function, stored in a pointer, `&a[i]`) may reach any loop body
// through a pointer, as STREAM's kernels take theirs: every loop of the
// file declared after it hands it to the runtime with mploop_static too,
// after the arrays the body names.  Left out: arrays only ever subscripted
// or measured with sizeof, arrays declared after the loop's function,
// static locals of other functions, and a global a visible local hides
// (`hidden` in scale; triad, where nothing hides it, hands it over).
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

static double ga[1 << 20], gb[1 << 20];
double gc[1 << 20];
double only_indexed[1 << 20];
double sized[1 << 20];
long element[1 << 16];
double hidden[1 << 16];

static void triad(double *a, const double *b, const double *c, long n)
{
    // CHECK: loop at {{.*}}static_arrays_escaping.c:[[@LINE+2]]
#pragma mploop for
    for (long i = 0; i < n; i++)
        a[i] = b[i] + 3.0 * c[i];
    // CHECK: mploop_static(&__mploop_L_1, (void *)ga, sizeof(ga));
    // CHECK-NEXT: mploop_static(&__mploop_L_1, (void *)gb, sizeof(gb));
    // CHECK-NEXT: mploop_static(&__mploop_L_1, (void *)gc, sizeof(gc));
    // CHECK-NEXT: mploop_static(&__mploop_L_1, (void *)element, sizeof(element));
    // CHECK-NEXT: mploop_static(&__mploop_L_1, (void *)hidden, sizeof(hidden));
    // CHECK-NEXT: if (mploop_start(&__mploop_L_1)) {
    // CHECK-NOT: {{\(void \*\)(sized|late|local_static)}},
}

static void scale(double *hidden_ptr, long n)
{
    double *hidden = hidden_ptr;
    // CHECK: loop at {{.*}}static_arrays_escaping.c:[[@LINE+2]]
#pragma mploop for
    for (long i = 0; i < n; i++)
        hidden[i] *= 2.0 + only_indexed[i];
    // CHECK: mploop_static(&__mploop_L_2, (void *)only_indexed, sizeof(only_indexed));
    // CHECK-NEXT: mploop_static(&__mploop_L_2, (void *)ga, sizeof(ga));
    // CHECK-NEXT: mploop_static(&__mploop_L_2, (void *)gb, sizeof(gb));
    // CHECK-NEXT: mploop_static(&__mploop_L_2, (void *)gc, sizeof(gc));
    // CHECK-NEXT: mploop_static(&__mploop_L_2, (void *)element, sizeof(element));
    // CHECK-NEXT: if (mploop_start(&__mploop_L_2)) {
    // CHECK-NOT: {{\(void \*\)(sized|late|local_static|hidden)}},
}

double late[1 << 16];

int main(void)
{
    static double local_static[1 << 16];
    double *p = gc;
    long *q = &element[3];
    triad(ga, gb, p, 1 << 20);
    scale(hidden, 1 << 16);
    scale(late, 1 << 16);
    scale(local_static, (long)(sizeof sized / sizeof sized[0]) + only_indexed[0] + *q);
    return 0;
}
