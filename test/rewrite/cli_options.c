// --help, --version, and command-line errors.
//
// RUN: %mploop --help | FileCheck --check-prefix=HELP %s
// RUN: %mploop --version | FileCheck --check-prefix=VERSION %s
// RUN: not %mploop 2>&1 | FileCheck --check-prefix=NOINPUT %s
// RUN: not %mploop --frobnicate %s 2>&1 | FileCheck --check-prefix=BADOPT %s
// RUN: not %mploop %s %s 2>&1 | FileCheck --check-prefix=TWO %s
// RUN: not %mploop %s -o 2>&1 | FileCheck --check-prefix=NOARG %s
// RUN: not %mploop %t.does-not-exist.c 2>&1 | FileCheck --check-prefix=MISSING %s
// RUN: %mploop %s -- -DN=4 -std=gnu11 | FileCheck --check-prefix=FLAGS %s
// RUN: %mploop %s -- -DN=4 -Wall -Werror | FileCheck --check-prefix=FLAGS %s

// HELP: usage: mploop [options] input.c [-o output.c] [-- compiler flags]
// HELP: -p BUILD_DIR
// HELP: --version
// VERSION: mploop version {{[0-9]+\.[0-9]+\.[0-9]+}}
// NOINPUT: mploop: error: no input file
// BADOPT: mploop: error: unknown option '--frobnicate'
// TWO: mploop: error: more than one input file
// NOARG: mploop: error: missing argument after '-o'
// MISSING: mploop: error: cannot open {{.*}}does-not-exist.c

// Flags after `--` reach the parser: N is defined only there.  Warnings are
// left to the compiler: -Werror does not make the rewrite fail.
// FLAGS: __typeof__((N) + 0) __mploop_ub_1 = (N);
int a[N];
void f(void)
{
    int unused_variable;
#pragma mploop for
    for (int i = 0; i < N; i++) a[i] = i;
}
