import Foundation
import Testing

@testable import BackPlanCore

/// Aliases cannot make a small YAML file cost billions of nodes, in any reader.
@Suite("YAML alias limits")
struct YAMLAliasTests {
    /// Nine aliases of nine aliases of ..., `levels` deep, under `prefix` keys; 432 bytes at 8 levels.
    static func bomb(prefix: String = "", levels: Int = 8, keyAlias: Bool) -> String {
        var lines = ["\(prefix)a: &a [x, x, x, x, x, x, x, x, x]"]
        var previous = "a"
        for index in 1..<levels {
            let name = String(UnicodeScalar(UInt8(ascii: "a") + UInt8(index)))
            lines.append("\(prefix)\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
            previous = name
        }
        if keyAlias { lines.append("? *\(previous)\n: 1") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs `body` on a thread of its own and gives its error, or fails the test after `seconds` instead of hanging.
    static func within(_ seconds: Double, _ body: @escaping @Sendable () throws -> Void) -> (any Error)? {
        final class Box: @unchecked Sendable { var error: (any Error)? }  // written before `done` is signalled, read after
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        Thread {
            do { try body() } catch { box.error = error }
            done.signal()
        }.start()
        guard done.wait(timeout: .now() + seconds) == .success else {
            Issue.record("took more than \(seconds) s")
            return nil
        }
        return box.error
    }

    static let readers: [(name: String, read: @Sendable (String) throws -> Void)] = [
        ("preferences", { _ = try Preferences(yaml: $0, file: "prefs.yaml") }),
        ("roster", { _ = try Roster.items(yaml: "- name: A\n  " + $0.replacingOccurrences(of: "\n", with: "\n  "), file: "roster.yaml") }),
        ("catalog", { _ = try Catalog(yaml: $0, file: "catalog.yaml") }),
    ]

    @Test("an alias used as a key is refused at once", arguments: readers.indices)
    func aliasKey(reader: Int) {
        let error = Self.within(10) { try Self.readers[reader].read(Self.bomb(prefix: "x-", levels: 3, keyAlias: true)) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("the alias *c is used as a key"), "\(String(describing: error))")
    }

    @Test("aliases that expand past the file's own size are refused at once", arguments: readers.indices)
    func aliasBomb(reader: Int) {
        #expect(Self.bomb(keyAlias: true).utf8.count < 450)
        let error = Self.within(10) { try Self.readers[reader].read(Self.bomb(prefix: "x-", keyAlias: false)) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("aliases here expand to more than 10000 nodes"), "\(String(describing: error))")
    }

    @Test("a few small aliases still read")
    func smallAliases() throws {
        let preferences = try Preferences(yaml: "name: &n Zoe\nareas: &a [neck]\nequipment: []\n", file: "prefs.yaml")
        #expect(preferences.name == "Zoe")
        let items = try Roster.items(yaml: "- &one {name: A, areas: [neck]}\n- {name: B, areas: [neck]}\n- *one\n", file: "roster.yaml")
        #expect(items.count == 3)
    }

    /// A bomb's anchors, then `tail`: every way an alias can end up in a key.
    static func withBomb(_ tail: String) -> String { bomb(prefix: "x-", levels: 8, keyAlias: false) + tail }

    @Test("an alias in a key is refused before composing, however the key is written", arguments: [
        "*h: 1\n", "*h : 1\n", "- *h: 1\n", "[*h]: 1\n", "[x, *h]: 1\n", "{*h: 1}\n", "z: {*h: 1}\n",
        "z: {y: 2, *h: 1}\n", "z: { *h\n  : 1 }\n", "? *h\n: 1\n", "? [*h]\n: 1\n", "? - *h\n: 1\n", "? &k *h\n: 1\n",
        "z: [{x: *h}]: 1\n",
    ])
    func keyForms(tail: String) {
        let error = Self.within(10) { _ = try Preferences(yaml: Self.withBomb(tail), file: "prefs.yaml") }
        let text = "\(error.map { "\($0)" } ?? "")"
        #expect(text.contains("is used as a key") || text.contains("write keys out as plain words"), "\(text)")
    }

    @Test("aliases as values, and stars that are not aliases, are not taken for keys", arguments: [
        "x: *a\n", "x: [*a, y]\n", "x: {y: *a, z: 1}\n", "x: [[*a], [b: 1]]\n", "x: {y: [*a], z: 1}\n",
        "x: *a # a: comment\n", "x: 'not *an: alias'\n", "x: \"*a: 1\"\n", "x: |\n  *a: 1\n  b\ny: 1\n",
        "- notes: |\n    *bold*: text\n  y: 1\n", "x: a *b: c\n", "x: plain * star\n", "# *a: 1\n",
    ])
    func notKeys(text: String) {
        #expect(YAMLAliasCheck.keyProblem(in: text) == nil, "\(text)")
    }

    @Test("a bomb composes only once within the limit: the walk does not enter aliases")
    func walkIsLinear() throws {
        // Ten levels of nine: 3.9 billion nodes, were the walk to expand them.
        let text = Self.bomb(prefix: "x-", levels: 10, keyAlias: false)
        let error = Self.within(10) { _ = try Catalog(yaml: text, file: "catalog.yaml") }
        #expect("\(error.map { "\($0)" } ?? "")".contains("aliases here expand to more than 10000 nodes"))
    }

    @Test("the check uses Yams' public API only: libyaml's module is imported nowhere")
    func publicAPIOnly() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("import CYaml"), "\(file)")
        }
    }
}
