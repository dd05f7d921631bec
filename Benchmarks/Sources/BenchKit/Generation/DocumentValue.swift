/// A value in an API response, independent of its encoding: the same tree becomes JSON or XML.
indirect enum DocumentValue: Sendable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    /// Fields in the order the API prints them.
    case object([(key: String, value: DocumentValue)])
    case list([DocumentValue])
}

/// Writes a ``DocumentValue`` as indented JSON, the way `aliyun` prints it.
struct JSONEncoding {
    /// Spaces per level.
    var indentWidth = 2

    /// The JSON text of `value`, whose first line is already indented by `level` levels.
    func encode(_ value: DocumentValue, level: Int) -> String {
        var text = ""
        append(value, level: level, to: &text)
        return text
    }

    private func append(_ value: DocumentValue, level: Int, to text: inout String) {
        switch value {
        case .string(let string): text += quoted(string)
        case .integer(let integer): text += String(integer)
        case .boolean(let boolean): text += boolean ? "true" : "false"
        case .object(let fields):
            appendContainer(fields, open: "{", close: "}", level: level, to: &text) { field, text in
                text += quoted(field.key) + ": "
                append(field.value, level: level + 1, to: &text)
            }
        case .list(let items):
            appendContainer(items, open: "[", close: "]", level: level, to: &text) { item, text in
                append(item, level: level + 1, to: &text)
            }
        }
    }

    private func appendContainer<Element>(
        _ elements: [Element], open: String, close: String, level: Int, to text: inout String,
        element: (Element, inout String) -> Void
    ) {
        guard !elements.isEmpty else {
            text += open + close
            return
        }
        let inner = indentation(level + 1)
        text += open + "\n"
        for (position, item) in elements.enumerated() {
            text += inner
            element(item, &text)
            text += position == elements.count - 1 ? "\n" : ",\n"
        }
        text += indentation(level) + close
    }

    func indentation(_ level: Int) -> String { String(repeating: " ", count: level * indentWidth) }

    private func quoted(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case _ where scalar.value < 0x20: result += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// Writes a ``DocumentValue`` as XML elements, the way Alibaba's XML responses lay it out: an
/// object's fields are child elements, a list repeats its key's element once per item.
struct XMLEncoding {
    /// Spaces per level.
    var indentWidth = 2

    /// The elements for `value` under the tag `name`, each line indented by `level` levels and
    /// ending in a newline.
    func encode(_ value: DocumentValue, named name: String, level: Int) -> String {
        var text = ""
        append(value, named: name, level: level, to: &text)
        return text
    }

    private func append(_ value: DocumentValue, named name: String, level: Int, to text: inout String) {
        let indent = String(repeating: " ", count: level * indentWidth)
        switch value {
        case .string(let string): text += "\(indent)<\(name)>\(escaped(string))</\(name)>\n"
        case .integer(let integer): text += "\(indent)<\(name)>\(integer)</\(name)>\n"
        case .boolean(let boolean): text += "\(indent)<\(name)>\(boolean)</\(name)>\n"
        case .list(let items):
            for item in items { append(item, named: name, level: level, to: &text) }
        case .object(let fields) where fields.allSatisfy(\.value.isEmptyList):
            text += "\(indent)<\(name)></\(name)>\n"
        case .object(let fields):
            text += "\(indent)<\(name)>\n"
            for field in fields { append(field.value, named: field.key, level: level + 1, to: &text) }
            text += "\(indent)</\(name)>\n"
        }
    }

    private func escaped(_ string: String) -> String {
        guard string.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" }) else { return string }
        return string.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
    }
}

extension DocumentValue {
    var isEmptyList: Bool {
        if case .list(let items) = self { return items.isEmpty }
        return false
    }
}
