import BackPlanCore
import BackPlanRender
import Foundation

/// The catalog and templates a command works with, read once from disk or taken from the binary.
public struct Inputs: Sendable {
    public let catalog: Catalog
    let templates: TemplateSet
    /// A hash of the catalog's text and every template, part of every plan id; worked out once.
    let fingerprint: String

    init(catalog: Catalog, catalogText: String, templates: TemplateSet) {
        self.catalog = catalog
        self.templates = templates
        fingerprint = Self.fingerprint(catalogText: catalogText, templates: templates)
    }

    /// The hash of a catalog's text and every template: `fingerprint` of inputs made from them.
    static func fingerprint(catalogText: String, templates: TemplateSet) -> String {
        var hash = Fingerprint(catalogText)
        for (name, text) in templates.sources.sorted(by: { $0.key < $1.key }) {
            hash.combine(name)
            hash.combine(text)
        }
        return hash.hex()
    }

    /// The `fingerprint` `load(catalogPath:templatesPath:)` would give, from the files' text alone:
    /// the catalog is read but not parsed, so a caller can tell that nothing changed for a fraction of the cost.
    public static func fingerprint(catalogPath: String?, templatesPath: String?) throws -> String {
        let text = try catalogPath.map { path throws(PublishError) in try readText(path, limit: catalogLimit) } ?? Catalog.builtInYAML
        return fingerprint(catalogText: text, templates: try templateSet(from: templatesPath))
    }

    /// Loads `--catalog FILE` (or the built-in catalog) and `--templates DIR` (over the defaults).
    ///
    /// The templates are read, and those named in `preparing` compiled, on
    /// another thread while the catalog is parsed: the two are most of a
    /// command's start-up, and the first plan would otherwise wait for the
    /// compiling. A broken catalog is still reported before a broken template.
    ///
    /// - Throws: `InputError`, `TemplateError` or `PublishError` naming the file at fault.
    public static func load(catalogPath: String?, templatesPath: String?, preparing names: [String] = []) throws -> Inputs {
        // A thread of its own, not a pool's: the caller may itself run on a pool thread, blocked below until this ends.
        let templates = BlockingWork.start("backplan.templates") {
            Result { () throws -> TemplateSet in
                let set = try templateSet(from: templatesPath)
                set.prepare(names)
                return set
            }
        }
        // Also when the catalog throws, so the thread's work never outlives the call.
        defer { _ = templates.value }
        let catalog: Catalog
        let text: String
        if let catalogPath {
            text = try readText(catalogPath, limit: catalogLimit)
            catalog = try Catalog(yaml: text, file: catalogPath)
        } else {
            text = Catalog.builtInYAML
            catalog = Catalog.builtIn
        }
        return Inputs(catalog: catalog, catalogText: text, templates: try templates.value.get())
    }

    // MARK: - Reading input files

    /// The largest preferences file, brand file, template or logo read (1 MB).
    public static let smallFileLimit = 1 << 20
    /// The largest catalog read (16 MB).
    public static let catalogLimit = 16 << 20
    /// The largest YAML roster read; it is parsed whole (64 MB). CSV rosters are streamed and have no limit.
    public static let yamlRosterLimit = 64 << 20
    /// A session log (`plan --after`, `progress`): a row a session, at most a few hundred rows.
    public static let logLimit = 16 << 20

    /// Reads a whole UTF-8 text file of at most `limit` bytes.
    public static func readText(_ path: String, limit: Int) throws(PublishError) -> String {
        guard let text = String(data: try readData(path, limit: limit), encoding: .utf8) else { throw PublishError(path: path, problem: .notUTF8) }
        return text
    }

    /// Reads a whole regular file of at most `limit` bytes, with a message that says whether it is missing, a folder, unreadable or too large.
    ///
    /// The size and type are checked with `stat` before anything is read, so a
    /// 3 GB file is refused without reading it, and a FIFO or device (which
    /// would block or never end) is refused without opening it; the open file
    /// is checked again and read no further than `limit`, in case it changed.
    public static func readData(_ path: String, limit: Int) throws(PublishError) -> Data {
        var status = stat()
        guard stat(path, &status) == 0 else { throw PublishError(path: path, problem: .cannotRead(reason(errno))) }
        try check(status, path: path, limit: limit)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw PublishError(path: path, problem: .cannotRead(reason(errno))) }
        defer { close(descriptor) }
        guard fstat(descriptor, &status) == 0 else { throw PublishError(path: path, problem: .cannotRead(reason(errno))) }
        try check(status, path: path, limit: limit)
        var data = Data(count: Int(status.st_size) + 1)
        var count = 0
        while true {
            if count == data.count {
                guard count <= limit else { throw tooLarge(path, size: count, limit: limit) }
                data.count = min(count * 2 + 4096, limit + 1)
            }
            let read = data.withUnsafeMutableBytes { buffer in Foundation.read(descriptor, buffer.baseAddress! + count, buffer.count - count) }
            if read < 0 {
                if errno == EINTR { continue }
                throw PublishError(path: path, problem: .cannotRead(reason(errno)))
            }
            if read == 0 { break }
            count += read
        }
        guard count <= limit else { throw tooLarge(path, size: count, limit: limit) }
        data.count = count
        return data
    }

    /// Refuses a path that is missing or is not a regular file (a folder, FIFO, device), for files read as a stream.
    static func requireRegularFile(_ path: String) throws(PublishError) {
        var status = stat()
        guard stat(path, &status) == 0 else { throw PublishError(path: path, problem: .cannotRead(reason(errno))) }
        try check(status, path: path, limit: Int.max)
    }

    private static func check(_ status: stat, path: String, limit: Int) throws(PublishError) {
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw PublishError(path: path, problem: .cannotRead("it is a folder, not a file"))
        default: throw PublishError(path: path, problem: .cannotRead("it is not a regular file (a FIFO, device or socket)"))
        }
        if Int(status.st_size) > limit { throw tooLarge(path, size: Int(status.st_size), limit: limit) }
    }

    private static func tooLarge(_ path: String, size: Int, limit: Int) -> PublishError {
        PublishError(path: path, problem: .cannotRead("it is \(byteText(size)), more than the limit of \(byteText(limit)) for this kind of file"))
    }

    /// "3.2 MB", "812 kB", "27 bytes".
    static func byteText(_ count: Int) -> String {
        if count >= 1 << 20 { return String(format: "%.1f MB", Double(count) / Double(1 << 20)) }
        if count >= 1 << 10 { return "\(count >> 10) kB" }
        return "\(count) bytes"
    }

    private static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES, EPERM: "permission denied"
        case ENOTDIR: "a part of the path is not a folder"
        default: String(cString: strerror(code))
        }
    }

    /// The default templates with every `*.mustache` file of `path` replacing the one of the same name.
    static func templateSet(from path: String?) throws -> TemplateSet {
        guard let path else { return try TemplateSet() }
        let folder = URL(fileURLWithPath: path, isDirectory: true)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PublishError(path: path, problem: .cannotRead("no such folder"))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }.sorted()
        let known = Set(TemplateSet.defaults.keys)
        var overrides: [String: (text: String, path: String)] = [:]
        for name in names {
            let filePath = folder.appendingPathComponent(name).path
            guard known.contains(name) else {
                let suggestion = Suggestion.closest(to: name, in: Array(known)).map { " (did you mean '\($0)'?)" } ?? ""
                throw PublishError(path: filePath, problem: .invalid("not a BackPlan template name\(suggestion); templates are: \(known.sorted().joined(separator: ", "))"))
            }
            overrides[name] = (try readText(filePath, limit: smallFileLimit), filePath)
        }
        return try TemplateSet(overrides: overrides, modelRoots: PlanRenderer.templateNames(html: true))
    }
}
