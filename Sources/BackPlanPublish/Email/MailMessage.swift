import Foundation

/// An RFC 5322 message with a MIME body, serialized to bytes with CRLF lines of at most 78 characters.
package struct MailMessage: Sendable {
    /// One MIME entity: text (quoted-printable), an attachment or an inline image (base64), or a multipart of entities.
    package struct Part: Sendable {
        package enum Content: Sendable {
            case text(String)
            /// A file to save; `fileName` may be any text (non-ASCII goes as RFC 2231 with an ASCII fallback).
            case attachment(Data, fileName: String)
            /// A part the HTML shows where it refers to `cid:CONTENTID` (RFC 2392), such as a figure's PNG.
            case inline(Data, fileName: String, contentID: String)
            case multipart(subtype: String, [Part])
        }

        /// The media type with its parameters, such as `text/plain; charset=utf-8`; for a multipart, the boundary is added
        /// to the parameters given (`multipart/related; type="text/html"`).
        package var contentType: String
        package var content: Content

        package init(contentType: String, content: Content) {
            self.contentType = contentType
            self.content = content
        }
    }

    /// Header lines as `Name: value`, already encoded and folded (see `MIMEEncoding`).
    package var headers: [String]
    package var body: Part
    /// Makes the multipart boundaries; the same seed gives the same bytes.
    package var boundarySeed: String

    package init(headers: [String], body: Part, boundarySeed: String) {
        self.headers = headers
        self.body = body
        self.boundarySeed = boundarySeed
    }

    /// The message as it goes to a file or to sendmail.
    package var data: Data {
        var lines = headers
        lines.append("MIME-Version: 1.0")
        lines += entity(body, path: "1")
        return Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// The header and body lines of one entity; `path` names it for its boundary ("1", "1.1", ...).
    private func entity(_ part: Part, path: String) -> [String] {
        switch part.content {
        case .text(let text):
            return [
                "Content-Type: \(part.contentType)",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                MIMEEncoding.quotedPrintable(text),
            ]
        case let .attachment(data, fileName):
            return [
                "Content-Type: \(part.contentType);\r\n name=\"\(MIMEEncoding.asciiFileName(fileName))\"",
                "Content-Disposition: attachment;\r\n " + MIMEEncoding.fileNameParameters(fileName).joined(separator: ";\r\n "),
                "Content-Transfer-Encoding: base64",
                "",
                MIMEEncoding.base64(data),
            ]
        case let .inline(data, fileName, contentID):
            return [
                "Content-Type: \(part.contentType);\r\n name=\"\(fileName)\"",
                "Content-ID: <\(contentID)>",
                "Content-Disposition: inline;\r\n filename=\"\(fileName)\"",
                "Content-Transfer-Encoding: base64",
                "",
                MIMEEncoding.base64(data),
            ]
        case let .multipart(subtype, parts):
            // "=_" cannot occur in quoted-printable or base64 text, so the boundary never clashes with a body.
            let boundary = "=_backplan_\(boundarySeed)_\(path)"
            let parameters = part.contentType.split(separator: ";", maxSplits: 1).dropFirst().first.map { ";" + $0 } ?? ""
            var lines = ["Content-Type: multipart/\(subtype)\(parameters);\r\n boundary=\"\(boundary)\"", ""]
            if path == "1" { lines.append("This is a MIME message: the plan as text and HTML, and its calendar.") }
            for (index, child) in parts.enumerated() {
                lines.append("--\(boundary)")
                lines += entity(child, path: "\(path).\(index + 1)")
            }
            lines.append("--\(boundary)--")
            return lines
        }
    }
}
