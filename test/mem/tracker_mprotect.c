// What the mprotect tracker cannot do, and what it must keep doing.
// - A system call that writes into a tracked page fails with EFAULT under
//   mprotect (the kernel raises no signal for its own accesses); the other
//   trackers see such writes like any store.  (The buffer is a 200 KiB
//   global array, which the runtime moves into shared memory, untracked, as
//   a large block: MPLOOP_LARGE_MIN=off keeps it private and tracked; by
//   default the read works under every tracker.)
// - The program's own SIGSEGV handler still gets the faults that are not
//   tracking faults (a real crash in the body), while the tracking faults
//   of ordinary writes never reach it.
// - Without a handler of the program, a crash in the body still kills the
//   worker by SIGSEGV and is reported as such.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_LARGE_MIN=off MPLOOP_TRACKER=mprotect MPLOOP_WORKERS=2 %t read | FileCheck %s --check-prefix=EFAULT
// RUN: env MPLOOP_LARGE_MIN=off MPLOOP_TRACKER=uffd MPLOOP_WORKERS=2 %t read | FileCheck %s --check-prefix=READ
// RUN: env MPLOOP_LARGE_MIN=off MPLOOP_TRACKER=pagemap MPLOOP_WORKERS=2 %t read | FileCheck %s --check-prefix=READ
// RUN: env MPLOOP_TRACKER=mprotect MPLOOP_WORKERS=2 %t read | FileCheck %s --check-prefix=READ
// RUN: env MPLOOP_TRACKER=mprotect MPLOOP_WORKERS=2 %t writes | FileCheck %s --check-prefix=WRITES --implicit-check-not=caught
// RUN: env MPLOOP_TRACKER=mprotect MPLOOP_WORKERS=2 not %t handler > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=HANDLER < %t.out
// RUN: FileCheck %s --check-prefix=HANDLER-ERR < %t.err
// RUN: env MPLOOP_TRACKER=mprotect MPLOOP_WORKERS=2 not --crash %t crash 2>&1 | FileCheck %s --check-prefix=CRASH
//
// EFAULT: read: 50 failed with EFAULT, 0 read
// READ: read: 0 failed with EFAULT, 50 read
// WRITES: sum=499500
// HANDLER: caught SIGSEGV
// HANDLER-ERR: mploop: error: {{.*}}tracker_mprotect.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[0-9]+}}) exited with status 7 at iteration i = 5
// CRASH: mploop: error: {{.*}}tracker_mprotect.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[0-9]+}}) killed by SIGSEGV (Segmentation fault) at iteration i = 5

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int g[1000];
char buf[50][4096] __attribute__((aligned(4096))); /* a page each */
int efault, got;
volatile int *nowhere;

static void on_segv(int sig)
{
    (void)sig;
    static const char msg[] = "caught SIGSEGV\n";
    (void)!write(1, msg, sizeof msg - 1);
    _exit(7);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    if (!strcmp(mode, "handler") || !strcmp(mode, "writes"))
        signal(SIGSEGV, on_segv);
    if (!strcmp(mode, "read")) {
        int fails[50] = { 0 }, ok[50] = { 0 };
#pragma mploop for
        for (int i = 0; i < 50; i++) {
            int fd = open("/dev/zero", O_RDONLY);
            ssize_t r = read(fd, buf[i], 64);
            fails[i] = r < 0 && errno == EFAULT;
            ok[i] = r == 64;
            close(fd);
        }
        for (int i = 0; i < 50; i++) {
            efault += fails[i];
            got += ok[i];
        }
        printf("read: %d failed with EFAULT, %d read\n", efault, got);
        return 0;
    }
#pragma mploop for
    for (int i = 0; i < 1000; i++) {
        if (i == 5 && (!strcmp(mode, "handler") || !strcmp(mode, "crash")))
            *nowhere = 1;
        g[i] = i;
    }
    long s = 0;
    for (int i = 0; i < 1000; i++)
        s += g[i];
    printf("sum=%ld\n", s);
    return 0;
}
