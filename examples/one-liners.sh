#!/bin/sh
# Shell one-liners on a farley repository.  Each works on the demo CRM
# (make demo, then cd examples/demo-crm).  Run this file to see them.
set -e
step() { printf '\n$ %s\n' "$*"; eval "$*"; }

# Every company's name and city, straight from the files
step 'for f in companies/*/*.yaml; do farley show "$(basename "$f" .yaml)" --format=tsv | tail -1 | cut -f4,6; done | head -5'

# The deals of one owner, with git's own tools
step 'grep -l "^owner: alice$" deals/*/*.yaml | wc -l'

# Who changed a deal, and when
step 'git log --format="%ad %an: %s" --date=short -- deals/ac/acme-renewal.yaml | head -5'

# A record as JSON for jq (or python)
step 'farley show acme-renewal --format=json | python3 -c "import json,sys; d=json.load(sys.stdin); print(d[\"title\"], d[\"value\"])"'

# Bulk change: tag every contact of Acme
step 'grep -l "^company: acme-gmbh$" contacts/*/*.yaml | xargs -n1 basename | sed "s/.yaml$//" | while read id; do farley -q set "$id" tags+=acme-team; done'
step 'git log --oneline -3'
