import Foundation
@testable import GenPeerKit

/// genpeer's manual page (docs/genpeer.1, mdoc), written from its command line: the synopsis of
/// each command, its arguments and options with their help, the exit statuses, and the examples
/// of the help as a literal display.
///
/// Text follows mdoc's rules, so `mandoc -T lint` has nothing to say: a sentence starts a line,
/// no text line is longer than 80 bytes, a blank line is `.Pp`, and a line that could read as a
/// request is escaped.
enum ManualPage {
    typealias Command = CommandLineDescription.Command
    typealias Argument = CommandLineDescription.Argument

    /// Every exit status, with what it means; 1 is `check`'s alone.
    static let exitStatuses: [(code: Int32, meaning: String)] = [
        (0, "Success; for check, no finding."),
        (1, "check only: findings, or a target that cannot express a connection."),
        (GenPeerError.Kind.usage.rawValue, "The command line was wrong (EX_USAGE)."),
        (GenPeerError.Kind.data.rawValue, "An input document is malformed or holds a value the target cannot express (EX_DATAERR)."),
        (GenPeerError.Kind.noInput.rawValue, "An input file could not be opened (EX_NOINPUT)."),
        (GenPeerError.Kind.template.rawValue, "A bundled or user template is broken, or a --templates folder holds what replaces no template (EX_SOFTWARE)."),
        (GenPeerError.Kind.cannotCreate.rawValue, "An output file could not be created (EX_CANTCREAT)."),
    ]

    static func render(_ description: CommandLineDescription, date: String = "November 27, 2026") -> String {
        let root = description.command
        let subcommands = (root.subcommands ?? []).filter { $0.shouldDisplay && $0.commandName != "help" }
        let generate = subcommands.first { $0.commandName == root.defaultSubcommand }
        var page = """
            .\\" genpeer(1): generated from the command line by scripts/generate-docs; do not edit.
            .Dd \(date)
            .Dt GENPEER 1
            .Os
            .Sh NAME
            .Nm genpeer
            .Nd \(sentence(root.abstract ?? "").lowercasedFirst.trimmingSuffix("."))
            .Sh SYNOPSIS

            """
        page += synopsis(generate, words: [])
        for command in subcommands where command.commandName != root.defaultSubcommand {
            page += synopses(command, words: [command.commandName])
        }
        let (prose, examples) = split(root.discussion ?? "")
        page += ".Sh DESCRIPTION\n" + render(prose)
        for command in subcommands {
            page += ".Ss \(command.commandName == root.defaultSubcommand ? "genpeer (genpeer generate)" : "genpeer \(command.commandName)")\n"
            page += describe(command, words: [command.commandName])
        }
        page += ".Ss Common options\n.Bl -tag -width Ds\n.It Fl -version\n" + text("Show the version.")
        page += ".It Fl h , Fl -help\n" + text("Show help information. Alone, it shows the default command's arguments and options and the other commands.") + ".El\n"
        page += ".Sh EXIT STATUS\n.Bl -tag -width Ds\n"
        for status in exitStatuses { page += ".It \(status.code)\n" + text(status.meaning) }
        page += ".El\n"
        if !examples.isEmpty {
            page += ".Sh EXAMPLES\n.Bd -literal -offset indent\n" + examples.map(literal).joined(separator: "\n") + "\n.Ed\n"
        }
        // No .Xr: whether a machine has these manuals installed and indexed is no matter of this
        // page, and mandoc's lint reports each one its database lacks.
        page += ".Sh SEE ALSO\n" + text("""
            strongSwan's swanctl.conf(5), ipsec.conf(5) and ipsec.secrets(5), and Libreswan's \
            ipsec.conf(5) and ipsec.secrets(5). The README of the genpeer repository: the mapping \
            rules, the template context, and the security guarantees.
            """)
        return page
    }

    // MARK: Commands

    private static func visibleArguments(_ command: Command) -> [Argument] {
        (command.arguments ?? []).filter { argument in
            argument.shouldDisplay && !(argument.names ?? []).contains { ["version", "help"].contains($0.name) }
        }
    }

    /// The synopsis of a command without subcommands; `words` are the subcommand names.
    private static func synopsis(_ command: Command?, words: [String]) -> String {
        var lines = [".Nm"] + words.map { ".Cm \($0)" }
        for argument in visibleArguments(command ?? Command(commandName: "", shouldDisplay: true)) {
            let item: String
            switch argument.kind {
            case .positional: item = "Ar \(argument.valueName ?? "arg")" + (argument.isRepeating ? " ..." : "")
            case .option: item = "Fl \(argument.spellings.last!.dropFirst()) Ar \(argument.valueName ?? "value")"
            case .flag: item = "Fl \(argument.spellings.last!.dropFirst())"
            }
            lines.append(argument.isOptional && !(argument.kind == .option && argument.abstract?.contains("(required)") == true) ? ".Op \(item)" : ".\(item)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func synopses(_ command: Command, words: [String]) -> String {
        let subcommands = (command.subcommands ?? []).filter(\.shouldDisplay)
        guard !subcommands.isEmpty else { return synopsis(command, words: words) }
        return subcommands.map { synopses($0, words: words + [$0.commandName]) }.joined()
    }

    private static func describe(_ command: Command, words: [String]) -> String {
        var section = text(sentence(command.abstract ?? ""))
        let discussion = blocks(of: command.discussion ?? "")
        if !discussion.isEmpty { section += (discussion.first.map { if case .prose = $0 { ".Pp\n" } else { "" } } ?? "") + render(discussion) }
        let arguments = visibleArguments(command)
        if !arguments.isEmpty {
            section += ".Bl -tag -width Ds\n"
            for argument in arguments { section += item(argument) }
            section += ".El\n"
        }
        for subcommand in (command.subcommands ?? []).filter(\.shouldDisplay) {
            section += ".Pp\n.Nm\n" + (words + [subcommand.commandName]).map { ".Cm \($0)\n" }.joined()
            section += ".Pp\n" + describe(subcommand, words: words + [subcommand.commandName])
        }
        return section
    }

    private static func item(_ argument: Argument) -> String {
        var head: String
        switch argument.kind {
        case .positional:
            head = ".It Ar \(argument.valueName ?? "arg")" + (argument.isRepeating ? " ..." : "")
        case .option, .flag:
            head = ".It " + argument.spellings.map { "Fl \($0.dropFirst())" }.joined(separator: " , ")
            if argument.kind == .option { head += " Ar \(argument.valueName ?? "value")" }
        }
        var help = sentence(argument.abstract ?? "")
        if case .words(let values) = argument.completion, argument.kind != .positional || values.count < 8 {
            help += " One of: \(values.joined(separator: ", "))."
        }
        if let value = argument.defaultValue { help += " Default: \(value)." }
        return head + "\n" + text(help)
    }

    // MARK: Text

    /// A discussion's paragraphs and its displays (runs of indented lines, such as examples),
    /// in order.
    enum Block: Equatable {
        case prose(String)
        case display([String])
    }

    static func blocks(of discussion: String) -> [Block] {
        var blocks: [Block] = []
        var paragraphEnded = true
        for line in discussion.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.isEmpty {
                paragraphEnded = true
                continue
            }
            // A display keeps its lines' indentation beyond the two spaces that mark it.
            switch (blocks.last, line.hasPrefix("  ")) {
            case (.display(let lines)?, true) where !paragraphEnded: blocks[blocks.count - 1] = .display(lines + [String(line.dropFirst(2))])
            case (_, true): blocks.append(.display([String(line.dropFirst(2))]))
            case (.prose(let text)?, false) where !paragraphEnded: blocks[blocks.count - 1] = .prose(text + " " + line)
            case (_, false): blocks.append(.prose(line))
            }
            paragraphEnded = false
        }
        return blocks
    }

    /// The root's discussion without its examples (a display after a paragraph `Examples:`),
    /// and the examples.
    private static func split(_ discussion: String) -> (prose: [Block], examples: [String]) {
        var blocks = blocks(of: discussion)
        guard let index = blocks.firstIndex(of: .prose("Examples:")), index + 1 < blocks.count,
              case .display(let examples) = blocks[index + 1] else { return (blocks, []) }
        blocks.removeSubrange(index...index + 1)
        return (blocks, examples)
    }

    /// Paragraphs after paragraphs get `.Pp`; a display is a paragraph of its own already.
    private static func render(_ blocks: [Block]) -> String {
        var text = ""
        for (index, block) in blocks.enumerated() {
            switch block {
            case .prose(let paragraph):
                if index > 0 { text += ".Pp\n" }
                text += Self.text(paragraph)
            case .display(let lines):
                text += ".Bd -literal -offset indent\n" + lines.map(literal).joined(separator: "\n") + "\n.Ed\n"
            }
        }
        return text
    }

    /// Filled text: paragraphs become `.Pp`, each sentence starts a line, lines stay within
    /// 80 bytes.
    static func text(_ prose: String) -> String {
        let paragraphs = prose.components(separatedBy: "\n\n").map { $0.replacingOccurrences(of: "\n", with: " ") }.filter { !$0.isEmpty }
        return paragraphs.map { paragraph in
            sentences(of: paragraph).flatMap { wrap(escaped(quoted($0))) }.joined(separator: "\n") + "\n"
        }.joined(separator: ".Pp\n")
    }

    private static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let last = trimmed.last, !".!?".contains(last) else { return trimmed }
        return trimmed + "."
    }

    /// A sentence ends at `.`, `!` or `?` before a space and a capital or a quote.
    private static func sentences(of paragraph: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        let characters = Array(paragraph)
        for (index, character) in characters.enumerated() {
            if character == " ", index > 0, ".!?".contains(characters[index - 1]), index + 1 < characters.count,
               characters[index + 1].isUppercase || characters[index + 1] == "`", !current.hasSuffix("e.g."), !current.hasSuffix("i.e.")
            {
                sentences.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        if !current.isEmpty { sentences.append(current) }
        return sentences
    }

    /// `code` in the help becomes quoted text.
    private static func quoted(_ text: String) -> String {
        var result = ""
        var open = false
        for character in text {
            if character == "`" {
                result += open ? "\\(cq" : "\\(oq"
                open.toggle()
            } else {
                result.append(character)
            }
        }
        return result
    }

    private static func escaped(_ text: String) -> String {
        var text = text.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "\\e(", with: "\\(")
        if text.hasPrefix(".") || text.hasPrefix("'") { text = "\\&" + text }
        return text
    }

    /// Lines of at most 80 bytes, broken at spaces; a line never starts with `.` or `'`.
    private static func wrap(_ text: String) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.utf8.count + 1 + word.utf8.count > 80 {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? (word.hasPrefix(".") || word.hasPrefix("'") ? "\\&" : "") : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    private static func literal(_ line: String) -> String {
        escaped(line)
    }
}

extension String {
    fileprivate var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }

    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
