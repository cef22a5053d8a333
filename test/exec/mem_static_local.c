// Writes to static local variables reach the parent: a static array in
// main, a static array and a static struct in a function that runs the
// loop, reused across calls.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4

#include <stdio.h>

struct acc { int last_call; long vals[64]; };

static unsigned long fill(int call)
{
    static int table[300];
    static struct acc st = { -1, { 0 } };
    // W: mploop: {{.*}}mem_static_local.c:[[@LINE+4]]: 300 iterations on [[N]] workers, schedule auto
    // W: mploop: {{.*}}mem_static_local.c:[[@LINE+3]]: 300 iterations on [[N]] workers, schedule auto
    // W: mploop: {{.*}}mem_static_local.c:[[@LINE+2]]: 300 iterations on [[N]] workers, schedule auto
#pragma mploop for
    for (int i = 0; i < 300; i++) {
        table[i] += i * call + 1;
        if (i < 64)
            st.vals[i] += (long)i << call;
        if (i == 299)
            st.last_call = call;
    }
    unsigned long s = (unsigned long)st.last_call;
    for (int k = 0; k < 300; k++)
        s = s * 7 + (unsigned long)table[k];
    for (int k = 0; k < 64; k++)
        s = s * 3 + (unsigned long)st.vals[k];
    return s;
}

int main(void)
{
    static unsigned char flags[4096];
    static double weights[512] = { 0.5, 0.25 };

    for (int call = 1; call <= 3; call++)
        printf("call %d: %lu\n", call, fill(call));

    // W: mploop: {{.*}}mem_static_local.c:[[@LINE+2]]: 4096 iterations on [[N]] workers, schedule auto
#pragma mploop for
    for (int i = 0; i < 4096; i++) {
        flags[i] = (unsigned char)(i * 37);
        if (i < 512)
            weights[i] += i / 4.0;
    }
    unsigned long h = 0;
    for (int k = 0; k < 4096; k++)
        h = h * 31 + flags[k];
    double ws = 0;
    for (int k = 0; k < 512; k++)
        ws += weights[k];
    printf("flags=%lu weights=%.2f\n", h, ws);
    return 0;
}
