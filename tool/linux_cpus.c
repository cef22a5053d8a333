/*
 * linux_cpus.c - the number of CPUs a command may run on.
 *
 * The runtime's default worker count is the number of CPUs in the
 * process's affinity mask (taskset, cgroup cpusets), not the number the
 * machine has; mploop-bench flags worker counts above the same number, and
 * `mploop profile show` estimates speed-ups for it.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <unistd.h>

#include "util.h"

/* See util.h: the CPUs of the affinity mask, else those online, else 1. */
unsigned rw_cpu_count(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return (unsigned)CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}
