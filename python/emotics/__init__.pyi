# Types of the public API of emotics (the module itself is emotics/__init__.py over the
# native emotics._emotics).
import os
from collections.abc import Iterable, Sequence
from typing import Any, Literal, Optional, Union

import pyarrow

__version__: str
emotics_version: str
DATA_CHECKSUM: str

Lang = Optional[Literal["fr", "en", "und", "auto"]]
Model = Union[str, os.PathLike[str], bytes, bytearray, memoryview, None]
Profiles = Union[str, Sequence[str], None]
Texts = Union[
    Iterable[Optional[str]],
    pyarrow.StringArray,
    pyarrow.LargeStringArray,
    pyarrow.StringViewArray,
    pyarrow.ChunkedArray,
]

class Checker:
    def __init__(self, profiles: Profiles = None, model: Model = "builtin") -> None: ...
    @property
    def model(self) -> str: ...
    @property
    def profiles(self) -> list[str]: ...
    @property
    def fields(self) -> list[str]: ...
    @property
    def provenance(self) -> dict[str, str]: ...
    def score(self, text: str, lang: Lang = None) -> dict[str, Any]: ...
    def score_batch(self, texts: Texts, lang: Lang = None, explain: bool = False) -> pyarrow.StructArray: ...
    def arrow_type(self, explain: bool = False) -> pyarrow.StructType: ...

def score(text: str, lang: Lang = None, profiles: Profiles = None, model: Model = None) -> dict[str, Any]: ...
