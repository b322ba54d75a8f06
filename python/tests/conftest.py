"""Shared fixtures: the messages every comparison runs on, and the CLI to compare with."""

import json
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]

# Beyond the hand-written tone cases: the shapes that break naive code.
EDGE_CASES = [
    "",
    " ",
    "Réponds STOP pour ne plus recevoir nos SMS. Promo ⚡ https://example.com/soldes",
    "a" * 161,
    "é" * 71,
    "👩‍👩‍👧‍👦" * 40,
    "line one\nline two\ttabbed",
    "NUL\x00inside",
    "Emoji only 🎉🎉🎉",
    "https://t.co/abc " * 20,
    "Merci pour votre confiance, tu vas adorer 🎉",
    "#soldes #promo #black_friday @marque",
]


def tone_cases():
    """The texts of tests/tone/cases.tsv (hand-written, FR and EN)."""
    lines = (REPO / "tests/tone/cases.tsv").read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[3] for line in lines if line and not line.startswith("#")]


@pytest.fixture(scope="session")
def messages():
    return tone_cases() + EDGE_CASES


@pytest.fixture(scope="session")
def cli():
    """Runs `emotics score --jsonl` over texts; returns the reports, without their ids."""
    binary = pathlib.Path(os.environ.get("EMOTICS_BIN", REPO / "target/debug/emotics"))
    if not binary.is_file():
        pytest.fail(f"no emotics binary at {binary}: run `cargo build` or set EMOTICS_BIN")

    def run(texts, *args):
        lines = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
        out = subprocess.run(
            [binary, "score", "--jsonl", *args], input=lines.encode(), capture_output=True, check=True
        ).stdout
        reports = [json.loads(line) for line in out.splitlines()]
        assert [r.pop("id") for r in reports] == list(range(len(texts)))
        return reports

    return run


def at_path(report, path):
    """The value of a report's JSON at a dotted field path (profile names have no dots)."""
    value = report
    for key in path.split("."):
        value = value[key]
    return value


def readme_blocks(path, info="python"):
    """The code of the fenced blocks of a Markdown file whose info string is `info`."""
    blocks, block = [], None
    for line in pathlib.Path(path).read_text(encoding="utf-8").splitlines():
        if block is None and line.strip() == "```" + info:
            block = []
        elif block is not None and line.strip() == "```":
            blocks.append("\n".join(block))
            block = None
        elif block is not None:
            block.append(line)
    return blocks
