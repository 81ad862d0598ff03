/* create: the rules for new records and for the ids they get.
 *
 *   companies, contacts, deals   the slug of the name ("acme-gmbh"), or for
 *                                a name without Latin letters or digits a
 *                                letter and six hex digits ("c-5c5d44")
 *   tasks, cases                 slug of the title and four hex digits of
 *                                the content and its author
 *                                ("send-quote-07c2"), so the same task
 *                                added on two clones gets two ids
 *   interactions                 date, time, who, channel, four hex digits
 *                                ("20261124-1530-jane-doe-call-3f9a")
 *
 * A clash with an existing id adds -2, -3 ...  Whether an id exists is the
 * caller's to answer (a callback), so this module needs no repository. */
#ifndef FARLEY_CREATE_H
#define FARLEY_CREATE_H

#include <stdint.h>

#include "farley/config.h"
#include "farley/error.h"
#include "farley/record.h"

struct farley_create_env {
	const struct farley_config *cfg;
	const char *owner;  /* the default owner, or NULL */
	const char *author; /* the author's e-mail, for hash ids; or NULL */
	int32_t today;
	int (*exists)(void *data, const char *id); /* 1 when the id is taken */
	void *data;
};

/* Start a record of kind named name: the title field, the first stage of a
 * deal, the owner and the creation date where the kind has them; a case's
 * first status, priority normal and `opened` now. */
void farley_record_create(struct farley_record *r, enum farley_kind kind,
			  const char *name, const struct farley_create_env *env);

/* Give r (its fields complete) a fresh id and its path.  For an
 * interaction, about is the id of the first record it names (or NULL: the
 * summary is used); its date field decides the id's date and folder. */
int farley_record_new_id(struct farley_record *r, const char *about,
			 const struct farley_create_env *env,
			 struct farley_error *err);

/* A slug of name not yet taken (name-2, name-3 ... on a clash); for a name
 * with no Latin letters or digits, the kind's letter and a hash of
 * hash_input (or of name). */
char *farley_unique_id(const struct farley_create_env *env, enum farley_kind kind,
		       const char *name, const char *hash_input);

/* Mark the task orig done as of env->today into r (a copy of orig): the
 * `done` date is recorded; a task with `every` comes back that interval
 * after it was due (never in the past), stored in *next_due (else 0).
 * FARLEY_EINVAL when orig is not a task or is done already. */
int farley_task_complete(const struct farley_record *orig,
			 struct farley_record *r, int32_t today,
			 int32_t *next_due, struct farley_error *err);

#endif
