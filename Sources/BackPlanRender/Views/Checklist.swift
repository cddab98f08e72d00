import BackPlanCore
import Foundation

/// plan.html as a checklist: the plan's sessions as data, a small script that makes the day sections'
/// tick boxes and pain line fillable, and the Content-Security-Policy that lets only that script run.
///
/// Without script the page is the printable plan, unchanged: the script adds every control itself,
/// and hides the buttons when printing. It reads the day sections the default templates make
/// (`section.day`, its heading starting with the session's day, a `☐` list item per move whose bold
/// text is the move's card number and name) and leaves alone whatever it does not recognise, so a
/// page from other templates stays a plain page. An email carries none of it: mail clients strip scripts.
package enum Checklist {
    /// The log's file name, as `backplan log` writes it and the page's "Save my log" downloads it.
    package static let logFileName = "log.csv"

    /// The `<meta>` element of the page's Content-Security-Policy: nothing is fetched, only the script runs.
    package static var policyElement: String {
        "<meta http-equiv=\"Content-Security-Policy\" content=\"\(policy)\">"
    }

    /// The policy: no network at all; inline styles, `data:` images, and the one inline script by its hash.
    package static let policy =
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src '\(scriptHash)'; base-uri 'none'; form-action 'none'"

    /// `sha256-` and the base64 SHA-256 of the script's exact bytes, as CSP Level 2 names a hash source.
    package static let scriptHash = "sha256-" + Data(SHA256.digest(script.utf8)).base64EncodedString()

    /// Appends `elements` to `output`: the data element, made for the plan, then the script's
    /// element, made once for the run.
    static func writeElements(_ plan: Plan, planID: String, cards: PlanCard.Numbers, to output: RenderBuffer) {
        output.append(utf8Of: "<script type=\"application/json\" id=\"backplan-checklist\">" as StaticString)
        appendData(plan, planID: planID, cards: cards, to: output)
        output.append(utf8Of: "</script>\n" as StaticString)
        scriptElement.withUnsafeBufferPointer { output.append($0) }
    }

    private static let scriptElement = Array("<script>\(script)</script>".utf8)

    /// A little more than `elements` takes for `plan`: the script, and the data of about 16 moves a session.
    package static func byteEstimate(_ plan: Plan) -> Int {
        var sessions = 0
        for week in plan.weeks { sessions += week.sessions.count }
        return scriptElement.count + 256 + 48 * sessions * 16
    }

    /// The plan as the script reads it: its id, the log's columns and file name, and per session its
    /// date, its heading's day and its moves (id, and the bold label the day's list shows).
    package static func data(_ plan: Plan, planID: String, cards: PlanCard.Numbers) -> String {
        let output = RenderBuffer(capacity: 1024)
        appendData(plan, planID: planID, cards: cards, to: output)
        return output.text
    }

    private static func appendData(_ plan: Plan, planID: String, cards: PlanCard.Numbers, to json: RenderBuffer) {
        json.append(utf8Of: "{\"columns\":[" as StaticString)
        for (index, column) in SessionLog.columns.enumerated() {
            if index > 0 { json.append(byte: 0x2C) }
            appendString(column, to: json)
        }
        json.append(utf8Of: "],\"file\":" as StaticString)
        appendString(logFileName, to: json)
        json.append(utf8Of: ",\"plan_id\":" as StaticString)
        appendString(planID, to: json)
        json.append(utf8Of: ",\"sessions\":[" as StaticString)
        var firstSession = true
        var moves = MoveEntries(cards: cards)
        for week in plan.weeks {
            for session in week.sessions {
                if !firstSession { json.append(byte: 0x2C) }
                firstSession = false
                appendSession(session, moves: &moves, to: json)
            }
        }
        json.append(utf8Of: "]}" as StaticString)
    }

    private static func appendSession(_ session: Session, moves: inout MoveEntries, to json: RenderBuffer) {
        json.append(utf8Of: "{\"date\":" as StaticString)
        appendString(session.date.iso, to: json)
        // The day as the day's heading starts: "Monday 30 November".
        json.append(utf8Of: ",\"day\":\"" as StaticString)
        json.append(utf8Of: session.weekday.title)
        json.append(byte: 0x20)
        json.append(decimal: session.date.day)
        json.append(byte: 0x20)
        json.append(utf8Of: session.date.monthName)
        json.append(utf8Of: "\",\"moves\":[" as StaticString)
        var first = true
        for block in session.blocks {
            // By index: `for item in items` copied each item, retaining every string and list in it.
            let items = block.items
            for item in items.indices {
                if !first { json.append(byte: 0x2C) }
                first = false
                moves.append(items, item, to: json)
            }
        }
        json.append(utf8Of: "]}" as StaticString)
    }

    /// A move's entry in a session's list: `{"id":…,"label":…}`, where the label is "9. Row" as the
    /// day's list shows it, or the name alone for a move without a card.
    ///
    /// A plan lists the same few dozen moves in every session: a carded move's entry is made the first
    /// time, then copied from where it was written.
    private struct MoveEntries {
        let cards: PlanCard.Numbers
        /// Where each card's entry was first written in the output, by card number.
        var written: [Range<Int>?]

        init(cards: PlanCard.Numbers) {
            self.cards = cards
            written = Array(repeating: nil, count: cards.count + 1)
        }

        /// Appends the entry of `items[item]` (the block's items and an index: an item passed alone is a copy).
        mutating func append(_ items: [PlanItem], _ item: Int, to json: RenderBuffer) {
            let card = cards.number(id: items[item].id, equipment: items[item].equipment)
            guard let card, card >= 0, card < written.count else {
                return Self.appendEntry(items[item].id, name: items[item].name, card: card, to: json)
            }
            if let range = written[card] { return json.appendCopy(of: range) }
            let start = json.count
            Self.appendEntry(items[item].id, name: items[item].name, card: card, to: json)
            written[card] = start..<json.count
        }

        private static func appendEntry(_ id: String, name: String, card: Int?, to json: RenderBuffer) {
            json.append(utf8Of: "{\"id\":" as StaticString)
            appendString(id, to: json)
            json.append(utf8Of: ",\"label\":\"" as StaticString)
            if let card {
                json.append(decimal: card)
                json.append(utf8Of: ". " as StaticString)
            }
            appendEscaped(name, to: json)
            json.append(utf8Of: "\"}" as StaticString)
        }
    }

    /// `text` as a JSON string that is safe inside a `<script>` element.
    static func string(_ text: String) -> String {
        let output = RenderBuffer(capacity: text.utf8.count + 2)
        appendString(text, to: output)
        return output.text
    }

    /// Appends `text` as a JSON string: `<`, `>` and `&` as `\u` escapes, so no text (a move's name from a
    /// clinic's catalog) can end the element; control characters and U+2028/U+2029 escaped too.
    private static func appendString(_ text: String, to json: RenderBuffer) {
        json.append(byte: 0x22)
        appendEscaped(text, to: json)
        json.append(byte: 0x22)
    }

    /// Appends the inside of `appendString`'s JSON string: the runs of bytes that need no escape are copied whole.
    private static func appendEscaped(_ text: String, to json: RenderBuffer) {
        text.withUTF8Bytes { utf8 in
            var plain = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                let escape: StaticString
                switch byte {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x3C: escape = "\\u003c"
                case 0x3E: escape = "\\u003e"
                case 0x26: escape = "\\u0026"
                case 0x00..<0x20: escape = ""
                // U+2028 and U+2029 end a line in older JavaScript.
                case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    escape = utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                default:
                    index += 1
                    continue
                }
                json.append(UnsafeBufferPointer(rebasing: utf8[plain..<index]))
                if byte < 0x20 {
                    json.append(utf8Of: "\\u00" as StaticString)
                    json.append(byte: hexDigit(byte >> 4))
                    json.append(byte: hexDigit(byte & 0xF))
                } else {
                    json.append(utf8Of: escape)
                }
                index += byte == 0xE2 ? 3 : 1
                plain = index
            }
            json.append(UnsafeBufferPointer(rebasing: utf8[plain..<utf8.count]))
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x61 + value - 10 }
}
