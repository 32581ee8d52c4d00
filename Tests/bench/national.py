#!/usr/bin/env python3
"""`make national`: replays a province's (or the country's) peak exam hour against one server (SCALING.md).

The load model is the one of SCALING.md, in numbers below (PER_COMMUNE_*, PEAK_*). A province's peak is its
busiest quarter-hour of an exam session: PEAK_SHARE of its learners (commune officials and community
digital-technology team members) start the final test within PEAK_WINDOW_S seconds, one after the other at a steady
rate. Each simulated learner then does what the browser does, on its own keep-alive connection: opens the lesson
page, starts the final test (26 questions drawn), saves each answer with a PUT (Public/js/quiz.js: one PUT per
change; ANSWER_CHANGES more for answers changed), and submits every answer; a learner who passes gets a
certificate, signed by the server after the grading commits.

Time is compressed, rates are not: learners arrive at the province's real peak rate (learners per second) for
`--seconds`, and each spends `--learner-seconds` (default 20 s) on the test instead of the ~20 minutes a person
takes, so every request kind arrives at the real peak rate while fewer learners are open at once (see SCALING.md).
`national-peak` is the whole country in one hour on one instance; it does not fit, so only `--fraction` of it (by
default what the data set of 10,000 learners can carry for the run) is replayed, and the report says so.

Usage: national.py --binary PATH [--province tuyen-quang|national-peak] [--seconds 90] [--factor 1.0]
                   [--fraction F] [--clients N] [--port 18083] [--dir data-bench/national]
Reuses benchlib (server process, data set pieces, sign-in, answers from the answer key). Exit 1 when the peak rate
was not sustained (rate short by more than 5 %, any error, or p99 over the limits printed).
Everything talks only to 127.0.0.1; every loop is bounded in time.
"""
import argparse
import asyncio
import hashlib
import json
import multiprocessing
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
from benchlib import COURSE, FINAL, HERE, HOST, LESSON_PATH, ROOT, log  # noqa: E402

# ---------------------------------------------------------------- the load model (SCALING.md, "The load model")

# Commune officials per commune-level unit: 206,707 commune-level cadres and civil servants at the end of 2024
# (Ministry of Home Affairs), all kept during the transition, over the 3,321 units of 1 July 2025.
PER_COMMUNE_OFFICIALS = 206_707 / 3_321                  # 62.2 (range 32-70, SCALING.md)
# Community digital-technology team members: Tuyên Quang's 10,257 in its 138 old communes (the seed article),
# scaled by the country's 10,035 old communes and spread over the 3,321 new units.
PER_COMMUNE_MEMBERS = 10_257 / 138 * 10_035 / 3_321      # 224.6
PROVINCES = {"tuyen-quang": 124, "national-peak": 3_321}  # commune-level units from 1 July 2025
PEAK_SHARE, PEAK_WINDOW_S = 0.40, 900                    # 40 % of the hour's learners start in its busiest 15 min
QUESTIONS, ANSWER_CHANGES = 26, 4                        # final test: 26 drawn questions; answers changed
RIGHT = 0.9                                              # share of answers right (pass mark 80 %)
SEED_LEARNERS = 10_000
LIMITS_P99_S = {"lesson": 1.0, "start": 1.0, "answer": 1.0, "submit": 2.0}


def model(province, factor=1.0):
    communes = PROVINCES[province]
    learners = communes * (PER_COMMUNE_OFFICIALS + PER_COMMUNE_MEMBERS)
    rate = PEAK_SHARE * learners / PEAK_WINDOW_S * factor
    return {"province": province, "communes": communes, "learners": round(learners),
            "officials": round(communes * PER_COMMUNE_OFFICIALS), "members": round(communes * PER_COMMUNE_MEMBERS),
            "factor": factor, "learners_per_s": rate,
            "targets_per_s": {"lesson": rate, "start": rate, "answer": rate * (QUESTIONS + ANSWER_CHANGES),
                              "submit": rate}}


# ---------------------------------------------------------------- the data set

def seed_meta(count):
    return {"kind": "national", "format": 1, "count": count, "course": benchlib.course_fingerprint()}


def build_seed(binary, seed_dir, count, port):
    """`count` learners imported with `academy users import`, each signed in through POST /api/v1/session, the
    must-change flag cleared (bench database only, as in benchlib), and the final test's answer key."""
    started = time.time()
    if os.path.exists(seed_dir):
        shutil.rmtree(seed_dir)
    data = os.path.join(seed_dir, "data")
    os.makedirs(seed_dir)
    csv_path = os.path.join(seed_dir, "learners.csv")
    with open(csv_path, "w") as out:
        subprocess.run([sys.executable, os.path.join(HERE, "generate_learners.py"), str(count), "--prefix", "08"],
                       stdout=out, check=True)
    # Generated one-time passwords at scrypt cost 2^10: bench accounts only, so 10,000 hashes stay quick.
    cheap = {"ACADEMY_SCRYPT_LOG_N": "10"}
    log(f"seed: importing {count} learners (academy users import)")
    result = subprocess.run([binary, "users", "import", csv_path, "--data", data], cwd=ROOT, capture_output=True,
                            text=True, timeout=1800, env=dict(os.environ, **cheap))
    if result.returncode != 0:
        raise RuntimeError("import failed:\n" + result.stdout[-2000:] + result.stderr[-2000:])
    passwords = dict(re.findall(r": created (\S+) password (\S+)", result.stdout))
    if len(passwords) != count:
        raise RuntimeError(f"import reported {len(passwords)} generated passwords, expected {count}")
    admin_password = "national-admin-" + hashlib.sha256(os.urandom(16)).hexdigest()[:20]
    subprocess.run([binary, "users", "add", "nationaladmin", "--role", "admin", "--name", "National Bench",
                    "--data", data], cwd=ROOT, input=admin_password + "\n", text=True, check=True,
                   capture_output=True, timeout=120, env=dict(os.environ, **cheap))
    server = benchlib.Server(binary, data, port, os.path.join(seed_dir, "server.log"), env=cheap).start()
    try:
        log(f"seed: signing in {count} learners through POST /api/v1/session")

        def sign_in(username):
            reply = benchlib.api("POST", port, "/session", {"username": username, "password": passwords[username]})
            return username, reply["token"]

        tokens = dict(benchlib.parallel(sign_in, sorted(passwords), workers=4))
        admin = benchlib.api("POST", port, "/session", {"username": "nationaladmin", "password": admin_password})
        key = benchlib.api("GET", port, f"/courses/{COURSE}/quizzes/{FINAL}", token=admin["token"])
    finally:
        server.stop()
    db = benchlib.sqlite_connect(os.path.join(data, "academy.sqlite"))
    db.execute("UPDATE user SET must_change_password = 0")  # bench database only (see benchlib)
    db.close()
    with open(os.path.join(seed_dir, "tokens.json"), "w") as f:
        json.dump(tokens, f)
    with open(os.path.join(seed_dir, "key.json"), "w") as f:
        json.dump(key, f)
    with open(os.path.join(seed_dir, "seed.json"), "w") as f:
        json.dump(dict(seed_meta(count), seconds=round(time.time() - started)), f)
    log(f"seed: ready in {time.time() - started:.0f}s")


def ensure_seed(binary, seed_dir, count, port, fresh):
    try:
        with open(os.path.join(seed_dir, "seed.json")) as f:
            meta = json.load(f)
        current = all(meta.get(k) == v for k, v in seed_meta(count).items())
    except (OSError, ValueError):
        current = False
    if fresh or not current:
        build_seed(binary, seed_dir, count, port)
    else:
        log(f"seed: reusing {seed_dir} (NATIONAL_FRESH=1 or --fresh rebuilds it)")


def lessons_read_before(db_path):
    """Bench database only: every learner read the course's lessons in the weeks before the exam (written with SQL),
    all but the one the simulation opens, so that passing the final test completes the course and earns a
    certificate as on the real exam day (course.yaml: every lesson read and the final test passed)."""
    with open(os.path.join(ROOT, "Courses", COURSE, "course.yaml"), encoding="utf-8") as f:
        blocks = re.split(r"^  - slug: ", f.read(), flags=re.M)[1:]
    lessons = [b.split()[0] for b in blocks if re.search(r"^    lesson: ", b, re.M)]
    others = [slug for slug in lessons if f"/{slug}" != LESSON_PATH[-len(slug) - 1:]]
    db = benchlib.sqlite_connect(db_path)
    db.execute("BEGIN")
    for slug in others:
        db.execute("INSERT OR IGNORE INTO lesson_view (user_id, course_slug, module_slug, first_opened_at, "
                   "last_opened_at) SELECT id, ?, ?, strftime('%Y-%m-%d %H:%M:%f', 'now', '-10 days'), "
                   "strftime('%Y-%m-%d %H:%M:%f', 'now', '-10 days') FROM user WHERE role = 'learner'",
                   (COURSE, slug))
    db.execute("COMMIT")
    db.close()
    return len(others)


# ---------------------------------------------------------------- the simulated learners (asyncio, keep-alive)

class Connection:
    """One browser-like HTTP/1.1 keep-alive connection to the server; reconnects when the server closed it."""

    def __init__(self, port):
        self.port, self.reader, self.writer = port, None, None

    async def request(self, method, path, headers, body=None, timeout=60):
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else b""
        head = f"{method} {path} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in headers.items())
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n"
        payload = (head + "\r\n").encode() + data
        for attempt in (0, 1):
            fresh = self.writer is None
            try:
                if fresh:
                    self.reader, self.writer = await asyncio.wait_for(asyncio.open_connection(HOST, self.port),
                                                                      timeout)
                self.writer.write(payload)
                return await asyncio.wait_for(self._response(), timeout)
            except (ConnectionError, asyncio.IncompleteReadError) as error:
                self.close()
                if fresh or attempt:  # a kept-alive connection the server had closed: send again once, as browsers do
                    raise error
        raise RuntimeError("unreachable")

    async def _response(self):
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                k, v = line.split(":", 1)
                headers[k.strip().lower()] = v.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                body += chunk[:-2]
        else:
            body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, body

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def learner(port, item, key, t0, duration, records, rng):
    """One learner's exam, from arrival at t0 + item['at']: lesson page, start, PUT each answer, submit."""
    await asyncio.sleep(max(0.0, t0 + item["at"] - time.monotonic()))
    conn = Connection(port)
    auth = {"Authorization": "Bearer " + item["token"]}

    async def timed(kind, method, path, headers, body=None, ok=(200, 201, 204)):
        start = time.monotonic()
        try:
            status, payload = await conn.request(method, path, headers, body)
            error = None if status in ok else f"HTTP {status}"
        except Exception as failure:  # noqa: BLE001 - every failure is counted and reported
            status, payload, error = 0, b"", type(failure).__name__
        records.append((kind, start - t0, time.monotonic() - start, status, error))
        return payload if error is None else None

    try:
        cookie = {"Cookie": f"session={item['token']}; csrf={item['csrf']}"}
        if await timed("lesson", "GET", LESSON_PATH, cookie) is None:
            return
        started = await timed("start", "POST", f"/api/v1/courses/{COURSE}/quizzes/{FINAL}/attempts", auth, {})
        if started is None:
            return
        attempt = json.loads(started)
        answers = benchlib.answers_for(attempt["questions"], key, rng, right=RIGHT)
        ids = list(answers)
        changes = [rng.choice(ids) for _ in range(ANSWER_CHANGES)] if ids else []
        saves = [(qid, answers[qid]) for qid in ids] + [(qid, answers[qid]) for qid in changes]
        gap = duration / (len(saves) + 1)
        begun = time.monotonic()
        for number, (qid, answer) in enumerate(saves, 1):
            # Human pace, compressed: the saves spread evenly over the learner's time, with a little jitter.
            await asyncio.sleep(max(0.0, begun + gap * number * rng.uniform(0.9, 1.1) - time.monotonic()))
            await timed("answer", "PUT", f"/api/v1/attempts/{attempt['attempt_id']}/answers/{qid}", auth, answer)
        await asyncio.sleep(max(0.0, begun + duration - time.monotonic()))
        graded = await timed("submit", "POST", f"/api/v1/attempts/{attempt['attempt_id']}/submission", auth,
                             {"answers": answers})
        if graded is not None and json.loads(graded).get("certificate_code"):
            records.append(("certificate", time.monotonic() - t0, 0.0, 200, None))
    finally:
        conn.close()


def client_process(port, items, key, t0_wall, duration, seed, out):
    """One client process (the GIL holds one process to one core): its share of the learners, results to `out`."""
    benchlib.raise_nofile()
    records = []
    rng = random.Random(seed)

    async def main():
        t0 = time.monotonic() + (t0_wall - time.time())
        await asyncio.gather(*(learner(port, item, key, t0, duration, records, random.Random(rng.random()))
                               for item in items))

    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    asyncio.run(main())
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    out.put((records, (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)))


# ---------------------------------------------------------------- figures

def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]


def summarize(records, window, targets):
    lo, hi = window
    kinds = {}
    for kind in ("lesson", "start", "answer", "submit", "certificate"):
        rows = [r for r in records if r[0] == kind]
        done = [r for r in rows if r[4] is None]
        inside = [r for r in done if lo <= r[1] < hi]
        lat = [r[2] for r in done]
        errors = {}
        for r in rows:
            if r[4]:
                errors[r[4]] = errors.get(r[4], 0) + 1
        entry = {"requests": len(rows), "ok": len(done), "errors": errors,
                 "rate_per_s": round(len(inside) / (hi - lo), 1) if hi > lo else 0.0}
        if kind != "certificate":
            entry.update({f"p{p}_ms": round(percentile(lat, p) * 1000, 1) if lat else None for p in (50, 95, 99)})
            entry["target_per_s"] = round(targets[kind], 1)
        kinds[kind] = entry
    return kinds


def sign_in_cost(binary, data, port):
    """Five sign-ins at the server's default scrypt cost (log2 N = 15), timed one by one: the cost of a sign-in."""
    password = "national-signin-" + hashlib.sha256(os.urandom(8)).hexdigest()[:16]
    subprocess.run([binary, "users", "add", "nationalprobe", "--role", "learner", "--name", "Probe", "--data", data],
                   cwd=ROOT, input=password + "\n", text=True, capture_output=True, timeout=120)
    times = []
    for _ in range(5):
        start = time.monotonic()
        benchlib.api("POST", port, "/session", {"username": "nationalprobe", "password": password})
        times.append(time.monotonic() - start)
    return round(sorted(times)[2] * 1000, 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--province", choices=sorted(PROVINCES), default="tuyen-quang")
    parser.add_argument("--seconds", type=int, default=90, help="seconds of arrivals at the peak rate")
    parser.add_argument("--learner-seconds", type=float, default=20.0, help="one learner's test, compressed")
    parser.add_argument("--factor", type=float, default=1.0, help="multiply the model's peak rate (stress runs)")
    parser.add_argument("--fraction", type=float, default=None,
                        help="replay this fraction of the peak (default 1, or what the data set carries)")
    parser.add_argument("--clients", type=int, default=None, help="client processes (default: 1 per 600 req/s)")
    parser.add_argument("--port", type=int, default=18083)
    parser.add_argument("--dir", default=os.path.join(ROOT, "data-bench", "national"))
    parser.add_argument("--fresh", action="store_true", default=os.environ.get("NATIONAL_FRESH") == "1")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"national: no server binary at {args.binary}")
    if not 5 <= args.seconds <= 600 or not 2 <= args.learner_seconds <= 120:
        sys.exit("national: --seconds must be 5..600 and --learner-seconds 2..120")
    benchlib.raise_nofile()
    os.makedirs(args.dir, exist_ok=True)
    binary = benchlib.stable_binary(args.binary, args.dir)
    seed_dir, data = os.path.join(args.dir, "seed"), os.path.join(args.dir, "run", "data")
    ensure_seed(binary, seed_dir, SEED_LEARNERS, args.port, args.fresh)

    m = model(args.province, args.factor)
    needed = m["learners_per_s"] * args.seconds
    fraction = args.fraction if args.fraction is not None else min(1.0, SEED_LEARNERS / needed)
    if needed * fraction > SEED_LEARNERS:
        sys.exit(f"national: {needed * fraction:.0f} learners needed, the data set has {SEED_LEARNERS}: "
                 "lower --seconds or --fraction")
    rate = m["learners_per_s"] * fraction
    targets = {k: v * fraction for k, v in m["targets_per_s"].items()}
    count = int(rate * args.seconds)
    total_rps = sum(targets.values())
    clients = args.clients or max(1, min(4, round(total_rps / 600 + 0.49)))
    log(f"{args.province}: {m['learners']:,} learners ({m['officials']:,} officials, {m['members']:,} team members) "
        f"in {m['communes']:,} communes; peak {m['learners_per_s']:.2f} learners/s × factor {args.factor}")
    log(f"replaying {fraction:.4g} of it: {rate:.2f} learners/s for {args.seconds} s = {count:,} learners, "
        f"{total_rps:.0f} requests/s at the plateau, {clients} client process(es), "
        f"{args.learner_seconds:g} s per learner")

    with open(os.path.join(seed_dir, "tokens.json")) as f:
        tokens = json.load(f)
    with open(os.path.join(seed_dir, "key.json")) as f:
        key = json.load(f)
    benchlib.restore_seed(seed_dir, data)
    lessons_read_before(os.path.join(data, "academy.sqlite"))
    users = sorted(tokens)[:count]
    items = [{"token": tokens[u], "csrf": f"{n:043d}", "at": n / rate} for n, u in enumerate(users)]

    with open("/proc/loadavg") as f:
        load_before = f.read().split()[:3]
    server_log = os.path.join(args.dir, "run", "server.log")
    server = benchlib.Server(binary, data, args.port, server_log).start()
    try:
        time.sleep(2)
        idle = server.memory()
        sampler = benchlib.MemorySampler(server, interval=0.5)
        sampler.start()
        cpu0 = server.cpu_seconds()
        t0_wall = time.time() + 1.0
        queue = multiprocessing.Queue()
        procs = [multiprocessing.Process(target=client_process, args=(
            args.port, items[i::clients], key, t0_wall, args.learner_seconds, i, queue)) for i in range(clients)]
        for p in procs:
            p.start()
        results = [queue.get(timeout=args.seconds + args.learner_seconds + 300) for _ in procs]
        for p in procs:
            p.join(timeout=30)
        wall = time.time() - t0_wall
        server_cpu = server.cpu_seconds() - cpu0
        peak = sampler.finish()
        signin_ms = sign_in_cost(binary, data, args.port)
    finally:
        server.stop()
    with open("/proc/loadavg") as f:
        load_after = f.read().split()[:3]
    records = [r for recs, _ in results for r in recs]
    client_cpu = sum(c for _, c in results)
    # The plateau: every learner of the window arrived after the first learners' submissions began.
    window = (args.learner_seconds + 2, args.seconds)
    kinds = summarize(records, window, targets)
    submitted = kinds["submit"]["ok"]
    db = benchlib.sqlite_connect(data + "/academy.sqlite")
    stored = db.execute("SELECT COUNT(*) FROM attempt WHERE module_slug = ? AND submitted_at IS NOT NULL",
                        (FINAL,)).fetchone()[0]
    certificates = db.execute("SELECT COUNT(*) FROM certificate").fetchone()[0]
    owed = db.execute("SELECT COUNT(*) FROM certificate_outbox").fetchone()[0]
    db.close()

    failures = []
    for kind in ("lesson", "start", "answer", "submit"):
        k = kinds[kind]
        if window[1] > window[0] and k["rate_per_s"] < 0.95 * k["target_per_s"]:
            failures.append(f"{kind}: {k['rate_per_s']}/s of {k['target_per_s']}/s")
        if k["errors"]:
            failures.append(f"{kind}: errors {k['errors']}")
        if k["p99_ms"] is not None and k["p99_ms"] > LIMITS_P99_S[kind] * 1000:
            failures.append(f"{kind}: p99 {k['p99_ms']} ms > {LIMITS_P99_S[kind] * 1000:.0f} ms")
    if stored < submitted:
        failures.append(f"{submitted - stored} acknowledged submissions not stored")
    requests = sum(k["requests"] for n, k in kinds.items() if n != "certificate")
    out = {"province": args.province, "model": m, "fraction": fraction, "learners": count,
           "seconds": args.seconds, "learner_seconds": args.learner_seconds, "window_s": window,
           "wall_s": round(wall, 1),
           "kinds": kinds, "stored_submissions": stored, "certificates_stored": certificates,
           "certificates_owed": owed, "server_cpu_s": round(server_cpu, 2),
           "server_cpu_ms_per_learner": round(server_cpu * 1000 / max(1, count), 2),
           "server_cpu_ms_per_request": round(server_cpu * 1000 / max(1, requests), 3),
           "client_cpu_s": round(client_cpu, 2), "clients": clients, "rss_idle_mib": round(idle.get("VmRSS", 0), 1),
           "rss_peak_mib": round(peak or 0, 1), "sign_in_ms": signin_ms, "load_before": load_before,
           "load_after": load_after, "sustained": not failures, "failures": failures,
           "finished": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())}

    print()
    print(f"{args.province}: {fraction:.4g} of the peak, {count:,} learners over {args.seconds} s "
          f"({rate:.2f}/s), {args.learner_seconds:g} s each; plateau {window[0]:g}-{window[1]:g} s; "
          f"load average before {' '.join(load_before)}, after {' '.join(load_after)}")
    print("| request | target/s | achieved/s | p50 ms | p95 ms | p99 ms | requests | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for kind in ("lesson", "start", "answer", "submit"):
        k = kinds[kind]
        print(f"| {kind} | {k['target_per_s']} | {k['rate_per_s']} | {k['p50_ms']} | {k['p95_ms']} | {k['p99_ms']} | "
              f"{k['requests']:,} | {k['errors'] or 0} |")
    cert = kinds["certificate"]
    print(f"| certificate (passed) | — | {cert['rate_per_s']} | | | | {cert['ok']:,} | |")
    print(f"\nstored: {stored:,} submissions of {submitted:,} acknowledged; {certificates:,} certificates signed, "
          f"{owed} still owed at the stop")
    print(f"server CPU {server_cpu:.1f} s = {out['server_cpu_ms_per_learner']} ms per learner "
          f"({out['server_cpu_ms_per_request']} ms per request); "
          f"client CPU {client_cpu:.1f} s ({clients} process(es)); "
          f"RSS idle {out['rss_idle_mib']} MiB, peak {out['rss_peak_mib']} MiB; one sign-in at scrypt 2^15: "
          f"{signin_ms} ms")
    with open(os.path.join(args.dir, "results.json"), "w") as f:
        json.dump(out, f, indent=2)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(out, f, indent=2)
    if failures:
        print("\nNOT SUSTAINED: " + "; ".join(failures))
        return 1
    print(f"\nSUSTAINED: every request kind at ≥ 95 % of its target rate, no error, p99 within the limits "
          f"{LIMITS_P99_S}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
