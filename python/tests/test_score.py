"""emotics.score and Checker.score give the CLI's JSON report."""

import pathlib
import re
import tomllib

import pytest

import emotics
from conftest import REPO

MODEL_FILE = REPO / "data/model/emotics.model"


@pytest.mark.parametrize(
    ("kwargs", "cli_args"),
    [
        ({}, []),
        ({"lang": "fr"}, ["--lang", "fr"]),
        ({"lang": "en", "profiles": ["sms", "x"]}, ["--lang", "en", "--profile", "sms,x"]),
        ({"model": "none"}, ["--model", "none"]),
        ({"model": str(MODEL_FILE)}, ["--model", str(MODEL_FILE)]),
    ],
)
def test_score_equals_the_cli_json(messages, cli, kwargs, cli_args):
    expected = cli(messages, *cli_args)
    assert [emotics.score(text, **kwargs) for text in messages] == expected


def test_a_checker_scores_like_score(messages):
    checker = emotics.Checker(profiles="sms,bluesky")
    for text in messages[:50]:
        assert checker.score(text) == emotics.score(text, profiles=["sms", "bluesky"])
    assert checker.profiles == ["sms", "bluesky"]


def test_model_bytes_path_and_builtin_are_the_same_model():
    by_bytes = emotics.Checker(model=MODEL_FILE.read_bytes())
    by_path = emotics.Checker(model=MODEL_FILE)
    builtin = emotics.Checker()
    assert by_bytes.model == by_path.model == builtin.model
    assert re.fullmatch(r".+@[0-9a-f]{16}", builtin.model)
    text = "Livraison offerte ce week-end, profitez-en !"
    assert by_bytes.score(text) == builtin.score(text)
    assert builtin.score(text)["tone"]["model"]["name"] == builtin.model


def test_without_a_model_the_rule_engine_scores_and_reports_no_model():
    checker = emotics.Checker(model="none")
    assert checker.model == ""
    report = checker.score("Livraison offerte ce week-end, profitez-en !")
    assert "model" not in report["tone"]
    assert report["tone"] != emotics.score("Livraison offerte ce week-end, profitez-en !")["tone"]


def test_versions_and_provenance_name_the_library_data_and_model():
    version = tomllib.loads((REPO / "Cargo.toml").read_text())["package"]["version"]
    assert emotics.__version__ == emotics.emotics_version == version
    assert re.fullmatch(r"[0-9a-f]{16}", emotics.DATA_CHECKSUM)
    checker = emotics.Checker()
    assert checker.provenance == {"emotics": version, "data": emotics.DATA_CHECKSUM, "model": checker.model}


def test_lone_surrogates_are_replaced_as_in_the_browser():
    report = emotics.score("ok \ud800 ok")
    assert report == emotics.score("ok \ufffd ok")


def test_the_package_is_typed():
    package = pathlib.Path(emotics.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "__init__.pyi").is_file()


def test_a_checker_pickles_with_its_profiles_and_model():
    import pickle

    model = (REPO / "data/model/emotics.model").read_bytes()
    for checker in (emotics.Checker(profiles="sms", model=model), emotics.Checker(model="none")):
        copy = pickle.loads(pickle.dumps(checker))
        assert (copy.profiles, copy.model) == (checker.profiles, checker.model)
        assert copy.score("Super offre 🎉") == checker.score("Super offre 🎉")
