import Foundation
import Testing

/// The plan as a handout a person follows alone: every move with its figure and steps, print large enough to read.
@Suite("The plan as a handout")
struct HandoutTests {
    /// A person with every piece of equipment, so the plan holds moves of every phase and both ways of the row.
    static let gymUser = """
        name: Sam Gym
        weeks: 2
        days: [mon, wed, fri]
        minutes: 45
        equipment: [resistance-band, dumbbells, foam-roller, chair]
        level: intermediate

        """

    /// The moves of a plan as plan.json gives them: id and the equipment of the way used.
    static func moves(_ planJSON: String) throws -> [(id: String, equipment: [String])] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(planJSON.utf8)) as? [String: Any])
        var moves: [(id: String, equipment: [String])] = []
        for week in json["weeks"] as? [[String: Any]] ?? [] {
            for session in week["sessions"] as? [[String: Any]] ?? [] {
                for block in session["blocks"] as? [[String: Any]] ?? [] {
                    for item in block["items"] as? [[String: Any]] ?? [] {
                        let move = (id: item["id"] as? String ?? "", equipment: item["equipment"] as? [String] ?? [])
                        if !moves.contains(where: { $0.id == move.id && $0.equipment == move.equipment }) { moves.append(move) }
                    }
                }
            }
        }
        return moves
    }

    /// The steps of a move's way as `catalog show --json` gives them: the way's own, else the move's.
    static func steps(of id: String, equipment: [String], in scratch: ScratchFolder) throws -> [String] {
        let result = try Backplan.run(["catalog", "show", id, "--json"], in: scratch.url)
        let move = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let way = (move["ways"] as? [[String: Any]] ?? []).first { ($0["equipment"] as? [String] ?? []) == equipment }
        return (way?["steps"] as? [String]) ?? (move["steps"] as? [String] ?? [])
    }

    /// Text as libcmark writes it in HTML (it leaves `'` as it is).
    static func htmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    @Test("plan.html shows every move once with its figure and the steps of the way used, and names no address outside itself")
    func everyMoveWithFigureAndSteps() throws {
        let scratch = try ScratchFolder()
        try scratch.write("gym.yaml", Self.gymUser)
        let result = try Backplan.run(["plan", "gym.yaml", "--start", "2026-11-30"], in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        let html = try scratch.read("Output/plan.html")
        let moves = try Self.moves(try scratch.read("Output/plan.json"))
        #expect(moves.count >= 12, "a full plan: \(moves.count) moves")
        #expect(Set(moves.filter { $0.id == "row" }.map(\.equipment)).count >= 1)
        #expect(html.components(separatedBy: "<section class=\"card\">").count - 1 == moves.count, "one card a move and way")
        #expect(html.components(separatedBy: "<figure class=\"move-figure\"><svg").count - 1 == moves.count, "a figure on every card")
        let cards = html.components(separatedBy: "<section class=\"card\">").dropFirst().map { $0.components(separatedBy: "</section>")[0] }
        for move in moves {
            let steps = try Self.steps(of: move.id, equipment: move.equipment, in: scratch)
            #expect(!steps.isEmpty)
            // The card of this move and way holds each of its steps, and no step of another way of the move.
            let card = cards.first { card in steps.allSatisfy { card.contains("<li>" + Self.htmlEscaped($0) + "</li>") } }
            #expect(card != nil, "the card of \(move.id) with \(move.equipment) and its steps")
            if move.id == "row", let card {
                let other = move.equipment == ["dumbbells"] ? "resistance band" : "dumbbell"
                #expect(!card.lowercased().contains("with a \(other)"), "the row's card mixes in the other way's steps")
            }
        }
        // Each figure says what it shows, in words a screen reader reads.
        #expect(html.components(separatedBy: "<title").count - 1 >= moves.count)
        // Nothing is fetched, and no address leads anywhere without --site-url.
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(!html.contains("url("), "no stylesheet reference")
        #expect(html.components(separatedBy: "src=\"").dropFirst().allSatisfy { $0.hasPrefix("data:") })
        // One tick box a move a day: the grid marks days without boxes.
        #expect(!html.contains("<td>☐</td>"))
    }

    @Test("with --site-url each card links to its move's page and its printed QR code decodes to that page",
          .enabled(if: toolExists("zbarimg") && toolExists("pdftoppm") && (toolExists("weasyprint") || toolExists("chromium")),
                   "needs zbar-tools, poppler-utils and weasyprint or chromium (apt-get install zbar-tools poppler-utils weasyprint)"))
    func qrCodes() throws {
        let scratch = try ScratchFolder()
        let site = "https://clinic.example.org/moves/"
        let result = try Backplan.run(["plan", "--site-url", "https://clinic.example.org/moves", "--pdf", "--weeks", "1"], in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        let html = try scratch.read("Output/plan.html")
        let ids = Set(try Self.moves(try scratch.read("Output/plan.json")).map(\.id))
        let urls = Set(ids.map { site + "exercises/\($0).html" })
        for url in urls { #expect(html.contains("href=\"\(url)\""), "a link to \(url)") }
        // Read the codes off the printed pages, as a phone would.
        let pdf = scratch.url.appendingPathComponent("Output/plan.pdf").path
        _ = try ChildProcess.run(tool: "pdftoppm", ["-png", "-r", "200", pdf, scratch.url.appendingPathComponent("page").path])
        var decoded: Set<String> = []
        for page in scratch.files().filter({ $0.hasPrefix("page") && $0.hasSuffix(".png") }) {
            let scan = try ChildProcess.run(tool: "zbarimg", ["--raw", "-q", scratch.url.appendingPathComponent(page).path])
            decoded.formUnion(scan.stdout.split(separator: "\n").map(String.init).filter { !$0.isEmpty })
        }
        #expect(decoded == urls)
    }

    @Test("without --site-url no QR code and no link")
    func noSiteURL() throws {
        let scratch = try ScratchFolder()
        let result = try Backplan.run(["plan", "--weeks", "1"], in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        let html = try scratch.read("Output/plan.html")
        #expect(!html.contains("class=\"qr\"") && !html.contains("See it move"))
        #expect(try !scratch.read("Output/plan.md").contains("See it move"))
    }

    @Test("a bad --site-url is an error before anything is written")
    func badSiteURL() throws {
        let scratch = try ScratchFolder()
        let result = try Backplan.run(["plan", "--site-url", "clinic.example.org"], in: scratch.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains("--site-url 'clinic.example.org' is not a web address"), "\(result.stderr)")
        #expect(!scratch.exists("Output"))
    }

    @Test("the custom move of docs/catalog.md, with its figure, passes catalog validate and is drawn by catalog figures")
    func readmeCustomMove() throws {
        let readme = try String(contentsOf: Backplan.packageRoot.appendingPathComponent("docs/catalog.md"), encoding: .utf8)
        func block(from start: String) throws -> String {
            let range = try #require(readme.range(of: start), "docs/catalog.md has no '\(start)'")
            return String(readme[range.lowerBound...].prefix { $0 != "`" })
        }
        let move = try block(from: "  - id: chin-tuck") + block(from: "    figure:\n      view: side")
        let scratch = try ScratchFolder()
        let catalog = try String(contentsOf: Backplan.packageRoot.appendingPathComponent("Data/catalog.yaml"), encoding: .utf8)
        try scratch.write("catalog.yaml", catalog + "\n" + move)
        let validate = try Backplan.run(["catalog", "validate", "catalog.yaml"], in: scratch.url)
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.contains("21 moves"), "\(validate.stdout)")
        let figures = try Backplan.run(["catalog", "figures", "figures", "--catalog", "catalog.yaml"], in: scratch.url)
        #expect(figures.status == 0, "\(figures.stderr)")
        #expect(try scratch.read("figures/chin-tuck.svg").contains("Sitting tall on a chair"))
    }

    @Test("large print from a roster column, a preferences key and --large-print, in plan, batch and email")
    func largePrintEverywhere() throws {
        let scratch = try ScratchFolder()
        try scratch.write("roster.csv", "name,email,large_print\nAnn,ann@example.com,true\nBo,bo@example.com,\n")
        let batch = try Backplan.run(["batch", "roster.csv", "--format", "html", "--email", "--from", "c@example.org"], in: scratch.url)
        try #require(batch.status == 0, "\(batch.stderr)")
        #expect(try scratch.read("Output/ann/plan.html").contains("<body class=\"large-print\">"))
        #expect(try scratch.read("Output/bo/plan.html").contains("<body>"))
        // The HTML part is quoted-printable: `=` is written `=3D`.
        #expect(try scratch.read("Output/ann/plan.eml").contains("<body class=3D\"large-print\">"), "the email's HTML is large print too")
        #expect(try scratch.read("Output/bo/plan.eml").contains("<body>"))
        try scratch.write("me.yaml", "name: Cy\nlarge_print: true\n")
        #expect(try Backplan.run(["plan", "me.yaml", "--output", "cy"], in: scratch.url).status == 0)
        #expect(try scratch.read("cy/plan.html").contains("<body class=\"large-print\">"))
        #expect(try Backplan.run(["plan", "--large-print", "--output", "flag"], in: scratch.url).status == 0)
        #expect(try scratch.read("flag/plan.html").contains("<body class=\"large-print\">"))
    }

    /// What a reader holding the printout meets: (paper, large print, engine).
    static let printings: [(String, Bool, String)] = [
        ("a4", false, "weasyprint"), ("letter", false, "weasyprint"), ("a4", true, "weasyprint"), ("letter", true, "weasyprint"),
        ("a4", false, "chromium"), ("a4", true, "chromium"),
    ]

    @Test("printed text is at least 12 pt (16 with --large-print), the grid at least 11 (15), and no page starts with a move, a phase or a pain box without its day",
          arguments: printings)
    func printedSizesAndBreaks(paper: String, largePrint: Bool, engine: String) throws {
        try #require(PDFInspector.available, "needs python3 with pdfplumber (pip install pdfplumber)")
        guard toolExists(engine) else { return }
        let scratch = try ScratchFolder()
        try scratch.write("gym.yaml", Self.gymUser)
        let result = try Backplan.run(["plan", "gym.yaml", "--format", "pdf,json", "--pdf-engine", engine, "--paper", paper]
                                      + (largePrint ? ["--large-print"] : []), in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        let pages = try PDFInspector.pages(scratch.url.appendingPathComponent("Output/plan.pdf"))
        let (body, grid): (Double, Double) = largePrint ? (16, 15) : (12, 11)
        var all = 0, atBody = 0
        for (number, page) in pages.enumerated() {
            for (size, count) in page.sizes {
                #expect(size >= grid - 0.05, "page \(number + 1): \(count) characters at \(size) pt")
                all += count
                if size >= body - 0.05 { atBody += count }
            }
            let line = page.firstLine
            for start in ["☐", "Dynamic warm-up", "Strengthening", "Static cool-down", "Pain after", "How much", "See it move", "• Week"] {
                #expect(!line.hasPrefix(start), "page \(number + 1) starts with '\(line)', without its heading")
            }
        }
        #expect(Double(atBody) >= 0.85 * Double(all), "\(atBody) of \(all) characters at \(body) pt or more")
        // Card headings are "N. Name"; a page never starts with a step of a card ("2. Roll your shoulders...").
        let names = Set(try Self.moves(try scratch.read("Output/plan.json")).map(\.id))
        #expect(names.count > 10)
        for (number, page) in pages.enumerated() where page.firstLine.first?.isNumber == true {
            let title = page.firstLine.drop { $0 != " " }.dropFirst()
            #expect(title.count < 40 && !title.contains(","), "page \(number + 1) starts with a step: '\(page.firstLine)'")
        }
    }
}

/// A printed plan as pdfplumber reads it, through `Tests/Scripts/inspect_pdf.py`.
enum PDFInspector {
    static let script = Backplan.packageRoot.appendingPathComponent("Tests/Scripts/inspect_pdf.py")

    static let available: Bool = {
        guard toolExists("python3"), let result = try? ChildProcess.run(tool: "python3", [script.path, "check"]) else { return false }
        return result.status == 0
    }()

    struct Page {
        /// Characters by font size in points, in the page's body (the running header and footer left out).
        var sizes: [Double: Int]
        var firstLine: String
    }

    static func pages(_ pdf: URL) throws -> [Page] {
        let result = try ChildProcess.run(tool: "python3", [script.path, "pages", pdf.path])
        try #require(result.status == 0, "inspect_pdf.py failed: \(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        return json.map { page in
            let sizes = (page["sizes"] as? [String: Int] ?? [:]).reduce(into: [Double: Int]()) { $0[Double($1.key) ?? 0] = $1.value }
            return Page(sizes: sizes, firstLine: page["first_line"] as? String ?? "")
        }
    }
}
