/// A member name of ``NamedValues`` with what lets most comparisons end early: two ASCII names
/// of different lengths always differ, while a non-ASCII name can equal a name of another
/// length (`\u{212A}`, the Kelvin sign, is canonically equivalent to `K`), so it is always
/// compared as a string. Names thus match exactly when they would as dictionary keys.
struct MemberName: Sendable, Equatable {
    let text: String
    let length: Int
    let isASCII: Bool

    init(_ text: String) {
        self.text = text
        length = text.utf8.count
        isASCII = text.isASCII
    }

    static func == (lhs: MemberName, rhs: MemberName) -> Bool { lhs.matches(rhs) }

    func matches(_ other: MemberName) -> Bool {
        if length != other.length && isASCII && other.isASCII { return false }
        return text == other.text
    }
}
