import Foundation

/// One enrolled person in a completion report, with where they stand in the course.
public struct PersonStanding: Sendable, Equatable {
    /// Not started, on the way, or done.
    public enum Status: String, Sendable, CaseIterable {
        case notStarted = "not_started"
        case inProgress = "in_progress"
        case completed
    }

    public var userID: Int64
    public var fullName: String
    public var username: String
    /// The name folded for sorting and searching (`user.search_name`).
    public var searchName: String
    public var position: String
    /// The commune's group of the place list; "" for no group.
    public var group: String
    public var commune: String
    public var enrolledAt: Date
    public var status: Status
    public var certified: Bool
}
