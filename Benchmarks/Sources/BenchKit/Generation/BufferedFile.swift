import Glibc

/// A file opened for writing through stdio's buffer, so a document of hundreds of megabytes
/// is written in large blocks without being held in memory.
final class BufferedFile {
    private let stream: UnsafeMutablePointer<FILE>
    private let path: String
    private(set) var byteCount = 0

    /// Creates (or truncates) the file at `path`.
    init(creating path: String) throws(BenchError) {
        guard let stream = fopen(path, "w") else {
            throw BenchError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        setvbuf(stream, nil, _IOFBF, 1 << 20)
        self.stream = stream
        self.path = path
    }

    deinit {
        fclose(stream)
    }

    /// Appends the UTF-8 bytes of `text`.
    func write(_ text: String) throws(BenchError) {
        var text = text
        let written = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, stream) }
        byteCount += written
        if written != text.utf8.count {
            throw BenchError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Flushes the buffer; a failure here (a full disk) is reported rather than lost in `deinit`.
    func finish() throws(BenchError) {
        if fflush(stream) != 0 {
            throw BenchError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
