/// An RFC 5545 component (VCALENDAR, VEVENT, VALARM, ...) built as data and serialized as text.
///
/// Serialization is the only place content lines are made, so every line is
/// folded at 75 octets and ends in CRLF whatever builds the component.
package struct ICalendar: Equatable, Sendable {
    /// One content line before folding: `NAME;PARAM=value:value`.
    package struct Property: Equatable, Sendable {
        package var name: String
        package var parameters: [(name: String, value: String)]
        /// The value exactly as it goes on the line; TEXT values are escaped by `init(text:)`.
        package var value: String

        package init(_ name: String, _ value: String, parameters: [(name: String, value: String)] = []) {
            self.name = name
            self.value = value
            self.parameters = parameters
        }

        /// A TEXT property (SUMMARY, DESCRIPTION, ...), escaped per RFC 5545 section 3.3.11.
        package init(_ name: String, text: String) {
            self.init(name, ICalendar.escaped(text))
        }

        package static func == (a: Property, b: Property) -> Bool {
            a.name == b.name && a.value == b.value
                && a.parameters.map(\.name) == b.parameters.map(\.name) && a.parameters.map(\.value) == b.parameters.map(\.value)
        }

        /// The unfolded line, without its CRLF.
        var line: String {
            let parameterText = parameters.map { ";\($0.name)=\(ICalendar.parameterValue($0.value))" }.joined()
            return "\(name)\(parameterText):\(value)"
        }
    }

    package var name: String
    package var properties: [Property]
    package var components: [ICalendar]

    package init(_ name: String, properties: [Property] = [], components: [ICalendar] = []) {
        self.name = name
        self.properties = properties
        self.components = components
    }

    /// The component as an iCalendar stream: folded lines, each ending in CRLF.
    package var text: String {
        var lines: [String] = ["BEGIN:\(name)"]
        lines += properties.map(\.line)
        var text = lines.map { ICalendar.folded($0) }.joined()
        for component in components { text += component.text }
        return text + ICalendar.folded("END:\(name)")
    }

    // MARK: - Escaping and folding

    /// TEXT escaping: backslash, semicolon, comma and line breaks; other control characters are dropped.
    package static func escaped(_ text: String) -> String {
        var result = ""
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        for scalar in normalized.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n": result += "\\n"
            case "\t": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A parameter value, quoted when it holds `:`, `;` or `,` (double quotes cannot appear in one and are dropped).
    static func parameterValue(_ value: String) -> String {
        let clean = String(value.unicodeScalars.filter { $0 != "\"" && $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        return clean.contains(where: { ":;,".contains($0) }) ? "\"\(clean)\"" : clean
    }

    /// One content line folded into lines of at most 75 octets, CRLF after each.
    ///
    /// A continuation line starts with a space, which counts toward its 75
    /// octets; a UTF-8 character is never split between two lines, since
    /// strict parsers reject the halves.
    package static func folded(_ line: String) -> String {
        var result = ""
        var current = ""
        var currentOctets = 0
        var limit = 75
        for scalar in line.unicodeScalars {
            let octets = String(scalar).utf8.count
            if currentOctets + octets > limit {
                result += current + "\r\n "
                current = ""
                currentOctets = 0
                limit = 74
            }
            current.unicodeScalars.append(scalar)
            currentOctets += octets
        }
        return result + current + "\r\n"
    }
}
