import Foundation
import Yams

/// Builds a YAML node tree from JSON, so data converted at build time loads through the same validating code.
///
/// The built-in catalog is embedded both as YAML (its source, shown in messages
/// and fingerprints) and as JSON made from it at build time: decoding JSON is
/// several times faster than composing YAML, which matters for a command that
/// starts, writes a plan and exits.
package enum JSONNode {
    package static func node(from data: Data) throws -> Node {
        try JSONDecoder().decode(Value.self, from: data).node
    }

    private enum Value: Decodable {
        case string(String), integer(Int), boolean(Bool), list([Value]), object([String: Value]), null

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .boolean(value)
            } else if let value = try? container.decode(Int.self) {
                self = .integer(value)
            } else if let value = try? container.decode(String.self) {
                self = .string(value)
            } else if let value = try? container.decode([Value].self) {
                self = .list(value)
            } else {
                self = .object(try container.decode([String: Value].self))
            }
        }

        var node: Node {
            switch self {
            case .string(let text): return Node(text, Tag(.str), .doubleQuoted)
            case .integer(let number): return Node(String(number), Tag(.int), .plain)
            case .boolean(let flag): return Node(flag ? "true" : "false", Tag(.bool), .plain)
            case .null: return Node("null", Tag(.null), .plain)
            case .list(let items): return Node(items.map(\.node))
            case .object(let entries): return Node(entries.sorted { $0.key < $1.key }.map { (Node($0.key), $0.value.node) })
            }
        }
    }
}
