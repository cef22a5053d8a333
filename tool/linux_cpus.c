/*
 * linux_cpus.c - the number of CPUs mploop-bench may run on.
 *
 * The runtime's default worker count is the number of CPUs in the
 * process's affinity mask (taskset, cgroup cpusets), not the number the
 * machine has; mploop-bench flags worker counts above the same number.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <unistd.h>

#include "bench.h"

/* See bench.h: the CPUs of the affinity mask, else those online, else 1. */
int rw_bench_cpu_count(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}
