import BackPlanCore
import BackPlanRender
import Foundation
import Testing

@testable import BackPlanPublish

/// Loading the catalog and templates, with the plan templates compiled on another thread meanwhile.
@Suite("Inputs")
struct InputsTests {
    @Test("the templates a plan renders follow its formats", arguments: [
        ([OutputFormat.json, .ics], [String]()),
        ([.md], ["plan.md"]),
        ([.md, .ics, .json], ["plan.md"]),
        ([.html], ["plan.md", "plan.html"]),
        ([.pdf, .json], ["plan.md", "plan.html"]),
        (OutputFormat.defaults, ["plan.md", "plan.html"]),
    ])
    func templatesForFormats(formats: [OutputFormat], expected: [String]) {
        #expect(OutputFormat.templates(for: formats) == expected)
    }

    @Test("a broken catalog is reported before a broken template, whatever is being compiled")
    func catalogErrorFirst() throws {
        let folder = try TemporaryFolder()
        let catalog = try folder.write("catalog.yaml", "moves: [\n")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("t"), withIntermediateDirectories: true)
        try folder.write("t/plan.md.mustache", "{{#weeks}}\n")
        let names = OutputFormat.templates(for: OutputFormat.defaults)
        // Many times: the template thread finishing first or last must not change which error wins.
        for _ in 0..<20 {
            #expect {
                _ = try Inputs.load(catalogPath: catalog, templatesPath: folder.path("t"), preparing: names)
            } throws: { error in
                (error as? InputError)?.file == catalog
            }
        }
        #expect {
            _ = try Inputs.load(catalogPath: nil, templatesPath: folder.path("t"), preparing: names)
        } throws: { error in
            guard let error = error as? TemplateError else { return false }
            return error.file == folder.path("t/plan.md.mustache") && error.message.contains("never closed")
        }
    }

    @Test("plan.json and plan.ics alone, rendering no template, are the bytes they are beside md and html")
    func calendarAndJSONAlone() throws {
        let person = try Preferences(yaml: "name: Zoë Müller\nareas: [neck, lower-back]\ntime: \"07:30\"\ntimezone: Europe/Berlin\n", file: "p.yaml")
        var settings = PlanSettings(today: CivilDate(iso: "2026-11-25")!)
        settings.formats = [.ics, .json]
        let alone = try Inputs.load(catalogPath: nil, templatesPath: nil, preparing: OutputFormat.templates(for: settings.formats))
        let files = try PlanPublisher(inputs: alone).files(for: person, settings: settings)
        settings.formats = OutputFormat.defaults
        let all = try PlanPublisher(inputs: try Inputs.load(catalogPath: nil, templatesPath: nil)).files(for: person, settings: settings)
        #expect(files.map(\.path) == ["plan.ics", "plan.json"])
        #expect(files.map(\.data) == all.filter { $0.path.hasSuffix(".ics") || $0.path.hasSuffix(".json") }.map(\.data))
    }
}
