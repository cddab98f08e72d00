import BackPlanCore
import Testing

@Suite("SHA-256")
struct SHA256Tests {
    /// FIPS 180-4's examples and the padding edges: 55, 56 and 64 bytes change how many blocks the message takes.
    static let vectors: [(String, String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (String(repeating: "a", count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (String(repeating: "a", count: 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (String(repeating: "a", count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        ("☐ tick", "4426279a0c9f2f827ca8f198a13143bd462e1c146fc31f885faad332dada7407"),
    ]

    @Test("digests match FIPS 180-4 examples and Python hashlib", arguments: vectors)
    func digest(message: String, expected: String) {
        #expect(SHA256.hex(message.utf8) == expected)
    }

    @Test("a million a's")
    func long() {
        #expect(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
