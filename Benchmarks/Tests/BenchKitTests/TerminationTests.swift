import Foundation
import Testing

@testable import BenchKit

@Suite struct TerminationTests {
    @Test func terminationRoundTripsThroughJSON() throws {
        let values: [Termination] = [.exited(0), .exited(65), .signaled(9), .timedOut]
        let data = try JSONEncoder().encode(values)
        #expect(String(decoding: data, as: UTF8.self) == #"["exit 0","exit 65","signal 9","timeout"]"#)
        #expect(try JSONDecoder().decode([Termination].self, from: data) == values)
    }
}
