import Foundation
import Testing
@testable import BackPlanPublish

@Suite("plan.sent records")
struct SentRecordTests {
    @Test("a record reads back as written")
    func roundTrip() throws {
        let record = SentRecord(messageID: "<abc.20261214@example.org>", recipient: "Zoë Müller <zoe@example.com>",
                                sentAt: Date(timeIntervalSince1970: 1_796_400_000))
        #expect(SentRecord(parsing: record.data) == record)
        #expect(String(decoding: record.data, as: UTF8.self).contains("\nsent: 2026-12-04T16:00:00Z\n"))
    }

    @Test("what is not a record is no record", arguments: [
        "Sent with sendmail -i -t; delete this file to send plan.eml again with --skip-existing.\n",
        "message-id: abc\nto: x\nsent: 2026-12-04T16:00:00Z\n",
        "message-id: <abc>\nto: x\nsent: yesterday\n",
        "",
    ])
    func notARecord(text: String) {
        #expect(SentRecord(parsing: Data(text.utf8)) == nil)
    }

    @Test("the Message-ID is read from the header block only")
    func messageIDFromHeaders() {
        let message = Data("From: a@example.org\r\nMessage-ID: <one@example.org>\r\n\r\nMessage-ID: <two@example.org>\r\n".utf8)
        #expect(SentRecord.messageID(of: message) == "<one@example.org>")
        #expect(SentRecord.messageID(of: Data("From: a@example.org\r\n\r\nMessage-ID: <two@example.org>\r\n".utf8)) == nil)
    }
}
