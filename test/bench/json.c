// mploop-bench --json: one JSON document on stdout, valid under
// docs/bench.schema.json, with a point per worker count (given out of
// order and twice: each is measured once per round) for the program and
// for each loop, medians that are the medians of the rounds, speed-ups
// against 1 worker and efficiencies that agree with them, and a loop that
// ran only with 2 workers shown without a baseline.  The program's
// arguments reach it; --quiet discards its output.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_ADAPT=0 mploop-bench --workers 2,1,2 --runs 3 --json --quiet -- %t 300 > %t.json
// RUN: python3 %mploop-src/test/lib/json_schema.py %mploop-src/docs/bench.schema.json %t.json | FileCheck %s --check-prefix=VALID
// RUN: python3 %mploop-src/test/lib/bench_fields.py %t.json | FileCheck %s
// VALID: valid
//
// CHECK: version=1 command=json.c.tmp 300 seq=None rounds=3
// CHECK-NEXT: program_baseline=one_worker loop_baseline=one_worker one_worker_added=False loop_report=True
// CHECK-NEXT: program
// CHECK-NEXT: {{^}}  workers=1 rounds=3{{$}}
// CHECK-NEXT: {{^}}  workers=2{{\*?}} rounds=3{{$}}

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double cells[1000];

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 0;
    double sum = 0;
    // CHECK-NEXT: loop json.c:[[@LINE+4]]
    // CHECK-NEXT: {{^}}  workers=1 rounds=3 runs=1 in_process=1{{$}}
    // CHECK-NEXT: {{^}}  workers=2{{\*?}} rounds=3 runs=1 in_process=0{{$}}
#pragma mploop for reduction(+:sum) schedule(static)
    for (int i = 0; i < n; i++) {
        cells[i] = i * 0.5;
        sum += cells[i];
    }
    // CHECK-NEXT: loop json.c:[[@LINE+5]]
    // CHECK-NEXT: {{^}}  workers=1 rounds=3 runs=2 in_process=2{{$}}
    // CHECK-NEXT: {{^}}  workers=2{{\*?}} rounds=3 runs=2 in_process=0{{$}}
    for (int r = 0; r < 2; r++) {
#pragma mploop for schedule(dynamic, 10)
        for (int i = 0; i < n; i++)
            cells[i] += r;
    }
    // Only with 2 workers: no baseline, no speed-up.
    // CHECK-NEXT: loop json.c:[[@LINE+5]]
    // CHECK-NEXT: {{^}}  workers=1 rounds=3 runs=None in_process=None wall=-{{$}}
    // CHECK-NEXT: {{^}}  workers=2{{\*?}} rounds=3 runs=1 in_process=0{{$}}
    if (getenv("MPLOOP_WORKERS") && !strcmp(getenv("MPLOOP_WORKERS"), "2")) {
#pragma mploop for schedule(static)
        for (int i = 0; i < n; i++)
            cells[i] *= 2;
    }
    // CHECK-NEXT: consistent
    printf("%g %g\n", sum, cells[n - 1]);
    return 0;
}
