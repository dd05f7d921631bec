import CSystem
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes a run's files below a folder laid out like /etc, all or nothing.
///
/// Each file is written to a temporary name beside its destination, created with its final
/// mode (0600 for secrets, never wider first), and only ``commit()`` renames them all into
/// place, after one `syncfs`. ``discard()`` removes the temporary files and any folder the run
/// created. Below the output folder nothing is followed: a folder or file on the way that is a
/// symbolic link is refused, so a run never writes outside the folder. An existing file is
/// replaced only with `force`.
public struct DirectorySink: FileSink {
    private struct Staged {
        var folder: Int32
        var temporaryName: String
        var name: String
        var relativePath: String
    }

    private struct OpenFile {
        var descriptor: Int32
        var staged: Staged
        var buffer: [UInt8] = []
    }

    private let root: Int32
    private let rootPath: String
    private let force: Bool
    private var folders: [String: Int32] = [:]
    private var createdFolders: [(parent: Int32, name: String)] = []
    /// The output folder and its parents that the run created, innermost first.
    private let createdOutputFolders: [String]
    private var open: [String: OpenFile] = [:]
    private var staged: [Staged] = []
    private var attempt = 0
    private let processID = getpid()

    /// Opens (creating it when missing) the output folder `directory`, which may itself be a
    /// symbolic link the user named.
    public init(directory: String, force: Bool) throws {
        rootPath = directory
        self.force = force
        createdOutputFolders = Self.missingFolders(directory)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        } catch {
            throw GenPeerError(.cannotCreate, "cannot create the output folder \(directory): \(error.localizedDescription)")
        }
        root = Glibc.open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else { throw Self.failure("cannot open the output folder \(directory)") }
        folders[""] = root
    }

    public mutating func begin(_ path: String, mode: FileMode, shared: Bool) throws {
        let folderPath = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty, name != ".", name != "..", !folderPath.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else {
            throw GenPeerError(.cannotCreate, "refusing the output path \(path)")
        }
        let folder = try openFolder(folderPath)
        try checkDestination(name, in: folder, relativePath: path)
        let permissions = mode_t(mode.permissions)
        while true {
            let temporaryName = ".\(name).genpeer-\(processID)-\(attempt)"
            attempt += 1
            let descriptor = openat(folder, temporaryName, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, permissions)
            if descriptor < 0 {
                if errno == EEXIST { continue }
                throw Self.failure("cannot create a file in \(display(folderPath))")
            }
            // The umask may have narrowed the mode; the file gets exactly the one asked for.
            guard fchmod(descriptor, permissions) == 0 else {
                close(descriptor)
                unlinkat(folder, temporaryName, 0)
                throw Self.failure("cannot set the mode of \(display(path))")
            }
            open[path] = OpenFile(descriptor: descriptor, staged: Staged(folder: folder, temporaryName: temporaryName, name: name, relativePath: path))
            return
        }
    }

    /// A path below the output folder as the user would type it, for messages.
    private func display(_ relativePath: String) -> String {
        relativePath.isEmpty ? rootPath : (rootPath.hasSuffix("/") ? rootPath : rootPath + "/") + relativePath
    }

    public mutating func append(_ text: String, to path: String) throws {
        guard var file = open.removeValue(forKey: path) else { return }
        file.buffer.append(contentsOf: text.utf8)
        if file.buffer.count >= 1 << 16 {
            try flush(&file)
        }
        open[path] = file
    }

    public mutating func end(_ path: String) throws {
        guard var file = open.removeValue(forKey: path) else { return }
        defer { close(file.descriptor) }
        do {
            try flush(&file)
        } catch {
            unlinkat(file.staged.folder, file.staged.temporaryName, 0)
            throw error
        }
        staged.append(file.staged)
    }

    public mutating func commit() throws {
        for path in open.keys.sorted() { try end(path) }
        guard genpeer_syncfs(root) == 0 else { throw Self.failure("cannot flush the files to disk") }
        for (index, file) in staged.enumerated() {
            let moved = force
                ? renameat(file.folder, file.temporaryName, file.folder, file.name)
                : genpeer_rename_noreplace(file.folder, file.temporaryName, file.folder, file.name)
            if moved != 0 {
                let error = Self.failure("cannot move \(display(file.relativePath)) into place")
                for remaining in staged[index...] { unlinkat(remaining.folder, remaining.temporaryName, 0) }
                staged = []
                throw error
            }
        }
        staged = []
        for folder in Set(folders.values) { fsync(folder) }
        closeFolders()
    }

    public mutating func discard() {
        for file in open.values {
            close(file.descriptor)
            unlinkat(file.staged.folder, file.staged.temporaryName, 0)
        }
        open = [:]
        for file in staged { unlinkat(file.folder, file.temporaryName, 0) }
        staged = []
        for folder in createdFolders.reversed() { unlinkat(folder.parent, folder.name, AT_REMOVEDIR) }
        createdFolders = []
        closeFolders()
        for folder in createdOutputFolders { rmdir(folder) }
    }

    /// The folders of `path` that do not exist yet, innermost first.
    private static func missingFolders(_ path: String) -> [String] {
        let components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let prefixes = components.indices.map { components[...$0].joined(separator: "/") }
        return prefixes.filter { !$0.isEmpty && !FileManager.default.fileExists(atPath: $0) }.reversed()
    }

    private mutating func closeFolders() {
        for folder in Set(folders.values) { close(folder) }
        folders = [:]
    }

    /// The folder below the output folder, opened one component at a time without following
    /// symbolic links, created when missing.
    private mutating func openFolder(_ folderPath: String) throws -> Int32 {
        if let known = folders[folderPath] { return known }
        var parent = root
        var relative = ""
        for component in folderPath.split(separator: "/").map(String.init) {
            relative = relative.isEmpty ? component : "\(relative)/\(component)"
            if let known = folders[relative] {
                parent = known
                continue
            }
            var descriptor = openat(parent, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if descriptor < 0 && errno == ENOENT {
                guard mkdirat(parent, component, 0o755) == 0 else {
                    throw Self.failure("cannot create \(display(relative))")
                }
                createdFolders.append((parent, component))
                descriptor = openat(parent, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            guard descriptor >= 0 else {
                if errno == ELOOP || errno == ENOTDIR {
                    throw GenPeerError(.cannotCreate, "\(display(relative)) is a symbolic link or not a folder; genpeer writes only into real folders below the output folder")
                }
                throw Self.failure("cannot open \(display(relative))")
            }
            folders[relative] = descriptor
            parent = descriptor
        }
        return parent
    }

    private func checkDestination(_ name: String, in folder: Int32, relativePath: String) throws {
        var status = stat()
        guard fstatat(folder, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return }
        switch status.st_mode & S_IFMT {
        case S_IFLNK:
            throw GenPeerError(.cannotCreate, "\(display(relativePath)) is a symbolic link; genpeer does not replace links (remove it first)")
        case S_IFREG:
            if !force { throw GenPeerError(.cannotCreate, "\(display(relativePath)) exists; use --force to replace it") }
        default:
            throw GenPeerError(.cannotCreate, "\(display(relativePath)) exists and is not a regular file")
        }
    }

    private func flush(_ file: inout OpenFile) throws {
        do {
            try Spool.writeAll(file.buffer[...], to: file.descriptor)
        } catch {
            throw Self.failure("cannot write \(display(file.staged.relativePath))")
        }
        file.buffer.removeAll(keepingCapacity: true)
    }

    private static func failure(_ what: String) -> GenPeerError {
        GenPeerError(.cannotCreate, "\(what): \(String(cString: strerror(errno)))")
    }
}
