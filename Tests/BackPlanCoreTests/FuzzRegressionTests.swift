import Foundation
import Testing

@testable import BackPlanCore

/// Inputs that crashed or hung a reader under libFuzzer (`make fuzz`), kept in Tests/Fuzz/regressions/<target>/:
/// each must now end in a value or an error, quickly.
@Suite("Fuzzing regressions")
struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/regressions")

    /// `target/file` for every kept input of `targets`.
    static func inputs(_ targets: [String]) -> [String] {
        targets.flatMap { target in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(target).path)) ?? []).sorted().map { "\(target)/\($0)" }
        }
    }

    @Test("a kept input reads to a value or an error within 10 s", arguments: inputs(["preferences", "catalog"]))
    func reads(input: String) throws {
        let text = String(decoding: try Data(contentsOf: Self.folder.appendingPathComponent(input)), as: UTF8.self)
        let isCatalog = input.hasPrefix("catalog/")
        _ = YAMLAliasTests.within(10) {
            if isCatalog {
                _ = try Catalog(yaml: text, file: "catalog.yaml")
            } else {
                _ = try Preferences(yaml: text, file: "prefs.yaml")
            }
        }
    }

    @Test("the inputs kept are found")
    func found() {
        #expect(!Self.inputs(["preferences"]).isEmpty)
    }
}
