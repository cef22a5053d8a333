// MPLOOP_REPORT for pipelines: a pipeline's row is marked as one (kind
// pipeline; its iterations are the items its first stage made, its chunks
// the steps, a stage on an item), followed by a row per stage: items,
// dropped, busy time, busy share of what the stage could use (the wall
// time on 1 worker for a serial stage, on all of them for a parallel
// one), and the bottleneck, the stage with the highest share, named in
// words under the table.  Figures are summed over a site's executions
// (two runs of one pipeline; two pipelines made, run and destroyed at one
// line).  The same on workers and in-process, as text, JSON (valid under
// docs/report.schema.json) and CSV (parsed, with the schema's columns).
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_REPORT=1 %t 2>&1 >%t.out | FileCheck %s --check-prefixes=TEXT,TEXT2
// RUN: FileCheck %s --check-prefix=OUT < %t.out
// RUN: env MPLOOP_WORKERS=1 MPLOOP_REPORT=1 %t 2>&1 >%t.out | FileCheck %s --check-prefixes=TEXT,TEXT1
// RUN: FileCheck %s --check-prefix=OUT < %t.out
// RUN: rm -f %t.json %t.csv %t.1.json
// RUN: env MPLOOP_WORKERS=2 MPLOOP_REPORT=%t.json %t > %t.out
// RUN: python3 %mploop-src/test/lib/json_schema.py %mploop-src/docs/report.schema.json %t.json | FileCheck %s --check-prefix=VALID
// RUN: python3 %mploop-src/test/lib/report_fields.py %t.json | FileCheck %s --check-prefixes=CHECK,W2
// RUN: env MPLOOP_WORKERS=2 MPLOOP_REPORT=%t.csv %t > %t.out
// RUN: python3 %mploop-src/test/lib/report_fields.py %t.csv %mploop-src/docs/report.schema.json | FileCheck %s --check-prefixes=CHECK,W2
// RUN: env MPLOOP_WORKERS=1 MPLOOP_REPORT=%t.1.json %t > %t.out
// RUN: python3 %mploop-src/test/lib/json_schema.py %mploop-src/docs/report.schema.json %t.1.json | FileCheck %s --check-prefix=VALID
// RUN: python3 %mploop-src/test/lib/report_fields.py %t.1.json | FileCheck %s --check-prefixes=CHECK,W1
// VALID: valid
// OUT: slow middle: 327 327
// OUT-NEXT: slow end: 15 15

#include <mploop.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct source {
    int next, count;
};

/* The first stage: items 0 .. count-1, then MPLOOP_STOP. */
static int make(const void *in, void *out, void *ctx)
{
    struct source *s = ctx;
    (void)in;
    if (s->next == s->count)
        return MPLOOP_STOP;
    *(int *)out = s->next++;
    return 0;
}

/* 20 ms per item; drops every item i with i % 4 == 3. */
static int slow_square(const void *in, void *out, void *ctx)
{
    int i = *(const int *)in;
    (void)ctx;
    usleep(20000);
    *(int *)out = i * i;
    return i % 4 == 3 ? MPLOOP_DROP : 0;
}

/* Nothing but passing the item on. */
static int pass(const void *in, void *out, void *ctx)
{
    (void)ctx;
    *(int *)out = *(const int *)in;
    return 0;
}

/* Adds the item to *ctx. */
static int add(const void *in, void *out, void *ctx)
{
    (void)out;
    *(long *)ctx += *(const int *)in;
    return 0;
}

/* Adds the item to *ctx, 20 ms per item. */
static int slow_add(const void *in, void *out, void *ctx)
{
    usleep(20000);
    return add(in, out, ctx);
}

/* pl with three stages: src's items, a parallel `middle`, a serial `last`
 * adding to *total. */
static mploop_pipeline *three_stages(mploop_pipeline *pl, struct source *src,
                                     mploop_stage_fn middle, mploop_stage_fn last, long *total)
{
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, make, src, sizeof(int));
    mploop_pipeline_stage(pl, MPLOOP_STAGE_PARALLEL, middle, NULL, sizeof(int));
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL, last, total, 0);
    return pl;
}

/* A pipeline whose serial last stage is the slow one, made, run on 6 items
 * and destroyed at each call: returns the total. */
static long slow_end(void)
{
    // TEXT: mploop: loop report: 2 loops, figures summed over each loop's executions
    // TEXT-NEXT: {{^loop +runs +in-proc +failed +iters +workers +chunks +wall}}
    // TEXT1-NEXT: {{^.*}}pipeline.c:[[#END:@LINE+30]] (pipeline) 2 2 0 12 1 36 {{[0-9.]+m?s}}{{ }}
    // TEXT2-NEXT: {{^.*}}pipeline.c:[[#END:@LINE+29]] (pipeline) 2 0 0 12 2 36 {{[0-9.]+m?s}}{{ }}
    //
    // CHECK: loop pipeline.c:[[#@LINE+27]]
    // CHECK-NEXT: loop={{.*}}pipeline.c:[[#@LINE+26]]
    // CHECK-NEXT: runs=2
    // W1-NEXT: runs_in_process=2
    // W2-NEXT: runs_in_process=0
    // CHECK-NEXT: runs_failed=0
    // CHECK-NEXT: iterations=12
    // W1-NEXT: workers=1
    // W2-NEXT: workers=2
    // CHECK-NEXT: chunks=36
    // CHECK-NEXT: wall_s={{0\.(2[4-9]|[3-9])|[1-9]}}
    // CHECK-NEXT: user_s=
    // CHECK-NEXT: sys_s=
    // CHECK-NEXT: busy_s={{0\.(2[4-9]|[3-9])|[1-9]}}
    // CHECK: file={{.*}}pipeline.c
    // CHECK-NEXT: line=[[#@LINE+12]]
    // CHECK-NEXT: kind=pipeline
    // CHECK-NEXT: stages=3
    // The CSV's row has the stage columns, empty:
    // CHECK-NOT: {{^  [a-z_]+=.*[1-9]}}
    // CHECK: stage 0 (serial in order) line=0 items=12 dropped=0 concurrency=1 bottleneck=0 busy_s=
    // W1-NEXT: stage 1 (parallel) line=0 items=12 dropped=0 concurrency=1 bottleneck=0 busy_s=
    // W2-NEXT: stage 1 (parallel) line=0 items=12 dropped=0 concurrency=2 bottleneck=0 busy_s=
    // The serial stage's 6 x 20 ms per run, most of the wall time:
    // CHECK-NEXT: stage 2 (serial) line=0 items=12 dropped=0 concurrency=1 bottleneck=1 busy_s={{0\.(2[4-9]|[3-9])|[1-9]}}
    struct source src = {0, 6};
    long total = 0;
    mploop_pipeline *pl = three_stages(mploop_pipeline_create(4), &src, pass, slow_add, &total);
    if (mploop_pipeline_run(pl, 0) != 0)
        exit(1);
    mploop_pipeline_destroy(pl);
    return total;
}

int main(void)
{
    /* The parallel middle stage is the slow one: 12 items, 3 of them
     * dropped there, in each of two runs. */
    // TEXT1-NEXT: {{^.*}}pipeline.c:[[#MID:@LINE+26]] (pipeline) 2 2 0 24 1 66 {{[0-9.]+m?s}}{{ }}
    // TEXT2-NEXT: {{^.*}}pipeline.c:[[#MID:@LINE+25]] (pipeline) 2 0 0 24 2 66 {{[0-9.]+m?s}}{{ }}
    //
    // CHECK: loop pipeline.c:[[#@LINE+23]]
    // CHECK-NEXT: loop={{.*}}pipeline.c:[[#@LINE+22]]
    // CHECK-NEXT: runs=2
    // W1-NEXT: runs_in_process=2
    // W2-NEXT: runs_in_process=0
    // CHECK-NEXT: runs_failed=0
    // CHECK-NEXT: iterations=24
    // W1-NEXT: workers=1
    // W2-NEXT: workers=2
    // CHECK-NEXT: chunks=66
    // CHECK: line=[[#@LINE+13]]
    // CHECK-NEXT: kind=pipeline
    // CHECK-NEXT: stages=3
    // CHECK-NOT: {{^  [a-z_]+=.*[1-9]}}
    // CHECK: stage 0 (serial in order) line=0 items=24 dropped=0 concurrency=1 bottleneck=0 busy_s=
    // The parallel stage's 12 x 20 ms per run:
    // W1-NEXT: stage 1 (parallel) line=0 items=24 dropped=6 concurrency=1 bottleneck=1 busy_s={{0\.(4[8-9]|[5-9])|[1-9]}}
    // W2-NEXT: stage 1 (parallel) line=0 items=24 dropped=6 concurrency=2 bottleneck=1 busy_s={{0\.(4[8-9]|[5-9])|[1-9]}}
    // CHECK-NEXT: stage 2 (serial) line=0 items=18 dropped=0 concurrency=1 bottleneck=0 busy_s=
    // CHECK-NOT: loop
    struct source src = {0, 12};
    long total = 0;
    mploop_pipeline *pl =
        three_stages(mploop_pipeline_create(8), &src, slow_square, add, &total);
    long first = 0;
    for (int r = 0; r < 2; r++) {
        src.next = 0;
        total = 0;
        if (mploop_pipeline_run(pl, 0) != 0)
            return 1;
        first = r ? first : total;
    }
    mploop_pipeline_destroy(pl);
    printf("slow middle: %ld %ld\n", first, total);
    /* Freed memory is reused: the report keeps the site's file and line. */
    for (int i = 0; i < 8; i++)
        free(calloc(1, 48));
    long a = slow_end();
    long b = slow_end();
    printf("slow end: %ld %ld\n", a, b);
    return 0;
}

// The stages of each pipeline, under the table.
//
// TEXT-NEXT: mploop: stages of the pipeline {{.*}}pipeline.c:[[#END]]:
// TEXT-NEXT: {{^  stage +items +dropped +busy +workers +busy-share +bottleneck$}}
// TEXT-NEXT: {{^  .*}}pipeline.c:[[#END]] stage 0 (serial in order) 12 0 {{[0-9.]+ms 1 0\.[0-9][0-9] *$}}
// TEXT1-NEXT: {{^  .*}}pipeline.c:[[#END]] stage 1 (parallel) 12 0 {{[0-9.]+ms 1 0\.[0-9][0-9] *$}}
// TEXT2-NEXT: {{^  .*}}pipeline.c:[[#END]] stage 1 (parallel) 12 0 {{[0-9.]+ms 2 0\.[0-9][0-9] *$}}
// TEXT-NEXT: {{^  .*}}pipeline.c:[[#END]] stage 2 (serial) 12 0 {{[0-9.]+m?s 1 (0\.[0-9][0-9]|1\.00) yes$}}
// TEXT-NEXT: mploop: bottleneck of {{.*}}pipeline.c:[[#END]]: stage 2 (serial), busy {{[0-9]+}}% of what 1 worker can give
// TEXT-NEXT: mploop: stages of the pipeline {{.*}}pipeline.c:[[#MID]]:
// TEXT-NEXT: {{^  stage +items +dropped +busy +workers +busy-share +bottleneck$}}
// TEXT-NEXT: {{^  .*}}pipeline.c:[[#MID]] stage 0 (serial in order) 24 0 {{[0-9.]+ms 1 0\.[0-9][0-9] *$}}
// TEXT1-NEXT: {{^  .*}}pipeline.c:[[#MID]] stage 1 (parallel) 24 6 {{[0-9.]+m?s 1 (0\.[0-9][0-9]|1\.00) yes$}}
// TEXT2-NEXT: {{^  .*}}pipeline.c:[[#MID]] stage 1 (parallel) 24 6 {{[0-9.]+m?s 2 (0\.[0-9][0-9]|1\.00) yes$}}
// TEXT-NEXT: {{^  .*}}pipeline.c:[[#MID]] stage 2 (serial) 18 0 {{[0-9.]+ms 1 0\.[0-9][0-9] *$}}
// TEXT1-NEXT: mploop: bottleneck of {{.*}}pipeline.c:[[#MID]]: stage 1 (parallel), busy {{[0-9]+}}% of what 1 worker can give
// TEXT2-NEXT: mploop: bottleneck of {{.*}}pipeline.c:[[#MID]]: stage 1 (parallel), busy {{[0-9]+}}% of what 2 workers can give
// TEXT-NOT: {{.}}
