# bash completion for farley.
# Commands, options and ids come from farley itself (--list-commands,
# COMMAND --list-options, --list-ids), so they never drift from the code.

_farley_ids() {
	farley ${_farley_dir:+-C "$_farley_dir"} --list-ids 2>/dev/null
}

# The values of a field or option, from farley (stage and channel from
# this repository's farley.yaml, so they follow what it configures).
_farley_values() {
	farley ${_farley_dir:+-C "$_farley_dir"} --list-values="$1" 2>/dev/null
}

_farley() {
	local cur prev cmd i kind
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	_farley_dir=
	cmd=
	i=1
	while [ $i -lt $COMP_CWORD ]; do
		case ${COMP_WORDS[i]} in
		-C) i=$((i + 1)); _farley_dir=${COMP_WORDS[i]} ;;
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
		i=$((i + 1))
	done
	if [ "$prev" = -C ]; then
		COMPREPLY=($(compgen -d -- "$cur"))
		return
	fi
	if [ -z "$cmd" ]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "-C --format= --color= --quiet --no-commit --no-pager --no-header --template= --help --version" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(farley --list-commands 2>/dev/null)" -- "$cur"))
		fi
		return
	fi
	# FIELD=VALUE and --by VALUE, whether or not bash split the word at "="
	if [ "$prev" = "=" ] && [ $COMP_CWORD -ge 2 ]; then
		case ${COMP_WORDS[COMP_CWORD-2]} in
		stage|channel|--by|--channel)
			COMPREPLY=($(compgen -W "$(_farley_values ${COMP_WORDS[COMP_CWORD-2]#--})" -- "$cur"))
			return ;;
		esac
	fi
	if [ "$cur" = "=" ]; then
		case $prev in
		stage|channel|--by|--channel)
			COMPREPLY=($(_farley_values ${prev#--}))
			return ;;
		esac
	fi
	case $cur in
	stage=*|channel=*)
		COMPREPLY=($(compgen -P "${cur%%=*}=" -W "$(_farley_values ${cur%%=*})" -- "${cur#*=}"))
		return ;;
	--prefer=*)
		COMPREPLY=($(compgen -W "keep other" -- "${cur#--prefer=}"))
		return ;;
	--format=*)
		COMPREPLY=($(compgen -W "table tsv csv json ndjson yaml ids" -- "${cur#--format=}"))
		return ;;
	--color=*)
		COMPREPLY=($(compgen -W "auto always never" -- "${cur#--color=}"))
		return ;;
	--channel=*)
		COMPREPLY=($(compgen -W "$(_farley_values channel)" -- "${cur#--channel=}"))
		return ;;
	--kind=*)
		COMPREPLY=($(compgen -W "contact company deal task interaction case campaign" -- "${cur#--kind=}"))
		return ;;
	--vcard-version=*)
		COMPREPLY=($(compgen -W "4.0 3.0" -- "${cur#--vcard-version=}"))
		return ;;
	--by=*)
		COMPREPLY=($(compgen -W "$(_farley_values by)" -- "${cur#--by=}"))
		return ;;
	-*)
		COMPREPLY=($(compgen -W "$(farley "$cmd" --list-options 2>/dev/null)" -- "$cur"))
		[[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
		return ;;
	esac
	case $prev in
	--channel|-c)
		COMPREPLY=($(compgen -W "$(_farley_values channel)" -- "$cur"))
		return ;;
	--by|-b)
		COMPREPLY=($(compgen -W "$(_farley_values by)" -- "$cur"))
		return ;;
	--deal)
		COMPREPLY=($(compgen -W "$(_farley_ids)" -- "$cur"))
		return ;;
	esac
	case $cmd in
	add)
		if [ $((COMP_CWORD - i)) -eq 1 ]; then
			COMPREPLY=($(compgen -W "company contact deal task case campaign" -- "$cur"))
		elif [ $((COMP_CWORD - i)) -ge 3 ]; then
			kind=${COMP_WORDS[i+1]}
			COMPREPLY=($(compgen -S = -W "$(farley --list-fields="$kind" 2>/dev/null)" -- "$cur"))
			compopt -o nospace 2>/dev/null
		fi ;;
	set)
		if [ $((COMP_CWORD - i)) -eq 1 ]; then
			COMPREPLY=($(compgen -W "$(_farley_ids)" -- "$cur"))
		else
			COMPREPLY=($(compgen -S = -W "$(for k in company contact deal interaction task case campaign; do farley --list-fields=$k; done 2>/dev/null | sort -u)" -- "$cur"))
			compopt -o nospace 2>/dev/null
		fi ;;
	show|edit|rm|log|merge)
		COMPREPLY=($(compgen -W "$(_farley_ids)" -- "$cur")) ;;
	ls)
		if [ $((COMP_CWORD - i)) -eq 1 ]; then
			COMPREPLY=($(compgen -W "companies contacts deals interactions tasks cases campaigns" -- "$cur"))
		else
			COMPREPLY=($(compgen -S = -W "$(for k in company contact deal interaction task case campaign; do farley --list-fields=$k; done 2>/dev/null | sort -u)" -- "$cur"))
			compopt -o nospace 2>/dev/null
		fi ;;
	import)
		if [ $((COMP_CWORD - i)) -eq 1 ]; then
			COMPREPLY=($(compgen -W "csv vcard mbox json" -- "$cur"))
		else
			COMPREPLY=($(compgen -f -- "$cur"))
		fi ;;
	export)
		if [ $((COMP_CWORD - i)) -eq 1 ]; then
			COMPREPLY=($(compgen -W "csv json vcard ical" -- "$cur"))
		elif [ $((COMP_CWORD - i)) -eq 2 ]; then
			COMPREPLY=($(compgen -W "companies contacts deals interactions tasks cases campaigns" -- "$cur"))
		fi ;;
	campaign)
		if [ $((COMP_CWORD - i)) -eq 1 ]; then
			COMPREPLY=($(compgen -W "list" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(farley ls campaigns --format=ids 2>/dev/null)" -- "$cur"))
		fi ;;
	dupes)
		COMPREPLY=($(compgen -W "contacts companies" -- "$cur")) ;;
	search|index|pipeline|forecast|due|status|cases|segments|sync|merge-driver) ;;
	done)
		COMPREPLY=($(compgen -W "$(farley ls tasks --format=ids 2>/dev/null)" -- "$cur")) ;;
	history)
		COMPREPLY=($(compgen -W "$(_farley_ids)" -- "$cur")) ;;
	report)
		COMPREPLY=($(compgen -W "winrate velocity stages slips accuracy stalled activity rfm dormant service campaign html" -- "$cur")) ;;
	help)
		COMPREPLY=($(compgen -W "$(farley --list-commands 2>/dev/null) records query json" -- "$cur")) ;;
	init)
		COMPREPLY=($(compgen -d -- "$cur")) ;;
	check) ;;
	esac
}
complete -F _farley farley
