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
