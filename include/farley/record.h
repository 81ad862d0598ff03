/* record: the kinds, their fields and one record in memory.
 *
 * A record is an ordered list of fields as read from (or to be written to)
 * its YAML file.  Values stay text: typing (money, dates, ...) comes from
 * the schema when a value is validated, compared or emitted. */
#ifndef FARLEY_RECORD_H
#define FARLEY_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "farley/error.h"
#include "farley/strbuf.h"

enum farley_kind {
	FARLEY_COMPANY,
	FARLEY_CONTACT,
	FARLEY_DEAL,
	FARLEY_INTERACTION,
	FARLEY_TASK,
	FARLEY_CASE,
	FARLEY_CAMPAIGN,
	FARLEY_NKINDS,
	FARLEY_NOKIND = -1
};

/* "company", "contact", ...; their folders "companies", ... */
const char *farley_kind_name(enum farley_kind k);
const char *farley_kind_dir(enum farley_kind k);
/* "company", "companies", "deal", "deals" ... -> kind, else FARLEY_NOKIND */
enum farley_kind farley_kind_parse(const char *s);
/* The field that names a record: name, title or summary. */
const char *farley_kind_title_field(enum farley_kind k);
/* The letter of hash ids: c p d i t k m. */
char farley_kind_letter(enum farley_kind k);

enum farley_ftype {
	FT_STRING,   /* one line of text */
	FT_TEXT,     /* any text, multi-line allowed */
	FT_DATE,     /* YYYY-MM-DD */
	FT_DATETIME, /* date or RFC 3339 */
	FT_MONEY,
	FT_PROB,
	FT_REF,      /* an id */
	FT_REFLIST,  /* a list of ids */
	FT_LIST,     /* a list of strings */
	FT_PHONES,   /* a list of strings, always quoted */
	FT_ADDRESS,  /* a map of scalars */
	FT_INTERVAL, /* 30d 2w 3m 1y */
	FT_DIRECTION,
	FT_STATUS,
	FT_STAGE,
	FT_CHANNEL,
	FT_CURRENCY,
	FT_PRIORITY,   /* a case's: low normal high urgent */
	FT_CASESTATUS, /* a case's status, from farley.yaml */
	FT_CAMPSTATUS, /* a campaign's: planned running done */
	FT_CUSTOM,   /* not in the schema */
};

struct farley_fielddef {
	const char *name;
	enum farley_ftype type;
	int required;
	enum farley_kind ref; /* for FT_REF / FT_REFLIST */
};

/* The listed fields of a kind, in canonical order. */
const struct farley_fielddef *farley_schema(enum farley_kind k, size_t *n);
/* The definition of name in kind; for a custom field a static FT_CUSTOM. */
const struct farley_fielddef *farley_schema_field(enum farley_kind k,
						  const char *name);
/* The name of every field that refers to another record, in any kind
 * ("company", "contacts", "deal", "contact"), each once, NULL-terminated. */
const char *const *farley_schema_ref_fields(void);
/* Canonical position: listed fields by index, custom fields after. */
int farley_schema_pos(enum farley_kind k, const char *name);
int farley_ftype_is_list(enum farley_ftype t);
/* 1 when name is a valid field key ([a-z][a-z0-9_]*, at most 64). */
int farley_key_valid(const char *name);

enum farley_vtype { FARLEY_V_SCALAR, FARLEY_V_LIST, FARLEY_V_MAP };

struct farley_scalar {
	char *s;        /* NULL for a YAML null */
	unsigned plain; /* written without quotes (YAML types may apply) */
	int line, col;  /* 1-based source position, 0 when built */
};

struct farley_field {
	char *key;
	enum farley_vtype type;
	struct farley_scalar v;       /* FARLEY_V_SCALAR */
	struct farley_scalar *items;  /* FARLEY_V_LIST */
	size_t nitems;
	struct farley_field *sub;     /* FARLEY_V_MAP */
	size_t nsub;
	/* where the field stands in its file (see yamlrec.h) */
	size_t start, vend, end;
	int line, col;
	unsigned flow : 1;
};

struct farley_record {
	enum farley_kind kind;
	char *id;
	char *path; /* relative to the work tree */
	struct farley_field *fields;
	size_t nfields;
	size_t alloc;
	struct strbuf text; /* the file as read */
	unsigned flow_doc : 1;  /* the top mapping was in flow style */
};

#define FARLEY_RECORD_INIT { FARLEY_NOKIND, 0, 0, 0, 0, 0, STRBUF_INIT, 0 }

void farley_record_release(struct farley_record *r);
/* A deep copy (dst is released first). */
void farley_record_copy(struct farley_record *dst,
			const struct farley_record *src);
void farley_field_release(struct farley_field *f);
void farley_field_copy(struct farley_field *dst, const struct farley_field *src);
int farley_field_equal(const struct farley_field *a, const struct farley_field *b);

struct farley_field *farley_record_get(const struct farley_record *r,
				       const char *key);
/* The scalar text of key, or NULL (absent, null or not a scalar). */
const char *farley_record_str(const struct farley_record *r, const char *key);
/* The values of a list field (or of a scalar hand-written in its place):
 * their number, and *v pointing at them (borrowed from r). */
size_t farley_record_values(const struct farley_record *r, const char *key,
			    const struct farley_scalar **v);
/* A scalar hand-written where a list belongs, made a list of that item. */
void farley_field_as_list(struct farley_field *f);
/* Add value to the list field key unless it is there: 1 added, 0 not. */
int farley_record_add_item(struct farley_record *r, const char *key,
			   const char *value);
/* Replace or append a field (takes ownership of f's contents). */
void farley_record_put(struct farley_record *r, struct farley_field *f);
int farley_record_remove(struct farley_record *r, const char *key);
/* Convenience setters that build the field. */
void farley_record_set_str(struct farley_record *r, const char *key,
			   const char *value);
void farley_record_set_list(struct farley_record *r, const char *key,
			    const char *const *items, size_t n);
/* Sort fields into canonical order (listed, then custom alphabetically). */
void farley_record_sort(struct farley_record *r);
/* A short description for messages: "Jane Doe" or the id. */
const char *farley_record_title(const struct farley_record *r);

/* Paths -------------------------------------------------------------- */

/* Where farley puts a record: "contacts/ja/jane-doe.yaml"; for an
 * interaction "interactions/YYYY/MM/<id>.yaml" from its date. */
char *farley_record_path(enum farley_kind kind, const char *id,
			 const char *date);
/* The shard of an id: its first two letters or digits. */
void farley_id_shard(struct strbuf *out, const char *id);
/* The kind and id a record path stands for; -1 when it is not one. */
int farley_path_record(const char *relpath, enum farley_kind *kind,
		       struct strbuf *id);

/* A record found by id or prefix: where it is. */
struct farley_match {
	enum farley_kind kind;
	char *id;
	char *path;
};
void farley_matches_free(struct farley_match *m, size_t n);

struct farley_config;
/* Check types, required fields, keys and nesting.  The first problem is
 * reported with the path:line:col of the value at fault. */
int farley_record_validate(const struct farley_record *r,
			   const struct farley_config *cfg,
			   struct farley_error *err);
/* What a person typed or edited, checked beyond validation (which also
 * guards reading, so it cannot refuse what is already stored): no control
 * characters in single-line values (multi-line text keeps newlines and
 * tabs), none blank, at most 500 characters; e-mail addresses with one @
 * (at most 254), phone numbers of digits (at least 3, at most 40), amounts
 * not negative.  Only values that differ from orig's are checked (NULL:
 * all), so an old odd value does not block an unrelated change.  0 or
 * FARLEY_EINVAL naming the field. */
int farley_record_check_input(const struct farley_record *r,
			      const struct farley_record *orig,
			      struct farley_error *err);
/* Validate one scalar value for a field type: 0 or -1 with a reason. */
int farley_value_check(enum farley_ftype t, const char *s,
		       const struct farley_config *cfg, const char **why);

/* References from r: calls fn(field, target id, target kind) for each. */
typedef int (*farley_ref_fn)(const struct farley_record *r, const char *field,
			     const char *target, enum farley_kind kind,
			     void *data);
int farley_record_refs(const struct farley_record *r, farley_ref_fn fn,
		       void *data);

#endif
