// firstprivate(list): every iteration starts from the value the variable had
// before the loop, in every worker.  The body changes the variables and puts
// them back, so the sequential program computes the same thing; the values
// after the loop are printed and must be the ones from before it.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// OUT: base=1000 scale=2.500 tag=Q
// OUT: after: base=1000 scale=2.500 tag=Q

#include <stdio.h>

struct point { int x, y; };

int main(void)
{
    enum { n = 120 };
    int base = 1000;
    double scale = 2.5;
    char tag = 'Q';
    struct point origin = { 3, -4 };
    long out[n];
    char tags[n + 1];
    for (int k = 0; k < n; k++)
        out[k] = -1, tags[k] = '.';
    tags[n] = 0;
    printf("base=%d scale=%.3f tag=%c\n", base, scale, tag);

    // W: mploop: {{.*}}clause_firstprivate.c:[[@LINE+2]]: 120 iterations on [[N]] workers, schedule static,5
#pragma mploop for firstprivate(base, scale, tag, origin) schedule(static, 5)
    for (int i = 0; i < n; i++) {
        base += i;
        scale *= 2;
        tag = (char)(tag + i % 3);
        origin.x += i;
        out[i] = base + (long)(scale * 10) + origin.x * 100000L + origin.y;
        tags[i] = tag;
        base -= i;
        scale /= 2;
        tag = (char)(tag - i % 3);
        origin.x -= i;
    }
    long sum = 0;
    for (int k = 0; k < n; k++)
        sum += out[k] * (k + 1);
    printf("out: %ld %ld %ld sum %ld\n", out[0], out[59], out[119], sum);
    printf("tags: %s\n", tags);
    printf("after: base=%d scale=%.3f tag=%c origin=%d,%d\n", base, scale, tag, origin.x,
           origin.y);
    return 0;
}
