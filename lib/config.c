/* config.c: farley.yaml. */
#include "farley/config.h"
#include "farley/money.h"
#include "farley/yamltext.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static const char default_text[] =
	"# farley repository settings: see farley-records(5)\n"
	"currency: EUR\n"
	"stages:                     # ordered; the pipeline shows them in this order\n"
	"  - name: lead\n"
	"    probability: 0.10\n"
	"  - name: qualified\n"
	"    probability: 0.25\n"
	"  - name: proposal\n"
	"    probability: 0.50\n"
	"  - name: negotiation\n"
	"    probability: 0.75\n"
	"  - name: won\n"
	"    probability: 1.0\n"
	"    closed: won\n"
	"  - name: lost\n"
	"    probability: 0.0\n"
	"    closed: lost\n"
	"channels: [email, call, meeting, chat, social, letter, note]\n"
	"stale_days: 30              # a deal with no stage change or interaction "
	"for this long is stalled\n";

const char *farley_config_default_text(void)
{
	return default_text;
}

void farley_config_release(struct farley_config *cfg)
{
	if (!cfg)
		return;
	free(cfg->currency);
	for (size_t i = 0; i < cfg->nstages; i++)
		free(cfg->stages[i].name);
	free(cfg->stages);
	for (size_t i = 0; i < cfg->nchannels; i++)
		free(cfg->channels[i]);
	free(cfg->channels);
	for (size_t i = 0; i < cfg->ncase_statuses; i++)
		free(cfg->case_statuses[i].name);
	free(cfg->case_statuses);
	for (size_t i = 0; i < cfg->nsegments; i++) {
		free(cfg->segments[i].name);
		free(cfg->segments[i].where);
	}
	free(cfg->segments);
	memset(cfg, 0, sizeof(*cfg));
}

void farley_config_defaults(struct farley_config *cfg)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	farley_config_parse(cfg, default_text, sizeof(default_text) - 1,
			    "farley.yaml", &err);
	farley_error_clear(&err);
}

static const char *scalar(yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value
						: NULL;
}

static int bad(struct farley_error *err, const char *path, yaml_node_t *n,
	       const char *what)
{
	return farley_error_at(err, FARLEY_EINVAL, path,
			       n ? (int)n->start_mark.line + 1 : 0,
			       n ? (int)n->start_mark.column + 1 : 0, "%s", what);
}

static const char *const priorities[FARLEY_NPRIO] = { "low", "normal", "high",
							"urgent" };

int farley_priority_parse(const char *s)
{
	for (int i = 0; s && i < FARLEY_NPRIO; i++)
		if (!strcmp(s, priorities[i]))
			return i;
	return -1;
}

const char *farley_priority_name(int prio)
{
	return prio >= 0 && prio < FARLEY_NPRIO ? priorities[prio] : "normal";
}

int farley_duration_parse(const char *s, int64_t *seconds)
{
	int64_t total = 0;
	if (!s || !*s)
		return -1;
	while (*s) {
		int64_t n = 0, unit;
		if (*s < '0' || *s > '9')
			return -1;
		for (; *s >= '0' && *s <= '9'; s++)
			if ((n = n * 10 + (*s - '0')) > 1000000)
				return -1;
		switch (*s++) {
		case 'm': unit = 60; break;
		case 'h': unit = 3600; break;
		case 'd': unit = 86400; break;
		case 'w': unit = 7 * 86400; break;
		default: return -1;
		}
		total += n * unit;
	}
	*seconds = total;
	return total > 0 ? 0 : -1;
}

/* case_statuses: a list of names, or of {name, closed: true}. */
static int parse_case_statuses(struct farley_config *cfg, yaml_document_t *doc,
			       yaml_node_t *v, const char *path,
			       struct farley_error *err)
{
	size_t alloc = 0;
	if (v->type != YAML_SEQUENCE_NODE)
		return bad(err, path, v, "case_statuses must be a list");
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top; it++) {
		yaml_node_t *s = yaml_document_get_node(doc, *it);
		struct farley_case_status st = { 0 };
		const char *name = scalar(s);
		if (s->type == YAML_MAPPING_NODE)
			for (yaml_node_pair_t *q = s->data.mapping.pairs.start;
			     q < s->data.mapping.pairs.top; q++) {
				const char *sk = scalar(yaml_document_get_node(doc, q->key));
				const char *sv = scalar(yaml_document_get_node(doc, q->value));
				if (sk && sv && !strcmp(sk, "name"))
					name = sv;
				else if (sk && sv && !strcmp(sk, "closed"))
					st.closed = !strcmp(sv, "true") || !strcmp(sv, "yes");
			}
		if (!name || !*name)
			return bad(err, path, s, "a case status needs a name");
		st.name = xstrdup(name);
		ALLOC_GROW(cfg->case_statuses, cfg->ncase_statuses + 1, alloc);
		cfg->case_statuses[cfg->ncase_statuses++] = st;
	}
	return 0;
}

/* sla: {PRIORITY: {respond: DURATION, resolve: DURATION}} */
static int parse_sla(struct farley_config *cfg, yaml_document_t *doc,
		     yaml_node_t *v, const char *path, struct farley_error *err)
{
	if (v->type != YAML_MAPPING_NODE)
		return bad(err, path, v, "sla must be a mapping of priorities");
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
	     p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		yaml_node_t *t = yaml_document_get_node(doc, p->value);
		int prio = farley_priority_parse(scalar(k));
		if (prio < 0)
			return bad(err, path, k,
				   "an sla key must be a priority (low, normal, high, urgent)");
		if (t->type != YAML_MAPPING_NODE)
			return bad(err, path, t,
				   "an sla must be a mapping like {respond: 1h, resolve: 8h}");
		for (yaml_node_pair_t *q = t->data.mapping.pairs.start;
		     q < t->data.mapping.pairs.top; q++) {
			const char *sk = scalar(yaml_document_get_node(doc, q->key));
			yaml_node_t *vn = yaml_document_get_node(doc, q->value);
			int64_t *dst = !sk ? NULL
				       : !strcmp(sk, "respond") ? &cfg->sla[prio].respond
				       : !strcmp(sk, "resolve") ? &cfg->sla[prio].resolve
				       : NULL;
			if (!dst)
				return bad(err, path, vn,
					   "an sla has 'respond' and 'resolve'");
			if (farley_duration_parse(scalar(vn), dst))
				return bad(err, path, vn,
					   "not a duration (like 30m, 4h, 2d, 1w or 1h30m)");
		}
	}
	return 0;
}

static int segment_name_valid(const char *s)
{
	if (!s || !((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_'))
			return 0;
	return 1;
}

/* segments: {NAME: "WHERE EXPRESSION"} */
static int parse_segments(struct farley_config *cfg, yaml_document_t *doc,
			  yaml_node_t *v, const char *path,
			  struct farley_error *err)
{
	size_t alloc = 0;
	if (v->type != YAML_MAPPING_NODE)
		return bad(err, path, v, "segments must be a mapping of names to --where expressions");
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
	     p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		yaml_node_t *w = yaml_document_get_node(doc, p->value);
		struct farley_segment sg;
		if (!segment_name_valid(scalar(k)))
			return bad(err, path, k,
				   "a segment's name is lower-case letters, digits, - and _");
		if (!scalar(w) || !*scalar(w))
			return bad(err, path, w, "a segment is a --where expression");
		sg.name = xstrdup(scalar(k));
		sg.where = xstrdup(scalar(w));
		ALLOC_GROW(cfg->segments, cfg->nsegments + 1, alloc);
		cfg->segments[cfg->nsegments++] = sg;
	}
	return 0;
}

int farley_config_parse(struct farley_config *cfg, const char *text,
			size_t len, const char *path, struct farley_error *err)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	int ret = FARLEY_EINVAL;
	size_t salloc = 0, calloc_ = 0;

	memset(cfg, 0, sizeof(*cfg));
	cfg->stale_days = 30;
	if ((ret = farley_yaml_guard(text, len, path, 3, err)))
		return ret;
	ret = FARLEY_EINVAL;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		yaml_parser_delete(&parser);
		return farley_error_at(err, FARLEY_EINVAL, path,
				       (int)parser.problem_mark.line + 1,
				       (int)parser.problem_mark.column + 1,
				       "invalid YAML: %s",
				       parser.problem ? parser.problem : "");
	}
	root = yaml_document_get_root_node(&doc);
	if (root && root->type != YAML_MAPPING_NODE) {
		bad(err, path, root, "farley.yaml must be a mapping");
		goto out;
	}
	for (yaml_node_pair_t *p = root ? root->data.mapping.pairs.start : NULL;
	     p && p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&doc, p->key);
		yaml_node_t *v = yaml_document_get_node(&doc, p->value);
		const char *key = scalar(k);
		if (!key)
			continue;
		if (!strcmp(key, "currency") && scalar(v)) {
			cfg->currency = strdup(scalar(v));
		} else if (!strcmp(key, "stale_days") && scalar(v)) {
			char *end;
			long n = strtol(scalar(v), &end, 10);
			if (*end || n < 1 || n > 100000) {
				bad(err, path, v, "stale_days must be a number of days");
				goto out;
			}
			cfg->stale_days = (int)n;
		} else if (!strcmp(key, "channels")) {
			if (v->type != YAML_SEQUENCE_NODE) {
				bad(err, path, v, "channels must be a list");
				goto out;
			}
			for (yaml_node_item_t *it = v->data.sequence.items.start;
			     it < v->data.sequence.items.top; it++) {
				const char *ch = scalar(yaml_document_get_node(&doc, *it));
				if (!ch)
					continue;
				ALLOC_GROW(cfg->channels, cfg->nchannels + 1, calloc_);
				cfg->channels[cfg->nchannels++] = xstrdup(ch);
			}
		} else if (!strcmp(key, "case_statuses")) {
			if (parse_case_statuses(cfg, &doc, v, path, err))
				goto out;
		} else if (!strcmp(key, "sla")) {
			if (parse_sla(cfg, &doc, v, path, err))
				goto out;
		} else if (!strcmp(key, "segments")) {
			if (parse_segments(cfg, &doc, v, path, err))
				goto out;
		} else if (!strcmp(key, "stages")) {
			if (v->type != YAML_SEQUENCE_NODE) {
				bad(err, path, v, "stages must be a list");
				goto out;
			}
			for (yaml_node_item_t *it = v->data.sequence.items.start;
			     it < v->data.sequence.items.top; it++) {
				yaml_node_t *s = yaml_document_get_node(&doc, *it);
				struct farley_stage st = { 0 };
				const char *name = scalar(s);
				st.probability = -1;
				if (s->type == YAML_MAPPING_NODE) {
					for (yaml_node_pair_t *q = s->data.mapping.pairs.start;
					     q < s->data.mapping.pairs.top; q++) {
						const char *sk = scalar(yaml_document_get_node(&doc, q->key));
						yaml_node_t *svn = yaml_document_get_node(&doc, q->value);
						const char *sv = scalar(svn);
						if (!sk || !sv)
							continue;
						if (!strcmp(sk, "name"))
							name = sv;
						else if (!strcmp(sk, "probability") &&
							 farley_prob_parse(sv, &st.probability)) {
							bad(err, path, svn,
							    "a stage's probability must be between 0 and 1");
							goto out;
						} else if (!strcmp(sk, "closed"))
							st.closed = !strcmp(sv, "won") ? FARLEY_WON
								   : !strcmp(sv, "lost") ? FARLEY_LOST
								   : FARLEY_OPEN;
					}
				}
				if (!name || !*name) {
					bad(err, path, s, "a stage needs a name");
					goto out;
				}
				if (st.probability < 0)
					st.probability = st.closed == FARLEY_WON ? FARLEY_PROB_ONE : 0;
				st.name = xstrdup(name);
				ALLOC_GROW(cfg->stages, cfg->nstages + 1, salloc);
				cfg->stages[cfg->nstages++] = st;
			}
		}
	}
	ret = 0;
out:
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	if (!ret && !cfg->ncase_statuses) {
		static const char *const names[] = { "new", "open", "pending",
						     "resolved", "closed" };
		cfg->case_statuses = xcalloc(5, sizeof(*cfg->case_statuses));
		for (size_t i = 0; i < 5; i++) {
			cfg->case_statuses[i].name = xstrdup(names[i]);
			cfg->case_statuses[i].closed = i >= 3;
		}
		cfg->ncase_statuses = 5;
	}
	if (!ret) {
		struct farley_config def;
		int need = !cfg->currency || !cfg->nstages || !cfg->channels;
		if (need && text != default_text) {
			farley_config_defaults(&def);
			if (!cfg->currency)
				cfg->currency = def.currency, def.currency = NULL;
			if (!cfg->nstages) {
				cfg->stages = def.stages, cfg->nstages = def.nstages;
				def.stages = NULL, def.nstages = 0;
			}
			if (!cfg->channels) {
				cfg->channels = def.channels;
				cfg->nchannels = def.nchannels;
				def.channels = NULL, def.nchannels = 0;
			}
			farley_config_release(&def);
		}
	} else {
		farley_config_release(cfg);
	}
	return ret;
}

const struct farley_stage *farley_config_stage(const struct farley_config *cfg,
					       const char *name)
{
	for (size_t i = 0; i < cfg->nstages; i++)
		if (!strcmp(cfg->stages[i].name, name))
			return &cfg->stages[i];
	return NULL;
}

int farley_config_has_channel(const struct farley_config *cfg, const char *ch)
{
	for (size_t i = 0; i < cfg->nchannels; i++)
		if (!strcmp(cfg->channels[i], ch))
			return 1;
	return 0;
}

const struct farley_case_status *
farley_config_case_status(const struct farley_config *cfg, const char *name)
{
	for (size_t i = 0; name && i < cfg->ncase_statuses; i++)
		if (!strcmp(cfg->case_statuses[i].name, name))
			return &cfg->case_statuses[i];
	return NULL;
}

int farley_config_case_open(const struct farley_config *cfg, const char *status)
{
	const struct farley_case_status *st = farley_config_case_status(cfg, status);
	if (!status && cfg->ncase_statuses)
		st = &cfg->case_statuses[0];
	return !st || !st->closed;
}

const struct farley_segment *
farley_config_segment(const struct farley_config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->nsegments; i++)
		if (!strcmp(cfg->segments[i].name, name))
			return &cfg->segments[i];
	return NULL;
}

static int expand(const struct farley_config *cfg, const char *expr,
		  struct strbuf *out, int depth, struct farley_error *err)
{
	int quoted = 0;
	for (const char *p = expr; *p; p++) {
		const struct farley_segment *sg;
		size_t len;
		struct strbuf name = STRBUF_INIT;
		int ret;
		if (*p == '"' && (p == expr || p[-1] != '\\'))
			quoted = !quoted;
		if (quoted || *p != '@' ||
		    (p > expr && p[-1] != ' ' && p[-1] != '\t' && p[-1] != '(')) {
			strbuf_addch(out, *p);
			continue;
		}
		len = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz0123456789-_");
		strbuf_add(&name, p + 1, len);
		sg = farley_config_segment(cfg, name.buf);
		if (!sg || depth > 8) {
			struct strbuf names = STRBUF_INIT;
			for (size_t i = 0; i < cfg->nsegments; i++)
				strbuf_addf(&names, "%s@%s", i ? ", " : "",
					    cfg->segments[i].name);
			ret = !sg ? farley_error_set(err, FARLEY_EUSAGE,
						     "unknown segment '@%s' (%s)", name.buf,
						     names.len ? names.buf
							       : "farley.yaml names none")
				  : farley_error_set(err, FARLEY_EUSAGE,
						     "segment '@%s' names itself", name.buf);
			strbuf_release(&names);
			strbuf_release(&name);
			return ret;
		}
		strbuf_release(&name);
		strbuf_addch(out, '(');
		if ((ret = expand(cfg, sg->where, out, depth + 1, err)))
			return ret;
		strbuf_addch(out, ')');
		p += len;
	}
	return 0;
}

int farley_segment_expand(const struct farley_config *cfg, const char *expr,
			  struct strbuf *out, struct farley_error *err)
{
	strbuf_reset(out);
	return expand(cfg, expr, out, 0, err);
}
