// MPLOOP_HUGE_DIR must be the absolute path of a writable directory on a
// tmpfs with room for a 2 MiB page; anything else is an error under the one
// policy of every MPLOOP_* variable: reported once, naming no loop (it is
// read at the first large allocation, which may come before main), and the
// program ends with status 1 before it writes anything.  An empty value is
// unset: the heap stays a memfd.
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_HUGE_DIR=relative/dir sh -c '%t 2>&1; echo status=$?' | FileCheck %s -DV=relative/dir
// RUN: env MPLOOP_HUGE_DIR=/nonexistent/mploop sh -c '%t 2>&1; echo status=$?' | FileCheck %s -DV=/nonexistent/mploop
// A regular file, and a directory of another file system:
// RUN: env MPLOOP_HUGE_DIR=%s sh -c '%t 2>&1; echo status=$?' | FileCheck %s -DV=%s
// RUN: env MPLOOP_HUGE_DIR=/proc sh -c '%t 2>&1; echo status=$?' | FileCheck %s -DV=/proc
// The variable is read even when the heap is off, so a typo never goes unseen:
// RUN: env MPLOOP_LARGE_MIN=off MPLOOP_HUGE_DIR=/proc sh -c '%t 2>&1; echo status=$?' | FileCheck %s -DV=/proc
// RUN: env MPLOOP_HUGE_DIR= sh -c '%t 2>&1; echo status=$?' | FileCheck %s --check-prefix=UNSET
//
// CHECK: mploop: error: MPLOOP_HUGE_DIR=[[V]] is not a writable tmpfs directory with free space; mount a tmpfs with huge pages (mount -t tmpfs -o huge=always none DIR; hugetlbfs is not supported) and set it to DIR's absolute path, or unset it to keep the shared heap in a memfd{{$}}
// CHECK-NEXT: status=1{{$}}
// UNSET: sum 45
// UNSET-NEXT: status=0{{$}}

#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    int *big = calloc(1 << 20, sizeof *big);
    long s = 0;
    if (!big)
        return 2;
#pragma mploop for reduction(+: s)
    for (int i = 0; i < 10; i++)
        s += i + big[i];
    printf("sum %ld\n", s);
    free(big);
    return 0;
}
