import BackPlanCore

/// The date, time, duration and offset value formats of RFC 5545.
package enum CalendarFormat {
    /// DATE: `20261130`.
    package static func date(_ date: CivilDate) -> String {
        date.iso.replacingOccurrences(of: "-", with: "")
    }

    /// A floating or local DATE-TIME: `20261130T073000`.
    package static func dateTime(_ date: CivilDate, _ time: LocalTime) -> String {
        "\(Self.date(date))T\(pad(time.hour))\(pad(time.minute))00"
    }

    /// The wall-clock DATE-TIME of an instant shifted to local time, without a zone: `20260329T020000`.
    package static func dateTime(utcSeconds: Int) -> String {
        let days = utcSeconds >= 0 ? utcSeconds / 86_400 : (utcSeconds - 86_399) / 86_400
        let seconds = utcSeconds - days * 86_400
        let date = CivilDate(daysSinceEpoch: days)
        return "\(Self.date(date))T\(pad(seconds / 3600))\(pad(seconds % 3600 / 60))\(pad(seconds % 60))"
    }

    /// UTC-OFFSET: `+0100`, `-0330`, `+053000` when seconds are needed.
    package static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        let text = "\(sign)\(pad(magnitude / 3600))\(pad(magnitude % 3600 / 60))"
        return magnitude % 60 == 0 ? text : text + pad(magnitude % 60)
    }

    /// DURATION: `PT28M30S`, `PT1H`, `PT0S`; negative for alarms before the start (`-PT30M`).
    package static func duration(seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : ""
        let magnitude = abs(seconds)
        if magnitude == 0 { return "PT0S" }
        if magnitude % 86_400 == 0 { return "\(sign)P\(magnitude / 86_400)D" }
        var text = "\(sign)PT"
        if magnitude >= 3600 { text += "\(magnitude / 3600)H" }
        if magnitude % 3600 >= 60 { text += "\(magnitude % 3600 / 60)M" }
        if magnitude % 60 > 0 { text += "\(magnitude % 60)S" }
        return text
    }

    private static func pad(_ number: Int) -> String {
        number < 10 ? "0\(number)" : "\(number)"
    }
}
