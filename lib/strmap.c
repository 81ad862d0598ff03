/* strmap.c: open addressing with linear probing, doubled at half full. */
#include "strmap.h"
#include "farley/ids.h"
#include "farley/strbuf.h"

#include <stdlib.h>
#include <string.h>

struct farley_strmap_slot {
	char *key;
	size_t value;
};

static size_t slot_of(const struct farley_strmap *m, const char *key)
{
	size_t i = (size_t)farley_hash64(key, strlen(key), 0) & (m->cap - 1);
	while (m->s[i].key && strcmp(m->s[i].key, key))
		i = (i + 1) & (m->cap - 1);
	return i;
}

int farley_strmap_put(struct farley_strmap *m, const char *key, size_t value)
{
	size_t i;
	if ((m->n + 1) * 2 > m->cap) {
		struct farley_strmap bigger = { NULL, 0, m->cap ? m->cap * 2 : 64 };
		bigger.s = xcalloc(bigger.cap, sizeof(*bigger.s));
		for (size_t j = 0; j < m->cap; j++)
			if (m->s[j].key) {
				bigger.s[slot_of(&bigger, m->s[j].key)] = m->s[j];
				bigger.n++;
			}
		free(m->s);
		*m = bigger;
	}
	i = slot_of(m, key);
	if (m->s[i].key)
		return 0;
	m->s[i].key = xstrdup(key);
	m->s[i].value = value;
	m->n++;
	return 1;
}

int farley_strmap_get(const struct farley_strmap *m, const char *key,
		      size_t *value)
{
	size_t i;
	if (!m->cap)
		return 0;
	i = slot_of(m, key);
	if (!m->s[i].key)
		return 0;
	*value = m->s[i].value;
	return 1;
}

void farley_strmap_release(struct farley_strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->s[i].key);
	free(m->s);
	memset(m, 0, sizeof(*m));
}
