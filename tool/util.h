/*
 * util.h - memory, string and file helpers shared by the rewriter (mploop),
 * the compiler driver (mploop-cc) and mploop-bench, with the JSON string
 * writer and the CPU count (linux_cpus.c) more than one of them needs.
 *
 * All are short-lived commands: running out of memory ends them with a
 * message, so callers never check allocation results.  Nothing here uses
 * libclang, so the driver links util.c without it.
 */
#ifndef RW_UTIL_H
#define RW_UTIL_H

#include <stddef.h>
#include <stdio.h>

/* The program name that starts error messages ("mploop" unless set). */
void rw_set_program_name(const char *name);

/* Print "<program>: error: MSG" to stderr. */
void rw_report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* rw_report, then exit with status 1 (atexit handlers run). */
void rw_die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* malloc/realloc/strdup that end the program on exhaustion. */
void *rw_xmalloc(size_t n);
void *rw_xrealloc(void *p, size_t n);
char *rw_xstrndup(const char *s, size_t n);
char *rw_xstrdup(const char *s);
/* printf into a new heap string. */
char *rw_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable string. */
struct rw_buf {
    char *s;
    size_t len, cap;
};
void rw_buf_add(struct rw_buf *b, const char *s, size_t n);
void rw_buf_puts(struct rw_buf *b, const char *s);
void rw_buf_printf(struct rw_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A growable, NULL-terminated vector of strings (borrowed or owned, never
 * freed: the programs are short-lived). */
struct rw_strvec {
    char **v;
    size_t n, cap;
};
void rw_sv_push(struct rw_strvec *v, const char *s);

/* Whole content of path in a heap buffer (NUL-terminated, length in *len);
 * NULL with errno set on failure. */
char *rw_read_file(const char *path, size_t *len);
/* The parts of a path, as fresh strings: "dir/a.c" gives "a.c", "dir" and
 * (rw_strip_ext) "dir/a"; "prog" gives "prog" without extension. */
char *rw_base_name(const char *path);
char *rw_dir_name(const char *path);
char *rw_strip_ext(const char *path);

/* Write s to f as a JSON string (null for NULL): quotes, backslashes and
 * control characters escaped, bytes that are not UTF-8 as U+FFFD. */
void rw_json_string(FILE *f, const char *s);

/* ---- linux_cpus.c ------------------------------------------------------- */

/* The number of CPUs this process may run on (its affinity mask), the
 * runtime's default worker count; at least 1. */
unsigned rw_cpu_count(void);

#endif /* RW_UTIL_H */
