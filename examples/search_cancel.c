/*
 * search_cancel.c - the first solution of a search, with mploop_cancel.
 *
 * Looks for a nonce that, hashed with a message, gives a hash whose top
 * BITS bits are zero (a small proof of work): about one nonce in 2^BITS
 * is a solution, and nothing tells where.  The workers try nonces in
 * chunks (schedule(dynamic)); the first to find a solution cancels the
 * loop: no chunk is handed out any more, the iterations already running
 * finish, and the program goes on with what the workers found, long before
 * the LIMIT nonces are tried.  Several workers may find a solution at the
 * same time, so each keeps the smallest it found in a min reduction rather
 * than in a variable they would all write (that would be a race).
 *
 * The Python multiprocessing idiom it mirrors:
 *
 *     def check(nonce):
 *         return nonce if top_bits_zero(h(MESSAGE, nonce), BITS) else None
 *
 *     with Pool() as pool:
 *         for found in pool.imap_unordered(check, range(LIMIT), chunksize=4096):
 *             if found is not None:
 *                 pool.terminate()        # stop the other workers
 *                 break
 *
 * The same search in-process (if(0)) tries the nonces in order and finds
 * the lowest solution; the workers' may be another one.
 *
 * Build: mploop-cc -O2 search_cancel.c -o search_cancel; run:
 * ./search_cancel [BITS] (MPLOOP_WORKERS=N chooses the number of workers).
 */
#include <mploop.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define MESSAGE "mploop: the first solution wins"
#define LIMIT (UINT64_C(1) << 40)

/* A 64-bit hash of the message (FNV-1a). */
static uint64_t message_hash(const char *s)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
    return h;
}

/* The hash of the message's hash m with a nonce (splitmix64's mixer). */
static uint64_t hash(uint64_t m, uint64_t nonce)
{
    uint64_t z = m + nonce * UINT64_C(0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* Is nonce a solution: are the top `bits` bits of its hash zero? */
static int solves(uint64_t m, uint64_t nonce, int bits)
{
    return hash(m, nonce) >> (64 - bits) == 0;
}

/* Search the nonces below LIMIT for a solution, on workers (parallel) or
 * in order in-process; *tried gets how many nonces were tried.  Returns
 * the smallest solution found, or LIMIT. */
static uint64_t search(uint64_t m, int bits, int parallel, uint64_t *tried)
{
    uint64_t best = LIMIT, count = 0;
#pragma mploop for schedule(dynamic, 4096) reduction(min: best) reduction(+: count) if(parallel)
    for (uint64_t nonce = 0; nonce < LIMIT; nonce++) {
        count++;
        if (solves(m, nonce, bits)) {
            if (nonce < best)
                best = nonce;
            mploop_cancel();
        }
    }
    *tried = count;
    return best;
}

int main(int argc, char **argv)
{
    int bits = argc > 1 ? atoi(argv[1]) : 22;
    if (bits < 1 || bits > 32) {
        fprintf(stderr, "usage: search_cancel [BITS], BITS from 1 to 32\n");
        return 2;
    }
    uint64_t m = message_hash(MESSAGE), tried;

    uint64_t nonce = search(m, bits, 1, &tried);
    int cancelled = mploop_cancelled();
    printf("workers found nonce %llu: hash %016llx\n", (unsigned long long)nonce,
           (unsigned long long)hash(m, nonce));
    printf("top %d bits zero: %s\n", bits, nonce < LIMIT && solves(m, nonce, bits) ? "yes" : "no");
    printf("loop cancelled: %s, after %llu nonces (a fraction %.2g of the range)\n",
           cancelled ? "yes" : "no", (unsigned long long)tried, (double)tried / (double)LIMIT);

    uint64_t lowest = search(m, bits, 0, &tried);
    printf("in order, in-process: lowest solution %llu, after %llu nonces\n",
           (unsigned long long)lowest, (unsigned long long)tried);
    return nonce < LIMIT && solves(m, nonce, bits) && lowest <= nonce ? 0 : 1;
}
