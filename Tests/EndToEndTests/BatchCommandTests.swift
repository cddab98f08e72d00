import Foundation
import Testing

@Suite("backplan batch, run as a user would")
struct BatchCommandTests {
    /// Every column a roster may have.
    static let header = "id,name,email,start,weeks,days,days_per_week,minutes,areas,equipment,floor,level,pain,recent_injury,time,timezone,reminder_minutes"

    /// Good rows (with the preferences file each is equal to) and one bad row per case of the preferences checks.
    static let rows: [(cells: String, outcome: Outcome)] = [
        (",Alex Doe,alex@example.com,,4,mon;wed;fri,,30,neck;upper-back;shoulders,resistance-band;chair,true,beginner,mild,,07:30,Europe/Berlin,",
         .good(folder: "alex-doe", yaml: "name: Alex Doe\nemail: alex@example.com\nweeks: 4\ndays: [mon, wed, fri]\nminutes: 30\nareas: [neck, upper-back, shoulders]\nequipment: [resistance-band, chair]\nfloor: true\nlevel: beginner\npain: mild\ntime: \"07:30\"\ntimezone: Europe/Berlin\n")),
        (",Bea,,,,,,500,,,,,,,,,", .bad("minutes: 500 is out of range 10..90")),
        (",Cy,,,,,,thirty,,,,,,,,,", .bad("minutes: expected a whole number in 10..90, found 'thirty'")),
        (",Dee,,,0,,,,,,,,,,,,", .bad("weeks: 0 is out of range 1..12")),
        (",Eve,,,,,9,,,,,,,,,,", .bad("days_per_week: 9 is out of range 1..7")),
        (",Fay,,,,mon;funday,,,,,,,,,,,", .bad("days[2]: 'funday' is not allowed (did you mean 'sun'?); expected one of: mon, tue, wed, thu, fri, sat, sun")),
        (",Gus,,,,mon,3,,,,,,,,,,", .bad("days: give either 'days' or 'days_per_week', not both")),
        ("desk-7,\"Hal, the second\",,2026-12-07,2,,2,20,neck,[],false,intermediate,none,false,,,",
         .good(folder: "desk-7", yaml: "name: \"Hal, the second\"\nstart: 2026-12-07\nweeks: 2\ndays_per_week: 2\nminutes: 20\nareas: [neck]\nequipment: []\nfloor: false\nlevel: intermediate\npain: none\nrecent_injury: false\n")),
        (",Ida,,,,,,,nek,,,,,,,,", .bad("areas: 'nek' is not allowed (did you mean 'neck'?); expected one of: neck, shoulders, upper-back, mid-back, lower-back, chest")),
        (",Jo,,,,,,,,kettlebell,,,,,,,", .bad("equipment: 'kettlebell' is not allowed; expected one of: resistance-band, dumbbells, foam-roller, chair")),
        (",Kai,,,,,,,,,maybe,,,,,,", .bad("floor: expected true or false, found 'maybe'")),
        (",Lu,,,,,,,,,,expert,,,,,", .bad("level: 'expert' is not allowed; expected one of: beginner, intermediate")),
        (",Mo,,,,,,,,,,,extreme,,,,", .bad("pain: 'extreme' is not allowed; expected one of: none, mild, moderate, severe")),
        (",Ned,,,,,,,,,,,,sometimes,,,", .bad("recent_injury: expected true or false, found 'sometimes'")),
        (",Oz,,2026-02-30,,,,,,,,,,,,,", .bad("start: '2026-02-30' is not a date; expected YYYY-MM-DD, such as 2026-11-30")),
        (",Pia,,,,,,,,,,,,,25:00,,", .bad("time: '25:00' is not a time of day; expected HH:MM in 24-hour form, such as \"07:30\"")),
        (",Quin,,,,,,,,,,,,,,Mars/Olympus,", .bad("timezone: 'Mars/Olympus' is not a known time zone; expected an IANA name such as Europe/Berlin or America/New_York")),
        (",Rae,alex at example,,,,,,,,,,,,,,", .bad("email: 'alex at example' is not an email address; expected something like alex@example.com")),
        (",Sol,,,,,,,,,,,,,,,-5", .bad("reminder_minutes: -5 is out of range 0..10080")),
        (",,,,,,,25,,,,,,,,,", .bad("name: is required but missing")),
        ("../up,Tom,,,,,,,,,,,,,,,", .bad("id: '../up' cannot name a folder; use letters, digits, '-', '_' and '.', not starting with '.'")),
        ("desk-7,Uma,,,,,,,,,,,,,,,", .bad("id: duplicate id 'desk-7' (first used on line 9)")),
        (",Vic,,,,,,,,,,,,,,,,extra", .bad("the row has 18 cells but the header names 17 columns; put values that contain a comma in double quotes")),
        (",Wyn,,,,,,,,,,,,true,,,", .good(folder: "wyn", yaml: "name: Wyn\nrecent_injury: true\n")),
    ]

    enum Outcome {
        case good(folder: String, yaml: String)
        case bad(String)
    }

    static var rosterText: String { ([header] + rows.map(\.cells)).joined(separator: "\n") + "\n" }

    @Test("good rows are written, each bad row is reported at its row number, and the status is 1")
    func mixedRoster() throws {
        let scratch = try ScratchFolder()
        try scratch.write("roster.csv", Self.rosterText)
        let result = try Backplan.run(["batch", "roster.csv", "--output", "out", "--start", "2026-11-30", "--seed", "42", "--quiet"], in: scratch.url)
        #expect(result.status == 1)
        let expected = Self.rows.enumerated().compactMap { index, row -> String? in
            if case .bad(let message) = row.outcome { return "roster.csv:\(index + 2): \(message)" }
            return nil
        }
        #expect(result.stderr == expected.map { $0 + "\n" }.joined())
        #expect(result.stdout.isEmpty)
        let folders = Self.rows.compactMap { row -> String? in
            if case .good(let folder, _) = row.outcome { return folder }
            return nil
        }
        #expect(scratch.files().filter { $0.hasPrefix("out/") } == folders.sorted().flatMap { ["out/\($0)/plan.html", "out/\($0)/plan.ics", "out/\($0)/plan.json", "out/\($0)/plan.md"] })
    }

    @Test("each good row's files are byte-identical to `plan` run alone with the row's seed", arguments: rows.compactMap { row -> (String, String)? in
        if case .good(let folder, let yaml) = row.outcome { return (folder, yaml) }
        return nil
    })
    func identicalToPlan(folder: String, yaml: String) throws {
        let scratch = try ScratchFolder()
        try scratch.write("roster.csv", Self.rosterText)
        let batch = try Backplan.run(["batch", "roster.csv", "--output", "out", "--start", "2026-11-30", "--seed", "42", "--verbose"], in: scratch.url)
        let line = try #require(batch.stdout.split(separator: "\n").first { $0.contains(": out/\(folder): ") })
        let seed = try #require(line.split(separator: "(seed ").last?.dropLast())
        try scratch.write("alone.yaml", yaml)
        let plan = try Backplan.run(["plan", "alone.yaml", "--output", "alone", "--start", "2026-11-30", "--seed", String(seed)], in: scratch.url)
        try #require(plan.status == 0, "\(plan.stderr)")
        for file in ["plan.md", "plan.html", "plan.json"] {
            #expect(try scratch.read("out/\(folder)/\(file)") == scratch.read("alone/\(file)"), "\(folder)/\(file)")
        }
    }

    @Test("a YAML roster works the same, with messages at the file's lines")
    func yamlRoster() throws {
        let scratch = try ScratchFolder()
        try scratch.write("team.yaml", """
            - name: Alex Doe
              areas: [neck]
            - name: Bea
              minutes: 500
            - id: c-3
              name: Cy
              colour: blue

            """)
        let result = try Backplan.run(["batch", "team.yaml", "--output", "out", "--format", "md"], in: scratch.url)
        #expect(result.status == 1)
        #expect(result.stderr == """
            team.yaml:4:12: minutes: 500 is out of range 10..90
            team.yaml:7:3: colour: unknown key; allowed keys: id, name, email, start, weeks, days, days_per_week, minutes, areas, equipment, floor, level, pain, recent_injury, time, timezone, reminder_minutes, large_print, exclude, include, note, clinician, review

            """)
        #expect(result.stdout.hasPrefix("batch: 1 written, 2 failed, 0 skipped in "))
        #expect(scratch.files() == ["out/alex-doe/plan.md", "team.yaml"])
    }

    @Test("with --email --pdf each row is printed once: the same PDF is written and attached")
    func emailPDFPrintedOnce() throws {
        let scratch = try ScratchFolder()
        // An engine that counts its runs and writes a tiny PDF, found on the PATH as weasyprint.
        let engine = try scratch.write("bin/weasyprint", """
            #!/bin/sh
            echo run >> "\(scratch.url.path)/runs"
            for last; do :; done
            printf '%%PDF-1.4 printed\\n' > "$last"

            """)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: engine.path)
        try scratch.write("roster.csv", "name,email\nAnn,ann@example.com\nBo,bo@example.com\nCy,cy@example.com\n")
        let path = engine.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let result = try Backplan.run(["batch", "roster.csv", "--email", "--from", "clinic@example.org", "--pdf", "--pdf-engine", "weasyprint", "--jobs", "2"],
                                      in: scratch.url, environment: ["PATH": path])
        try #require(result.status == 0, "\(result.stderr)")
        #expect(try scratch.read("runs").split(separator: "\n").count == 3, "one print a row")
        for person in ["ann", "bo", "cy"] {
            #expect(try scratch.read("Output/\(person)/plan.pdf") == "%PDF-1.4 printed\n")
            #expect(try scratch.read("Output/\(person)/plan.eml").contains("JVBERi0xLjQgcHJpbnRlZAo="), "the same PDF, base64, in the message")
        }
    }

    @Test("--shard K/N over K = 1...N writes every row exactly once", arguments: [2, 3, 4])
    func shards(count: Int) throws {
        let scratch = try ScratchFolder()
        try scratch.write("roster.csv", "name\n" + (1...10).map { "Person \($0)" }.joined(separator: "\n") + "\n")
        var written: [String] = []
        for index in 1...count {
            let result = try Backplan.run(["batch", "roster.csv", "--output", "out-\(index)", "--format", "md", "--shard", "\(index)/\(count)", "--quiet"], in: scratch.url)
            #expect(result.status == 0)
            let mine = scratch.files().filter { $0.hasPrefix("out-\(index)/") }.map { String($0.split(separator: "/")[1]) }
            // Data row i (Person i) is in shard ((i - 1) mod N) + 1.
            #expect(Set(mine) == Set((1...10).filter { ($0 - 1) % count + 1 == index }.map { "person-\($0)" }), "shard \(index)/\(count)")
            written += mine
        }
        #expect(written.sorted() == (1...10).map { "person-\($0)" }.sorted())
        #expect(scratch.exists("out-1/person-1/plan.md"), "the first person is in shard 1")
    }

    @Test("a roster that cannot be used stops before writing anything", arguments: [
        ("roster.csv", "name,minuts\nAlex,30\n", "Error: roster.csv:1: minuts: unknown key (did you mean 'minutes'?)"),
        ("roster.csv", "minutes\n30\n", "Error: roster.csv:1: name: the header has no 'name' column"),
        ("roster.csv", "", "Error: roster.csv: the roster is empty"),
        ("roster.csv", "name;minutes;areas\nAlex;30;neck\n", "Error: roster.csv:1: the header is one column holding ';': columns are separated by commas, such as name,minutes,areas (a ';' separates the items of a list inside one cell, such as neck;upper-back)\n"),
        ("people.txt", "name\nAlex\n", "Error: people.txt: a roster must be a .csv file with a header row or a .yaml list of people"),
    ])
    func unusableRoster(name: String, text: String, expected: String) throws {
        let scratch = try ScratchFolder()
        try scratch.write(name, text)
        let result = try Backplan.run(["batch", name, "--output", "out"], in: scratch.url)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix(expected), "\(result.stderr)")
        #expect(!scratch.exists("out"))
    }

    @Test("a missing roster is an error naming it")
    func missingRoster() throws {
        let scratch = try ScratchFolder()
        let result = try Backplan.run(["batch", "nobody.csv"], in: scratch.url)
        #expect(result.status == 1)
        #expect(result.stderr == "Error: nobody.csv: cannot read: no such file\n")
    }

    @Test("bad options are usage errors", arguments: [
        (["--shard", "0/2"], "Error: --shard 0/2: K must be from 1 to N (2)\n"),
        (["--shard", "3/2"], "Error: --shard 3/2: K must be from 1 to N (2)\n"),
        (["--shard", "two"], "Error: --shard 'two': expected K/N, two whole numbers such as 2/8 (slice K of N)\n"),
        (["--jobs", "0"], "--jobs 0 is out of range 1..1024"),
        (["--jobs", "144115188075855872"], "--jobs 144115188075855872 is out of range 1..1024"),
        (["--quiet", "--verbose"], "--quiet and --verbose cannot be used together"),
    ])
    func badOptions(arguments: [String], expected: String) throws {
        let scratch = try ScratchFolder()
        try scratch.write("roster.csv", "name\nAlex\n")
        let result = try Backplan.run(["batch", "roster.csv"] + arguments, in: scratch.url)
        #expect(result.status == 64)
        #expect(result.stderr.contains(expected), "\(result.stderr)")
    }

    @Test("names made to escape the output folder are written inside it")
    func hostileNames() throws {
        let scratch = try ScratchFolder()
        try scratch.write("roster.csv", "name\n../../escaped\n/tmp/abs\n..\n\"a/b\\\\c\"\n")
        let result = try Backplan.run(["batch", "roster.csv", "--output", "deep/out", "--format", "md", "--quiet"], in: scratch.url)
        #expect(result.status == 0)
        #expect(scratch.files() == ["deep/out/a-b-c/plan.md", "deep/out/escaped/plan.md", "deep/out/person/plan.md", "deep/out/tmp-abs/plan.md", "roster.csv"])
    }

    @Test("without a terminal, no bar is drawn: stdout has the summary, --skip-existing skips what is there")
    func summaryAndSkip() throws {
        let scratch = try ScratchFolder()
        try scratch.write("roster.csv", "name\nAlex\nBea\n")
        let first = try Backplan.run(["batch", "roster.csv", "--output", "out", "--format", "md,json"], in: scratch.url)
        #expect(first.status == 0)
        #expect(first.stderr.isEmpty)
        #expect(first.stdout.hasPrefix("batch: 2 written, 0 failed, 0 skipped in "))
        let second = try Backplan.run(["batch", "roster.csv", "--output", "out", "--format", "md,json", "--skip-existing", "--verbose"], in: scratch.url)
        #expect(second.stdout.hasPrefix("row 2: out/alex: up to date, skipped (seed "))
        #expect(second.stdout.contains("\nbatch: 0 written, 0 failed, 2 skipped in "))
    }
}

@Suite("backplan batch --email")
struct BatchEmailTests {
    @Test("each person with an email gets plan.eml, sent once; a row without one fails alone")
    func emailAndSend() throws {
        let scratch = try ScratchFolder()
        try scratch.write("roster.csv", "name,email\nAlex Doe,alex@example.com\nNo Mail,\nZoë Müller,zoe@example.net\n")
        let outbox = scratch.url.appendingPathComponent("outbox.txt")
        let program = try scratch.write("bin/fake-sendmail", "#!/bin/sh\n[ \"$1 $2\" = \"-i -t\" ] || exit 9\ncat >> '\(outbox.path)'\necho '=== end' >> '\(outbox.path)'\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program.path)
        let result = try Backplan.run(
            ["batch", "roster.csv", "--output", "out", "--format", "md", "--email", "--from", "Clinic <clinic@example.org>",
             "--send", "--sendmail", program.path, "--jobs", "2", "--quiet"], in: scratch.url)
        #expect(result.status == 1)
        #expect(result.stderr == "roster.csv:3: email: is required with --email; give this person an address in the email column\n")
        #expect(scratch.files().filter { $0.hasPrefix("out/") } == ["out/alex-doe/plan.eml", "out/alex-doe/plan.md", "out/alex-doe/plan.sent", "out/zoe-muller/plan.eml", "out/zoe-muller/plan.md", "out/zoe-muller/plan.sent"])
        let sent = try String(contentsOf: outbox, encoding: .utf8)
        #expect(sent.components(separatedBy: "=== end").count - 1 == 2)
        #expect(sent.contains("To: Alex Doe <alex@example.com>"))
        #expect(sent.contains("To: =?utf-8?"))
        #expect(try scratch.read("out/alex-doe/plan.eml").contains("Content-Type: text/calendar; charset=utf-8; method=PUBLISH"))
    }

    @Test("a bad sender stops the run before any row", arguments: [
        (["--email", "--from", "not an address"], "--from"),
        (["--email"], "--email needs --from"),
        (["--send"], "only apply with --email"),
        (["--email", "--from", "clinic@example.org", "--send", "--sendmail", "/nonexistent/sendmail"], "--sendmail"),
        (["--email", "--from", "clinic@example.org", "--sendmail", "msmtp"], "--sendmail only applies with --send"),
    ])
    func badOptions(arguments: [String], expected: String) throws {
        let scratch = try ScratchFolder()
        try scratch.write("roster.csv", "name,email\nAlex,alex@example.com\n")
        let result = try Backplan.run(["batch", "roster.csv", "--output", "out"] + arguments, in: scratch.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains(expected), "stderr: \(result.stderr)")
        #expect(!scratch.exists("out"))
    }

    @Test("a message the program fails to send leaves no plan.eml, so --skip-existing sends it again")
    func failedSend() throws {
        let scratch = try ScratchFolder()
        try scratch.write("roster.csv", "name,email\nAlex Doe,alex@example.com\n")
        let program = try scratch.write("bin/refusing-sendmail", "#!/bin/sh\ncat >/dev/null\necho 'relay refused' >&2\nexit 75\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program.path)
        let result = try Backplan.run(
            ["batch", "roster.csv", "--output", "out", "--format", "md", "--email", "--from", "clinic@example.org",
             "--send", "--sendmail", program.path, "--skip-existing", "--quiet"], in: scratch.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("relay refused"), "stderr: \(result.stderr)")
        #expect(scratch.exists("out/alex-doe/plan.md"))
        #expect(!scratch.exists("out/alex-doe/plan.eml"))
    }

    @Test("a run killed while sendmail hangs leaves nothing marked sent: --skip-existing --send sends it")
    func killedWhileSending() throws {
        let scratch = try ScratchFolder()
        try scratch.write("roster.csv", "name,email\nAlex Doe,alex@example.com\n")
        let started = scratch.url.appendingPathComponent("started")
        let hanging = try EmailCommandTests.script(in: scratch, "hanging", "touch '\(started.path)'\ncat > /dev/null\n/bin/sleep 30\n")
        let arguments = ["batch", "roster.csv", "--output", "out", "--format", "md", "--email", "--from", "clinic@example.org", "--send", "--skip-existing"]
        let run = Process()
        run.executableURL = Backplan.binary
        run.arguments = arguments + ["--sendmail", hanging.path]
        run.currentDirectoryURL = scratch.url
        run.standardOutput = FileHandle.nullDevice
        run.standardError = FileHandle.nullDevice
        try run.run()
        for _ in 0..<1500 where !FileManager.default.fileExists(atPath: started.path) { usleep(10_000) }
        try #require(FileManager.default.fileExists(atPath: started.path), "sendmail was started")
        kill(run.processIdentifier, SIGKILL)
        run.waitUntilExit()
        #expect(scratch.exists("out/alex-doe/plan.eml"), "the message was written before sending")
        #expect(!scratch.exists("out/alex-doe/plan.sent"))

        let outbox = scratch.url.appendingPathComponent("outbox")
        let working = try EmailCommandTests.script(in: scratch, "working", "cat > '\(outbox.path)'\n")
        let again = try Backplan.run(arguments + ["--sendmail", working.path], in: scratch.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("1 written, 0 failed, 0 skipped"), "\(again.stdout)")
        #expect(try String(contentsOf: outbox, encoding: .utf8).contains("alex@example.com>"))
        #expect(scratch.exists("out/alex-doe/plan.sent"))
        let third = try Backplan.run(arguments + ["--sendmail", working.path], in: scratch.url)
        #expect(third.stdout.contains("0 written, 0 failed, 1 skipped"), "sent once, then skipped: \(third.stdout)")
    }
}
