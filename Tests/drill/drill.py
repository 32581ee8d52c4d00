#!/usr/bin/env python3
"""`make drill`: lose the machine under a burst of quiz submissions, restore from Litestream's replicas, count.

Everything in a fresh folder /tmp/drill-*; traffic only to 127.0.0.1; every loop bounded in count and time.

Two rounds, one per replica: Config/deploy/litestream-file.yml (a file path) and litestream.yml (S3). Litestream
0.5 takes one replica per database, and two `litestream replicate` processes on one database hold the WAL open
between them (measured: 293 MB after 60 s of this burst, against ~20 MB with one), so production runs one.
Each round:
  1. N learners (default 200) and an admin are imported (scrypt log N 10: drill accounts only) and a signing key
     made; the keys folder is backed up encrypted by Config/deploy/backup-keys.sh (to the backup folder and S3).
  2. moto's server on 127.0.0.1:18500 is the S3 store (a bucket made with boto3). The production configuration is
     used as it is, with only /var/lib/academy, /var/backups/academy and the metrics port pointed into the drill
     folder.
  3. `academy serve` (port 18082, litestream: true). Learners sign in through the API; some read every lesson and
     pass the final test (certificates, with their signed .jwt kept by the client).
  4. The burst: many client threads start and submit module quizzes (and some final tests); each 2xx answer is
     recorded with the moment it arrived. After 4-7 s the machine is "lost": Litestream and the server get SIGKILL
     at the same moment (a dead machine stops nothing gracefully and uploads nothing more), and the data folder
     is deleted.
  5. `litestream restore` into a fresh folder; the keys come back from the encrypted backup (restore-keys.sh: the
     file copy in the file round, S3 in the S3 round). Then PRAGMA integrity_check and foreign_key_check; every
     acknowledged submission, start and certificate present or missing; the RPO: seconds between the last
     acknowledged write that survived and the kill (0 if nothing acknowledged is missing). The server is started
     on the copy: every certificate issued before the kill that survived must still verify (POST /api/v1/verify
     with the .jwt the client kept, and GET /v/CODE), and a new certificate is issued and verified (the restored
     private key signs).

Fails (exit 1) on: integrity or foreign keys not ok; a restored copy the server cannot start on; a surviving
certificate that does not verify; a restored key that cannot sign; an acknowledged write lost although it was
acknowledged more than the bound before the kill (monitor-interval + sync-interval + 2 s); a missing write
acknowledged well before one that survived (a hole: Litestream ships transactions in commit order). The bound: a write
reaches a local LTX file within one monitor-interval (1 s) and the replica within the next sync-interval (1 s);
2 s more cover Litestream waiting for a core while the server and the client threads saturate both.

Usage: drill.py --binary PATH [--learners 200] [--threads 24] [--keep]
"""
import argparse
import datetime
import http.client
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "bench"))
import benchlib  # noqa: E402
from benchlib import COURSE, FINAL, MODULE_QUIZZES  # noqa: E402

DEPLOY = os.path.join(ROOT, "Config", "deploy")
BUCKET = "academy-drill"
S3_PATH = "tuyenquang/academy"


def log(*parts):
    print(time.strftime("%H:%M:%S"), *parts, flush=True)


class Failure(Exception):
    pass


# ---------------------------------------------------------------- processes

class Child:
    """A helper process in its own session, stopped by its own pid only."""

    def __init__(self, name, argv, log_path, env=None, cwd=ROOT):
        self.name = name
        logf = open(log_path, "ab")
        self.proc = subprocess.Popen(argv, stdout=logf, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     env=environment(env), cwd=cwd, start_new_session=True)
        logf.close()
        self.log_path = log_path

    def alive(self):
        return self.proc.poll() is None

    def kill9(self):
        if self.alive():
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self, timeout=40):
        if not self.alive():
            return
        os.kill(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill9()


def environment(extra):
    """This process's environment with `extra` on top. AWS_CA_BUNDLE is dropped: Litestream 0.5.17's S3 client
    stops with "unable to add custom RootCAs HTTPClient" when it is set (the drill's S3 is plain HTTP anyway)."""
    env = {k: v for k, v in os.environ.items() if k != "AWS_CA_BUNDLE"}
    env.update(extra or {})
    return env


def wait_port(port, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/")
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.2)
    raise Failure(f"nothing answered on 127.0.0.1:{port} within {timeout}s")


def require_free(port):
    """Stops the drill when something else already listens on the port (it would answer our health checks)."""
    import socket
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise Failure(f"127.0.0.1:{port} is already in use; stop what listens there or pass another port")


def run(argv, env=None, input_text=None, timeout=600, what=None):
    result = subprocess.run(argv, cwd=ROOT, env=environment(env), input=input_text, text=True,
                            capture_output=True, timeout=timeout)
    if result.returncode != 0:
        raise Failure(f"{what or argv[0]} failed ({result.returncode}):\n"
                      f"{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return result


# ---------------------------------------------------------------- configuration

def drill_config(name, data, backup, ports):
    """A production Litestream configuration with its paths and metrics port pointed into the drill folder."""
    with open(os.path.join(DEPLOY, name)) as f:
        text = f.read()
    text = text.replace("/var/lib/academy", data).replace("/var/backups/academy", backup)
    for production, drill in ports.items():
        text = text.replace(f"127.0.0.1:{production}", f"127.0.0.1:{drill}")
    return text


def duration_seconds(text):
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s|m|h)", str(text).strip())
    if not match:
        raise Failure(f"cannot read the duration {text!r}")
    value, unit = float(match.group(1)), match.group(2)
    return value * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[unit]


def sync_intervals(config_text):
    import yaml
    config = yaml.safe_load(config_text)
    db = config["dbs"][0]
    return (duration_seconds(db["replica"].get("sync-interval", "1s")),
            duration_seconds(db.get("monitor-interval", "1s")))


# ---------------------------------------------------------------- the burst

class Burst:
    """Client threads that start and submit quizzes until told to stop; every 2xx answer is kept with its time."""

    def __init__(self, port, learners, keys, threads, finals):
        self.port, self.keys = port, keys
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.started = {}      # attempt id -> time its 201/200 arrived
        self.submitted = {}    # attempt id -> time its 200 arrived
        self.certificates = {}  # code -> (time, jwt) for final tests passed during the burst
        self.errors = 0
        self.finals = set(finals)  # learners who take the final test first (certificates during the burst)
        self.threads = [threading.Thread(target=self.worker, args=(learners[i::threads], i), daemon=True)
                        for i in range(threads)]

    def worker(self, learners, seed):
        rng = random.Random(seed)
        conn = None
        deadline = time.time() + 90
        done_final = set()
        for step in range(100_000):
            if self.stop.is_set() or time.time() > deadline:
                break
            username, token = learners[step % len(learners)]
            module = FINAL if username in self.finals and username not in done_final \
                else MODULE_QUIZZES[(step // len(learners)) % len(MODULE_QUIZZES)]
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                status, body = call(conn, "POST", f"/api/v1/courses/{COURSE}/quizzes/{module}/attempts", {}, token)
                if status not in (200, 201):
                    raise RuntimeError(f"start: HTTP {status} {body[:200]!r}")
                started = json.loads(body)
                attempt = started["attempt_id"]
                with self.lock:
                    self.started[attempt] = time.time()
                right = 1.0 if module == FINAL else 0.8
                answers = benchlib.answers_for(started["questions"], self.keys[module], rng, right=right)
                status, body = call(conn, "POST", f"/api/v1/attempts/{attempt}/submission", {"answers": answers},
                                    token)
                if status != 200:
                    raise RuntimeError(f"submit: HTTP {status} {body[:200]!r}")
                acknowledged = time.time()
                graded = json.loads(body)
                with self.lock:
                    self.submitted[attempt] = acknowledged
                if module == FINAL:
                    done_final.add(username)
                    code = graded.get("certificate_code")
                    if code:
                        with self.lock:
                            self.certificates[code] = (acknowledged, None)
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

    def start(self):
        for thread in self.threads:
            thread.start()

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)


def call(conn, method, path, body, token):
    conn.request(method, path, body=json.dumps(body).encode(),
                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    response = conn.getresponse()
    return response.status, response.read()


# ---------------------------------------------------------------- checks of a restored copy

def server_time(text):
    """A GRDB timestamp ("yyyy-MM-dd HH:mm:ss.SSS", UTC) as seconds since the epoch."""
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=datetime.timezone.utc).timestamp()


def check_copy(db_path, burst, certificates, killed_at):
    """Integrity, and which acknowledged writes are in the restored database."""
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    foreign = len(db.execute("PRAGMA foreign_key_check").fetchall())
    ids = list(burst.started)
    rows = {}
    server_times = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for row in db.execute(f"SELECT id, submitted_at IS NOT NULL AND result_json IS NOT NULL, started_at, "
                              f"submitted_at FROM attempt WHERE id IN ({','.join('?' * len(chunk))})", chunk):
            rows[row[0]] = bool(row[1])
            # The server's own clock at each write (same machine as the client's): the start, then the grading.
            stamps = [server_time(row[2])] + ([server_time(row[3])] if row[1] else [])
            server_times.extend(stamps)
    codes = set(r[0] for r in db.execute("SELECT code FROM certificate"))
    db.close()
    # Every acknowledged write with the moment its answer arrived: starts, submissions, certificates.
    writes = [(t, "start", a) for a, t in burst.started.items()]
    writes += [(t, "submission", a) for a, t in burst.submitted.items()]
    writes += [(t, "certificate", c) for c, (t, _) in certificates.items()]
    present = []
    missing = []
    for t, kind, key in writes:
        here = (key in rows) if kind == "start" else rows.get(key, False) if kind == "submission" else key in codes
        (present if here else missing).append((t, kind, key))
    last_survivor = max((t for t, _, _ in present), default=None)
    first_missing = min((t for t, _, _ in missing), default=None)
    # The RPO: how many seconds of acknowledged writes before the kill are gone. Nothing missing: 0.
    rpo = 0.0 if not missing else max(0.0, killed_at - (last_survivor if last_survivor is not None else first_missing))
    # A hole: Litestream ships whole transactions in commit order, so a restored copy holding a write must hold every
    # write committed before it. The client's moment of acknowledgement is no measure of commit order (a thread may
    # read its answer a second late on 2 busy cores), so the test is against the server's own timestamps: a missing
    # write whose answer had arrived (so: was committed) before the latest write the copy holds was committed is a
    # hole. Same clock: server and client run on this machine.
    last_commit = max(server_times, default=None)
    holes = [m for m in missing if last_commit is not None and m[0] < last_commit]
    count = {kind: [0, 0] for kind in ("start", "submission", "certificate")}
    for _, kind, _ in present:
        count[kind][0] += 1
    for _, kind, _ in missing:
        count[kind][1] += 1
    return {"integrity": integrity, "foreign_key_problems": foreign, "counts": count, "rpo": rpo,
            "first_missing_before_kill": None if first_missing is None else killed_at - first_missing,
            "last_survivor_before_kill": None if last_survivor is None else killed_at - last_survivor,
            "holes": len(holes), "codes": codes}


def check_server(binary, data, port, log_path, certificates, codes_present, spare, keys):
    """Starts the server on a restored copy; the surviving certificates verify; the restored key signs."""
    server = benchlib.Server(binary, data, port, log_path,
                             env={"ACADEMY_LITESTREAM": "true", "ACADEMY_SCRYPT_LOG_N": "10",
                                  "ACADEMY_LOOKUP_LIMIT_PER_MINUTE": "100000"})
    started = time.time()
    require_free(port)
    try:
        server.start(timeout=60)
    except RuntimeError as error:
        raise Failure(f"the server did not start on the restored copy {data}: {error}")
    start_s = time.time() - started
    try:
        verified = 0
        for code, (_, jwt) in certificates.items():
            if code not in codes_present:
                continue
            status, _, page = benchlib.request("GET", port, f"/v/{code}")
            if status != 200:
                raise Failure(f"GET /v/{code} answered {status} on the restored server")
            if jwt is None:
                status, _, body = benchlib.request("GET", port, f"/v/{code}.jwt")
                if status != 200:
                    raise Failure(f"GET /v/{code}.jwt answered {status} on the restored server")
                jwt = body.decode()
            status, _, body = benchlib.request("POST", port, "/api/v1/verify", body=jwt.encode(),
                                               headers={"Content-Type": "text/plain"})
            verdict = json.loads(body) if status == 200 else {}
            if not verdict.get("signature_valid") or verdict.get("status") != "valid":
                raise Failure(f"certificate {code} does not verify on the restored server: {status} {body[:300]!r}")
            verified += 1
        # The restored private key must sign: a learner who had none passes the final test now.
        username, token = spare
        reply = benchlib.api("POST", port, f"/courses/{COURSE}/quizzes/{FINAL}/attempts", {}, token)
        answers = benchlib.answers_for(reply["questions"], keys[FINAL], random.Random(1), right=1.0)
        graded = benchlib.api("POST", port, f"/attempts/{reply['attempt_id']}/submission", {"answers": answers},
                              token)
        code = graded.get("certificate_code")
        if not code:
            raise Failure(f"{username} passed the final test on the restored server but got no certificate: {graded}")
        status, _, body = benchlib.request("GET", port, f"/v/{code}.jwt")
        status, _, body = benchlib.request("POST", port, "/api/v1/verify", body=body,
                                           headers={"Content-Type": "text/plain"})
        if status != 200 or not json.loads(body).get("signature_valid"):
            raise Failure(f"the certificate signed after the restore does not verify: {status} {body[:300]!r}")
    finally:
        server.stop()
    return {"verified": verified, "start_s": start_s, "new_certificate": code}


# ---------------------------------------------------------------- the drill

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True, help="the academy release binary")
    parser.add_argument("--venv", default=os.path.join(HERE, ".venv"), help="where litestream and moto_server are")
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--threads", type=int, default=24)
    parser.add_argument("--certificates", type=int, default=10, help="final tests passed before the burst")
    parser.add_argument("--burst-finals", type=int, default=10, help="learners who take the final in the burst")
    parser.add_argument("--kill-after", type=float, default=None, help="seconds into the burst (default 4-7 s)")
    parser.add_argument("--port", type=int, default=18082)
    parser.add_argument("--s3-port", type=int, default=18500)
    parser.add_argument("--keep", action="store_true", help="keep the /tmp/drill-* folder")
    args = parser.parse_args()
    litestream = os.path.join(args.venv, "bin", "litestream")
    moto = os.path.join(args.venv, "bin", "moto_server")
    for tool in (litestream, moto, args.binary):
        if not os.access(tool, os.X_OK):
            raise SystemExit(f"drill: {tool} is missing (make drill installs Tests/drill/.venv)")
    benchlib.raise_nofile()
    base = tempfile.mkdtemp(prefix="drill-", dir="/tmp")
    binary = benchlib.stable_binary(args.binary, os.path.join(base, "bin"))
    children = []
    ok = False
    try:
        ok = drill(args, base, binary, litestream, moto, children)
    except Failure as failure:
        print(f"\nDRILL FAILED: {failure}", flush=True)
    except Exception as error:  # noqa: BLE001 - any other error fails the drill with its message, after cleanup
        print(f"\nDRILL FAILED: {type(error).__name__}: {error}", flush=True)
    finally:
        for child in reversed(children):
            try:
                child.stop(timeout=10)
            except Exception as error:  # noqa: BLE001 - cleaning up: report and go on with the others
                print(f"drill: could not stop a child process: {error}")
        if args.keep or not ok:
            print(f"drill folder kept: {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)
    return 0 if ok else 1


def drill(args, base, binary, litestream, moto, children):
    secrets = os.path.join(base, "secrets")      # /etc/academy: the passphrase
    logs = os.path.join(base, "logs")
    for folder in (secrets, logs):
        os.makedirs(folder, mode=0o700)
    passphrase = os.path.join(secrets, "keys-backup.pass")
    with open(os.open(passphrase, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
        f.write(os.urandom(24).hex() + "\n")
    s3_env = {"ACADEMY_S3_ENDPOINT": f"http://127.0.0.1:{args.s3_port}", "ACADEMY_S3_BUCKET": BUCKET,
              "ACADEMY_S3_REGION": "us-east-1", "ACADEMY_S3_PATH": S3_PATH,
              "LITESTREAM_ACCESS_KEY_ID": "drill-access-key", "LITESTREAM_SECRET_ACCESS_KEY": "drill-secret-key"}
    log(f"drill folder {base}; litestream {run([litestream, 'version']).stdout.strip()}")

    # -- the S3 store
    require_free(args.s3_port)
    require_free(args.port)
    children.append(Child("moto", [moto, "-H", "127.0.0.1", "-p", str(args.s3_port)], os.path.join(logs, "moto.log")))
    wait_port(args.s3_port)
    import boto3
    s3 = boto3.client("s3", endpoint_url=s3_env["ACADEMY_S3_ENDPOINT"], region_name="us-east-1",
                      aws_access_key_id="drill-access-key", aws_secret_access_key="drill-secret-key")
    s3.create_bucket(Bucket=BUCKET)
    log(f"moto_server on 127.0.0.1:{args.s3_port}, bucket {BUCKET}")

    results = {}
    for label, config_name, port in (("file", "litestream-file.yml", 9091), ("s3", "litestream.yml", 9091)):
        print(flush=True)
        log(f"---- round {label}: {config_name}")
        results[label] = one_round(args, base, binary, litestream, children, s3, s3_env, passphrase, logs, label,
                                   config_name, port)

    # -- verdict
    problems = []
    for label, r in results.items():
        if r["integrity"] != "ok" or r["foreign_key_problems"]:
            problems.append(f"{label}: integrity {r['integrity']}, {r['foreign_key_problems']} foreign-key problems")
        oldest = r["first_missing_before_kill"] or 0.0
        if max(r["rpo"], oldest) > r["bound"]:
            problems.append(f"{label}: RPO {r['rpo']:.2f} s / oldest lost write {oldest:.2f} s before the kill, "
                            f"above the bound {r['bound']:g} s")
        if r["holes"]:
            problems.append(f"{label}: {r['holes']} acknowledged writes missing before a surviving one")
    print()
    print(f"Litestream drill: {args.learners} learners, {args.threads} client threads; per replica, SIGKILL of the "
          "server and Litestream mid-burst, data folder deleted, `litestream restore`, keys from the encrypted backup.")
    print("| replica | killed after | submissions acknowledged (per s) | WAL max | restore | size | integrity "
          "| submissions present / missing | starts present / missing | certificates present / missing "
          "| RPO | oldest lost | server start | certificates verified |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for label, r in results.items():
        c = r["counts"]
        print(f"| {label} | {r['kill_after']:.1f} s | {r['acknowledged']} ({r['rate']:.0f}) | "
              f"{r['wal_max'] / 1e6:.1f} MB "
              f"| {r['restore_s']:.2f} s | {r['size'] / 1e6:.1f} MB | {r['integrity']} | "
              f"{c['submission'][0]} / {c['submission'][1]} | {c['start'][0]} / {c['start'][1]} | "
              f"{c['certificate'][0]} / {c['certificate'][1]} | {r['rpo']:.2f} s | "
              f"{(r['first_missing_before_kill'] or 0):.2f} s | {r['start_s']:.1f} s | "
              f"{r['verified']} + 1 new |")
    bound = max(r["bound"] for r in results.values())
    print(f"RPO: seconds between the last acknowledged write found in the restored copy and the kill (0 when nothing "
          f"acknowledged is missing); oldest lost: how long before the kill the earliest missing write was "
          f"acknowledged. Both must stay within monitor-interval + sync-interval + 2 s = {bound:g} s.")
    with open(os.path.join(base, "drill.json"), "w") as f:
        json.dump({label: {k: v for k, v in r.items() if k != "codes"} for label, r in results.items()}, f, indent=2)
    if problems:
        raise Failure("; ".join(problems))
    print("drill passed")
    return True


def one_round(args, base, binary, litestream, children, s3, s3_env, passphrase, logs, label, config_name, metrics):
    """Fresh accounts, one Litestream with `config_name`, the burst, the kill, the restore, the checks."""
    data = os.path.join(base, label, "data")          # the server's data folder: lost with the machine
    backup = os.path.join(base, label, "backup")      # /var/backups/academy: the file replica, the keys' copy
    os.makedirs(backup, mode=0o700)
    s3_env = dict(s3_env, ACADEMY_S3_PATH=f"{S3_PATH}-{label}")
    keys_env = dict(s3_env, ACADEMY_DATA=data, ACADEMY_KEYS_BACKUP_DIR=os.path.join(backup, "keys"),
                    ACADEMY_KEYS_PASSPHRASE_FILE=passphrase)

    # -- accounts and the signing key, backed up encrypted
    csv_path = os.path.join(base, label, "learners.csv")
    with open(csv_path, "w") as out:
        subprocess.run([sys.executable, os.path.join(ROOT, "Tests", "bench", "generate_learners.py"),
                        str(args.learners)], stdout=out, check=True)
    fast = {"ACADEMY_SCRYPT_LOG_N": "10"}
    result = run([binary, "users", "import", csv_path, "--data", data], env=fast, what="users import")
    passwords = dict(re.findall(r": created (\S+) password (\S+)", result.stdout))
    if len(passwords) != args.learners:
        raise Failure(f"import reported {len(passwords)} passwords, expected {args.learners}")
    admin_password = "drill-admin-" + os.urandom(8).hex()
    run([binary, "users", "add", "drilladmin", "--role", "admin", "--name", "Drill Admin", "--data", data],
        env=fast, input_text=admin_password + "\n", what="users add")
    run([binary, "keys", "rotate", "--data", data], what="keys rotate")
    result = run(["sh", os.path.join(DEPLOY, "backup-keys.sh")], env=keys_env, what="backup-keys.sh")
    log(result.stdout.strip().replace("\n", "; "))
    prefix = f"{s3_env['ACADEMY_S3_PATH']}/keys/"
    listed = [o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET, Prefix=prefix).get("Contents", [])]
    if prefix + "keys-latest.tar.enc" not in listed:
        raise Failure(f"backup-keys.sh did not upload to S3: {listed}")
    with open(os.path.join(backup, "keys", "keys-latest.tar.enc"), "rb") as f:
        if b"PRIVATE KEY" in f.read():
            raise Failure("the keys backup holds a private key in clear")

    # -- Litestream, as in production
    config = os.path.join(base, label, config_name)
    with open(config, "w") as f:
        f.write(drill_config(config_name, data, backup, {metrics: 18500 + metrics - 9000}))
    sync_interval, monitor_interval = sync_intervals(open(config).read())
    # A commit reaches a local LTX file within one monitor-interval and the replica within the next sync-interval;
    # 2 s more for Litestream waiting on the 2 cores the server and the client threads are saturating (measured
    # up to 2.6 s of loss with both intervals at 1 s).
    bound = monitor_interval + sync_interval + 2.0
    db_path = os.path.join(data, "academy.sqlite")
    stream = Child(config_name, [litestream, "replicate", "-config", config],
                   os.path.join(logs, label + "-litestream.log"), env=s3_env)
    children.append(stream)

    # -- the server
    server = benchlib.Server(binary, data, args.port, os.path.join(logs, label + "-server.log"),
                             env={"ACADEMY_LITESTREAM": "true", "ACADEMY_SCRYPT_LOG_N": "10",
                                  "ACADEMY_LOOKUP_LIMIT_PER_MINUTE": "100000"})
    children.append(server)  # stopped at the end whatever happens (benchlib.Server has the same stop())
    require_free(args.port)
    server.start(timeout=60)
    time.sleep(1.5)
    if not stream.alive():
        raise Failure(f"litestream ({config_name}) exited; see {stream.log_path}")
    log(f"academy serve on 127.0.0.1:{args.port} (litestream: true); litestream replicate -config {config_name} "
        f"(sync-interval {sync_interval:g} s, monitor-interval {monitor_interval:g} s)")

    usernames = sorted(passwords)

    def sign_in(username):
        return username, benchlib.api("POST", args.port, "/session",
                                      {"username": username, "password": passwords[username]})["token"]

    tokens = dict(benchlib.parallel(sign_in, usernames, workers=4))
    admin = benchlib.api("POST", args.port, "/session", {"username": "drilladmin", "password": admin_password})["token"]
    db = benchlib.sqlite_connect(db_path)
    db.execute("UPDATE user SET must_change_password = 0")  # drill accounts: the one-time passwords stay
    db.close()
    keys = {m: benchlib.api("GET", args.port, f"/courses/{COURSE}/quizzes/{m}", token=admin)
            for m in MODULE_QUIZZES + [FINAL]}
    log(f"{len(tokens)} learners signed in through POST /api/v1/session")

    # The certificate needs every lesson read (course.yaml, completion): those learners open each module page.
    import yaml
    with open(os.path.join(ROOT, "Courses", COURSE, "course.yaml")) as f:
        modules = [m["slug"] for m in yaml.safe_load(f)["modules"] if m.get("lesson")]

    def read_lessons(username):
        for module in modules:
            status, _, _ = benchlib.request("GET", args.port, f"/courses/{COURSE}/{module}",
                                            cookie="session=" + tokens[username])
            if status != 200:
                raise Failure(f"GET /courses/{COURSE}/{module} answered {status} for {username}")

    spare = usernames[-1]  # takes no part: signs a new certificate after the restore
    readers = usernames[:args.certificates + args.burst_finals]
    benchlib.parallel(read_lessons, readers + [spare], workers=4)
    rng = random.Random(17)
    certificates = {}  # code -> (time acknowledged, .jwt as the client downloaded it)
    for username in usernames[:args.certificates]:
        reply = benchlib.api("POST", args.port, f"/courses/{COURSE}/quizzes/{FINAL}/attempts", {}, tokens[username])
        answers = benchlib.answers_for(reply["questions"], keys[FINAL], rng, right=1.0)
        graded = benchlib.api("POST", args.port, f"/attempts/{reply['attempt_id']}/submission", {"answers": answers},
                              tokens[username])
        acknowledged = time.time()
        if not graded.get("certificate_code"):
            raise Failure(f"{username} took the final test but got no certificate: {graded}")
        status, _, jwt = benchlib.request("GET", args.port, f"/v/{graded['certificate_code']}.jwt")
        if status != 200:
            raise Failure(f"GET /v/CODE.jwt answered {status}")
        certificates[graded["certificate_code"]] = (acknowledged, jwt.decode())
    log(f"{len(certificates)} certificates issued before the burst")

    # -- the burst, and the machine lost in the middle of it
    spare = (spare, tokens[spare])
    learners = [(u, tokens[u]) for u in usernames[args.certificates:-1]]
    finals = [u for u, _ in learners[:args.burst_finals]]
    burst = Burst(args.port, learners, keys, args.threads, finals)
    wal_path = db_path + "-wal"
    wal_max = 0
    kill_after = args.kill_after if args.kill_after is not None else random.uniform(4.0, 7.0)
    burst.start()
    begun = time.time()
    while time.time() < begun + kill_after:
        try:
            wal_max = max(wal_max, os.path.getsize(wal_path))
        except OSError:
            pass
        time.sleep(0.05)
    # A lost machine: Litestream and the server die in the same instant, nothing is flushed or uploaded after.
    killed_at = time.time()
    os.kill(stream.proc.pid, signal.SIGKILL)
    os.kill(server.pid, signal.SIGKILL)
    stream.proc.wait(timeout=30)
    server.proc.wait(timeout=30)
    burst.finish()
    for code, (t, _) in list(burst.certificates.items()):
        certificates[code] = (t, None)
    acked = len(burst.submitted)
    after_kill = sum(1 for t in burst.submitted.values() if t > killed_at)
    log(f"SIGKILL to litestream and the server {kill_after:.2f} s into the burst: {acked} submissions and "
        f"{len(burst.started)} starts acknowledged ({acked / kill_after:.0f} submissions/s; {after_kill} answers read "
        f"after the kill), {len(burst.certificates)} certificates in the burst; WAL at most {wal_max / 1e6:.1f} MB")
    shutil.rmtree(data)
    log(f"data folder {data} deleted")

    # -- restore into a fresh folder; keys from the encrypted backup (file copy, or S3 for the S3 round)
    copy = os.path.join(base, label, "restored")
    os.makedirs(copy, mode=0o700)
    restored_db = os.path.join(copy, "academy.sqlite")
    t0 = time.time()
    run([litestream, "restore", "-config", config, "-o", restored_db, db_path], env=s3_env,
        what=f"litestream restore ({label})")
    restore_s = time.time() - t0
    size = os.path.getsize(restored_db)
    keys_from = "--s3" if label == "s3" else os.path.join(backup, "keys", "keys-latest.tar.enc")
    result = run(["sh", os.path.join(DEPLOY, "restore-keys.sh"), keys_from], env=dict(keys_env, ACADEMY_DATA=copy),
                 what=f"restore-keys.sh ({label})")
    log(result.stdout.strip())
    found = check_copy(restored_db, burst, certificates, killed_at)
    log(f"[{label}] restored {size / 1e6:.1f} MB in {restore_s:.2f} s; integrity {found['integrity']}, "
        f"{found['foreign_key_problems']} foreign-key problems")
    served = check_server(binary, copy, args.port, os.path.join(logs, f"{label}-server-restored.log"), certificates,
                          found["codes"], spare, keys)
    found.update(served, restore_s=restore_s, size=size, bound=bound, kill_after=kill_after, acknowledged=acked,
                 rate=acked / kill_after, wal_max=wal_max)
    c = found["counts"]
    log(f"[{label}] submissions {c['submission'][0]} present / {c['submission'][1]} missing; starts "
        f"{c['start'][0]} / {c['start'][1]}; certificates {c['certificate'][0]} / {c['certificate'][1]}; "
        f"RPO {found['rpo']:.2f} s; server started in {found['start_s']:.1f} s, {found['verified']} "
        f"certificates verified, new certificate {found['new_certificate']} signed and verified")
    return found


if __name__ == "__main__":
    sys.exit(main())
