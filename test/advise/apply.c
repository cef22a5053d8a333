// --apply writes a copy with the suggested pragma above each chosen loop,
// indented like the loop: the outermost parallel loops, not a loop inside
// one already chosen or inside an annotated loop, not a loop too small to
// be worth a process; annotated loops are left as they are, and a loop
// that does not start its line gets a line of its own.  Without -o the
// copy is FILE.mploop.c next to the input.  The copy gives the sequential
// output when built with mploop-cc.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cp %s %t.dir/prog.c
// RUN: cd %t.dir && %mploop --apply prog.c > verdicts 2> log
// RUN: FileCheck %s --check-prefix=LOG < %t.dir/log
// RUN: FileCheck %s --check-prefix=VERD < %t.dir/verdicts
// RUN: FileCheck %s --check-prefix=COPY --match-full-lines --strict-whitespace < %t.dir/prog.mploop.c
// RUN: %mploop --apply %s -o %t.copy.c > /dev/null 2>&1
// RUN: cmp %t.copy.c %t.dir/prog.mploop.c
// RUN: %cc -O2 -w %s -o %t.seq && %t.seq > %t.expected
// RUN: %exec-check %t.copy.c %t
// RUN: cmp %t.expected %t.out.3
//
// LOG: mploop: wrote prog.mploop.c with 3 suggested pragmas

#include <stdio.h>

static double a[200][50], v[200], w[8];

int main(void)
{
    double sum = 0;
// COPY:	#pragma mploop for
// COPY-NEXT:	for (int i = 0; i < 200; i++)
	for (int i = 0; i < 200; i++)
		for (int j = 0; j < 50; j++)
			a[i][j] = i * 0.5 + j;
    {
// COPY:        #pragma mploop for reduction(+:sum)
// COPY-NEXT:        for (int i = 0; i < 200; i++) {
        for (int i = 0; i < 200; i++) {
            double s = 0;
            for (int j = 0; j < 50; j++)
                s += a[i][j];
            v[i] = s;
            sum += s;
        }
    }
// COPY:    for (int i = 0; i < 8; i++)
// COPY-NEXT:        w[i] = i;
    for (int i = 0; i < 8; i++)
        w[i] = i;
// COPY:#pragma mploop for schedule(static)
// COPY-NEXT:    for (int i = 0; i < 200; i++)
// COPY-NEXT:        for (int j = 0; j < 50; j++)
// COPY-NEXT:            a[i][j] += w[j % 8];
// COPY-NEXT:    for (int i = 0; i < 200; i++) {
// COPY-NEXT:#pragma mploop for
// COPY-NEXT:        for (int j = 0; j < 50; j++)
// VERD: prog.c:[[@LINE+5]]:5: parallel (holds the annotated loop at line [[@LINE+7]]): #pragma mploop for
#pragma mploop for schedule(static)
    for (int i = 0; i < 200; i++)
        for (int j = 0; j < 50; j++)
            a[i][j] += w[j % 8];
    for (int i = 0; i < 200; i++) {
#pragma mploop for
        for (int j = 0; j < 50; j++)
            a[i][j] *= 2;
    }
// COPY:    if (sum > 0)
// COPY-NEXT:    #pragma mploop for
// COPY-NEXT:    for (int i = 0; i < 200; i++)
    if (sum > 0) for (int i = 0; i < 200; i++)
        for (int j = 0; j < 50; j++)
            a[i][j] = a[i][j] / sum;
    for (int i = 0; i < 200; i += 40)
        printf("%.6f %.6f\n", v[i], a[i][7]);
    printf("%.3f\n", sum);
    return 0;
}
