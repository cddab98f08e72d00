import BackPlanCore
import BackPlanRender
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
        // Loaded as `plan` and `batch` load: the plan templates compiled while the catalog is read.
        let inputs = try Inputs.load(catalogPath: nil, templatesPath: nil, preparing: OutputFormat.templates(for: settings.formats))
        let files = try PlanPublisher(inputs: inputs).files(for: person, settings: settings)
        for file in files {
            try Golden.compare(file.data, with: Self.goldenFolder.appendingPathComponent("\(name).\(file.path)"))
        }
    }
}

extension PlanGoldenTests {
    /// Every field templates can read, including those the built-in templates leave out, frozen per person.
    @Test("the template context of a plan matches its golden file", arguments: people)
    func context(name: String, yaml: String) throws {
        let person = try Preferences(yaml: yaml, file: "\(name).yaml")
        let inputs = try Inputs.load(catalogPath: nil, templatesPath: nil)
        let plan = Planner(catalog: inputs.catalog).plan(for: person, start: CivilDate(iso: "2026-11-30")!, seed: 7)
        var brand = Brand(name: "Praxis Übel")
        brand.phone = "+49 30 1234"
        let context = planContext(plan: plan, catalog: inputs.catalog, look: PlanLook(planID: "0123abcd", paper: .a4, brand: brand))
        let text = Self.dump(TemplateValue.object(context).mustacheValue) + "\n"
        try Golden.compare(Data(text.utf8), with: Self.goldenFolder.appendingPathComponent("\(name).context.txt"))
    }

    /// A swift-mustache context as indented text, keys sorted: stable from run to run.
    static func dump(_ value: Any, indent: String = "") -> String {
        switch value {
        case let text as String: return "\"" + text.replacingOccurrences(of: "\n", with: "\\n") + "\""
        case let number as Int: return String(number)
        case let flag as Bool: return String(flag)
        case let items as [Any]:
            guard !items.isEmpty else { return "[]" }
            return "[\n" + items.map { indent + "  " + dump($0, indent: indent + "  ") }.joined(separator: "\n") + "\n" + indent + "]"
        case let fields as [String: Any]:
            return "{\n" + fields.keys.sorted().map { indent + "  " + $0 + ": " + dump(fields[$0]!, indent: indent + "  ") }
                .joined(separator: "\n") + "\n" + indent + "}"
        default:
            return "?\(type(of: value))"
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
