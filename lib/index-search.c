/* index-search.c: full-text search.
 *
 * Owns the folding of text for the FTS5 table (a zero-width space around
 * each character of a script written without spaces, so it is a token of
 * its own), the same folding of what the user typed into a safe FTS5 query,
 * and the search itself: bm25 ranking, then snippets for the hits kept. */
#include "index-private.h"
#include "farley/ids.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* Text for the full-text index ---------------------------------------- */

static int unspaced_script(uint32_t cp)
{
	return (cp >= 0x0E00 && cp <= 0x0EFF) ||   /* Thai, Lao */
	       (cp >= 0x1000 && cp <= 0x109F) ||   /* Myanmar */
	       (cp >= 0x1780 && cp <= 0x17FF) ||   /* Khmer */
	       (cp >= 0x2E80 && cp <= 0x9FFF) ||   /* CJK, kana */
	       (cp >= 0xAC00 && cp <= 0xD7AF) ||   /* Hangul */
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
	       (cp >= 0x20000 && cp <= 0x3FFFF);
}

static int combining(uint32_t cp)
{
	return (cp >= 0x0300 && cp <= 0x036F) || cp == 0x0E31 ||
	       (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E) ||
	       cp == 0x0EB1 || (cp >= 0x0EB4 && cp <= 0x0EBC) ||
	       (cp >= 0x0EC8 && cp <= 0x0ECD);
}

/* Letters that are not a base letter plus a diacritic, so FTS5's
 * remove_diacritics does not fold them, spelt as people type them without
 * the letter: Groß ~ gross, Ærø ~ aero, Łódź ~ lodz. */
static const char *spelt_out(uint32_t cp)
{
	switch (cp) {
	case 0xDF: return "ss";                 /* ß */
	case 0x1E9E: return "SS";               /* ẞ */
	case 0xC6: return "AE"; case 0xE6: return "ae";
	case 0xD8: return "O"; case 0xF8: return "o";
	case 0x152: return "OE"; case 0x153: return "oe";
	case 0x141: return "L"; case 0x142: return "l";
	case 0x110: return "D"; case 0x111: return "d";
	case 0xDE: return "TH"; case 0xFE: return "th";
	case 0xD0: return "D"; case 0xF0: return "d";
	case 0x132: return "IJ"; case 0x133: return "ij";
	case 0x131: return "i";                 /* dotless i */
	default: return NULL;
	}
}

void farley_idx_fts_text(struct strbuf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	int prev_unspaced = 0;
	while (n) {
		uint32_t cp;
		int len = farley_utf8_decode(p, n, &cp);
		if (!len)
			len = 1, cp = '?';
		if (unspaced_script(cp) && !combining(cp)) {
			strbuf_addstr(out, ZWSP);
			prev_unspaced = 1;
		} else if (prev_unspaced && !combining(cp)) {
			strbuf_addstr(out, ZWSP);
			prev_unspaced = 0;
		}
		if (spelt_out(cp))
			strbuf_addstr(out, spelt_out(cp));
		else
			strbuf_add(out, p, (size_t)len);
		p += len;
		n -= (size_t)len;
	}
}

/* Search ------------------------------------------------------------------- */

/* Turn what the user typed into an FTS5 query: each word quoted (so no
 * character of it is FTS syntax), a trailing * kept as a prefix search,
 * "several words" kept as a phrase, words in unspaced scripts split into
 * a phrase of their characters. */
static int fts_query(struct strbuf *out, const char *text)
{
	const char *p = text;
	int words = 0;
	while (*p) {
		struct strbuf w = STRBUF_INIT, t = STRBUF_INIT;
		int phrase = 0, prefix = 0;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (*p == '"') {
			p++;
			while (*p && *p != '"')
				strbuf_addch(&w, *p++);
			if (*p)
				p++;
			phrase = 1;
		} else {
			while (*p && *p != ' ' && *p != '\t')
				strbuf_addch(&w, *p++);
		}
		if (!phrase && w.len > 1 && w.buf[w.len - 1] == '*') {
			prefix = 1;
			strbuf_setlen(&w, w.len - 1);
		}
		farley_idx_fts_text(&t, w.buf);
		if (t.len) {
			if (words++)
				strbuf_addstr(out, " AND ");
			strbuf_addch(out, '"');
			for (size_t i = 0; i < t.len; i++) {
				if (t.buf[i] == '"')
					strbuf_addch(out, '"');
				strbuf_addch(out, t.buf[i]);
			}
			strbuf_addch(out, '"');
			if (prefix)
				strbuf_addch(out, '*');
		}
		strbuf_release(&w);
		strbuf_release(&t);
	}
	return words;
}

/* The snippet without the zero-width spaces the index added. */
static char *clean_snippet(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	for (; *s; s++) {
		if (!strncmp(s, ZWSP, 3)) {
			s += 2;
			continue;
		}
		strbuf_addch(&sb, *s);
	}
	return strbuf_detach(&sb, NULL);
}

int farley_index_search(struct farley_index *idx, const char *text,
			enum farley_kind kind, long limit,
			struct farley_hit **hits, size_t *n,
			struct farley_error *err)
{
	struct strbuf q = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc, ret = 0;
	*hits = NULL;
	*n = 0;
	if (!fts_query(&q, text)) {
		strbuf_release(&q);
		return farley_error_set(err, FARLEY_EUSAGE, "nothing to search for");
	}
	/* bm25: a match in a name, title or summary counts ten times one in a
	 * body; SQLite's bm25 is lower for better matches.  Snippets are made
	 * afterwards for the hits kept, not for every match. */
	if (sqlite3_prepare_v2(
		    idx->db,
		    "SELECT r.rid, -bm25(fts, 10.0, 3.0, 1.0) AS score"
		    " FROM fts JOIN records r ON r.rid = fts.rowid"
		    " WHERE fts MATCH :match AND r.valid = 1"
		    " AND (:kind < 0 OR r.kind = :kind)"
		    " ORDER BY bm25(fts, 10.0, 3.0, 1.0), r.id LIMIT :limit",
		    -1, &st, NULL) != SQLITE_OK) {
		strbuf_release(&q);
		return farley_idx_dberr(idx, err, "search");
	}
	farley_idx_bind_text(st, ":match", q.buf);
	farley_idx_bind_int(st, ":kind", kind);
	farley_idx_bind_int(st, ":limit", limit > 0 ? limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct farley_hit *h;
		ALLOC_GROW(*hits, *n + 1, alloc);
		h = &(*hits)[(*n)++];
		h->rid = sqlite3_column_int64(st, 0);
		h->score = sqlite3_column_double(st, 1);
		h->snippet = NULL;
	}
	if (rc != SQLITE_DONE)
		ret = farley_error_set(err, FARLEY_EFAIL, "search: %s",
				       sqlite3_errmsg(idx->db));
	sqlite3_finalize(st);
	st = NULL;
	if (!ret && *n &&
	    sqlite3_prepare_v2(idx->db,
			       "SELECT snippet(fts, -1, char(1), char(2), '…', 12)"
			       " FROM fts WHERE fts MATCH :match AND rowid = :rid",
			       -1, &st, NULL) == SQLITE_OK) {
		for (size_t i = 0; i < *n; i++) {
			sqlite3_reset(st);
			farley_idx_bind_text(st, ":match", q.buf);
			farley_idx_bind_int(st, ":rid", (*hits)[i].rid);
			(*hits)[i].snippet = clean_snippet(
				sqlite3_step(st) == SQLITE_ROW
					? (const char *)sqlite3_column_text(st, 0)
					: "");
		}
	}
	for (size_t i = 0; i < *n; i++)
		if (!(*hits)[i].snippet)
			(*hits)[i].snippet = xstrdup("");
	sqlite3_finalize(st);
	strbuf_release(&q);
	return ret;
}

void farley_hits_free(struct farley_hit *hits, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(hits[i].snippet);
	free(hits);
}

