import Foundation
import Testing
@testable import BackPlanPublish

@Suite("Mail addresses and MIME encodings")
struct EmailEncodingTests {
    @Test("addresses with and without display names", arguments: zip([
        "alex@example.com",
        "  Alex Doe <alex@example.com> ",
        "\"Doe, Alex\" <alex.doe+plans@mail.example.org>",
        "Zoë Müller <zoe@example.com>",
        "<alex@example.com>",
    ], [
        "alex@example.com",
        "Alex Doe <alex@example.com>",
        "\"Doe, Alex\" <alex.doe+plans@mail.example.org>",
        "=?utf-8?q?Zo=C3=AB_M=C3=BCller?= <zoe@example.com>",
        "alex@example.com",
    ]))
    func addresses(text: String, header: String) throws {
        #expect(try Mailbox(parsing: text, place: "--to").header == header)
    }

    @Test("a CR or LF anywhere is header injection", arguments: [
        "alex@example.com\r\nBcc: victim@example.net",
        "Alex\nDoe <alex@example.com>",
        "alex@example.com\r",
        "Alex <alex@example.com>\u{2028}Bcc: x@example.net",
    ])
    func injection(text: String) {
        #expect(throws: EmailError(place: "--to", problem: .lineBreak)) { try Mailbox(parsing: text, place: "--to") }
        #expect(EmailError(place: "--to", problem: .lineBreak).description
            == "--to: contains a line break (CR or LF), which a mail header cannot hold; write it on one line")
    }

    @Test("what is not one plain address is refused", arguments: [
        "alex", "alex@", "@example.com", "alex@example", "alex@@example.com", "alex doe@example.com", "a..b@example.com",
        "alex@example.com, sam@example.com", "Alex <alex@example.com", "zoë@example.com", "alex@-example.com", "",
        "Al<ex <alex@example.com>",
    ])
    func malformed(text: String) {
        #expect(throws: EmailError(place: "--from", problem: .notAnAddress(text))) { try Mailbox(parsing: text, place: "--from") }
    }

    @Test("the error names the option and shows what is expected")
    func malformedMessage() {
        #expect(EmailError(place: "--from", problem: .notAnAddress("alex")).description
            == "--from: 'alex' is not an email address; expected alex@example.com or \"Alex Doe <alex@example.com>\"")
    }

    @Test("RFC 2047 words never split a UTF-8 character and stay short")
    func encodedWords() {
        #expect(MIMEEncoding.encodedWords("Zoë Müller") == ["=?utf-8?q?Zo=C3=AB_M=C3=BCller?="])
        #expect(MIMEEncoding.encodedWords("a?b=c_d") == ["=?utf-8?q?a=3Fb=3Dc=5Fd?="])
        let words = MIMEEncoding.encodedWords(String(repeating: "東京", count: 20))
        #expect(words.count > 1)
        #expect(words.allSatisfy { $0.count <= 64 && $0.hasPrefix("=?utf-8?q?") && $0.hasSuffix("?=") })
        // Each word holds whole characters: three escapes per character.
        #expect(words.allSatisfy { ($0.count - 12) % 9 == 0 })
    }

    @Test("a long ASCII subject folds at spaces, within 78 characters a line")
    func subjectFolding() {
        let subject = Array(repeating: "Back plan for the weeks ahead", count: 5).joined(separator: " ")
        let header = MIMEEncoding.unstructured("Subject", subject)
        let lines = header.components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= 78 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(header.replacingOccurrences(of: "\r\n", with: "") == "Subject: " + subject)
        #expect(MIMEEncoding.unstructured("Subject", "Your plan") == "Subject: Your plan")
    }

    @Test("quoted-printable keeps lines within 76 characters, escapes what must be, and ends lines in CRLF")
    func quotedPrintable() {
        let text = String(repeating: "Zoë's plan = ☐ row, ", count: 12) + "end \n.\nlast\r\nline\t"
        let encoded = MIMEEncoding.quotedPrintable(text)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(!encoded.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(encoded.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(lines.contains { $0.hasSuffix(" end=20") }, "a space before a line break is escaped")
        #expect(lines.contains("=2E"), "a line holding a single dot is escaped")
        #expect(lines.last == "line=09")
        #expect(encoded.hasPrefix("Zo=C3=AB's plan =3D =E2=98=90 row,"))
    }

    @Test("an attachment's name: plain ASCII as it is; otherwise RFC 2231 first, split within 76 characters, then an ASCII fallback", arguments: zip([
        "Back plan - Alex Doe - 2026-12-14.pdf",
        "Back plan - Zoë - 2026-12-14.ics",
        "Back plan - Zoë Müller - 2026-10-19.ics",
        "Back plan - 王小明 \"Ming\" - 2026-12-14.pdf",
    ], [
        ["filename=\"Back plan - Alex Doe - 2026-12-14.pdf\""],
        ["filename*=UTF-8''Back%20plan%20-%20Zo%C3%AB%20-%202026-12-14.ics", "filename=\"Back plan - Zoe - 2026-12-14.ics\""],
        ["filename*0*=UTF-8''Back%20plan%20-%20Zo%C3%AB%20M%C3%BCller%20-%202026-10-", "filename*1*=19.ics",
         "filename=\"Back plan - Zoe Muller - 2026-10-19.ics\""],
        ["filename*0*=UTF-8''Back%20plan%20-%20%E7%8E%8B%E5%B0%8F%E6%98%8E%20%22Ming", "filename*1*=%22%20-%202026-12-14.pdf",
         "filename=\"Back plan - ___ Ming - 2026-12-14.pdf\""],
    ]))
    func fileNames(name: String, parameters: [String]) {
        #expect(MIMEEncoding.fileNameParameters(name) == parameters)
        #expect(MIMEEncoding.fileNameParameters(name).allSatisfy { $0.count + 2 <= 76 })
    }

    @Test("base64 lines are 76 characters")
    func base64() {
        let encoded = MIMEEncoding.base64(Data(repeating: 0xE2, count: 200))
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.dropLast().allSatisfy { $0.count == 76 })
        #expect(Data(base64Encoded: lines.joined()) == Data(repeating: 0xE2, count: 200))
    }
}
