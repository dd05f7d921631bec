extension Template {
    /// Throws a ``GenPeerError`` of kind ``GenPeerError/Kind/template`` naming the template and
    /// the line of the first tag whose name `schema` does not have in the tag's scope, so a
    /// misspelt name is found when the template is compiled rather than printing nothing, even
    /// inside a section that a given connection never renders.
    ///
    /// Scopes follow rendering: a section over a map pushes the map, over a list pushes the
    /// schema of its items, over text or a flag pushes no names; an inverted section pushes
    /// nothing. A name is looked for from the innermost scope outwards; a dotted name's other
    /// parts only below its first.
    public func checkNames(against schema: ContextSchema) throws {
        try TemplateNameChecker(templateName: name).check(tokens, scopes: [schema])
    }
}

/// Where a tag is, for messages: its line and the tag as written (spaces inside left out).
private struct TagSite {
    let line: Int
    let source: String
}

private struct TemplateNameChecker {
    let templateName: String

    func check(_ tokens: [TemplateToken], scopes: [ContextSchema]) throws {
        for token in tokens {
            switch token {
            case .text:
                continue
            case .variable(let name, let line):
                _ = try resolve(name, at: TagSite(line: line, source: "{{\(name.text)}}"), in: scopes)
            case .section(let name, let body, let line):
                switch try resolve(name, at: TagSite(line: line, source: "{{#\(name.text)}}"), in: scopes) {
                case .list(let item): try check(body, scopes: scopes + [item])
                case let pushed: try check(body, scopes: scopes + [pushed])
                }
            case .invertedSection(let name, let body, let line):
                _ = try resolve(name, at: TagSite(line: line, source: "{{^\(name.text)}}"), in: scopes)
                try check(body, scopes: scopes)
            }
        }
    }

    /// The schema of what `name` finds, or the error that says why it finds nothing.
    private func resolve(_ name: TemplateName, at site: TagSite, in scopes: [ContextSchema]) throws -> ContextSchema {
        let parts = name.parts.map(\.text)
        guard let first = parts.first else { return scopes.last ?? .value }
        guard var found = scopes.reversed().lazy.compactMap({ $0.members?[first] }).first else {
            throw error(at: site, "no name \(first) here\(hint(for: first, in: scopes))")
        }
        for (index, part) in parts.enumerated().dropFirst() {
            let owner = parts[..<index].joined(separator: ".")
            guard let members = found.members else { throw error(at: site, "\(owner) has no members") }
            guard let member = members[part] else {
                let suggestion = NameSuggestion.closest(to: part, among: members.keys.sorted())
                throw error(at: site, "no name \(part) in \(owner)\(suggestion.map { " (did you mean \($0)?)" } ?? "")")
            }
            found = member
        }
        return found
    }

    /// Where the name is when it is in a scope the tag is not in, else the closest name it is in.
    private func hint(for name: String, in scopes: [ContextSchema]) -> String {
        if let place = scopes.lazy.compactMap({ $0.place(of: name) }).first { return " (it is in \(place))" }
        let visible = scopes.flatMap { $0.members?.keys.sorted() ?? [] }
        return NameSuggestion.closest(to: name, among: visible).map { " (did you mean \($0)?)" } ?? ""
    }

    private func error(at site: TagSite, _ message: String) -> GenPeerError {
        GenPeerError(.template, "template \(templateName), line \(site.line): \(site.source): \(message)")
    }
}

extension ContextSchema {
    fileprivate var members: [String: ContextSchema]? {
        if case .map(let members) = self { return members }
        return nil
    }

    /// The dotted path of the nested map or list below this schema that has `name`, nearest
    /// first; `nil` when none does.
    fileprivate func place(of name: String) -> String? {
        var queue: [(path: String, schema: ContextSchema)] = [("", self)]
        while !queue.isEmpty {
            let (path, schema) = queue.removeFirst()
            switch schema {
            case .value:
                continue
            case .list(let item):
                queue.append((path, item))
            case .map(let members):
                if !path.isEmpty, members[name] != nil { return path }
                for key in members.keys.sorted() { queue.append((path.isEmpty ? key : "\(path).\(key)", members[key]!)) }
            }
        }
        return nil
    }
}
