/// A Mustache template, compiled once into a token tree and rendered many times.
///
/// It reads a subset of [Mustache](https://github.com/mustache/spec), with the spec's semantics:
///
/// - `{{name}}`, `{{{name}}}` and `{{& name}}` insert a value as it is, never HTML-escaped
///   (dialects encode values for their file syntax). Text prints as it is, a flag as `true` or
///   `false`; a list, a map or a missing name prints nothing.
/// - Names are `a.b.c` (letters, digits, `_` and `-` between dots) or `.`, the current item.
///   A name not found in the innermost context is looked up in the outer ones; of a dotted name
///   only the first part is.
/// - `{{#name}}…{{/name}}` renders once per item of a list (the item pushed), once for `true`
///   (context unchanged), once for text or a map (the value pushed; text counts even when
///   empty), and not at all for `false`, an empty list or a missing name.
///   `{{^name}}…{{/name}}` renders exactly when that section would not.
/// - `{{! comment }}` renders nothing.
/// - A line holding only a section, inverted-section, closing or comment tag (and spaces or
///   tabs) is left out whole, its line break included.
///
/// Partials (`{{> name}}`) and set-delimiter tags (`{{=<% %>=}}`) are refused when compiling,
/// as are unclosed tags, unclosed or mismatched sections and empty or malformed names.
public struct Template: Sendable {
    /// What errors call the template: its file, usually.
    public let name: String
    let tokens: [TemplateToken]
    /// The output size to reserve: twice the template's own text, so values rarely make the
    /// output grow again.
    private let sizeHint: Int

    /// Compiles `text`; throws a ``GenPeerError`` of kind ``GenPeerError/Kind/template`` naming
    /// `name` and the line when the text is not in the supported subset.
    public init(parsing text: String, name: String) throws {
        self.name = name
        tokens = try TemplateParser(text: text, templateName: name).parse()
        sizeHint = 2 * TemplateToken.textSize(of: tokens)
    }

    /// The template's text with `context`'s values in place of its tags.
    public func render(_ context: TemplateValue) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(sizeHint)
        var stack = ContextStack(root: context)
        Self.render(tokens, stack: &stack, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func render(_ tokens: [TemplateToken], stack: inout ContextStack, into output: inout [UInt8]) {
        for token in tokens {
            switch token {
            case .text(let text):
                output.append(contentsOf: text.utf8)
            case .variable(let name, _):
                switch stack.lookup(name) {
                case .text(let text)?: output.append(contentsOf: text.utf8)
                case .bool(let flag)?: output.append(contentsOf: (flag ? "true" : "false").utf8)
                case .list?, .map?, nil: break
                }
            case .section(let name, let body, _):
                switch stack.lookup(name) {
                case nil, .bool(false)?:
                    break
                case .bool(true)?:
                    render(body, stack: &stack, into: &output)
                case .list(let items)?:
                    for item in items { renderPushing(item, body, stack: &stack, into: &output) }
                case let value?:
                    renderPushing(value, body, stack: &stack, into: &output)
                }
            case .invertedSection(let name, let body, _):
                if stack.lookup(name).isFalsey { render(body, stack: &stack, into: &output) }
            }
        }
    }

    private static func renderPushing(_ value: TemplateValue, _ body: [TemplateToken], stack: inout ContextStack, into output: inout [UInt8]) {
        stack.push(value)
        render(body, stack: &stack, into: &output)
        stack.pop()
    }
}

/// One piece of a compiled template.
enum TemplateToken: Sendable, Equatable {
    case text(String)
    /// The line numbers are for messages about names (see ``Template/checkNames(against:)``).
    /// A section's line comes after its body on purpose: a multi-payload enum keeps its case in
    /// bits its payloads all leave unused, and with the body last that would be the spare bits
    /// of the body's pointer, which LeakSanitizer (scripts/fuzz) then fails to recognise.
    case variable(TemplateName, line: Int)
    case section(TemplateName, body: [TemplateToken], line: Int)
    case invertedSection(TemplateName, body: [TemplateToken], line: Int)

    static func textSize(of tokens: [TemplateToken]) -> Int {
        tokens.reduce(0) { size, token in
            switch token {
            case .text(let text): return size + text.utf8.count
            case .variable: return size
            case .section(_, let body, _), .invertedSection(_, let body, _): return size + textSize(of: body)
            }
        }
    }
}

/// A name as a tag writes it: the parts of `a.b.c`, or none for `.`, each measured once for
/// the lookups of every render.
struct TemplateName: Sendable, Equatable {
    let parts: [MemberName]

    init(parts: [String]) {
        self.parts = parts.map(MemberName.init)
    }

    /// The name as a tag writes it, `a.b.c` or `.`.
    var text: String { parts.isEmpty ? "." : parts.map(\.text).joined(separator: ".") }
}

/// The values a render looks names up in, innermost last.
struct ContextStack {
    private var scopes: [TemplateValue]

    init(root: TemplateValue) {
        scopes = [root]
    }

    mutating func push(_ value: TemplateValue) { scopes.append(value) }
    mutating func pop() { scopes.removeLast() }

    /// `.` is the innermost value; the first part of a name is looked for from the innermost
    /// map outwards, and the other parts only below where it was found.
    func lookup(_ name: TemplateName) -> TemplateValue? {
        guard let first = name.parts.first else { return scopes.last }
        var index = scopes.count
        while index > 0 {
            index -= 1
            guard case .map(let members) = scopes[index], let found = members[first] else { continue }
            return name.parts.count == 1 ? found : Self.member(of: found, at: name.parts.dropFirst())
        }
        return nil
    }

    private static func member(of value: TemplateValue, at parts: ArraySlice<MemberName>) -> TemplateValue? {
        var value = value
        for part in parts {
            guard case .map(let members) = value, let member = members[part] else { return nil }
            value = member
        }
        return value
    }
}

extension TemplateValue? {
    /// Whether an inverted section renders: missing, `false` or an empty list.
    fileprivate var isFalsey: Bool {
        switch self {
        case nil, .bool(false)?: return true
        case .list(let items)?: return items.isEmpty
        default: return false
        }
    }
}
