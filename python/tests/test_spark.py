"""The Spark recipe (mapInArrow, local mode). Run by scripts/test-spark, which installs
PySpark; skipped where PySpark is not installed."""

import os
import sys

import pytest

from conftest import REPO, readme_blocks

pytest.importorskip("pyspark")
# Spark's Python workers are this interpreter, which has emotics installed
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)


def test_the_readme_spark_recipe_runs():
    (code,) = readme_blocks(REPO / "python/README.md", "python spark")
    exec(compile(code, "python/README.md Spark example", "exec"), {})


def test_spark_scores_equal_score_batch(messages):
    import pyarrow as pa
    from pyspark.sql import SparkSession
    from pyspark.sql.pandas.types import from_arrow_schema

    import emotics

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    texts = messages + [None]
    df = spark.createDataFrame(list(enumerate(texts)), "id long, text string").repartition(3)
    columns = list(emotics.Checker(profiles=["sms", "x"]).arrow_type())
    schema = pa.schema([pa.field("id", pa.int64()), *columns])

    def score(batches):
        checker = emotics.Checker(profiles=["sms", "x"])
        for batch in batches:
            scored = checker.score_batch(batch.column("text"))
            yield pa.RecordBatch.from_arrays([batch.column("id"), *scored.flatten()], schema=schema)

    rows = df.mapInArrow(score, from_arrow_schema(schema)).toArrow().sort_by("id")
    expected = emotics.Checker(profiles=["sms", "x"]).score_batch(texts)
    assert rows.column("id").to_pylist() == list(range(len(texts)))
    for field in columns:
        assert rows.column(field.name).to_pylist() == expected.field(field.name).to_pylist(), field.name
