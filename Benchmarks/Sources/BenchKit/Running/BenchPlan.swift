/// What a benchmark run measures: which documents, which commands, how often.
public struct BenchPlan: Sendable {
    /// The connection counts of the generated documents.
    public var sizes: [Int]
    /// The encodings to generate each size in.
    public var formats: [DocumentFormat]
    /// Runs per command; `nil` for the default, ``defaultRepeats(connections:)``.
    public var repeats: Int?
    /// Runs of each command on the one-connection sample (start-up cost); 0 leaves it out.
    public var singleConnectionRuns: Int
    /// Whether the Python counterpart is measured too.
    public var includesPython: Bool

    /// Creates a plan.
    public init(sizes: [Int], formats: [DocumentFormat], repeats: Int?, singleConnectionRuns: Int, includesPython: Bool) {
        self.sizes = sizes
        self.formats = formats
        self.repeats = repeats
        self.singleConnectionRuns = singleConnectionRuns
        self.includesPython = includesPython
    }

    /// 3 runs below 100 000 connections, 1 from there on (one such run can take minutes).
    public static func defaultRepeats(connections: Int) -> Int { connections >= 100_000 ? 1 : 3 }

    /// The runs for a document of `connections` connections.
    public func repeats(connections: Int) -> Int { repeats ?? Self.defaultRepeats(connections: connections) }

    /// The cases for the one-connection `sample`: each tool printing to `/dev/null`.
    public func sampleCases(_ sample: GeneratedDocument) -> [BenchCase] {
        guard singleConnectionRuns > 0 else { return [] }
        let tools: [Tool] = includesPython ? [.genpeer, .python] : [.genpeer]
        return tools.map { BenchCase(tool: $0, mode: .stdout, document: sample, documentLabel: "1 (sample)", repeats: singleConnectionRuns) }
    }

    /// The cases for one generated document: xmllint (XML only) as the floor, then genpeer and
    /// Python, each printing to `/dev/null` and writing an output folder.
    public func cases(_ document: GeneratedDocument) -> [BenchCase] {
        var commands: [(Tool, OutputMode)] = []
        if document.format == .xml { commands.append((.xmllint, .none)) }
        commands += [(.genpeer, .stdout), (.genpeer, .directory)]
        if includesPython { commands += [(.python, .stdout), (.python, .directory)] }
        return commands.map { tool, mode in
            BenchCase(
                tool: tool, mode: mode, document: document, documentLabel: String(document.connectionCount),
                repeats: repeats(connections: document.connectionCount))
        }
    }
}
