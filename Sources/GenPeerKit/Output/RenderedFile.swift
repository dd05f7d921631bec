/// One output file, with its path relative to the output folder (laid out as under /etc).
public struct RenderedFile: Sendable, Equatable {
    public var path: String
    public var contents: String
    public var mode: FileMode

    /// The file holds a secret: written mode 0600.
    public var holdsSecrets: Bool { mode == .secret }

    public init(path: String, contents: String, mode: FileMode) {
        self.path = path
        self.contents = contents
        self.mode = mode
    }
}

/// How a file is written: its mode below the output folder.
public enum FileMode: Sendable, Equatable {
    /// 0644.
    case regular
    /// 0600: it holds a secret.
    case secret
    /// 0755: a script the host runs.
    case executable

    public var permissions: UInt16 {
        switch self {
        case .regular: return 0o644
        case .secret: return 0o600
        case .executable: return 0o755
        }
    }
}
