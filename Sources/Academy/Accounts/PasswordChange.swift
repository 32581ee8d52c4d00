import Foundation

/// Changing one's own password, for the web form and the API alike.
///
/// Checking the current password is throttled together with sign-in (the same count per name and address), so a
/// signed-in browser left open cannot be used to guess the password and then end every other session
/// (issue 13, point 10).
struct PasswordChange {
    let accounts: AccountStore
    let sessions: SessionStore
    let throttle: SignInThrottle

    /// Why a change was refused.
    enum Refusal: Equatable {
        case throttled(minutes: Int)
        case wrongCurrent
        case tooShort
        case same
    }

    /// nil when `current` is the user's password and `new` may replace it. A wrong `current` counts against the
    /// throttle; once it has run out even the right one is refused until the window has passed.
    func check(_ user: User, current: String, new: String, address: String?) async throws -> Refusal? {
        let attempt: SignInThrottle.Attempt
        switch throttle.begin(username: user.username, address: address) {
        case .failure(let wait): return .throttled(minutes: wait.minutes)
        case .success(let started): attempt = started
        }
        guard try await accounts.authenticate(username: user.username, password: current)?.id == user.id else {
            return .wrongCurrent
        }
        throttle.succeeded(attempt)
        if !Passwords.isAcceptable(new) { return .tooShort }
        if new == current { return .same }
        return nil
    }

    /// Stores `new` and ends every session of the user but `keeping` (nil: all of them).
    func apply(_ user: User, new: String, keeping sessionID: Int64? = nil) async throws {
        guard let id = user.id else { throw AppError(.internalServerError, "internal") }
        try await accounts.changePassword(userID: id, to: new, sessions: sessions, keeping: sessionID)
    }
}
