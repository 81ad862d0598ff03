/* csvmap.c: other programs' CSV columns as farley fields (see csvmap.h):
 * which column is what (from the tables in csvmap-table.c, then --map),
 * and a row's cells as the values of one farley_import_row. */
#include "farley/csvmap.h"
#include "farley/names.h"
#include "csvmap-private.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct column {
	char *header;
	enum role role;
	char *field;
	unsigned flags;
	int group;  /* R_ADDRESS: which address */
	int used;   /* R_IGNORE: held a value */
	long label; /* "Phone 1 - Type" of "Phone 1 - Value", or -1 */
};

struct group {
	char *key;
	int prio;
};

struct farley_csvmap {
	enum farley_kind kind;
	struct column *cols;
	size_t ncols;
	struct group *groups;
	size_t ngroups, agroups;
	/* the current row */
	struct farley_import_value *v;
	size_t nv, av;
	char **strs;
	size_t nstrs, astrs;
	struct farley_import_person *people;
	size_t npeople, apeople;
	const char **unused;
	size_t nunused, aunused;
};

/* Names ------------------------------------------------------------------- */

/* "E-mail 1 - Value" -> "email1value": ASCII letters and digits, lower case;
 * other bytes of UTF-8 kept as they are. */
static void normalize(struct strbuf *out, const char *s)
{
	strbuf_reset(out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c) && c < 0x80)
			strbuf_addch(out, tolower(c));
		else if (c >= 0x80)
			strbuf_addch(out, c);
	}
}

/* Whether name matches pattern: '#' a run of digits (or none), a final '*'
 * anything.  *num is the number the '#' stood for (0 for none). */
static int match(const char *pat, const char *name, int *num)
{
	*num = 0;
	for (; *pat; pat++) {
		if (*pat == '*' && !pat[1])
			return 1;
		if (*pat == '#') {
			for (; isdigit((unsigned char)*name); name++)
				if (*num < 10000)
					*num = *num * 10 + (*name - '0');
			continue;
		}
		if (*pat != *name++)
			return 0;
	}
	return !*name;
}

static int address_column(struct farley_csvmap *m, struct column *col,
			  const char *norm)
{
	size_t len = strlen(norm);
	for (size_t i = 0; i < csvmap_naddress_parts; i++) {
		const char *suf = csvmap_address_parts[i].suffix;
		int numbered = suf[strlen(suf) - 1] == '#';
		size_t sl = strlen(suf) - (size_t)numbered, end = len, g;
		int prio = -1, num = 0;
		char *prefix;
		if (numbered)
			while (end > 0 && isdigit((unsigned char)norm[end - 1]))
				end--;
		if (end < sl || strncmp(norm + end - sl, suf, sl))
			continue;
		prefix = xstrndup(norm, end - sl);
		for (size_t p = 0; p < csvmap_naddress_prefixes && prio < 0; p++) {
			const struct address_prefix *a = &csvmap_address_prefixes[p];
			if (match(a->prefix, prefix, &num))
				prio = (m->kind == FARLEY_COMPANY ? a->company
								  : a->contact) * 100 + num;
		}
		if (prio < 0) { /* "E-mail Address" is no address */
			free(prefix);
			continue;
		}
		for (g = 0; g < m->ngroups && strcmp(m->groups[g].key, prefix); g++)
			;
		if (g == m->ngroups) {
			ALLOC_GROW(m->groups, m->ngroups + 1, m->agroups);
			m->groups[g].key = prefix;
			m->groups[g].prio = prio;
			m->ngroups++;
		} else {
			free(prefix);
		}
		col->role = R_ADDRESS;
		col->group = (int)g;
		col->field = xstrfmt("address.%s", csvmap_address_parts[i].part);
		col->flags = csvmap_address_parts[i].flags;
		/* Street 2, Address 2: more of the street */
		if (numbered && end < len && strcmp(norm + end, "1"))
			col->flags |= F_APPEND;
		return 1;
	}
	return 0;
}

static void classify(struct farley_csvmap *m, struct column *col)
{
	struct strbuf norm = STRBUF_INIT;
	unsigned kind = K(m->kind);
	int num;
	normalize(&norm, col->header);
	col->role = R_IGNORE;
	for (size_t i = 0; i < csvmap_ntable; i++) {
		const struct entry *e = &csvmap_table[i];
		if (!(e->kinds & kind) || !match(e->pattern, norm.buf, &num))
			continue;
		col->role = e->role;
		col->field = e->field ? xstrdup(e->field) : NULL;
		col->flags = e->flags;
		goto out;
	}
	if ((m->kind == FARLEY_CONTACT || m->kind == FARLEY_COMPANY) &&
	    address_column(m, col, norm.buf))
		goto out;
	if (strstr(norm.buf, "pobox"))
		col->role = R_LABEL;
out:
	strbuf_release(&norm);
}

static const char *role_target(const struct column *col)
{
	switch (col->role) {
	case R_FIELD:
	case R_ADDRESS:
		return col->field;
	case R_FIRST:
	case R_MIDDLE:
	case R_LAST:
	case R_FULL:
		return "name";
	case R_COMPANY:
		return "company";
	case R_WEBSITE:
		return "company_domain";
	case R_PEOPLE:
		return "people";
	default:
		return NULL;
	}
}

/* A weak column gives way to a strong one with the same target. */
static void settle_weak(struct farley_csvmap *m)
{
	for (size_t i = 0; i < m->ncols; i++) {
		struct column *w = &m->cols[i];
		if (!(w->flags & F_WEAK) || !role_target(w))
			continue;
		for (size_t j = 0; j < m->ncols; j++) {
			const struct column *s = &m->cols[j];
			if (j != i && !(s->flags & F_WEAK) && role_target(s) &&
			    s->role == w->role && !strcmp(role_target(s), role_target(w))) {
				w->role = R_IGNORE;
				break;
			}
		}
	}
}

/* Google's "Phone 1 - Value" has its "Phone 1 - Type" (Mobile, Work Fax),
 * "Website 1 - Value" its "Website 1 - Type" (Work, Profile, Blog): the
 * type says which numbers are no telephone, which sites no company's. */
static void find_labels(struct farley_csvmap *m)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	for (size_t i = 0; i < m->ncols; i++) {
		m->cols[i].label = -1;
		if (m->cols[i].role != R_WEBSITE &&
		    (m->cols[i].role != R_FIELD || strcmp(m->cols[i].field, "phones")))
			continue;
		normalize(&a, m->cols[i].header);
		if (a.len < 5 || strcmp(a.buf + a.len - 5, "value"))
			continue;
		strbuf_setlen(&a, a.len - 5);
		for (size_t j = 0; j < m->ncols && m->cols[i].label < 0; j++) {
			normalize(&b, m->cols[j].header);
			if (b.len > a.len && !strncmp(b.buf, a.buf, a.len) &&
			    (!strcmp(b.buf + a.len, "type") ||
			     !strcmp(b.buf + a.len, "label")))
				m->cols[i].label = (long)j;
		}
	}
	strbuf_release(&a);
	strbuf_release(&b);
}

/* --map COLUMN=FIELD */
static int apply_map(struct farley_csvmap *m, const char *spec,
		     struct farley_error *err)
{
	const char *eq = strrchr(spec, '=');
	struct strbuf colname = STRBUF_INIT, want = STRBUF_INIT, norm = STRBUF_INIT;
	const char *field;
	enum role role = R_FIELD;
	unsigned flags = 0;
	size_t hits = 0;
	int ret = 0;

	if (!eq || eq == spec)
		return farley_error_set(err, FARLEY_EUSAGE,
					"--map '%s': give COLUMN=FIELD", spec);
	strbuf_add(&colname, spec, (size_t)(eq - spec));
	while (colname.len && colname.buf[colname.len - 1] == ' ')
		strbuf_setlen(&colname, colname.len - 1);
	field = eq + 1;
	while (*field == ' ')
		field++;
	if (!strcmp(field, "-")) {
		role = R_LABEL;
	} else if (m->kind == FARLEY_CONTACT && !strcmp(field, "first_name")) {
		role = R_FIRST;
	} else if (m->kind == FARLEY_CONTACT && !strcmp(field, "middle_name")) {
		role = R_MIDDLE;
	} else if (m->kind == FARLEY_CONTACT && !strcmp(field, "last_name")) {
		role = R_LAST;
	} else if (m->kind != FARLEY_COMPANY && !strcmp(field, "company")) {
		role = R_COMPANY;
	} else if (m->kind != FARLEY_COMPANY && !strcmp(field, "company_domain")) {
		role = R_WEBSITE;
	} else if (m->kind == FARLEY_INTERACTION && !strcmp(field, "people")) {
		role = R_PEOPLE;
		flags |= F_MULTI;
	} else if (!strncmp(field, "address.", 8)) {
		if ((m->kind != FARLEY_CONTACT && m->kind != FARLEY_COMPANY) ||
		    !farley_key_valid(field + 8)) {
			ret = farley_error_set(err, FARLEY_EUSAGE,
					       "--map '%s': '%s' is not a field of a %s",
					       spec, field, farley_kind_name(m->kind));
			goto out;
		}
	} else {
		const struct farley_fielddef *d = farley_schema_field(m->kind, field);
		if (!farley_key_valid(field) || !strcmp(field, "id") ||
		    !strcmp(field, "kind") || !strcmp(field, "path") ||
		    d->type == FT_ADDRESS) {
			ret = farley_error_set(err, FARLEY_EUSAGE,
					       "--map '%s': '%s' is not a valid field "
					       "name (lower-case letters, digits and _; "
					       "address.PART for an address)",
					       spec, field);
			goto out;
		}
		if (d->type == FT_DATE)
			flags |= F_DATE;
		else if (d->type == FT_MONEY)
			flags |= F_MONEY;
		else if (d->type == FT_CURRENCY)
			flags |= F_UPPER;
		else if (d->type == FT_STAGE || d->type == FT_CHANNEL ||
			 d->type == FT_DIRECTION)
			flags |= F_LOWER;
		else if (d->type == FT_STATUS)
			flags |= F_STATUS;
		else if (d->type == FT_TEXT || d->type == FT_CUSTOM)
			flags |= F_LINES;
		if (farley_ftype_is_list(d->type))
			flags |= !strcmp(field, "tags") ? F_TAGS : F_MULTI;
	}
	/* the column: as written (any case), else by its normalised name */
	for (int pass = 0; pass < 2 && !hits; pass++) {
		if (pass)
			normalize(&want, colname.buf);
		for (size_t i = 0; i < m->ncols; i++) {
			struct column *col = &m->cols[i];
			int same;
			if (pass) {
				normalize(&norm, col->header);
				same = want.len && !strcmp(norm.buf, want.buf);
			} else {
				same = !strcasecmp(col->header, colname.buf);
			}
			if (!same)
				continue;
			free(col->field);
			col->role = role;
			col->field = role == R_FIELD ? xstrdup(field) : NULL;
			col->flags = flags;
			hits++;
		}
	}
	if (!hits)
		ret = farley_error_set(err, FARLEY_EUSAGE,
				       "--map '%s': no column '%s' in the header",
				       spec, colname.buf);
out:
	strbuf_release(&colname);
	strbuf_release(&want);
	strbuf_release(&norm);
	return ret;
}

int farley_csvmap_new(struct farley_csvmap **out, enum farley_kind kind,
		      const char *const *header, size_t ncols,
		      const char *const *maps, size_t nmaps,
		      struct farley_error *err)
{
	struct farley_csvmap *m = xcalloc(1, sizeof(*m));
	int ret = 0;
	m->kind = kind;
	m->ncols = ncols;
	m->cols = xcalloc(ncols ? ncols : 1, sizeof(*m->cols));
	for (size_t i = 0; i < ncols; i++) {
		m->cols[i].header = xstrdup(header[i]);
		classify(m, &m->cols[i]);
	}
	settle_weak(m);
	find_labels(m);
	for (size_t i = 0; i < nmaps && !ret; i++)
		ret = apply_map(m, maps[i], err);
	if (ret) {
		farley_csvmap_free(m);
		return ret;
	}
	*out = m;
	return 0;
}

static void clear_row(struct farley_csvmap *m)
{
	for (size_t i = 0; i < m->nstrs; i++)
		free(m->strs[i]);
	m->nstrs = m->nv = m->npeople = 0;
}

void farley_csvmap_free(struct farley_csvmap *m)
{
	if (!m)
		return;
	clear_row(m);
	for (size_t i = 0; i < m->ncols; i++) {
		free(m->cols[i].header);
		free(m->cols[i].field);
	}
	for (size_t i = 0; i < m->ngroups; i++)
		free(m->groups[i].key);
	free(m->cols);
	free(m->groups);
	free(m->v);
	free(m->strs);
	free(m->people);
	free(m->unused);
	free(m);
}

const char *farley_csvmap_target(const struct farley_csvmap *m, size_t i)
{
	return i < m->ncols ? role_target(&m->cols[i]) : NULL;
}

size_t farley_csvmap_unused(struct farley_csvmap *m, const char *const **names)
{
	m->nunused = 0;
	for (size_t i = 0; i < m->ncols; i++) {
		size_t j;
		if (m->cols[i].role != R_IGNORE || !m->cols[i].used)
			continue;
		for (j = 0; j < m->nunused && strcmp(m->unused[j], m->cols[i].header); j++)
			;
		if (j < m->nunused)
			continue;
		ALLOC_GROW(m->unused, m->nunused + 1, m->aunused);
		m->unused[m->nunused++] = m->cols[i].header;
	}
	*names = m->unused;
	return m->nunused;
}

/* Rows -------------------------------------------------------------------- */

static const char *keep(struct farley_csvmap *m, char *s)
{
	ALLOC_GROW(m->strs, m->nstrs + 1, m->astrs);
	m->strs[m->nstrs++] = s;
	return s;
}

static void add_value(struct farley_csvmap *m, const char *field, const char *value,
		      const char *source)
{
	struct farley_import_value *v;
	ALLOC_GROW(m->v, m->nv + 1, m->av);
	v = &m->v[m->nv++];
	v->field = field;
	v->value = keep(m, xstrdup(value));
	v->source = source;
}

/* The cell without spaces around it, into sb; line breaks become sep
 * unless the field keeps them. */
static void clean(struct strbuf *sb, const char *s, size_t n, const char *nl)
{
	const char *e = s + n;
	strbuf_reset(sb);
	while (s < e && (*s == ' ' || *s == '\t' || *s == '\n'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n'))
		e--;
	for (; s < e; s++) {
		if (*s == '\n' && nl) {
			while (sb->len && sb->buf[sb->len - 1] == ' ')
				strbuf_setlen(sb, sb->len - 1);
			strbuf_addstr(sb, nl);
			while (s + 1 < e && (s[1] == ' ' || s[1] == '\n'))
				s++;
		} else {
			strbuf_addch(sb, *s);
		}
	}
}

/* The next of the values "a ::: b" holds, into sb: 0 when there are no
 * more (empty ones are skipped). */
static int next_value(const char **p, struct strbuf *sb)
{
	while (**p) {
		const char *sep = strstr(*p, ":::");
		size_t len = sep ? (size_t)(sep - *p) : strlen(*p);
		clean(sb, *p, len, " ");
		*p += len + (sep ? 3 : 0);
		if (sb->len)
			return 1;
	}
	return 0;
}

static int is_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n')
			return 0;
	return 1;
}

static const char *task_status(const char *v)
{
	static const char *const done[] = { "done", "completed", "complete",
					    "closed", "finished" };
	static const char *const open[] = { "open", "not started", "in progress",
					    "waiting on someone else", "deferred",
					    "pending" };
	for (size_t i = 0; i < sizeof(done) / sizeof(*done); i++)
		if (!strcasecmp(v, done[i]))
			return "done";
	for (size_t i = 0; i < sizeof(open) / sizeof(*open); i++)
		if (!strcasecmp(v, open[i]))
			return "open";
	return NULL;
}

/* One value of a field column, after its flags. */
static void field_value(struct farley_csvmap *m, const struct column *col,
			const char *v)
{
	struct strbuf sb = STRBUF_INIT;
	const char *field = col->field;
	if (col->flags & F_DATE) {
		int r = farley_csvmap_date(&sb, v);
		if (r == 2)
			goto out;
		if (r == 1 && !strcmp(field, "birthday"))
			field = "birthday_md";
	} else if (col->flags & F_MONEY) {
		farley_csvmap_money(&sb, v);
	} else if (col->flags & F_DOMAIN) {
		if (farley_domain_key(&sb, v))
			strbuf_addstr(&sb, v);
	} else if (col->flags & F_STATUS) {
		const char *st = task_status(v);
		strbuf_addstr(&sb, st ? st : v);
	} else {
		strbuf_addstr(&sb, v);
		/* addresses are compared (and kept) in lower case, so that a
		 * second export that spells one differently changes nothing */
		int lower = (col->flags & F_LOWER) || !strcmp(field, "emails");
		for (size_t i = 0; i < sb.len; i++) {
			unsigned char c = (unsigned char)sb.buf[i];
			if (lower && c < 0x80)
				sb.buf[i] = (char)tolower(c);
			else if ((col->flags & F_UPPER) && c < 0x80)
				sb.buf[i] = (char)toupper(c);
		}
	}
	if (sb.len)
		add_value(m, field, sb.buf, col->header);
out:
	strbuf_release(&sb);
}

/* "* myContacts ::: Friends" -> Friends; Outlook's "A;B" -> A, B */
static void tag_values(struct farley_csvmap *m, const struct column *col,
		       const char *v)
{
	struct strbuf sb = STRBUF_INIT;
	while (*v) {
		const char *sep = strstr(v, ":::");
		size_t n = sep ? (size_t)(sep - v) : strlen(v), semi = strcspn(v, ";");
		if (semi < n)
			n = semi, sep = NULL;
		clean(&sb, v, n, " ");
		if (sb.len && sb.buf[0] == '*') {
			size_t k = 1;
			while (k < sb.len && sb.buf[k] == ' ')
				k++;
			strbuf_splice(&sb, 0, k, "", 0);
		}
		if (sb.len && strcasecmp(sb.buf, "myContacts") &&
		    strcasecmp(sb.buf, "My Contacts"))
			add_value(m, col->field, sb.buf, col->header);
		v += n;
		v += sep ? 3 : *v ? 1 : 0;
	}
	strbuf_release(&sb);
}

/* Hosts whose address says nothing of a company. */
static int public_host(const char *host)
{
	static const char *const hosts[] = {
		"facebook.com", "twitter.com", "x.com", "instagram.com",
		"github.com", "gitlab.com", "youtube.com", "xing.com",
		"medium.com", "google.com", "gmail.com", "googlemail.com",
		"outlook.com", "hotmail.com", "live.com", "yahoo.com",
		"icloud.com", "me.com", "about.me", "wikipedia.org", "t.me",
		"tiktok.com", "bsky.app", "mastodon.social",
	};
	size_t hl = strlen(host);
	for (size_t i = 0; i < sizeof(hosts) / sizeof(*hosts); i++) {
		size_t l = strlen(hosts[i]);
		if (!strcmp(host, hosts[i]) ||
		    (hl > l && host[hl - l - 1] == '.' && !strcmp(host + hl - l, hosts[i])))
			return 1;
	}
	return 0;
}

static void website(struct farley_csvmap *m, const struct column *col,
		    const char *v, const char *label, struct farley_import_row *row)
{
	static const char *const personal[] = { "home", "profile", "blog",
						"personal" };
	struct strbuf host = STRBUF_INIT;
	if (farley_domain_key(&host, v))
		goto out;
	if (!strcmp(host.buf, "linkedin.com") ||
	    (host.len > 13 && !strcmp(host.buf + host.len - 13, ".linkedin.com"))) {
		add_value(m, "linkedin", v, col->header);
	} else if (!public_host(host.buf) && !row->company_domain) {
		for (size_t i = 0; i < sizeof(personal) / sizeof(*personal); i++)
			if (strcasestr(label, personal[i]))
				goto out;
		row->company_domain = keep(m, xstrdup(v));
	}
out:
	strbuf_release(&host);
}

static void add_person(struct farley_csvmap *m, const char *email)
{
	ALLOC_GROW(m->people, m->npeople + 1, m->apeople);
	m->people[m->npeople].email = keep(m, xstrdup(email));
	m->people[m->npeople].name = NULL;
	m->npeople++;
}

/* The address: the preferred one that has anything, all its parts, in
 * the order farley writes them. */
static void address(struct farley_csvmap *m, const char *const *cells, size_t n)
{
	static const char *const order[] = { "address.street", "address.city",
					      "address.postcode", "address.region",
					      "address.country" };
	struct strbuf sb = STRBUF_INIT, part = STRBUF_INIT;
	int best = -1;
	for (size_t i = 0; i < m->ncols && i < n; i++) {
		const struct column *col = &m->cols[i];
		if (col->role != R_ADDRESS || is_blank(cells[i]))
			continue;
		if (best < 0 || m->groups[col->group].prio < m->groups[best].prio)
			best = col->group;
	}
	for (size_t o = 0; best >= 0 && o < sizeof(order) / sizeof(*order); o++) {
		const char *src = NULL;
		strbuf_reset(&part);
		for (size_t i = 0; i < m->ncols && i < n; i++) {
			const struct column *col = &m->cols[i];
			if (col->role != R_ADDRESS || col->group != best ||
			    strcmp(col->field, order[o]) || is_blank(cells[i]) ||
			    (part.len && !(col->flags & F_APPEND)))
				continue;
			/* Street 2 and an extended address join the street */
			clean(&sb, cells[i], strlen(cells[i]), ", ");
			if (part.len)
				strbuf_addstr(&part, ", ");
			strbuf_add(&part, sb.buf, sb.len);
			if (!src)
				src = col->header;
		}
		if (part.len)
			add_value(m, order[o], part.buf, src);
	}
	strbuf_release(&sb);
	strbuf_release(&part);
}

int farley_csvmap_row(struct farley_csvmap *m, const char *const *cells,
		      size_t n, struct farley_import_row *row)
{
	struct strbuf sb = STRBUF_INIT, name = STRBUF_INIT;
	const char *name_src = NULL, *parts[3] = { NULL, NULL, NULL };
	const char *full = NULL, *full_src = NULL;
	int any = 0;

	clear_row(m);
	memset(row, 0, sizeof(*row));
	row->kind = m->kind;
	for (size_t i = 0; i < n && !any; i++)
		any = !is_blank(cells[i]);
	if (!any)
		return 0;

	/* the name comes first, then the address, then the rest in order */
	for (size_t i = 0; i < m->ncols && i < n; i++) {
		const struct column *col = &m->cols[i];
		int part = col->role == R_FIRST ? 0 : col->role == R_MIDDLE ? 1
						 : col->role == R_LAST ? 2 : -1;
		if (is_blank(cells[i]))
			continue;
		if (part >= 0 && !parts[part]) {
			parts[part] = cells[i];
			if (!name_src)
				name_src = col->header;
		} else if (col->role == R_FULL && !full) {
			full = cells[i];
			full_src = col->header;
		}
	}
	for (int p = 0; p < 3; p++) {
		if (!parts[p])
			continue;
		clean(&sb, parts[p], strlen(parts[p]), " ");
		if (name.len && sb.len)
			strbuf_addch(&name, ' ');
		strbuf_add(&name, sb.buf, sb.len);
	}
	if (!name.len && full) {
		clean(&name, full, strlen(full), " ");
		name_src = full_src;
	}
	/* a column mapped to name (--map) wins over the parts */
	for (size_t i = 0; i < m->ncols && i < n && name.len; i++)
		if (m->cols[i].role == R_FIELD && !strcmp(m->cols[i].field, "name") &&
		    !is_blank(cells[i]))
			strbuf_reset(&name);
	if (name.len)
		add_value(m, "name", name.buf, name_src);
	address(m, cells, n);

	for (size_t i = 0; i < m->ncols && i < n; i++) {
		struct column *col = &m->cols[i];
		const char *c = cells[i];
		if (is_blank(c))
			continue;
		switch (col->role) {
		case R_IGNORE:
			col->used = 1;
			break;
		case R_COMPANY:
			if (!row->company) {
				clean(&sb, c, strlen(c), " ");
				row->company = keep(m, strbuf_detach(&sb, NULL));
			}
			break;
		case R_WEBSITE:
			clean(&sb, c, strlen(c), " ");
			website(m, col, sb.buf,
				col->label >= 0 && (size_t)col->label < n
					? cells[col->label] : "", row);
			break;
		case R_FIELD:
			if (col->flags & F_TAGS) {
				tag_values(m, col, c);
			} else if (col->label >= 0 && (size_t)col->label < n &&
				   (strcasestr(cells[col->label], "fax") ||
				    strcasestr(cells[col->label], "pager"))) {
				break; /* a fax or pager number */
			} else if (col->flags & F_MULTI) {
				for (const char *p = c; next_value(&p, &sb);)
					field_value(m, col, sb.buf);
			} else {
				clean(&sb, c, strlen(c),
				      (col->flags & F_LINES) ? NULL : " ");
				field_value(m, col, sb.buf);
			}
			break;
		case R_PEOPLE:
			for (const char *p = c; next_value(&p, &sb);) {
				for (size_t k = 0; k < sb.len; k++)
					sb.buf[k] = (char)tolower((unsigned char)sb.buf[k]);
				add_person(m, sb.buf);
			}
			break;
		default:
			break;
		}
	}
	row->v = m->v;
	row->n = m->nv;
	row->people = m->people;
	row->npeople = m->npeople;
	strbuf_release(&sb);
	strbuf_release(&name);
	return 1;
}
