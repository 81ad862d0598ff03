/* merge: the three-way, field-level merge of one record file.
 *
 * Fields changed on one side only are taken from that side; list fields
 * (tags, emails, contacts ...) merge as sets: ours, plus what theirs added,
 * minus what either side removed; a scalar changed to two different values
 * is a conflict, marked in the text around that one field only.  The
 * result keeps ours' formatting (a format-preserving edit of ours' text). */
#ifndef FARLEY_MERGE_H
#define FARLEY_MERGE_H

#include "farley/error.h"
#include "farley/record.h"
#include "farley/strbuf.h"

/* How the conflict markers read: "<<<<<<< ours" and ">>>>>>> theirs"
 * unless labels say otherwise (a rebase swaps the sides: the caller knows
 * who is who). */
struct farley_merge_labels {
	const char *ours;   /* after <<<<<<<, or NULL for "ours" */
	const char *theirs; /* after >>>>>>>, or NULL for "theirs" */
};

/* Merge the texts of base (may be empty: both sides added the file), ours
 * and theirs of the record at path.  out receives the merged text; returns
 * 0 when clean, 1 when there are conflicts (marked in out), or a negative
 * error when a side cannot be read as a record (then out is untouched).
 * labels may be NULL. */
int farley_merge_texts(const char *path, const struct strbuf *base,
		       const struct strbuf *ours, const struct strbuf *theirs,
		       int marker_size, const struct farley_merge_labels *labels,
		       struct strbuf *out, struct farley_error *err);

#endif
