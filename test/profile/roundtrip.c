// A profile round trip: a program with one clearly hot loop, built with
// mploop-cc --profile (it has no mploop pragma: every file is rewritten),
// writes the profile at exit to MPLOOP_PROFILE; the format is the
// documented one (version line, program, run time, one line per loop with
// its parent, entries and iterations); `mploop profile show` and
// `mploop --suggest --profile` rank the hot loop first and its inner loop
// second, with the Amdahl speed-up for the workers asked for, and list
// the loops never entered last.
//
// RUN: rm -f %t.profile
// RUN: %mploop-cc -O1 -w --profile %s -o %t
// RUN: env MPLOOP_PROFILE=%t.profile %t | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefix=FMT < %t.profile
// RUN: %mploop profile show --workers 4 %t.profile | FileCheck %s --check-prefix=SHOW
// RUN: %mploop --suggest --profile %t.profile --workers 4 %s | FileCheck %s --check-prefix=SUGGEST
// RUN: %mploop --suggest --format=json --profile=%t.profile --workers 4 %s | FileCheck %s --check-prefix=JSON
// RUN: cd %T && rm -f mploop.profile && %t > /dev/null && test -f mploop.profile

// OUT: sum 2497500 count 10 found 8

// FMT: {{^}}mploop-profile	1{{$}}
// FMT-NEXT: {{^}}program	{{.*}}roundtrip.c.tmp{{$}}
// FMT-NEXT: {{^}}total_ns	{{[0-9]+$}}
// FMT-NEXT: {{^}}# loop	id	parent	file	line	column	function	entries	iterations	inclusive_ns{{$}}

#include <stdio.h>

static volatile long sink;

static int find(int n)
{
    // FMT-DAG: {{^}}loop	[[FIND:[0-9]+]]	0	{{.*}}roundtrip.c	[[@LINE+1]]	5	find	1	9	{{[0-9]+$}}
    for (int i = 0; i < n; i++)
        if (i * i > 50)
            return i;
    return -1;
}

static void never(void)
{
    for (int i = 0; i < 3; i++)
        sink = i;
}

int main(int argc, char **argv)
{
    long sum = 0, count = 0;
    // FMT-DAG: {{^}}loop	[[HOT:[0-9]+]]	0	{{.*}}roundtrip.c	[[@LINE+1]]	5	main	1	5000	{{[0-9]+$}}
    for (int r = 0; r < 5000; r++) {
        // FMT-DAG: {{^}}loop	{{[0-9]+}}	[[HOT]]	{{.*}}roundtrip.c	[[@LINE+1]]	9	main	5000	5000000	{{[0-9]+$}}
        for (int i = 0; i < 1000; i++) {
            sum += i;
            sink = i;
        }
    }
    sum /= 1000;
    // FMT-DAG: {{^}}loop	{{[0-9]+}}	0	{{.*}}roundtrip.c	[[@LINE+1]]	5	main	1	10	{{[0-9]+$}}
    for (int k = 0; k < 10; k++)
        count++;
    if (argc > 5)
        never();
    printf("sum %ld count %ld found %d\n", sum, count, find(100));
    (void)argv;
    return 0;
}

// SHOW: profile {{.*}}.profile of {{.*}}roundtrip.c.tmp: run time {{[0-9.]+ [mun]?s}}, 4 loops; speed-up: the whole run's, with the loop on 4 workers
// SHOW-NEXT: rank   share speed-up         time    entries   iterations    per entry  loop (function) [inside]
// SHOW-NEXT: {{^ +1 +[0-9.]+% +[0-9.]+ +[0-9.]+ [mun]?s +1 +5000 +[0-9.]+ [mun]?s  .*roundtrip.c:49:5 \(main\)$}}
// SHOW-NEXT: {{^ +2 +[0-9.]+% +[0-9.]+ +[0-9.]+ [mun]?s +5000 +5000000 +[0-9.]+ [mun]?s  .*roundtrip.c:51:9 \(main\) \[in .*roundtrip.c:49\]$}}
// SHOW-NEXT: {{^ +3 .*$}}
// SHOW-NEXT: {{^ +4 .*$}}
// SHOW-NOT: {{.}}

// SUGGEST: roundtrip.c:49:5: unknown: {{.*}} [profile: {{[0-9.]+}}% of the run time, speed-up {{[0-9.]+}} on 4 workers]
// SUGGEST-NEXT: roundtrip.c:51:9: {{.*}} [profile: {{[0-9.]+}}% of the run time, speed-up {{[0-9.]+}} on 4 workers]
// SUGGEST-NEXT: roundtrip.c:{{.*$}}
// SUGGEST-NEXT: roundtrip.c:{{.*$}}
// SUGGEST-NEXT: roundtrip.c:41:5: {{.*}} [profile: no samples]{{$}}
// SUGGEST-NOT: {{.}}

// JSON: "profile": {"file": "{{.*}}.profile", "run_time_s": {{[0-9.]+}}, "workers": 4},
// JSON: {"file": "{{.*}}roundtrip.c", "line": 49, "column": 5,
// JSON-SAME: "profile": {"entries": 1, "iterations": 5000, "time_s": {{[0-9.]+}}, "share": {{[0-9.]+}}, "speedup": {{[0-9.]+}}}}
// JSON: "line": 51,
// JSON: "line": 41,
// JSON-SAME: "profile": null}
