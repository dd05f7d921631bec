import Testing
@testable import GenPeerKit

/// `TemplateMap` finds names by comparing them; it must read and compare like the dictionary it
/// replaced.
@Suite("TemplateMap: a map's members")
struct TemplateMapTests {
    @Test func readsLikeADictionary() {
        var map: TemplateMap = ["a": .text("1"), "bb": .bool(true)]
        #expect(map["a"] == .text("1"))
        #expect(map["bb"] == .bool(true))
        #expect(map["b"] == nil)
        map["a"] = .text("2")
        map["c"] = .list([])
        #expect(map["a"] == .text("2"))
        #expect(map.count == 3)
        map["bb"] = nil
        #expect(map["bb"] == nil)
        #expect(map.count == 2)
        map["\u{212A}ey"] = .text("k")  // KELVIN SIGN, equivalent to "K"
        #expect(map["Key"] == .text("k"))
    }

    @Test func comparesLikeADictionary() {
        let members: [String: TemplateValue] = ["x": .text("1"), "y": .map(["z": .bool(false)])]
        #expect(TemplateValue.map(members) == .map(["y": .map(["z": .bool(false)]), "x": .text("1")]))
        #expect(TemplateValue.map(members) != .map(["x": .text("1")]))
        #expect(TemplateValue.map(members) != .map(["x": .text("1"), "y": .map([:])]))
    }

    @Test("a key encoded twice keeps its last value; a nil one removes it")
    func encodingTheSameKeyAgain() throws {
        struct Twice: Encodable {
            enum Key: String, CodingKey { case a, b }
            func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: Key.self)
                try container.encode("1", forKey: .a)
                try container.encode("2", forKey: .a)
                try container.encode("3", forKey: .b)
                try container.encode(String?.none, forKey: .b)
            }
        }
        #expect(try TemplateValue(encoding: Twice()) == .map(["a": .text("2")]))
    }
}
