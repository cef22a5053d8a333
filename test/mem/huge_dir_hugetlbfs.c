// MPLOOP_HUGE_DIR refuses a directory on hugetlbfs, with the one policy's
// error, whose help says what to mount instead (a tmpfs with huge=always):
// hugetlbfs takes its pages from a pool the administrator reserves, punches
// holes and maps privately only in whole huge pages, and has no write() or
// copy_file_range, all of which the shared heap relies on (docs/memory.md).
// The variable is read at the first large allocation of a program with
// loops (before that there is no shared heap), so the program has one.
//
// REQUIRES: hugetlbfs
// RUN: %mploop-cc -O2 %s -o %t
// RUN: %S/Inputs/huge_mount.sh hugetlbfs pagesize=2M %t.mnt sh -c '%t 2>&1; echo status=$?' | FileCheck %s
// CHECK: mploop: error: MPLOOP_HUGE_DIR={{.+}}.mnt is not a writable tmpfs directory with free space; mount a tmpfs with huge pages (mount -t tmpfs -o huge=always none DIR; hugetlbfs is not supported) and set it to DIR's absolute path, or unset it to keep the shared heap in a memfd{{$}}
// CHECK-NEXT: status=1{{$}}

#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    char *big = malloc(1 << 20);
    if (!big)
        return 2;
#pragma mploop for
    for (int i = 0; i < 1 << 20; i++)
        big[i] = (char)i;
    printf("not reached\n");
    free(big);
    return 0;
}
