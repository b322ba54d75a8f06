#!/usr/bin/env python3
"""Chooses the `tone.label` thresholds on the TUNING part of the development sets.

The held-out part (one item in five, by an FNV-1a hash of its id: see src/eval.rs) is never
read here, so `emotics eval --part held-out` reports honest figures afterwards.

Usage: scripts/tune-thresholds.py [DATASETS_DIR]   (default: ../shared/datasets)
Prints, for each candidate threshold t (positive >= t, negative <= -t), the 3-class macro-F1
on each set and their mean; the best mean is the one to put in src/tone/mod.rs.
"""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASETS = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "datasets"
SETS = ["goemotions-dev.jsonl", "goemotions-train.jsonl", "xed-en-dev.jsonl", "xed-fr-dev.jsonl"]
BIN = ROOT / "target" / "release" / "emotics"


def held_out(item_id: str) -> bool:
    h = 0xCBF29CE484222325
    for b in item_id.encode():
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h % 5 == 0


def gold(item):
    s = item.get("sentiment")
    if s in ("positive", "neutral", "negative"):
        return s
    emotions = item.get("emotions")
    if emotions is None:
        return None
    pos = any(e in ("joy", "trust") for e in emotions)
    neg = any(e in ("anger", "disgust", "fear", "sadness") for e in emotions)
    other = any(e in ("surprise", "anticipation") for e in emotions)
    if not emotions:
        return "neutral"
    if pos and not neg and not other:
        return "positive"
    if neg and not pos and not other:
        return "negative"
    return None


def macro_f1(pairs, t):
    labels = ["positive", "neutral", "negative"]
    conf = {(g, p): 0 for g in labels for p in labels}
    for g, v in pairs:
        p = "positive" if v >= t else "negative" if v <= -t else "neutral"
        conf[(g, p)] += 1
    f1s = []
    for l in labels:
        tp = conf[(l, l)]
        gold_n = sum(conf[(l, p)] for p in labels)
        pred_n = sum(conf[(g, l)] for g in labels)
        if gold_n:
            f1s.append(2 * tp / (gold_n + pred_n) if gold_n + pred_n else 0.0)
    return sum(f1s) / len(f1s)


def main():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    results = {}
    for name in SETS:
        items = [json.loads(l) for l in open(DATASETS / name, encoding="utf-8") if l.strip()]
        items = [i for i in items if not held_out(i["id"]) and gold(i)]
        payload = "".join(json.dumps({"id": i["id"], "text": i["text"]}) + "\n" for i in items)
        out = subprocess.run([str(BIN), "score", "--jsonl", "--profile", "x"], input=payload.encode(),
                             capture_output=True, check=True).stdout.decode().splitlines()
        results[name] = [(gold(i), json.loads(o)["tone"]["valence"]) for i, o in zip(items, out)]
    print("t      " + "  ".join(f"{n[:14]:>14}" for n in SETS) + "     mean")
    best = None
    for k in range(1, 41):
        t = k / 100
        scores = [macro_f1(results[n], t) for n in SETS]
        mean = sum(scores) / len(scores)
        print(f"{t:.2f}   " + "  ".join(f"{s:14.4f}" for s in scores) + f"   {mean:.4f}")
        if best is None or mean > best[1]:
            best = (t, mean)
    print(f"best threshold {best[0]:.2f} (mean macro-F1 {best[1]:.4f} on the tuning part)")


if __name__ == "__main__":
    main()
