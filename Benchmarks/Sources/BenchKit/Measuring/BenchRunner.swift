/// Runs ``BenchCase``s and collects ``Measurement``s.
///
/// Each run's output folder is emptied before and removed after the run, outside the timed
/// region; a run in ``OutputMode/directory`` mode must leave one file per connection, which
/// also checks that the tool accepted every connection.
public struct BenchRunner: Sendable {
    /// The programs.
    public var toolchain: Toolchain
    /// Starts and measures each child.
    public var processRunner: ProcessRunner
    /// A scratch folder for output folders and captured standard error.
    public var workDirectory: String

    /// Creates a runner.
    public init(toolchain: Toolchain, processRunner: ProcessRunner, workDirectory: String) {
        self.toolchain = toolchain
        self.processRunner = processRunner
        self.workDirectory = workDirectory
    }

    private var outputDirectory: String { workDirectory + "/output" }
    private var standardErrorPath: String { workDirectory + "/stderr.txt" }

    /// Runs `benchCase` its number of times, stopping at the first failed run; `progress` hears
    /// of each run.
    public func measure(_ benchCase: BenchCase, progress: (String) -> Void) throws(BenchError) -> Measurement {
        var measurement = Measurement(
            tool: benchCase.tool, mode: benchCase.mode, documentLabel: benchCase.documentLabel,
            documentPath: benchCase.document.path, format: benchCase.document.format,
            connections: benchCase.document.connectionCount, inputBytes: benchCase.document.byteCount,
            runs: [], failure: nil)
        guard let invocation = benchCase.invocation(
            toolchain: toolchain, outputDirectory: outputDirectory, standardError: standardErrorPath)
        else {
            measurement.failure = "\(benchCase.tool.rawValue) is not configured"
            return measurement
        }
        for repeatIndex in 1...max(1, benchCase.repeats) {
            if benchCase.mode == .directory { try FileTree().makeEmptyDirectory(outputDirectory) }
            let sample = try processRunner.run(invocation)
            measurement.runs.append(sample)
            progress(Self.progressLine(benchCase, repeatIndex: repeatIndex, sample: sample))
            if let failure = check(sample, of: benchCase, invocation: invocation) {
                measurement.failure = failure
                break
            }
        }
        if benchCase.mode == .directory { try FileTree().remove(outputDirectory) }
        return measurement
    }

    /// Why a run does not count, or `nil` when it does.
    private func check(_ sample: RunSample, of benchCase: BenchCase, invocation: Invocation) -> String? {
        guard sample.termination.isSuccess else {
            let stderr = FileTree().tail(of: standardErrorPath)
            return "\(invocation.commandLine): \(sample.termination)" + (stderr.isEmpty ? "" : ": \(stderr)")
        }
        guard benchCase.mode == .directory else { return nil }
        let written = FileTree().files(below: outputDirectory).count
        let expected = benchCase.document.connectionCount
        return written == expected ? nil : "\(invocation.commandLine): wrote \(written) files for \(expected) connections"
    }

    private static func progressLine(_ benchCase: BenchCase, repeatIndex: Int, sample: RunSample) -> String {
        let document = benchCase.document
        let wall = Formatting.seconds(sample.wallSeconds)
        let peak = Formatting.megabytes(kibibytes: sample.peakRSSKiB)
        return "\(benchCase.documentLabel) \(document.format.rawValue) \(benchCase.commandSummary): "
            + "run \(repeatIndex)/\(benchCase.repeats) \(wall) s, \(peak) MB, \(sample.termination)"
    }
}
