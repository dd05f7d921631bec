/// Shell completions for genpeer (docs/completions/), written from its command line.
///
/// swift-argument-parser's own scripts do not know a default command: after
/// `genpeer --target <TAB>` they offer the commands. These walk the words typed so far the way
/// the parser does: a command name before any other argument enters that command, an option that
/// takes a value skips it, and at the root the default command's options and inputs apply.
/// Every shell gets the same tables: each command's options, which of them take a value and how
/// it completes (a list, files, folders), its positional arguments and its commands.
enum CompletionScripts {
    typealias Argument = CommandLineDescription.Argument

    static let header = "generated from the command line by scripts/generate-docs; do not edit"

    // MARK: bash

    static func bash(_ nodes: [CompletionNode]) -> String {
        var script = """
            # bash completion for genpeer (\(header))
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

            """
        for node in nodes {
            let spellings = node.options.filter(\.takesValue).flatMap(\.spellings)
            if !spellings.isEmpty { script += "    " + spellings.map { "'\(node.path)|\($0)'" }.joined(separator: "|") + ") return 0 ;;\n" }
        }
        script += """
                esac
                return 1
            }

            __genpeer_subcommands() {
                case "$1" in

            """
        for node in nodes where !node.subcommands.isEmpty {
            script += "    '\(node.path)') echo '\(node.subcommands.map(\.name).joined(separator: " "))' ;;\n"
        }
        script += """
                esac
            }

            __genpeer_options() {
                case "$1" in

            """
        for node in nodes {
            script += "    '\(node.path)') echo '\(node.options.flatMap(\.spellings).joined(separator: " "))' ;;\n"
        }
        script += """
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

            """
        for node in nodes {
            for option in node.options where option.takesValue {
                guard let offer = bashOffer(option.completion) else { continue }
                script += "    " + option.spellings.map { "'\(node.path)|\($0)'" }.joined(separator: "|") + ") \(offer) ;;\n"
            }
        }
        script += """
                esac
            }

            # $1 the command, $2 the positional argument's index (from 0).
            __genpeer_positional() {
                case "$1|$2" in

            """
        for node in nodes {
            for (index, positional) in node.positionals.enumerated() {
                guard let offer = bashOffer(positional.completion) else { continue }
                let index = positional.isRepeating ? "*" : "\(index)"
                script += "    '\(node.path)|'\(index)) \(offer) ;;\n"
            }
        }
        script += """
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

            """
        return script
    }

    private static func bashOffer(_ completion: CommandLineDescription.Completion) -> String? {
        switch completion {
        case .none: return nil
        case .words(let words): return "__genpeer_offer words '\(words.joined(separator: " "))'"
        case .files: return "__genpeer_offer files"
        case .directories: return "__genpeer_offer directories"
        }
    }

    // MARK: zsh

    static func zsh(_ nodes: [CompletionNode]) -> String {
        var script = """
            #compdef genpeer
            # zsh completion for genpeer (\(header))
            # Install: copy as _genpeer into a folder of $fpath, e.g. /usr/local/share/zsh/site-functions

            __genpeer_takes_value() {
                case "$1|$2" in

            """
        for node in nodes {
            let spellings = node.options.filter(\.takesValue).flatMap(\.spellings)
            if !spellings.isEmpty { script += "    " + spellings.map { "'\(node.path)|\($0)'" }.joined(separator: "|") + ") return 0 ;;\n" }
        }
        script += """
                esac
                return 1
            }

            # Each subcommand as name:description.
            __genpeer_subcommands() {
                case "$1" in

            """
        for node in nodes where !node.subcommands.isEmpty {
            let described = node.subcommands.map { zshDescribed($0.name, $0.abstract) }
            script += "    '\(node.path)') reply=(\(described.joined(separator: " "))) ;;\n"
        }
        script += """
                *) reply=() ;;
                esac
            }

            # Each option as spelling:description.
            __genpeer_options() {
                case "$1" in

            """
        for node in nodes {
            let described = node.options.flatMap { option in option.spellings.map { zshDescribed($0, option.abstract ?? "") } }
            script += "    '\(node.path)') reply=(\(described.joined(separator: " "))) ;;\n"
        }
        script += """
                esac
            }

            __genpeer_value() {
                case "$1|$2" in

            """
        for node in nodes {
            for option in node.options where option.takesValue {
                guard let offer = zshOffer(option.completion) else { continue }
                script += "    " + option.spellings.map { "'\(node.path)|\($0)'" }.joined(separator: "|") + ") \(offer) ;;\n"
            }
        }
        script += """
                esac
            }

            __genpeer_positional() {
                case "$1|$2" in

            """
        for node in nodes {
            for (index, positional) in node.positionals.enumerated() {
                guard let offer = zshOffer(positional.completion) else { continue }
                let index = positional.isRepeating ? "*" : "\(index)"
                script += "    '\(node.path)|'\(index)) \(offer) ;;\n"
            }
        }
        script += """
                esac
            }

            _genpeer() {
                local command="" word i positionals=0
                local -a reply
                for ((i = 2; i < CURRENT; i++)); do
                    word=${words[i]}
                    case $word in
                    --*=*) ;;
                    -*) __genpeer_takes_value "$command" "$word" && ((i++)) ;;
                    *)
                        __genpeer_subcommands "$command"
                        if ((positionals == 0)) && (($reply[(I)${(b)word}:*])); then
                            command+=" $word"
                        else
                            ((positionals++))
                        fi
                        ;;
                    esac
                done
                if ((CURRENT > 2)) && __genpeer_takes_value "$command" "${words[CURRENT - 1]}"; then
                    __genpeer_value "$command" "${words[CURRENT - 1]}"
                elif [[ ${words[CURRENT]} == -* ]]; then
                    __genpeer_options "$command"
                    _describe -t options option reply
                else
                    if ((positionals == 0)); then
                        __genpeer_subcommands "$command"
                        (($#reply)) && _describe -t commands command reply
                    fi
                    __genpeer_positional "$command" "$positionals"
                fi
            }

            _genpeer "$@"

            """
        return script
    }

    /// `name:description` quoted for a zsh array, its colons escaped for `_describe`.
    private static func zshDescribed(_ name: String, _ description: String) -> String {
        let text = "\(name.replacingOccurrences(of: ":", with: "\\:")):\(description)"
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static func zshOffer(_ completion: CommandLineDescription.Completion) -> String? {
        switch completion {
        case .none: return nil
        case .words(let words): return "compadd -- \(words.joined(separator: " "))"
        case .files: return "_files"
        case .directories: return "_directories"
        }
    }

    // MARK: fish

    static func fish(_ nodes: [CompletionNode]) -> String {
        var script = """
            # fish completion for genpeer (\(header))
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

            """
        for node in nodes {
            let spellings = node.options.filter(\.takesValue).flatMap(\.spellings)
            if !spellings.isEmpty { script += "        case " + spellings.map { "'\(node.path)|\($0)'" }.joined(separator: " ") + "\n            return 0\n" }
        }
        script += """
                end
                return 1
            end

            function __genpeer_subcommands
                switch "$argv[1]"

            """
        for node in nodes where !node.subcommands.isEmpty {
            script += "        case '\(node.path)'\n            printf '%s\\n' \(node.subcommands.map(\.name).joined(separator: " "))\n"
        }
        script += """
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

            """
        for node in nodes {
            let inNode = "__genpeer_in '\(node.path)'"
            for subcommand in node.subcommands {
                script += "complete -c genpeer -n \"\(inNode) 0\" -a \(fishQuoted(subcommand.name)) -d \(fishQuoted(subcommand.abstract))\n"
            }
            for option in node.options {
                var line = "complete -c genpeer -n \"\(inNode)\""
                for spelling in option.spellings {
                    line += spelling.hasPrefix("--") ? " -l \(spelling.dropFirst(2))" : " -s \(spelling.dropFirst())"
                }
                if option.takesValue {
                    switch option.completion {
                    case .none: line += " -x"
                    case .words(let words): line += " -x -a \(fishQuoted(words.joined(separator: " ")))"
                    case .files: line += " -r -F"
                    case .directories: line += " -x -a '(__fish_complete_directories (commandline -ct))'"
                    }
                }
                script += line + " -d \(fishQuoted(option.abstract ?? ""))\n"
            }
            for (index, positional) in node.positionals.enumerated() {
                let condition = "\(inNode) \(positional.isRepeating ? "'*'" : "\(index)")"
                switch positional.completion {
                case .none: continue
                case .words(let words): script += "complete -c genpeer -n \"\(condition)\" -a \(fishQuoted(words.joined(separator: " ")))\n"
                case .files: script += "complete -c genpeer -n \"\(condition)\" -F\n"
                case .directories: script += "complete -c genpeer -n \"\(condition)\" -a '(__fish_complete_directories (commandline -ct))'\n"
                }
            }
        }
        return script
    }

    private static func fishQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
