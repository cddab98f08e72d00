@testable import BackPlanRender

extension TemplateValue {
    /// The value of a `[String: Any]` context as the random tests build them for swift-mustache, or nil
    /// if something in it is none of the five kinds.
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

}
