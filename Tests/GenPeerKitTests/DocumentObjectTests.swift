import Foundation
import Testing
@testable import GenPeerKit

/// `DocumentObject` finds names by comparing them rather than hashing them; it must still
/// behave exactly as the dictionary it replaced, below and beyond the size where it starts
/// keeping an index.
@Suite("DocumentObject: an object's members")
struct DocumentObjectTests {
    @Test("names are found, and a repeated name is seen, at every size", arguments: [1, DocumentObject.indexedCount, DocumentObject.indexedCount + 1, 200])
    func findsEveryName(_ count: Int) {
        var object = DocumentObject()
        for index in 0..<count {
            #expect(!object.contains("Key\(index)"))
            object.append(.string("\(index)"), forKey: "Key\(index)")
        }
        #expect(object.count == count)
        for index in 0..<count {
            #expect(object["Key\(index)"] == .string("\(index)"))
            #expect(object.contains("Key\(index)"))
        }
        #expect(object["Key\(count)"] == nil)
        #expect(object["Key"] == nil)
    }

    @Test("removing a member keeps every other name found, with and without the index", arguments: [10, 200])
    func removalKeepsLookups(_ count: Int) {
        var object = DocumentObject()
        for index in 0..<count { object.append(.string("\(index)"), forKey: "Key\(index)") }
        object["Key3"] = nil
        object["Key3"] = nil
        #expect(object.count == count - 1)
        #expect(object["Key3"] == nil)
        for index in 0..<count where index != 3 { #expect(object["Key\(index)"] == .string("\(index)")) }
        object["Key3"] = .bool(true)
        #expect(object["Key3"] == .bool(true))
        #expect(object.members.last?.key == "Key3")
    }

    @Test("names compare as Swift strings (canonical equivalence), as dictionary keys did", arguments: [1, 200])
    func canonicallyEquivalentNamesAreOneName(_ padding: Int) {
        var object = DocumentObject()
        for index in 0..<padding { object.append(.null, forKey: "Pad\(index)") }
        object.append(.string("k"), forKey: "\u{212A}ey")  // KELVIN SIGN, equivalent to "K"
        object.append(.string("e"), forKey: "Caf\u{E9}")
        #expect(object["Key"] == .string("k"))
        #expect(object.contains("Key"))
        #expect(object["Cafe\u{301}"] == .string("e"))
        #expect(object["Kex"] == nil)
    }

    @Test func equalityIgnoresOrder() {
        let one: DocumentObject = ["A": .string("1"), "B": .array([.bool(true)])]
        let other: DocumentObject = ["B": .array([.bool(true)]), "A": .string("1")]
        #expect(one == other)
        #expect(one != ["A": .string("1")])
        #expect(one != ["A": .string("1"), "B": .array([])])
        #expect(one != ["A": .string("1"), "C": .array([.bool(true)])])
    }

    @Test("a Kelvin-sign key repeats a JSON key, as it did")
    func jsonDuplicateByEquivalence() throws {
        let json = "{\"Key\": \"a\", \"\\u212Aey\": \"b\"}"
        #expect(throws: GenPeerError.self) { try DocumentReader().read(Data(json.utf8), fileName: "k.json") }
        do {
            _ = try DocumentReader().read(Data(json.utf8), fileName: "k.json")
        } catch let error as GenPeerError {
            #expect(error.description.contains("appears twice in one object"))
        }
    }

    @Test("a repeated key far into a wide object is still refused, in JSON and XML")
    func wideObjectDuplicates() throws {
        let keys = (0..<500).map { "\"K\($0)\": 1" }.joined(separator: ", ")
        let json = "{\(keys), \"K250\": 2}"
        #expect(throws: GenPeerError.self) { try DocumentReader().read(Data(json.utf8), fileName: "w.json") }
        let elements = (0..<500).map { "<K\($0)>1</K\($0)>" }.joined()
        let xml = "<r>\(elements)<K250>2</K250></r>"
        do {
            _ = try DocumentReader().read(Data(xml.utf8), fileName: "w.xml")
            Issue.record("a repeated element was accepted")
        } catch let error as GenPeerError {
            #expect(error.description == "w.xml: K250: element <K250> appears more than once")
        }
    }
}
