"""Checker.score_batch: one typed row per message, equal to the per-message reports."""

import json

import pyarrow as pa
import pytest

import emotics
from conftest import at_path

PROFILES = ["sms", "x", "bluesky"]


@pytest.fixture(scope="module")
def checker():
    return emotics.Checker(profiles=PROFILES)


def test_every_column_equals_the_report_at_its_path(checker, messages):
    batch = checker.score_batch(messages)
    assert len(batch) == len(messages)
    batch.validate(full=True)
    rows = batch.to_pylist()
    for text, row in zip(messages, rows):
        report = checker.score(text)
        assert row == {path: at_path(report, path) for path in checker.fields}, text


def test_columns_are_flat_and_typed(checker):
    kinds = {field.name: field.type for field in checker.score_batch(["Bonjour"]).type}
    assert list(kinds) == checker.fields
    assert kinds["language"] == kinds["tone.label"] == pa.string()
    assert kinds["tone.valence"] == kinds["tone.emotions.joy"] == kinds["tone.tones.urgency"] == pa.float64()
    assert kinds["length.sms.length"] == kinds["length.sms.segments"] == pa.int64()
    assert kinds["length.x.valid"] == pa.bool_()
    assert "length.x.segments" not in kinds
    assert [p for p in kinds if p.startswith("length.")] == [
        "length.sms.length", "length.sms.valid", "length.sms.segments",
        "length.x.length", "length.x.valid",
        "length.bluesky.length", "length.bluesky.valid",
    ]


def test_null_messages_give_null_rows(checker):
    batch = checker.score_batch(["Super offre", None, "Bad", None])
    assert batch.null_count == 2
    assert batch.is_null().to_pylist() == [False, True, False, True]
    for column in batch.flatten():
        assert column.is_null().to_pylist() == [False, True, False, True]
    assert batch.to_pylist()[1] is None


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string(), pa.string_view()])
def test_arrow_arrays_score_like_lists(checker, messages, kind):
    texts = messages[:40] + [None]
    expected = checker.score_batch(texts)
    assert checker.score_batch(pa.array(texts, type=kind)).equals(expected)


def test_sliced_and_chunked_arrays_score_their_own_rows(checker, messages):
    texts = messages[:30] + [None] + messages[30:45]
    array = pa.array(texts)
    # a slice starts inside its buffers, with a validity bitmap
    assert checker.score_batch(array.slice(7, 30)).equals(checker.score_batch(texts[7:37]))
    chunked = pa.chunked_array([array.slice(0, 10), pa.array([], pa.string()), array.slice(10)])
    result = checker.score_batch(chunked)
    assert isinstance(result, pa.StructArray)
    assert result.equals(checker.score_batch(texts))


def test_empty_batches_have_the_columns(checker):
    for empty in ([], pa.array([], pa.string()), pa.chunked_array([], pa.string())):
        batch = checker.score_batch(empty)
        assert len(batch) == 0
        assert batch.type == checker.arrow_type()


def test_explanations_are_a_json_column_on_request(checker, messages):
    texts = messages[:20] + [None]
    batch = checker.score_batch(texts, explain=True)
    assert batch.type[-1] == pa.field("tone.explanations", pa.string())
    explanations = batch.field("tone.explanations").to_pylist()
    for text, column in zip(texts, explanations):
        if text is None:
            assert column is None
        else:
            assert json.loads(column) == checker.score(text)["tone"]["explanations"]
    assert "tone.explanations" not in checker.score_batch(texts).type.names


def test_lang_applies_to_every_message(checker):
    texts = ["Great offer", "Offre géniale"]
    batch = checker.score_batch(texts, lang="fr")
    assert batch.field("language").to_pylist() == ["fr", "fr"]
    assert batch.field("tone.valence").to_pylist() == [checker.score(t, lang="fr")["tone"]["valence"] for t in texts]


def test_iterables_and_tuples_are_read_as_lists(checker):
    texts = ("Super offre", None)
    assert checker.score_batch(texts).equals(checker.score_batch(list(texts)))
    assert checker.score_batch(iter(texts)).equals(checker.score_batch(list(texts)))


def test_all_profiles_by_default():
    checker = emotics.Checker()
    assert len(checker.profiles) > 10
    assert "length.google_ads_headline.valid" in checker.score_batch(["x"]).type.names


def test_columns_are_in_the_order_of_the_json_report(checker):
    def leaves(value, prefix=""):
        if isinstance(value, dict):
            for key, child in value.items():
                yield from leaves(child, f"{prefix}{key}.")
        else:
            yield prefix[:-1]

    order = list(leaves(checker.score("Offre exclusive pour vous 🎁")))
    assert [order.index(path) for path in checker.fields] == sorted(order.index(path) for path in checker.fields)
