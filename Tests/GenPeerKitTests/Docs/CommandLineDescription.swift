import Foundation

/// genpeer's command line as `genpeer --experimental-dump-help` describes it (the part of
/// swift-argument-parser's tool-info format the manual page and the completions use).
struct CommandLineDescription: Decodable {
    var command: Command

    struct Command: Decodable {
        var commandName: String
        var abstract: String?
        var discussion: String?
        var defaultSubcommand: String?
        var arguments: [Argument]?
        var subcommands: [Command]?
        var shouldDisplay: Bool
    }

    struct Argument: Decodable {
        enum Kind: String, Decodable { case positional, option, flag }
        struct Name: Decodable {
            var kind: String
            var name: String
        }

        var kind: Kind
        var names: [Name]?
        var valueName: String?
        var abstract: String?
        var defaultValue: String?
        var isOptional: Bool
        var isRepeating: Bool
        var shouldDisplay: Bool
        var completionKind: [String: CompletionValues]?

        struct CompletionValues: Decodable {
            var values: [String]?
        }

        /// `-t`, `--target`, ... as typed, short names first.
        var spellings: [String] {
            (names ?? []).sorted { $0.kind > $1.kind }.map { ($0.kind == "short" ? "-" : "--") + $0.name }
        }

        var takesValue: Bool { kind == .option }

        /// What completes this argument's value.
        var completion: Completion {
            guard let completionKind else { return .none }
            if let values = completionKind["list"]?.values { return .words(values) }
            if completionKind["directory"] != nil { return .directories }
            if completionKind["file"] != nil { return .files }
            return .none
        }
    }

    enum Completion: Equatable {
        case none
        case words([String])
        case files
        case directories
    }

    /// The description of the built genpeer.
    static func current() throws -> CommandLineDescription {
        let run = try GenPeerRun(["--experimental-dump-help"])
        return try JSONDecoder().decode(CommandLineDescription.self, from: Data(run.stdout.utf8))
    }
}

/// One command as completions see it: its options, positional arguments and subcommands.
/// The root takes the default command's arguments too, since `genpeer FILE --target T` runs it.
struct CompletionNode {
    /// The subcommand words after `genpeer`, joined by spaces with a leading one (`""` for the
    /// root, `" templates cat"`).
    var path: String
    var options: [CommandLineDescription.Argument]
    var positionals: [CommandLineDescription.Argument]
    var subcommands: [(name: String, abstract: String)]

    static func tree(_ root: CommandLineDescription.Command) -> [CompletionNode] {
        var nodes: [CompletionNode] = []
        func visit(_ command: CommandLineDescription.Command, path: String) {
            var arguments = (command.arguments ?? []).filter(\.shouldDisplay)
            if let name = command.defaultSubcommand, let fallback = command.subcommands?.first(where: { $0.commandName == name }) {
                let own = Set(arguments.flatMap(\.spellings))
                arguments += (fallback.arguments ?? []).filter { $0.shouldDisplay && Set($0.spellings).isDisjoint(with: own) }
            }
            let subcommands = (command.subcommands ?? []).filter(\.shouldDisplay)
            nodes.append(CompletionNode(
                path: path,
                options: arguments.filter { $0.kind != .positional },
                positionals: arguments.filter { $0.kind == .positional },
                subcommands: subcommands.map { ($0.commandName, $0.abstract ?? "") }))
            for subcommand in subcommands { visit(subcommand, path: path + " " + subcommand.commandName) }
        }
        visit(root, path: "")
        return nodes
    }
}
