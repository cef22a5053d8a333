// On a kernel without userfaultfd (simulated here: a seccomp filter makes
// the system call fail with ENOSYS, as an old or locked-down kernel does)
// the runtime falls back to the next tracker instead of failing, and the
// writes still reach the parent.  Asking for uffd explicitly there is
// refused with a report.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env -u MPLOOP_TRACKER MPLOOP_WORKERS=2 %t | FileCheck %s
// RUN: env MPLOOP_TRACKER=uffd MPLOOP_WORKERS=2 not %t 2>&1 | FileCheck %s --check-prefix=ASKED
// CHECK: tracker=pagemap
// CHECK-NEXT: sum=499500
// ASKED: mploop: error: {{.*}}tracker_fallback.c:{{[0-9]+}}: MPLOOP_TRACKER=uffd: this tracker does not work on this system (Function not implemented)

#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

const char *mploop__mem_tracker_name(void);

int g[1000];

/* userfaultfd(2) fails with ENOSYS from now on, in this process and its
 * children. */
static int block_userfaultfd(void)
{
    struct sock_filter f[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_userfaultfd, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = { sizeof f / sizeof f[0], f };
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return -1;
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
}

int main(void)
{
    if (block_userfaultfd() != 0) {
        perror("seccomp");
        return 1;
    }
#pragma mploop for
    for (int i = 0; i < 1000; i++)
        g[i] = i;
    const char *name = mploop__mem_tracker_name();
    printf("tracker=%s\n", name ? name : "(none)");
    long s = 0;
    for (int i = 0; i < 1000; i++)
        s += g[i];
    printf("sum=%ld\n", s);
    return 0;
}
