import BackPlanCore
import Testing
@testable import BackPlanPublish

@Suite("iCalendar text: escaping, folding, value formats")
struct ICalendarTests {
    @Test("TEXT escapes backslash, semicolon, comma and line breaks, and drops other control characters")
    func escaping() {
        #expect(ICalendar.escaped("a\\b;c,d\ne\r\nf\rg\u{7}h\ti") == "a\\\\b\\;c\\,d\\ne\\nf\\ng" + "h\ti")
    }

    @Test("a short line is left alone and ends in CRLF")
    func shortLine() {
        #expect(ICalendar.folded("SUMMARY:Back plan") == "SUMMARY:Back plan\r\n")
    }

    @Test("long lines fold at 75 octets, continuation lines start with a space", arguments: [
        String(repeating: "a", count: 200),
        "DESCRIPTION:" + String(repeating: "ü", count: 80),
        "DESCRIPTION:x" + String(repeating: "東", count: 60),
        "DESCRIPTION:" + String(repeating: "🧘🏽‍♀️", count: 20),
    ])
    func folding(line: String) throws {
        // Checked on bytes: "\r\n" is one Character, and a space before a combining scalar joins it.
        let folded = Array(ICalendar.folded(line).utf8)
        #expect(folded.suffix(2) == [13, 10])
        let physical = folded.dropLast(2).split(separator: 10, omittingEmptySubsequences: false).map { Array($0) }
        #expect(physical.count > 1)
        for (index, part) in physical.enumerated() {
            let octets = index == physical.count - 1 ? part.count : part.count - 1
            #expect(index == physical.count - 1 || part.last == 13, "CRLF, never a bare LF")
            #expect(octets <= 75, "line \(index) has \(octets) octets")
            #expect(index == 0 || part.first == 32)
            #expect(index == physical.count - 1 || octets >= 72, "lines are filled, not split early")
        }
        // Unfolding (drop CRLF and the space) gives the line back, each piece valid UTF-8 on its own.
        let pieces = physical.enumerated().map { index, part in
            Array(part.dropFirst(index == 0 ? 0 : 1).prefix(index == physical.count - 1 ? part.count : part.count - (index == 0 ? 1 : 2)))
        }
        #expect(pieces.allSatisfy { String(validating: $0, as: UTF8.self) != nil })
        #expect(String(decoding: pieces.joined(), as: UTF8.self) == line)
    }

    @Test("a component nests and serializes every line with CRLF")
    func component() {
        let alarm = ICalendar("VALARM", properties: [.init("TRIGGER", "-PT30M")])
        let event = ICalendar("VEVENT", properties: [.init("SUMMARY", text: "Row, band"), .init("DTSTART", "20261130", parameters: [("VALUE", "DATE")])], components: [alarm])
        #expect(event.text == "BEGIN:VEVENT\r\nSUMMARY:Row\\, band\r\nDTSTART;VALUE=DATE:20261130\r\nBEGIN:VALARM\r\nTRIGGER:-PT30M\r\nEND:VALARM\r\nEND:VEVENT\r\n")
    }

    @Test("durations", arguments: zip([1710, 1800, 3600, 3690, -1800, -5400, 0, -86_400], ["PT28M30S", "PT30M", "PT1H", "PT1H1M30S", "-PT30M", "-PT1H30M", "PT0S", "-P1D"]))
    func duration(seconds: Int, expected: String) {
        #expect(CalendarFormat.duration(seconds: seconds) == expected)
    }

    @Test("offsets", arguments: zip([3600, 7200, -18_000, 19_800, -12_600, 0, 20_700 + 30], ["+0100", "+0200", "-0500", "+0530", "-0330", "+0000", "+054530"]))
    func offset(seconds: Int, expected: String) {
        #expect(CalendarFormat.offset(seconds) == expected)
    }

    @Test("local date-times of instants, before and after 1970")
    func dateTimes() {
        #expect(CalendarFormat.dateTime(utcSeconds: 1_774_746_000 + 3600) == "20260329T020000")
        #expect(CalendarFormat.dateTime(utcSeconds: -1) == "19691231T235959")
        #expect(CalendarFormat.dateTime(CivilDate(iso: "2026-11-30")!, LocalTime(hour: 7, minute: 5)!) == "20261130T070500")
    }

    @Test("Berlin's zone around March 2026: the change before the plan and the spring change in it")
    func berlinZone() throws {
        let zone = try #require(CalendarZone(identifier: "Europe/Berlin", covering: CivilDate(iso: "2026-03-23")!, through: CivilDate(iso: "2026-04-05")!))
        #expect(zone.transitions == [
            .init(instant: 1_761_440_400, offsetBefore: 7200, offsetAfter: 3600, isDaylight: false),
            .init(instant: 1_774_746_000, offsetBefore: 3600, offsetAfter: 7200, isDaylight: true),
        ])
        #expect(zone.component.text.contains("BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\n"))
        #expect(CalendarZone(identifier: "Mars/Olympus", covering: CivilDate(iso: "2026-03-23")!, through: CivilDate(iso: "2026-04-05")!) == nil)
    }

    @Test("a zone without daylight-saving time gets one fixed STANDARD part")
    func fixedZone() throws {
        let zone = try #require(CalendarZone(identifier: "Asia/Tokyo", covering: CivilDate(iso: "2026-03-23")!, through: CivilDate(iso: "2026-04-05")!))
        #expect(zone.transitions.isEmpty)
        #expect(zone.component.text == "BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n")
    }
}
