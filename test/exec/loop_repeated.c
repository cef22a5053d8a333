// The same annotated loop run 300 times in a row, alternating between
// worker counts (num_workers): results accumulate as in the sequential
// program, and the process holds as many file descriptors at the end as
// after the first two loops (no descriptor of a finished loop is left open:
// the runtime keeps the workers' channels and the persistent team's
// descriptors for the life of the process, and opens nothing more per loop,
// although every loop forms a new team here, its worker count changing).
//
// RUN: %exec-check %s %t
// RUN: grep -c 'iterations on 2 workers' %t.log.1 | FileCheck %s --check-prefix=HALF
// RUN: grep -c 'iterations on 3 workers' %t.log.1 | FileCheck %s --check-prefix=HALF
// RUN: grep -c 'iterations on 3 workers' %t.log.4 | FileCheck %s --check-prefix=HALF
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// HALF: {{^}}150{{$}}
// OUT: descriptors: same

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Open descriptors, not counting the runtime's persistent memfds (the
 * worker arenas and the shared heap; a loop's channels are counted). */
static int count_fds(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    if (!d)
        return -1;
    while ((e = readdir(d))) {
        char path[300], target[256];
        snprintf(path, sizeof path, "/proc/self/fd/%s", e->d_name);
        ssize_t len = readlink(path, target, sizeof target - 1);
        target[len > 0 ? len : 0] = '\0';
        n += strncmp(target, "/memfd:mploop-arenas ", 21) != 0 &&
             strncmp(target, "/memfd:mploop-heap ", 19) != 0;
    }
    closedir(d);
    return n;
}

int main(void)
{
    static long acc[64];
    long total = 0;
    int before = -1;

    for (int round = 0; round < 300; round++) {
        int w = 2 + round % 2;
        if (round == 2)
            before = count_fds();
#pragma mploop for num_workers(w) reduction(+: total)
        for (int i = 0; i < 64; i++) {
            acc[i] += (long)i * round % 17;
            total += acc[i] & 7;
        }
    }
    int after = count_fds();
    unsigned long h = 0;
    for (int k = 0; k < 64; k++)
        h = h * 31 + (unsigned long)acc[k];
    printf("total=%ld hash=%lu\n", total, h);
    printf("descriptors: %s\n", before == after ? "same" : "different");
    return 0;
}
