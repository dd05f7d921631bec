/// One line of the results: a measurement with the ratios that compare it to the others.
public struct ReportRow: Sendable, Codable {
    /// The measured runs.
    public var measurement: Measurement
    /// The median wall time of the successful runs, in seconds.
    public var medianWallSeconds: Double?
    /// The largest peak resident set of the runs, in KiB.
    public var peakRSSKiB: Int?
    /// Its median wall time over `xmllint --stream --noout` on the same XML document.
    public var timesXmllint: Double?
    /// For a Python row, its median wall time over genpeer's in the same mode on the same document.
    public var pythonOverGenpeer: Double?
}

/// Everything one benchmark run found, in the order it was measured.
public struct BenchReport: Sendable, Codable {
    /// The genpeer executable measured.
    public var genpeer: String
    /// The Python interpreter used, if Python was measured.
    public var python: String?
    /// One row per measurement.
    public var rows: [ReportRow]
    /// What was checked beyond exit statuses (output file counts, Python's output matching genpeer's).
    public var checks: [String]
    /// Measurements that did not complete.
    public var failures: [String] { rows.compactMap { row in row.measurement.failure } }

    /// Builds the rows, computing each ratio from the matching measurements.
    public init(genpeer: String, python: String?, measurements: [Measurement], checks: [String]) {
        self.genpeer = genpeer
        self.python = python
        self.checks = checks
        rows = measurements.map { measurement in
            let sameDocument = measurements.filter { $0.documentPath == measurement.documentPath }
            let xmllint = sameDocument.first { $0.tool == .xmllint }?.medianWallSeconds
            let genpeer = sameDocument.first { $0.tool == .genpeer && $0.mode == measurement.mode }?.medianWallSeconds
            let wall = measurement.medianWallSeconds
            return ReportRow(
                measurement: measurement, medianWallSeconds: wall, peakRSSKiB: measurement.peakRSSKiB,
                timesXmllint: measurement.tool == .xmllint ? nil : Self.ratio(wall, xmllint),
                pythonOverGenpeer: measurement.tool == .python ? Self.ratio(wall, genpeer) : nil)
        }
    }

    private static func ratio(_ numerator: Double?, _ denominator: Double?) -> Double? {
        guard let numerator, let denominator, denominator > 0 else { return nil }
        return numerator / denominator
    }
}
