/* query.c: parse --where expressions and compile them to SQL with named,
 * bound parameters; --sort to ORDER BY; the typed numbers the index stores
 * for comparisons. */
#include "query.h"
#include "farley/date.h"
#include "farley/ids.h"
#include "farley/money.h"

#include <ctype.h>
#include <pthread.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void farley_sql_init(struct farley_sql *q)
{
	memset(q, 0, sizeof(*q));
	strbuf_init(&q->sql, 0);
}

void farley_sql_release(struct farley_sql *q)
{
	for (size_t i = 0; i < q->n; i++)
		free(q->p[i].text);
	free(q->p);
	strbuf_release(&q->sql);
	memset(q, 0, sizeof(*q));
	strbuf_init(&q->sql, 0);
}

/* A new parameter, its placeholder appended to the SQL.  Numbered names
 * keep the placeholders of several compiled filters in one statement
 * distinct. */
static struct farley_sqlparam *param(struct farley_sql *q,
				     enum farley_sqltype type)
{
	struct farley_sqlparam *p;
	ALLOC_GROW(q->p, q->n + 1, q->alloc);
	p = &q->p[q->n++];
	memset(p, 0, sizeof(*p));
	p->type = type;
	snprintf(p->name, sizeof(p->name), ":p%zu", q->n);
	strbuf_addstr(&q->sql, p->name);
	return p;
}

void farley_sql_text(struct farley_sql *q, const char *s)
{
	param(q, FARLEY_SQL_TEXT)->text = xstrdup(s);
}

void farley_sql_int(struct farley_sql *q, int64_t v)
{
	param(q, FARLEY_SQL_INT)->i = v;
}

static void sql_real(struct farley_sql *q, double v)
{
	param(q, FARLEY_SQL_REAL)->d = v;
}

int farley_sql_bind(sqlite3_stmt *st, const struct farley_sql *q,
		    struct farley_error *err)
{
	if (sqlite3_bind_parameter_count(st) != (int)q->n)
		return farley_error_set(err, FARLEY_EFAIL,
					"query: %d placeholders for %zu values",
					sqlite3_bind_parameter_count(st), q->n);
	for (size_t k = 0; k < q->n; k++) {
		const struct farley_sqlparam *p = &q->p[k];
		int i = sqlite3_bind_parameter_index(st, p->name), rc;
		if (!i)
			return farley_error_set(err, FARLEY_EFAIL,
						"query: no placeholder %s", p->name);
		switch (p->type) {
		case FARLEY_SQL_INT:
			rc = sqlite3_bind_int64(st, i, p->i);
			break;
		case FARLEY_SQL_REAL:
			rc = sqlite3_bind_double(st, i, p->d);
			break;
		default:
			rc = sqlite3_bind_text(st, i, p->text, -1, SQLITE_STATIC);
			break;
		}
		if (rc != SQLITE_OK)
			return farley_error_set(err, FARLEY_EFAIL, "query: %s",
						sqlite3_errstr(rc));
	}
	return 0;
}

/* A plain number a custom field may hold: digits, one point, a sign. */
static int parse_number(const char *s, double *out)
{
	char *end;
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	*out = strtod(s, &end);
	return *end || !isfinite(*out) ? -1 : 0;
}

/* The names of references, gathered from the schema once: a rebuild asks
 * for every one of its millions of fields rows, on two threads. */
static const char *ref_names[16];
static pthread_once_t ref_once = PTHREAD_ONCE_INIT;

static void gather_refs(void)
{
	size_t n = 0;
	for (int k = 0; k < FARLEY_NKINDS; k++) {
		size_t nd;
		const struct farley_fielddef *d = farley_schema((enum farley_kind)k, &nd);
		for (size_t i = 0; i < nd; i++) {
			size_t j = 0;
			if (d[i].type != FT_REF && d[i].type != FT_REFLIST)
				continue;
			while (j < n && strcmp(ref_names[j], d[i].name))
				j++;
			if (j == n && n + 1 < sizeof(ref_names) / sizeof(*ref_names))
				ref_names[n++] = d[i].name;
		}
	}
}

int farley_key_is_ref(const char *key)
{
	pthread_once(&ref_once, gather_refs);
	for (size_t i = 0; ref_names[i]; i++)
		if (!strcmp(ref_names[i], key))
			return 1;
	return 0;
}

int farley_field_number(enum farley_ftype t, const struct farley_scalar *sc,
			int64_t *num, int *is_int, double *real, int64_t *num2)
{
	int32_t v32;
	struct farley_datetime dt;
	*is_int = 1;
	*num2 = 0;
	if (!sc->s)
		return -1;
	switch (t) {
	case FT_MONEY:
		return farley_money_parse(sc->s, num);
	case FT_PROB:
		if (farley_prob_parse(sc->s, &v32))
			return -1;
		*num = v32;
		return 0;
	case FT_DATE:
		if (farley_date_parse(sc->s, &v32))
			return -1;
		*num = v32;
		return 0;
	case FT_DATETIME:
		if (farley_datetime_parse(sc->s, &dt))
			return -1;
		*num = dt.day;
		*num2 = farley_datetime_instant(&dt);
		return 0;
	case FT_CUSTOM:
		/* a number even when quoted: `farley set x score=7` writes "7" */
		if (parse_number(sc->s, real))
			return -1;
		*is_int = 0;
		return 0;
	default:
		return -1;
	}
}

/* Parsing ----------------------------------------------------------- */

enum tok {
	T_END,
	T_FIELD,
	T_OP,
	T_VALUE,
	T_AND,
	T_OR,
	T_NOT,
	T_LP,
	T_RP,
};

struct parser {
	const char *src, *what;
	size_t pos;        /* where the next token starts */
	enum tok tok;
	size_t tstart;     /* start of the current token */
	struct strbuf text;
	int regex;         /* the value was /.../ */
	int icase;
	enum farley_kind kind;
	struct farley_sql *out;
	struct farley_error *err;
	int depth;
	const char *const *known; /* custom keys records have; NULL: no check */
	/* what compare() compares: fields row f, or a typed column of r */
	const char *tcol, *ncol;
};

/* The typed columns of records that hold exactly what a scalar field's
 * fields row holds (text, or the number in num), for the kinds whose
 * schema has that field as a scalar: a term on them reads the record's
 * own row, with no subquery.  (currency and status are not here: their
 * columns hold defaults for an absent field.) */
static const struct typed_col {
	const char *key;
	unsigned kinds;    /* 1 << kind */
} typed_cols[] = {
	{ "owner", 0x1f },
	{ "company", 1u << FARLEY_CONTACT | 1u << FARLEY_DEAL |
			     1u << FARLEY_INTERACTION | 1u << FARLEY_TASK },
	{ "stage", 1u << FARLEY_DEAL },
	{ "value", 1u << FARLEY_DEAL },
	{ "probability", 1u << FARLEY_DEAL },
	{ "close", 1u << FARLEY_DEAL },
	{ "due", 1u << FARLEY_TASK },
};

static const struct typed_col *typed_col(enum farley_kind kind, const char *key)
{
	if (kind == FARLEY_NOKIND)
		return NULL;
	for (size_t i = 0; i < sizeof(typed_cols) / sizeof(*typed_cols); i++)
		if (!strcmp(typed_cols[i].key, key) &&
		    (typed_cols[i].kinds & 1u << kind))
			return &typed_cols[i];
	return NULL;
}

static int fail(struct parser *p, size_t at, const char *fmt, const char *arg)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s: ", p->what);
	strbuf_addf(&sb, fmt, arg ? arg : "");
	strbuf_addf(&sb, " at column %zu\n  %s\n  ", at + 1, p->src);
	for (size_t i = 0; i < at; i++)
		strbuf_addch(&sb, p->src[i] == '\t' ? '\t' : ' ');
	strbuf_addch(&sb, '^');
	farley_error_set(p->err, FARLEY_EUSAGE, "%s", sb.buf);
	strbuf_release(&sb);
	return FARLEY_EUSAGE;
}

static int is_op_char(char c)
{
	return c == '=' || c == '!' || c == '<' || c == '>' || c == '~';
}

/* Read the next token.  expect_value: a value may follow (after an op). */
static int lex(struct parser *p, int expect_value)
{
	const char *s = p->src;
	size_t i = p->pos;
	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')
		i++;
	p->tstart = i;
	strbuf_reset(&p->text);
	p->regex = p->icase = 0;
	if (!s[i]) {
		p->tok = T_END;
	} else if (expect_value) {
		if (s[i] == '"') {
			i++;
			while (s[i] && s[i] != '"') {
				if (s[i] == '\\' && s[i + 1])
					i++;
				strbuf_addch(&p->text, s[i++]);
			}
			if (!s[i])
				return fail(p, p->tstart, "unterminated string%s", NULL);
			i++;
		} else if (s[i] == '/') {
			i++;
			while (s[i] && s[i] != '/') {
				if (s[i] == '\\' && s[i + 1] == '/')
					i++;
				else if (s[i] == '\\' && s[i + 1])
					strbuf_addch(&p->text, s[i++]);
				strbuf_addch(&p->text, s[i++]);
			}
			if (!s[i])
				return fail(p, p->tstart, "unterminated /regex/%s", NULL);
			i++;
			p->regex = 1;
			while (s[i] == 'i') {
				p->icase = 1;
				i++;
			}
		} else {
			while (s[i] && s[i] != ' ' && s[i] != '\t' && s[i] != ')' &&
			       s[i] != '(')
				strbuf_addch(&p->text, s[i++]);
			if (!p->text.len || !strcmp(p->text.buf, "and") ||
			    !strcmp(p->text.buf, "or") || !strcmp(p->text.buf, "not"))
				return fail(p, p->tstart,
					    "expected a value (quote \"and\", \"or\" "
					    "and \"not\" to mean the words)%s",
					    NULL);
		}
		p->tok = T_VALUE;
	} else if (s[i] == '(') {
		p->tok = T_LP;
		i++;
	} else if (s[i] == ')') {
		p->tok = T_RP;
		i++;
	} else if (is_op_char(s[i])) {
		while (is_op_char(s[i]))
			strbuf_addch(&p->text, s[i++]);
		p->tok = T_OP;
	} else if (isalpha((unsigned char)s[i]) || s[i] == '_') {
		while (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '.')
			strbuf_addch(&p->text, s[i++]);
		if (!strcmp(p->text.buf, "and"))
			p->tok = T_AND;
		else if (!strcmp(p->text.buf, "or"))
			p->tok = T_OR;
		else if (!strcmp(p->text.buf, "not"))
			p->tok = T_NOT;
		else
			p->tok = T_FIELD;
	} else {
		return fail(p, i, "unexpected '%.1s'", s + i);
	}
	p->pos = i;
	return 0;
}

/* Terms -------------------------------------------------------------- */

static enum farley_ftype field_type(enum farley_kind kind, const char *name,
				    enum farley_kind *ref)
{
	*ref = FARLEY_NOKIND;
	for (int k = 0; k < FARLEY_NKINDS; k++) {
		const struct farley_fielddef *d;
		if (kind != FARLEY_NOKIND && k != (int)kind)
			continue;
		d = farley_schema_field((enum farley_kind)k, name);
		if (d->type != FT_CUSTOM) {
			*ref = d->ref;
			return d->type;
		}
	}
	return FT_CUSTOM;
}

static int in_list(const char *const *list, const char *name)
{
	for (size_t i = 0; list && list[i]; i++)
		if (!strcmp(list[i], name))
			return 1;
	return 0;
}

/* A field no record can have (not in any kind's schema, not a custom field
 * of any record): a typo.  Fills err with a suggestion from kind's fields
 * (all kinds' for FARLEY_NOKIND) and the custom ones. */
static int unknown_field(enum farley_kind kind, const char *name,
			 const char *const *known, struct strbuf *msg)
{
	const char **cand = NULL;
	const char *best;
	size_t n = 0, alloc = 0;
	enum farley_kind ref;
	if (!known || field_type(FARLEY_NOKIND, name, &ref) != FT_CUSTOM ||
	    in_list(known, name) || !strcmp(name, "id"))
		return 0;
	for (int k = 0; k < FARLEY_NKINDS; k++) {
		size_t nd;
		const struct farley_fielddef *d;
		if (kind != FARLEY_NOKIND && k != (int)kind)
			continue;
		d = farley_schema((enum farley_kind)k, &nd);
		for (size_t i = 0; i < nd; i++) {
			ALLOC_GROW(cand, n + 2, alloc);
			cand[n++] = d[i].name;
		}
	}
	for (size_t i = 0; known[i]; i++) {
		ALLOC_GROW(cand, n + 2, alloc);
		cand[n++] = known[i];
	}
	ALLOC_GROW(cand, n + 1, alloc);
	cand[n] = NULL;
	best = farley_closest(name, cand);
	strbuf_addf(msg, "no %s has a field '%s'",
		    kind == FARLEY_NOKIND ? "record" : farley_kind_name(kind), name);
	if (best)
		strbuf_addf(msg, " (did you mean %s?)", best);
	free(cand);
	return 1;
}

static const char *sql_op(const char *op)
{
	if (!strcmp(op, "=") || !strcmp(op, "!="))
		return "=";
	return op; /* < <= > >= */
}

/* The comparison of one fields row (alias f) with the value. */
static int compare(struct parser *p, enum farley_ftype t, const char *op,
		   size_t vcol)
{
	struct farley_sql *q = p->out;
	const char *v = p->text.buf;
	const char *o = sql_op(op);
	int64_t cents;
	int32_t n32;
	struct farley_datetime dt;
	double d;

	if (!strcmp(op, "~") || !strcmp(op, "!~") || p->regex) {
		if (strcmp(op, "~") && strcmp(op, "!~") && strcmp(op, "=") &&
		    strcmp(op, "!="))
			return fail(p, vcol, "a /regex/ goes with ~, !~, = or !=%s", NULL);
		strbuf_addstr(&q->sql, "regexp(");
		if (p->icase) {
			struct strbuf re = STRBUF_INIT;
			strbuf_addf(&re, "(?i)%s", v);
			farley_sql_text(q, re.buf);
			strbuf_release(&re);
		} else {
			farley_sql_text(q, v);
		}
		strbuf_addf(&q->sql, ", %s)", p->tcol);
		return 0;
	}
	switch (t) {
	case FT_MONEY:
		if (farley_money_parse(v, &cents))
			return fail(p, vcol, "'%s' is not an amount", v);
		strbuf_addf(&q->sql, "%s %s ", p->ncol, o);
		farley_sql_int(q, cents);
		return 0;
	case FT_PROB:
		if (farley_prob_parse(v, &n32))
			return fail(p, vcol, "'%s' is not a probability (0 to 1)", v);
		strbuf_addf(&q->sql, "%s %s ", p->ncol, o);
		farley_sql_int(q, n32);
		return 0;
	case FT_DATE:
		if (farley_date_expr(v, &n32))
			return fail(p, vcol,
				    "'%s' is not a date (YYYY-MM-DD, today, tomorrow, friday, -30d)",
				    v);
		strbuf_addf(&q->sql, "%s %s ", p->ncol, o);
		farley_sql_int(q, n32);
		return 0;
	case FT_DATETIME:
		if (!farley_date_expr(v, &n32)) {
			/* a date: the datetime's date as written in its offset */
			strbuf_addf(&q->sql, "%s %s ", p->ncol, o);
			farley_sql_int(q, n32);
			return 0;
		}
		if (farley_datetime_parse(v, &dt))
			return fail(p, vcol, "'%s' is not a date or datetime", v);
		strbuf_addf(&q->sql, "f.num2 %s ", o);
		farley_sql_int(q, farley_datetime_instant(&dt));
		return 0;
	case FT_CUSTOM:
		if (!strncmp(v, "today", 5) && !farley_date_expr(v, &n32)) {
			struct strbuf ds = STRBUF_INIT;
			farley_date_format(&ds, n32);
			strbuf_addf(&q->sql, "%s %s ", p->tcol, o);
			farley_sql_text(q, ds.buf);
			strbuf_release(&ds);
			return 0;
		}
		if (!parse_number(v, &d)) {
			strbuf_addf(&q->sql, "(CASE WHEN %s IS NOT NULL THEN %s %s ", p->ncol,
				    p->ncol, o);
			sql_real(q, d);
			strbuf_addf(&q->sql, " ELSE %s %s ", p->tcol, o);
			farley_sql_text(q, v);
			strbuf_addstr(&q->sql, " END)");
			return 0;
		}
		strbuf_addf(&q->sql, "%s %s ", p->tcol, o);
		farley_sql_text(q, v);
		return 0;
	default:
		strbuf_addf(&q->sql, "%s %s ", p->tcol, o);
		farley_sql_text(q, v);
		return 0;
	}
}

static int term(struct parser *p)
{
	struct farley_sql *q = p->out;
	struct strbuf field = STRBUF_INIT, op = STRBUF_INIT;
	size_t fcol = p->tstart, vcol;
	char *dot;
	const char *key, *sub = NULL, *head = NULL;
	enum farley_kind ref = FARLEY_NOKIND, target = p->kind;
	enum farley_ftype t;
	const struct typed_col *tc;
	int negate = 0, ret = 0;

	strbuf_addstr(&field, p->text.buf);
	for (size_t i = 0; i < field.len; i++)
		if (isupper((unsigned char)field.buf[i])) {
			ret = fail(p, fcol, "field names are lower-case: '%s'", field.buf);
			goto out;
		}
	if ((ret = lex(p, 0)))
		goto out;
	if (p->tok == T_OP) {
		strbuf_addstr(&op, p->text.buf);
		if (strcmp(op.buf, "=") && strcmp(op.buf, "!=") && strcmp(op.buf, "<") &&
		    strcmp(op.buf, "<=") && strcmp(op.buf, ">") && strcmp(op.buf, ">=") &&
		    strcmp(op.buf, "~") && strcmp(op.buf, "!~")) {
			ret = fail(p, p->tstart, "unknown operator '%s'", op.buf);
			goto out;
		}
		negate = !strcmp(op.buf, "!=") || !strcmp(op.buf, "!~");
		if ((ret = lex(p, 1)))
			goto out;
		if (p->tok != T_VALUE) {
			ret = fail(p, p->tstart, "expected a value after '%s'", op.buf);
			goto out;
		}
		vcol = p->tstart;
	} else {
		vcol = fcol;
	}

	/* which field: a.b is a part of the address or a referenced record's */
	key = field.buf;
	if ((dot = strchr(field.buf, '.'))) {
		*dot = '\0';
		head = field.buf;
		key = dot + 1;
		if (strchr(key, '.') || !*key || !*head) {
			ret = fail(p, fcol, "'%s' has too many dots", p->src + fcol);
			goto out;
		}
		if (!strcmp(head, "address")) {
			sub = key;
			key = "address";
			head = NULL;
		} else {
			enum farley_ftype ht = field_type(p->kind, head, &ref);
			if (ht != FT_REF && ht != FT_REFLIST) {
				ret = fail(p, fcol, "'%s' does not refer to another record",
					   head);
				goto out;
			}
			target = ref;
		}
	}
	if (!farley_key_valid(key) || (head && !farley_key_valid(head))) {
		ret = fail(p, fcol, "'%s' is not a field name", key);
		goto out;
	}
	if (!sub) {
		struct strbuf why = STRBUF_INIT;
		if (unknown_field(head ? target : p->kind, key, p->known, &why)) {
			ret = fail(p, fcol, "%s", why.buf);
			strbuf_release(&why);
			goto out;
		}
	}
	t = sub ? FT_STRING : field_type(target, key, &ref);

	if (negate)
		strbuf_addstr(&q->sql, "NOT ");
	p->tcol = "f.text";
	p->ncol = "f.num";
	if (!head && !sub && !p->regex && strcmp(op.buf, "~") &&
	    strcmp(op.buf, "!~") && (tc = typed_col(p->kind, key))) {
		struct strbuf col = STRBUF_INIT;
		/* 0 or 1 like the subquery's IN, never NULL, so NOT is exact */
		strbuf_addf(&col, "r.%s", key);
		if (!op.len) {
			strbuf_addf(&q->sql, "(%s IS NOT NULL)", col.buf);
		} else {
			p->tcol = p->ncol = col.buf;
			strbuf_addstr(&q->sql, "coalesce(");
			ret = compare(p, t, op.buf, vcol);
			strbuf_addstr(&q->sql, ", 0)");
			p->tcol = "f.text";
			p->ncol = "f.num";
		}
		strbuf_release(&col);
		if (!ret && op.len)
			ret = lex(p, 0);
		goto out;
	}
	if (head) {
		strbuf_addstr(&q->sql,
			      "r.rid IN (SELECT f0.rid FROM fields f0 JOIN records t "
			      "ON t.id = f0.text AND t.valid = 1 AND t.kind = ");
		farley_sql_int(q, target);
		strbuf_addstr(&q->sql, " JOIN fields f ON f.rid = t.rid WHERE f0.ix = 1"
				      " AND f0.key = ");
		farley_sql_text(q, head);
		strbuf_addstr(&q->sql, " AND f.key = ");
		farley_sql_text(q, key);
	} else if (farley_key_is_ref(key)) {
		/* every row of a reference is in fields_key */
		strbuf_addstr(&q->sql, "r.rid IN (SELECT f.rid FROM fields f"
				      " WHERE f.ix = 1 AND f.key = ");
		farley_sql_text(q, key);
	} else {
		/* the other fields are read from the record's own rows */
		strbuf_addstr(&q->sql, "EXISTS (SELECT 1 FROM fields f"
				      " WHERE f.rid = r.rid AND f.key = ");
		farley_sql_text(q, key);
	}
	if (sub) {
		strbuf_addstr(&q->sql, " AND f.sub = ");
		farley_sql_text(q, sub);
	}
	strbuf_addstr(&q->sql, " AND ");
	if (!op.len)
		strbuf_addstr(&q->sql, "f.text IS NOT NULL");
	else if ((ret = compare(p, t, op.buf, vcol)))
		goto out;
	strbuf_addch(&q->sql, ')');
	if (op.len && (ret = lex(p, 0)))
		goto out;
out:
	strbuf_release(&field);
	strbuf_release(&op);
	return ret;
}

static int parse_or(struct parser *p);

static int parse_unary(struct parser *p)
{
	int ret;
	if (++p->depth > 100)
		return fail(p, p->tstart, "expression nested too deeply%s", NULL);
	switch (p->tok) {
	case T_NOT:
		strbuf_addstr(&p->out->sql, "NOT (");
		if ((ret = lex(p, 0)) || (ret = parse_unary(p)))
			return ret;
		strbuf_addch(&p->out->sql, ')');
		break;
	case T_LP: {
		size_t at = p->tstart;
		strbuf_addch(&p->out->sql, '(');
		if ((ret = lex(p, 0)) || (ret = parse_or(p)))
			return ret;
		if (p->tok != T_RP) {
			char col[32];
			snprintf(col, sizeof(col), "%zu", at + 1);
			return fail(p, p->tok == T_END ? strlen(p->src) : p->tstart,
				    "missing ')' (the '(' is at column %s)", col);
		}
		strbuf_addch(&p->out->sql, ')');
		if ((ret = lex(p, 0)))
			return ret;
		break;
	}
	case T_FIELD:
		if ((ret = term(p)))
			return ret;
		break;
	case T_END:
		return fail(p, p->tstart, "expected a field%s", NULL);
	default:
		return fail(p, p->tstart, "expected a field, 'not' or '('%s", NULL);
	}
	p->depth--;
	return 0;
}

static int parse_and(struct parser *p)
{
	int ret;
	if ((ret = parse_unary(p)))
		return ret;
	while (p->tok == T_AND) {
		strbuf_addstr(&p->out->sql, " AND ");
		if ((ret = lex(p, 0)) || (ret = parse_unary(p)))
			return ret;
	}
	return 0;
}

static int parse_or(struct parser *p)
{
	int ret;
	strbuf_addch(&p->out->sql, '(');
	if ((ret = parse_and(p)))
		return ret;
	while (p->tok == T_OR) {
		strbuf_addstr(&p->out->sql, " OR ");
		if ((ret = lex(p, 0)) || (ret = parse_and(p)))
			return ret;
	}
	strbuf_addch(&p->out->sql, ')');
	return 0;
}

int farley_query_compile(struct farley_sql *out, enum farley_kind kind,
			 const char *expr, const char *what,
			 const char *const *known, struct farley_error *err)
{
	struct parser p;
	int ret;
	memset(&p, 0, sizeof(p));
	p.known = known;
	p.src = expr;
	p.what = what;
	p.kind = kind;
	p.out = out;
	p.err = err;
	strbuf_init(&p.text, 0);
	if (!(ret = lex(&p, 0)) && !(ret = parse_or(&p)) && p.tok != T_END)
		ret = fail(&p, p.tstart,
			   p.tok == T_RP ? "unbalanced ')'%s"
					 : "expected 'and', 'or' or the end%s",
			   NULL);
	strbuf_release(&p.text);
	return ret;
}

int farley_query_order(struct farley_sql *out, enum farley_kind kind,
		       const char *sort, const char *const *known,
		       struct farley_error *err)
{
	char *copy = xstrdup(sort), *tok, *save = NULL;
	int first = 1, ret = 0;
	strbuf_addstr(&out->sql, " ORDER BY ");
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int desc = *tok == '-';
		const char *name = tok + (desc || *tok == '+');
		enum farley_kind ref;
		enum farley_ftype t;
		const char *dir = desc ? " DESC" : "";
		if (!first)
			strbuf_addstr(&out->sql, ", ");
		first = 0;
		if (!strcmp(name, "id") || !strcmp(name, "path") || !strcmp(name, "kind")) {
			strbuf_addf(&out->sql, "r.%s%s", name, dir);
			continue;
		}
		if (!farley_key_valid(name)) {
			ret = farley_error_set(err, FARLEY_EUSAGE,
					       "--sort: '%s' is not a field name", name);
			break;
		}
		{
			struct strbuf why = STRBUF_INIT;
			if (unknown_field(kind, name, known, &why)) {
				ret = farley_error_set(err, FARLEY_EUSAGE, "--sort: %s",
						       why.buf);
				strbuf_release(&why);
				break;
			}
		}
		t = field_type(kind, name, &ref);
		if (t == FT_MONEY || t == FT_PROB || t == FT_DATE || t == FT_DATETIME ||
		    t == FT_CUSTOM) {
			strbuf_addstr(&out->sql, "(SELECT f.");
			strbuf_addstr(&out->sql, t == FT_DATETIME ? "num2" : "num");
			strbuf_addstr(&out->sql, " FROM fields f WHERE f.rid = r.rid AND f.key = ");
			farley_sql_text(out, name);
			strbuf_addf(&out->sql, " ORDER BY f.pos LIMIT 1)%s NULLS LAST, ", dir);
		}
		strbuf_addstr(&out->sql, "(SELECT f.text FROM fields f WHERE f.rid = r.rid AND f.key = ");
		farley_sql_text(out, name);
		strbuf_addf(&out->sql, " ORDER BY f.pos LIMIT 1)%s NULLS LAST", dir);
	}
	if (!ret)
		strbuf_addstr(&out->sql, first ? "r.kind, r.id" : ", r.id");
	free(copy);
	return ret;
}
