#!/usr/bin/env python3
"""`make crashtest`: kill -9 the server under a quiz-submission load, restart it, and check nothing acknowledged
was lost and nothing is half-written. Repeats a few times; exits non-zero on any loss.

Each round, with the server running on a copy of the benchmark data set (10,000 learners with live tokens):
  * THREADS client threads loop (bounded): start an attempt at a module quiz, then submit it with answers; every
    answer the server acknowledged (201/200 with a JSON body) is recorded — the started attempt, and the graded
    result (score, percent, how many answers were sent);
  * after a random 1.5–4 s (and at least 100 acknowledged submissions), the server gets SIGKILL mid-load;
  * the server is restarted on the same files (SQLite recovers the WAL), and the database is checked:
      - every acknowledged start is there;
      - every acknowledged submission is there, graded, with the acknowledged score and percent and its answers;
      - no attempt is half-written: none has submitted_at without score/percent/passed/result_json, or a result
        without submitted_at;
      - PRAGMA integrity_check is "ok" and PRAGMA foreign_key_check finds nothing.
The restarted server carries the next round's load. Traffic only to 127.0.0.1.

Usage: crashtest.py [--binary B] [--rounds 5] [--threads 16] [--count 10000]
"""
import argparse
import http.client
import json
import os
import random
import sqlite3
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
from benchlib import COURSE, CRASH_MODULES, ROOT, log  # noqa: E402


class Load:
    """Client threads that start and submit attempts until told to stop or the server dies."""

    def __init__(self, port, learners, keys, threads, round_no):
        self.port, self.keys = port, keys
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.started = {}       # attempt_id -> username (201/200 acknowledged)
        self.submitted = {}     # attempt_id -> (graded JSON, number of answers sent)
        self.sent = set()       # submissions sent (acknowledged or not)
        self.errors = 0
        self.threads = []
        for index in range(threads):
            mine = learners[index::threads]
            self.threads.append(threading.Thread(target=self.worker, args=(mine, round_no * 1000 + index), daemon=True))

    def worker(self, learners, seed):
        rng = random.Random(seed)
        conn = None
        deadline = time.time() + 120  # bounded whatever happens
        for step in range(100_000):
            if self.stop.is_set() or time.time() > deadline:
                break
            username, token = learners[step % len(learners)]
            module = CRASH_MODULES[step % len(CRASH_MODULES)]
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(benchlib.HOST, self.port, timeout=10)
                status, body = self.call(conn, "POST", f"/api/v1/courses/{COURSE}/quizzes/{module}/attempts", {}, token)
                if status not in (200, 201):
                    raise RuntimeError(f"start: HTTP {status}")
                started = json.loads(body)
                attempt = started["attempt_id"]
                with self.lock:
                    self.started[attempt] = username
                answers = benchlib.answers_for(started["questions"], self.keys[module], rng)
                with self.lock:
                    self.sent.add(attempt)
                status, body = self.call(conn, "POST", f"/api/v1/attempts/{attempt}/submission",
                                         {"answers": answers}, token)
                if status != 200:
                    raise RuntimeError(f"submit: HTTP {status}")
                graded = json.loads(body)
                with self.lock:
                    self.submitted[attempt] = (graded, len(answers))
            except (OSError, http.client.HTTPException, RuntimeError, ValueError):
                with self.lock:
                    self.errors += 1
                if conn is not None:
                    conn.close()
                conn = None
                if self.stop.is_set():
                    break
                time.sleep(0.05)
        if conn is not None:
            conn.close()

    @staticmethod
    def call(conn, method, path, body, token):
        data = json.dumps(body).encode()
        conn.request(method, path, body=data,
                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, response.read()

    def start(self):
        for thread in self.threads:
            thread.start()

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)


def check(db_path, load):
    """The checks after a restart; returns a dict of counts (lost_* and half_written must be 0)."""
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
    rows = {}
    ids = list(load.started)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for row in db.execute(
                f"SELECT id, submitted_at, score, percent, passed, result_json, "
                f"(SELECT COUNT(*) FROM answer WHERE attempt_id = attempt.id) "
                f"FROM attempt WHERE id IN ({','.join('?' * len(chunk))})", chunk):
            rows[row[0]] = row
    lost_starts = [a for a in load.started if a not in rows]
    lost_submissions, wrong = [], []
    for attempt, (graded, answered) in load.submitted.items():
        row = rows.get(attempt)
        if row is None or row[1] is None or row[5] is None:
            lost_submissions.append(attempt)
        elif abs(row[2] - graded["score"]) > 1e-9 or abs(row[3] - graded["percent"]) > 1e-9 \
                or bool(row[4]) != graded["passed"] or row[6] != answered:
            wrong.append(attempt)
    stored_unacknowledged = sum(1 for a in load.sent if a not in load.submitted and a in rows and rows[a][1])
    half = db.execute(
        "SELECT COUNT(*) FROM attempt WHERE (submitted_at IS NOT NULL AND (score IS NULL OR max_score IS NULL "
        "OR percent IS NULL OR passed IS NULL OR result_json IS NULL)) OR (submitted_at IS NULL AND "
        "(score IS NOT NULL OR result_json IS NOT NULL))").fetchone()[0]
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    foreign = len(db.execute("PRAGMA foreign_key_check").fetchall())
    db.close()
    return {
        "started_acknowledged": len(load.started), "submissions_acknowledged": len(load.submitted),
        "submissions_in_flight": len(load.sent) - len(load.submitted),
        "in_flight_stored_anyway": stored_unacknowledged,
        "lost_starts": len(lost_starts), "lost_submissions": len(lost_submissions), "wrong_results": len(wrong),
        "half_written": half, "integrity": integrity, "foreign_key_problems": foreign, "client_errors": load.errors,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build-release/release/academy"))
    parser.add_argument("--dir", default=os.path.join(ROOT, "data-bench", "load"))
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--port", type=int, default=18095)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--fresh", action="store_true", default=os.environ.get("BENCH_FRESH") == "1")
    parser.add_argument("--report", default=os.path.join(ROOT, "BENCHMARKS.md"))
    parser.add_argument("--no-report", action="store_true")
    parser.add_argument("--inject-loss", action="store_true",
                        help="self-test of the checks: damage two acknowledged attempts after the first restart "
                             "(the run must then fail)")
    args = parser.parse_args()
    benchlib.raise_nofile()
    args.binary = benchlib.stable_binary(args.binary, args.dir)
    seed_dir = os.path.join(args.dir, "seed")
    benchlib.ensure_seed(args.binary, seed_dir, args.count, args.port + 1, fresh=args.fresh)
    with open(os.path.join(seed_dir, "tokens.json")) as f:
        tokens = json.load(f)["learners"]
    with open(os.path.join(seed_dir, "keys.json")) as f:
        keys = json.load(f)
    crash_dir = os.path.join(args.dir, "crash")
    os.makedirs(crash_dir, exist_ok=True)
    data = os.path.join(crash_dir, "data")
    benchlib.restore_seed(seed_dir, data)
    db_path = os.path.join(data, "academy.sqlite")
    server_log = os.path.join(crash_dir, "server.log")
    if os.path.exists(server_log):
        os.remove(server_log)
    learners = sorted(tokens.items())
    rng = random.Random(2024)
    rounds, failed = [], False
    server = benchlib.Server(args.binary, data, args.port, server_log).start()
    try:
        for round_no in range(1, args.rounds + 1):
            rng.shuffle(learners)
            load = Load(args.port, learners[:2000], keys, args.threads, round_no)
            load.start()
            begun = time.time()
            kill_at = begun + rng.uniform(1.5, 4.0)
            while time.time() < begun + 30 and (time.time() < kill_at or len(load.submitted) < 100):
                time.sleep(0.02)
            with load.lock:
                acknowledged_at_kill = len(load.submitted)
            server.kill9()
            killed_after = time.time() - begun
            load.finish()
            restarted = time.time()
            server = benchlib.Server(args.binary, data, args.port, server_log).start()
            restart_s = time.time() - restarted
            if args.inject_loss and round_no == 1 and len(load.submitted) >= 2:
                damaged = list(load.submitted)[:2]
                db = benchlib.sqlite_connect(db_path)
                db.execute("UPDATE attempt SET result_json = NULL WHERE id = ?", (damaged[0],))
                db.execute("DELETE FROM attempt WHERE id = ?", (damaged[1],))
                db.close()
                log(f"--inject-loss: half-wrote {damaged[0]} and deleted {damaged[1]}")
            result = check(db_path, load)
            result.update(round=round_no, killed_after_s=round(killed_after, 2), restart_s=round(restart_s, 2),
                          acknowledged_at_kill=acknowledged_at_kill)
            bad = result["lost_starts"] or result["lost_submissions"] or result["wrong_results"] \
                or result["half_written"] or result["integrity"] != "ok" or result["foreign_key_problems"]
            failed = failed or bool(bad)
            rounds.append(result)
            log(f"round {round_no}: killed after {result['killed_after_s']} s; "
                f"{result['submissions_acknowledged']} submissions acknowledged, {result['lost_submissions']} lost, "
                f"{result['wrong_results']} wrong, {result['half_written']} half-written; "
                f"{result['started_acknowledged']} starts acknowledged, {result['lost_starts']} lost; "
                f"{result['submissions_in_flight']} in flight ({result['in_flight_stored_anyway']} stored anyway); "
                f"integrity {result['integrity']}; restart {result['restart_s']} s" + ("  FAILED" if bad else ""))
    finally:
        server.stop()
    db = sqlite3.connect(db_path)
    final_integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    db.close()
    failed = failed or final_integrity != "ok"
    total = {k: sum(r[k] for r in rounds) for k in (
        "submissions_acknowledged", "lost_submissions", "wrong_results", "half_written", "started_acknowledged",
        "lost_starts", "submissions_in_flight", "in_flight_stored_anyway")}
    verdict = "FAILED" if failed else "passed"
    summary = (f"crashtest {verdict}: {len(rounds)} kill -9 rounds, {total['submissions_acknowledged']} acknowledged "
               f"submissions, {total['lost_submissions']} lost, {total['wrong_results']} with a different result, "
               f"{total['half_written']} half-written attempts; {total['started_acknowledged']} acknowledged starts, "
               f"{total['lost_starts']} lost; integrity after the last clean stop: {final_integrity}")
    print(summary)
    with open(os.path.join(args.dir, "crashtest.json"), "w") as f:
        json.dump({"rounds": rounds, "total": total, "final_integrity": final_integrity, "passed": not failed}, f,
                  indent=2)
    if not args.no_report and not args.inject_loss:
        import report
        lines = [f"Run {time.strftime('%Y-%m-%d %H:%M:%S %Z')}: {args.threads} client threads starting and submitting "
                 f"attempts (modules {', '.join(CRASH_MODULES)}) for learners of the {args.count:,}-learner data set; "
                 "SIGKILL after 1.5–4 s (and at least 100 acknowledged submissions), restart, check.", "",
                 "| round | killed after | submissions acknowledged | lost | different result | half-written | "
                 "starts acknowledged | lost | in flight (stored anyway) | integrity | restart |",
                 "|---|---|---|---|---|---|---|---|---|---|---|"]
        for r in rounds:
            lines.append(
                f"| {r['round']} | {r['killed_after_s']} s | {r['submissions_acknowledged']} | {r['lost_submissions']} "
                f"| {r['wrong_results']} | {r['half_written']} | {r['started_acknowledged']} | {r['lost_starts']} | "
                f"{r['submissions_in_flight']} ({r['in_flight_stored_anyway']}) | {r['integrity']} | {r['restart_s']} s |")
        lines += ["", f"**{summary}.**"]
        report.write_crash(args.report, "\n".join(lines))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
