import Foundation
import BackPlanCore

/// One mailbox, `alex@example.com` or `Alex Doe <alex@example.com>`: an address (checked by `EmailAddress`) and a display name, as a header carries them.
package struct Mailbox: Equatable, Sendable {
    /// The display name, nil when there is none.
    package var name: String?
    /// The addr-spec, ASCII `local@domain`.
    package var address: String

    /// Checks an address and a display name given apart (the person's name and `email`).
    package init(name: String?, address: String, place: String) throws(EmailError) {
        try Self.rejectLineBreaks(address, place: place)
        if let name { try Self.rejectLineBreaks(name, place: place) }
        let trimmed = address.trimmingCharacters(in: .whitespaces)
        guard EmailAddress.isValid(trimmed) else { throw EmailError(place: place, problem: .notAnAddress(address)) }
        let cleanName = name?.trimmingCharacters(in: .whitespaces)
        self.name = cleanName?.isEmpty == false ? cleanName : nil
        self.address = trimmed
    }

    /// Parses `addr`, `Name <addr>` or `"Name, Title" <addr>`, as given to `--to` and `--from`.
    package init(parsing text: String, place: String) throws(EmailError) {
        try Self.rejectLineBreaks(text, place: place)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else {
            try self.init(name: nil, address: trimmed, place: place)
            return
        }
        let inside = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        var name = String(trimmed[..<open]).trimmingCharacters(in: .whitespaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = Self.unquoted(String(name.dropFirst().dropLast()))
        } else if name.contains(where: { "<>\"".contains($0) }) {
            throw EmailError(place: place, problem: .notAnAddress(text))
        }
        do {
            try self.init(name: name, address: inside, place: place)
        } catch {
            throw EmailError(place: place, problem: .notAnAddress(text))
        }
    }

    /// The part after the `@`, for the Message-ID.
    package var domain: String { String(address[address.index(after: address.lastIndex(of: "@")!)...]) }

    /// The mailbox as a person reads it, not encoded: `Zoë Müller <zoe@example.com>`, or the address alone.
    package var display: String {
        name.map { "\($0) <\(address)>" } ?? address
    }

    /// The mailbox as a header value: the name as atoms, a quoted string or RFC 2047 encoded words.
    package var header: String {
        guard let name else { return address }
        return "\(MIMEEncoding.phrase(name)) <\(address)>"
    }

    // MARK: - Checks

    private static func rejectLineBreaks(_ text: String, place: String) throws(EmailError) {
        if text.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            throw EmailError(place: place, problem: .lineBreak)
        }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\t" }) {
            throw EmailError(place: place, problem: .notAnAddress(text.unicodeScalars.filter { $0.value >= 0x20 }.map(String.init).joined()))
        }
    }

    private static func unquoted(_ text: String) -> String {
        var result = ""
        var escaping = false
        for character in text {
            if escaping || character != "\\" {
                result.append(character)
                escaping = false
            } else {
                escaping = true
            }
        }
        return result
    }
}
