#!/usr/bin/env python3
"""Calibrates emotion scores on the TUNING part of the development sets and writes
lexicons/emotions/calibration.tsv.

An emotion's score is 1 - exp(-raw / tau), raw being the sum of its explained contributions.
For each emotion, this picks the raw threshold t that maximises the harmonic mean of the F1
(emotion present vs absent) over the language's data sets (English: Reddit and subtitles; the
harmonic mean keeps one threshold from sacrificing either kind of text), then sets
tau = t / ln 2, so that a score of 0.5 sits at t.

English anger, joy, anticipation and sadness are compared with each other when one emotion is
picked per message (argmax, the TweetEval emotion set: anger, joy, optimism, sadness), so their
thresholds are chosen together: among the combinations of PAIR_GRID values, the one with the best
mean (over the four) of the harmonic-mean F1, on condition that the four-class proxy does not lose
more than PROXY_TOLERANCE against the best combination for the proxy. The proxy: single-emotion
GoEmotions train items (tuning part) whose emotion is one of the four, predicted as the argmax of
the four calibrated scores as emotics prints them (4 decimals; a tie goes to the first of anger,
joy, anticipation, sadness), macro-F1 over the four. A tiny threshold makes one emotion saturate
at 1.0 after one weak word (tie at 1.0), which the proxy measures instead of a fixed floor.
The held-out part (FNV-1a of the id, one in five) is never read; goemotions-dev is left for
evaluation entirely.

Usage: scripts/calibrate-emotions.py [DATASETS_DIR]   (default: ../shared/datasets)
"""
import itertools
import json
import math
import os
import subprocess
import sys
from importlib import import_module
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
tune = import_module("tune-thresholds")

EMOTIONS = ["joy", "trust", "fear", "surprise", "sadness", "disgust", "anger", "anticipation"]
# Each language is calibrated on its own data: τ depends on how rich its lexicon is.
SETS = {"en": ["goemotions-train.jsonl", "xed-en-dev.jsonl"], "fr": ["xed-fr-dev.jsonl"]}
DATASETS = Path(sys.argv[1]) if len(sys.argv) > 1 else tune.ROOT.parent / "shared" / "datasets"
OUT = tune.ROOT / "lexicons" / "emotions" / "calibration.tsv"
SINGLE_LABEL = ["anger", "joy", "anticipation", "sadness"]  # argmax order: ties go to the first
PAIR_GRID = [0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.4]  # joint thresholds of the four (English)
PROXY_TOLERANCE = 0.005
PROXY_SET = "goemotions-train.jsonl"
# honour CARGO_TARGET_DIR (shared build machines build into their own target directory)
TARGET = Path(os.environ["CARGO_TARGET_DIR"]) if os.environ.get("CARGO_TARGET_DIR") else tune.ROOT / "target"
BIN = TARGET / "release" / "emotics"


def raw_sums(items):
    payload = "".join(json.dumps({"id": i["id"], "text": i["text"]}) + "\n" for i in items)
    out = subprocess.run([str(BIN), "score", "--jsonl", "--profile", "x"], input=payload.encode(),
                         capture_output=True, check=True).stdout.decode().splitlines()
    sums = []
    for line in out:
        explanations = json.loads(line)["tone"]["explanations"]
        # emotion explanations only: `trust` is also the name of a marketing tone
        sums.append({e: sum(x["score"] for x in explanations if x["dimension"] == e and x["family"] == "emotion")
                     for e in EMOTIONS})
    return sums


def f1(pairs, t):
    tp = sum(1 for gold, raw in pairs if gold and raw >= t)
    fp = sum(1 for gold, raw in pairs if not gold and raw >= t)
    fn = sum(1 for gold, raw in pairs if gold and raw < t)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def harmonic_f1(data, emotion, t):
    scores = [f1([(emotion in i["emotions"], s[emotion]) for i, s in zip(items, sums)], t)
              for items, sums in data.values()]
    return len(scores) / sum(1 / x for x in scores) if min(scores) > 0 else 0.0


def printed_score(raw, t):
    """The score emotics prints for a raw sum when the emotion's threshold is t (tau = t / ln 2)."""
    return round(1 - math.exp(-raw * math.log(2) / t), 4) if raw > 0 else 0.0


def proxy_items(items_sums):
    items, sums = items_sums
    return [(SINGLE_LABEL.index(i["emotions"][0]), [s[e] for e in SINGLE_LABEL])
            for i, s in zip(items, sums) if len(i["emotions"]) == 1 and i["emotions"][0] in SINGLE_LABEL]


def proxy_f1(table, combo):
    """Macro-F1 of the argmax over the four; table[k][t] = printed scores of emotion k at t."""
    n = len(SINGLE_LABEL)
    columns = [table[k][t] for k, t in enumerate(combo)]
    conf = [[0] * n for _ in range(n)]
    for j, gold in enumerate(table["gold"]):
        row = [c[j] for c in columns]
        conf[gold][row.index(max(row))] += 1
    f = []
    for k in range(n):
        tp, gold_n, pred_n = conf[k][k], sum(conf[k]), sum(conf[x][k] for x in range(n))
        f.append(2 * tp / (gold_n + pred_n) if tp else 0.0)
    return sum(f) / n


def proxy_table(items_sums):
    pitems = proxy_items(items_sums)
    table = {"gold": [g for g, _ in pitems]}
    for k in range(len(SINGLE_LABEL)):
        table[k] = {t: [printed_score(r[k], t) for _, r in pitems] for t in PAIR_GRID}
    return table


def proxy(items_sums, th):
    table = {"gold": [g for g, _ in proxy_items(items_sums)]}
    for k, e in enumerate(SINGLE_LABEL):
        table[k] = {th[e]: [printed_score(r[k], th[e]) for _, r in proxy_items(items_sums)]}
    return proxy_f1(table, [th[e] for e in SINGLE_LABEL])


def choose_single_label(data):
    """Joint thresholds of the four compared emotions (see the module docstring)."""
    table = proxy_table(data[PROXY_SET])
    hf = {(e, t): harmonic_f1(data, e, t) for e in SINGLE_LABEL for t in PAIR_GRID}
    results = []
    for combo in itertools.product(PAIR_GRID, repeat=len(SINGLE_LABEL)):
        quality = sum(hf[(e, t)] for e, t in zip(SINGLE_LABEL, combo)) / len(SINGLE_LABEL)
        results.append((proxy_f1(table, combo), quality, combo))
    best_proxy = max(r[0] for r in results)
    ok = [r for r in results if r[0] >= best_proxy - PROXY_TOLERANCE]
    px, quality, combo = max(ok, key=lambda r: (r[1], r[0]))
    print(f"en four-class proxy: best {best_proxy:.4f}; chosen {px:.4f} with mean harmonic F1 {quality:.4f} at {combo}")
    return combo


def main():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=tune.ROOT, check=True)  # into CARGO_TARGET_DIR if set
    # start from uncalibrated scores: calibration does not change raw sums
    rows = []
    for lang, names in SETS.items():
        data = {}
        for name in names:
            items = [json.loads(l) for l in open(DATASETS / name, encoding="utf-8") if l.strip()]
            items = [i for i in items if not tune.held_out(i["id"]) and "emotions" in i]
            data[name] = (items, raw_sums(items))
        chosen = {}
        for emotion in EMOTIONS:
            candidates = sorted({round(s[emotion], 2) for _, sums in data.values() for s in sums if s[emotion] > 0})
            best = (1.0, 0.0)
            for t in candidates:
                mean = harmonic_f1(data, emotion, t)
                if mean > best[1]:
                    best = (t, mean)
            chosen[emotion] = best
        if lang == "en":
            joint = choose_single_label(data)
            for emotion, t in zip(SINGLE_LABEL, joint):
                chosen[emotion] = (t, harmonic_f1(data, emotion, t))
            th = dict(zip(SINGLE_LABEL, joint))
            print(f"en four-class proxy (argmax over {', '.join(SINGLE_LABEL)}) on tuning: {proxy(data[PROXY_SET], th):.4f}")
        for emotion in EMOTIONS:
            t, score = chosen[emotion]
            rows.append(f"{emotion}\t{lang}\t{t / math.log(2):.6f}\t{t:.2f}\t{score:.4f}")
            print(f"{lang} {emotion:13} threshold {t:.2f}  tau {t / math.log(2):.6f}  harmonic mean F1 on tuning {score:.4f}")
    header = [line for line in OUT.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    OUT.write_text("\n".join(header + ["emotion\tlang\ttau\tthreshold\tf1_tuning"] + rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
