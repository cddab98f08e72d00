import CYaml

/// Refuses YAML whose aliases would blow up, before Yams builds a tree of it.
///
/// An alias (`*a`) stands for a whole anchored node, so nine aliases of a node
/// of nine aliases... make a 400-byte file stand for billions of nodes. Yams
/// shares such nodes, but its duplicate-key check hashes every key in full, so
/// an alias used as a key took 34 s, and any reader walking the values would
/// walk the expansion. This pass reads libyaml's events (linear in the text),
/// refuses an alias used as a mapping key (BackPlan's keys are plain words),
/// and counts the nodes aliases add: at most as many as the document has, and
/// at least `minimumAliasNodes` (so a file stays within twice its own size).
///
/// libyaml is Yams' own copy (the `CYaml` module Yams is built on); this file
/// is the only one that imports it, and every libyaml object is freed in the
/// function that made it. Pointer types stay inside this file.
enum YAMLAliasCheck {
    /// The fewest nodes aliases may add, whatever the document's size.
    static let minimumAliasNodes = 10_000

    /// Nil when `text` is safe to compose, else what is wrong and where (line, column are 1-based).
    static func problem(in text: String) -> (message: String, line: Int, column: Int)? {
        // No alias indicator, no alias: most files skip the extra pass.
        guard text.utf8.contains(UInt8(ascii: "*")) else { return nil }
        var bytes = Array(text.utf8)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeMutableBufferPointer { buffer -> (message: String, line: Int, column: Int)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            return scan(&parser)
        }
    }

    /// A collection being read: the nodes it stands for so far, its anchor, and how many children it has.
    private struct Frame {
        var isMapping: Bool
        var nodes = 1
        var anchor: String?
        var children = 0
    }

    private static func scan(_ parser: inout yaml_parser_t) -> (message: String, line: Int, column: Int)? {
        var sizes: [String: Int] = [:]
        var stack: [Frame] = []
        var ownNodes = 0
        var aliasNodes = 0
        while true {
            var event = yaml_event_t()
            // A syntax error is left to Yams, which reports it with its place.
            guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
            /// Adds a finished node of `nodes` nodes to its parent.
            func finish(_ nodes: Int, anchor: String?) {
                if let anchor { sizes[anchor] = nodes }
                if !stack.isEmpty {
                    stack[stack.count - 1].nodes += nodes
                    stack[stack.count - 1].children += 1
                }
            }
            let isKey = stack.last.map { $0.isMapping && $0.children % 2 == 0 } ?? false
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_ALIAS_EVENT:
                let name = string(event.data.alias.anchor) ?? ""
                if isKey {
                    return ("the alias *\(name) is used as a key; write keys out as plain words", line, column)
                }
                let nodes = sizes[name] ?? 1
                aliasNodes += nodes
                if aliasNodes > max(minimumAliasNodes, ownNodes) {
                    return ("aliases here expand to more than \(max(minimumAliasNodes, ownNodes)) nodes, more than the file itself holds; write the values out instead", line, column)
                }
                finish(nodes, anchor: nil)
            case YAML_SCALAR_EVENT:
                ownNodes += 1
                finish(1, anchor: string(event.data.scalar.anchor))
            case YAML_SEQUENCE_START_EVENT:
                ownNodes += 1
                stack.append(Frame(isMapping: false, anchor: string(event.data.sequence_start.anchor)))
            case YAML_MAPPING_START_EVENT:
                ownNodes += 1
                stack.append(Frame(isMapping: true, anchor: string(event.data.mapping_start.anchor)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { return nil }
                finish(frame.nodes, anchor: frame.anchor)
            default:
                break
            }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
