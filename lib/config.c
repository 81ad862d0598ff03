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
