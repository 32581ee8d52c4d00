import Foundation

/// A JSON value written to deterministic bytes, for data that is signed and never re-serialised.
///
/// Object members are written in ascending UTF-8 byte order of their keys, with no whitespace. Strings are
/// written as raw UTF-8 by `JSONString`: only `"`, `\` and control characters are escaped (`/` and non-ASCII text
/// are not).
enum CanonicalJSON: Sendable, Equatable {
    case string(String)
    case bool(Bool)
    case integer(Int64)
    case array([CanonicalJSON])
    case object([String: CanonicalJSON])

    /// The UTF-8 bytes of this value.
    var bytes: [UInt8] {
        var output: [UInt8] = []
        write(into: &output)
        return output
    }

    /// Appends the bytes of this value to `output`.
    func write(into output: inout [UInt8]) {
        switch self {
        case .string(let text):
            JSONString.append(text, to: &output)
        case .bool(let flag):
            output.append(contentsOf: Array((flag ? "true" : "false").utf8))
        case .integer(let number):
            output.append(contentsOf: Array(String(number).utf8))
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.write(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONString.append(key, to: &output)
                output.append(UInt8(ascii: ":"))
                members[key]?.write(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }
}

/// RFC 3339 timestamps for credentials: whole seconds, UTC, `Z` suffix.
enum CredentialTime {
    /// Seconds since 1970 rounded down, limited to years 0000...9999 (the range RFC 3339 can write).
    static func epochSeconds(_ date: Date) -> Int64 {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite else { return 0 }
        return Int64(min(max(seconds, -62_167_219_200), 253_402_300_799).rounded(.down))
    }

    /// `seconds` since 1970 as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian calendar, no leap seconds).
    static func rfc3339(_ seconds: Int64) -> String {
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        // Howard Hinnant's civil_from_days.
        let shifted = days + 719_468
        let era = floorDivision(shifted, 146_097).quotient
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let date = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        let time = pad(secondOfDay / 3_600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        return date + "T" + time + "Z"
    }

    /// Quotient rounded toward minus infinity, and the matching non-negative remainder.
    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = ((value % divisor) + divisor) % divisor
        return ((value - remainder) / divisor, remainder)
    }

    /// Decimal digits of a non-negative number, left-padded with zeros to `width`.
    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
