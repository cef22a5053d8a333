/*
 * log_pipeline.c - summarise a web server's access log with a pipeline.
 *
 * Reads an access log (Common Log Format plus the response time in
 * seconds, as `LogFormat "%h %l %u %t \"%r\" %>s %b %T"` writes it) and
 * prints the requests per status class, the bytes served, the slowest
 * request and the first server errors, in the order of the log.  Three
 * stages:
 *
 *   read   (serial, in order) cuts the file into batches of whole lines;
 *   parse  (parallel)         parses a batch's lines into its figures;
 *   merge  (serial, in order) adds each batch's figures to the totals.
 *
 * Reading and merging are serial (one file offset, one set of totals) and
 * the parsing, which costs the most, runs on every worker at once.  At
 * most TOKENS batches are in flight, so the program's memory does not
 * grow with the log.  The totals are the program's own variables,
 * written by the merge stage only: they are merged back after the run as
 * a loop's writes are, and the program goes on with them.
 *
 * The Python multiprocessing idiom it mirrors:
 *
 *     with Pool() as pool:
 *         for figures in pool.imap(parse_batch, read_batches(log)):
 *             merge(totals, figures)
 *
 * where imap keeps the batches in order, as the in-order merge stage does
 * here (but reads the whole log ahead if the workers are fast).
 *
 * Build: mploop-cc -O2 log_pipeline.c -o log_pipeline; run:
 * ./log_pipeline access.log, or ./log_pipeline --generate N FILE to write a
 * log of N made-up requests to FILE first (MPLOOP_WORKERS=N chooses the
 * number of workers).
 */
#include <mploop.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BATCH_BYTES 32768   /* text of one batch: whole lines */
#define TOKENS 8            /* batches in flight */
#define ERRORS_SHOWN 5      /* server errors listed */
#define PATH_MAX_SHOWN 96

/* A batch of whole lines, as read. */
struct batch {
    long first;             /* line number of its first line (from 1) */
    int lines;
    int len;
    char text[BATCH_BYTES];
};

/* One server error (5xx), for the list. */
struct error_line {
    long line;
    int status;
    char path[PATH_MAX_SHOWN];
};

/* What parsing a batch found. */
struct figures {
    long lines, malformed;
    long status_class[6];   /* 1xx .. 5xx; [0]: other */
    long long bytes;
    double slowest;         /* seconds */
    long slowest_line;
    char slowest_path[PATH_MAX_SHOWN];
    long errors;
    int shown;
    struct error_line error[ERRORS_SHOWN];
};

/* The reader's state: the log, the number of the next line, and the
 * start of a line the last batch did not end. */
struct reader {
    FILE *log;
    long next_line;
    char carry[BATCH_BYTES];
    int carry_len;
};

/* The totals, written by the merge stage. */
static struct figures total;
static struct error_line first_errors[ERRORS_SHOWN];
static int first_errors_n;

/* read: the next batch of whole lines, or MPLOOP_STOP at the end: a
 * block of the file, cut after its last newline (the rest starts the next
 * batch). */
static int read_batch(const void *in, void *out, void *ctx)
{
    (void)in;
    struct reader *r = ctx;
    struct batch *b = out;
    memcpy(b->text, r->carry, (size_t)r->carry_len);
    b->len = r->carry_len + (int)fread(b->text + r->carry_len, 1,
                                       (size_t)(BATCH_BYTES - r->carry_len), r->log);
    if (b->len == 0)
        return MPLOOP_STOP;
    int cut = b->len;
    if (b->len == BATCH_BYTES) {
        while (cut > 0 && b->text[cut - 1] != '\n')
            cut--;
        if (cut == 0)
            cut = b->len; /* a line longer than a batch: cut it */
    }
    r->carry_len = b->len - cut;
    memcpy(r->carry, b->text + cut, (size_t)r->carry_len);
    b->len = cut;
    b->first = r->next_line;
    b->lines = 0;
    for (const char *s = b->text; (s = memchr(s, '\n', (size_t)(b->text + cut - s))); s++)
        b->lines++;
    r->next_line += b->lines;
    return 0;
}

/* Parse one line into f; 0 when it is not a log line. */
static int parse_line(const char *s, const char *end, long number, struct figures *f)
{
    const char *q1 = memchr(s, '"', (size_t)(end - s));
    const char *q2 = q1 ? memchr(q1 + 1, '"', (size_t)(end - q1 - 1)) : NULL;
    if (!q2)
        return 0;
    const char *path = memchr(q1 + 1, ' ', (size_t)(q2 - q1 - 1));
    const char *path_end = path ? memchr(path + 1, ' ', (size_t)(q2 - path - 1)) : NULL;
    int status;
    long long bytes;
    double seconds;
    char rest[128];
    size_t n = (size_t)(end - q2 - 1) < sizeof rest - 1 ? (size_t)(end - q2 - 1) : sizeof rest - 1;
    memcpy(rest, q2 + 1, n);
    rest[n] = '\0';
    if (!path || !path_end || sscanf(rest, "%d %lld %lf", &status, &bytes, &seconds) != 3)
        return 0;
    int len = (int)(path_end - path - 1);
    if (len >= PATH_MAX_SHOWN)
        len = PATH_MAX_SHOWN - 1;
    f->lines++;
    f->status_class[status >= 100 && status < 600 ? status / 100 : 0]++;
    f->bytes += bytes;
    if (seconds > f->slowest) {
        f->slowest = seconds;
        f->slowest_line = number;
        snprintf(f->slowest_path, sizeof f->slowest_path, "%.*s", len, path + 1);
    }
    if (status >= 500 && status < 600) {
        f->errors++;
        if (f->shown < ERRORS_SHOWN) {
            struct error_line *e = &f->error[f->shown++];
            e->line = number;
            e->status = status;
            snprintf(e->path, sizeof e->path, "%.*s", len, path + 1);
        }
    }
    return 1;
}

/* parse: the figures of a batch. */
static int parse_batch(const void *in, void *out, void *ctx)
{
    (void)ctx;
    const struct batch *b = in;
    struct figures *f = out;
    memset(f, 0, sizeof *f);
    const char *s = b->text, *end = b->text + b->len;
    for (long number = b->first; s < end; number++) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *line_end = nl ? nl : end;
        if (!parse_line(s, line_end, number, f))
            f->malformed++;
        s = nl ? nl + 1 : end;
    }
    return 0;
}

/* merge: add a batch's figures to the totals (batches in log order). */
static int merge_figures(const void *in, void *out, void *ctx)
{
    (void)out;
    (void)ctx;
    const struct figures *f = in;
    total.lines += f->lines;
    total.malformed += f->malformed;
    for (int i = 0; i < 6; i++)
        total.status_class[i] += f->status_class[i];
    total.bytes += f->bytes;
    if (f->slowest > total.slowest) {
        total.slowest = f->slowest;
        total.slowest_line = f->slowest_line;
        memcpy(total.slowest_path, f->slowest_path, sizeof total.slowest_path);
    }
    total.errors += f->errors;
    for (int i = 0; i < f->shown && first_errors_n < ERRORS_SHOWN; i++)
        first_errors[first_errors_n++] = f->error[i];
    return 0;
}

/* Write n made-up requests to path (the same every time). */
static int generate(long n, const char *path)
{
    static const char *const pages[] = { "/", "/index.html", "/search?q=pipeline",
                                         "/img/logo.png", "/api/orders", "/api/users/42",
                                         "/docs/guide.html", "/static/app.js" };
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        return 1;
    }
    unsigned long long x = 88172645463325252ull;
    for (long i = 0; i < n; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int r = (int)(x % 1000);
        int status = r < 5 ? 503 : r < 9 ? 500 : r < 60 ? 404 : r < 110 ? 304 : 200;
        fprintf(f, "10.%d.%d.%d - - [06/Dec/2026:%02ld:%02ld:%02ld +0000] \"GET %s HTTP/1.1\" %d %d %.3f\n",
                (int)(x >> 8 & 255), (int)(x >> 16 & 255), (int)(x >> 24 & 255), i / 3600 % 24,
                i / 60 % 60, i % 60, pages[x >> 32 & 7], status,
                status == 304 ? 0 : (int)(x >> 40 & 65535), (double)(x >> 20 & 4095) / 1000.0);
    }
    return fclose(f) != 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "--generate"))
        return generate(atol(argv[2]), argv[3]);
    if (argc != 2) {
        fprintf(stderr, "usage: %s ACCESS_LOG | --generate N FILE\n", argv[0]);
        return 2;
    }
    static struct reader r;
    r.log = fopen(argv[1], "r");
    r.next_line = 1;
    if (!r.log) {
        perror(argv[1]);
        return 1;
    }
    mploop_pipeline *pl = mploop_pipeline_create(TOKENS);
    if (!pl ||
        mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, read_batch, &r,
                              sizeof(struct batch)) ||
        mploop_pipeline_stage(pl, MPLOOP_STAGE_PARALLEL, parse_batch, NULL,
                              sizeof(struct figures)) ||
        mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, merge_figures, NULL, 0)) {
        fprintf(stderr, "cannot make the pipeline\n");
        return 1;
    }
    if (mploop_pipeline_run(pl, 0) != 0)
        return 1;
    mploop_pipeline_destroy(pl);
    fclose(r.log);

    printf("%ld requests (%ld lines not understood), %.1f MB served\n", total.lines,
           total.malformed, (double)total.bytes / 1e6);
    printf("by status: 2xx %ld, 3xx %ld, 4xx %ld, 5xx %ld\n", total.status_class[2],
           total.status_class[3], total.status_class[4], total.status_class[5]);
    printf("slowest: %.3f s, line %ld, %s\n", total.slowest, total.slowest_line,
           total.slowest_path);
    printf("server errors: %ld; the first:\n", total.errors);
    for (int i = 0; i < first_errors_n; i++)
        printf("  line %ld: %d %s\n", first_errors[i].line, first_errors[i].status,
               first_errors[i].path);
    return 0;
}
