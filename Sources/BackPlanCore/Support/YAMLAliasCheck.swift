import Yams

/// Refuses YAML whose aliases would blow up, using only Yams' public API.
///
/// An alias (`*a`) stands for a whole anchored node, so nine aliases of a node
/// of nine aliases... make a 400-byte file stand for billions of nodes. Yams
/// shares such nodes when it composes, but its duplicate-key check hashes every
/// key in full, so an alias used as a key (or inside a key) made reading a tiny
/// file take as long as the expansion is large, and any reader walking the
/// values would walk the expansion. So:
///
/// - before composing, `keyProblem(in:)` scans the text (linear, no tree) for an
///   alias in a key, implicit (`*a: 1`, `[*a]: 1`, `{*a: 1}`) or explicit
///   (`? *a`), and for an explicit key that is not a plain word (`? [*a]`);
///   BackPlan's keys are plain words, so nothing useful is refused;
/// - after composing, `expansionProblem(in:)` walks the tree once without
///   entering aliases, and counts the nodes aliases add: at most as many as the
///   document has, and at least `minimumAliasNodes` (so a file stays within
///   twice its own size).
///
/// Composing keeps an anchored node's anchor (one object per `&name` written) on
/// the node, and an alias composes to that very node; so, walking in file order,
/// the first node seen with a given anchor object is the anchor, and every later
/// one an alias. Nodes hold their anchor weakly and the parser holds the anchors:
/// the walk runs while the parser lives.
enum YAMLAliasCheck {
    /// The fewest nodes aliases may add, whatever the document's size.
    static let minimumAliasNodes = 10_000

    typealias Problem = (message: String, line: Int, column: Int)

    // MARK: - Keys, before composing

    /// Nil when no key of `text` holds an alias, else what is wrong and where (line, column are 1-based).
    static func keyProblem(in text: String) -> Problem? {
        // No alias indicator, no alias: most files skip the scan.
        guard text.utf8.contains(UInt8(ascii: "*")) else { return nil }
        var scan = KeyScan(bytes: Array(text.utf8))
        return scan.run()
    }

    /// A scan of YAML tokens just fine enough to tell where a node starts (so
    /// `*` there is an alias) and where a key ends: it skips comments, quoted
    /// and block scalars, and follows flow brackets. Where it is unsure, a
    /// syntax error is left to Yams.
    private struct KeyScan {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var lineStart = 0
        var flow = 0
        /// At the start of a node: after a line start or an indicator.
        var expectingNode = true
        /// The column of the latest key, `-` or `?` on this line: a block scalar's lines are indented past it.
        var ownerColumn = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        private func byte(_ at: Int) -> UInt8? { at < bytes.count ? bytes[at] : nil }
        private static func isSpace(_ byte: UInt8?) -> Bool { byte == 0x20 || byte == 0x09 }
        private static func isBreak(_ byte: UInt8?) -> Bool { byte == 0x0A || byte == 0x0D }
        private func isBlankOrEnd(_ at: Int) -> Bool {
            let next = byte(at)
            return next == nil || Self.isSpace(next) || Self.isBreak(next)
        }
        private static func isFlowIndicator(_ byte: UInt8?) -> Bool {
            guard let byte else { return false }
            return byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
                || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
        }
        /// libyaml's anchor characters.
        private static func isAnchorByte(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        /// A `:` at `at` that separates a key from its value.
        private func isValueIndicator(_ at: Int, inFlow: Bool) -> Bool {
            isBlankOrEnd(at + 1) || (inFlow && Self.isFlowIndicator(byte(at + 1)))
        }

        /// Moves past a line break at `index`, counting lines.
        private mutating func newLine() {
            if bytes[index] == 0x0D, byte(index + 1) == 0x0A { index += 1 }
            index += 1
            line += 1
            lineStart = index
        }

        private mutating func skipToLineEnd() {
            while index < bytes.count, !Self.isBreak(bytes[index]) { index += 1 }
        }

        mutating func run() -> Problem? {
            while index < bytes.count {
                let char = bytes[index]
                if Self.isBreak(char) {
                    newLine()
                    expectingNode = true
                    continue
                }
                if Self.isSpace(char) {
                    index += 1
                    continue
                }
                let column = index - lineStart
                if char == UInt8(ascii: "#"), index == lineStart || Self.isSpace(byte(index - 1)) {
                    skipToLineEnd()
                    continue
                }
                if column == 0, char == UInt8(ascii: "%") {
                    skipToLineEnd()
                    continue
                }
                if column == 0, index + 3 <= bytes.count, isBlankOrEnd(index + 3),
                   bytes[index..<index + 3].elementsEqual("---".utf8) || bytes[index..<index + 3].elementsEqual("...".utf8) {
                    index += 3
                    expectingNode = true
                    continue
                }
                switch char {
                case UInt8(ascii: "-") where flow == 0 && isBlankOrEnd(index + 1):
                    ownerColumn = column
                    index += 1
                    expectingNode = true
                case UInt8(ascii: "?") where isBlankOrEnd(index + 1) || (flow > 0 && Self.isFlowIndicator(byte(index + 1))):
                    ownerColumn = column
                    index += 1
                    if let problem = explicitKeyProblem() { return problem }
                    expectingNode = true
                case UInt8(ascii: ":") where isValueIndicator(index, inFlow: flow > 0):
                    index += 1
                    expectingNode = true
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flow += 1
                    index += 1
                    expectingNode = true
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    flow = max(0, flow - 1)
                    index += 1
                    expectingNode = false
                case UInt8(ascii: ",") where flow > 0:
                    index += 1
                    expectingNode = true
                case UInt8(ascii: "*") where expectingNode:
                    let start = index
                    index += 1
                    while index < bytes.count, Self.isAnchorByte(bytes[index]) { index += 1 }
                    if isInKey(from: index) {
                        let name = String(decoding: bytes[start + 1..<index], as: UTF8.self)
                        return ("the alias *\(name) is used as a key; write keys out as plain words", line, start - lineStart + 1)
                    }
                    expectingNode = false
                case UInt8(ascii: "&"), UInt8(ascii: "!"):
                    // An anchor or a tag: the node itself follows.
                    while index < bytes.count, !isBlankOrEnd(index), !(flow > 0 && Self.isFlowIndicator(bytes[index])) {
                        index += 1
                    }
                case UInt8(ascii: "'") where expectingNode, UInt8(ascii: "\"") where expectingNode:
                    ownerColumn = column
                    skipQuoted()
                    expectingNode = false
                case UInt8(ascii: "|") where expectingNode && flow == 0, UInt8(ascii: ">") where expectingNode && flow == 0:
                    skipBlockScalar()
                    expectingNode = true
                default:
                    if expectingNode { ownerColumn = column }
                    skipPlain()
                    expectingNode = false
                }
            }
            return nil
        }

        /// After `? `: the key must be a plain or quoted word.
        private mutating func explicitKeyProblem() -> Problem? {
            var at = index, atLine = line, atLineStart = lineStart
            while at < bytes.count {
                let char = bytes[at]
                if Self.isSpace(char) {
                    at += 1
                } else if Self.isBreak(char) {
                    if char == 0x0D, byte(at + 1) == 0x0A { at += 1 }
                    at += 1
                    atLine += 1
                    atLineStart = at
                } else if char == UInt8(ascii: "#") {
                    while at < bytes.count, !Self.isBreak(bytes[at]) { at += 1 }
                } else if char == UInt8(ascii: "&") || char == UInt8(ascii: "!") {
                    while at < bytes.count, !isBlankOrEnd(at) { at += 1 }
                } else {
                    break
                }
            }
            guard let char = byte(at) else { return nil }
            let column = at - atLineStart + 1
            if char == UInt8(ascii: "*") {
                var end = at + 1
                while end < bytes.count, Self.isAnchorByte(bytes[end]) { end += 1 }
                let name = String(decoding: bytes[at + 1..<end], as: UTF8.self)
                return ("the alias *\(name) is used as a key; write keys out as plain words", atLine, column)
            }
            let blockIndicator = (char == UInt8(ascii: "-") || char == UInt8(ascii: "?")) && isBlankOrEnd(at + 1)
            if char == UInt8(ascii: "[") || char == UInt8(ascii: "{") || blockIndicator {
                return ("a key here is a list or a mapping; write keys out as plain words", atLine, column)
            }
            return nil
        }

        /// Whether the alias ending at `start` is (in) an implicit key: a `:` follows
        /// at its level, or at the level of a bracket holding it, before a `,` or a
        /// closing bracket ends its entry there. Implicit keys are on one line,
        /// except in flow mappings, so in block context the search ends at the line's end.
        private func isInKey(from start: Int) -> Bool {
            var depth = 0
            var ended: Set<Int> = []
            var at = start
            while at < bytes.count {
                let char = bytes[at]
                let inFlow = flow + depth > 0
                if Self.isBreak(char) {
                    if !inFlow { return false }
                } else if char == UInt8(ascii: "#"), Self.isSpace(byte(at - 1)) || Self.isBreak(byte(at - 1)) {
                    while at < bytes.count, !Self.isBreak(bytes[at]) { at += 1 }
                    continue
                } else if char == UInt8(ascii: "'") || char == UInt8(ascii: "\""),
                          let before = byte(at - 1), Self.isSpace(before) || Self.isFlowIndicator(before) || before == UInt8(ascii: ":") {
                    at = Self.endOfQuoted(bytes, from: at)
                    continue
                } else if char == UInt8(ascii: "[") || char == UInt8(ascii: "{") {
                    depth += 1
                } else if char == UInt8(ascii: "]") || char == UInt8(ascii: "}") {
                    if depth <= 0 { ended.insert(depth) }
                    depth -= 1
                    if flow + depth < 0 { return false }
                } else if char == UInt8(ascii: ","), inFlow {
                    if depth <= 0 { ended.insert(depth) }
                } else if char == UInt8(ascii: ":"), isValueIndicator(at, inFlow: inFlow) {
                    if depth <= 0 {
                        if !ended.contains(depth) { return true }
                        ended.insert(depth)
                    }
                }
                at += 1
            }
            return false
        }

        /// The index just past the quoted scalar starting at `start` (or the text's end).
        private static func endOfQuoted(_ bytes: [UInt8], from start: Int) -> Int {
            let quote = bytes[start]
            var at = start + 1
            while at < bytes.count {
                let char = bytes[at]
                if quote == UInt8(ascii: "\""), char == UInt8(ascii: "\\") {
                    // An escape; a backslash that ends the text ends the scalar (found by fuzzing: it overran the text).
                    at = min(at + 2, bytes.count)
                    continue
                }
                if char == quote {
                    // '' is an escaped quote inside single quotes.
                    if quote == UInt8(ascii: "'"), at + 1 < bytes.count, bytes[at + 1] == quote {
                        at += 2
                        continue
                    }
                    return at + 1
                }
                at += 1
            }
            return at
        }

        private mutating func skipQuoted() {
            let end = Self.endOfQuoted(bytes, from: index)
            while index < end {
                if Self.isBreak(bytes[index]) { newLine() } else { index += 1 }
            }
        }

        /// A `|` or `>` scalar: its header line, then every line blank or indented past its owner.
        private mutating func skipBlockScalar() {
            skipToLineEnd()
            while index < bytes.count {
                newLine()
                var at = index
                while at < bytes.count, bytes[at] == 0x20 { at += 1 }
                let blank = at >= bytes.count || Self.isBreak(bytes[at])
                if !blank, at - lineStart <= ownerColumn {
                    return
                }
                index = at
                skipToLineEnd()
            }
        }

        /// A plain scalar: up to the line's end, a `: `, a ` #`, or (in flow) a bracket or comma.
        private mutating func skipPlain() {
            while index < bytes.count {
                let char = bytes[index]
                if Self.isBreak(char) { return }
                if char == UInt8(ascii: ":"), isValueIndicator(index, inFlow: flow > 0) { return }
                if flow > 0, Self.isFlowIndicator(char) { return }
                if char == UInt8(ascii: "#"), Self.isSpace(byte(index - 1)) { return }
                index += 1
            }
        }
    }

    // MARK: - Expansion, after composing

    /// Nil when the aliases of the composed `root` add few enough nodes, else what is wrong and where.
    static func expansionProblem(in root: Node, text: String) -> Problem? {
        // No alias indicator or no anchor, no alias.
        guard text.utf8.contains(UInt8(ascii: "*")), text.utf8.contains(UInt8(ascii: "&")) else { return nil }
        var walk = ExpansionWalk()
        _ = walk.visit(root, place: root.mark)
        return walk.problem
    }

    /// One walk in file order over the nodes written in the file, never into an alias.
    private struct ExpansionWalk {
        /// Nodes each anchored node stands for, with its aliases expanded, by its anchor.
        var sizes: [ObjectIdentifier: Int] = [:]
        var ownNodes = 0
        var aliasNodes = 0
        var problem: Problem?
        /// Sizes stop growing here: a bomb's nine to the ninth would overflow soon after.
        static let ceiling = 1 << 48

        /// Nodes `node` stands for; `place` is the nearest place written in the file, for messages.
        mutating func visit(_ node: Node, place: Mark?) -> Int {
            if problem != nil { return 1 }
            let anchored = node.anchor.map(ObjectIdentifier.init)
            if let anchored, let size = sizes[anchored] {
                // An alias: count what it stands for, do not walk it again.
                aliasNodes = min(aliasNodes + size, Self.ceiling)
                let limit = max(YAMLAliasCheck.minimumAliasNodes, ownNodes)
                if aliasNodes > limit {
                    problem = ("aliases here expand to more than \(limit) nodes, more than the file itself holds; write the values out instead",
                               place?.line ?? 1, place?.column ?? 1)
                }
                return size
            }
            ownNodes += 1
            var size = 1
            switch node {
            case .scalar, .alias:
                break
            case .sequence(let sequence):
                for item in sequence {
                    size = min(size + visit(item, place: node.mark ?? place), Self.ceiling)
                }
            case .mapping(let mapping):
                for (key, value) in mapping {
                    size = min(size + visit(key, place: key.mark ?? place), Self.ceiling)
                    size = min(size + visit(value, place: key.mark ?? place), Self.ceiling)
                }
            }
            if let anchored { sizes[anchored] = size }
            return size
        }
    }
}
