#!/usr/bin/env python3
"""Calibrates emotion scores on the TUNING part of the development sets and writes
lexicons/emotions/calibration.tsv.

An emotion's score is 1 - exp(-raw / tau), raw being the sum of its explained contributions.
For each emotion, this picks the raw threshold t that maximises the harmonic mean of the F1
(emotion present vs absent) over the language's data sets (English: Reddit and subtitles; the
harmonic mean keeps one threshold from sacrificing either kind of text), then sets
tau = t / ln 2, so that a score of 0.5 sits at t.

English thresholds of anger, joy, anticipation and sadness are kept >= 0.2 (SINGLE_LABEL_FLOOR):
those four are compared with each other when one emotion is picked per message (argmax, the
TweetEval emotion set: anger, joy, optimism, sadness), and a tiny threshold (one weak or
question-damped word) would make one of them saturate at 1.0 and win every comparison.
The held-out part (FNV-1a of the id, one in five) is never read; goemotions-dev is left for
evaluation entirely.

Usage: scripts/calibrate-emotions.py [DATASETS_DIR]   (default: ../shared/datasets)
"""
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
SINGLE_LABEL = ["anger", "joy", "anticipation", "sadness"]
SINGLE_LABEL_FLOOR = {"en": 0.2, "fr": 0.0}
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
        for emotion in EMOTIONS:
            floor = SINGLE_LABEL_FLOOR[lang] if emotion in SINGLE_LABEL else 0.0
            candidates = sorted({round(s[emotion], 2) for _, sums in data.values() for s in sums
                                 if s[emotion] > 0 and round(s[emotion], 2) >= floor})
            best = (1.0, 0.0)
            for t in candidates:
                scores = []
                for items, sums in data.values():
                    pairs = [(emotion in i["emotions"], s[emotion]) for i, s in zip(items, sums)]
                    scores.append(f1(pairs, t))
                mean = len(scores) / sum(1 / x for x in scores) if min(scores) > 0 else 0.0
                if mean > best[1]:
                    best = (t, mean)
            t, score = best
            rows.append(f"{emotion}\t{lang}\t{t / math.log(2):.4f}\t{t:.2f}\t{score:.4f}")
            print(f"{lang} {emotion:13} threshold {t:.2f}  tau {t / math.log(2):.4f}  harmonic mean F1 on tuning {score:.4f}")
    header = [line for line in OUT.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    OUT.write_text("\n".join(header + ["emotion\tlang\ttau\tthreshold\tf1_tuning"] + rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
