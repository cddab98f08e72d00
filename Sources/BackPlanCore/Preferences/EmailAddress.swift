/// The one check of an email address (an addr-spec), for the preferences' `email` and for `--to` and `--from`.
package enum EmailAddress {
    /// ASCII `local@domain` of at most 254 characters: a dot-atom local part of at most 64, and a host of two or more labels
    /// (letters, digits and hyphens, not at a label's ends), so the address can go into a mail header as it is.
    package static func isValid(_ text: String) -> Bool {
        guard text.utf8.count <= 254, text.unicodeScalars.allSatisfy({ $0.isASCII }), let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-")
        let localOK = local.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { atom in
            !atom.isEmpty && atom.allSatisfy { atext.contains($0) }
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let domainOK = labels.count >= 2 && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
        return localOK && local.count <= 64 && domainOK
    }
}
