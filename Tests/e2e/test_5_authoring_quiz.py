"""Issue 16, points 3-5, on a 360×740 phone: a trainer creates a course from its Vietnamese title (the code is made
from it, a taken code is said beside the field), builds a quiz with every question type through the form's cards,
pastes GIFT, meets Vietnamese messages beside the fields at fault with everything typed kept, and saves.

The server of run.sh serves the repository's Courses folder, so the course is a draft with a code of its own
(a number from the clock) and is thrown away at the end: nothing is published."""
from __future__ import annotations

import time

from selenium.webdriver.support.ui import Select

from helpers import (ADMIN, body_text, button, click, fill, find, find_all, fits_width, go, link, shot, sign_in,
                     wait_for, wait_path, wait_text)

TITLE = f"Chuyển đổi số đợt {int(time.time()) % 100000}"
CODE = "chuyen-doi-so-dot-" + TITLE.rsplit(" ", 1)[1]


def narrow(driver) -> None:
    """No sideways scroll at 360 px, by the document's own measure as well as fits_width's."""
    fits_width(driver)
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 360


def type_into(driver, css: str, text: str) -> None:
    fill(driver, css, text)


def card_shows(driver, q: int, types: str) -> bool:
    return find(driver, f'#q{q} .qtype[data-types="{types}"]').is_displayed()


def test_trainer_creates_a_course_from_its_title(browsers, story):
    trainer = browsers("trainer")
    sign_in(trainer, *ADMIN)
    go(trainer, "/author")
    narrow(trainer)
    click(trainer, find(trainer, "#title_vi"))
    find(trainer, "#title_vi").send_keys(TITLE)
    # the page's script previews the code the server will make
    wait_for(trainer, lambda d: find(d, "#slug").get_attribute("value") == CODE, "the code was not previewed")
    shot(trainer, "50-phone-new-course-code-from-title")
    click(trainer, button(trainer, "Tạo bản nháp"))
    wait_path(trainer, "/author/courses/" + CODE)
    shot(trainer, "51-phone-course-created")
    # the same title again: the form comes back, as typed, saying why beside the code
    go(trainer, "/author")
    find(trainer, "#title_vi").send_keys(TITLE)
    wait_for(trainer, lambda d: find(d, "#slug").get_attribute("value") == CODE, "the code was not previewed")
    click(trainer, button(trainer, "Tạo bản nháp"))
    wait_text(trainer, f"Đã có khóa học mã “{CODE}”")
    error = find(trainer, "#slug-error")
    assert error.is_displayed() and f"ví dụ “{CODE}-2”" in error.text
    assert "slug-error" in find(trainer, "#slug").get_attribute("aria-describedby")
    assert find(trainer, "#title_vi").get_attribute("value") == TITLE
    trainer.execute_script("arguments[0].scrollIntoView({block: 'center'})", error)
    shot(trainer, "52-phone-course-code-taken")
    narrow(trainer)
    story["course"] = CODE


def test_trainer_builds_a_quiz_of_every_type_through_the_form(browsers, story):
    assert "course" in story, "the course was not created"
    trainer = browsers("trainer")
    go(trainer, f"/author/courses/{CODE}")
    click(trainer, link(trainer, "Thêm bài kiểm tra"))
    wait_path(trainer, f"/author/courses/{CODE}/modules/bai-1/quiz")
    narrow(trainer)
    shot(trainer, "53-phone-quiz-editor-empty")
    # one card, one choice row, the choice section only
    assert len(find_all(trainer, "#questions .qcard")) == 1
    assert len(find_all(trainer, "#q0 .choice-row")) == 1
    assert card_shows(trainer, 0, "single multiple") and not card_shows(trainer, 0, "truefalse")

    # 1. single choice: "+ Thêm lựa chọn" adds a row here, without a round trip; the right one left unticked
    type_into(trainer, "#q0_text", "Chuyển đổi số quốc gia có mấy trụ cột?")
    type_into(trainer, "#q0_c0_text", "Ba trụ cột")
    click(trainer, find(trainer, "#q0_add_choice"))
    type_into(trainer, "#q0_c1_text", "Hai trụ cột")
    # 2. multiple answers
    click(trainer, button(trainer, "+ Thêm câu hỏi"))
    type_into(trainer, "#q1_text", "Những việc nào làm được trên Cổng Dịch vụ công?")
    Select(find(trainer, "#q1_type")).select_by_value("multiple")
    type_into(trainer, "#q1_c0_text", "Nộp hồ sơ trực tuyến")
    click(trainer, find(trainer, "#q1_c0_correct"))
    click(trainer, find(trainer, "#q1_add_choice"))
    type_into(trainer, "#q1_c1_text", "Tra cứu tình trạng hồ sơ")
    click(trainer, find(trainer, "#q1_c1_correct"))
    click(trainer, find(trainer, "#q1_add_choice"))
    type_into(trainer, "#q1_c2_text", "Bầu cử đại biểu Quốc hội")
    # 3. true/false: the card shows only its type's fields
    click(trainer, button(trainer, "+ Thêm câu hỏi"))
    Select(find(trainer, "#q2_type")).select_by_value("truefalse")
    assert card_shows(trainer, 2, "truefalse") and not card_shows(trainer, 2, "single multiple")
    type_into(trainer, "#q2_text", "Nên dùng một mật khẩu cho mọi tài khoản.")
    click(trainer, find(trainer, "#q2_answer_false"))
    shot(trainer, "54-phone-quiz-truefalse-card")
    # 4. short answer
    click(trainer, button(trainer, "+ Thêm câu hỏi"))
    Select(find(trainer, "#q3_type")).select_by_value("short")
    type_into(trainer, "#q3_text", "Tỉnh nào thành lập 1.871 tổ công nghệ số cộng đồng?")
    type_into(trainer, "#q3_accepted", "Tuyên Quang")
    click(trainer, find(trainer, "#q3 input[name=q3_diacritics]"))
    # 5. numerical
    click(trainer, button(trainer, "+ Thêm câu hỏi"))
    Select(find(trainer, "#q4_type")).select_by_value("numerical")
    type_into(trainer, "#q4_text", "Tuyên Quang có bao nhiêu tổ công nghệ số cộng đồng cấp xã?")
    type_into(trainer, "#q4_value", "138")
    narrow(trainer)
    # 6. GIFT pasted, with a '}' missing on its third line
    gift_text = ("::bao-mat::Mật khẩu mạnh có ít nhất mấy ký tự? {#8..64}\n\n"
                 "::otp::Mã OTP có được đưa cho người khác không? {=Không ~Có")
    type_into(trainer, "#gift", gift_text)
    shot(trainer, "55-phone-quiz-five-cards-and-gift")
    click(trainer, find(trainer, "#save-quiz"))

    # refused: each message in Vietnamese beside its field, a summary that links there, everything typed kept
    wait_text(trainer, "Chưa lưu. Sửa những chỗ dưới đây")
    choices = find(trainer, "#q0_choices-error")
    assert choices.is_displayed() and choices.text.endswith("Chưa có đáp án đúng.")
    assert "q0_choices-error" in find(trainer, "#q0_c0_correct").get_attribute("aria-describedby")
    assert find(trainer, "#q0_c0_correct").get_attribute("aria-invalid") == "true"
    gift = find(trainer, "#gift-error")
    assert "Dòng 3: thiếu dấu '}' đóng phần đáp án." in gift.text
    assert find(trainer, "#gift").get_attribute("aria-invalid") == "true"
    assert "::otp::Mã OTP" in find(trainer, "#gift").get_attribute("value")
    assert find(trainer, "#q4_value").get_attribute("value") == "138"
    assert find(trainer, "#q1_c2_text").get_attribute("value") == "Bầu cử đại biểu Quốc hội"
    assert card_shows(trainer, 2, "truefalse") and not card_shows(trainer, 2, "short")
    summary = find(trainer, "#error-summary")
    assert "Câu 1: Chưa có đáp án đúng." in summary.text
    shot(trainer, "56-phone-quiz-refused-summary")
    narrow(trainer)
    click(trainer, link(trainer, "Câu 1: Chưa có đáp án đúng."))
    wait_for(trainer, lambda d: d.execute_script(
        "const r = document.getElementById('q0_c0_correct').getBoundingClientRect();"
        # -1: the browser scrolls the target to the top edge, at a fraction of a pixel (-0.14 measured)
        "return r.top >= -1 && r.bottom <= window.innerHeight"), "the summary's link did not lead to the field")
    shot(trainer, "57-phone-quiz-message-beside-field")

    # fixed: the right choice ticked, the GIFT closed; saved
    click(trainer, find(trainer, "#q0_c0_correct"))
    type_into(trainer, "#gift", gift_text + "}")
    click(trainer, find(trainer, "#save-quiz"))
    wait_text(trainer, "Đã lưu bản nháp.")
    assert "?done=saved" in trainer.current_url
    legends = [e.text for e in find_all(trainer, "#questions .qcard > legend")]
    assert legends[:7] == [f"Câu {n}" for n in range(1, 8)], legends
    kinds = [Select(find(trainer, f"#q{n}_type")).first_selected_option.get_attribute("value") for n in range(7)]
    assert kinds == ["single", "multiple", "truefalse", "short", "numerical", "numerical", "single"], kinds
    codes = [find(trainer, f"#q{n}_id").get_attribute("value") for n in range(7)]
    assert codes[:5] == ["chuyen-doi-so-quoc-gia-co", "nhung-viec-nao-lam-duoc-tren",
                         "nen-dung-mot-mat-khau-cho", "tinh-nao-thanh-lap-1-871",
                         "tuyen-quang-co-bao-nhieu-to"], codes
    assert codes[5:] == ["bao-mat", "otp"], codes
    narrow(trainer)
    shot(trainer, "58-phone-quiz-saved", full=True)


def test_the_draft_is_thrown_away(browsers, story):
    """Nothing of this test stays in the Courses folder the server reads."""
    assert "course" in story, "the course was not created"
    trainer = browsers("trainer")
    go(trainer, f"/author/courses/{CODE}")
    click(trainer, find(trainer, "form[action$='/discard']").find_element("xpath", "preceding-sibling::summary"))
    click(trainer, find(trainer, "form[action$='/discard'] input[name=confirm]"))
    click(trainer, find(trainer, "form[action$='/discard'] button"))
    wait_for(trainer, lambda d: not d.current_url.split("?")[0].endswith("/discard"),
             "the discard form did not answer")
    go(trainer, "/author")
    assert CODE not in body_text(trainer)
