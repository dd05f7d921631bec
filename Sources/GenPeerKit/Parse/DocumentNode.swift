/// A format-neutral tree of an input document: what JSON and XML have in common once Alibaba's
/// list conventions are applied. Scalars keep their text so that `86400` and `"86400"` read alike.
///
/// Not `indirect`: lists and objects hold their children in arrays already, so a scalar needs
/// no box of its own (a document has about one allocation fewer per value).
public enum DocumentNode: Sendable, Equatable {
    /// Named members, each name once (see ``DocumentObject``).
    case object(DocumentObject)
    case array([DocumentNode])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    /// The member named `key` when this is an object.
    subscript(key: String) -> DocumentNode? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The kind of value without the value, for messages about secrets.
    var kindWithoutValue: String {
        switch self {
        case .object: return "an object"
        case .array: return "a list"
        case .string: return "a string (not shown: it is a secret)"
        case .number: return "a number (not shown: it is a secret)"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }

    /// A short name for the kind of value, for error messages.
    var kindDescription: String {
        switch self {
        case .object: return "an object"
        case .array: return "a list"
        case .string(let text): return "the string \"\(text.truncatedForMessage)\""
        case .number(let text): return "the number \(text.truncatedForMessage)"
        case .bool(let value): return "\(value)"
        case .null: return "null"
        }
    }
}

/// The members of an object node, in document order (see ``NamedValues``).
public typealias DocumentObject = NamedValues<DocumentNode>

extension String {
    /// The text without leading and trailing blanks (space, tab, line feed, carriage return).
    var trimmedBlanks: String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { !InputFormat.isBlank($0) }) else { return "" }
        let last = bytes.lastIndex(where: { !InputFormat.isBlank($0) })!
        if first == bytes.startIndex && last == bytes.index(before: bytes.endIndex) { return self }
        return String(self[first...last])
    }

    /// Whether every byte is below 0x80, read from the string's own storage in one pass. Code
    /// that reads ASCII text byte by byte, where a character is one byte, checks this first.
    var isASCII: Bool {
        utf8.withContiguousStorageIfAvailable { $0.reduce(0, |) < 0x80 } ?? utf8.allSatisfy { $0 < 0x80 }
    }

    /// Whether the text is empty or only blanks.
    var isBlank: Bool { utf8.allSatisfy(InputFormat.isBlank) }

    /// A value shortened and made printable for an error message.
    var truncatedForMessage: String {
        let printable = unicodeScalars.map { scalar -> String in
            if scalar.value < 0x20 || scalar.value == 0x7F { return "\\u{\(String(scalar.value, radix: 16))}" }
            return String(scalar)
        }.joined()
        return printable.count > 60 ? String(printable.prefix(57)) + "..." : printable
    }
}
