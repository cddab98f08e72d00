import Foundation
import Testing

/// Runs the built `backplan` binary the way a user would, in a scratch folder outside the repository.
struct Backplan {
    typealias Result = ChildProcess.Result

    /// The package root, found from this file.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `backplan` built beside this test program (`swift build --build-tests` builds both), else the ordinary
    /// debug or release build.
    ///
    /// Beside the test program first, so the suite built with a sanitizer (`--sanitize=address --scratch-path .build-asan`)
    /// runs the end-to-end tests on the sanitized `backplan` of that build, not on the ordinary one.
    static let binary: URL = {
        let testProgram = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let candidates = [testProgram.deletingLastPathComponent().appendingPathComponent("backplan")]
            + [".build/debug/backplan", ".build/release/backplan"].map { packageRoot.appendingPathComponent($0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
    }()

    /// The sanitizers' settings of the test run (`ASAN_OPTIONS`, `TSAN_OPTIONS`...), passed on to every `backplan` it
    /// starts: a sanitized `backplan` then reports where the run asked (`log_path`), with the run's leak setting.
    static let sanitizerEnvironment: [String: String] = ProcessInfo.processInfo.environment.filter { name, _ in
        ["ASAN_OPTIONS", "TSAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"].contains(name)
    }

    /// The `SOURCE_DATE_EPOCH` every run gets unless a test unsets it: 2026-11-27T09:15:07Z.
    static let sourceDateEpoch = "1795770907"

    /// Runs `backplan arguments...` in `directory` with `stdin` as standard input; `unsetting` removes variables of the default environment.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL, stdin: String? = nil, environment: [String: String] = [:],
                    unsetting: [String] = []) throws -> Result {
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": directory.path, "LANG": "C.UTF-8", "TZ": "UTC", "BACKPLAN_TODAY": "2026-03-01",
                   "SOURCE_DATE_EPOCH": sourceDateEpoch]
        env.merge(sanitizerEnvironment) { $1 }
        env.merge(environment) { $1 }
        for name in unsetting { env[name] = nil }
        return try ChildProcess.run(binary, arguments, in: directory, stdin: stdin, environment: env)
    }
}

/// A fresh temporary folder, removed when the value goes away.
final class ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("backplan-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `name` inside the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file
    }

    func read(_ name: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
    }

    func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path)
    }

    /// Every file below the folder, relative paths, sorted.
    func files() -> [String] {
        let base = url.resolvingSymlinksInPath().path
        let enumerator = FileManager.default.enumerator(atPath: base)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(path)
            }
        }
        return found.sorted()
    }
}

/// Whether a command-line tool is on the PATH (tests that need one skip without it).
func toolExists(_ name: String) -> Bool {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    return paths.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
}
