import Foundation
import Testing

@testable import BenchKit

/// Runs real processes through the `genpeer-bench-spawn` helper built beside the tests.
@Suite struct ProcessRunnerTests {
    private let scratch: String

    init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bench-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    }

    private func runner(timeout: Double? = nil) throws -> ProcessRunner {
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let helper = URL(fileURLWithPath: testBinary).deletingLastPathComponent().appendingPathComponent("genpeer-bench-spawn").path
        try #require(FileManager.default.isExecutableFile(atPath: helper), "build genpeer-bench-spawn first (swift build)")
        return ProcessRunner(spawnHelper: helper, timeoutSeconds: timeout, scratchDirectory: scratch)
    }

    @Test func reportsExitStatusAndCapturesOutput() throws {
        let output = scratch + "/out.txt"
        let sample = try runner().run(Invocation(executable: "/bin/sh", arguments: ["-c", "echo hello; exit 3"], standardOutput: output))
        #expect(sample.termination == .exited(3))
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "hello\n")
    }

    @Test func peakMemoryIsTheChildsOwnNotTheBenchmarks() throws {
        let sample = try runner().run(Invocation(executable: "true", arguments: []))
        #expect(sample.termination.isSuccess)
        #expect(sample.peakRSSKiB > 0)
        #expect(sample.peakRSSKiB < 8 * 1024)
    }

    @Test func killsARunPastItsTimeout() throws {
        let sample = try runner(timeout: 0.2).run(Invocation(executable: "sleep", arguments: ["5"]))
        #expect(sample.termination == .timedOut)
        #expect(sample.wallSeconds < 4)
    }

    @Test func aMissingProgramExits127() throws {
        let sample = try runner().run(Invocation(executable: "/nonexistent/program", arguments: []))
        #expect(sample.termination == .exited(127))
    }
}
