/// Renders a ``BenchReport`` as a Markdown table with notes below it.
public struct MarkdownTable: Sendable {
    /// Creates the renderer.
    public init() {}

    private static let header = [
        "connections", "format", "input MB", "command", "runs", "wall s (median)", "min s",
        "× xmllint", "python / genpeer", "peak RSS MB",
    ]

    /// The table, the checks and any failures, as Markdown.
    public func render(_ report: BenchReport) -> String {
        var lines = [Self.line(Self.header), Self.line(Self.header.map { _ in "---" })]
        lines += report.rows.map { Self.line(cells(for: $0)) }
        lines.append("")
        lines.append("genpeer: `\(report.genpeer)`" + (report.python.map { "; python: `\($0)`" } ?? ""))
        lines += report.checks.map { "- \($0)" }
        lines += report.failures.map { "- FAILED: \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }

    private func cells(for row: ReportRow) -> [String] {
        let measurement = row.measurement
        let dash = "—"
        let runs = measurement.runs.filter { $0.termination.isSuccess }.count
        return [
            measurement.documentLabel,
            measurement.format.rawValue,
            Formatting.megabytes(bytes: measurement.inputBytes),
            "`\(BenchCase.summary(tool: measurement.tool, mode: measurement.mode))`",
            measurement.failure == nil ? String(runs) : "\(runs) (failed)",
            measurement.medianWallSeconds.map(Formatting.seconds) ?? dash,
            measurement.minimumWallSeconds.map(Formatting.seconds) ?? dash,
            row.timesXmllint.map(Formatting.ratio) ?? dash,
            row.pythonOverGenpeer.map(Formatting.ratio) ?? dash,
            measurement.peakRSSKiB.map { Formatting.megabytes(kibibytes: $0) } ?? dash,
        ]
    }

    private static func line(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }
}
