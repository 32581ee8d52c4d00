import Foundation

/// Reads and checks place-list files (`code,name,type,province,group,former_names`, `#` comments on top).
///
/// Text that is not NFC is normalised, not refused: Vietnamese keyboards on Windows may write decomposed
/// diacritics, and the same name must compare equal however it was typed. Bytes that are not UTF-8 are refused.
public enum PlaceListReader {
    public static let header = ["code", "name", "type", "province", "group", "former_names"]
    public static let types = ["xã", "phường", "đặc khu"]

    /// Every `*.csv` in `directory`, in name order, checked together; an empty list when the folder is absent.
    public static func load(directory: String) throws(PlaceListError) -> PlaceList {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".csv") }.sorted()
        var places: [Place] = []
        for file in files {
            let path = (directory as NSString).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw PlaceListError(path: path, line: 0, message: "cannot read the file")
            }
            places += try read([UInt8](data), path: path)
        }
        return try PlaceList(checking: places)
    }

    /// The units of one file, each row checked on its own (the list as a whole is checked by `PlaceList`).
    public static func read(_ bytes: [UInt8], path: String) throws(PlaceListError) -> [Place] {
        func fail(_ line: Int, _ message: String) -> PlaceListError {
            PlaceListError(path: path, line: line, message: message)
        }
        let table: CSVTable
        do {
            table = try CSVTable(bytes: withoutComments(bytes))
        } catch {
            throw fail(error.line, "a quote (\") opened on this line is never closed")
        }
        guard let first = table.records.first else {
            throw fail(
                1,
                "the file has no header row; the first line after the comments must be "
                    + header.joined(separator: ","))
        }
        let names = first.fields.map { Text.clean($0 ?? "").lowercased() }
        guard names == header else {
            throw fail(
                first.line, "the header must be \(header.joined(separator: ",")), not \(names.joined(separator: ","))")
        }
        var places: [Place] = []
        for record in table.records.dropFirst() {
            guard !record.hasInvalidUTF8 else {
                throw fail(record.line, "the line is not UTF-8 text; save it as UTF-8")
            }
            guard record.fields.count == header.count else {
                throw fail(record.line, "the line has \(record.fields.count) columns, the header \(header.count)")
            }
            let value = record.fields.map { Text.clean($0 ?? "") }
            let (code, name, type, province, group) = (value[0], value[1], value[2].lowercased(), value[3], value[4])
            if !code.allSatisfy({ $0.isASCII && $0.isNumber }) {
                throw fail(record.line, "the code '\(code)' is not made of digits")
            }
            guard !name.isEmpty else { throw fail(record.line, "the name is empty") }
            guard types.contains(type) else {
                throw fail(record.line, "unknown type '\(value[2])'; use xã, phường or đặc khu")
            }
            if PlaceName.withoutTypeWord(name) != name {
                throw fail(record.line, "write the name '\(name)' without its type word; the type is its own column")
            }
            guard !province.isEmpty else { throw fail(record.line, "the province is empty") }
            var former: [FormerName] = []
            for part in value[5].split(separator: ";") where !Text.clean(String(part)).isEmpty {
                guard let name = FormerName(String(part)) else {
                    throw fail(
                        record.line,
                        "former name '\(Text.clean(String(part)))' must start with its old type (xã, phường, thị trấn "
                            + "or đặc khu), e.g. 'xã Đà Vị'")
                }
                former.append(name)
            }
            places.append(
                Place(
                    code: code, name: name, type: type, province: province, group: group, formerNames: former,
                    source: path, line: record.line))
        }
        return places
    }

    /// The `#` lines at the top blanked out (their line breaks kept, so lines keep their numbers).
    static func withoutComments(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var atLineStart = true
        var inComment = false
        var start = bytes.startIndex
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        for byte in bytes[start...] {
            if atLineStart && byte == UInt8(ascii: "#") { inComment = true }
            if byte == 10 {
                inComment = false
                atLineStart = true
                output.append(byte)
                continue
            }
            atLineStart = false
            if !inComment { output.append(byte) }
        }
        return output
    }
}
