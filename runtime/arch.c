/*
 * arch.c - saving and resuming a register context, and switching stacks.
 *
 * Why this file exists: a parked worker of a persistent team (team.c)
 * continues a loop exactly where the parent would have returned from fork:
 * the parent saves its context inside mploop_start, the worker copies the
 * parent's stack and memory in (sync.c) and resumes that context.  setjmp
 * would do, but glibc's longjmp may refuse to jump between stacks under
 * _FORTIFY_SOURCE and saves more than needed; these three routines are the
 * whole contract, spelled out for x86-64 (System V ABI).
 *
 * The program's setjmp, _setjmp and __sigsetjmp are here too: each tells
 * io_interpose.c which jmp_buf it fills (mploop__io_setjmp, which returns
 * the C library's routine) and jumps to the C library's, with the caller's
 * stack and return address untouched, so that the jmp_buf describes the
 * caller as usual.  A longjmp in a worker can then tell a jump within the
 * loop body from one to a setjmp made before the loop.
 */
#include "arch.h"

#if defined(__x86_64__)
__asm__(".text\n"
        ".globl mploop__arch_ctx_save\n"
        ".hidden mploop__arch_ctx_save\n"
        ".type mploop__arch_ctx_save,@function\n"
        "mploop__arch_ctx_save:\n"
        "    movq %rbx, 0(%rdi)\n"
        "    movq %rbp, 8(%rdi)\n"
        "    movq %r12, 16(%rdi)\n"
        "    movq %r13, 24(%rdi)\n"
        "    movq %r14, 32(%rdi)\n"
        "    movq %r15, 40(%rdi)\n"
        "    leaq 8(%rsp), %rdx\n"
        "    movq %rdx, 48(%rdi)\n"
        "    movq (%rsp), %rdx\n"
        "    movq %rdx, 56(%rdi)\n"
        "    stmxcsr 64(%rdi)\n"
        "    fnstcw 68(%rdi)\n"
        "    xorl %eax, %eax\n"
        "    ret\n"
        ".size mploop__arch_ctx_save, .-mploop__arch_ctx_save\n"
        "\n"
        ".globl mploop__arch_ctx_resume\n"
        ".hidden mploop__arch_ctx_resume\n"
        ".type mploop__arch_ctx_resume,@function\n"
        "mploop__arch_ctx_resume:\n"
        "    ldmxcsr 64(%rdi)\n"
        "    fldcw 68(%rdi)\n"
        "    movq 0(%rdi), %rbx\n"
        "    movq 8(%rdi), %rbp\n"
        "    movq 16(%rdi), %r12\n"
        "    movq 24(%rdi), %r13\n"
        "    movq 32(%rdi), %r14\n"
        "    movq 40(%rdi), %r15\n"
        "    movq 48(%rdi), %rsp\n"
        "    movl $1, %eax\n"
        "    jmpq *56(%rdi)\n"
        ".size mploop__arch_ctx_resume, .-mploop__arch_ctx_resume\n"
        "\n"
        ".globl mploop__arch_run_on_stack\n"
        ".hidden mploop__arch_run_on_stack\n"
        ".type mploop__arch_run_on_stack,@function\n"
        "mploop__arch_run_on_stack:\n"
        "    movq %rdi, %rsp\n"
        "    andq $-16, %rsp\n"
        "    xorl %ebp, %ebp\n"
        "    movq %rdx, %rdi\n"
        "    callq *%rsi\n"
        "    ud2\n"
        ".size mploop__arch_run_on_stack, .-mploop__arch_run_on_stack\n");

/* setjmp(env), _setjmp(env), __sigsetjmp(env, savemask): keep the
 * arguments, ask mploop__io_setjmp(env, unused, kind) for the C library's
 * routine (kind 0, 1, 2 in this order), jump to it. */
#define ARCH_SETJMP(name, kind)                                                                \
    ".globl " name "\n"                                                                        \
    ".type " name ",@function\n"                                                              \
    name ":\n"                                                                                 \
    "    pushq %rdi\n"                                                                         \
    "    pushq %rsi\n"                                                                         \
    "    subq $8, %rsp\n"                                                                      \
    "    movl $" kind ", %edx\n"                                                               \
    "    call mploop__io_setjmp@PLT\n"                                                         \
    "    addq $8, %rsp\n"                                                                      \
    "    popq %rsi\n"                                                                          \
    "    popq %rdi\n"                                                                          \
    "    jmpq *%rax\n"                                                                         \
    ".size " name ", .-" name "\n"

__asm__(".text\n" ARCH_SETJMP("setjmp", "0") ARCH_SETJMP("_setjmp", "1")
            ARCH_SETJMP("__sigsetjmp", "2"));
#endif
