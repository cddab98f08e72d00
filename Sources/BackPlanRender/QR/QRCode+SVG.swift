/// A QR code as SVG, for pages and print.
extension QRCode {
    /// A standalone SVG of the code, black on white, `moduleSize` user units per module, with `quietZone` light modules around it.
    ///
    /// The view box counts modules, so every edge falls on a whole number
    /// and `crispEdges` keeps scanners' edges sharp at any scale. The dark
    /// modules are one path of horizontal runs, a rectangle per run, which
    /// keeps a 95-byte URL at level H (version 7) under 10 kB. Scanners want a quiet zone of
    /// four modules (the specification's minimum); less is for codes placed
    /// on a white margin already. With a `title`, the image is announced
    /// with it (`role="img"`), so a screen reader says what the code opens.
    ///
    /// `inHTML` leaves out the namespace, implied inside an HTML page, so the page names no outside address.
    package func svg(moduleSize: Double = 1, quietZone: Int = 4, title: String? = nil, inHTML: Bool = false) -> String {
        precondition(moduleSize > 0 && moduleSize.isFinite, "a QR code's module size must be positive, not \(moduleSize)")
        precondition(quietZone >= 0, "a QR code's quiet zone cannot be negative (\(quietZone))")
        let side = size + 2 * quietZone
        let length = Self.number(Double(side) * moduleSize)
        var svg = inHTML ? "<svg width=\"\(length)\" height=\"\(length)\" " : "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(length)\" height=\"\(length)\" "
        svg += "viewBox=\"0 0 \(side) \(side)\" shape-rendering=\"crispEdges\""
        if let title {
            svg += " role=\"img\">\n<title>\(Self.xmlText(title))</title>\n"
        } else {
            svg += ">\n"
        }
        svg += "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>\n"
        svg += "<path fill=\"#000\" d=\"\(pathData(offset: quietZone))\"/>\n</svg>\n"
        return svg
    }

    /// Each row's runs of dark modules as closed rectangles, `offset` modules in from the top left.
    private func pathData(offset: Int) -> String {
        var data = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else { x += 1; continue }
                let start = x
                while x < size && isDark(x: x, y: y) { x += 1 }
                data += "M\(start + offset) \(y + offset)h\(x - start)v1h-\(x - start)z"
            }
        }
        return data
    }

    /// `value` as an SVG number: whole numbers without a fraction, others in Swift's shortest exact form.
    private static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(describing: value)
    }

    /// `text` escaped for XML character data, without the control characters XML 1.0 cannot carry at all.
    private static func xmlText(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            guard value >= 0x20 || value == 0x09 || value == 0x0A || value == 0x0D, value != 0xFFFE, value != 0xFFFF else { continue }
            scalars.append(scalar)
        }
        return HTML.escape(String(scalars))
    }
}
