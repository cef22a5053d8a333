/*
 * coder.c - the LZ77 byte coder of the pipeline benchmark (see coder.h).
 *
 * The encoding is a run of sequences, each a token byte (literal count in
 * the high nibble, match length minus 4 in the low one; 15 means that more
 * length bytes follow, each adding up to 255), the literals, then a 16-bit
 * little-endian offset and the match's extra length bytes.  The last
 * sequence has literals only and ends the block.  Matches are found through
 * hash chains over a 64 KiB window, searching at most CHAIN candidates, with
 * one step of lazy matching (a longer match at the next byte wins).
 */
#include "coder.h"

#include <stdint.h>
#include <string.h>

#define HASH_BITS 15
#define MIN_MATCH 4
#define MAX_OFFSET 65535u
#define CHAIN 128

/* The match finder's tables: the last position + 1 of each hash, and for
 * each position (mod 64 Ki) the distance back to the previous one with the
 * same hash (0: none). */
struct chains {
    uint32_t head[1u << HASH_BITS];
    uint16_t prev[1u << 16];
};

/* Hash of the 4 bytes at p. */
static uint32_t hash4(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return (v * 2654435761u) >> (32 - HASH_BITS);
}

/* Record position pos (pos + 4 <= n) in the chains. */
static void insert(struct chains *c, const unsigned char *in, size_t pos)
{
    uint32_t h = hash4(in + pos);
    size_t last = c->head[h];
    size_t d = last ? pos - (last - 1) : 0;
    c->prev[pos & 0xffff] = d <= MAX_OFFSET ? (uint16_t)d : 0;
    c->head[h] = (uint32_t)(pos + 1);
}

/* The longest match for position pos among the recorded earlier positions:
 * its length (0 when below MIN_MATCH) and, in *off, its distance. */
static size_t longest(const struct chains *c, const unsigned char *in, size_t n, size_t pos,
                      size_t *off)
{
    size_t best = 0, last = c->head[hash4(in + pos)];
    if (!last)
        return 0;
    size_t cand = last - 1, max = n - pos;
    for (int k = 0; k < CHAIN && pos - cand <= MAX_OFFSET; k++) {
        if (in[cand + best] == in[pos + best]) {
            size_t len = 0;
            while (len < max && in[cand + len] == in[pos + len])
                len++;
            if (len > best) {
                best = len;
                *off = pos - cand;
                if (len == max)
                    break;
            }
        }
        uint16_t d = c->prev[cand & 0xffff];
        if (!d || d > cand)
            break;
        cand -= d;
    }
    return best >= MIN_MATCH ? best : 0;
}

/* Append a length's continuation bytes (len already minus the nibble's 15). */
static unsigned char *put_len(unsigned char *op, size_t len)
{
    while (len >= 255) {
        *op++ = 255;
        len -= 255;
    }
    *op++ = (unsigned char)len;
    return op;
}

/* Append one sequence: nlit literals from lit, then a match (len 0: none). */
static unsigned char *put_seq(unsigned char *op, const unsigned char *lit, size_t nlit,
                              size_t off, size_t len)
{
    size_t ml = len ? len - MIN_MATCH : 0;
    *op++ = (unsigned char)((nlit < 15 ? nlit : 15) << 4 | (ml < 15 ? ml : 15));
    if (nlit >= 15)
        op = put_len(op, nlit - 15);
    memcpy(op, lit, nlit);
    op += nlit;
    if (len) {
        *op++ = (unsigned char)(off & 0xff);
        *op++ = (unsigned char)(off >> 8);
        if (ml >= 15)
            op = put_len(op, ml - 15);
    }
    return op;
}

size_t coder_bound(size_t n)
{
    return n + n / 255 + 16;
}

size_t coder_encode(const unsigned char *in, size_t n, unsigned char *out)
{
    struct chains c;
    memset(c.head, 0, sizeof c.head);
    unsigned char *op = out;
    size_t ip = 0, anchor = 0;
    while (ip + MIN_MATCH <= n) {
        size_t off = 0, len = longest(&c, in, n, ip, &off);
        if (!len) {
            insert(&c, in, ip++);
            continue;
        }
        insert(&c, in, ip);
        if (ip + 1 + MIN_MATCH <= n) {
            size_t off2 = 0, len2 = longest(&c, in, n, ip + 1, &off2);
            if (len2 > len) {
                ip++;
                len = len2;
                off = off2;
                insert(&c, in, ip);
            }
        }
        op = put_seq(op, in + anchor, ip - anchor, off, len);
        for (size_t p = ip + 1; p < ip + len && p + MIN_MATCH <= n; p++)
            insert(&c, in, p);
        ip += len;
        anchor = ip;
    }
    op = put_seq(op, in + anchor, n - anchor, 0, 0);
    return (size_t)(op - out);
}

/* Read a length's continuation bytes into *len; 0, or -1 past the end. */
static int get_len(const unsigned char **ip, const unsigned char *end, size_t *len)
{
    unsigned char b;
    do {
        if (*ip >= end)
            return -1;
        b = *(*ip)++;
        *len += b;
    } while (b == 255);
    return 0;
}

long coder_decode(const unsigned char *in, size_t n, unsigned char *out, size_t cap)
{
    const unsigned char *ip = in, *end = in + n;
    size_t op = 0;
    while (ip < end) {
        unsigned tok = *ip++;
        size_t nlit = tok >> 4, ml = tok & 15;
        if (nlit == 15 && get_len(&ip, end, &nlit))
            return -1;
        if ((size_t)(end - ip) < nlit || cap - op < nlit)
            return -1;
        memcpy(out + op, ip, nlit);
        ip += nlit;
        op += nlit;
        if (ip == end)
            break;
        if (end - ip < 2)
            return -1;
        size_t off = ip[0] | (size_t)ip[1] << 8;
        ip += 2;
        if (ml == 15 && get_len(&ip, end, &ml))
            return -1;
        size_t len = ml + MIN_MATCH;
        if (!off || off > op || cap - op < len)
            return -1;
        for (size_t k = 0; k < len; k++, op++)
            out[op] = out[op - off];
    }
    return (long)op;
}
