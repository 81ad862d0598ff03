#!/bin/sh
# make demo: turn examples/crm/ into a farley repository and show it off.
# The repository is left in examples/demo-crm/ to play with.
set -e
cd "$(dirname "$0")/.."
PATH="$PWD:$PATH"
DEMO=examples/demo-crm
# the demo commits need an identity even on a machine without one
: "${GIT_AUTHOR_NAME:=$(git config user.name || echo 'Demo User')}"
: "${GIT_AUTHOR_EMAIL:=$(git config user.email || echo 'demo@example.com')}"
GIT_COMMITTER_NAME=$GIT_AUTHOR_NAME
GIT_COMMITTER_EMAIL=$GIT_AUTHOR_EMAIL
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL

rm -rf "$DEMO"
farley init -q "$DEMO"
cp -r examples/crm/companies examples/crm/contacts examples/crm/deals \
	examples/crm/interactions examples/crm/tasks "$DEMO/"
cd "$DEMO"
git add -A
git commit -qm "import the demo CRM (10 companies, 30 contacts, 20 deals, 150 interactions, 15 tasks)"

step() {
	printf '\n\033[1m$ %s\033[m\n' "$*"
	eval "$@"
}

step farley check
step farley show acme-gmbh
step farley show muller-b --format=json
step farley add contact "'Zoë Æbelø'" company=lovstad title=Designer emails=zoe@lovstad.example tags=vip
step farley set acme-renewal stage=proposal value=5200.50 probability=0.35
step git diff HEAD~1 --stat
step farley log zoe acme-renewal --channel call -m "'Walked through the proposal'"
step farley add task "'Send the signed offer'" due=today+3d deal=acme-renewal
step "farley show acme-renewal --format=yaml"
step "git log --format='%h %an: %s' -6"
step "git status --short | wc -l"
printf '\nThe demo CRM is in %s; try "cd %s && farley help".\n' "$DEMO" "$DEMO"
