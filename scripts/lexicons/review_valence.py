#!/usr/bin/env python3
"""Review the valence lexicons against the labelled development tweets and comments.

Scores the *tuning* part of the 3-class sentiment sets in the shared datasets folder with
`emotics score --jsonl` (the language given by each file), collects every valence
explanation of the French and English word lexicons (`lexicon` fr / en), and for each matched
term compares the labels of the items containing it with what the items' files lead one to
expect:

  log-odds(pos:neg) = log((pos + 1) / (neg + 1)) - log((E[pos] + 1) / (E[neg] + 1))

where E[pos], E[neg] are the sums over the same items of their file's positive and negative
base rates (the files have very different priors: DEFT 2015 has no neutral class, SemEval is
half neutral), with z = log-odds / sqrt(1/(pos+1) + 1/(neg+1)). A term is **flagged** when it
occurs in at least --min-count polar items (positive or negative) and the data contradict its
lexicon sign with z beyond --z (default 2). A second list gives terms that occur mostly in
*neutral* items (files with a neutral class only), the marketing/neutral words read with a
polarity they do not have: neutral log-odds against the same expectation, z >= --z.

Held-out rule (as `part_of` in src/eval.rs): an item whose id hashes (FNV-1a 64-bit over the
UTF-8 bytes of the id) to a multiple of 5 is never read nor scored. Duplicate texts (the UMSAB
files repeat DEFT tweets) are counted once per language. Texts are never written out: the
report lists lexicon terms and counts only.

Usage:
  python3 scripts/lexicons/review_valence.py [--datasets DIR] [--binary PATH]
                                             [--min-count 8] [--z 2] [--out FILE]

The binary defaults to target/release/emotics (build it with `cargo build --release`).
Python 3 standard library only.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import unicodedata
from collections import defaultdict

FILES = {
    "en": ["semeval-sentiment-train", "umsab-en-train", "tweeteval-sentiment-val", "goemotions-train"],
    "fr": ["umsab-fr-train", "deft2015-fr-train", "deft2017-fr-train"],
}
LABELS = ("positive", "neutral", "negative")


def held_out(item_id):
    h = 0xCBF29CE484222325
    for byte in item_id.encode("utf-8"):
        h ^= byte
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h % 5 == 0


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def load_table(root, lang):
    table = {}
    with open(os.path.join(root, "lexicons", lang, "valence.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("term\t"):
                continue
            term, value, source = line.rstrip("\n").split("\t")
            table[term] = (float(value), source)
    folded = defaultdict(list)
    for term in table:
        folded[fold(term)].append(term)
    return table, folded


def table_term(text, table, folded):
    """The table entry a matched text stands for (exact, else the accent-folded form)."""
    key = " ".join(text.lower().replace("\u2019", "'").split())
    if key in table:
        return key
    candidates = folded.get(fold(key), [])
    return candidates[0] if len(candidates) == 1 else (candidates and "|".join(sorted(candidates))) or key


def score_file(binary, path, lang, seen):
    """(labels, base rates, explanations per item) for the tuning part of one file."""
    items = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            if held_out(item["id"]) or item.get("sentiment") not in LABELS:
                continue
            key = " ".join(item["text"].lower().split())
            if key in seen:
                continue
            seen.add(key)
            items.append(item)
    counts = {label: 0 for label in LABELS}
    for item in items:
        counts[item["sentiment"]] += 1
    rates = {label: counts[label] / len(items) for label in LABELS}
    payload = "".join(json.dumps({"id": item["id"], "text": item["text"]}, ensure_ascii=False) + "\n" for item in items)
    out = subprocess.run(
        [binary, "score", "--jsonl", "--lang", lang, "--profile", "x"],
        input=payload.encode("utf-8"),
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    reports = {}
    for line in out.splitlines():
        report = json.loads(line)
        terms = {}
        for e in report["tone"]["explanations"]:
            if e.get("family") == "valence" and e.get("lexicon") == lang:
                terms[e["text"]] = e["base"]
        reports[report["id"]] = terms
    return [(item["sentiment"], rates, reports.get(item["id"], {})) for item in items], counts


def review(args, root, lang):
    table, folded = load_table(root, lang)
    stats = defaultdict(lambda: {"pos": 0, "neu": 0, "neg": 0, "epos": 0.0, "eneg": 0.0,
                                 "neu_n": 0, "neu_obs": 0, "eneu": 0.0, "base": None})
    seen = set()
    totals = {}
    for name in FILES[lang]:
        path = os.path.join(args.datasets, name + ".jsonl")
        rows, counts = score_file(args.binary, path, lang, seen)
        totals[name] = counts
        for label, rates, terms in rows:
            keys = {}
            for text, base in terms.items():
                keys[table_term(text, table, folded)] = base
            for key, base in keys.items():
                s = stats[key]
                s["base"] = base
                s[{"positive": "pos", "neutral": "neu", "negative": "neg"}[label]] += 1
                s["epos"] += rates["positive"]
                s["eneg"] += rates["negative"]
                if rates["neutral"] > 0:
                    s["neu_n"] += 1
                    s["neu_obs"] += label == "neutral"
                    s["eneu"] += rates["neutral"]
    rows = []
    for key, s in stats.items():
        lo = math.log((s["pos"] + 1) / (s["neg"] + 1)) - math.log((s["epos"] + 1) / (s["eneg"] + 1))
        z = lo / math.sqrt(1 / (s["pos"] + 1) + 1 / (s["neg"] + 1))
        n = s["neu_n"]
        if n:
            p = (s["neu_obs"] + 1) / (n + 2)
            q = (s["eneu"] + 1) / (n + 2)
            nlo = math.log(p / (1 - p)) - math.log(q / (1 - q))
            nz = nlo / math.sqrt(1 / (s["neu_obs"] + 1) + 1 / (n - s["neu_obs"] + 1))
        else:
            nlo = nz = 0.0
        value, source = table.get(key, (s["base"], "?"))
        rows.append((key, value, source, s["pos"], s["neu"], s["neg"], lo, z, nlo, nz))
    return rows, totals


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", default=os.path.join(root, "..", "shared", "datasets"))
    parser.add_argument("--binary", default=os.path.join(root, "target", "release", "emotics"))
    parser.add_argument("--min-count", type=int, default=8)
    parser.add_argument("--z", type=float, default=2.0)
    parser.add_argument("--lang", choices=["en", "fr", "both"], default="both")
    parser.add_argument("--out", help="write every term's counts as TSV to this file")
    args = parser.parse_args()
    everything = []
    for lang in (["en", "fr"] if args.lang == "both" else [args.lang]):
        rows, totals = review(args, root, lang)
        print(f"== {lang}: tuning items per file (pos/neu/neg, duplicates dropped): "
              + ", ".join(f"{k} {v['positive']}/{v['neutral']}/{v['negative']}" for k, v in totals.items()))
        flagged = [r for r in rows if r[3] + r[5] >= args.min_count and r[1] * r[7] < 0 and abs(r[7]) >= args.z]
        flagged.sort(key=lambda r: -abs(r[7]))
        print(f"-- {len(flagged)} {lang} terms whose sign the data contradict (polar n >= {args.min_count}, |z| >= {args.z})")
        print("term\tvalence\tsource\tpos\tneu\tneg\tlog-odds\tz")
        for r in flagged:
            print(f"{r[0]}\t{r[1]:+.2f}\t{r[2]}\t{r[3]}\t{r[4]}\t{r[5]}\t{r[6]:+.2f}\t{r[7]:+.1f}")
        neutral = [r for r in rows if r[3] + r[4] + r[5] >= args.min_count and r[9] >= args.z and abs(r[1]) >= 0.8]
        neutral.sort(key=lambda r: -r[9])
        print(f"-- {len(neutral)} {lang} terms (|valence| >= 0.8) found mostly in neutral items (n >= {args.min_count}, z >= {args.z})")
        print("term\tvalence\tsource\tpos\tneu\tneg\tneutral log-odds\tz")
        for r in neutral:
            print(f"{r[0]}\t{r[1]:+.2f}\t{r[2]}\t{r[3]}\t{r[4]}\t{r[5]}\t{r[8]:+.2f}\t{r[9]:+.1f}")
        everything += [(lang,) + r for r in rows]
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write("lang\tterm\tvalence\tsource\tpos\tneu\tneg\tlog_odds\tz\tneutral_log_odds\tneutral_z\n")
            for r in sorted(everything, key=lambda r: (r[0], r[1])):
                f.write("\t".join([r[0], r[1], f"{r[2]:+.2f}", r[3], str(r[4]), str(r[5]), str(r[6]),
                                   f"{r[7]:+.3f}", f"{r[8]:+.2f}", f"{r[9]:+.3f}", f"{r[10]:+.2f}"]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
