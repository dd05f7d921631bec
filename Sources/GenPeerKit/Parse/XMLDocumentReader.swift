import CLibXML2
import Foundation

/// Reads an XML document into a ``DocumentNode`` with libxml2's streaming reader.
///
/// The reader never substitutes entities, loads a DTD or touches the network; a document that
/// carries a DOCTYPE or an entity reference is refused, since Alibaba never sends one.
/// XML cannot tell a one-item list from a single child, so the names Alibaba uses for list items
/// (``AlibabaListNames``) decide which children become lists.
struct XMLDocumentReader {
    var location: SourceLocation

    private static let parseOptions: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOXINCNODE.rawValue)

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

    /// An element being read: its name, its children so far and its text.
    private struct OpenElement {
        var name: String
        var children: [(name: String, node: DocumentNode)] = []
        var text = ""
    }

    func read(_ data: Data) throws -> DocumentNode {
        guard data.count < Int32.max else {
            throw GenPeerError(.data, "the XML document is too large", at: location)
        }
        return try data.withUnsafeBytes { buffer -> DocumentNode in
            let base = buffer.bindMemory(to: CChar.self).baseAddress
            guard let reader = xmlReaderForMemory(base, Int32(buffer.count), nil, nil, Self.parseOptions) else {
                throw GenPeerError(.data, "libxml2 could not start reading the document", at: location)
            }
            defer { xmlFreeTextReader(reader) }
            return try readElements(reader)
        }
    }

    private func readElements(_ reader: xmlTextReaderPtr) throws -> DocumentNode {
        var open: [OpenElement] = []
        var root: DocumentNode?
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { break }
            if status < 0 { throw parseError(open) }
            switch ReaderNodeType(rawValue: xmlTextReaderNodeType(reader)) {
            case .element:
                let name = Self.string(xmlTextReaderConstLocalName(reader))
                open.append(OpenElement(name: name))
                if xmlTextReaderIsEmptyElement(reader) == 1 {
                    try close(&open, into: &root)
                }
            case .endElement:
                try close(&open, into: &root)
            case .text, .cdata, .whitespace, .significantWhitespace:
                if !open.isEmpty { open[open.count - 1].text += Self.string(xmlTextReaderConstValue(reader)) }
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

    private func close(_ open: inout [OpenElement], into root: inout DocumentNode?) throws {
        let element = open.removeLast()
        let node = try node(for: element, at: path(open + [element]))
        if open.isEmpty {
            root = node
        } else {
            open[open.count - 1].children.append((element.name, node))
        }
    }

    private func node(for element: OpenElement, at elementLocation: SourceLocation) throws -> DocumentNode {
        guard !element.children.isEmpty else { return .string(element.text) }
        if !element.text.allSatisfy(\.isWhitespace) {
            throw GenPeerError(.data, "text mixed with elements", at: elementLocation)
        }
        var members: [String: DocumentNode] = [:]
        for (name, child) in element.children {
            if AlibabaListNames.isItem(name, of: element.name) {
                if case .array(let items) = members[name] {
                    members[name] = .array(items + [child])
                } else {
                    members[name] = .array([child])
                }
            } else if members[name] != nil {
                throw GenPeerError(.data, "element <\(name)> appears more than once", at: elementLocation.appending(name))
            } else {
                members[name] = child
            }
        }
        return .object(members)
    }

    /// The field path of the innermost open element, without the root element's name.
    private func path(_ open: [OpenElement]) -> SourceLocation {
        open.dropFirst().reduce(location) { $0.appending($1.name) }
    }

    private func parseError(_ open: [OpenElement]) -> GenPeerError {
        guard let error = xmlGetLastError() else {
            return GenPeerError(.data, "not well-formed XML", at: path(open))
        }
        let message = Self.string(error.pointee.message).trimmingCharacters(in: .whitespacesAndNewlines)
        return GenPeerError(.data, "not well-formed XML (line \(error.pointee.line)): \(message)", at: path(open))
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    private static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
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

    static func isItem(_ name: String, of wrapper: String) -> Bool {
        itemsByWrapper[wrapper] == name
    }
}
