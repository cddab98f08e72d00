import BackPlanCore
import BackPlanRender

/// A plan as an RFC 5545 calendar (`plan.ics`): one event per training day.
///
/// Nothing here reads the clock: DTSTAMP is the time of writing, given as
/// `stamp`, and UIDs come from the person, the plan's start and the day, so
/// importing a remade plan updates its events instead of adding copies.
package struct PlanCalendar: Sendable {
    /// Minutes before a timed event its reminder fires when the preferences do not say.
    package static let defaultReminderMinutes = 30
    static let productID = "-//BackPlan//BackPlan plan//EN"

    package var plan: Plan
    package var catalog: Catalog
    /// The zone of `time`; nil with a `time` gives floating local times (it is ignored without one).
    package var zone: CalendarZone?
    /// When the file is written, in seconds since 1970-01-01T00:00Z: every event's DTSTAMP.
    package var stamp: Int
    /// The text of the plan.ics this one replaces, if any: it sets the events' SEQUENCE.
    package var previous: String?

    package init(plan: Plan, catalog: Catalog, zone: CalendarZone?, stamp: Int, previous: String? = nil) {
        self.plan = plan
        self.catalog = catalog
        self.zone = zone
        self.stamp = stamp
        self.previous = previous
    }

    /// The plan's title, the summary of every event.
    package var title: String { "Back plan for \(plan.person.name)" }

    /// The whole `plan.ics` text.
    package var ics: String { text(sequence: sequence) }

    /// Every event's SEQUENCE: 0 for a new calendar; when replacing a plan.ics of the same person and start,
    /// its SEQUENCE if nothing but DTSTAMP changed, else one more.
    ///
    /// Calendar programs replace an event they already hold only when its
    /// SEQUENCE grows (RFC 5546), so a changed plan must count up; an
    /// unchanged one keeps its number, so remaking it gives the same bytes.
    package var sequence: Int {
        guard let previous, previous.contains("-\(seriesID)@backplan") else { return 0 }
        let lines = previous.split(separator: "\r\n")
        let old = lines.compactMap { $0.hasPrefix("SEQUENCE:") ? Int($0.dropFirst("SEQUENCE:".count)) : nil }.max() ?? 0
        let unstamped = { (text: String) in
            text.split(separator: "\r\n").filter { !$0.hasPrefix("DTSTAMP:") && !$0.hasPrefix("SEQUENCE:") }
        }
        return unstamped(previous) == unstamped(text(sequence: old)) ? old : old + 1
    }

    private func text(sequence: Int) -> String {
        var components: [ICalendar] = []
        if let zone = timedZone, !zone.isUTC { components.append(zone.component) }
        if plan.weeks.isEmpty {
            components.append(adviceEvent(sequence: sequence))
        } else {
            for week in plan.weeks {
                components += week.sessions.map { event(for: $0, week: week.number, sequence: sequence) }
            }
        }
        return ICalendar("VCALENDAR", properties: [
            .init("VERSION", "2.0"),
            .init("PRODID", Self.productID),
            .init("CALSCALE", "GREGORIAN"),
            .init("METHOD", "PUBLISH"),
            .init("X-WR-CALNAME", text: title),
        ], components: components).text
    }

    /// The zone events are timed in, or nil when they are all-day or floating.
    private var timedZone: CalendarZone? { plan.person.time == nil ? nil : zone }

    /// A stable id for the person and the plan's start; the day is added per event.
    var seriesID: String {
        Fingerprint("backplan.calendar/1", plan.person.name, plan.person.email ?? "", plan.start.iso).hex()
    }

    func uid(for date: CivilDate) -> String {
        "\(CalendarFormat.date(date))-\(seriesID)@backplan"
    }

    // MARK: - Events

    private func event(for session: Session, week: Int, sequence: Int) -> ICalendar {
        var properties = identity(for: session.date, sequence: sequence)
        properties += timing(for: session)
        properties.append(.init("SUMMARY", text: session.kind == .mobility ? "\(title): mobility day" : title))
        properties.append(.init("DESCRIPTION", text: routine(session, week: week)))
        return ICalendar("VEVENT", properties: properties, components: alarm.map { [$0] } ?? [])
    }

    /// A plan without exercises still gets one all-day event that says why, on its first day.
    private func adviceEvent(sequence: Int) -> ICalendar {
        var properties = identity(for: plan.start, sequence: sequence)
        properties += allDay(plan.start)
        properties.append(.init("SUMMARY", text: "\(title): see a healthcare professional first"))
        properties.append(.init("DESCRIPTION", text: plan.advice.map(\.text).joined(separator: "\n")))
        return ICalendar("VEVENT", properties: properties)
    }

    private func identity(for date: CivilDate, sequence: Int) -> [ICalendar.Property] {
        [
            .init("UID", uid(for: date)),
            .init("DTSTAMP", CalendarFormat.dateTime(utcSeconds: stamp) + "Z"),
            .init("SEQUENCE", String(sequence)),
        ]
    }

    private func timing(for session: Session) -> [ICalendar.Property] {
        guard let time = plan.person.time else { return allDay(session.date) }
        let start = CalendarFormat.dateTime(session.date, time)
        let seconds = Int((session.estimatedMinutes * 60).rounded())
        let dtstart: ICalendar.Property = switch timedZone {
        case nil: .init("DTSTART", start)
        case let zone? where zone.isUTC: .init("DTSTART", start + "Z")
        case let zone?: .init("DTSTART", start, parameters: [("TZID", zone.identifier)])
        }
        return [
            dtstart,
            .init("DURATION", CalendarFormat.duration(seconds: seconds)),
            .init("TRANSP", "OPAQUE"),
        ]
    }

    private func allDay(_ date: CivilDate) -> [ICalendar.Property] {
        [
            .init("DTSTART", CalendarFormat.date(date), parameters: [("VALUE", "DATE")]),
            .init("DTEND", CalendarFormat.date(date.adding(days: 1)), parameters: [("VALUE", "DATE")]),
            .init("TRANSP", "TRANSPARENT"),
        ]
    }

    /// A display reminder: `reminder_minutes` before, 30 by default for timed events; all-day events only when asked.
    private var alarm: ICalendar? {
        let minutes = plan.person.reminderMinutes ?? (plan.person.time == nil ? nil : Self.defaultReminderMinutes)
        guard let minutes else { return nil }
        return ICalendar("VALARM", properties: [
            .init("ACTION", "DISPLAY"),
            .init("DESCRIPTION", text: title),
            .init("TRIGGER", CalendarFormat.duration(seconds: -minutes * 60)),
        ])
    }
}
