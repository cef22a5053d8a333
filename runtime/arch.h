/*
 * arch.h - the few machine instructions the runtime spells out itself.
 *
 * Why this file exists: two facts about the running thread can only be read
 * with an instruction (the thread pointer, which glibc's TCB starts at, and
 * the DTV pointer glibc keeps right after it), and spin-waits want the CPU's
 * pause hint.  A persistent worker resumes a loop in the parent's frame
 * through a saved register context (arch.c).  They are kept here, one function each, so that a port to
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

/* The registers a resumed worker needs to continue in the parent's frame
 * (arch.c): the callee-saved ones, the stack pointer and the return
 * address of mploop__arch_ctx_save, and the floating-point control words
 * (a fresh fork inherits them; callers may rely on them). */
struct mploop__arch_ctx {
    uint64_t rbx, rbp, r12, r13, r14, r15, rsp, rip;
    uint32_t mxcsr;
    uint16_t fpucw;
    uint16_t pad;
};

/* Both (arch.c): save the calling context into *c and return 0; a later
 * mploop__arch_ctx_resume(c), in this process or in a worker whose stack
 * and memory equal this process's at the save, returns 1 from it again. */
int mploop__arch_ctx_save(struct mploop__arch_ctx *c) __attribute__((returns_twice));

/* Worker (arch.c): continue the context saved in *c (see above). */
__attribute__((noreturn)) void mploop__arch_ctx_resume(const struct mploop__arch_ctx *c);

/* Worker (arch.c): switch to the stack whose top (highest address) is
 * top and call fn(arg) there; fn must not return. */
__attribute__((noreturn)) void mploop__arch_run_on_stack(void *top, void (*fn)(void *),
                                                         void *arg);

/* Both: tell the CPU this is a spin-wait loop. */
static inline void mploop__arch_relax(void)
{
    __builtin_ia32_pause();
}

#else
#error "mploop's runtime supports x86-64 only: add this architecture to runtime/arch.h"
#endif

#endif /* MPLOOP_ARCH_H */
