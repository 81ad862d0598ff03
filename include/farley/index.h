/* index: the SQLite cache of the record files, at <git dir>/farley/index.db.
 *
 * The files in git are the truth; the index can be deleted at any time and
 * the next command rebuilds it.  Before every read it is brought up to date
 * with HEAD by diffing the indexed commit's tree with HEAD's (cost
 * proportional to the change); farley's own uncommitted writes and, after
 * `farley index`, hand edits in the work tree are kept in an overlay.
 * A rebuild is written to index.db.tmp and swapped in as one transaction,
 * so readers never see a half-built index. */
#ifndef FARLEY_INDEX_H
#define FARLEY_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "farley/error.h"
#include "farley/record.h"
#include "farley/strbuf.h"

struct farley_repo;
struct farley_index;

/* Called now and then during long work: done of total records. */
typedef void (*farley_progress_fn)(size_t done, size_t total, void *data);

/* Open (creating or rebuilding when needed) and bring up to date. */
int farley_index_open(struct farley_index **out, struct farley_repo *repo,
		      farley_progress_fn progress, void *pdata,
		      struct farley_error *err);
void farley_index_close(struct farley_index *idx);

struct farley_index_stats {
	size_t records;   /* records in the index */
	size_t changed;   /* records re-read by this sync */
	int rebuilt;      /* a full rebuild happened */
};
/* Counting the records is a full scan: done only when asked for. */
const struct farley_index_stats *farley_index_stats(struct farley_index *idx);

/* Bring the index up to date with HEAD (and the overlay). */
int farley_index_sync(struct farley_index *idx, struct farley_error *err);
/* Rebuild from scratch (HEAD, then the work tree's uncommitted changes). */
int farley_index_rebuild(struct farley_index *idx, struct farley_error *err);
/* Read and parse every record of HEAD without indexing anything: the
 * floor a rebuild is measured against (for the benchmark). */
int farley_index_parse_all(struct farley_repo *repo, size_t *n,
			   struct farley_error *err);
/* Index uncommitted changes to record files in the work tree. */
int farley_index_scan_worktree(struct farley_index *idx, struct farley_error *err);
/* farley wrote these paths without committing: index the work tree's
 * versions now (the overlay). */
int farley_index_note_paths(struct farley_index *idx, const char *const *paths,
			    size_t n, struct farley_error *err);

/* The records whose id is prefix (then only those), or else starts with
 * it, of kind want (or any when FARLEY_NOKIND), in id order: at most max + 1,
 * so a caller can tell that there are more.  0, or -1 when the index cannot
 * be read.  Messages about them are lookup.h's to give. */
int farley_index_matches(struct farley_index *idx, const char *prefix,
			 enum farley_kind want, size_t max,
			 struct farley_match **out, size_t *n);
/* The rid of the valid record with exactly this id and kind: 0 or -1. */
int farley_index_rid(struct farley_index *idx, const char *id,
		     enum farley_kind kind, int64_t *rid);
/* Rebuild a record from the index (fields, typed as in the file). */
int farley_index_record(struct farley_index *idx, int64_t rid,
			struct farley_record *out, struct farley_error *err);

/* Queries ------------------------------------------------------------ */

struct farley_query {
	enum farley_kind kind;    /* FARLEY_NOKIND: all kinds */
	const char *const *terms; /* positional FILTERs, ANDed */
	size_t nterms;
	const char *where;        /* --where EXPR, or NULL */
	const char *sort;         /* "close,-value", or NULL */
	long limit;               /* <= 0: no limit */
};

/* The rids of matching valid records, in order.  Syntax errors in a filter
 * are FARLEY_EUSAGE with the offending column in the message. */
/* One consistent view for a reader that selects records and then loads
 * them, while other processes write: a read transaction (WAL snapshot)
 * from begin to end.  Nests; no writes in between. */
int farley_index_read_begin(struct farley_index *idx, struct farley_error *err);
void farley_index_read_end(struct farley_index *idx);
int farley_index_select(struct farley_index *idx, const struct farley_query *q,
			int64_t **rids, size_t *n, struct farley_error *err);
/* Records that could not be read (shown by farley check). */
size_t farley_index_invalid(struct farley_index *idx, enum farley_kind kind);

struct farley_hit {
	int64_t rid;
	double score;   /* higher is better */
	char *snippet;  /* with \x01 ... \x02 around matches */
};
/* Full-text search, best first. */
int farley_index_search(struct farley_index *idx, const char *text,
			enum farley_kind kind, long limit, struct farley_hit **hits,
			size_t *n, struct farley_error *err);
void farley_hits_free(struct farley_hit *hits, size_t n);

/* Every value of the fields keys (list items one by one) of the valid
 * records of kind: fn(id, path, key, text, data) for each; a non-zero
 * return from fn stops and is returned.  For matching imports. */
typedef int (*farley_field_value_fn)(const char *id, const char *path,
				     const char *key, const char *text,
				     void *data);
int farley_index_field_values(struct farley_index *idx, enum farley_kind kind,
			      const char *const *keys, farley_field_value_fn fn,
			      void *data, struct farley_error *err);

/* Linked records: rids of records of kind whose field refers to id. */
int farley_index_referrers(struct farley_index *idx, const char *id,
			   enum farley_kind kind, const char *field,
			   int64_t **rids, size_t *n, struct farley_error *err);

#endif
