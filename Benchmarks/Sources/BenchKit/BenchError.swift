/// Everything that stops a benchmark run, with what to do about it.
public enum BenchError: Error, Equatable, CustomStringConvertible {
    /// A file or folder could not be written.
    case cannotWrite(path: String, reason: String)
    /// A file or folder could not be read or removed.
    case cannotRead(path: String, reason: String)
    /// A program could not be started.
    case cannotStart(executable: String, reason: String)
    /// A program or file the run needs cannot be used.
    case unavailable(what: String, hint: String)
    /// A command-line value is not usable.
    case invalidOption(String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .cannotRead(let path, let reason): "cannot read \(path): \(reason)"
        case .cannotStart(let executable, let reason): "cannot start \(executable): \(reason)"
        case .unavailable(let what, let hint): "\(what) cannot be used: \(hint)"
        case .invalidOption(let message): message
        }
    }
}
