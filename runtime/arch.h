/*
 * arch.h - the few machine instructions the runtime spells out itself.
 *
 * Why this file exists: two facts about the running thread can only be read
 * with an instruction (the thread pointer, which glibc's TCB starts at, and
 * the DTV pointer glibc keeps right after it), and spin-waits want the CPU's
 * pause hint.  They are kept here, one function each, so that a port to
 * another architecture is one new block in this file, not a hunt for inline
 * assembly.  Only x86-64 is supported today.
 */
#ifndef MPLOOP_ARCH_H
#define MPLOOP_ARCH_H

#include <stdint.h>

#if defined(__x86_64__)

/* Both: the calling thread's thread pointer (%fs:0 holds glibc's TCB
 * self-pointer). */
static inline uintptr_t mploop__arch_thread_pointer(void)
{
    uintptr_t tp;
    __asm__("mov %%fs:0, %0" : "=r"(tp));
    return tp;
}

/* Both: the calling thread's dynamic thread vector (glibc's tcbhead_t
 * keeps it right after the self-pointer, at %fs:8). */
static inline uintptr_t mploop__arch_dtv(void)
{
    uintptr_t dtv;
    __asm__("mov %%fs:8, %0" : "=r"(dtv));
    return dtv;
}

/* Both: tell the CPU this is a spin-wait loop. */
static inline void mploop__arch_relax(void)
{
    __builtin_ia32_pause();
}

#else
#error "mploop's runtime supports x86-64 only: add this architecture to runtime/arch.h"
#endif

#endif /* MPLOOP_ARCH_H */
