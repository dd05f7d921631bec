import CLibXML2
import Foundation

/// Reads an XML document from a stream of chunks with libxml2's streaming reader.
///
/// The reader never substitutes entities, loads a DTD or touches the network; a document that
/// carries a DOCTYPE or an entity reference is refused, since Alibaba never sends one, and so is
/// one nested deeper than ``maximumDepth``. XML cannot tell a one-item list from a single child,
/// so the names Alibaba uses for list items (``AlibabaListNames``) decide which children become
/// lists. The items of the connection list (``ConnectionList``) are handed to a closure as soon as
/// each is complete and are not kept.
struct XMLDocumentReader {
    static let maximumDepth = 64

    var location: SourceLocation

    /// `XML_PARSE_COMPACT` only changes where libxml2 keeps short text (inside its node, saving
    /// an allocation per text node); the reader never modifies the tree it hands out.
    private static let parseOptions: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOXINCNODE.rawValue | XML_PARSE_COMPACT.rawValue)

    private enum ReaderNodeType: Int32 {
        case element = 1
        case text = 3
        case cdata = 4
        case entityReference = 5
        case entity = 6
        case documentType = 10
        case whitespace = 13
        case significantWhitespace = 14
        case endElement = 15
    }

    /// An element being read: its name, its children so far and its text. Children are added
    /// to the element's object as they close; what is wrong with them is reported when the
    /// element itself closes, in the order ``node(for:at:)`` checks it.
    private struct OpenElement {
        var name: ElementName
        var members = DocumentObject()
        /// The children named as this element's list items, in order.
        var items: [DocumentNode] = []
        /// The first child name seen twice (list items aside).
        var firstDuplicate: String?
        /// The element's text while it has no child; once it has one, text only has to be blank.
        var text = ""
        var hasNonBlankTextAmongChildren = false

        var hasChildren: Bool { !members.isEmpty || !items.isEmpty }

        mutating func add(_ child: DocumentNode, named childName: ElementName) {
            if childName.text == name.listItem {
                items.append(child)
            } else if members.contains(childName.member) {
                if firstDuplicate == nil { firstDuplicate = childName.text }
            } else {
                members.append(child, forName: childName.member)
            }
        }

        /// Text found directly in the element, from libxml2's buffer.
        mutating func addText(_ pointer: UnsafePointer<xmlChar>?) {
            guard let pointer else { return }
            if hasChildren {
                var byte = pointer
                while byte.pointee != 0 {
                    if !InputFormat.isBlank(byte.pointee) {
                        hasNonBlankTextAmongChildren = true
                        return
                    }
                    byte += 1
                }
            } else if text.isEmpty {
                text = String(cString: pointer)
            } else {
                text += String(cString: pointer)
            }
        }
    }

    /// Reads the whole document, handing each connection-list item to `connectionItem`; returns
    /// the rest of the document (the list itself left empty).
    func read(_ input: ChunkedInput, connectionItem: (DocumentNode, SourceLocation) throws -> Void) throws -> DocumentNode {
        let feed = ChunkFeed(input, location: location)
        let context = Unmanaged.passUnretained(feed).toOpaque()
        // UTF-8 is forced (the prolog scanner refuses any other declared encoding), so libxml2
        // never converts, and never reports a conversion error past its parser's error switch.
        guard let reader = xmlReaderForIO(ChunkFeed.read, nil, context, nil, "UTF-8", Self.parseOptions) else {
            throw GenPeerError(.data, "libxml2 could not start reading the document", at: location)
        }
        defer { xmlFreeTextReader(reader) }
        return try withExtendedLifetime(feed) {
            do {
                return try readElements(reader, connectionItem: connectionItem)
            } catch {
                throw feed.error ?? error
            }
        }
    }

    private func readElements(_ reader: xmlTextReaderPtr, connectionItem: (DocumentNode, SourceLocation) throws -> Void) throws -> DocumentNode {
        var open: [OpenElement] = []
        var root: DocumentNode?
        var names = InternedNames()
        var streamedCount = 0
        func close() throws {
            let element = open.removeLast()
            let node = try node(for: element, at: path(open + [element]))
            if open.isEmpty {
                root = node
            } else if open.count == 2, element.name.text == open[1].name.listItem,
                ConnectionList.isList(keyPath: [open[1].name.text, element.name.text])
            {
                try connectionItem(node, path(open + [element]).indexed(streamedCount))
                streamedCount += 1
            } else {
                open[open.count - 1].add(node, named: element.name)
            }
        }
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { break }
            if status < 0 { throw parseError(open) }
            switch ReaderNodeType(rawValue: xmlTextReaderNodeType(reader)) {
            case .element:
                guard open.count < Self.maximumDepth else {
                    throw GenPeerError(.data, "the document nests deeper than \(Self.maximumDepth) elements; an API response never does", at: path(open))
                }
                open.append(OpenElement(name: names.name(xmlTextReaderConstLocalName(reader))))
                if xmlTextReaderIsEmptyElement(reader) == 1 { try close() }
            case .endElement:
                try close()
            case .text, .cdata, .whitespace, .significantWhitespace:
                guard !open.isEmpty else { continue }
                open[open.count - 1].addText(xmlTextReaderConstValue(reader))
            case .documentType:
                throw GenPeerError(.data, "the XML document has a DOCTYPE; genpeer reads no DTDs", at: location)
            case .entityReference, .entity:
                throw GenPeerError(.data, "the XML document uses an entity; genpeer expands none", at: path(open))
            case nil:
                continue
            }
        }
        guard let root else { throw GenPeerError(.data, "the XML document has no root element", at: location) }
        return root
    }

    private func node(for element: OpenElement, at elementLocation: @autoclosure () -> SourceLocation) throws -> DocumentNode {
        guard element.hasChildren else { return .string(element.text) }
        if element.hasNonBlankTextAmongChildren || !element.text.utf8.allSatisfy(InputFormat.isBlank) {
            throw GenPeerError(.data, "text mixed with elements", at: elementLocation())
        }
        if let name = element.firstDuplicate {
            throw GenPeerError(.data, "element <\(name)> appears more than once", at: elementLocation().appending(name))
        }
        var members = element.members
        if let itemName = element.name.listItem, !element.items.isEmpty {
            members.append(.array(element.items), forKey: itemName)
        }
        return .object(members)
    }

    /// The field path of the innermost open element, without the root element's name.
    private func path(_ open: [OpenElement]) -> SourceLocation {
        open.dropFirst().reduce(location) { $0.appending($1.name.text) }
    }

    private func parseError(_ open: [OpenElement]) -> GenPeerError {
        guard let error = xmlGetLastError() else {
            return GenPeerError(.data, "not well-formed XML", at: path(open))
        }
        let message = Self.string(error.pointee.message).split(whereSeparator: \.isNewline).joined(separator: " ").trimmedBlanks
        return GenPeerError(.data, "not well-formed XML (line \(error.pointee.line)): \(message)", at: path(open))
    }

    private static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}

/// An element's name, and the name of the list items it holds when it is a list wrapper
/// (``AlibabaListNames``).
private struct ElementName {
    /// The name, measured once for every object it becomes a member name of.
    var member: MemberName
    var listItem: String?

    var text: String { member.text }
}

/// Element names as Swift strings, made once per name with their list-item names: libxml2's
/// reader hands out each name as the same pointer into its dictionary every time.
private struct InternedNames {
    private var byPointer: [UnsafePointer<xmlChar>: ElementName] = [:]
    /// The name last found for each of a few slots, picked by the pointer's bits: a document
    /// uses a few dozen names, so most lookups end here, without hashing.
    private var recent = [(pointer: UnsafePointer<xmlChar>, name: ElementName)?](repeating: nil, count: 64)

    mutating func name(_ pointer: UnsafePointer<xmlChar>?) -> ElementName {
        guard let pointer else { return ElementName(member: MemberName(""), listItem: AlibabaListNames.itemName(in: "")) }
        let slot = Int(bitPattern: UInt(bitPattern: pointer) >> 3 & 63)
        if let cached = recent[slot], cached.pointer == pointer { return cached.name }
        let name = byPointer[pointer] ?? made(pointer)
        recent[slot] = (pointer, name)
        return name
    }

    private mutating func made(_ pointer: UnsafePointer<xmlChar>) -> ElementName {
        let text = String(cString: pointer)
        let name = ElementName(member: MemberName(text), listItem: AlibabaListNames.itemName(in: text))
        byPointer[pointer] = name
        return name
    }
}

/// Hands an input's chunks to libxml2's read callback, keeping what does not fit for the next
/// call and the read error, which libxml2 cannot carry.
private final class ChunkFeed {
    let input: ChunkedInput
    var chunk: [UInt8] = []
    var offset = 0
    var error: Error?
    var prolog: PrologScanner

    init(_ input: ChunkedInput, location: SourceLocation) {
        self.input = input
        prolog = PrologScanner(location: location)
    }

    static let read: xmlInputReadCallback = { context, buffer, length in
        guard let context, let buffer, length > 0 else { return -1 }
        let feed = Unmanaged<ChunkFeed>.fromOpaque(context).takeUnretainedValue()
        do {
            if feed.offset == feed.chunk.count {
                feed.chunk = try feed.input.nextChunk()
                feed.offset = 0
                if feed.chunk.isEmpty { return 0 }
                try feed.prolog.scan(feed.chunk)
            }
            let count = min(Int(length), feed.chunk.count - feed.offset)
            feed.chunk.withUnsafeBytes { bytes in
                UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + feed.offset, byteCount: count)
            }
            feed.offset += count
            return Int32(count)
        } catch {
            feed.error = error
            return -1
        }
    }
}

/// Which element names are list items, by the wrapper they sit in (Alibaba's list encoding).
enum AlibabaListNames {
    private static let itemsByWrapper: [String: String] = [
        "VpnConnections": "VpnConnection",
        "TunnelOptionsSpecification": "TunnelOptions",
        "Tags": "Tag",
        "Tag": "Tag",
        "TunnelsConfig": "TunnelConfig",
        "BgpConfigs": "BgpConfig",
    ]

    /// The name of the list items `wrapper` holds, if it is a list wrapper.
    static func itemName(in wrapper: String) -> String? {
        itemsByWrapper[wrapper]
    }
}

/// Refuses a DOCTYPE before libxml2 reads it: libxml2 parses a document's internal DTD subset
/// (entity declarations included) before its reader reports the DOCTYPE, and genpeer wants no
/// part of a DTD parsed at all. Looks at the bytes before the root element only.
struct PrologScanner {
    let location: SourceLocation
    private var carry: [UInt8] = []
    private var done = false
    private var sawStart = false
    private static let doctype = Array("<!DOCTYPE".utf8)

    init(location: SourceLocation) {
        self.location = location
    }

    mutating func scan(_ chunk: [UInt8]) throws {
        guard !done else { return }
        if !sawStart {
            sawStart = true
            try checkDeclaredEncoding(chunk)
        }
        let bytes = carry + chunk
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            guard index + 1 < bytes.count else { break }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "!") {
                guard index + Self.doctype.count <= bytes.count else { break }
                if Array(bytes[index..<index + Self.doctype.count]) == Self.doctype {
                    throw GenPeerError(.data, "the XML document has a DOCTYPE; genpeer reads no DTDs", at: location)
                }
            } else if next != UInt8(ascii: "?") {
                done = true
                return
            }
            index += 1
        }
        carry = Array(bytes[max(index, bytes.count - Self.doctype.count)...])
    }

    /// An XML declaration naming an encoding other than UTF-8 is refused: Alibaba sends UTF-8,
    /// and genpeer has libxml2 convert nothing.
    private func checkDeclaredEncoding(_ chunk: [UInt8]) throws {
        let start = chunk.starts(with: InputFormat.utf8ByteOrderMark) ? 3 : 0
        let head = chunk[start...]
        guard head.starts(with: Array("<?xml".utf8)), let end = head.firstRange(of: Array("?>".utf8)) else { return }
        let declaration = String(decoding: head[..<end.lowerBound], as: UTF8.self)
        guard let match = declaration.firstMatch(of: /encoding\s*=\s*["']([^"']*)["']/) else { return }
        let encoding = String(match.1)
        if encoding.lowercased() != "utf-8" {
            throw GenPeerError(.data, "the XML document declares the encoding \"\(encoding.truncatedForMessage)\"; genpeer reads UTF-8 only", at: location)
        }
    }
}
