#!/usr/bin/env python3
"""Simulate learning progress in a benchmark database, so that reports have realistic numbers.

Usage: simulate_progress.py DATABASE COURSES_DIR [--seed 1]

For every enrolment of a course found in COURSES_DIR it spreads `enrolled_at` over the last 120 days, then, with a
propensity that differs from commune to commune (so some communes lag behind), opens lessons, makes graded quiz
attempts, and issues a certificate (a few revoked) to those who passed what the certificate requires. It also enrols
a third of the learners in a second course, with less progress. Writes straight to SQLite in one transaction;
deterministic for a given seed. The certificates carry a placeholder credential: they are for reports, not for
verification.
"""
import argparse
import datetime
import os
import random
import re
import sqlite3
import uuid


def read_course(folder):
    """Modules (slug, has_lesson, has_quiz) and the required quizzes, from course.yaml (our own simple layout)."""
    modules, requires, current = [], [], None
    with open(os.path.join(folder, "course.yaml"), encoding="utf-8") as handle:
        for line in handle:
            if m := re.match(r"^  - slug: *(\S+)", line):
                current = {"slug": m.group(1).strip("'\""), "lesson": False, "quiz": False}
                modules.append(current)
            elif current and re.match(r"^    lesson:", line):
                current["lesson"] = True
            elif current and re.match(r"^    quiz:", line):
                current["quiz"] = True
            elif m := re.match(r"^  requires: *\[(.*)\]", line):
                requires = [s.strip().strip("'\"") for s in m.group(1).split(",") if s.strip()]
    return modules, requires or [m["slug"] for m in modules if m["quiz"]]


def stamp(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S.000")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("database")
    parser.add_argument("courses")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    db = sqlite3.connect(args.database)
    db.execute("PRAGMA foreign_keys = ON")
    kid = db.execute("SELECT kid FROM signing_key WHERE retired_at IS NULL").fetchone()[0]
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    courses = sorted(d for d in os.listdir(args.courses) if os.path.isfile(os.path.join(args.courses, d, "course.yaml")))
    learners = db.execute("SELECT id, full_name, district, commune FROM user WHERE role = 'learner'").fetchall()
    # A second course for a third of the learners, so reports are not about one course only.
    for course in courses:
        if db.execute("SELECT COUNT(*) FROM enrollment WHERE course_slug = ?", (course,)).fetchone()[0] == 0:
            chosen = [row for row in learners if rng.random() < 0.33]
            db.executemany(
                "INSERT OR IGNORE INTO enrollment (user_id, course_slug, enrolled_at) VALUES (?, ?, ?)",
                [(row[0], course, stamp(now)) for row in chosen])
    propensity = {}
    counts = {"lesson_view": 0, "attempt": 0, "certificate": 0}
    for course in courses:
        modules, requires = read_course(os.path.join(args.courses, course))
        for module in modules:
            if module["quiz"]:
                db.execute(
                    "INSERT OR IGNORE INTO quiz_version VALUES (?, ?, 'bench', '{}', ?)", (course, module["slug"], stamp(now)))
        enrolled = db.execute(
            "SELECT e.id, e.user_id, u.full_name, u.district, u.commune FROM enrollment e JOIN user u ON u.id = e.user_id "
            "WHERE e.course_slug = ?", (course,)).fetchall()
        for enrolment_id, user_id, name, district, commune in enrolled:
            start = now - datetime.timedelta(days=rng.uniform(1, 120))
            db.execute("UPDATE enrollment SET enrolled_at = ? WHERE id = ?", (stamp(start), enrolment_id))
            eagerness = propensity.setdefault((district, commune), rng.uniform(0.15, 0.95))
            if rng.random() > eagerness:
                continue  # not started
            # The keen go all the way through; the others stop somewhere along the course.
            reach = len(modules) if rng.random() < 0.2 + 0.6 * eagerness else rng.randint(1, len(modules))
            passed = set()
            moment = start
            for module in modules[:reach]:
                moment += datetime.timedelta(hours=rng.uniform(1, 48))
                if module["lesson"]:
                    db.execute("INSERT OR IGNORE INTO lesson_view VALUES (?, ?, ?, ?, ?)",
                               (user_id, course, module["slug"], stamp(moment), stamp(moment)))
                    counts["lesson_view"] += 1
                if not module["quiz"] or rng.random() > 0.85:
                    continue
                for number in range(1, rng.randint(1, 3) + 1):
                    percent = min(100.0, max(0.0, rng.gauss(72 + 10 * eagerness, 15)))
                    ok = percent >= (80 if module["slug"] in requires else 70)
                    db.execute(
                        "INSERT INTO attempt (id, user_id, course_slug, module_slug, content_version, number, layout_json,"
                        " started_at, submitted_at, score, max_score, percent, passed)"
                        " VALUES (?, ?, ?, ?, 'bench', ?, '{}', ?, ?, ?, 100, ?, ?)",
                        (str(uuid.UUID(int=rng.getrandbits(128))), user_id, course, module["slug"], number,
                         stamp(moment), stamp(moment), percent, percent, int(ok)))
                    counts["attempt"] += 1
                    if ok:
                        passed.add(module["slug"])
                        break
            if all(slug in passed for slug in requires):
                counts["certificate"] += 1
                revoked = stamp(moment) if rng.random() < 0.03 else None
                db.execute(
                    "INSERT INTO certificate (code, user_id, course_slug, content_version, holder_name, course_title,"
                    " issued_at, kid, jwt, revoked_at, revoked_reason) VALUES (?, ?, ?, 'bench', ?, ?, ?, ?, 'bench', ?, ?)",
                    ("BNCH-%04d-%04d" % divmod(counts["certificate"], 10000), user_id, course, name, course,
                     stamp(moment), kid, revoked, "benchmark" if revoked else None))
    db.commit()
    print("simulated:", ", ".join(f"{n} {table}" for table, n in counts.items()))


if __name__ == "__main__":
    main()
