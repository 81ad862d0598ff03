/* message.c: one parsed message to its line of JSON. */
#include "mbox.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* A header value or name as one clean line of UTF-8 (never NULL). */
static char *one_line(const char *s)
{
	GString *g = g_string_new(s ? s : "");
	text_one_line(g);
	return g_string_free(g, FALSE);
}

static void set_line(json_t *o, const char *key, const char *value)
{
	char *v = one_line(value);
	json_object_set_new(o, key, json_string(v));
	g_free(v);
}

/* Addresses -------------------------------------------------------------- */

static void add_addresses(json_t *list, InternetAddressList *al, int depth)
{
	int n = al ? internet_address_list_length(al) : 0;
	for (int i = 0; i < n; i++) {
		InternetAddress *ia = internet_address_list_get_address(al, i);
		if (INTERNET_ADDRESS_IS_GROUP(ia)) {
			if (depth < 4)
				add_addresses(list,
					      internet_address_group_get_members(
						      INTERNET_ADDRESS_GROUP(ia)),
					      depth + 1);
		} else if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
			char *email = one_line(internet_address_mailbox_get_addr(
				INTERNET_ADDRESS_MAILBOX(ia)));
			char *name = one_line(internet_address_get_name(ia));
			if (*email) {
				json_t *a = json_object();
				json_object_set_new(a, "name",
						    *name ? json_string(name) : json_null());
				json_object_set_new(a, "email", json_string(email));
				json_array_append_new(list, a);
			}
			g_free(email);
			g_free(name);
		}
	}
}

static json_t *addresses(InternetAddressList *al)
{
	json_t *list = json_array();
	add_addresses(list, al, 0);
	return list;
}

/* Dates ---------------------------------------------------------------------
 * RFC 3339 with the offset the date was written in.  A message without a
 * usable Date header gets the date of its first Received header that has
 * one (when it reached its last server), else the fallback (the mbox From_
 * line, or the time in a Maildir file name); without any it is skipped. */

static int format_date(GDateTime *dt, char *out, size_t size)
{
	GTimeSpan off = g_date_time_get_utc_offset(dt) / G_TIME_SPAN_MINUTE;
	int year = g_date_time_get_year(dt);
	if (year < 1 || year > 9999)
		return -1;
	if (off <= -24 * 60 || off >= 24 * 60) { /* farley knows no such offset */
		GDateTime *utc = g_date_time_to_utc(dt);
		int ret = format_date(utc, out, size);
		g_date_time_unref(utc);
		return ret;
	}
	if (!off)
		snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", year,
			 g_date_time_get_month(dt), g_date_time_get_day_of_month(dt),
			 g_date_time_get_hour(dt), g_date_time_get_minute(dt),
			 g_date_time_get_second(dt));
	else
		snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", year,
			 g_date_time_get_month(dt), g_date_time_get_day_of_month(dt),
			 g_date_time_get_hour(dt), g_date_time_get_minute(dt),
			 g_date_time_get_second(dt), off < 0 ? '-' : '+',
			 (int)((off < 0 ? -off : off) / 60), (int)((off < 0 ? -off : off) % 60));
	return 0;
}

static int received_date(GMimeMessage *msg, char *out, size_t size)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(GMIME_OBJECT(msg));
	int n = g_mime_header_list_get_count(hl);
	for (int i = 0; i < n; i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
		const char *v = g_mime_header_get_value(h), *semi;
		GDateTime *dt;
		int ret;
		if (g_ascii_strcasecmp(g_mime_header_get_name(h), "Received") || !v ||
		    !(semi = strrchr(v, ';')) || !(dt = g_mime_utils_header_decode_date(semi + 1)))
			continue;
		ret = format_date(dt, out, size);
		g_date_time_unref(dt);
		if (!ret)
			return 0;
	}
	return -1;
}

static int message_date(GMimeMessage *msg, GDateTime *fallback, char *out, size_t size)
{
	GDateTime *dt = g_mime_message_get_date(msg);
	if (dt && !format_date(dt, out, size))
		return 0;
	if (!received_date(msg, out, size))
		return 0;
	return fallback ? format_date(fallback, out, size) : -1;
}

/* A message without a Message-ID is named after a digest of its text, so
 * that importing it again finds it again. */
static char *digest_id(GMimeMessage *msg)
{
	GMimeStream *null = g_mime_stream_null_new();
	GMimeStream *f = g_mime_stream_filter_new(null);
	GMimeFilter *sum = g_mime_filter_checksum_new(G_CHECKSUM_SHA1);
	char *hex, *id;
	g_mime_stream_filter_add(GMIME_STREAM_FILTER(f), sum);
	g_mime_object_write_to_stream(GMIME_OBJECT(msg), NULL, f);
	g_mime_stream_flush(f);
	hex = g_mime_filter_checksum_get_string(GMIME_FILTER_CHECKSUM(sum));
	id = g_strdup_printf("sha1-%s@farley-mbox", hex);
	g_free(hex);
	g_object_unref(sum);
	g_object_unref(f);
	g_object_unref(null);
	return id;
}

/* The body ------------------------------------------------------------------ */

static int is_attachment(GMimeObject *o)
{
	GMimeContentDisposition *d = g_mime_object_get_content_disposition(o);
	return d && g_mime_content_disposition_is_attachment(d);
}

static int is_type(GMimeObject *o, const char *type, const char *subtype)
{
	return g_mime_content_type_is_type(g_mime_object_get_content_type(o), type,
					   subtype);
}

/* The part that is the message's text: the first text/plain or text/html
 * part not marked as an attachment, in a multipart/alternative the
 * text/plain one when there is one; nothing from an encrypted part or an
 * attached message. */
static GMimeObject *find_body(GMimeObject *o, int depth)
{
	if (depth > 64 || GMIME_IS_MULTIPART_ENCRYPTED(o))
		return NULL;
	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart *mp = GMIME_MULTIPART(o);
		int n = g_mime_multipart_get_count(mp);
		int alternative = is_type(o, "multipart", "alternative");
		GMimeObject *best = NULL;
		if (GMIME_IS_MULTIPART_SIGNED(o) && n > 1)
			n = 1; /* the rest is the signature */
		for (int i = 0; i < n; i++) {
			GMimeObject *r = find_body(g_mime_multipart_get_part(mp, i), depth + 1);
			if (r && (!alternative || is_type(r, "text", "plain")))
				return r;
			if (r && !best)
				best = r;
		}
		return best;
	}
	if (GMIME_IS_PART(o) && !is_attachment(o) &&
	    (is_type(o, "text", "plain") || is_type(o, "text", "html")))
		return o;
	return NULL;
}

/* The decoded bytes of a part, at most max (*cut set when there were
 * more), then as UTF-8. */
static void part_text(GMimePart *part, GString *out, size_t max, int *cut)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	GMimeStream *src, *f;
	GMimeContentEncoding enc;
	GByteArray *raw;
	char buf[8192];
	ssize_t n;
	*cut = 0;
	if (!w || !(src = g_mime_data_wrapper_get_stream(w)))
		return;
	g_mime_stream_reset(src);
	f = g_mime_stream_filter_new(src);
	enc = g_mime_data_wrapper_get_encoding(w);
	if (enc == GMIME_CONTENT_ENCODING_BASE64 ||
	    enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
	    enc == GMIME_CONTENT_ENCODING_UUENCODE) {
		GMimeFilter *dec = g_mime_filter_basic_new(enc, FALSE);
		g_mime_stream_filter_add(GMIME_STREAM_FILTER(f), dec);
		g_object_unref(dec);
	}
	raw = g_byte_array_new();
	while ((n = g_mime_stream_read(f, buf, sizeof(buf))) > 0) {
		g_byte_array_append(raw, (const guint8 *)buf, (guint)n);
		if (raw->len > max) {
			g_byte_array_set_size(raw, (guint)max);
			*cut = 1;
			break;
		}
	}
	g_object_unref(f);
	text_to_utf8(out, (const char *)raw->data, raw->len,
		     g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset"));
	g_byte_array_free(raw, TRUE);
}

static char *body_text(GMimeObject *body, size_t max)
{
	GString *text = g_string_new(""), *html;
	int cut = 0;
	if (!body)
		return g_string_free(text, FALSE);
	if (is_type(body, "text", "html")) {
		/* markup is verbose: read more of it for the same text */
		html = g_string_new("");
		part_text(GMIME_PART(body), html, max * 16 + 65536, &cut);
		html_to_text(text, html->str, html->len);
		g_string_free(html, TRUE);
	} else {
		part_text(GMIME_PART(body), text, max * 4 + 4096, &cut);
	}
	text_tidy(text);
	if (cut && text->len <= max) /* there was more, even if it was blank */
		g_string_append(text, text->len ? "\n[truncated]" : "[truncated]");
	else
		text_truncate(text, max);
	return g_string_free(text, FALSE);
}

/* Attachments: every part with a file name, or marked as an attachment,
 * and attached messages; not the body, not signatures. */
static void add_attachments(json_t *list, GMimeObject *o, GMimeObject *body,
			    int depth)
{
	const char *name = NULL;
	char *unnamed = NULL, *clean;
	if (depth > 64 || o == body)
		return;
	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart *mp = GMIME_MULTIPART(o);
		int n = g_mime_multipart_get_count(mp);
		for (int i = 0; i < n; i++)
			add_attachments(list, g_mime_multipart_get_part(mp, i), body,
					depth + 1);
		return;
	}
	if (is_type(o, "application", "pgp-signature") ||
	    is_type(o, "application", "pkcs7-signature") ||
	    is_type(o, "application", "x-pkcs7-signature"))
		return;
	if (GMIME_IS_PART(o)) {
		name = g_mime_part_get_filename(GMIME_PART(o));
	} else if (GMIME_IS_MESSAGE_PART(o)) {
		GMimeMessage *m = g_mime_message_part_get_message(GMIME_MESSAGE_PART(o));
		name = g_mime_object_get_content_disposition_parameter(o, "filename");
		if (!name && m && g_mime_message_get_subject(m))
			name = unnamed = g_strdup_printf("%s.eml", g_mime_message_get_subject(m));
		if (!name)
			name = "message.eml";
	}
	if (!name && is_attachment(o)) {
		char *type = g_mime_content_type_get_mime_type(
			g_mime_object_get_content_type(o));
		name = unnamed = g_strdup_printf("(unnamed %s)", type);
		g_free(type);
	}
	if (!name)
		return;
	clean = one_line(name);
	if (*clean)
		json_array_append_new(list, json_string(clean));
	g_free(clean);
	g_free(unnamed);
}

/* The message this one answers: the first <id> of In-Reply-To, else the
 * last of References (without <>), or NULL.  g_free() it. */
static char *replied_to(GMimeMessage *msg)
{
	const char *irt = g_mime_object_get_header(GMIME_OBJECT(msg), "In-Reply-To");
	const char *refs = g_mime_object_get_header(GMIME_OBJECT(msg), "References");
	const char *lt, *gt;
	if (irt && (lt = strchr(irt, '<')) && (gt = strchr(lt, '>')) && gt > lt + 1)
		return g_strndup(lt + 1, (gsize)(gt - lt - 1));
	if (refs && (lt = strrchr(refs, '<')) && (gt = strchr(lt, '>')) && gt > lt + 1)
		return g_strndup(lt + 1, (gsize)(gt - lt - 1));
	return NULL;
}

/* The line ------------------------------------------------------------------ */

int mbox_emit(GMimeMessage *msg, const char *where, GDateTime *fallback,
	      const struct mbox_opts *o)
{
	json_t *line = json_object(), *attachments = json_array();
	GMimeObject *top = g_mime_message_get_mime_part(msg), *body;
	char date[64], *id, *text, *reply = NULL;
	const char *mid = g_mime_message_get_message_id(msg);
	int ret = 0;

	if (message_date(msg, fallback, date, sizeof(date))) {
		fprintf(stderr, "farley-mbox: %s: skipped: no date (no usable Date, "
				"Received or From_ line)\n",
			where);
		json_decref(line);
		json_decref(attachments);
		return 1;
	}
	id = mid && *mid ? one_line(mid) : digest_id(msg);
	body = top ? find_body(top, 0) : NULL;
	text = body_text(body, o->body_max);
	if (top)
		add_attachments(attachments, top, body, 0);

	set_line(line, "where", where);
	set_line(line, "message_id", id);
	if ((reply = replied_to(msg)))
		set_line(line, "in_reply_to", reply);
	g_free(reply);
	json_object_set_new(line, "date", json_string(date));
	json_object_set_new(line, "from", addresses(g_mime_message_get_from(msg)));
	json_object_set_new(line, "to", addresses(g_mime_message_get_to(msg)));
	json_object_set_new(line, "cc", addresses(g_mime_message_get_cc(msg)));
	set_line(line, "subject", g_mime_message_get_subject(msg));
	json_object_set_new(line, "body", json_string(text));
	json_object_set_new(line, "attachments", attachments);
	if (json_dumpf(line, stdout, JSON_COMPACT) || putchar('\n') == EOF)
		ret = -1;
	json_decref(line);
	g_free(id);
	g_free(text);
	return ret;
}
