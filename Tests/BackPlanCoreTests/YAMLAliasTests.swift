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
}
