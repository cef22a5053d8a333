/*
 * linux_maps.c - what the address space holds, as Linux tells it.
 *
 * Planning a merge needs two facts about the process from the system: its
 * mappings (/proc/self/maps) and where each loaded module's segments lie
 * (dl_iterate_phdr).  This file gathers them without malloc or stdio, so
 * the parent can call it right before forking and a worker right after.
 * (Where the thread's TLS lies is glibc's private layout: glibc_tls.c.)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mem_internal.h"

/* Parse a hexadecimal number at *p, advancing *p. */
static uintptr_t parse_hex(const char **p, const char *end)
{
    uintptr_t v = 0;
    for (; *p < end; (*p)++) {
        char c = **p;
        unsigned d;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else
            break;
        v = v * 16 + d;
    }
    return v;
}

/* Parse one line of /proc/self/maps [p, end) into *v.  Returns 0 or -EPROTO. */
static int parse_line(const char *p, const char *end, struct mploop__vma *v)
{
    v->start = parse_hex(&p, end);
    if (p >= end || *p++ != '-')
        return -EPROTO;
    v->end = parse_hex(&p, end);
    if (end - p < 5 || *p++ != ' ')
        return -EPROTO;
    v->flags = 0;
    if (p[0] == 'r')
        v->flags |= MPLOOP__VMA_READ;
    if (p[1] == 'w')
        v->flags |= MPLOOP__VMA_WRITE;
    if (p[3] == 's')
        v->flags |= MPLOOP__VMA_SHARED;
    /* Skip offset, device and inode to the path column. */
    for (int field = 0; field < 4 && p < end; field++) {
        while (p < end && *p != ' ')
            p++;
        while (p < end && *p == ' ')
            p++;
    }
    if (p >= end)
        return 0; /* anonymous */
    if (*p == '[') {
        size_t len = (size_t)(end - p);
        if (len >= 6 && memcmp(p, "[heap]", 6) == 0)
            v->flags |= MPLOOP__VMA_HEAP;
        else if (len >= 7 && memcmp(p, "[stack]", 7) == 0)
            v->flags |= MPLOOP__VMA_STACK;
        else if (!(len >= 6 && memcmp(p, "[anon:", 6) == 0))
            v->flags |= MPLOOP__VMA_SPECIAL;
    } else {
        v->flags |= MPLOOP__VMA_FILE;
    }
    return 0;
}

/* The text of /proc/self/maps as last read, kept with the descriptor it
 * was read through (the parent reads it at every loop, for the plan and
 * for the persistent team's layout check: one read serves both).  Each
 * process keeps its own (a worker's survives the resumes that copy the
 * parent's state; a new process starts from its parent's and replaces
 * it). */
static struct {
    struct mploop__os_kept file;
    pid_t owner;        /* the process whose runtime memory text is */
    char *text;         /* runtime memory, cap bytes */
    size_t cap, len;
    uint64_t stamp;     /* mploop__reserve_stamp() when read */
    int valid;
} mt MPLOOP__WORKER = { .file = MPLOOP__OS_KEPT_INIT };

/* Both: read the whole of /proc/self/maps into mt.text, through a
 * descriptor kept open (reopened in a new process).  Returns 0 or
 * -errno. */
static int maps_text_read(void)
{
    pid_t me = getpid();
    mt.valid = 0;
    if (mt.owner != me) {
        /* A fork child's copy of the buffer: the parent's runtime memory. */
        mt.text = NULL;
        mt.cap = 0;
        mt.owner = me;
    }
    int fd = mploop__os_kept_fd(&mt.file, "/proc/self/maps");
    if (fd < 0)
        return fd;
    if (!mt.text) {
        mt.text = mploop__os_map(64 * 1024);
        if (!mt.text)
            return -ENOMEM;
        mt.cap = 64 * 1024;
    }
    size_t tlen = 0;
    for (;;) {
        if (tlen == mt.cap) {
            char *bigger = mploop__os_map(mt.cap * 2);
            if (!bigger)
                return -ENOMEM;
            mploop__os_unmap(mt.text, mt.cap);
            mt.text = bigger;
            mt.cap *= 2;
            tlen = 0; /* the file is read again from its start */
        }
        ssize_t got = pread(fd, mt.text + tlen, mt.cap - tlen, (off_t)tlen);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        if (got == 0)
            break;
        tlen += (size_t)got;
    }
    mt.len = tlen;
    mt.stamp = mploop__reserve_stamp();
    mt.valid = 1;
    return 0;
}

/* Both: see mem_internal.h. */
int mploop__maps_text(int fresh, const char **text, size_t *len)
{
    if (fresh || !mt.valid || mt.owner != getpid() || mt.stamp != mploop__reserve_stamp()) {
        int err = maps_text_read();
        if (err)
            return err;
    }
    *text = mt.text;
    *len = mt.len;
    return 0;
}

/* Both: see internal.h.  Reads the whole file (maps_text_read), then
 * parses it into a buffer of runtime memory. */
int mploop__maps_read(struct mploop__vma **out, unsigned *n, size_t *cap)
{
    int err = maps_text_read();
    if (err)
        return err;
    const char *text = mt.text;
    size_t tlen = mt.len;
    unsigned lines = 0;
    for (size_t i = 0; i < tlen; i++)
        lines += text[i] == '\n';
    size_t vsize = ((size_t)lines + 1) * sizeof(struct mploop__vma);
    vsize = (vsize + MPLOOP__PAGE - 1) & ~(size_t)(MPLOOP__PAGE - 1);
    struct mploop__vma *v = mploop__os_map(vsize);
    if (!v)
        return -ENOMEM;
    unsigned count = 0;
    const char *p = text, *end = text + tlen;
    while (p < end && count <= lines) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        if (eol > p && parse_line(p, eol, &v[count]) == 0)
            count++;
        p = eol + 1;
    }
    *out = v;
    *n = count;
    *cap = vsize;
    return 0;
}

/* State of one dl_iterate_phdr walk for mploop__maps_modules. */
struct module_walk {
    const uintptr_t *mods;
    unsigned nmods;
    struct mploop__range *tracked;
    unsigned max_t, nt;
    struct mploop__range *spans;
    unsigned max_s, ns;
    int first;
};

/* Both: the page-aligned span [*lo, *hi) covering every PT_LOAD segment
 * of a module; *lo >= *hi when it has none. */
static void load_span(const struct dl_phdr_info *info, uintptr_t *lo, uintptr_t *hi)
{
    *lo = UINTPTR_MAX;
    *hi = 0;
    for (unsigned i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD)
            continue;
        uintptr_t a = info->dlpi_addr + ph->p_vaddr;
        uintptr_t b = a + ph->p_memsz;
        a &= ~(uintptr_t)(MPLOOP__PAGE - 1);
        b = (b + MPLOOP__PAGE - 1) & ~(uintptr_t)(MPLOOP__PAGE - 1);
        if (a < *lo)
            *lo = a;
        if (b > *hi)
            *hi = b;
    }
}

/* Callback of dl_iterate_phdr: the first object is the executable. */
static int module_cb(struct dl_phdr_info *info, size_t size, void *data)
{
    struct module_walk *w = data;
    (void)size;
    int is_exe = w->first;
    w->first = 0;
    uintptr_t lo, hi;
    load_span(info, &lo, &hi);
    if (lo >= hi)
        return 0;
    if (w->ns < w->max_s)
        w->spans[w->ns] = (struct mploop__range){ lo, hi - lo };
    w->ns++;
    int transformed = is_exe;
    for (unsigned i = 0; i < w->nmods && !transformed; i++)
        transformed = w->mods[i] >= lo && w->mods[i] < hi;
    if (!transformed)
        return 0;
    for (unsigned i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_W))
            continue;
        uintptr_t a = info->dlpi_addr + ph->p_vaddr;
        uintptr_t b = a + ph->p_memsz;
        a &= ~(uintptr_t)(MPLOOP__PAGE - 1);
        b = (b + MPLOOP__PAGE - 1) & ~(uintptr_t)(MPLOOP__PAGE - 1);
        if (w->nt < w->max_t)
            w->tracked[w->nt] = (struct mploop__range){ a, b - a };
        w->nt++;
    }
    return 0;
}

/* Both: see internal.h. */
int mploop__maps_modules(const uintptr_t *mods, unsigned nmods, struct mploop__range *tracked,
                         unsigned max_t, unsigned *nt,
                         struct mploop__range *spans, unsigned max_s,
                         unsigned *ns)
{
    struct module_walk w = {
        .mods = mods,
        .nmods = nmods,
        .tracked = tracked, .max_t = max_t,
        .spans = spans, .max_s = max_s,
        .first = 1,
    };
    dl_iterate_phdr(module_cb, &w);
    *nt = w.nt;
    *ns = w.ns;
    return 0;
}

/* State of one dl_iterate_phdr walk looking for the module holding addr. */
struct module_find {
    uintptr_t addr;
    struct mploop__range span;
    const char *name;
    uintptr_t bias;
    int first, found, is_exe;
};

/* Callback of dl_iterate_phdr: stop at the module one of whose PT_LOAD
 * segments holds f->addr; record its span, name and bias. */
static int module_find_cb(struct dl_phdr_info *info, size_t size, void *data)
{
    struct module_find *f = data;
    (void)size;
    int is_exe = f->first;
    f->first = 0;
    int inside = 0;
    for (unsigned i = 0; i < info->dlpi_phnum && !inside; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uintptr_t a = info->dlpi_addr + ph->p_vaddr;
        inside = ph->p_type == PT_LOAD && f->addr >= a && f->addr - a < ph->p_memsz;
    }
    if (!inside)
        return 0;
    uintptr_t lo, hi;
    load_span(info, &lo, &hi);
    f->span = (struct mploop__range){ lo, hi - lo };
    f->name = info->dlpi_name;
    f->bias = info->dlpi_addr;
    f->is_exe = is_exe;
    f->found = 1;
    return 1;
}

/* Both: see internal.h. */
int mploop__maps_module_span(const void *addr, struct mploop__range *span)
{
    struct module_find f = { .addr = (uintptr_t)addr, .first = 1 };
    dl_iterate_phdr(module_find_cb, &f);
    if (!f.found)
        return -ENOENT;
    *span = f.span;
    return 0;
}

/* Both: see internal.h. */
int mploop__maps_module_file(const void *addr, char *path, size_t n, uintptr_t *bias)
{
    struct module_find f = { .addr = (uintptr_t)addr, .first = 1 };
    dl_iterate_phdr(module_find_cb, &f);
    if (!f.found || n == 0)
        return -ENOENT;
    const char *name = f.is_exe || !f.name || !f.name[0] ? "/proc/self/exe" : f.name;
    size_t len = strlen(name);
    if (len >= n)
        return -ENAMETOOLONG;
    memcpy(path, name, len + 1);
    *bias = f.bias;
    return 0;
}
