#!/usr/bin/env python3
"""SQLite's raw commit rate on a disk: single-row INSERT transactions, one after another, for a few seconds.

Uses the server's settings (Sources/Academy/Storage/AppDatabase.swift): WAL, synchronous = FULL (its default), foreign keys.
Usage: sqlite_commit_rate.py DIR [--seconds 5] [--synchronous NORMAL|FULL] [--json]
Prints commits per second. The database file is made in DIR (on the disk to measure) and removed afterwards.
"""
import argparse
import json
import os
import sqlite3
import time


def measure(folder, seconds=5.0, synchronous="FULL", max_commits=2_000_000):
    path = os.path.join(folder, "commit-rate.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute(f"PRAGMA synchronous = {synchronous}")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, attempt TEXT NOT NULL, payload TEXT NOT NULL, at TEXT NOT NULL)")
    payload = "x" * 200  # about one graded attempt's row
    commits = 0
    start = time.perf_counter()
    deadline = start + seconds
    while commits < max_commits:
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO t (attempt, payload, at) VALUES (?, ?, ?)", (f"a{commits:016d}", payload, "2025-01-01"))
        db.execute("COMMIT")
        commits += 1
        if commits % 256 == 0 and time.perf_counter() >= deadline:
            break
    elapsed = time.perf_counter() - start
    db.close()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    return {"commits": commits, "seconds": round(elapsed, 3), "per_second": round(commits / elapsed),
            "synchronous": synchronous, "sqlite": sqlite3.sqlite_version}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--synchronous", default="FULL", choices=["NORMAL", "FULL", "OFF"])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    result = measure(args.dir, args.seconds, args.synchronous)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['per_second']} commits/s ({result['commits']} in {result['seconds']}s, WAL, "
              f"synchronous={args.synchronous}, SQLite {result['sqlite']})")


if __name__ == "__main__":
    main()
