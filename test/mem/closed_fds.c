// A program that closes every descriptor from 3 up (as daemons do) closes
// the runtime's memfds too, and may reuse their numbers for files of its
// own.  The runtime must never touch those files; large blocks keep working
// (freed, allocated again, calloc'ed zero), later loops still give the
// sequential answer (in-process, with a warning, when the memory they need
// cannot be shared any more), and a child forked afterwards still gets its
// own copy of the large blocks.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W < %t.log.2
// W: mploop: warning: {{.*}}closed_fds.c:{{[0-9]+}}: cannot prepare memory for the workers

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define N (1L << 20)

int main(void)
{
    char path[] = "/tmp/mploop-closed-fds-XXXXXX";
    int *a = malloc(N * sizeof *a);
    for (long i = 0; i < N; i++)
        a[i] = 1;
#pragma mploop for
    for (long i = 0; i < N; i++)
        a[i] += 1;
    long s = 0;
    for (long i = 0; i < N; i++)
        s += a[i];
    printf("before closing: %ld\n", s);
    fflush(stdout);

    for (int fd = 3; fd < 1024; fd++)
        close(fd);
    int keep = mkstemp(path);
    for (int k = 0; k < 300; k++)      /* take the numbers the memfds had */
        if (open(path, O_RDWR) < 0)
            break;
    if (keep < 0 || write(keep, "precious\n", 9) != 9)
        return 1;

    free(a);
    int *z = calloc(N, sizeof *z);
    long nonzero = 0;
    for (long i = 0; i < N; i++)
        nonzero += z[i] != 0;
    printf("calloc after closing: %ld non-zero\n", nonzero);
    int *b = malloc(N * sizeof *b);
    for (long i = 0; i < N; i++)
        b[i] = 5;
#pragma mploop for
    for (long i = 0; i < N; i++)
        b[i] += (int)(i % 3);
    s = 0;
    for (long i = 0; i < N; i++)
        s += b[i];
    printf("after closing: %ld\n", s);
    fflush(stdout);

    pid_t pid = fork();
    if (pid == 0) {
        b[0] = 100;
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    printf("child's write seen by the parent: %s\n", b[0] == 100 ? "yes" : "no");

    char text[32] = { 0 };
    ssize_t got = pread(keep, text, sizeof text - 1, 0);
    printf("the program's file: %zd bytes: %s", got, text);
    unlink(path);
    return 0;
}
