#!/usr/bin/env python3
"""A one-shot burst: N learners submit their quiz at the same moment, each on a fresh connection.

Every learner has a different attempt and bearer token (h2load sends the same headers on every request, so it
cannot do this). Each connection sends one POST /api/v1/attempts/ID/submission with `Connection: close` and reads
the answer; the latency is from the start of connect() to the last byte. The client is `burstclient.c` (one epoll
loop; built by bench.py next to srcaddr.so), or with --python one asyncio loop in this process, which costs about
ten times more CPU. The client's own CPU time is reported, since it shares the machine's 2 cores with the server.

Usage: burst.py ITEMS.json --port P [--count N] [--offset K] [--json]
ITEMS.json is a list of {attempt_id, token, body} (benchlib.build_seed writes burst.json).
"""
import argparse
import asyncio
import json
import os
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import HOST, raise_nofile  # noqa: E402


def build(item, port):
    body = json.dumps(item["body"], ensure_ascii=False).encode()
    head = (f"POST /api/v1/attempts/{item['attempt_id']}/submission HTTP/1.1\r\n"
            f"Host: {HOST}:{port}\r\nAuthorization: Bearer {item['token']}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n")
    return head.encode() + body


async def one(payload, port, go, timeout):
    await go.wait()
    start = time.perf_counter()
    writer = None
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), timeout)
        writer.write(payload)
        await writer.drain()
        data = await asyncio.wait_for(reader.read(-1), timeout)
        elapsed = time.perf_counter() - start
        head, _, body = data.partition(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/1.1 ") else 0
        return status, elapsed, body, None
    except Exception as error:  # noqa: BLE001 - every failure is counted and reported
        return 0, time.perf_counter() - start, b"", f"{type(error).__name__}: {error}"
    finally:
        if writer is not None:
            writer.close()


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[index]


async def burst(items, port, timeout=60):
    payloads = [build(item, port) for item in items]
    go = asyncio.Event()
    tasks = [asyncio.ensure_future(one(p, port, go, timeout)) for p in payloads]
    await asyncio.sleep(0.2)  # every task is waiting on the same event
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    go.set()
    results = await asyncio.gather(*tasks)
    wall = time.perf_counter() - start
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    return results, wall, (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)


def burst_c(items, port, binary, timeout):
    """The same burst through the C client: results as (status, seconds, body, error), wall time and client CPU."""
    import subprocess
    import tempfile
    with tempfile.NamedTemporaryFile(prefix="burst-", suffix=".req", delete=False) as f:
        for item in items:
            payload = build(item, port)
            f.write(f"{len(payload)}\n".encode() + payload)
        path = f.name
    try:
        cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        out = subprocess.run([binary, str(port), path, str(timeout)], capture_output=True, check=True,
                             timeout=timeout + 30).stdout
        wall = time.perf_counter() - start
        cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    finally:
        os.unlink(path)
    results, at = [], 0
    while at < len(out):
        end = out.index(b"\n", at)
        _, status, micros, length = out[at:end].split()
        body = out[end + 1:end + 1 + int(length)]
        at = end + 1 + int(length) + 1
        status = int(status)
        results.append((status, int(micros) / 1e6, body if status else b"", None if status else body.decode()))
    return results, wall, (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)


def run(items, port, timeout=60, client=None):
    """Runs the burst; returns a summary and the acknowledged attempts {attempt_id: graded JSON}.
    `client`: the path of the built burstclient (C), or None for the asyncio client."""
    raise_nofile()
    if client:
        results, wall, client_cpu = burst_c(items, port, client, timeout)
    else:
        results, wall, client_cpu = asyncio.run(burst(items, port, timeout))
    latencies = [r[1] for r in results if r[0] == 200]
    acknowledged, errors, statuses = {}, {}, {}
    for item, (status, _, body, error) in zip(items, results):
        statuses[status] = statuses.get(status, 0) + 1
        if status == 200:
            try:
                acknowledged[item["attempt_id"]] = json.loads(body)
            except ValueError:
                errors["bad JSON in a 200"] = errors.get("bad JSON in a 200", 0) + 1
        else:
            key = error or f"HTTP {status}"
            errors[key[:120]] = errors.get(key[:120], 0) + 1
    summary = {
        "learners": len(items), "ok": len(latencies), "errors": len(items) - len(acknowledged),
        "error_kinds": errors, "statuses": {str(k): v for k, v in statuses.items()},
        "wall_s": round(wall, 3), "client_cpu_s": round(client_cpu, 3), "client": "C (epoll)" if client else "asyncio",
        "p50_s": round(percentile(latencies, 50), 3) if latencies else None,
        "p90_s": round(percentile(latencies, 90), 3) if latencies else None,
        "p99_s": round(percentile(latencies, 99), 3) if latencies else None,
        "max_s": round(max(latencies), 3) if latencies else None,
    }
    return summary, acknowledged


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("items")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--count", type=int)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--client", help="path of the built burstclient (C); default: the asyncio client")
    args = parser.parse_args()
    with open(args.items) as f:
        items = json.load(f)[args.offset:]
    if args.count:
        items = items[: args.count]
    summary, _ = run(items, args.port, client=args.client)
    print(json.dumps(summary, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
