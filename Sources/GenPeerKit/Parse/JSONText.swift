import Foundation

/// JSON text cut from a document by ``JSONDocumentReader``: one item of the connection list, or
/// the document around that list. It is decoded by Foundation's `JSONDecoder`, and knows where
/// its bytes were in the document, so that a message can name the line and column.
struct JSONText: Sendable {
    var bytes: Data
    /// The field path of the text's value: the document's, or `VpnConnections.VpnConnection[3]`.
    var location: SourceLocation
    /// Where the text's bytes were in the document: from each anchor's offset on, counting from
    /// its position. An item has one; the document around a list has one more, after the list.
    var anchors: [Anchor]

    struct Anchor: Sendable {
        var offset: Int
        var position: TextPosition
    }

    /// Decodes the text's value with Foundation's `JSONDecoder`, the locations in the model
    /// starting at ``location``. Foundation merges repeated keys without a word, so they are
    /// looked for here and refused (``JSONPaths/firstRepeatedKey()``).
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.userInfo[.sourceLocation] = location
        do {
            let value = try decoder.decode(type, from: bytes)
            try refuseRepeatedKeys()
            return value
        } catch let error as UnreadableJSONValue {
            throw syntaxError(at: error.codingPath)
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            throw syntaxError(at: nil)
        } catch let error as GenPeerError {
            // Foundation checks only the values it reads. When the text is refused anyway, what
            // is wrong with its syntax elsewhere, or a repeated key, comes first: it may be why
            // the value read is not what was meant.
            if let reason = JSONSyntaxReason(bytes) { throw syntaxError(reason, at: nil) }
            try refuseRepeatedKeys()
            throw error
        }
    }

    private func refuseRepeatedKeys() throws {
        guard let repeated = bytes.withUnsafeBytes({ JSONPaths($0).firstRepeatedKey() }) else { return }
        throw GenPeerError.data(
            "the key \"\(repeated.name.truncatedForMessage)\" appears twice in one object; genpeer will not guess which one counts"
                + " (\(position(at: repeated.offset)))",
            at: location(of: repeated.path))
    }

    /// Foundation's decoder refused the text, and says neither what nor where (not on Linux):
    /// ask Foundation's `JSONSerialization`, which does, and name the field there. Where it
    /// names no offset: the end for an early end, the escape for half a surrogate pair, else
    /// the value the decoder could not read (`codingPath`).
    private func syntaxError(at codingPath: [any CodingKey]?) -> GenPeerError {
        syntaxError(JSONSyntaxReason(bytes) ?? JSONSyntaxReason(), at: codingPath)
    }

    private func syntaxError(_ reason: JSONSyntaxReason, at codingPath: [any CodingKey]?) -> GenPeerError {
        let offset = reason.offset
            ?? (reason.isEndOfText ? bytes.count : nil)
            ?? bytes.withUnsafeBytes { JSONPaths($0).offsetOfLoneSurrogate() }
            ?? codingPath.flatMap { path in bytes.withUnsafeBytes { JSONPaths($0).offset(of: path) } }
            ?? 0
        let path = bytes.withUnsafeBytes { JSONPaths($0).path(at: offset) }
        return GenPeerError.data("not valid JSON: \(reason.message) (\(position(at: offset)))", at: location(of: path))
    }

    /// The location of a field path below the text's value.
    func location(of path: [JSONPaths.Step]) -> SourceLocation {
        path.reduce(location) { location, step in
            switch step {
            case .member(let name): return location.appending(name)
            case .index(let index): return location.indexed(index)
            }
        }
    }

    /// The line and column of the byte at `offset` in the document.
    func position(at offset: Int) -> TextPosition {
        let anchor = anchors.last { $0.offset <= offset } ?? anchors[0]
        var position = anchor.position
        for byte in bytes[bytes.startIndex + anchor.offset..<bytes.startIndex + min(offset, bytes.count)] {
            position.advance(over: byte)
        }
        return position
    }
}

/// What is wrong with the syntax of JSON text, as Foundation's `JSONSerialization` says it: its
/// message names the offset of most problems. It checks all of the text, where the decoder
/// checks what it reads; it is asked only about text that was refused.
private struct JSONSyntaxReason {
    var message = "Foundation's decoder refused it"
    var offset: Int?
    var isEndOfText = false

    /// A reason that says no more than that the decoder refused the text.
    init() {}

    /// Why `bytes` is not valid JSON; `nil` when it is.
    init?(_ bytes: Data) {
        do {
            _ = try JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed])
            return nil
        } catch {
            let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            if let match = text.firstMatch(of: /(?:around character|starting from character|at) (\d+)\.?$/), let offset = Int(match.1),
                offset < bytes.count
            {
                self.offset = offset
            }
            message = Self.rewording.first { text.hasPrefix($0.prefix) }?.message ?? text.trimmingCharacters(in: ["."])
            isEndOfText = text.hasPrefix("Unexpected end of file during JSON parse")
            if text.hasPrefix("Invalid value"), let offset {
                message = "unexpected \(Self.describe(bytes[bytes.startIndex + offset]))"
            }
        }
    }

    /// Foundation's messages in genpeer's words, by how they start.
    private static let rewording: [(prefix: String, message: String)] = [
        ("Unescaped control character", "a string holds a raw control character (JSON requires it escaped)"),
        ("Invalid UTF-8", "a string is not valid UTF-8"),
        ("Invalid escape sequence", "a string holds an unknown escape"),
        ("Invalid hex encoded sequence", "\\u needs four hexadecimal digits"),
        ("Unexpected end of file during string parse (expected low-surrogate", "a \\u escape holds half of a surrogate pair"),
        ("Unable to convert hex escape sequence (no high character)", "a \\u escape holds half of a surrogate pair"),
        ("Number with leading zero", "a number starts with a zero"),
        ("Unexpected end of file during JSON parse", "the document ends early"),
    ]

    static func describe(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
}
