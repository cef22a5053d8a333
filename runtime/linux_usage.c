/*
 * linux_usage.c - what a process or a thread used: CPU time, memory, page
 * faults, bytes read and written.
 *
 * Why this file exists: the loop report (measure.c) gives each loop the
 * resources its workers used.  A worker of the persistent team outlives its
 * loop, so the parent cannot take its figures from getrusage(RUSAGE_CHILDREN)
 * when it reaps it: each worker samples its own counters when it begins and
 * before it ships, and hands the difference over in its slot.  The counters
 * come from getrusage and /proc/<pid>/io (or /proc/thread-self/io for one
 * thread of the parent), which only Linux has, hence this file.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "internal.h"

/* Both: the value of the line `name: N` of an io file's text, 0 if absent. */
static uint64_t usage_field(const char *text, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (strncmp(p, name, n) == 0 && p[n] == ':')
            return strtoull(p + n + 1, NULL, 10);
    return 0;
}

/* Both: rchar and wchar of this process or thread into u, and the bytes
 * the read itself took in u->self_read.  Returns 0 or -errno. */
static int usage_io(struct mploop__usage *u, int thread)
{
    char text[512];
    int fd = open(thread ? "/proc/thread-self/io" : "/proc/self/io", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    ssize_t r;
    do
        r = read(fd, text, sizeof text - 1);
    while (r < 0 && errno == EINTR);
    int err = r < 0 ? -errno : 0;
    close(fd);
    if (r < 0)
        return err;
    text[r] = '\0';
    u->rchar = usage_field(text, "rchar");
    u->wchar = usage_field(text, "wchar");
    u->self_read = (uint64_t)r;
    return 0;
}

/* Both: nanoseconds in a struct timeval. */
static uint64_t usage_ns(struct timeval tv)
{
    return (uint64_t)tv.tv_sec * 1000000000u + (uint64_t)tv.tv_usec * 1000u;
}

/* Both: see internal.h.  Reading the io file costs a few microseconds of
 * system time, which the difference of two samples includes once. */
int mploop__usage_take(struct mploop__usage *u, int thread)
{
    struct rusage ru;
    int err = 0;
    memset(u, 0, sizeof *u);
    if (getrusage(thread ? RUSAGE_THREAD : RUSAGE_SELF, &ru) == 0) {
        u->user_ns = usage_ns(ru.ru_utime);
        u->sys_ns = usage_ns(ru.ru_stime);
        u->maxrss_kb = (uint64_t)ru.ru_maxrss;
        u->minflt = (uint64_t)ru.ru_minflt;
        u->majflt = (uint64_t)ru.ru_majflt;
    } else {
        err = -errno;
    }
    int ioerr = usage_io(u, thread);
    return err ? err : ioerr;
}

/* Both: b - a, 0 when a counter went backwards (another source). */
static uint64_t usage_sub(uint64_t b, uint64_t a)
{
    return b > a ? b - a : 0;
}

/* Both: see internal.h.  The bytes sample a read from /proc are not the
 * program's. */
void mploop__usage_delta(const struct mploop__usage *a, const struct mploop__usage *b,
                         struct mploop__usage *d)
{
    d->user_ns = usage_sub(b->user_ns, a->user_ns);
    d->sys_ns = usage_sub(b->sys_ns, a->sys_ns);
    d->maxrss_kb = b->maxrss_kb;
    d->minflt = usage_sub(b->minflt, a->minflt);
    d->majflt = usage_sub(b->majflt, a->majflt);
    d->rchar = usage_sub(b->rchar, a->rchar + a->self_read);
    d->wchar = usage_sub(b->wchar, a->wchar);
    d->self_read = 0;
}
