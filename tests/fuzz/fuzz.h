/* fuzz.h: what every fuzz target shares.
 *
 * A target is one LLVMFuzzerTestOneInput() that calls the library
 * directly.  It is built twice: with clang and libFuzzer for `make fuzz`,
 * and with $(CC) plus replay.c for `make check`, which replays the corpus
 * and the crashers.  A broken promise that no sanitizer sees (a property)
 * is an abort(), so both builds report it as a crash. */
#ifndef FARLEY_FUZZ_H
#define FARLEY_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of data (the caller frees). */
static inline char *fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* A promise broken: say which, then crash so the fuzzer keeps the input. */
#define FUZZ_ASSERT(cond)                                                     \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "%s:%d: property failed: %s\n",       \
				__FILE__, __LINE__, #cond);                   \
			abort();                                              \
		}                                                             \
	} while (0)

#endif
