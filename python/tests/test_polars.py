"""Polars: the README's map_batches recipe on lazy frames, chunked columns and nulls."""

import polars as pl

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
