import Foundation
import Testing

/// A symbolic link inside the output folder is an error naming it; nothing is written through it.
@Suite("Symbolic links below --output")
struct SymlinkTests {
    /// Each command, the link it meets inside `out`, and the arguments that make it write there.
    static let cases: [(name: String, link: String, arguments: [String])] = [
        ("batch", "out/ann", ["batch", "roster.csv", "--output", "out", "--quiet"]),
        ("plan", "out/plan.md", ["plan", "--output", "out", "--format", "md"]),
        ("email", "out/plan.eml", ["email", "zoe.yaml", "--from", "clinic@example.org", "--output", "out"]),
        ("site", "out/exercises", ["site", "--output", "out", "--force"]),
    ]

    @Test("a link below the output folder is refused and the file it points at is untouched", arguments: cases.indices)
    func linkRefused(index: Int) throws {
        let (_, link, arguments) = Self.cases[index]
        let scratch = try ScratchFolder()
        try scratch.write("roster.csv", "name\nAnn\n")
        try scratch.write("zoe.yaml", "name: Zoe\nemail: zoe@example.com\n")
        try scratch.write("victim/plan.md", "mine\n")
        try scratch.write("victim/plan.eml", "mine\n")
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("out"), withIntermediateDirectories: true)
        let target = link.hasSuffix(".md") || link.hasSuffix(".eml") ? "victim/" + (link as NSString).lastPathComponent : "victim"
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent(link).path,
                                                   withDestinationPath: scratch.url.appendingPathComponent(target).path)
        let result = try Backplan.run(arguments, in: scratch.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(link)") && result.stderr.contains("it is a symbolic link; BackPlan never writes through a link inside the output folder"), "\(result.stderr)")
        #expect(try scratch.read("victim/plan.md") == "mine\n")
        #expect(try scratch.read("victim/plan.eml") == "mine\n")
        let victim = try FileManager.default.contentsOfDirectory(atPath: scratch.url.appendingPathComponent("victim").path).sorted()
        #expect(victim == ["plan.eml", "plan.md"])
    }
}
