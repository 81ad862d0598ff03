/* create.c: defaults and ids of new records, and task recurrence. */
#include "farley/create.h"
#include "farley/date.h"
#include "farley/ids.h"
#include "farley/yamlrec.h"

#include <stdlib.h>
#include <string.h>

void farley_record_create(struct farley_record *r, enum farley_kind kind,
			  const char *name, const struct farley_create_env *env)
{
	farley_record_release(r);
	r->kind = kind;
	farley_record_set_str(r, farley_kind_title_field(kind), name);
	if (kind == FARLEY_DEAL && env->cfg && env->cfg->nstages)
		farley_record_set_str(r, "stage", env->cfg->stages[0].name);
	if (kind == FARLEY_CAMPAIGN)
		farley_record_set_str(r, "status", "planned");
	if (kind == FARLEY_CASE) {
		struct farley_datetime now;
		struct strbuf d = STRBUF_INIT;
		if (env->cfg && env->cfg->ncase_statuses)
			farley_record_set_str(r, "status",
					      env->cfg->case_statuses[0].name);
		farley_record_set_str(r, "priority", "normal");
		farley_now(&now);
		farley_datetime_format(&d, &now);
		farley_record_set_str(r, "opened", d.buf);
		strbuf_release(&d);
	}
	if (env->owner && *env->owner && farley_schema_pos(kind, "owner") >= 0)
		farley_record_set_str(r, "owner", env->owner);
	if (farley_schema_pos(kind, "created") >= 0) {
		struct strbuf d = STRBUF_INIT;
		farley_date_format(&d, env->today);
		farley_record_set_str(r, "created", d.buf);
		strbuf_release(&d);
	}
}

/* base, or base-2, base-3 ... whichever is free. */
static char *unique_of(const struct farley_create_env *env, const char *base)
{
	struct strbuf id = STRBUF_INIT;
	strbuf_addstr(&id, base);
	for (int n = 2; env->exists && env->exists(env->data, id.buf); n++) {
		strbuf_reset(&id);
		strbuf_addf(&id, "%s-%d", base, n);
	}
	return strbuf_detach(&id, NULL);
}

char *farley_unique_id(const struct farley_create_env *env, enum farley_kind kind,
		       const char *name, const char *hash_input)
{
	struct strbuf base = STRBUF_INIT;
	char *id;
	farley_slugify(&base, name, FARLEY_SLUG_MAX);
	if (base.len < 2) {
		const char *h = hash_input ? hash_input : name;
		strbuf_reset(&base);
		strbuf_addf(&base, "%c-", farley_kind_letter(kind));
		farley_hash_hex(&base, h, strlen(h), 6);
	}
	id = unique_of(env, base.buf);
	strbuf_release(&base);
	return id;
}

/* Four hex digits of the record's content and its author. */
static void content_hash(struct strbuf *out, const struct farley_record *r,
			 const char *author)
{
	struct strbuf text = STRBUF_INIT;
	farley_yaml_write(&text, r);
	strbuf_addstr(&text, author ? author : "");
	farley_hash_hex(out, text.buf, text.len, 4);
	strbuf_release(&text);
}

static char *task_id(const struct farley_record *r,
		     const struct farley_create_env *env)
{
	struct strbuf base = STRBUF_INIT;
	const char *title = farley_record_str(r, "title");
	char *id;
	farley_slugify(&base, title ? title : "", FARLEY_SLUG_MAX);
	if (base.len < 2) {
		strbuf_reset(&base);
		strbuf_addch(&base, farley_kind_letter(r->kind));
	}
	strbuf_addch(&base, '-');
	content_hash(&base, r, env->author);
	/* already an id: slugging it again would cut the hash off */
	id = unique_of(env, base.buf);
	strbuf_release(&base);
	return id;
}

static int interaction_id(const struct farley_record *r, const char *about,
			  const struct farley_create_env *env, char **out,
			  struct farley_error *err)
{
	struct strbuf id = STRBUF_INIT, slug = STRBUF_INIT;
	const char *date = farley_record_str(r, "date");
	const char *channel = farley_record_str(r, "channel");
	const char *summary = farley_record_str(r, "summary");
	struct farley_datetime dt;
	int y, mo, d;
	size_t room;
	if (!date || farley_datetime_parse(date, &dt))
		return farley_error_set(err, FARLEY_EINVAL,
					"an interaction needs a date");
	if (!channel)
		channel = "note";
	farley_civil_from_days(dt.day, &y, &mo, &d);
	strbuf_addf(&id, "%04d%02d%02d-", y, mo, d);
	if (dt.has_time)
		strbuf_addf(&id, "%02d%02d-", dt.seconds / 3600, dt.seconds / 60 % 60);
	farley_slugify(&slug, about ? about : summary ? summary : "",
		       FARLEY_SLUG_MAX);
	/* room for "-" channel "-" four hex digits and a clash suffix */
	room = FARLEY_ID_MAX - id.len - strlen(channel) - 2 - 5 - 3;
	if (slug.len > room)
		strbuf_setlen(&slug, room);
	while (slug.len && slug.buf[slug.len - 1] == '-')
		strbuf_setlen(&slug, slug.len - 1);
	if (slug.len)
		strbuf_addf(&id, "%s-", slug.buf);
	farley_slugify(&id, channel, 16);
	strbuf_addch(&id, '-');
	content_hash(&id, r, env->author);
	*out = unique_of(env, id.buf);
	strbuf_release(&id);
	strbuf_release(&slug);
	return 0;
}

int farley_record_new_id(struct farley_record *r, const char *about,
			 const struct farley_create_env *env,
			 struct farley_error *err)
{
	char *id = NULL;
	const char *date = NULL;
	if (r->kind == FARLEY_TASK || r->kind == FARLEY_CASE) {
		id = task_id(r, env);
	} else if (r->kind == FARLEY_INTERACTION) {
		int ret = interaction_id(r, about, env, &id, err);
		if (ret)
			return ret;
		date = farley_record_str(r, "date");
	} else {
		const char *name = farley_record_str(r, farley_kind_title_field(r->kind));
		id = farley_unique_id(env, r->kind, name ? name : "", NULL);
	}
	free(r->id);
	free(r->path);
	r->id = id;
	r->path = farley_record_path(r->kind, id, date);
	return 0;
}

int farley_task_complete(const struct farley_record *orig,
			 struct farley_record *r, int32_t today,
			 int32_t *next_due, struct farley_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	struct farley_interval iv;
	const char *status, *every;
	*next_due = 0;
	if (orig->kind != FARLEY_TASK)
		return farley_error_set(err, FARLEY_EINVAL, "'%s' is a %s, not a task",
					orig->id, farley_kind_name(orig->kind));
	status = farley_record_str(orig, "status");
	every = farley_record_str(orig, "every");
	if (status && !strcmp(status, "done") && !every)
		return farley_error_set(err, FARLEY_EINVAL,
					"task '%s' is already done", orig->id);
	farley_record_copy(r, orig);
	/* the completion is recorded either way */
	farley_date_format(&sb, today);
	farley_record_set_str(r, "done", sb.buf);
	if (every && !farley_interval_parse(every, &iv)) {
		/* recurring: it comes back `every` after it was due (or today) */
		const char *due = farley_record_str(orig, "due");
		int32_t d;
		int32_t from = due && !farley_date_parse(due, &d) ? d : today;
		d = farley_interval_add(from, &iv, 1);
		while (d <= today)
			d = farley_interval_add(d, &iv, 1);
		strbuf_reset(&sb);
		farley_date_format(&sb, d);
		farley_record_set_str(r, "due", sb.buf);
		if (status)
			farley_record_set_str(r, "status", "open");
		*next_due = d;
	} else {
		farley_record_set_str(r, "status", "done");
	}
	strbuf_release(&sb);
	return 0;
}
