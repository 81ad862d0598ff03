/* pack.c: many blobs written as one git pack and its index.
 *
 * An import of 50,000 records would otherwise create 50,000 loose objects,
 * each a file (and on some file systems each new inode is slow to find).
 * One pack is two files.  The format is git's (Documentation/gitformat-pack):
 *
 *   pack: "PACK", version 2, object count; per object a type-and-size
 *         header and its zlib stream; the SHA-1 of all that.
 *   idx:  "\377tOc", version 2, a 256-entry fan-out table, the sorted ids,
 *         the CRC-32 of each object's packed bytes, 31-bit offsets (past
 *         2 GiB an index into a table of 64-bit ones), the pack's SHA-1,
 *         the SHA-1 of the idx itself.
 *
 * Objects are stored whole (no deltas): git gc repacks them later. */
#include "pack.h"
#include "farley/strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/sha1.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define OBJ_BLOB 3

struct out {
	int fd;
	struct sha1_ctx sha;
	unsigned char buf[1 << 16];
	size_t used;
	uint64_t written; /* bytes through out_add so far */
	int failed;
};

static void out_flush(struct out *o)
{
	size_t off = 0;
	while (off < o->used && !o->failed) {
		ssize_t n = write(o->fd, o->buf + off, o->used - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			o->failed = 1;
		else
			off += (size_t)n;
	}
	o->used = 0;
}

/* Bytes into the file and into its running SHA-1. */
static void out_add(struct out *o, const void *data, size_t len)
{
	const unsigned char *p = data;
	sha1_update(&o->sha, len, p);
	o->written += len;
	while (len) {
		size_t room = sizeof(o->buf) - o->used;
		size_t k = len < room ? len : room;
		memcpy(o->buf + o->used, p, k);
		o->used += k;
		p += k;
		len -= k;
		if (o->used == sizeof(o->buf))
			out_flush(o);
	}
}

static void out_be32(struct out *o, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
			       (unsigned char)(v >> 8), (unsigned char)v };
	out_add(o, b, 4);
}

/* The digest so far, appended (not hashed), then everything to disk. */
static int out_finish(struct out *o, unsigned char digest[20])
{
	sha1_digest(&o->sha, 20, digest);
	if (o->used + 20 > sizeof(o->buf))
		out_flush(o);
	memcpy(o->buf + o->used, digest, 20);
	o->used += 20;
	out_flush(o);
	return o->failed || fsync(o->fd) ? -1 : 0;
}

static const struct farley_pack_obj *sort_base;

static int by_id(const void *a, const void *b)
{
	return memcmp(sort_base[*(const size_t *)a].id, sort_base[*(const size_t *)b].id, 20);
}

static void hex(char *dst, const unsigned char id[20])
{
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < 20; i++) {
		dst[2 * i] = digits[id[i] >> 4];
		dst[2 * i + 1] = digits[id[i] & 15];
	}
	dst[40] = '\0';
}

/* One object: its header, then its data deflated.  Returns its CRC-32. */
static uint32_t put_object(struct out *o, const struct farley_pack_obj *obj,
			   struct strbuf *z)
{
	unsigned char hdr[16];
	size_t h = 0, size = obj->len;
	uLongf zlen;
	uint32_t crc;
	hdr[h] = (unsigned char)((OBJ_BLOB << 4) | (size & 15));
	size >>= 4;
	while (size) {
		hdr[h++] |= 0x80;
		hdr[h] = (unsigned char)(size & 0x7f);
		size >>= 7;
	}
	h++;
	zlen = compressBound((uLong)obj->len);
	strbuf_grow(z, (size_t)zlen);
	if (compress2((Bytef *)z->buf, &zlen, (const Bytef *)obj->data, (uLong)obj->len,
		      Z_BEST_SPEED) != Z_OK) {
		o->failed = 1;
		return 0;
	}
	crc = (uint32_t)crc32(0, hdr, (uInt)h);
	crc = (uint32_t)crc32(crc, (const Bytef *)z->buf, (uInt)zlen);
	out_add(o, hdr, h);
	out_add(o, z->buf, (size_t)zlen);
	return crc;
}

static int open_tmp(struct strbuf *path, const char *packdir, const char *what)
{
	strbuf_reset(path);
	strbuf_addf(path, "%s/tmp_farley_%s_%ld", packdir, what, (long)getpid());
	unlink(path->buf); /* our own pid's leftover */
	return open(path->buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0444);
}

int farley_pack_write(const char *objects_dir, const struct farley_pack_obj *objs,
		      size_t n, struct farley_error *err)
{
	struct strbuf packdir = STRBUF_INIT, tmp_pack = STRBUF_INIT, tmp_idx = STRBUF_INIT;
	struct strbuf name = STRBUF_INIT, z = STRBUF_INIT;
	struct out *o = calloc(1, sizeof(*o));
	size_t *order = calloc(n ? n : 1, sizeof(*order));
	uint64_t *offset = calloc(n ? n : 1, sizeof(*offset));
	uint32_t *crc = calloc(n ? n : 1, sizeof(*crc));
	unsigned char pack_sha[20], idx_sha[20];
	char hexname[41];
	size_t m = 0, large = 0;
	int ret = -1;

	if (!o || !order || !offset || !crc) {
		farley_error_set(err, FARLEY_EFAIL, "out of memory writing a pack");
		goto out;
	}
	o->fd = -1;
	strbuf_addf(&packdir, "%s/pack", objects_dir);
	if (mkdir(packdir.buf, 0777) && errno != EEXIST) {
		farley_error_errno(err, FARLEY_EIO, "cannot create '%s'", packdir.buf);
		goto out;
	}

	/* each id once, in id order (the .idx's order; the pack's too) */
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	sort_base = objs;
	qsort(order, n, sizeof(*order), by_id);
	for (size_t i = 0; i < n; i++)
		if (!m || memcmp(objs[order[i]].id, objs[order[m - 1]].id, 20))
			order[m++] = order[i];

	/* the pack */
	o->fd = open_tmp(&tmp_pack, packdir.buf, "pack");
	if (o->fd < 0) {
		farley_error_errno(err, FARLEY_EIO, "cannot create a pack in '%s'", packdir.buf);
		goto out;
	}
	sha1_init(&o->sha);
	out_add(o, "PACK", 4);
	out_be32(o, 2);
	out_be32(o, (uint32_t)m);
	for (size_t i = 0; i < m && !o->failed; i++) {
		offset[i] = o->written;
		crc[i] = put_object(o, &objs[order[i]], &z);
	}
	if (out_finish(o, pack_sha) || close(o->fd)) {
		o->fd = -1;
		farley_error_errno(err, FARLEY_EIO, "cannot write '%s'", tmp_pack.buf);
		goto out;
	}

	/* its index */
	memset(o, 0, sizeof(*o));
	o->fd = open_tmp(&tmp_idx, packdir.buf, "idx");
	if (o->fd < 0) {
		farley_error_errno(err, FARLEY_EIO, "cannot create a pack index in '%s'",
				   packdir.buf);
		goto out;
	}
	sha1_init(&o->sha);
	out_add(o, "\377tOc", 4);
	out_be32(o, 2);
	for (unsigned b = 0, k = 0; b < 256; b++) {
		while (k < m && objs[order[k]].id[0] <= b)
			k++;
		out_be32(o, k);
	}
	for (size_t i = 0; i < m; i++)
		out_add(o, objs[order[i]].id, 20);
	for (size_t i = 0; i < m; i++)
		out_be32(o, crc[i]);
	for (size_t i = 0; i < m; i++)
		out_be32(o, offset[i] < 0x80000000u ? (uint32_t)offset[i]
						    : (uint32_t)(0x80000000u | large++));
	for (size_t i = 0; i < m; i++)
		if (offset[i] >= 0x80000000u) {
			out_be32(o, (uint32_t)(offset[i] >> 32));
			out_be32(o, (uint32_t)offset[i]);
		}
	out_add(o, pack_sha, 20);
	if (out_finish(o, idx_sha) || close(o->fd)) {
		o->fd = -1;
		farley_error_errno(err, FARLEY_EIO, "cannot write '%s'", tmp_idx.buf);
		goto out;
	}
	o->fd = -1;

	/* into place: the pack first, since the .idx is what makes it seen */
	hex(hexname, pack_sha);
	strbuf_addf(&name, "%s/pack-%s.pack", packdir.buf, hexname);
	if (rename(tmp_pack.buf, name.buf)) {
		farley_error_errno(err, FARLEY_EIO, "cannot rename '%s'", tmp_pack.buf);
		goto out;
	}
	strbuf_reset(&name);
	strbuf_addf(&name, "%s/pack-%s.idx", packdir.buf, hexname);
	if (rename(tmp_idx.buf, name.buf)) {
		farley_error_errno(err, FARLEY_EIO, "cannot rename '%s'", tmp_idx.buf);
		strbuf_reset(&name);
		strbuf_addf(&name, "%s/pack-%s.pack", packdir.buf, hexname);
		unlink(name.buf);
		goto out;
	}
	ret = 0;
out:
	if (o && o->fd >= 0)
		close(o->fd);
	if (ret) {
		if (tmp_pack.len)
			unlink(tmp_pack.buf);
		if (tmp_idx.len)
			unlink(tmp_idx.buf);
	}
	free(o);
	free(order);
	free(offset);
	free(crc);
	strbuf_release(&packdir);
	strbuf_release(&tmp_pack);
	strbuf_release(&tmp_idx);
	strbuf_release(&name);
	strbuf_release(&z);
	return ret;
}
