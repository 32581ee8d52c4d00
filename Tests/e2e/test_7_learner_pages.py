"""Learner pages on a 360×740 phone (issue 16, point 9), from the official's first look at the course to HR
revoking the certificate from the verify page they are looking at.

The course page says what completing still needs, with links; a failed quiz's result has "Làm lại" beside the
score, on the first screen; the timed final test keeps its countdown in view while the official scrolls; the
final result says the course is complete and links the certificate; HR, signed in, revokes it from /v/CODE.
"""
from __future__ import annotations

import re

import pytest

from helpers import (COURSE, FAILED, FINAL, HR, PASSED, PHONE, answer_on_page, body_text, button, change_first_password,
                     click, fill, find, find_all, fits_width, go, import_officials, link, path_of, questions_on_page,
                     read_every_lesson, shot, sign_in, start_attempt, submit_attempt, wait_for, wait_path, wait_saved,
                     wait_text)

USERNAME, NAME = "0977000777", "Đặng Thị Hoa"
PASSWORD = "học xong khóa chuyển đổi số 2026"
MODULE = "tong-quan"
REASON = "Người khác làm bài thay, theo biên bản số 7"
MISSING = "Còn thiếu để hoàn thành khóa học"


def need(story: dict, *keys: str) -> None:
    missing = [key for key in keys if key not in story]
    if missing:
        pytest.skip(f"an earlier step failed (no {', '.join(missing)})")


def on_first_screen(driver, element) -> bool:
    """Whether the element is wholly inside the viewport as the page opens (no scrolling)."""
    return driver.execute_script("""
        const r = arguments[0].getBoundingClientRect();
        return window.scrollY === 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.width > 0;""", element)


@pytest.fixture(scope="module")
def learner_story() -> dict:
    return {}


def test_course_page_says_what_completing_needs(browsers, learner_story):
    slips = import_officials(f"username,full_name,commune,course\n{USERNAME},{NAME},Tân Trào,{COURSE}\n")
    official = browsers("official")
    sign_in(official, USERNAME, slips[USERNAME])
    change_first_password(official, slips[USERNAME], PASSWORD)
    go(official, f"/courses/{COURSE}")
    wait_text(official, MISSING)
    section = find(official, "section.completion")
    assert "Đọc bài:" in section.text and "Đạt bài kiểm tra:" in section.text, section.text
    lessons = [a.get_attribute("href") for a in find_all(section, "ul.missing a")]
    assert any(h.endswith(f"/courses/{COURSE}/{MODULE}") for h in lessons), lessons
    assert any(h.endswith(f"/courses/{COURSE}/{FINAL}/quiz") for h in lessons), lessons
    assert "Phần 1: Tổng quan về chuyển đổi số và ba trụ cột" in section.text, section.text
    official.execute_script("arguments[0].scrollIntoView({block: 'start'});", section)
    shot(official, "70-phone-course-missing")
    fits_width(official)
    learner_story["signed_in"] = True


def test_failed_result_has_retake_beside_the_score(browsers, learner_story):
    need(learner_story, "signed_in")
    official = browsers("official")
    first = start_attempt(official, MODULE)
    result = submit_attempt(official)  # nothing answered: failed
    assert FAILED in result, result
    assert re.search(r"Điểm: 0/\d+ \(0\s%\)", result), result
    retake = button(find(official, "section[role=status]"), "Làm lại")
    assert on_first_screen(official, retake), "“Làm lại” must be on the first screen, beside the score"
    score = find(official, "p.score")
    gap = official.execute_script(
        "return arguments[1].getBoundingClientRect().top - arguments[0].getBoundingClientRect().bottom;",
        score, retake)
    assert gap < 60, f"“Làm lại” is {gap} px below the score"
    wait_text(official, MISSING)  # the result says what completing the course still needs, too
    shot(official, "71-phone-result-retake")
    fits_width(official)
    click(official, retake)
    wait_for(official, lambda d: path_of(d).startswith("/attempts/") and first not in path_of(d),
             "“Làm lại” must start a new attempt")
    assert questions_on_page(official)
    learner_story["retaken"] = True


def test_timed_test_countdown_stays_in_view(browsers, learner_story):
    need(learner_story, "retaken")
    official = browsers("official")
    assert read_every_lesson(official, COURSE) >= 10
    go(official, f"/courses/{COURSE}")
    section = find(official, "section.completion")
    assert "Đọc bài:" not in section.text and "Đạt bài kiểm tra:" in section.text, section.text
    start_attempt(official, FINAL)
    clock = find(official, "#timer-clock")
    wait_for(official, lambda d: re.fullmatch(r"Thời gian còn lại (\d+):(\d\d) ·", clock.text),
             "the countdown never started")
    minutes = int(re.fullmatch(r"Thời gian còn lại (\d+):\d\d ·", clock.text).group(1))
    assert 38 <= minutes <= 40, clock.text
    assert find(official, "time#deadline").text, "the deadline in words stays beside the countdown"
    before = clock.text
    wait_for(official, lambda d: clock.text != before, "the countdown does not tick", timeout=3)
    # Scrolled to the last question, the countdown is still at the top of the screen.
    official.execute_script("window.scrollTo(0, document.body.scrollHeight);")
    wait_for(official, lambda d: d.execute_script("return window.scrollY") > 2000, "the page did not scroll")
    top, bottom = official.execute_script(
        "const r = document.getElementById('timer').getBoundingClientRect(); return [r.top, r.bottom];")
    assert 0 <= top <= 1 and bottom < PHONE["height"] / 4, f"the countdown left the screen: {top}–{bottom}"
    assert find(official, "#timer-say").text == "", "the screen reader hears nothing until 5 minutes are left"
    shot(official, "72-phone-timed-test-scrolled")
    fits_width(official)
    learner_story["timed"] = True


def test_final_result_says_complete_and_links_the_certificate(browsers, learner_story):
    need(learner_story, "timed")
    official = browsers("official")
    given = answer_on_page(official, FINAL)
    wait_saved(official, given, timeout=30)
    result = submit_attempt(official)
    assert PASSED in result, result
    wait_text(official, "Bạn đã hoàn thành khóa học này.")
    assert MISSING not in body_text(official)
    done = find(official, "section.completion")
    official.execute_script("window.scrollTo(0, 0);")
    shot(official, "73-phone-final-complete")
    click(official, link(done, "Xem chứng nhận của bạn"))
    code = wait_path(official, r"/v/([A-Z0-9-]+)").group(1)
    wait_text(official, "Chứng nhận hợp lệ")
    assert not find_all(official, "details.verify-revoke"), "the holder is offered no revoke"
    learner_story["code"] = code


def test_hr_revokes_from_the_verify_page(browsers, learner_story):
    need(learner_story, "code")
    code = learner_story["code"]
    hr = browsers("hr7")
    go(hr, f"/v/{code}")
    wait_text(hr, "Chứng nhận hợp lệ")
    assert not find_all(hr, "details.verify-revoke"), "a visitor is offered no revoke"
    sign_in(hr, *HR)
    go(hr, f"/v/{code}")
    details = find(hr, "details.verify-revoke")
    click(hr, find(details, "summary"))
    fill(hr, "#revoke-reason", REASON)
    revoke = button(details, "Thu hồi")
    # Without the confirmation box ticked the browser itself refuses to send the form.
    assert hr.execute_script("return arguments[0].form.checkValidity()", revoke) is False
    shot(hr, "74-phone-verify-revoke-form")
    fits_width(hr)
    click(hr, find(details, "input[name=confirm]"))
    click(hr, revoke)
    wait_text(hr, "Đã thu hồi chứng nhận.")
    assert path_of(hr).startswith(f"/v/{code}"), path_of(hr)
    text = body_text(hr)
    assert "Chứng nhận đã bị thu hồi" in text and REASON in text and "Chứng nhận hợp lệ" not in text, text[:800]
    assert not find_all(hr, "details.verify-revoke"), "a revoked certificate offers no second revoke"
    shot(hr, "75-phone-verify-revoked")
    fits_width(hr)
