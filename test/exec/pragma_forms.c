// The spellings of the pragma that run loops on workers: _Pragma("..."),
// comments and blank lines between the pragma and the for, clauses with and
// without commas, a pragma continued over lines with backslashes, and a
// braceless body.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4

#include <stdio.h>

int main(void)
{
    int n = 256;
    static int a[256];
    long s1 = 0, s2 = 0;

    // W: mploop: {{.*}}pragma_forms.c:[[@LINE+2]]: 256 iterations on [[N]] workers, schedule auto
    _Pragma("mploop for reduction(+: s1)")
    for (int i = 0; i < n; i++) {
        a[i] = i * 5;
        s1 += i;
    }
    printf("_Pragma: s1=%ld a[255]=%d\n", s1, a[255]);

    s1 = 0;
    // W: mploop: {{.*}}pragma_forms.c:[[@LINE+6]]: 256 iterations on [[N]] workers, schedule dynamic,8
#pragma mploop for reduction(+: s1), schedule(dynamic, 8)

    /* a comment between the pragma and the loop */
    // and a line comment

    for (int i = 0; i < n; i++)
        a[i] += s1 - s1 + 1;
    long t = 0;
    for (int k = 0; k < n; k++)
        t += a[k];
    printf("comments: t=%ld\n", t);

    s1 = 0;
    // W: mploop: {{.*}}pragma_forms.c:[[@LINE+4]]: 128 iterations on [[N]] workers, schedule static,4
#pragma mploop for reduction(+: s1) \
                   reduction(max: s2) \
                   schedule(static, 4)
    for (int i = 0; i < n; i += 2) {
        s1 += a[i];
        if (a[i] > s2)
            s2 = a[i];
    }
    printf("continued: s1=%ld s2=%ld\n", s1, s2);
    return 0;
}
