// lastprivate(list): after the loop the variables hold the values of the
// sequentially last iteration, which runs in the last worker's chunk (static),
// in whichever worker took the last chunk (dynamic, guided), or in worker
// (n-1) % W for schedule(static, 1).  With a trip count of 0 the variables
// keep their values.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// OUT: static: last=198 dl=24.750 lc=v
// OUT: static,1: last=63 dl=7.875 lc=l
// OUT: dynamic,3: last=2000 dl=250.000 lc=m
// OUT: guided: last=-8 dl=1.000 lc=z
// OUT: zero trips: last=77 dl=0.500 lc=#
// OUT: one trip: last=5 dl=0.625 lc=f

#include <stdio.h>

static void show(const char *what, int last, double dl, char lc)
{
    printf("%s: last=%d dl=%.3f lc=%c\n", what, last, dl, lc);
}

int main(void)
{
    int n = 100;
    int out[1001] = { 0 };
    int last = -1;
    double dl = 0;
    char lc = '#';

    // W: mploop: {{.*}}clause_lastprivate.c:[[@LINE+2]]: 100 iterations on [[N]] workers, schedule auto
#pragma mploop for lastprivate(last, dl, lc)
    for (int i = 0; i < n; i++) {
        last = i * 2;
        dl = i / 4.0;
        lc = (char)('a' + i % 26);
        out[i] = last;
    }
    show("static", last, dl, lc);

    /* 64 iterations, chunks of one: the last iteration (63) is in worker
     * 63 % W, which is not worker 0 for W = 2, 3, 4. */
    // W: mploop: {{.*}}clause_lastprivate.c:[[@LINE+2]]: 64 iterations on [[N]] workers, schedule static,1
#pragma mploop for lastprivate(last, dl, lc) schedule(static, 1)
    for (int i = 0; i < 64; i++) {
        last = i;
        dl = i / 8.0;
        lc = (char)('a' + i % 26);
        out[i] += 1;
    }
    show("static,1", last, dl, lc);

    // W: mploop: {{.*}}clause_lastprivate.c:[[@LINE+2]]: 1001 iterations on [[N]] workers, schedule dynamic,3
#pragma mploop for schedule(dynamic, 3) lastprivate(lc) lastprivate(dl, last)
    for (int i = 0; i <= 1000; i++) {
        last = i * 2;
        dl = i / 4.0;
        lc = (char)('a' + i % 26);
        out[i] += i;
    }
    show("dynamic,3", last, dl, lc);

    /* Counting down: the last iteration is the smallest value of i. */
    // W: mploop: {{.*}}clause_lastprivate.c:[[@LINE+2]]: 497 iterations on [[N]] workers, schedule guided
#pragma mploop for lastprivate(last, dl, lc) schedule(guided)
    for (int i = 1000; i > 6; i -= 2) {
        last = -i;
        dl = i / 8.0;
        lc = (char)('z' - i % 2);
        out[i] += 3;
    }
    show("guided", last, dl, lc);

    last = 77;
    dl = 0.5;
    lc = '#';
    int zero = 0;
    // W: mploop: {{.*}}clause_lastprivate.c:[[@LINE+2]]: 0 iterations in-process (trip count 0)
#pragma mploop for lastprivate(last, dl, lc)
    for (int i = 0; i < zero; i++) {
        last = i;
        dl = i;
        lc = 'X';
    }
    show("zero trips", last, dl, lc);

    // W: mploop: {{.*}}clause_lastprivate.c:[[@LINE+2]]: 1 iteration{{s?}} in-process (trip count 1)
#pragma mploop for lastprivate(last, dl, lc)
    for (int i = 5; i < 6; i++) {
        last = i;
        dl = i / 8.0;
        lc = (char)('a' + i);
    }
    show("one trip", last, dl, lc);

    long sum = 0;
    for (int k = 0; k <= 1000; k++)
        sum += (long)out[k] * (k % 17 + 1);
    printf("out sum %ld\n", sum);
    return 0;
}
