import BackPlanCore

/// A move's figure as a standalone SVG pictogram: the key poses side by side, animated, or small.
///
/// Pure and deterministic: numbers have one decimal, nothing depends on dictionary order,
/// and every class and keyframe name starts with `idPrefix`, so many figures can sit inline in one page.
package enum FigureSVG {
    /// How the poses are laid out.
    package enum Style: String, CaseIterable, Sendable {
        /// The key poses side by side, for paper.
        case poses
        /// The poses in one place, cross-fading in a loop (CSS, no script); still on the first pose
        /// under `prefers-reduced-motion: reduce` and where CSS animation is not run (rsvg-convert).
        case animated
        /// The first pose and the cue alone, for lists.
        case small
    }

    /// Pixels per body height in the SVG's own units.
    static let scale = 100.0

    /// CSS pixels per SVG unit of the `width` and `height` attributes: one size for every figure, so
    /// a lying figure's low picture shows the body at the same size as a standing one's.
    static func pixelsPerUnit(_ style: Style) -> Double { style == .small ? 0.48 : 0.88 }

    /// How an SVG is placed: a file of its own, an image inside an HTML page, or a decoration beside its own words.
    package enum Embedding: Sendable {
        /// A standalone file: with its namespace.
        case document
        /// Inside an HTML page, where the namespace is implied: the page names no address but its own links.
        case inHTML
        /// Inside an HTML page beside the name it illustrates: hidden from screen readers, no title or id to repeat.
        case decorative
    }

    /// A figure's poses as points and the part of the picture it fills, worked out once for all its drawings.
    package struct Geometry: Sendable {
        let figure: Figure
        let skeletons: [FigureSkeleton]
        let frame: (minX: Double, minY: Double, maxX: Double, maxY: Double)

        package init(_ figure: Figure) {
            self.figure = figure
            skeletons = figure.skeletons
            frame = figure.frame(of: skeletons)
        }
    }

    /// The SVG text of `figure`.
    package static func svg(_ figure: Figure, style: Style, idPrefix: String, embedding: Embedding = .document) -> String {
        svg(Geometry(figure), style: style, idPrefix: idPrefix, embedding: embedding)
    }

    /// The SVG text of the figure of `geometry`.
    package static func svg(_ geometry: Geometry, style: Style, idPrefix: String, embedding: Embedding = .document) -> String {
        let figure = geometry.figure
        let prefix = safePrefix(idPrefix)
        // Across, the full frame; up and down, only what this figure draws.
        let frame = geometry.frame
        let panelWidth = ((frame.maxX - frame.minX) * scale).rounded()
        let height = ((frame.maxY - frame.minY) * scale).rounded()
        let skeletons = geometry.skeletons
        let panels = style == .poses ? skeletons.count : 1
        let width = panelWidth * Double(panels)

        var svg = embedding == .document ? "<svg xmlns=\"http://www.w3.org/2000/svg\"" : "<svg"
        svg += " viewBox=\"0 0 \(n(width)) \(n(height))\""
        svg += " width=\"\(n(width * pixelsPerUnit(style)))\" height=\"\(n(height * pixelsPerUnit(style)))\""
        if embedding == .decorative {
            svg += " aria-hidden=\"true\" focusable=\"false\" class=\"\(prefix)\">\n"
        } else {
            svg += " role=\"img\" aria-labelledby=\"\(prefix)-title\" class=\"\(prefix)\">\n"
            svg += "<title id=\"\(prefix)-title\">\(XMLText.escape(figure.description))</title>\n"
        }
        if style == .animated { svg += animationStyle(prefix: prefix, poses: skeletons.count) }
        svg += "<rect width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#fff\"/>\n"

        var drawing = FigureDrawing(figure: figure, frame: frame)
        switch style {
        case .poses:
            // The cue goes on the first panel; a there-and-back move's goes on its middle pose, where both ways start.
            let cuePanel = figure.cue?.bothWays == true && skeletons.count == 3 ? 1 : 0
            for (index, skeleton) in skeletons.enumerated() {
                drawing.originX = panelWidth * Double(index)
                if index > 0 {
                    svg += "<line x1=\"\(n(drawing.originX))\" y1=\"\(n(height * 0.1))\" x2=\"\(n(drawing.originX))\" y2=\"\(n(height * 0.9))\" stroke=\"#ccc\" stroke-width=\"1\" stroke-dasharray=\"3 4\"/>\n"
                }
                svg += drawing.scenery()
                svg += drawing.body(skeleton)
                if index == cuePanel { svg += drawing.cue(skeletons) }
            }
        case .animated:
            svg += drawing.scenery()
            for (index, skeleton) in skeletons.enumerated() {
                svg += "<g class=\"\(prefix)-pose \(prefix)-pose-\(index)\"" + (index == 0 ? "" : " opacity=\"0\"") + ">\n"
                svg += drawing.body(skeleton)
                svg += "</g>\n"
            }
            svg += drawing.cue(skeletons)
        case .small:
            svg += drawing.scenery()
            svg += drawing.body(skeletons[0])
            svg += drawing.cue(skeletons)
        }
        return svg + "</svg>\n"
    }

    /// Keyframes that show each pose in turn (start, middle, end, middle, ...), fading over 5% of the loop.
    private static func animationStyle(prefix: String, poses: Int) -> String {
        let order = poses == 3 ? [0, 1, 2, 1] : Array(0..<poses)
        let slots = Double(order.count)
        var css = "<style>\n"
        for pose in 0..<poses {
            let opacity = { (slot: Int) in order[slot % order.count] == pose ? "1" : "0" }
            var frames: [String] = []
            for slot in order.indices {
                let start = Double(slot) * 100 / slots, end = Double(slot + 1) * 100 / slots
                frames.append("\(n(start))%{opacity:\(opacity(slot))}")
                frames.append("\(n(end - 5))%{opacity:\(opacity(slot))}")
            }
            frames.append("100%{opacity:\(opacity(0))}")
            css += "@keyframes \(prefix)-show-\(pose){\(frames.joined(separator: " "))}\n"
            css += ".\(prefix)-pose-\(pose){animation:\(prefix)-show-\(pose) \(n(slots * 1.6))s linear infinite}\n"
        }
        css += "@media (prefers-reduced-motion: reduce){.\(prefix)-pose{animation:none}}\n"
        return css + "</style>\n"
    }

    /// Letters, digits, `-` and `_` only, starting with a letter: safe as an id, a class and a keyframe name.
    static func safePrefix(_ text: String) -> String {
        let kept = String(text.unicodeScalars.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0)
            || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }.map(Character.init))
        guard let first = kept.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) else {
            return "fig" + kept
        }
        return kept
    }

    /// A number with one decimal, never `-0.0`: the same input always prints the same bytes.
    static func n(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        if tenths == 0 { return "0" }
        let whole = Int(tenths)
        let magnitude = abs(whole)
        // Appended piece by piece: an interpolation costs more, and figures print thousands of numbers.
        var text = whole < 0 ? "-" : ""
        text += String(magnitude / 10)
        if magnitude % 10 != 0 {
            text += "."
            text += String(magnitude % 10)
        }
        return text
    }
}

/// XML escaping for text and attribute values.
enum XMLText {
    static func escape(_ text: String) -> String {
        // Most text has nothing to escape or drop: it is returned as it is, not rebuilt scalar by scalar.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
            || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab and newlines are not allowed in XML 1.0.
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
