# bash completion for genpeer (generated from the command line by scripts/generate-docs; do not edit)
# Install: copy to /usr/share/bash-completion/completions/genpeer

# The command (subcommand words, each after a space) and the count of positional
# arguments typed before the cursor.
__genpeer_walk() {
    __genpeer_command=""
    __genpeer_positionals=0
    local i word
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        case $word in
        --*=*) ;;
        -*) __genpeer_takes_value "$__genpeer_command" "$word" && ((i++)) ;;
        *)
            if ((__genpeer_positionals == 0)) && [[ " $(__genpeer_subcommands "$__genpeer_command") " == *" $word "* ]]; then
                __genpeer_command+=" $word"
            else
                ((__genpeer_positionals++))
            fi
            ;;
        esac
    done
}

__genpeer_takes_value() {
    case "$1|$2" in
    '|--input-format'|'|-t'|'|--target'|'|-o'|'|--output'|'|--device'|'|--remote-address'|'|--local-address'|'|--announce'|'|--cloud-prefixes'|'|--routing'|'|--if-id'|'|--mtu'|'|--master-tunnel'|'|--wan-interface'|'|--lan-interface'|'|--tunnel-number'|'|--inside-zone'|'|--outside-zone'|'|--vpn-zone'|'|--monitor-address'|'|--start'|'|--templates') return 0 ;;
    ' generate|--input-format'|' generate|-t'|' generate|--target'|' generate|-o'|' generate|--output'|' generate|--device'|' generate|--remote-address'|' generate|--local-address'|' generate|--announce'|' generate|--cloud-prefixes'|' generate|--routing'|' generate|--if-id'|' generate|--mtu'|' generate|--master-tunnel'|' generate|--wan-interface'|' generate|--lan-interface'|' generate|--tunnel-number'|' generate|--inside-zone'|' generate|--outside-zone'|' generate|--vpn-zone'|' generate|--monitor-address'|' generate|--start'|' generate|--templates') return 0 ;;
    ' check|--input-format'|' check|--format'|' check|--remote-address'|' check|--local-address'|' check|--templates') return 0 ;;
    ' templates list|--templates') return 0 ;;
    ' templates cat|--templates') return 0 ;;
    ' templates path|--templates') return 0 ;;
    esac
    return 1
}

__genpeer_subcommands() {
    case "$1" in
    '') echo 'generate check targets templates help' ;;
    ' templates') echo 'list cat path export' ;;
    esac
}

__genpeer_options() {
    case "$1" in
    '') echo '--version -h --help --input-format -t --target -o --output --force --redact --device --show-secrets --remote-address --local-address --announce --cloud-prefixes --routing --if-id --mtu --master-tunnel --wan-interface --lan-interface --tunnel-number --inside-zone --outside-zone --vpn-zone --monitor-address --start --templates --strict -q --quiet' ;;
    ' generate') echo '--input-format -t --target -o --output --force --redact --device --show-secrets --remote-address --local-address --announce --cloud-prefixes --routing --if-id --mtu --master-tunnel --wan-interface --lan-interface --tunnel-number --inside-zone --outside-zone --vpn-zone --monitor-address --start --templates --strict -q --quiet --version -h --help' ;;
    ' check') echo '--input-format --format --remote-address --local-address --templates --version -h --help' ;;
    ' targets') echo '--version -h --help' ;;
    ' templates') echo '--version -h --help' ;;
    ' templates list') echo '--templates --version -h --help' ;;
    ' templates cat') echo '--templates --version -h --help' ;;
    ' templates path') echo '--templates --version -h --help' ;;
    ' templates export') echo '--force --version -h --help' ;;
    ' help') echo '--version' ;;
    esac
}

# Fills COMPREPLY for a completion kind: words, files or folders.
__genpeer_offer() {
    case "$1" in
    words) COMPREPLY+=($(compgen -W "$2" -- "$cur")) ;;
    files) compopt -o filenames 2>/dev/null; COMPREPLY+=($(compgen -f -- "$cur")) ;;
    directories) compopt -o filenames 2>/dev/null; COMPREPLY+=($(compgen -d -- "$cur")) ;;
    esac
}

__genpeer_value() {
    case "$1|$2" in
    '|--input-format') __genpeer_offer words 'json xml' ;;
    '|-t'|'|--target') __genpeer_offer words 'strongswan strongswan-legacy libreswan frr bird cisco-ios cisco-asa juniper-srx fortigate paloalto vyos huawei h3c mikrotik markdown model' ;;
    '|-o'|'|--output') __genpeer_offer directories ;;
    '|--device') __genpeer_offer words 'strongswan strongswan-legacy libreswan cisco-ios cisco-asa juniper-srx fortigate paloalto vyos huawei h3c mikrotik' ;;
    '|--routing') __genpeer_offer words 'frr bird none' ;;
    '|--start') __genpeer_offer words 'start trap none' ;;
    '|--templates') __genpeer_offer directories ;;
    ' generate|--input-format') __genpeer_offer words 'json xml' ;;
    ' generate|-t'|' generate|--target') __genpeer_offer words 'strongswan strongswan-legacy libreswan frr bird cisco-ios cisco-asa juniper-srx fortigate paloalto vyos huawei h3c mikrotik markdown model' ;;
    ' generate|-o'|' generate|--output') __genpeer_offer directories ;;
    ' generate|--device') __genpeer_offer words 'strongswan strongswan-legacy libreswan cisco-ios cisco-asa juniper-srx fortigate paloalto vyos huawei h3c mikrotik' ;;
    ' generate|--routing') __genpeer_offer words 'frr bird none' ;;
    ' generate|--start') __genpeer_offer words 'start trap none' ;;
    ' generate|--templates') __genpeer_offer directories ;;
    ' check|--input-format') __genpeer_offer words 'json xml' ;;
    ' check|--format') __genpeer_offer words 'text json' ;;
    ' check|--templates') __genpeer_offer directories ;;
    ' templates list|--templates') __genpeer_offer directories ;;
    ' templates cat|--templates') __genpeer_offer directories ;;
    ' templates path|--templates') __genpeer_offer directories ;;
    esac
}

# $1 the command, $2 the positional argument's index (from 0).
__genpeer_positional() {
    case "$1|$2" in
    '|'*) __genpeer_offer files ;;
    ' generate|'*) __genpeer_offer files ;;
    ' check|'*) __genpeer_offer files ;;
    ' templates cat|'0) __genpeer_offer words 'strongswan strongswan-legacy libreswan frr bird cisco-ios cisco-asa juniper-srx fortigate paloalto vyos huawei h3c mikrotik markdown model' ;;
    ' templates export|'0) __genpeer_offer directories ;;
    esac
}

_genpeer() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    COMPREPLY=()
    __genpeer_walk
    if ((COMP_CWORD > 1)) && __genpeer_takes_value "$__genpeer_command" "$prev"; then
        __genpeer_value "$__genpeer_command" "$prev"
    elif [[ $cur == -* ]]; then
        COMPREPLY+=($(compgen -W "$(__genpeer_options "$__genpeer_command")" -- "$cur"))
    else
        if ((__genpeer_positionals == 0)); then
            COMPREPLY+=($(compgen -W "$(__genpeer_subcommands "$__genpeer_command")" -- "$cur"))
        fi
        __genpeer_positional "$__genpeer_command" "$__genpeer_positionals"
    fi
}

complete -F _genpeer genpeer
