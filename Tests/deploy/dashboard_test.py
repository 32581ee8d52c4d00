#!/usr/bin/env python3
"""The Grafana dashboard asks only for figures the server really exports.

Starts `academy serve` (the binary given) on a fresh data folder, makes a little traffic (pages, a 404), scrapes
/metrics from loopback, and checks that every metric name used in Config/deploy/grafana-dashboard.json's queries is
a family in the scrape (histograms by their _bucket/_sum/_count series). `up` is Prometheus's own. Also checks that
/metrics is refused (404) when loopback is not in metrics_allow, and that log_format=json writes JSON lines.

Usage: python3 Tests/deploy/dashboard_test.py BINARY
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

# Litestream's own figures (its `addr:` endpoint, scraped as job litestream), as Litestream 0.5.17 exports them
# (read from a running `litestream replicate`): the dashboard may ask for these, not from /metrics.
LITESTREAM = {"litestream_sync_count", "litestream_sync_error_count", "litestream_wal_size", "litestream_txid"}
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PORT = 18086


def fail(message: str) -> None:
    print(f"dashboard_test: FAIL: {message}")
    sys.exit(1)


def start(binary: str, data: str, env: dict) -> subprocess.Popen:
    log = open(os.path.join(data, "server.log"), "w")
    server = subprocess.Popen(
        [binary, "serve", "--data", data, "--port", str(PORT), "--courses", os.path.join(ROOT, "Courses")],
        cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    fail("the server did not start: " + open(os.path.join(data, "server.log")).read()[-2000:])


def get(path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait(timeout=15)


def main() -> None:
    binary = os.path.abspath(sys.argv[1])
    dashboard = json.load(open(os.path.join(ROOT, "Config/deploy/grafana-dashboard.json")))
    queries = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
    data = tempfile.mkdtemp(prefix="academy-dashboard-")
    try:
        server = start(binary, data, {"ACADEMY_LOG_FORMAT": "json"})
        for path in ("/", "/healthz", "/khong-co-trang-nay", "/login"):
            get(path)
        status, text = get("/metrics")
        stop(server)
        if status != 200:
            fail(f"/metrics from loopback answered {status}")
        families = set(re.findall(r"^# TYPE (\S+) (\S+)$", text, re.M))
        names = {name for name, _ in families}
        for name, kind in families:
            if kind == "histogram":
                names |= {name + "_bucket", name + "_sum", name + "_count"}
        builtins = {"up", "rate", "sum", "by", "histogram_quantile", "vector", "or", "le", "on", "without", "increase",
                    "max"} | LITESTREAM
        missing = []
        for query in queries:
            cleaned = re.sub(r"\{[^}]*\}", "", re.sub(r"\[[^\]]*\]", "", query))
            for word in re.findall(r"[a-zA-Z_][a-zA-Z0-9_]*", cleaned):
                if word in builtins or word.startswith("http_route") or word.startswith("http_response") or word == "instance":
                    continue
                if word not in names:
                    missing.append((word, query))
        if missing:
            fail("the dashboard asks for figures /metrics does not have: "
                 + "; ".join(f"{w} (in {q})" for w, q in missing))
        print(f"dashboard_test: {len(queries)} queries, every metric among the {len(families)} families scraped")
        lines = [line for line in open(os.path.join(data, "server.log")) if line.strip()]
        try:
            parsed = [json.loads(line) for line in lines]
        except ValueError as error:
            fail(f"log_format=json wrote a line that is not JSON: {error}")
        if not any(p.get("message", "").startswith("GET /healthz 200") for p in parsed):
            fail("no JSON log line for the request GET /healthz")
        print(f"dashboard_test: {len(parsed)} log lines, each one JSON object")
        server = start(binary, data, {"ACADEMY_METRICS_ALLOW": "10.0.0.0/8"})
        status, _ = get("/metrics")
        stop(server)
        if status != 404:
            fail(f"/metrics answered {status} to loopback, which metrics_allow does not list")
        print("dashboard_test: /metrics refused (404) to an address metrics_allow does not list")
        print("dashboard_test: PASS")
    finally:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
