// MPLOOP_REPORT=FILE.json and FILE.csv: at exit, one entry per loop with
// exact counts (executions, iterations, workers, chunks, each worker's
// share) and plausible times and ratios.  The JSON is valid under its
// schema (docs/report.schema.json); the CSV has the same columns.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: rm -f %t.json %t.csv
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_REPORT=%t.json %t %t.data > %t.out
// RUN: FileCheck %s --check-prefix=OUT < %t.out
// RUN: python3 %mploop-src/test/lib/json_schema.py %mploop-src/docs/report.schema.json %t.json | FileCheck %s --check-prefix=VALID
// RUN: python3 %mploop-src/test/lib/report_fields.py %t.json | FileCheck %s --check-prefixes=CHECK,DETAIL
// An existing, longer file is replaced whole (the JSON would not parse
// with the old file's tail after it).
// RUN: python3 -c "print('junk' * 50000)" > %t.json
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_REPORT=%t.json %t %t.data > %t.out
// RUN: python3 %mploop-src/test/lib/json_schema.py %mploop-src/docs/report.schema.json %t.json | FileCheck %s --check-prefix=VALID
// A relative file name is the working directory's at the start (the
// program changes it before it exits).
// RUN: rm -rf %t.d && mkdir %t.d && cd %t.d && env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_REPORT=loops.csv %t %t.data > %t.out
// RUN: python3 %mploop-src/test/lib/report_fields.py %t.d/loops.csv %mploop-src/docs/report.schema.json | FileCheck %s
// The body's reads into its stack fail with EFAULT under the mprotect
// tracker (docs/memory.md), which the I/O figures would show.
// UNSUPPORTED: tracker-mprotect
// VALID: valid
// OUT: sum=499500 sum=499500 sum=499500 inner=15 io=65536

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int cells[1000];

/* Three executions of 1000 iterations, one static chunk per worker. */
static long even(void)
{
    long sum = 0;
    // CHECK: loop fields.c:[[@LINE+14]]
    // CHECK-NEXT: loop={{.*}}fields.c:[[@LINE+13]]
    // CHECK-NEXT: runs=3
    // CHECK-NEXT: runs_in_process=0
    // CHECK-NEXT: runs_failed=0
    // CHECK-NEXT: iterations=3000
    // CHECK-NEXT: workers=2
    // CHECK-NEXT: chunks=6
    // CHECK-NEXT: wall_s={{[0-9]+\.[0-9]+}}
    // CHECK: merged_bytes={{[1-9][0-9]*}}
    // CHECK: file={{.*}}fields.c
    // DETAIL: worker 0 iterations=1500 chunks=3 busy_s=
    // DETAIL-NEXT: worker 1 iterations=1500 chunks=3 busy_s=
#pragma mploop for reduction(+:sum) schedule(static)
    for (int i = 0; i < 1000; i++) {
        cells[i] = i;
        sum += i;
    }
    return sum;
}

int main(int argc, char **argv)
{
    for (int r = 0; r < 3; r++)
        printf("sum=%ld ", even());

    /* Imbalanced: worker 0 sleeps 2 x 300 ms, worker 1 not at all.  The
     * busiest worker is busy twice the average (imbalance 2), half of the
     * workers' time is idle, the speed-up is 1 at best. */
    // CHECK: loop fields.c:[[@LINE+20]]
    // CHECK-NEXT: loop=
    // CHECK-NEXT: runs=1
    // CHECK-NEXT: runs_in_process=0
    // CHECK-NEXT: runs_failed=0
    // CHECK-NEXT: iterations=4
    // CHECK-NEXT: workers=2
    // CHECK-NEXT: chunks=2
    // CHECK-NEXT: wall_s={{0\.[6-9]|[1-9]}}
    // CHECK-NEXT: user_s=
    // CHECK-NEXT: sys_s=
    // CHECK-NEXT: busy_s={{0\.[6-9]|[1-9]}}
    // CHECK-NEXT: speedup={{0\.[3-9][0-9][0-9]|1\.00[0-9]}}{{$}}
    // CHECK-NEXT: efficiency={{0\.(1[5-9]|[2-4][0-9]|50)[0-9]}}{{$}}
    // CHECK-NEXT: imbalance={{1\.[89][0-9][0-9]|2\.000}}{{$}}
    // CHECK-NEXT: idle_share={{0\.(4[0-9]|5[0-4])[0-9]}}{{$}}
    // CHECK-NEXT: start_s=
    // DETAIL: worker 0 iterations=2 chunks=1 busy_s={{0\.[6-9]|[1-9]}}
    // DETAIL-NEXT: worker 1 iterations=2 chunks=1 busy_s=0.0{{[0-9]+$}}
#pragma mploop for schedule(static) num_workers(2)
    for (int i = 0; i < 4; i++)
        if (i < 2)
            usleep(300000);

    /* A loop nested in the body runs in-process in each worker: its
     * executions count, on one participant each. */
    long inner = 0;
#pragma mploop for reduction(+:inner) num_workers(3)
    for (int i = 0; i < 3; i++) {
        long part = 0;
        // CHECK: loop fields.c:[[@LINE+10]]
        // CHECK-NEXT: loop=
        // CHECK-NEXT: runs=3
        // CHECK-NEXT: runs_in_process=3
        // CHECK-NEXT: runs_failed=0
        // CHECK-NEXT: iterations=15
        // CHECK-NEXT: workers=1
        // CHECK-NEXT: chunks=3
        // CHECK: imbalance=1.000
#pragma mploop for reduction(+:part)
        for (int j = 0; j < 5; j++)
            part += 1;
        inner += part;
    }
    printf("inner=%ld ", inner);

    /* I/O: each iteration writes 4 KiB to a file opened before the loop
     * and reads 4 KiB back from it. */
    char block[4096];
    memset(block, 'x', sizeof block);
    int fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || pwrite(fd, block, sizeof block, 0) != sizeof block)
        return 1;
    long io = 0;
    // The reads of 8 x 4 KiB and the writes of 8 x 4 KiB (32768 bytes
    // each), and not 10 times as much:
    // CHECK: loop fields.c:[[@LINE+4]]
    // CHECK: read_bytes={{(3[2-9]|[4-9][0-9]|[12][0-9][0-9]|3[0-2][0-9])[0-9][0-9][0-9]$}}
    // CHECK-NEXT: written_bytes={{(3[2-9]|[4-9][0-9]|[12][0-9][0-9]|3[0-2][0-9])[0-9][0-9][0-9]$}}
#pragma mploop for reduction(+:io) schedule(static)
    for (int i = 0; i < 8; i++) {
        char buf[4096];
        io += pread(fd, buf, sizeof buf, 0);
        io += write(fd, block, sizeof block);
    }
    close(fd);
    printf("io=%ld\n", io);
    if (chdir("/") != 0)
        return 1;
    // CHECK-NOT: loop
    return 0;
}
