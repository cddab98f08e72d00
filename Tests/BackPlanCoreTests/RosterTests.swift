import Testing

@testable import BackPlanCore

/// Roster rows are checked like preferences files and placed at their row.
@Suite("Roster rows")
struct RosterTests {
    /// Every column a CSV roster may have, in the order of the bad-row matrix below.
    static let header = ["id"] + Preferences.keys

    /// One bad cell per case: (column, cell, the message after `roster.csv:<row>: `).
    static let badCells: [(String, String, String)] = [
        ("minutes", "500", "minutes: 500 is out of range 10..90"),
        ("minutes", "thirty", "minutes: expected a whole number in 10..90, found 'thirty'"),
        ("minutes", "30.5", "minutes: expected a whole number in 10..90, found '30.5'"),
        ("weeks", "0", "weeks: 0 is out of range 1..12"),
        ("days_per_week", "9", "days_per_week: 9 is out of range 1..7"),
        ("days", "mon;funday", "days[2]: 'funday' is not allowed (did you mean 'sun'?); expected one of: mon, tue, wed, thu, fri, sat, sun"),
        ("days", "mon;mon", "days[2]: 'mon' is listed twice"),
        ("areas", "nek", "areas: 'nek' is not allowed (did you mean 'neck'?); expected one of: neck, shoulders, upper-back, mid-back, lower-back, chest"),
        ("areas", "[]", "areas: expected a list with at least one of: neck, shoulders, upper-back, mid-back, lower-back, chest, found an empty list"),
        ("equipment", "chair;kettlebell", "equipment[2]: 'kettlebell' is not allowed; expected one of: resistance-band, dumbbells, foam-roller, chair"),
        ("floor", "maybe", "floor: expected true or false, found 'maybe'"),
        ("level", "expert", "level: 'expert' is not allowed; expected one of: beginner, intermediate"),
        ("pain", "extreme", "pain: 'extreme' is not allowed; expected one of: none, mild, moderate, severe"),
        ("recent_injury", "sometimes", "recent_injury: expected true or false, found 'sometimes'"),
        ("start", "2026-02-30", "start: '2026-02-30' is not a date; expected YYYY-MM-DD, such as 2026-11-30"),
        ("start", "next week", "start: 'next week' is not a date; expected YYYY-MM-DD, such as 2026-11-30"),
        ("time", "25:00", "time: '25:00' is not a time of day; expected HH:MM in 24-hour form, such as \"07:30\""),
        ("timezone", "Mars/Olympus", "timezone: 'Mars/Olympus' is not a known time zone; expected an IANA name such as Europe/Berlin or America/New_York"),
        ("email", "alex at example", "email: 'alex at example' is not an email address; expected something like alex@example.com"),
        ("reminder_minutes", "-5", "reminder_minutes: -5 is out of range 0..10080"),
        ("name", "", "name: is required but missing"),
        ("id", "../x", "id: '../x' cannot name a folder; use letters, digits, '-', '_' and '.', not starting with '.'"),
    ]

    /// The cells of a good row with `column` set to `cell` (a row without a name keeps its minutes, so it is not blank).
    static func cells(_ column: String, _ cell: String) -> [String] {
        header.map { key in
            if key == column { return cell }
            if key == "minutes" && column == "name" { return "30" }
            return key == "name" ? "Sam Roe" : ""
        }
    }

    @Test("a bad cell fails its row with the preferences message at the row number", arguments: badCells)
    func badCell(column: String, cell: String, expected: String) throws {
        let columns = try RosterColumns(header: Self.header, file: "roster.csv")
        var roster = Roster(file: "roster.csv")
        let parsedRow = roster.row(number: 14, cells: Self.cells(column, cell), columns: columns, selected: true)
        let row = try #require(parsedRow)
        #expect(row.number == 14)
        #expect(throws: InputError.self) { try row.preferences.get() }
        if case .failure(let error) = row.preferences {
            #expect(error.description == "roster.csv:14: " + expected)
        }
    }

    @Test("a good row gives the same preferences as the equivalent preferences file")
    func goodRowMatchesFile() throws {
        let header = ["name", "email", "days", "minutes", "areas", "equipment", "floor", "level", "pain", "time", "timezone"]
        let cells = ["Alex Doe", "alex@example.com", "mon; wed ;fri", " 30", "neck;upper-back;shoulders", "resistance-band;chair", "true", "beginner", "mild", "07:30", "Europe/Berlin"]
        var roster = Roster(file: "roster.csv")
        let parsedRow = roster.row(number: 2, cells: cells, columns: try RosterColumns(header: header, file: "roster.csv"), selected: true)
        let row = try #require(parsedRow)
        #expect(row.folder == "alex-doe")
        #expect(try row.preferences.get() == Preferences.example)
    }

    @Test("empty cells keep the defaults; [] is the empty list; missing trailing cells are empty")
    func defaults() throws {
        let columns = try RosterColumns(header: ["name", "minutes", "equipment", "weeks"], file: "r.csv")
        var roster = Roster(file: "r.csv")
        let parsedRow = roster.row(number: 2, cells: ["Kim", "", "[]"], columns: columns, selected: true)
        let row = try #require(parsedRow)
        var expected = Preferences()
        expected.name = "Kim"
        expected.equipment = []
        #expect(try row.preferences.get() == expected)
    }

    @Test("more cells than columns fail the row unless the extra cells are empty")
    func extraCells() throws {
        let columns = try RosterColumns(header: ["name", "minutes"], file: "r.csv")
        var roster = Roster(file: "r.csv")
        let parsedBad = roster.row(number: 3, cells: ["Kim", "30", "oops"], columns: columns, selected: true)
        let bad = try #require(parsedBad)
        #expect(bad.preferences.failureDescription == "r.csv:3: the row has 3 cells but the header names 2 columns; put values that contain a comma in double quotes")
        let parsedGood = roster.row(number: 4, cells: ["Lee", "30", "", " "], columns: columns, selected: true)
        let good = try #require(parsedGood)
        #expect(good.preferences.failureDescription == nil)
    }

    @Test("a blank row is skipped", arguments: [[""], ["", " ", ""]])
    func blank(cells: [String]) throws {
        var roster = Roster(file: "r.csv")
        #expect(roster.row(number: 5, cells: cells, columns: try RosterColumns(header: ["name", "minutes"], file: "r.csv"), selected: true) == nil)
    }

    @Test("a bad header stops the roster at row 1", arguments: [
        (["name", "minuts"], "r.csv:1: minuts: unknown key (did you mean 'minutes'?); allowed keys: id, " + Preferences.keys.joined(separator: ", ")),
        (["name", "minutes", "minutes"], "r.csv:1: minutes: the column appears twice in the header"),
        (["minutes", "areas"], "r.csv:1: name: the header has no 'name' column; a roster needs each person's name"),
        (["name;minutes;areas"], "r.csv:1: the header is one column holding ';': columns are separated by commas, such as name,minutes,areas (a ';' separates the items of a list inside one cell, such as neck;upper-back)"),
    ])
    func badHeader(header: [String], expected: String) {
        #expect {
            try RosterColumns(header: header, file: "r.csv")
        } throws: { error in
            String(describing: error) == expected
        }
    }

    @Test("a byte-order mark and spaces around header names are ignored")
    func headerBOM() throws {
        let columns = try RosterColumns(header: ["\u{FEFF}name", " minutes ", ""], file: "r.csv")
        #expect(columns.keys == ["name", "minutes", nil])
    }

    @Test("folders are unique slugs of names unless an id names them")
    func folders() throws {
        let columns = try RosterColumns(header: ["id", "name"], file: "r.csv")
        var roster = Roster(file: "r.csv")
        let rows: [[String]] = [["", "Alex Doe"], ["", "Alex  Doe!"], ["alex-doe-3", "Alex"], ["", "alex doe"], ["", "../../etc/passwd"],
                                ["", "a/b\\c\u{7}d"], ["", "Zoë O'Brien"], ["", "李小龍"], ["ALEX-DOE-3", "Again"]]
        let results = rows.enumerated().map { index, cells in roster.row(number: index + 2, cells: cells, columns: columns, selected: true) }
        #expect(results.map { $0?.folder } == ["alex-doe", "alex-doe-2", "alex-doe-3", "alex-doe-4", "etc-passwd", "a-b-c-d", "zoe-o-brien", "person", nil])
        #expect(results.last??.preferences.failureDescription == "r.csv:10: id: duplicate id 'ALEX-DOE-3' (first used on line 4)")
    }

    @Test("rows of other shards are not parsed but still take their folder")
    func shardKeepsFolders() throws {
        let columns = try RosterColumns(header: ["name", "minutes"], file: "r.csv")
        var roster = Roster(file: "r.csv")
        #expect(roster.row(number: 2, cells: ["Alex", "500"], columns: columns, selected: false) == nil)
        let parsedRow = roster.row(number: 3, cells: ["Alex", "30"], columns: columns, selected: true)
        let row = try #require(parsedRow)
        #expect(row.folder == "alex-2")
    }

    @Test("a YAML roster item is checked like a preferences file, at its line")
    func yamlItems() throws {
        let text = """
            - name: Alex Doe
              minutes: 30
            - name: Bea
              colour: red
            - id: cy-01
              name: Cy
              minutes: 500
            - minutes: 20

            """
        let items = try Roster.items(yaml: text, file: "r.yaml")
        var roster = Roster(file: "r.yaml")
        let rows = items.enumerated().map { index, item in roster.row(number: index + 1, item: item, selected: true) }
        #expect(rows.map { $0?.number } == [1, 2, 3, 4])
        #expect(rows.map { $0?.preferences.failureDescription } == [
            nil,
            "r.yaml:4:3: colour: unknown key; allowed keys: id, " + Preferences.keys.joined(separator: ", "),
            "r.yaml:7:12: minutes: 500 is out of range 10..90",
            "r.yaml:8:3: name: is required but missing",
        ])
        #expect(rows[0]?.folder == "alex-doe")
    }

    @Test("a YAML roster must be a list", arguments: [("name: Alex\n", "r.yaml:1:1: expected a list of people"), ("", "r.yaml:1: the file is empty")])
    func yamlNotAList(text: String, expected: String) {
        #expect {
            try Roster.items(yaml: text, file: "r.yaml")
        } throws: { error in
            String(describing: error).hasPrefix(expected)
        }
    }

    @Test("data row i is in shard ((i - 1) mod N) + 1, so the first person is in shard 1",
          arguments: [("1/3", 1, true), ("1/3", 4, true), ("1/3", 3, false), ("2/3", 2, true), ("3/3", 3, true), ("3/3", 6, true), ("1/1", 1, true)])
    func shard(text: String, dataRow: Int, expected: Bool) throws {
        #expect(try #require(RosterShard(text: text)).contains(dataRow: dataRow) == expected)
    }

    @Test("over K = 1...N every data row is in exactly one shard, the first in shard 1", arguments: 1...7)
    func shardsPartition(count: Int) throws {
        let shards = try (1...count).map { try RosterShard(parsing: "\($0)/\(count)") }
        for dataRow in 1...40 {
            #expect(shards.filter { $0.contains(dataRow: dataRow) }.count == 1, "data row \(dataRow)")
        }
        #expect(shards[0].contains(dataRow: 1))
    }

    @Test("malformed shards are refused, saying what is allowed", arguments: zip(
        ["0/3", "4/3", "3/2", "1/0", "a/b", "1", "1/2/3", "-1/2"],
        ["--shard 0/3: K must be from 1 to N (3)", "--shard 4/3: K must be from 1 to N (3)", "--shard 3/2: K must be from 1 to N (2)",
         "--shard 1/0: N must be at least 1", "--shard 'a/b': expected K/N, two whole numbers such as 2/8 (slice K of N)",
         "--shard '1': expected K/N, two whole numbers such as 2/8 (slice K of N)",
         "--shard '1/2/3': expected K/N, two whole numbers such as 2/8 (slice K of N)", "--shard -1/2: K must be from 1 to N (2)"]))
    func badShard(text: String, message: String) {
        #expect(RosterShard(text: text) == nil)
        #expect { try RosterShard(parsing: text) } throws: { ($0 as? RosterShard.ParseError)?.description == message }
    }

    @Test("the row seed depends on the run's seed and the folder only")
    func seed() {
        #expect(RosterRow.seed(base: 1, folder: "alex") == RosterRow.seed(base: 1, folder: "alex"))
        #expect(RosterRow.seed(base: 1, folder: "alex") != RosterRow.seed(base: 2, folder: "alex"))
        #expect(RosterRow.seed(base: 1, folder: "alex") != RosterRow.seed(base: 1, folder: "bea"))
    }
}

extension Result where Failure == InputError {
    /// The error's message, nil on success.
    var failureDescription: String? {
        if case .failure(let error) = self { return error.description }
        return nil
    }
}
