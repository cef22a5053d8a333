/*
 * io_interpose.c - the C library entry points a worker's output and end depend on.
 *
 * Why this file exists: a worker writes the program's output into files
 * of its own (output.c), which hold bytes but not where a seek put them.
 * The seeks a body makes (fseek, fseeko, fsetpos, rewind, lseek) and its
 * positioned writes (pwrite) are logged through these definitions, which
 * take the place of the C library's for the whole program: each one tells
 * the capture, then does what the library would.  A seek on a descriptor
 * that stands for a pipe or a terminal fails with ESPIPE, as it would have
 * on the real descriptor.  Outside a worker's chunks they only pass through.
 *
 * exit is here too: called by a body in a worker it must end the program
 * as the sequential loop would have (after the output of the iterations up
 * to this one, with the parent's atexit handlers running once, in the
 * parent), not just end the worker after running those handlers there.
 *
 * The C library's own streams reach the kernel through internal calls
 * that these definitions do not see; that is why a stream is flushed
 * before its seek is logged.
 *
 * longjmp, _longjmp, siglongjmp and __longjmp_chk are here for the same
 * reason: a body (or a function it calls) that jumps to a setjmp made
 * before the loop would leave the loop inside a worker, and the rest of the
 * program would run there.  The program's setjmp routines (arch.c) note
 * every jmp_buf a worker fills during its loop; a jump in a worker to a
 * jmp_buf it did not fill goes to a setjmp made before the loop, and the
 * leave hook fails the iteration instead.
 *
 * Every file of the runtime calls exit or lseek, so this file calls none
 * of them: output.c and loop.c fill in mploop__io_hooks, and these
 * definitions call through it.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

/* Both: see internal.h (all NULL until a loop fills them in). */
struct mploop__io_hooks mploop__io_hooks MPLOOP__STATE;

/* Both: nonzero when fd is captured (and the hooks are there). */
static int io_captured(int fd)
{
    return mploop__io_hooks.captures && mploop__io_hooks.captures(fd);
}

/* Both: the C library's definition of `name`, or NULL. */
static void *io_next(const char *name)
{
    return dlsym(RTLD_NEXT, name);
}

/* jmp_bufs a worker filled during its loop (the first IO_JMP_NOTED; past
 * that, every jump is taken to stay within the loop). */
#define IO_JMP_NOTED 64
static struct {
    const void *env[IO_JMP_NOTED];
    unsigned n;
} io_jmp MPLOOP__STATE;

/* Worker: see internal.h. */
void mploop__io_jmp_reset(void)
{
    io_jmp.n = 0;
}

/* Both, from arch.c's setjmp routines: note env when a worker's loop runs
 * (the leave hook is set), and return the C library's routine of `kind`
 * (0 setjmp, 1 _setjmp, 2 __sigsetjmp).  Ends the process when the C
 * library has none: there is no way to go on. */
void *mploop__io_setjmp(const void *env, long unused, int kind)
{
    static void *real[3] MPLOOP__STATE;
    static const char *const names[3] = {"setjmp", "_setjmp", "__sigsetjmp"};
    (void)unused;
    if (mploop__io_hooks.leave) {
        unsigned i = 0;
        while (i < io_jmp.n && i < IO_JMP_NOTED && io_jmp.env[i] != env)
            i++;
        if (i == io_jmp.n) {
            if (i < IO_JMP_NOTED)
                io_jmp.env[i] = env;
            io_jmp.n++;
        }
    }
    unsigned k = kind >= 0 && kind < 3 ? (unsigned)kind : 0;
    if (!real[k])
        real[k] = io_next(names[k]);
    if (!real[k])
        _exit(127);
    return real[k];
}

/* Both: before a longjmp to env: in a worker's loop, a jmp_buf it did not
 * fill there was filled before the loop, and the leave hook ends the
 * iteration (it returns only in a process the body started). */
static void io_longjmp_check(const void *env)
{
    if (!mploop__io_hooks.leave || io_jmp.n > IO_JMP_NOTED)
        return;
    for (unsigned i = 0; i < io_jmp.n; i++)
        if (io_jmp.env[i] == env)
            return;
    mploop__io_hooks.leave();
}

/* Both: the C library's routine `name` (a longjmp), never NULL. */
static void (*io_real_jump(const char *name))(void *, int)
{
    void (*real)(void *, int) = (void (*)(void *, int))io_next(name);
    if (!real)
        _exit(127);
    return real;
}

void longjmp(struct __jmp_buf_tag env[1], int val)
{
    io_longjmp_check(env);
    io_real_jump("longjmp")(env, val);
    _exit(127);
}

void _longjmp(struct __jmp_buf_tag env[1], int val)
{
    io_longjmp_check(env);
    io_real_jump("_longjmp")(env, val);
    _exit(127);
}

void siglongjmp(struct __jmp_buf_tag env[1], int val)
{
    io_longjmp_check(env);
    io_real_jump("siglongjmp")(env, val);
    _exit(127);
}

void __longjmp_chk(struct __jmp_buf_tag env[1], int val);
void __longjmp_chk(struct __jmp_buf_tag env[1], int val)
{
    io_longjmp_check(env);
    io_real_jump("__longjmp_chk")(env, val);
    _exit(127);
}

/* Both: the C library's fseeko64. */
static int io_real_fseeko(FILE *f, off64_t off, int whence)
{
    static int (*real)(FILE *, off64_t, int) MPLOOP__STATE;
    if (!real)
        real = (int (*)(FILE *, off64_t, int))io_next("fseeko64");
    if (!real) {
        errno = ENOSYS;
        return -1;
    }
    return real(f, off, whence);
}

/* Both: seek stream f by (whence, off), telling the capture. */
static int io_fseek(FILE *f, off64_t off, int whence)
{
    int fd = f ? fileno_unlocked(f) : -1;
    if (!io_captured(fd))
        return io_real_fseeko(f, off, whence);
    fflush(f);
    if (mploop__io_hooks.seek_begin(fd) < 0)
        return -1;
    int r = io_real_fseeko(f, off, whence);
    if (r == 0)
        mploop__io_hooks.seek_end(fd, whence, off);
    return r;
}

int fseek(FILE *f, long off, int whence)
{
    return io_fseek(f, off, whence);
}

int fseeko(FILE *f, off_t off, int whence)
{
    return io_fseek(f, off, whence);
}

int fseeko64(FILE *f, off64_t off, int whence)
{
    return io_fseek(f, off, whence);
}

int fsetpos(FILE *f, const fpos_t *pos)
{
    return io_fseek(f, pos->__pos, SEEK_SET);
}

int fsetpos64(FILE *f, const fpos64_t *pos)
{
    return io_fseek(f, pos->__pos, SEEK_SET);
}

void rewind(FILE *f)
{
    if (io_fseek(f, 0, SEEK_SET) == 0)
        clearerr(f);
}

/* Both: lseek, telling the capture (a query of the offset is no seek). */
static off64_t io_lseek(int fd, off64_t off, int whence)
{
    int log = !(whence == SEEK_CUR && off == 0) && io_captured(fd);
    if (log && mploop__io_hooks.seek_begin(fd) < 0)
        return -1;
    long r = syscall(SYS_lseek, fd, (long)off, whence);
    if (r >= 0 && log) {
        /* SEEK_DATA and SEEK_HOLE name no offset of their own. */
        if (whence == SEEK_SET || whence == SEEK_CUR || whence == SEEK_END)
            mploop__io_hooks.seek_end(fd, whence, off);
        else
            mploop__io_hooks.seek_end(fd, SEEK_SET, r);
    }
    return r;
}

off_t lseek(int fd, off_t off, int whence)
{
    return io_lseek(fd, off, whence);
}

off64_t lseek64(int fd, off64_t off, int whence)
{
    return io_lseek(fd, off, whence);
}

/* Both: pwrite, telling the capture. */
static ssize_t io_pwrite(int fd, const void *buf, size_t n, off64_t pos)
{
    int captured = io_captured(fd);
    if (captured && mploop__io_hooks.seek_begin(fd) < 0)
        return -1;
    ssize_t r = syscall(SYS_pwrite64, fd, buf, n, (long)pos);
    if (r > 0 && captured)
        mploop__io_hooks.pwrite(fd, pos, r);
    return r;
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t pos)
{
    return io_pwrite(fd, buf, n, pos);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t pos)
{
    return io_pwrite(fd, buf, n, pos);
}

/* Both: exit.  In a worker running a loop's chunks the loop ends the
 * program (the exit hook does not return there); anywhere else the C
 * library's exit runs. */
void exit(int status)
{
    if (mploop__io_hooks.exit)
        mploop__io_hooks.exit(status);
    void (*real)(int) = (void (*)(int))io_next("exit");
    if (real)
        real(status);
    fflush(NULL);
    _exit(status);
}
