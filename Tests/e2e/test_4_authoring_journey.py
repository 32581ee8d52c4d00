"""Issue 16's authoring journey, on 360×740 phones, by finger taps (helpers.tap: touch pointer events at the centre
of a touch-sized target that nothing covers), one story from a title to a restored version:

1. a trainer, imported with a slip, creates a course from its Vietnamese title (the code is made from it; the same
   title again is refused beside the code, with the typing kept);
2. writes its lesson with the toolbar (heading, bold with nothing selected, list, italic on a selection), adds a
   4 MB photo from the "camera" (shrunk in the browser, uploaded in the background, inserted at the cursor), and
   finds the draft saved by itself after a reload; a text file chosen as a picture is refused inside the editor;
3. builds a quiz of every question type through the form's cards and pastes GIFT; an invalid edit (no right answer
   ticked, a '}' missing) shows Vietnamese messages beside the fields at fault with everything typed kept; fixed, saved;
4. publishes; a learner signs in, enrols, reads the lesson with its photo and passes the quiz;
5. a second trainer's edit meets the first's: their autosave stops with a message, "Lưu bản nháp" shows the conflict
   page (both versions labelled), and a merged text is saved and published;
6. the first version is restored from the history, and the learner reads it again;
7. an unwanted draft is thrown away after a confirmation.

Screenshots `J01…J25` of each step. Each step needs the one before (pytest runs them in file order).
"""
from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from helpers import (PASSED, body_text, button, camera_photo, change_first_password, find, find_all, fits_width, go,
                     import_officials, link, path_of, shot, sign_in, tap, tap_type, wait_for, wait_path, wait_text)

TITLE = "Kỹ năng số cho tổ công nghệ số cộng đồng"
CODE = "ky-nang-so-cho-to-cong-nghe-so-cong-dong"
MODULE = "bai-1"
HOA = ("gv.nguyenthihoa", "Nguyễn Thị Hoa", "Hoa soạn bài trên điện thoại")
TUAN = ("gv.phamvantuan", "Phạm Văn Tuấn", "Tuấn soạn bài trên điện thoại")
MAI = ("0912000345", "Lý Thị Mai", "Mai học chuyển đổi số năm 2026")
COURSE_PAGE = f"/author/courses/{CODE}"
LESSON = f"{COURSE_PAGE}/modules/{MODULE}/lesson"
FIRST_LESSON = ("## Giới thiệu\n\nCán bộ xã cần **ba kỹ năng**:\n\n- dùng chữ ký số\n"
                "- trả lời dân _trên mạng_\n\n")


@pytest.fixture(scope="module")
def journey() -> dict:
    return {}


def need(journey: dict, *keys: str) -> None:
    missing = [key for key in keys if key not in journey]
    if missing:
        pytest.skip(f"an earlier step failed (no {', '.join(missing)})")


def person(browsers, who: tuple[str, str, str], slips: dict[str, str]):
    """Signs in on a phone of their own with the slip's one-time password and chooses their own."""
    driver = browsers(who[0])
    sign_in(driver, who[0], slips[who[0]])
    change_first_password(driver, slips[who[0]], who[2])
    return driver


def markdown(driver) -> str:
    return driver.execute_script("return document.getElementById('markdown').value")


def tool(driver, action: str) -> None:
    """Taps a toolbar button: a labelled target of at least 44 × 44 px, as a word processor's."""
    element = find(driver, f".editor-toolbar button[data-action='{action}']")
    assert element.get_attribute("aria-label") and element.get_attribute("title"), f"the {action} button has no label"
    tap(driver, element, minimum=44)


def narrow(driver) -> None:
    fits_width(driver)
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 360


def shown(driver, q: int, types: str) -> bool:
    return find(driver, f'#q{q} .qtype[data-types="{types}"]').is_displayed()


def test_1_a_trainer_creates_a_course_from_its_title(browsers, journey):
    slips = import_officials(
        "username;full_name;commune;position;role\n"
        f"{HOA[0]};{HOA[1]};xã Yên Thuận;Giảng viên;trainer\n"
        f"{TUAN[0]};{TUAN[1]};xã Yên Thuận;Giảng viên;trainer\n"
        f"{MAI[0]};{MAI[1]};xã Yên Thuận;Công chức văn hóa - xã hội;learner\n")
    journey["slips"] = slips
    hoa = person(browsers, HOA, slips)
    go(hoa, "/author")
    narrow(hoa)
    tap_type(hoa, "#title_vi", TITLE)
    # the page's script previews the code the server will make
    wait_for(hoa, lambda d: find(d, "#slug").get_attribute("value") == CODE, "the code was not made from the title")
    tap_type(hoa, "#module_title", "Chữ ký số cho cán bộ xã")
    shot(hoa, "J01-phone-new-course-code-from-title")
    tap(hoa, button(hoa, "Tạo bản nháp"))
    wait_path(hoa, COURSE_PAGE)
    wait_text(hoa, "Chữ ký số cho cán bộ xã")
    shot(hoa, "J02-phone-course-created")
    # the same title again: the form comes back as typed, saying why beside the code
    go(hoa, "/author")
    tap_type(hoa, "#title_vi", TITLE)
    wait_for(hoa, lambda d: find(d, "#slug").get_attribute("value") == CODE, "the code was not previewed")
    tap(hoa, button(hoa, "Tạo bản nháp"))
    wait_text(hoa, f"Đã có khóa học mã “{CODE}”")
    error = find(hoa, "#slug-error")
    assert error.is_displayed() and f"ví dụ “{CODE}-2”" in error.text
    assert "slug-error" in find(hoa, "#slug").get_attribute("aria-describedby")
    assert find(hoa, "#title_vi").get_attribute("value") == TITLE
    hoa.execute_script("arguments[0].scrollIntoView({block: 'center'})", error)
    shot(hoa, "J03-phone-course-code-taken")
    narrow(hoa)
    journey["course"] = True


def test_2_the_lesson_is_typed_with_the_toolbar_and_a_photo(browsers, journey):
    need(journey, "course")
    hoa = browsers(HOA[0])
    go(hoa, COURSE_PAGE)
    tap(hoa, link(hoa, "Sửa bài giảng"))
    wait_path(hoa, LESSON)
    wait_for(hoa, lambda d: find(d, ".editor-toolbar").is_displayed(), "the toolbar never showed")
    narrow(hoa)
    shot(hoa, "J04-phone-editor-empty")

    area = find(hoa, "#markdown")
    tap(hoa, area)
    tool(hoa, "heading")
    area.send_keys("Giới thiệu" + Keys.ENTER + Keys.ENTER + "Cán bộ xã cần ")
    tool(hoa, "bold")  # nothing selected: the markers, with the cursor between them
    area.send_keys("ba kỹ năng")
    area.send_keys(Keys.END + ":" + Keys.ENTER + Keys.ENTER)
    tool(hoa, "list")
    area.send_keys("dùng chữ ký số" + Keys.ENTER)
    tool(hoa, "list")
    area.send_keys("trả lời dân trên mạng")
    area.send_keys(Keys.SHIFT + Keys.ARROW_LEFT * len("trên mạng"))  # two words selected, then Italic
    tool(hoa, "italic")
    area.send_keys(Keys.END + Keys.ENTER + Keys.ENTER)
    assert markdown(hoa) == FIRST_LESSON
    wait_text(hoa, "Đã lưu nháp lúc")
    shot(hoa, "J05-phone-editor-typed-with-toolbar")

    # a text file chosen as a picture: said inside the editor, in Vietnamese, and nothing is lost
    note = Path(tempfile.mkdtemp(prefix="e2e-note-")) / "ghi-chu.txt"
    note.write_text("không phải hình")
    find(hoa, "#image").send_keys(str(note))
    wait_text(hoa, "Tệp này không phải hình")
    assert markdown(hoa) == FIRST_LESSON
    shot(hoa, "J06-phone-editor-not-an-image")

    # the photo from the camera: shrunk, uploaded in the background, inserted at the cursor
    photo = camera_photo(hoa)
    tap(hoa, area)
    area.send_keys(Keys.CONTROL + Keys.END)
    tool(hoa, "image")  # opens the chooser; the test hands the file to it, as the phone's camera would
    find(hoa, "#image").send_keys(str(photo))
    wait_text(hoa, "Đã chèn hình", timeout=60)
    text = markdown(hoa)
    assert text.startswith(FIRST_LESSON + "![mô tả hình](media/img-20261128-091500-"), text
    name = text.split("](media/")[1].split(")")[0]
    area.send_keys("Sơ đồ ba kỹ năng")  # the description is selected: typing replaces it
    assert f"![Sơ đồ ba kỹ năng](media/{name})" in markdown(hoa)
    shot(hoa, "J07-phone-editor-photo-inserted")
    stored = hoa.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.blob()).then(async blob => {
          const bitmap = await createImageBitmap(blob);
          done([blob.size, bitmap.width, bitmap.height]);
        }).catch(e => done(String(e)));""", f"{COURSE_PAGE}/media/{name}")
    assert isinstance(stored, list), stored
    size, width, height = stored
    print(f"photo {photo.stat().st_size} bytes → stored {size} bytes, {width}×{height} px")
    assert size < 400 * 1024, f"the stored photo is {size} bytes"
    assert width <= 960 and height <= 1280 and width * 3 == height * 4, (width, height)

    # saved by itself: a reload finds the text and the photo, and leaving does not ask
    area.send_keys(Keys.CONTROL + Keys.END + Keys.NULL + Keys.ENTER + Keys.ENTER + "Hỏi tổ công nghệ số khi cần.")
    wait_text(hoa, "Đã lưu nháp lúc")
    saved = markdown(hoa)
    hoa.refresh()
    wait_path(hoa, LESSON)
    assert markdown(hoa) == saved
    shot(hoa, "J08-phone-editor-after-reload")
    tap(hoa, button(hoa, "Xem trước"))
    wait_for(hoa, lambda d: find_all(d, ".preview img"), "the preview never showed the photo")
    image = find(hoa, ".preview img")
    assert image.get_dom_attribute("width") == str(width) and image.get_dom_attribute("height") == str(height)
    assert find(hoa, ".preview strong").text == "ba kỹ năng"
    hoa.execute_script("arguments[0].scrollIntoView({block: 'start'})", find(hoa, ".preview"))
    time.sleep(0.3)  # let the photo paint before the picture is taken
    shot(hoa, "J09-phone-editor-preview")
    narrow(hoa)
    journey["lesson"] = saved
    journey["photo"] = (name, width, height)


def test_3_a_quiz_of_every_type_and_gift_with_messages_beside_the_fields(browsers, journey):
    need(journey, "lesson")
    hoa = browsers(HOA[0])
    go(hoa, COURSE_PAGE)
    tap(hoa, link(hoa, "Thêm bài kiểm tra"))
    wait_path(hoa, f"{COURSE_PAGE}/modules/{MODULE}/quiz")
    narrow(hoa)
    # one card, one choice row, the choice section only
    assert len(find_all(hoa, "#questions .qcard")) == 1 and len(find_all(hoa, "#q0 .choice-row")) == 1
    assert shown(hoa, 0, "single multiple") and not shown(hoa, 0, "truefalse")
    shot(hoa, "J10-phone-quiz-editor-empty")

    # 1. one right answer: "+ Thêm lựa chọn" adds a row here; the right one is left unticked (fixed below)
    tap_type(hoa, "#q0_text", "Chuyển đổi số quốc gia có mấy trụ cột?")
    tap_type(hoa, "#q0_c0_text", "Ba trụ cột")
    tap(hoa, find(hoa, "#q0_add_choice"))
    tap_type(hoa, "#q0_c1_text", "Hai trụ cột")
    # 2. several right answers
    tap(hoa, button(hoa, "+ Thêm câu hỏi"))
    tap_type(hoa, "#q1_text", "Những việc nào làm được trên Cổng Dịch vụ công?")
    tap(hoa, find(hoa, "#q1_type"))
    Select(find(hoa, "#q1_type")).select_by_value("multiple")
    tap_type(hoa, "#q1_c0_text", "Nộp hồ sơ trực tuyến")
    tap(hoa, find(hoa, "#q1_c0_correct"))
    tap(hoa, find(hoa, "#q1_add_choice"))
    tap_type(hoa, "#q1_c1_text", "Tra cứu tình trạng hồ sơ")
    tap(hoa, find(hoa, "#q1_c1_correct"))
    tap(hoa, find(hoa, "#q1_add_choice"))
    tap_type(hoa, "#q1_c2_text", "Bầu cử đại biểu Quốc hội")
    # 3. true or false: the card shows only its type's fields
    tap(hoa, button(hoa, "+ Thêm câu hỏi"))
    Select(find(hoa, "#q2_type")).select_by_value("truefalse")
    assert shown(hoa, 2, "truefalse") and not shown(hoa, 2, "single multiple")
    tap_type(hoa, "#q2_text", "Nên dùng một mật khẩu cho mọi tài khoản.")
    tap(hoa, find(hoa, "#q2_answer_false"))
    shot(hoa, "J11-phone-quiz-truefalse-card")
    # 4. a short answer
    tap(hoa, button(hoa, "+ Thêm câu hỏi"))
    Select(find(hoa, "#q3_type")).select_by_value("short")
    tap_type(hoa, "#q3_text", "Tỉnh nào thành lập 1.871 tổ công nghệ số cộng đồng?")
    tap_type(hoa, "#q3_accepted", "Tuyên Quang")
    # 5. a number
    tap(hoa, button(hoa, "+ Thêm câu hỏi"))
    Select(find(hoa, "#q4_type")).select_by_value("numerical")
    tap_type(hoa, "#q4_text", "Tỉnh Tuyên Quang mới có bao nhiêu xã, phường?")
    tap_type(hoa, "#q4_value", "124")
    narrow(hoa)
    # 6. GIFT pasted, with a '}' missing on its third line
    gift = ("::bao-mat::Mật khẩu mạnh có ít nhất mấy ký tự? {#8..64}\n\n"
            "::otp::Mã OTP có được đưa cho người khác không? {=Không ~Có")
    tap_type(hoa, "#gift", gift)
    shot(hoa, "J12-phone-quiz-five-cards-and-gift")
    tap(hoa, find(hoa, "#save-quiz"))

    # refused: each message in Vietnamese beside its field, a summary linking there, everything typed kept
    wait_text(hoa, "Chưa lưu. Sửa những chỗ dưới đây")
    choices = find(hoa, "#q0_choices-error")
    assert choices.is_displayed() and choices.text.endswith("Chưa có đáp án đúng.")
    assert "q0_choices-error" in find(hoa, "#q0_c0_correct").get_attribute("aria-describedby")
    assert find(hoa, "#q0_c0_correct").get_attribute("aria-invalid") == "true"
    assert "Dòng 3: thiếu dấu '}' đóng phần đáp án." in find(hoa, "#gift-error").text
    assert find(hoa, "#gift").get_attribute("aria-invalid") == "true"
    assert "::otp::Mã OTP" in find(hoa, "#gift").get_attribute("value")
    assert find(hoa, "#q4_value").get_attribute("value") == "124"
    assert find(hoa, "#q1_c2_text").get_attribute("value") == "Bầu cử đại biểu Quốc hội"
    assert shown(hoa, 2, "truefalse") and not shown(hoa, 2, "short")
    assert "Câu 1: Chưa có đáp án đúng." in find(hoa, "#error-summary").text
    shot(hoa, "J13-phone-quiz-refused-summary")
    narrow(hoa)
    tap(hoa, link(hoa, "Câu 1: Chưa có đáp án đúng."))
    wait_for(hoa, lambda d: d.execute_script(
        "const r = document.getElementById('q0_c0_correct').getBoundingClientRect();"
        # -1: the browser scrolls the target to the top edge, at a fraction of a pixel (-0.14 measured)
        "return r.top >= -1 && r.bottom <= window.innerHeight"), "the summary's link did not lead to the field")
    # the message is above the choice it names: the picture shows both
    hoa.execute_script("arguments[0].scrollIntoView({block: 'center'})", find(hoa, "#q0_choices-error"))
    shot(hoa, "J14-phone-quiz-message-beside-field")

    # fixed: the right choice ticked, the GIFT closed; saved, with codes made from the questions' words
    tap(hoa, find(hoa, "#q0_c0_correct"))
    tap_type(hoa, "#gift", gift + "}")
    tap(hoa, find(hoa, "#save-quiz"))
    wait_text(hoa, "Đã lưu bản nháp.")
    kinds = [Select(find(hoa, f"#q{n}_type")).first_selected_option.get_attribute("value") for n in range(7)]
    assert kinds == ["single", "multiple", "truefalse", "short", "numerical", "numerical", "single"], kinds
    codes = [find(hoa, f"#q{n}_id").get_attribute("value") for n in range(7)]
    assert codes[0] == "chuyen-doi-so-quoc-gia-co" and codes[5:] == ["bao-mat", "otp"], codes
    narrow(hoa)
    shot(hoa, "J15-phone-quiz-saved", full=True)
    journey["quiz"] = True


def test_4_published_and_a_learner_reads_and_passes(browsers, journey):
    need(journey, "quiz", "photo")
    hoa = browsers(HOA[0])
    go(hoa, COURSE_PAGE)
    tap_type(hoa, "#note", "Bản đầu tiên")
    tap(hoa, button(hoa, "Xuất bản bản nháp"))
    wait_for(hoa, lambda d: "done=published" in d.current_url, "the course was not published")
    shot(hoa, "J16-phone-published")

    mai = person(browsers, MAI, journey["slips"])
    go(mai, "/")
    tap(mai, link(mai, TITLE), minimum=None)
    wait_path(mai, f"/courses/{CODE}")
    tap(mai, button(mai, "Ghi danh vào khóa học"))
    wait_for(mai, lambda d: not find_all(d, f"form[action='/courses/{CODE}/enroll']"), "enrolling failed")
    tap(mai, link(mai, "Chữ ký số cho cán bộ xã"), minimum=None)
    wait_path(mai, f"/courses/{CODE}/{MODULE}")
    wait_text(mai, "Hỏi tổ công nghệ số khi cần.")
    name, width, height = journey["photo"]
    image = find(mai, "article.lesson img")
    assert image.get_dom_attribute("alt") == "Sơ đồ ba kỹ năng"
    assert image.get_dom_attribute("width") == str(width) and image.get_dom_attribute("height") == str(height)
    # the lesson's first picture loads at once (it is near the top); any later one only when scrolled near
    assert image.get_dom_attribute("loading") is None
    assert find(mai, "article.lesson strong").text == "ba kỹ năng"
    size = mai.execute_script("return new TextEncoder().encode(document.documentElement.outerHTML).length")
    assert size <= 30 * 1024, f"the lesson page is {size} bytes"
    mai.execute_script("arguments[0].scrollIntoView({block: 'center'})", image)
    wait_for(mai, lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", image),
             "the photo did not load")
    shot(mai, "J17-phone-learner-lesson-with-photo")
    narrow(mai)

    tap(mai, link(mai, "Làm bài kiểm tra"))
    tap(mai, button(mai, "Bắt đầu làm bài"))
    wait_path(mai, r"/attempts/[^/]+")
    fieldsets = find_all(mai, "form#attempt fieldset.question")
    assert len(fieldsets) == 7, len(fieldsets)
    answers = {"mấy trụ cột": ["Ba trụ cột"], "Cổng Dịch vụ công": ["Nộp hồ sơ trực tuyến", "Tra cứu tình trạng hồ sơ"],
               "một mật khẩu": ["Sai"], "1.871 tổ": "Tuyên Quang", "bao nhiêu xã": "124",
               "ít nhất mấy ký tự": "12", "Mã OTP": ["Không"]}
    for fieldset in fieldsets:
        question = find(fieldset, "legend").text
        answer = next(a for key, a in answers.items() if key in question)
        if isinstance(answer, list):
            for label in find_all(fieldset, "p.choice label"):
                if label.text.strip() in answer:
                    tap(mai, label)
        else:
            field = find(fieldset, "input[type=text], input:not([type])")
            tap(mai, field)
            field.send_keys(answer)
    shot(mai, "J18-phone-learner-quiz")
    tap(mai, button(mai, "Nộp bài"))
    wait_text(mai, PASSED)
    assert "7/7" in body_text(mai) or "100" in body_text(mai), body_text(mai)[:500]
    shot(mai, "J19-phone-learner-passed")
    journey["published"] = True


def test_5_a_second_trainers_edit_meets_the_first(browsers, journey):
    need(journey, "published")
    hoa = browsers(HOA[0])
    tuan = person(browsers, TUAN, journey["slips"])
    # both open the published lesson; Hoa saves first
    go(tuan, LESSON)
    go(hoa, LESSON)
    area = find(hoa, "#markdown")
    tap(hoa, area)
    area.send_keys(Keys.CONTROL + Keys.END + Keys.NULL + Keys.ENTER + Keys.ENTER + "Tổng đài hỗ trợ: 1022.")
    tap(hoa, button(hoa, "Lưu bản nháp"))
    wait_for(hoa, lambda d: "done=saved" in d.current_url, "Hoa's save failed")

    # Tuấn types on the page made before: the autosave stops and says why; nothing of theirs is lost
    area = find(tuan, "#markdown")
    tap(tuan, area)
    area.send_keys(Keys.CONTROL + Keys.END + Keys.NULL + Keys.ENTER + Keys.ENTER + "Gọi 0207 3822 222 khi cần hỗ trợ.")
    wait_text(tuan, "người khác vừa lưu bài này", timeout=20)
    assert markdown(tuan).endswith("Gọi 0207 3822 222 khi cần hỗ trợ.")
    find(tuan, "#markdown").send_keys(Keys.CONTROL + Keys.HOME)
    shot(tuan, "J20-phone-autosave-met-another-save")
    tap(tuan, button(tuan, "Lưu bản nháp"))

    # the conflict page: both versions labelled, the differences highlighted, no red "deleted" lines
    wait_text(tuan, "Có người vừa lưu trước bạn")
    text = body_text(tuan)
    assert "Bản của bạn (chưa lưu)" in text
    assert re.search(rf"Bản của {HOA[1]} lúc \d\d:\d\d", text), text[:800]
    marked = " ".join(m.text for m in find_all(tuan, ".version mark"))
    assert "1022" in marked and "0207" in marked, marked
    for label in ("Giữ bản của tôi", "Lấy bản của họ", "Lưu bản đã gộp"):
        assert button(tuan, label)
    narrow(tuan)
    tuan.execute_script("window.scrollTo(0, 0)")
    shot(tuan, "J21-phone-conflict")
    # merged by hand: both sentences
    merged = find(tuan, "#merged")
    tap(tuan, merged)
    merged.send_keys(Keys.CONTROL + Keys.END + Keys.NULL + Keys.ENTER + Keys.ENTER + "Tổng đài hỗ trợ: 1022.")
    tap(tuan, button(tuan, "Lưu bản đã gộp"))
    wait_for(tuan, lambda d: "done=saved" in d.current_url, "the merged text was not saved")
    final = markdown(tuan)
    assert "1022" in final and "0207 3822 222" in final
    go(tuan, f"{COURSE_PAGE}/history")
    wait_text(tuan, "Đã lưu nháp, chưa xuất bản")
    assert f"Gộp với bản của {HOA[1]}" in body_text(tuan), body_text(tuan)[:800]
    shot(tuan, "J22-phone-history-draft-saves", full=True)
    go(tuan, COURSE_PAGE)
    tap_type(tuan, "#note", "Thêm số điện thoại hỗ trợ")
    tap(tuan, button(tuan, "Xuất bản bản nháp"))
    wait_for(tuan, lambda d: "done=published" in d.current_url, "Tuấn's publish failed")
    journey["merged"] = True


def test_6_an_earlier_version_is_restored(browsers, journey):
    need(journey, "merged")
    tuan = browsers(TUAN[0])
    go(tuan, f"{COURSE_PAGE}/history")
    versions = find_all(tuan, "ul.history a")
    tap(tuan, versions[-1], minimum=None)  # the oldest: "Bản số 1"
    wait_text(tuan, "Khôi phục bản số 1")
    assert "Bài học: Chữ ký số cho cán bộ xã" in body_text(tuan)
    tap(tuan, button(tuan, "Khôi phục bản số 1"))
    assert "done=restored" not in tuan.current_url, "the unticked confirmation must stop the restore"
    tap(tuan, find(tuan, "input[name=confirm]").find_element("xpath", "ancestor::label"))
    shot(tuan, "J23-phone-restore-confirm")
    tap(tuan, button(tuan, "Khôi phục bản số 1"))
    wait_for(tuan, lambda d: "done=restored" in d.current_url, "the restore failed")
    go(tuan, f"{COURSE_PAGE}/history")
    wait_text(tuan, "Bản số 3")
    assert re.search(r"Khôi phục bản số 1 \(\d\d/\d\d/\d{4} \d\d:\d\d\)", body_text(tuan)), body_text(tuan)[:600]
    shot(tuan, "J24-phone-history-restored")
    # the learner reads version 1 again
    mai = browsers(MAI[0])
    go(mai, f"/courses/{CODE}/{MODULE}")
    wait_text(mai, "Hỏi tổ công nghệ số khi cần.")
    assert "1022" not in body_text(mai) and "0207" not in body_text(mai)
    assert path_of(mai).startswith(f"/courses/{CODE}/")
    journey["restored"] = True


def test_7_a_draft_is_thrown_away(browsers, journey):
    """An edit the trainer does not want: the draft is discarded, after a confirmation, and learners never saw it."""
    need(journey, "restored")
    hoa = browsers(HOA[0])
    go(hoa, LESSON)
    area = find(hoa, "#markdown")
    tap(hoa, area)
    area.send_keys(Keys.CONTROL + Keys.END + Keys.NULL + Keys.ENTER + "Câu viết nhầm.")
    tap(hoa, button(hoa, "Lưu bản nháp"))
    wait_for(hoa, lambda d: "done=saved" in d.current_url, "the draft was not saved")
    go(hoa, COURSE_PAGE)
    form = find(hoa, "form[action$='/discard']")
    tap(hoa, form.find_element("xpath", "preceding-sibling::summary"))
    tap(hoa, find(form, "input[name=confirm]").find_element("xpath", "ancestor::label"))
    shot(hoa, "J25-phone-discard-confirm")
    tap(hoa, find(form, "button"))
    wait_for(hoa, lambda d: "done=discarded" in d.current_url, "the draft was not discarded")
    assert not find_all(hoa, "form[action$='/discard']")
    go(hoa, LESSON)
    assert "Câu viết nhầm." not in markdown(hoa)
    mai = browsers(MAI[0])
    go(mai, f"/courses/{CODE}/{MODULE}")
    assert "Câu viết nhầm." not in body_text(mai)
