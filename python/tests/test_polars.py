"""Polars: the emotics namespace and the README's map_batches recipe, on lazy frames, chunked columns and nulls."""

import polars as pl
import pytest

import emotics


def test_map_batches_equals_score_batch(messages):
    checker = emotics.Checker(profiles=["sms", "x"])
    texts = messages[:60] + [None]
    # two chunks, as after a concatenation
    df = pl.concat([pl.DataFrame({"text": texts[:25]}), pl.DataFrame({"text": texts[25:]})], rechunk=False)
    dtype = pl.from_arrow(checker.score_batch([])).dtype
    scored = (
        df.lazy()
        .with_columns(
            pl.col("text")
            .map_batches(lambda s: pl.Series(checker.score_batch(s.to_arrow())), return_dtype=dtype)
            .alias("emotics")
        )
        .unnest("emotics")
        .collect()
    )
    expected = pl.from_arrow(checker.score_batch(texts)).struct.unnest()
    assert scored.drop("text").equals(expected)
    assert scored.columns[1:] == checker.fields
    assert scored["tone.valence"][len(texts) - 1] is None


def test_the_emotics_namespace_scores_a_column_as_score_batch(messages):
    import emotics.polars  # noqa: F401  (registers the namespace)

    texts = messages[:40] + [None]
    df = pl.concat([pl.DataFrame({"text": texts[:15]}), pl.DataFrame({"text": texts[15:]})], rechunk=False)
    for arguments in [{}, {"profiles": "sms,x", "lang": "fr"}, {"profiles": ["x"], "model": "none", "explain": True}]:
        checker = emotics.Checker(arguments.get("profiles"), arguments.get("model", "builtin"))
        expected = pl.from_arrow(
            checker.score_batch(texts, arguments.get("lang"), arguments.get("explain", False))
        ).struct.unnest()
        lazy = df.lazy().select(pl.col("text").emotics.score(**arguments).alias("e")).unnest("e").collect()
        assert lazy.equals(expected), arguments
        series = df["text"].emotics.score(**arguments).struct.unnest()
        assert series.equals(expected), arguments
    assert lazy.columns == checker.fields + ["tone.explanations"]


def test_the_emotics_namespace_refuses_what_is_no_text():
    import emotics.polars  # noqa: F401

    df = pl.DataFrame({"n": [1, 2]})
    with pytest.raises(Exception, match="String column"):
        df.select(pl.col("n").emotics.score())
    with pytest.raises(ValueError, match="profile"):
        pl.DataFrame({"t": ["a"]}).select(pl.col("t").emotics.score(profiles="nope"))
    # an all-null column is a column of null reports
    nulls = pl.DataFrame({"t": [None, None]}, schema={"t": pl.String}).select(pl.col("t").emotics.score())
    assert nulls["t"].null_count() == 2
