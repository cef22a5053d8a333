/*
 * pidfile.h - for the tests of test/fail whose helper sends a signal in the
 * middle of a loop (alone.py --signal ... --pidfile): tell it this
 * process's id, written whole (a temporary file renamed into place), so
 * that the helper never reads half a number.
 */
#include <stdio.h>
#include <unistd.h>

static void publish_pid(const char *pidfile)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", pidfile);
    FILE *f = fopen(tmp, "w");
    fprintf(f, "%d\n", (int)getpid());
    fclose(f);
    rename(tmp, pidfile);
}
