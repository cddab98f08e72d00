import BackPlanCore
import Foundation

extension CalendarZone {
    /// The zone's offsets from the system's zone database, covering `first...last`; nil for an unknown name.
    ///
    /// The change just before `first` is included so that every event of the
    /// plan falls after a STANDARD or DAYLIGHT part that says its offset.
    package init?(identifier: String, covering first: CivilDate, through last: CivilDate) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        let lookBack = Date(timeIntervalSince1970: TimeInterval(first.adding(days: -400).daysSinceEpoch * 86_400))
        let from = Date(timeIntervalSince1970: TimeInterval(first.adding(days: -1).daysSinceEpoch * 86_400))
        let until = Date(timeIntervalSince1970: TimeInterval(last.adding(days: 2).daysSinceEpoch * 86_400))
        var found: [Transition] = []
        var cursor = lookBack
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < until {
            let transition = Transition(
                instant: Int(next.timeIntervalSince1970.rounded()),
                offsetBefore: zone.secondsFromGMT(for: next.addingTimeInterval(-1)),
                offsetAfter: zone.secondsFromGMT(for: next),
                isDaylight: zone.isDaylightSavingTime(for: next)
            )
            if next < from { found = [transition] } else { found.append(transition) }
            cursor = next
        }
        self.init(
            identifier: identifier,
            baseOffset: zone.secondsFromGMT(for: from),
            baseIsDaylight: zone.isDaylightSavingTime(for: from),
            transitions: found
        )
    }
}
