/// A value a template sees: text, a number, a flag, a list or an object of named values.
///
/// Views build their contexts from these rather than from `[String: Any]`, so
/// a context says what it holds, and `CompiledTemplate` renders it without a
/// dynamic cast per tag. `mustacheValue` gives the same data in the shape
/// swift-mustache reads, for the templates it renders itself.
package enum TemplateValue: Sendable, Equatable {
    case text(String)
    /// Text as UTF-8 bytes: a large rendered piece (the HTML body) placed as it is, never decoded and encoded again.
    case utf8([UInt8])
    case number(Int)
    case flag(Bool)
    case list([TemplateValue])
    case object(TemplateFields)

    /// The value as swift-mustache reads it: `String` (for `.text` and `.utf8`), `Int`, `Bool`, `[Any]` or `[String: Any]`.
    package var mustacheValue: Any {
        switch self {
        case .text(let text): text
        case .utf8(let bytes): String(decoding: bytes, as: UTF8.self)
        case .number(let number): number
        case .flag(let flag): flag
        case .list(let items): items.map(\.mustacheValue)
        case .object(let fields): fields.mustacheValue
        }
    }

    /// The value of a `[String: Any]`-style context, or nil if something in it is none of the five kinds.
    package init?(mustacheValue value: Any) {
        switch value {
        case let text as String: self = .text(text)
        case let number as Int: self = .number(number)
        case let flag as Bool: self = .flag(flag)
        case let items as [Any]:
            var values: [TemplateValue] = []
            values.reserveCapacity(items.count)
            for item in items {
                guard let value = TemplateValue(mustacheValue: item) else { return nil }
                values.append(value)
            }
            self = .list(values)
        case let fields as [String: Any]:
            var values = TemplateFields(capacity: fields.count)
            for (key, field) in fields.sorted(by: { $0.key < $1.key }) {
                guard let value = TemplateValue(mustacheValue: field) else { return nil }
                values[key] = value
            }
            self = .object(values)
        default:
            return nil
        }
    }

    /// The field `name` of an object; nil for any other kind, as in Mustache.
    @inline(__always)
    func field(_ name: String) -> TemplateValue? {
        guard case .object(let fields) = self else { return nil }
        return fields[name]
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    package init(stringLiteral value: String) { self = .text(value) }
    package init(integerLiteral value: Int) { self = .number(value) }
    package init(booleanLiteral value: Bool) { self = .flag(value) }
    package init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    package init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(TemplateFields(elements))
    }
}

/// The named values of an object, in the order they were given.
///
/// A context object has a handful of fields and is read a few times, so a
/// linear search over short names beats hashing each name, both to build and
/// to read; the order also keeps any rendering of the object deterministic.
package struct TemplateFields: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    private var names: [String] = []
    private var values: [TemplateValue] = []

    package init(capacity: Int = 0) {
        names.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    /// Fields in order; like a dictionary literal, names are meant to be unique (a repeated one is shadowed by the first).
    package init(_ fields: [(String, TemplateValue)]) {
        names = fields.map(\.0)
        values = fields.map(\.1)
    }

    package init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self.init(elements)
    }

    /// The value named `name`; setting one that exists replaces it, setting nil removes it.
    package subscript(name: String) -> TemplateValue? {
        get {
            guard let index = names.firstIndex(of: name) else { return nil }
            return values[index]
        }
        set {
            if let index = names.firstIndex(of: name) {
                if let newValue { values[index] = newValue } else { names.remove(at: index); values.remove(at: index) }
            } else if let newValue {
                names.append(name)
                values.append(newValue)
            }
        }
    }

    /// `[String: Any]` for swift-mustache.
    var mustacheValue: [String: Any] {
        Dictionary(zip(names, values.lazy.map(\.mustacheValue)), uniquingKeysWith: { first, _ in first })
    }
}
