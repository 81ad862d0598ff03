/* strmap: a hash map from strings to numbers (indexes into the caller's
 * array), for sets of paths, ids and matching keys that grow to hundreds
 * of thousands.  Keys are copied.  Zero-initialise, then put and get;
 * release frees it. */
#ifndef FARLEY_STRMAP_H
#define FARLEY_STRMAP_H

#include <stddef.h>

struct farley_strmap_slot;
struct farley_strmap {
	struct farley_strmap_slot *s;
	size_t n, cap; /* cap is a power of two */
};

/* Map key to value; a key already there keeps its first value (0), or 1
 * when it was added. */
int farley_strmap_put(struct farley_strmap *m, const char *key, size_t value);
/* 1 and *value when key is there, else 0. */
int farley_strmap_get(const struct farley_strmap *m, const char *key,
		      size_t *value);
void farley_strmap_release(struct farley_strmap *m);

#endif
