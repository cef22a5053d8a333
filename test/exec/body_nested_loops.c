// Plain (not annotated) loops nested in the body: for, while and do loops,
// two levels deep, with loop variables of their own and one declared in the
// body, writing a 2-D array row by row, and a VLA declared in the body whose
// length changes from one iteration to the next.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4

#include <stdio.h>

#define R 90
#define C 70

int main(void)
{
    static int m[R][C];
    long total = 0;

    // W: mploop: {{.*}}body_nested_loops.c:[[@LINE+2]]: 90 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(+: total)
    for (int r = 0; r < R; r++) {
        for (int c = 0; c < C; c++) {
            int v = 0;
            for (int k = 0; k <= (r + c) % 9; k++)
                v += k * r;
            m[r][c] = v;
        }
        int c = 0;
        while (c < C) {
            m[r][c] ^= c;
            c += 3;
        }
        int tmp[r % 11 + 1];
        for (int k = 0; k <= r % 11; k++)
            tmp[k] = m[r][k] + k;
        m[r][C - 1] += tmp[r % 11];
        int steps = 0;
        do {
            total += m[r][steps];
            steps++;
        } while (steps < r % C);
    }

    unsigned long h = 0;
    for (int r = 0; r < R; r++)
        for (int c = 0; c < C; c++)
            h = h * 31 + (unsigned)m[r][c];
    printf("total=%ld hash=%lu m[89][69]=%d\n", total, h, m[R - 1][C - 1]);
    return 0;
}
