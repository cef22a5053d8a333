/*
 * glibc_tls.c - where the thread's TLS, descriptor and DTV lie.
 *
 * Why this file exists: the bytes of the thread's static TLS blocks (errno,
 * every __thread variable of the C library), its thread descriptor and the
 * loader's dynamic thread vector must never be merged: a worker's copies
 * describe the worker.  Only glibc's private layout says where they are:
 * the size of the static TLS area (ld.so's _dl_get_tls_static_info), the
 * descriptor at the thread pointer, the DTV pointer right after it and its
 * length in the slot before it.  That knowledge is kept in this one file;
 * the instructions that read the thread pointer are arch.h's.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdint.h>

#include "arch.h"
#include "mem_internal.h"

/* glibc's accessor for the size of the static TLS area (ld.so, private
 * version), looked up once. */
typedef void (*tls_info_fn)(size_t *size, size_t *align);
static tls_info_fn tls_info MPLOOP__STATE;
static int tls_info_looked MPLOOP__STATE;

/* Callback of dl_iterate_phdr: lowest address of the calling thread's
 * instance of any module's TLS block. */
static int tls_low_cb(struct dl_phdr_info *info, size_t size, void *data)
{
    uintptr_t *low = data;
    (void)size;
    if (info->dlpi_tls_modid && info->dlpi_tls_data && (uintptr_t)info->dlpi_tls_data < *low)
        *low = (uintptr_t)info->dlpi_tls_data;
    return 0;
}

/* Both: see mem_internal.h.  On x86-64 the thread pointer addresses the thread
 * descriptor (glibc's struct pthread, under 4 KiB), and the TLS blocks of
 * the modules loaded at startup lie just below it, within the static TLS
 * area whose size glibc reports.  The exclusion starts at the lowest
 * module block: the allocation below the area may be the program's own
 * (the loader's TLS mapping often merges with an mmapped heap chunk).  The
 * dynamic thread vector is a separate allocation of the loader, found
 * through the descriptor's second word, with its length in the slot before
 * it. */
unsigned mploop__tls_ranges(struct mploop__range *out, unsigned max)
{
    if (!tls_info_looked) {
        tls_info = (tls_info_fn)dlsym(RTLD_DEFAULT, "_dl_get_tls_static_info");
        tls_info_looked = 1;
    }
    size_t static_size = 4096, align = 64;
    if (tls_info)
        tls_info(&static_size, &align);
    uintptr_t tp = mploop__arch_thread_pointer(), dtv = mploop__arch_dtv();
    uintptr_t low = tp;
    dl_iterate_phdr(tls_low_cb, &low);
    if (low < tp - static_size)
        low = tp - static_size;
    unsigned n = 0;
    if (n < max)
        out[n] = (struct mploop__range){ low, tp + 4096 - low };
    n++;
    if (dtv) {
        /* dtv[-1].counter holds the number of slots; each slot is 16 bytes
         * and slot 0 holds the generation. */
        uintptr_t slots = *(const uintptr_t *)(dtv - 16);
        if (slots > 65536)
            slots = 65536;
        if (n < max)
            out[n] = (struct mploop__range){ dtv - 16, (slots + 2) * 16 };
        n++;
    }
    return n;
}
