/* dupes.c: likely duplicates, from blocks of records sharing a key.
 *
 * Every key of every record (e-mail, phone, domain, name, and for near
 * names the variants of a name one letter shorter) becomes an entry
 * (block type, key, record); the entries are sorted, and each run of equal
 * (type, key) is a block whose records are paired.  Pairs are kept in a
 * hash set, so a pair found in several blocks is one pair. */
#include "farley/dupes.h"
#include "farley/ids.h"
#include "farley/index.h"
#include "farley/names.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BLOCK 25          /* a key shared by more records is no evidence */
#define MAX_NEAR_BLOCK 64     /* near-name blocks compare at most this many */
#define MAX_COMPANY_GROUP 300 /* contacts of one company compared pairwise */
#define NEAR_MIN_LEN 4        /* shorter names get no one-edit variants */
#define PREFIX_LEN 5          /* company names sharing this start are compared */

#define SCORE_EMAIL 0.95
#define SCORE_NAME 0.90
#define SCORE_NAME_LOOSE 0.80
#define SCORE_PHONE 0.85
#define SCORE_DOMAIN 0.85
#define SCORE_NEAR 0.90

enum block {
	B_EMAIL,
	B_PHONE,
	B_DOMAIN,
	B_NAME,       /* the same name (contacts: at the same company) */
	B_NAME_LOOSE, /* contacts: the same name, paired when one has no company */
	B_NEAR,       /* one-edit variants of a name: compare the names */
	B_PREFIX,     /* companies: the first letters of the name */
};

struct rec {
	char *id;
	char *name;    /* as written */
	char *key;     /* farley_person_key or farley_company_key */
	char *company; /* contacts: the company's id, or NULL */
};

struct entry {
	char *key;
	uint32_t rec;
	enum block type;
};

struct pair {
	uint32_t a, b; /* a's id sorts before b's */
	double score;
	unsigned reasons;
};

struct farley_dupes {
	enum farley_kind kind;
	struct rec *recs;
	size_t nrecs, arecs;
	uint32_t *rec_slots; /* id hash -> rec + 1 */
	size_t rec_cap;
	struct entry *entries;
	size_t nentries, aentries;
	struct pair *pairs;
	size_t npairs, apairs;
	uint32_t *pair_slots; /* (a, b) hash -> pair + 1 */
	size_t pair_cap;
	struct farley_dupe *list;
	struct strbuf sb;
};

/* Records by id -------------------------------------------------------- */

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static void rec_rehash(struct farley_dupes *d)
{
	size_t cap = d->rec_cap ? d->rec_cap * 2 : 1024;
	uint32_t *slots = xcalloc(cap, sizeof(*slots));
	for (size_t i = 0; i < d->nrecs; i++) {
		size_t h = farley_hash64(d->recs[i].id, strlen(d->recs[i].id), 0) &
			   (cap - 1);
		while (slots[h])
			h = (h + 1) & (cap - 1);
		slots[h] = (uint32_t)i + 1;
	}
	free(d->rec_slots);
	d->rec_slots = slots;
	d->rec_cap = cap;
}

static uint32_t rec_get(struct farley_dupes *d, const char *id)
{
	size_t h;
	struct rec *r;
	if ((d->nrecs + 1) * 2 > d->rec_cap)
		rec_rehash(d);
	h = farley_hash64(id, strlen(id), 0) & (d->rec_cap - 1);
	while (d->rec_slots[h]) {
		uint32_t i = d->rec_slots[h] - 1;
		if (!strcmp(d->recs[i].id, id))
			return i;
		h = (h + 1) & (d->rec_cap - 1);
	}
	ALLOC_GROW(d->recs, d->nrecs + 1, d->arecs);
	r = &d->recs[d->nrecs];
	memset(r, 0, sizeof(*r));
	r->id = xstrdup(id);
	d->rec_slots[h] = (uint32_t)d->nrecs + 1;
	return (uint32_t)d->nrecs++;
}

/* Pairs ------------------------------------------------------------------ */

static size_t pair_hash(uint32_t a, uint32_t b, size_t cap)
{
	return (size_t)mix64(((uint64_t)a << 32) | b) & (cap - 1);
}

static void pair_rehash(struct farley_dupes *d)
{
	size_t cap = d->pair_cap ? d->pair_cap * 2 : 1024;
	uint32_t *slots = xcalloc(cap, sizeof(*slots));
	for (size_t i = 0; i < d->npairs; i++) {
		size_t h = pair_hash(d->pairs[i].a, d->pairs[i].b, cap);
		while (slots[h])
			h = (h + 1) & (cap - 1);
		slots[h] = (uint32_t)i + 1;
	}
	free(d->pair_slots);
	d->pair_slots = slots;
	d->pair_cap = cap;
}

static void add_pair(struct farley_dupes *d, uint32_t a, uint32_t b,
		     unsigned reason, double score)
{
	size_t h;
	struct pair *p;
	if (a == b)
		return;
	if (strcmp(d->recs[a].id, d->recs[b].id) > 0) {
		uint32_t t = a;
		a = b;
		b = t;
	}
	if ((d->npairs + 1) * 2 > d->pair_cap)
		pair_rehash(d);
	h = pair_hash(a, b, d->pair_cap);
	while (d->pair_slots[h]) {
		p = &d->pairs[d->pair_slots[h] - 1];
		if (p->a == a && p->b == b) {
			p->reasons |= reason;
			if (score > p->score)
				p->score = score;
			return;
		}
		h = (h + 1) & (d->pair_cap - 1);
	}
	ALLOC_GROW(d->pairs, d->npairs + 1, d->apairs);
	p = &d->pairs[d->npairs];
	p->a = a;
	p->b = b;
	p->score = score;
	p->reasons = reason;
	d->pair_slots[h] = (uint32_t)d->npairs + 1;
	d->npairs++;
}

/* Entries ---------------------------------------------------------------- */

static void add_entry(struct farley_dupes *d, enum block type, uint32_t rec,
		      const char *key, size_t len)
{
	struct entry *e;
	ALLOC_GROW(d->entries, d->nentries + 1, d->aentries);
	e = &d->entries[d->nentries++];
	e->key = xstrndup(key, len);
	e->rec = rec;
	e->type = type;
}

/* The key itself and each of its one-letter-shorter variants, under a
 * scope ("company id" + '\x1f' for contacts, "" for companies): two names
 * one edit apart share one of them.  With words, each word on its own
 * too: two names with one word alike share it, whatever their order. */
static void add_variants(struct farley_dupes *d, uint32_t rec,
			 const char *scope, const char *key, int words)
{
	size_t len = strlen(key);
	for (const char *w = key; words && strchr(key, '-') && *w;) {
		size_t wl = strcspn(w, "-");
		strbuf_reset(&d->sb);
		strbuf_addf(&d->sb, "%s\x1e", scope);
		strbuf_add(&d->sb, w, wl);
		add_entry(d, B_NEAR, rec, d->sb.buf, d->sb.len);
		w += wl;
		w += *w == '-';
	}
	if (len < NEAR_MIN_LEN)
		return;
	strbuf_reset(&d->sb);
	strbuf_addf(&d->sb, "%s\x1f%s", scope, key);
	add_entry(d, B_NEAR, rec, d->sb.buf, d->sb.len);
	for (size_t i = 0; i < len; i++) {
		if (i && key[i] == key[i - 1])
			continue; /* the same variant as the last */
		strbuf_reset(&d->sb);
		strbuf_addf(&d->sb, "%s\x1f", scope);
		strbuf_add(&d->sb, key, i);
		strbuf_addstr(&d->sb, key + i + 1);
		add_entry(d, B_NEAR, rec, d->sb.buf, d->sb.len);
	}
}

static int entry_cmp(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if ((c = strcmp(a->key, b->key)))
		return c;
	return a->rec < b->rec ? -1 : a->rec > b->rec;
}

/* Reading the keys ---------------------------------------------------------- */

static int take_value(const char *id, const char *path, const char *key,
		      const char *text, void *data)
{
	struct farley_dupes *d = data;
	uint32_t r = rec_get(d, id);
	struct strbuf k = STRBUF_INIT;
	(void)path;
	if (!strcmp(key, "name")) {
		free(d->recs[r].name);
		d->recs[r].name = xstrdup(text);
	} else if (!strcmp(key, "company")) {
		free(d->recs[r].company);
		d->recs[r].company = *text ? xstrdup(text) : NULL;
	} else if (!strcmp(key, "emails")) {
		if (!farley_email_key(&k, text)) {
			add_entry(d, B_EMAIL, r, k.buf, k.len);
			/* a company's own e-mail domain names it */
			if (d->kind == FARLEY_COMPANY && !farley_domain_key(&k, text) &&
			    !farley_domain_is_freemail(k.buf))
				add_entry(d, B_DOMAIN, r, k.buf, k.len);
		}
	} else if (!strcmp(key, "phones")) {
		if (!farley_phone_key(&k, text))
			add_entry(d, B_PHONE, r, k.buf, k.len);
	} else if (!strcmp(key, "domain")) {
		if (!farley_domain_key(&k, text) && !farley_domain_is_freemail(k.buf))
			add_entry(d, B_DOMAIN, r, k.buf, k.len);
	}
	strbuf_release(&k);
	return 0;
}

/* Name entries, once every record's name and company are known. */
static void add_name_entries(struct farley_dupes *d)
{
	struct strbuf k = STRBUF_INIT;
	for (size_t i = 0; i < d->nrecs; i++) {
		struct rec *r = &d->recs[i];
		if (!r->name)
			r->name = xstrdup("");
		if (d->kind == FARLEY_CONTACT)
			farley_person_key(&k, r->name);
		else
			farley_company_key(&k, r->name);
		r->key = strbuf_detach(&k, NULL);
		if (!*r->key)
			continue; /* no letters farley can fold: no key */
		if (d->kind == FARLEY_COMPANY) {
			size_t len = strlen(r->key);
			add_entry(d, B_NAME, (uint32_t)i, r->key, len);
			add_variants(d, (uint32_t)i, "", r->key, 0);
			if (len >= PREFIX_LEN)
				add_entry(d, B_PREFIX, (uint32_t)i, r->key, PREFIX_LEN);
			continue;
		}
		add_entry(d, B_NAME_LOOSE, (uint32_t)i, r->key, strlen(r->key));
		if (r->company) {
			strbuf_reset(&k);
			strbuf_addf(&k, "%s\x1f%s", r->company, r->key);
			add_entry(d, B_NAME, (uint32_t)i, k.buf, k.len);
		}
	}
	strbuf_release(&k);
}

/* Near names ------------------------------------------------------------- */

static double near(const struct farley_dupes *d, uint32_t a, uint32_t b)
{
	const char *ka = d->recs[a].key, *kb = d->recs[b].key;
	double s;
	if (!*ka || !*kb || !strcmp(ka, kb))
		return 0.0; /* no key, or the same name: not near, equal */
	if (d->kind == FARLEY_CONTACT) {
		s = farley_person_similarity(ka, kb);
		return s >= FARLEY_DUPE_PERSON_NEAR ? s : 0.0;
	}
	s = farley_company_similarity(ka, kb);
	return s >= FARLEY_DUPE_COMPANY_NEAR ? s : 0.0;
}

static const struct farley_dupes *sort_d;
static int by_company(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	int c = strcmp(sort_d->recs[a].company, sort_d->recs[b].company);
	return c ? c : (a < b ? -1 : a > b);
}

/* Contacts: every pair within a company, or within its near-name blocks
 * when it has very many contacts. */
static void near_contacts(struct farley_dupes *d)
{
	uint32_t *order = xcalloc(d->nrecs + 1, sizeof(*order));
	size_t n = 0;
	for (size_t i = 0; i < d->nrecs; i++)
		if (d->recs[i].company && *d->recs[i].key)
			order[n++] = (uint32_t)i;
	sort_d = d;
	qsort(order, n, sizeof(*order), by_company);
	for (size_t i = 0, j; i < n; i = j) {
		const char *co = d->recs[order[i]].company;
		for (j = i + 1; j < n && !strcmp(d->recs[order[j]].company, co); j++)
			;
		if (j - i > MAX_COMPANY_GROUP) {
			for (size_t x = i; x < j; x++)
				add_variants(d, order[x], co, d->recs[order[x]].key, 1);
			continue;
		}
		for (size_t x = i; x < j; x++)
			for (size_t y = x + 1; y < j; y++) {
				double s = near(d, order[x], order[y]);
				if (s > 0)
					add_pair(d, order[x], order[y],
						 FARLEY_DUPE_NEAR_NAME, SCORE_NEAR * s);
			}
	}
	free(order);
}

/* Blocks ------------------------------------------------------------------ */

static void pair_block(struct farley_dupes *d, enum block type,
		       const uint32_t *r, size_t n)
{
	if (n < 2 || n > (type == B_NEAR || type == B_PREFIX ? MAX_NEAR_BLOCK
							      : MAX_BLOCK))
		return;
	for (size_t x = 0; x < n; x++)
		for (size_t y = x + 1; y < n; y++) {
			uint32_t a = r[x], b = r[y];
			double s;
			switch (type) {
			case B_EMAIL:
				add_pair(d, a, b, FARLEY_DUPE_EMAIL, SCORE_EMAIL);
				break;
			case B_PHONE:
				add_pair(d, a, b, FARLEY_DUPE_PHONE, SCORE_PHONE);
				break;
			case B_DOMAIN:
				add_pair(d, a, b, FARLEY_DUPE_DOMAIN, SCORE_DOMAIN);
				break;
			case B_NAME:
				add_pair(d, a, b, FARLEY_DUPE_NAME, SCORE_NAME);
				break;
			case B_NAME_LOOSE:
				/* the same person at two companies is not evidence
				 * enough; without a company on one side it is */
				if (!d->recs[a].company || !d->recs[b].company)
					add_pair(d, a, b, FARLEY_DUPE_NAME,
						 SCORE_NAME_LOOSE);
				break;
			case B_NEAR:
			case B_PREFIX:
				if ((s = near(d, a, b)) > 0)
					add_pair(d, a, b, FARLEY_DUPE_NEAR_NAME,
						 SCORE_NEAR * s);
				break;
			}
		}
}

static void pair_blocks(struct farley_dupes *d)
{
	uint32_t *recs = NULL;
	size_t arecs = 0;
	if (d->nentries)
		qsort(d->entries, d->nentries, sizeof(*d->entries), entry_cmp);
	for (size_t i = 0, j; i < d->nentries; i = j) {
		const struct entry *e = &d->entries[i];
		size_t n = 0;
		for (j = i; j < d->nentries && d->entries[j].type == e->type &&
			    !strcmp(d->entries[j].key, e->key);
		     j++) {
			/* sorted by record too: a record twice in a block
			 * (two spellings of one address) counts once */
			if (n && recs[n - 1] == d->entries[j].rec)
				continue;
			ALLOC_GROW(recs, n + 1, arecs);
			recs[n++] = d->entries[j].rec;
		}
		pair_block(d, e->type, recs, n);
	}
	free(recs);
}

static int nbits(unsigned x)
{
	int n = 0;
	for (; x; x &= x - 1)
		n++;
	return n;
}

static int dupe_cmp(const void *pa, const void *pb)
{
	const struct farley_dupe *a = pa, *b = pb;
	int c;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if ((c = nbits(b->reasons) - nbits(a->reasons)))
		return c; /* more reasons: likelier */
	if ((c = strcmp(a->a, b->a)))
		return c;
	return strcmp(a->b, b->b);
}

/* The API ------------------------------------------------------------------- */

int farley_dupes_find(struct farley_dupes **out, struct farley_index *idx,
		      enum farley_kind kind, struct farley_error *err)
{
	static const char *const name_keys[] = { "name", "company", NULL };
	static const char *const contact_keys[] = { "emails", "phones", NULL };
	static const char *const company_keys[] = { "emails", "phones", "domain",
						    NULL };
	struct farley_dupes *d;
	int ret;
	*out = NULL;
	if (kind != FARLEY_CONTACT && kind != FARLEY_COMPANY)
		return farley_error_set(err, FARLEY_EUSAGE,
					"dupes finds contacts or companies, not %ss",
					farley_kind_name(kind));
	d = xcalloc(1, sizeof(*d));
	d->kind = kind;
	strbuf_init(&d->sb, 0);
	if ((ret = farley_index_field_values(idx, kind, name_keys, take_value, d,
					     err)) ||
	    (ret = farley_index_field_values(idx, kind,
					     kind == FARLEY_CONTACT ? contact_keys
								    : company_keys,
					     take_value, d, err))) {
		farley_dupes_free(d);
		return ret;
	}
	add_name_entries(d);
	if (kind == FARLEY_CONTACT)
		near_contacts(d);
	pair_blocks(d);
	d->list = xcalloc(d->npairs + 1, sizeof(*d->list));
	for (size_t i = 0; i < d->npairs; i++) {
		const struct pair *p = &d->pairs[i];
		struct farley_dupe *x = &d->list[i];
		x->a = d->recs[p->a].id;
		x->b = d->recs[p->b].id;
		x->a_name = d->recs[p->a].name;
		x->b_name = d->recs[p->b].name;
		x->score = p->score;
		x->reasons = p->reasons;
	}
	qsort(d->list, d->npairs, sizeof(*d->list), dupe_cmp);
	/* what is left is the list and the records it points into */
	for (size_t i = 0; i < d->nentries; i++)
		free(d->entries[i].key);
	free(d->entries);
	d->entries = NULL;
	d->nentries = d->aentries = 0;
	*out = d;
	return 0;
}

const struct farley_dupe *farley_dupes_list(const struct farley_dupes *d,
					    size_t *n)
{
	*n = d ? d->npairs : 0;
	return d ? d->list : NULL;
}

void farley_dupes_reasons(struct strbuf *out, unsigned reasons)
{
	static const char *const names[] = { "email", "name", "phone", "domain",
					     "near-name" };
	const char *sep = "";
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (reasons & (1u << i)) {
			strbuf_addf(out, "%s%s", sep, names[i]);
			sep = ", ";
		}
}

void farley_dupes_free(struct farley_dupes *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nrecs; i++) {
		free(d->recs[i].id);
		free(d->recs[i].name);
		free(d->recs[i].key);
		free(d->recs[i].company);
	}
	for (size_t i = 0; i < d->nentries; i++)
		free(d->entries[i].key);
	free(d->entries);
	free(d->recs);
	free(d->rec_slots);
	free(d->pairs);
	free(d->pair_slots);
	free(d->list);
	strbuf_release(&d->sb);
	free(d);
}
