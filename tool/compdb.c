/*
 * compdb.c - compiler flags from a compilation database (`-p BUILD_DIR`).
 *
 * libclang reads compile_commands.json but neither applies the entry's
 * working directory nor refuses a file it does not know (a look-up returns
 * an interpolated guess for any path), so the input is searched among all
 * entries by its real path and the caller changes to the entry's directory
 * before parsing.
 * Flags that only matter to a real compilation (-c, -o, dependency files)
 * are dropped, as is the source file itself.
 */
#define _GNU_SOURCE 1 /* memmem, vasprintf, realpath */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <clang-c/CXCompilationDatabase.h>

#include "rewriter.h"

/* Whether argument a names the input file (compared by real path). */
static int is_input(const char *a, const char *dir, const char *input)
{
    char *path = a[0] == '/' ? rw_xasprintf("%s", a) : rw_xasprintf("%s/%s", dir, a);
    char *r = realpath(path, NULL);
    int eq = r && !strcmp(r, input);
    free(r);
    free(path);
    return eq;
}

/* Append the flags of input's compile_commands.json entry to args and return its directory. */
int rw_compdb_flags(const char *build_dir, const char *input, char ***args,
                    unsigned *nargs, char **dir)
{
    CXCompilationDatabase_Error err;
    char *json = rw_xasprintf("%s/compile_commands.json", build_dir);
    int readable = access(json, R_OK) == 0;
    free(json);
    CXCompilationDatabase db =
        readable ? clang_CompilationDatabase_fromDirectory(build_dir, &err) : NULL;
    if (!readable || err != CXCompilationDatabase_NoError || !db) {
        fprintf(stderr, "mploop: error: cannot read %s/compile_commands.json\n", build_dir);
        return -1;
    }
    /* all entries, not getCompileCommands: that one invents an entry for any file */
    CXCompileCommands cmds = clang_CompilationDatabase_getAllCompileCommands(db);
    unsigned n = cmds ? clang_CompileCommands_getSize(cmds) : 0;
    CXCompileCommand cmd = NULL;
    CXString d = { 0 };
    /* the look-up interpolates unknown files: keep only an entry for this file */
    for (unsigned i = 0; i < n && !cmd; i++) {
        CXCompileCommand c = clang_CompileCommands_getCommand(cmds, i);
        CXString f = clang_CompileCommand_getFilename(c);
        CXString cd = clang_CompileCommand_getDirectory(c);
        if (is_input(clang_getCString(f), clang_getCString(cd), input)) {
            cmd = c;
            d = cd;
        } else {
            clang_disposeString(cd);
        }
        clang_disposeString(f);
    }
    if (!cmd) {
        fprintf(stderr, "mploop: error: %s is not in %s/compile_commands.json\n", input, build_dir);
        if (cmds)
            clang_CompileCommands_dispose(cmds);
        clang_CompilationDatabase_dispose(db);
        return -1;
    }
    *dir = rw_xasprintf("%s", clang_getCString(d));
    unsigned na = clang_CompileCommand_getNumArgs(cmd);
    for (unsigned i = 1; i < na; i++) {
        CXString s = clang_CompileCommand_getArg(cmd, i);
        const char *a = clang_getCString(s);
        int skip_next = !strcmp(a, "-o") || !strcmp(a, "-MF") || !strcmp(a, "-MT") ||
                        !strcmp(a, "-MQ");
        int drop = skip_next || !strcmp(a, "-c") || !strcmp(a, "-MD") || !strcmp(a, "-MMD") ||
                   !strcmp(a, "-MP") || !strncmp(a, "-Wp,-M", 6) || !strcmp(a, "--") ||
                   (a[0] != '-' && is_input(a, *dir, input));
        if (!drop) {
            *args = rw_xrealloc(*args, (*nargs + 1) * sizeof **args);
            (*args)[(*nargs)++] = rw_xasprintf("%s", a);
        }
        clang_disposeString(s);
        if (skip_next)
            i++;
    }
    clang_disposeString(d);
    clang_CompileCommands_dispose(cmds);
    clang_CompilationDatabase_dispose(db);
    return 0;
}
