import BackPlanCore
import Foundation
import Testing

@testable import BackPlanPublish

/// plan.md and plan.html for three contrasting people, byte for byte.
///
/// `BACKPLAN_UPDATE_GOLDEN=1 swift test` rewrites the files and still records an issue,
/// so a refresh never passes unnoticed.
@Suite("Plan golden files")
struct PlanGoldenTests {
    static let people: [(String, String)] = [
        ("office-worker", """
            name: Office Worker
            days: [tue, thu]
            minutes: 20
            areas: [neck, upper-back, lower-back]
            equipment: [chair]
            floor: false
            """),
        ("gym-user", """
            name: Gym User
            weeks: 3
            days_per_week: 4
            minutes: 45
            areas: [shoulders, upper-back, mid-back]
            equipment: [resistance-band, dumbbells, foam-roller]
            level: intermediate
            """),
        ("moderate-pain", """
            name: Zoë Müller
            weeks: 2
            minutes: 15
            areas: [neck, shoulders]
            equipment: []
            pain: moderate
            """),
    ]

    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test("rendered plan matches its golden file", arguments: people)
    func golden(name: String, yaml: String) throws {
        let person = try Preferences(yaml: yaml, file: "\(name).yaml")
        var settings = PlanSettings(today: CivilDate(iso: "2026-11-25")!)
        settings.formats = [.md, .html]
        settings.seed = 7
        let files = try PlanPublisher(inputs: try Inputs.load(catalogPath: nil, templatesPath: nil)).files(for: person, settings: settings)
        for file in files {
            try Golden.compare(file.data, with: Self.goldenFolder.appendingPathComponent("\(name).\(file.path)"))
        }
    }
}

/// Byte-for-byte comparison with a file in `Golden/`.
enum Golden {
    static func compare(_ data: Data, with url: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if ProcessInfo.processInfo.environment["BACKPLAN_UPDATE_GOLDEN"] == "1" {
            try data.write(to: url, options: .atomic)
            Issue.record("rewrote \(url.lastPathComponent); unset BACKPLAN_UPDATE_GOLDEN and run again", sourceLocation: sourceLocation)
            return
        }
        let expected = try #require(FileManager.default.contents(atPath: url.path),
                                    "no golden file \(url.lastPathComponent); run with BACKPLAN_UPDATE_GOLDEN=1 to record it",
                                    sourceLocation: sourceLocation)
        if data != expected {
            let got = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let want = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let line = Array(zip(got, want)).firstIndex { $0.0 != $0.1 } ?? min(got.count, want.count)
            Issue.record("""
                \(url.lastPathComponent) differs at line \(line + 1):
                  expected: \(line < want.count ? String(want[line]) : "<end of file>")
                  got:      \(line < got.count ? String(got[line]) : "<end of file>")
                """, sourceLocation: sourceLocation)
        }
    }
}
