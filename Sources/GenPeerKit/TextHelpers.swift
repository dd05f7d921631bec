/// Small facts about text that reading and validating input share.
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
            // Written as a C or shell user reads them: \n, \t, \r, else \x1B-style.
            switch scalar.value {
            case 0x0A: return "\\n"
            case 0x09: return "\\t"
            case 0x0D: return "\\r"
            case 0..<0x20, 0x7F: return "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16, uppercase: true)
            default: break
            }
            return String(scalar)
        }.joined()
        return printable.count > 60 ? String(printable.prefix(57)) + "..." : printable
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
