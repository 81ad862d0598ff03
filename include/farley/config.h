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

/* A case's status; closed ones (resolved, closed) stop its clocks. */
struct farley_case_status {
	char *name;
	int closed;
};

/* A case's priorities, lowest first. */
enum farley_priority {
	FARLEY_PRIO_LOW,
	FARLEY_PRIO_NORMAL,
	FARLEY_PRIO_HIGH,
	FARLEY_PRIO_URGENT,
	FARLEY_NPRIO
};

/* The service level of one priority: seconds to the first response and
 * to resolution, 0 for no target. */
struct farley_sla {
	int64_t respond, resolve;
};

/* A named --where expression. */
struct farley_segment {
	char *name, *where;
};

struct farley_config {
	char *currency;
	struct farley_stage *stages;
	size_t nstages;
	char **channels;
	size_t nchannels;
	int stale_days;
	struct farley_case_status *case_statuses;
	size_t ncase_statuses;
	struct farley_sla sla[FARLEY_NPRIO];
	struct farley_segment *segments;
	size_t nsegments;
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
const struct farley_case_status *
farley_config_case_status(const struct farley_config *cfg, const char *name);
/* 1 when a case of this status is open (absent: the first status's). */
int farley_config_case_open(const struct farley_config *cfg, const char *status);
const struct farley_segment *
farley_config_segment(const struct farley_config *cfg, const char *name);

/* expr with every @NAME (at the start of a word, outside quotes) replaced
 * by the segment's expression in parentheses, segments within segments
 * too, into out.  An unknown name, or a segment that names itself, is
 * FARLEY_EUSAGE. */
int farley_segment_expand(const struct farley_config *cfg, const char *expr,
			  struct strbuf *out, struct farley_error *err);

/* "low" .. "urgent" -> enum farley_priority, else -1. */
int farley_priority_parse(const char *s);
const char *farley_priority_name(int prio);
/* A duration of farley.yaml's sla: one or more of N followed by m
 * (minutes), h, d or w ("1h", "1h30m", "2d").  0 or -1. */
int farley_duration_parse(const char *s, int64_t *seconds);
/* The text `farley init` writes. */
const char *farley_config_default_text(void);

#endif
