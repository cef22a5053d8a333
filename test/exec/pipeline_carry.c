// What the items of a pipeline carry, against the sequential build: a
// struct and an array declared in one stage and used two stages later, a
// value a middle stage changes before the last one uses it, the loop
// variable declared outside the loop (its final value after the loop too),
// a struct declared outside that stage 0 updates, and `continue` dropping
// items: in stage 0 (the increment still runs) and in a later stage (the
// stages after it do not run for that item).
//
// RUN: env MPLOOP_TEST_WORKERS="1 2 4" %exec-check %s %t
// RUN: FileCheck %s < %t.expected
//
// CHECK: item 1: sum 36 v 14 tag t1 seq 1 first 1 w 0.5
// CHECK-NEXT: item 5: sum 68 v 18 tag t5 seq 2 first 1 w 2.5
// CHECK-NEXT: item 11: sum 116 v 24 tag t11 seq 4 first 1 w 5.5
// CHECK: after: i 301 state 100 hits 9 last 299 marked 86

#include <stdio.h>
#include <string.h>

struct point {
    int x, y;
    double w;
};

struct state {
    int seq;
    int first;
};

int main(void)
{
    int i;
    struct state st = { 0, -1 };
    int hits = 0, last = -1;
    int marks[400] = { 0 };

#pragma mploop pipeline num_workers(3)
    for (i = 1; i < 300; i += 2) {
        if (i % 3 == 0)
            continue; /* dropped in stage 0: i += 2 still runs */
        struct point p = { i, i * i, i / 2.0 };
        int vals[8];
        for (int k = 0; k < 8; k++)
            vals[k] = i + k;
        st.seq++;
        if (st.first < 0)
            st.first = i;
#pragma mploop stage parallel
        int v = p.x + 10;
        char tag[16];
        snprintf(tag, sizeof tag, "t%d", p.x);
        if (p.y % 7 == 0)
            continue; /* dropped in stage 1: no stage 2 for it */
        marks[i] = 1;
#pragma mploop stage parallel
        v += vals[3] - p.x;
        int sum = 0;
        for (int k = 0; k < 8; k++)
            sum += vals[k];
#pragma mploop stage serial
        if (i % 15 == 1)
            hits++;
        last = i;
        printf("item %d: sum %d v %d tag %s seq %d first %d w %.1f\n", i, sum, v, tag, st.seq,
               st.first, p.w);
    }

    int marked = 0;
    for (int k = 0; k < 400; k++)
        marked += marks[k];
    printf("after: i %d state %d hits %d last %d marked %d\n", i, st.seq, hits, last, marked);
    return 0;
}
