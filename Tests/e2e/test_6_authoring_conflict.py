"""Two trainers edit the same lesson on their phones (issue 16, point 7): the second save meets the first, the
conflict page shows both versions labelled and lets the trainer choose; a second stale save is a conflict again;
then an earlier version is restored from the history, which reads as text and says the restore in Vietnamese.
"""
from __future__ import annotations

import re

from helpers import (ADMIN, body_text, button, change_first_password, click, find, find_all, fits_width, go,
                     import_officials, shot, sign_in, wait_for, wait_path, wait_text)

SLUG = "thu-xung-dot"
TITLE = "Thử sửa cùng lúc"
LESSON = f"/author/courses/{SLUG}/modules/bai-1/lesson"
NAM, GIANG = ("gv.tranvannam", "Trần Văn Nam"), ("gv.levangiang", "Lê Văn Giảng")
PASSWORDS = {NAM[0]: "Nam soạn bài trên điện thoại", GIANG[0]: "Giảng soạn bài trên điện thoại"}


def trainer(browsers, who: tuple[str, str], slips: dict[str, str]):
    driver = browsers(who[0])
    sign_in(driver, who[0], slips[who[0]])
    change_first_password(driver, slips[who[0]], PASSWORDS[who[0]])
    return driver


def type_lesson(driver, text: str) -> None:
    """Replaces the editor's text, as a person selecting all and typing would."""
    area = find(driver, "#markdown")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", area)
    area.clear()
    area.send_keys(text)


def save_lesson(driver) -> None:
    click(driver, button(driver, "Lưu bản nháp"))


def publish(driver, note: str) -> None:
    go(driver, f"/author/courses/{SLUG}")
    find(driver, "#note").send_keys(note)
    click(driver, button(driver, "Xuất bản bản nháp"))
    wait_for(driver, lambda d: "done=published" in d.current_url, "the course was not published")


def test_two_trainers_meet_choose_and_restore(browsers):
    slips = import_officials(
        "username;full_name;commune;position;role\n"
        f"{NAM[0]};{NAM[1]};xã Yên Thuận;Giảng viên;trainer\n"
        f"{GIANG[0]};{GIANG[1]};xã Yên Thuận;Giảng viên;trainer\n")
    nam = trainer(browsers, NAM, slips)
    giang = trainer(browsers, GIANG, slips)

    # Nam makes the course and publishes its first version.
    go(nam, "/author")
    find(nam, "#title_vi").send_keys(TITLE)
    slug = find(nam, "#slug")
    slug.clear()
    slug.send_keys(SLUG)
    find(nam, "#module_title").send_keys("Bài một")
    click(nam, button(nam, "Tạo bản nháp"))
    wait_path(nam, rf"/author/courses/{SLUG}")
    go(nam, LESSON)
    type_lesson(nam, "# Bài một\n\nChuyển đổi số có hai trụ cột.\n\nHỏi cán bộ xã khi cần.")
    save_lesson(nam)
    wait_for(nam, lambda d: "done=saved" in d.current_url, "Nam's first save failed")
    publish(nam, "Bản đầu")

    # Both open the editor on the published text; Nam saves first.
    go(nam, LESSON)
    go(giang, LESSON)
    type_lesson(nam, "# Bài một\n\nChuyển đổi số có ba trụ cột.\n\nHỏi cán bộ xã khi cần.")
    save_lesson(nam)
    wait_for(nam, lambda d: "done=saved" in d.current_url, "Nam's second save failed")
    type_lesson(giang, "# Bài một\n\nChuyển đổi số có bốn trụ cột.\n\nHỏi cán bộ xã khi cần.\n\nGọi tổng đài 1022.")
    save_lesson(giang)

    # Giảng meets Nam's save: both versions labelled, the differences highlighted, nothing overwritten.
    wait_text(giang, "Có người vừa lưu trước bạn")
    text = body_text(giang)
    assert "Bản của bạn (chưa lưu)" in text
    assert re.search(r"Bản của Trần Văn Nam lúc \d\d:\d\d", text), text[:800]
    marked = [m.text for m in find_all(giang, ".version mark")]
    assert "bốn" in marked and "ba" in marked, marked
    assert not find_all(giang, ".d-removed"), "no red minus lines"
    for label in ("Giữ bản của tôi", "Lấy bản của họ", "Lưu bản đã gộp"):
        assert button(giang, label)
    fits_width(giang)
    giang.execute_script("window.scrollTo(0, 0)")
    shot(giang, "60-phone-conflict")
    shot(giang, "61-phone-conflict-whole", full=True)

    # Meanwhile Nam saves again: Giảng's merged save, made on the page's base, is a conflict again.
    go(nam, LESSON)
    type_lesson(nam, "# Bài một\n\nChuyển đổi số có ba trụ cột chính.\n\nHỏi cán bộ xã khi cần.")
    save_lesson(nam)
    wait_for(nam, lambda d: "done=saved" in d.current_url, "Nam's third save failed")
    merged = find(giang, "#merged")
    mine = "# Bài một\n\nChuyển đổi số có bốn trụ cột.\n\nHỏi cán bộ xã khi cần.\n\nGọi tổng đài 1022."
    merged.clear()
    merged.send_keys(mine)
    click(giang, button(giang, "Lưu bản đã gộp"))
    wait_text(giang, "Có người vừa lưu trước bạn")
    assert "chính" in " ".join(m.text for m in find_all(giang, ".version mark"))
    shot(giang, "62-phone-conflict-again")

    # Giảng keeps their version, knowingly.
    click(giang, button(giang, "Giữ bản của tôi"))
    wait_for(giang, lambda d: "done=saved" in d.current_url, "keeping Giảng's version failed")
    assert "Gọi tổng đài 1022." in find(giang, "#markdown").get_attribute("value")
    go(giang, f"/author/courses/{SLUG}/history")
    wait_text(giang, "Đã lưu nháp, chưa xuất bản")
    assert "Chọn giữ bản của mình, thay bản Trần Văn Nam đã lưu lúc" in body_text(giang)
    fits_width(giang)
    shot(giang, "63-phone-history-draft-saves", full=True)
    publish(giang, "Thêm số tổng đài")

    # The history reads as text: version 2, word by word; version 1 restored after a confirmation.
    go(giang, f"/author/courses/{SLUG}/history")
    wait_text(giang, "Bản số 2")
    click(giang, find_all(giang, "ul.history a")[0])  # the newest
    wait_text(giang, "Bài học: Bài một")
    assert [e.text for e in find_all(giang, ".textdiff ins")], "the words added are marked"
    assert "Đây là bản học viên đang xem" in body_text(giang)
    fits_width(giang)
    shot(giang, "64-phone-history-version-2", full=True)
    go(giang, f"/author/courses/{SLUG}/history")
    click(giang, find_all(giang, "ul.history a")[-1])
    wait_text(giang, "Khôi phục bản số 1")
    restore = button(giang, "Khôi phục bản số 1")
    click(giang, restore)
    assert "/restore" not in giang.current_url, "the unticked confirmation stops the restore"
    click(giang, find(giang, "input[name=confirm]"))
    shot(giang, "65-phone-restore-confirm")
    click(giang, button(giang, "Khôi phục bản số 1"))
    wait_for(giang, lambda d: "done=restored" in d.current_url, "the restore failed")
    go(giang, f"/author/courses/{SLUG}/history")
    wait_text(giang, "Bản số 3")
    assert re.search(r"Khôi phục bản số 1 \(\d\d/\d\d/\d{4} \d\d:\d\d\)", body_text(giang)), body_text(giang)[:600]
    assert "restore #" not in body_text(giang)
    fits_width(giang)
    shot(giang, "66-phone-history-restored")

    # Learners see version 1 again.
    go(giang, f"/courses/{SLUG}/bai-1")
    wait_text(giang, "hai trụ cột")
    assert ADMIN[0]  # the admin imported the trainers
