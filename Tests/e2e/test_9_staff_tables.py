"""Staff tables on a 360×740 phone and at 1280×900 (issue 16, point 8).

The admin checks a CSV with an error row: the summary is an alert, the error is on screen and "Nhập thật" is not
offered; the text is fixed on the page, checked again and imported. An official earns a certificate. On the phone the
certificate register's revoke button, the users list, the audit log and the import's outcomes are cards within the
screen; the completion and quiz reports keep their first column while the rest scrolls in a labelled region under a
visible hint; the admin's menu is two rows. At 1280 px the same pages use the width, and a lesson keeps its measure.
"""
from __future__ import annotations

from helpers import (ADMIN, COURSE, FINAL, answer_key, api, api_token, body_text, button, change_first_password,
                     click, find, find_all, fits_width, go, new_browser, read_every_lesson, right_answer, shot, sign_in,
                     wait_text)

HEADER = "username,full_name,district,commune,position,course"
GOOD = [
    f"cb.bangthi,Bàng Thị Thu,Na Hang,Yên Hoa,Công chức Văn phòng - Thống kê,{COURSE}",
    f"cb.lamvan,Lâm Văn Tới,Lâm Bình,Thượng Lâm,Phó Chủ tịch Ủy ban nhân dân,{COURSE}",
    f"cb.mavan,Ma Văn Quý,Bắc Quang,Bằng Hành,Công chức Địa chính - Xây dựng,{COURSE}",
]
BAD = f"cb.khonghoten,,Na Hang,Côn Lôn,Công chức Tư pháp - Hộ tịch,{COURSE}"
PASSWORD = "Bảng biểu trên điện thoại"


def in_view(driver, element) -> bool:
    """The element lies wholly within the screen's width (after scrolling it into view vertically)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", element)
    return driver.execute_script("""
        const r = arguments[0].getBoundingClientRect();
        return r.width > 0 && r.left >= -1 && r.right <= window.innerWidth + 1;""", element)


def check_region(driver, column: str) -> None:
    """The report's table scrolls inside a labelled region under a visible hint; scrolled to its end, `column` is on
    screen and the first column (the names) is still beside it."""
    region = find(driver, ".table-region")
    assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
    assert region.get_attribute("aria-label"), "the scroll region has no name"
    hint = find(driver, ".scroll-hint")
    assert hint.is_displayed() and "Kéo ngang để xem thêm cột" in hint.text
    assert driver.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth", region)
    heading = next(th for th in find_all(region, "thead th") if column in th.get_attribute("textContent"))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].scrollLeft = 1e6;", region)
    assert in_view(driver, heading), f"{column!r} cannot be brought on screen"
    first = find(region, "tbody tr td:first-child")
    left = driver.execute_script("return arguments[0].getBoundingClientRect().left", first)
    assert 0 <= left < 40, f"the first column scrolled away ({left} px)"


def test_staff_tables_on_a_phone(browsers):
    admin = browsers("admin")
    sign_in(admin, *ADMIN)

    # The admin's menu: the main destinations and "Thêm" in one row under the name, the rest behind it.
    go(admin, "/")
    height = admin.execute_script("return document.querySelector('header.top').getBoundingClientRect().height")
    assert height < 200, f"the admin's top bar is {height} px tall"
    shot(admin, "90-phone-admin-menu-closed")
    click(admin, find(admin, ".nav-more > summary"))
    more = [a.text for a in find_all(admin, ".nav-more-list a, .nav-more-list button")]
    assert "Nhật ký bảo mật" in more and "Đăng xuất" in more, more
    assert all(in_view(admin, a) for a in find_all(admin, ".nav-more-list a")), "a menu entry is off screen"
    shot(admin, "91-phone-admin-menu-open")
    fits_width(admin)

    # A dry run with an error row: an alert, the error on screen, no "Nhập thật".
    go(admin, "/admin/import")
    find(admin, "#csv").send_keys("\n".join([HEADER, *GOOD[:2], BAD, GOOD[2]]) + "\n")
    click(admin, button(admin, "Kiểm tra và nhập"))
    wait_text(admin, "Không ghi gì cả: có 1 dòng lỗi.")
    summary = find(admin, "[role=alert]")
    assert "Không ghi gì cả" in summary.text
    assert "138, 28, 18" in summary.value_of_css_property("border-left-color"), "the summary is not red"
    assert "Nhập thật danh sách này" not in body_text(admin)
    outcome = find(admin, "tr.row-error td.outcome")
    assert "thiếu họ và tên" in outcome.text and in_view(admin, outcome), "the error is off screen"
    shot(admin, "92-phone-import-error-row")
    admin.execute_script("window.scrollTo(0, 0)")
    shot(admin, "92-phone-import-errors")
    fits_width(admin)
    field = find(admin, "textarea#csv")
    admin.execute_script("arguments[0].scrollIntoView({block: 'end'})", field)
    shot(admin, "93-phone-import-fix")
    field.clear()
    field.send_keys("\n".join([HEADER, *GOOD]) + "\n")
    click(admin, button(admin, "Kiểm tra lại"))
    wait_text(admin, "Chạy thử (chưa ghi): sẽ tạo mới 3, cập nhật 0, không đổi 0.")
    assert find(admin, "p.summary-good[role=status]").is_displayed()
    shot(admin, "94-phone-import-dry-run-ok")
    click(admin, button(admin, "Nhập thật danh sách này"))
    wait_text(admin, "Đã nhập: 3 tạo mới, 0 cập nhật, 0 không đổi.")
    outcomes = find_all(admin, "td.outcome")
    assert len(outcomes) == 3 and all(in_view(admin, o) for o in outcomes)
    slips = {c[0].text: c[1].text for c in (find_all(s, "dd code") for s in find_all(admin, ".slip"))}
    fits_width(admin)

    # One official earns the certificate: every lesson read, the final test through the API.
    official = new_browser("phone")
    try:
        username = "cb.bangthi"
        sign_in(official, username, slips[username])
        change_first_password(official, slips[username], PASSWORD)
        assert read_every_lesson(official, COURSE) >= 10
    finally:
        official.quit()
    token = api_token(username, PASSWORD)
    status, started = api("POST", f"/courses/{COURSE}/quizzes/{FINAL}/attempts", token=token)
    assert status == 201, (status, started)
    key = answer_key(FINAL)
    answers = {q["id"]: right_answer(key[q["id"]]) for q in started["questions"]}
    status, graded = api("POST", f"/attempts/{started['attempt_id']}/submission", token=token, body={"answers": answers})
    assert status == 200 and graded["certificate_code"], (status, graded)

    # The register: the revoke button on screen.
    go(admin, "/admin/certificates")
    wait_text(admin, graded["certificate_code"])
    revoke = button(admin, "Thu hồi")
    assert in_view(admin, revoke), "the revoke button is off screen"
    assert in_view(admin, find(admin, "form.revoke input[name=reason]"))
    shot(admin, "95-phone-certificate-register")
    fits_width(admin)

    # The users list and the audit log: every cell on screen.
    go(admin, "/admin/users?q=cb.")
    wait_text(admin, "Bàng Thị Thu")
    cells = find_all(admin, "table.table-cards td")
    assert cells and all(in_view(admin, c) for c in cells[:12])
    shot(admin, "96-phone-users")
    fits_width(admin)
    go(admin, "/admin/audit")
    wait_text(admin, "Nhập danh sách người dùng")
    cells = find_all(admin, "table.table-cards tbody tr:first-child td")
    assert len(cells) == 6 and all(in_view(admin, c) for c in cells)
    shot(admin, "97-phone-audit")
    fits_width(admin)

    # The reports: the names stay while the figures scroll, under the hint.
    go(admin, f"/reports?course={COURSE}")
    wait_text(admin, "Kéo ngang để xem thêm cột")
    admin.execute_script("document.querySelector('.scroll-hint').scrollIntoView({block: 'start'})")
    shot(admin, "98-phone-report")
    check_region(admin, "Tỉ lệ hoàn thành")
    shot(admin, "99-phone-report-scrolled")
    fits_width(admin)
    go(admin, f"/reports/quiz?course={COURSE}&quiz={FINAL}")
    wait_text(admin, "Kéo ngang để xem thêm cột")
    check_region(admin, "Điểm cao nhất")
    shot(admin, "100-phone-quiz-report-scrolled")
    fits_width(admin)


def test_staff_tables_use_a_wide_screen(browsers):
    admin = browsers("admin-desktop", "desktop")
    sign_in(admin, *ADMIN)
    main_width = "return document.querySelector('main').getBoundingClientRect().width"
    for path, name, text in (
            ("/admin/certificates", "register", "Thu hồi"), ("/admin/users?q=cb.", "users", "Bàng Thị Thu"),
            ("/admin/audit", "audit", "Nhập danh sách người dùng"), (f"/reports?course={COURSE}", "report", "Tổng cộng"),
            (f"/reports/quiz?course={COURSE}&quiz={FINAL}", "quiz-report", "Điểm cao nhất")):
        go(admin, path)
        wait_text(admin, text)
        assert admin.execute_script(main_width) >= 1150, f"{path} does not use the width"
        table = find(admin, "table.data")
        assert admin.execute_script("return arguments[0].getBoundingClientRect().right", table) <= 1280
        assert not find(admin, ".scroll-hint").is_displayed() if find_all(admin, ".scroll-hint") else True
        header = admin.execute_script("return document.querySelector('header.top').getBoundingClientRect().height")
        assert header < 80, f"{path}: the top bar is {header} px tall"
        shot(admin, f"101-desktop-{name}")
        fits_width(admin)
    go(admin, f"/courses/{COURSE}/tong-quan")
    assert admin.execute_script(main_width) < 800, "a lesson should keep its comfortable measure"
