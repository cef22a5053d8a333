// MPLOOP_HUGE_DIR=DIR puts the shared heap's file on DIR, here a tmpfs
// mounted with huge=always (Inputs/huge_mount.sh mounts it under %t and
// unmounts it afterwards), which gives shared mappings 2 MiB pages even where
// the kernel's shmem_enabled is "never".  A loop over a 256 MB block there
// gives the sequential result; the heap's mapping is a nameless file of
// DIR, mapped with 2 MiB pages (ShmemPmdMapped in /proc/self/smaps covers
// the block); a child the program forks itself gets a private copy, in a new
// file of DIR (a memfd when DIR is full), as with the memfd (user_fork.c).
//
// REQUIRES: huge-tmpfs
// RUN: %S/Inputs/huge_mount.sh tmpfs huge=always,size=1G %t.mnt %exec-check %s %t
// RUN: %S/Inputs/huge_mount.sh tmpfs huge=always,size=1G %t.mnt %t.par where | FileCheck %s
// CHECK: heap: a file of MPLOOP_HUGE_DIR
// CHECK-NEXT: starts on a 2 MiB boundary: yes
// CHECK-NEXT: advised: yes
// CHECK-NEXT: the block in 2 MiB pages: yes
// CHECK-NEXT: sum 167772160
// CHECK-NEXT: child: another file of MPLOOP_HUGE_DIR
// CHECK-NEXT: child sum 0
// CHECK-NEXT: child status 0
// CHECK-NEXT: parent sum 167772160
// Snapshot mode (workers remap the file privately) gives the same answer:
// RUN: %S/Inputs/huge_mount.sh tmpfs huge=always,size=1G %t.mnt env MPLOOP_CHECK=1 %t.par where | FileCheck %s
// A tmpfs with room for the 256 MB block but not for the heap's usual
// 64 MiB steps of growth (the window then grows to the block rounded to
// 2 MiB, 258 MiB), nor for the child's copy: the child gets its copy in a
// memfd instead (written from the mapping, since copy_file_range does not
// cross file systems).
// RUN: %S/Inputs/huge_mount.sh tmpfs huge=always,size=300M %t.mnt %t.par where | FileCheck %s --check-prefix=TIGHT
// TIGHT: heap: a file of MPLOOP_HUGE_DIR
// TIGHT: sum 167772160
// TIGHT-NEXT: child: a memfd
// TIGHT-NEXT: child sum 0
// TIGHT-NEXT: child status 0
// TIGHT-NEXT: parent sum 167772160
// A tmpfs without room for one 2 MiB page cannot hold the heap: an error
// under the one policy of every MPLOOP_* variable (huge_dir_values.c).
// RUN: %S/Inputs/huge_mount.sh tmpfs huge=always,size=1M %t.mnt not %t.par where > %t.full.out 2> %t.full.err
// RUN: FileCheck %s --check-prefix=FULL < %t.full.err
// RUN: count 0 < %t.full.out
// FULL: mploop: error: MPLOOP_HUGE_DIR={{.+}}.mnt is not a writable tmpfs directory with free space; mount a tmpfs {{.+}}

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define N (256L << 20)

/* The mapping holding p in /proc/self/smaps: its start, its file's name and
 * inode, whether it is advised (hg), and ShmemPmdMapped in bytes. */
struct where {
    uintptr_t start;
    char path[256];
    unsigned long inode;
    int hg;
    unsigned long long pmd;
};

static int where(const void *p, struct where *w)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    char line[512];
    int found = 0;
    memset(w, 0, sizeof *w);
    while (f && fgets(line, sizeof line, f)) {
        uintptr_t s, e;
        unsigned long ino;
        char name[256] = "";
        unsigned long long kb;
        if (strchr(line, '-') && strchr(line, '-') < strchr(line, ' ') &&
            sscanf(line, "%" SCNxPTR "-%" SCNxPTR " %*s %*s %*s %lu %255s", &s, &e, &ino,
                   name) >= 3) {
            if (found)
                break;
            if ((uintptr_t)p >= s && (uintptr_t)p < e) {
                found = 1;
                w->start = s;
                w->inode = ino;
                snprintf(w->path, sizeof w->path, "%s", name);
            }
        } else if (found && strncmp(line, "VmFlags:", 8) == 0) {
            w->hg = strstr(line, " hg") != NULL;
        } else if (found && sscanf(line, "ShmemPmdMapped: %llu kB", &kb) == 1) {
            w->pmd = kb << 10;
        }
    }
    if (f)
        fclose(f);
    return found ? 0 : -1;
}

/* Nonzero when path names a file directly in $MPLOOP_HUGE_DIR. */
static int in_dir(const char *path)
{
    const char *dir = getenv("MPLOOP_HUGE_DIR");
    size_t n = dir ? strlen(dir) : 0;
    return n && strncmp(path, dir, n) == 0 && path[n] == '/' && !strchr(path + n + 1, '/');
}

static long sum(const int *a)
{
    long s = 0;
    for (long i = 0; i < N / (long)sizeof *a; i++)
        s += a[i];
    return s;
}

int main(int argc, char **argv)
{
    int report = argc > 1 && strcmp(argv[1], "where") == 0;
    long n = N / (long)sizeof(int);
    int *a = malloc(N);
    if (!a)
        return 1;
    for (long i = 0; i < n; i++)
        a[i] = 1;
#pragma mploop for
    for (long i = 0; i < n; i++)
        a[i] = a[i] + (int)(i & 3);
    if (!report) {
        printf("sum %ld\n", sum(a));
        return 0;
    }
    struct where w;
    if (where(a, &w) != 0)
        return 2;
    printf("heap: %s\n", in_dir(w.path) ? "a file of MPLOOP_HUGE_DIR" : w.path);
    printf("starts on a 2 MiB boundary: %s\n", w.start % (2u << 20) == 0 ? "yes" : "no");
    printf("advised: %s\n", w.hg ? "yes" : "no");
    printf("the block in 2 MiB pages: %s (%llu kB)\n", w.pmd >= N - (2u << 20) ? "yes" : "no",
           w.pmd >> 10);
    printf("sum %ld\n", sum(a));
    fflush(stdout);
    int done[2];
    if (pipe(done))
        return 1;
    pid_t pid = fork();
    if (pid == 0) {
        struct where c;
        memset(a, 0, N);
        if (where(a, &c) != 0)
            _exit(2);
        printf("child: %s\n", in_dir(c.path) && c.inode != w.inode ? "another file of MPLOOP_HUGE_DIR"
                              : strcmp(c.path, "/memfd:mploop-copy") == 0 ? "a memfd"
                              : c.path);
        printf("child sum %ld\n", sum(a));
        fflush(stdout);
        _exit(write(done[1], "x", 1) == 1 ? 0 : 1);
    }
    /* A child that dies early closes the pipe: the read then ends. */
    close(done[1]);
    int status;
    char c;
    ssize_t got = read(done[0], &c, 1);
    if (waitpid(pid, &status, 0) != pid)
        return 1;
    if (got != 1)
        printf("child wrote nothing\n");
    printf("child status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : 128);
    printf("parent sum %ld\n", sum(a));
    return 0;
}
