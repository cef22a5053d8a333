/*
 * coder.h - the compress-like transform of the pipeline benchmark: an LZ77
 * byte coder (hash chains, one step of lazy matching), deterministic, a few
 * milliseconds per 64 KiB block on the project machine, whose output size
 * depends on the data.  Shared by every variant (C and the C++ one).
 */
#ifndef PIPEBENCH_CODER_H
#define PIPEBENCH_CODER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Most bytes coder_encode writes for n input bytes. */
size_t coder_bound(size_t n);

/* Encode in[0..n-1] into out (coder_bound(n) bytes); returns the encoded
 * size.  Reentrant: its tables live on the caller's stack (256 KiB). */
size_t coder_encode(const unsigned char *in, size_t n, unsigned char *out);

/* Decode in[0..n-1] into out (cap bytes); returns the decoded size, or -1
 * when the input is not a valid encoding or does not fit. */
long coder_decode(const unsigned char *in, size_t n, unsigned char *out, size_t cap);

#ifdef __cplusplus
}
#endif

#endif
