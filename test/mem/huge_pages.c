// The shared heap is a window that starts on a 2 MiB boundary, is mapped in
// whole 2 MiB pages and is advised MADV_HUGEPAGE (VmFlags `hg` in
// /proc/self/smaps), so a kernel that gives shared memory huge pages
// (shmem_enabled "advise") gives them to it.  On a kernel where
// shmem_enabled is "never" the advice changes nothing: huge_dir.c puts the
// heap on a huge-page tmpfs instead.
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env -u MPLOOP_HUGE_DIR %t | FileCheck %s
// CHECK: heap: /memfd:mploop-heap
// CHECK-NEXT: starts on a 2 MiB boundary: yes
// CHECK-NEXT: whole 2 MiB pages: yes
// CHECK-NEXT: advised: yes
// CHECK-NEXT: loop: 1572864 of 1572864
//
// With MPLOOP_HUGE_DIR set the file lies elsewhere, advised and aligned alike
// (huge_dir.c).

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N (3L << 19)

int main(void)
{
    char *a = malloc(N);
    if (!a)
        return 1;
    memset(a, 1, N);
    FILE *f = fopen("/proc/self/smaps", "r");
    char line[512], path[256] = "";
    uintptr_t lo = 0, hi = 0, p = (uintptr_t)a;
    int found = 0, hg = 0;
    while (f && fgets(line, sizeof line, f)) {
        uintptr_t s, e;
        char name[256] = "";
        if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR " %*s %*s %*s %*s %255s", &s, &e, name) >= 2 &&
            strchr(line, '-') < strchr(line, ' ')) {
            if (found)
                break;
            if (p >= s && p < e) {
                found = 1;
                lo = s;
                hi = e;
                snprintf(path, sizeof path, "%s", name);
            }
        } else if (found && strncmp(line, "VmFlags:", 8) == 0) {
            hg = strstr(line, " hg") != NULL;
        }
    }
    if (!found)
        return 2;
    printf("heap: %s\n", path);
    printf("starts on a 2 MiB boundary: %s\n", lo % (2u << 20) == 0 ? "yes" : "no");
    printf("whole 2 MiB pages: %s\n", (hi - lo) % (2u << 20) == 0 ? "yes" : "no");
    printf("advised: %s\n", hg ? "yes" : "no");
    long ones = 0;
#pragma mploop for reduction(+: ones)
    for (long i = 0; i < N; i++)
        ones += a[i];
    printf("loop: %ld of %ld\n", ones, N);
    return 0;
}
