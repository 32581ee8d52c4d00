"""Issue 18 in the real browser, on a 360×740 phone: a course stored for offline reading, a dead link, a quiz
submitted offline, storage evicted by the browser, and a new version published while the phone was offline.

The official's browser reaches the server through `weaklink.LinkProxy` (its own origin, so the service worker
registers fresh): `proxy.down()` kills the link for the page and its service worker alike, and Chromium's offline
emulation makes the page see `navigator.onLine` false (and its `online` event when the link is back).

1. online: sign in, "Tải khóa học để học không cần mạng" → "Đã lưu …"; the final test started; every lesson but
   the second read;
2. offline: the next lesson through its link (read offline only), reloaded; the lesson with pictures, and a picture
   opened by itself; a page never stored → our offline page, listing the stored course and its lessons;
3. offline: the test's page and its button open the stored attempt; every answer right; "Nộp bài" → "… sẽ tự gửi";
   back online the page reaches the result by itself; the server graded it once; the lesson read offline is
   recorded; the certificate appears;
4. Cache Storage cleared (an eviction): the course page works online and says the course is no longer stored;
   stored again;
5. a new version of a stored lesson published while the phone is offline reaches it at the next connection;
6. signing out forgets the stored pages (shared phones).

Screenshots `O01…`. Each step needs the one before (pytest runs them in file order).
"""
from __future__ import annotations

import os
import re
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from selenium.webdriver.common.keys import Keys

from helpers import (ADMIN, BASE_URL, COURSE, FINAL, PASSED, SHOTS, answer_key, api, api_token, body_text, button,
                     find, find_all, give_answer, import_officials, new_browser,
                     questions_on_page, right_answer, shot, sign_in, tap, tap_type, wait_for, wait_path, wait_text)
from weaklink import LinkProxy, clear_cache_storage, emulate

USERNAME, NAME = "0977000518", "Hà Thị Mây"
PASSWORD = "bản làng xa vẫn học được"
LESSONS = ["tong-quan", "chinh-quyen-so", "to-cong-nghe-so", "ky-nang-so-an-toan", "kinh-te-so", "tuyen-quang",
           "vneid-dich-vu-cong", "ho-tro-nguoi-khong-co-smartphone", "phap-luat-de-hieu", "lua-dao-moi"]
READ_OFFLINE = LESSONS[1]        # the "next lesson" after the first: read only offline
PICTURES = "vneid-dich-vu-cong"  # the lesson with four SVG diagrams
EDITED = "to-cong-nghe-so"       # the lesson a trainer changes while the phone is offline
NEW_TEXT = "Cập nhật cho vùng cao: tổ công nghệ số họp mỗi tháng một lần."
STORED = "Đã lưu"
MISSING = "không còn được lưu"
QUEUED = "sẽ tự gửi"
OFFLINE_H1 = "Bạn đang không có mạng"
SERVER_LOG = Path(os.environ.get("E2E_SERVER_LOG", str(SHOTS / "server.log")))
PROXY_PORT = int(os.environ.get("E2E_PROXY_PORT", str((urllib.parse.urlsplit(BASE_URL).port or 80) + 1)))


@pytest.fixture(scope="module")
def proxy():
    target = urllib.parse.urlsplit(BASE_URL)
    with LinkProxy(PROXY_PORT, target.hostname, target.port or 80) as link:
        yield link


@pytest.fixture(scope="module")
def journey() -> dict:
    return {}


def need(journey: dict, *keys: str) -> None:
    missing = [key for key in keys if key not in journey]
    if missing:
        pytest.skip(f"an earlier step failed (no {', '.join(missing)})")


# --- the phone, through the proxy ---------------------------------------------------------------------

def at(proxy, path: str) -> str:
    return proxy.origin + path


def go(driver, proxy, path: str) -> None:
    driver.get(at(proxy, path))
    wait_for(driver, lambda d: d.execute_script("return document.readyState") == "complete", f"{path} never loaded")


def here(driver, proxy) -> str:
    url = driver.current_url
    return url[len(proxy.origin):] if url.startswith(proxy.origin) else url


def link_down(driver, proxy) -> None:
    proxy.down()
    emulate(driver, offline=True)


def link_up(driver, proxy) -> None:
    proxy.up()
    emulate(driver, offline=False)


def controlled(driver) -> bool:
    return bool(driver.execute_script("return !!(navigator.serviceWorker && navigator.serviceWorker.controller)"))


def box_state(driver) -> str:
    return find(driver, "#offline-store").get_attribute("data-state") or ""


def status_text(driver) -> str:
    return find(driver, "#offline-status").text.strip()


def store_course(driver, proxy, name: str) -> None:
    """On the course page: the button, then "Đã lưu …" (the section says data-state=stored)."""
    go(driver, proxy, f"/courses/{COURSE}")
    wait_for(driver, lambda d: find(d, "#offline-store").is_displayed(), "the offline box stayed hidden")
    save = find(driver, "#offline-save")
    tap(driver, save)
    wait_for(driver, lambda d: box_state(d) == "stored" and STORED in status_text(d),
             f"the course was not stored (state {box_state(driver)!r}, status {status_text(driver)!r})", timeout=60)
    assert re.search(r"\d\d:\d\d", status_text(driver)), status_text(driver)
    shot(driver, name)


def into_view(driver, css: str = "#offline-store") -> None:
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", find(driver, css))


def in_cache(driver, path: str, text: str | None = None) -> bool:
    """Whether the device's Cache Storage holds `path` (and, if given, whether its body contains `text`)."""
    return bool(driver.execute_async_script("""
        const [path, text, done] = arguments;
        caches.match(path).then(r => r ? (text === null ? true : r.text().then(t => t.includes(text))) : false)
          .then(done, () => done(false));""", path, text))


def log_lines() -> list[str]:
    return SERVER_LOG.read_text(errors="replace").splitlines() if SERVER_LOG.exists() else []


def submissions_metric() -> float:
    """hb_requests of the JSON submission route answered 200, from /metrics (0 when unreadable)."""
    try:
        with urllib.request.urlopen(BASE_URL + "/metrics", timeout=10) as response:
            text = response.read().decode()
    except OSError:
        return -1
    total = 0.0
    for line in text.splitlines():
        if line.startswith("hb_requests{") and re.search(r'/attempts/[^/"]+/submission"', line) and '"200"' in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


# --- the journey ----------------------------------------------------------------------------------------

def test_1_a_course_is_stored_and_the_final_test_started(browsers, proxy, journey):
    slips = import_officials(f"username,full_name,commune,course\n{USERNAME},{NAME},Xã Lâm Bình,{COURSE}\n")
    phone = browsers("official")
    phone._e2e_base = proxy.origin  # the audit (axe, sideways scroll) checks the pages of the proxy's origin
    phone.get(at(proxy, "/login"))
    find(phone, "#username").send_keys(USERNAME)
    find(phone, "#password").send_keys(slips[USERNAME])
    button(phone, "Đăng nhập").click()
    wait_for(phone, lambda d: "/login" not in d.current_url, "the official could not sign in")
    wait_for(phone, lambda d: here(d, proxy) == "/account/password", "no forced password change")
    for field, value in (("#current", slips[USERNAME]), ("#new", PASSWORD), ("#repeat", PASSWORD)):
        find(phone, field).send_keys(value)
    button(phone, "Lưu mật khẩu mới").click()
    wait_for(phone, lambda d: "/account/password" not in d.current_url, "the new password was not accepted")
    journey["token"] = api_token(USERNAME, PASSWORD)

    # Every page installs the app: the manifest and site.js (which registers /sw.js for the whole site).
    go(phone, proxy, f"/courses/{COURSE}")
    head = phone.execute_script("return document.head.innerHTML")
    assert 'rel="manifest"' in head and "/manifest.webmanifest" in head, "no manifest link in <head>"
    assert re.search(r'<script[^>]+src="/js/site\.js\?v=[^"]+"[^>]*defer', head), "no deferred /js/site.js?v=… in <head>"
    wait_for(phone, controlled, "the service worker never took control of the page", timeout=20)
    scope = phone.execute_async_script("""const done = arguments[0];
        navigator.serviceWorker.getRegistration().then(r => done(r ? r.scope : null), () => done(null));""")
    assert scope == proxy.origin + "/", scope
    # Chromium's own judgement: the site can be installed (manifest fields, icons, a worker that answers fetches).
    errors = phone.execute_cdp_cmd("Page.getInstallabilityErrors", {})["installabilityErrors"]
    assert errors == [], f"Chromium says the site cannot be installed: {errors}"
    app = phone.execute_cdp_cmd("Page.getAppManifest", {})
    assert app.get("errors") == [] and app.get("url", "").endswith("/manifest.webmanifest"), app

    # What the course's stored copy holds, as the API says, and the size the page announces.
    status, manifest = api("GET", f"/courses/{COURSE}/offline")
    assert status == 200, (status, manifest)
    for field in ("course", "title", "content_version", "bytes", "pages", "media", "assets"):
        assert field in manifest, f"/offline has no {field}: {sorted(manifest)}"
    urls = {page["url"] for page in manifest["pages"]}
    assert {f"/courses/{COURSE}/{lesson}" for lesson in LESSONS} <= urls, sorted(urls)
    assert any(url.endswith(".svg") for url in manifest["media"]), manifest["media"]
    journey["version"] = manifest["content_version"]
    wait_for(phone, lambda d: find(d, "#offline-store").is_displayed(), "the offline box stayed hidden")
    assert find(phone, "#offline-save").text.strip() == "Tải khóa học để học không cần mạng"
    size = find(phone, "#offline-size").text
    kilobytes = int(re.search(r"Khoảng ([\d.]+) KB", size).group(1).replace(".", ""))
    assert abs(kilobytes - manifest["bytes"] / 1024) <= max(2, manifest["bytes"] / 1024 * 0.02), (size, manifest["bytes"])
    assert box_state(phone) == "none", box_state(phone)
    into_view(phone)
    shot(phone, "O01-phone-course-offline-box")
    store_course(phone, proxy, "O02-phone-course-stored")
    journey["stored"] = True

    # The final test, started online (its page is kept); then every lesson but the second, read online.
    go(phone, proxy, f"/courses/{COURSE}/{FINAL}/quiz")
    tap(phone, button(phone, "Bắt đầu làm bài"))
    wait_for(phone, lambda d: re.fullmatch(r"/attempts/[^/?#]+", here(d, proxy).split("?")[0]),
             "the final test did not start")
    journey["attempt"] = here(phone, proxy).split("?")[0].rsplit("/", 1)[1]
    assert questions_on_page(phone), "the attempt page has no questions"
    shot(phone, "O03-phone-final-test-started")
    for lesson in LESSONS:
        if lesson != READ_OFFLINE:
            go(phone, proxy, f"/courses/{COURSE}/{lesson}")
            assert find_all(phone, "article.lesson h1"), f"{lesson} did not open"
    go(phone, proxy, f"/courses/{COURSE}/{LESSONS[0]}")
    journey["read"] = True


def test_1b_storing_a_course_is_not_reading_it(browsers, proxy, journey):
    """The worker fetched every lesson to store it, signed in: that must not count as reading them (else the
    button would earn the certificate). The course page, fresh from the server, still asks for the one unread."""
    need(journey, "read")
    phone = browsers("official")
    go(phone, proxy, f"/courses/{COURSE}")
    wanted = [a.get_attribute("href") for a in find_all(phone, "section.completion ul.missing a")]
    go(phone, proxy, f"/courses/{COURSE}/{LESSONS[0]}")
    assert any(h.endswith(f"/courses/{COURSE}/{READ_OFFLINE}") for h in wanted), \
        f"storing the course counted {READ_OFFLINE} as read; still needed: {wanted}"


def test_2_offline_the_stored_lessons_and_pictures_open(browsers, proxy, journey):
    need(journey, "read")
    phone = browsers("official")
    journey["log_mark"] = len(log_lines())
    link_down(phone, proxy)
    # the next lesson, by its link, and reloaded
    nxt = find(phone, "a[rel=next]")
    assert nxt.get_attribute("href").endswith(f"/courses/{COURSE}/{READ_OFFLINE}")
    tap(phone, nxt, minimum=None)
    wait_for(phone, lambda d: here(d, proxy) == f"/courses/{COURSE}/{READ_OFFLINE}" and find_all(d, "article.lesson h1"),
             "the next lesson did not open offline")
    title = find(phone, "article.lesson h1").text
    shot(phone, "O04-phone-offline-next-lesson")
    phone.refresh()
    wait_for(phone, lambda d: find_all(d, "article.lesson h1") and find(d, "article.lesson h1").text == title,
             "the lesson did not reload offline")
    assert OFFLINE_H1 not in body_text(phone)
    shot(phone, "O05-phone-offline-lesson-reloaded")

    # the lesson with pictures: each one loads from the device
    go(phone, proxy, f"/courses/{COURSE}/{PICTURES}")
    images = find_all(phone, "article.lesson img")
    assert len(images) >= 2, "the lesson lost its pictures"
    for image in images:
        phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", image)
        wait_for(phone, lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0",
                                                    image), f"{image.get_attribute('src')} did not load offline")
    shot(phone, "O06-phone-offline-lesson-pictures")
    picture = images[-1].get_attribute("src")
    with phone.paused():  # an SVG document on its own: nothing for axe to check
        phone.get(picture)  # opened by itself, as "open image" does
        wait_for(phone, lambda d: d.execute_script(
            "const r = document.documentElement; return r.localName === 'svg' || !!document.querySelector('body > img')"),
            f"{picture} did not open offline")
        shot(phone, "O07-phone-offline-picture")
        phone.back()
        wait_for(phone, lambda d: find_all(d, "article.lesson img"), "back from the picture, the lesson did not show")

    # a page the device never stored: our offline page, listing the stored course and its lessons
    go(phone, proxy, "/courses/an-toan-tren-mang")
    wait_for(phone, lambda d: find_all(d, "h1") and find(d, "h1").text.strip() == OFFLINE_H1,
             "a page never stored did not give the offline page")
    wait_for(phone, lambda d: len(find_all(d, "ul#offline-list a")) >= len(LESSONS) + 1,
             "the offline page does not list the stored course and its lessons")
    listed = {a.get_attribute("href").replace(proxy.origin, ""): a.text for a in find_all(phone, "ul#offline-list a")}
    assert f"/courses/{COURSE}" in listed, listed
    assert all(f"/courses/{COURSE}/{lesson}" in listed for lesson in LESSONS), listed
    assert find(phone, "html").get_attribute("lang") == "vi"
    shot(phone, "O08-phone-offline-page", full=True)
    journey["offline"] = True


def test_3_the_final_test_is_submitted_offline_and_graded_once(browsers, proxy, journey):
    need(journey, "attempt", "token")
    phone = browsers("official")
    attempt = journey["attempt"]
    if proxy.is_up:
        journey["log_mark"] = len(log_lines())
        link_down(phone, proxy)
    before = submissions_metric()

    # The test's page, and its button (a form sent offline): the stored attempt opens.
    go(phone, proxy, f"/courses/{COURSE}/{FINAL}/quiz")
    form = find(phone, f"form[action$='/{FINAL}/quiz']")
    tap(phone, find(form, "button, input[type=submit]"))
    wait_for(phone, lambda d: questions_on_page(d), "the stored attempt did not open offline from the test's page")
    assert find(phone, "form#attempt"), "no attempt form"
    key = answer_key(FINAL)
    for fieldset in questions_on_page(phone):
        give_answer(phone, fieldset, right_answer(key[fieldset.get_attribute("data-question")]))
    shot(phone, "O09-phone-offline-answered")
    tap(phone, button(find(phone, "form#attempt"), "Nộp bài"))
    wait_for(phone, lambda d: find_all(d, "#outbox-note") and find(d, "#outbox-note").is_displayed()
             and QUEUED in find(d, "#outbox-note").text, "no “… sẽ tự gửi” note after “Nộp bài” offline")
    note = find(phone, "#outbox-note")
    assert note.get_attribute("role") == "status", note.get_attribute("outerHTML")
    assert OFFLINE_H1 not in body_text(phone)
    phone.recheck()
    into_view(phone, "#outbox-note")
    shot(phone, "O10-phone-offline-submission-queued")
    time.sleep(2)
    assert submissions_metric() == before, "a submission reached the server through a dead link?"

    # The link returns: the page reaches the result by itself.
    link_up(phone, proxy)
    wait_for(phone, lambda d: not find_all(d, "form#attempt") and PASSED in body_text(d),
             "the queued submission was not graded when the link returned", timeout=60)
    assert here(phone, proxy).split("?")[0] == f"/attempts/{attempt}", here(phone, proxy)
    shot(phone, "O11-phone-back-online-result")
    # More page loads, each a chance to send it again: it must not be.
    phone.refresh()
    go(phone, proxy, f"/courses/{COURSE}")
    time.sleep(2)
    after = submissions_metric()
    assert after - before == 1, f"the JSON submission was answered {after - before} times, not once"
    lines = log_lines()
    if lines:
        sent = [line for line in lines if f"/attempts/{attempt}/submission" in line and "POST" in line]
        assert len(sent) == 1, "\n".join(sent)
        assert not [line for line in lines if re.search(rf"POST /attempts/{re.escape(attempt)}\b", line)], \
            "the form was posted as well as the outbox"
    journey["graded"] = True

    # The lesson read only offline is asked for again, so the server records it; the certificate follows.
    if lines:
        back = time.monotonic()

        def replayed(driver) -> bool:
            if [line for line in log_lines()[journey.get("log_mark", 0):]
                    if re.search(rf"GET /courses/{COURSE}/{READ_OFFLINE} 200", line)]:
                return True
            go(driver, proxy, "/certificates")  # a page load: the worker's chance to catch up
            time.sleep(1)
            return False
        wait_for(phone, replayed, f"{READ_OFFLINE}, read offline, was never asked for again online", timeout=90)
        journey["replay_seconds"] = round(time.monotonic() - back, 1)
        print(f"the lesson read offline was asked for again {journey['replay_seconds']} s after the link returned")
    certificate = []

    def certified(driver) -> bool:
        status, body = api("GET", "/me/certificates", token=journey["token"])
        certificate[:] = [c for c in (body if status == 200 else []) if c["course"] == COURSE]
        if not certificate:
            go(driver, proxy, "/certificates")
            time.sleep(1)
        return bool(certificate)
    wait_for(phone, certified, "no certificate after the offline submission and reading", timeout=60)
    go(phone, proxy, "/certificates")
    wait_for(phone, lambda d: certificate[0]["code"] in d.page_source, "the certificate is not listed")
    shot(phone, "O12-phone-certificate")


def test_4_storage_evicted_by_the_browser(browsers, proxy, journey):
    need(journey, "stored")
    phone = browsers("official")
    if not proxy.is_up:
        link_up(phone, proxy)
    clear_cache_storage(phone, proxy.origin)
    go(phone, proxy, f"/courses/{COURSE}")
    assert find_all(phone, "h1"), "the course page did not open online"
    wait_for(phone, lambda d: box_state(d) == "missing" and MISSING in status_text(d),
             f"the course page does not say the course is no longer stored ({status_text(phone)!r})")
    assert not find(phone, "#offline-remove").is_displayed(), "nothing is stored, yet 'Xóa bản đã lưu' is offered"
    into_view(phone)
    shot(phone, "O13-phone-storage-evicted")
    store_course(phone, proxy, "O14-phone-stored-again")
    assert in_cache(phone, f"/courses/{COURSE}/{EDITED}"), f"{EDITED} was not stored again"
    journey["restored"] = True


def test_5_a_new_version_published_offline_reaches_the_phone(browsers, proxy, journey):
    need(journey, "restored")
    phone = browsers("official")
    go(phone, proxy, "/")
    link_down(phone, proxy)

    # A trainer (here the admin, on another device) adds a sentence to a lesson the phone stores, and publishes.
    admin = browsers("admin")
    sign_in(admin, *ADMIN)
    admin.get(f"{BASE_URL}/author/courses/{COURSE}/modules/{EDITED}/lesson")
    area = find(admin, "#markdown")
    tap(admin, area)
    area.send_keys(Keys.CONTROL + Keys.END + Keys.NULL + Keys.ENTER + Keys.ENTER + NEW_TEXT)
    tap(admin, button(admin, "Lưu bản nháp"))
    wait_for(admin, lambda d: "done=saved" in d.current_url, "the admin's save failed")
    admin.get(f"{BASE_URL}/author/courses/{COURSE}")
    tap_type(admin, "#note", "Cập nhật cho vùng cao")
    tap(admin, button(admin, "Xuất bản bản nháp"))
    wait_for(admin, lambda d: "done=published" in d.current_url, "the course was not published")
    status, manifest = api("GET", f"/courses/{COURSE}/offline")
    assert status == 200 and manifest["content_version"] != journey["version"], "no new content version"

    # Still offline: the phone shows what it stored.
    go(phone, proxy, f"/courses/{COURSE}/{EDITED}")
    assert find_all(phone, "article.lesson h1") and NEW_TEXT not in body_text(phone)
    # The link returns; the phone opens its home page (not the lesson): the worker sees the new version and stores
    # the course again.
    link_up(phone, proxy)
    back = time.monotonic()
    go(phone, proxy, "/")

    def updated(driver) -> bool:
        if in_cache(driver, f"/courses/{COURSE}/{EDITED}", NEW_TEXT):
            return True
        go(driver, proxy, "/")
        return False
    # "At the next connection": the first page fetched after the link returns looks for new versions at once.
    wait_for(phone, updated, "the stored lesson did not get the new version within 20 s of the link returning",
             timeout=20)
    journey["update_seconds"] = round(time.monotonic() - back, 1)
    print(f"the new version was stored {journey['update_seconds']} s after the link returned")
    # Offline again: the stored lesson shows the new text.
    link_down(phone, proxy)
    go(phone, proxy, f"/courses/{COURSE}/{EDITED}")
    wait_text(phone, NEW_TEXT)
    phone.execute_script("""const p = [...document.querySelectorAll('article.lesson p')]
        .find(e => e.textContent.includes(arguments[0])); if (p) p.scrollIntoView({block: 'center'});""", NEW_TEXT)
    shot(phone, "O15-phone-new-version-offline")
    link_up(phone, proxy)
    journey["updated"] = True


def test_6_signing_out_forgets_the_stored_pages(browsers, proxy, journey):
    need(journey, "stored")
    phone = browsers("official")
    if not proxy.is_up:
        link_up(phone, proxy)
    go(phone, proxy, f"/courses/{COURSE}")
    assert in_cache(phone, f"/courses/{COURSE}/{LESSONS[0]}")
    logout = find(phone, "form[action$='/logout'] button, form[action$='/logout'] input[type=submit]")
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", logout)
    phone.execute_script("arguments[0].click()", logout)  # the menu may fold it away on a phone
    wait_for(phone, lambda d: "/logout" not in d.current_url and d.execute_script(
        "return document.readyState") == "complete", "signing out did not finish")
    wait_for(phone, lambda d: not in_cache(d, f"/courses/{COURSE}/{LESSONS[0]}"),
             "the stored lessons outlived signing out")
    assert not in_cache(phone, f"/attempts/{journey.get('attempt', 'x')}"), "the attempt page outlived signing out"
    shot(phone, "O16-phone-signed-out")
