import CLibXML2
import Foundation

/// Reads an XML document from a stream of chunks with libxml2's streaming reader, into element
/// trees (``XMLNode``) that ``XMLNodeDecoder`` decodes into the model.
///
/// The reader never substitutes entities, loads a DTD or touches the network; a document that
/// carries a DOCTYPE or an entity reference is refused, since Alibaba never sends one, and so is
/// one nested deeper than ``maximumDepth``. XML cannot tell a one-item list from a single child,
/// so the names Alibaba uses for list items (``AlibabaListNames``) decide which children become
/// lists; any other name repeated in one element is refused, as a repeated JSON key is. The
/// items of the connection list (``ConnectionList``) are handed to a closure as soon as each is
/// complete and are not kept.
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
        var members = XMLChildren()
        /// The children named as this element's list items, in order.
        var items: [XMLNode] = []
        /// The first child name seen twice (list items aside).
        var firstDuplicate: String?
        /// The element's text while it has no child; once it has one, text only has to be blank.
        var text = ""
        var hasNonBlankTextAmongChildren = false

        var hasChildren: Bool { !members.isEmpty || !items.isEmpty }

        mutating func add(_ child: XMLNode, named childName: ElementName) {
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

    /// Reads the whole document, handing each connection-list item to `connectionItem` with its
    /// location; returns the rest of the document (the list itself left empty), decoded.
    func read(_ input: ChunkedInput, connectionItem: (XMLNode, SourceLocation) throws -> Void) throws -> AlibabaDocument {
        let root = try readTree(input, connectionItem: connectionItem)
        return try AlibabaDocument(from: XMLNodeDecoder(root, userInfo: [.sourceLocation: location]))
    }

    private func readTree(_ input: ChunkedInput, connectionItem: (XMLNode, SourceLocation) throws -> Void) throws -> XMLNode {
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
                return try readElements(reader, feed: feed, connectionItem: connectionItem)
            } catch {
                throw feed.error ?? error
            }
        }
    }

    private func readElements(_ reader: xmlTextReaderPtr, feed: ChunkFeed, connectionItem: (XMLNode, SourceLocation) throws -> Void) throws -> XMLNode {
        var open: [OpenElement] = []
        var root: XMLNode?
        var names = InternedNames()
        var streamedCount = 0
        func close() throws {
            let element = open.removeLast()
            let node = try node(for: element, at: path(open + [element], streamedCount: streamedCount))
            if open.isEmpty {
                root = node
            } else if open.count == 2, element.name.text == open[1].name.listItem,
                ConnectionList.isList(keyPath: [open[1].name.text, element.name.text])
            {
                try connectionItem(node, path(open + [element], streamedCount: streamedCount))
                streamedCount += 1
            } else {
                open[open.count - 1].add(node, named: element.name)
            }
        }
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { break }
            if status < 0 { throw parseError(open, streamedCount: streamedCount, feed: feed) }
            switch ReaderNodeType(rawValue: xmlTextReaderNodeType(reader)) {
            case .element:
                guard open.count < Self.maximumDepth else {
                    throw GenPeerError(.data, "the document nests deeper than \(Self.maximumDepth) elements; an API response never does", at: path(open, streamedCount: streamedCount))
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
                throw GenPeerError(.data, "the XML document uses an entity; genpeer expands none", at: path(open, streamedCount: streamedCount))
            case nil:
                continue
            }
        }
        guard let root else { throw GenPeerError(.data, "the XML document has no root element", at: location) }
        return root
    }

    private func node(for element: OpenElement, at elementLocation: @autoclosure () -> SourceLocation) throws -> XMLNode {
        guard element.hasChildren else { return .text(element.text) }
        if element.hasNonBlankTextAmongChildren || !element.text.utf8.allSatisfy(InputFormat.isBlank) {
            throw GenPeerError(.data, "text mixed with elements", at: elementLocation())
        }
        if let name = element.firstDuplicate {
            throw GenPeerError(.data, "element <\(name)> appears more than once", at: elementLocation().appending(name))
        }
        var members = element.members
        if let itemName = element.name.listItem, !element.items.isEmpty {
            members.append(.list(element.items), forKey: itemName)
        }
        return .element(members)
    }

    /// The field path of the innermost open element, without the root element's name; a list
    /// item's index is the number of items before it (``streamedCount`` in the connection list).
    private func path(_ open: [OpenElement], streamedCount: Int) -> SourceLocation {
        var location = self.location
        for depth in open.indices.dropFirst() {
            let element = open[depth], parent = open[depth - 1]
            location = location.appending(element.name.text)
            if element.name.text == parent.name.listItem {
                let isConnectionList = depth == 2 && ConnectionList.isList(keyPath: [parent.name.text, element.name.text])
                location = location.indexed(isConnectionList ? streamedCount : parent.items.count)
            }
        }
        return location
    }

    /// What libxml2 says is wrong, at the line and column it names. A document that stops
    /// before its elements are closed gets libxml2's message for whatever it stopped in (often
    /// "Extra content at the end of the document"): it is said to end early, and where.
    private func parseError(_ open: [OpenElement], streamedCount: Int, feed: ChunkFeed) -> GenPeerError {
        guard let error = xmlGetLastError() else {
            return GenPeerError(.data, "not well-formed XML", at: path(open, streamedCount: streamedCount))
        }
        let position = TextPosition(line: Int(error.pointee.line), column: Int(error.pointee.int2))
        // libxml2 stops where the input ran out: after the last complete markup at the latest.
        // "Extra content at the end of the document" is also what it says of text after a
        // complete document: then no element is open, and there is a root element.
        if let (end, markupEnd) = feed.endOfContent(), position >= markupEnd,
            let parser = error.pointee.ctxt?.assumingMemoryBound(to: xmlParserCtxt.self).pointee,
            error.pointee.code != XML_ERR_DOCUMENT_END.rawValue || parser.nameNr > 0 || xmlDocGetRootElement(parser.myDoc) == nil
        {
            return GenPeerError(.data, "not well-formed XML: the document ends early (\(end))", at: location)
        }
        let message = Self.string(error.pointee.message).split(whereSeparator: \.isNewline).joined(separator: " ").trimmedBlanks
        return GenPeerError(.data, "not well-formed XML (\(position)): \(message)", at: path(open, streamedCount: streamedCount))
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
/// call and the read error, which libxml2 cannot carry. It keeps the last chunk and where it
/// starts, to tell where a document that ends early ends (``endOfContent()``).
private final class ChunkFeed {
    let input: ChunkedInput
    var chunk: [UInt8] = []
    var offset = 0
    /// Where the chunk starts in the document.
    var chunkStart = TextPosition()
    var reachedEnd = false
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
                let next = try feed.input.nextChunk()
                if next.isEmpty {
                    feed.reachedEnd = true
                    return 0
                }
                feed.chunkStart.advance(over: feed.chunk)
                feed.chunk = next
                feed.offset = 0
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

    /// Where the input's content ends (its last non-blank byte's end) and where its last
    /// complete markup ends (after its last `>`), as far as the last chunk shows them; `nil`
    /// before the end of the input.
    func endOfContent() -> (end: TextPosition, markupEnd: TextPosition)? {
        guard reachedEnd else { return nil }
        var position = chunkStart
        var end = position
        var markupEnd = position
        for byte in chunk {
            position.advance(over: byte)
            if !InputFormat.isBlank(byte) { end = position }
            if byte == UInt8(ascii: ">") { markupEnd = position }
        }
        return (end, markupEnd)
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
