/*
 * driver_depfile.c - files cc wrote from a rewritten source, made to name
 * the user's files again.
 *
 * cc compiles the rewritten copy of a source from the temporary directory,
 * so the files that record source paths name that copy: the dependency
 * files of -MD, -MMD, -M and -MF (make's syntax) and the line markers of
 * preprocessed output (C string syntax).  A build tool reading them must
 * see the user's file, so every occurrence of the temporary path is
 * replaced by the original path, escaped the way that file's syntax wants.
 * (The temporary directory's path needs no escaping: driver_spawn.c only
 * uses directories of plain characters.)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"

/* Replace path's content with buf[0..len); 0 or -errno. */
static int write_file(const char *path, const char *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -errno;
    size_t put = fwrite(buf, 1, len, f);
    int bad = ferror(f) | (put != len);
    if (fclose(f) != 0 || bad)
        return -EIO;
    return 0;
}

/* Copy of buf[0..len) with every `from` replaced by `to`;
 * the new length goes to *out_len. */
static char *replace_all(const char *buf, size_t len, const char *from, const char *to,
                         size_t *out_len)
{
    size_t fl = strlen(from), tl = strlen(to), count = 0;
    for (const char *p = buf; (p = memmem(p, len - (size_t)(p - buf), from, fl)); p += fl)
        count++;
    size_t n = len - count * fl + count * tl;
    char *out = rw_xmalloc(n + 1), *o = out;
    const char *p = buf, *end = buf + len;
    for (const char *hit; (hit = memmem(p, (size_t)(end - p), from, fl)); p = hit + fl) {
        memcpy(o, p, (size_t)(hit - p));
        o += hit - p;
        memcpy(o, to, tl);
        o += tl;
    }
    memcpy(o, p, (size_t)(end - p));
    o += end - p;
    *o = '\0';
    *out_len = n;
    return out;
}

/* Path as make's dependency syntax spells it (the way gcc
 * writes it in -M output: space and # escaped by a backslash, $ doubled). */
static char *make_escape(const char *path)
{
    char *out = rw_xmalloc(2 * strlen(path) + 1), *o = out;
    for (const char *p = path; *p; p++) {
        if (*p == ' ' || *p == '#' || *p == '\t')
            *o++ = '\\';
        else if (*p == '$')
            *o++ = '$';
        *o++ = *p;
    }
    *o = '\0';
    return out;
}

/* Path as a C string literal's content (line markers). */
static char *c_escape(const char *path)
{
    char *out = rw_xmalloc(2 * strlen(path) + 1), *o = out;
    for (const char *p = path; *p; p++) {
        if (*p == '\\' || *p == '"')
            *o++ = '\\';
        *o++ = *p;
    }
    *o = '\0';
    return out;
}

/* The file at path (written by cc from a rewritten source)
 * with the temporary source's path replaced by the original one, escaped as
 * esc says; its length in *nlen.  NULL when the file does not exist (cc
 * decides whether to write it). */
static char *read_fixed(const char *path, const struct rw_input *in, enum rw_escape esc, size_t *nlen)
{
    size_t len;
    char *buf = rw_read_file(path, &len);
    if (!buf)
        return NULL;
    char *orig = esc == RW_ESC_MAKE ? make_escape(in->path) : c_escape(in->path);
    char *fixed = replace_all(buf, len, in->rewritten, orig, nlen);
    free(buf);
    free(orig);
    return fixed;
}

/* In the file at path, replace the temporary source's path
 * with the original one.  A missing file is not an error. */
int rw_fix_paths(const char *path, const struct rw_input *in, enum rw_escape esc)
{
    size_t nlen;
    char *fixed = read_fixed(path, in, esc, &nlen);
    if (!fixed)
        return 0;
    int r = write_file(path, fixed, nlen);
    if (r < 0)
        rw_report("cannot rewrite %s: %s", path, strerror(-r));
    free(fixed);
    return r < 0 ? 1 : 0;
}

/* Send the captured output of cc to our stdout with
 * the temporary path replaced by the original one. */
int rw_copy_fixed_to_stdout(const char *path, const struct rw_input *in, enum rw_escape esc)
{
    size_t nlen;
    char *fixed = read_fixed(path, in, esc, &nlen);
    if (!fixed)
        return 0;
    int bad = fwrite(fixed, 1, nlen, stdout) != nlen || fflush(stdout) != 0;
    free(fixed);
    if (bad)
        rw_report("cannot write the output: %s", strerror(errno));
    return bad;
}
