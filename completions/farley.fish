# fish completion for farley: commands, options and ids come from farley
# itself (--list-commands, COMMAND --list-options, --list-ids), so they
# never drift from the code.

function __farley_ids
    farley --list-ids 2>/dev/null
end

function __farley_cmd_options
    set -l cmd (commandline -opc)[2]
    farley $cmd --list-options 2>/dev/null
end

# the values of stage= and channel=, from this repository's farley.yaml
function __farley_field_values
    set -l field (string split -m1 = -- (commandline -ct))[1]
    for v in (farley --list-values=$field 2>/dev/null)
        echo "$field=$v"
    end
end

complete -c farley -f
complete -c farley -n 'string match -qr -- "^(stage|channel)=" (commandline -ct)' -a '(__farley_field_values)'
complete -c farley -l by -x -a '(farley --list-values=by 2>/dev/null)'
complete -c farley -l channel -x -a '(farley --list-values=channel 2>/dev/null)'
complete -c farley -n '__fish_use_subcommand' -a '(farley --list-commands 2>/dev/null)'
complete -c farley -n 'not __fish_use_subcommand; and string match -q -- "-*" (commandline -ct)' -a '(__farley_cmd_options)'
complete -c farley -n '__fish_seen_subcommand_from add' -a 'company contact deal task case campaign'
complete -c farley -n '__fish_seen_subcommand_from show edit rm set log merge' -a '(__farley_ids)'
complete -c farley -n '__fish_seen_subcommand_from ls' -a 'companies contacts deals interactions tasks cases campaigns'
complete -c farley -n '__fish_seen_subcommand_from import; and not __fish_seen_subcommand_from csv vcard mbox json' -a 'csv vcard mbox json'
complete -c farley -n '__fish_seen_subcommand_from import; and __fish_seen_subcommand_from csv vcard mbox json' -F
complete -c farley -n '__fish_seen_subcommand_from export; and not __fish_seen_subcommand_from csv json vcard ical' -a 'csv json vcard ical'
complete -c farley -n '__fish_seen_subcommand_from export; and __fish_seen_subcommand_from csv json vcard ical' -a 'companies contacts deals interactions tasks cases campaigns'
complete -c farley -n '__fish_seen_subcommand_from dupes' -a 'contacts companies'
complete -c farley -n '__fish_seen_subcommand_from campaign; and not __fish_seen_subcommand_from list' -a 'list'
complete -c farley -n '__fish_seen_subcommand_from campaign; and __fish_seen_subcommand_from list' -a '(farley ls campaigns --format=ids 2>/dev/null)'
complete -c farley -n '__fish_seen_subcommand_from search index pipeline forecast due status cases segments sync merge-driver' -a ''
complete -c farley -n '__fish_seen_subcommand_from done' -a '(farley ls tasks --format=ids 2>/dev/null)'
complete -c farley -n '__fish_seen_subcommand_from history' -a '(__farley_ids)'
complete -c farley -n '__fish_seen_subcommand_from report' -a 'winrate velocity stages slips accuracy stalled activity rfm dormant service campaign html'
complete -c farley -n '__fish_seen_subcommand_from help' -a '(farley --list-commands 2>/dev/null) records query json'
complete -c farley -n '__fish_seen_subcommand_from init' -a '(__fish_complete_directories)'
# check takes no arguments
complete -c farley -n '__fish_seen_subcommand_from check' -a ''
