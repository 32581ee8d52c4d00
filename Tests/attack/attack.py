#!/usr/bin/env python3
"""`make attack`: the hostile loads of issue 13, one at a time, against a real server on 127.0.0.1.

For each load a fresh `academy serve` (same data folder) is started, and while the load runs:
  * a learner signs in, opens a lesson, starts a quiz attempt, saves every answer, submits, signs out — again
    and again — and the latency of each of its requests is recorded;
  * /healthz is asked every 0.5 s on a new connection (a failure or an answer slower than 2 s = not up);
  * the server's VmRSS/VmHWM are read from /proc every 100 ms. A server that dies is reported and started
    again at once, so the rest of the load (and every later load) is still measured. A server whose memory
    passes --memory-guard-mib is killed by this script (reported as such), so a ZIP bomb cannot take the
    shared machine with it.
At the end: one line per load and PASS/FAIL against the aims (up throughout, peak RSS < 400 MB, learner
p99 < 1 s, no 5xx, and each load's expected outcome); the exit status is 1 on FAIL.

Source addresses: every client binds its own 127.x.y.z address (all of 127/8 is loopback on Linux), so the
per-address sign-in throttle that the attacks trip never locks out the learner or the probe.
Everything talks only to 127.0.0.1; every loop is bounded in count and time; the server is stopped by this
script even on Ctrl-C or an exception.
"""
import argparse
import errno
import http.client
import json
import os
import random
import re
import selectors
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "bench"))
from benchlib import (  # noqa: E402
    COURSE, HOST, LESSON_PATH, MODULE_QUIZZES, ROOT, Server, answers_for, load_average, log, raise_nofile,
    stable_binary)

# Aims of issue 13.
AIM_RSS_MB = 400
AIM_P99_S = 1.0
PROBE_TIMEOUT_S = 2.0

# Who connects from where (see the module docstring).
LEARNER_ADDR = "127.0.0.2"
PROBE_ADDR = "127.0.0.3"
SETUP_ADDR = "127.0.0.4"
ATTACK_ADDR = "127.0.0.10"
STAFF_ADDR = "127.0.0.11"

INT_MAX = 9223372036854775807
INT_MIN = -9223372036854775808
MIB = 1024 * 1024
LEARNER_QUIZ = MODULE_QUIZZES[0]
OTHER_QUIZ = MODULE_QUIZZES[1]


def mb(kib):
    """KiB (as /proc reports them) to MB (10^6 bytes), the unit of the aim."""
    return kib * 1024 / 1e6


def snippet(body):
    """What an error answer says: the JSON error code, or the text of the error page's message."""
    try:
        return "code " + json.loads(body)["error"]["code"]
    except (ValueError, KeyError, TypeError):
        pass
    text = body.decode("utf-8", "replace")
    match = re.search(r'<section class="error">(.*?)</section>', text, re.S) or \
        re.search(r'role="alert">(.*?)</', text, re.S) or re.search(r"<title>(.*?)</title>", text, re.S)
    found = re.sub(r"<[^>]+>", " ", match.group(1)) if match else text[:80]
    return " ".join(found.split())[:100]


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]


class Stop(Exception):
    pass


# ---------------------------------------------------------------- sockets the script opened

class Sockets:
    """Every socket an attack opens, so the end of a load can close them all and no thread stays blocked."""

    def __init__(self):
        self.lock = threading.Lock()
        self.open = set()

    def connect(self, port, source, timeout):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        with self.lock:
            self.open.add(sock)
        sock.settimeout(timeout)
        sock.bind((source, 0))
        sock.connect((HOST, port))
        return sock

    def close(self, sock):
        with self.lock:
            self.open.discard(sock)
        try:
            sock.close()
        except OSError:
            pass

    def close_all(self):
        with self.lock:
            socks, self.open = list(self.open), set()
        for sock in socks:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            try:
                sock.close()
            except OSError:
                pass


SOCKETS = Sockets()


# ---------------------------------------------------------------- HTTP clients

def call(port, method, path, body=None, headers=None, source=SETUP_ADDR, timeout=10):
    """One request on its own connection: (status, [(header, value)], body)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout, source_address=(source, 0))
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


def api(port, method, path, body=None, token=None, source=SETUP_ADDR, expect=(200, 201, 204), timeout=15):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = json.dumps(body).encode() if body is not None else None
    status, _, payload = call(port, method, "/api/v1" + path, data, headers, source, timeout)
    if expect and status not in expect:
        raise RuntimeError(f"{method} /api/v1{path}: HTTP {status} {payload[:300]!r}")
    return status, (json.loads(payload) if payload and payload[:1] in (b"{", b"[") else None)


class Raw:
    """The outcome of one raw request."""

    def __init__(self):
        self.status, self.head, self.body, self.error = 0, "", b"", None
        self.seconds = 0.0
        self.early = False  # the server answered before the whole body was sent

    def __repr__(self):
        return f"<{self.status or self.error} in {self.seconds:.2f}s>"


def raw_request(port, method, path, headers=None, body=b"", source=ATTACK_ADDR, timeout=30, chunked=False,
                chunk=256 * 1024, send_limit=None):
    """A request written by hand (bodies of any size, chunked or not, sent until the server answers or closes).

    Before each piece of the body the socket is polled: a server that answered early (413) is read, not
    written over. `send_limit` stops sending after that many body bytes and closes (an aborted upload)."""
    result = Raw()
    start = time.monotonic()
    sock = None
    try:
        sock = SOCKETS.connect(port, source, timeout)
        lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{port}"]
        for key, value in (headers or {}).items():
            lines.append(f"{key}: {value}")
        if chunked:
            lines.append("Transfer-Encoding: chunked")
        elif "Content-Length" not in (headers or {}):
            lines.append(f"Content-Length: {len(body)}")
        lines.append("Connection: close")
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        view = memoryview(body)
        sent = 0
        pending = b""
        ends_at = time.monotonic() + timeout
        sock.setblocking(False)
        poller = selectors.DefaultSelector()
        poller.register(sock, selectors.EVENT_READ | selectors.EVENT_WRITE)
        try:
            # Write only when the socket takes more, and stop as soon as the server has something to say (an early
            # 413): a server that answers and stops reading must not leave this client blocked in send().
            while sent < len(view) or pending:
                left = ends_at - time.monotonic()
                if left <= 0:
                    result.error = "timed out sending the body"
                    break
                events = poller.select(min(left, 1.0))
                if any(mask & selectors.EVENT_READ for _, mask in events):
                    result.early = sent < len(view) or bool(pending)
                    break
                if not events:
                    continue
                if not pending:
                    if send_limit is not None and sent >= send_limit:
                        return result  # aborted upload: close without reading
                    piece = view[sent:sent + chunk]
                    sent += len(piece)
                    pending = (b"%x\r\n" % len(piece) + piece.tobytes() + b"\r\n") if chunked else piece
                    if chunked and sent >= len(view):
                        pending += b"0\r\n\r\n"
                try:
                    n = sock.send(pending)
                    pending = pending[n:]
                except BlockingIOError:
                    pass
                except (BrokenPipeError, ConnectionResetError) as error:
                    result.early = True
                    result.error = type(error).__name__
                    break
            if chunked and not len(view):
                sock.sendall(b"0\r\n\r\n")
        finally:
            poller.close()
        sock.setblocking(True)
        sock.settimeout(max(0.5, ends_at - time.monotonic()))
        data = b""
        while True:
            try:
                piece = sock.recv(65536)
            except (ConnectionResetError, socket.timeout) as error:
                if not data:
                    result.error = result.error or type(error).__name__
                break
            if not piece:
                break
            data += piece
            head, sep, rest = data.partition(b"\r\n\r\n")
            if sep:
                match = re.search(rb"\r\ncontent-length:\s*(\d+)", head, re.I)
                if match and len(rest) >= int(match.group(1)):
                    break
        head, _, rest = data.partition(b"\r\n\r\n")
        if head.startswith(b"HTTP/1."):
            result.status = int(head.split(b" ", 2)[1])
            result.head, result.body, result.error = head.decode("latin-1"), rest, None
        elif not result.error:
            result.error = "closed without an answer"
    except OSError as error:
        result.error = result.error or f"{type(error).__name__}: {error}"
    finally:
        result.seconds = time.monotonic() - start
        if sock is not None:
            SOCKETS.close(sock)
    return result


class Browser:
    """A person with a browser: a cookie jar, the CSRF token read from the page's hidden field."""

    def __init__(self, port, source):
        self.port, self.source, self.jar = port, source, {}

    def request(self, method, path, form=None, body=None, headers=None, timeout=30):
        headers = dict(headers or {})
        if self.jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.jar.items())
        if form is not None:
            from urllib.parse import urlencode
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        status, got, payload = call(self.port, method, path, body, headers, self.source, timeout)
        for key, value in got:
            if key.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookie_value = rest.split(";", 1)[0]
                if "max-age=0" in value.lower() or not cookie_value:
                    self.jar.pop(name, None)
                else:
                    self.jar[name] = cookie_value
        return status, got, payload

    def csrf(self, path):
        status, _, page = self.request("GET", path)
        match = re.search(rb'name="_csrf" value="([^"]*)"', page)
        if match:
            return match.group(1).decode()
        if "csrf" in self.jar:
            return self.jar["csrf"]
        raise RuntimeError(f"no CSRF token on {path} (HTTP {status})")

    def sign_in(self, username, password):
        token = self.csrf("/login")
        status, _, _ = self.request("POST", "/login", form={"username": username, "password": password,
                                                           "_csrf": token})
        if status not in (302, 303) or "session" not in self.jar:
            raise RuntimeError(f"form sign-in of {username} failed: HTTP {status}")


# ---------------------------------------------------------------- the server, watched

class Watched:
    """The server of one load: started, watched every 100 ms (memory, life), started again when it dies."""

    def __init__(self, binary, data, port, log_path, env, guard_mib):
        self.binary, self.data, self.port, self.log_path, self.env = binary, data, port, log_path, env
        self.guard_kib = guard_mib * 1024
        self.server = None
        self.lock = threading.RLock()
        self.deaths = []          # (seconds into the load, cause)
        self.peak_kib = 0
        self.t0 = time.monotonic()
        self.max_restarts = 40

    def start(self):
        with self.lock:
            self.server = Server(self.binary, self.data, self.port, self.log_path, env=self.env).start(timeout=120)
            self.t0 = time.monotonic()
            return self

    def sample(self):
        """One look at the server: its memory, whether it is alive; kills it over the guard; restarts it dead."""
        with self.lock:
            server = self.server
            if server is None:
                return
            memory = server.memory()
            rss, hwm = memory.get("VmRSS", 0) * 1024, memory.get("VmHWM", 0) * 1024
            self.peak_kib = max(self.peak_kib, rss, hwm)
            if server.proc.poll() is None and rss > self.guard_kib:
                server.kill9()
                self.deaths.append((time.monotonic() - self.t0,
                                    f"killed by this script's memory guard at {mb(rss):.0f} MB"))
            elif server.proc.poll() is not None:
                code = server.proc.returncode
                try:
                    cause = f"died: signal {signal.Signals(-code).name}" if code < 0 else f"died: exit {code}"
                except ValueError:
                    cause = f"died: status {code}"
                self.deaths.append((time.monotonic() - self.t0, cause))
            else:
                return
            self.server = None
            if len(self.deaths) > self.max_restarts:
                return
            try:
                self.server = Server(self.binary, self.data, self.port, self.log_path, env=self.env).start(timeout=120)
            except RuntimeError as error:
                self.deaths.append((time.monotonic() - self.t0, f"restart failed: {error}"))

    def alive(self):
        with self.lock:
            return self.server is not None and self.server.proc.poll() is None

    def ensure_up(self):
        """Called by an attack between its requests: notices a death at once (and restarts)."""
        self.sample()
        return self.alive()

    def stop(self):
        with self.lock:
            if self.server is not None:
                self.sample()
            if self.server is not None:
                # SIGTERM, then SIGKILL after 5 s: a server still chewing on an attack need not finish it.
                self.server.stop(timeout=5)
                self.server = None


class Monitor:
    """The three watchers of a load: memory sampler, /healthz probe, learner."""

    def __init__(self, watched, port, learner, key, rng):
        self.watched, self.port, self.learner, self.key, self.rng = watched, port, learner, key, rng
        self.halt = threading.Event()
        self.probes = []      # (t, ok, seconds, detail)
        self.learner_log = []  # (t, name, status, seconds, error)
        self.retries = 0      # requests sent again because the server had closed the kept-alive connection
        self.threads = [threading.Thread(target=f, daemon=True) for f in (self.sampler, self.prober, self.learn)]

    def start(self):
        for thread in self.threads:
            thread.start()
        return self

    def finish(self):
        self.halt.set()
        for thread in self.threads:
            thread.join(timeout=20)

    def now(self):
        return time.monotonic() - self.watched.t0

    def sampler(self):
        for _ in range(100_000):
            if self.halt.wait(0.1):
                return
            self.watched.sample()

    def prober(self):
        for _ in range(10_000):
            started = time.monotonic()
            t = self.now()
            try:
                status, _, _ = call(self.port, "GET", "/healthz", source=PROBE_ADDR, timeout=PROBE_TIMEOUT_S)
                took = time.monotonic() - started
                self.probes.append((t, status == 200 and took <= PROBE_TIMEOUT_S, took, f"HTTP {status}"))
            except (OSError, http.client.HTTPException) as error:
                self.probes.append((t, False, time.monotonic() - started, type(error).__name__))
            if self.halt.wait(max(0.0, 0.5 - (time.monotonic() - started))):
                return

    def learn(self):
        """Sign in, open the lesson, start an attempt, save each answer, submit, sign out; again, until stopped."""
        username, password = self.learner
        for _ in range(10_000):
            if self.halt.is_set():
                return
            try:
                self.cycle(username, password)
            except Stop:
                pass
            if self.halt.wait(0.2):
                return

    def timed(self, conn_box, name, method, path, body=None, headers=None, ok=(200, 201, 204, 303)):
        if self.halt.is_set():
            raise Stop
        started = time.monotonic()
        t = self.now()
        for attempt in range(2):
            conn = conn_box.get("conn")
            reused = conn is not None
            if conn is None:
                conn = conn_box["conn"] = http.client.HTTPConnection(HOST, self.port, timeout=10,
                                                                     source_address=(LEARNER_ADDR, 0))
            try:
                conn.request(method, path, body=body, headers=headers or {})
                response = conn.getresponse()
                payload = response.read()
                break
            except (OSError, http.client.HTTPException) as error:
                conn.close()
                conn_box["conn"] = None
                # A kept-alive connection the server closed before answering is tried again on a new one, as
                # browsers do; any other failure counts.
                if attempt == 0 and reused and isinstance(error, (http.client.RemoteDisconnected, BrokenPipeError,
                                                                  ConnectionResetError)):
                    self.retries += 1
                    continue
                self.learner_log.append((t, name, 0, time.monotonic() - started, type(error).__name__))
                raise Stop
        took = time.monotonic() - started
        self.learner_log.append((t, name, response.status, took, None if response.status in ok else "unexpected"))
        if response.status not in ok:
            raise Stop
        return payload

    def cycle(self, username, password):
        box = {}
        try:
            json_headers = {"Content-Type": "application/json"}
            body = json.dumps({"username": username, "password": password}).encode()
            token = json.loads(self.timed(box, "sign-in", "POST", "/api/v1/session", body, json_headers))["token"]
            auth = dict(json_headers, Authorization="Bearer " + token)
            self.timed(box, "lesson", "GET", LESSON_PATH, headers={"Cookie": "session=" + token})
            started = json.loads(self.timed(box, "start", "POST",
                                            f"/api/v1/courses/{COURSE}/quizzes/{LEARNER_QUIZ}/attempts", b"{}", auth))
            answers = answers_for(started["questions"], self.key, self.rng)
            for question, answer in list(answers.items())[:20]:
                self.timed(box, "save", "PUT", f"/api/v1/attempts/{started['attempt_id']}/answers/{question}",
                           json.dumps(answer).encode(), auth)
            self.timed(box, "submit", "POST", f"/api/v1/attempts/{started['attempt_id']}/submission", b"{}", auth)
            self.timed(box, "sign-out", "DELETE", "/api/v1/session", None, auth)
        finally:
            if box.get("conn"):
                box["conn"].close()


# ---------------------------------------------------------------- a load's result

class Result:
    def __init__(self, name, title):
        self.name, self.title = name, title
        self.checks = []   # (ok, text)
        self.notes = []
        self.attack_statuses = {}
        self.attack_5xx = 0
        self.error = None

    def check(self, ok, text):
        self.checks.append((bool(ok), text))
        log(("  ok   " if ok else "  FAIL ") + text)

    def note(self, text):
        self.notes.append(text)
        log("  " + text)

    def saw(self, status):
        key = str(status) if status else "no answer"
        self.attack_statuses[key] = self.attack_statuses.get(key, 0) + 1
        if status >= 500:
            self.attack_5xx += 1

    def summarise(self, monitor, watched, log_5xx):
        probes = monitor.probes
        self.probe_failures = sum(1 for p in probes if not p[1])
        self.probe_worst = max((p[2] for p in probes), default=None)
        self.probes = len(probes)
        self.deaths = watched.deaths
        self.up = self.probe_failures == 0 and not self.deaths and len(probes) > 0
        self.peak_mb = mb(watched.peak_kib)
        ok = [r[3] for r in monitor.learner_log if r[2] and r[4] is None]
        self.learner_n = len(monitor.learner_log)
        self.learner_errors = sum(1 for r in monitor.learner_log if r[4] is not None)
        self.learner_5xx = sum(1 for r in monitor.learner_log if r[2] >= 500)
        self.learner_error_kinds = {}
        for r in monitor.learner_log:
            if r[4] is not None:
                kind = f"{r[1]} {r[2] or r[4]}"
                self.learner_error_kinds[kind] = self.learner_error_kinds.get(kind, 0) + 1
        # A request that failed or timed out counts at the time it took (at least its 10 s timeout, usually).
        every = [r[3] for r in monitor.learner_log]
        self.p50, self.p99, self.max = percentile(every, 50), percentile(every, 99), max(every, default=None)
        self.learner_cycles = sum(1 for r in monitor.learner_log if r[1] == "submit" and r[4] is None)
        self.learner_ok = len(ok)
        self.learner_retries = monitor.retries
        self.log_5xx = log_5xx
        self.fivexx = self.attack_5xx + self.learner_5xx + log_5xx
        self.passed = (self.up and self.peak_mb < AIM_RSS_MB and self.p99 is not None and self.p99 < AIM_P99_S
                       and self.learner_errors == 0 and self.fivexx == 0 and all(c[0] for c in self.checks)
                       and self.error is None)

    def line(self):
        up = "yes" if self.up else f"NO ({self.probe_failures}/{self.probes} probes failed, {len(self.deaths)} deaths)"
        lat = "-" if self.p99 is None else f"{self.p50:.3f}/{self.p99:.3f}/{self.max:.3f}"
        failed = sum(1 for c in self.checks if not c[0])
        return (f"{self.name:<12} {up:<34} {self.peak_mb:>7.0f} {lat:>20} {self.learner_n:>5} {self.learner_errors:>4} "
                f"{self.fivexx:>4} {len(self.checks) - failed:>3}/{len(self.checks):<3} {'PASS' if self.passed else 'FAIL'}")


# ---------------------------------------------------------------- the loads

class Attack:
    def __init__(self, args, port, data, courses, log_path, accounts, tokens, key, extra):
        self.args, self.port, self.data, self.courses, self.log_path = args, port, data, courses, log_path
        self.accounts, self.tokens, self.key, self.extra = accounts, tokens, key, extra
        self.deadline = 0

    def remaining(self):
        return self.deadline - time.monotonic()

    # 0. nothing: the learner at rest, for comparison.
    def baseline(self, result, watched):
        time.sleep(max(0, self.remaining()))

    # 1. numbers: overflow, negative, huge, on every route that reads one.
    def overflow(self, result, watched):
        hr, trainer, admin = (self.tokens[r] for r in ("hr", "trainer", "admin"))
        pages = [str(INT_MAX), str(INT_MAX // 200 + 2), str(INT_MAX // 50 + 2), str(INT_MAX // 25 + 2), "-1", "0",
                 str(INT_MIN), "99999999999999999999999", "1e18", "0x7fffffffffffffff"]
        probes = []  # (label, method, path, headers, body, acceptable statuses)
        page_ok = (200, 400)
        for value in pages:
            for path in ("/reports", "/reports/quiz", "/reports.csv", "/reports/print", "/reports/quiz.csv"):
                probes.append((f"hr {path}?page={value}", "GET", f"{path}?page={value}", {"Cookie": "session=" + hr},
                               None, page_ok + (404,)))
            probes.append((f"admin /admin/audit?page={value}", "GET", f"/admin/audit?page={value}",
                           {"Cookie": "session=" + admin}, None, page_ok))
        for path in ("/reports", "/reports/quiz"):
            probes.append((f"trainer {path}?page=MAX", "GET", f"{path}?page={INT_MAX}", {"Cookie": "session=" + trainer},
                           None, page_ok))
        probes.append(("hr /reports?page=MAX&quiz=…", "GET",
                       f"/reports/quiz?quiz={COURSE}/{LEARNER_QUIZ}&page={INT_MAX}", {"Cookie": "session=" + hr}, None,
                       page_ok))
        for query in (f"from=-{INT_MAX}-01-01", f"to=2100-{INT_MAX}-01", f"from=2000-01-{INT_MAX}",
                      "from=2100-12-31&to=2000-01-01", f"from={INT_MAX}"):
            probes.append((f"hr /reports?{query}", "GET", f"/reports?{query}", {"Cookie": "session=" + hr}, None,
                           (200, 400)))
            probes.append((f"admin /admin/audit?{query}", "GET", f"/admin/audit?{query}", {"Cookie": "session=" + admin},
                           None, (200, 400)))
        for value in (str(INT_MAX), str(INT_MIN), "-1", "99999999999999999999"):
            probes.append((f"admin /admin/users/{value}", "GET", f"/admin/users/{value}", {"Cookie": "session=" + admin},
                           None, (400, 404)))
            probes.append((f"trainer history/{value}", "GET", f"/author/courses/{COURSE}/history/{value}",
                           {"Cookie": "session=" + trainer}, None, (400, 404)))
        probes.append(("Accept-Language q=1e999", "GET", "/", {"Accept-Language": f"vi;q=1e999, en;q={INT_MIN}"}, None,
                       (200,)))
        probes.append(("lang=MAX", "GET", f"/?lang={INT_MAX}", {}, None, (200, 400)))
        probes.append(("API dry_run=MAX", "POST", f"/api/v1/users/import?dry_run={INT_MAX}",
                       {"Authorization": "Bearer " + trainer, "Content-Type": "text/csv"}, b"username,full_name\n",
                       (200, 400, 422)))
        probes.append(("API report ?course=MAX", "GET", f"/api/v1/reports/completion?course={INT_MAX}&group_by=commune",
                       {"Authorization": "Bearer " + hr}, None, (400, 404)))
        for value in ("99999999999999999999999", str(INT_MIN), "-1"):
            probes.append((f"Content-Length: {value}", "POST", "/api/v1/session",
                           {"Content-Type": "application/json", "Content-Length": value}, b"", (400, 413)))
        # Answers that are numbers (numerical questions are graded with arithmetic).
        attempt, question = self.extra["attempt"], self.extra["numerical"]
        learner2 = self.tokens["learner2"]
        for text in (str(INT_MAX), str(INT_MIN), "1e309", "-1e308", "NaN", "inf", "0x7fffffffffffffff",
                     "9" * 400):
            probes.append((f"answer text {text[:24]}", "PUT", f"/api/v1/attempts/{attempt}/answers/{question}",
                           {"Authorization": "Bearer " + learner2, "Content-Type": "application/json"},
                           json.dumps({"text": text}).encode(), (204, 400, 422)))
        probes.append(("answer choice_ids [2^64]", "PUT", f"/api/v1/attempts/{attempt}/answers/{question}",
                       {"Authorization": "Bearer " + learner2, "Content-Type": "application/json"},
                       b'{"choice_ids": [18446744073709551616, -9223372036854775809]}', (204, 400, 422)))
        # Form numbers: the quiz editor (question and choice counts, attempts, time limit, draw, pass mark).
        form_cases = [  # (what it tests, the fields): after a crash, the other cases of the same kind are skipped
            ("q_count", {"q_count": "-1"}), ("q_count", {"q_count": str(INT_MIN)}),
            ("q_count", {"q_count": str(INT_MAX)}),
            ("cn", {"q_count": "1", "q0_cn": "-1", "q0_type": "single"}),
            ("cn", {"q_count": "1", "q0_cn": str(INT_MIN)}),
            ("settings", {"attempts": str(INT_MAX), "draw": str(INT_MIN), "pass": "1e308"}),
            ("settings", {"attempts": "-1", "time": "-1", "draw": "-1", "pass": "-1e308"}),
            ("time", {"time": str(INT_MAX)}),
            ("time", {"time": "153722867280912930"}),  # minutes whose seconds overflow Int64
        ]
        crashed, crashed_families, skipped = [], set(), 0
        deaths_before = [len(watched.deaths)]

        def after(status):
            """Notices a death at once (the server is started again); True when this request killed it."""
            time.sleep(0.05)
            watched.ensure_up()
            result.saw(status)
            died = len(watched.deaths) > deaths_before[0]
            deaths_before[0] = len(watched.deaths)
            return died

        def run_probe(probe):
            label, method, path, headers, body, acceptable = probe
            reply = raw_request(self.port, method, path, headers, body or b"", source=STAFF_ADDR, timeout=15)
            return label, reply, after(reply.status), acceptable

        outcomes = []
        for probe in probes:
            # Once a route has crashed the server, its other values are skipped: each crash costs a restart.
            family = probe[2].split("?")[0]
            if family in crashed_families:
                skipped += 1
                continue
            if self.remaining() < -45:
                result.note("overflow: out of time; remaining probes skipped")
                break
            label, reply, died, acceptable = run_probe(probe)
            outcomes.append((label, reply, died, acceptable))
            if died:
                crashed.append(label)
                crashed_families.add(family)
        # The quiz editor's form (a trainer's browser: cookie session and CSRF token).
        browser = None
        for kind, case in form_cases:
            label = "quiz editor " + " ".join(f"{k}={v}" for k, v in case.items())
            family = "editor:" + kind
            if family in crashed_families:
                skipped += 1
                continue
            try:
                if browser is None:
                    browser = Browser(self.port, STAFF_ADDR)
                    browser.sign_in(*self.accounts["trainer"])
                editor = f"/author/courses/{COURSE}/modules/{LEARNER_QUIZ}/quiz"
                _, _, page = browser.request("GET", editor)
                token = re.search(rb'name="_csrf" value="([^"]*)"', page)
                base = re.search(rb'name="base" value="([^"]*)"', page)
                form = {"_csrf": token.group(1).decode() if token else browser.jar.get("csrf", ""),
                        "base": base.group(1).decode() if base else ""}
                form.update(case)
                status, _, _ = browser.request("POST", editor, form=form, timeout=15)
                error = None
            except (OSError, http.client.HTTPException, RuntimeError) as failure:
                status, error = 0, f"{type(failure).__name__}: {failure}"
                browser = None
            died = after(status)
            reply = Raw()
            reply.status, reply.error = status, error
            outcomes.append((label, reply, died, (200, 303, 400, 409, 422)))
            if died:
                crashed.append(label)
                crashed_families.add(family)
                browser = None
        if skipped:
            result.note(f"{skipped} more values skipped on routes that had already crashed the server")
        bad = [(label, reply.status or reply.error) for label, reply, died, acceptable in outcomes
               if not died and reply.status not in acceptable]
        result.check(not crashed, f"no number crashes the server ({len(outcomes)} requests; "
                                  f"crashed by: {', '.join(crashed) or 'none'})")
        result.check(not bad, "each answers a 4xx (or a normal page) — "
                              + ("all did" if not bad else "unexpected: " + ", ".join(f"{l} → {s}" for l, s in bad[:8])))
        statuses = {}
        for label, reply, died, _ in outcomes:
            if "?page=" in label:
                key = "crash" if died else str(reply.status or reply.error)
                statuses[key] = statuses.get(key, 0) + 1
        result.note(f"page=… answers: {statuses}")
        # Keep the learner measured for the load's time: repeat the probes that did not crash anything.
        safe = [p for p, o in zip(probes, outcomes) if not o[2]]
        for _ in range(10_000):
            if self.remaining() <= 0 or not safe:
                break
            run_probe(random.choice(safe))

    # 2. slow bodies on many connections: declared 8 MiB, a prefix sent, then a trickle.
    def slow_bodies(self, result, watched):
        count, prefill = self.args.slow_connections, self.args.slow_prefill_kib * 1024
        head = (f"POST /login HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n"
                f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {8 * MIB}\r\n\r\n").encode()
        selector = selectors.DefaultSelector()
        conns = []
        refused = 0
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            SOCKETS.open.add(sock)
            sock.setblocking(False)
            sock.bind((ATTACK_ADDR, 0))
            code = sock.connect_ex((HOST, self.port))
            if code not in (0, errno.EINPROGRESS):
                refused += 1
                SOCKETS.close(sock)
                continue
            conn = {"sock": sock, "out": memoryview(head + b"a" * prefill), "sent": 0, "state": "open",
                    "answer": b"", "last": 0.0}
            conns.append(conn)
            selector.register(sock, selectors.EVENT_READ | selectors.EVENT_WRITE, conn)
        trickle = b"a&"
        sent_total = 0
        for _ in range(1_000_000):
            if self.remaining() <= 0:
                break
            for keyobj, events in selector.select(timeout=0.1):
                conn = keyobj.data
                sock = conn["sock"]
                if events & selectors.EVENT_READ:
                    try:
                        piece = sock.recv(65536)
                    except OSError:
                        piece = b""
                        conn["state"] = "reset by server"
                    if piece:
                        conn["answer"] += piece
                        conn["state"] = "answered"
                    else:
                        if conn["state"] == "open":
                            conn["state"] = "closed by server"
                        selector.unregister(sock)
                        SOCKETS.close(sock)
                        continue
                if events & selectors.EVENT_WRITE and conn["out"] is not None:
                    try:
                        n = sock.send(conn["out"])
                        sent_total += n
                        conn["out"] = conn["out"][n:] if n < len(conn["out"]) else None
                        conn["last"] = time.monotonic()
                    except BlockingIOError:
                        pass
                    except OSError as error:
                        conn["state"] = "closed by server" if error.errno in (errno.EPIPE, errno.ECONNRESET) else \
                            f"connect failed ({error.errno})"
                        selector.unregister(sock)
                        SOCKETS.close(sock)
                        continue
                    if conn["out"] is None:
                        selector.modify(sock, selectors.EVENT_READ, conn)
            now = time.monotonic()
            for conn in conns:  # a few bytes a second on every connection still open
                if conn["out"] is None and conn["state"] == "open" and now - conn["last"] >= 1.0:
                    conn["out"] = memoryview(trickle)
                    try:
                        selector.modify(conn["sock"], selectors.EVENT_READ | selectors.EVENT_WRITE, conn)
                    except (KeyError, ValueError):
                        pass
        states = {}
        for conn in conns:
            state = conn["state"]
            if state == "answered":
                match = re.match(rb"HTTP/1\.1 (\d+)", conn["answer"])
                state = f"answered {match.group(1).decode()}" if match else "answered (garbled)"
                if match:
                    result.saw(int(match.group(1)))
            states[state] = states.get(state, 0) + 1
        selector.close()
        for conn in conns:
            SOCKETS.close(conn["sock"])
        result.note(f"{len(conns)} connections opened ({refused} refused), {sent_total / 1e6:.0f} MB sent; at the end: "
                    + ", ".join(f"{v} {k}" for k, v in sorted(states.items())))
        refused_early = sum(v for k, v in states.items() if k.startswith(("answered 4", "closed", "reset")))
        result.check(refused_early >= 0.95 * max(1, len(conns)),
                     f"a sign-in declaring 8 MiB is refused or dropped, not held ({refused_early}/{len(conns)})")

    # 3a. 8 MiB url-encoded forms of `a&a&…`, several at once, again and again.
    def big_forms(self, result, watched):
        body = b"a&" * (4 * MIB - 1) + b"a"  # 8 MiB - 1 byte: under the old 8 MiB limit, so it is parsed
        self._hammer(result, "POST", "/login", {"Content-Type": "application/x-www-form-urlencoded"}, body,
                     self.args.form_workers, "8 MiB a&a&… form to /login")

    # 3b. a multipart body whose 200-dash boundary makes a naive splitter quadratic.
    def multipart(self, result, watched):
        boundary = "-" * 200
        unit = b"-" * 201 + b"x"
        body = unit * ((8 * MIB - 4096) // len(unit))
        self._hammer(result, "POST", "/login", {"Content-Type": f"multipart/form-data; boundary={boundary}"}, body,
                     max(2, self.args.form_workers // 2), "multipart, 200-dash boundary, to /login")

    def _hammer(self, result, method, path, headers, body, workers, label):
        replies = []
        lock = threading.Lock()

        def worker(index):
            for _ in range(1000):
                left = self.remaining()
                if left <= 0:
                    return
                reply = raw_request(self.port, method, path, headers, body, source=f"127.0.1.{index + 1}",
                                    timeout=max(1.0, left + 5))
                with lock:
                    replies.append(reply)
                result.saw(reply.status)

        threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=max(1.0, self.remaining() + 8))
        SOCKETS.close_all()
        statuses = {}
        for reply in replies:
            key = str(reply.status) if reply.status else (reply.error or "no answer")
            statuses[key] = statuses.get(key, 0) + 1
        answered = [r.seconds for r in replies if r.status]
        result.note(f"{label}: {workers} at once, {len(replies)} sent; answers {statuses}; "
                    + (f"slowest answer {max(answered):.2f}s" if answered else "none answered"))
        result.check(replies and all(r.status and r.status < 500 for r in replies),
                     f"every {label} gets a 4xx answer (no timeout, no 5xx)")
        result.check(answered and max(answered) < 2.0, "each is answered within 2 s ("
                     + (f"slowest {max(answered):.2f}s)" if answered else "none was answered)"))

    # 4. ZIP bombs to the course import.
    def zip_bomb(self, result, watched):
        browser = Browser(self.port, STAFF_ADDR)
        browser.sign_in(*self.accounts["trainer"])
        bombs = [("lying sizes", bomb_zip(self.args.cache, self.args.bomb_mib, lie=True)),
                 ("honest sizes", bomb_zip(self.args.cache, 1024, lie=False))]
        for name, zipped in bombs:
            if self.remaining() < -60:
                break
            try:
                token = browser.csrf("/author")
            except (OSError, http.client.HTTPException, RuntimeError) as error:
                result.check(False, f"ZIP bomb ({name}): could not open /author: {error}")
                watched.ensure_up()
                continue
            boundary = "atk" + os.urandom(8).hex()
            body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{token}\r\n"
                    f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bomb.zip\"\r\n"
                    f"Content-Type: application/zip\r\n\r\n").encode() + zipped + f"\r\n--{boundary}--\r\n".encode()
            cookie = "; ".join(f"{k}={v}" for k, v in browser.jar.items())
            deaths = len(watched.deaths)
            peak_before = watched.peak_kib
            reply = raw_request(self.port, "POST", "/author/import",
                                {"Content-Type": f"multipart/form-data; boundary={boundary}", "Cookie": cookie},
                                body, source=STAFF_ADDR, timeout=60)
            time.sleep(0.3)
            watched.ensure_up()
            result.saw(reply.status)
            died = len(watched.deaths) > deaths
            result.note(f"ZIP bomb ({name}: {len(zipped) / 1e6:.1f} MB inflating to "
                        f"{(self.args.bomb_mib if name.startswith('lying') else 1024)} MiB): "
                        f"{reply.status or reply.error} in {reply.seconds:.1f}s ({snippet(reply.body)}); "
                        f"peak RSS so far {mb(watched.peak_kib):.0f} MB (before {mb(peak_before):.0f} MB)"
                        + ("; the server died: " + watched.deaths[-1][1] if died else ""))
            result.check(not died and 400 <= reply.status < 500,
                         f"ZIP bomb ({name}) refused with a 4xx, server alive "
                         f"(got {reply.status or reply.error}{', server died' if died else ''})")
        time.sleep(max(0, self.remaining()))

    # 5. bodies over the limit to every route that reads one: 413, never 500.
    def oversize(self, result, watched):
        size = 9 * MIB
        json_ct = {"Content-Type": "application/json"}
        learner2, trainer, hr = self.tokens["learner2"], self.tokens["trainer"], self.tokens["hr"]
        attempt, question = self.extra["attempt"], self.extra["numerical"]
        cases = [
            ("API sign-in", "POST", "/api/v1/session", json_ct, False, True),
            ("API sign-in (chunked)", "POST", "/api/v1/session", json_ct, True, True),
            ("API verify", "POST", "/api/v1/verify", {"Content-Type": "text/plain"}, False, True),
            ("API save answer", "PUT", f"/api/v1/attempts/{attempt}/answers/{question}",
             dict(json_ct, Authorization="Bearer " + learner2), False, True),
            ("API submission", "POST", f"/api/v1/attempts/{attempt}/submission",
             dict(json_ct, Authorization="Bearer " + learner2), False, True),
            ("API users import", "POST", "/api/v1/users/import?dry_run=true",
             {"Content-Type": "text/csv", "Authorization": "Bearer " + trainer}, False, True),
            ("API revocation", "POST", "/api/v1/certificates/AAAA-BBBB-CCCC/revocation",
             dict(json_ct, Authorization="Bearer " + hr), False, True),
            ("form sign-in", "POST", "/login", {"Content-Type": "application/x-www-form-urlencoded"}, False, False),
            ("verify upload page", "POST", "/verify", {"Content-Type": "multipart/form-data; boundary=xyz"}, False,
             False),
        ]
        body = b"{" + b" " * (size - 2) + b"}"
        for label, method, path, headers, chunked, is_api in cases:
            reply = raw_request(self.port, method, path, headers, body, source=f"127.0.2.{len(result.checks) + 1}",
                                timeout=30, chunked=chunked)
            watched.ensure_up()
            result.saw(reply.status)
            shape = ""
            if is_api and reply.status == 413:
                try:
                    shape_ok = isinstance(json.loads(reply.body)["error"]["code"], str)
                except (ValueError, KeyError, TypeError):
                    shape_ok = False
                shape = "" if shape_ok else " (but not the JSON error shape)"
                ok = shape_ok
            else:
                ok = reply.status == 413
            result.check(ok, f"{label}: 9 MiB{' chunked' if chunked else ''} body → "
                             f"{reply.status or reply.error}{shape} (want 413)")
        # Clients that give up half-way through an upload: not a server error.
        aborted = 0
        for index in range(20):
            raw_request(self.port, "POST", "/api/v1/session" if index % 2 else "/api/v1/verify",
                        dict(json_ct, **{"Content-Length": str(1 * MIB)}), b" " * MIB, source="127.0.2.200",
                        timeout=5, chunk=16 * 1024, send_limit=64 * 1024)
            aborted += 1
        time.sleep(0.5)
        result.note(f"{aborted} uploads aborted after 64 KiB of a declared 1 MiB")
        # Then the same bodies again and again from a few clients until the load's time is up.
        replies = []

        def worker(index):
            for _ in range(1000):
                if self.remaining() <= 0:
                    return
                label, method, path, headers, chunked, _ = cases[(index + len(replies)) % len(cases)]
                reply = raw_request(self.port, method, path, headers, body, source=f"127.0.3.{index + 1}",
                                    timeout=max(1.0, self.remaining() + 5), chunked=chunked)
                replies.append(reply)
                result.saw(reply.status)

        with ThreadPoolExecutor(4) as pool:
            list(pool.map(worker, range(4)))
        result.note(f"then {len(replies)} more oversized bodies from 4 clients: "
                    f"{sum(1 for r in replies if r.status == 413)} answered 413")

    # 6. sign-in throttle races and bypasses, and the password change.
    def throttle(self, result, watched):
        port = self.port
        wrong = "definitely-not-the-password"

        def sign_in(username, password, source):
            body = json.dumps({"username": username, "password": password}).encode()
            try:
                status, _, _ = call(port, "POST", "/api/v1/session", body, {"Content-Type": "application/json"},
                                    source, timeout=60)
                return status
            except (OSError, http.client.HTTPException):
                return 0

        # Six wrong passwords in a row: the sixth must be refused by the throttle.
        victim, _ = self.accounts["victim-seq"]
        seq = [sign_in(victim, wrong, "127.0.4.1") for _ in range(6)]
        for s in seq:
            result.saw(s)
        result.check(seq[:5] == [401] * 5 and seq[5] == 429, f"6 wrong passwords in a row → {seq} (want 5×401, 429)")

        # 200 at once for one user, each from its own address (so only the per-user limit can stop them).
        victim, _ = self.accounts["victim-race"]
        barrier = threading.Barrier(200, timeout=30)

        def racer(index):
            try:
                barrier.wait()
            except threading.BrokenBarrierError:
                pass
            return sign_in(victim, wrong, f"127.0.5.{index + 1}")

        with ThreadPoolExecutor(200) as pool:
            race = list(pool.map(racer, range(200)))
        for s in race:
            result.saw(s)
        counts = {s: race.count(s) for s in set(race)}
        result.check(race.count(401) <= 5 and race.count(401) + race.count(429) == 200,
                     f"200 parallel wrong passwords for one user → {counts} (want at most 5×401, the rest 429)")

        # Lock the real name, then try spellings that the look-up treats as the same account.
        victim, password = self.accounts["victim-variants"]
        locked = [sign_in(victim, wrong, "127.0.6.1") for _ in range(5)] + [sign_in(victim, password, "127.0.6.1")]
        for s in locked:
            result.saw(s)
        result.check(locked[-1] == 429, f"the right password for a locked name → {locked[-1]} (want 429)")
        variants = {"' name'": " " + victim, "'name '": victim + " ", "'\\u00a0name'": "\u00a0" + victim,
                    "'\\u2002name'": "\u2002" + victim, "'NAME'": victim.upper()}
        for index, (label, variant) in enumerate(variants.items()):
            tries = [sign_in(variant, wrong, f"127.0.7.{index * 10 + i + 1}") for i in range(3)]
            right = sign_in(variant, password, f"127.0.7.{index * 10 + 9}")
            for s in tries + [right]:
                result.saw(s)
            result.check(all(s == 429 for s in tries) and right == 429,
                         f"variant {label} of the locked name: 3 wrong → {tries}, right password → {right} "
                         f"(want 429 for all: the same account, the same lock)")

        # Forty wrong current passwords at once to the password change form.
        user, password = self.accounts["pwuser"]
        browser = Browser(port, "127.0.8.1")
        browser.sign_in(user, password)
        token = browser.csrf("/account/password")
        cookie = "; ".join(f"{k}={v}" for k, v in browser.jar.items())
        barrier2 = threading.Barrier(40, timeout=30)

        def change(current, new="attack-new-password-123"):
            from urllib.parse import urlencode
            body = urlencode({"_csrf": token, "current": current, "new": new, "repeat": new}).encode()
            try:
                status, _, _ = call(port, "POST", "/account/password", body,
                                    {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
                                    "127.0.8.1", timeout=60)
                return status
            except (OSError, http.client.HTTPException):
                return 0

        def guesser(index):
            try:
                barrier2.wait()
            except threading.BrokenBarrierError:
                pass
            return change(f"guess-{index}-{wrong}")

        with ThreadPoolExecutor(40) as pool:
            guesses = list(pool.map(guesser, range(40)))
        for s in guesses:
            result.saw(s)
        counts = {s: guesses.count(s) for s in set(guesses)}
        refused = sum(1 for s in guesses if s == 429)
        result.check(refused >= 35 and all(s in (400, 401, 403, 429) for s in guesses),
                     f"40 parallel wrong current passwords → {counts} (want at most 5 checked, the rest 429)")
        final = change(password)
        result.saw(final)
        result.check(final == 429, f"then the right current password → {final} (want 429: still throttled, "
                                   f"not a change that ends every other session)")
        time.sleep(max(0, self.remaining()))


LOADS = [
    ("baseline", "no attack: the learner alone", "baseline"),
    ("overflow", "1. huge and negative numbers on every route that reads one", "overflow"),
    ("slow-bodies", "2. slow bodies: 300 connections declaring 8 MiB to POST /login", "slow_bodies"),
    ("big-forms", "3a. 8 MiB url-encoded a&a&… forms to POST /login in parallel", "big_forms"),
    ("multipart", "3b. multipart bodies with a 200-dash boundary", "multipart"),
    ("zip-bomb", "4. ZIP bombs to the course import", "zip_bomb"),
    ("oversize", "5. oversized bodies to JSON API and form routes", "oversize"),
    ("throttle", "6. sign-in and password-change throttle races", "throttle"),
]


# ---------------------------------------------------------------- the ZIP bombs

def bomb_zip(cache, mib, lie):
    """A ZIP with one folder `bomb/`: `bomb/course.yaml` and `bomb/zeros.bin`, `mib` MiB of zeros deflated.
    With `lie`, both headers declare the big entry as 1 KiB (its CRC is the true one). Cached in `cache`."""
    path = os.path.join(cache, f"bomb-{mib}-{'lie' if lie else 'honest'}.zip")
    if os.path.exists(path):
        with open(path, "rb") as f:
            return f.read()
    os.makedirs(cache, exist_ok=True)
    log(f"building a ZIP bomb: {mib} MiB of zeros, {'lying' if lie else 'honest'} sizes (cached in {cache})")
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = bytes(MIB)
    pieces, crc = [], 0
    for _ in range(mib):
        pieces.append(compressor.compress(zeros))
        crc = zlib.crc32(zeros, crc)
    pieces.append(compressor.flush())
    deflated = b"".join(pieces)
    yaml = b"slug: bomb\ntitle:\n  vi: Bom\n  en: Bomb\nmodules: []\n"
    entries = [("bomb/zeros.bin", deflated, crc, 1024 if lie else mib * MIB, 8),
               ("bomb/course.yaml", yaml, zlib.crc32(yaml), len(yaml), 0)]
    out, central = b"", b""
    for name, data, crc32, declared, method in entries:
        offset = len(out)
        encoded = name.encode()
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc32, len(data), declared,
                           len(encoded), 0) + encoded + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc32, len(data),
                               declared, len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(out), 0)
    with open(path + ".tmp", "wb") as f:
        f.write(out)
    os.replace(path + ".tmp", path)
    return out


# ---------------------------------------------------------------- setting up

def add_user(binary, data, username, role, password):
    subprocess.run([binary, "users", "add", username, "--role", role, "--name", f"Attack {username}", "--data", data],
                   cwd=ROOT, input=password + "\n", text=True, check=True, capture_output=True, timeout=120)


def prepare(args, binary, folder, port, log_path, env):
    """A fresh data folder with the accounts the loads use; sessions, enrolment and the answer key."""
    data = os.path.join(folder, "data")
    os.makedirs(data)
    os.chmod(data, 0o700)
    rng = random.Random()
    accounts = {}
    for username, role in [("admin", "admin"), ("trainer", "trainer"), ("hr", "hr"), ("learner", "learner"),
                           ("learner2", "learner"), ("victim-seq", "learner"), ("victim-race", "learner"),
                           ("victim-variants", "learner"), ("pwuser", "learner")]:
        password = f"atk-{username}-" + "".join(rng.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(16))
        add_user(binary, data, "atk-" + username, role, password)
        accounts[username] = ("atk-" + username, password)
    log(f"setup: {len(accounts)} accounts in {data}")
    server = Server(binary, data, port, log_path, env=env).start(timeout=120)
    try:
        tokens = {}
        for name in ("admin", "trainer", "hr", "learner", "learner2", "pwuser"):
            username, password = accounts[name]
            tokens[name] = api(port, "POST", "/session", {"username": username, "password": password})[1]["token"]
        for name in ("learner", "learner2", "pwuser"):
            api(port, "POST", f"/courses/{COURSE}/enrollment", {}, tokens[name], expect=(200, 201))
        keys = {m: api(port, "GET", f"/courses/{COURSE}/quizzes/{m}", token=tokens["trainer"])[1]
                for m in MODULE_QUIZZES}
        # learner2's open attempt, on a quiz with a numerical question if there is one (the overflow answers).
        numerical_quiz = next((m for m in MODULE_QUIZZES if m != LEARNER_QUIZ and any(
            q["type"] == "numerical" for q in keys[m]["questions"])), OTHER_QUIZ)
        started = api(port, "POST", f"/courses/{COURSE}/quizzes/{numerical_quiz}/attempts", {}, tokens["learner2"])[1]
        asked = {q["id"] for q in started["questions"]}
        numerical = next((q["id"] for q in keys[numerical_quiz]["questions"]
                          if q["type"] == "numerical" and q["id"] in asked), started["questions"][0]["id"])
        extra = {"attempt": started["attempt_id"], "numerical": numerical, "quiz": numerical_quiz}
    finally:
        server.stop()
    return data, accounts, tokens, keys[LEARNER_QUIZ], extra


def count_log_5xx(log_path, offset):
    """Requests the server itself logged with a 5xx status (or error-level lines) since `offset`."""
    try:
        with open(log_path, "rb") as f:
            f.seek(offset)
            text = f.read().decode("utf-8", "replace")
    except OSError:
        return 0, []
    lines = [line for line in text.splitlines()
             if re.search(r"\] [A-Z]+ \S+ 5\d\d [\d.]+ms", line) or re.match(r"\S+ (error|critical) ", line)]
    return len(lines), lines[:5]


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True, help="the academy binary (make attack: the release build)")
    parser.add_argument("--port", type=int, default=18470)
    parser.add_argument("--seconds", type=float, default=15, help="length of each load (default 15)")
    parser.add_argument("--only", help="comma-separated loads: " + ",".join(n for n, _, _ in LOADS))
    parser.add_argument("--slow-connections", type=int, default=300)
    parser.add_argument("--slow-prefill-kib", type=int, default=1024,
                        help="body bytes each slow connection sends at once before trickling (default 1024 KiB)")
    parser.add_argument("--form-workers", type=int, default=6, help="8 MiB forms in flight at once (default 6)")
    parser.add_argument("--bomb-mib", type=int, default=2048, help="what the lying ZIP bomb inflates to (MiB)")
    parser.add_argument("--memory-guard-mib", type=int, default=1536,
                        help="the script kills a server above this RSS (protects the machine; default 1536)")
    parser.add_argument("--folder", default=os.path.join(ROOT, "data-bench", "attack"))
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    args.slow_connections = max(1, min(args.slow_connections, 2000))
    args.seconds = max(3.0, min(args.seconds, 60.0))
    args.cache = os.path.join(args.folder, "cache")
    wanted = [n for n, _, _ in LOADS] if not args.only else args.only.split(",")
    unknown = set(wanted) - {n for n, _, _ in LOADS}
    if unknown:
        parser.error(f"unknown load(s): {', '.join(sorted(unknown))}")
    raise_nofile()

    def terminate(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, terminate)

    port = args.port
    probe = socket.socket()
    try:
        if probe.connect_ex((HOST, port)) == 0:
            sys.exit(f"attack: something already listens on {HOST}:{port}; stop it or pass --port")
    finally:
        probe.close()
    started = time.monotonic()
    run = os.path.join(args.folder, "run")
    if os.path.exists(run):
        shutil.rmtree(run)
    os.makedirs(run)
    binary = stable_binary(os.path.abspath(args.binary), os.path.join(run, "bin"))
    courses = os.path.join(run, "courses")  # a copy: the ZIP import and the quiz editor write drafts beside it
    shutil.copytree(os.path.join(ROOT, "Courses"), courses, ignore=shutil.ignore_patterns(".drafts"))
    env = {"ACADEMY_COURSES": courses}
    log_path = os.path.join(run, "server.log")
    log(f"attack: {args.binary} on {HOST}:{port}, data in {run}, {args.seconds:g} s per load")
    if "zip-bomb" in wanted:
        bomb_zip(args.cache, args.bomb_mib, lie=True)
        bomb_zip(args.cache, 1024, lie=False)
    results = []
    watched = monitor = None
    try:
        data, accounts, tokens, key, extra = prepare(args, binary, run, port, log_path, env)
        attack = Attack(args, port, data, courses, log_path, accounts, tokens, key, extra)
        for name, title, method in LOADS:
            if name not in wanted:
                continue
            log(f"--- {name}: {title} (machine load average {load_average():.1f} on {os.cpu_count()} cores)")
            result = Result(name, title)
            offset = os.path.getsize(log_path)
            watched = Watched(binary, data, port, log_path, env, args.memory_guard_mib).start()
            monitor = Monitor(watched, port, accounts["learner"], key, random.Random(1)).start()
            time.sleep(0.5)  # the learner's first cycle starts before the load
            attack.deadline = time.monotonic() + args.seconds
            try:
                getattr(attack, method)(result, watched)
            except Exception as error:  # noqa: BLE001 - a broken load is reported; the next ones still run
                result.error = f"{type(error).__name__}: {error}"
                result.check(False, f"the load itself failed: {result.error}")
            finally:
                SOCKETS.close_all()
                time.sleep(max(0.0, attack.deadline - time.monotonic()))
                monitor.finish()
                watched.stop()
            in_log, examples = count_log_5xx(log_path, offset)
            result.summarise(monitor, watched, in_log)
            if result.learner_error_kinds:
                log(f"  learner failures: {result.learner_error_kinds}")
            for t, cause in watched.deaths:
                log(f"  server {cause} at {t:.1f}s (started again)")
            if examples:
                log(f"  the server logged {in_log} 5xx/error lines, e.g. {examples[0][-160:]}")
            log(f"  up: {'yes' if result.up else 'NO'} (worst /healthz {result.probe_worst or 0:.2f}s, "
                f"{result.probe_failures}/{result.probes} failed); peak RSS {result.peak_mb:.0f} MB; learner "
                f"{result.learner_n} requests ({result.learner_retries} resent on a new connection), "
                f"{result.learner_cycles} submissions, {result.learner_errors} failed, "
                f"p50/p99/max {result.p50 or 0:.3f}/{result.p99 or 0:.3f}/{result.max or 0:.3f}s; "
                f"5xx {result.fivexx}; attack answers {result.attack_statuses}")
            results.append(result)
            watched = monitor = None
    except KeyboardInterrupt:
        log("attack: interrupted; stopping the server")
        return 130
    finally:
        SOCKETS.close_all()
        if monitor is not None:
            monitor.halt.set()
        if watched is not None:
            watched.stop()

    print()
    print(f"Results ({args.binary}, {args.seconds:g} s per load, aims: up throughout, peak RSS < {AIM_RSS_MB} MB, "
          f"learner p99 < {AIM_P99_S:g} s, no 5xx, expected outcomes)")
    print(f"{'load':<12} {'up':<34} {'RSS MB':>7} {'learner p50/p99/max s':>20} {'reqs':>5} {'err':>4} "
          f"{'5xx':>4} {'checks':<7} verdict")
    for result in results:
        print(result.line())
    failed_checks = [(r.name, text) for r in results for ok, text in r.checks if not ok]
    if failed_checks:
        print("\nFailed checks:")
        for name, text in failed_checks:
            print(f"  {name}: {text}")
    overall = bool(results) and all(r.passed for r in results)
    print(f"\nOVERALL: {'PASS' if overall else 'FAIL'} ({time.monotonic() - started:.0f} s)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump([{k: v for k, v in vars(r).items() if not k.startswith("_")} for r in results], f, indent=1,
                      default=str)
    return 0 if overall else 1


if __name__ == "__main__":
    sys.exit(main())
