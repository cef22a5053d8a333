// A file opened between two loops and written in the second, then the same
// descriptor number replaced (dup2) by another file between the second and
// the third: a parked team holds neither, so each of those loops forks a
// fresh team, whose workers write the right file at the right offsets.
// Ignoring the change, a worker would write to no file (EBADF) or to the
// replaced one, and the files' contents would differ from the sequential
// run's.
//
// RUN: %exec-check %s %t
// RUN: rm -f %t.seq.a %t.seq.b
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_VERBOSE=3 %t.par %t.f 2>&1 >/dev/null | grep ": team: " | FileCheck %s
// CHECK: team: forked 2 workers (first loop on workers)
// CHECK-NEXT: team: forked 2 workers (a descriptor was opened, closed or replaced)
// CHECK-NEXT: team: forked 2 workers (a descriptor was opened, closed or replaced)
// CHECK-NEXT: team: resumed 2 parked workers

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Sum of the bytes of a file, and its size. */
static void show(const char *path)
{
    unsigned long sum = 0, size = 0;
    int c;
    FILE *f = fopen(path, "r");
    while (f && (c = getc(f)) != EOF) {
        sum = sum * 31 + (unsigned)c;
        size++;
    }
    if (f)
        fclose(f);
    printf("%s: %lu bytes, hash %lu\n", strrchr(path, '.') + 1, size, sum);
}

int main(int argc, char **argv)
{
    char a[4096], b[4096];
    const char *base = argc > 1 ? argv[1] : "descriptor_between.out";
    snprintf(a, sizeof a, "%s.a", base);
    snprintf(b, sizeof b, "%s.b", base);
    static int out[256];
#pragma mploop for
    for (int i = 0; i < 256; i++)
        out[i] = i * 3;
    int fd = open(a, O_RDWR | O_CREAT | O_TRUNC, 0600);
#pragma mploop for
    for (int i = 0; i < 256; i++) {
        char rec[16];
        snprintf(rec, sizeof rec, "a%05d:%08d\n", i, out[i]);
        pwrite(fd, rec, 15, (off_t)i * 15);
    }
    int other = open(b, O_RDWR | O_CREAT | O_TRUNC, 0600);
    dup2(other, fd);
    close(other);
#pragma mploop for
    for (int i = 0; i < 256; i++) {
        char rec[16];
        snprintf(rec, sizeof rec, "b%05d:%08d\n", i, out[i] + 1);
        pwrite(fd, rec, 15, (off_t)i * 15);
    }
#pragma mploop for
    for (int i = 0; i < 256; i++)
        out[i]++;
    close(fd);
    show(a);
    show(b);
    printf("out[255] = %d\n", out[255]);
    return 0;
}
