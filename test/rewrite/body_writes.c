// Writes the body may make without a clause: array elements, struct fields,
// memory through pointers, variables declared in the body (static ones
// too), clause variables, inner loop variables declared in the body; reads,
// address-of and comparisons of outer scalars (and of the loop variable) are
// not writes.  Everything here is accepted.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

struct stats { int n; double mean; };
int table[100];

void fill(int *out);

void f(int *a, int n, struct stats *st, struct stats local)
{
    int sum = 0, tmp, flag = 0;
    int *p = a;
    int grid[10][10];
#pragma mploop for reduction(+:sum) private(tmp)
    for (int i = 0; i < n; i++) {
        a[i] = i;
        table[i % 100]++;
        st[i].n += 1;
        local.mean = i;
        *(p + i) = 0;
        p[i] -= 1;
        grid[i % 10][0] = i;
        int body = i;
        body++;
        static int calls;
        calls++;
        for (int k = 0; k < 2; k++) body += k;
        tmp = body;
        sum += tmp;
        fill(&flag);
        fill(&i);
        if (flag == 1 && !flag && -flag < 0) a[i] = ~flag;
    }
    (void)local;
}
// CHECK: { /* mploop: loop at {{.*}}body_writes.c:21 */
// CHECK: mploop_done(&__mploop_L_1);
