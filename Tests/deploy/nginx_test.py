#!/usr/bin/env python3
"""HTTPS behind nginx (issue 17, point 2): Debian's nginx with Config/deploy/nginx.conf in front of `academy serve`.

Makes a throw-away self-signed certificate, writes a test copy of the site file (only the ports and the
certificate paths differ: nginx_stack.py), starts a copy of the server binary on a fresh data folder
(base_url https://127.0.0.1:18443, trusted_proxies 127.0.0.1, look-ups limited to 5 a minute) and nginx in the
foreground, then checks through nginx over HTTPS:

  * HTTP redirects to HTTPS; TLS 1.2 (sessions resumed) and 1.3 with HTTP/2 (curl speaks it), TLS 1.1 refused;
    HSTS, also on errors;
  * the web sign-in (form, CSRF cookie and token) sets the session cookie Secure, HttpOnly, SameSite=Lax;
  * compression: the server's own (brotli or gzip) on CSS, pages, JSON and SVG, passed through by nginx; the
    server's Cache-Control passes through
    (immutable only for the hashed CSS);
  * an admin imports a learner through the API, the learner changes the one-time password, takes the final test
    and submits it through the JSON API, gets a certificate; its verify page /v/CODE and its .jwt come through
    nginx, and the .jwt checks offline (`academy certificates verify`);
  * the client address the server sees is the client's: 127.0.0.2 exhausts the look-up limit (429) while
    127.0.0.3 is still served; a forged X-Forwarded-For does not free 127.0.0.2, nor a client on a trusted
    address (127.0.0.1 itself); the audit log records a failed sign-in under the client's address;
  * a body over the server's largest limit (8 MiB) gets 413 from nginx; one at the limit reaches the server;
  * nginx keeps connections to the server alive between requests; /metrics is not served through nginx.

Usage: python3 Tests/deploy/nginx_test.py --binary BINARY [--nginx NGINX] [--site FILE] [--work FOLDER]
Exit status 0 when every check holds; 1 with "FAIL: ..." otherwise. Logs stay in the work folder.
"""
import argparse
import gzip
import http.client
import json
import os
import random
import re
import shutil
import sqlite3
import ssl
import subprocess
import sys
import time
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ beside the sources
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench"))
import nginx_stack as stack  # noqa: E402
from benchlib import COURSE, FINAL, answers_for  # noqa: E402  (the bench's answer builder, from the answer key)
from nginx_stack import Failure  # noqa: E402

LOOKUP_LIMIT = 5
UPLOAD_LIMIT = 8 * 1024 * 1024  # BodyLimit.upload
ADMIN = ("proxyadmin", "proxy-test-admin-passphrase")
LEARNER = ("0911000001", "Nguyễn Thị Proxy", "first-password-123", "new-password-456")
BASE_URL = f"https://{stack.HOST}:{stack.HTTPS_PORT}"


def ok(message):
    print(f"ok    {message}", flush=True)


def expect(condition, message):
    if not condition:
        raise Failure(message)


class Checks:
    def __init__(self, cafile, binary, data):
        self.cafile, self.binary, self.data = cafile, binary, data

    def get(self, path, **options):
        return stack.request(self.cafile, "GET", path, **options)

    def api(self, method, path, token=None, body=None, expect_status=(200, 201, 204), content_type=None):
        headers = {"Accept": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        data = None
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            headers["Content-Type"] = content_type or "application/json"
        reply = stack.request(self.cafile, method, "/api/v1" + path, body=data, headers=headers)
        expect(reply.status in expect_status, f"{method} /api/v1{path}: HTTP {reply.status} {reply.body[:300]!r}")
        return json.loads(reply.body) if reply.body else None

    # ------------------------------------------------------------ transport

    def redirect(self):
        reply = stack.request(self.cafile, "GET", "/login?next=%2Fcourses", https=False)
        expect(reply.status == 301, f"http://…/login: expected 301, got {reply.status}")
        want = f"{BASE_URL}/login?next=%2Fcourses"
        expect(reply.header("Location") == want, f"redirect to {reply.header('Location')!r}, expected {want!r}")
        ok(f"HTTP :{stack.HTTP_PORT} answers 301 → {want}")

    def tls(self):
        version, alpn = stack.handshake(self.cafile, alpn=["h2", "http/1.1"])
        expect(version == "TLSv1.3", f"default handshake negotiated {version}, expected TLSv1.3")
        expect(alpn == "h2", f"ALPN chose {alpn!r}, expected h2 (HTTP/2)")
        version, _ = stack.handshake(self.cafile, minimum=ssl.TLSVersion.TLSv1_2, maximum=ssl.TLSVersion.TLSv1_2)
        expect(version == "TLSv1.2", f"a TLS 1.2 client got {version}")
        expect(stack.resumes(self.cafile), "a TLS 1.2 session was not resumed (ssl_session_cache)")
        # An old client: openssl told to offer TLS 1.1 only (at security level 0, so the refusal is nginx's).
        old = subprocess.run(
            ["openssl", "s_client", "-connect", f"{stack.HOST}:{stack.HTTPS_PORT}", "-tls1_1",
             "-cipher", "DEFAULT@SECLEVEL=0"], input="", capture_output=True, text=True, timeout=30)
        # s_client may exit 0 after a refused handshake; "Cipher is (NONE)" says none was agreed.
        expect(old.returncode != 0 or "Cipher is (NONE)" in old.stdout,
               "a TLS 1.1 handshake succeeded:\n" + old.stdout[-800:])
        curl = subprocess.run(
            ["curl", "-sS", "--http2", "--cacert", self.cafile, "-o", "/dev/null", "-D", "-",
             "-w", "version=%{http_version} status=%{http_code}", f"{BASE_URL}/login"],
            capture_output=True, text=True, timeout=30)
        expect(curl.returncode == 0, f"curl --http2 failed: {curl.stderr}")
        expect("version=2 status=200" in curl.stdout, f"curl --http2 /login: {curl.stdout[-300:]!r}")
        expect(re.search(r"(?im)^strict-transport-security: max-age=31536000", curl.stdout),
               "no HSTS header over HTTP/2:\n" + curl.stdout)
        ok("TLS 1.3 by default, TLS 1.2 accepted (its sessions resumed from the cache), TLS 1.1 refused; ALPN h2; "
           "curl --http2 GET /login → HTTP/2 200")

    def hsts(self):
        for path in ("/", "/no-such-page"):
            reply = self.get(path)
            value = reply.header("Strict-Transport-Security") or ""
            expect(value.startswith("max-age=31536000"), f"{path} ({reply.status}): HSTS header {value!r}")
        ok("Strict-Transport-Security: max-age=31536000 on a page and on a 404")

    # ------------------------------------------------------------ sign-in in a browser's way

    def web_sign_in(self):
        page = self.get("/login")
        expect(page.status == 200, f"GET /login: {page.status}")
        csrf_cookie = cookie(page, "csrf")
        expect(csrf_cookie, "GET /login set no csrf cookie")
        check_flags(csrf_cookie, "csrf")
        token = re.search(r'name="_csrf" value="([^"]+)"', page.text())
        expect(token, "no _csrf field on the sign-in form")
        form = urllib.parse.urlencode({"_csrf": token.group(1), "next": "/", "username": ADMIN[0],
                                       "password": ADMIN[1]}).encode()
        reply = stack.request(self.cafile, "POST", "/login", body=form, headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "csrf=" + csrf_cookie["value"]})
        expect(reply.status in (302, 303), f"POST /login: expected a redirect, got {reply.status} "
                                           f"{reply.text()[:300]!r}")
        session = cookie(reply, "session")
        expect(session and session["value"],
               f"POST /login set no session cookie: {reply.headers.get_all('Set-Cookie')}")
        check_flags(session, "session")
        me = self.get("/api/v1/me", headers={"Cookie": "session=" + session["value"], "Accept": "application/json"})
        expect(me.status == 200 and json.loads(me.body).get("username") == ADMIN[0],
               f"/api/v1/me with the session cookie: {me.status} {me.body[:200]!r}")
        ok("web sign-in with the CSRF token: session cookie Secure; HttpOnly; SameSite=Lax, and it works")

    # ------------------------------------------------------------ compression and caching

    def gzip_and_cache(self):
        page = self.get("/login", headers={"Accept-Encoding": "gzip"})
        href = re.search(r'href="(/css/site\.css\?v=[0-9a-f]+)"', gzip_text(page))
        expect(href, "no hashed stylesheet link on /login")
        expect(page.header("Content-Encoding") == "gzip", "the /login page came without gzip")
        expect(page.header("Cache-Control") == "no-cache", f"/login Cache-Control {page.header('Cache-Control')!r}")
        css = self.get(href.group(1), headers={"Accept-Encoding": "gzip"})
        expect(css.status == 200 and css.header("Content-Encoding") == "gzip",
               f"{href.group(1)}: {css.status}, Content-Encoding {css.header('Content-Encoding')!r}")
        with open(os.path.join(stack.ROOT, "Public", "css", "site.css"), "rb") as f:
            expect(gzip.decompress(css.body) == f.read(), "the gzipped CSS is not Public/css/site.css")
        expect("Accept-Encoding" in (css.header("Vary") or ""), f"CSS Vary {css.header('Vary')!r}")
        cache = css.header("Cache-Control") or ""
        expect("immutable" in cache and "max-age=31536000" in cache, f"hashed CSS Cache-Control {cache!r}")
        for path in ("/css/site.css?v=0123456789abcdef", "/css/site.css", "/js/quiz.js"):
            other = self.get(path, headers={"Accept-Encoding": "gzip"})
            value = other.header("Cache-Control") or ""
            expect(other.status == 200 and "immutable" not in value, f"{path}: {other.status}, Cache-Control {value!r}")
        plain = self.get(href.group(1))
        expect(plain.header("Content-Encoding") is None and plain.body == gzip.decompress(css.body),
               "a client without Accept-Encoding did not get the plain stylesheet")
        # The server compresses its own pages, JSON and SVG images (issue 18): brotli when the browser offers it
        # (browsers do over HTTPS), else gzip. nginx passes both through untouched, never compressing twice.
        compressed = []
        for path in ("/login", "/api/v1/openapi.json", f"/courses/{COURSE}/media/doc-ten-mien.svg"):
            direct = stack.direct(path, headers={"Accept-Encoding": "gzip"})
            expect(direct.status == 200 and direct.header("Content-Encoding") == "gzip",
                   f"{path} straight from the server: {direct.status}, {direct.header('Content-Encoding')!r}")
            plain = stack.direct(path)
            expect(plain.status == 200 and plain.header("Content-Encoding") is None,
                   f"{path} straight from the server without Accept-Encoding: {plain.header('Content-Encoding')!r}")
            proxied = self.get(path, headers={"Accept-Encoding": "gzip"})
            expect(proxied.status == 200 and proxied.header("Content-Encoding") == "gzip",
                   f"{path} through nginx: {proxied.status}, Content-Encoding {proxied.header('Content-Encoding')!r} "
                   f"({proxied.header('Content-Type')})")
            # The sign-in page carries a fresh CSRF token each time; the other two must come back byte for byte.
            same = (b'name="_csrf"' in gzip.decompress(proxied.body) if path == "/login"
                    else gzip.decompress(proxied.body) == plain.body)
            expect(same, f"{path}: the gzipped body is not the server's")
            brotli = self.get(path, headers={"Accept-Encoding": "gzip, deflate, br"})
            expect(brotli.status == 200 and brotli.header("Content-Encoding") == "br"
                   and "Accept-Encoding" in (brotli.header("Vary") or ""),
                   f"{path} through nginx for a browser offering br: {brotli.header('Content-Encoding')!r}, "
                   f"Vary {brotli.header('Vary')!r}")
            compressed.append(f"{path.rsplit('.', 1)[-1] if '.' in path else 'html'} "
                              f"{len(plain.body)}→{len(proxied.body)} B gzip, {len(brotli.body)} B br")
        ok(f"gzip on {href.group(1)} (the server's own, passed through: the file's bytes); pages, JSON and SVG "
           f"compressed by the server and passed through: {', '.join(compressed)}")
        ok("Cache-Control immutable only on the hashed CSS, not on a wrong ?v=, none, or /js/quiz.js "
           "(the server's headers, passed through)")

    # ------------------------------------------------------------ the learner's journey through nginx

    def journey(self):
        admin = self.api("POST", "/session", body={"username": ADMIN[0], "password": ADMIN[1]})["token"]
        username, name, first, new = LEARNER
        csv = ("username,full_name,commune,position,course,password\n"
               f"{username},{name},Thượng Lâm,Công chức Văn hóa - Xã hội,{COURSE},{first}\n").encode()
        report = self.api("POST", "/users/import", token=admin, body=csv, content_type="text/csv")
        expect(report.get("created") == 1 and not report.get("errors"), f"import report: {report}")
        ok(f"admin signed in through the API and imported learner {username} (POST /api/v1/users/import)")

        signed = self.api("POST", "/session", body={"username": username, "password": first})
        token = signed["token"]
        if signed["user"].get("must_change_password"):
            self.api("PUT", "/me/password", token=token, body={"current": first, "new": new})
        # The certificate needs every lesson read: the learner opens each lesson page (the session cookie is the
        # API token), as a browser would.
        lessons = [m["slug"] for m in self.api("GET", f"/courses/{COURSE}", token=token)["modules"] if m["has_lesson"]]
        for slug in lessons:
            page = self.get(f"/courses/{COURSE}/{slug}", headers={"Cookie": "session=" + token})
            expect(page.status == 200, f"lesson {slug}: HTTP {page.status}")
        key = self.api("GET", f"/courses/{COURSE}/quizzes/{FINAL}", token=admin)
        attempt = self.api("POST", f"/courses/{COURSE}/quizzes/{FINAL}/attempts", token=token, body={})
        answers = answers_for(attempt["questions"], key, random.Random(1), right=1.0)
        graded = self.api("POST", f"/attempts/{attempt['attempt_id']}/submission", token=token,
                          body={"answers": answers})
        code = graded.get("certificate_code")
        expect(code, f"the final test was graded without a certificate: {json.dumps(graded)[:400]}")
        ok(f"learner signed in, changed the one-time password, read {len(lessons)} lessons, submitted the final test "
           f"({len(attempt['questions'])} questions): certificate {code}")

        # From an address of its own, so the look-up limit checks below start from zero everywhere else.
        page = self.get(f"/v/{code}", source="127.0.0.4")
        expect(page.status == 200 and name in page.text(), f"/v/{code}: {page.status}, learner's name not on it")
        jwt = self.get(f"/v/{code}.jwt", source="127.0.0.4")
        expect(jwt.status == 200 and jwt.body.count(b".") == 2, f"/v/{code}.jwt: {jwt.status} {jwt.body[:100]!r}")
        path = os.path.join(os.path.dirname(self.data), f"{code}.jwt")
        with open(path, "wb") as f:
            f.write(jwt.body)
        offline = subprocess.run([self.binary, "certificates", "verify", path, "--data", self.data], cwd=stack.ROOT,
                                 capture_output=True, text=True, timeout=60)
        expect(offline.returncode == 0, f"academy certificates verify: {offline.stdout}{offline.stderr}")
        ok(f"/v/{code} shows the certificate through nginx; its .jwt verifies offline")
        return code

    # ------------------------------------------------------------ the client address the server sees

    def lookups_until_refused(self, code, source, headers=None, most=LOOKUP_LIMIT + 1):
        statuses = []
        for _ in range(most):
            statuses.append(self.get(f"/v/{code}", source=source, headers=headers).status)
            if statuses[-1] != 200:
                break
        return statuses

    def client_address(self, code):
        limit = LOOKUP_LIMIT
        statuses = self.lookups_until_refused(code, "127.0.0.2")
        expect(statuses == [200] * limit + [429],
               f"from 127.0.0.2: expected {limit} × 200 then 429, got {statuses}")
        ok(f"from 127.0.0.2: {limit} look-ups of /v/CODE served, the next refused with 429")
        other = self.get(f"/v/{code}", source="127.0.0.3")
        expect(other.status == 200, f"from 127.0.0.3 after 127.0.0.2 was refused: {other.status} "
                                    "(the server counts the proxy's address, not the client's)")
        ok("from 127.0.0.3 at the same moment: 200 (each client has its own count, not the proxy's)")
        for forged in ("1.2.3.4", "127.0.0.3", "1.2.3.4, 5.6.7.8"):
            reply = self.get(f"/v/{code}", source="127.0.0.2", headers={"X-Forwarded-For": forged})
            expect(reply.status == 429, f"127.0.0.2 with a forged X-Forwarded-For: {forged}: {reply.status}, "
                                        "expected 429")
        ok("127.0.0.2 sending X-Forwarded-For 1.2.3.4 (and others): still 429")
        # A client on an address that is itself a trusted proxy (127.0.0.1): only a replaced header stops it from
        # naming another client; an appended one ("1.2.3.4, 127.0.0.1") would be walked past its trusted hop.
        statuses = self.lookups_until_refused(code, "127.0.0.1")
        expect(statuses == [200] * limit + [429], f"from 127.0.0.1: expected {limit} × 200 then 429, got {statuses}")
        for index in range(3):
            forged = f"198.51.100.{index + 1}"
            reply = self.get(f"/v/{code}", source="127.0.0.1", headers={"X-Forwarded-For": forged})
            expect(reply.status == 429, f"127.0.0.1 (a trusted address) with X-Forwarded-For: {forged}: "
                                        f"{reply.status}; nginx must replace the header, not append to it")
        ok("a client on the trusted address 127.0.0.1 itself cannot escape its limit with X-Forwarded-For")
        # A failed sign-in from 127.0.0.3 is audited under that address.
        stack.request(self.cafile, "POST", "/api/v1/session", source="127.0.0.3",
                      body=json.dumps({"username": ADMIN[0], "password": "wrong"}).encode(),
                      headers={"Content-Type": "application/json", "X-Forwarded-For": "203.0.113.9"})
        db = sqlite3.connect(f"file:{os.path.join(self.data, 'academy.sqlite')}?mode=ro", uri=True, timeout=30)
        try:
            address = db.execute("SELECT address FROM audit_log WHERE action = 'sign_in_failed' "
                                 "ORDER BY id DESC LIMIT 1").fetchone()
        finally:
            db.close()
        expect(address == ("127.0.0.3",),
               f"the audit log recorded the failed sign-in from {address}, expected 127.0.0.3")
        ok("a failed sign-in from 127.0.0.3 (with a forged X-Forwarded-For) is audited from 127.0.0.3")

    # ------------------------------------------------------------ limits

    def body_limit(self):
        admin = self.api("POST", "/session", body={"username": ADMIN[0], "password": ADMIN[1]})["token"]
        headers = {"Authorization": "Bearer " + admin, "Content-Type": "text/csv"}
        try:
            over = stack.request(self.cafile, "POST", "/api/v1/users/import?dry_run=true", headers=headers,
                                 declare_length=UPLOAD_LIMIT + 1, timeout=20)
        except (OSError, http.client.HTTPException) as error:
            raise Failure(f"a declared body of 8 MiB + 1 byte: no answer ({error}); nginx accepted the length and "
                          "waited for the body instead of answering 413 from the headers") from None
        expect(over.status == 413 and b"nginx" in over.body,
               f"a declared body of 8 MiB + 1 byte: {over.status} {over.body[:200]!r} (expected nginx's 413)")
        # Exactly the limit, sent whole: nginx lets it through and the server reads it (a dry run of a CSV whose
        # one row is far too long: refused by the server, not by nginx).
        head = b"username,full_name,commune,position\n"
        body = head + b"x" * (UPLOAD_LIMIT - len(head))
        at = stack.request(self.cafile, "POST", "/api/v1/users/import?dry_run=true", headers=headers, body=body)
        expect(at.status != 413 and b"nginx" not in at.body,
               f"a body of exactly 8 MiB: {at.status} {at.body[:200]!r} (expected it to reach the server)")
        expect(at.header("Content-Type") and "json" in at.header("Content-Type"),
               f"a body of exactly 8 MiB: not the server's JSON answer: {at.header('Content-Type')}")
        ok(f"8 MiB + 1 byte: 413 from nginx before any byte is read; exactly 8 MiB reaches the server ({at.status})")

    def upstream_keepalive(self):
        for _ in range(3):
            self.get("/healthz")
        count = stack.idle_upstream_connections()
        expect(count >= 1, "no connection from nginx to the server stays open between requests: upstream keep-alive "
                           "(proxy_http_version 1.1, Connection \"\", keepalive) is not working")
        ok(f"nginx keeps {count} connection(s) to the server open between requests (upstream keep-alive)")

    def metrics(self):
        reply = self.get("/metrics")
        expect(reply.status == 404, f"/metrics through nginx: {reply.status}")
        ok("/metrics through nginx: 404")


def cookie(reply, name):
    """The Set-Cookie of `name` as {"value", "flags": set of lower-case attributes, "samesite"}."""
    for line in reply.headers.get_all("Set-Cookie") or []:
        parts = [p.strip() for p in line.split(";")]
        key, _, value = parts[0].partition("=")
        if key == name:
            attributes = {p.split("=", 1)[0].lower(): (p.split("=", 1) + [""])[1] for p in parts[1:]}
            return {"value": value, "flags": set(attributes), "samesite": attributes.get("samesite", ""),
                    "line": line}
    return None


def check_flags(found, name):
    missing = {"secure", "httponly"} - found["flags"]
    expect(not missing, f"cookie {name} lacks {sorted(missing)}: {found['line']}")
    expect(found["samesite"].lower() in ("lax", "strict"), f"cookie {name} SameSite={found['samesite']!r}")


def gzip_text(reply):
    body = gzip.decompress(reply.body) if reply.header("Content-Encoding") == "gzip" else reply.body
    return body.decode("utf-8", "replace")


def run(args):
    work = os.path.abspath(args.work)
    stack.clean(work)
    for port in (stack.HTTPS_PORT, stack.HTTP_PORT, stack.SERVER_PORT):
        expect(stack.port_free(port), f"port {port} on {stack.HOST} is already in use")
    binary = os.path.join(work, "academy")
    shutil.copy2(args.binary, binary)
    data = os.path.join(work, "data")
    cert, key = stack.make_certificate(work)
    ok(f"self-signed certificate for 127.0.0.1 in {work}")

    add = subprocess.run([binary, "users", "add", ADMIN[0], "--role", "admin", "--name", "Quản trị thử",
                          "--data", data], cwd=stack.ROOT, input=ADMIN[1] + "\n", capture_output=True, text=True,
                         timeout=120)
    expect(add.returncode == 0, f"academy users add: {add.stdout}{add.stderr}")
    env = {"ACADEMY_BASE_URL": BASE_URL, "ACADEMY_TRUSTED_PROXIES": "127.0.0.1",
           "ACADEMY_LOOKUP_LIMIT_PER_MINUTE": str(LOOKUP_LIMIT)}
    processes = []
    try:
        processes.append(stack.start_server(binary, data, os.path.join(work, "server.log"), env))
        ok(f"academy serve on {stack.HOST}:{stack.SERVER_PORT}, base_url {BASE_URL}, trusted_proxies 127.0.0.1, "
           f"lookup_limit_per_minute {LOOKUP_LIMIT}")
        prefix = os.path.join(work, "nginx")
        os.makedirs(prefix)
        conf = stack.write_nginx_config(prefix, cert, key, args.site)
        processes.append(stack.start_nginx(args.nginx, prefix, conf))
        version = subprocess.run([args.nginx, "-v"], capture_output=True, text=True).stderr.strip()
        ok(f"{version}: {os.path.relpath(args.site, stack.ROOT)} (test copy {prefix}/academy-site.conf) "
           f"on :{stack.HTTPS_PORT} "
           f"and :{stack.HTTP_PORT}")

        checks = Checks(cert, binary, data)
        checks.redirect()
        checks.tls()
        checks.hsts()
        checks.web_sign_in()
        checks.gzip_and_cache()
        code = checks.journey()
        checks.client_address(code)
        checks.body_limit()
        checks.upstream_keepalive()
        checks.metrics()
    except (Failure, OSError, http.client.HTTPException, subprocess.SubprocessError, ValueError,
            KeyError) as error:
        print(f"FAIL: {error}", flush=True)
        print(f"--- logs in {work}: server.log, nginx/error.log, nginx/access.log", flush=True)
        print("--- nginx/error.log (end):\n" + stack.tail(os.path.join(work, "nginx", "error.log"), 15), flush=True)
        print("--- server.log (end):\n" + stack.tail(os.path.join(work, "server.log"), 15), flush=True)
        return 1
    finally:
        for process in reversed(processes):
            process.stop()
    print("PASS: HTTPS behind nginx", flush=True)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True, help="the academy release binary (copied into the work folder)")
    parser.add_argument("--nginx", default=shutil.which("nginx") or "/usr/sbin/nginx")
    parser.add_argument("--site", default=stack.SITE, help="the site file to test (default: %(default)s)")
    parser.add_argument("--work", default="/tmp/academy-proxy-test",
                        help="work folder, emptied first (default: %(default)s)")
    args = parser.parse_args()
    started = time.time()
    status = run(args)
    print(f"({time.time() - started:.0f} s)")
    sys.exit(status)


if __name__ == "__main__":
    main()
