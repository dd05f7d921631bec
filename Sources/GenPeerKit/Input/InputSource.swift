import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where one input document comes from. A run reads its inputs one at a time, each as a stream
/// of chunks, so a document of any size is never held whole in memory.
public enum InputSource: Sendable, Equatable {
    /// A file, named as the user named it.
    case file(String)
    /// Standard input, named `-`.
    case standardInput
    /// Bytes already in memory, with the name diagnostics call them by.
    case bytes(name: String, Data)

    /// The name diagnostics use for this input.
    public var name: String {
        switch self {
        case .file(let path): return path
        case .standardInput: return "(standard input)"
        case .bytes(let name, _): return name
        }
    }
}

/// The bytes of one input, read in chunks. Bytes looked at to detect the format stay pending
/// and are handed out again by the first ``nextChunk()``.
final class ChunkedInput {
    static let chunkSize = 1 << 16
    /// Blank bytes genpeer skips before deciding a document's format, at most.
    private static let maximumLeadingBlanks = 1 << 20

    let name: String
    private var descriptor: Int32?
    private var remainingData: Data?
    private var pending: [UInt8] = []

    init(_ source: InputSource) throws {
        name = source.name
        switch source {
        case .bytes(_, let data):
            remainingData = data
        case .standardInput:
            descriptor = STDIN_FILENO
        case .file(let path):
            let opened = open(path, O_RDONLY | O_CLOEXEC)
            guard opened >= 0 else {
                let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
                throw GenPeerError(.noInput, reason, at: SourceLocation(file: path))
            }
            var status = stat()
            if fstat(opened, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
                close(opened)
                throw GenPeerError(.noInput, "is a directory", at: SourceLocation(file: path))
            }
            descriptor = opened
        }
    }

    deinit {
        if let descriptor, descriptor != STDIN_FILENO { close(descriptor) }
    }

    /// The next bytes of the input; empty at the end.
    func nextChunk() throws -> [UInt8] {
        if !pending.isEmpty {
            defer { pending = [] }
            return pending
        }
        if let data = remainingData {
            remainingData = nil
            return [UInt8](data)
        }
        guard let descriptor else { return [] }
        var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count >= 0 {
                chunk.removeSubrange(count...)
                return chunk
            }
            if errno != EINTR {
                throw GenPeerError(.noInput, "cannot be read: \(String(cString: strerror(errno)))", at: SourceLocation(file: name))
            }
        }
    }

    /// The format of the document, from its first non-blank byte (after a UTF-8 byte-order
    /// mark). The bytes looked at are not consumed.
    func detectFormat() throws -> InputFormat {
        var looked: [UInt8] = []
        while true {
            let chunk = try nextChunk()
            looked += chunk
            if chunk.isEmpty || InputFormat.firstContentByte(looked) != nil || looked.count > Self.maximumLeadingBlanks { break }
        }
        pending = looked
        if let format = InputFormat.detect(looked) { return format }
        let location = SourceLocation(file: name)
        if looked.starts(with: [0xFE, 0xFF]) || looked.starts(with: [0xFF, 0xFE]) {
            throw GenPeerError(.data, "the input is UTF-16; genpeer reads UTF-8 (convert it with iconv -f UTF-16 -t UTF-8)", at: location)
        }
        let what = InputFormat.firstContentByte(looked) == nil ? "the input is empty" : "the input is neither JSON nor XML"
        throw GenPeerError(.data, "\(what) (expected a document starting with { or <; --input-format forces one)", at: location)
    }
}
