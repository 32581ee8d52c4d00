"""Signed PDF certificates (issue 19), checked with tools that are not ours, and the journeys on a 360×740 phone.

An official from a commune of the place list passes the course; their "my certificates" page offers the PDF, which
is downloaded with their session. poppler's `pdfsig` lists the signature; pyHanko (PyPI) validates it with the
signer's certificate from /keys/{kid}.crt as the only trust anchor: intact, valid, trusted, covering the whole file,
PAdES B-B (SubFilter /ETSI.CAdES.detached; signed attributes content-type, message-digest, signing-certificate-v2,
no signing-time). `pdftotext` gives back the holder's name with its diacritics (NFC) and the document's texts; the
attached `{code}.jwt` is the one /v/{code}.jwt serves; the QR code is the verify URL. One byte changed inside the
signed range fails pdfsig, pyHanko, our verify page and `academy certificates verify`. HR revokes the certificate:
the PDF still verifies as signed in pyHanko while our verify page and the command line say revoked. HR downloads the
ZIP of the commune: the PDF, the .jwt and index.csv with the holder's row.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import unicodedata
import urllib.error
import urllib.request
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from selenium.webdriver.support.ui import Select

from helpers import (BASE_URL, COURSE, FINAL, HR, SHOTS, answer_key, api, api_token, body_text, button,
                     change_first_password, click, decode_qr, find, find_all, fits_width, go, import_officials,
                     pdf_pages, right_answer, shot, sign_in, tap, wait_for, wait_text)

ROOT = Path(__file__).resolve().parents[2]
# The official: a commune of Config/places/tuyen-quang.csv no other test uses, and a name rich in diacritics.
USERNAME, NAME = "cb.dangthimyhuong", "Đặng Thị Mỹ Hường"
COMMUNE, POSITION = "Hồng Thái", "Công chức Văn hóa - Xã hội"
PASSWORD = "Hồng Thái chiều mưa 2025"
REASON = "Cấp nhầm: hồ sơ học viên bị trùng"
PDF_LABEL = "Tải giấy xác nhận (PDF có chữ ký số)"
PADES_ATTRS = {"content_type", "message_digest", "signing_certificate_v2"}

VIETNAM = timezone(timedelta(hours=7))  # the document's date is Tuyên Quang's
STATE: dict = {}  # what one step hands to the next (module-local: test_1 keeps its own `story`)
WORK = Path(tempfile.mkdtemp(prefix="e2e-pdf-"))  # downloads, the tampered copy, the signer's certificate


@pytest.fixture(scope="module", autouse=True)
def work_folder():
    yield WORK
    shutil.rmtree(WORK, ignore_errors=True)


def need(*keys: str) -> None:
    missing = [key for key in keys if key not in STATE]
    if missing:
        pytest.skip(f"an earlier step failed (no {', '.join(missing)})")


# --- Tools -------------------------------------------------------------------------------------------

def fetch(path: str, driver=None) -> tuple[int, dict[str, str], bytes]:
    """GET with the browser's session cookies (the person's own session), or as a stranger without `driver`."""
    headers = {}
    if driver is not None:
        headers["Cookie"] = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(path if path.startswith("http") else BASE_URL + path, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def run(*command: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=60, **kw)


def academy(*arguments: str) -> subprocess.CompletedProcess:
    """`academy certificates verify …` as an HR officer runs it, from an empty folder (no ./data, no config)."""
    binary = os.environ.get("E2E_ACADEMY_BIN") or os.environ.get("ACADEMY_BIN") or str(ROOT / ".build/debug/academy")
    assert Path(binary).is_file(), f"no academy binary at {binary}: run the tests with run.sh"
    folder = tempfile.mkdtemp(prefix="cli-", dir=WORK)
    result = run(binary, "certificates", "verify", *arguments, cwd=folder)
    print(f"$ academy certificates verify {' '.join(arguments)}  → exit {result.returncode}")
    print(result.stdout + result.stderr)
    return result


def pdfsig(pdf: Path) -> str:
    result = run("pdfsig", str(pdf))
    print(f"$ pdfsig {pdf.name}  → exit {result.returncode}\n{result.stdout}{result.stderr}")
    return result.stdout + result.stderr


def pyhanko(pdf: Path, signer_pem: bytes):
    """pyHanko's validation of the only signature, with the signer's certificate as the only trust anchor."""
    from pyhanko.keys import load_certs_from_pemder_data
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext
    anchor = list(load_certs_from_pemder_data(signer_pem))[0]
    with pdf.open("rb") as handle:
        reader = PdfFileReader(handle, strict=False)
        signatures = reader.embedded_signatures
        assert len(signatures) == 1, f"{pdf.name}: {len(signatures)} signatures"
        signature = signatures[0]
        status = validate_pdf_signature(signature, ValidationContext(trust_roots=[anchor]))
        print(status.pretty_print_details())
        embedded = _embedded_files(reader)
        widget = signature.sig_field
        facts = {
            "subfilter": str(signature.sig_object.get("/SubFilter")),
            "signed_attrs": [a["type"].native for a in signature.signer_info["signed_attrs"]],
            "digest": signature.signer_info["digest_algorithm"]["algorithm"].native,
            "certs": [c.chosen.dump() for c in signature.signed_data["certificates"]],
            "signer": signature.signer_cert.dump(),
            "anchor": anchor.dump(),
            "files": embedded,
            "rect": [float(x) for x in widget.get("/Rect", [0, 0, 0, 0])],
            "appearance": "/AP" in widget,
            "fields": len(reader.root["/AcroForm"]["/Fields"]),
        }
    return status, facts


def _embedded_files(reader) -> dict[str, bytes]:
    names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    return {str(names[i]): names[i + 1]["/EF"]["/F"].data for i in range(0, len(names), 2)}


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def upload(driver, pdf: Path) -> str:
    """The public verify page, as a person checks a file they were sent: choose it, press "Kiểm tra"."""
    go(driver, "/verify")
    find(driver, "input#file[type=file][name=file]").send_keys(str(pdf))
    tap(driver, button(driver, "Kiểm tra"))
    wait_for(driver, lambda d: find_all(d, "section.verdict"), "the verify page never gave a verdict")
    return body_text(driver)


# --- The journeys ------------------------------------------------------------------------------------

def test_official_downloads_the_signed_pdf(browsers):
    slips = import_officials("username,full_name,commune,position,course\n"
                             f"{USERNAME},{NAME},{COMMUNE},{POSITION},{COURSE}\n")
    official = browsers("official")
    sign_in(official, USERNAME, slips[USERNAME])
    change_first_password(official, slips[USERNAME], PASSWORD)
    # Every lesson read (as the course's completion asks), with the official's own session, then the final test.
    status, _, page = fetch(f"/courses/{COURSE}", official)
    assert status == 200
    lessons = list(dict.fromkeys(re.findall(rf'href="/courses/{COURSE}/([a-z0-9-]+)"', page.decode())))
    assert len(lessons) >= 10, lessons
    for slug in lessons:
        assert fetch(f"/courses/{COURSE}/{slug}", official)[0] == 200, slug
    token = api_token(USERNAME, PASSWORD)
    status, started = api("POST", f"/courses/{COURSE}/quizzes/{FINAL}/attempts", token=token)
    assert status == 201, (status, started)
    key = answer_key(FINAL)
    answers = {q["id"]: right_answer(key[q["id"]]) for q in started["questions"]}
    status, graded = api("POST", f"/attempts/{started['attempt_id']}/submission", token=token,
                         body={"answers": answers})
    assert status == 200 and graded["passed"] and graded["certificate_code"], (status, graded)
    code = graded["certificate_code"]

    # "My certificates": the PDF button, on screen at 360 px.
    go(official, "/certificates")
    wait_text(official, code)
    buttons = [a for a in find_all(official, "a.button[download]") if a.text.strip() == PDF_LABEL]
    assert len(buttons) == 1, [a.text for a in find_all(official, "a.button[download]")]
    href = buttons[0].get_attribute("href")
    assert href == f"{BASE_URL}/v/{code}.pdf?download=1", href
    official.execute_script("arguments[0].scrollIntoView({block: 'center'});", buttons[0])
    shot(official, "P01-phone-my-certificates-pdf-button")
    fits_width(official)

    # Downloaded with the session: an attachment named after the code. The public address shows it inline.
    pdf = WORK / f"{code}.pdf"
    for _ in range(50):  # made off the event loop when the certificate is issued: give it a moment
        status, headers, data = fetch(href, official)
        if status == 200:
            break
        time.sleep(0.2)
    assert status == 200, (status, data[:300])
    assert headers["content-type"].startswith("application/pdf"), headers
    assert headers.get("content-disposition", "").startswith("attachment") and f"{code}.pdf" in \
        headers["content-disposition"], headers
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), data[:20]
    pdf.write_bytes(data)
    status, headers, inline = fetch(f"/v/{code}.pdf")
    assert status == 200 and headers.get("content-disposition", "").startswith("inline"), headers
    assert inline == data, "the inline and the downloaded PDF differ"
    print(f"PDF: {len(data)} bytes ({len(data) / 1024:.1f} KB; the issue aims at ≤ 60 KB)")

    # The same button on the verify page and on the printable page; the verify page names the signing key.
    for path in (f"/v/{code}", f"/certificates/{code}"):
        go(official, path)
        links = [a.get_attribute("href") for a in find_all(official, "a[download]") if a.text.strip() == PDF_LABEL]
        assert links == [href], (path, links)
    go(official, f"/v/{code}")
    kid = official.execute_script("""
        const dt = [...document.querySelectorAll('dl.facts dt')].find(d => d.textContent.trim() === 'Khóa ký');
        return dt ? dt.nextElementSibling.textContent.trim() : null;""")
    assert kid, "the verify page does not name the signing key (Khóa ký)"
    STATE.update(code=code, pdf=pdf, kid=kid)


def test_independent_tools_accept_the_signature(browsers):
    need("pdf")
    code, pdf, kid = STATE["code"], STATE["pdf"], STATE["kid"]
    verify_url = f"{BASE_URL}/v/{code}"

    # The signer's certificate, by the kid of the JWT header and of the verify page.
    status, _, jwt = fetch(f"/v/{code}.jwt")
    assert status == 200
    header = json.loads(_b64url(jwt.split(b".")[0]))
    assert header["kid"] == f"{BASE_URL}/keys/{kid}", (header, kid)
    status, headers, crt = fetch(f"/keys/{kid}.crt")
    assert status == 200 and crt.startswith(b"-----BEGIN CERTIFICATE-----"), (status, headers, crt[:80])
    (WORK / f"{kid}.crt").write_bytes(crt)
    STATE["crt"] = WORK / f"{kid}.crt"

    # One A4 portrait page.
    assert [(round(w), round(h)) for w, h in pdf_pages(pdf)] == [(595, 842)], pdf_pages(pdf)

    # poppler: the signature is listed, valid, covers the whole document, as PAdES.
    listing = pdfsig(pdf)
    assert listing.count("Signature #") == 1, listing
    assert "Signature Validation: Signature is Valid." in listing, listing
    assert "Total document signed" in listing, listing
    assert "Signature Type: ETSI.CAdES.detached" in listing, listing
    assert "Signing Hash Algorithm: SHA-256" in listing, listing

    # pyHanko, trusting nothing but /keys/{kid}.crt.
    status, facts = pyhanko(pdf, crt)
    assert status.intact and status.valid and status.trusted, status.pretty_print_details()
    assert status.coverage.name == "ENTIRE_FILE", status.coverage
    assert status.bottom_line, status.pretty_print_details()
    assert status.md_algorithm == "sha256" and facts["digest"] == "sha256", (status.md_algorithm, facts["digest"])
    assert "rsa" in status.pkcs7_signature_mechanism, status.pkcs7_signature_mechanism
    assert facts["subfilter"] == "/ETSI.CAdES.detached", facts["subfilter"]
    assert set(facts["signed_attrs"]) == PADES_ATTRS and len(facts["signed_attrs"]) == 3, facts["signed_attrs"]
    assert facts["signer"] == facts["anchor"] and facts["anchor"] in facts["certs"], "signer's certificate not embedded"
    assert facts["fields"] == 1, f"{facts['fields']} form fields: one signature expected"
    x1, y1, x2, y2 = facts["rect"]
    assert facts["appearance"] and x2 - x1 > 50 and y2 - y1 > 20, f"no visible signature widget: {facts['rect']}"

    # The Open Badge VC-JWT rides along, byte for byte the one the site serves.
    assert list(facts["files"]) == [f"{code}.jwt"], list(facts["files"])
    assert facts["files"][f"{code}.jwt"].strip() == jwt.strip(), "the attached .jwt differs from /v/{code}.jwt"

    # The text: every Vietnamese letter given back as written (NFC), in the administrative layout.
    text = run("pdftotext", str(pdf), "-").stdout
    flat = words(text)
    assert NAME in text and unicodedata.normalize("NFD", NAME) not in text, "the holder's name is not given back"
    assert unicodedata.is_normalized("NFC", text), "pdftotext's text is not NFC"
    number = re.search(r"Số: (\d+)/GXN", flat)
    assert number and int(number.group(1)) >= 1, flat[:400]
    today = datetime.now(VIETNAM)
    for wanted in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "HỌC VIỆN CẤP XÃ",
                   "GIẤY XÁC NHẬN HOÀN THÀNH KHÓA HỌC", f"Ông/Bà: {NAME}", f"Chức vụ: {POSITION}",
                   f"Đơn vị: xã {COMMUNE}, tỉnh Tuyên Quang", "Thời lượng: 8 giờ", "Kết quả: Đạt — ",
                   "Tuyên Quang, ngày ", "GIÁM ĐỐC", "Đã ký số", "Ký bởi: ", "Thời gian ký: ",
                   f"Mã xác nhận: {code}", verify_url):
        assert wanted in flat, f"{wanted!r} not in the PDF's text:\n{text}"
    assert re.search(r"Kết quả: Đạt — .*100\s?%", flat), flat
    date = rf"Tuyên Quang, ngày 0?{today.day} tháng 0?{today.month} năm {today.year}"
    assert re.search(date, flat), flat
    STATE["register_number"] = int(number.group(1))

    # The picture: at 60 dpi for people to look at, at 200 dpi for the QR reader.
    run("pdftoppm", "-r", "60", "-png", "-singlefile", str(pdf), str(SHOTS / "certificate-pdf"))
    assert (SHOTS / "certificate-pdf.png").is_file()
    run("pdftoppm", "-r", "200", "-png", "-singlefile", str(pdf), str(WORK / "qr"))
    decoded = decode_qr(WORK / "qr.png")
    if decoded is not None:
        assert decoded == verify_url, f"the QR code says {decoded!r}"

    # Our own checks agree: the command line (with the downloaded .crt; with the server's data folder) …
    result = academy(str(pdf), "--cert", str(STATE["crt"]))
    assert result.returncode == 0 and "✓ VALID" in result.stdout, result.stdout + result.stderr
    assert "not revoked" in result.stdout and f"checked online at {BASE_URL}" in result.stdout, result.stdout
    if os.environ.get("E2E_DATA"):
        result = academy(str(pdf), "--data", os.environ["E2E_DATA"])
        assert result.returncode == 0 and "✓ VALID" in result.stdout, result.stdout + result.stderr
    result = academy(str(pdf), "--cert", str(STATE["crt"]), "--offline")
    assert result.returncode == 2 and "VALID" not in result.stdout.replace("✓ the signature is sound", ""), \
        result.stdout + result.stderr
    # … and the verify page, given the file on a phone.
    visitor = browsers("visitor")
    said = upload(visitor, pdf)
    assert "Chứng nhận hợp lệ" in said and NAME in said, said[:800]
    assert "Tệp PDF: chữ ký số còn nguyên vẹn, phủ toàn bộ tệp; người ký: " in said, said[:800]
    shot(visitor, "P02-phone-verify-pdf-valid")
    fits_width(visitor)
    STATE["checked"] = True


def test_one_changed_byte_fails_every_check(browsers):
    need("checked", "crt")
    pdf, crt = STATE["pdf"], STATE["crt"]
    data = bytearray(pdf.read_bytes())
    start, length, second, _ = (int(x) for x in re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]",
                                                          data).groups())
    assert start == 0
    # A byte of the page's content stream (the first stream of the file), well inside the first signed range.
    stream = re.search(rb"stream\r?\n", data).end()
    where = stream + 40
    assert where < length, (where, length)
    data[where] ^= 0x01
    tampered = WORK / "tampered.pdf"
    tampered.write_bytes(bytes(data))

    listing = pdfsig(tampered)
    assert "Signature is Valid" not in listing, listing
    assert re.search(r"Signature Validation: (Digest Mismatch|Signature is Invalid)", listing), listing
    status, _ = pyhanko(tampered, crt.read_bytes())
    # intact: the byte range's digest matches message-digest; valid only says the signed attributes are signed.
    assert not status.intact and not status.bottom_line, status.pretty_print_details()

    visitor = browsers("visitor")
    said = upload(visitor, tampered)
    assert "Chứng nhận không hợp lệ" in said and "Chứng nhận hợp lệ" not in said, said[:800]
    assert "Tệp PDF đã bị sửa sau khi ký" in said, said[:800]
    shot(visitor, "P03-phone-verify-pdf-tampered")
    fits_width(visitor)

    result = academy(str(tampered), "--cert", str(crt))
    assert result.returncode == 1 and "✓ VALID" not in result.stdout, result.stdout + result.stderr
    STATE["tampered"] = True


def test_revoked_pdf_is_still_signed_but_revoked(browsers):
    need("checked", "crt")
    code, pdf, crt = STATE["code"], STATE["pdf"], STATE["crt"]
    hr = browsers("hr")
    sign_in(hr, *HR)
    go(hr, f"/admin/certificates?q={code}")
    rows = find_all(hr, "table.data tbody tr")
    assert len(rows) == 1 and code in rows[0].text, [r.text for r in rows]
    pdf_link = [a for a in find_all(rows[0], "a[download]") if a.text.strip() == "PDF"]
    assert pdf_link and pdf_link[0].get_attribute("href") == f"{BASE_URL}/v/{code}.pdf?download=1", \
        [a.get_attribute("href") for a in find_all(rows[0], "a")]
    find(hr, f"#reason-{code}").send_keys(REASON)
    click(hr, find(rows[0], "input[name=confirm]"))
    click(hr, button(rows[0], "Thu hồi"))
    wait_text(hr, "Đã thu hồi chứng nhận.")

    # The signature does not change: pyHanko still finds the same file intact, valid and trusted.
    status, _ = pyhanko(pdf, crt.read_bytes())
    assert status.intact and status.valid and status.trusted and status.bottom_line, status.pretty_print_details()
    listing = pdfsig(pdf)
    assert "Signature Validation: Signature is Valid." in listing, listing

    # Ours say revoked: the verify page given the file, and the command line (online, at the credential's site).
    visitor = browsers("visitor")
    said = upload(visitor, pdf)
    assert "Chứng nhận đã bị thu hồi" in said and "Chứng nhận hợp lệ" not in said, said[:800]
    shot(visitor, "P04-phone-verify-pdf-revoked")
    fits_width(visitor)
    for arguments in (("--cert", str(crt)), ("--data", os.environ.get("E2E_DATA", ""))):
        if not arguments[1]:
            continue
        result = academy(str(pdf), *arguments)
        assert result.returncode == 1 and "REVOKED" in result.stdout and "✓ VALID" not in result.stdout, \
            result.stdout + result.stderr
    STATE["revoked"] = True


def test_hr_downloads_the_certificates_of_a_commune(browsers):
    need("pdf")
    code, pdf = STATE["code"], STATE["pdf"]
    hr = browsers("hr")
    if "revoked" not in STATE:  # the revoking step did not sign HR in
        sign_in(hr, *HR)
    go(hr, "/admin/certificates")
    wait_text(hr, "Tải giấy xác nhận của một xã, phường")
    commune = Select(find(hr, "#commune"))
    choice = [o for o in commune.options if COMMUNE in o.text]
    assert len(choice) == 1, [o.text for o in commune.options][:20]
    commune.select_by_visible_text(choice[0].text)
    course = Select(find(hr, "#export-course"))
    course.select_by_value(COURSE)
    form = find(hr, "form[action='/admin/certificates/export']")
    submit = find(form, "button[type=submit]")
    hr.execute_script("arguments[0].scrollIntoView({block: 'center'});", form)
    shot(hr, "P05-phone-hr-commune-export-form")
    fits_width(hr)

    # The browser's own download, into a folder of ours.
    downloads = Path(tempfile.mkdtemp(prefix="zip-", dir=WORK))
    hr.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    url = hr.execute_script("const f = arguments[0]; return f.action + '?' + new URLSearchParams(new FormData(f))",
                            form)
    tap(hr, submit)
    wait_for(hr, lambda d: [p for p in downloads.iterdir() if p.suffix == ".zip"], "the ZIP was never downloaded", 30)
    browser_zip = next(p for p in downloads.iterdir() if p.suffix == ".zip")

    # The same address fetched with HR's session.
    status, headers, data = fetch(url, hr)
    assert status == 200 and headers["content-type"].startswith("application/zip"), (status, headers, data[:200])
    assert "attachment" in headers.get("content-disposition", ""), headers
    wait_for(hr, lambda d: browser_zip.stat().st_size == len(data), "the browser's ZIP is not the served one")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert {f"{code}.pdf", f"{code}.jwt", "index.csv"} <= set(names), names
        assert archive.read(f"{code}.pdf") == pdf.read_bytes(), "the ZIP's PDF differs from the downloaded one"
        assert archive.read(f"{code}.jwt").strip() == fetch(f"/v/{code}.jwt")[2].strip()
        rows = list(csv.DictReader(io.StringIO(archive.read("index.csv").decode("utf-8-sig"))))
    columns = ["code", "register_number", "register_year", "holder_name", "position", "unit", "province", "course",
               "issued_at", "status", "revoked_reason", "verify_url"]
    assert rows and list(rows[0]) == columns, list(rows[0]) if rows else "index.csv is empty"
    mine = [r for r in rows if r["code"] == code]
    assert len(mine) == 1, rows
    row = mine[0]
    assert (row["holder_name"], row["position"], row["province"]) == (NAME, POSITION, "Tuyên Quang"), row
    assert COMMUNE in row["unit"] and row["verify_url"] == f"{BASE_URL}/v/{code}", row
    assert row["register_year"] == str(datetime.now(VIETNAM).year), row
    if "register_number" in STATE:
        number = STATE["register_number"]  # as printed after "Số:", or the bare number
        assert row["register_number"] in (str(number), f"{number}/GXN"), (row, number)
    if "revoked" in STATE:
        assert row["status"] == "revoked" and row["revoked_reason"] == REASON, row
    print(f"ZIP of {COMMUNE}: {names}; index.csv row: {row}")


def _b64url(part: bytes) -> bytes:
    import base64
    return base64.urlsafe_b64decode(part + b"=" * (-len(part) % 4))
