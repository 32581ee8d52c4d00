"""A second pass of the key pages at desktop size (1280×900), with its own official so it stands alone.

The admin pastes the CSV this time (dry run unticked); the official signs in, reads, and takes a quiz in the
browser; the final test is passed through the JSON API to reach the certificate pages quickly.
"""
from __future__ import annotations

import pytest

from helpers import (read_every_lesson, ADMIN, BASE_URL, COURSE, DESKTOP, FINAL, HR, PASSED, answer_key, answer_on_page, api, api_token,
                     body_text, button, change_first_password, click, find, find_all, fits_width, go, link,
                     right_answer, shot, sign_in, start_attempt, submit_attempt, wait_for, wait_path, wait_saved,
                     wait_text)

USERNAME, NAME = "cb.hoangvanem", "Hoàng Văn Em"
PASSWORD = "Hàm Yên trên màn hình lớn"


def viewport(driver) -> tuple[int, int]:
    return tuple(driver.execute_script("return [window.innerWidth, window.innerHeight]"))


def test_key_pages_at_desktop_size(browsers):
    admin = browsers("admin", "desktop")
    assert viewport(admin) == (DESKTOP["width"], DESKTOP["height"])
    sign_in(admin, *ADMIN)
    go(admin, "/admin/import")
    find(admin, "#csv").send_keys(
        # A former xã, merged into xã Bạch Xa: with the place list it is stored as Bạch Xa and the row says so.
        "username;full_name;commune;position;course\n"
        f"{USERNAME};{NAME};xã Yên Thuận;Công chức Tư pháp - Hộ tịch;{COURSE}\n")
    click(admin, find(admin, "input[name=dry_run]"))  # untick: import for real at once
    assert not find(admin, "input[name=dry_run]").is_selected()
    shot(admin, "40-desktop-admin-import-form")
    click(admin, button(admin, "Kiểm tra và nhập"))
    wait_text(admin, "Đã nhập: 1 tạo mới, 0 cập nhật, 0 không đổi.")
    slip = find(admin, ".slip")
    username, password = [c.text for c in find_all(slip, "dd code")]
    assert username == USERNAME
    shot(admin, "41-desktop-admin-login-slip")
    fits_width(admin)

    official = browsers("official", "desktop")
    sign_in(official, USERNAME, password)
    change_first_password(official, password, PASSWORD)
    wait_text(official, f"Xin chào, {NAME}.")
    shot(official, "42-desktop-home")
    fits_width(official)
    go(official, f"/courses/{COURSE}/tong-quan")
    wait_for(official, lambda d: find_all(d, "article.lesson h1"), "the lesson never showed")
    shot(official, "43-desktop-lesson")
    fits_width(official)

    start_attempt(official, "tong-quan")
    given = answer_on_page(official, "tong-quan")
    wait_saved(official, given)
    official.execute_script("window.scrollTo(0, 0)")
    shot(official, "44-desktop-quiz-attempt")
    fits_width(official)
    assert PASSED in submit_attempt(official)
    shot(official, "45-desktop-quiz-passed")

    # Every lesson read (the course's completion rule), the final test through the API (the phone pass did it in
    # the browser), then the certificate pages.
    assert read_every_lesson(official, COURSE) >= 10
    token = api_token(USERNAME, PASSWORD)
    status, started = api("POST", f"/courses/{COURSE}/quizzes/{FINAL}/attempts", token=token)
    assert status == 201, (status, started)
    key = answer_key(FINAL)
    answers = {q["id"]: right_answer(key[q["id"]]) for q in started["questions"]}
    status, graded = api("POST", f"/attempts/{started['attempt_id']}/submission", token=token, body={"answers": answers})
    assert status == 200 and graded["passed"] and graded["certificate_code"], (status, graded)
    code = graded["certificate_code"]

    go(official, "/certificates")
    assert code in body_text(official)
    shot(official, "46-desktop-my-certificates")
    click(official, link(official, "In chứng nhận"))
    wait_path(official, rf"/certificates/{code}")
    assert find(official, ".cert-holder").text == NAME
    assert find(official, ".cert-qr svg").size["width"] > 80
    shot(official, "47-desktop-certificate-printable", full=True)
    fits_width(official)

    hr = browsers("hr", "desktop")
    go(hr, f"{BASE_URL}/v/{code}")
    wait_text(hr, "Chứng nhận hợp lệ")
    shot(hr, "48-desktop-verify-valid")
    fits_width(hr)
    sign_in(hr, *HR)
    go(hr, f"/admin/certificates?q={code}")
    assert len(find_all(hr, "table.data tbody tr")) == 1
    shot(hr, "49-desktop-hr-certificates")
    fits_width(hr)

    # English on request, remembered for the next pages.
    go(hr, f"/v/{code}?lang=en")
    wait_text(hr, "Valid certificate")
    assert find(hr, "html").get_attribute("lang") == "en"
    shot(hr, "50-desktop-verify-english")
    go(hr, "/admin/certificates")
    assert find(hr, "html").get_attribute("lang") == "en", "the English choice was not remembered"
    wait_text(hr, "Revoke")


def test_menu_links_have_distinct_names_in_both_languages(browsers):
    """Two menu entries with the same words but different pages leave a person guessing."""
    for who, account in (("admin", ADMIN), ("hr", HR)):
        driver = browsers(who, "desktop")  # signed in by the test above
        for lang in ("vi", "en"):
            go(driver, f"/?lang={lang}")
            # textContent: the staff's other links are behind "Thêm" (closed), where .text reads "" (issue 16).
            labels = [a.get_attribute("textContent").strip() for a in find_all(driver, "header.top nav a")]
            assert len(labels) == len(set(labels)), f"{account[0]}, {lang}: {labels}"
