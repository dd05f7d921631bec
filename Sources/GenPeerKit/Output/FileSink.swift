/// Where a run's files go while they are rendered. Nothing a sink receives is visible until
/// ``commit()``; ``discard()`` leaves no trace of the run. Files are begun in the order the run
/// first writes them; text is appended to begun files; a file is ended once.
public protocol FileSink {
    mutating func begin(_ path: String, mode: FileMode, shared: Bool) throws
    mutating func append(_ text: String, to path: String) throws
    mutating func end(_ path: String) throws
    /// Makes every file of the run visible at once.
    mutating func commit() throws
    /// Forgets every file of the run.
    mutating func discard()
}

/// Keeps a run's files in memory, in the order ``StandardOutputSink`` prints them: shared
/// files first, then each connection's own files.
public struct MemorySink: FileSink {
    private var shared: [RenderedFile] = []
    private var own: [RenderedFile] = []
    private var indexByPath: [String: (shared: Bool, index: Int)] = [:]

    public init() {}

    /// The files, once committed.
    public private(set) var files: [RenderedFile] = []

    public mutating func begin(_ path: String, mode: FileMode, shared isShared: Bool) throws {
        let file = RenderedFile(path: path, contents: "", mode: mode)
        if isShared {
            indexByPath[path] = (true, shared.count)
            shared.append(file)
        } else {
            indexByPath[path] = (false, own.count)
            own.append(file)
        }
    }

    public mutating func append(_ text: String, to path: String) throws {
        guard let (isShared, index) = indexByPath[path] else { return }
        if isShared { shared[index].contents += text } else { own[index].contents += text }
    }

    public mutating func end(_ path: String) throws {}

    public mutating func commit() throws {
        files = shared + own
    }

    public mutating func discard() {
        shared = []
        own = []
        files = []
    }
}
