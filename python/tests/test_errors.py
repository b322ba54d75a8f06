"""Bad input raises a clear Python exception; no input crashes the interpreter."""

import pyarrow as pa
import pytest

import emotics
from conftest import REPO


def test_a_text_that_is_not_str_is_a_type_error():
    with pytest.raises(TypeError, match="text must be str, not int"):
        emotics.score(42)
    with pytest.raises(TypeError, match="text must be str, not bytes"):
        emotics.Checker().score(b"bytes")


def test_a_batch_item_that_is_not_str_names_its_index():
    with pytest.raises(TypeError, match=r"texts\[2\] is int: expected str or None"):
        emotics.Checker().score_batch(["a", None, 3])
    with pytest.raises(TypeError, match="single string"):
        emotics.Checker().score_batch("one message")
    with pytest.raises(TypeError, match="string array, not int64"):
        emotics.Checker().score_batch(pa.array([1, 2]))


def test_bad_model_bytes_are_a_value_error_with_the_reason():
    with pytest.raises(ValueError, match="not a valid emotics model: byte"):
        emotics.Checker(model=b"not a model")
    damaged = bytearray((REPO / "data/model/emotics.model").read_bytes())
    damaged[100] ^= 0xFF
    with pytest.raises(ValueError, match="checksum"):
        emotics.Checker(model=bytes(damaged))
    with pytest.raises(ValueError, match="not a valid emotics model"):
        emotics.score("hello", model=b"")


def test_bad_arguments_are_clear_errors(tmp_path):
    with pytest.raises(ValueError, match="unknown profile `nope`"):
        emotics.Checker(profiles=["sms", "nope"])
    with pytest.raises(ValueError, match="unknown language `de`"):
        emotics.score("hallo", lang="de")
    with pytest.raises(ValueError, match="unknown language"):
        emotics.Checker().score_batch(["hallo"], lang="xx")
    with pytest.raises(FileNotFoundError):
        emotics.Checker(model=tmp_path / "missing.model")
    with pytest.raises(TypeError, match="model must be"):
        emotics.Checker(model=3.5)


@pytest.mark.parametrize(
    "text",
    ["\x00" * 1000, "é" * 1_000_000, "🎉" * 100_000, "\u202e\ufeff\uffff", "a\ud800\udfff b", "\n" * 10_000],
)
def test_hostile_texts_get_reports(text):
    report = emotics.score(text, profiles=["x", "sms"])
    assert report["language"] in ("fr", "en", "und")
    assert -1 <= report["tone"]["valence"] <= 1
    batch = emotics.Checker(profiles=["x", "sms"]).score_batch([text, None])
    assert batch.field("tone.valence").to_pylist()[0] == report["tone"]["valence"]
