import Testing
@testable import BackPlanCore

@Suite("Dates as plans print them")
struct CivilDateTextTests {
    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                     "September", "October", "November", "December"]
    private static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    @Test("longText and dayHeading read as the day, month and year (or weekday) in words, for every day of 1899-2101 and years 1-999")
    func texts() {
        // 1 January 1899 up to 31 December 2101, and a day in each of the years 1 to 999 (one to three digits).
        let first = CivilDate(year: 1899, month: 1, day: 1)!, last = CivilDate(year: 2101, month: 12, day: 31)!
        var dates = (0...(last.daysSinceEpoch - first.daysSinceEpoch)).map { first.adding(days: $0) }
        dates += (1...999).map { CivilDate(year: $0, month: ($0 % 12) + 1, day: ($0 % 28) + 1)! }
        var wrong = 0
        for date in dates {
            let month = Self.monthNames[date.month - 1]
            // Monday is day 0: 1 January 1900 was a Monday.
            let weekday = Self.weekdayNames[Weekday.allCases.firstIndex(of: date.weekday)!]
            if date.longText != "\(date.day) \(month) \(date.year)" || date.dayHeading != "\(weekday) \(date.day) \(month)" {
                wrong += 1
                if wrong < 5 { Issue.record("\(date.iso): '\(date.longText)', '\(date.dayHeading)'") }
            }
        }
        #expect(wrong == 0)
        #expect(CivilDate(year: 2026, month: 9, day: 30)!.dayHeading == "Wednesday 30 September")
        #expect(CivilDate(year: 1900, month: 1, day: 1)!.weekday == .mon)
    }
}
