import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

extension BrandFile {
    /// The largest width or height of a raster logo, in pixels.
    static let maximumLogoSide = 10_000

    /// The media type of a logo checked to be what it claims: a raster image by its header and
    /// dimensions, an SVG by a full XML parse that finds nothing the PDF engine would fetch.
    ///
    /// The PDF engines follow every reference an SVG makes (`<image href>`, `url()`,
    /// `@import`, `<?xml-stylesheet?>`), from the network or the local disk, and embed
    /// what they get; so an SVG may only point inside itself (`#id`).
    ///
    /// - Returns: the media type, or the reason the file is refused.
    static func logoMediaType(of data: Data) -> Result<String, LogoProblem> {
        let bytes = [UInt8](data.prefix(64))
        func readBE(_ offset: Int, _ count: Int) -> Int? {
            guard offset + count <= bytes.count else { return nil }
            return bytes[offset..<offset + count].reduce(0) { $0 << 8 | Int($1) }
        }
        func readLE(_ offset: Int, _ count: Int) -> Int? {
            guard offset + count <= bytes.count else { return nil }
            return bytes[offset..<offset + count].reversed().reduce(0) { $0 << 8 | Int($1) }
        }
        func sized(_ type: String, _ width: Int?, _ height: Int?) -> Result<String, LogoProblem> {
            guard let width, let height, (1...maximumLogoSide).contains(width), (1...maximumLogoSide).contains(height) else {
                return .failure(.badRaster(type.dropFirst("image/".count).uppercased().replacingOccurrences(of: "WEBP", with: "WebP")))
            }
            return .success(type)
        }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            guard bytes.count >= 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return .failure(.badRaster("PNG")) }
            return sized("image/png", readBE(16, 4), readBE(20, 4))
        }
        if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) {
            return sized("image/gif", readLE(6, 2), readLE(8, 2))
        }
        if bytes.count >= 30, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            switch String(decoding: bytes[12..<16], as: UTF8.self) {
            case "VP8 ": return sized("image/webp", readLE(26, 2).map { $0 & 0x3FFF }, readLE(28, 2).map { $0 & 0x3FFF })
            case "VP8L":
                guard let bits = readLE(21, 4) else { return .failure(.badRaster("WebP")) }
                return sized("image/webp", (bits & 0x3FFF) + 1, (bits >> 14 & 0x3FFF) + 1)
            case "VP8X": return sized("image/webp", readLE(24, 3).map { $0 + 1 }, readLE(27, 3).map { $0 + 1 })
            default: return .failure(.badRaster("WebP"))
            }
        }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            let size = jpegSize(data)
            return sized("image/jpeg", size?.width, size?.height)
        }
        return SVGCheck.problem(in: data).map { .failure($0) } ?? .success("image/svg+xml")
    }

    /// Width and height from a JPEG's start-of-frame segment.
    private static func jpegSize(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data)
        var index = 2
        while index + 9 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            if marker == 0xFF { index += 1; continue }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { index += 2; continue }
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                let height = Int(bytes[index + 5]) << 8 | Int(bytes[index + 6])
                let width = Int(bytes[index + 7]) << 8 | Int(bytes[index + 8])
                return (width, height)
            }
            guard length >= 2 else { return nil }
            index += 2 + length
        }
        return nil
    }

    /// Why a logo is refused, in words that name what to change.
    enum LogoProblem: Error, Equatable {
        case badRaster(String)
        case notImage
        case notSVG(String)
        case externalReference(String)

        var reason: String {
            switch self {
            case .badRaster(let type): "is not a valid \(type) image (its header or its width and height are wrong; at most \(maximumLogoSide) pixels a side)"
            case .notImage: "is not a PNG, JPEG, GIF, WebP or SVG image"
            case .notSVG(let why): "is not a usable SVG image: \(why)"
            case .externalReference(let what): "is an SVG that refers to something outside itself (\(what)); embed everything in the file, with references only to #ids in it"
            }
        }
    }
}

/// Parses an SVG logo as XML and finds anything that would make a PDF engine fetch a file or address.
private final class SVGCheck: NSObject, XMLParserDelegate {
    private var depth = 0
    private var problem: BrandFile.LogoProblem?
    private var insideStyle = 0
    private var sawRoot = false
    /// Set when the root element ends: FoundationXML reports success for a document cut short.
    private var closedRoot = false

    static func problem(in data: Data) -> BrandFile.LogoProblem? {
        let head = String(decoding: data.prefix(4096), as: UTF8.self).lowercased()
        guard head.contains("<svg") else { return .notImage }
        let text = String(decoding: data, as: UTF8.self).lowercased()
        // A document type can declare entities that expand to external files or to a billion bytes.
        if text.contains("<!doctype") || text.contains("<!entity") { return .notSVG("a DOCTYPE or ENTITY declaration is not allowed") }
        let check = SVGCheck()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = check
        let parsed = parser.parse()
        if let problem = check.problem { return problem }
        guard parsed, check.closedRoot else { return .notSVG("it is not well-formed XML (line \(parser.lineNumber))") }
        guard check.sawRoot else { return .notSVG("its root element is not <svg>") }
        return nil
    }

    private func fail(_ problem: BrandFile.LogoProblem, _ parser: XMLParser) {
        if self.problem == nil { self.problem = problem }
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        let name = Self.localName(elementName)
        if depth == 0 {
            guard name == "svg" else { return fail(.notSVG("its root element is <\(elementName)>, not <svg>"), parser) }
            sawRoot = true
        }
        depth += 1
        if name == "script" || name == "foreignobject" { return fail(.externalReference("<\(elementName)>"), parser) }
        if name == "style" { insideStyle += 1 }
        for (attribute, value) in attributes.sorted(by: { $0.key < $1.key }) {
            let key = Self.localName(attribute)
            if key == "href" || key == "src" {
                let target = value.trimmingCharacters(in: .whitespacesAndNewlines)
                guard target.hasPrefix("#") else { return fail(.externalReference("\(attribute)=\"\(Self.short(value))\""), parser) }
            }
            if let bad = Self.cssProblem(value) { return fail(.externalReference("\(bad) in \(attribute)"), parser) }
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        if depth == 0 { closedRoot = true }
        if Self.localName(elementName) == "style" { insideStyle -= 1 }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let bad = Self.cssProblem(string) { fail(.externalReference(bad), parser) }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if let bad = Self.cssProblem(String(decoding: CDATABlock, as: UTF8.self)) { fail(.externalReference(bad), parser) }
    }

    func parser(_ parser: XMLParser, foundProcessingInstructionWithTarget target: String, data: String?) {
        fail(.externalReference("<?\(target)?>"), parser)
    }

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        fail(.notSVG("an ENTITY declaration is not allowed"), parser)
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        fail(.notSVG("an ENTITY declaration is not allowed"), parser)
    }

    /// `@import`, a `url(` to anything but `#id`, or a CSS escape (which could spell either).
    private static func cssProblem(_ text: String) -> String? {
        let lowered = text.lowercased()
        if lowered.contains("@import") { return "@import" }
        if lowered.contains("\\") { return "a backslash escape" }
        var rest = Substring(lowered)
        while let range = rest.range(of: "url(") {
            let target = rest[range.upperBound...].drop { $0 == " " || $0 == "\"" || $0 == "'" || $0.isNewline || $0 == "\t" }
            guard target.hasPrefix("#") else { return "url(\(short(String(target.prefix(40))))" }
            rest = rest[range.upperBound...]
        }
        return nil
    }

    private static func localName(_ name: String) -> String {
        (name.split(separator: ":").last.map(String.init) ?? name).lowercased()
    }

    private static func short(_ text: String) -> String {
        let scalars = text.unicodeScalars.prefix(60).map { $0.value < 0x20 || $0.value == 0x7F ? "?" : String($0) }
        return scalars.joined()
    }
}
