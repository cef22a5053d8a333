// Bounds and steps given by macros (object-like and function-like, one of
// them naming a local variable) and by calls of pure functions; the bounds
// are evaluated once, before the loop, and give the same iterations as in the
// sequential program.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4

#include <stdio.h>

#define LEN 240
#define FIRST(x) ((x) - 3)
#define LIMIT (width * 2)
#define STEP 4

static int seen[LEN + 20];

static int lower(void)
{
    return 5;
}

static int upper(int scale)
{
    return scale * 20 + 1;
}

static void report(const char *what, long cnt, long sum)
{
    unsigned long h = 0;
    for (int k = 0; k < LEN + 20; k++) {
        h = h * 31 + (unsigned)seen[k];
        seen[k] = 0;
    }
    printf("%-8s cnt=%ld sum=%ld hash=%lu\n", what, cnt, sum, h);
}

int main(void)
{
    int width = 60;
    long cnt = 0, sum = 0;

    // W: mploop: {{.*}}bounds_macro_call.c:[[@LINE+2]]: 243 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = FIRST(0); i < LEN; i++) {
        seen[i + 3] = i + 1;
        cnt++;
        sum += i;
    }
    report("macro", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}bounds_macro_call.c:[[@LINE+2]]: 30 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = 0; i < LIMIT; i += STEP) {
        seen[i] = 1000 + i;
        cnt++;
        sum += i;
    }
    report("local", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}bounds_macro_call.c:[[@LINE+2]]: 196 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = lower(); i < upper(10); i++) {
        seen[i] = 2000 + i;
        cnt++;
        sum += i;
    }
    report("calls", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}bounds_macro_call.c:[[@LINE+2]]: 40 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = upper(width / 10); i >= FIRST(lower()); i -= 3) {
        seen[i] = 3000 + i;
        cnt++;
        sum += i;
    }
    report("mixed", cnt, sum);
    return 0;
}
