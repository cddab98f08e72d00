import Foundation
import Testing

/// A brand logo or a template must not make the PDF engine fetch an address or embed a local file.
@Suite("Printing fetches nothing")
struct LogoSafetyTests {
    static let engines = ["weasyprint", "chromium"].filter(toolExists)

    /// SVG logos that point outside themselves, with the words the refusal names.
    static let badLogos: [(svg: String, named: String)] = [
        (#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="http://127.0.0.1:PORT/beacon.png" width="9" height="9"/></svg>"#, "xlink:href"),
        (#"<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///SECRET" width="9" height="9"/></svg>"#, "href=\"file:///"),
        (#"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url(http://127.0.0.1:PORT/f)" width="9" height="9"/></svg>"#, "url(http"),
        (#"<svg xmlns="http://www.w3.org/2000/svg"><style>@import "http://127.0.0.1:PORT/s.css";</style></svg>"#, "@import"),
        (#"<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("x")</script></svg>"#, "<script>"),
        (#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><img xmlns="http://www.w3.org/1999/xhtml" src="x"/></foreignObject></svg>"#, "<foreignObject>"),
        (#"<?xml-stylesheet href="http://127.0.0.1:PORT/s.css"?><svg xmlns="http://www.w3.org/2000/svg"/>"#, "xml-stylesheet"),
        (#"<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///SECRET">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>"#, "DOCTYPE"),
        ("<svg>this is only text that mentions <svg\n", "not well-formed"),
        ("<html><body><svg xmlns=\"http://www.w3.org/2000/svg\"/></body></html>", "root element is <html>"),
    ]

    @Test("an SVG logo with an external reference is refused, and the engine is never asked", arguments: badLogos.indices)
    func badLogo(index: Int) throws {
        let scratch = try ScratchFolder()
        let server = try RequestCounter(in: scratch.url)
        let secret = try scratch.write("secret.png", "SECRET")
        let svg = Self.badLogos[index].svg.replacingOccurrences(of: "PORT", with: "\(server.port)")
            .replacingOccurrences(of: "/SECRET", with: secret.path)
        try scratch.write("brand/logo.svg", svg)
        try scratch.write("brand/brand.yaml", "name: Riverside Physio\nlogo: logo.svg\n")
        let result = try Backplan.run(["plan", "--pdf", "--brand", "brand/brand.yaml", "--weeks", "1"], in: scratch.url)
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("Error: brand/brand.yaml: logo: logo.svg "), "\(result.stderr)")
        #expect(result.stderr.contains(Self.badLogos[index].named), "\(result.stderr)")
        #expect(!scratch.exists("Output/plan.pdf"))
        #expect(server.requests.isEmpty)
    }

    @Test("a logo path that leaves the brand file's folder is refused", arguments: ["/etc/hostname", "../secret.png", "a/../../secret.png"])
    func logoOutside(path: String) throws {
        let scratch = try ScratchFolder()
        try scratch.write("secret.png", "SECRET")
        try scratch.write("brand/brand.yaml", "name: Riverside Physio\nlogo: \(path)\n")
        let result = try Backplan.run(["plan", "--brand", "brand/brand.yaml", "--weeks", "1"], in: scratch.url)
        #expect(result.status != 0)
        #expect(result.stderr == "Error: brand/brand.yaml: logo: \(path) is outside the brand file's folder; give a path relative to the brand file, without '..'\n")
    }

    @Test("raster logos are checked by header and size; a file too large is refused before it is read")
    func rasterLogos() throws {
        let scratch = try ScratchFolder()
        // A 1x1 PNG, then the same header claiming 0x0 pixels.
        let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!
        try png.write(to: scratch.url.appendingPathComponent("good.png"))
        var zero = png
        zero.replaceSubrange(16..<24, with: [UInt8](repeating: 0, count: 8))
        try zero.write(to: scratch.url.appendingPathComponent("zero.png"))
        try #require(FileManager.default.createFile(atPath: scratch.url.appendingPathComponent("big.png").path, contents: nil))
        let big = try FileHandle(forWritingTo: scratch.url.appendingPathComponent("big.png"))
        try big.truncate(atOffset: 3 << 30)
        try big.close()
        for (name, expected) in [("good.png", nil), ("zero.png", "is not a valid PNG image"), ("big.png", "big.png it is 3072.0 MB, more than the limit of 1.0 MB")] {
            try scratch.write("\(name).yaml", "name: Clinic\nlogo: \(name)\n")
            let result = try Backplan.run(["plan", "--brand", "\(name).yaml", "--format", "md"], in: scratch.url)
            if let expected {
                #expect(result.status == 1 && result.stderr.contains(expected), "\(name): \(result.stderr)")
            } else {
                #expect(result.status == 0, "\(name): \(result.stderr)")
            }
        }
    }

    @Test("a template that points the printed page at an address or a local file is refused before printing",
          .enabled(if: !engines.isEmpty, "needs weasyprint or chromium"), arguments: engines)
    func templateReference(engine: String) throws {
        let scratch = try ScratchFolder()
        let server = try RequestCounter(in: scratch.url)
        let secret = scratch.url.appendingPathComponent("secret.png").path
        let original = try String(contentsOf: Backplan.packageRoot.appendingPathComponent("Templates/plan.html.mustache"), encoding: .utf8)
        for (index, tag) in [
            #"<img src="http://127.0.0.1:\#(server.port)/beacon.png">"#,
            #"<img src="file://\#(secret)">"#,
            #"<link rel="attachment" href="file://\#(secret)">"#,
            #"<p style="background: u\72 l(http://127.0.0.1:\#(server.port)/bg.png)">x</p>"#,
        ].enumerated() {
            try scratch.write("t\(index)/plan.html.mustache", original.replacingOccurrences(of: "{{/largePrint}}>", with: "{{/largePrint}}>" + tag))
            let result = try Backplan.run(["plan", "--pdf", "--pdf-engine", engine, "--templates", "t\(index)", "--weeks", "1", "--output", "o\(index)"], in: scratch.url)
            #expect(result.status == 1, "\(tag): \(result.stderr)")
            #expect(result.stderr.contains("which the PDF engine would fetch"), "\(tag): \(result.stderr)")
            #expect(!scratch.exists("o\(index)/plan.pdf"))
        }
        #expect(server.requests.isEmpty)
    }

    @Test("a clean SVG logo prints, and the PDF holds no image taken from the disk",
          .enabled(if: !engines.isEmpty && toolExists("pdfimages"), "needs weasyprint or chromium, and pdfimages"), arguments: engines)
    func cleanLogo(engine: String) throws {
        let scratch = try ScratchFolder()
        try scratch.write("brand/brand.yaml", "name: Riverside Physio\nlogo: logo.svg\n")
        try scratch.write("brand/logo.svg", ##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><defs><linearGradient id="g"><stop offset="0" stop-color="#000"/></linearGradient></defs><rect width="120" height="40" fill="url(#g)"/></svg>"##)
        let result = try Backplan.run(["plan", "--pdf", "--pdf-engine", engine, "--brand", "brand/brand.yaml", "--weeks", "1"], in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        let images = try ChildProcess.run(tool: "pdfimages", ["-list", scratch.url.appendingPathComponent("Output/plan.pdf").path])
        #expect(images.stdout.split(separator: "\n").count <= 2, "only the header lines of the list: \(images.stdout)")
    }
}
