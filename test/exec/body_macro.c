// Macros in the loop: bounds and step from macros, a body macro that names
// local variables of the enclosing function (an array and a scalar that is
// only read), a macro that expands to a whole statement, and a reduction
// variable updated through a macro.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4

#include <stdio.h>

#define COUNT 500
#define HALF (COUNT / 2)
#define AT(k) data[(k) * stride]
#define SCALE(x) ((x) * factor + bias)
#define STORE(k, v) do { out[(k)] = (v); } while (0)
#define ADD(acc, v) ((acc) += (v))
#define SQUARE(x) ((x) * (x))

int main(void)
{
    int stride = 2, factor = 3, bias = -7;
    int data[COUNT * 2];
    long out[COUNT];
    long total = 0;
    for (int k = 0; k < COUNT * 2; k++)
        data[k] = k % 97;

    // W: mploop: {{.*}}body_macro.c:[[@LINE+2]]: 500 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(+: total)
    for (int i = 0; i < COUNT; i++) {
        STORE(i, SCALE(AT(i)));
        ADD(total, SQUARE(AT(i)));
    }

    // W: mploop: {{.*}}body_macro.c:[[@LINE+2]]: 125 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(+: total)
    for (int i = HALF; i < COUNT; i += stride)
        ADD(total, out[i] - AT(i / 2));

    unsigned long h = 0;
    for (int k = 0; k < COUNT; k++)
        h = h * 31 + (unsigned long)out[k];
    printf("out: %ld %ld %ld hash=%lu total=%ld\n", out[0], out[1], out[COUNT - 1], h, total);
    return 0;
}
