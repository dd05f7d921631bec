import Testing

@testable import BenchKit

@Suite struct ReportTests {
    private func measurement(_ tool: Tool, _ mode: OutputMode, walls: [Double], path: String = "/d.xml") -> Measurement {
        Measurement(
            tool: tool, mode: mode, documentLabel: "1000", documentPath: path, format: .xml, connections: 1000,
            inputBytes: 1_400_000,
            runs: walls.map { RunSample(termination: .exited(0), wallSeconds: $0, peakRSSKiB: 2048, userSeconds: 0, systemSeconds: 0) },
            failure: nil)
    }

    @Test func medianOfOddAndEvenCounts() {
        #expect(Statistics.median([]) == nil)
        #expect(Statistics.median([3, 1, 2]) == 2)
        #expect(Statistics.median([4, 1, 3, 2]) == 2.5)
    }

    @Test func ratiosCompareWithXmllintAndWithGenpeerInTheSameMode() throws {
        let report = BenchReport(
            genpeer: "genpeer", python: "python3",
            measurements: [
                measurement(.xmllint, .none, walls: [0.1, 0.1, 0.1]),
                measurement(.genpeer, .stdout, walls: [0.5, 0.4, 0.6]),
                measurement(.genpeer, .directory, walls: [1.0]),
                measurement(.python, .stdout, walls: [2.0]),
                measurement(.python, .directory, walls: [3.0]),
            ],
            checks: [])
        let rows = report.rows
        #expect(rows[0].timesXmllint == nil)
        #expect(abs(try #require(rows[1].timesXmllint) - 5) < 1e-9)
        #expect(rows[1].pythonOverGenpeer == nil)
        #expect(abs(try #require(rows[3].pythonOverGenpeer) - 4) < 1e-9)
        #expect(abs(try #require(rows[4].pythonOverGenpeer) - 3) < 1e-9)
    }

    @Test func markdownTableHasOneLinePerMeasurement() {
        let report = BenchReport(
            genpeer: "genpeer", python: nil,
            measurements: [measurement(.xmllint, .none, walls: [0.01]), measurement(.genpeer, .stdout, walls: [0.25])],
            checks: ["checked"])
        let lines = MarkdownTable().render(report).split(separator: "\n")
        #expect(lines.count == 2 + 2 + 1 + 1)
        #expect(lines[3] == "| 1000 | xml | 1.4 | `genpeer > /dev/null` | 1 | 0.250 | 0.250 | 25.0 | — | 2.1 |")
        #expect(lines.last == "- checked")
    }

    @Test func failedMeasurementsAreListed() {
        var failed = measurement(.genpeer, .stdout, walls: [])
        failed.failure = "genpeer: exit 65"
        let report = BenchReport(genpeer: "genpeer", python: nil, measurements: [failed], checks: [])
        #expect(report.failures == ["genpeer: exit 65"])
        #expect(MarkdownTable().render(report).contains("- FAILED: genpeer: exit 65"))
    }

    @Test func spawnReportLineIsParsed() throws {
        let sample = try #require(RunSample(spawnReport: "status 256 wall_ns 1500000000 maxrss_kib 4096 utime_us 250000 stime_us 5 timed_out 0\n"))
        #expect(sample.termination == .exited(1))
        #expect(sample.wallSeconds == 1.5)
        #expect(sample.peakRSSKiB == 4096)
        #expect(RunSample(spawnReport: "status 9 wall_ns 1 maxrss_kib 1 utime_us 1 stime_us 1 timed_out 1")?.termination == .timedOut)
        #expect(RunSample(spawnReport: "garbage") == nil)
        #expect(Termination(waitStatus: 9) == .signaled(9))
    }
}
