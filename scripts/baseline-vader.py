#!/usr/bin/env python3
"""Scores the HELD-OUT part of the development sets with VADER (vaderSentiment 3.3.2, English)
and VADER-FR (vaderSentiment-fr 1.3.4, French), the baselines emotics is compared with in the
README. Same split (FNV-1a of the id, one in five), same gold labels and same ±0.05 thresholds
as `emotics eval`.

Usage: pip install vaderSentiment==3.3.2 vaderSentiment-fr==1.3.4
       scripts/baseline-vader.py [DATASETS_DIR]
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from importlib import import_module

tune = import_module("tune-thresholds")

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as English
from vaderSentiment_fr.vaderSentiment import SentimentIntensityAnalyzer as French

DATASETS = Path(sys.argv[1]) if len(sys.argv) > 1 else tune.ROOT.parent / "shared" / "datasets"


def pearson(pairs):
    n = len(pairs)
    if n < 2:
        return None
    mx = sum(x for x, _ in pairs) / n
    my = sum(y for _, y in pairs) / n
    cov = sum((x - mx) * (y - my) for x, y in pairs)
    vx = sum((x - mx) ** 2 for x, _ in pairs)
    vy = sum((y - my) ** 2 for _, y in pairs)
    return cov / (vx * vy) ** 0.5


def main():
    analyzers = {"en": English(), "fr": French()}
    for name in [
        "semeval-sentiment-train.jsonl",
        "umsab-en-train.jsonl",
        "tweeteval-sentiment-val.jsonl",
        "goemotions-train.jsonl",
        "goemotions-dev.jsonl",
        "umsab-fr-train.jsonl",
        "deft2015-fr-train.jsonl",
        "deft2017-fr-train.jsonl",
        "xed-en-dev.jsonl",
        "xed-fr-dev.jsonl",
    ]:
        items = [json.loads(l) for l in open(DATASETS / name, encoding="utf-8") if l.strip()]
        items = [i for i in items if tune.held_out(i["id"])]
        labelled, valences = [], []
        for item in items:
            compound = analyzers[item["lang"]].polarity_scores(item["text"])["compound"]
            if tune.gold(item):
                labelled.append((tune.gold(item), compound))
            if "valence" in item:
                valences.append((item["valence"], compound))
        f1 = tune.macro_f1(labelled, 0.05) if labelled else None
        r = pearson(valences)
        print(f"{name:28} items {len(items):5}  macro-F1 {f1 if f1 is None else round(f1, 3)}  Pearson r {r if r is None else round(r, 3)}")


if __name__ == "__main__":
    main()
