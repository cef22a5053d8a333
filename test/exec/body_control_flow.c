// Control flow inside the body that stays inside it: continue of the
// annotated loop, break and continue of inner loops, break out of a switch,
// a goto to a label inside the body, and an early continue on the first and
// last iterations.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4

#include <stdio.h>

int main(void)
{
    int n = 600;
    int out[600] = { 0 };
    long cnt = 0, sum = 0;

    // W: mploop: {{.*}}body_control_flow.c:[[@LINE+2]]: 600 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(+: cnt, sum)
    for (int i = 0; i < n; i++) {
        if (i == 0 || i == n - 1)
            continue;
        if (i % 3 == 0)
            continue;
        int acc = 0;
        for (int k = 0; k < 50; k++) {
            if (k > i % 40)
                break;
            if (k % 2)
                continue;
            acc += k;
        }
        switch (i % 5) {
        case 0:
            acc *= 2;
            break;
        case 1:
            acc += 1000;
            /* fall through */
        case 2:
            acc -= 1;
            break;
        default:
            break;
        }
        if (acc > 5000)
            goto done;
        acc += 7;
    done:
        out[i] = acc;
        cnt++;
        sum += acc;
    }

    unsigned long h = 0;
    for (int k = 0; k < n; k++)
        h = h * 31 + (unsigned)out[k];
    printf("cnt=%ld sum=%ld hash=%lu\n", cnt, sum, h);
    return 0;
}
