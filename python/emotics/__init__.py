"""Tone and exact platform-length checks for micromessages, in French and English.

A thin layer over the Rust core (the native module ``emotics._emotics``): ``score`` gives
the JSON report of ``emotics score --json`` as a dict, ``Checker.score_batch`` a
``pyarrow.StructArray`` of flat, typed columns named by their JSON paths
(``tone.valence``, ``tone.emotions.joy``, ``length.sms.valid``).
"""

from __future__ import annotations

import functools
import json
import os

from . import _emotics
from ._emotics import DATA_CHECKSUM, __version__, emotics_version

__all__ = ["Checker", "score", "__version__", "emotics_version", "DATA_CHECKSUM"]

# Arrow type of each kind of flat field (see Checker.fields)
_ARROW_TYPES = {"str": "string", "float": "float64", "int": "int64", "bool": "bool_"}


class Checker:
    """Scores messages with one set of lexicons, model and length profiles, loaded once.

    ``profiles``: the names of the length profiles to measure (a list, or one
    comma-separated string; ``None``: all of them). ``model``: ``"builtin"`` (default),
    ``"none"`` (the rule engine alone), the path of a file made by ``emotics train``, or
    its bytes. An unknown profile or an invalid model raises ``ValueError``.
    """

    def __init__(self, profiles=None, model="builtin"):
        if isinstance(profiles, str):
            profiles = profiles.split(",")
        elif profiles is not None:
            profiles = list(profiles)
        model = _model_argument(model)
        self._native = _emotics.Checker(profiles, model)
        self._fields = self._native.fields()
        # what __reduce__ rebuilds the checker from in another process (Spark, multiprocessing)
        self._arguments = (profiles, model)

    def __reduce__(self):
        return (Checker, self._arguments)

    @property
    def model(self) -> str:
        """The ids (``name@checksum``) of the models scoring, empty without one."""
        return self._native.model

    @property
    def profiles(self) -> list[str]:
        """The names of the length profiles measured."""
        return self._native.profiles

    @property
    def fields(self) -> list[str]:
        """The flat fields (columns of ``score_batch``), as dotted JSON paths."""
        return [path for path, _ in self._fields]

    @property
    def provenance(self) -> dict[str, str]:
        """What scored: the library's version, the embedded data's checksum and the model."""
        return {"emotics": emotics_version, "data": DATA_CHECKSUM, "model": self.model}

    def score(self, text: str, lang: str | None = None) -> dict:
        """The report of ``text`` (``emotics score --json``). ``lang``: ``"fr"``, ``"en"``,
        or ``None``/``"auto"`` to identify it."""
        return json.loads(self._native.score_json(text, lang))

    def score_batch(self, texts, lang: str | None = None, explain: bool = False):
        """Scores many messages into a ``pyarrow.StructArray``, one row per message.

        ``texts``: a list of ``str`` (or ``None``), or a pyarrow ``string``,
        ``large_string`` or ``string_view`` array or chunked array. Null messages give null
        rows. The columns are ``fields``; with ``explain=True`` a last column,
        ``tone.explanations``, holds each report's explanations as a JSON string.
        """
        pa = _pyarrow()
        if isinstance(texts, pa.ChunkedArray):
            parts = [self._score_arrow(chunk, lang, explain) for chunk in texts.chunks]
            return pa.concat_arrays(parts) if parts else self._assemble(self._native.score_list([], lang, explain))
        if isinstance(texts, pa.Array):
            return self._score_arrow(texts, lang, explain)
        if isinstance(texts, (str, bytes)):
            raise TypeError("texts must be a list of str or a pyarrow string array, not a single string")
        if not isinstance(texts, list):
            texts = list(texts)
        return self._assemble(self._native.score_list(texts, lang, explain))

    def arrow_type(self, explain: bool = False):
        """The ``pyarrow.struct`` type that ``score_batch`` returns."""
        pa = _pyarrow()
        fields = [pa.field(path, getattr(pa, _ARROW_TYPES[kind])()) for path, kind in self._fields]
        if explain:
            fields.append(pa.field("tone.explanations", pa.string()))
        return pa.struct(fields)

    def _score_arrow(self, array, lang, explain):
        pa = _pyarrow()
        if pa.types.is_string_view(array.type):
            array = array.cast(pa.large_string())
        if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
            raise TypeError(f"texts must be a string array, not {array.type}")
        return self._assemble(self._native.score_arrow(array, lang, explain))

    def _assemble(self, batch):
        """A ``StructArray`` from the native module's buffers (see ``_emotics.Checker``)."""
        pa = _pyarrow()
        rows, null_count, validity, columns = batch
        struct = self.arrow_type(explain=len(columns) > len(self._fields))
        children = [
            pa.Array.from_buffers(
                field.type,
                rows,
                [_buffer(pa, column_validity), *(pa.py_buffer(b) for b in buffers)],
                null_count=column_nulls,
            )
            for field, (column_validity, column_nulls, buffers) in zip(struct, columns)
        ]
        return pa.Array.from_buffers(struct, rows, [_buffer(pa, validity)], null_count=null_count, children=children)


def score(text: str, lang: str | None = None, profiles=None, model=None) -> dict:
    """The report of ``text`` (``emotics score --json``), with a checker kept for each
    ``profiles`` and ``model`` (see ``Checker``)."""
    return _checker(_hashable(profiles), _hashable(model)).score(text, lang)


@functools.lru_cache(maxsize=8)
def _checker(profiles, model) -> Checker:
    return Checker(profiles, "builtin" if model is None else model)


def _hashable(value):
    """``value`` as a key of the checkers kept by ``score``."""
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    return value


def _model_argument(model):
    """``builtin``, ``none`` or a model file's bytes (a path is read here)."""
    if model is None:
        return "builtin"
    if isinstance(model, (bytes, bytearray, memoryview)):
        return bytes(model)
    if isinstance(model, (str, os.PathLike)):
        if model in ("builtin", "none"):
            return model
        with open(model, "rb") as file:
            return file.read()
    raise TypeError(f"model must be a path, bytes, 'builtin' or 'none', not {type(model).__name__}")


def _buffer(pa, data):
    return None if data is None else pa.py_buffer(data)


def _pyarrow():
    try:
        import pyarrow
    except ImportError as e:
        raise ImportError("score_batch needs pyarrow: pip install 'emotics[arrow]'") from e
    return pyarrow
