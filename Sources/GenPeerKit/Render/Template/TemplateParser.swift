import Foundation

/// Compiles a template's text into ``TemplateToken``s: finds the tags, leaves standalone lines
/// out and nests sections. Every error names the template and the line of the tag at fault.
struct TemplateParser {
    private let bytes: [UInt8]
    private let templateName: String
    /// The finished tokens at top level.
    private var root: [TemplateToken] = []
    /// The sections opened and not yet closed, innermost last.
    private var openSections: [OpenSection] = []

    private struct OpenSection {
        var tag: Tag
        var name: TemplateName
        var line: Int
        var tokens: [TemplateToken] = []
    }

    /// The line of the last tag placed, counted up to `countedTo`, so lines are counted once.
    private var line = 1
    private var countedTo = 0

    init(text: String, templateName: String) {
        bytes = Array(text.utf8)
        self.templateName = templateName
    }

    consuming func parse() throws -> [TemplateToken] {
        var textStart = 0
        var position = 0
        while let open = find("{{", from: position) {
            let tag = try readTag(at: open)
            var textEnd = open
            position = tag.end
            if tag.kind.canStandAlone, let line = standaloneLine(around: tag) {
                textEnd = line.lowerBound
                position = line.upperBound
            }
            appendText(textStart..<textEnd)
            try apply(tag)
            textStart = position
        }
        appendText(textStart..<bytes.count)
        if let unclosed = openSections.last {
            throw error(at: unclosed.tag, "section \(source(of: unclosed.tag)) is not closed")
        }
        return root
    }

    // MARK: Tags

    private struct Tag {
        enum Kind {
            case variable, section, invertedSection, close, comment, partial, setDelimiter

            /// The kind a tag's first character after `{{` makes; `nil` for a name.
            init?(sigil: UInt8) {
                switch sigil {
                case UInt8(ascii: "#"): self = .section
                case UInt8(ascii: "^"): self = .invertedSection
                case UInt8(ascii: "/"): self = .close
                case UInt8(ascii: "!"): self = .comment
                case UInt8(ascii: "&"): self = .variable
                case UInt8(ascii: ">"): self = .partial
                case UInt8(ascii: "="): self = .setDelimiter
                default: return nil
                }
            }

            /// Whether the tag can stand alone on a line, which is then left out whole.
            var canStandAlone: Bool { self != .variable }
        }

        var kind: Kind
        /// Where the tag starts (its `{{`) and where it ends (after its `}}`).
        var start: Int
        var end: Int
        /// What the tag holds after its sigil, before its closing braces.
        var content: Range<Int>
    }

    private func readTag(at open: Int) throws -> Tag {
        let inner = open + 2
        if inner < bytes.count, bytes[inner] == UInt8(ascii: "{") {
            guard let close = find("}}", from: inner + 1), close + 2 < bytes.count, bytes[close + 2] == UInt8(ascii: "}") else {
                throw error(atByte: open, "a tag opened with {{{ is not closed with }}}")
            }
            return try checked(Tag(kind: .variable, start: open, end: close + 3, content: inner + 1..<close))
        }
        guard let close = find("}}", from: inner) else { throw error(atByte: open, "a tag is not closed with }}") }
        if inner < close, let kind = Tag.Kind(sigil: bytes[inner]) {
            return try checked(Tag(kind: kind, start: open, end: close + 2, content: inner + 1..<close))
        }
        return try checked(Tag(kind: .variable, start: open, end: close + 2, content: inner..<close))
    }

    /// Refuses a tag that runs into another one: the first one was never closed.
    private func checked(_ tag: Tag) throws -> Tag {
        if tag.kind != .comment, find("{{", from: tag.content.lowerBound, before: tag.content.upperBound) != nil {
            throw error(atByte: tag.start, "a tag is not closed with }}")
        }
        return tag
    }

    /// The name a tag holds, without the spaces around it.
    private func name(of tag: Tag) throws -> TemplateName {
        let text = String(decoding: bytes[tag.content], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw error(at: tag, "\(source(of: tag)) has an empty name") }
        if text == "." { return TemplateName(parts: []) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(Self.isNameByte) }) else {
            throw error(at: tag, "\(source(of: tag)): '\(text)' is not a name (letters, digits, _ and -, parts joined by dots, or a single dot)")
        }
        return TemplateName(parts: parts.map(String.init))
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    // MARK: The token tree

    private mutating func apply(_ tag: Tag) throws {
        switch tag.kind {
        case .comment:
            break
        case .variable:
            append(.variable(try name(of: tag), line: line(of: tag)))
        case .section, .invertedSection:
            openSections.append(OpenSection(tag: tag, name: try name(of: tag), line: line(of: tag)))
        case .close:
            let name = try name(of: tag)
            guard let section = openSections.popLast() else {
                throw error(at: tag, "\(source(of: tag)) closes no open section")
            }
            guard section.name == name else {
                throw error(at: tag, "\(source(of: tag)) does not close \(source(of: section.tag)) from line \(line(ofByte: section.tag.start))")
            }
            append(section.tag.kind == .section
                ? .section(name, body: section.tokens, line: section.line)
                : .invertedSection(name, body: section.tokens, line: section.line))
        case .partial:
            throw error(at: tag, "partials (\(source(of: tag))) are not supported")
        case .setDelimiter:
            throw error(at: tag, "set-delimiter tags (\(source(of: tag))) are not supported")
        }
    }

    private mutating func append(_ token: TemplateToken) {
        if openSections.isEmpty {
            Self.append(token, to: &root)
        } else {
            Self.append(token, to: &openSections[openSections.count - 1].tokens)
        }
    }

    /// Adds a token; text right after text joins it, so rendering appends it at once.
    private static func append(_ token: TemplateToken, to tokens: inout [TemplateToken]) {
        if case .text(let text) = token, case .text(let previous)? = tokens.last {
            tokens[tokens.count - 1] = .text(previous + text)
        } else {
            tokens.append(token)
        }
    }

    private mutating func appendText(_ range: Range<Int>) {
        if !range.isEmpty { append(.text(String(decoding: bytes[range], as: UTF8.self))) }
    }

    // MARK: Lines

    /// The whole line around `tag` — from the line's start to after its line break — when the
    /// tag is all it holds besides spaces and tabs; `nil` otherwise.
    private func standaloneLine(around tag: Tag) -> Range<Int>? {
        var start = tag.start
        while start > 0, Self.isBlank(bytes[start - 1]) { start -= 1 }
        guard start == 0 || bytes[start - 1] == UInt8(ascii: "\n") else { return nil }
        var end = tag.end
        while end < bytes.count, Self.isBlank(bytes[end]) { end += 1 }
        if end == bytes.count { return start..<end }
        if bytes[end] == UInt8(ascii: "\n") { return start..<end + 1 }
        if bytes[end] == UInt8(ascii: "\r"), end + 1 < bytes.count, bytes[end + 1] == UInt8(ascii: "\n") { return start..<end + 2 }
        return nil
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// Where `pair` (two bytes, such as `{{`) next starts at or after `position` and before `limit`.
    private func find(_ pair: StaticString, from position: Int, before limit: Int? = nil) -> Int? {
        let first = pair.utf8Start[0]
        let second = pair.utf8Start[1]
        let last = (limit ?? bytes.count) - 1
        var index = position
        while index < last {
            if bytes[index] == first, bytes[index + 1] == second { return index }
            index += 1
        }
        return nil
    }

    // MARK: Errors

    /// Tags come in order, so each tag's line is counted on from the previous one's.
    private mutating func line(of tag: Tag) -> Int {
        line += bytes[countedTo..<tag.start].reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        countedTo = tag.start
        return line
    }

    private func line(ofByte offset: Int) -> Int {
        bytes[..<offset].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }

    /// The tag as written, shortened when long (a comment, or text swallowed by an unclosed tag).
    private func source(of tag: Tag) -> String {
        let text = String(decoding: bytes[tag.start..<tag.end], as: UTF8.self)
        return text.count > 40 ? String(text.prefix(37)) + "..." : text
    }

    private func error(at tag: Tag, _ message: String) -> GenPeerError {
        error(atByte: tag.start, message)
    }

    private func error(atByte offset: Int, _ message: String) -> GenPeerError {
        GenPeerError(.template, "template \(templateName), line \(line(ofByte: offset)): \(message)")
    }
}
