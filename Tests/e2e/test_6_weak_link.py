"""Issue 18's budgets on a weak link, measured in Chromium at 360 px with its network throttling.

400 ms latency and 400 kbit/s each way, cold (HTTP cache emptied, no service worker): first contentful paint of
the login page (budget 0.8 s), of a lesson signed in (1.0 s); a repeat visit of a stored lesson (after "Tải khóa học
để học không cần mạng", served by the service worker; 0.3 s). Chrome's "Slow 3G" preset (2000 ms latency, 400 kbit/s)
too. Each figure is the median of RUNS loads; every load, and each budget met or not, goes to
`screenshots/weak-link.txt` (for BENCHMARKS.md).

The house rule is that speed is measured and reported, never asserted in a timed test (a busy CI machine would make
such a test fail for nothing). What these tests assert is what makes the budgets hold on any machine: the text is
painted before the stylesheet has arrived (one round trip, not two), and the stored lesson's page comes from the
service worker without a byte from the network.

The measuring browsers are the suite's phone without the page audit (its 550 kB axe-core script, injected into every
document, would be measured too); the same pages are audited in the other tests. Also checked here: the HTML is
compressed (br or gzip), its first-paint CSS inlined in <head>, the full stylesheet preloaded and linked at the end of
<body>, and the content-tagged files (site.css, site.js, quiz.js…) cached for a long time.
"""
from __future__ import annotations

import re
import statistics
import time
import urllib.request

import pytest

import audit
from helpers import (BASE_URL, COURSE, SHOTS, api, button, find, import_officials, new_browser, shot, wait_for)
from weaklink import SLOW_3G, clear_http_cache, emulate, forget_service_worker, paint_times

USERNAME, NAME = "0977000618", "Ma Văn Sơn"
PASSWORD = "mạng yếu ở Lâm Bình"
LESSON = f"/courses/{COURSE}/tong-quan"
RUNS = 3
BUDGET = {"latency_ms": 400, "kbps": 400}
LIMITS = {"login": 0.8, "lesson": 1.0, "stored lesson": 0.3}
FIGURES = SHOTS / "weak-link.txt"


def plain_phone():
    """The suite's 360 px phone, without the audit's script in every document."""
    was = audit.ENABLED
    audit.ENABLED = False
    try:
        return new_browser("phone")
    finally:
        audit.ENABLED = was


def load(driver, path: str) -> dict:
    driver.get(BASE_URL + path)
    times = paint_times(driver)
    assert driver.current_url.split("?")[0] == BASE_URL + path, f"{path} went to {driver.current_url}"
    return times


def cold(driver, path: str, network: dict) -> dict:
    """A first visit: no HTTP cache, no service worker (still signed in), then the page under `network`."""
    emulate(driver)
    driver.get("about:blank")
    forget_service_worker(driver, BASE_URL)
    clear_http_cache(driver)
    emulate(driver, **network)
    try:
        return load(driver, path)
    finally:
        emulate(driver)


def warm(driver, path: str, network: dict) -> dict:
    """A repeat visit of a page the service worker stored."""
    driver.get("about:blank")
    emulate(driver, **network)
    try:
        return load(driver, path)
    finally:
        emulate(driver)


def median(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def painted_before_the_stylesheet(runs: list[dict], page: str) -> None:
    """Text shows after one round trip: the first paint comes before the stylesheet has finished arriving."""
    for run in runs:
        assert run["sheet"] is not None, f"{page}: the stylesheet was not requested: {run}"
        assert run["fcp"] < run["sheet"], \
            f"{page}: first paint at {run['fcp']:.2f} s waited for the stylesheet ({run['sheet']:.2f} s): {run}"


@pytest.fixture(scope="module")
def figures():
    found: dict[str, list[dict]] = {}
    yield found
    lines = [f"Weak-link figures (issue 18), {time.strftime('%Y-%m-%d %H:%M')}, Chromium 360 px, {BASE_URL}",
             f"median of {RUNS} loads; seconds since navigation start; html = bytes of the page as sent / as read",
             f"{'case':<44} {'FCP':>6} {'load':>6}  {'html':>13}  each run (FCP/load)"]
    for case, runs in found.items():
        each = "  ".join(f"{r['fcp']:.2f}/{r['load']:.2f}" for r in runs)
        html = f"{runs[0]['transfer'] or 0}/{runs[0]['decoded'] or 0}"
        budget = next((limit for name, limit in LIMITS.items() if case.startswith(name + ",")), None)
        verdict = ""
        if budget is not None and "400 ms" in case:
            verdict = f"  FCP budget {budget} s: {'met' if median(runs, 'fcp') <= budget else 'MISSED'}"
        lines.append(f"{case:<44} {median(runs, 'fcp'):>6.2f} {median(runs, 'load'):>6.2f}  {html:>13}  {each}{verdict}")
    lines.append("before issue 18 (Slow 3G, load): login 6.2 s, lesson 4.2 s")
    FIGURES.parent.mkdir(parents=True, exist_ok=True)
    FIGURES.write_text("\n".join(lines) + "\n", encoding="utf8")
    print("\n" + "\n".join(lines))


@pytest.fixture(scope="module")
def learner():
    """A signed-in official's plain phone (the session cookie survives the caches being emptied)."""
    slips = import_officials(f"username,full_name,commune,course\n{USERNAME},{NAME},Xã Lâm Bình,{COURSE}\n")
    driver = plain_phone()
    try:
        driver.get(BASE_URL + "/login")
        find(driver, "#username").send_keys(USERNAME)
        find(driver, "#password").send_keys(slips[USERNAME])
        button(driver, "Đăng nhập").click()
        wait_for(driver, lambda d: "/account/password" in d.current_url, "no forced password change")
        for field, value in (("#current", slips[USERNAME]), ("#new", PASSWORD), ("#repeat", PASSWORD)):
            find(driver, field).send_keys(value)
        button(driver, "Lưu mật khẩu mới").click()
        wait_for(driver, lambda d: "/account/password" not in d.current_url, "the new password was not accepted")
        yield driver
    finally:
        driver.quit()


def test_html_is_compressed_and_its_first_paint_css_inlined():
    request = urllib.request.Request(BASE_URL + "/login", headers={"Accept-Encoding": "br, gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        encoding = response.headers.get("Content-Encoding", "")
        assert encoding in ("br", "gzip"), f"/login is sent with Content-Encoding {encoding!r}"
        assert "Accept-Encoding" in response.headers.get("Vary", ""), "compressed HTML without Vary: Accept-Encoding"
    request = urllib.request.Request(BASE_URL + "/login", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers.get("Content-Encoding") == "gzip", "no gzip for a browser without brotli"
    with urllib.request.urlopen(BASE_URL + "/login", timeout=10) as response:  # no Accept-Encoding: plain
        assert not response.headers.get("Content-Encoding"), response.headers.get("Content-Encoding")
        html = response.read().decode()
    head, body = html.split("</head>", 1)
    style = re.search(r"<style>(.*?)</style>", head, re.S)
    assert style and len(style.group(1)) > 500, "no first-paint CSS inlined in <head>"
    sheet = re.search(r'href="(/css/site\.css\?v=[^"]+)"', head)
    assert sheet and re.search(rf'<link rel="preload" href="{re.escape(sheet.group(1))}" as="style"', head), \
        "the stylesheet is not preloaded in <head>"
    assert not re.search(r'<link rel="stylesheet"', head), "a render-blocking stylesheet in <head>"
    assert re.search(rf'<link rel="stylesheet" href="{re.escape(sheet.group(1))}">\s*</body>', body), \
        "the full stylesheet is not linked at the end of <body>"
    assert re.search(r'<script src="/js/site\.js\?v=[^"]+" defer', head), "no deferred site.js in <head>"


def test_content_tagged_files_are_cached_for_long():
    status, manifest = api("GET", f"/courses/{COURSE}/offline")
    assert status == 200, (status, manifest)
    tagged = [url for url in manifest["assets"] if "?v=" in url]
    assert any(url.startswith("/js/quiz.js?v=") for url in tagged), f"quiz.js is not content-tagged: {tagged}"
    for url in tagged:
        with urllib.request.urlopen(BASE_URL + url, timeout=10) as response:
            control = response.headers.get("Cache-Control", "")
        age = re.search(r"max-age=(\d+)", control)
        assert age and int(age.group(1)) >= 30 * 24 * 3600, f"{url}: Cache-Control {control!r}"


def test_cold_login_within_budget(figures):
    driver = plain_phone()
    try:
        figures["login, cold, 400 ms + 400 kbit/s"] = runs = [cold(driver, "/login", BUDGET) for _ in range(RUNS)]
        shot(driver, "W01-phone-login-weak-link")
        figures["login, cold, Slow 3G"] = [cold(driver, "/login", SLOW_3G) for _ in range(RUNS)]
    finally:
        driver.quit()
    painted_before_the_stylesheet(runs, "login")


def test_cold_lesson_within_budget(learner, figures):
    figures["lesson, cold, 400 ms + 400 kbit/s"] = runs = [cold(learner, LESSON, BUDGET) for _ in range(RUNS)]
    shot(learner, "W02-phone-lesson-weak-link")
    figures["lesson, cold, Slow 3G"] = [cold(learner, LESSON, SLOW_3G) for _ in range(RUNS)]
    painted_before_the_stylesheet(runs, "lesson")


def test_stored_lesson_repeat_visit_within_budget(learner, figures):
    learner.get(BASE_URL + f"/courses/{COURSE}")
    # The cold runs unregistered the worker under the page's feet; the page registers it again. A first visit may
    # stay uncontrolled (a worker claims its pages, but Chromium does not always hand over one it just cleared):
    # the next visit is controlled, as a learner's would be.
    learner.set_script_timeout(30)
    state = learner.execute_async_script("""const done = arguments[0];
        navigator.serviceWorker.ready.then(r => done(r.active ? r.active.state : 'none'), e => done(String(e)));""")
    if not learner.execute_script("return !!navigator.serviceWorker.controller"):
        print(f"not controlled after the cold runs (worker {state}): visited again")
        learner.get(BASE_URL + f"/courses/{COURSE}")
    wait_for(learner, lambda d: d.execute_script("return !!navigator.serviceWorker.controller"),
             f"the service worker never took control (worker {state})", timeout=20)
    wait_for(learner, lambda d: find(d, "#offline-store").is_displayed(), "the offline box stayed hidden")
    find(learner, "#offline-save").click()
    wait_for(learner, lambda d: find(d, "#offline-store").get_attribute("data-state") == "stored",
             "the course was not stored", timeout=60)
    learner.get(BASE_URL + LESSON)  # visited once online as well
    paint_times(learner)
    figures["stored lesson, repeat, 400 ms + 400 kbit/s"] = runs = [warm(learner, LESSON, BUDGET) for _ in range(RUNS)]
    figures["stored lesson, repeat, Slow 3G"] = [warm(learner, LESSON, SLOW_3G) for _ in range(RUNS)]
    shot(learner, "W03-phone-stored-lesson-repeat")
    for run in runs:
        assert run["worker"] and run["transfer"] == 0, f"the stored lesson did not come from the service worker: {run}"
