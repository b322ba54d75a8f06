"""Polars: ``import emotics.polars`` registers the ``emotics`` namespace, so that
``pl.col("text").emotics.score()`` (or ``series.emotics.score()``) scores a string column
into a struct of the columns of ``Checker.score_batch``.

The expression maps batches of the column through ``Checker.score_batch`` (Arrow in, Arrow
out, the GIL released while scoring); it is elementwise, so Polars may split a column among
its threads. A checker is kept for each ``profiles`` and ``model``, as ``emotics.score`` does.
"""

from __future__ import annotations

import polars as pl

from . import _checker, _hashable

__all__ = ["ExprNamespace", "SeriesNamespace"]


def _scorer(lang, profiles, model, explain):
    """The function from a string Series to its struct Series, and the struct's dtype."""
    checker = _checker(_hashable(profiles), _hashable(model))
    dtype = pl.from_arrow(checker.score_batch([], explain=explain)).dtype

    def score(texts: pl.Series) -> pl.Series:
        if texts.dtype not in (pl.String, pl.Null):
            raise TypeError(f"emotics scores a String column, not {texts.dtype}")
        return pl.Series(texts.name, checker.score_batch(texts.cast(pl.String).to_arrow(), lang, explain))

    return score, dtype


@pl.api.register_expr_namespace("emotics")
class ExprNamespace:
    """``pl.col("text").emotics``"""

    def __init__(self, expr: pl.Expr):
        self._expr = expr

    def score(self, lang=None, profiles=None, model=None, explain: bool = False) -> pl.Expr:
        """The scores of each message as a struct (``.struct.unnest()`` makes them columns):
        the arguments of ``emotics.Checker`` and ``Checker.score_batch``."""
        score, dtype = _scorer(lang, profiles, model, explain)
        return self._expr.map_batches(score, return_dtype=dtype, is_elementwise=True)


@pl.api.register_series_namespace("emotics")
class SeriesNamespace:
    """``series.emotics``"""

    def __init__(self, series: pl.Series):
        self._series = series

    def score(self, lang=None, profiles=None, model=None, explain: bool = False) -> pl.Series:
        """The scores of each message as a struct Series (see ``ExprNamespace.score``)."""
        score, _ = _scorer(lang, profiles, model, explain)
        return score(self._series)
