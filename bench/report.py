"""Turns the measurements of scripts/bench (JSON Lines, one per tool and task) into the
Markdown of docs/benchmarks.md: the table, the issue #8 targets met or not, and the machine.

Usage: python3 bench/report.py RESULTS.jsonl MACHINE.txt > docs/benchmarks.md
"""
import json
import sys

rows = {}
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        row = json.loads(line)
        # Rates are per CPU second where the runner measured it (fairer on a shared machine),
        # but by wall time for the rows that use every core (`by_wall`).
        seconds = row.get("seconds") if row.get("by_wall") else (row.get("cpu_seconds") or row.get("seconds"))
        row["rate"] = row["messages"] / seconds if seconds else None
        rows[row["id"]] = row
machine = open(sys.argv[2], encoding="utf-8").read().strip()


def rate(row_id):
    row = rows.get(row_id)
    return row["rate"] if row else None


def num(x, digits=0):
    return "—" if x is None else f"{x:,.{digits}f}"


def ratio(x):
    if x is None:
        return "—"
    return f"{x:,.0f}×" if x >= 100 else f"{x:,.1f}×" if x >= 10 else f"{x:,.2f}×"


def ratio_cell(row):
    """Competitors: how many times emotics' matching row is faster. Emotics' other shells
    (CLI, wasm): their share of the library's throughput."""
    ref = row.get("vs")
    if not ref or rate(ref) is None or row["rate"] is None:
        return "—"
    if row["tool"].startswith("emotics"):
        return f"{ratio(row['rate'] / rate(ref))} of {rows[ref]['task_short']}"
    return f"emotics {ratio(rate(ref) / row['rate'])} ({rows[ref]['task_short']})"


out = []
out.append("# Benchmarks")
out.append("")
out.append(
    "Written by `scripts/bench` (issue #8): every tool on the same messages in one run, "
    "single-threaded. Messages are texts of the dev datasets (`shared/datasets`, not "
    "committed), cycled to the corpus size: **mixed** is 80 % English and 20 % French, "
    "interleaved; **en** and **fr** are one language each.\n\n"
    "Rates are messages per second of CPU time of the thread or process doing the work (wall "
    "time is shown too: on a busy machine it also counts other processes' turns; node's CPU "
    "time includes V8's GC threads). In-process rows time scoring only, after a warm-up, and "
    "keep the pass with the least CPU time of up to 5 (or 3 s); the CLI rows time the whole "
    "process (start-up included), reading JSON Lines on stdin and writing one JSON report per "
    "line. *Ratio*: how many times faster emotics' matching row is than the tool (for "
    "emotics' CLI and wasm rows, their share of the library's throughput). *allocs/message*: "
    "heap allocations and reallocations per message (the library rows). *Peak RSS*: the "
    "process's maximum resident set (`/usr/bin/time`), interpreter and corpus included."
)
out.append("")
out.append("| tool | task | corpus | messages | CPU s | wall s | messages/s | ns/message | ratio | allocs/message | peak RSS |")
out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for row in rows.values():
    rss = f"{row['rss_kb'] / 1024:,.1f} MB" if row.get("rss_kb") else "—"
    ns = 1e9 / row["rate"] if row["rate"] else None
    allocs = row.get("allocs_per_message")
    out.append(
        f"| {row['tool']} | {row['task']} | {row['corpus']} | {row['messages']:,} "
        f"| {num(row.get('cpu_seconds'), 3)} | {num(row['seconds'], 3)} "
        f"| {num(row['rate'])} | {num(ns)} | {ratio_cell(row)} | {num(allocs, 1)} | {rss} |"
    )
notes = [row["note"] for row in rows.values() if row.get("note")]
notes += [
    f"{row['tool']} panicked on {row['panics']:,} of the {row['messages']:,} messages "
    "(caught; counted as scored)."
    for row in rows.values()
    if row.get("panics")
]
if notes:
    out.append("")
    out.extend(f"- {note}" for note in notes)


def target(text, value, threshold, shown):
    if value is None:
        return f"| {text} | not measured | — |"
    return f"| {text} | {shown} | {'met' if value >= threshold else '**not met**'} |"


def over(a, b):
    return rate(a) / rate(b) if rate(a) and rate(b) else None


cli_rss = rows.get("cli-1m", {}).get("rss_kb")
out.append("")
out.append("## Targets (issue #8), as ratios from this run")
out.append("")
out.append("| target | measured | |")
out.append("|---|---:|---|")
r = over("valence-en", "vader-py")
out.append(target("valence-only scoring ≥ 100× VADER Python (English)", r, 100, ratio(r)))
r = over("valence-en", "vader-rs")
out.append(target("valence-only scoring ≥ 5× the vader_sentiment crate (English)", r, 5, ratio(r)))
r = over("score-en", "vader-py")
out.append(target("full report ≥ 30× VADER Python (English)", r, 30, ratio(r)))
r = rate("length-mixed")
out.append(target("length-only ≥ 1,000,000 messages/s on one core (every profile)", r, 1_000_000, f"{num(r)} messages/s"))
r = rate("length-x-mixed")
out.append(target("length-only ≥ 1,000,000 messages/s on one core (X profile)", r, 1_000_000, f"{num(r)} messages/s"))
r = over("length-x-mixed", "twitter-text")
out.append(target("length-only ≥ 20× twitter-text `parseTweet` (both X length only)", r, 20, ratio(r)))
r = over("length-mixed", "twitter-text")
out.append(target("the same with every one of emotics' profiles against `parseTweet`'s one", r, 20, ratio(r)))
r = over("cli-mixed", "score-mixed")
out.append(target("`score --jsonl` ≥ 50 % of library throughput", r, 0.5, f"{num(r and r * 100)} %"))
if cli_rss:
    mb = cli_rss / 1024
    streamed = rows["cli-1m"]["messages"]
    out.append(
        f"| peak RSS of the CLI streaming {streamed:,} messages ≤ 30 MB | {mb:,.1f} MB | "
        f"{'met' if mb <= 30 else '**not met**'} |"
    )
else:
    out.append("| peak RSS of the CLI streaming 1M messages ≤ 30 MB | not measured | — |")
r = over("check-mixed", "cli-mixed")
out.append(target("`check` on a CSV ≥ 70 % of `score --jsonl` on the same messages (issue #6)", r, 0.7, f"{num(r and r * 100)} %"))
r = over("wasm-mixed", "score-mixed")
out.append(target("wasm in node ≥ 30 % of native (full report)", r, 0.3, f"{num(r and r * 100)} %"))
out.append("")
out.append("## Targets (issue #24), as ratios from this run")
out.append("")
out.append("| target | measured | |")
out.append("|---|---:|---|")
r = over("fields-en-all", "vader-py")
out.append(target("VADER's work (`--fields id,tone.valence,tone.label`) ≥ 20× VADER Python, every core", r, 20, ratio(r)))
r = over("fields-en-1", "vader-py")
out.append(f"| the same on one core | {ratio(r)} | reported |")
r = rows.get("fields-en-1")
r = r and r["messages"] / r["cpu_seconds"] / rate("vader-rs") if rate("vader-rs") else None
out.append(target("VADER's work ≥ 2× the vader_sentiment crate per core (CPU time)", r, 2, ratio(r)))
r = over("jobs-all", "jobs-1")
out.append(target("`score --jsonl` from 1 job to every core ≥ 1.8× (wall time)", r, 1.8, ratio(r)))
out.append("")
out.append("## Machine")
out.append("")
out.append(machine)
print("\n".join(out))
