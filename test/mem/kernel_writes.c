// Writes the kernel makes on the body's behalf reach the parent like the
// body's own stores: read() and pread() into a heap buffer and into a
// global array, and fread() through a stream the body opened.
//
// The mprotect tracker cannot see kernel writes: read() into a tracked page
// fails with EFAULT there (tracker_mprotect.c checks that).
// UNSUPPORTED: tracker-mprotect
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W --implicit-check-not=mploop: < %t.log.2
// W: mploop: {{.*}}kernel_writes.c:{{[0-9]+}}: 64 iterations on 2 workers

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char global_buf[64][512];

int main(void)
{
    char path[] = "/tmp/mploop-mem-kernel-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 1;
    for (int k = 0; k < 64 * 1024; k++) {
        unsigned char c = (unsigned char)(k * 7 + k / 300);
        if (write(fd, &c, 1) != 1)
            return 1;
    }
    char *heap = malloc(64 * 1024);
    memset(heap, 0, 64 * 1024);
    char *streamed = calloc(64, 100);
#pragma mploop for
    for (int i = 0; i < 64; i++) {
        int own = open(path, O_RDONLY);
        lseek(own, (off_t)i * 1024, SEEK_SET);
        if (read(own, heap + i * 1024, 1024) != 1024)
            heap[i * 1024] = 'E';
        if (pread(own, global_buf[i], 512, (off_t)i * 512 + 7) != 512)
            global_buf[i][0] = 'E';
        close(own);
        FILE *f = fopen(path, "rb");
        fseek(f, i * 100 + 3, SEEK_SET);
        if (fread(streamed + i * 100, 1, 100, f) != 100)
            streamed[i * 100] = 'E';
        fclose(f);
    }
    unsigned long h1 = 0, h2 = 0, h3 = 0;
    for (int k = 0; k < 64 * 1024; k++)
        h1 = h1 * 31 + (unsigned char)heap[k];
    for (int k = 0; k < 64 * 512; k++)
        h2 = h2 * 31 + (unsigned char)global_buf[k / 512][k % 512];
    for (int k = 0; k < 6400; k++)
        h3 = h3 * 31 + (unsigned char)streamed[k];
    printf("read=%lu pread=%lu fread=%lu\n", h1, h2, h3);
    close(fd);
    remove(path);
    return 0;
}
