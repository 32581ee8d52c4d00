"""Writes the latest figures into BENCHMARKS.md, between markers, leaving every other section as it is."""
import os
import re


def _replace_block(path, name, heading, body):
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    block = f"{begin}\n{body.rstrip()}\n{end}"
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Benchmarks\n"
    if begin in text and end in text:
        text = re.sub(re.escape(begin) + r".*?" + re.escape(end), lambda _: block, text, count=1, flags=re.S)
    else:
        text = text.rstrip() + f"\n\n{heading}\n\n{block}\n"
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def write_bench(path, r, table):
    m = r["machine"]
    loads = ", ".join(f"{k} {v['loadavg1']:.2f}/{v['busy_cores']:.2f}" for k, v in r["loads"].items())
    lines = [
        f"Run {r['started']} → {r['finished']}, {r['count']:,} learners; wrk {r['wrk']['threads']} threads, "
        f"{r['wrk']['connections']} connections, {r['wrk']['duration_s']} s per run (quiz: until every prepared "
        "attempt is submitted once, at most 60 s).",
        "",
        f"Machine: {m['nproc']} cores, {m['cpu']}, {m['memory']}, disk {m['disk']}, Linux {m['kernel']}; "
        f"{m['swift']}; {m['wrk']}; {m['nginx']}; SQLite {m['sqlite']}; Python {m['python']}.",
        "",
        f"Load before each measurement (1-minute load average / cores busy over 3 s): {loads}.",
        "",
        table,
        "",
        f"Page sizes: lesson {r.get('sizes', {}).get('lesson_bytes', 0):,} bytes, verify page "
        f"{r.get('sizes', {}).get('verify_bytes', 0):,} bytes, no compression on either side.",
    ]
    for size, b in (r.get("bursts") or {}).items():
        lines.append(
            f"Burst {size}: statuses {b['statuses']}, errors {b['error_kinds'] or 'none'}, client CPU "
            f"{b['client_cpu_s']} s ({b.get('client', 'asyncio')} client, sharing the 2 cores), peak server VmRSS {b.get('peak_rss_mib')} MiB.")
    for name, top in (r.get("perf") or {}).items():
        lines += ["", f"perf, {name} (self time, top symbols):", "", "```"] + top + ["```"]
    _replace_block(path, "bench:results", "## Latest `make bench` run", "\n".join(lines))


def write_crash(path, body):
    _replace_block(path, "crashtest:results", "## Latest `make crashtest` run", body)
