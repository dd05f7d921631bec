import Glibc

/// A command to run: the program, its arguments and where its output goes.
public struct Invocation: Sendable, Equatable {
    /// A path, or a bare name looked up in `PATH`.
    public var executable: String
    /// The arguments after the program name.
    public var arguments: [String]
    /// The file standard output is written to (`/dev/null` to discard it).
    public var standardOutput: String
    /// The file standard error is written to.
    public var standardError: String

    /// Creates an invocation; standard input is always `/dev/null`.
    public init(executable: String, arguments: [String], standardOutput: String = "/dev/null", standardError: String = "/dev/null") {
        self.executable = executable
        self.arguments = arguments
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// The command as a shell would show it.
    public var commandLine: String { ([executable] + arguments).joined(separator: " ") }
}

/// How a child process ended.
public enum Termination: Sendable, Equatable, Codable, CustomStringConvertible {
    /// It exited with this status.
    case exited(Int32)
    /// A signal ended it.
    case signaled(Int32)
    /// It ran past the time limit and was killed.
    case timedOut

    /// Whether it exited with status 0.
    public var isSuccess: Bool { self == .exited(0) }

    /// Decodes a `wait` status (what the `WIFEXITED`, `WEXITSTATUS` and `WTERMSIG` macros do).
    public init(waitStatus status: Int32) {
        let signal = status & 0x7f
        self = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }

    public var description: String {
        switch self {
        case .exited(let status): "exit \(status)"
        case .signaled(let signal): "killed by signal \(signal)"
        case .timedOut: "timed out"
        }
    }

    /// Encodes as one short string: `exit 0`, `signal 9`, `timeout`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .exited(let status): try container.encode("exit \(status)")
        case .signaled(let signal): try container.encode("signal \(signal)")
        case .timedOut: try container.encode("timeout")
        }
    }

    /// Decodes what ``encode(to:)`` wrote.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        let words = text.split(separator: " ")
        switch (words.first, words.count == 2 ? Int32(words[1]) : nil) {
        case ("exit", let status?): self = .exited(status)
        case ("signal", let signal?): self = .signaled(signal)
        case ("timeout", nil) where words.count == 1: self = .timedOut
        default: throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a termination: \(text)")
        }
    }
}

/// What one run of a child process cost.
public struct RunSample: Sendable, Equatable, Codable {
    /// How it ended.
    public var termination: Termination
    /// From just before the process was forked until it had exited.
    public var wallSeconds: Double
    /// The child's peak resident set (`ru_maxrss` from `wait4`), in KiB.
    public var peakRSSKiB: Int
    /// CPU time in user mode.
    public var userSeconds: Double
    /// CPU time in the kernel.
    public var systemSeconds: Double

    /// Creates a sample.
    public init(termination: Termination, wallSeconds: Double, peakRSSKiB: Int, userSeconds: Double, systemSeconds: Double) {
        self.termination = termination
        self.wallSeconds = wallSeconds
        self.peakRSSKiB = peakRSSKiB
        self.userSeconds = userSeconds
        self.systemSeconds = systemSeconds
    }

    /// Reads the line `genpeer-bench-spawn` prints:
    /// `status S wall_ns W maxrss_kib M utime_us U stime_us T timed_out 0|1`.
    public init?(spawnReport line: String) {
        let words = line.split(whereSeparator: \.isWhitespace)
        guard words.count == 12 else { return nil }
        var values: [String: Int] = [:]
        for pair in stride(from: 0, to: words.count, by: 2) {
            guard let value = Int(words[pair + 1]) else { return nil }
            values[String(words[pair])] = value
        }
        guard let status = values["status"], let wall = values["wall_ns"], let rss = values["maxrss_kib"],
              let user = values["utime_us"], let system = values["stime_us"], let timedOut = values["timed_out"]
        else { return nil }
        self.init(
            termination: timedOut == 1 ? .timedOut : Termination(waitStatus: Int32(truncatingIfNeeded: status)),
            wallSeconds: Double(wall) / 1e9, peakRSSKiB: rss,
            userSeconds: Double(user) / 1e6, systemSeconds: Double(system) / 1e6)
    }
}

/// Runs one child process at a time and measures it, through the `genpeer-bench-spawn`
/// helper: it forks and executes the command directly (no shell, whose own start-up would be
/// counted too), times it on the monotonic clock and reports the command's own `wait4`
/// resource usage, uninflated by genpeer-bench's memory (see that program's comment).
public struct ProcessRunner: Sendable {
    /// The `genpeer-bench-spawn` executable.
    public var spawnHelper: String
    /// The longest a run may take; `nil` for no limit.
    public var timeoutSeconds: Double?
    /// Where the helper's report and messages are written.
    public var scratchDirectory: String

    /// Creates a runner.
    public init(spawnHelper: String, timeoutSeconds: Double?, scratchDirectory: String) {
        self.spawnHelper = spawnHelper
        self.timeoutSeconds = timeoutSeconds
        self.scratchDirectory = scratchDirectory
    }

    /// Runs `invocation` to its end.
    public func run(_ invocation: Invocation) throws(BenchError) -> RunSample {
        let report = scratchDirectory + "/spawn-report.txt"
        let messages = scratchDirectory + "/spawn-messages.txt"
        let helperArguments = [
            timeoutSeconds.map { String($0) } ?? "0", invocation.standardOutput, invocation.standardError, invocation.executable,
        ] + invocation.arguments
        let helperStatus = try Self.spawnAndWait(spawnHelper, helperArguments, standardOutput: report, standardError: messages)
        let reportLine = FileTree().tail(of: report)
        guard helperStatus.isSuccess, let sample = RunSample(spawnReport: reportLine) else {
            let reason = [FileTree().tail(of: messages), "\(helperStatus)"].filter { !$0.isEmpty }.joined(separator: ": ")
            throw BenchError.cannotStart(executable: invocation.executable, reason: "\(spawnHelper) failed: \(reason)")
        }
        return sample
    }

    /// Starts `executable` with `posix_spawn` and waits for it.
    private static func spawnAndWait(
        _ executable: String, _ arguments: [String], standardOutput: String, standardError: String
    ) throws(BenchError) -> Termination {
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        posix_spawn_file_actions_addopen(&fileActions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&fileActions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&fileActions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }

        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &fileActions, nil, argv, environ)
        guard result == 0 else {
            throw BenchError.cannotStart(executable: executable, reason: String(cString: strerror(result)))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return Termination(waitStatus: status)
    }
}
