"""Shared helpers of the end-to-end tests: browsers, waits, screenshots, PDFs, the JSON API, quiz answering.

run.sh starts the server and sets E2E_BASE_URL and the staff accounts' credentials; see README.md.
"""
from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import (ElementClickInterceptedException, NoSuchElementException,
                                        StaleElementReferenceException, TimeoutException)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.actions import interaction
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.actions.pointer_input import PointerInput
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

import audit

BASE_URL = os.environ.get("E2E_BASE_URL", "http://127.0.0.1:18080").rstrip("/")
ADMIN = (os.environ.get("E2E_ADMIN_USER", "admin"), os.environ.get("E2E_ADMIN_PASSWORD", ""))
HR = (os.environ.get("E2E_HR_USER", "nhansu"), os.environ.get("E2E_HR_PASSWORD", ""))
SHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = os.environ.get("E2E_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("E2E_CHROMEDRIVER", shutil.which("chromedriver") or "/usr/bin/chromedriver")

COURSE = "chuyen-doi-so-cap-xa"
FINAL = "kiem-tra-cuoi-khoa"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
WAIT = 15  # seconds: the longest any single step may take

SAVED = "✓ Đã lưu"
RETRY = "Chưa lưu được, sẽ thử lại khi có mạng"
PASSED = "Chúc mừng!"
FAILED = "Bạn chưa đạt"


# --- Browsers ---------------------------------------------------------------------------------------

def new_browser(kind: str = "phone") -> WebDriver:
    """Headless Debian Chromium: a 360×740 phone (touch, 2× pixels, mobile user agent) or a 1280×900 desktop.
    Every page it shows is checked by axe-core and for sideways scrolling, at both sizes (audit.py)."""
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager look for a browser to download
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                     "--no-default-browser-check", "--disable-extensions", "--disable-sync", "--lang=vi-VN",
                     "--disable-features=Translate,MediaRouter,OptimizationHints", "--password-store=basic",
                     "--hide-scrollbars"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {
        "credentials_enable_service": False, "profile.password_manager_enabled": False,
        "profile.password_manager_leak_detection": False, "intl.accept_languages": "vi-VN,vi"})
    if kind == "phone":
        options.add_experimental_option("mobileEmulation", {
            "deviceMetrics": {**PHONE, "pixelRatio": 2.0, "touch": True},
            "userAgent": "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
                         "Chrome/120.0.0.0 Mobile Safari/537.36"})
    else:
        options.add_argument(f"--window-size={DESKTOP['width']},{DESKTOP['height']}")
    driver = audit.AuditedChrome(service=Service(executable_path=CHROMEDRIVER), options=options, kind=kind,
                                 base_url=BASE_URL)
    driver.set_page_load_timeout(30)
    if kind != "phone":  # the exact viewport, whatever the window decorations
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**DESKTOP, "deviceScaleFactor": 1, "mobile": False})
    driver.e2e_kind = kind  # type: ignore[attr-defined]
    return driver


def go(driver: WebDriver, path: str) -> None:
    driver.get(path if path.startswith("http") else BASE_URL + path)


def path_of(driver: WebDriver) -> str:
    url = driver.current_url
    return url[len(BASE_URL):] if url.startswith(BASE_URL) else url


def body_text(driver: WebDriver) -> str:
    """What a person can read on the page now (hidden elements excluded)."""
    return driver.execute_script("return document.body ? document.body.innerText : ''") or ""


def wait_for(driver: WebDriver, condition, message: str, timeout: float = WAIT):
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.1,
                             ignored_exceptions=(StaleElementReferenceException, NoSuchElementException)).until(condition)
    except TimeoutException:
        shot(driver, "FAILED-" + re.sub(r"[^a-z0-9]+", "-", message.lower())[:60])
        raise AssertionError(f"{message} (after {timeout} s on {driver.current_url}); page text:\n{body_text(driver)[:1500]}")


def wait_text(driver: WebDriver, text: str, timeout: float = WAIT) -> None:
    wait_for(driver, lambda d: text in body_text(d), f"text {text!r} never appeared", timeout)


def wait_path(driver: WebDriver, pattern: str, timeout: float = WAIT) -> re.Match:
    found: list[re.Match] = []

    def matches(d):
        m = re.fullmatch(pattern, path_of(d).split("?")[0].split("#")[0])
        if m:
            found.append(m)
        return bool(m)
    wait_for(driver, matches, f"address never matched {pattern}", timeout)
    wait_for(driver, lambda d: d.execute_script("return document.readyState") == "complete", "page never loaded")
    return found[-1]


def find(driver: WebDriver | WebElement, css: str) -> WebElement:
    return driver.find_element(By.CSS_SELECTOR, css)


def find_all(driver: WebDriver | WebElement, css: str) -> list[WebElement]:
    return driver.find_elements(By.CSS_SELECTOR, css)


def button(driver: WebDriver | WebElement, label: str) -> WebElement:
    """The button or link-styled button whose visible text is `label`."""
    for element in find_all(driver, "button, a.button, input[type=submit]"):
        if element.text.strip() == label or element.get_attribute("value") == label:
            return element
    raise AssertionError(f"no button {label!r}")


def link(driver: WebDriver | WebElement, label: str) -> WebElement:
    return driver.find_element(By.LINK_TEXT, label)


def click(driver: WebDriver, element: WebElement) -> None:
    """Scrolls the element to the middle of the screen, as a thumb would, and taps it."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", element)
    try:
        element.click()
    except ElementClickInterceptedException:
        time.sleep(0.2)
        element.click()


TARGET = 24  # px: the smallest touch target WCAG 2.2 allows (2.5.8, AA)

# Where a finger would land on the element, and whether the element (or its label) is what is there.
_TARGET = """
// A link wrapped over two lines: its box's centre may fall between the lines, so a finger aims at its first line.
const el = arguments[0], rects = el.getClientRects(), r = rects.length ? rects[0] : el.getBoundingClientRect();
const x = r.left + r.width / 2, y = r.top + r.height / 2;
const hit = document.elementFromPoint(x, y);
const mine = hit && (el.contains(hit) || hit.control === el || (el.labels && [...el.labels].some(l => l.contains(hit))));
const what = hit ? hit.tagName.toLowerCase() + (hit.id ? '#' + hit.id : '') + ' “' + (hit.textContent || '').trim().slice(0, 40) + '”' : 'nothing';
return [x, y, r.width, r.height, mine ? '' : what];"""


def tap(driver: WebDriver, element: WebElement, minimum: int | None = TARGET) -> None:
    """A finger's tap, not a scripted click: the element is scrolled to the middle of the screen as a thumb would,
    must be a touch-sized target (`minimum` px each way; None for a link inside a sentence, which WCAG exempts)
    that nothing covers, and gets a touch pointer's down and up at its centre (W3C actions, pointerType touch)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", element)
    x, y, width, height, covered = driver.execute_script(_TARGET, element)
    name = element.text.strip()[:40] or element.get_attribute("id") or element.get_attribute("name") or element.tag_name
    if minimum is not None:
        assert width >= minimum and height >= minimum, \
            f"“{name}” is {width:.0f}×{height:.0f} px: too small for a finger (at least {minimum}×{minimum})"
    assert not covered, f"“{name}” is covered at its centre by {covered}"
    finger = PointerInput(interaction.POINTER_TOUCH, "finger")
    actions = ActionBuilder(driver, mouse=finger)
    actions.pointer_action.move_to_location(int(x), int(y)).pointer_down().pause(0.05).pointer_up()
    actions.perform()


def tap_type(driver: WebDriver, css: str, text: str, replace: bool = True) -> None:
    """Taps a field and types into it with the (virtual) keyboard; `replace` selects what is there first."""
    field = find(driver, css)
    tap(driver, field)
    if replace:
        field.clear()
    field.send_keys(text)


def fill(driver: WebDriver, css: str, text: str) -> None:
    field = find(driver, css)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", field)
    field.clear()
    field.send_keys(text)


def sign_in(driver: WebDriver, username: str, password: str) -> None:
    go(driver, "/login")
    fill(driver, "#username", username)
    fill(driver, "#password", password)
    click(driver, button(driver, "Đăng nhập"))
    wait_for(driver, lambda d: not path_of(d).startswith("/login"), f"{username} could not sign in")


def change_first_password(driver: WebDriver, old: str, new: str) -> None:
    """The forced change after signing in with a slip's one-time password."""
    wait_path(driver, r"/account/password")
    assert "Bạn đang dùng mật khẩu được cấp lần đầu" in body_text(driver)
    fill(driver, "#current", old)
    fill(driver, "#new", new)
    fill(driver, "#repeat", new)
    click(driver, button(driver, "Lưu mật khẩu mới"))
    wait_for(driver, lambda d: not path_of(d).startswith("/account/password"), "the new password was not accepted")


def fits_width(driver: WebDriver) -> None:
    """The page must not scroll sideways: on a 360 px phone that hides half of every line. Only an element that
    says it scrolls (role=region, a name, tabindex=0) may be wider inside. Every page is checked so at 360 px
    anyway (audit.py); this checks the page as it is now, at the browser's own size."""
    width, inner, wide, silent = driver.execute_script(audit.WIDTH)
    assert width <= inner, f"{path_of(driver)}: page is {width} px wide in a {inner} px viewport: {wide}"
    assert not silent, f"{path_of(driver)}: scrolls sideways without saying so: {silent}"


# --- A phone's camera --------------------------------------------------------------------------------

# A phone camera's photo: 4000 × 3000 of gradients, shapes and sensor-like noise, as JPEG of about 4 MB.
_MAKE_PHOTO = """
const done = arguments[arguments.length - 1], quality = arguments[0];
const canvas = document.createElement('canvas'); canvas.width = 4000; canvas.height = 3000;
const c = canvas.getContext('2d');
const sky = c.createLinearGradient(0, 0, 0, 3000);
sky.addColorStop(0, '#7fb3e6'); sky.addColorStop(0.55, '#dfeaf2'); sky.addColorStop(0.56, '#3f7a3a'); sky.addColorStop(1, '#21401f');
c.fillStyle = sky; c.fillRect(0, 0, 4000, 3000);
let seed = 7; const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
for (let i = 0; i < 400; i++) {
  c.fillStyle = `hsl(${Math.floor(rnd() * 360)}, 45%, ${30 + Math.floor(rnd() * 40)}%)`;
  c.fillRect(rnd() * 4000, 1700 + rnd() * 1300, 40 + rnd() * 300, 30 + rnd() * 200);
}
const image = c.getImageData(0, 0, 4000, 3000), px = image.data;
for (let i = 0; i < px.length; i += 4) {
  const n = (rnd() - 0.5) * 34; px[i] += n; px[i + 1] += n; px[i + 2] += n;
}
c.putImageData(image, 0, 0);
canvas.toBlob(blob => {
  const reader = new FileReader();
  reader.onload = () => done(reader.result.split(',')[1]);
  reader.readAsDataURL(blob);
}, 'image/jpeg', quality);
"""


def camera_photo(driver: WebDriver) -> Path:
    """A ~4 MB JPEG written by Chromium's own canvas (no imaging library needed), saved where a file input can take
    it, named as an Android camera names its photos."""
    import tempfile
    driver.set_script_timeout(60)
    for quality in (0.9, 0.95, 0.98):
        data = base64.b64decode(driver.execute_async_script(_MAKE_PHOTO, quality))
        if len(data) >= 3_500_000:
            break
    assert 3_500_000 <= len(data) <= 8_000_000, f"the test photo is {len(data)} bytes, not about 4 MB"
    path = Path(tempfile.mkdtemp(prefix="e2e-camera-")) / "IMG_20261128_091500.jpg"
    path.write_bytes(data)
    return path


# --- Screenshots and PDFs ---------------------------------------------------------------------------

def shot(driver: WebDriver, name: str, full: bool = False) -> Path:
    """A PNG of what the screen shows (or, with full, of the whole page) in the git-ignored screenshots folder."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    try:
        with driver.paused():
            return _shot(driver, path, full)
    except Exception as error:  # a screenshot must never hide the real failure
        print(f"screenshot {name} failed: {error}")
    return path


def _shot(driver: WebDriver, path: Path, full: bool) -> Path:
    if full:
        metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 8000), "scale": 1}
        data = driver.execute_cdp_cmd(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip})["data"]
        path.write_bytes(base64.b64decode(data))
    else:
        driver.save_screenshot(str(path))
    return path


def print_pdf(driver: WebDriver, name: str, landscape: bool = False) -> Path:
    """Prints the page as the browser's print dialog would (CSS @page sizes win) and renders page 1 as PNG."""
    result = driver.execute_cdp_cmd("Page.printToPDF", {
        "printBackground": True, "preferCSSPageSize": True, "landscape": landscape})
    path = SHOTS / f"{name}.pdf"
    path.write_bytes(base64.b64decode(result["data"]))
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(path), str(SHOTS / name)],
                       check=False, capture_output=True)
    return path


def pdf_pages(path: Path) -> list[tuple[float, float]]:
    """Each page's size in points, from poppler's pdfinfo (or, without it, the /MediaBox of each /Page)."""
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True, text=True,
                             check=True).stdout
        sizes = [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out)]
        count = int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
        assert len(sizes) == count, out
        return sizes
    raw = path.read_bytes()
    return [(0.0, 0.0)] * len(re.findall(rb"/Type\s*/Page(?!s)", raw))


def pdf_text(path: Path) -> str:
    if not shutil.which("pdftotext"):
        return ""
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout


def decode_qr(png: Path) -> str | None:
    """The text of the QR code in the picture (zbarimg from zbar-tools), or None without zbarimg."""
    if not shutil.which("zbarimg"):
        return None
    out = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True)
    return out.stdout.strip()


# --- The JSON API -----------------------------------------------------------------------------------

def api(method: str, path: str, token: str | None = None, body=None, content_type: str = "application/json"):
    """One call to /api/v1: returns (status, parsed JSON or None)."""
    data = None
    headers = {"Accept": "application/json"}
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers["Content-Type"] = content_type
    if token:
        headers["Authorization"] = "Bearer " + token
    request = urllib.request.Request(BASE_URL + "/api/v1" + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=WAIT) as response:
            raw = response.read()
            return response.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw)
        except ValueError:
            return error.code, raw.decode(errors="replace")


def api_token(username: str, password: str) -> str:
    status, body = api("POST", "/session", body={"username": username, "password": password})
    assert status == 200, f"API sign-in of {username}: {status} {body}"
    return body["token"]


_keys: dict[str, dict] = {}


def answer_key(module: str) -> dict[str, dict]:
    """The module's quiz as authored, with its answers (admins may read it): question id → question."""
    if module not in _keys:
        status, body = api("GET", f"/courses/{COURSE}/quizzes/{module}", token=api_token(*ADMIN))
        assert status == 200, f"answer key of {module}: {status} {body}"
        _keys[module] = {q["id"]: q for q in body["questions"]}
    return _keys[module]


def import_officials(csv: str) -> dict[str, str]:
    """Imports through the API (as the admin) and returns username → one-time password."""
    status, body = api("POST", "/users/import", token=api_token(*ADMIN), body=csv.encode(), content_type="text/csv")
    assert status == 200, f"import: {status} {body}"
    return {row["username"]: row["password"] for row in body["rows"] if row.get("password")}


def right_answer(question: dict) -> dict:
    """The answer that earns full marks, as the quiz API takes it."""
    if question.get("choices"):
        return {"choice_ids": [c["id"] for c in question["choices"] if c["correct"]]}
    if question["type"] == "short":
        return {"text": question["accepted"][0]}
    return {"text": number(question["value"])}


def wrong_answer(question: dict) -> dict:
    if question.get("choices"):
        return {"choice_ids": [next(c["id"] for c in question["choices"] if not c["correct"])]}
    if question["type"] == "short":
        return {"text": "không biết"}
    return {"text": number(question["value"] + (question.get("tolerance") or 0) + 1000)}


def number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# --- Quizzes in the browser -------------------------------------------------------------------------

def questions_on_page(driver: WebDriver) -> list[WebElement]:
    return find_all(driver, "form#attempt fieldset.question")


def give_answer(driver: WebDriver, fieldset: WebElement, answer: dict) -> None:
    """Taps the choices (through their labels, as a person does) or types the text."""
    qid = fieldset.get_attribute("data-question")
    if "choice_ids" in answer:
        for choice in answer["choice_ids"]:
            label = find(fieldset, f"label[for='q-{qid}-{choice}']")
            click(driver, label)
            assert find(fieldset, f"#q-{qid}-{choice}").is_selected(), f"{qid}: tapping {choice} did not tick it"
    else:
        field = find(fieldset, f"input[name='q-{qid}']")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", field)
        field.clear()
        field.send_keys(answer["text"])


def answer_on_page(driver: WebDriver, module: str, right: set[str] | None = None) -> dict[str, dict]:
    """Answers every question on the attempt page: rightly if its id is in `right` (all when None), else wrongly.
    Returns question id → the answer given."""
    key = answer_key(module)
    given: dict[str, dict] = {}
    for fieldset in questions_on_page(driver):
        qid = fieldset.get_attribute("data-question")
        question = key[qid]
        answer = right_answer(question) if right is None or qid in right else wrong_answer(question)
        give_answer(driver, fieldset, answer)
        given[qid] = answer
    return given


def save_state(driver: WebDriver, qid: str) -> str:
    return find(driver, f"fieldset.question[data-question='{qid}'] .save-state").text.strip()


def wait_saved(driver: WebDriver, qids, timeout: float = WAIT) -> None:
    qids = list(qids)
    wait_for(driver, lambda d: all(save_state(d, q) == SAVED for q in qids),
             f"autosave never confirmed all of {len(qids)} answers", timeout)


def answers_on_form(driver: WebDriver) -> dict[str, dict]:
    """What the attempt form shows now: question id → ticked choice ids or typed text."""
    return driver.execute_script("""
        const out = {};
        for (const fs of document.querySelectorAll('form#attempt fieldset.question')) {
          const inputs = [...fs.querySelectorAll('input')];
          const boxes = inputs.filter(i => i.type === 'radio' || i.type === 'checkbox');
          out[fs.dataset.question] = boxes.length
            ? {choice_ids: boxes.filter(i => i.checked).map(i => i.value).sort()}
            : {text: inputs[0].value};
        }
        return out;""")


def answered(form: dict[str, dict]) -> dict[str, dict]:
    """Only the questions with an answer (ticked choices or typed text)."""
    return {q: a for q, a in form.items() if a.get("choice_ids") or a.get("text")}


def normalised(answers: dict[str, dict]) -> dict[str, dict]:
    return {q: ({"choice_ids": sorted(a["choice_ids"])} if "choice_ids" in a else {"text": a["text"]})
            for q, a in answers.items()}


def submit_attempt(driver: WebDriver) -> str:
    """Presses "Nộp bài" and waits for the result; returns the result box's text."""
    form = find(driver, "form#attempt")
    click(driver, button(form, "Nộp bài"))
    wait_for(driver, lambda d: not find_all(d, "form#attempt") and find_all(d, "section[role=status]"),
             "the result never came")
    return find(driver, "section[role=status]").text


def start_attempt(driver: WebDriver, module: str) -> str:
    """From the quiz's front page, starts a new attempt; returns its id."""
    go(driver, f"/courses/{COURSE}/{module}/quiz")
    click(driver, button(driver, "Bắt đầu làm bài"))
    return wait_path(driver, r"/attempts/([^/]+)").group(1)


def read_every_lesson(driver: WebDriver, course: str) -> int:
    """Opens every lesson of `course` from its page's module links, as a learner reading the course through does
    (the course's `completion:` asks for every lesson read before the certificate). Returns how many were read."""
    go(driver, f"/courses/{course}")
    pattern = re.compile(rf"/courses/{re.escape(course)}/([a-z0-9-]+)$")
    slugs = []
    for anchor in find_all(driver, "a[href]"):
        match = pattern.search(anchor.get_attribute("href") or "")
        if match and match.group(1) not in slugs:
            slugs.append(match.group(1))
    read = 0
    for slug in slugs:
        go(driver, f"/courses/{course}/{slug}")
        if find_all(driver, "article.lesson h1"):
            read += 1
    return read
