// Memory allocated in the body of a loop that fails is given back: nothing
// of that loop is merged, so nothing can reach those blocks.  Five rounds of
// a loop whose workers allocate 16 MiB per iteration before one of them
// crashes (MPLOOP_ON_ERROR=return) leave the worker arenas' memfd as empty
// as it started, and a later successful loop still allocates blocks that
// survive it.
//
// RUN: %mploop-cc -I%mploop-build/include -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ON_ERROR=return %t 2>/dev/null | FileCheck %s
// CHECK: round 0: failed, arena memory 0 MiB
// CHECK: round 4: failed, arena memory 0 MiB
// CHECK: after a good loop: 8 blocks, arena memory {{12[89]|13[0-9]}} MiB

#include <dirent.h>
#include <mploop.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Memory held by the runtime's arena memfd, in MiB (-1 when not found). */
static long arena_mib(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    long mib = -1;
    while ((e = readdir(d))) {
        char path[300], target[300];
        snprintf(path, sizeof path, "/proc/self/fd/%s", e->d_name);
        ssize_t n = readlink(path, target, sizeof target - 1);
        target[n > 0 ? n : 0] = '\0';
        struct stat sb;
        if (strncmp(target, "/memfd:mploop-arenas ", 21) == 0 && stat(path, &sb) == 0)
            mib = (long)sb.st_blocks * 512 / (1 << 20);
    }
    closedir(d);
    return mib;
}

int main(void)
{
    static char *keep[8];
    for (int round = 0; round < 5; round++) {
#pragma mploop for schedule(dynamic, 1)
        for (int i = 0; i < 8; i++) {
            keep[i] = malloc(16 << 20);
            memset(keep[i], i, 16 << 20);
            if (i == 6)
                raise(SIGSEGV);
        }
        const mploop_error *e = mploop_last_error();
        printf("round %d: %s, arena memory %ld MiB\n", round, e ? "failed" : "ok", arena_mib());
        mploop_clear_error();
    }
#pragma mploop for
    for (int i = 0; i < 8; i++) {
        keep[i] = malloc(16 << 20);
        memset(keep[i], i, 16 << 20);
    }
    int good = 0;
    for (int i = 0; i < 8; i++)
        good += keep[i] && keep[i][(16 << 20) - 1] == i;
    printf("after a good loop: %d blocks, arena memory %ld MiB\n", good, arena_mib());
    return 0;
}
