// Writes positioned in a file opened before the loop land where the
// sequential program put them: records written with fseek + fwrite (in an
// order unrelated to the iterations), pwrite, fsetpos and SEEK_END appends
// through a FILE opened "wb"; lines written without seeking through a FILE
// opened "w" follow one another in iteration order; and after the loop the
// offsets are the sequential ones (ftell, and the writes after the loop
// continue there).  The program prints the files' sizes, offsets and
// contents' checksums.
//
// RUN: %exec-check %s %t
// RUN: env MPLOOP_WORKERS=3 MPLOOP_SCHEDULE=dynamic,7 %t.par > %t.dyn
// RUN: cmp %t.expected %t.dyn

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RECORDS 4000
#define REC 24
#define HEADER 64

/* FNV-1a over a whole file. */
static unsigned long long checksum(const char *path, long *size)
{
    FILE *f = fopen(path, "rb");
    unsigned long long h = 1469598103934665603ull;
    int c;
    *size = 0;
    if (!f)
        return 0;
    while ((c = getc(f)) != EOF) {
        h = (h ^ (unsigned char)c) * 1099511628211ull;
        (*size)++;
    }
    fclose(f);
    return h;
}

int main(void)
{
    char rec_path[] = "/tmp/mploop-positioned-XXXXXX";
    char log_path[] = "/tmp/mploop-lines-XXXXXX";
    int rfd = mkstemp(rec_path), lfd = mkstemp(log_path);
    if (rfd < 0 || lfd < 0)
        return 1;
    close(rfd);
    close(lfd);
    FILE *rec = fopen(rec_path, "wb");
    FILE *log = fopen(log_path, "w");
    if (!rec || !log)
        return 1;
    fprintf(rec, "%-*s", HEADER - 1, "records file");
    fputc('\n', rec);
    fprintf(log, "lines file\n");
    fflush(NULL);

#pragma mploop for schedule(static, 50)
    for (int i = 0; i < RECORDS; i++) {
        int slot = (i * 7919) % RECORDS;   /* a permutation of the slots */
        char buf[REC + 1];
        snprintf(buf, sizeof buf, "record %05d slot %05d\n", i, slot);
        fseek(rec, HEADER + (long)slot * REC, SEEK_SET);
        fwrite(buf, 1, REC, rec);
        fprintf(log, "line %d\n", i);
    }
    printf("after loop 1: rec at %ld, log at %ld\n", ftell(rec), ftell(log));

    /* Appends at the end, pwrite and fsetpos, mixed with relative writes. */
#pragma mploop for
    for (int i = 0; i < 600; i++) {
        char buf[32];
        int len = snprintf(buf, sizeof buf, "tail %04d\n", i);
        if (i % 3 == 0) {
            fseek(rec, 0, SEEK_END);
            fwrite(buf, 1, (size_t)len, rec);
        } else if (i % 3 == 1) {
            fflush(rec);
            if (pwrite(fileno(rec), buf, (size_t)len, HEADER + (long)(i % RECORDS) * REC) != len)
                abort();
        } else {
            fpos_t at;
            fseek(rec, 16, SEEK_SET);
            fgetpos(rec, &at);
            fsetpos(rec, &at);
            fwrite(buf, 1, 4, rec);
            fseek(rec, 2, SEEK_CUR);
            fwrite(buf + 5, 1, 4, rec);
        }
        fprintf(log, "second %d\n", i);
    }
    printf("after loop 2: rec at %ld, log at %ld\n", ftell(rec), ftell(log));
    fprintf(rec, "written after the loops\n");
    fprintf(log, "written after the loops\n");
    fclose(rec);
    fclose(log);

    long size;
    unsigned long long h = checksum(rec_path, &size);
    printf("records: %ld bytes, checksum %016llx\n", size, h);
    h = checksum(log_path, &size);
    printf("lines: %ld bytes, checksum %016llx\n", size, h);
    unlink(rec_path);
    unlink(log_path);
    return 0;
}
