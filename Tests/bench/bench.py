#!/usr/bin/env python3
"""`make bench`: the load benchmark of BENCHMARKS.md, in one run.

Starts the release server on the generated data (10,000 learners, the real course), then measures, each on a quiet
machine: nginx serving the same lesson HTML as a static file (the ceiling), the lesson page signed in, the
certificate verify page, quiz submission (a different learner per request), one-shot bursts of 500 and 5,000
learners submitting at once on fresh connections, SQLite's raw commit rate on the same disk, and the server's memory
idle and under load. Prints every figure with its ratio and aim, and writes them into BENCHMARKS.md.

Usage: bench.py --binary .build-release/release/academy [--count 10000] [--duration 15] [--fresh] [--perf]
Traffic goes only to 127.0.0.1 (and 127.1.x.y for the verify page, see srcaddr.c); every run is bounded.
"""
import argparse
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import burst as burstclient  # noqa: E402
import sqlite_commit_rate  # noqa: E402
from benchlib import HERE, ROOT, LESSON_PATH, log  # noqa: E402

# quiz: graded submissions per second against SQLite's raw one-row commit rate under synchronous=FULL, the
# server's default since issue 13 (stretch 1.0: group commit can beat one fsync per request).
AIMS = {"lesson": 0.30, "quiz": 0.5, "quiz_stretch": 1.0, "burst_p99_s": 2.5, "idle_mb": 60}


# ---------------------------------------------------------------- wrk

def _seconds(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def parse_wrk(output):
    result = {}
    match = re.search(r"(\d+) requests in ([\d.]+\w+), ([\d.]+\w+) read", output)
    if match:
        result["requests"] = int(match.group(1))
        result["duration_s"] = round(_seconds(match.group(2)), 3)
        result["read"] = match.group(3)
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    result["rps"] = float(match.group(1)) if match else 0.0
    for pct in ("50", "90", "99"):
        match = re.search(rf"^\s+{pct}%\s+([\d.]+\w+)", output, re.M)
        if match:
            result[f"p{pct}_ms"] = round(_seconds(match.group(1)) * 1000, 2)
    match = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["non2xx"] = int(match.group(1)) if match else 0
    match = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    result["socket_errors"] = sum(int(x) for x in match.groups()) if match else 0
    if match:
        result["socket_error_kinds"] = dict(zip(("connect", "read", "write", "timeout"), map(int, match.groups())))
    match = re.search(r"replay: active ([\d.]+) s", output)
    if match and result.get("requests"):
        # "once" mode: every prepared request was sent before -d ran out; rate over the time the threads were busy.
        result["duration_s"] = float(match.group(1))
        result["rps"] = round(result["requests"] / result["duration_s"], 1)
    ok = result.get("requests", 0) - result["non2xx"]
    result["ok_rps"] = round(ok / result["duration_s"], 1) if result.get("duration_s") else 0.0
    return result


def wrk(url, args, script=None, env=None, duration=15, threads=2, connections=64, preload=None, sampler=None,
        perf=None, name="", server=None):
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--latency", "--timeout", "10s"]
    if script:
        command += ["-s", script]
    command += list(args) + [url]
    run_env = dict(os.environ, **(env or {}))
    run_env["REPLAY_THREADS"] = str(threads)
    if preload:
        run_env["LD_PRELOAD"] = preload
    log(f"wrk {name}: {' '.join(command[1:])}")
    profiler = perf.start(name) if perf else None
    if sampler:
        sampler.start()
    cpu0 = server.cpu_seconds() if server else None
    result = subprocess.run(command, capture_output=True, text=True, env=run_env, timeout=duration + 120)
    cpu1 = server.cpu_seconds() if server else None
    peak = sampler.finish() if sampler else None
    if profiler:
        perf.stop(profiler)
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed ({result.returncode}): {result.stderr[-1000:]}{result.stdout[-1000:]}")
    parsed = parse_wrk(result.stdout)
    parsed["peak_rss_mib"] = round(peak, 1) if peak else None
    if server and parsed.get("requests"):
        # The server's own CPU time per request: the figure the machine's other load does not distort.
        parsed["server_cpu_s"] = round(cpu1 - cpu0, 2)
        parsed["cpu_ms_per_request"] = round((cpu1 - cpu0) * 1000 / parsed["requests"], 3)
    parsed["command"] = "wrk " + " ".join(command[1:])
    log(f"  {parsed['rps']:.0f} req/s ({parsed['ok_rps']:.0f} 2xx/s), p50 {parsed.get('p50_ms')} ms, "
        f"p99 {parsed.get('p99_ms')} ms, non-2xx {parsed['non2xx']}, socket errors {parsed.get('socket_error_kinds', 0)}"
        + (f", server CPU {parsed['cpu_ms_per_request']} ms/request" if parsed.get("cpu_ms_per_request") else "")
        + (f", active {parsed['duration_s']} s" if "replay: active" in result.stdout else ""))
    return parsed


# ---------------------------------------------------------------- perf (optional)

class Perf:
    """`perf record -g` of the server while one load runs (--perf); reports the hottest symbols."""

    def __init__(self, pid, folder):
        self.pid, self.folder = pid, folder
        self.reports = {}

    def start(self, name):
        path = os.path.join(self.folder, f"perf-{name}.data")
        proc = subprocess.Popen(["perf", "record", "-F", "499", "-g", "-p", str(self.pid), "-o", path],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return name, path, proc

    def stop(self, handle):
        name, path, proc = handle
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            return
        report = subprocess.run(
            ["perf", "report", "-i", path, "--no-children", "--sort", "dso,symbol", "--stdio", "--percent-limit", "1.5",
             "-g", "none"], capture_output=True, text=True, timeout=300).stdout
        demangle = shutil.which("swift-demangle")
        if demangle:
            report = subprocess.run([demangle, "--simplified"], input=report, capture_output=True, text=True).stdout
        lines = [l for l in report.splitlines() if l.strip() and not l.startswith("#")]
        with open(os.path.join(self.folder, f"perf-{name}.txt"), "w") as f:
            f.write(report)
        self.reports[name] = lines[:25]
        log(f"  perf {name}: top symbols in {os.path.join(self.folder, f'perf-{name}.txt')}")


# ---------------------------------------------------------------- nginx

def start_nginx(folder, port, www):
    conf = os.path.join(folder, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""# Generated by Tests/bench/bench.py: the ceiling, the same HTML as a static file.
worker_processes 2;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
user root;
events {{ worker_connections 8192; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    keepalive_timeout 60s;
    gzip off;
    types {{ text/html html; }}
    default_type text/html;
    client_body_temp_path {folder}/nginx-tmp;
    server {{
        listen {benchlib.HOST}:{port} backlog=4096;
        root {www};
        location / {{ }}
    }}
}}
""")
    os.makedirs(os.path.join(folder, "nginx-tmp"), exist_ok=True)
    proc = subprocess.Popen(["nginx", "-c", conf, "-p", folder], stdout=subprocess.DEVNULL,
                            stderr=open(os.path.join(folder, "nginx.out"), "w"), start_new_session=True)
    for _ in range(100):
        try:
            status, _, _ = benchlib.request("GET", port, "/lesson.html", timeout=1)
            if status == 200:
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("nginx did not start; see nginx.out")


def stop_nginx(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGQUIT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# ---------------------------------------------------------------- checks in the database

def stored(db_path, attempt_ids):
    """How many of these attempts are graded whole in the database (submitted_at, score and result all there)."""
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
    count = 0
    ids = list(attempt_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        count += db.execute(
            f"SELECT COUNT(*) FROM attempt WHERE id IN ({','.join('?' * len(chunk))}) AND submitted_at IS NOT NULL "
            "AND score IS NOT NULL AND result_json IS NOT NULL", chunk).fetchone()[0]
    db.close()
    return count


def submitted_count(db_path, modules):
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
    count = db.execute(
        f"SELECT COUNT(*) FROM attempt WHERE module_slug IN ({','.join('?' * len(modules))}) "
        "AND submitted_at IS NOT NULL", modules).fetchone()[0]
    db.close()
    return count


# ---------------------------------------------------------------- the run

def machine_facts():
    def first(path, key):
        try:
            with open(path) as f:
                for line in f:
                    if line.startswith(key):
                        return line.split(":", 1)[1].strip()
        except OSError:
            return None

    def version(command):
        try:
            out = subprocess.run(command, capture_output=True, text=True, timeout=30)
            return (out.stdout + out.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return None

    disk = subprocess.run(["df", "-h", "--output=source,fstype,size", ROOT], capture_output=True, text=True).stdout
    return {
        "nproc": os.cpu_count(), "cpu": first("/proc/cpuinfo", "model name"),
        "memory": first("/proc/meminfo", "MemTotal"), "kernel": os.uname().release,
        "disk": " ".join(disk.splitlines()[-1].split()) if disk else None,
        "swift": version(["swift", "--version"]), "wrk": version(["wrk", "-v"]), "nginx": version(["nginx", "-v"]),
        "sqlite": sqlite3.sqlite_version, "python": sys.version.split()[0],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build-release/release/academy"))
    parser.add_argument("--dir", default=os.path.join(ROOT, "data-bench", "load"))
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--port", type=int, default=18090)
    parser.add_argument("--nginx-port", type=int, default=18091)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--max-wait", type=int, default=int(os.environ.get("BENCH_MAX_WAIT", "300")),
                        help="seconds to wait for a quiet machine before each measurement")
    parser.add_argument("--fresh", action="store_true", default=os.environ.get("BENCH_FRESH") == "1",
                        help="rebuild the cached data set")
    parser.add_argument("--perf", action="store_true", default=os.environ.get("BENCH_PERF") == "1",
                        help="record the server with perf during the lesson and quiz runs")
    parser.add_argument("--stale-sessions", dest="fresh_sessions", action="store_false",
                        help="do not reset the sessions' idle clocks before each measurement")
    parser.add_argument("--python-burst", action="store_true",
                        help="bursts with the asyncio client instead of burstclient.c (for comparison)")
    parser.add_argument("--only", default="", help="comma-separated subset: static,lesson,compressed,verify,quiz,burst,sqlite")
    parser.add_argument("--report", default=os.path.join(ROOT, "BENCHMARKS.md"))
    parser.add_argument("--no-report", action="store_true")
    parser.add_argument("--rewrite-report", action="store_true",
                        help="only rewrite BENCHMARKS.md's block from the last results.json")
    args = parser.parse_args()
    if args.rewrite_report:
        import report
        with open(os.path.join(args.dir, "results.json")) as f:
            saved = json.load(f)
        report.write_bench(args.report, saved, summarize(saved)[0])
        return 0
    only = set(filter(None, args.only.split(",")))
    want = lambda name: not only or name in only  # noqa: E731

    benchlib.raise_nofile()
    for tool in ("wrk", "nginx", "cc"):
        if not shutil.which(tool):
            sys.exit(f"bench: {tool} is missing (make bench installs wrk, nginx-light and gcc as root)")
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"bench: no server binary at {args.binary}")
    os.makedirs(args.dir, exist_ok=True)
    args.binary = benchlib.stable_binary(args.binary, args.dir)
    seed_dir = os.path.join(args.dir, "seed")
    run_dir = os.path.join(args.dir, "run")
    os.makedirs(run_dir, exist_ok=True)
    shim = os.path.join(args.dir, "srcaddr.so")
    subprocess.run(["cc", "-shared", "-fPIC", "-O2", "-o", shim, os.path.join(HERE, "srcaddr.c"), "-ldl"], check=True)
    burst_client = None if args.python_burst else os.path.join(args.dir, "burstclient")
    if burst_client:
        subprocess.run(["cc", "-O2", "-o", burst_client, os.path.join(HERE, "burstclient.c")], check=True)

    benchlib.ensure_seed(args.binary, seed_dir, args.count, args.port + 2, fresh=args.fresh)
    results = {"started": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "machine": machine_facts(), "count": args.count,
               "wrk": {"threads": args.threads, "connections": args.connections, "duration_s": args.duration},
               "loads": {}}

    data = os.path.join(run_dir, "data")

    def quiet(name, first=False):
        load, busy = benchlib.wait_for_quiet(limit=0.7 if first else None, max_wait=args.max_wait)
        if not first and args.fresh_sessions:
            benchlib.refresh_sessions(os.path.join(data, "academy.sqlite"))
        results["loads"][name] = {"loadavg1": load, "busy_cores": round(busy, 2)}
        log(f"measuring {name}: load average {load:.2f}, {busy:.2f} cores busy")

    quiet("start", first=True)
    if want("sqlite"):
        # The server commits with synchronous=FULL (issue 13): that is the rate its submissions are held to.
        results["sqlite"] = sqlite_commit_rate.measure(args.dir, seconds=5, synchronous="FULL")
        results["sqlite_normal"] = sqlite_commit_rate.measure(args.dir, seconds=3, synchronous="NORMAL")
        log(f"SQLite raw commit rate: {results['sqlite']['per_second']}/s (synchronous=FULL), "
            f"{results['sqlite_normal']['per_second']}/s (NORMAL)")

    benchlib.restore_seed(seed_dir, data)
    server_log = os.path.join(run_dir, "server.log")
    if os.path.exists(server_log):
        os.remove(server_log)
    server = benchlib.Server(args.binary, data, args.port, server_log).start()
    nginx = None
    try:
        time.sleep(5)
        results["memory_idle"] = server.memory()
        log(f"idle memory: VmRSS {results['memory_idle'].get('VmRSS', 0):.1f} MiB")
        perf = Perf(server.pid, run_dir) if args.perf else None
        with open(os.path.join(seed_dir, "tokens.json")) as f:
            tokens = json.load(f)
        with open(os.path.join(seed_dir, "codes.txt")) as f:
            codes = [line.strip() for line in f if line.strip()]
        first = sorted(tokens["learners"])[0]
        status, _, lesson_html = benchlib.request("GET", args.port, LESSON_PATH,
                                                  cookie="session=" + tokens["learners"][first])
        # The whole page, head included: a page that lost its head (05615fd did, on its first render) is not measured.
        assert status == 200 and (b"<html" in lesson_html[:2000].lower() or not want("lesson")), \
            f"lesson page: HTTP {status}, starts {lesson_html[:300]!r}"
        status, _, verify_html = benchlib.request("GET", args.port, "/v/" + codes[0])
        assert status == 200, f"/v/{codes[0]}: HTTP {status}"
        www = os.path.join(run_dir, "www")
        os.makedirs(www, exist_ok=True)
        with open(os.path.join(www, "lesson.html"), "wb") as f:
            f.write(lesson_html)
        with open(os.path.join(www, "verify.html"), "wb") as f:
            f.write(verify_html)
        results["sizes"] = {"lesson_bytes": len(lesson_html), "verify_bytes": len(verify_html)}
        wargs = dict(duration=args.duration, threads=args.threads, connections=args.connections)
        replay = os.path.join(HERE, "replay.lua")
        close_env = {"REPLAY_FILE": os.path.join(run_dir, "verify.tsv"), "REPLAY_CLOSE": "1"}
        with open(close_env["REPLAY_FILE"], "w") as f:
            for code in codes:
                f.write(benchlib.replay_line("GET", "/v/" + code))

        if want("static") or want("lesson") or want("verify"):
            nginx = start_nginx(run_dir, args.nginx_port, www)
            quiet("static")
            results["static"] = wrk(f"http://{benchlib.HOST}:{args.nginx_port}/lesson.html", [], name="nginx-static",
                                    **wargs)
            if want("verify"):
                quiet("static_close")
                results["static_close"] = wrk(
                    f"http://{benchlib.HOST}:{args.nginx_port}/verify.html", ["-H", "Connection: close"],
                    preload=shim, name="nginx-static-fresh-connections", **wargs)
            stop_nginx(nginx)
            nginx = None

        if want("lesson"):
            quiet("lesson")
            lessons = lesson_requests(seed_dir, run_dir)
            results["lesson"] = wrk(
                f"http://{benchlib.HOST}:{args.port}{LESSON_PATH}", [], script=replay,
                env={"REPLAY_FILE": lessons, "REPLAY_MODE": "loop"},
                sampler=benchlib.MemorySampler(server), perf=perf, name="lesson", server=server, **wargs)

        if want("compressed"):
            # The same lesson, asked for compressed as a browser asks (issue 18): what gzip and brotli cost in CPU.
            lessons = lesson_requests(seed_dir, run_dir)
            for coding in ("gzip", "br"):
                quiet(f"lesson_{coding}")
                results[f"lesson_{coding}"] = wrk(
                    f"http://{benchlib.HOST}:{args.port}{LESSON_PATH}", [], script=replay,
                    env={"REPLAY_FILE": lessons, "REPLAY_MODE": "loop", "REPLAY_ENCODING": coding},
                    sampler=benchlib.MemorySampler(server), perf=perf, name=f"lesson-{coding}", server=server,
                    **wargs)

        if want("verify"):
            quiet("verify")
            results["verify"] = wrk(
                f"http://{benchlib.HOST}:{args.port}/v/{codes[0]}", [], script=replay, env=close_env, preload=shim,
                sampler=benchlib.MemorySampler(server), perf=perf, name="verify", server=server, **wargs)
            quiet("verify_limited")
            results["verify_limited"] = wrk(
                f"http://{benchlib.HOST}:{args.port}/v/{codes[0]}", [], duration=min(args.duration, 10),
                threads=args.threads, connections=args.connections, perf=perf, name="verify-one-address", server=server)

        if want("quiz"):
            quiet("quiz")
            modules = benchlib.WRK_MODULES
            before = submitted_count(os.path.join(data, "academy.sqlite"), modules)
            results["quiz"] = wrk(
                f"http://{benchlib.HOST}:{args.port}/", [], script=replay,
                env={"REPLAY_FILE": os.path.join(seed_dir, "quiz-submissions.tsv"), "REPLAY_MODE": "once"},
                sampler=benchlib.MemorySampler(server), perf=perf, name="quiz", duration=max(args.duration, 60), server=server,
                threads=args.threads, connections=args.connections)
            after = submitted_count(os.path.join(data, "academy.sqlite"), modules)
            results["quiz"]["stored"] = after - before
            if results["quiz"].get("server_cpu_s") and after > before:
                results["quiz"]["cpu_ms_per_request"] = round(results["quiz"]["server_cpu_s"] * 1000 / (after - before), 3)
            log(f"  {after - before} submissions stored")

        if want("burst"):
            with open(os.path.join(seed_dir, "burst.json")) as f:
                items = json.load(f)
            results["bursts"] = {}
            for size, offset in ((500, 0), (5000, 500)):
                chunk = items[offset:offset + size]
                if len(chunk) < size:
                    log(f"burst {size}: only {len(chunk)} prepared attempts (count {args.count})")
                quiet(f"burst_{size}")
                sampler = benchlib.MemorySampler(server, interval=0.1)
                sampler.start()
                cpu0 = server.cpu_seconds()
                profiler = perf.start(f"burst_{size}") if perf else None
                summary, acknowledged = burstclient.run(chunk, args.port, client=burst_client)
                summary["server_cpu_s"] = round(server.cpu_seconds() - cpu0, 2)
                if profiler:
                    perf.stop(profiler)
                summary["cpu_ms_per_request"] = round(summary["server_cpu_s"] * 1000 / max(1, len(chunk)), 3)
                peak = sampler.finish()
                summary["stored"] = stored(os.path.join(data, "academy.sqlite"), acknowledged)
                summary["acknowledged"] = len(acknowledged)
                summary["peak_rss_mib"] = round(peak, 1) if peak else None
                results["bursts"][str(size)] = summary
                log(f"burst {size}: {summary['ok']} ok, {summary['errors']} errors {summary['error_kinds'] or ''}, "
                    f"p50 {summary['p50_s']} s, p99 {summary['p99_s']} s, all done in {summary['wall_s']} s, "
                    f"{summary['stored']}/{len(acknowledged)} acknowledged stored")

        results["memory_after"] = server.memory()
        if perf:
            results["perf"] = perf.reports
    finally:
        if nginx:
            stop_nginx(nginx)
        server.stop()
    results["server_exit"] = server.proc.returncode
    results["finished"] = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    with open(os.path.join(args.dir, "results.json"), "w") as f:
        json.dump(results, f, indent=2)
    with open(os.path.join(args.dir, "results-history.jsonl"), "a") as f:
        f.write(json.dumps(results) + "\n")
    table, missed = summarize(results)
    print("\n" + table)
    if not args.no_report and not only:
        import report
        report.write_bench(args.report, results, table)
        log(f"wrote the results into {args.report}")
    return 0


def lesson_requests(seed_dir, run_dir):
    """The seed's lesson requests, each with a CSRF cookie beside its session cookie: a browser that has opened any
    page sends it back; without it the server would make a new token and Set-Cookie on every page, which no real
    visit does. Written anew from the seed (the run folder outlives a run); the file's path."""
    lessons = os.path.join(run_dir, "lesson.tsv")
    with open(os.path.join(seed_dir, "lesson.tsv")) as f, open(lessons, "w") as out:
        for number, line in enumerate(f):
            fields = line.rstrip("\n").split("\t")
            if fields[3].startswith("session=") and "csrf=" not in fields[3]:
                fields[3] += "; csrf=" + f"{number:043d}"
            out.write("\t".join(fields) + "\n")
    return lessons


def ratio_text(value):
    return f"{value:.2f}" if value >= 0.095 else f"{value:.3f}"


def summarize(r):
    """The figures as a Markdown table, with ratios and aims; also the list of aims missed."""
    rows, missed = [], []

    def row(name, figure, ratio="", aim="", met=None):
        verdict = "" if met is None else ("met" if met else "**missed**")
        if met is False:
            missed.append(name)
        rows.append(f"| {name} | {figure} | {ratio} | {aim} | {verdict} |")

    static = r.get("static", {}).get("rps")
    if static:
        row("nginx, lesson HTML as a static file (ceiling)", f"{static:,.0f} req/s (p99 {r['static'].get('p99_ms')} ms)",
            "1.00×")
    if "lesson" in r:
        x = r["lesson"]
        ratio = x["ok_rps"] / static if static else 0
        row("lesson page, signed in (a different learner per request)",
            f"{x['ok_rps']:,.0f} req/s (p50 {x.get('p50_ms')} ms, p99 {x.get('p99_ms')} ms, {x['non2xx']} non-2xx; "
            f"server CPU {x.get('cpu_ms_per_request')} ms/request)",
            f"{ratio_text(ratio)}× nginx", "≥ 0.30× nginx", ratio >= AIMS["lesson"])
    for coding in ("gzip", "br"):
        if f"lesson_{coding}" in r:
            x = r[f"lesson_{coding}"]
            row(f"lesson page, signed in, sent {'brotli' if coding == 'br' else 'gzip'}-compressed (issue 18)",
                f"{x['ok_rps']:,.0f} req/s (p50 {x.get('p50_ms')} ms, p99 {x.get('p99_ms')} ms, {x['non2xx']} non-2xx; "
                f"server CPU {x.get('cpu_ms_per_request')} ms/request)",
                f"{ratio_text(x['ok_rps'] / static)}× nginx" if static else "")
    if "static_close" in r:
        x = r["static_close"]
        row("nginx, verify-page HTML, a fresh connection per request (ceiling)", f"{x['ok_rps']:,.0f} req/s",
            f"{ratio_text(x['ok_rps'] / static)}× nginx" if static else "")
    if "verify" in r:
        x = r["verify"]
        close = r.get("static_close", {}).get("ok_rps")
        ratio = f"{ratio_text(x['ok_rps'] / static)}× nginx" if static else ""
        if close:
            ratio += f"; {ratio_text(x['ok_rps'] / close)}× nginx fresh-connection"
        row("certificate verify page /v/CODE, a fresh connection per request, 4,096 client addresses",
            f"{x['ok_rps']:,.0f} req/s 200 (p99 {x.get('p99_ms')} ms, {x['non2xx']} non-2xx; "
            f"server CPU {x.get('cpu_ms_per_request')} ms/request)", ratio)
    if "verify_limited" in r:
        x = r["verify_limited"]
        row("verify page from one address (60 a minute, then 429)",
            f"{x['rps']:,.0f} req/s, of which {x['requests'] - x['non2xx']} were 200",
            f"{ratio_text(x['rps'] / static)}× nginx" if static else "")
    commit = r.get("sqlite", {}).get("per_second")
    if commit:
        row("SQLite raw one-row commit rate (WAL, synchronous=FULL as the server, same disk)", f"{commit:,} commits/s",
            "1.00×")
        if "sqlite_normal" in r:
            row("SQLite raw commit rate with synchronous=NORMAL (the old setting, for reference)",
                f"{r['sqlite_normal']['per_second']:,} commits/s", f"{r['sqlite_normal']['per_second'] / commit:.3f}×")
    if "quiz" in r:
        x = r["quiz"]
        ratio = x["ok_rps"] / commit if commit else 0
        row("quiz submission (graded, a different learner per request)",
            f"{x['ok_rps']:,.0f} req/s (p50 {x.get('p50_ms')} ms, p99 {x.get('p99_ms')} ms, {x['non2xx']} non-2xx, "
            f"{x.get('stored')} stored; server CPU {x.get('cpu_ms_per_request')} ms/request)",
            f"{ratio_text(ratio)}× FULL commit rate", "≥ 0.5× FULL commit rate (stretch ≥ 1×)",
            ratio >= AIMS["quiz"] if commit else None)
    for size, b in (r.get("bursts") or {}).items():
        ok = b["errors"] == 0 and b["stored"] == b["learners"]
        aim_ok = ok and b["p99_s"] is not None and b["p99_s"] <= AIMS["burst_p99_s"]
        row(f"burst of {int(size):,} learners submitting at once (fresh connections)",
            f"p50 {b['p50_s']} s, p99 {b['p99_s']} s, max {b['max_s']} s; {b['errors']} errors; "
            f"{b['stored']}/{b['learners']} stored; all done in {b['wall_s']} s; "
            f"server CPU {b.get('cpu_ms_per_request')} ms/submission",
            "", "no error, all stored, p99 ≤ 2.5 s" if size == "5000" else "", aim_ok if size == "5000" else None)
    idle = r.get("memory_idle", {}).get("VmRSS")
    if idle:
        mb = idle * 1.048576
        row("server memory idle (VmRSS after start)", f"{idle:.1f} MiB ({mb:.1f} MB)", "", "≤ 60 MB",
            mb <= AIMS["idle_mb"])
    peaks = [r[k].get("peak_rss_mib") for k in ("lesson", "verify", "quiz") if r.get(k, {}).get("peak_rss_mib")]
    peaks += [b.get("peak_rss_mib") for b in (r.get("bursts") or {}).values() if b.get("peak_rss_mib")]
    after = r.get("memory_after", {})
    if peaks or after:
        row("server memory under load (peak VmRSS sampled; VmHWM at the end)",
            f"{max(peaks) if peaks else 0:.1f} MiB; VmHWM {after.get('VmHWM', 0):.1f} MiB", "")
    header = "| figure | measured | ratio | aim | |\n|---|---|---|---|---|"
    return header + "\n" + "\n".join(rows), missed


if __name__ == "__main__":
    sys.exit(main())
