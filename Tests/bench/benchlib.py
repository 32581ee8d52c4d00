"""Shared pieces of the load benchmark (bench.py) and the crash test (crashtest.py).

Everything here talks only to 127.0.0.1, and every loop is bounded in count and time.

The benchmark data set ("seed") is built once and cached in data-bench/seed/:
  * 10,000 learners from generate_learners.py, imported with `academy users import` (enrolled in the course);
  * one admin (`academy users add`), used only to read the quizzes' answer keys;
  * a bearer session per learner, from the real POST /api/v1/session;
  * `must_change_password` cleared with SQL on the bench database (the imported one-time passwords would
    otherwise make every request but a password change answer 403 password_change_required);
  * a few certificates, earned by passing the final test through the API;
  * open attempts, started through the API, for the quiz-submission benchmark and the bursts.
Each run copies the seed to a fresh folder, so every run starts from the same state.
"""
import hashlib
import http.client
import json
import os
import random
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
COURSE = "chuyen-doi-so-cap-xa"
MODULE_QUIZZES = ["tong-quan", "chinh-quyen-so", "to-cong-nghe-so", "ky-nang-so-an-toan", "kinh-te-so", "tuyen-quang"]
FINAL = "kiem-tra-cuoi-khoa"
LESSON_PATH = f"/courses/{COURSE}/tong-quan"
SEED_FORMAT = 3  # bump when the seed's contents change
HOST = "127.0.0.1"
# Quizzes whose open attempts the seed prepares: the bursts use the first, the wrk run the others.
BURST_MODULE = MODULE_QUIZZES[0]
WRK_MODULES = MODULE_QUIZZES[1:4]
# The crash test starts fresh attempts on these (the seed leaves them untouched).
CRASH_MODULES = MODULE_QUIZZES[4:6]


def log(*parts):
    print(time.strftime("%H:%M:%S"), *parts, flush=True)


def raise_nofile(limit=65536):
    """Lets this process (and the server it starts) hold thousands of sockets at once."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(limit, hard) if hard != resource.RLIM_INFINITY else limit
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))


# ---------------------------------------------------------------- the server

class Server:
    """`academy serve` as a child process in its own process group, stopped by its pid only."""

    def __init__(self, binary, data, port, log_path, env=None):
        self.binary, self.data, self.port, self.log_path = binary, data, port, log_path
        self.env = dict(os.environ, **(env or {}))
        self.proc = None

    def start(self, timeout=90):
        logf = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [self.binary, "serve", "--data", self.data, "--port", str(self.port), "--host", HOST],
            cwd=ROOT, stdout=logf, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=self.env,
            start_new_session=True, preexec_fn=raise_nofile)
        logf.close()
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}; see {self.log_path}")
            try:
                status, _, _ = request("GET", self.port, "/healthz", timeout=2)
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server did not answer /healthz within {timeout}s; see {self.log_path}")

    @property
    def pid(self):
        return self.proc.pid

    def memory(self):
        """VmRSS and VmHWM in MiB."""
        values = {}
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    key, _, rest = line.partition(":")
                    if key in ("VmRSS", "VmHWM"):
                        values[key] = int(rest.split()[0]) / 1024
        except FileNotFoundError:
            pass
        return values

    def cpu_seconds(self):
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def kill9(self):
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self, timeout=30):
        if not self.proc or self.proc.poll() is not None:
            return
        os.kill(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)


class MemorySampler(threading.Thread):
    """Samples the server's VmRSS every `interval` seconds while a load runs."""

    def __init__(self, server, interval=0.25):
        super().__init__(daemon=True)
        self.server, self.interval = server, interval
        self.samples = []
        self._halt = threading.Event()

    def run(self):
        while not self._halt.wait(self.interval):
            rss = self.server.memory().get("VmRSS")
            if rss:
                self.samples.append(rss)

    def finish(self):
        self._halt.set()
        self.join(timeout=5)
        return max(self.samples) if self.samples else None


# ---------------------------------------------------------------- HTTP

_local = threading.local()


def request(method, port, path, body=None, token=None, cookie=None, timeout=30, headers=None, keep=False):
    """One HTTP/1.1 request to 127.0.0.1; returns (status, headers dict, body bytes)."""
    conn = getattr(_local, "conn", None) if keep else None
    reused = conn is not None and getattr(_local, "port", None) == port
    if not reused:
        conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    hdrs = dict(headers or {})
    if token:
        hdrs["Authorization"] = "Bearer " + token
    if cookie:
        hdrs["Cookie"] = cookie
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        hdrs.setdefault("Content-Type", "application/json")
    try:
        conn.request(method, path, body=data, headers=hdrs)
        response = conn.getresponse()
        payload = response.read()
        result = (response.status, dict(response.getheaders()), payload)
    except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
        conn.close()
        if keep:
            _local.conn = None
        # A kept-alive connection the server closed while it sat idle (idle_timeout_seconds): send again on a new
        # one, as browsers do. Our writes are safe to repeat (attempts resume, submissions are replay-safe).
        if not reused:
            raise
        return request(method, port, path, body=body, token=token, cookie=cookie, timeout=timeout, headers=headers,
                       keep=keep)
    except Exception:
        conn.close()
        if keep:
            _local.conn = None
        raise
    if keep:
        _local.conn, _local.port = conn, port
    else:
        conn.close()
    return result


def api(method, port, path, body=None, token=None, expect=(200, 201, 204)):
    status, _, payload = request(method, port, "/api/v1" + path, body=body, token=token, keep=True)
    if status not in expect:
        raise RuntimeError(f"{method} {path}: HTTP {status} {payload[:300]!r}")
    return json.loads(payload) if payload else None


def parallel(fn, items, workers=8):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(fn, items))


# ---------------------------------------------------------------- quizzes

def answers_for(questions, key, rng, right=0.8):
    """A submission's answers: right for about `right` of the questions, wrong otherwise (from the answer key)."""
    by_id = {q["id"]: q for q in key["questions"]}
    answers = {}
    for asked in questions:
        q = by_id[asked["id"]]
        good = rng.random() < right
        kind = q["type"]
        if kind in ("single", "truefalse", "multiple"):
            choices = q.get("choices") or []
            correct = [c["id"] for c in choices if c["correct"]]
            wrong = [c["id"] for c in choices if not c["correct"]]
            if kind != "multiple":
                correct = correct[:1]
            picked = correct if good or not wrong else wrong[:1]
            answers[q["id"]] = {"choice_ids": picked}
        elif kind == "short":
            answers[q["id"]] = {"text": (q.get("accepted") or ["?"])[0] if good else "không biết"}
        elif kind == "numerical":
            value = q.get("value") or 0
            answers[q["id"]] = {"text": (("%g" % value) if good else "-1")}
    return answers


# ---------------------------------------------------------------- the seed

def course_fingerprint():
    digest = hashlib.sha256()
    folder = os.path.join(ROOT, "Courses", COURSE)
    for base, _, files in sorted(os.walk(folder)):
        for name in sorted(files):
            path = os.path.join(base, name)
            digest.update(path.encode())
            with open(path, "rb") as f:
                digest.update(f.read())
    return digest.hexdigest()[:16]


def seed_is_current(seed_dir, count):
    try:
        with open(os.path.join(seed_dir, "seed.json")) as f:
            meta = json.load(f)
    except (OSError, ValueError):
        return False
    return meta.get("format") == SEED_FORMAT and meta.get("count") == count \
        and meta.get("course") == course_fingerprint()


def sqlite_connect(path, timeout=30):
    db = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    db.execute("PRAGMA busy_timeout = 30000")
    return db


def build_seed(binary, seed_dir, count, port, certificates=20):
    """Builds the cached data set (see the module docstring). Takes a few minutes for 10,000 learners."""
    started = time.time()
    if os.path.exists(seed_dir):
        shutil.rmtree(seed_dir)
    data = os.path.join(seed_dir, "data")
    os.makedirs(seed_dir)
    csv_path = os.path.join(seed_dir, "learners.csv")
    with open(csv_path, "w") as out:
        subprocess.run([sys.executable, os.path.join(HERE, "generate_learners.py"), str(count)], stdout=out, check=True)
    log(f"seed: importing {count} learners (academy users import)")
    result = subprocess.run([binary, "users", "import", csv_path, "--data", data], cwd=ROOT, capture_output=True,
                            text=True, timeout=1800)
    if result.returncode != 0:
        raise RuntimeError("import failed:\n" + result.stdout[-2000:] + result.stderr[-2000:])
    passwords = dict(re.findall(r": created (\S+) password (\S+)", result.stdout))
    if len(passwords) != count:
        raise RuntimeError(f"import reported {len(passwords)} generated passwords, expected {count}")
    admin_password = "bench-admin-" + hashlib.sha256(os.urandom(16)).hexdigest()[:20]
    subprocess.run([binary, "users", "add", "benchadmin", "--role", "admin", "--name", "Bench Admin", "--data", data],
                   cwd=ROOT, input=admin_password + "\n", text=True, check=True, capture_output=True, timeout=120)
    # Every sign-in checks one hash at each scrypt cost in use (issue 13: a failed sign-in costs the same whatever
    # the account); with the server's cost at the one-time passwords' (12) that is one hash, not a 32 MiB one more.
    # Only the seeding server: the measured runs sign nobody in.
    server = Server(binary, data, port, os.path.join(seed_dir, "server.log"), env={"ACADEMY_SCRYPT_LOG_N": "12"}).start()
    try:
        log(f"seed: signing in {count} learners through POST /api/v1/session")
        usernames = sorted(passwords)

        def sign_in(username):
            for attempt in range(5):
                try:
                    reply = api("POST", port, "/session", {"username": username, "password": passwords[username]})
                    return username, reply["token"]
                except (OSError, http.client.HTTPException):
                    time.sleep(0.5 * (attempt + 1))
            raise RuntimeError(f"could not sign in {username}")

        tokens = dict(parallel(sign_in, usernames, workers=4))
        admin_token = api("POST", port, "/session", {"username": "benchadmin", "password": admin_password})["token"]
        # Benchmark data set only: the generated first passwords are "must change"; clear the flag so the tokens
        # can be used for everything (documented in BENCHMARKS.md).
        db = sqlite_connect(os.path.join(data, "academy.sqlite"))
        db.execute("UPDATE user SET must_change_password = 0")
        ids = dict(db.execute("SELECT username, id FROM user"))
        db.close()
        keys = {m: api("GET", port, f"/courses/{COURSE}/quizzes/{m}", token=admin_token)
                for m in MODULE_QUIZZES + [FINAL]}
        rng = random.Random(7)

        log(f"seed: {certificates} learners read every lesson and pass the final test (certificates for /v/CODE)")
        # The course's `completion:` (issue 15) asks for every lesson read, then the final test passed.
        lessons = [m["slug"] for m in api("GET", port, f"/courses/{COURSE}")["modules"] if m["has_lesson"]]
        codes = []
        for username in usernames[-certificates:]:
            for lesson in lessons:
                status, _, _ = request("GET", port, f"/courses/{COURSE}/{lesson}", token=tokens[username], keep=True)
                if status != 200:
                    raise RuntimeError(f"lesson {lesson} for {username}: HTTP {status}")
            started_attempt = api("POST", port, f"/courses/{COURSE}/quizzes/{FINAL}/attempts", {}, tokens[username])
            body = {"answers": answers_for(started_attempt["questions"], keys[FINAL], rng, right=1.0)}
            graded = api("POST", port, f"/attempts/{started_attempt['attempt_id']}/submission", body, tokens[username])
            if not graded.get("certificate_code"):
                raise RuntimeError(f"final test not passed: {graded}")
            codes.append(graded["certificate_code"])

        def start(pair):
            username, module = pair
            reply = api("POST", port, f"/courses/{COURSE}/quizzes/{module}/attempts", {}, tokens[username])
            answers = answers_for(reply["questions"], keys[module], random.Random(reply["attempt_id"]))
            return {"user": username, "module": module, "attempt_id": reply["attempt_id"], "token": tokens[username],
                    "body": {"answers": answers}}

        burst_users = usernames[: min(5500, count)]
        log(f"seed: starting {len(burst_users)} attempts for the bursts and {len(WRK_MODULES) * count} for wrk")
        burst = parallel(start, [(u, BURST_MODULE) for u in burst_users], workers=4)
        wrk_attempts = parallel(start, [(u, m) for m in WRK_MODULES for u in usernames], workers=4)
    finally:
        server.stop()

    with open(os.path.join(seed_dir, "tokens.json"), "w") as f:
        json.dump({"learners": tokens, "ids": ids, "admin": admin_token}, f)
    with open(os.path.join(seed_dir, "keys.json"), "w") as f:
        json.dump(keys, f)
    with open(os.path.join(seed_dir, "codes.txt"), "w") as f:
        f.write("\n".join(codes) + "\n")
    with open(os.path.join(seed_dir, "burst.json"), "w") as f:
        json.dump(burst, f)
    with open(os.path.join(seed_dir, "quiz-submissions.tsv"), "w") as f:
        for item in wrk_attempts:  # ordered by module, then learner: consecutive lines are different learners
            f.write(replay_line("POST", f"/api/v1/attempts/{item['attempt_id']}/submission", token=item["token"],
                                body=json.dumps(item["body"], ensure_ascii=False)))
    with open(os.path.join(seed_dir, "lesson.tsv"), "w") as f:
        for username in usernames:
            f.write(replay_line("GET", LESSON_PATH, cookie="session=" + tokens[username]))
    with open(os.path.join(seed_dir, "seed.json"), "w") as f:
        json.dump({"format": SEED_FORMAT, "count": count, "course": course_fingerprint(),
                   "built": time.strftime("%Y-%m-%d %H:%M:%S"), "seconds": round(time.time() - started)}, f)
    log(f"seed: ready in {time.time() - started:.0f}s")


def replay_line(method, path, token=None, cookie=None, body=None):
    """A line of a replay.lua request file: method, path, Authorization, Cookie, body (tab-separated, '-' = none)."""
    fields = [method, path, ("Bearer " + token) if token else "-", cookie or "-", body or "-"]
    assert all("\t" not in x and "\n" not in x for x in fields)
    return "\t".join(fields) + "\n"


def ensure_seed(binary, seed_dir, count, port, fresh=False):
    if fresh or not seed_is_current(seed_dir, count):
        build_seed(binary, seed_dir, count, port)
    else:
        log(f"seed: reusing {seed_dir} (delete it or set BENCH_FRESH=1 to rebuild)")


def restore_seed(seed_dir, run_data):
    """Copies the seed's data folder to `run_data` and restarts every session's clocks, so the tokens are live."""
    if os.path.exists(run_data):
        shutil.rmtree(run_data)
    shutil.copytree(os.path.join(seed_dir, "data"), run_data)
    os.chmod(run_data, 0o700)
    refresh_sessions(os.path.join(run_data, "academy.sqlite"), created=True)


def refresh_sessions(db_path, created=False):
    """Sets every session's idle clock to now (the server refreshes it itself at most once a minute per session,
    with one extra write). Done before each measurement, so that write — which real learners, active every few
    seconds, cause once a minute — is not counted once per learner per run."""
    db = sqlite_connect(db_path)
    # GRDB stores dates as 'YYYY-MM-DD HH:MM:SS.SSS' in UTC, which is what strftime('%f') gives.
    if created:
        db.execute("UPDATE session SET created_at = strftime('%Y-%m-%d %H:%M:%f', 'now'), "
                   "expires_at = strftime('%Y-%m-%d %H:%M:%f', 'now', '+7 days')")
    db.execute("UPDATE session SET last_seen_at = strftime('%Y-%m-%d %H:%M:%f', 'now')")
    db.close()


def stable_binary(binary, folder):
    """A private copy of the server binary, so a rebuild during the run (other work on the machine) cannot swap
    the program between a measurement and the next, or between a crash and the restart."""
    os.makedirs(folder, exist_ok=True)
    copy = os.path.join(folder, "academy")
    if not os.path.exists(copy) or os.path.getmtime(copy) != os.path.getmtime(binary) \
            or os.path.getsize(copy) != os.path.getsize(binary):
        shutil.copy2(binary, copy + ".tmp")
        os.replace(copy + ".tmp", copy)
    return copy


def load_average():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def cpu_busy(seconds=3.0):
    """Cores kept busy by everything on the machine over the next `seconds` (from /proc/stat)."""
    def sample():
        with open("/proc/stat") as f:
            values = [int(x) for x in f.readline().split()[1:]]
        idle = values[3] + values[4]
        return sum(values), idle
    total0, idle0 = sample()
    time.sleep(seconds)
    total1, idle1 = sample()
    busy = 1 - (idle1 - idle0) / max(1, total1 - total0)
    return busy * os.cpu_count()


def wait_for_quiet(limit=0.7, max_wait=300, busy_limit=0.3):
    """Waits (bounded) for a quiet machine: the 1-minute load average below `limit` (when `limit` is set), and
    fewer than `busy_limit` cores busy over 3 s. Returns (load average, busy cores) at the moment of measuring.

    Between our own measurements the 1-minute average still remembers the run before, so there only the
    instantaneous CPU use is checked (limit=None)."""
    deadline = time.time() + max_wait
    warned = False
    while True:
        load = load_average()
        busy = cpu_busy()
        quiet = busy < busy_limit and (limit is None or load < limit)
        if quiet or time.time() >= deadline:
            if not quiet:
                log(f"machine still busy after {max_wait}s (load {load:.2f}, {busy:.2f} cores busy): measuring anyway")
            return load, busy
        if not warned:
            log(f"waiting up to {max_wait}s for a quiet machine (load {load:.2f}, {busy:.2f} cores busy)")
            warned = True
        time.sleep(5)
