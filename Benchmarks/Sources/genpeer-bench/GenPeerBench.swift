import ArgumentParser
import BenchKit
import Foundation

/// `genpeer-bench`: generates DescribeVpnConnections documents and measures genpeer on them
/// against `xmllint --stream` and a Python/Jinja2 counterpart.
@main
struct GenPeerBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "genpeer-bench",
        abstract: "Measure genpeer's wall time and peak memory on generated DescribeVpnConnections documents.",
        discussion: """
            Generates documents of each size in each format, then runs each command on each: \
            xmllint --stream --noout (XML only), genpeer and the Python counterpart, each once to \
            /dev/null and once into a fresh --output folder. Prints a Markdown table (or JSON with \
            --json) on standard output; progress goes to standard error.
            """)

    @Option(help: ArgumentHelp("The genpeer executable to measure, e.g. .build/release/genpeer.", valueName: "path"))
    var genpeer: String

    @Option(help: ArgumentHelp("Connection counts, comma-separated.", valueName: "n,n,..."))
    var sizes = CommaSeparated<Int>([1000, 10000, 100_000])

    @Option(help: ArgumentHelp("Input formats, comma-separated: json, xml.", valueName: "format,..."))
    var formats = CommaSeparated<DocumentFormat>([.json, .xml])

    @Option(help: ArgumentHelp("Runs per command and document; the table shows the median. Default: 3, and 1 from 100000 connections on.", valueName: "n"))
    var repeats: Int?

    @Option(help: ArgumentHelp("Runs on the one-connection sample (start-up cost); 0 leaves it out.", valueName: "n"))
    var singleRuns = 30

    @Option(help: ArgumentHelp("The one-connection document for the start-up measurement.", valueName: "path"))
    var sample = "samples/describe-vpn-connection.json"

    @Option(help: ArgumentHelp("The Python interpreter (with jinja2 and xmltodict).", valueName: "path"))
    var python = "python3"

    @Option(help: ArgumentHelp("The Python counterpart (default: python/genpeer_py.py beside this package's sources).", valueName: "path"))
    var pythonScript: String?

    @Flag(help: "Leave the Python counterpart out.")
    var skipPython = false

    @Option(help: ArgumentHelp("The work folder for documents and outputs; kept afterwards. Default: a new temporary folder, removed afterwards.", valueName: "dir"))
    var workdir: String?

    @Option(help: ArgumentHelp("Kill a run after this many seconds.", valueName: "seconds"))
    var timeout: Double = 1800

    @Flag(help: "Print the results as JSON instead of a Markdown table.")
    var json = false

    func validate() throws {
        if sizes.values.contains(where: { $0 < 1 }) { throw ValidationError("--sizes takes positive connection counts, e.g. 1000,10000.") }
        if let repeats, repeats < 1 { throw ValidationError("--repeats must be at least 1.") }
        if singleRuns < 0 { throw ValidationError("--single-runs cannot be negative.") }
        if timeout <= 0 { throw ValidationError("--timeout must be positive.") }
    }

    func run() throws {
        let report: BenchReport
        do {
            let work = try WorkDirectory(requested: workdir)
            defer { work.cleanUp() }
            Self.progress("work folder: \(work.path)" + (workdir == nil ? " (removed at the end)" : ""))
            report = try benchmark(in: work.path).run(progress: Self.progress)
        } catch {
            Self.progress("error: \(error)")
            throw ExitCode(2)
        }
        print(json ? try Self.json(report) : MarkdownTable().render(report), terminator: "")
        if !report.failures.isEmpty { throw ExitCode(1) }
    }

    /// Checks the programs and assembles the benchmark.
    private func benchmark(in workPath: String) throws(BenchError) -> Benchmark {
        let processRunner = ProcessRunner(spawnHelper: try Self.spawnHelper(), timeoutSeconds: timeout, scratchDirectory: workPath)
        let preflight = Preflight(processRunner: processRunner, workDirectory: workPath)
        let genpeerPath = Self.absolutePath(genpeer)
        try preflight.checkGenpeer(genpeerPath)
        if formats.values.contains(.xml) { try preflight.checkXmllint("xmllint") }
        var pythonTools: (interpreter: String, script: String)?
        if !skipPython {
            pythonTools = (try preflight.resolvePython(python), try resolvedPythonScript())
        }
        let plan = BenchPlan(
            sizes: sizes.values, formats: formats.values, repeats: repeats,
            singleConnectionRuns: singleRuns, includesPython: !skipPython)
        let toolchain = Toolchain(genpeer: genpeerPath, python: pythonTools)
        return Benchmark(
            plan: plan,
            runner: BenchRunner(toolchain: toolchain, processRunner: processRunner, workDirectory: workPath),
            samplePath: singleRuns > 0 ? sample : nil)
    }

    private func resolvedPythonScript() throws(BenchError) -> String {
        let path = pythonScript.map(Self.absolutePath) ?? Self.bundledPythonScript
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw BenchError.unavailable(what: "the Python counterpart \(path)", hint: "pass --python-script PATH or --skip-python")
        }
        return path
    }

    /// `genpeer-bench-spawn`, built beside this executable (it is a dependency of this target).
    private static func spawnHelper() throws(BenchError) -> String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let helper = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("genpeer-bench-spawn").path
        guard FileManager.default.isExecutableFile(atPath: helper) else {
            throw BenchError.unavailable(what: helper, hint: "build the whole package: swift build -c release --package-path Benchmarks")
        }
        return helper
    }

    /// `Benchmarks/python/genpeer_py.py`, found from this source file's place in the package.
    private static var bundledPythonScript: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("python/genpeer_py.py").path
    }

    private static func absolutePath(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    private static func json(_ report: BenchReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }

    private static func progress(_ line: String) {
        FileHandle.standardError.write(Data("genpeer-bench: \(line)\n".utf8))
    }
}

/// A comma-separated option value: `1000,10000` or `json,xml`.
struct CommaSeparated<Element: ExpressibleByArgument>: ExpressibleByArgument {
    var values: [Element]

    init(_ values: [Element]) {
        self.values = values
    }

    init?(argument: String) {
        let values = argument.split(separator: ",").map { Element(argument: $0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else { return nil }
        self.values = values.compactMap { $0 }
    }

    var defaultValueDescription: String { values.map { "\($0)" }.joined(separator: ",") }
}

extension DocumentFormat: ExpressibleByArgument {}

/// The benchmark's scratch folder: the one asked for (kept), or a new temporary one (removed
/// at the end, and also when the run is interrupted with SIGINT or SIGTERM).
struct WorkDirectory {
    let path: String
    private let isTemporary: Bool
    private let interruptCleanup: InterruptCleanup?

    init(requested: String?) throws(BenchError) {
        if let requested {
            do {
                try FileManager.default.createDirectory(atPath: requested, withIntermediateDirectories: true)
            } catch {
                throw BenchError.cannotWrite(path: requested, reason: error.localizedDescription)
            }
            path = URL(fileURLWithPath: requested).standardizedFileURL.path
            isTemporary = false
            interruptCleanup = nil
        } else {
            let pattern = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("genpeer-bench-XXXXXX").path
            var template = Array(pattern.utf8CString)
            guard let created = mkdtemp(&template) else {
                throw BenchError.cannotWrite(path: NSTemporaryDirectory(), reason: String(cString: strerror(errno)))
            }
            path = String(cString: created)
            isTemporary = true
            interruptCleanup = InterruptCleanup(removing: path)
        }
    }

    func cleanUp() {
        if isTemporary { try? FileManager.default.removeItem(atPath: path) }
    }
}

/// Removes a folder and exits when SIGINT or SIGTERM arrives, for as long as it is alive. (The
/// measured command gets the signal too when it comes from the terminal or a process-group kill;
/// genpeer-bench-spawn gives every command the default dispositions back.)
final class InterruptCleanup {
    private let sources: [any DispatchSourceSignal]

    init(removing path: String) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                try? FileManager.default.removeItem(atPath: path)
                exit(128 + number)
            }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
