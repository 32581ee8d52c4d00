/// A place list that cannot be used: the file, the line and what to fix. Start-up stops on it.
public struct PlaceListError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var message: String

    public var description: String { "\(path):\(line): \(message)" }
}
