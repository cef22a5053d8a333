// The rewriter chooses each loop's write mode (mode.c): snapshot when the
// body writes an array that can be shared (through a pointer, or a global or
// static array) and the loop analysis proves an anti-dependence on it or
// cannot tell; direct otherwise.  -Rmploop prints one remark per loop, with a note
// at the access that decided; the site gets MPLOOP_SITE_SNAPSHOT exactly
// when the remark says snapshot.  Without -Rmploop nothing is printed and
// the output is the same.
//
// RUN: %mploop -Rmploop %s -o %t.c 2> %t.err
// RUN: FileCheck %s --check-prefix=R --implicit-check-not=remark: --implicit-check-not=note: < %t.err
// RUN: FileCheck %s --check-prefix=S < %t.c
// RUN: %mploop %s -o %t.quiet.c 2>&1 | count 0
// RUN: cmp %t.c %t.quiet.c
// RUN: %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

#include <stdlib.h>
#include <string.h>

#define TWICE(v) ((v) * 2)
#define STORE(p, k, v) ((p)[k] = (v))
#define AT(p, k) (*((p) + (k)))

#define M 64
double g[M];
static double sg[M][M];
struct S { double a[M]; double *p; int n; };
struct S gs;
void use(double *p, int n);
void look(const double *p, int n);

void f(double *a, double *b, double *c, double *x, double *y, int n, struct S *ps)
{
    double s = 0, al = 2;

    // The written element is read at the same subscript (spaces do not count).
#pragma mploop for
    for (int i = 0; i < n; i++) y[i] = al*x[i] + y[ i ];
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in direct mode: every array it writes is read only at the written subscript [-Rmploop]
    // R-NEXT: {{^}}    for (int i = 0; i < n; i++) y[i] = al*x[i] + y[ i ];
    // R-NEXT: {{^}}    ^
    // S: __mploop_site_1 = {{.*}}, "i", MPLOOP_SITE_VAR_SIGNED };

    // An anti-dependence through a pointer.
#pragma mploop for
    for (int i = 0; i < n - 1; i++) a[i] = a[i+1];
    // R: write_mode.c:[[@LINE-1]]:5: remark: anti-dependence: iteration i reads a[i+1] (line [[@LINE-1]]), which iteration i + 1 overwrites as a[i] (line [[@LINE-1]]); the loop runs in snapshot mode [-Rmploop]
    // R: write_mode.c:[[@LINE-2]]:44: note: 'a[i+1]' is read here by iteration i
    // R-NEXT: {{^}}    for (int i = 0; i < n - 1; i++) a[i] = a[i+1];
    // R-NEXT: {{^}}                                           ^~~~~~
    // R: write_mode.c:[[@LINE-5]]:37: note: 'a[i]' is written here by iteration i + 1
    // S: __mploop_site_2 = {{.*}}, "i", MPLOOP_SITE_VAR_SIGNED | MPLOOP_SITE_SNAPSHOT };

    // A global array read at the next element.
#pragma mploop for
    for (int i = 0; i < M - 1; i++) g[i] = g[i+1] + g[i];
    // R: write_mode.c:[[@LINE-1]]:5: remark: anti-dependence: iteration i reads g[i+1] (line [[@LINE-1]]), which iteration i + 1 overwrites as g[i] (line [[@LINE-1]]); the loop runs in snapshot mode [-Rmploop]
    // R: write_mode.c:[[@LINE-2]]:44: note: 'g[i+1]' is read here by iteration i
    // R: write_mode.c:[[@LINE-3]]:37: note: 'g[i]' is written here by iteration i + 1
    // S: __mploop_site_3 = {{.*}} | MPLOOP_SITE_SNAPSHOT };

    // Matrix product over a collapsed nest: c[i*n+j] is read where written.
#pragma mploop for collapse(2)
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            c[i*n+j] = 0;
            for (int k = 0; k < n; k++)
                c[i*n+j] += a[i*n+k]*b[k*n+j];
        }
    // R: write_mode.c:[[@LINE-6]]:5: remark: loop runs in direct mode: every array it writes is read only at the written subscript [-Rmploop]
    // S: __mploop_site_4 = {{.*}}, "i", MPLOOP_SITE_VAR_SIGNED | MPLOOP_SITE_COLLAPSED };

    // Two dimensions: the whole subscript list is compared.
#pragma mploop for
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++)
            sg[i][j] += sg[i][j] * 2;
    // R: write_mode.c:[[@LINE-3]]:5: remark: loop runs in direct mode: every array it writes is read only at the written subscript [-Rmploop]
    // S: __mploop_site_5 = {{.*}}, "i", MPLOOP_SITE_VAR_SIGNED };
#pragma mploop for
    for (int i = 0; i < M - 1; i++)
        for (int j = 0; j < M; j++)
            sg[i][j] = sg[i+1][j];
    // R: write_mode.c:[[@LINE-3]]:5: remark: anti-dependence: iteration i reads sg[i+1][j] (line [[@LINE-1]]), which iteration i + 1 overwrites as sg[i][j] (line [[@LINE-1]]); the loop runs in snapshot mode [-Rmploop]
    // R: write_mode.c:[[@LINE-2]]:24: note: 'sg[i+1][j]' is read here by iteration i
    // R: write_mode.c:[[@LINE-3]]:13: note: 'sg[i][j]' is written here by iteration i + 1
    // S: __mploop_site_6 = {{.*}} | MPLOOP_SITE_SNAPSHOT };

    // A reduction into a scalar writes no array.
#pragma mploop for reduction(+:s)
    for (int i = 0; i < n; i++) s += a[i] * b[i];
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in direct mode: it writes no heap block, global or static array [-Rmploop]
    // S: __mploop_site_7 = {{.*}}, "i", MPLOOP_SITE_VAR_SIGNED };

    // The pointer is reassigned in the body.
#pragma mploop for firstprivate(a)
    for (int i = 0; i < n; i++) { a += 1; a[0] = 1; }
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in snapshot mode: pointer 'a' is assigned in the body [-Rmploop]
    // R: write_mode.c:[[@LINE-2]]:35: note: 'a' is set here
    // S: __mploop_site_8 = {{.*}} | MPLOOP_SITE_SNAPSHOT };

    // Passed to a call whose parameter is not const: the callee may write it.
#pragma mploop for
    for (int i = 0; i < n; i++) use(a, i);
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in snapshot mode: pointer 'a' is passed to a call of 'use' [-Rmploop]
    // R: write_mode.c:[[@LINE-2]]:37: note: 'a' is passed here
    // S: __mploop_site_9 = {{.*}} | MPLOOP_SITE_SNAPSHOT };

    // A pointer to const passed to a call is only read: direct while the
    // loop does not write it, snapshot when it does.
#pragma mploop for
    for (int i = 0; i < n; i++) { b[i] = i; look(a, i); }
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in direct mode: every array it writes is read only at the written subscript [-Rmploop]
    // S: __mploop_site_10 = {{.*}}, "i", MPLOOP_SITE_VAR_SIGNED };
#pragma mploop for
    for (int i = 0; i < n; i++) { b[i] = i; look(b, i); }
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in snapshot mode: pointer 'b' is passed to a call of 'look' [-Rmploop]
    // R: write_mode.c:[[@LINE-2]]:50: note: 'b' is passed here
    // S: __mploop_site_11 = {{.*}} | MPLOOP_SITE_SNAPSHOT };
#pragma mploop for
    for (int i = 0; i < n; i++) memcpy(&a[i*n], &b[i*n], n * sizeof *a);
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in snapshot mode: pointer 'a' is passed to a call of 'memcpy' [-Rmploop]
    // R: write_mode.c:[[@LINE-2]]:40: note: 'a' is passed here
    // S: __mploop_site_12 = {{.*}} | MPLOOP_SITE_SNAPSHOT };

    // A private scratch array declared in the body needs no snapshot.
#pragma mploop for
    for (int i = 0; i < n; i++) { double t[4]; t[0] = a[i]; t[1] = t[0]; b[i] = t[1]; }
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in direct mode: every array it writes is read only at the written subscript [-Rmploop]
    // S: __mploop_site_13 = {{.*}}, "i", MPLOOP_SITE_VAR_SIGNED };

    // Struct member arrays, keyed by their text.
#pragma mploop for
    for (int i = 0; i < M; i++) ps->a[i] = ps->a[i] * 2;
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in direct mode: every array it writes is read only at the written subscript [-Rmploop]
    // S: __mploop_site_14 = {{.*}}, "i", MPLOOP_SITE_VAR_SIGNED };
#pragma mploop for
    for (int i = 0; i < M - 1; i++) ps->a[i] = ps->a[i+1] * 2;
    // R: write_mode.c:[[@LINE-1]]:5: remark: anti-dependence: iteration i reads ps->a[i+1] (line [[@LINE-1]]), which iteration i + 1 overwrites as ps->a[i] (line [[@LINE-1]]); the loop runs in snapshot mode [-Rmploop]
    // R: write_mode.c:[[@LINE-2]]:48: note: 'ps->a[i+1]' is read here by iteration i
    // R: write_mode.c:[[@LINE-3]]:37: note: 'ps->a[i]' is written here by iteration i + 1
    // S: __mploop_site_15 = {{.*}} | MPLOOP_SITE_SNAPSHOT };
#pragma mploop for
    for (int i = 0; i < M - 1; i++) gs.a[i] = gs.a[i+1] * 2;
    // R: write_mode.c:[[@LINE-1]]:5: remark: anti-dependence: iteration i reads gs.a[i+1] (line [[@LINE-1]]), which iteration i + 1 overwrites as gs.a[i] (line [[@LINE-1]]); the loop runs in snapshot mode [-Rmploop]
    // R: write_mode.c:[[@LINE-2]]:47: note: 'gs.a[i+1]' is read here by iteration i
    // R: write_mode.c:[[@LINE-3]]:37: note: 'gs.a[i]' is written here by iteration i + 1
    // S: __mploop_site_16 = {{.*}} | MPLOOP_SITE_SNAPSHOT };
#pragma mploop for
    for (int i = 0; i < M; i++) gs.p[i] = gs.a[i] + gs.p[i];
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in direct mode: every array it writes is read only at the written subscript [-Rmploop]
    // S: __mploop_site_17 = {{.*}}, "i", MPLOOP_SITE_VAR_SIGNED };

    // A pointer declared in the body as &a[k] or a + k stands for a[k + ...];
    // one set otherwise, or set again, cannot be followed.
#pragma mploop for
    for (int i = 0; i < n; i++) { double *row = a + i * n; for (int j = 0; j < n; j++) row[j] = a[i*n + j] * 2; }
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in direct mode: every array it writes is read only at the written subscript [-Rmploop]
    // S: __mploop_site_18 = {{.*}}, "i", MPLOOP_SITE_VAR_SIGNED };
#pragma mploop for
    for (int i = 0; i < n; i++) { double *row = &a[i * n]; row[1] = row[0]; }
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in snapshot mode: two iterations may write the same element through 'row[1]' ({{.*}}) [-Rmploop]
    // R: write_mode.c:[[@LINE-2]]:60: note: 'row[1]' is written here
    // S: __mploop_site_19 = {{.*}} | MPLOOP_SITE_SNAPSHOT };
#pragma mploop for
    for (int i = 0; i < M; i++) { struct S *sp = &ps[i]; sp->n = sp->n + 1; sp->a[0] = 0; }
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in direct mode: every array it writes is read only at the written subscript [-Rmploop]
    // S: __mploop_site_20 = {{.*}}, "i", MPLOOP_SITE_VAR_SIGNED };
#pragma mploop for
    for (int i = 0; i < n; i++) { double *q = i % 2 ? a : b; q[i] = 1; }
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in snapshot mode: the address of 'a' is stored in 'q' [-Rmploop]
    // R: write_mode.c:[[@LINE-2]]:55: note: the address of 'a' is taken here
    // S: __mploop_site_21 = {{.*}} | MPLOOP_SITE_SNAPSHOT };
#pragma mploop for
    for (int i = 0; i < n; i++) { double *q = a + i; q[0] = 1; q = b; q[0] = 2; }
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in snapshot mode: pointer 'q' into 'a' is assigned in the body [-Rmploop]
    // R: write_mode.c:[[@LINE-2]]:64: note: 'q' is set here
    // S: __mploop_site_22 = {{.*}} | MPLOOP_SITE_SNAPSHOT };

    // A block allocated in the body is merged by snapshot anyway.
#pragma mploop for
    for (int i = 0; i < n; i++) { double *t = malloc(8 * sizeof *t); t[1] = t[0] = a[i]; b[i] = t[1]; free(t); }
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in direct mode: every array it writes is read only at the written subscript [-Rmploop]
    // S: __mploop_site_23 = {{.*}}, "i", MPLOOP_SITE_VAR_SIGNED };

    // A subscript that reads memory: two iterations may update one element.
#pragma mploop for
    for (int i = 0; i < n; i++) c[(int)x[i]] += 1;
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in snapshot mode: two iterations may write the same element through 'c[(int)x[i]]' (a subscript is not an affine function of the loop variables) [-Rmploop]
    // R: write_mode.c:[[@LINE-2]]:33: note: 'c[(int)x[i]]' is written here
    // S: __mploop_site_24 = {{.*}} | MPLOOP_SITE_SNAPSHOT };

    // Operators written by macros: their kind is inferred from the AST; the
    // offset of pointer arithmetic a macro wrote cannot be read.
#pragma mploop for
    for (int i = 0; i < n; i++) STORE(y, i, TWICE(x[i] + 1));
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in direct mode: every array it writes is read only at the written subscript [-Rmploop]
    // S: __mploop_site_25 = {{.*}}, "i", MPLOOP_SITE_VAR_SIGNED };
#pragma mploop for
    for (int i = 0; i < n - 1; i++) STORE(y, i, AT(y, i + 1));
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in snapshot mode: 'y' is accessed at a subscript the rewriter cannot read [-Rmploop]
    // R: write_mode.c:[[@LINE-2]]:37: note: this subscript's text cannot be read
    // S: __mploop_site_26 = {{.*}} | MPLOOP_SITE_SNAPSHOT };

    // *(a + k) is a[k].
#pragma mploop for
    for (int i = 0; i < n; i++) *(a + i) = *(a + i) + 1;
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in direct mode: every array it writes is read only at the written subscript [-Rmploop]
    // S: __mploop_site_27 = {{.*}}, "i", MPLOOP_SITE_VAR_SIGNED };
#pragma mploop for
    for (int i = 0; i < n - 1; i++) *(a + i) = *(a + i + 1);
    // R: write_mode.c:[[@LINE-1]]:5: remark: anti-dependence: iteration i reads *(a + i + 1) (line [[@LINE-1]]), which iteration i + 1 overwrites as *(a + i) (line [[@LINE-1]]); the loop runs in snapshot mode [-Rmploop]
    // R: write_mode.c:[[@LINE-2]]:48: note: '*(a + i + 1)' is read here by iteration i
    // R: write_mode.c:[[@LINE-3]]:37: note: '*(a + i)' is written here by iteration i + 1
    // S: __mploop_site_28 = {{.*}} | MPLOOP_SITE_SNAPSHOT };

    // The same element in the iterations a condition selects.
#pragma mploop for
    for (int i = 0; i < n; i++) if (b[i] > 0) a[0] += b[i];
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in snapshot mode: two iterations may write the same element through 'a[0]' (a condition may skip the accesses) [-Rmploop]
    // R: write_mode.c:[[@LINE-2]]:47: note: 'a[0]' is written here
    // S: __mploop_site_29 = {{.*}} | MPLOOP_SITE_SNAPSHOT };

    // A nested inner loop reading c[j] and updating b[i] (that every
    // iteration of i writing every c[j] is an error: diag/dep_output.c).
#pragma mploop for
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            b[i] = b[i] + c[j];
    // R: write_mode.c:[[@LINE-3]]:5: remark: loop runs in direct mode: every array it writes is read only at the written subscript [-Rmploop]
    // S: __mploop_site_30 = {{.*}}, "i", MPLOOP_SITE_VAR_SIGNED };
#pragma mploop for
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            c[i * n + j] = c[i*n + j] * 2;
    // R: write_mode.c:[[@LINE-3]]:5: remark: loop runs in direct mode: every array it writes is read only at the written subscript [-Rmploop]
    // S: __mploop_site_31 = {{.*}}, "i", MPLOOP_SITE_VAR_SIGNED };

    // Two different subscripts written, which the dependence tests keep apart.
#pragma mploop for
    for (int i = 0; i < n; i++) { a[2*i] = 0; a[2*i+1] = 1; }
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in direct mode: the dependence tests show that no iteration touches an element another one writes [-Rmploop]
    // S: __mploop_site_32 = {{.*}}, "i", MPLOOP_SITE_VAR_SIGNED };

    // A form with no variable to follow.
#pragma mploop for
    for (int i = 0; i < n; i++) (i % 2 ? a : b)[i] = 1;
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in snapshot mode: '(i % 2 ? a : b)[i]' is written through a form the rewriter cannot follow [-Rmploop]
    // R: write_mode.c:[[@LINE-2]]:33: note: written here
    // S: __mploop_site_33 = {{.*}} | MPLOOP_SITE_SNAPSHOT };

    // The address stored in another pointer declared outside.
    double *keep = 0;
#pragma mploop for lastprivate(keep)
    for (int i = 0; i < n; i++) { keep = &a[i]; a[i] = a[i] + 1; }
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in snapshot mode: the address of 'a' is stored in 'keep' [-Rmploop]
    // R: write_mode.c:[[@LINE-2]]:42: note: the address of 'a' is taken here
    // S: __mploop_site_34 = {{.*}} | MPLOOP_SITE_SNAPSHOT };
    (void)keep;

    // A local array of the function is merged by snapshot anyway.
    int loc[M];
#pragma mploop for
    for (int i = 0; i < M - 1; i++) loc[i] = loc[i + 1];
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in direct mode: it writes no heap block, global or static array [-Rmploop]
    // S: __mploop_site_35 = {{.*}}, "i", MPLOOP_SITE_VAR_SIGNED };
    (void)loc;

    // The clauses decide.
#pragma mploop for snapshot
    for (int i = 0; i < n; i++) a[i] = 0;
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in snapshot mode: the 'snapshot' clause asks for it [-Rmploop]
    // S: __mploop_site_36 = {{.*}} | MPLOOP_SITE_SNAPSHOT };
#pragma mploop for direct
    for (int i = 0; i < n - 1; i++) a[i] = a[i + 1];
    // R: write_mode.c:[[@LINE-1]]:5: remark: loop runs in direct mode: the 'direct' clause asks for it (without it: snapshot mode, anti-dependence: iteration i reads a[i + 1] (line [[@LINE-1]]), which iteration i + 1 overwrites as a[i] (line [[@LINE-1]])) [-Rmploop]
    // R: write_mode.c:[[@LINE-2]]:44: note: 'a[i + 1]' is read here by iteration i
    // R: write_mode.c:[[@LINE-3]]:37: note: 'a[i]' is written here by iteration i + 1
    // S: __mploop_site_37 = {{.*}}, "i", MPLOOP_SITE_VAR_SIGNED };
}
