import Foundation
import Signing
import Synchronization
import Testing

@testable import Academy

/// Every failed sign-in does the same password-hashing work (issue 13, point 11), counted, not timed.
@Suite struct SignInCostTests {
    /// Records the scrypt cost (log2 N) of every hash a password is checked against.
    final class Costs: Sendable {
        let seen = Mutex<[Int]>([])
        func take() -> [Int] {
            seen.withLock { costs in
                defer { costs = [] }
                return costs.sorted()
            }
        }
    }

    @Test func unknownNamesOneTimeAndOwnPasswordsCostTheSame() async throws {
        // given accounts at full cost (ln=13 here) and at the lower one-time cost (ln=12)
        let services = try await TestApp.services()
        let costs = Costs()
        let hasher = PasswordHasher()
        let accounts = AccountStore(database: services.database, scryptLogN: 13) { password, stored in
            costs.seen.withLock { $0.append(PasswordHasher.parameters(of: stored)?.logN ?? -1) }
            return hasher.verify(password, against: stored)
        }
        let own = try await accounts.hash(password: People.password)
        let oneTime = try await accounts.hash(password: People.password, oneTime: true)
        #expect(PasswordHasher.parameters(of: oneTime)?.logN == 12)
        _ = try await accounts.create(User(username: "rieng", fullName: "Riêng", role: .learner, passwordHash: own))
        _ = try await accounts.create(
            User(
                username: "motlan", fullName: "Một Lần", role: .learner, passwordHash: oneTime, mustChangePassword: true
            ))
        var off = User(username: "nghi", fullName: "Nghỉ", role: .learner, passwordHash: oneTime)
        off.active = false
        _ = try await accounts.create(off)
        // when each fails to sign in
        var work: [String: [Int]] = [:]
        for name in ["rieng", "motlan", "nghi", "khong-co-ai"] {
            #expect(try await accounts.authenticate(username: name, password: "sai-mat-khau") == nil)
            work[name] = costs.take()
        }
        // then each did one full-cost and one one-time-cost check
        #expect(work == ["rieng": [12, 13], "motlan": [12, 13], "nghi": [12, 13], "khong-co-ai": [12, 13]])
        // and the right password still decides
        #expect(try await accounts.authenticate(username: "motlan", password: People.password) != nil)
        #expect(costs.take() == [12, 13])
    }
}
