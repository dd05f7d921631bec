import Foundation

/// Checks, before anything is generated, that every program the plan needs can run.
public struct Preflight: Sendable {
    /// Starts the probes.
    public var processRunner: ProcessRunner
    /// Where probe output is captured.
    public var workDirectory: String

    /// Creates the checker.
    public init(processRunner: ProcessRunner, workDirectory: String) {
        self.processRunner = processRunner
        self.workDirectory = workDirectory
    }

    /// Fails unless `genpeer --version` exits 0.
    public func checkGenpeer(_ path: String) throws(BenchError) {
        try expectSuccess(Invocation(executable: path, arguments: ["--version"]),
                          what: "genpeer at \(path)", hint: "build it with `swift build -c release` in the repository root and pass --genpeer .build/release/genpeer")
    }

    /// Fails unless `xmllint --version` exits 0.
    public func checkXmllint(_ path: String) throws(BenchError) {
        try expectSuccess(Invocation(executable: path, arguments: ["--version"]),
                          what: "xmllint", hint: "install it with `apt-get install libxml2-utils`")
    }

    /// The real interpreter behind `interpreter` (`sys.executable`, past any pyenv or venv shim,
    /// whose own start-up would otherwise be timed), after checking that it can import Jinja2
    /// and xmltodict.
    public func resolvePython(_ interpreter: String) throws(BenchError) -> String {
        let output = workDirectory + "/python-executable.txt"
        let probe = Invocation(
            executable: interpreter, arguments: ["-c", "import sys, jinja2, xmltodict; print(sys.executable)"],
            standardOutput: output)
        try expectSuccess(probe, what: "Python with jinja2 and xmltodict (\(interpreter))",
                          hint: "run `pip install -r Benchmarks/python/requirements.txt`, pass --python PATH, or --skip-python")
        let resolved = FileTree().tail(of: output, limit: 4096)
        return resolved.isEmpty ? interpreter : resolved
    }

    private func expectSuccess(_ invocation: Invocation, what: String, hint: String) throws(BenchError) {
        let sample: RunSample
        do {
            sample = try processRunner.run(invocation)
        } catch {
            throw BenchError.unavailable(what: what, hint: "\(error); \(hint)")
        }
        guard sample.termination.isSuccess else {
            throw BenchError.unavailable(what: what, hint: "`\(invocation.commandLine)` ended with \(sample.termination); \(hint)")
        }
    }
}
