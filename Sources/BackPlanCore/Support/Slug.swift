import Foundation

/// Folder-safe names made from people's names: `Zoë O'Brien` becomes `zoe-o-brien`.
///
/// A slug holds only ASCII lowercase letters, digits and single inner hyphens,
/// so it can never be `.`, `..`, contain a path separator or a control
/// character, whatever the name was.
public enum Slug {
    /// The longest slug made; longer names are cut at a hyphen where one is near.
    public static let maximumLength = 60

    /// The slug of `text`, or `fallback` when nothing of `text` survives (a name in another script, `../..`).
    public static func make(from text: String, fallback: String = "person") -> String {
        // Folding ASCII only lowercases it; Foundation's folding is for the rest, at many times the cost.
        let folded = text.utf8.allSatisfy { $0 < 0x80 }
            ? text.lowercased()
            : text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            let value = scalar.value
            let isLetterOrDigit = (0x61...0x7A).contains(value) || (0x30...0x39).contains(value)
            guard isLetterOrDigit else {
                pendingHyphen = !slug.isEmpty
                continue
            }
            if pendingHyphen { slug.append("-") }
            pendingHyphen = false
            slug.unicodeScalars.append(scalar)
            if slug.utf8.count >= maximumLength { break }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? fallback : slug
    }

    /// Whether `text` may be used as a folder name as it is: letters, digits, `-`, `_`, `.`, not starting with `.`.
    public static func isSafeFolderName(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 100, !text.hasPrefix(".") else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar))
        }
    }
}
