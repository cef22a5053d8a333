// MPLOOP_REPORT for a pipeline of the pragma form: the row is the loop's
// (file:line of its `for`), each stage's row has the stage's own line (its
// `#pragma mploop stage`; the first stage's is the loop's), and the slow
// parallel stage is the bottleneck; on workers and in-process, as text
// and as JSON (valid under docs/report.schema.json).
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_REPORT=1 %t 2>&1 >/dev/null | FileCheck %s --check-prefixes=TEXT,TEXT2
// RUN: env MPLOOP_WORKERS=1 MPLOOP_REPORT=1 %t 2>&1 >/dev/null | FileCheck %s --check-prefixes=TEXT,TEXT1
// RUN: rm -f %t.json
// RUN: env MPLOOP_WORKERS=2 MPLOOP_REPORT=%t.json %t | FileCheck %s --check-prefix=OUT
// RUN: python3 %mploop-src/test/lib/json_schema.py %mploop-src/docs/report.schema.json %t.json | FileCheck %s --check-prefix=VALID
// RUN: python3 %mploop-src/test/lib/report_fields.py %t.json | FileCheck %s
// VALID: valid
// OUT: total 132

#include <stdio.h>
#include <unistd.h>

int main(void)
{
    long total = 0;
    // TEXT: mploop: loop report: 1 loop, figures summed over each loop's executions
    // TEXT-NEXT: {{^loop +runs}}
    // TEXT1-NEXT: {{^.*}}pipeline_pragma.c:[[#LOOP:@LINE+21]] (pipeline) 1 1 0 10 1 29 {{[0-9.]+m?s}}{{ }}
    // TEXT2-NEXT: {{^.*}}pipeline_pragma.c:[[#LOOP:@LINE+20]] (pipeline) 1 0 0 10 2 29 {{[0-9.]+m?s}}{{ }}
    // TEXT-NEXT: mploop: stages of the pipeline {{.*}}pipeline_pragma.c:[[#LOOP]]:
    // TEXT-NEXT: {{^  stage +items}}
    // TEXT-NEXT: {{^  .*}}pipeline_pragma.c:[[#LOOP]] stage 0 (serial in order) 10 0 {{[0-9.]+ms 1 0\.[0-9][0-9] *$}}
    // TEXT1-NEXT: {{^  .*}}pipeline_pragma.c:[[#@LINE+18]] stage 1 (parallel) 10 1 {{[0-9.]+ms 1 (0\.[0-9][0-9]|1\.00) yes$}}
    // TEXT2-NEXT: {{^  .*}}pipeline_pragma.c:[[#@LINE+17]] stage 1 (parallel) 10 1 {{[0-9.]+ms 2 (0\.[0-9][0-9]|1\.00) yes$}}
    // TEXT-NEXT: {{^  .*}}pipeline_pragma.c:[[#@LINE+21]] stage 2 (serial in order) 9 0 {{[0-9.]+ms 1 0\.[0-9][0-9] *$}}
    // TEXT1-NEXT: mploop: bottleneck of {{.*}}pipeline_pragma.c:[[#LOOP]]: stage 1 (parallel), busy {{[0-9]+}}% of what 1 worker can give
    // TEXT2-NEXT: mploop: bottleneck of {{.*}}pipeline_pragma.c:[[#LOOP]]: stage 1 (parallel), busy {{[0-9]+}}% of what 2 workers can give
    // TEXT-NOT: {{.}}
    //
    // CHECK: loop pipeline_pragma.c:[[#LOOP:@LINE+9]]
    // CHECK: iterations=10
    // CHECK: kind=pipeline
    // CHECK-NEXT: stages=3
    // CHECK-NEXT: stage 0 (serial in order) line=[[#LOOP]] items=10 dropped=0 concurrency=1 bottleneck=0 busy_s=
    // CHECK-NEXT: stage 1 (parallel) line=[[#@LINE+6]] items=10 dropped=1 concurrency=2 bottleneck=1 busy_s={{0\.(2[0-9]|[3-9])|[1-9]}}
    // CHECK-NEXT: stage 2 (serial in order) line=[[#@LINE+10]] items=9 dropped=0 concurrency=1 bottleneck=0 busy_s=
    // CHECK-NOT: loop
#pragma mploop pipeline
    for (int i = 0; i < 10; i++) {
        int v = i * 3;
#pragma mploop stage parallel
        usleep(20000);
        int w = v + 1;
        if (i == 4)
            continue;
#pragma mploop stage serial
        total += w;
    }
    printf("total %ld\n", total);
    return 0;
}
