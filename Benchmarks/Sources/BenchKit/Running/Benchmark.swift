import Foundation

/// One whole benchmark: generate the documents, measure every case, check the outputs.
public struct Benchmark: Sendable {
    /// What to measure.
    public var plan: BenchPlan
    /// How to measure it.
    public var runner: BenchRunner
    /// The one-connection sample (`samples/describe-vpn-connection.json`), if measured.
    public var samplePath: String?

    /// Creates a benchmark.
    public init(plan: BenchPlan, runner: BenchRunner, samplePath: String?) {
        self.plan = plan
        self.runner = runner
        self.samplePath = samplePath
    }

    /// Runs it; `progress` hears about each step.
    public func run(progress: (String) -> Void) throws(BenchError) -> BenchReport {
        let documents = try generateDocuments(progress: progress)
        var cases: [BenchCase] = []
        if let samplePath { cases += plan.sampleCases(try Self.sampleDocument(samplePath)) }
        for document in documents { cases += plan.cases(document) }

        var measurements: [Measurement] = []
        for benchCase in cases {
            measurements.append(try runner.measure(benchCase, progress: progress))
        }
        var checks = [Self.acceptanceCheck(measurements, documentCount: documents.count)]
        if plan.includesPython {
            checks += try equivalenceChecks(progress: progress)
        }
        return BenchReport(
            genpeer: runner.toolchain.genpeer, python: runner.toolchain.python?.interpreter,
            measurements: measurements, checks: checks.compactMap { $0 })
    }

    /// Writes one document per size and format into `<work>/documents`.
    private func generateDocuments(progress: (String) -> Void) throws(BenchError) -> [GeneratedDocument] {
        let folder = runner.workDirectory + "/documents"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw BenchError.cannotWrite(path: folder, reason: error.localizedDescription)
        }
        var documents: [GeneratedDocument] = []
        for size in plan.sizes {
            for format in plan.formats {
                let path = "\(folder)/describe-vpn-connections-\(size).\(format.fileExtension)"
                let document = try DocumentWriter(format: format).write(connectionCount: size, to: path)
                progress("generated \(path): \(size) connections, \(Formatting.megabytes(bytes: document.byteCount)) MB")
                documents.append(document)
            }
        }
        return documents
    }

    private static func sampleDocument(_ path: String) throws(BenchError) -> GeneratedDocument {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? Int
        else {
            throw BenchError.unavailable(what: "the one-connection sample \(path)", hint: "run from the repository root, pass --sample PATH, or --single-runs 0")
        }
        let format: DocumentFormat = path.hasSuffix(".xml") ? .xml : .json
        return GeneratedDocument(path: path, format: format, connectionCount: 1, byteCount: size)
    }

    /// Whether genpeer accepted every document; `nil` when it did not (the failures say why).
    private static func acceptanceCheck(_ measurements: [Measurement], documentCount: Int) -> String? {
        let genpeer = measurements.filter { $0.tool == .genpeer }
        guard !genpeer.isEmpty, genpeer.allSatisfy({ $0.failure == nil }) else { return nil }
        return "genpeer exited 0 on all \(documentCount) generated documents in every run, "
            + "and each `--output DIR` run wrote one file per connection"
    }

    /// Compares Python's output files with genpeer's, byte for byte, on a document of
    /// ``comparisonSize`` connections in each format, so the two are known to do the same work.
    private func equivalenceChecks(progress: (String) -> Void) throws(BenchError) -> [String] {
        var checks: [String] = []
        for format in plan.formats {
            let path = "\(runner.workDirectory)/documents/compare-\(Self.comparisonSize).\(format.fileExtension)"
            let document = try DocumentWriter(format: format).write(connectionCount: Self.comparisonSize, to: path)
            let check = try compareOutputs(on: document)
            progress(check)
            checks.append(check)
        }
        return checks
    }

    /// Connections in the document the output comparison uses.
    static let comparisonSize = 500

    private func compareOutputs(on document: GeneratedDocument) throws(BenchError) -> String {
        let genpeerFolder = runner.workDirectory + "/compare-genpeer"
        let pythonFolder = runner.workDirectory + "/compare-python"
        defer {
            try? FileTree().remove(genpeerFolder)
            try? FileTree().remove(pythonFolder)
        }
        for (tool, folder) in [(Tool.genpeer, genpeerFolder), (Tool.python, pythonFolder)] {
            try FileTree().makeEmptyDirectory(folder)
            let benchCase = BenchCase(tool: tool, mode: .directory, document: document, documentLabel: "", repeats: 1)
            guard let invocation = benchCase.invocation(toolchain: runner.toolchain, outputDirectory: folder, standardError: "/dev/null"),
                  try runner.processRunner.run(invocation).termination.isSuccess
            else {
                return "output comparison skipped: \(tool.rawValue) failed on \(document.path)"
            }
        }
        let fileCount = FileTree().files(below: genpeerFolder).count
        let differences = FileTree().differences(between: genpeerFolder, and: pythonFolder)
        let subject = "a \(document.connectionCount)-connection \(document.format.rawValue) document"
        return differences.isEmpty
            ? "python's `--output` files are byte-identical to genpeer's for \(subject) (\(fileCount) files)"
            : "python's `--output` files differ from genpeer's for \(subject): \(differences.count) of \(fileCount) files, e.g. \(differences[0])"
    }
}
