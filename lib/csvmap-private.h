/* csvmap-private.h: what the parts of the csvmap module share: the roles a
 * column can have and the tables of known column names (csvmap-table.c). */
#ifndef FARLEY_CSVMAP_PRIVATE_H
#define FARLEY_CSVMAP_PRIVATE_H

#include <stddef.h>

#include "farley/record.h"

enum role {
	R_IGNORE,  /* not imported; reported when it held something */
	R_LABEL,   /* the type or label of another column: quietly left out */
	R_FIELD,   /* a farley field */
	R_FIRST,   /* parts of a person's name */
	R_MIDDLE,
	R_LAST,
	R_FULL,    /* a whole name: used when the parts are empty */
	R_COMPANY, /* the company, by name */
	R_WEBSITE, /* a web address: the company's domain */
	R_PEOPLE,  /* an interaction's correspondents, by address */
	R_ADDRESS, /* a part of one of several addresses */
};

enum {
	F_WEAK = 1 << 0,   /* only when no other column gives the same */
	F_MULTI = 1 << 1,  /* "a ::: b" is two values */
	F_TAGS = 1 << 2,   /* group labels */
	F_DATE = 1 << 3,
	F_MONEY = 1 << 4,
	F_LOWER = 1 << 5,
	F_UPPER = 1 << 6,
	F_DOMAIN = 1 << 7,
	F_STATUS = 1 << 8, /* a task's status: Completed -> done */
	F_LINES = 1 << 9,  /* multi-line text is fine */
	F_APPEND = 1 << 10, /* Street 2: joins the street */
};

#define K(k) (1u << (k))
#define K_CO K(FARLEY_COMPANY)
#define K_CT K(FARLEY_CONTACT)
#define K_DL K(FARLEY_DEAL)
#define K_IN K(FARLEY_INTERACTION)
#define K_TK K(FARLEY_TASK)
#define K_CS K(FARLEY_CASE)
#define K_CP K(FARLEY_CAMPAIGN)
#define K_ANY (K_CO | K_CT | K_DL | K_IN | K_TK | K_CS | K_CP)
/* rows that name a company */
#define K_LINKED (K_CT | K_DL | K_IN | K_TK | K_CS)

struct entry {
	const char *pattern; /* normalised; '#' is a run of digits or none;
			      * a final '*' is anything */
	unsigned kinds;
	enum role role;
	const char *field;
	unsigned flags;
};

struct address_part {
	const char *suffix; /* '#': the part's own number (Street 2) */
	const char *part;
	unsigned flags;
};

struct address_prefix {
	const char *prefix;
	int contact, company; /* preference: lower first */
};

extern const struct entry csvmap_table[];
extern const size_t csvmap_ntable;
extern const struct address_part csvmap_address_parts[];
extern const size_t csvmap_naddress_parts;
extern const struct address_prefix csvmap_address_prefixes[];
extern const size_t csvmap_naddress_prefixes;

#endif
