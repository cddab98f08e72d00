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
        var hash = Fingerprint(catalogText)
        for (name, text) in templates.sources.sorted(by: { $0.key < $1.key }) {
            hash.combine(name)
            hash.combine(text)
        }
        fingerprint = hash.hex()
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
        // Written by the thread below and read only after `done.wait()`, which orders the two.
        nonisolated(unsafe) var templates: Result<TemplateSet, any Error>!
        let done = DispatchGroup()
        done.enter()
        // A thread of its own, not a pool's: the caller may itself run on a pool thread, blocked below until this ends.
        Thread {
            templates = Result {
                let set = try templateSet(from: templatesPath)
                set.prepare(names)
                return set
            }
            done.leave()
        }.start()
        // Also when the catalog throws, so the thread's work never outlives the call.
        defer { done.wait() }
        let catalog: Catalog
        let text: String
        if let catalogPath {
            text = try readText(catalogPath)
            catalog = try Catalog(yaml: text, file: catalogPath)
        } else {
            text = Catalog.builtInYAML
            catalog = Catalog.builtIn
        }
        done.wait()
        return Inputs(catalog: catalog, catalogText: text, templates: try templates.get())
    }

    /// Reads a whole UTF-8 text file.
    public static func readText(_ path: String) throws(PublishError) -> String {
        guard let text = String(data: try readData(path), encoding: .utf8) else { throw PublishError(path: path, problem: .notUTF8) }
        return text
    }

    /// Reads a whole file, with a message that says whether it is missing, a folder or unreadable.
    public static func readData(_ path: String) throws(PublishError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PublishError(path: path, problem: .cannotRead("no such file"))
        }
        if isDirectory.boolValue { throw PublishError(path: path, problem: .cannotRead("it is a folder, not a file")) }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw PublishError(path: path, problem: .cannotRead(AtomicFile.reason(error)))
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
            overrides[name] = (try readText(filePath), filePath)
        }
        return try TemplateSet(overrides: overrides, modelRoots: PlanRenderer.templateNames(html: true))
    }
}
