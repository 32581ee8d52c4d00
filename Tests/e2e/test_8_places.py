"""Tuyên Quang after 1 July 2025, on a 360×740 phone (issue 15): communes as the place list has them.

An admin's import with a misspelled commune is refused on its line with the unit it probably means, and a former xã
is stored as the unit that absorbed it; the admin reads the place list; an official of the merged unit reads the new
VNeID lesson with its step diagrams.
"""
from __future__ import annotations

from helpers import (ADMIN, COURSE, body_text, button, change_first_password, click, find, find_all, fits_width, go,
                     shot, sign_in, wait_for, wait_text)

USERNAME, NAME = "cb.hoangthien", "Hoàng Thị Én"
PASSWORD = "Yên Hoa bên dòng sông Gâm"


def test_import_suggests_the_unit_and_maps_former_names(browsers, tmp_path):
    admin = browsers("admin")
    sign_in(admin, *ADMIN)
    go(admin, "/admin/import")
    # No diacritics and the type word typed in: refused on its line, with the unit it most likely means.
    find(admin, "#csv").send_keys(
        "username,full_name,commune,position,course\n"
        f"{USERNAME},{NAME},xa Yen Hoa,Công chức Văn hóa - Xã hội,{COURSE}\n")
    click(admin, button(admin, "Kiểm tra và nhập"))
    wait_text(admin, "có phải là Yên Hoa?")
    assert "Đã nhập" not in body_text(admin), "a file with a refused line must change nothing"
    shot(admin, "60-phone-import-commune-suggestion")
    fits_width(admin)

    # The same official under the name of the xã merged into Yên Hoa (Khâu Tinh): imported as Yên Hoa, with a note.
    go(admin, "/admin/import")
    find(admin, "#csv").send_keys(
        "username,full_name,commune,position,course\n"
        f"{USERNAME},{NAME},xã Khâu Tinh,Công chức Văn hóa - Xã hội,{COURSE}\n")
    click(admin, find(admin, "input[name=dry_run]"))  # untick: import for real
    click(admin, button(admin, "Kiểm tra và nhập"))
    wait_text(admin, "Đã nhập: 1 tạo mới, 0 cập nhật, 0 không đổi.")
    text = body_text(admin)
    assert "Yên Hoa" in text and "Khâu Tinh" in text, "the row should say the former xã became Yên Hoa"
    shot(admin, "61-phone-import-former-name-mapped")
    slip = find(admin, ".slip")
    username, password = [c.text for c in find_all(slip, "dd code")]
    assert username == USERNAME
    assert [g.text for g in find_all(admin, ".slip-heading")] == ["Yên Hoa"]

    # The place list as admins see it: 124 units, in their groups, with who lives where.
    go(admin, "/admin/places")
    wait_text(admin, "124 đơn vị: 117 xã, 7 phường, 0 đặc khu.")
    text = body_text(admin)
    assert "Na Hang (cũ)" in text and "xã Khâu Tinh" in text, "groups and former names should be listed"
    shot(admin, "62-phone-admin-places")
    fits_width(admin)

    official = browsers("official")
    sign_in(official, USERNAME, password)
    change_first_password(official, password, PASSWORD)
    wait_text(official, f"Xin chào, {NAME}.")
    go(official, f"/courses/{COURSE}/vneid-dich-vu-cong")
    wait_for(official, lambda d: find_all(d, "article.lesson h1"), "the VNeID lesson never showed")
    images = find_all(official, "article.lesson img")
    assert images, "the VNeID lesson should show its step diagrams"
    # Diagrams after the first load lazily (issue 16): each is brought into view, then must have loaded.
    for index, image in enumerate(images):
        official.execute_script("arguments[0].scrollIntoView()", image)
        wait_for(official, lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0",
                                                      image), f"diagram {index + 1} did not load")
    official.execute_script("window.scrollTo(0, 0)")
    shot(official, "63-phone-lesson-vneid")
    official.execute_script("arguments[0].scrollIntoView()", images[0])
    shot(official, "64-phone-lesson-vneid-diagram")
    fits_width(official)
