import BackPlanCore
import Foundation
import Testing

@testable import BackPlanPublish

/// The pipeline: every row planned once, reported in order, identical to a single plan.
@Suite("Batch runner")
struct BatchRunnerTests {
    static let roster = """
        name,minutes,areas,equipment,pain
        Alex Doe,30,neck;upper-back,resistance-band;chair,mild
        Bea,500,,,
        Cy,45,,dumbbells,
        Dee,20,chest,,moderate
        Eve,,nek,,
        Fay,60,,foam-roller;chair,

        """

    static func runner(output: String, jobs: Int = 2, shard: RosterShard = .all, formats: [OutputFormat] = [.md, .html, .json]) throws -> BatchRunner {
        var plan = PlanSettings(today: CivilDate(iso: "2026-11-25")!)
        plan.formats = formats
        plan.seed = 7
        var settings = BatchSettings(plan: plan, output: output, jobs: jobs)
        settings.shard = shard
        return BatchRunner(publisher: PlanPublisher(inputs: try Inputs.load(catalogPath: nil, templatesPath: nil)), settings: settings)
    }

    /// The same runner with `--skip-existing`.
    static func skippingExisting(_ runner: BatchRunner) -> BatchRunner {
        var settings = runner.settings
        settings.skipExisting = true
        return BatchRunner(publisher: runner.publisher, settings: settings)
    }

    static func run(_ runner: BatchRunner, roster: String) async throws -> ([BatchRowResult], BatchSummary) {
        var results: [BatchRowResult] = []
        let summary = try await runner.run(roster: roster) { result, _ in results.append(result) }
        return (results, summary)
    }

    @Test("good rows are written, bad rows reported in row order with their messages", arguments: [1, 2, 4])
    func mixed(jobs: Int) async throws {
        let folder = try TemporaryFolder()
        let roster = try folder.write("roster.csv", Self.roster)
        let (results, summary) = try await Self.run(try Self.runner(output: folder.path("out"), jobs: jobs), roster: roster)
        #expect(results.map(\.row) == [2, 3, 4, 5, 6, 7])
        #expect((summary.written, summary.failed, summary.skipped) == (4, 2, 0))
        let failures = results.compactMap { result -> String? in
            if case .failed(let message) = result.outcome { return message.replacingOccurrences(of: folder.url.path + "/", with: "") }
            return nil
        }
        #expect(failures == [
            "roster.csv:3: minutes: 500 is out of range 10..90",
            "roster.csv:6: areas: 'nek' is not allowed (did you mean 'neck'?); expected one of: neck, shoulders, upper-back, mid-back, lower-back, chest",
        ])
        #expect(folder.files(under: "out") == ["alex-doe", "cy", "dee", "fay"].flatMap { ["\($0)/plan.html", "\($0)/plan.json", "\($0)/plan.md"] })
    }

    @Test("a row's files are byte-identical to the plan of that person alone with the row's seed")
    func identicalToPlan() async throws {
        let folder = try TemporaryFolder()
        let roster = try folder.write("roster.csv", Self.roster)
        let runner = try Self.runner(output: folder.path("out"))
        _ = try await Self.run(runner, roster: roster)
        var person = Preferences()
        person.name = "Alex Doe"
        person.areas = [.neck, .upperBack]
        person.equipment = [.resistanceBand, .chair]
        person.pain = .mild
        var settings = runner.settings.plan
        settings.seed = RosterRow.seed(base: 7, folder: "alex-doe")
        for (path, data) in try runner.publisher.files(for: person, settings: settings) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path("out/alex-doe/\(path)"))) == data, "\(path)")
        }
    }

    @Test("the shards K = 1...N together write every row exactly once", arguments: [1, 2, 3, 5, 8])
    func shards(count: Int) async throws {
        let folder = try TemporaryFolder()
        let lines = (1...23).map { "Person \($0),\(10 + $0)" }
        let roster = try folder.write("roster.csv", "name,minutes\n" + lines.joined(separator: "\n") + "\n")
        var seen: [Int] = []
        for index in 1...count {
            let runner = try Self.runner(output: folder.path("out"), shard: RosterShard(index: index, count: count)!, formats: [.md])
            let (results, _) = try await Self.run(runner, roster: roster)
            // Row numbers count the header as row 1: data row i is row i + 1.
            #expect(results.allSatisfy { ($0.row - 2) % count == index - 1 })
            #expect(results.first?.row == (index <= 23 ? index + 1 : nil), "shard \(index) starts with data row \(index)")
            #expect(try runner.rowCount(roster: roster) == results.count)
            seen += results.map(\.row)
        }
        #expect(seen.sorted() == Array(2...24))
        #expect(folder.files(under: "out") == (1...23).map { "person-\($0)/plan.md" }.sorted())
    }

    @Test("names made to escape the output folder write inside it")
    func hostileNames() async throws {
        let folder = try TemporaryFolder()
        let roster = try folder.write("roster.csv", """
            name
            ../../x
            /etc/passwd
            ..
            "a/b\\\\c"
            "tab\there"
            .hidden
            ~root

            """)
        let (results, summary) = try await Self.run(try Self.runner(output: folder.path("out/inner"), formats: [.md]), roster: roster)
        #expect(summary.written + summary.failed == 7)
        #expect(results.compactMap(\.folder) == ["x", "etc-passwd", "person", "a-b-c", "tab-here", "hidden", "root"])
        let everything = folder.files(under: ".")
        #expect(everything.allSatisfy { $0 == "roster.csv" || $0.hasPrefix("out/inner/") }, "\(everything)")
    }

    @Test("--skip-existing leaves complete, up-to-date people and redoes the rest")
    func skipExisting() async throws {
        let folder = try TemporaryFolder()
        let roster = try folder.write("roster.csv", "name\nAlex\nBea\n")
        var runner = try Self.runner(output: folder.path("out"), formats: [.md, .json])
        _ = try await Self.run(runner, roster: roster)
        try FileManager.default.removeItem(atPath: folder.path("out/bea/plan.json"))
        runner = Self.skippingExisting(runner)
        let (results, summary) = try await Self.run(runner, roster: roster)
        #expect(results.map(\.outcome) == [.skipped, .written(["plan.md", "plan.json"])])
        #expect((summary.written, summary.skipped) == (1, 1))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: roster)
        let (again, _) = try await Self.run(runner, roster: roster)
        #expect(again.map(\.outcome) == [.written(["plan.md", "plan.json"]), .written(["plan.md", "plan.json"])])
    }

    @Test("--skip-existing redoes a person whose file is empty, as a power cut before the final sync can leave it")
    func skipExistingRedoesEmpty() async throws {
        let folder = try TemporaryFolder()
        let roster = try folder.write("roster.csv", "name\nAlex\nBea\n")
        var runner = try Self.runner(output: folder.path("out"), formats: [.md, .html])
        _ = try await Self.run(runner, roster: roster)
        try Data().write(to: URL(fileURLWithPath: folder.path("out/alex/plan.md")))
        runner = Self.skippingExisting(runner)
        let (results, _) = try await Self.run(runner, roster: roster)
        #expect(results.map(\.outcome) == [.written(["plan.md", "plan.html"]), .skipped])
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path("out/alex/plan.md"))).count > 0)
        #expect(folder.files(under: "out") == ["alex/plan.html", "alex/plan.md", "bea/plan.html", "bea/plan.md"])
    }

    @Test("a roster that stops being readable mid-way: the rows before are written and reported, then its row is the error",
          arguments: [1, 2, 5])
    func unreadableRow(jobs: Int) async throws {
        let folder = try TemporaryFolder()
        // Rows 2-41 are fine; row 42 is not UTF-8.
        let good = (1...40).map { "P\($0),20" }.joined(separator: "\n")
        let roster = try folder.write("roster.csv", bytes: Array("name,minutes\n\(good)\nBad".utf8) + [0xFF, 0x0A] + Array("Late,20\n".utf8))
        var results: [BatchRowResult] = []
        do {
            _ = try await Self.runner(output: folder.path("out"), jobs: jobs, formats: [.md]).run(roster: roster) { result, _ in results.append(result) }
            Issue.record("the run did not stop at the unreadable row")
        } catch {
            #expect(String(describing: error).hasSuffix("roster.csv:42: the file is not UTF-8 text"), "\(error)")
        }
        #expect(results.map(\.row) == Array(2...41))
        #expect(folder.files(under: "out").count == 40)
    }

    @Test("the output does not depend on the number of workers, and rows are reported once each, in order")
    func jobsDoNotMatter() async throws {
        let folder = try TemporaryFolder()
        // More rows than the first chunks (1, 2, 4, 8) and several full ones, with bad rows among them.
        let rows = (1...90).map { $0 % 17 == 0 ? "P\($0),5" : "P\($0),\(10 + $0 % 60)" }
        let roster = try folder.write("roster.csv", "name,minutes\n" + rows.joined(separator: "\n"))
        let (one, _) = try await Self.run(try Self.runner(output: folder.path("one"), jobs: 1, formats: [.md]), roster: roster)
        let (many, summary) = try await Self.run(try Self.runner(output: folder.path("many"), jobs: 3, formats: [.md]), roster: roster)
        #expect(one.map(\.row) == Array(2...91))
        #expect(many.map(\.row) == Array(2...91))
        #expect(many.map(\.outcome) == one.map(\.outcome))
        #expect((summary.written, summary.failed) == (85, 5))
        let files = folder.files(under: "one")
        #expect(files.count == 85)
        #expect(files == folder.files(under: "many"))
        for file in files {
            #expect(FileManager.default.contentsEqual(atPath: folder.path("one/\(file)"), andPath: folder.path("many/\(file)")), "\(file)")
        }
    }
}
