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
    rw_json_string(f, r->severity);
    fputs(", \"message\": ", f);
    rw_json_string(f, r->message);
    if (r->flag) {
        fputs(", \"flag\": ", f);
        rw_json_string(f, r->flag);
    }
    fputs(", \"file\": ", f);
    rw_json_string(f, r->file);
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
        rw_json_string(f, r->fixits[k].text);
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
