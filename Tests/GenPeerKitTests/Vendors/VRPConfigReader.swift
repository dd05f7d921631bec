import Foundation
@testable import GenPeerKit

/// A reader of the system-view command files genpeer writes for Huawei VRP and H3C Comware 7:
/// `#` comment lines, commands at column 0, the commands of a view indented one space deeper
/// than the command that entered it, and a view left with `quit` at its commands' depth.
/// Structural problems (a view left open, a `quit` or an indentation that matches no view) are
/// collected, never skipped.
struct VRPConfig {
    /// One command and, when it entered a view, the commands of that view.
    struct Node {
        var command: String
        var children: [Node] = []
        var closed = false

        /// The view's own commands (not those of nested views).
        var lines: [String] { children.map(\.command) }

        func child(_ prefix: String) -> Node? { children.first { $0.command == prefix || $0.command.hasPrefix(prefix + " ") } }

        /// The argument words after `prefix` of this view's first command starting with it.
        func value(_ prefix: String) -> String? {
            lines.first { $0.hasPrefix(prefix + " ") }.map { String($0.dropFirst(prefix.count + 1)) }
        }

        func values(_ prefix: String) -> [String] {
            lines.filter { $0.hasPrefix(prefix + " ") }.map { String($0.dropFirst(prefix.count + 1)) }
        }
    }

    private(set) var nodes: [Node] = []
    private(set) var comments: [String] = []
    private(set) var problems: [String] = []

    init(_ text: String) {
        // A path of child indexes from the top level to each open node.
        var open: [Int] = []
        func node(at path: [Int]) -> Node {
            var current = nodes[path[0]]
            for index in path.dropFirst() { current = current.children[index] }
            return current
        }
        func update(_ path: [Int], _ change: (inout Node) -> Void) {
            func apply(_ node: inout Node, _ rest: ArraySlice<Int>) {
                if let first = rest.first { apply(&node.children[first], rest.dropFirst()) } else { change(&node) }
            }
            apply(&nodes[path[0]], path.dropFirst())
        }
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                comments.append(line)
                continue
            }
            let depth = line.prefix { $0 == " " }.count
            let command = String(line.dropFirst(depth))
            if command.hasSuffix(" ") || command.contains("\t") || command.contains("\r") {
                problems.append("line \(number + 1): stray whitespace in \(command.debugDescription)")
            }
            // Commands deeper than `depth - 1` are done: a view among them must have been left.
            while open.count > depth {
                let path = Array(open.prefix(open.count))
                let done = node(at: path)
                if !done.children.isEmpty && !done.closed { problems.append("line \(number + 1): view \"\(done.command)\" not left with quit") }
                open.removeLast()
            }
            guard open.count == depth else {
                problems.append("line \(number + 1): \"\(command)\" is indented \(depth) deep, under no view")
                continue
            }
            if command == "quit" {
                guard depth > 0 else {
                    problems.append("line \(number + 1): quit at the top level would leave system-view")
                    continue
                }
                let path = Array(open)
                update(path) { $0.closed = true }
                open.removeLast()
                continue
            }
            if depth == 0 {
                nodes.append(Node(command: command))
                open = [nodes.count - 1]
            } else {
                var index = 0
                update(open) { parent in
                    parent.children.append(Node(command: command))
                    index = parent.children.count - 1
                }
                open.append(index)
            }
        }
        while !open.isEmpty {
            let done = node(at: open)
            if !done.children.isEmpty && !done.closed { problems.append("end: view \"\(done.command)\" not left with quit") }
            open.removeLast()
        }
    }

    /// The top-level nodes whose command is `prefix` or starts with `prefix `.
    func all(_ prefix: String) -> [Node] {
        nodes.filter { $0.command == prefix || $0.command.hasPrefix(prefix + " ") }
    }

    func first(_ command: String) -> Node? { nodes.first { $0.command == command } }

    /// `# Note: ...` lines' text.
    var notes: [String] { comments.filter { $0.hasPrefix("# Note: ") }.map { String($0.dropFirst(8)) } }
}

/// What a command reference says a view takes: each rule a whole-line pattern (one-space
/// separated words), optionally with a numeric range for its first captured number, and the
/// rules of the view it enters.
/// Immutable once made: its regular expressions are only read.
struct CLIGrammar: @unchecked Sendable {
    struct Rule: @unchecked Sendable {
        var pattern: NSRegularExpression
        var range: ClosedRange<Int>?
        var view: [Rule]

        init(_ pattern: String, range: ClosedRange<Int>? = nil, view: [Rule] = []) {
            self.pattern = try! NSRegularExpression(pattern: "^" + pattern + "$")
            self.range = range
            self.view = view
        }

        func matches(_ command: String) -> Bool {
            let whole = NSRange(command.startIndex..., in: command)
            guard let match = pattern.firstMatch(in: command, range: whole) else { return false }
            guard let range else { return true }
            guard match.numberOfRanges > 1, let captured = Range(match.range(at: 1), in: command), let number = Int(command[captured]) else { return false }
            return range.contains(number)
        }
    }

    var top: [Rule]

    /// Every command no rule of its view takes, with its view; empty when the file fits.
    func violations(_ config: VRPConfig) -> [String] {
        func check(_ nodes: [VRPConfig.Node], _ rules: [Rule], _ path: String) -> [String] {
            nodes.flatMap { node -> [String] in
                guard let rule = rules.first(where: { $0.matches(node.command) }) else {
                    return ["\(path)\(node.command)"]
                }
                return check(node.children, rule.view, "\(path)\(node.command) > ")
            }
        }
        return check(config.nodes, top, "")
    }

    static let ip = #"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}"#
    static let placeholder = "<[A-Z-]+>"
    static let interfaceName = #"(?:[A-Za-z0-9][A-Za-z0-9/.:_-]{0,62}|<[A-Z-]+>)"#
    static let key = #"[!-~]+"#
    static let fqdn = #"[A-Za-z0-9_.-]{1,100}"#
    static let text = #"[ -~]+"#
}
