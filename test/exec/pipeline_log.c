// A log-processing pipeline against its sequential build (1, 2 and 4
// workers): stage 0 reads the lines of a generated log one by one (serial,
// in order; `break` at the END line ends the input, `continue` skips blank
// lines), stage 1 (parallel) parses and scores each line and drops the
// DEBUG ones with `continue`, stage 2 (serial, in order) prints one line
// per item and keeps running totals, stage 3 (serial, unordered) counts
// the items per level into an array declared outside the loop.  The output
// and the memory the loop writes (totals, counts, the per-line scores)
// end as the sequential loop leaves them.
//
// RUN: env MPLOOP_TEST_WORKERS="1 2 4" %exec-check %s %t
// RUN: FileCheck %s < %t.expected
//
// CHECK: line 1 INFO user 17 latency 312 score {{[0-9]+}} total 312 (INFO/0)
// CHECK: items 441 lines 611 latency 221809 max 991
// CHECK-NEXT: levels INFO 139 WARN 156 ERROR 146
// CHECK-NEXT: scores 21790479

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NLINES 700

static const char *const levels[] = { "DEBUG", "INFO", "WARN", "ERROR" };

struct entry {
    int level, user, latency;
    char msg[48];
};

static char log_text[NLINES * 96];
static unsigned scores[NLINES];

/* A deterministic log: NLINES lines, a few blank, END after line 610. */
static void make_log(void)
{
    unsigned x = 12345;
    size_t pos = 0;
    for (int i = 0; i < NLINES; i++) {
        x = x * 1103515245u + 12345u;
        if (i == 0)
            x = 0; /* the first line: INFO user 17 latency 312 */
        if (i == 610) {
            pos += (size_t)sprintf(log_text + pos, "END\n");
            continue;
        }
        if (i % 37 == 5) {
            pos += (size_t)sprintf(log_text + pos, "\n");
            continue;
        }
        int level = i == 0 ? 1 : (int)(x >> 16) % 4;
        pos += (size_t)sprintf(log_text + pos, "%s user %u latency %u request %u/%u\n",
                               levels[level], i == 0 ? 17 : (x >> 8) % 100,
                               i == 0 ? 312 : (x >> 4) % 1000, (x >> 3) % 977, i);
    }
}

/* A cost that differs per line, so that parallel items finish out of order. */
static unsigned score_of(const char *s, int latency)
{
    unsigned h = 2166136261u;
    for (int round = 0; round < 50 + latency % 200; round++)
        for (const char *c = s; *c; c++)
            h = (h ^ (unsigned char)*c) * 16777619u;
    return h % 100000;
}

int main(void)
{
    make_log();
    long total = 0, max = 0;
    int items = 0, counts[4] = { 0 };
    const char *cur = log_text;
    int lineno = 0;

#pragma mploop pipeline tokens(8)
    while (*cur) {
        char text[96];
        size_t len = strcspn(cur, "\n");
        memcpy(text, cur, len);
        text[len] = 0;
        cur += len + (cur[len] == '\n');
        lineno++;
        if (!strcmp(text, "END"))
            break;
        if (len == 0)
            continue;
#pragma mploop stage parallel
        struct entry e;
        char word[8];
        unsigned req;
        if (sscanf(text, "%7s user %d latency %d request %u", word, &e.user, &e.latency,
                   &req) != 4)
            continue;
        for (e.level = 0; e.level < 4 && strcmp(word, levels[e.level]); e.level++)
            ;
        if (e.level == 0)
            continue; /* DEBUG: dropped */
        snprintf(e.msg, sizeof e.msg, "%s/%u", levels[e.level], req);
        unsigned score = score_of(text, e.latency);
        scores[lineno - 1] = score;
#pragma mploop stage serial
        items++;
        total += e.latency;
        if (e.latency > max)
            max = e.latency;
        printf("line %d %s user %d latency %d score %u total %ld (%s)\n", lineno,
               levels[e.level], e.user, e.latency, score, total, e.msg);
#pragma mploop stage serial unordered
        counts[e.level]++;
    }

    unsigned long sum = 0;
    for (int i = 0; i < NLINES; i++)
        sum += scores[i];
    printf("items %d lines %d latency %ld max %ld\n", items, lineno, total, max);
    printf("levels INFO %d WARN %d ERROR %d\n", counts[1], counts[2], counts[3]);
    printf("scores %lu\n", sum);
    return 0;
}
