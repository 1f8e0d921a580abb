import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File names as the inbox holds them: raw bytes. A name that is not UTF-8 cannot be reached through
/// Swift's `String` paths, so it is renamed in place to a UTF-8 name with each stray byte as `%XX`.
enum InboxNames {
    /// The names in `folder`, read with readdir so that no byte is lost; non-UTF-8 names are repaired first.
    static func list(_ folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        var raw: [[UInt8]] = []
        while let entry = readdir(directory) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { buffer in
                Array(buffer.prefix { $0 != 0 })
            }
            if bytes != Array(".".utf8), bytes != Array("..".utf8) { raw.append(bytes) }
        }
        closedir(directory)
        return raw.compactMap { name($0, in: folder) }
    }

    /// The name `bytes` in `folder` as a String, renaming the file first when the bytes are not UTF-8.
    static func name(_ bytes: [UInt8], in folder: String) -> String? {
        if let name = String(validating: bytes, as: UTF8.self) { return name }
        let repaired = escaped(bytes)
        var candidate = repaired
        var counter = 2
        while access(folder + "/" + candidate, F_OK) == 0 {
            candidate = "\(repaired).\(counter)"
            counter += 1
        }
        let source = Array((folder + "/").utf8) + bytes + [0]
        let renamed = source.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { rename($0.baseAddress!, folder + "/" + candidate) }
        }
        return renamed == 0 ? candidate : nil
    }

    /// `bytes` with every byte that is not part of a valid UTF-8 sequence written as `%XX`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var result = ""
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
            if length > 0, index + length <= bytes.count,
               let piece = String(validating: bytes[index..<(index + length)], as: UTF8.self) {
                result += piece
                index += length
            } else {
                result += String(format: "%%%02X", lead)
                index += 1
            }
        }
        return result
    }
}
