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

    /// The data element and the script, for the end of the page's body.
    package static func elements(_ plan: Plan, planID: String, cards: [String: Int]) -> String {
        "<script type=\"application/json\" id=\"backplan-checklist\">\(data(plan, planID: planID, cards: cards))</script>\n<script>\(script)</script>"
    }

    /// The plan as the script reads it: its id, the log's columns and file name, and per session its
    /// date, its heading's day and its moves (id, and the bold label the day's list shows).
    ///
    /// JSON inside `<script>`: `<`, `>` and `&` are written as `\u` escapes, so no text (a move's name
    /// from a clinic's catalog) can end the element.
    package static func data(_ plan: Plan, planID: String, cards: [String: Int]) -> String {
        var json = "{\"columns\":["
        json += SessionLog.columns.map(string).joined(separator: ",")
        json += "],\"file\":\(string(logFileName)),\"plan_id\":\(string(planID)),\"sessions\":["
        for (index, session) in plan.sessions.enumerated() {
            if index > 0 { json += "," }
            let day = "\(session.weekday.title) \(session.date.day) \(session.date.monthName)"
            json += "{\"date\":\(string(session.date.iso)),\"day\":\(string(day)),\"moves\":["
            for (position, item) in session.items.enumerated() {
                if position > 0 { json += "," }
                let card = cards[PlanCard.key(id: item.id, equipment: item.equipment)]
                json += "{\"id\":\(string(item.id)),\"label\":\(string(card.map { "\($0). \(item.name)" } ?? item.name))}"
            }
            json += "]}"
        }
        return json + "]}"
    }

    /// `text` as a JSON string that is safe inside a `<script>` element.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
