/// A printed page size.
public enum Paper: String, CaseIterable, Sendable {
    case a4, letter

    /// The CSS `@page` size.
    public var cssSize: String { self == .a4 ? "A4" : "letter" }
}
