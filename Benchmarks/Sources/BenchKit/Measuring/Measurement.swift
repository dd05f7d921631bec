/// The runs of one ``BenchCase``.
public struct Measurement: Sendable, Codable {
    /// The program.
    public var tool: Tool
    /// Where its output went.
    public var mode: OutputMode
    /// The input's short name (`sample`, or the connection count).
    public var documentLabel: String
    /// The input's path.
    public var documentPath: String
    /// The input's encoding.
    public var format: DocumentFormat
    /// How many connections the input lists.
    public var connections: Int
    /// The input's size in bytes.
    public var inputBytes: Int
    /// Every completed run, in order.
    public var runs: [RunSample]
    /// Why the case stopped early, if it did (a non-zero exit, a timeout, missing output files).
    public var failure: String?

    /// The median wall time of the runs; `nil` when none succeeded.
    public var medianWallSeconds: Double? {
        Statistics.median(runs.filter { $0.termination.isSuccess }.map(\.wallSeconds))
    }

    /// The fastest successful run.
    public var minimumWallSeconds: Double? {
        runs.filter { $0.termination.isSuccess }.map(\.wallSeconds).min()
    }

    /// The largest peak resident set over the runs, in KiB.
    public var peakRSSKiB: Int? { runs.map(\.peakRSSKiB).max() }
}

/// Small statistics over samples.
public enum Statistics {
    /// The middle value (the mean of the two middle ones for an even count); `nil` for no values.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }
}
