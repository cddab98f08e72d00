import BackPlanCore
import Foundation
import Testing

@testable import BackPlanPublish

/// CSV as spreadsheets and scripts really write it, read through the streaming reader.
@Suite("Roster reader")
struct RosterReaderTests {
    /// Reads every row of a roster file written from `bytes`.
    static func rows(_ bytes: [UInt8], name: String = "roster.csv", shard: RosterShard = .all) throws -> [RosterRow] {
        let folder = try TemporaryFolder()
        let path = try folder.write(name, bytes: bytes)
        let reader = try RosterReader(path: path, shard: shard)
        var rows: [RosterRow] = []
        while let row = try reader.next() { rows.append(row) }
        return rows
    }

    static func rows(_ text: String, name: String = "roster.csv") throws -> [RosterRow] {
        try rows(Array(text.utf8), name: name)
    }

    @Test("quoted fields keep commas, quotes and line breaks; row numbers count records, not lines")
    func quoted() throws {
        let rows = try Self.rows("name,areas,minutes\n\"Doe, Jane\",\"neck;chest\",45\n\"Multi\nLine\",neck,20\n\"Say \"\"Hi\"\"\",,30\n")
        #expect(rows.map(\.number) == [2, 3, 4])
        #expect(try rows[0].preferences.get().name == "Doe, Jane")
        #expect(try rows[0].preferences.get().areas == [.neck, .chest])
        #expect(rows[1].preferences.failureMessage?.hasPrefix("roster.csv:3: name: the name contains a line break") == true)
        #expect(try rows[2].preferences.get().name == "Say \"Hi\"")
    }

    @Test("a byte-order mark, CRLF line ends and a missing last line end are accepted")
    func bomAndCRLF() throws {
        let rows = try Self.rows([0xEF, 0xBB, 0xBF] + Array("name,minutes\r\nAlex,30\r\nBea,45".utf8))
        #expect(try rows.map { try $0.preferences.get().name } == ["Alex", "Bea"])
        #expect(try rows.map { try $0.preferences.get().minutes } == [30, 45])
    }

    @Test("blank lines are skipped but keep their row number")
    func blankLines() throws {
        let rows = try Self.rows("name,minutes\nAlex,30\n\n,\nBea,45\n\n")
        #expect(rows.map(\.number) == [2, 5])
    }

    @Test("missing trailing cells are empty; extra cells fail only their row")
    func ragged() throws {
        let rows = try Self.rows("name,minutes,weeks\nAlex\nBea,45,2,extra\nCy,20,\n")
        #expect(try rows[0].preferences.get().minutes == 30)
        #expect(rows[1].preferences.failureMessage == "roster.csv:3: the row has 4 cells but the header names 3 columns; put values that contain a comma in double quotes")
        #expect(try rows[2].preferences.get().weeks == 4)
    }

    @Test("text that is not UTF-8 stops the roster at its row")
    func notUTF8() throws {
        #expect {
            _ = try Self.rows(Array("name\nAlex\nB".utf8) + [0xFF, 0x0A])
        } throws: { error in
            String(describing: error).hasSuffix("roster.csv:3: the file is not UTF-8 text")
        }
    }

    @Test("a bad header, an empty file and an unknown extension are refused before any row", arguments: [
        ("roster.csv", "name,colour\nAlex,red\n", "roster.csv:1: colour: unknown key"),
        ("roster.csv", "", "roster.csv: the roster is empty"),
        ("roster.txt", "name\nAlex\n", "roster.txt: a roster must be a .csv file"),
        ("roster.yaml", "name: Alex\n", "roster.yaml:1:1: expected a list of people"),
    ])
    func refused(name: String, text: String, expected: String) throws {
        let folder = try TemporaryFolder()
        let path = try folder.write(name, text)
        #expect {
            _ = try RosterReader(path: path, shard: .all)
        } throws: { error in
            String(describing: error).replacingOccurrences(of: folder.url.path + "/", with: "").hasPrefix(expected)
        }
    }

    @Test("a YAML roster gives one row per item, numbered from 1")
    func yaml() throws {
        let rows = try Self.rows("- name: Alex\n  areas: [neck]\n- {name: Bea, id: bea-7, minutes: 45}\n", name: "roster.yaml")
        #expect(rows.map(\.number) == [1, 2])
        #expect(rows.map(\.folder) == ["alex", "bea-7"])
        #expect(try rows[1].preferences.get().minutes == 45)
    }
}

extension Result where Failure == InputError {
    /// The error's message without the folder of the temporary file, nil on success.
    var failureMessage: String? {
        guard case .failure(let error) = self else { return nil }
        var copy = error
        copy.file = URL(fileURLWithPath: error.file).lastPathComponent
        return copy.description
    }
}
