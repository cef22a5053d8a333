// A child the program forks itself gets a copy of memory, not a view of
// the parent's, also for large blocks (the shared heap) and blocks
// allocated in loop bodies (the worker arenas), both of which are shared
// memfd mappings: the child's writes do not reach the parent, the parent's
// do not reach the child, and loops run in the child work as anywhere.
//
// RUN: %exec-check %s %t

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define N (1L << 20)

static long sum(const int *a)
{
    long s = 0;
    for (long i = 0; i < N; i++)
        s += a[i];
    return s;
}

int main(void)
{
    int *big = malloc(N * sizeof *big);
    for (long i = 0; i < N; i++)
        big[i] = 1;
    char *made[4];
#pragma mploop for
    for (int i = 0; i < 4; i++) {
        made[i] = malloc(32);
        snprintf(made[i], 32, "parent %d", i);
    }
    fflush(stdout);
    int ready[2], done[2];
    if (pipe(ready) || pipe(done))
        return 1;
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        for (long i = 0; i < N; i++)
            big[i] = 2;
        strcpy(made[2], "child");
        if (write(ready[1], "x", 1) != 1 || read(done[0], &c, 1) != 1)
            _exit(1);
        /* The parent has written its blocks meanwhile: not seen here. */
        printf("child before its loop: %ld %s %s\n", sum(big), made[1], made[2]);
#pragma mploop for
        for (long i = 0; i < N; i++)
            big[i] += 3;
#pragma mploop for
        for (int i = 0; i < 4; i++)
            made[i][0] = 'P';
        printf("child after its loops: %ld %s %s\n", sum(big), made[1], made[2]);
        fflush(stdout);
        _exit(0);
    }
    char c;
    if (read(ready[0], &c, 1) != 1)
        return 1;
    for (long i = 0; i < N; i += 2)
        big[i] = 7;
    strcpy(made[1], "parent wrote");
    if (write(done[1], "x", 1) != 1)
        return 1;
    int status;
    waitpid(pid, &status, 0);
    printf("child status %d\n", WEXITSTATUS(status));
    printf("parent: %ld %s %s\n", sum(big), made[1], made[2]);
    return 0;
}
