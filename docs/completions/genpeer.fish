# fish completion for genpeer (generated from the command line by scripts/generate-docs; do not edit)
# Install: copy to /usr/share/fish/vendor_completions.d/genpeer.fish

# The command (subcommand words, each after a space) and the count of positional
# arguments typed before the cursor, as "command|count".
function __genpeer_state
    set -l words (commandline -opc)
    set -e words[1]
    set -l command ''
    set -l positionals 0
    set -l skip 0
    for word in $words
        if test $skip = 1
            set skip 0
            continue
        end
        switch $word
            case '--*=*'
            case '-*'
                if __genpeer_takes_value "$command" $word
                    set skip 1
                end
            case '*'
                if test $positionals = 0; and contains -- $word (__genpeer_subcommands "$command")
                    set command "$command $word"
                else
                    set positionals (math $positionals + 1)
                end
        end
    end
    echo "$command|$positionals"
end

function __genpeer_takes_value
    switch "$argv[1]|$argv[2]"
        case '|--input-format' '|-t' '|--target' '|-o' '|--output' '|--device' '|--remote-address' '|--local-address' '|--announce' '|--cloud-prefixes' '|--routing' '|--if-id' '|--mtu' '|--master-tunnel' '|--wan-interface' '|--lan-interface' '|--tunnel-number' '|--inside-zone' '|--outside-zone' '|--vpn-zone' '|--monitor-address' '|--start' '|--templates'
            return 0
        case ' generate|--input-format' ' generate|-t' ' generate|--target' ' generate|-o' ' generate|--output' ' generate|--device' ' generate|--remote-address' ' generate|--local-address' ' generate|--announce' ' generate|--cloud-prefixes' ' generate|--routing' ' generate|--if-id' ' generate|--mtu' ' generate|--master-tunnel' ' generate|--wan-interface' ' generate|--lan-interface' ' generate|--tunnel-number' ' generate|--inside-zone' ' generate|--outside-zone' ' generate|--vpn-zone' ' generate|--monitor-address' ' generate|--start' ' generate|--templates'
            return 0
        case ' check|--input-format' ' check|--format' ' check|--remote-address' ' check|--local-address' ' check|--templates'
            return 0
        case ' templates list|--templates'
            return 0
        case ' templates cat|--templates'
            return 0
        case ' templates path|--templates'
            return 0
    end
    return 1
end

function __genpeer_subcommands
    switch "$argv[1]"
        case ''
            printf '%s\n' generate check targets templates help
        case ' templates'
            printf '%s\n' list cat path export
    end
end

# Whether the words before the cursor are in command $argv[1]; with a second argument,
# also whether that many positional arguments were typed (* for any).
function __genpeer_in
    set -l state (string split '|' -- (__genpeer_state))
    test "$state[1]" = "$argv[1]"; or return 1
    test (count $argv) -lt 2; or test "$argv[2]" = '*'; or test "$state[2]" = "$argv[2]"
end

complete -c genpeer -f
complete -c genpeer -n "__genpeer_in '' 0" -a 'generate' -d 'Render configuration files (the default command).'
complete -c genpeer -n "__genpeer_in '' 0" -a 'check' -d 'Report what would go wrong with each connection, and which targets can express it.'
complete -c genpeer -n "__genpeer_in '' 0" -a 'targets' -d 'List the output targets, one per line.'
complete -c genpeer -n "__genpeer_in '' 0" -a 'templates' -d 'Show the templates each target renders through, to read or customise them.'
complete -c genpeer -n "__genpeer_in '' 0" -a 'help' -d 'Show subcommand help information.'
complete -c genpeer -n "__genpeer_in ''" -l version -d 'Show the version.'
complete -c genpeer -n "__genpeer_in ''" -s h -l help -d 'Show help information.'
complete -c genpeer -n "__genpeer_in ''" -l input-format -x -a 'json xml' -d 'Read the inputs as json or xml instead of detecting it from the first byte.'
complete -c genpeer -n "__genpeer_in ''" -s t -l target -x -a 'strongswan strongswan-legacy libreswan frr bird cisco-ios cisco-asa juniper-srx fortigate paloalto vyos huawei h3c mikrotik markdown model' -d 'The output format (required). See `genpeer targets`.'
complete -c genpeer -n "__genpeer_in ''" -s o -l output -x -a '(__fish_complete_directories (commandline -ct))' -d 'Write files below this folder, laid out as under /etc, instead of printing them.'
complete -c genpeer -n "__genpeer_in ''" -l force -d 'Replace files that already exist in the output folder.'
complete -c genpeer -n "__genpeer_in ''" -l redact -d 'Replace every pre-shared key in the output with the placeholder <redacted>.'
complete -c genpeer -n "__genpeer_in ''" -l device -x -a 'strongswan strongswan-legacy libreswan cisco-ios cisco-asa juniper-srx fortigate paloalto vyos huawei h3c mikrotik' -d 'For --target markdown: the device whose configuration the snippet shows (default: strongswan).'
complete -c genpeer -n "__genpeer_in ''" -l show-secrets -d 'For --target markdown: show the pre-shared key instead of <redacted>.'
complete -c genpeer -n "__genpeer_in ''" -l remote-address -x -d 'The Alibaba Cloud VPN gateway\'s address (default: InternetIp, else LocalId when it is an address); for two tunnels one per tunnel, master first.'
complete -c genpeer -n "__genpeer_in ''" -l local-address -x -d 'This gateway\'s own public address (default: any / the default route); for tunnels ending at two addresses one per tunnel, master first.'
complete -c genpeer -n "__genpeer_in ''" -l announce -x -d 'Prefixes to announce to the cloud by BGP (default: RemoteSubnet unless 0.0.0.0/0).'
complete -c genpeer -n "__genpeer_in ''" -l cloud-prefixes -x -d 'Cloud prefixes to route into the tunnels without BGP (default: LocalSubnet unless 0.0.0.0/0).'
complete -c genpeer -n "__genpeer_in ''" -l routing -x -a 'frr bird none' -d 'The routing daemon configured beside strongswan/libreswan for BGP connections: frr, bird or none.'
complete -c genpeer -n "__genpeer_in ''" -l if-id -x -d 'The first XFRM interface ID (interface ipsec<N>); each tunnel on an interface takes the next.'
complete -c genpeer -n "__genpeer_in ''" -l mtu -x -d 'The tunnel interfaces\' MTU (Alibaba advises 1399).'
complete -c genpeer -n "__genpeer_in ''" -l master-tunnel -x -d 'For documents without Role (downloads): the TunnelId of the master tunnel.'
complete -c genpeer -n "__genpeer_in ''" -l wan-interface -x -d 'Router targets: the interface facing the Internet (default: the platform\'s usual one).'
complete -c genpeer -n "__genpeer_in ''" -l lan-interface -x -d 'Router targets: the interface facing the on-premises networks.'
complete -c genpeer -n "__genpeer_in ''" -l tunnel-number -x -d 'Router targets: the number of the first tunnel interface (Tunnel<n>, st0.<n>, vti<n>, ...).'
complete -c genpeer -n "__genpeer_in ''" -l inside-zone -x -d 'Router targets with zones: the zone of the on-premises networks.'
complete -c genpeer -n "__genpeer_in ''" -l outside-zone -x -d 'Router targets with zones: the zone of the Internet side.'
complete -c genpeer -n "__genpeer_in ''" -l vpn-zone -x -d 'Router targets with zones: the zone of the tunnel interfaces.'
complete -c genpeer -n "__genpeer_in ''" -l monitor-address -x -d 'Router targets with static failover (paloalto): an address in the cloud that answers ping, probed across each tunnel.'
complete -c genpeer -n "__genpeer_in ''" -l start -x -a 'start trap none' -d 'How this gateway brings the tunnel up: start (initiate at once and after any drop), trap (on traffic), none (wait for the cloud).'
complete -c genpeer -n "__genpeer_in ''" -l templates -x -a '(__fish_complete_directories (commandline -ct))' -d 'A folder laid out like the bundled templates (DIR/<target>/<name>.mustache) whose files replace them; see `genpeer templates`.'
complete -c genpeer -n "__genpeer_in ''" -l strict -d 'Refuse what RFC 8247/8221 mark MUST NOT (DES, MD5, group 1) instead of warning about it.'
complete -c genpeer -n "__genpeer_in ''" -s q -l quiet -d 'Print errors only: no warnings, no progress.'
complete -c genpeer -n "__genpeer_in '' '*'" -F
complete -c genpeer -n "__genpeer_in ' generate'" -l input-format -x -a 'json xml' -d 'Read the inputs as json or xml instead of detecting it from the first byte.'
complete -c genpeer -n "__genpeer_in ' generate'" -s t -l target -x -a 'strongswan strongswan-legacy libreswan frr bird cisco-ios cisco-asa juniper-srx fortigate paloalto vyos huawei h3c mikrotik markdown model' -d 'The output format (required). See `genpeer targets`.'
complete -c genpeer -n "__genpeer_in ' generate'" -s o -l output -x -a '(__fish_complete_directories (commandline -ct))' -d 'Write files below this folder, laid out as under /etc, instead of printing them.'
complete -c genpeer -n "__genpeer_in ' generate'" -l force -d 'Replace files that already exist in the output folder.'
complete -c genpeer -n "__genpeer_in ' generate'" -l redact -d 'Replace every pre-shared key in the output with the placeholder <redacted>.'
complete -c genpeer -n "__genpeer_in ' generate'" -l device -x -a 'strongswan strongswan-legacy libreswan cisco-ios cisco-asa juniper-srx fortigate paloalto vyos huawei h3c mikrotik' -d 'For --target markdown: the device whose configuration the snippet shows (default: strongswan).'
complete -c genpeer -n "__genpeer_in ' generate'" -l show-secrets -d 'For --target markdown: show the pre-shared key instead of <redacted>.'
complete -c genpeer -n "__genpeer_in ' generate'" -l remote-address -x -d 'The Alibaba Cloud VPN gateway\'s address (default: InternetIp, else LocalId when it is an address); for two tunnels one per tunnel, master first.'
complete -c genpeer -n "__genpeer_in ' generate'" -l local-address -x -d 'This gateway\'s own public address (default: any / the default route); for tunnels ending at two addresses one per tunnel, master first.'
complete -c genpeer -n "__genpeer_in ' generate'" -l announce -x -d 'Prefixes to announce to the cloud by BGP (default: RemoteSubnet unless 0.0.0.0/0).'
complete -c genpeer -n "__genpeer_in ' generate'" -l cloud-prefixes -x -d 'Cloud prefixes to route into the tunnels without BGP (default: LocalSubnet unless 0.0.0.0/0).'
complete -c genpeer -n "__genpeer_in ' generate'" -l routing -x -a 'frr bird none' -d 'The routing daemon configured beside strongswan/libreswan for BGP connections: frr, bird or none.'
complete -c genpeer -n "__genpeer_in ' generate'" -l if-id -x -d 'The first XFRM interface ID (interface ipsec<N>); each tunnel on an interface takes the next.'
complete -c genpeer -n "__genpeer_in ' generate'" -l mtu -x -d 'The tunnel interfaces\' MTU (Alibaba advises 1399).'
complete -c genpeer -n "__genpeer_in ' generate'" -l master-tunnel -x -d 'For documents without Role (downloads): the TunnelId of the master tunnel.'
complete -c genpeer -n "__genpeer_in ' generate'" -l wan-interface -x -d 'Router targets: the interface facing the Internet (default: the platform\'s usual one).'
complete -c genpeer -n "__genpeer_in ' generate'" -l lan-interface -x -d 'Router targets: the interface facing the on-premises networks.'
complete -c genpeer -n "__genpeer_in ' generate'" -l tunnel-number -x -d 'Router targets: the number of the first tunnel interface (Tunnel<n>, st0.<n>, vti<n>, ...).'
complete -c genpeer -n "__genpeer_in ' generate'" -l inside-zone -x -d 'Router targets with zones: the zone of the on-premises networks.'
complete -c genpeer -n "__genpeer_in ' generate'" -l outside-zone -x -d 'Router targets with zones: the zone of the Internet side.'
complete -c genpeer -n "__genpeer_in ' generate'" -l vpn-zone -x -d 'Router targets with zones: the zone of the tunnel interfaces.'
complete -c genpeer -n "__genpeer_in ' generate'" -l monitor-address -x -d 'Router targets with static failover (paloalto): an address in the cloud that answers ping, probed across each tunnel.'
complete -c genpeer -n "__genpeer_in ' generate'" -l start -x -a 'start trap none' -d 'How this gateway brings the tunnel up: start (initiate at once and after any drop), trap (on traffic), none (wait for the cloud).'
complete -c genpeer -n "__genpeer_in ' generate'" -l templates -x -a '(__fish_complete_directories (commandline -ct))' -d 'A folder laid out like the bundled templates (DIR/<target>/<name>.mustache) whose files replace them; see `genpeer templates`.'
complete -c genpeer -n "__genpeer_in ' generate'" -l strict -d 'Refuse what RFC 8247/8221 mark MUST NOT (DES, MD5, group 1) instead of warning about it.'
complete -c genpeer -n "__genpeer_in ' generate'" -s q -l quiet -d 'Print errors only: no warnings, no progress.'
complete -c genpeer -n "__genpeer_in ' generate'" -l version -d 'Show the version.'
complete -c genpeer -n "__genpeer_in ' generate'" -s h -l help -d 'Show help information.'
complete -c genpeer -n "__genpeer_in ' generate' '*'" -F
complete -c genpeer -n "__genpeer_in ' check'" -l input-format -x -a 'json xml' -d 'Read the inputs as json or xml instead of detecting it from the first byte.'
complete -c genpeer -n "__genpeer_in ' check'" -l format -x -a 'text json' -d 'text (for people) or json (sorted keys, for scripts).'
complete -c genpeer -n "__genpeer_in ' check'" -l remote-address -x -d 'The Alibaba Cloud VPN gateway\'s address, as for generating (also checked against LocalId).'
complete -c genpeer -n "__genpeer_in ' check'" -l local-address -x -d 'This gateway\'s own public address, as for generating (also checked against RemoteId).'
complete -c genpeer -n "__genpeer_in ' check'" -l templates -x -a '(__fish_complete_directories (commandline -ct))' -d 'The templates to check rendering with, as for generating.'
complete -c genpeer -n "__genpeer_in ' check'" -l version -d 'Show the version.'
complete -c genpeer -n "__genpeer_in ' check'" -s h -l help -d 'Show help information.'
complete -c genpeer -n "__genpeer_in ' check' '*'" -F
complete -c genpeer -n "__genpeer_in ' targets'" -l version -d 'Show the version.'
complete -c genpeer -n "__genpeer_in ' targets'" -s h -l help -d 'Show help information.'
complete -c genpeer -n "__genpeer_in ' templates' 0" -a 'list' -d 'List each target\'s templates and where each is read from: bundled, or a file.'
complete -c genpeer -n "__genpeer_in ' templates' 0" -a 'cat' -d 'Print a target\'s templates (all of them, or the one named).'
complete -c genpeer -n "__genpeer_in ' templates' 0" -a 'path' -d 'Print the folder of customised templates (--templates), if any.'
complete -c genpeer -n "__genpeer_in ' templates' 0" -a 'export' -d 'Write the bundled templates into a folder (DIR/<target>/<name>.mustache), to edit and pass as --templates.'
complete -c genpeer -n "__genpeer_in ' templates'" -l version -d 'Show the version.'
complete -c genpeer -n "__genpeer_in ' templates'" -s h -l help -d 'Show help information.'
complete -c genpeer -n "__genpeer_in ' templates list'" -l templates -x -a '(__fish_complete_directories (commandline -ct))' -d 'A folder of customised templates, laid out like the bundled ones.'
complete -c genpeer -n "__genpeer_in ' templates list'" -l version -d 'Show the version.'
complete -c genpeer -n "__genpeer_in ' templates list'" -s h -l help -d 'Show help information.'
complete -c genpeer -n "__genpeer_in ' templates cat'" -l templates -x -a '(__fish_complete_directories (commandline -ct))' -d 'A folder of customised templates, laid out like the bundled ones.'
complete -c genpeer -n "__genpeer_in ' templates cat'" -l version -d 'Show the version.'
complete -c genpeer -n "__genpeer_in ' templates cat'" -s h -l help -d 'Show help information.'
complete -c genpeer -n "__genpeer_in ' templates cat' 0" -a 'strongswan strongswan-legacy libreswan frr bird cisco-ios cisco-asa juniper-srx fortigate paloalto vyos huawei h3c mikrotik markdown model'
complete -c genpeer -n "__genpeer_in ' templates path'" -l templates -x -a '(__fish_complete_directories (commandline -ct))' -d 'A folder of customised templates, laid out like the bundled ones.'
complete -c genpeer -n "__genpeer_in ' templates path'" -l version -d 'Show the version.'
complete -c genpeer -n "__genpeer_in ' templates path'" -s h -l help -d 'Show help information.'
complete -c genpeer -n "__genpeer_in ' templates export'" -l force -d 'Replace template files that already exist in the folder.'
complete -c genpeer -n "__genpeer_in ' templates export'" -l version -d 'Show the version.'
complete -c genpeer -n "__genpeer_in ' templates export'" -s h -l help -d 'Show help information.'
complete -c genpeer -n "__genpeer_in ' templates export' 0" -a '(__fish_complete_directories (commandline -ct))'
complete -c genpeer -n "__genpeer_in ' help'" -l version -d 'Show the version.'
