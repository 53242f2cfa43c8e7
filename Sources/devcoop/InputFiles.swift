import Foundation

/// The files a command works on: each path as given, folders searched recursively for `.xml` files
/// (and `.xml.gz`, which the readers inflate).
///
/// Symbolic links are followed, to folders as to files, on the command line and inside folders
/// (`FileManager`'s enumerator does not follow them, so a linked folder looked empty). Each folder
/// is searched once, known by its device and inode: a link back up the tree, or two links to one
/// folder, cannot make the search loop or a file count twice. Paths keep the names the user gave.
enum InputFiles {
    static func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        var searched: Set<FileIdentity> = []
        for path in paths {
            guard let identity = FileIdentity(path) else {
                throw UsageError(description: "no such file or folder: \(path)")
            }
            guard identity.isFolder else {
                files.append(path)
                continue
            }
            var found: [String] = []
            search(path, relative: "", identity: identity, searched: &searched, into: &found)
            files += found.sorted().map { (path as NSString).appendingPathComponent($0) }
        }
        return files
    }

    /// Adds the `.xml` and `.xml.gz` files under `folder` to `found`, as paths relative to the folder given.
    private static func search(
        _ folder: String, relative: String, identity: FileIdentity, searched: inout Set<FileIdentity>, into found: inout [String]
    ) {
        guard searched.insert(identity).inserted else { return }
        // A folder that cannot be listed (no permission) is skipped, as the enumerator did.
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            let entry = relative.isEmpty ? name : (relative as NSString).appendingPathComponent(name)
            // A broken link, or an entry gone since the listing, is no input.
            guard let child = FileIdentity((folder as NSString).appendingPathComponent(name)) else { continue }
            if child.isFolder {
                search((folder as NSString).appendingPathComponent(name), relative: entry, identity: child, searched: &searched, into: &found)
            } else if name.lowercased().hasSuffix(".xml") || name.lowercased().hasSuffix(".xml.gz") {
                found.append(entry)
            }
        }
    }
}

/// A file or folder as `stat` sees it through any symbolic links: what it is, and which it is.
private struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64
    var isFolder: Bool

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        isFolder = (info.st_mode & S_IFMT) == S_IFDIR
    }
}
