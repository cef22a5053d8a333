// private and firstprivate of variables that are not plain locals: a global,
// a static local, a local array and a local struct.  Every iteration fills
// them completely before reading them, and the work reaches the parent
// through a result array.  After the loop, the firstprivate ones must hold
// their values from before the loop (the body puts them back).
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4

#include <stdio.h>
#include <string.h>

struct pair { int lo, hi; };

int g_tmp = 5;
double g_fp = 1.5;

int main(void)
{
    enum { n = 200 };
    static int s_tmp = 9;
    int row[8] = { 0 };
    struct pair pr = { 1, 2 };
    char name[16] = "unchanged";
    int res[n];
    memset(res, 0, sizeof res);

    // W: mploop: {{.*}}clause_private_kinds.c:[[@LINE+2]]: 200 iterations on [[N]] workers, schedule auto
#pragma mploop for private(g_tmp, s_tmp, row, pr)
    for (int i = 0; i < n; i++) {
        g_tmp = i * 2;
        s_tmp = i % 9;
        for (int k = 0; k < 8; k++)
            row[k] = i + k;
        pr.lo = i - 1;
        pr.hi = i + 1;
        res[i] = g_tmp + s_tmp + row[7] + pr.lo * pr.hi;
    }
    long sum = 0;
    for (int k = 0; k < n; k++)
        sum += (long)res[k] * (k + 3);
    printf("private: %d %d %d sum %ld\n", res[0], res[100], res[199], sum);

    // W: mploop: {{.*}}clause_private_kinds.c:[[@LINE+2]]: 200 iterations on [[N]] workers, schedule dynamic,16
#pragma mploop for firstprivate(g_fp, name) schedule(dynamic, 16)
    for (int i = 0; i < n; i++) {
        char saved[16];
        memcpy(saved, name, sizeof saved);
        name[i % 9] = (char)('A' + i % 26);
        g_fp += i;
        res[i] = (int)g_fp + name[0] + name[i % 9];
        g_fp -= i;
        memcpy(name, saved, sizeof saved);
    }
    sum = 0;
    for (int k = 0; k < n; k++)
        sum += (long)res[k] * (k + 3);
    printf("firstprivate: %d %d %d sum %ld\n", res[0], res[100], res[199], sum);
    printf("after: g_fp=%.2f name=%s\n", g_fp, name);
    return 0;
}
