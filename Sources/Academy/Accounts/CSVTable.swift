/// A CSV file read as records with the line each one starts on (RFC 4180 quoting, comma or semicolon).
///
/// Works on bytes so that a row with malformed UTF-8 is reported with its line instead of spoiling the file.
public struct CSVTable: Sendable {
    /// One record: its fields (nil where the bytes were not valid UTF-8) and its first line in the file.
    public struct Record: Sendable {
        public var line: Int
        public var fields: [String?]

        public var hasInvalidUTF8: Bool { fields.contains { $0 == nil } }
    }

    public var separator: UInt8
    public var records: [Record]

    /// An unclosed quote is the only error that stops reading; it names the line the quote opened on.
    public struct UnclosedQuote: Error, Equatable {
        public let line: Int
    }

    public init(bytes input: [UInt8]) throws(UnclosedQuote) {
        var bytes = input[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        separator = Self.detectSeparator(bytes)
        records = try Self.parse(bytes, separator: separator)
    }

    /// Semicolon when the header line has more semicolons than commas (spreadsheets in many locales write that).
    static func detectSeparator(_ bytes: ArraySlice<UInt8>) -> UInt8 {
        let header = bytes.prefix { $0 != 10 && $0 != 13 }
        let semicolons = header.filter { $0 == UInt8(ascii: ";") }.count
        let commas = header.filter { $0 == UInt8(ascii: ",") }.count
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    static func parse(_ bytes: ArraySlice<UInt8>, separator: UInt8) throws(UnclosedQuote) -> [Record] {
        let quote = UInt8(ascii: "\"")
        var records: [Record] = []
        var fields: [String?] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quoteLine = 1
        var index = bytes.startIndex
        var recordHasContent = false

        func endField() {
            fields.append(String(validating: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            // Blank lines are skipped, not records.
            if recordHasContent || fields.count > 1 { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll()
            recordHasContent = false
        }

        while index < bytes.endIndex {
            let byte = bytes[index]
            if inQuotes {
                if byte == quote {
                    if index + 1 < bytes.endIndex && bytes[index + 1] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == 10 { line += 1 }
                    field.append(byte)
                }
            } else if byte == quote && field.isEmpty {
                inQuotes = true
                quoteLine = line
                recordHasContent = true
            } else if byte == separator {
                endField()
            } else if byte == 10 || byte == 13 {
                if byte == 13 && index + 1 < bytes.endIndex && bytes[index + 1] == 10 { index += 1 }
                endRecord()
                line += 1
                recordLine = line
            } else {
                field.append(byte)
                if byte != 32 && byte != 9 { recordHasContent = true }
            }
            index += 1
        }
        if inQuotes { throw UnclosedQuote(line: quoteLine) }
        if !field.isEmpty || !fields.isEmpty || recordHasContent { endRecord() }
        return records
    }
}
