/* pack.h: many blobs written as one git pack (private to lib/). */
#ifndef FARLEY_PACK_H
#define FARLEY_PACK_H

#include <stddef.h>

#include "farley/error.h"

struct farley_pack_obj {
	const char *data;
	size_t len;
	unsigned char id[20]; /* the blob's object id, computed by the caller */
};

/* Write objs (blobs) as objects/pack/pack-HASH.pack with its version 2
 * .idx, each fsynced and renamed into place, the .idx last.  Objects that
 * appear twice are written once.  The caller refreshes its object database
 * afterwards.  Returns 0, or -1 with err set and nothing left behind. */
int farley_pack_write(const char *objects_dir, const struct farley_pack_obj *objs,
		      size_t n, struct farley_error *err);

#endif
