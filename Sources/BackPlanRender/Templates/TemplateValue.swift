/// A value a template sees: text, a number, a flag, a list or an object of named values.
///
/// Views build their contexts from these rather than from `[String: Any]`, so
/// a context says what it holds, and `CompiledTemplate` renders it without a
/// dynamic cast per tag. `mustacheValue` gives the same data in the shape
/// swift-mustache reads, for the tests that hold the renderer to it.
package enum TemplateValue: Sendable, Equatable {
    case text(String)
    /// Text as UTF-8 bytes: a large rendered piece (the HTML body) placed as it is, never decoded and encoded again.
    case utf8([UInt8])
    case number(Int)
    case flag(Bool)
    case list([TemplateValue])
    case object(TemplateFields)
    /// An object of the render's `TemplateModel`, by the number the model gave it: its fields are worked out when read.
    case modelObject(Int)
    /// A list of the render's `TemplateModel` with `count` items, which the model gives one by one.
    case modelList(Int, count: Int)
    /// UTF-8 the render's `TemplateModel` writes itself, by the number the model gave it: a large piece
    /// (plan.html's body, its checklist) copied once, from where the model holds it, into the output.
    case modelBytes(Int)

    /// The value as swift-mustache reads it: `String` (for `.text` and `.utf8`), `Int`, `Bool`, `[Any]` or `[String: Any]`.
    ///
    /// A value with model objects in it must be `materialized(in:)` first.
    package var mustacheValue: Any {
        switch self {
        case .text(let text): text
        case .utf8(let bytes): String(decoding: bytes, as: UTF8.self)
        case .number(let number): number
        case .flag(let flag): flag
        case .list(let items): items.map(\.mustacheValue)
        case .object(let fields): fields.mustacheValue
        case .modelObject, .modelList, .modelBytes: preconditionFailure("a template value from a model is read as a tree only once materialized")
        }
    }

    /// Adds the field names of the objects in this value, all the way down (a plain tree: no model objects).
    package func collectNames(into names: inout Set<String>) {
        switch self {
        case .list(let items): for item in items { item.collectNames(into: &names) }
        case .object(let fields): fields.collectNames(into: &names)
        case .text, .utf8, .number, .flag, .modelObject, .modelList, .modelBytes: break
        }
    }

    /// The value with every model object and list replaced by the fields and items `model` gives: a plain tree.
    package func materialized(in model: (any TemplateModel)?) -> TemplateValue {
        switch self {
        case .text, .utf8, .number, .flag:
            return self
        case .list(let items):
            return .list(items.map { $0.materialized(in: model) })
        case .object(let fields):
            return .object(fields.materialized(in: model))
        case .modelObject(let object):
            guard let model else { preconditionFailure("a model object rendered without its model") }
            var fields = TemplateFields(capacity: 8)
            for name in model.fieldNames(of: object) {
                if let value = model.field(name, of: object) { fields[name.rawValue] = value.materialized(in: model) }
            }
            return .object(fields)
        case let .modelList(list, count):
            guard let model else { preconditionFailure("a model list rendered without its model") }
            return .list((0..<count).map { model.item($0, of: list).materialized(in: model) })
        case .modelBytes(let bytes):
            guard let model else { preconditionFailure("a model's bytes rendered without their model") }
            let copy = RenderBuffer(capacity: 1024)
            model.writeBytes(bytes, to: copy)
            return .utf8(copy.bytes)
        }
    }

}

/// Objects and lists a template reads without a tree of values being built for them.
///
/// A plan has hundreds of items, sessions and blocks; building each as a
/// `TemplateFields` and destroying it again cost more than rendering. A model
/// instead hands out numbers for its objects and lists (`.modelObject`,
/// `.modelList`) and works out a field when a template reads it.
package protocol TemplateModel: AnyObject {
    /// The field `name` of the object numbered `object`; nil if it has none.
    func field(_ name: TemplateField, of object: Int) -> TemplateValue?
    /// Item `index` of the list numbered `list`.
    func item(_ index: Int, of list: Int) -> TemplateValue
    /// The names of the fields of `object`, in order: what a tree of it holds.
    func fieldNames(of object: Int) -> [TemplateField]
    /// Appends the UTF-8 of `.modelBytes(bytes)` to `output`.
    func writeBytes(_ bytes: Int, to output: RenderBuffer)
}

extension TemplateModel {
    /// The field named `name`; nil for a name that is no `TemplateField`, which no model has.
    package func field(_ name: String, of object: Int) -> TemplateValue? {
        TemplateField(rawValue: name).flatMap { field($0, of: object) }
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
/// to read.
package struct TemplateFields: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// (name, value) pairs.
    private var fields: [(String, TemplateValue)]

    package init(capacity: Int = 0) {
        fields = []
        fields.reserveCapacity(capacity)
    }

    /// Adds the name of every field to `names`, and those of the objects in them, all the way down.
    package func collectNames(into names: inout Set<String>) {
        for (name, value) in fields {
            names.insert(name)
            value.collectNames(into: &names)
        }
    }

    /// Fields in order; like a dictionary literal, names are meant to be unique (a repeated one is shadowed by the first).
    package init(_ fields: [(String, TemplateValue)]) {
        self.fields = fields
    }

    /// Takes the literal's array as it is: contexts are built of many small objects.
    package init(dictionaryLiteral elements: (String, TemplateValue)...) {
        fields = elements
    }

    /// The value named `name`; setting one that exists replaces it, setting nil removes it.
    package subscript(name: String) -> TemplateValue? {
        get {
            // Comparing lengths first skips the full comparison for most names that differ.
            let length = name.utf8.count
            // By index, so the pairs passed over are read in place, not copied.
            for index in fields.indices where fields[index].0.utf8.count == length && fields[index].0 == name {
                return fields[index].1
            }
            return nil
        }
        set {
            if let index = fields.firstIndex(where: { $0.0 == name }) {
                if let newValue { fields[index].1 = newValue } else { fields.remove(at: index) }
            } else if let newValue {
                fields.append((name, newValue))
            }
        }
    }

    package static func == (left: TemplateFields, right: TemplateFields) -> Bool {
        left.fields.elementsEqual(right.fields) { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    /// The same fields with model objects and lists made plain.
    package func materialized(in model: (any TemplateModel)?) -> TemplateFields {
        TemplateFields(fields.map { ($0.0, $0.1.materialized(in: model)) })
    }

    /// `[String: Any]` for swift-mustache.
    var mustacheValue: [String: Any] {
        Dictionary(fields.lazy.map { ($0.0, $0.1.mustacheValue) }, uniquingKeysWith: { first, _ in first })
    }

    /// Swift's description of `mustacheValue` with the names sorted (`TemplateValue.describedInOrder`).
    var describedInOrder: String {
        // The first of two fields of one name, as the dictionary keeps it.
        var seen: Set<String> = []
        let named = fields.filter { seen.insert($0.0).inserted }.sorted { $0.0 < $1.0 }
        guard !named.isEmpty else { return "[:]" }
        let pairs = named.map { name, value in String(reflecting: name) + ": " + value.describedInOrder }
        return "[" + pairs.joined(separator: ", ") + "]"
    }
}
