// Pointer loop variables: p++ over an int array, a step of 2, counting down,
// a != test, a struct pointer, a char pointer over a string, a pointer
// declared outside the loop (its final value is printed as an offset), and
// an empty range.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// OUT: outside: q - a = 198

#include <stdio.h>
#include <string.h>

struct cell { short tag; double val; char name[6]; };

static int a[200];
static struct cell cells[64];

static void report(const char *what, long cnt)
{
    unsigned long h = 0;
    for (int k = 0; k < 200; k++)
        h = h * 31 + (unsigned)a[k];
    printf("%-10s cnt=%ld hash=%lu\n", what, cnt, h);
}

int main(void)
{
    int n = 200;
    long cnt = 0;

    // W: mploop: {{.*}}loop_pointer.c:[[@LINE+2]]: 200 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt)
    for (int *p = a; p < a + n; p++) {
        *p = (int)(p - a) * 3 + 1;
        cnt++;
    }
    report("p++", cnt);

    cnt = 0;
    // W: mploop: {{.*}}loop_pointer.c:[[@LINE+2]]: 100 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt)
    for (int *p = a + 1; p < a + n; p += 2) {
        *p = -*p;
        cnt++;
    }
    report("p+=2", cnt);

    cnt = 0;
    // W: mploop: {{.*}}loop_pointer.c:[[@LINE+2]]: 66 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt)
    for (int *p = a + n - 1; p >= a + 4; p -= 3) {
        *p += 1000;
        cnt++;
    }
    report("p-=3", cnt);

    cnt = 0;
    // W: mploop: {{.*}}loop_pointer.c:[[@LINE+2]]: 150 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt)
    for (int *p = a + n; p > a + 50; p--) {
        p[-1] *= 2;
        cnt++;
    }
    report("p--", cnt);

    int *end = a + 120;
    cnt = 0;
    // W: mploop: {{.*}}loop_pointer.c:[[@LINE+2]]: 100 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt)
    for (int *p = a + 20; p != end; ++p) {
        *p ^= 0x5a5a;
        cnt++;
    }
    report("p!=", cnt);

    int *q;
    cnt = 0;
    // W: mploop: {{.*}}loop_pointer.c:[[@LINE+2]]: 66 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt)
    for (q = a; q < a + n - 2; q = q + 3) {
        *q -= 7;
        cnt++;
    }
    report("outside", cnt);
    printf("outside: q - a = %td\n", q - a);

    cnt = 0;
    // W: mploop: {{.*}}loop_pointer.c:[[@LINE+2]]: 64 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt)
    for (struct cell *c = cells; c < cells + 64; c++) {
        int k = (int)(c - cells);
        c->tag = (short)(k * 3);
        c->val = k / 2.0;
        snprintf(c->name, sizeof c->name, "c%d", k);
        cnt++;
    }
    double vs = 0;
    unsigned long nh = 0;
    for (int k = 0; k < 64; k++) {
        vs += cells[k].val + cells[k].tag;
        for (const char *s = cells[k].name; *s; s++)
            nh = nh * 33 + (unsigned char)*s;
    }
    printf("cells cnt=%ld vs=%.1f nh=%lu\n", cnt, vs, nh);

    char text[] = "the quick brown fox jumps over the lazy dog";
    size_t len = strlen(text);
    cnt = 0;
    // W: mploop: {{.*}}loop_pointer.c:[[@LINE+2]]: 43 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt)
    for (char *s = text; s < text + len; s++) {
        if (*s >= 'a' && *s <= 'z')
            *s = (char)(*s - 'a' + 'A');
        cnt++;
    }
    printf("text cnt=%ld %s\n", cnt, text);

    cnt = 0;
    // W: mploop: {{.*}}loop_pointer.c:[[@LINE+2]]: 0 iterations in-process (trip count 0)
#pragma mploop for reduction(+: cnt)
    for (int *p = a + 10; p < a + 10; p++) {
        *p = 0;
        cnt++;
    }
    report("empty", cnt);
    return 0;
}
