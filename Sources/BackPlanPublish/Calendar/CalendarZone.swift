import BackPlanCore

/// The UTC offsets of one IANA time zone around a plan's dates: what a VTIMEZONE needs.
///
/// Kept as plain data so the calendar text is built without looking up the
/// zone database; `CalendarZone+TimeZone.swift` fills it from the system's.
package struct CalendarZone: Equatable, Sendable {
    /// A change of offset (the start or end of daylight-saving time).
    package struct Transition: Equatable, Sendable {
        /// The moment of the change, in seconds since 1970-01-01T00:00Z.
        package var instant: Int
        package var offsetBefore: Int
        package var offsetAfter: Int
        package var isDaylight: Bool

        package init(instant: Int, offsetBefore: Int, offsetAfter: Int, isDaylight: Bool) {
            self.instant = instant
            self.offsetBefore = offsetBefore
            self.offsetAfter = offsetAfter
            self.isDaylight = isDaylight
        }
    }

    /// The IANA name, such as Europe/Berlin.
    package var identifier: String
    /// The offset in seconds east of UTC before the first transition (or always, without one).
    package var baseOffset: Int
    package var baseIsDaylight: Bool
    /// The last change before the plan's first day and every change up to its last, in order.
    package var transitions: [Transition]

    package init(identifier: String, baseOffset: Int, baseIsDaylight: Bool = false, transitions: [Transition] = []) {
        self.identifier = identifier
        self.baseOffset = baseOffset
        self.baseIsDaylight = baseIsDaylight
        self.transitions = transitions
    }

    /// Whether times in this zone are plain UTC, written with a `Z` and no VTIMEZONE.
    package var isUTC: Bool {
        ["UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/GMT", "GMT", "Etc/Zulu", "Zulu"].contains(identifier)
            && baseOffset == 0 && transitions.isEmpty
    }

    /// The VTIMEZONE component: one STANDARD or DAYLIGHT part per transition, or a fixed offset.
    var component: ICalendar {
        var parts: [ICalendar] = []
        if transitions.isEmpty {
            parts.append(Self.part(daylight: baseIsDaylight, start: "19700101T000000", from: baseOffset, to: baseOffset))
        }
        for transition in transitions {
            // DTSTART is the moment of change in the local time that was in force before it.
            let local = CalendarFormat.dateTime(utcSeconds: transition.instant + transition.offsetBefore)
            parts.append(Self.part(daylight: transition.isDaylight, start: local, from: transition.offsetBefore, to: transition.offsetAfter))
        }
        return ICalendar("VTIMEZONE", properties: [.init("TZID", identifier)], components: parts)
    }

    private static func part(daylight: Bool, start: String, from: Int, to: Int) -> ICalendar {
        ICalendar(daylight ? "DAYLIGHT" : "STANDARD", properties: [
            .init("DTSTART", start),
            .init("TZOFFSETFROM", CalendarFormat.offset(from)),
            .init("TZOFFSETTO", CalendarFormat.offset(to)),
        ])
    }
}
