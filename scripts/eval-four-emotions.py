#!/usr/bin/env python3
"""Four-class emotion argmax on the held-out part of TweetEval emotion (anger, joy, optimism,
sadness): the emotion among anger, joy, anticipation (optimism) and sadness with the highest
score is the prediction; prints the macro-F1, for the built-in model and the rule engine.

Usage: cargo build --release && scripts/eval-four-emotions.py [DATASETS_DIR]
"""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASETS = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "datasets"
CLASSES = {"anger": "anger", "joy": "joy", "optimism": "anticipation", "sadness": "sadness"}


def held_out(item_id):
    """The split of `emotics eval`: FNV-1a 64 of the id, one in five."""
    h = 0xCBF29CE484222325
    for b in item_id.encode():
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h % 5 == 0


def main():
    items = [json.loads(l) for l in open(DATASETS / "tweeteval-emotion-train.jsonl", encoding="utf-8")]
    items = [i for i in items if held_out(i["id"])]
    lines = "\n".join(json.dumps({"id": i["id"], "text": i["text"]}) for i in items)
    for model in ["builtin", "none"]:
        out = subprocess.run(
            [str(ROOT / "target/release/emotics"), "score", "--jsonl", "--profile", "x", "--model", model],
            input=lines, capture_output=True, text=True, check=True,
        ).stdout.splitlines()
        counts = {c: [0, 0, 0] for c in CLASSES}  # true positives, false positives, false negatives
        for item, line in zip(items, out):
            emotions = json.loads(line)["tone"]["emotions"]
            gold = item["labels"][0]
            predicted = max(CLASSES, key=lambda c: emotions[CLASSES[c]])
            if predicted == gold:
                counts[gold][0] += 1
            else:
                counts[predicted][1] += 1
                counts[gold][2] += 1
        f1 = []
        for tp, fp, fn in counts.values():
            p = tp / (tp + fp) if tp + fp else 0
            r = tp / (tp + fn) if tp + fn else 0
            f1.append(2 * p * r / (p + r) if p + r else 0)
        print(f"--model {model:8} {len(items)} tweets  four-class macro-F1 {sum(f1) / 4:.3f}")


if __name__ == "__main__":
    main()
