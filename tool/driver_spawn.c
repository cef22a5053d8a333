/*
 * driver_spawn.c - running programs and the private temporary directory of
 * mploop-cc.
 *
 * The driver runs the rewriter and cc as child processes, reports a program
 * that cannot be started apart from one that fails, and keeps every
 * rewritten source and temporary object in one private directory.  That
 * directory must vanish however the driver ends: at exit, and on the
 * signals a build tool sends, where the handler (which may not allocate)
 * also stops the running program and then dies of the same signal.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "driver.h"

/* Every temporary path the driver may create, in creation order, so that a
 * signal handler can remove them without allocating. */
static char *g_tmp_paths[4096];
static volatile sig_atomic_t g_tmp_count;
static char *g_tmpdir;
static volatile pid_t g_child;

/* Unlink/rmdir every recorded path, newest first.
 * Async-signal-safe. */
static void remove_tmp_paths(void)
{
    for (int i = g_tmp_count - 1; i >= 0; i--)
        if (unlink(g_tmp_paths[i]) != 0)
            rmdir(g_tmp_paths[i]);
}

/* nftw callback removing one entry of the temporary directory. */
static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP)
        rmdir(path);
    else
        unlink(path);
    return 0;
}

/* Remove the temporary directory and everything in it (atexit). */
static void cleanup(void)
{
    if (g_tmpdir)
        nftw(g_tmpdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Stop the running compiler, remove the temporary files, then
 * die of the same signal. */
static void on_signal(int sig)
{
    if (g_child > 0)
        kill(g_child, sig);
    remove_tmp_paths();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Record and return "<tmpdir>/<name>" (the file is not created). */
char *rw_tmp_path(const char *name)
{
    if ((size_t)g_tmp_count >= sizeof g_tmp_paths / sizeof g_tmp_paths[0])
        rw_die("too many input files");
    char *p = rw_xasprintf("%s/%s", g_tmpdir, name);
    g_tmp_paths[g_tmp_count] = p;
    g_tmp_count = g_tmp_count + 1;
    return p;
}

/* Whether the directory may be used in paths written unescaped into
 * dependency files and line markers. */
static int safe_dir(const char *d)
{
    if (!d || d[0] != '/')
        return 0;
    for (const char *p = d; *p; p++)
        if (!(('a' <= *p && *p <= 'z') || ('A' <= *p && *p <= 'Z') ||
              ('0' <= *p && *p <= '9') || strchr("/._+-", *p)))
            return 0;
    return 1;
}

/* Create the private temporary directory under $TMPDIR (or
 * /tmp when $TMPDIR is unset or holds characters that need escaping). */
static void make_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    if (!safe_dir(base))
        base = "/tmp";
    size_t blen = strlen(base);
    while (blen > 1 && base[blen - 1] == '/')
        blen--;
    char *templ = rw_xasprintf("%.*s/mploop-cc.XXXXXX", (int)blen, base);
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    if (!mkdtemp(templ)) {
        sigprocmask(SIG_SETMASK, &old, NULL);
        rw_die("cannot create a temporary directory in %s: %s", base, strerror(errno));
    }
    g_tmpdir = templ;
    g_tmp_paths[0] = templ;
    g_tmp_count = 1;
    sigprocmask(SIG_SETMASK, &old, NULL);
}

/* Create the temporary directory and remove it at exit and on signals. */
void rw_temp_init(void)
{
    atexit(cleanup);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);
    sigaction(SIGPIPE, &sa, NULL);
    make_tmpdir();
}

/* ---- running programs ------------------------------------------------ */

static int g_verbose;

/* Echo commands before running them when on. */
void rw_run_verbose(int on)
{
    g_verbose = on;
}

/* Echo a command line to stderr (for -v), quoting arguments
 * that need it. */
static void print_command(char *const argv[])
{
    for (size_t i = 0; argv[i]; i++) {
        const char *a = argv[i];
        int plain = a[0] != '\0';
        for (const char *p = a; *p; p++)
            if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                        "/._+-=,:@%", *p))
                plain = 0;
        fputc(' ', stderr);
        if (plain) {
            fputs(a, stderr);
        } else {
            fputc('\'', stderr);
            for (const char *p = a; *p; p++)
                if (*p == '\'')
                    fputs("'\\''", stderr);
                else
                    fputc(*p, stderr);
            fputc('\'', stderr);
        }
    }
    fputc('\n', stderr);
}

/* Run argv (argv[0] looked up in PATH), stdout redirected to
 * stdout_path when it is not NULL; returns the program's exit status,
 * 128 + signal for a program killed by a signal, 1 when it could not be
 * started (reported here). */
int rw_run(char *const argv[], const char *stdout_path)
{
    if (g_verbose)
        print_command(argv);
    fflush(stdout);
    fflush(stderr);
    /* The child reports a failed exec through this pipe (closed on a
     * successful exec), so that no exit status of the program is taken for
     * a failure to start it. */
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) {
        rw_report("cannot create a pipe: %s", strerror(errno));
        return 1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        rw_report("cannot fork: %s", strerror(errno));
        close(report[0]);
        close(report[1]);
        return 1;
    }
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        close(report[0]);
        int err = 0;
        if (stdout_path) {
            int fd = open(stdout_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
            if (fd < 0 || dup2(fd, 1) < 0)
                err = errno;
        }
        if (!err) {
            execvp(argv[0], argv);
            err = errno;
        }
        if (write(report[1], &err, sizeof err) < 0)
            _exit(127);
        _exit(127);
    }
    close(report[1]);
    g_child = pid;
    int err = 0;
    ssize_t got;
    while ((got = read(report[0], &err, sizeof err)) < 0 && errno == EINTR)
        ;
    close(report[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            g_child = 0;
            rw_report("cannot wait for '%s': %s", argv[0], strerror(errno));
            return 1;
        }
    }
    g_child = 0;
    if (got == (ssize_t)sizeof err) {
        if (stdout_path)
            rw_report("cannot run '%s' with its output in %s: %s", argv[0], stdout_path,
                  strerror(err));
        else
            rw_report("cannot run '%s': %s", argv[0], strerror(err));
        return 1;
    }
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) {
        rw_report("'%s' terminated by signal %d (%s)", argv[0], WTERMSIG(status),
              strsignal(WTERMSIG(status)));
        return 128 + WTERMSIG(status);
    }
    return 1;
}
