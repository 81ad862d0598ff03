/* query-regexp.c: regexp(pattern, text), the SQL function behind --where's
 * ~, !~ and /regex/ values.
 *
 * Through PCRE2 with JIT and limits, so that a pathological pattern fails
 * fast instead of hanging.  The compiled pattern is kept as SQLite auxdata,
 * so a query compiles each pattern once, not once per row. */
#include "query.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

struct regex_cache {
	pcre2_code *code;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit;
};

static void regex_free(void *p)
{
	struct regex_cache *rc = p;
	pcre2_match_data_free(rc->md);
	pcre2_match_context_free(rc->mctx);
	pcre2_jit_stack_free(rc->jit);
	pcre2_code_free(rc->code);
	free(rc);
}

static void sql_regexp(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct regex_cache *rc = sqlite3_get_auxdata(ctx, 0);
	const unsigned char *text;
	int rc_match;
	(void)argc;
	if (!rc) {
		const char *pat = (const char *)sqlite3_value_text(argv[0]);
		int errcode;
		PCRE2_SIZE erroff;
		if (!pat) {
			sqlite3_result_error(ctx, "empty regular expression", -1);
			return;
		}
		rc = xcalloc(1, sizeof(*rc));
		rc->code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
					 PCRE2_UTF | PCRE2_UCP, &errcode, &erroff, NULL);
		if (!rc->code) {
			PCRE2_UCHAR msg[256];
			char buf[400];
			pcre2_get_error_message(errcode, msg, sizeof(msg));
			snprintf(buf, sizeof(buf),
				 "invalid regular expression /%s/: %s at offset %zu",
				 pat, (char *)msg, (size_t)erroff);
			sqlite3_result_error(ctx, buf, -1);
			free(rc);
			return;
		}
		pcre2_jit_compile(rc->code, PCRE2_JIT_COMPLETE);
		rc->md = pcre2_match_data_create_from_pattern(rc->code, NULL);
		rc->mctx = pcre2_match_context_create(NULL);
		pcre2_set_match_limit(rc->mctx, 1000000);
		pcre2_set_depth_limit(rc->mctx, 10000);
		pcre2_set_heap_limit(rc->mctx, 20000); /* KiB */
		rc->jit = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
		if (rc->jit)
			pcre2_jit_stack_assign(rc->mctx, NULL, rc->jit);
		sqlite3_set_auxdata(ctx, 0, rc, regex_free);
		rc = sqlite3_get_auxdata(ctx, 0);
		if (!rc) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
	}
	text = sqlite3_value_text(argv[1]);
	if (!text) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	rc_match = pcre2_match(rc->code, text, (PCRE2_SIZE)sqlite3_value_bytes(argv[1]),
			       0, 0, rc->md, rc->mctx);
	if (rc_match >= 0) {
		sqlite3_result_int(ctx, 1);
	} else if (rc_match == PCRE2_ERROR_NOMATCH) {
		sqlite3_result_int(ctx, 0);
	} else if (rc_match == PCRE2_ERROR_MATCHLIMIT ||
		   rc_match == PCRE2_ERROR_DEPTHLIMIT ||
		   rc_match == PCRE2_ERROR_HEAPLIMIT ||
		   rc_match == PCRE2_ERROR_JIT_STACKLIMIT) {
		sqlite3_result_error(ctx,
				     "regular expression too complex: it gave up "
				     "after its match limit (simplify it, e.g. "
				     "avoid nested repeats like (a+)+)",
				     -1);
	} else {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(rc_match, msg, sizeof(msg));
		sqlite3_result_error(ctx, (const char *)msg, -1);
	}
}


int farley_query_register(sqlite3 *db)
{
	return sqlite3_create_function(db, "regexp", 2,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				       sql_regexp, NULL, NULL) == SQLITE_OK
		       ? 0
		       : -1;
}
