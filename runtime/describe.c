/*
 * describe.c - what an address belongs to, in words, for reports.
 *
 * Why this file exists: a race report that says only "address 0x7ffd4c"
 * leaves the user to find the variable.  This file names it: a local of the
 * enclosing function (the names the generated code registered), a block of
 * a worker arena, of the large-block heap or of glibc's heap, a global or
 * static from the module's ELF symbol table, a caller's stack frame.  It
 * runs in the parent at report time, after the workers are gone, and
 * allocates nothing with malloc (the parent may be between fork and merge
 * in spirit: its memory must stay as the merge left it).  The prepare step
 * and the merge tell it what they know (the loop's locals, a block freed
 * twice) through the two record functions below.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mem_internal.h"

/* What the last prepared loop registered, and what its merge found. */
static struct {
    uintptr_t frame;               /* the enclosing function's frame */
    struct mploop__local *locals;  /* its registered variables */
    unsigned nlocals;
    size_t locals_size;            /* bytes mapped at locals */
    uintptr_t freed_twice;         /* block freed twice by the last merge, or 0 */
} describe_st MPLOOP__STATE;

/* Parent: see mem_internal.h.  The copy lives in runtime memory, grown as
 * needed. */
void mploop__describe_remember(const struct mploop__memreq *req)
{
    describe_st.frame = (uintptr_t)req->frame;
    size_t need = MPLOOP__PAGE_UP((size_t)req->nlocals * sizeof(struct mploop__local) + 1);
    if (need > describe_st.locals_size) {
        mploop__os_unmap(describe_st.locals, describe_st.locals_size);
        describe_st.locals = mploop__os_map(need);
        describe_st.locals_size = describe_st.locals ? need : 0;
    }
    describe_st.nlocals = 0;
    if (describe_st.locals && req->nlocals) {
        memcpy(describe_st.locals, req->locals, (size_t)req->nlocals * sizeof *describe_st.locals);
        describe_st.nlocals = req->nlocals;
    }
}

/* Parent: see mem_internal.h. */
void mploop__describe_freed_twice(uintptr_t block)
{
    describe_st.freed_twice = block;
}

/* Parent: the symbol of the ELF file `path` (loaded with bias `bias`) whose
 * object covers addr, written into buf like "global 'counter' (byte 0 of
 * 4)".  Uses .symtab when the file has one (static and local symbols
 * included), else .dynsym.  Returns the length written, 0 when none. */
static size_t describe_symbol(const char *path, uintptr_t bias, uintptr_t addr,
                              char *buf, size_t n)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    struct stat sb;
    size_t len = 0;
    if (fstat(fd, &sb) < 0 || (size_t)sb.st_size < sizeof(Elf64_Ehdr)) {
        close(fd);
        return 0;
    }
    size_t fsize = (size_t)sb.st_size;
    const unsigned char *f = mmap(NULL, fsize, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (f == MAP_FAILED)
        return 0;
    const Elf64_Ehdr *eh = (const void *)f;
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
        eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shoff > fsize ||
        (size_t)eh->e_shnum * sizeof(Elf64_Shdr) > fsize - eh->e_shoff)
        goto out;
    const Elf64_Shdr *sh = (const void *)(f + eh->e_shoff);
    const Elf64_Shdr *symtab = NULL;
    for (unsigned i = 0; i < eh->e_shnum; i++)
        if (sh[i].sh_type == SHT_SYMTAB || (sh[i].sh_type == SHT_DYNSYM && !symtab))
            symtab = &sh[i];
    if (!symtab || symtab->sh_link >= eh->e_shnum || symtab->sh_offset > fsize ||
        symtab->sh_size > fsize - symtab->sh_offset)
        goto out;
    const Elf64_Shdr *strtab = &sh[symtab->sh_link];
    if (strtab->sh_offset > fsize || strtab->sh_size > fsize - strtab->sh_offset)
        goto out;
    const Elf64_Sym *sym = (const void *)(f + symtab->sh_offset);
    size_t nsym = symtab->sh_size / sizeof(Elf64_Sym);
    const char *str = (const char *)(f + strtab->sh_offset);
    const Elf64_Sym *best = NULL;
    for (size_t i = 0; i < nsym; i++) {
        const Elf64_Sym *s = &sym[i];
        int type = ELF64_ST_TYPE(s->st_info);
        if ((type != STT_OBJECT && type != STT_COMMON) || s->st_shndx == SHN_UNDEF ||
            s->st_name >= strtab->sh_size)
            continue;
        uintptr_t a = bias + s->st_value, size = s->st_size ? s->st_size : 1;
        if (addr < a || addr - a >= size)
            continue;
        if (!best || s->st_size < best->st_size)
            best = s;
    }
    if (best) {
        const char *name = str + best->st_name;
        size_t nlen = strnlen(name, strtab->sh_size - best->st_name);
        int local = ELF64_ST_BIND(best->st_info) == STB_LOCAL;
        const char *dot = memchr(name, '.', nlen);
        if (local && dot) {
            /* gcc names a static local `name.N`, clang `function.name`. */
            const char *q = dot + 1;
            while (q < name + nlen && *q >= '0' && *q <= '9')
                q++;
            if (q == name + nlen && q > dot + 1)
                mploop__text_put(buf, n, &len, "static '%.*s'", (int)(dot - name), name);
            else
                mploop__text_put(buf, n, &len, "static '%.*s' of %.*s()",
                    (int)(name + nlen - dot - 1), dot + 1, (int)(dot - name), name);
        } else {
            mploop__text_put(buf, n, &len, "%s '%.*s'", local ? "static" : "global", (int)nlen,
                name);
        }
        mploop__text_put(buf, n, &len, " (byte %lu of %lu)",
            (unsigned long)(addr - bias - best->st_value), (unsigned long)best->st_size);
    }
out:
    munmap((void *)f, fsize);
    return len;
}

/* Parent: the local of the enclosing function registered by the last
 * loop that holds addr, or NULL. */
static const struct mploop__local *describe_local(uintptr_t addr)
{
    for (unsigned i = 0; i < describe_st.nlocals; i++) {
        const struct mploop__local *l = &describe_st.locals[i];
        if (addr >= l->addr && addr - l->addr < l->size)
            return l;
    }
    return NULL;
}

/* Parent: the length of a registered local's name without the `[]` the
 * rewriter puts after the name of an array. */
static size_t local_name_len(const char *name)
{
    size_t len = strlen(name);
    return len > 2 && !strcmp(name + len - 2, "[]") ? len - 2 : len;
}

/* Parent: see mem_internal.h. */
int mploop__describe(uintptr_t addr, char *buf, size_t n)
{
    size_t len = 0;
    if (!buf || n == 0)
        return 0;
    buf[0] = 0;
    if (describe_st.freed_twice && addr == describe_st.freed_twice) {
        mploop__text_put(buf, n, &len, "heap block %#lx (%zu bytes), freed twice in the loop",
            (unsigned long)addr, mploop__malloc_usable((void *)addr));
        return (int)len;
    }
    /* A local variable of the enclosing function. */
    const struct mploop__local *l = describe_local(addr);
    if (l) {
        const char *name = l->name ? l->name : "?";
        size_t nlen = local_name_len(name);
        mploop__text_put(buf, n, &len,
            "local '%.*s' of the enclosing function at %#lx (byte %lu of %lu)",
            (int)nlen, name, (unsigned long)l->addr, (unsigned long)(addr - l->addr),
            (unsigned long)l->size);
        if (nlen != strlen(name))
            mploop__report_local_array(addr, name, nlen);
        return (int)len;
    }
    /* A block allocated in an earlier loop's body. */
    uintptr_t start;
    size_t size;
    if (mploop__malloc_arena_block(addr, &start, &size) == 0) {
        mploop__text_put(buf, n, &len,
            "heap block %#lx (%zu bytes, allocated in a loop body), byte %lu",
            (unsigned long)start, size, (unsigned long)(addr - start));
        return (int)len;
    }
    /* A large block (the shared heap). */
    if (mploop__large_block(addr, &start, &size) == 0) {
        mploop__text_put(buf, n, &len, "heap block %#lx (%zu bytes), byte %lu",
            (unsigned long)start, size, (unsigned long)(addr - start));
        return (int)len;
    }
    /* Data of a loaded module: its symbol table. */
    char path[4096];
    uintptr_t bias;
    if (mploop__maps_module_file((const void *)addr, path, sizeof path, &bias) == 0) {
        len = describe_symbol(path, bias, addr, buf, n);
        if (!len)
            mploop__text_put(buf, n, &len, "data of %s", path);
        return (int)len;
    }
    /* The stack, the heap, other mappings. */
    struct mploop__vma *vma = NULL;
    unsigned nvma = 0;
    size_t cap = 0;
    if (mploop__maps_read(&vma, &nvma, &cap) != 0)
        return 0;
    for (unsigned i = 0; i < nvma; i++) {
        const struct mploop__vma *v = &vma[i];
        if (addr < v->start || addr >= v->end)
            continue;
        if (describe_st.frame >= v->start && describe_st.frame < v->end) {
            if (addr > describe_st.frame)
                mploop__text_put(buf, n, &len, "the stack frame of a calling function");
            else
                mploop__text_put(buf, n, &len, "the stack of the enclosing function");
            break;
        }
        uintptr_t block;
        int found = (v->flags & (MPLOOP__VMA_READ | MPLOOP__VMA_FILE | MPLOOP__VMA_SHARED)) ==
                        MPLOOP__VMA_READ &&
                    mploop__glibc_chunk_find(v->start, v->end, addr, !(v->flags & MPLOOP__VMA_HEAP), &block) == 0;
        if (found)
            mploop__text_put(buf, n, &len, "heap block %#lx (%zu bytes), byte %lu",
                (unsigned long)block, mploop__malloc_usable((void *)block),
                (unsigned long)(addr - block));
        else
            mploop__text_put(buf, n, &len, "memory mapped at %#lx-%#lx", (unsigned long)v->start,
                (unsigned long)v->end);
        break;
    }
    mploop__os_unmap(vma, cap);
    return (int)len;
}
