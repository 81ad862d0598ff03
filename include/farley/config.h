/* config: farley.yaml, the repository's settings. */
#ifndef FARLEY_CONFIG_H
#define FARLEY_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "farley/error.h"
#include "farley/strbuf.h"

enum farley_closed { FARLEY_OPEN = 0, FARLEY_WON, FARLEY_LOST };

struct farley_stage {
	char *name;
	int32_t probability; /* millionths */
	enum farley_closed closed;
};

struct farley_config {
	char *currency;
	struct farley_stage *stages;
	size_t nstages;
	char **channels;
	size_t nchannels;
	int stale_days;
};

/* The defaults of SPEC 1 (used when there is no farley.yaml). */
void farley_config_defaults(struct farley_config *cfg);
/* Parse farley.yaml text; path is for messages. */
int farley_config_parse(struct farley_config *cfg, const char *text,
			size_t len, const char *path, struct farley_error *err);
void farley_config_release(struct farley_config *cfg);
const struct farley_stage *farley_config_stage(const struct farley_config *cfg,
					       const char *name);
int farley_config_has_channel(const struct farley_config *cfg, const char *ch);
/* The text `farley init` writes. */
const char *farley_config_default_text(void);

#endif
