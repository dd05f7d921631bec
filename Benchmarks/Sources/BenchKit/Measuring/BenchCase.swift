/// The programs a benchmark compares.
public enum Tool: String, Sendable, Codable, CaseIterable {
    /// genpeer itself.
    case genpeer
    /// The Python/Jinja2 counterpart in `Benchmarks/python/genpeer_py.py`.
    case python
    /// `xmllint --stream --noout`: reading the XML and nothing else, the floor for XML inputs.
    case xmllint
}

/// Where a tool's output goes.
public enum OutputMode: String, Sendable, Codable {
    /// Everything printed to standard output, which goes to `/dev/null`.
    case stdout
    /// One file per connection below a fresh output folder (`--output DIR --force`).
    case directory = "output-dir"
    /// No output: the document is only read (xmllint).
    case none
}

/// Where to find the programs being measured.
public struct Toolchain: Sendable {
    /// The genpeer executable.
    public var genpeer: String
    /// The Python interpreter and the script, or `nil` to leave Python out.
    public var python: (interpreter: String, script: String)?
    /// The xmllint executable.
    public var xmllint: String

    /// Creates a toolchain.
    public init(genpeer: String, python: (interpreter: String, script: String)?, xmllint: String = "xmllint") {
        self.genpeer = genpeer
        self.python = python
        self.xmllint = xmllint
    }
}

/// One command measured on one document, `repeats` times.
public struct BenchCase: Sendable {
    /// The program.
    public var tool: Tool
    /// Where its output goes.
    public var mode: OutputMode
    /// The input document.
    public var document: GeneratedDocument
    /// A short name for the document in reports (`sample` for the bundled one-connection file).
    public var documentLabel: String
    /// How many times it runs; the report gives the median.
    public var repeats: Int

    /// Creates a case.
    public init(tool: Tool, mode: OutputMode, document: GeneratedDocument, documentLabel: String, repeats: Int) {
        self.tool = tool
        self.mode = mode
        self.document = document
        self.documentLabel = documentLabel
        self.repeats = repeats
    }

    /// How the case names itself in progress lines and tables.
    public var commandSummary: String { Self.summary(tool: tool, mode: mode) }

    /// The short command for `tool` in `mode`: `genpeer > /dev/null`, `python --output DIR`, ...
    public static func summary(tool: Tool, mode: OutputMode) -> String {
        switch (tool, mode) {
        case (.xmllint, _): "xmllint --stream --noout"
        case (_, .stdout): "\(tool.rawValue) > /dev/null"
        case (_, .directory): "\(tool.rawValue) --output DIR"
        case (_, .none): tool.rawValue
        }
    }

    /// The command line, writing below `outputDirectory` in ``OutputMode/directory`` mode;
    /// `nil` when the toolchain has no such tool.
    public func invocation(toolchain: Toolchain, outputDirectory: String, standardError: String) -> Invocation? {
        let outputArguments = mode == .directory ? ["--output", outputDirectory, "--force"] : []
        let generateArguments = [document.path, "--target", "strongswan"] + outputArguments
        switch tool {
        case .genpeer:
            return Invocation(executable: toolchain.genpeer, arguments: generateArguments, standardError: standardError)
        case .python:
            guard let python = toolchain.python else { return nil }
            return Invocation(executable: python.interpreter, arguments: [python.script] + generateArguments, standardError: standardError)
        case .xmllint:
            return Invocation(executable: toolchain.xmllint, arguments: ["--stream", "--noout", document.path], standardError: standardError)
        }
    }
}
