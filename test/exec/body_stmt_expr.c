// GNU statement expressions in the body (with their own declarations and
// nested blocks) and in a bound, and a typeof-based local in the body.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4

#include <stdio.h>

#define MAX(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a > _b ? _a : _b; })

int main(void)
{
    int n = 400;
    int a[400], b[400];
    long sum = 0;
    for (int k = 0; k < n; k++)
        b[k] = (k * 37) % 101;

    // W: mploop: {{.*}}body_stmt_expr.c:[[@LINE+2]]: 400 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(+: sum)
    for (int i = 0; i < n; i++) {
        a[i] = ({
            int t = b[i] * 2;
            if (t > 100) {
                int u = t - 100;
                t = u * 3;
            }
            t + 1;
        });
        __typeof__(a[0]) m = MAX(a[i], b[i]);
        sum += m;
    }

    // W: mploop: {{.*}}body_stmt_expr.c:[[@LINE+2]]: 200 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(+: sum)
    for (int i = 0; i < ({ int h = n / 2; h; }); i++)
        sum += ({ int q = a[i] - b[i]; q < 0 ? -q : q; });

    unsigned long h = 0;
    for (int k = 0; k < n; k++)
        h = h * 31 + (unsigned)a[k];
    printf("a: %d %d hash=%lu sum=%ld\n", a[0], a[n - 1], h, sum);
    return 0;
}
