import BackPlanCore
import Foundation
import Testing

@Suite("backplan site, run as a user would")
struct SiteCommandTests {
    /// The 29 pages: index, safety, example plan, 20 moves, 6 areas.
    static let expectedPages = (["index.html", "safety.html", "example-plan.html"]
        + Catalog.builtIn.moves.map { "exercises/\($0.id).html" }
        + Area.allCases.map { "areas/\($0.rawValue).html" }).sorted()

    /// Builds the site into `site/` of a fresh scratch folder.
    static func build(_ extra: [String] = [], in scratch: ScratchFolder? = nil) throws -> (ScratchFolder, Backplan.Result) {
        let scratch = try scratch ?? ScratchFolder()
        let result = try Backplan.run(["site", "--output", "site"] + extra, in: scratch.url)
        return (scratch, result)
    }

    static func pages(_ scratch: ScratchFolder) -> [String] {
        scratch.files().filter { $0.hasPrefix("site/") && $0.hasSuffix(".html") }.map { String($0.dropFirst(5)) }
    }

    @Test("writes 20 move pages, 6 area pages, 3 fixed pages and the style sheet, quietly")
    func pageCount() throws {
        let (scratch, result) = try Self.build()
        #expect(result.status == 0)
        #expect(result.stdout == "site/index.html\n")
        #expect(result.stderr.isEmpty)
        #expect(Self.pages(scratch) == Self.expectedPages)
        #expect(Self.pages(scratch).count == 20 + 6 + 3)
        #expect(scratch.exists("site/style.css"))
        #expect(!scratch.exists("site/sitemap.xml"))
        #expect(!(try scratch.read("site/index.html")).contains("rel=\"canonical\""))
    }

    @Test("every relative href and src resolves to a file of the site")
    func linksResolve() throws {
        let (scratch, result) = try Self.build(["--base-url", "https://clinic.example/back"])
        try #require(result.status == 0)
        let broken = try SiteChecks.brokenLinks(in: scratch, site: "site", pages: Self.expectedPages)
        #expect(broken.isEmpty, "\(broken.joined(separator: "\n"))")
        let index = try scratch.read("site/index.html")
        #expect(SiteChecks.links(in: index).filter { $0.hasPrefix("areas/") }.count >= 6)
    }

    @Test("with --base-url every page has its canonical link and sitemap.xml lists them all")
    func canonicalAndSitemap() throws {
        let (scratch, result) = try Self.build(["--base-url", "https://clinic.example/back"])
        try #require(result.status == 0)
        #expect(try scratch.read("site/exercises/row.html").contains(#"<link rel="canonical" href="https://clinic.example/back/exercises/row.html">"#))
        #expect(try scratch.read("site/index.html").contains(#"<link rel="canonical" href="https://clinic.example/back/">"#))
        let sitemap = try scratch.read("site/sitemap.xml")
        #expect(sitemap.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
        #expect(sitemap.components(separatedBy: "<loc>").count - 1 == Self.expectedPages.count)
        #expect(sitemap.contains("<loc>https://clinic.example/back/areas/chest.html</loc>"))
    }

    @Test("every page is valid HTML5 with lang, title, description, one h1 and landmarks",
          .enabled(if: SiteChecks.hasHTML5Lib, "needs python3 with html5lib (make test-deps installs it)"))
    func validHTML5() throws {
        let (scratch, result) = try Self.build(["--base-url", "https://clinic.example/"])
        try #require(result.status == 0)
        let check = try SiteChecks.validate(Self.expectedPages, in: scratch, site: "site")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test("the same inputs give byte-identical pages, whatever the output folder")
    func deterministic() throws {
        let scratch = try ScratchFolder()
        let first = try Backplan.run(["site", "--output", "one"], in: scratch.url)
        let second = try Backplan.run(["site", "--output", "deeper/two", "--verbose"], in: scratch.url)
        try #require(first.status == 0 && second.status == 0)
        // The manifest records each file's size, time and inode in its own folder; every page is the same.
        let one = scratch.files().filter { $0.hasPrefix("one/") }.map { String($0.dropFirst(4)) }.filter { $0 != ".backplan-site" }
        let two = scratch.files().filter { $0.hasPrefix("deeper/two/") }.map { String($0.dropFirst(11)) }.filter { $0 != ".backplan-site" }
        #expect(one == two)
        for file in one {
            #expect(try scratch.read("one/" + file) == (try scratch.read("deeper/two/" + file)), "\(file) differs")
        }
    }

    @Test("a rebuild with nothing changed writes no file; a damaged file is rewritten alone")
    func incremental() throws {
        let (scratch, first) = try Self.build(["--verbose"])
        #expect(first.stdout.hasSuffix("site: 30 files: 30 written, 0 unchanged, 0 removed\n"))
        let again = try Backplan.run(["site", "--output", "site", "--verbose"], in: scratch.url)
        #expect(again.status == 0)
        #expect(again.stdout == "site: 30 files: 0 written, 30 unchanged, 0 removed\n")
        try scratch.write("site/exercises/row.html", "edited by hand")
        let repaired = try Backplan.run(["site", "--output", "site", "--verbose"], in: scratch.url)
        #expect(repaired.stdout == "wrote exercises/row.html\nsite: 30 files: 1 written, 29 unchanged, 0 removed\n")
    }

    @Test("an up-to-date rebuild touches no file; new options or a new catalog build again")
    func upToDateRebuild() throws {
        let (scratch, first) = try Self.build()
        try #require(first.status == 0)
        func stamps() throws -> [String: String] {
            var stamps: [String: String] = [:]
            for file in scratch.files() where file.hasPrefix("site/") {
                let attributes = try FileManager.default.attributesOfItem(atPath: scratch.url.appendingPathComponent(file).path)
                stamps[file] = "\(attributes[.systemFileNumber] ?? 0) \((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
            }
            return stamps
        }
        let before = try stamps()
        let again = try Backplan.run(["site", "--output", "site", "--verbose"], in: scratch.url)
        #expect(again.stdout == "site: 30 files: 0 written, 30 unchanged, 0 removed\n")
        #expect(try stamps() == before, "no file replaced, not even the manifest")
        let retitled = try Backplan.run(["site", "--output", "site", "--verbose", "--title", "Clinic moves"], in: scratch.url)
        #expect(retitled.stdout.hasSuffix("site: 30 files: 29 written, 1 unchanged, 0 removed\n"), "every page carries the title")
        let catalog = try scratch.write("extra.yaml", Catalog.builtInYAML + Self.extraMove)
        let grown = try Backplan.run(["site", "--output", "site", "--verbose", "--title", "Clinic moves", "--catalog", catalog.path], in: scratch.url)
        #expect(grown.stdout.contains("wrote exercises/towel-stretch.html\n"))
    }

    @Test("pages the catalog no longer has are removed from a folder backplan created, and nothing else")
    func removesStalePages() throws {
        let scratch = try ScratchFolder()
        let catalog = try scratch.write("extra.yaml", Catalog.builtInYAML + Self.extraMove)
        let first = try Backplan.run(["site", "--output", "site", "--catalog", catalog.path], in: scratch.url)
        try #require(first.status == 0)
        #expect(scratch.exists("site/exercises/towel-stretch.html"))
        try scratch.write("site/CNAME", "exercises.clinic.example\n")
        let second = try Backplan.run(["site", "--output", "site", "--verbose"], in: scratch.url)
        #expect(second.status == 0)
        #expect(second.stdout.contains("removed exercises/towel-stretch.html\n"))
        #expect(second.stdout.hasSuffix(" 1 removed\n"))
        #expect(!scratch.exists("site/exercises/towel-stretch.html"))
        #expect(scratch.exists("site/CNAME"))
    }

    @Test("a build killed part way leaves a folder the next build takes as its own; the temporary files it left go, a user's empty folder stays")
    func killedBuild() throws {
        let scratch = try ScratchFolder()
        // Enough moves that the build is still writing when it is killed.
        let moves = (1...1500).map { Self.extraMove.replacingOccurrences(of: "towel-stretch", with: "towel-stretch-\($0)") }
        let catalog = try scratch.write("large.yaml", Catalog.builtInYAML + moves.joined())
        let process = Process()
        process.executableURL = Backplan.binary
        process.arguments = ["site", "--output", "site", "--catalog", catalog.path]
        process.currentDirectoryURL = scratch.url
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": scratch.url.path, "TZ": "UTC"].merging(Backplan.sanitizerEnvironment) { $1 }
        try process.run()
        // Killed as soon as it has written a page.
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, !scratch.files().contains(where: { $0.hasPrefix("site/areas/") }), Date() < deadline { usleep(2_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try #require(process.terminationReason == .uncaughtSignal, "the build ended before it could be killed")
        #expect(scratch.exists("site/.backplan-site"), "the manifest is written before the first page")

        // What a killed build leaves: a temporary file of a process that is gone, at the top and below.
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        try scratch.write("site/.index.html.\(dead.processIdentifier).tmp", "<!DOCTYPE html><p>half a pa")
        try scratch.write("site/exercises/.neck-roll.html.\(dead.processIdentifier).tmp", "<!DOCTYPE html><p>half")
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("site/images"), withIntermediateDirectories: true)

        let again = try Backplan.run(["site", "--output", "site", "--catalog", catalog.path], in: scratch.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!scratch.files().contains { $0.hasSuffix(".tmp") }, "\(scratch.files().filter { $0.hasSuffix(".tmp") })")
        #expect(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("site/images").path))
        #expect(scratch.exists("site/exercises/towel-stretch-1500.html") && scratch.exists("site/index.html"))
        let rebuilt = try Backplan.run(["site", "--output", "site", "--verbose", "--catalog", catalog.path], in: scratch.url)
        #expect(rebuilt.stdout.contains(" 0 written,"), "\(rebuilt.stdout)")
    }

    @Test("a folder backplan did not create is written only with --force, and then only its own files are removed")
    func keepsForeignFolder() throws {
        let scratch = try ScratchFolder()
        try scratch.write("site/notes.txt", "mine\n")
        let catalog = try scratch.write("extra.yaml", Catalog.builtInYAML + Self.extraMove)
        let refused = try Backplan.run(["site", "--output", "site", "--catalog", catalog.path], in: scratch.url)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("site: the folder holds files that backplan site did not write; choose a new or empty folder, or pass --force"), "\(refused.stderr)")
        #expect(scratch.files() == ["extra.yaml", "site/notes.txt"])
        try #require(try Backplan.run(["site", "--output", "site", "--catalog", catalog.path, "--force"], in: scratch.url).status == 0)
        let second = try Backplan.run(["site", "--output", "site", "--verbose"], in: scratch.url)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("1 removed"))
        #expect(!scratch.exists("site/exercises/towel-stretch.html"))
        #expect(try scratch.read("site/notes.txt") == "mine\n")
    }

    @Test("a user's own index.html is never replaced, not even with --force", arguments: [false, true])
    func keepsUsersPage(force: Bool) throws {
        let scratch = try ScratchFolder()
        try scratch.write("s/index.html", "MY HOMEPAGE\n")
        let result = try Backplan.run(["site", "--output", "s"] + (force ? ["--force"] : []), in: scratch.url)
        #expect(result.status == 1)
        #expect(try scratch.read("s/index.html") == "MY HOMEPAGE\n")
        #expect(scratch.files() == ["s/index.html"], "nothing written")
        if force { #expect(result.stderr == "Error: index.html: cannot write: a file that backplan site did not write is in the way; move it, or choose another folder\n") }
    }

    @Test("a FIFO where a page goes is in the way, and nothing waits on it")
    func fifoInTheWay() throws {
        let scratch = try ScratchFolder()
        try scratch.write("s/notes.txt", "mine\n")
        let path = scratch.url.appendingPathComponent("s/index.html").path
        try #require(mkfifo(path, 0o644) == 0)
        // Should backplan wait on the FIFO, a writer opens it after 30 s: the test then fails, it never hangs.
        let unblocker = Thread {
            sleep(30)
            let descriptor = open(path, O_WRONLY | O_NONBLOCK)
            if descriptor >= 0 { close(descriptor) }
        }
        unblocker.start()
        let clock = ContinuousClock()
        let start = clock.now
        let result = try Backplan.run(["site", "--output", "s", "--force"], in: scratch.url)
        #expect(clock.now - start < .seconds(30), "backplan waited on the FIFO")
        #expect(result.status == 1)
        #expect(result.stderr == "Error: index.html: cannot write: a file that backplan site did not write is in the way; move it, or choose another folder\n", "\(result.stderr)")
        #expect(scratch.files() == ["s/index.html", "s/notes.txt"], "nothing written")
    }

    @Test("hostile catalog text comes out inert, and the pages stay valid")
    func hostileCatalog() throws {
        let scratch = try ScratchFolder()
        var yaml = Catalog.builtInYAML
        yaml = yaml.replacingOccurrences(of: "name: Neck roll", with: "name: '<script>alert(1)</script> [x](javascript:alert(1))'")
        yaml = yaml.replacingOccurrences(
            of: "      - Finish the circle where you started.",
            with: "      - '<img src=x onerror=alert(1)> [click](javascript:alert(1)) <a href=\"javascript:alert(2)\">a</a>'")
        yaml = yaml.replacingOccurrences(of: "title: Dynamic warm-up", with: "title: '</title><script>alert(3)</script>'")
        let catalog = try scratch.write("hostile.yaml", yaml)
        let result = try Backplan.run(["site", "--output", "site", "--catalog", catalog.path], in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        for page in Self.expectedPages {
            let html = try scratch.read("site/" + page)
            #expect(!html.contains("<script"), "\(page) has a script tag")
            #expect(!html.contains("<img"), "\(page) has an image")
            #expect(!SiteChecks.links(in: html).contains { $0.lowercased().contains("javascript") }, "\(page) links to javascript:")
        }
        let move = try scratch.read("site/exercises/neck-roll.html")
        #expect(move.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))</h1>"))
        #expect(move.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) · Neck and back exercises</title>"))
        #expect(try SiteChecks.brokenLinks(in: scratch, site: "site", pages: Self.expectedPages).isEmpty)
        if SiteChecks.hasHTML5Lib {
            let check = try SiteChecks.validate(Self.expectedPages, in: scratch, site: "site")
            #expect(check.status == 0, "\(check.stdout)")
        }
    }

    @Test("the example plan page is the plan `backplan plan` writes for the example person")
    func examplePlanIsThePlan() throws {
        let (scratch, site) = try Self.build()
        let plan = try Backplan.run(["plan", "--output", "plan", "--start", "2026-11-30", "--format", "md"], in: scratch.url)
        try #require(site.status == 0 && plan.status == 0)
        let markdown = try scratch.read("plan/plan.md")
        let lastLine = try #require(markdown.split(separator: "\n").last)
        let planID = try #require(lastLine.split(separator: " ").dropFirst().first)
        let page = try scratch.read("site/example-plan.html")
        #expect(page.contains("<h1>Back plan for Alex Doe</h1>"))
        #expect(page.contains("Plan \(planID) for Alex Doe, starting 2026-11-30."))
        // Each card links to its move's page on the site, relatively, with the card's figure and no QR code.
        let cards = page.components(separatedBy: "<section class=\"card\">").dropFirst()
        #expect(!cards.isEmpty)
        for card in cards {
            #expect(card.contains("See it move: <a href=\"exercises/"), "\(card.prefix(80))")
            #expect(card.contains("<figure class=\"move-figure\"><svg viewBox="), "\(card.prefix(80))")
        }
        #expect(!page.contains("raw HTML omitted") && !page.contains("class=\"qr\""))
    }

    @Test("templates given with --templates replace the site's defaults")
    func templatesOverride() throws {
        let scratch = try ScratchFolder()
        try scratch.write("mine/site-exercise.md.mustache", "# {{name}}\n\nOur own page for {{name}}.\n")
        let result = try Backplan.run(["site", "--output", "site", "--templates", "mine", "--title", "Example Clinic"], in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        let page = try scratch.read("site/exercises/cat-cow.html")
        #expect(page.contains("<p>Our own page for Cat-Cow.</p>"))
        #expect(page.contains("<title>Cat-Cow · Example Clinic</title>"))
    }

    @Test("bad options are errors that say what to give", arguments: zip(
        [["--base-url", "clinic.example"], ["--base-url", "https://x.example/\"><script>"], ["--title", " "]],
        ["Error: --base-url 'clinic.example' is not usable; expected an absolute http or https address",
         "Error: --base-url 'https://x.example/\"><script>' is not usable",
         "Error: --title must be one line of text"]))
    func badOptions(arguments: [String], message: String) throws {
        let (scratch, result) = try Self.build(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix(message))
        #expect(!scratch.exists("site"))
    }

    static let extraMove = """

      - id: towel-stretch
        name: Towel stretch
        phase: cool-down
        areas: [chest]
        ways:
          - {equipment: [], positions: [standing]}
        dose:
          hold_seconds: {min: 10, max: 20}
        steps:
          - Hold a towel behind your back with both hands and lift it gently.

    """
}
