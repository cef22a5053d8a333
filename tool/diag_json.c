/*
 * diag_json.c - the diagnostics of a run as one JSON document
 * (--diagnostics-format=json).
 *
 * Tools read diagnostics more easily as data than as clang's text, which
 * they would have to parse line by line.  Each diagnostic is kept as diag.c
 * resolved it; at the end of the run the document is written to stderr:
 *   {"version": 1, "diagnostics": [
 *     {"severity": "error", "message": "...", "flag": "-W...",
 *      "file": "a.c", "line": 3, "column": 5,
 *      "ranges": [{"start": {"line": 3, "column": 5},
 *                  "end": {"line": 3, "column": 9}}],
 *      "fixits": [{"range": {...}, "text": "..."}],
 *      "notes": [ the same without "notes" ]}]}
 * "flag" is left out when the diagnostic has none; "file", "line" and
 * "column" are null for a diagnostic about no place in a file.  A note
 * belongs to the error, warning or remark before it.  docs/errors.md
 * documents the schema.
 */
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

/* Version of the document's schema; changes when a field changes meaning
 * or goes away (new fields do not change it). */
#define DIAG_JSON_VERSION 1

static struct rw_diag_rec **recs;
static unsigned nrecs, caprecs;

/* Keep rec for the document. */
void rw_diag_json_add(struct rw_diag_rec *rec)
{
    if (nrecs == caprecs) {
        caprecs = caprecs ? 2 * caprecs : 16;
        recs = rw_xrealloc(recs, caprecs * sizeof *recs);
    }
    recs[nrecs++] = rec;
}

/* Free rec and its strings and arrays. */
void rw_diag_json_free(struct rw_diag_rec *rec)
{
    free(rec->message);
    free(rec->flag);
    free(rec->file);
    free(rec->ranges);
    for (unsigned i = 0; i < rec->nfixits; i++)
        free(rec->fixits[i].text);
    free(rec->fixits);
    free(rec);
}

/* Length of the well-formed UTF-8 sequence at p (1 to 4), or 0. */
static int utf8_len(const unsigned char *p)
{
    int n = p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc2 ? 2 : 0;
    if (p[0] >= 0xf5)
        n = 0;
    for (int i = 1; i < n; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    if (n == 3 && ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] >= 0xa0)))
        return 0; /* overlong, or a surrogate */
    if (n == 4 && ((p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] >= 0x90)))
        return 0; /* overlong, or past U+10FFFF */
    return n;
}

/* Write s as a JSON string (null for NULL): quotes, backslashes and
 * control characters escaped, bytes that are not UTF-8 as U+FFFD, so the
 * document stays valid whatever a file name or a source line holds. */
static void put_string(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            fprintf(f, "\\%c", *p);
        } else if (*p == '\n') {
            fputs("\\n", f);
        } else if (*p == '\t') {
            fputs("\\t", f);
        } else if (*p == '\r') {
            fputs("\\r", f);
        } else if (*p < 0x20) {
            fprintf(f, "\\u%04x", *p);
        } else if (*p < 0x80) {
            fputc(*p, f);
        } else {
            int n = utf8_len(p);
            if (n == 0) {
                fputs("\\ufffd", f);
            } else {
                fwrite(p, 1, (size_t)n, f);
                p += n - 1;
            }
        }
    }
    fputc('"', f);
}

/* Write s as a JSON string (see rewriter.h; the advisor's JSON uses it). */
void rw_json_string(FILE *f, const char *s)
{
    put_string(f, s);
}

/* Write a position object. */
static void put_pos(FILE *f, const struct rw_diag_pos *p)
{
    fprintf(f, "{\"line\": %u, \"column\": %u}", p->line, p->col);
}

/* Write a range object. */
static void put_span(FILE *f, const struct rw_diag_span *s)
{
    fputs("{\"start\": ", f);
    put_pos(f, &s->start);
    fputs(", \"end\": ", f);
    put_pos(f, &s->end);
    fputc('}', f);
}

/* Write recs[i] as an object; with_notes: a top-level diagnostic, followed
 * by its notes (the records up to the next one that is not a note).
 * Returns the index after what was written. */
static unsigned put_rec(FILE *f, unsigned i, int with_notes)
{
    const struct rw_diag_rec *r = recs[i];
    fputs("{\"severity\": ", f);
    put_string(f, r->severity);
    fputs(", \"message\": ", f);
    put_string(f, r->message);
    if (r->flag) {
        fputs(", \"flag\": ", f);
        put_string(f, r->flag);
    }
    fputs(", \"file\": ", f);
    put_string(f, r->file);
    if (r->file)
        fprintf(f, ", \"line\": %u, \"column\": %u", r->at.line, r->at.col);
    else
        fputs(", \"line\": null, \"column\": null", f);
    fputs(", \"ranges\": [", f);
    for (unsigned k = 0; k < r->nranges; k++) {
        fputs(k ? ", " : "", f);
        put_span(f, &r->ranges[k]);
    }
    fputs("], \"fixits\": [", f);
    for (unsigned k = 0; k < r->nfixits; k++) {
        fputs(k ? ", {\"range\": " : "{\"range\": ", f);
        put_span(f, &r->fixits[k].span);
        fputs(", \"text\": ", f);
        put_string(f, r->fixits[k].text);
        fputc('}', f);
    }
    fputc(']', f);
    i++;
    if (with_notes) {
        fputs(", \"notes\": [", f);
        for (int first = 1; i < nrecs && strcmp(recs[i]->severity, "note") == 0; first = 0) {
            fputs(first ? "" : ", ", f);
            i = put_rec(f, i, 0);
        }
        fputc(']', f);
    }
    fputc('}', f);
    return i;
}

/* Write the document of every diagnostic kept to f. */
void rw_diag_json_write(FILE *f)
{
    fprintf(f, "{\"version\": %d, \"diagnostics\": [", DIAG_JSON_VERSION);
    for (unsigned i = 0; i < nrecs;) {
        fputs(i ? ",\n  " : "\n  ", f);
        i = put_rec(f, i, 1);
    }
    fputs("\n]}\n", f);
}
