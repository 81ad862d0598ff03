/* report/currencies.c: the per-currency objects of a money report
 * (pipeline, forecast): the repository currency's, then those of its
 * "other_currencies" list. */
#include "chart.h"

#include <stdlib.h>

struct farley_node **currency_docs(struct farley_node *doc, size_t *n)
{
	struct farley_node *others = farley_node_get(doc, "other_currencies");
	size_t k = others ? others->n : 0;
	struct farley_node **docs = xcalloc(k + 1, sizeof(*docs));
	docs[0] = doc;
	for (size_t i = 0; i < k; i++)
		docs[i + 1] = others->kids[i];
	*n = k + 1;
	return docs;
}
