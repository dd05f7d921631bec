import Foundation
import Testing
@testable import GenPeerKit

/// A run decodes connection-list items in its parallel stages, off the reading thread: an item
/// that does not decode must still be reported exactly as when it was decoded while reading.
@Suite("Decoding in the parallel stages")
struct DeferredDecodingTests {
    /// A plural JSON document of `count` connections; `lifetimes` puts an IkeLifetime (a value
    /// that does not decode, such as "12x") on some, `badAlgorithmAt` one that does not normalize.
    private func plural(_ count: Int, lifetimes: [Int: String] = [:], badAlgorithmAt bad: Set<Int> = []) -> String {
        let items = (0..<count).map { index in
            var ike: [String: Any?] = ["IkeEncAlg": bad.contains(index) ? "rc4" : "aes"]
            if let lifetime = lifetimes[index] { ike["IkeLifetime"] = lifetime }
            return siteJSON(index, ike: ike)
        }
        return "{\"VpnConnections\": {\"VpnConnection\": [\(items.joined(separator: ","))]}}"
    }

    @Test func anItemThatDoesNotDecodeIsReportedAtItsPlace() throws {
        let expected = "vco.json: VpnConnections.VpnConnection[300].IkeConfig.IkeLifetime: expected a whole number, found the string \"12x\""
        #expect(failure { _ = try render(.strongswan, [document(plural(900, lifetimes: [300: "12x"]))]) }?.description == expected)
        // Earlier failures of any stage win; later ones do not.
        let earlierNormalizing = failure { _ = try render(.strongswan, [document(plural(900, lifetimes: [300: "12x"], badAlgorithmAt: [200]))]) }
        #expect(earlierNormalizing?.diagnostic.location?.path == "VpnConnections.VpnConnection[200].IkeConfig.IkeEncAlg")
        let laterNormalizing = failure { _ = try render(.strongswan, [document(plural(900, lifetimes: [300: "12x"], badAlgorithmAt: [301, 700]))]) }
        #expect(laterNormalizing?.description == expected)
        // A reading failure after the item does not hide it.
        let truncated = String(plural(900, lifetimes: [300: "12x"]).dropLast(10))
        #expect(failure { _ = try render(.strongswan, [document(truncated)]) }?.description == expected)
    }

    @Test func theSameMessageAsWhenReadingOnly() throws {
        let input = plural(600, lifetimes: [500: "x", 550: "1.5"])
        let reading = failure { _ = try peers([document(input)]) }
        let rendering = failure { _ = try render(.libreswan, [document(input)]) }
        #expect(reading != nil)
        #expect(reading?.description == rendering?.description)
    }
}
