import Foundation

/// The folder operations the benchmark does around (never inside) a timed run.
public struct FileTree: Sendable {
    /// Creates the helper.
    public init() {}

    /// Makes `path` an empty folder, removing whatever was there.
    public func makeEmptyDirectory(_ path: String) throws(BenchError) {
        try remove(path)
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw BenchError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }

    /// Removes `path` and everything below it; nothing when it does not exist.
    public func remove(_ path: String) throws(BenchError) {
        guard FileManager.default.fileExists(atPath: path) else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw BenchError.cannotRead(path: path, reason: "cannot remove: \(error.localizedDescription)")
        }
    }

    /// The paths of the regular files below `root`, relative to it and sorted.
    public func files(below root: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if enumerator.fileAttributes?[.type] as? FileAttributeType == .typeRegular {
                files.append(relative)
            }
        }
        return files.sorted()
    }

    /// The relative paths whose contents differ between two trees, including files only one has.
    public func differences(between left: String, and right: String) -> [String] {
        let leftFiles = files(below: left)
        let rightFiles = files(below: right)
        let onlyOnOneSide = Set(leftFiles).symmetricDifference(rightFiles)
        let changed = Set(leftFiles).intersection(rightFiles).filter { relative in
            !FileManager.default.contentsEqual(atPath: left + "/" + relative, andPath: right + "/" + relative)
        }
        return onlyOnOneSide.union(changed).sorted()
    }

    /// The last `limit` bytes of a text file, trimmed; empty when it cannot be read.
    public func tail(of path: String, limit: Int = 600) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        return String(decoding: data.suffix(limit), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
