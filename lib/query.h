/* query.h: the --where language, compiled to SQL over the index.
 *
 * Private to the index (lib/index*.c): commands pass expressions in a
 * struct farley_query and never see SQL.
 *
 *   expr   := term | expr and expr | expr or expr | not expr | ( expr )
 *   term   := FIELD OP VALUE | FIELD
 *   OP     := = != < <= > >= ~ !~
 *   VALUE  := word | "quoted string" | /regex/ | /regex/i
 *
 * Comparisons are typed by the schema (money, numbers, dates, datetimes,
 * strings by code point); '=' on a list is true when any element is equal;
 * 'a.b' looks at field b of the record that reference a points to
 * (company.industry=retail), or at one part of the address
 * (address.city=Berlin).  Every value is bound as a parameter: no text from
 * the command line is ever pasted into SQL. */
#ifndef FARLEY_QUERY_H
#define FARLEY_QUERY_H

#include <stdint.h>

#include "farley/error.h"
#include "farley/record.h"
#include "farley/strbuf.h"

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;

enum farley_sqltype { FARLEY_SQL_TEXT, FARLEY_SQL_INT, FARLEY_SQL_REAL };

struct farley_sqlparam {
	char name[24];  /* ":p1", ":p2" ... as written in the SQL */
	enum farley_sqltype type;
	int64_t i;
	double d;
	char *text;
};

/* SQL text with named placeholders, and their values.  Values are only
 * ever bound, so text from the command line never becomes SQL. */
struct farley_sql {
	struct strbuf sql;
	struct farley_sqlparam *p;
	size_t n, alloc;
};

void farley_sql_init(struct farley_sql *q);
void farley_sql_release(struct farley_sql *q);
/* Append a placeholder to the SQL and remember its value. */
void farley_sql_text(struct farley_sql *q, const char *s);
void farley_sql_int(struct farley_sql *q, int64_t v);
/* Bind every value to its placeholder in st, by name.  A placeholder of
 * st without a value, or a value without a placeholder, is FARLEY_EFAIL:
 * nothing is left unbound (NULL) by mistake. */
int farley_sql_bind(sqlite3_stmt *st, const struct farley_sql *q,
		    struct farley_error *err);

/* Append a boolean SQL expression over the records table (alias r) for
 * expr.  what names the source in messages ("--where", "filter").  A
 * syntax error is FARLEY_EUSAGE naming the column, with the expression
 * and a caret under the fault in the message.  known lists the custom
 * field names records have (NULL-terminated): a field in no kind's schema
 * and not among them is a typo, FARLEY_EUSAGE with "did you mean"; NULL
 * skips that check. */
int farley_query_compile(struct farley_sql *out, enum farley_kind kind,
			 const char *expr, const char *what,
			 const char *const *known, struct farley_error *err);
/* Append "ORDER BY ..." for --sort F[,-F] (known as above). */
int farley_query_order(struct farley_sql *out, enum farley_kind kind,
		       const char *sort, const char *const *known,
		       struct farley_error *err);

/* 1 when key names a reference (a record id or a list of them) in some
 * kind's schema.  Only those fields rows are in the index's fields_key
 * (fields.ix = 1 marks them): they are what joins look up by value. */
int farley_key_is_ref(const char *key);

/* The stored numeric forms the index keeps in fields.num / fields.num2. */
int farley_field_number(enum farley_ftype t, const struct farley_scalar *sc,
			int64_t *num, int *is_int, double *real, int64_t *num2);

/* Define regexp(pattern, text) on db, for ~ (query-regexp.c). */
int farley_query_register(sqlite3 *db);

#endif
