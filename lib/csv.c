/* csv.c: the streaming CSV reader (see include/farley/csv.h).
 *
 * Three buffers, each bounded: raw bytes as read (one block, plus the tail
 * of a character split across blocks), their text in UTF-8 (refilled only
 * when the parser has used it all), and the record being parsed. */
#include "farley/csv.h"
#include "farley/ids.h"
#include "farley/strbuf.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define RAW_BLOCK 65536
#define RAW_TAIL 8 /* room for a character split across two blocks */

enum encoding { ENC_UNDECIDED, ENC_UTF8, ENC_CP1252, ENC_ICONV };

enum pstate { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED };

struct farley_csv {
	farley_csv_read_fn read;
	void *data;
	char *name;
	enum encoding enc;
	iconv_t cd;
	char *enc_name;
	unsigned char raw[RAW_BLOCK + RAW_TAIL];
	size_t raw_len;
	int raw_eof;
	size_t bytes;
	struct strbuf text; /* decoded, text_pos is the parser's place */
	size_t text_pos;
	int bom_checked;
	int sep;
	size_t line;   /* the line the parser is on */
	int skip_lf;   /* the last character was a CR */
	size_t rec_line;
	struct strbuf rec; /* the current record's fields, NUL-separated */
	size_t *offs;
	size_t nf, aoffs;
	const char **fields;
	size_t afields;
	size_t max_record;
};

/* Windows-1252's 0x80..0x9F; the five bytes it leaves undefined read as
 * the C1 controls, as Windows itself reads them. */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static void add_utf8(struct strbuf *sb, unsigned cp)
{
	char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	}
	strbuf_add(sb, b, n);
}

static int is_utf8_name(const char *s)
{
	return !strcasecmp(s, "utf-8") || !strcasecmp(s, "utf8");
}

static int is_cp1252_name(const char *s)
{
	return !strcasecmp(s, "windows-1252") || !strcasecmp(s, "cp1252");
}

int farley_csv_encoding_known(const char *name)
{
	iconv_t cd;
	if (is_utf8_name(name) || is_cp1252_name(name))
		return 1;
	cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1)
		return 0;
	iconv_close(cd);
	return 1;
}

static void set_encoding(struct farley_csv *c, enum encoding enc, const char *name)
{
	c->enc = enc;
	free(c->enc_name);
	c->enc_name = xstrdup(name);
}

/* The line of the first raw byte not decoded, for a message: the parser's
 * line plus the line ends in the text decoded before it. */
static size_t line_at(const struct farley_csv *c)
{
	size_t line = c->line;
	for (size_t i = c->text_pos; i < c->text.len; i++)
		line += c->text.buf[i] == '\n';
	return line;
}

static int bad_text(struct farley_csv *c, size_t off, struct farley_error *err)
{
	return farley_error_set(err, FARLEY_EINVAL,
				"%s:%zu: byte 0x%02X is not valid %s (give the file's "
				"character set with --encoding)",
				c->name, line_at(c), c->raw[off], c->enc_name);
}

/* Length of the valid UTF-8 prefix of s; *bad says whether what stops it
 * is an invalid sequence (rather than one cut off at the end). */
static size_t utf8_prefix(const unsigned char *s, size_t n, int *bad)
{
	size_t i = 0;
	*bad = 0;
	while (i < n) {
		uint32_t cp;
		int len;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		len = farley_utf8_decode(s + i, n - i, &cp);
		if (len > 0) {
			i += (size_t)len;
			continue;
		}
		/* cut off at the end, or wrong? */
		{
			size_t want = s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : 2;
			int cut = n - i < want && s[i] >= 0xC2 && s[i] <= 0xF4;
			for (size_t j = i + 1; cut && j < n; j++)
				cut = (s[j] & 0xC0) == 0x80;
			*bad = !cut;
		}
		break;
	}
	return i;
}

/* Turn the raw bytes into text; what is left of a split character stays
 * in raw for the next block. */
static int decode(struct farley_csv *c, struct farley_error *err)
{
	size_t used = 0;
	int bad;
	if (c->enc == ENC_UNDECIDED) {
		while (used < c->raw_len && c->raw[used] < 0x80)
			used++;
		strbuf_add(&c->text, c->raw, used);
		if (used < c->raw_len) {
			/* the first non-ASCII character decides; one cut off by
			 * the end of the block waits for the next */
			size_t ok = utf8_prefix(c->raw + used, c->raw_len - used, &bad);
			if (!bad && !ok && !c->raw_eof)
				goto keep;
			if (!bad && ok)
				set_encoding(c, ENC_UTF8, "UTF-8");
			else
				set_encoding(c, ENC_CP1252, "WINDOWS-1252");
		}
	}
	if (c->enc == ENC_UTF8) {
		size_t ok = utf8_prefix(c->raw + used, c->raw_len - used, &bad);
		strbuf_add(&c->text, c->raw + used, ok);
		used += ok;
		if (bad || (used < c->raw_len && c->raw_eof))
			return bad_text(c, used, err);
	} else if (c->enc == ENC_CP1252) {
		for (; used < c->raw_len; used++) {
			unsigned char b = c->raw[used];
			if (b < 0x80)
				strbuf_addch(&c->text, b);
			else if (b < 0xA0)
				add_utf8(&c->text, cp1252_high[b - 0x80]);
			else
				add_utf8(&c->text, b);
		}
	} else if (c->enc == ENC_ICONV) {
		char *in = (char *)c->raw + used, *out;
		size_t inleft = c->raw_len - used, outleft, r;
		strbuf_grow(&c->text, inleft * 4 + 16);
		out = c->text.buf + c->text.len;
		outleft = inleft * 4 + 16;
		r = iconv(c->cd, &in, &inleft, &out, &outleft);
		strbuf_setlen(&c->text, (size_t)(out - c->text.buf));
		used = c->raw_len - inleft;
		if (r == (size_t)-1 && (errno == EILSEQ ||
					(errno == EINVAL && c->raw_eof)))
			return bad_text(c, used, err);
	}
keep:
	memmove(c->raw, c->raw + used, c->raw_len - used);
	c->raw_len -= used;
	return 0;
}

static int read_raw(struct farley_csv *c, struct farley_error *err)
{
	ssize_t n;
	if (c->raw_eof || c->raw_len >= RAW_BLOCK)
		return 0;
	do
		n = c->read(c->data, (char *)c->raw + c->raw_len,
			    RAW_BLOCK - c->raw_len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return farley_error_errno(err, FARLEY_EIO, "cannot read '%s'", c->name);
	if (!n)
		c->raw_eof = 1;
	c->raw_len += (size_t)n;
	c->bytes += (size_t)n;
	return 0;
}

/* More text for the parser (only called when it has used all there was):
 * 1, or 0 at the end of the input. */
static int fill(struct farley_csv *c, struct farley_error *err)
{
	int ret;
	strbuf_reset(&c->text);
	c->text_pos = 0;
	while (!c->text.len) {
		if (c->raw_eof && !c->raw_len)
			return 0;
		if ((ret = read_raw(c, err)) || (ret = decode(c, err)))
			return ret;
		if (c->raw_eof && !c->text.len && c->raw_len)
			return bad_text(c, 0, err);
	}
	if (!c->bom_checked) {
		c->bom_checked = 1;
		if (c->text.len >= 3 && !memcmp(c->text.buf, "\xEF\xBB\xBF", 3))
			c->text_pos = 3;
	}
	return 1;
}

/* Which encoding the first bytes say, when none was given. */
static void sniff(struct farley_csv *c)
{
	const unsigned char *r = c->raw;
	size_t n = c->raw_len, zeros[2] = { 0, 0 }, pairs;
	if (n >= 3 && r[0] == 0xEF && r[1] == 0xBB && r[2] == 0xBF) {
		set_encoding(c, ENC_UTF8, "UTF-8");
		return;
	}
	if (n >= 4 && r[0] == 0xFF && r[1] == 0xFE && !r[2] && !r[3]) {
		set_encoding(c, ENC_ICONV, "UTF-32LE");
		return;
	}
	if (n >= 4 && !r[0] && !r[1] && r[2] == 0xFE && r[3] == 0xFF) {
		set_encoding(c, ENC_ICONV, "UTF-32BE");
		return;
	}
	if (n >= 2 && r[0] == 0xFF && r[1] == 0xFE) {
		set_encoding(c, ENC_ICONV, "UTF-16LE");
		return;
	}
	if (n >= 2 && r[0] == 0xFE && r[1] == 0xFF) {
		set_encoding(c, ENC_ICONV, "UTF-16BE");
		return;
	}
	/* UTF-16 without a BOM: ASCII text has a zero in every other byte */
	pairs = (n < 1024 ? n : 1024) / 2;
	for (size_t i = 0; i < pairs * 2; i++)
		zeros[i & 1] += !r[i];
	if (pairs >= 2 && zeros[1] * 10 >= pairs * 8 && !zeros[0])
		set_encoding(c, ENC_ICONV, "UTF-16LE");
	else if (pairs >= 2 && zeros[0] * 10 >= pairs * 8 && !zeros[1])
		set_encoding(c, ENC_ICONV, "UTF-16BE");
}

/* The separator: the most frequent of , ; TAB outside quotes in the first
 * line that has one of them. */
static int detect_sep(const char *s, size_t n)
{
	size_t count[3] = { 0, 0, 0 };
	int quoted = 0;
	for (size_t i = 0; i <= n; i++) {
		char ch = i < n ? s[i] : '\n';
		if (ch == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (ch == ',')
			count[0]++;
		else if (ch == ';')
			count[1]++;
		else if (ch == '\t')
			count[2]++;
		else if ((ch == '\n' || ch == '\r') &&
			 (count[0] || count[1] || count[2]))
			break;
	}
	if (count[1] > count[0] && count[1] >= count[2])
		return ';';
	if (count[2] > count[0] && count[2] > count[1])
		return '\t';
	return ',';
}

int farley_csv_open(struct farley_csv **out, farley_csv_read_fn read,
		    void *data, const struct farley_csv_opts *opts,
		    struct farley_error *err)
{
	struct farley_csv *c = xcalloc(1, sizeof(*c));
	const char *enc = opts ? opts->encoding : NULL;
	int ret = 0;

	c->read = read;
	c->data = data;
	c->name = xstrdup(opts && opts->name ? opts->name : "(input)");
	c->cd = (iconv_t)-1;
	c->line = 1;
	c->sep = opts ? opts->sep : 0;
	c->max_record = opts && opts->max_record ? opts->max_record : 1 << 20;
	strbuf_init(&c->text, RAW_BLOCK + 16);
	strbuf_init(&c->rec, 256);
	set_encoding(c, ENC_UNDECIDED, "UTF-8");
	if (enc && is_utf8_name(enc)) {
		set_encoding(c, ENC_UTF8, "UTF-8");
	} else if (enc && is_cp1252_name(enc)) {
		set_encoding(c, ENC_CP1252, "WINDOWS-1252");
	} else if (enc) {
		if (!farley_csv_encoding_known(enc)) {
			ret = farley_error_set(err, FARLEY_EUSAGE,
					       "unknown encoding '%s' (try utf-8, "
					       "utf-16, windows-1252, latin1)",
					       enc);
			goto out;
		}
		set_encoding(c, ENC_ICONV, enc);
	}
	/* a whole first block (or all there is): the BOM, the character set
	 * and the separator are seen in it */
	while (!c->raw_eof && c->raw_len < RAW_BLOCK && !(ret = read_raw(c, err)))
		;
	if (!ret && !enc)
		sniff(c);
	if (!ret && c->enc == ENC_ICONV)
		c->cd = iconv_open("UTF-8", c->enc_name);
	if (!ret && (ret = fill(c, err)) > 0)
		ret = 0;
	if (!ret && !c->sep)
		c->sep = detect_sep(c->text.buf + c->text_pos,
				    c->text.len - c->text_pos);
out:
	if (ret) {
		farley_csv_free(c);
		return ret;
	}
	*out = c;
	return 0;
}

void farley_csv_free(struct farley_csv *c)
{
	if (!c)
		return;
	if (c->cd != (iconv_t)-1)
		iconv_close(c->cd);
	free(c->name);
	free(c->enc_name);
	strbuf_release(&c->text);
	strbuf_release(&c->rec);
	free(c->offs);
	free(c->fields);
	free(c);
}

/* Records ------------------------------------------------------------------ */

static void end_field(struct farley_csv *c)
{
	ALLOC_GROW(c->offs, c->nf + 1, c->aoffs);
	strbuf_addch(&c->rec, '\0');
	c->offs[c->nf++] = c->rec.len;
}

int farley_csv_next(struct farley_csv *c, struct farley_error *err)
{
	enum pstate st = FIELD_START;
	size_t quote_line = 0;
	int ret;

	strbuf_reset(&c->rec);
	c->nf = 0;
	c->rec_line = c->line;
	for (;;) {
		unsigned char ch;
		if (c->text_pos == c->text.len) {
			if ((ret = fill(c, err)) < 0)
				return ret;
			if (!ret)
				break;
		}
		ch = (unsigned char)c->text.buf[c->text_pos++];
		if (ch == '\n' && c->skip_lf) {
			/* the LF of a CRLF: the CR ended the line already */
			c->skip_lf = 0;
			continue;
		}
		c->skip_lf = ch == '\r';
		if (!ch)
			return farley_error_set(err, FARLEY_EINVAL,
						"%s:%zu: NUL byte in the text (give "
						"the file's character set with "
						"--encoding)",
						c->name, c->line);
		if (ch == '\n' || ch == '\r') {
			c->line++;
			if (st == QUOTED) {
				strbuf_addch(&c->rec, '\n');
				goto check;
			}
			if (st == FIELD_START && !c->nf) {
				/* a blank line */
				c->rec_line = c->line;
				continue;
			}
			end_field(c);
			goto done;
		}
		switch (st) {
		case FIELD_START:
			if (ch == '"') {
				st = QUOTED;
				quote_line = c->line;
			} else if (ch == c->sep) {
				end_field(c);
			} else {
				strbuf_addch(&c->rec, ch);
				st = UNQUOTED;
			}
			break;
		case UNQUOTED:
			if (ch == c->sep) {
				end_field(c);
				st = FIELD_START;
			} else {
				strbuf_addch(&c->rec, ch);
			}
			break;
		case QUOTED:
			if (ch == '"')
				st = QUOTE_IN_QUOTED;
			else
				strbuf_addch(&c->rec, ch);
			break;
		case QUOTE_IN_QUOTED:
			if (ch == '"') {
				strbuf_addch(&c->rec, '"');
				st = QUOTED;
			} else if (ch == c->sep) {
				end_field(c);
				st = FIELD_START;
			} else {
				/* text after the closing quote: keep it */
				strbuf_addch(&c->rec, ch);
				st = UNQUOTED;
			}
			break;
		}
	check:
		if (c->rec.len > c->max_record)
			return farley_error_set(err, FARLEY_EINVAL,
						"%s:%zu: record longer than %zu bytes "
						"(a quote that is never closed?)",
						c->name, c->rec_line, c->max_record);
	}
	/* the end of the input */
	if (st == QUOTED)
		return farley_error_set(err, FARLEY_EINVAL,
					"%s:%zu: the quote opened on line %zu is never "
					"closed",
					c->name, c->rec_line, quote_line);
	if (st == FIELD_START && !c->nf)
		return 0;
	end_field(c);
done:
	ALLOC_GROW(c->fields, c->nf + 1, c->afields);
	for (size_t i = 0; i < c->nf; i++)
		c->fields[i] = c->rec.buf + (i ? c->offs[i - 1] : 0);
	c->fields[c->nf] = NULL;
	return 1;
}

const char *const *farley_csv_fields(const struct farley_csv *c, size_t *n)
{
	*n = c->nf;
	return c->fields;
}

size_t farley_csv_line(const struct farley_csv *c)
{
	return c->rec_line;
}

size_t farley_csv_bytes(const struct farley_csv *c)
{
	return c->bytes;
}

int farley_csv_sep(const struct farley_csv *c)
{
	return c->sep;
}

const char *farley_csv_encoding(const struct farley_csv *c)
{
	return c->enc_name;
}
