/*
 * resources.h - what a test process holds, for the resource tests of
 * test/fail (resources.c, many_loops.c): descriptors (memfds among them),
 * mappings and child processes, read from /proc.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Descriptors, and how many of them are memfds. */
static int count_fds(int memfd_only)
{
    int n = 0;
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    while ((e = readdir(d))) {
        char path[300], target[300];
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "/proc/self/fd/%s", e->d_name);
        ssize_t len = readlink(path, target, sizeof target - 1);
        target[len > 0 ? len : 0] = '\0';
        n += !memfd_only || strncmp(target, "/memfd:", 7) == 0;
    }
    closedir(d);
    return n;
}

static int count_maps(void)
{
    int n = 0, c;
    FILE *f = fopen("/proc/self/maps", "r");
    while ((c = getc(f)) != EOF)
        n += c == '\n';
    fclose(f);
    return n;
}

/* Child processes, zombies included. */
static int count_children(void)
{
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/self/task/%d/children", (int)getpid());
    FILE *f = fopen(path, "r");
    size_t len = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    int n = 0;
    if (f)
        fclose(f);
    buf[len] = '\0';
    for (char *p = strtok(buf, " \n"); p; p = strtok(NULL, " \n"))
        n++;
    return n;
}
