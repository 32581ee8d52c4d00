import Testing

@testable import Academy

/// Issue 14: the diff's core is the standard library's `difference(from:)`; these outputs are the ones the former
/// longest-common-subsequence table gave (where several alignments are equally short, either may be shown).
@Suite struct LineDiffTests {
    func signs(_ old: String, _ new: String) -> [String] {
        LineDiff.diff(old, new).map { line in
            switch line {
            case .same(let text): " " + text
            case .added(let text): "+" + text
            case .removed(let text): "-" + text
            }
        }
    }

    @Test func typicalEditsReadAsBefore() {
        #expect(signs("a\nb\nc", "a\nb\nc") == [" a", " b", " c"])
        #expect(signs("a\nb\nc", "a\nx\nc") == [" a", "-b", "+x", " c"])
        #expect(signs("", "a") == ["-", "+a"])
        #expect(signs("a", "") == ["-a", "+"])
        #expect(signs("a\nb", "b\na") == ["-a", " b", "+a"])
        #expect(signs("a\nb\na", "a") == [" a", "-b", "-a"])
        #expect(
            signs("# Tiêu đề\n\nĐoạn một.\nĐoạn hai.\n", "# Tiêu đề\n\nĐoạn một, sửa.\nĐoạn hai.\nĐoạn ba.\n")
                == [" # Tiêu đề", " ", "-Đoạn một.", "+Đoạn một, sửa.", " Đoạn hai.", "+Đoạn ba.", " "])
    }

    @Test func aLongTextWithOneEditShowsOneChange() {
        // given: 5,000 lines, one changed (the former table refused beyond 4 million cells and showed everything)
        let old = (0..<5_000).map { "dòng \($0)" }
        var new = old
        new[2_500] = "dòng đã sửa"
        // when
        let lines = LineDiff.diff(old.joined(separator: "\n"), new.joined(separator: "\n"))
        // then
        #expect(lines.count == 5_001)
        #expect(lines[2_500] == .removed("dòng 2500"))
        #expect(lines[2_501] == .added("dòng đã sửa"))
    }

    @Test func aHugeRewriteIsShownWhole() {
        let old = (0..<2_000).map { "cũ \($0)" }.joined(separator: "\n")
        let new = (0..<2_000).map { "mới \($0)" }.joined(separator: "\n")
        let lines = LineDiff.diff(old, new)
        #expect(lines.count == 4_000)
        #expect(lines.first == .removed("cũ 0"))
        #expect(lines.last == .added("mới 1999"))
    }
}
