import Testing

@testable import Academy

/// The word-by-word comparison the conflict page and the history show (issue 16, point 7).
@Suite struct TextDiffTests {
    @Test func aChangedWordIsOneRemovalAndOneAddition() {
        let parts = TextDiff.parts("Chuyển đổi số có ba trụ cột.", "Chuyển đổi số có bốn trụ cột.")
        #expect(parts == [.same("Chuyển đổi số có "), .removed("ba"), .added("bốn"), .same(" trụ cột.")])
        #expect(TextDiff.oldSide(parts) == [.same("Chuyển đổi số có "), .removed("ba"), .same(" trụ cột.")])
        #expect(TextDiff.newSide(parts) == [.same("Chuyển đổi số có "), .added("bốn"), .same(" trụ cột.")])
    }

    @Test func neighbouringChangedWordsReadAsOneChange() {
        let parts = TextDiff.parts("có ba trụ cột", "có bốn cột chính")
        #expect(parts.filter(\.isChange).count <= 4)
        #expect(TextDiff.newSide(parts).map(Self.text).joined() == "có bốn cột chính")
        #expect(TextDiff.oldSide(parts).map(Self.text).joined() == "có ba trụ cột")
    }

    @Test func longUnchangedRunsAreFolded() {
        let lines = (1...30).map { "Dòng \($0)." }
        var changed = lines
        changed[14] = "Dòng mười lăm."
        let parts = TextDiff.parts(lines.joined(separator: "\n"), changed.joined(separator: "\n"))
        #expect(parts.contains(.fold(12)))
        #expect(parts.contains(.fold(13)))
        #expect(parts.contains(.removed("15")))
        #expect(parts.contains(.added("mười lăm")))
    }

    @Test func equalTextsHaveNoChanges() {
        #expect(!TextDiff.hasChanges(TextDiff.parts("Một\nHai", "Một\nHai")))
        #expect(TextDiff.parts("", "Mới") == [.added("Mới")])
    }

    static func text(_ part: TextDiff.Part) -> String {
        switch part {
        case .same(let text), .removed(let text), .added(let text): text
        case .fold: ""
        }
    }
}
