"""Messages per second of the Python package against `emotics score --jsonl`, in one run on
the same messages (the texts of ../shared/datasets/*.jsonl, never committed).

    python throughput.py --cli target/release/emotics [--messages 100000] [--spark]

Prints one line per measure: wall time, CPU time and messages per CPU second (per core).
Time is reported, never asserted: the machine is shared.
"""

import argparse
import glob
import itertools
import json
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

import pyarrow as pa

import emotics


def texts(folder, count):
    """`count` texts, taken in turn from each dataset (cycled when there are fewer)."""
    files = sorted(glob.glob(os.path.join(folder, "*.jsonl")))
    if not files:
        sys.exit(f"no *.jsonl in {folder}")
    per_file = [[json.loads(line)["text"] for line in open(f, encoding="utf-8")] for f in files]
    mixed = [t for group in itertools.zip_longest(*per_file) for t in group if t is not None]
    return list(itertools.islice(itertools.cycle(mixed), count))


def report(name, count, wall, cpu):
    print(f"{name:<46} {count:>8} msgs  {wall:7.2f} s wall  {cpu:7.2f} s CPU  {count / cpu:>9,.0f} msgs/CPU-s  {count / wall:>9,.0f} msgs/s")


def measure(name, count, run):
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    report(name, count, time.perf_counter() - wall, time.process_time() - cpu)


def cli(binary, messages):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as corpus:
        for i, text in enumerate(messages):
            corpus.write(json.dumps({"id": i, "text": text}) + "\n")
        corpus.flush()
        for jobs in ("1", str(os.cpu_count())):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            wall = time.perf_counter()
            with open(corpus.name, "rb") as stdin:
                command = [binary, "score", "--jsonl", "--jobs", jobs]
                subprocess.run(command, stdin=stdin, stdout=subprocess.DEVNULL, check=True)
            wall = time.perf_counter() - wall
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            report(f"CLI score --jsonl --jobs {jobs} (all profiles)", len(messages), wall, cpu)


def spark(messages):
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession
    from pyspark.sql.pandas.types import from_arrow_schema

    spark = SparkSession.builder.master("local[2]").config("spark.ui.showConsoleProgress", "false").getOrCreate()
    columns = list(emotics.Checker().arrow_type())
    schema = pa.schema(columns)

    def score(batches):
        checker = emotics.Checker()
        for batch in batches:
            yield pa.RecordBatch.from_arrays(checker.score_batch(batch.column("text")).flatten(), schema=schema)

    df = spark.createDataFrame(pa.table({"text": messages})).repartition(2).cache()
    df.count()
    scored = df.mapInArrow(score, from_arrow_schema(schema))
    scored.limit(10).collect()  # warm up the workers
    wall = time.perf_counter()
    count = scored.selectExpr("count(`tone.valence`)").collect()[0][0]
    wall = time.perf_counter() - wall
    print(f"{'Spark local[2] mapInArrow (all profiles)':<46} {count:>8} msgs  {wall:7.2f} s wall  {'':>25}  {count / wall:>9,.0f} msgs/s")
    spark.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True, help="the emotics binary (a release build)")
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--datasets", default=str(pathlib.Path(__file__).resolve().parents[3] / "shared/datasets"))
    parser.add_argument("--spark", action="store_true", help="also Spark local[2] (needs PySpark and Java)")
    args = parser.parse_args()
    messages = texts(args.datasets, args.messages)
    checker = emotics.Checker()
    print(f"emotics {emotics.emotics_version}, model {checker.model}, {len(checker.profiles)} profiles")
    cli(args.cli, messages)
    measure("score_batch(list)", len(messages), lambda: checker.score_batch(messages))
    array = pa.array(messages, pa.string())
    measure("score_batch(pyarrow string array)", len(messages), lambda: checker.score_batch(array))
    measure("score_batch(array, explain=True)", len(messages), lambda: checker.score_batch(array, explain=True))
    measure("Checker.score per message (dict)", len(messages) // 10, lambda: [checker.score(t) for t in messages[::10]])
    if args.spark:
        spark(messages)


if __name__ == "__main__":
    main()
