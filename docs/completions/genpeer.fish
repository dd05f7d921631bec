function __genpeer_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __genpeer_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __genpeer_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __genpeer_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __genpeer_parse_tokens -S
    set -l unparsed_tokens (__genpeer_tokens -pc)
    switch $unparsed_tokens[1]
    case 'genpeer'
        __genpeer_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'generate'
            __genpeer_parse_subcommand -r 1 'input-format=' 't/target=' 'o/output=' 'force' 'redact' 'device=' 'show-secrets' 'remote-address=' 'local-address=' 'start=' 'templates=' 'q/quiet' 'version' 'h/help'
        case 'check'
            __genpeer_parse_subcommand -r 1 'input-format=' 'format=' 'remote-address=' 'local-address=' 'templates=' 'version' 'h/help'
        case 'targets'
            __genpeer_parse_subcommand 0 'version' 'h/help'
        case 'templates'
            __genpeer_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __genpeer_parse_subcommand 0 'templates=' 'version' 'h/help'
            case 'cat'
                __genpeer_parse_subcommand 2 'templates=' 'version' 'h/help'
            case 'path'
                __genpeer_parse_subcommand 0 'templates=' 'version' 'h/help'
            case 'export'
                __genpeer_parse_subcommand 1 'force' 'version' 'h/help'
            end
        case 'help'
            __genpeer_parse_subcommand -r 1 'version'
        end
    end
end

function __genpeer_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __genpeer_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __genpeer_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __genpeer_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__genpeer_tokens -p)
    if test -z "$(__genpeer_tokens -t)"
        set -l index (count (__genpeer_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'genpeer' -f
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer" version' -l 'version' -d 'Show the version.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_positional "genpeer" -eq 1' -fa 'generate' -d 'Render configuration files (the default command).'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_positional "genpeer" -eq 1' -fa 'check' -d 'Report what would go wrong with each connection, and which targets can express it.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_positional "genpeer" -eq 1' -fa 'targets' -d 'List the output targets, one per line.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_positional "genpeer" -eq 1' -fa 'templates' -d 'Show the templates each target renders through, to read or customise them.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_positional "genpeer" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_positional "genpeer generate" -ge 1' -F
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer generate" input-format' -l 'input-format' -d 'Read the inputs as json or xml instead of detecting it from the first byte.' -rfka 'json xml'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer generate" t target' -l 'target' -s 't' -d 'The output format (required). See `genpeer targets`.' -rfka 'strongswan strongswan-legacy libreswan markdown model'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer generate" o output' -l 'output' -s 'o' -d 'Write files below this folder, laid out as under /etc, instead of printing them.' -rfa '(__genpeer_complete_directories)'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer generate" force' -l 'force' -d 'Replace files that already exist in the output folder.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer generate" redact' -l 'redact' -d 'Replace every pre-shared key in the output with the placeholder <redacted>.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer generate" device' -l 'device' -d 'For --target markdown: the device whose configuration the snippet shows (default: strongswan).' -rfka 'strongswan strongswan-legacy libreswan'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer generate" show-secrets' -l 'show-secrets' -d 'For --target markdown: show the pre-shared key instead of <redacted>.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer generate" remote-address' -l 'remote-address' -d 'The Alibaba Cloud VPN gateway\'s address (default: InternetIp, else LocalId when it is an address).' -rfka ''
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer generate" local-address' -l 'local-address' -d 'This gateway\'s own public address (default: any / the default route).' -rfka ''
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer generate" start' -l 'start' -d 'How this gateway brings the tunnel up: start (initiate at once and after any drop), trap (on traffic), none (wait for the cloud).' -rfka 'start trap none'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer generate" templates' -l 'templates' -d 'A folder laid out like the bundled templates (DIR/<target>/<name>.mustache) whose files replace them; see `genpeer templates`.' -rfa '(__genpeer_complete_directories)'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer generate" q quiet' -l 'quiet' -s 'q' -d 'Print errors only: no warnings, no progress.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer generate" version' -l 'version' -d 'Show the version.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer generate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_positional "genpeer check" -ge 1' -F
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer check" input-format' -l 'input-format' -d 'Read the inputs as json or xml instead of detecting it from the first byte.' -rfka 'json xml'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer check" format' -l 'format' -d 'text (for people) or json (sorted keys, for scripts).' -rfka 'text json'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer check" remote-address' -l 'remote-address' -d 'The Alibaba Cloud VPN gateway\'s address, as for generating (also checked against LocalId).' -rfka ''
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer check" local-address' -l 'local-address' -d 'This gateway\'s own public address, as for generating (also checked against RemoteId).' -rfka ''
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer check" templates' -l 'templates' -d 'The templates to check rendering with, as for generating.' -rfa '(__genpeer_complete_directories)'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer check" version' -l 'version' -d 'Show the version.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer targets" version' -l 'version' -d 'Show the version.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer targets" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer templates" version' -l 'version' -d 'Show the version.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer templates" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_positional "genpeer templates" -eq 1' -fa 'list' -d 'List each target\'s templates and where each is read from: bundled, or a file.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_positional "genpeer templates" -eq 1' -fa 'cat' -d 'Print a target\'s templates (all of them, or the one named).'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_positional "genpeer templates" -eq 1' -fa 'path' -d 'Print the folder of customised templates (--templates), if any.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_positional "genpeer templates" -eq 1' -fa 'export' -d 'Write the bundled templates into a folder (DIR/<target>/<name>.mustache), to edit and pass as --templates.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer templates list" templates' -l 'templates' -d 'A folder of customised templates, laid out like the bundled ones.' -rfa '(__genpeer_complete_directories)'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer templates list" version' -l 'version' -d 'Show the version.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer templates list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_positional "genpeer templates cat" -eq 1' -fka 'strongswan strongswan-legacy libreswan markdown model'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer templates cat" templates' -l 'templates' -d 'A folder of customised templates, laid out like the bundled ones.' -rfa '(__genpeer_complete_directories)'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer templates cat" version' -l 'version' -d 'Show the version.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer templates cat" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer templates path" templates' -l 'templates' -d 'A folder of customised templates, laid out like the bundled ones.' -rfa '(__genpeer_complete_directories)'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer templates path" version' -l 'version' -d 'Show the version.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer templates path" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_positional "genpeer templates export" -eq 1' -fa '(__genpeer_complete_directories)'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer templates export" force' -l 'force' -d 'Replace template files that already exist in the folder.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer templates export" version' -l 'version' -d 'Show the version.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer templates export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'genpeer' -n '__genpeer_should_offer_completions_for_flags_or_options "genpeer help" version' -l 'version' -d 'Show the version.'
